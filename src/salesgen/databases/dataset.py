"""What a load reads: :class:`LoadSource` (the protocol) and :class:`ParquetDataset` (a Parquet output).

A load needs the rows of each table in batches with the contract's schema, in
an order the keys accept (parents before children within a self-referencing
table), the manifest's row counts (to verify the load) and its metadata rows.
:class:`ParquetDataset` reads them from a Parquet output directory: the parts
listed by its manifest, in block order. The reader (:mod:`salesgen.readers`)
builds on it for its Parquet face; anything else satisfying
:class:`LoadSource` can be loaded too.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from salesgen.config import Config
    >>> from salesgen.formats import write_dataset
    >>> out = write_dataset(Config(num_customers=20, num_sales_reps=3), 1, "parquet",
    ...                     Path(tempfile.mkdtemp()) / "crm").target
    >>> dataset = ParquetDataset.open(out)
    >>> dataset.row_counts["customers"], sum(b.num_rows for b in dataset.batches("customers"))
    (20, 20)
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pyarrow as pa
import pyarrow.parquet as pq

from salesgen.contract import MANIFEST_FILE, TABLE_NAMES, TABLES, arrow_schema

BATCH_ROWS = 65_536
MANIFEST = MANIFEST_FILE


class LoadSource(Protocol):
    """What :func:`salesgen.databases.loader.run_load` needs from a dataset."""

    @property
    def row_counts(self) -> Mapping[str, int]:
        """Rows per contract table, as the dataset's manifest lists them (the load is checked against these)."""
        ...

    @property
    def files(self) -> Mapping[str, list[Path]]:
        """Parquet parts per table, for databases that read Parquet themselves (DuckDB); may be empty lists."""
        ...

    def metadata_rows(self) -> list[tuple[str, str]]:
        """``(key, JSON text)`` rows for ``salesgen_metadata``."""
        ...

    def check_parts(self, table: str) -> None:
        """ValueError unless the parts of ``table`` have the contract's columns and types."""
        ...

    def levels(self, table: str) -> list[pa.Table]:
        """All rows of ``table`` split so that a row's parent (self-reference) is in an earlier level."""
        ...

    def batches(self, table: str, batch_rows: int = BATCH_ROWS) -> Iterator[pa.RecordBatch]:
        """The rows of ``table`` in batches with the contract's schema, parents first."""
        ...


def _parquet_magic(path: Path) -> bool:
    """Whether ``path`` starts and ends with Parquet's ``PAR1`` (a damaged or foreign file does not)."""
    with path.open("rb") as handle:
        head = handle.read(4)
        handle.seek(max(path.stat().st_size - 4, 0))
        return head == b"PAR1" and handle.read(4) == b"PAR1"


def _read_manifest(path: Path) -> dict[str, Any]:
    """The manifest as a JSON object; ValueError naming the file and what is wrong with it."""
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, RecursionError) as error:  # JSONDecodeError, UnicodeDecodeError
        raise ValueError(f"{path} is not valid JSON ({error}); regenerate the dataset") from error
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files", {}), dict):
        raise ValueError(f"{path} is not a salesgen manifest (a JSON object with a 'files' object); regenerate it")
    return manifest


@dataclass(frozen=True)
class ParquetDataset:
    """A dataset directory written by ``write_dataset(..., "parquet", ...)``: ``<table>/part-*.parquet`` + manifest."""

    root: Path
    files: dict[str, list[Path]]
    row_counts: dict[str, int]
    manifest: dict[str, Any]

    @classmethod
    def open(cls, root: str | Path) -> ParquetDataset:
        """Read the manifest of the dataset at ``root``; ValueError if it is not a salesgen Parquet dataset."""
        root = Path(root)
        manifest_path = root / MANIFEST
        if not manifest_path.is_file():
            raise ValueError(
                f"{root} is not a salesgen Parquet dataset: no {MANIFEST} "
                "(write one with `salesgen generate --format parquet --out DIR`)"
            )
        manifest = _read_manifest(manifest_path)
        listed = sorted((str(path) for path in manifest.get("files", {})), key=_block_order)
        files: dict[str, list[Path]] = {name: [] for name in TABLE_NAMES}
        for relative in listed:
            table, _, name = relative.partition("/")
            if table not in files or not name.endswith(".parquet") or "/" in name or name.startswith("."):
                raise ValueError(f"{root}: {relative!r} in {MANIFEST} is not a Parquet part of a contract table")
            files[table].append(root / relative)
        missing = [str(path) for paths in files.values() for path in paths if not path.is_file()]
        if missing:
            raise ValueError(f"{root}: files listed in {MANIFEST} are missing: {', '.join(missing[:5])}")
        damaged = [str(path) for paths in files.values() for path in paths if not _parquet_magic(path)]
        if damaged:  # checked now, before anything connects: the reader's own error names no file
            raise ValueError(f"{root}: not Parquet files (no PAR1 magic bytes): {', '.join(damaged[:5])}")
        counts = manifest.get("row_counts", {})
        if not isinstance(counts, dict) or not all(isinstance(counts.get(n, 0), int) for n in TABLE_NAMES):
            raise ValueError(f"{manifest_path}: row_counts must map each table to a whole number of rows")
        return cls(root, files, {name: int(counts.get(name, 0)) for name in TABLE_NAMES}, manifest)

    def metadata_rows(self) -> list[tuple[str, str]]:
        """The manifest (minus its file list) as ``(key, JSON text)`` rows for ``salesgen_metadata``."""
        # The manifest was read from JSON: its values serialize back as they are.
        return [
            (key, json.dumps(self.manifest[key], sort_keys=True, ensure_ascii=False))
            for key in sorted(self.manifest)
            if key != "files"
        ]

    def check_parts(self, table: str) -> None:
        """ValueError unless every part of ``table`` has the contract's columns and types."""
        expected = arrow_schema(table)
        for path in self.files[table]:
            _check_schema(path, pq.read_schema(path), expected)

    def levels(self, table: str) -> list[pa.Table]:
        """All rows of ``table`` (small: a run-scope table) split by :func:`parent_levels` on its self-reference."""
        expected = arrow_schema(table)
        whole = (
            pa.concat_tables([_read(path, expected) for path in self.files[table]])
            if self.files[table]
            else expected.empty_table()
        )
        column = self_reference(table)
        return parent_levels(whole, TABLES[table].primary_key, column) if column else [whole]

    def batches(self, table: str, batch_rows: int = BATCH_ROWS) -> Iterator[pa.RecordBatch]:
        """The rows of ``table`` in batches with the contract's schema, parents before children for self-references."""
        expected = arrow_schema(table)
        if self_reference(table):
            for level in self.levels(table):
                yield from level.to_batches(max_chunksize=batch_rows)
            return
        for path in self.files[table]:
            parquet = pq.ParquetFile(path)
            _check_schema(path, parquet.schema_arrow, expected)
            for batch in parquet.iter_batches(batch_size=batch_rows, columns=expected.names, use_threads=False):
                yield pa.RecordBatch.from_arrays(batch.columns, schema=expected)


def _block_order(relative: str) -> tuple[str, int, str]:
    """``table/part-00042.parquet`` sorts by table, then block number (``part-run`` last)."""
    table, _, name = relative.partition("/")
    label = name.removeprefix("part-").split(".")[0]
    return (table, int(label), "") if label.isdigit() else (table, 1 << 62, label)


def self_reference(table: str) -> str | None:
    """The column of ``table`` referencing the table itself, if any.

    Example:
        >>> self_reference("sales_reps"), self_reference("contacts")
        ('manager_id', None)
    """
    return next(
        (c.name for c in TABLES[table].foreign_keys if c.references and c.references.split(".")[0] == table), None
    )


def _check_schema(path: Path, actual: pa.Schema, expected: pa.Schema) -> None:
    got = {field.name: field.type for field in actual}
    wrong = [
        f"{field.name} ({got.get(field.name, 'missing')}, expected {field.type})"
        for field in expected
        if got.get(field.name) != field.type
    ]
    if wrong:
        raise ValueError(f"{path}: columns do not match the contract: {'; '.join(wrong)}")


def _read(path: Path, expected: pa.Schema) -> pa.Table:
    parquet = pq.ParquetFile(path)
    _check_schema(path, parquet.schema_arrow, expected)
    table = parquet.read(columns=expected.names, use_threads=False)
    return pa.Table.from_arrays(table.columns, schema=expected)


def parent_levels(table: pa.Table, key: str, parent: str) -> list[pa.Table]:
    """Split rows into levels: a row's ``parent`` is in an earlier level (or null, or not in the table).

    Databases that check a self-referencing foreign key row by row (MariaDB) need
    the rows in this order; DuckDB checks a statement against the rows before
    it, so it inserts level by level. Rows in a cycle form the last level, for
    the database to reject (as it rejects rows whose parent is missing).

    Example:
        >>> t = pa.table({"id": [1, 2, 3], "boss": [3, None, 2]})
        >>> [level.column("id").to_pylist() for level in parent_levels(t, "id", "boss")]
        [[2], [3], [1]]
    """
    keys = table.column(key).to_pylist()
    parents = table.column(parent).to_pylist()
    present = set(keys)
    placed: set[Any] = set()
    levels: list[list[int]] = []
    pending = list(range(len(keys)))
    while pending:
        ready = [i for i in pending if parents[i] is None or parents[i] in placed or parents[i] not in present]
        if not ready:
            break
        levels.append(ready)
        placed.update(keys[i] for i in ready)
        ready_set = set(ready)
        pending = [i for i in pending if i not in ready_set]
    if pending:
        levels.append(pending)
    return [table.take(pa.array(level, pa.int64())) for level in levels]
