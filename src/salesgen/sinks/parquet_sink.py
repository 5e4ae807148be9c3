"""The ``parquet`` sink: ``<table>/part-00000.parquet`` per table plus ``manifest.json``.

Rows are buffered per table and written in row groups of exactly
``ROW_GROUP_ROWS`` rows (the last one shorter), each as one contiguous chunk,
so the file bytes do not depend on how the caller split the table into
batches. zstd compression; the Arrow schema (decimal, UTC timestamps, lists,
column docs) is stored in the file.

Example:
    >>> import tempfile
    >>> import pyarrow.parquet as pq
    >>> from pathlib import Path
    >>> out = ParquetSink(Path(tempfile.mkdtemp()) / "crm").close({})
    >>> pq.read_table(out / "products" / "part-00000.parquet").num_rows
    0
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

import pyarrow as pa
import pyarrow.parquet as pq

from salesgen.schema import TABLE_NAMES, arrow_schema
from salesgen.sinks.base import StagedSink, sha256_file, write_manifest

ROW_GROUP_ROWS = 131_072
COMPRESSION = "zstd"
PART_NAME = "part-00000.parquet"


class ParquetSink(StagedSink):
    """``parquet``: a directory of per-table Parquet files and ``manifest.json``.

    Example:
        >>> import tempfile
        >>> from pathlib import Path
        >>> out = ParquetSink(Path(tempfile.mkdtemp()) / "crm").close({"seed": 3})
        >>> (out / "manifest.json").exists()
        True
    """

    directory: ClassVar[bool] = True

    def __init__(self, target: str | Path, *, overwrite: bool = False,
                 row_group_rows: int = ROW_GROUP_ROWS) -> None:
        super().__init__(target, overwrite=overwrite)
        if row_group_rows < 1:
            raise ValueError("row_group_rows must be positive")
        self._row_group_rows = row_group_rows
        self._writers: dict[str, pq.ParquetWriter] = {}
        self._pending: dict[str, list[pa.Table]] = {}
        self._pending_rows: dict[str, int] = {}

    def _relative(self, table: str) -> str:
        return f"{table}/{PART_NAME}"

    def _writer(self, table: str) -> pq.ParquetWriter:
        writer = self._writers.get(table)
        if writer is None:
            path = self._staging.artifact / self._relative(table)
            path.parent.mkdir()
            writer = pq.ParquetWriter(path, arrow_schema(table), compression=COMPRESSION)
            self._writers[table] = writer
        return writer

    def _flush(self, table: str, *, final: bool) -> None:
        """Write every full row group buffered for ``table`` (and the rest if ``final``)."""
        size = self._row_group_rows
        rows = self._pending_rows.get(table, 0)
        if rows == 0 or (rows < size and not final):
            return
        buffered = pa.concat_tables(self._pending[table]).combine_chunks()
        writer = self._writer(table)
        start = 0
        while rows - start >= size or (final and start < rows):
            writer.write_table(buffered.slice(start, size), row_group_size=size)
            start += size
        rest = buffered.slice(start) if start < rows else None
        self._pending[table] = [] if rest is None else [rest]
        self._pending_rows[table] = 0 if rest is None else rest.num_rows

    def _write(self, table: str, batch: pa.Table) -> None:
        self._pending.setdefault(table, []).append(batch)
        self._pending_rows[table] = self._pending_rows.get(table, 0) + batch.num_rows
        self._flush(table, final=False)

    def _finish(self, metadata: Mapping[str, Any]) -> None:
        entries = {}
        for table in TABLE_NAMES:
            self._flush(table, final=True)
            self._writer(table).close()
            relative = self._relative(table)
            path = self._staging.artifact / relative
            entries[relative] = {"bytes": path.stat().st_size, "rows": self._rows[table],
                                 "sha256": sha256_file(path)}
        self._writers.clear()
        self._pending.clear()
        write_manifest(self._staging.artifact, metadata, entries)

    def _release(self) -> None:
        writers, self._writers = self._writers, {}
        self._pending.clear()
        for writer in writers.values():
            with contextlib.suppress(Exception):  # the output is discarded anyway
                writer.close()
