"""Vectorized Arrow → text encoding for the JSON, JSON Lines and CSV formats.

Every function works on whole Arrow arrays with ``pyarrow.compute``: there is
no Python loop per row or per value. Each row's text depends on that row only,
so encoding a table in one batch or in many gives the same bytes.

Value formats (shared by JSON and CSV):

* int64 ``42``; float64 shortest round-trip text (``0.25``, ``1``, ``1e+21``);
* decimal with its fixed scale (``123.40``, ``-0.05``, ``0.1250``);
* bool ``true`` / ``false``; date32 ``2025-03-04``;
* timestamp ``2025-03-04T10:15:00Z`` (UTC; ``.ffffff`` only if sub-second);
* string: JSON string (RFC 8259 escapes, UTF-8 kept) or CSV field (RFC 4180);
* list<string>: a JSON array (``["a","b"]``, ``[]``), CSV-quoted in CSV.

Nulls are ``null`` in JSON and an empty field in CSV; an empty string is
``""`` in CSV so that it stays distinct from null.

Example:
    >>> import pyarrow as pa
    >>> json_values(pa.array(['say "hi"', None])).to_pylist()
    ['"say \\\\"hi\\\\""', 'null']
    >>> csv_fields(pa.array(["a,b", "", None])).to_pylist()
    ['"a,b"', '""', '']
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

ENCODE_CHUNK_ROWS = 32_768
"""Rows encoded at once; bounds memory and keeps 32-bit string offsets safe."""

_MICROS_PER_SECOND = 1_000_000
_MICROS_PER_DAY = 86_400 * _MICROS_PER_SECOND

_CSV_SPECIAL = r'[",\r\n]'
_CSV_SPECIAL_BYTES = tuple(b'",\r\n')
# Escapes exactly as json.dumps(..., ensure_ascii=False) writes them; backslash first.
_JSON_ESCAPES: tuple[tuple[int, str, str], ...] = (
    (ord("\\"), "\\", "\\\\"),
    (ord('"'), '"', '\\"'),
    *((code, chr(code), json.dumps(chr(code))[1:-1]) for code in range(0x20)),
)


def _any(mask: pa.Array) -> bool:
    """True if a boolean array has at least one true value (nulls count as false)."""
    return bool(pc.any(mask).as_py())


def _text_data(values: pa.Array) -> np.ndarray:
    """The UTF-8 bytes of a string array's values, as a uint8 view (no copy)."""
    _, offset_buffer, data = values.buffers()
    if len(values) == 0 or data is None:
        return np.empty(0, dtype=np.uint8)
    offsets = np.frombuffer(offset_buffer, dtype=np.int32, count=len(values) + 1, offset=values.offset * 4)
    return np.frombuffer(data, dtype=np.uint8)[int(offsets[0]) : int(offsets[-1])]


def _patch(values: pa.Array, mask: pa.Array, fix: Callable[[pa.Array], pa.Array]) -> pa.Array:
    """Apply ``fix`` to the rows of ``values`` selected by ``mask`` only."""
    mask = pc.fill_null(mask, False)
    if not _any(mask):
        return values
    return pc.replace_with_mask(values, mask, fix(values.filter(mask)))


def json_strings(values: pa.Array) -> pa.Array:
    """Strings → quoted JSON string literals (RFC 8259); nulls stay null.

    A scan of the raw bytes finds which of backslash, quote and U+0000..U+001F
    occur at all (UTF-8 continuation bytes are never below 0x80), so only those
    replacement passes run.

    Example:
        >>> json_strings(pa.array(["a\\nb", "é"])).to_pylist()
        ['"a\\\\nb"', '"é"']
    """
    data = _text_data(values)
    control = data[data < 0x20]
    present = set(np.unique(control).tolist()) if control.size else set()
    present.update(code for code in (0x22, 0x5C) if (data == code).any())
    for code, char, escape in _JSON_ESCAPES:
        if code in present:
            values = pc.replace_substring(values, char, escape)
    return _quoted(values)


def _quote_csv(values: pa.Array) -> pa.Array:
    return pc.binary_join_element_wise('"', pc.replace_substring(values, '"', '""'), '"', "")


def csv_quote(values: pa.Array) -> pa.Array:
    """Text → CSV fields, quoted only where needed (``"``, ``,``, CR, LF, or empty).

    Example:
        >>> csv_quote(pa.array(['plain', 'a "b" c'])).to_pylist()
        ['plain', '"a ""b"" c"']
    """
    empty = pc.equal(pc.binary_length(values), 0)
    data = _text_data(values)
    if not any((data == code).any() for code in _CSV_SPECIAL_BYTES):
        return _patch(values, empty, _quote_csv)
    return _patch(values, pc.or_(pc.match_substring_regex(values, _CSV_SPECIAL), empty), _quote_csv)


@cache
def _time_of_day() -> pa.Array:
    """The 86 400 texts "HH:MM:SS", indexed by second of the day."""
    seconds = np.arange(86_400)
    parts = [pa.array(part).cast(pa.string()) for part in (seconds // 3600, seconds // 60 % 60, seconds % 60)]
    padded = [pc.utf8_lpad(part, 2, "0") for part in parts]
    return pc.binary_join_element_wise(*padded, ":")


def timestamps(values: pa.Array) -> pa.Array:
    """Timestamps → RFC 3339 UTC text, ``.ffffff`` only for sub-second values; nulls stay null.

    Example:
        >>> import datetime as dt
        >>> t = dt.datetime(2025, 3, 4, 10, 15, tzinfo=dt.timezone.utc)
        >>> timestamps(pa.array([t], pa.timestamp("us", tz="UTC"))).to_pylist()
        ['2025-03-04T10:15:00Z']
    """
    micro_type = pa.timestamp("us", tz=values.type.tz)
    micros = pc.fill_null(values.cast(micro_type).cast(pa.int64()), 0).to_numpy()
    mask = None if values.null_count == 0 else pc.is_null(values).to_numpy(zero_copy_only=False)
    days, in_day = np.divmod(micros, _MICROS_PER_DAY)
    seconds, fraction = np.divmod(in_day, _MICROS_PER_SECOND)
    dates = pa.array(days.astype(np.int32), type=pa.int32(), mask=mask).cast(pa.date32()).cast(pa.string())
    times = _time_of_day().take(pa.array(seconds))
    text = pc.binary_join_element_wise(dates, "T", times, "Z", "")
    has_fraction = fraction != 0
    if has_fraction.any():
        digits = pc.utf8_lpad(pa.array(fraction).cast(pa.string()), 6, "0")
        precise = pc.binary_join_element_wise(dates, "T", times, ".", digits, "Z", "")
        text = pc.if_else(pa.array(has_fraction), precise, text)
    return text


def _floats(values: pa.Array, *, finite_only: bool) -> pa.Array:
    text = values.cast(pa.string())
    if finite_only:
        bad = pc.invert(pc.is_finite(values))
        if _any(bad):
            text = pc.if_else(pc.fill_null(bad, False), pa.scalar(None, pa.string()), text)
    return text


def _json_list(values: pa.Array) -> pa.Array:
    """list<string> → JSON array text; null lists stay null."""
    offsets = values.offsets
    start = offsets[0].as_py()
    elements = values.values.slice(start, offsets[-1].as_py() - start)
    encoded = pc.fill_null(json_strings(elements), "null")
    rebased = pc.subtract(offsets, pa.scalar(start, pa.int32()))
    items = pa.ListArray.from_arrays(rebased, encoded, mask=pc.is_null(values))
    return pc.binary_join_element_wise("[", pc.binary_join(items, ","), "]", "")


def _quoted(text: pa.Array) -> pa.Array:
    return pc.binary_join_element_wise('"', text, '"', "")


def _text(values: pa.Array, *, json_mode: bool) -> pa.Array:
    """Text of ``values`` in JSON or CSV; nulls stay null."""
    kind = values.type
    if pa.types.is_floating(kind):
        return _floats(values, finite_only=json_mode)
    if pa.types.is_integer(kind) or pa.types.is_boolean(kind) or pa.types.is_decimal(kind):
        return values.cast(pa.string())
    if pa.types.is_timestamp(kind) or pa.types.is_date32(kind):
        text = timestamps(values) if pa.types.is_timestamp(kind) else values.cast(pa.string())
        return _quoted(text) if json_mode else text
    if pa.types.is_string(kind):
        return json_strings(values) if json_mode else csv_quote(values)
    if pa.types.is_list(kind) and pa.types.is_string(kind.value_type):
        text = _json_list(values)
        return text if json_mode else csv_quote(text)
    raise TypeError(f"cannot encode Arrow type {kind} as text")


def json_values(values: pa.Array) -> pa.Array:
    """Any contract column → JSON value text, ``null`` for nulls (never a null entry).

    Example:
        >>> from decimal import Decimal
        >>> json_values(pa.array([Decimal("1.5"), None], pa.decimal128(18, 2))).to_pylist()
        ['1.50', 'null']
        >>> import datetime as dt
        >>> json_values(pa.array([dt.date(2025, 3, 4)])).to_pylist()
        ['"2025-03-04"']
    """
    return pc.fill_null(_text(values, json_mode=True), "null")


def csv_fields(values: pa.Array) -> pa.Array:
    """Any contract column → CSV field text, empty for nulls (never a null entry).

    Example:
        >>> csv_fields(pa.array([["a", "b"], [], None], pa.list_(pa.string()))).to_pylist()
        ['"[""a"",""b""]"', '[]', '']
    """
    return pc.fill_null(_text(values, json_mode=False), "")


def _chunks(batch: pa.Table | pa.RecordBatch) -> list[pa.RecordBatch]:
    table = batch if isinstance(batch, pa.Table) else pa.Table.from_batches([batch])
    return [piece for piece in table.to_batches(max_chunksize=ENCODE_CHUNK_ROWS) if piece.num_rows]


def json_records(batch: pa.Table | pa.RecordBatch, *, prefix: str = "", suffix: str = "\n") -> list[pa.Array]:
    """Rows → ``prefix + {"col":value,...} + suffix`` texts, keys in column order.

    Returns string arrays of at most ``ENCODE_CHUNK_ROWS`` rows; see :func:`text_bytes`.

    Example:
        >>> rows = json_records(pa.table({"id": [1], "tags": [["x"]]}))
        >>> rows[0].to_pylist()
        ['{"id":1,"tags":["x"]}\\n']
    """
    keys = [json.dumps(name, ensure_ascii=False) + ":" for name in batch.schema.names]
    out = []
    for chunk in _chunks(batch):
        parts: list[pa.Array | str] = []
        for index, (key, column) in enumerate(zip(keys, chunk.columns, strict=True)):
            parts += [(prefix + "{" if index == 0 else ",") + key, json_values(column)]
        out.append(pc.binary_join_element_wise(*parts, "}" + suffix, ""))
    return out


def csv_rows(batch: pa.Table | pa.RecordBatch) -> list[pa.Array]:
    """Rows → CSV lines (comma separated, ``\\n`` terminated), without header.

    Example:
        >>> csv_rows(pa.table({"id": [1, 2], "name": ["a,b", None]}))[0].to_pylist()
        ['1,"a,b"\\n', '2,\\n']
    """
    out = []
    for chunk in _chunks(batch):
        parts: list[pa.Array | str] = []
        for column in chunk.columns:
            parts += [csv_fields(column), ","]
        parts[-1] = "\n"
        out.append(pc.binary_join_element_wise(*parts, ""))
    return out


def csv_header(names: list[str]) -> bytes:
    """The CSV header line for ``names``, quoted like the data.

    Example:
        >>> csv_header(["id", "name"])
        b'id,name\\n'
    """
    return (",".join(csv_quote(pa.array(names, pa.string())).to_pylist()) + "\n").encode()


def text_bytes(rows: pa.Array) -> memoryview:
    """The concatenated UTF-8 bytes of a string array without nulls, zero-copy.

    Example:
        >>> bytes(text_bytes(pa.array(["ab", "c"])))
        b'abc'
    """
    if not pa.types.is_string(rows.type) or rows.null_count:
        raise ValueError("text_bytes needs a string array without nulls")
    return _text_data(rows).data
