"""End-to-end database commands of the CLI against the real servers (never skipped)."""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
from typer.testing import CliRunner

from salesgen.cli import app
from salesgen.schema import TABLE_NAMES

runner = CliRunner()
POSTGRES = "postgresql://root@127.0.0.1:5432/test"


@pytest.fixture
def pg_schema() -> Iterator[str]:
    name = f"salesgen_cli_{secrets.token_hex(4)}"
    try:
        yield name
    finally:
        with psycopg.connect("host=127.0.0.1 port=5432 user=root dbname=test", autocommit=True) as con:
            con.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")


def test_generate_to_sqlite_then_refuse_then_replace(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    first = runner.invoke(app, ["generate", "-n", "120", "--to", url, "-q"])
    assert first.exit_code == 0, first.output
    with sqlite3.connect(tmp_path / "crm.db") as con:
        assert con.execute("SELECT count(*) FROM customers").fetchone() == (120,)
    refused = runner.invoke(app, ["generate", "-n", "50", "--to", url, "-q"])
    assert refused.exit_code == 2 and "--if-exists replace" in refused.output
    replaced = runner.invoke(app, ["generate", "-n", "50", "--to", url, "--if-exists", "replace", "-q"])
    assert replaced.exit_code == 0, replaced.output
    with sqlite3.connect(tmp_path / "crm.db") as con:
        assert con.execute("SELECT count(*) FROM customers").fetchone() == (50,)


@pytest.mark.db
def test_generate_to_postgres_schema_matches_the_files(tmp_path: Path, pg_schema: str) -> None:
    result = runner.invoke(app, ["generate", "-n", "150", "--seed", "3", "--to", POSTGRES, "--schema", pg_schema])
    assert result.exit_code == 0, result.output
    files = runner.invoke(app, ["generate", "-n", "150", "--seed", "3", "-f", "parquet", "-o", str(tmp_path / "p"),
                                "-q"])
    assert files.exit_code == 0
    import pyarrow.parquet as pq

    with psycopg.connect("host=127.0.0.1 port=5432 user=root dbname=test") as con:
        for table in TABLE_NAMES:
            count = con.execute(f"SELECT count(*) FROM {pg_schema}.{table}").fetchone()
            assert count == (pq.read_table(tmp_path / "p" / table).num_rows,), table


def test_load_command_and_bad_urls(tmp_path: Path) -> None:
    out = tmp_path / "crm"
    assert runner.invoke(app, ["generate", "-n", "40", "-f", "parquet", "-o", str(out), "-q"]).exit_code == 0
    loaded = runner.invoke(app, ["load", str(out), "--to", f"duckdb:///{tmp_path / 'x.duckdb'}", "-q"])
    assert loaded.exit_code == 0, loaded.output
    bad = runner.invoke(app, ["load", str(out), "--to", "oracle://nope"])
    assert bad.exit_code == 2 and "postgresql" in bad.output
    down = runner.invoke(app, ["load", str(out), "--to", "postgresql://root@127.0.0.1:1/test"])
    assert down.exit_code == 2


def test_schema_command_prints_ddl_for_every_dialect() -> None:
    for dialect in ("postgres", "mysql", "sqlite", "duckdb"):
        result = runner.invoke(app, ["schema", "--dialect", dialect])
        assert result.exit_code == 0, result.output
        assert all(table in result.stdout for table in TABLE_NAMES)
        assert "FOREIGN KEY" in result.stdout.upper() or "REFERENCES" in result.stdout.upper()
    assert runner.invoke(app, ["schema", "--dialect", "oracle"]).exit_code == 2


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
    assert runner.invoke(app, ["generate", "-n", "200", "--to", POSTGRES, "--schema", pg_schema, "-q"]).exit_code == 0
    clean = runner.invoke(app, ["validate", POSTGRES, "--schema", pg_schema, "--json", "--hard-only"])
    assert clean.exit_code == 0, clean.output
    assert json.loads(clean.stdout)["config_from"] == "the dataset's manifest"
    with psycopg.connect("host=127.0.0.1 port=5432 user=root dbname=test", autocommit=True) as con:
        victim = con.execute(f"SELECT min(opportunity_id) FROM {pg_schema}.opportunities WHERE is_won").fetchone()
        assert victim is not None
        con.execute(f"UPDATE {pg_schema}.opportunities SET probability = 90 WHERE opportunity_id = %s", victim)
    broken = runner.invoke(app, ["validate", POSTGRES, "--schema", pg_schema, "--json", "--hard-only"])
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
