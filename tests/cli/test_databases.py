"""``salesgen ddl`` and its deprecated spelling ``salesgen schema`` (no server needed).

The database loads through the CLI are in tests/test_cli_databases.py.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from salesgen.cli import app
from salesgen.databases import DIALECTS, ddl

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
