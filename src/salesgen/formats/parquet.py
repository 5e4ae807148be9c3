"""Parquet-based formats: ``parquet`` (the parts are the output) and ``duckdb`` (the parts, loaded).

``parquet``: ``<table>/part-<block>.parquet`` (zstd, row groups of at most
``ROW_GROUP_ROWS`` rows, the Arrow schema with column docs stored in the file)
written in place by the workers, plus ``manifest.json``. A table without rows
still gets ``part-00000.parquet`` carrying its schema.

``duckdb``: the same Parquet dataset is assembled in the staging directory and
loaded into the staged database file by :func:`salesgen.databases.load_parquet_dataset`,
exactly as ``salesgen generate --to duckdb:///…`` loads it: the same DDL from
``databases/ddl.py`` (primary and foreign keys, CHECKs, indexes, comments) and
the same ``salesgen_metadata`` table. The Parquet scratch is then removed. The
dataset hash of a DuckDB output is that of its Parquet parts (a DuckDB file's
bytes are not reproducible).

Example:
    >>> ParquetFormat().extension, DuckDBFormat().directory
    ('.parquet', False)
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from salesgen.contract import arrow_schema
from salesgen.formats.manifest import file_entry, write_manifest
from salesgen.formats.parts import PARTS_DIR, PartFormat, Parts, part_name

ROW_GROUP_ROWS = 131_072
COMPRESSION = "zstd"


class ParquetFormat(PartFormat):
    """``parquet``: a folder of per-table Parquet parts and ``manifest.json``."""

    name = "parquet"
    extension = ".parquet"
    hashes_parts = True

    def parts_root(self, artifact: Path, staging_root: Path) -> Path:
        return artifact

    def _write(self, path: Path, rows: pa.Table) -> None:
        pq.write_table(rows, path, compression=COMPRESSION, row_group_size=ROW_GROUP_ROWS)

    def assemble(self, artifact: Path, parts: Parts, metadata: Mapping[str, Any]) -> str:
        files = dict(parts.entries)
        for table in parts.rows:  # the tables written (all ten, or a subset)
            if not any(path.startswith(table + "/") for path in files):
                # An empty table still gets a file that carries its schema.
                empty = artifact / table / (part_name(0) + self.extension)
                empty.parent.mkdir(exist_ok=True)
                pq.write_table(arrow_schema(table).empty_table(), empty, compression=COMPRESSION)
                files[f"{table}/{empty.name}"] = file_entry(empty, 0)
        return write_manifest(artifact, metadata, files)


class DuckDBFormat(ParquetFormat):
    """``duckdb``: one database file, loaded from the Parquet parts through the one database loader."""

    name = "duckdb"
    directory = False

    def parts_root(self, artifact: Path, staging_root: Path) -> Path:
        if "?" in str(artifact):  # checked before any work: the loader takes a URL
            raise ValueError(f"cannot write a DuckDB file at {artifact}: '?' would end the database URL")
        return staging_root / PARTS_DIR

    def assemble(self, artifact: Path, parts: Parts, metadata: Mapping[str, Any]) -> str:
        # Imported here: databases reads what formats writes (encoders, manifests), so a module-level
        # import would make the two packages import each other at start-up.
        from salesgen.databases import load_parquet_dataset

        digest = super().assemble(parts.root, parts, metadata)
        load_parquet_dataset(parts.root, f"duckdb:///{artifact}")
        shutil.rmtree(parts.root, ignore_errors=True)
        return digest
