"""Block-parallel output: workers write one part per (table, block); the main process assembles.

Encoding is the expensive half of writing, so it happens in the workers, next
to generation. A part depends only on its block, so the assembled output is
byte-identical whatever the number of workers. Assembly is cheap: text parts
are concatenated in block order (csv, jsonl, json); Parquet parts simply stay
where they are (``<table>/part-<block>.parquet``); DuckDB bulk-loads them.

Example:
    >>> PART_FORMATS["csv"].extension
    '.csv'
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO, ClassVar

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from salesgen.schema import TABLE_NAMES, TABLES, arrow_schema
from salesgen.sinks.base import dumps_metadata, write_manifest
from salesgen.sinks.duckdb_sink import METADATA_TABLE, ddl
from salesgen.sinks.encode import csv_header, csv_rows, json_records, text_bytes
from salesgen.sinks.parquet_sink import COMPRESSION, ROW_GROUP_ROWS

PartEntries = dict[str, dict[str, Any]]  # relative path → {"bytes", "rows", "sha256"}
RUN_SCOPE_PART = "run"   # part name of the run-scope tables
PARTS_DIR = ".parts"


def part_name(block: int | str) -> str:
    """``part-00042`` for block 42; ``part-run`` for the run-scope tables."""
    return f"part-{block:05d}" if isinstance(block, int) else f"part-{block}"


def _block_order(name: str) -> tuple[int, int]:
    label = name.split(".")[0].removeprefix("part-")
    return (0, int(label)) if label.isdigit() else (1, 0)


def dataset_hash(file_hashes: Mapping[str, str]) -> str:
    """One hash for a dataset: SHA-256 over its sorted ``path sha256`` lines."""
    lines = "".join(f"{path} {digest}\n" for path, digest in sorted(file_hashes.items()))
    return hashlib.sha256(lines.encode()).hexdigest()


def _copy_hashed(sources: list[Path], destination: BinaryIO, digest: Any, skip_first: int = 0) -> int:
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
    """How one output format writes parts (in workers) and assembles them (in the main process)."""

    extension: ClassVar[str]
    directory: ClassVar[bool] = True

    def parts_root(self, artifact: Path, staging_root: Path) -> Path:
        return staging_root / PARTS_DIR

    hashes_parts: ClassVar[bool] = False  # parts that are final files get hashed where they are written

    def write_part(self, parts_root: Path, table: str, block: int | str, rows: pa.Table) -> PartEntries:
        """Encode one table's rows of one block (skips empty tables); return manifest entries of final parts."""
        if rows.num_rows == 0:
            return {}
        relative = f"{table}/{part_name(block)}{self.extension}"
        path = parts_root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        self._write(path, rows)
        if not self.hashes_parts:
            return {}
        return {relative: {"bytes": path.stat().st_size, "rows": rows.num_rows,
                           "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}}

    def _write(self, path: Path, rows: pa.Table) -> None:
        raise NotImplementedError

    def parts(self, parts_root: Path, table: str) -> list[Path]:
        """A table's parts in block order (run-scope last, block numbers zero-padded)."""
        folder = parts_root / table
        found = folder.glob("part-*" + self.extension) if folder.is_dir() else []
        return sorted(found, key=lambda path: _block_order(path.name))

    def assemble(self, artifact: Path, parts_root: Path, metadata: Mapping[str, Any], entries: PartEntries) -> str:
        """Build the final output in ``artifact`` from the parts (and their ``entries``); return the dataset hash."""
        raise NotImplementedError


class _TextParts(PartFormat):
    """Text parts are concatenated, in block order, into one file per table (hashed while copying)."""
    def _encode(self, rows: pa.Table) -> list[pa.Array]:
        raise NotImplementedError

    def _header(self, table: str) -> bytes:
        return b""

    def _write(self, path: Path, rows: pa.Table) -> None:
        with path.open("wb") as handle:
            for chunk in self._encode(rows):
                handle.write(text_bytes(chunk))

    def assemble(self, artifact: Path, parts_root: Path, metadata: Mapping[str, Any], entries: PartEntries) -> str:
        files: dict[str, dict[str, Any]] = {}
        for table in TABLE_NAMES:
            name = table + self.extension
            digest = hashlib.sha256()
            with (artifact / name).open("wb") as out:
                header = self._header(table)
                out.write(header)
                digest.update(header)
                size = len(header) + _copy_hashed(self.parts(parts_root, table), out, digest)
            rows = metadata["row_counts"][table]
            files[name] = {"bytes": size, "rows": rows, "sha256": digest.hexdigest()}
        shutil.rmtree(parts_root)
        digest_of = dataset_hash({path: entry["sha256"] for path, entry in files.items()})
        write_manifest(artifact, {**metadata, "dataset_hash": digest_of}, files)
        return digest_of


class CsvParts(_TextParts):
    """``csv``: ``<table>.csv`` with a header row."""

    extension = ".csv"

    def _encode(self, rows: pa.Table) -> list[pa.Array]:
        return csv_rows(rows)

    def _header(self, table: str) -> bytes:
        return csv_header(TABLES[table].column_names)


class JsonlParts(_TextParts):
    """``jsonl``: ``<table>.jsonl``, one record per line."""

    extension = ".jsonl"

    def _encode(self, rows: pa.Table) -> list[pa.Array]:
        return json_records(rows, suffix="\n")


class JsonParts(PartFormat):
    """``json``: one document, byte-identical to ``JsonSink``'s (records joined by ``,\\n``)."""

    extension = ".json"
    directory = False

    def _write(self, path: Path, rows: pa.Table) -> None:
        with path.open("wb") as handle:
            for chunk in json_records(rows, prefix=",\n", suffix=""):
                handle.write(text_bytes(chunk))

    def assemble(self, artifact: Path, parts_root: Path, metadata: Mapping[str, Any], entries: PartEntries) -> str:
        digest = hashlib.sha256()
        with artifact.open("wb") as out:
            def emit(data: bytes) -> None:
                out.write(data)
                digest.update(data)

            emit(f'{{\n"metadata": {dumps_metadata(metadata).rstrip()}'.encode())
            for table in TABLE_NAMES:
                emit(f",\n{json.dumps(table)}: [".encode())
                parts = self.parts(parts_root, table)
                if parts:
                    _copy_hashed(parts, out, digest, skip_first=1)  # drop the first record's comma
                    emit(b"\n")
                emit(b"]")
            emit(b"\n}\n")
        shutil.rmtree(parts_root)
        return digest.hexdigest()


class ParquetParts(PartFormat):
    """``parquet``: ``<table>/part-<block>.parquet`` (zstd) written in place, plus ``manifest.json``."""

    extension = ".parquet"
    hashes_parts = True

    def parts_root(self, artifact: Path, staging_root: Path) -> Path:
        return artifact

    def _write(self, path: Path, rows: pa.Table) -> None:
        pq.write_table(rows, path, compression=COMPRESSION, row_group_size=ROW_GROUP_ROWS)

    def assemble(self, artifact: Path, parts_root: Path, metadata: Mapping[str, Any], entries: PartEntries) -> str:
        files = dict(entries)
        for table in TABLE_NAMES:
            if not any(path.startswith(table + "/") for path in files):
                # An empty table still gets a file that carries its schema.
                empty = artifact / table / (part_name(0) + self.extension)
                empty.parent.mkdir(exist_ok=True)
                pq.write_table(arrow_schema(table).empty_table(), empty, compression=COMPRESSION)
                files[f"{table}/{empty.name}"] = {"bytes": empty.stat().st_size, "rows": 0,
                                                  "sha256": hashlib.sha256(empty.read_bytes()).hexdigest()}
        digest_of = dataset_hash({path: entry["sha256"] for path, entry in files.items()})
        write_manifest(artifact, {**metadata, "dataset_hash": digest_of}, files)
        return digest_of


class DuckDBParts(ParquetParts):
    """``duckdb``: Parquet parts bulk-loaded in block order into one database file."""

    directory = False

    def parts_root(self, artifact: Path, staging_root: Path) -> Path:
        return staging_root / PARTS_DIR

    def assemble(self, artifact: Path, parts_root: Path, metadata: Mapping[str, Any], entries: PartEntries) -> str:
        digest_of = dataset_hash({path: entry["sha256"] for path, entry in entries.items()})
        con = duckdb.connect(str(artifact))
        try:
            for table in TABLE_NAMES:
                for statement in ddl(table):
                    con.execute(statement)
                parts = [str(p) for p in self.parts(parts_root, table)]
                if parts:
                    con.execute(f'INSERT INTO "{table}" SELECT * FROM read_parquet(?)', [parts])
            rows = json.loads(dumps_metadata({**metadata, "dataset_hash": digest_of}))
            con.execute(f"CREATE TABLE {METADATA_TABLE} (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)")
            con.executemany(f"INSERT INTO {METADATA_TABLE} VALUES (?, ?)",
                            [(key, json.dumps(rows[key], sort_keys=True, ensure_ascii=False)) for key in sorted(rows)])
            con.execute("CHECKPOINT")
        finally:
            con.close()
        shutil.rmtree(parts_root)
        return digest_of


PART_FORMATS: dict[str, PartFormat] = {
    "parquet": ParquetParts(), "duckdb": DuckDBParts(), "csv": CsvParts(), "jsonl": JsonlParts(),
    "json": JsonParts(),
}
