"""The part model every format shares: one part per (table, block), assembled in block order.

Encoding is the expensive half of writing, so it happens where a block is made
(in the workers, next to generation). A part depends only on its block's rows,
so the assembled output is byte-identical whatever the number of workers, and
whether the rows come from the generator or from an in-memory dataset.

Part names: ``<table>/part-00042.<ext>`` for block 42, ``<table>/part-run.<ext>``
for the run-scope tables (products, discount tiers, competitors, sales reps).

Example:
    >>> part_name(42), part_name("run")
    ('part-00042', 'part-run')
    >>> sorted(["part-run.csv", "part-00010.csv", "part-00002.csv"], key=block_order)
    ['part-00002.csv', 'part-00010.csv', 'part-run.csv']
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO, ClassVar

import pyarrow as pa

from salesgen.contract import TABLE_NAMES, TABLES, arrow_schema
from salesgen.formats.manifest import FileEntries

RUN_SCOPE_PART = "run"
"""Block label of the run-scope tables' parts."""
PARTS_DIR = ".parts"
"""Folder of the parts inside the staging directory, for formats whose parts are not final files."""

Block = int | str  # a block number, or RUN_SCOPE_PART


def part_name(block: Block) -> str:
    """``part-00042`` for block 42; ``part-run`` for the run-scope tables (zero-padded: names sort as blocks)."""
    return f"part-{block:05d}" if isinstance(block, int) else f"part-{block}"


def block_order(name: str) -> tuple[int, int]:
    """Sort key of a part file name: block number, the run-scope part last.

    (``databases/source.py`` has its own copy keyed by table too; it reads manifests, not folders.)
    """
    label = name.split(".")[0].removeprefix("part-")
    return (0, int(label)) if label.isdigit() else (1, 0)


@cache
def _expected(table: str) -> pa.Schema:
    return arrow_schema(table)


def conform(table: str, batch: pa.Table | pa.RecordBatch) -> pa.Table:
    """Check ``batch`` against the contract of ``table``; return it with the contract's schema.

    Column names and order and Arrow types must match exactly, and columns the
    contract declares non-nullable must hold no null.

    Example:
        >>> conform("discount_tiers", pa.table({
        ...     "discount_tier_id": [11], "product_id": [1], "min_quantity": [1],
        ...     "max_quantity": pa.array([None], pa.int64()),
        ...     "discount_pct": pa.array([0], pa.decimal128(5, 4))})).num_rows
        1
        >>> conform("discount_tiers", pa.table({"discount_tier_id": [1]}))
        Traceback (most recent call last):
        ...
        ValueError: table 'discount_tiers': got columns ['discount_tier_id'], expected ['discount_tier_id', \
'product_id', 'min_quantity', 'max_quantity', 'discount_pct']
    """
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(TABLE_NAMES)}")
    if isinstance(batch, pa.RecordBatch):
        batch = pa.Table.from_batches([batch])
    if not isinstance(batch, pa.Table):
        raise TypeError(f"table {table!r}: expected a pyarrow.Table, got {type(batch).__name__}")
    schema = _expected(table)
    if batch.schema.names != schema.names:
        raise ValueError(f"table {table!r}: got columns {batch.schema.names}, expected {schema.names}")
    for spec, column in zip(schema, batch.columns, strict=True):
        if column.type != spec.type:
            raise TypeError(f"column {table}.{spec.name}: got Arrow type {column.type}, expected {spec.type}")
        if not spec.nullable and column.null_count:
            raise ValueError(f"column {table}.{spec.name} is not nullable but holds {column.null_count} nulls")
    return pa.Table.from_arrays(batch.columns, schema=schema)


@dataclass
class Parts:
    """The parts written so far: their folder, manifest entries of final parts, rows per table."""

    root: Path
    entries: FileEntries = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLE_NAMES, 0))

    def add(self, entries: FileEntries, rows: Mapping[str, int]) -> None:
        """Record what one block (or the run scope) wrote."""
        self.entries.update(entries)
        for name, count in rows.items():
            self.rows[name] += count


def copy_hashed(sources: list[Path], destination: BinaryIO, digest: Any, skip_first: int = 0) -> int:
    """Append ``sources`` to ``destination``, updating ``digest``; return the bytes copied.

    ``skip_first`` bytes of the first source are left out (the JSON document drops a leading comma).
    """
    size = 0
    for index, source in enumerate(sources):
        with source.open("rb") as handle:
            if index == 0 and skip_first:
                handle.seek(skip_first)
            while chunk := handle.read(8 << 20):
                destination.write(chunk)
                digest.update(chunk)
                size += len(chunk)
    return size


class PartFormat:
    """How one output format writes parts (anywhere) and assembles them (in the main process).

    ``directory``: the output is a folder (else one file). ``hashes_parts``: parts
    are final files, hashed where they are written (Parquet).
    """

    name: ClassVar[str]
    extension: ClassVar[str]
    directory: ClassVar[bool] = True
    hashes_parts: ClassVar[bool] = False

    def parts_root(self, artifact: Path, staging_root: Path) -> Path:
        """Where parts go: scratch space inside the staging directory unless parts are final files."""
        return staging_root / PARTS_DIR

    def write_part(self, parts_root: Path, table: str, block: Block, rows: pa.Table) -> FileEntries:
        """Encode one table's rows of one block (skips empty tables); return manifest entries of final parts."""
        if rows.num_rows == 0:
            return {}
        relative = f"{table}/{part_name(block)}{self.extension}"
        path = parts_root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        self._write(path, rows)
        if not self.hashes_parts:
            return {}
        return {
            relative: {
                "bytes": path.stat().st_size,
                "rows": rows.num_rows,
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            }
        }

    def _write(self, path: Path, rows: pa.Table) -> None:
        raise NotImplementedError

    def parts(self, parts_root: Path, table: str) -> list[Path]:
        """A table's parts in block order."""
        folder = parts_root / table
        found = folder.glob("part-*" + self.extension) if folder.is_dir() else []
        return sorted(found, key=lambda path: block_order(path.name))

    def assemble(self, artifact: Path, parts: Parts, metadata: Mapping[str, Any]) -> str:
        """Build the final output in ``artifact`` from ``parts``; return the dataset hash."""
        raise NotImplementedError
