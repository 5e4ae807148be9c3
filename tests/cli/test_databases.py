"""Tests of salesgen.cli.databases: `salesgen ddl` (and the deprecated `schema`), `load` and `generate --to`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg
import pytest
from typer.testing import CliRunner

from salesgen.cli import app
from salesgen.contract import TABLE_NAMES
from salesgen.databases import DIALECTS, ddl
from tests.servers import PG_URL

runner = CliRunner()


@pytest.mark.parametrize("dialect", DIALECTS)
def test_ddl_prints_the_libraries_statements(dialect: str) -> None:
    result = runner.invoke(app, ["ddl", "--dialect", dialect])
    assert result.exit_code == 0, result.output
    assert result.stdout == ";\n\n".join(ddl(dialect)) + ";\n"
    assert result.stderr == ""


def test_ddl_schema_and_prefix() -> None:
    result = runner.invoke(app, ["ddl", "--schema", "sales", "--prefix", "crm_"])
    assert result.exit_code == 0, result.output
    assert 'CREATE TABLE "sales"."crm_products"' in result.stdout


def test_ddl_refuses_an_unknown_dialect() -> None:
    result = runner.invoke(app, ["ddl", "--dialect", "oracle"])
    assert result.exit_code == 2 and "postgres" in result.output


def test_schema_is_a_hidden_deprecated_alias_of_ddl() -> None:
    old = runner.invoke(app, ["schema", "--dialect", "sqlite"])
    assert old.exit_code == 0
    assert old.stdout == runner.invoke(app, ["ddl", "--dialect", "sqlite"]).stdout
    assert old.stderr.count("\n") == 1 and "salesgen ddl" in old.stderr
    assert "schema" not in runner.invoke(app, ["--help"]).stdout.split("Commands")[1]


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
    result = runner.invoke(app, ["generate", "-n", "150", "--seed", "3", "--to", PG_URL, "--schema", pg_schema])
    assert result.exit_code == 0, result.output
    files = runner.invoke(
        app, ["generate", "-n", "150", "--seed", "3", "-f", "parquet", "-o", str(tmp_path / "p"), "-q"]
    )
    assert files.exit_code == 0
    import pyarrow.parquet as pq

    with psycopg.connect(PG_URL) as con:
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
