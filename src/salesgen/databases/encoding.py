r"""Vectorized Arrow → bulk-load encodings: PostgreSQL COPY CSV, MariaDB LOAD DATA CSV, SQLite parameter rows.

All work happens on whole Arrow columns (``pyarrow.compute`` and Arrow's C++
CSV writer), never in a Python loop per value; only SQLite's ``executemany``
needs Python tuples.

* PostgreSQL (``COPY … (FORMAT csv)``): timestamps as UTC text without zone (the
  session's TimeZone is UTC), lists as array literals ``{"a","b"}``, NULL as an
  unquoted empty field, every string quoted (so ``""`` stays an empty string).
* MariaDB (``LOAD DATA … ESCAPED BY '\\'``): NULL as ``\N``, booleans 0/1,
  timestamps as UTC ``DATETIME`` text, lists as JSON text, backslashes doubled.
* SQLite: money and percents as numbers, booleans 0/1, dates ``YYYY-MM-DD``,
  timestamps ``YYYY-MM-DDTHH:MM:SSZ`` (``.ffffff`` only when sub-second), lists as JSON text.

Example:
    >>> import pyarrow as pa
    >>> print(pg_csv(pa.table({"id": [1, None], "tags": pa.array([["a", "b c"], []])})).decode(), end="")
    1,"{""a"",""b c""}"
    ,"{}"
    >>> print(mysql_csv(pa.table({"id": [1, None], "on": [True, False]})).decode(), end="")
    1,1
    \N,0
"""

from __future__ import annotations

import io
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from salesgen.arrowtext import json_values, timestamps

_CSV_BATCH = 16_384


def _has(values: pa.Array, text: str) -> bool:
    return bool(pc.any(pc.match_substring(values, text)).as_py())


def _escape(values: pa.Array, pairs: tuple[tuple[str, str], ...]) -> pa.Array:
    for char, replacement in pairs:
        if len(values) and _has(values, char):
            values = pc.replace_substring(values, char, replacement)
    return values


def _naive(values: pa.Array) -> pa.Array:
    """UTC timestamps → the same instants without zone, for text in a UTC session."""
    return values.cast(pa.timestamp("us", tz="UTC")).cast(pa.timestamp("us"))


def pg_array(values: pa.Array) -> pa.Array:
    """``list<string>`` → PostgreSQL array literals: ``{"a","b \\"q\\""}``, ``{}``; null elements ``NULL``.

    Example:
        >>> pg_array(pa.array([["x", None], [], None])).to_pylist()
        ['{"x",NULL}', '{}', None]
    """
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    offsets = values.offsets
    start = offsets[0].as_py()
    elements = values.values.slice(start, offsets[-1].as_py() - start)
    elements = _escape(elements, (("\\", "\\\\"), ('"', '\\"')))
    quoted = pc.fill_null(pc.binary_join_element_wise('"', elements, '"', ""), "NULL")
    rebased = pc.subtract(offsets, pa.scalar(start, pa.int32()))
    items = pa.ListArray.from_arrays(rebased, quoted, mask=pc.is_null(values))
    return pc.binary_join_element_wise("{", pc.binary_join(items, ","), "}", "")


def _json_list(values: pa.Array) -> pa.Array:
    """``list<string>`` → JSON array text; null lists stay null."""
    return pc.if_else(pc.is_null(values), pa.scalar(None, pa.string()), json_values(values))


def _write_csv(columns: list[pa.Array], names: list[str], null: str) -> bytes:
    sink = io.BytesIO()
    batch = pa.RecordBatch.from_arrays(columns, names=names)
    pcsv.write_csv(batch, sink, pcsv.WriteOptions(include_header=False, batch_size=_CSV_BATCH, null_string=null))
    return sink.getvalue()


def _columns(batch: pa.RecordBatch | pa.Table) -> list[pa.Array]:
    return [c.combine_chunks() if isinstance(c, pa.ChunkedArray) else c for c in batch.columns]


def pg_csv(batch: pa.RecordBatch | pa.Table) -> bytes:
    """``batch`` as CSV for ``COPY … FROM STDIN (FORMAT csv)`` in a session whose TimeZone is UTC."""
    out = []
    for column in _columns(batch):
        kind = column.type
        if pa.types.is_timestamp(kind):
            column = _naive(column)
        elif pa.types.is_list(kind):
            column = pg_array(column)
        out.append(column)
    return _write_csv(out, batch.schema.names, "")


def mysql_csv(batch: pa.RecordBatch | pa.Table) -> bytes:
    """``batch`` as CSV for ``LOAD DATA … FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '\\\\'``."""
    out = []
    for column in _columns(batch):
        kind = column.type
        if pa.types.is_timestamp(kind):
            column = _naive(column)
        elif pa.types.is_boolean(kind):
            column = column.cast(pa.int8())
        elif pa.types.is_list(kind):
            column = _escape(_json_list(column), (("\\", "\\\\"),))
        elif pa.types.is_string(kind):
            column = _escape(column, (("\\", "\\\\"),))
        out.append(column)
    return _write_csv(out, batch.schema.names, "\\N")


def sqlite_rows(batch: pa.RecordBatch | pa.Table) -> list[tuple[Any, ...]]:
    """``batch`` as parameter tuples for ``executemany`` into the SQLite tables of :mod:`ddl`."""
    values = []
    for column in _columns(batch):
        kind = column.type
        if pa.types.is_timestamp(kind):
            column = timestamps(column)
        elif pa.types.is_boolean(kind):
            column = column.cast(pa.int8())
        elif pa.types.is_decimal(kind):
            column = column.cast(pa.float64())
        elif pa.types.is_date(kind):
            column = column.cast(pa.string())
        elif pa.types.is_list(kind):
            column = _json_list(column)
        values.append(column.to_pylist())
    return list(zip(*values, strict=True))


def mysql_rows(batch: pa.RecordBatch | pa.Table) -> list[tuple[Any, ...]]:
    """``batch`` as parameter tuples for PyMySQL's multi-row ``executemany`` (Decimal money, naive UTC datetimes)."""
    values = []
    for column in _columns(batch):
        kind = column.type
        if pa.types.is_timestamp(kind):
            column = _naive(column)
        elif pa.types.is_list(kind):
            column = _json_list(column)
        values.append(column.to_pylist())
    return list(zip(*values, strict=True))
