"""Directory sinks of one text file per table: JSON Lines (``jsonl``) and ``csv``.

Each ``<table>.<ext>`` is streamed batch by batch (every table gets a file,
empty or header-only if never written) and hashed on the fly for the
``manifest.json`` ``files`` entry.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> sink = CsvSink(Path(tempfile.mkdtemp()) / "crm")
    >>> out = sink.close({"seed": 1})
    >>> (out / "products.csv").read_text().startswith("product_id,sku,name,")
    True
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

import pyarrow as pa

from salesgen.schema import TABLE_NAMES, TABLES
from salesgen.sinks.base import HashedFile, StagedSink, write_manifest
from salesgen.sinks.encode import csv_header, csv_rows, json_records, text_bytes


class TextDirectorySink(StagedSink):
    """Base of the text directory sinks: one lazily opened, hashed file per table."""

    directory: ClassVar[bool] = True
    extension: ClassVar[str]

    def __init__(self, target: str | Path, *, overwrite: bool = False) -> None:
        super().__init__(target, overwrite=overwrite)
        self._files: dict[str, HashedFile] = {}

    def _file(self, table: str) -> HashedFile:
        handle = self._files.get(table)
        if handle is None:
            handle = HashedFile(self._staging.artifact / f"{table}.{self.extension}")
            handle.write(self._header(table))
            self._files[table] = handle
        return handle

    def _header(self, table: str) -> bytes:
        return b""

    @abstractmethod
    def _encode(self, batch: pa.Table) -> list[pa.Array]: ...

    def _write(self, table: str, batch: pa.Table) -> None:
        handle = self._file(table)
        for rows in self._encode(batch):
            handle.write(text_bytes(rows))
        handle.rows += batch.num_rows

    def _finish(self, metadata: Mapping[str, Any]) -> None:
        entries = {}
        for table in TABLE_NAMES:
            handle = self._file(table)
            entries[handle.path.name] = handle.close()
        self._files.clear()
        write_manifest(self._staging.artifact, metadata, entries)

    def _release(self) -> None:
        for handle in self._files.values():
            handle.discard()
        self._files.clear()


class JsonlSink(TextDirectorySink):
    """``jsonl``: a directory of ``<table>.jsonl`` (one JSON object per line) and ``manifest.json``.

    Example:
        >>> import tempfile
        >>> from pathlib import Path
        >>> out = JsonlSink(Path(tempfile.mkdtemp()) / "crm").close({})
        >>> (out / "interactions.jsonl").read_bytes()
        b''
    """

    extension: ClassVar[str] = "jsonl"

    def _encode(self, batch: pa.Table) -> list[pa.Array]:
        return json_records(batch, suffix="\n")


class CsvSink(TextDirectorySink):
    """``csv``: a directory of ``<table>.csv`` (RFC 4180, header row, ``\\n``) and ``manifest.json``.

    Example:
        >>> import tempfile
        >>> from pathlib import Path
        >>> out = CsvSink(Path(tempfile.mkdtemp()) / "crm").close({})
        >>> (out / "competitors.csv").read_text()
        'competitor_id,name,domain,price_position,strengths,headquarters_country\\n'
    """

    extension: ClassVar[str] = "csv"

    def _header(self, table: str) -> bytes:
        return csv_header(TABLES[table].column_names)

    def _encode(self, batch: pa.Table) -> list[pa.Array]:
        return csv_rows(batch)
