"""The one reader: every output format and database URL reads back as the in-memory dataset, typed by the contract.

Also: SQL quoting (``salesgen.databases.sql``) round-trips through the real engines, and a hostile
``--schema``/``--prefix`` is refused before anything runs. Database tests use the real servers
(PostgreSQL 127.0.0.1:5432, MariaDB 127.0.0.1:3306), as tests/test_databases.py does.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import duckdb
import psycopg
import pyarrow as pa
import pymysql
import pytest
from typer.testing import CliRunner

from salesgen import Dataset, SalesDataGenerator
from salesgen.cli import app
from salesgen.databases import load_parquet_dataset
from salesgen.databases.sql import TYPES, Names, check_prefix, check_schema, ident, literal
from salesgen.formats import write_dataset
from salesgen.readers import SourceError, open_source, read, split_json_document
from salesgen.schema import TABLE_NAMES, TABLES, Kind, arrow_schema

PG_URL = "postgresql://root@127.0.0.1:5432/test"
MYSQL = {"host": "127.0.0.1", "port": 3306, "user": "root", "password": "", "autocommit": True}
SEED = 5
FORMATS = ("parquet", "csv", "jsonl", "json", "duckdb")
NAMES = {"parquet": "crm_parquet", "csv": "crm_csv", "jsonl": "crm_jsonl", "json": "crm.json", "duckdb": "crm.duckdb"}
HOSTILE = ['crm"; DROP TABLE sentinel; --', "crm; DROP TABLE sentinel", "Crm-1", "", "a" * 1100]
runner = CliRunner()


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return SalesDataGenerator(SEED).generate_dataset(num_customers=150, num_sales_people=6)


@pytest.fixture(scope="module")
def outputs(dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("outputs")
    return {fmt: write_dataset(dataset.config, SEED, fmt, root / NAMES[fmt]).target for fmt in FORMATS}


def _same(tables: dict[str, pa.Table], dataset: Dataset) -> None:
    assert set(tables) == set(TABLE_NAMES)
    for name in TABLE_NAMES:
        assert tables[name].schema.equals(arrow_schema(name), check_metadata=True), name
        key = TABLES[name].primary_key
        got, want = tables[name].sort_by(key), dataset[name].sort_by(key)
        assert got.num_rows == want.num_rows, name
        for column in want.column_names:   # column by column: a failure names the column
            assert got.column(column).equals(want.column(column)), (name, column)


# --- read(): every format, every database --------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_read_gives_the_contract_types_and_the_generated_rows(outputs: dict[str, Path], dataset: Dataset,
                                                              fmt: str) -> None:
    _same(read(outputs[fmt]), dataset)


def test_read_a_sqlite_and_a_duckdb_load(outputs: dict[str, Path], dataset: Dataset, tmp_path: Path) -> None:
    for url, prefix in ((f"sqlite:///{tmp_path / 'crm.db'}", "crm_"), (f"duckdb:///{tmp_path / 'crm.duckdb'}", "")):
        load_parquet_dataset(outputs["parquet"], url, prefix=prefix)
        _same(read(url, prefix=prefix), dataset)


@pytest.fixture
def pg_schema() -> Iterator[str]:
    name = f"salesgen_read_{secrets.token_hex(4)}"
    try:
        yield name
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as con:
            con.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE".encode())


def test_read_a_postgres_load(outputs: dict[str, Path], dataset: Dataset, pg_schema: str) -> None:
    load_parquet_dataset(outputs["parquet"], PG_URL, schema=pg_schema, prefix="t_")
    _same(read(PG_URL, schema=pg_schema, prefix="t_"), dataset)
    with open_source(PG_URL, schema=pg_schema, prefix="t_") as source:
        assert source.metadata["seed"] == SEED and source.config_origin == "the dataset's manifest"


def test_read_a_mariadb_load_with_its_manifest(outputs: dict[str, Path], dataset: Dataset) -> None:
    database = f"salesgen_read_{secrets.token_hex(4)}"
    url = f"mysql://root@127.0.0.1:3306/{database}"
    try:
        load_parquet_dataset(outputs["parquet"], url)
        _same(read(url), dataset)
        with open_source(url) as source:   # `key` is reserved in MariaDB: the metadata query must quote it
            assert source.metadata["seed"] == SEED and source.config_origin == "the dataset's manifest"
    finally:
        with closing(pymysql.connect(**MYSQL)) as con:
            con.cursor().execute(f"DROP DATABASE IF EXISTS {ident(database, 'mysql')}")


# --- the checking face ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_reads_the_same_rows(outputs: dict[str, Path], fmt: str) -> None:
    with open_source(outputs["parquet"]) as reference, open_source(outputs[fmt]) as source:
        assert source.kind == fmt
        for table in TABLE_NAMES:
            query = f"SELECT * FROM {ident(table)} ORDER BY 1"
            assert source.con.sql(query).fetchall() == reference.con.sql(query).fetchall(), table


def test_json_document_splits_into_tables_with_metadata(outputs: dict[str, Path], tmp_path: Path) -> None:
    metadata = split_json_document(outputs["json"], tmp_path)
    assert metadata["seed"] == SEED and metadata["config"]["num_customers"] == 150
    lines = (tmp_path / "customers.jsonl").read_text().splitlines()
    assert len(lines) == 150 and all(json.loads(line)["customer_id"] for line in lines)


def test_unreadable_inputs_are_source_errors(outputs: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="does not exist"):
        read(tmp_path / "absent")
    with pytest.raises(SourceError, match="not to files"):
        read(outputs["csv"], prefix="x_")
    with pytest.raises(SourceError, match="unsupported database URL"):
        read("oracle://host/db")
    with pytest.raises(SourceError, match="missing"):
        read(f"duckdb:///{outputs['duckdb']}", prefix="nope_")


# --- hostile names are refused before anything runs -----------------------------------------------------------------

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


@pytest.mark.parametrize("hostile", HOSTILE)
def test_validate_refuses_a_hostile_schema_or_prefix(sentinel: str, hostile: str) -> None:
    url = PG_URL + f"?options=-csearch_path%3D{sentinel}"
    for option in ("--schema", "--prefix") if hostile else ("--schema",):   # no prefix is a fine prefix
        result = runner.invoke(app, ["validate", url, option, hostile])
        assert result.exit_code == 2, result.output
        assert ("schema" if option == "--schema" else "prefix") in result.output
    with psycopg.connect(PG_URL) as con:
        assert con.execute(f"SELECT count(*) FROM {sentinel}.sentinel".encode()).fetchone() == (0,)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_loads_and_reads_refuse_hostile_names(hostile: str, tmp_path: Path) -> None:
    url = f"duckdb:///{tmp_path / 'x.duckdb'}"
    with pytest.raises(ValueError, match="schema"):
        load_parquet_dataset(tmp_path, url, schema=hostile)
    if hostile:
        with pytest.raises(ValueError, match="prefix"):
            load_parquet_dataset(tmp_path, url, prefix=hostile)
    with pytest.raises(SourceError, match="schema"):
        read(url, schema=hostile)
    assert not (tmp_path / "x.duckdb").exists()


# --- sql.py ---------------------------------------------------------------------------------------------------------

TRICKY = ["plain", "it's", 'say "hi"', "back\\slash", "back`tick", "ünï 日本 🚀", "", "new\nline", "--", "'; DROP"]


def test_literals_and_identifiers_round_trip_in_duckdb_and_sqlite() -> None:
    with closing(duckdb.connect()) as duck, closing(sqlite3.connect(":memory:")) as lite:
        for text in TRICKY:
            for con in (duck, lite):
                assert con.execute(f"SELECT {literal(text)}").fetchone() == (text,)
                if text:
                    con.execute(f"CREATE TABLE {ident(text)} ({ident(text)} INTEGER)")
                    assert con.execute(f"SELECT {ident(text)} FROM {ident(text)}").fetchall() == []
                    con.execute(f"DROP TABLE {ident(text)}")


def test_literals_and_identifiers_round_trip_in_postgres_and_mariadb() -> None:
    with psycopg.connect(PG_URL, autocommit=True) as pg, closing(pymysql.connect(**MYSQL)) as maria:
        cursor = maria.cursor()
        for text in TRICKY:
            assert pg.execute(f"SELECT {literal(text, 'postgres')}".encode()).fetchone() == (text,)
            cursor.execute(f"SELECT {literal(text, 'mysql')}")
            assert cursor.fetchone() == (text,)
            if text and text != "ünï 日本 🚀":   # MariaDB identifiers stop at the BMP
                cursor.execute(f"SELECT 1 AS {ident(text, 'mysql')}")
                assert cursor.description[0][0] == text


def test_names_are_checked_and_quoted() -> None:
    assert Names("postgres", "crm", "t_").table("contacts") == '"crm"."t_contacts"'
    assert Names("duckdb", "crm", catalog="my db").table("contacts") == '"my db"."crm"."contacts"'
    assert Names("mysql", "crm").table("contacts") == "`crm`.`contacts`"
    assert check_schema(None) is None and check_prefix("") == ""
    for hostile in HOSTILE:
        with pytest.raises(ValueError, match="schema"):
            Names("postgres", hostile)
    with pytest.raises(ValueError, match="prefix"):
        Names("postgres", prefix="T_")
    with pytest.raises(ValueError, match="NUL"):
        literal("a\x00b")
    with pytest.raises(ValueError, match="longer than 63"):
        Names("postgres", prefix="p" * 60).table("customers")


def test_every_dialect_maps_every_kind() -> None:
    assert all(set(types) == set(Kind) for types in TYPES.values())
