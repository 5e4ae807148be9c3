"""Helpers shared by the benchmark scripts: argument parsing, aligned tables, scratch directories."""

from __future__ import annotations

import os
import platform
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

MIB = 1024 * 1024


def parse_ints(text: str) -> list[int]:
    """``"100000,1_000_000"`` → ``[100000, 1000000]``."""
    return [int(part.replace("_", "")) for part in text.split(",") if part.strip()]


def parse_names(text: str) -> list[str]:
    """``"parquet, duckdb"`` → ``["parquet", "duckdb"]``."""
    return [part.strip() for part in text.split(",") if part.strip()]


def per_second(count: float, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("nan")


def num(value: float, decimals: int = 0) -> str:
    """A number with thousands separators."""
    return f"{value:,.{decimals}f}"


def print_table(
    title: str, headers: Sequence[str], rows: Sequence[Sequence[object]], notes: Sequence[str] = ()
) -> None:
    """Print a plain aligned text table: first column left-aligned, the others right-aligned."""
    cells = [[str(h) for h in headers], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))

    rule = "-" * (sum(widths) + 2 * (len(widths) - 1))
    print(f"\n{title}\n{rule}\n{line(cells[0])}\n{rule}")
    for row in cells[1:]:
        print(line(row))
    print(rule)
    for note in notes:
        print(note)
    sys.stdout.flush()


def environment() -> str:
    """One line describing the machine and the versions that matter for the figures."""
    import duckdb
    import pyarrow

    from salesgen.version import __version__

    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"salesgen {__version__} | Python {platform.python_version()} | pyarrow {pyarrow.__version__} | "
        f"duckdb {duckdb.__version__} | {os.cpu_count()} CPUs | load average {load}"
    )


@contextmanager
def scratch(parent: str | None, prefix: str) -> Iterator[Path]:
    """A temporary directory under ``parent`` (default: the system temp dir), removed at the end."""
    if parent is not None:
        Path(parent).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=prefix, dir=parent) as path:
        yield Path(path)
