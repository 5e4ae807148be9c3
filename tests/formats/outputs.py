"""Helpers of the format tests: write tables through the one writer, hash and open what it wrote."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from salesgen.contract import BLOCK_TABLES, TABLE_NAMES, TABLES
from salesgen.formats import write_tables
from salesgen.generator import Dataset
from tests.samples import split

METADATA = {"salesgen_version": "0.1.0", "seed": 42, "config": {"customers": 3, "name": "Zürich"}}


def write_all(
    fmt: str,
    target: Path,
    tables: dict[str, pa.Table],
    *,
    pieces: int = 1,
    overwrite: bool = False,
    metadata: dict[str, Any] | None = None,
) -> Path:
    """Write ``tables`` through the one writer, the block tables cut into ``pieces`` blocks."""
    block_rows = {name: [piece.num_rows for piece in split(tables[name], pieces)] for name in BLOCK_TABLES}
    return write_tables(
        tables, METADATA if metadata is None else metadata, fmt, target, block_rows=block_rows, overwrite=overwrite
    ).target


def digests(path: Path) -> dict[str, str]:
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    return {str(p.relative_to(path.parent)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if ".salesgen-" in p.name)


def write_data(fmt: str, target: Path, data: Dataset, **options: Any) -> Path:
    return write_tables(data, data.metadata(), fmt, target, block_rows=data.block_rows, **options).target


def duckdb_tables(path: Path) -> dict[str, pa.Table]:
    with duckdb.connect(str(path), read_only=True) as con:
        con.execute("SET TimeZone = 'UTC'")
        return {
            name: con.sql(f'SELECT * FROM "{name}" ORDER BY "{TABLES[name].primary_key}"').to_arrow_table()
            for name in TABLE_NAMES
        }


def duckdb_metadata(path: Path) -> dict[str, Any]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {key: json.loads(value) for key, value in con.sql("SELECT key, value FROM salesgen_metadata").fetchall()}


def duckdb_constraints(path: Path) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(path), read_only=True) as con:
        return sorted(
            con.sql("SELECT table_name, constraint_type, constraint_text FROM duckdb_constraints()").fetchall()
        )


def tree_hashes(path: Path) -> dict[str, str]:
    files = [p for p in sorted(path.rglob("*")) if p.is_file()] if path.is_dir() else [path]
    return {str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}
