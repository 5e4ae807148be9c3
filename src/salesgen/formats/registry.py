"""The one registry of output formats: name → :class:`~salesgen.formats.parts.PartFormat`.

Example:
    >>> FORMAT_NAMES
    ('parquet', 'duckdb', 'csv', 'jsonl', 'json')
    >>> get_format("xml")
    Traceback (most recent call last):
    ...
    ValueError: unknown output format 'xml'; valid formats: parquet, duckdb, csv, jsonl, json
"""

from __future__ import annotations

from salesgen.formats.parquet import DuckDBFormat, ParquetFormat
from salesgen.formats.parts import PartFormat
from salesgen.formats.text import CsvFormat, JsonFormat, JsonlFormat

FORMATS: dict[str, PartFormat] = {
    fmt.name: fmt for fmt in (ParquetFormat(), DuckDBFormat(), CsvFormat(), JsonlFormat(), JsonFormat())
}
FORMAT_NAMES: tuple[str, ...] = tuple(FORMATS)


def get_format(name: str) -> PartFormat:
    """The format called ``name``; ValueError listing the valid ones otherwise."""
    try:
        return FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown output format {name!r}; valid formats: {', '.join(FORMAT_NAMES)}") from None
