"""One reader for every salesgen output: files or a database URL → the ten tables with the contract's types.

* :func:`read` — ``{table: pyarrow.Table}`` with exactly ``salesgen.contract.arrow_schema(table)``
  (decimal money, UTC timestamps, list columns, nullable ids), from Parquet, CSV or JSON Lines folders,
  the JSON document, a DuckDB file, or ``postgresql://``, ``mysql://``/``mariadb://``, ``sqlite:///``,
  ``duckdb:///`` URLs;
* :func:`open_source` — the same, opened on a private DuckDB connection in bounded memory (what
  ``salesgen validate`` checks), with the manifest (``Source.metadata``) and the config it records.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from salesgen.config import Config
    >>> from salesgen.formats import write_dataset
    >>> out = write_dataset(Config(num_customers=5), 1, "csv", Path(tempfile.mkdtemp()) / "crm").target
    >>> tables = read(out)
    >>> tables["opportunities"].schema.field("amount").type, tables["customers"].num_rows
    (Decimal128Type(decimal128(18, 2)), 5)
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa

from salesgen.contract import TABLE_NAMES
from salesgen.databases.urls import is_url
from salesgen.readers.database import open_database
from salesgen.readers.files import detect_kind, open_file, split_json_document
from salesgen.readers.remote import is_fsspec_url, open_fsspec
from salesgen.readers.source import Source, SourceError

__all__ = [
    "Source",
    "SourceError",
    "detect_kind",
    "open_database",
    "open_file",
    "open_source",
    "read",
    "split_json_document",
    "table_selection",
]


def open_source(
    path_or_url: str | Path, *, schema: str | None = None, prefix: str = "", subset: bool = False
) -> Source:
    """Open any salesgen output or database URL; close it (or use ``with``) when done.

    A dataset written with ``--tables`` holds only some tables: refused (:class:`SourceError` naming them)
    unless ``subset`` — checks and the report join all ten.

    ``schema`` and ``prefix`` name where the tables are in a database (checked, then quoted); a file
    output takes neither. Raises :class:`SourceError` (a ValueError) when the input cannot be read.
    """
    source = _open(path_or_url, schema=schema, prefix=prefix)
    if not subset:
        try:
            source.require_all("checking it")
        except SourceError:
            source.close()
            raise
    return source


def _open(path_or_url: str | Path, *, schema: str | None, prefix: str) -> Source:
    if is_fsspec_url(str(path_or_url)):  # s3://, memory://, file://…: the committed dataset there
        if schema is not None or prefix:
            raise SourceError("schema= and prefix= apply to database URLs, not to files")
        return open_fsspec(str(path_or_url))
    if is_url(str(path_or_url)):
        return open_database(str(path_or_url), schema=schema, prefix=prefix)
    if schema is not None or prefix:
        raise SourceError("schema= and prefix= apply to database URLs, not to files")
    return open_file(path_or_url)


def read(
    path_or_url: str | Path, *, tables: Iterable[str] | None = None, schema: str | None = None, prefix: str = ""
) -> dict[str, pa.Table]:
    """The tables of a salesgen output or database (all ten, or ``tables``), typed exactly as the contract says.

    ``path_or_url``: a Parquet, CSV or JSON Lines folder, a JSON document, a DuckDB file, or a
    database URL (``postgresql://user@host/db``, ``mysql://…``, ``sqlite:///crm.db``,
    ``duckdb:///crm.duckdb``; ``schema``/``prefix`` as given to the load). Every table has exactly
    ``salesgen.contract.arrow_schema(name)``: CSV comes back with decimal money, UTC timestamps and
    list columns. Raises :class:`SourceError` when the input cannot be read or a table is unknown.

    Example:
        >>> tables = read("crm_csv/", tables=["opportunities"])  # doctest: +SKIP
        >>> tables["opportunities"].to_pandas()  # doctest: +SKIP
        >>> read("crm_csv/", tables=["deals"])  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        salesgen.readers.source.SourceError: unknown table 'deals'; the tables are competitors, contacts, ...
    """
    names = table_selection(tables)
    with open_source(path_or_url, schema=schema, prefix=prefix, subset=True) as source:
        if absent := [name for name in names if name not in source.present]:
            if tables is not None:
                raise SourceError(
                    f"table(s) {', '.join(absent)} are not in {path_or_url}: it holds only "
                    f"{', '.join(source.present)} (written with --tables)"
                )
            names = source.present
        return {name: source.arrow(name) for name in names}


def table_selection(tables: Iterable[str] | None) -> tuple[str, ...]:
    """The contract's tables named in ``tables`` (all when None), in contract order; unknown names refused."""
    if tables is None:
        return TABLE_NAMES
    wanted = [tables] if isinstance(tables, str) else list(tables)
    for name in wanted:
        if name not in TABLE_NAMES:
            raise SourceError(f"unknown table {name!r}; the tables are {', '.join(sorted(TABLE_NAMES))}")
    return tuple(name for name in TABLE_NAMES if name in wanted)
