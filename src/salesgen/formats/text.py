"""Text formats: ``csv`` and ``jsonl`` (a folder of one file per table) and ``json`` (one document).

Text parts are concatenated in block order, hashed while copying. Every table
gets a file, header-only (CSV) or empty (JSON Lines) if it has no rows.

The JSON document (one record per line, keys in schema column order)::

    {
    "metadata": {
      "seed": 1
    },
    "products": [
    {"product_id":1,"sku":"SW-ANL-0003",...},
    {"product_id":2,...}
    ],
    "discount_tiers": [],
    ...
    }

Example:
    >>> CsvFormat().extension, JsonFormat().directory
    ('.csv', False)
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa

from salesgen.arrowtext import csv_header, csv_rows, json_records, text_bytes
from salesgen.contract import TABLES
from salesgen.formats.manifest import FileEntries, dumps_metadata, write_manifest
from salesgen.formats.parts import PartFormat, Parts, copy_hashed


class _TextFolder(PartFormat):
    """One ``<table><extension>`` per table: header, then the parts in block order."""

    def _encode(self, rows: pa.Table) -> list[pa.Array]:
        raise NotImplementedError

    def _header(self, table: str) -> bytes:
        return b""

    def _write(self, path: Path, rows: pa.Table) -> None:
        with path.open("wb") as handle:
            for chunk in self._encode(rows):
                handle.write(text_bytes(chunk))

    def assemble(self, artifact: Path, parts: Parts, metadata: Mapping[str, Any]) -> str:
        files: FileEntries = {}
        for table in parts.rows:  # the tables written (all ten, or a subset), in contract order
            name = table + self.extension
            digest = hashlib.sha256()
            with (artifact / name).open("wb") as out:
                header = self._header(table)
                out.write(header)
                digest.update(header)
                size = len(header) + copy_hashed(self.parts(parts.root, table), out, digest)
            files[name] = {"bytes": size, "rows": parts.rows[table], "sha256": digest.hexdigest()}
        shutil.rmtree(parts.root, ignore_errors=True)
        return write_manifest(artifact, metadata, files)


class CsvFormat(_TextFolder):
    """``csv``: ``<table>.csv`` (RFC 4180, header row, ``\\n``) and ``manifest.json``."""

    name = "csv"
    extension = ".csv"

    def _encode(self, rows: pa.Table) -> list[pa.Array]:
        return csv_rows(rows)

    def _header(self, table: str) -> bytes:
        return csv_header(TABLES[table].column_names)


class JsonlFormat(_TextFolder):
    """``jsonl``: ``<table>.jsonl`` (one JSON object per line) and ``manifest.json``."""

    name = "jsonl"
    extension = ".jsonl"

    def _encode(self, rows: pa.Table) -> list[pa.Array]:
        return json_records(rows, suffix="\n")


class JsonFormat(PartFormat):
    """``json``: one document ``{"metadata": {...}, "<table>": [records], ...}``; records joined by ``,\\n``.

    The document carries the run metadata without ``dataset_hash`` (a document cannot hold its own hash);
    the hash of the document's bytes is reported instead.
    """

    name = "json"
    extension = ".json"
    directory = False

    def _write(self, path: Path, rows: pa.Table) -> None:
        with path.open("wb") as handle:
            for chunk in json_records(rows, prefix=",\n", suffix=""):
                handle.write(text_bytes(chunk))

    def assemble(self, artifact: Path, parts: Parts, metadata: Mapping[str, Any]) -> str:
        digest = hashlib.sha256()
        with artifact.open("wb") as out:

            def emit(data: bytes) -> None:
                out.write(data)
                digest.update(data)

            emit(f'{{\n"metadata": {dumps_metadata(metadata).rstrip()}'.encode())
            for table in parts.rows:
                emit(f",\n{json.dumps(table)}: [".encode())
                found = self.parts(parts.root, table)
                if found:
                    copy_hashed(found, out, digest, skip_first=1)  # drop the first record's comma
                    emit(b"\n")
                emit(b"]")
            emit(b"\n}\n")
        shutil.rmtree(parts.root, ignore_errors=True)
        return digest.hexdigest()
