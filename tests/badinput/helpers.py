"""What every bad-input case asserts: the exit code, no traceback, a message naming the culprit, nothing left over."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from salesgen.cli import app

runner = CliRunner()
TINY = ["-n", "20", "--reps", "2", "-q"]  # the smallest run worth generating


def flat(text: str) -> str:
    """``text`` with line breaks and runs of spaces collapsed (rich may wrap a long message)."""
    return re.sub(r"\s+", " ", text)


def invoke(args: list[str], **kwargs: Any) -> Result:
    return runner.invoke(app, [str(a) for a in args], **kwargs)


def check_refused(result: Result, *names: str, code: int = 2) -> str:
    """The command failed with ``code``, raised nothing but its exit, and its message names every one of ``names``."""
    output = flat(result.output)
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in output, output
    for name in names:
        assert flat(name) in output, f"{name!r} not named in: {output}"
    return output


def leftovers(folder: Path) -> list[str]:
    """Staging, scratch or half-written files salesgen may have left in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if ".salesgen-" in p.name or p.name.startswith("salesgen-"))
