"""URL parameters against the real servers: honoured (SSL options reach the driver) or refused by name.

The local servers run without SSL, so a URL that requires SSL must fail with a clear error rather
than connect in plain text, and one that disables it must work.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import salesgen
from salesgen.config import Config
from salesgen.databases import load_parquet_dataset, parse_url
from salesgen.databases import mysql as mysql_backend
from salesgen.databases import postgres as postgres_backend
from salesgen.readers import SourceError
from tests.databases.places import Db, mysql_place
from tests.servers import MYSQL_URL, PG_URL

pytestmark = pytest.mark.db


def _with(url: str, query: str) -> str:
    return url + ("&" if "?" in url else "?") + query


@pytest.fixture(scope="module")
def crm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    config = Config(num_customers=20, num_sales_reps=3)
    return salesgen.write(config, seed=5, format="parquet", target=tmp_path_factory.mktemp("p") / "crm").target


@pytest.fixture
def maria() -> Iterator[Db]:
    with mysql_place() as db:
        yield db


def test_postgres_sslmode_disable_connects() -> None:
    with postgres_backend.connect(parse_url(_with(PG_URL, "sslmode=disable"))) as connection:
        assert connection.execute("SELECT 1").fetchone() == (1,)
        assert connection.info.get_parameters()  # a live session


def test_postgres_sslmode_require_fails_clearly_instead_of_connecting_in_plain_text() -> None:
    with pytest.raises(ConnectionError, match=r"cannot connect to PostgreSQL .*SSL"):
        postgres_backend.connect(parse_url(_with(PG_URL, "sslmode=require")))
    with pytest.raises(SourceError, match="SSL"):
        salesgen.read(_with(PG_URL, "sslmode=require"), tables=["products"])


def test_mysql_ssl_mode_disabled_connects_and_required_fails_clearly() -> None:
    connection = mysql_backend.connect(parse_url(_with(MYSQL_URL, "ssl_mode=disabled")))
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            assert cursor.fetchone() == (1,)
    finally:
        connection.close()
    for query in ("ssl_mode=required", "ssl_verify_cert=true"):
        with pytest.raises(ConnectionError, match="SSL is required but the server doesn't support it"):
            mysql_backend.connect(parse_url(_with(MYSQL_URL, query)))


@pytest.mark.parametrize(
    ("url", "name"),
    [
        (_with(PG_URL, "sslmod=require"), "sslmod"),
        (_with(MYSQL_URL, "ssl=true"), "ssl"),
        (_with(MYSQL_URL, "password=x"), "password"),
        ("sqlite:///crm.db?mode=ro", "mode"),
        ("duckdb:///crm.duckdb?threads=4", "threads"),
    ],
)
def test_an_unknown_parameter_is_refused_by_name(url: str, name: str) -> None:
    with pytest.raises(ValueError, match=rf"unknown URL parameter '{name}' for .*; accepted: "):
        parse_url(url)
    with pytest.raises(SourceError, match=rf"unknown URL parameter '{name}'"):
        salesgen.read(url)


def test_a_bad_value_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="ssl_mode='sometimes': choose one of disabled"):
        parse_url(_with(MYSQL_URL, "ssl_mode=sometimes"))
    with pytest.raises(ValueError, match="collation='latin1_bin; DROP' must be a utf8mb4 collation"):
        parse_url(_with(MYSQL_URL, "collation=latin1_bin; DROP"))


def _collations(db: Db) -> dict[str, str]:
    rows = db.query(
        "SELECT CONCAT(table_name, '.', column_name), collation_name FROM information_schema.columns "
        f"WHERE table_schema = '{parse_url(db.url).database}' AND collation_name IS NOT NULL"
    )
    return {str(name): str(collation) for name, collation in rows}


def test_mariadb_text_is_case_insensitive_by_default_and_keys_stay_binary(maria: Db, crm: Path) -> None:
    load_parquet_dataset(crm, maria.url)
    collations = _collations(maria)
    assert collations["customers.name"] == "utf8mb4_unicode_ci"
    assert collations["salesgen_metadata.key"] == "utf8mb4_bin"
    (name,) = maria.query("SELECT name FROM customers ORDER BY customer_id LIMIT 1")[0]
    assert maria.query(f"SELECT count(*) FROM customers WHERE name = '{name.upper()}'")[0][0] >= 1
    assert salesgen.validate(maria.url, hard_only=True).passed


def test_mariadb_collation_parameter_keeps_text_binary(maria: Db, crm: Path) -> None:
    load_parquet_dataset(crm, _with(maria.url, "collation=utf8mb4_bin"))
    assert _collations(maria)["customers.name"] == "utf8mb4_bin"
    (name,) = maria.query("SELECT name FROM customers ORDER BY customer_id LIMIT 1")[0]
    assert name != name.upper()
    assert maria.query(f"SELECT count(*) FROM customers WHERE name = '{name.upper()}'")[0][0] == 0
