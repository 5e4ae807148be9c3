"""Load generated datasets into real databases — PostgreSQL, MariaDB/MySQL, SQLite, DuckDB — all or nothing.

* :func:`ddl` — the SQL of the ten tables for a dialect, derived from :mod:`salesgen.contract`
  (keys, foreign keys, NOT NULL, CHECKs, indexes on foreign keys, exact money types).
* :func:`load_parquet_dataset` — a Parquet dataset directory into a database URL: bulk paths
  (COPY, LOAD DATA LOCAL INFILE, executemany, read_parquet), one all-or-nothing unit, ``if_exists``.
* ``DIALECTS`` — ``postgres``, ``mysql``, ``sqlite``, ``duckdb``; ``SCHEMES`` — URL scheme → dialect
  (``postgresql``/``postgres``, ``mysql``/``mariadb``, ``sqlite``, ``duckdb``).

Inside: :mod:`~salesgen.databases.sql` (quoting, checked names, type maps), :mod:`~salesgen.databases.ddl`,
:mod:`~salesgen.databases.loader` (the load phases and the :class:`LoadBackend` protocol), one module per
dialect (its bulk path), :mod:`~salesgen.databases.dataset` (what a load reads).

Example:
    >>> DIALECTS
    ('postgres', 'mysql', 'sqlite', 'duckdb')
    >>> print(ddl("sqlite")[0].splitlines()[1])
      "product_id" INTEGER NOT NULL,
    >>> load_parquet_dataset("crm/", "sqlite:///crm.db")  # doctest: +SKIP
    {'products': 40, 'discount_tiers': 140, ..., 'interactions': 3701}
"""

from salesgen.databases.dataset import LoadSource, ParquetDataset
from salesgen.databases.ddl import ddl
from salesgen.databases.loader import (
    IfExists,
    LoadBackend,
    LoadCountError,
    TablesExistError,
    existing_tables,
    load_parquet_dataset,
)
from salesgen.databases.sql import DIALECTS
from salesgen.databases.urls import SCHEMES, Target, parse_url

__all__ = [
    "DIALECTS",
    "SCHEMES",
    "IfExists",
    "LoadBackend",
    "LoadCountError",
    "LoadSource",
    "ParquetDataset",
    "TablesExistError",
    "Target",
    "ddl",
    "existing_tables",
    "load_parquet_dataset",
    "parse_url",
]
