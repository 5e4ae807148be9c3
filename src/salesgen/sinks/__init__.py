"""Output sinks: streaming, byte-deterministic writers with atomic publish.

``open_sink(format, target)`` returns a :class:`Sink`; call ``write(table,
batch)`` any number of times (tables may interleave), then ``close(metadata)``
to publish atomically, or ``abort()`` to discard. Formats:

* ``json``: one JSON document (file) ``{"metadata": ..., "<table>": [...], ...}``;
* ``jsonl``: directory of ``<table>.jsonl`` + ``manifest.json``;
* ``csv``: directory of ``<table>.csv`` + ``manifest.json``;
* ``parquet``: directory of ``<table>/part-00000.parquet`` + ``manifest.json``;
* ``duckdb``: one DuckDB database file with a ``salesgen_metadata`` table.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> sink = open_sink("jsonl", Path(tempfile.mkdtemp()) / "crm")
    >>> sink.close({"seed": 42}).name
    'crm'
    >>> open_sink("xml", "out")
    Traceback (most recent call last):
    ...
    ValueError: unknown output format 'xml'; valid formats: json, jsonl, csv, parquet, duckdb
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from salesgen.sinks.base import Sink
from salesgen.sinks.duckdb_sink import DuckDBSink
from salesgen.sinks.json_document import JsonSink
from salesgen.sinks.parquet_sink import ParquetSink
from salesgen.sinks.text_files import CsvSink, JsonlSink

SinkFactory = Callable[..., Sink]

_REGISTRY: dict[str, SinkFactory] = {
    "json": JsonSink,
    "jsonl": JsonlSink,
    "csv": CsvSink,
    "parquet": ParquetSink,
    "duckdb": DuckDBSink,
}
SINK_FORMATS: tuple[str, ...] = tuple(_REGISTRY)


def open_sink(format: str, target: str | Path, *, overwrite: bool = False) -> Sink:
    """Open a sink writing ``format`` to ``target`` (a file or a directory, by format).

    Fails fast, before any work: ``ValueError`` for an unknown format,
    ``FileExistsError`` if ``target`` exists and ``overwrite`` is false,
    ``PermissionError``/``OSError`` naming the path if it cannot be written.

    Example:
        >>> import tempfile
        >>> sink = open_sink("csv", Path(tempfile.mkdtemp()) / "crm")
        >>> sink.abort()
    """
    factory = _REGISTRY.get(format)
    if factory is None:
        raise ValueError(f"unknown output format {format!r}; valid formats: {', '.join(SINK_FORMATS)}")
    return factory(target, overwrite=overwrite)


__all__ = ["SINK_FORMATS", "Sink", "open_sink"]
