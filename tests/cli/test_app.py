"""The ``salesgen`` app itself: its commands, ``version``, and ``python -m salesgen``."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

from salesgen.cli import app
from salesgen.version import __version__

runner = CliRunner()


def test_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("generate", "validate", "load", "ddl", "config", "presets", "version"):
        assert command in result.stdout


def test_version() -> None:
    result = runner.invoke(app, ["version"])
    assert result.exit_code == 0 and result.stdout == f"salesgen {__version__}\n"


def test_python_dash_m_runs_the_same_app() -> None:
    result = subprocess.run([sys.executable, "-m", "salesgen", "version"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"salesgen {__version__}\n"


def test_importing_main_runs_nothing() -> None:
    # pytest's doctest collection imports every module of src/, __main__ included
    result = subprocess.run(
        [sys.executable, "-c", "import salesgen.__main__"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0 and result.stdout == ""
