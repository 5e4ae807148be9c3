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
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from salesgen.arrowtext import json_values, timestamps
from salesgen.contract import MONEY_TYPE

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


def _csv(batch: pa.RecordBatch | pa.Table, convert: Callable[[pa.Array], pa.Array], null: str) -> bytes:
    return _write_csv([convert(column) for column in _columns(batch)], batch.schema.names, null)


def _pg_value(column: pa.Array) -> pa.Array:
    if pa.types.is_timestamp(column.type):
        return _naive(column)
    return pg_array(column) if pa.types.is_list(column.type) else column


def _mysql_value(column: pa.Array) -> pa.Array:
    kind = column.type
    if pa.types.is_timestamp(kind):
        return _naive(column)
    if pa.types.is_boolean(kind):
        return column.cast(pa.int8())
    if pa.types.is_list(kind):
        column = _json_list(column)
    return _escape(column, (("\\", "\\\\"),)) if pa.types.is_string(column.type) else column


def pg_csv(batch: pa.RecordBatch | pa.Table) -> bytes:
    """``batch`` as CSV for ``COPY … FROM STDIN (FORMAT csv)`` in a session whose TimeZone is UTC."""
    return _csv(batch, _pg_value, "")


def mysql_csv(batch: pa.RecordBatch | pa.Table) -> bytes:
    """``batch`` as CSV for ``LOAD DATA … FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '\\\\'``."""
    return _csv(batch, _mysql_value, "\\N")


def _rows(batch: pa.RecordBatch | pa.Table, convert: Callable[[pa.Array], pa.Array]) -> list[tuple[Any, ...]]:
    return list(zip(*(convert(column).to_pylist() for column in _columns(batch)), strict=True))


def cents(column: pa.Array) -> pa.Array:
    """Money (``decimal128(18, 2)``) as integer cents, exactly.

    Example:
        >>> from decimal import Decimal
        >>> cents(pa.array([Decimal("683022385.75"), None], MONEY_TYPE)).to_pylist()
        [68302238575, None]
    """
    return pc.multiply(column, pa.scalar(Decimal(100), pa.decimal128(3, 0))).cast(pa.int64())


def _sqlite_value(column: pa.Array) -> pa.Array:
    kind = column.type
    if kind == MONEY_TYPE:  # SQLite keeps money as integer cents (see databases/ddl.py)
        return cents(column)
    if pa.types.is_timestamp(kind):
        return timestamps(column)
    if pa.types.is_list(kind):
        return _json_list(column)
    cast = {pa.types.is_boolean: pa.int8(), pa.types.is_decimal: pa.float64(), pa.types.is_date: pa.string()}
    return next((column.cast(target) for test, target in cast.items() if test(kind)), column)


def _mysql_param(column: pa.Array) -> pa.Array:
    if pa.types.is_timestamp(column.type):
        return _naive(column)
    return _json_list(column) if pa.types.is_list(column.type) else column


def sqlite_rows(batch: pa.RecordBatch | pa.Table) -> list[tuple[Any, ...]]:
    """``batch`` as parameter tuples for ``executemany`` into the SQLite tables of :mod:`ddl`."""
    return _rows(batch, _sqlite_value)


def mysql_rows(batch: pa.RecordBatch | pa.Table) -> list[tuple[Any, ...]]:
    """``batch`` as parameter tuples for PyMySQL's multi-row ``executemany`` (Decimal money, naive UTC datetimes)."""
    return _rows(batch, _mysql_param)
