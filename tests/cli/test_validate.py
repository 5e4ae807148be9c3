"""Tests of salesgen.cli.validate: `salesgen validate` on every output format and loaded database."""

from __future__ import annotations

import csv
import json
import secrets
import shutil
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
from typer.testing import CliRunner

from salesgen.cli import app
from salesgen.config import Config
from salesgen.formats import write_dataset
from tests.servers import HOSTILE, PG_URL

runner = CliRunner()
CONFIG = Config(num_customers=300, num_sales_reps=6, block_size=100)
FORMATS = ("parquet", "csv", "jsonl", "json", "duckdb")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("outputs")
    names = {
        "parquet": "crm_parquet",
        "csv": "crm_csv",
        "jsonl": "crm_jsonl",
        "json": "crm.json",
        "duckdb": "crm.duckdb",
    }
    return {fmt: write_dataset(CONFIG, 4, fmt, root / names[fmt]).target for fmt in FORMATS}


@pytest.mark.parametrize("fmt", FORMATS)
def test_clean_output_passes_in_every_format(outputs: dict[str, Path], fmt: str) -> None:
    result = runner.invoke(app, ["validate", str(outputs[fmt]), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["passed"] and report["format"] == fmt and report["config_from"] == "the dataset's manifest"
    hard = [r for r in report["results"] if r["kind"] == "hard"]
    assert len(hard) > 60 and all(r["status"] == "pass" for r in hard)


def test_a_cent_off_in_a_csv_fails_the_right_checks(outputs: dict[str, Path], tmp_path: Path) -> None:
    broken = tmp_path / "crm"
    shutil.copytree(outputs["csv"], broken)
    path = broken / "opportunity_line_items.csv"
    rows = list(csv.reader(path.open(newline="")))
    header = rows[0]
    total = header.index("total_price")
    cents = round(float(rows[1][total]) * 100) + 1
    rows[1][total] = f"{cents // 100}.{cents % 100:02d}"
    with path.open("w", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    result = runner.invoke(app, ["validate", str(broken), "--json", "--hard-only"])
    assert result.exit_code == 1
    failed = {r["name"]: r for r in json.loads(result.stdout)["results"] if r["status"] == "fail"}
    assert set(failed) == {"money.line_total", "money.amount_equals_line_total"}
    assert failed["money.line_total"]["examples"] == [rows[1][header.index("line_item_id")]]


def test_missing_table_is_unreadable_input(outputs: dict[str, Path], tmp_path: Path) -> None:
    broken = tmp_path / "crm"
    shutil.copytree(outputs["jsonl"], broken)
    (broken / "contacts.jsonl").unlink()
    result = runner.invoke(app, ["validate", str(broken)])
    assert result.exit_code == 2 and "contacts" in result.output and "expected" in result.output


def test_missing_column_is_named(outputs: dict[str, Path], tmp_path: Path) -> None:
    broken = tmp_path / "crm"
    shutil.copytree(outputs["csv"], broken)
    path = broken / "customers.csv"
    rows = [row[:-1] for row in csv.reader(path.open(newline=""))]  # drop created_at
    with path.open("w", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    result = runner.invoke(app, ["validate", str(broken)])
    assert result.exit_code == 2 and "customers" in result.output


def test_not_a_dataset(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    assert runner.invoke(app, ["validate", str(tmp_path / "notes.txt")]).exit_code == 2
    assert runner.invoke(app, ["validate", str(tmp_path)]).exit_code == 2
    assert runner.invoke(app, ["validate", str(tmp_path / "absent")]).exit_code == 2


def test_unknown_check_name(outputs: dict[str, Path]) -> None:
    result = runner.invoke(app, ["validate", str(outputs["parquet"]), "--check", "money.line_totl"])
    assert result.exit_code == 2 and "money.line_total" in result.output


@pytest.fixture
def sentinel() -> Iterator[str]:
    """A PostgreSQL schema holding a table named ``sentinel`` that an injection would drop."""
    schema = f"salesgen_sentinel_{secrets.token_hex(4)}"
    with psycopg.connect(PG_URL, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {schema}; CREATE TABLE {schema}.sentinel (x int)".encode())
    try:
        yield schema
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as con:
            con.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE".encode())


@pytest.mark.db
@pytest.mark.parametrize("hostile", HOSTILE)
def test_validate_refuses_a_hostile_schema_or_prefix(sentinel: str, hostile: str) -> None:
    url = PG_URL + f"?options=-csearch_path%3D{sentinel}"
    for option in ("--schema", "--prefix") if hostile else ("--schema",):  # no prefix is a fine prefix
        result = runner.invoke(app, ["validate", url, option, hostile])
        assert result.exit_code == 2, result.output
        assert ("schema" if option == "--schema" else "prefix") in result.output
    with psycopg.connect(PG_URL) as con:
        assert con.execute(f"SELECT count(*) FROM {sentinel}.sentinel".encode()).fetchone() == (0,)


@pytest.fixture
def maria_database() -> Iterator[str]:
    import pymysql

    name = f"salesgen_cli_{secrets.token_hex(4)}"
    with closing(pymysql.connect(host="127.0.0.1", port=3306, user="root", password="")) as con:
        con.cursor().execute(f"CREATE DATABASE {name}")
    try:
        yield name
    finally:
        with closing(pymysql.connect(host="127.0.0.1", port=3306, user="root", password="")) as con:
            con.cursor().execute(f"DROP DATABASE IF EXISTS {name}")


@pytest.mark.db
def test_validate_a_loaded_postgres_database_and_catch_a_broken_row(pg_schema: str) -> None:
    assert runner.invoke(app, ["generate", "-n", "200", "--to", PG_URL, "--schema", pg_schema, "-q"]).exit_code == 0
    clean = runner.invoke(app, ["validate", PG_URL, "--schema", pg_schema, "--json", "--hard-only"])
    assert clean.exit_code == 0, clean.output
    assert json.loads(clean.stdout)["config_from"] == "the dataset's manifest"
    with psycopg.connect(PG_URL, autocommit=True) as con:
        victim = con.execute(f"SELECT min(opportunity_id) FROM {pg_schema}.opportunities WHERE is_won").fetchone()
        assert victim is not None
        con.execute(f"UPDATE {pg_schema}.opportunities SET probability = 90 WHERE opportunity_id = %s", victim)
    broken = runner.invoke(app, ["validate", PG_URL, "--schema", pg_schema, "--json", "--hard-only"])
    assert broken.exit_code == 1
    failed = {r["name"]: r for r in json.loads(broken.stdout)["results"] if r["status"] == "fail"}
    assert "consistency.probability_follows_stage" in failed
    assert str(victim[0]) in failed["consistency.probability_follows_stage"]["examples"]


@pytest.mark.db
def test_validate_mariadb_and_sqlite(tmp_path: Path, maria_database: str) -> None:
    maria = f"mysql://root@127.0.0.1:3306/{maria_database}"
    lite = f"sqlite:///{tmp_path / 'crm.db'}"
    for url in (maria, lite):
        assert runner.invoke(app, ["generate", "-n", "150", "--to", url, "-q"]).exit_code == 0
        result = runner.invoke(app, ["validate", url, "--hard-only", "--json"])
        assert result.exit_code == 0, result.output
    missing = runner.invoke(app, ["validate", f"sqlite:///{tmp_path / 'absent.db'}"])
    assert missing.exit_code == 2
