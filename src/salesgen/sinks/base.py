"""What every sink shares: the Sink protocol, batch validation, lifecycle and manifests.

Example:
    >>> conform("discount_tiers", pa.table({"discount_tier_id": [1]}))
    Traceback (most recent call last):
    ...
    ValueError: table 'discount_tiers': got columns ['discount_tier_id'], expected ['discount_tier_id', \
'product_id', 'min_quantity', 'max_quantity', 'discount_pct']
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from abc import ABC, abstractmethod
from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from functools import cache
from pathlib import Path, PurePath
from typing import Any, BinaryIO, ClassVar, Protocol

import pyarrow as pa

from salesgen.schema import TABLE_NAMES, TABLES, arrow_schema
from salesgen.sinks.staging import MANIFEST_NAME, Staging

FILES_KEY = "files"
"""Manifest key the directory sinks add: ``{relative path: {"bytes", "rows", "sha256"}}``."""


class Sink(Protocol):
    """A streaming writer of the ten contract tables with atomic publish.

    ``write`` may be called any number of times per table; batches of one
    table arrive in order, tables may interleave. ``close`` finishes and
    publishes; ``abort`` discards everything. After an exception in ``write``
    or ``close`` the sink has already aborted itself.

    Example:
        >>> from salesgen.sinks import open_sink  # doctest: +SKIP
        >>> sink = open_sink("csv", "out/crm")  # doctest: +SKIP
        >>> sink.write("products", products)  # doctest: +SKIP
        >>> sink.close({"seed": 1})  # doctest: +SKIP
        PosixPath('/abs/out/crm')
    """

    def write(self, table: str, batch: pa.Table) -> None: ...

    def close(self, metadata: Mapping[str, Any]) -> Path: ...

    def abort(self) -> None: ...


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
    for field, column in zip(schema, batch.columns, strict=True):
        if column.type != field.type:
            raise TypeError(f"column {table}.{field.name}: got Arrow type {column.type}, "
                            f"expected {field.type}")
        if not field.nullable and column.null_count:
            raise ValueError(f"column {table}.{field.name} is not nullable but holds "
                             f"{column.null_count} nulls")
    return pa.Table.from_arrays(batch.columns, schema=schema)


def _json_default(value: object) -> object:
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"metadata value of type {type(value).__name__} is not JSON serializable")


def dumps_metadata(metadata: Mapping[str, Any]) -> str:
    """Deterministic JSON text of ``metadata``: sorted keys, indent 2, UTF-8 kept, trailing newline.

    Paths, dates and Decimals become strings, Enums their value, sets sorted lists.

    Example:
        >>> dumps_metadata({"seed": 7, "name": "é"})
        '{\\n  "name": "é",\\n  "seed": 7\\n}\\n'
    """
    return json.dumps(dict(metadata), sort_keys=True, indent=2, ensure_ascii=False,
                      allow_nan=False, default=_json_default) + "\n"


def write_manifest(
    directory: Path, metadata: Mapping[str, Any], files: Mapping[str, Mapping[str, Any]]
) -> None:
    """Write ``manifest.json``: the metadata plus ``files`` (per-file bytes, rows, sha256).

    Example:
        >>> import tempfile
        >>> d = Path(tempfile.mkdtemp())
        >>> write_manifest(d, {"seed": 1}, {"a.csv": {"bytes": 0, "rows": 0, "sha256": "e3b0"}})
        >>> json.loads((d / "manifest.json").read_text())["files"]["a.csv"]["rows"]
        0
    """
    if FILES_KEY in metadata:
        raise ValueError(f"metadata key {FILES_KEY!r} is reserved for the manifest's file list")
    content = {**metadata, FILES_KEY: {name: dict(files[name]) for name in sorted(files)}}
    (directory / MANIFEST_NAME).write_text(dumps_metadata(content), encoding="utf-8")


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in 1 MiB blocks.

    Example:
        >>> import tempfile
        >>> p = Path(tempfile.mkdtemp()) / "x"; _ = p.write_bytes(b"")
        >>> sha256_file(p)[:8]
        'e3b0c442'
    """
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


class HashedFile:
    """A binary output file that counts and hashes what is written to it.

    Example:
        >>> import tempfile
        >>> f = HashedFile(Path(tempfile.mkdtemp()) / "x.txt")
        >>> f.write(b"abc"); f.close()["bytes"]
        3
    """

    def __init__(self, path: Path, *, digest: bool = True) -> None:
        self.path = path
        self._handle: BinaryIO = path.open("wb")
        self._digest = hashlib.sha256() if digest else None
        self.size = 0
        self.rows = 0

    def write(self, data: bytes | memoryview) -> None:
        """Append ``data``."""
        self._handle.write(data)
        if self._digest is not None:
            self._digest.update(data)
        self.size += len(data)

    def close(self) -> dict[str, Any]:
        """Close the file; return its ``{"bytes", "rows", "sha256"}`` manifest entry."""
        self._handle.close()
        digest = "" if self._digest is None else self._digest.hexdigest()
        return {"bytes": self.size, "rows": self.rows, "sha256": digest}

    def discard(self) -> None:
        """Close without caring about the content (used on abort)."""
        self._handle.close()


class StagedSink(ABC):
    """Lifecycle shared by all sinks: validate, stage, publish or discard.

    Subclasses implement ``_write`` (a conformed, non-empty table), ``_finish``
    (complete the staged artifact) and ``_release`` (close open handles, idempotent).

    Example:
        >>> import tempfile
        >>> from salesgen.sinks.text_files import CsvSink
        >>> sink = CsvSink(Path(tempfile.mkdtemp()) / "crm")
        >>> sink.target.name, sink.close({"seed": 1}).is_dir()
        ('crm', True)
    """

    directory: ClassVar[bool]

    def __init__(self, target: str | Path, *, overwrite: bool = False) -> None:
        self._staging = Staging(target, overwrite=overwrite, directory=self.directory)
        self._rows: dict[str, int] = dict.fromkeys(TABLE_NAMES, 0)
        self._state = "open"

    @property
    def target(self) -> Path:
        """The absolute path the output is published to."""
        return self._staging.target

    def _check_open(self) -> None:
        if self._state != "open":
            raise RuntimeError(f"sink for {self.target} is {self._state}")

    def write(self, table: str, batch: pa.Table) -> None:
        """Validate and stage one batch of ``table`` (aborts the sink on error)."""
        self._check_open()
        try:
            conformed = conform(table, batch)
            if conformed.num_rows:
                self._write(table, conformed)
                self._rows[table] += conformed.num_rows
        except BaseException:
            self.abort()
            raise

    def close(self, metadata: Mapping[str, Any]) -> Path:
        """Finish the staged output and atomically publish it; return the target path."""
        self._check_open()
        try:
            self._finish(metadata)
            self._release()
            path = self._staging.publish()
        except BaseException:
            self.abort()
            raise
        self._state = "closed"
        return path

    def abort(self) -> None:
        """Discard all staging (idempotent); the target is left untouched."""
        if self._state == "closed":
            return
        self._state = "aborted"
        try:
            self._release()
        finally:
            self._staging.discard()

    @abstractmethod
    def _write(self, table: str, batch: pa.Table) -> None: ...

    @abstractmethod
    def _finish(self, metadata: Mapping[str, Any]) -> None: ...

    @abstractmethod
    def _release(self) -> None: ...
