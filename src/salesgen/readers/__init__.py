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

from pathlib import Path

import pyarrow as pa

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
]


def open_source(path_or_url: str | Path, *, schema: str | None = None, prefix: str = "") -> Source:
    """Open any salesgen output or database URL; close it (or use ``with``) when done.

    ``schema`` and ``prefix`` name where the tables are in a database (checked, then quoted); a file
    output takes neither. Raises :class:`SourceError` (a ValueError) when the input cannot be read.
    """
    if is_fsspec_url(str(path_or_url)):  # s3://, memory://, file://…: the committed dataset there
        if schema is not None or prefix:
            raise SourceError("schema= and prefix= apply to database URLs, not to files")
        return open_fsspec(str(path_or_url))
    if is_url(str(path_or_url)):
        return open_database(str(path_or_url), schema=schema, prefix=prefix)
    if schema is not None or prefix:
        raise SourceError("schema= and prefix= apply to database URLs, not to files")
    return open_file(path_or_url)


def read(path_or_url: str | Path, *, schema: str | None = None, prefix: str = "") -> dict[str, pa.Table]:
    """The ten tables of a salesgen output or database, typed exactly as the contract says.

    ``path_or_url``: a Parquet, CSV or JSON Lines folder, a JSON document, a DuckDB file, or a
    database URL (``postgresql://user@host/db``, ``mysql://…``, ``sqlite:///crm.db``,
    ``duckdb:///crm.duckdb``; ``schema``/``prefix`` as given to the load). Every table has exactly
    ``salesgen.contract.arrow_schema(name)``: CSV comes back with decimal money, UTC timestamps and
    list columns. Raises :class:`SourceError` when the input cannot be read.

    Example:
        >>> tables = read("crm_csv/")  # doctest: +SKIP
        >>> tables["opportunities"].to_pandas()  # doctest: +SKIP
    """
    with open_source(path_or_url, schema=schema, prefix=prefix) as source:
        return source.tables()
