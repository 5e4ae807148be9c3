"""CLI conventions: --version, shell completion, closed choices in any case, whole lines when piped, load progress."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from salesgen.cli import app, databases
from salesgen.version import __version__

runner = CliRunner()
TINY = ["--customers", "12", "--reps", "3", "-q"]


def _complete(words: str, tmp_path: Path) -> list[str]:
    """What bash completion offers for ``words`` (the word being completed is the last one)."""
    env = {**os.environ, "_SALESGEN_COMPLETE": "complete_bash", "COMP_WORDS": words}
    env["COMP_CWORD"] = str(len(words.split(" ")) - 1)
    code = "from salesgen.cli import app; app(prog_name='salesgen')"
    result = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_version_flag_and_command_agree() -> None:
    flag, command = runner.invoke(app, ["--version"]), runner.invoke(app, ["version"])
    assert flag.exit_code == command.exit_code == 0
    assert flag.stdout == command.stdout == f"salesgen {__version__}\n"


def test_shell_completion_offers_the_closed_choices(tmp_path: Path) -> None:
    assert _complete("salesgen generate --format ", tmp_path) == ["parquet", "duckdb", "csv", "jsonl", "json"]
    assert _complete("salesgen generate --format j", tmp_path) == ["jsonl", "json"]
    assert _complete("salesgen ddl --dialect ", tmp_path) == ["postgres", "mysql", "sqlite", "duckdb"]
    assert _complete("salesgen load --if-exists ", tmp_path) == ["fail", "replace"]
    assert "--install-completion" in runner.invoke(app, ["--help"]).stdout


def test_closed_choices_take_any_case(tmp_path: Path) -> None:
    out = tmp_path / "crm"
    assert runner.invoke(app, ["generate", *TINY, "-f", "Parquet", "-o", str(out)]).exit_code == 0
    assert (out / "customers" / "part-00000.parquet").is_file()
    ddl = runner.invoke(app, ["ddl", "--dialect", "SQLite"])
    assert ddl.exit_code == 0 and "CREATE TABLE" in ddl.stdout
    db = tmp_path / "crm.db"
    url = f"sqlite:///{db}"
    assert runner.invoke(app, ["load", str(out), "--to", url, "-q"]).exit_code == 0
    again = runner.invoke(app, ["load", str(out), "--to", url, "--if-exists", "REPLACE", "-q"])
    assert again.exit_code == 0, again.output
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM customers").fetchone() == (12,)


def test_piped_output_keeps_long_paths_and_hashes_on_one_line(tmp_path: Path) -> None:
    out = tmp_path / ("a-rather-long-folder-name-" * 4) / "crm_parquet"
    args = [sys.executable, "-m", "salesgen", "generate", "--customers", "12", "--reps", "3", "-f", "parquet"]
    result = subprocess.run([*args, "-o", str(out)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert any(str(out) in line for line in lines), result.stderr
    assert any(len(word) == 64 for line in lines if line.startswith("dataset hash") for word in line.split())


@pytest.mark.parametrize("show", [True, False])
def test_loading_shows_progress_over_the_manifest_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, show: bool
) -> None:
    out = tmp_path / "crm"
    assert runner.invoke(app, ["generate", *TINY, "-f", "parquet", "-o", str(out)]).exit_code == 0
    screen = io.StringIO()
    monkeypatch.setattr(databases, "console", Console(file=screen, force_terminal=show, width=120))
    databases.load_into(out, f"sqlite:///{tmp_path / 'crm.db'}", "fail", None, "", quiet=False)
    assert ("loading" in screen.getvalue()) is show
