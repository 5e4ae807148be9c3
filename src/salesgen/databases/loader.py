"""Load a generated Parquet dataset into a database named by a URL, all or nothing.

Each dialect module (``postgres``, ``mysql``, ``sqlite``, ``duckdb``) has a
``load(target, dataset, options) -> LoadResult``; this module parses URLs,
picks the module by scheme (imported only when used, so a missing driver only
matters for its own database) and holds what they share.

Example:
    >>> parse_url("postgres://root@127.0.0.1:5432/test").dialect
    'postgres'
    >>> parse_url("sqlite:////tmp/crm.db").path
    PosixPath('/tmp/crm.db')
"""

from __future__ import annotations

import importlib
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol
from urllib.parse import unquote, urlsplit

from salesgen.databases.ddl import DIALECT_SPECS, METADATA_TABLE, check_prefix
from salesgen.databases.source import ParquetDataset
from salesgen.schema import TABLE_NAMES

IfExists = Literal["fail", "replace"]
Progress = Callable[[str, int], None]

SCHEMES: dict[str, str] = {
    "postgresql": "postgres", "postgres": "postgres",
    "mysql": "mysql", "mariadb": "mysql",
    "sqlite": "sqlite",
    "duckdb": "duckdb",
}
"""URL scheme → dialect. ``scheme+driver://`` (SQLAlchemy style) is accepted too."""

DIALECTS: tuple[str, ...] = tuple(DIALECT_SPECS)
"""The dialects: ``postgres``, ``mysql`` (MariaDB and MySQL), ``sqlite``, ``duckdb``."""
DRIVERS: dict[str, str] = {"postgres": "psycopg[binary]", "mysql": "PyMySQL"}
LOADED_TABLES: tuple[str, ...] = (*TABLE_NAMES, METADATA_TABLE)
"""What a load creates: the ten contract tables and ``salesgen_metadata`` (the manifest, for ``salesgen validate``)."""


class TablesExistError(RuntimeError):
    """``if_exists="fail"`` and some of the tables are already there; ``tables`` names them."""

    def __init__(self, where: str, tables: list[str]) -> None:
        self.tables = tables
        super().__init__(f"{where}: tables already exist: {', '.join(tables)}; "
                         "pass if_exists='replace' (CLI: --if-exists replace) to replace them")


class LoadCountError(RuntimeError):
    """The database received a different number of rows than the dataset's manifest lists."""


def interrupted(error: BaseException) -> bool:
    """Whether ``error`` is, or was raised while handling, a KeyboardInterrupt (drivers may wrap Ctrl-C)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, KeyboardInterrupt):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


@dataclass(frozen=True)
class Target:
    """A parsed database URL."""

    url: str
    dialect: str
    host: str | None = None
    port: int | None = None
    user: str | None = None
    password: str | None = None
    database: str | None = None
    path: Path | None = None
    query: dict[str, str] = field(default_factory=dict)

    @property
    def display(self) -> str:
        """The URL without its password, for messages."""
        return mask(self.url)


def mask(url: str) -> str:
    """``url`` with its password replaced by ``***``.

    Example:
        >>> mask("postgresql://me:s3cret@db:5432/crm")
        'postgresql://me:***@db:5432/crm'
    """
    return re.sub(r"^([^:/?#]+://[^:/@?#]*):[^@/?#]*@", r"\1:***@", url)


def _accepted() -> str:
    return ("postgresql://user@host:port/db (or postgres://), mysql://user@host:port/db (or mariadb://), "
            "sqlite:///relative.db or sqlite:////absolute/path.db, duckdb:///file.duckdb")


def parse_url(url: str) -> Target:
    """Parse a database URL; ValueError naming the accepted forms for anything else.

    File URLs follow SQLAlchemy: ``sqlite:///crm.db`` is ``./crm.db``,
    ``sqlite:////tmp/crm.db`` is ``/tmp/crm.db`` (same for ``duckdb:``).

    Example:
        >>> parse_url("mariadb://root@127.0.0.1/test").port
        3306
        >>> parse_url("oracle://x")
        Traceback (most recent call last):
        ...
        ValueError: unsupported database URL 'oracle://x': the scheme must be one of postgresql, postgres, \
mysql, mariadb, sqlite, duckdb (postgresql://user@host:port/db (or postgres://), mysql://user@host:port/db \
(or mariadb://), sqlite:///relative.db or sqlite:////absolute/path.db, duckdb:///file.duckdb)
    """
    scheme, sep, rest = url.partition("://")
    dialect = SCHEMES.get(scheme.split("+", 1)[0].lower()) if sep else None
    if dialect is None:
        raise ValueError(f"unsupported database URL {mask(url)!r}: the scheme must be one of {', '.join(SCHEMES)} "
                         f"({_accepted()})")
    if dialect in ("sqlite", "duckdb"):
        if not rest.startswith("/") or rest in ("/", "/:memory:"):
            raise ValueError(f"bad {dialect} URL {mask(url)!r}: expected {dialect}:///relative/file or "
                             f"{dialect}:////absolute/file (a file; in-memory databases are not kept)")
        return Target(url, dialect, path=Path(rest[1:].split("?", 1)[0]))
    parts = urlsplit("x://" + rest)
    try:
        port = parts.port
    except ValueError as error:
        raise ValueError(f"bad database URL {mask(url)!r}: {error}") from None
    query = dict(pair.split("=", 1) for pair in parts.query.split("&") if "=" in pair)
    database = unquote(parts.path.lstrip("/")) or None
    password = unquote(parts.password) if parts.password is not None else None
    user = unquote(parts.username) if parts.username else None
    if dialect == "mysql":
        port = port or 3306
    normalized = "postgresql://" + rest if dialect == "postgres" else url   # libpq: no +driver suffix
    return Target(normalized, dialect, parts.hostname, port, user, password, database, None, query)


@dataclass(frozen=True)
class LoadOptions:
    """What every dialect's ``load`` is asked to do."""

    if_exists: IfExists = "fail"
    schema: str | None = None
    prefix: str = ""
    progress: Progress | None = None

    def report(self, table: str, rows: int) -> None:
        if self.progress is not None:
            self.progress(table, rows)


@dataclass
class LoadResult:
    """Rows loaded per contract table, and seconds per phase (prepare, data, keys, indexes, commit)."""

    rows: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - started

    def verify(self, dataset: ParquetDataset, where: str) -> None:
        """LoadCountError unless every table got exactly the manifest's row count; orders ``rows`` like the tables."""
        self.rows = {name: self.rows.get(name, 0) for name in TABLE_NAMES}
        wrong = [f"{name}: {self.rows.get(name, 0)} loaded, {dataset.row_counts[name]} in the manifest"
                 for name in TABLE_NAMES if self.rows.get(name, 0) != dataset.row_counts[name]]
        if wrong:
            raise LoadCountError(f"{where}: row counts differ from the dataset's manifest: {'; '.join(wrong)}")


class DialectLoader(Protocol):
    def __call__(self, target: Target, dataset: ParquetDataset, options: LoadOptions) -> LoadResult: ...


class TableFinder(Protocol):
    def __call__(self, target: Target, schema: str | None, names: list[str]) -> list[str]: ...


def _module(dialect: str) -> Any:
    try:
        return importlib.import_module(f"salesgen.databases.{dialect}")
    except ImportError as error:
        raise ImportError(f"loading into {dialect} needs the {DRIVERS.get(dialect, dialect)} package "
                          f"(pip install '{DRIVERS.get(dialect, dialect)}'): {error}") from error


def loader_for(dialect: str) -> DialectLoader:
    """The ``load`` function of ``dialect``, importing its module (and driver) now."""
    load: DialectLoader = _module(dialect).load
    return load


def existing_tables(url: str, *, schema: str | None = None, prefix: str = "") -> list[str]:
    """Which of the tables a load would create already exist at ``url``: to refuse before generating.

    Example:
        >>> existing_tables("sqlite:////nonexistent/folder/crm.db")
        []
    """
    check_prefix(prefix)
    target = parse_url(url)
    if target.dialect == "sqlite" and schema is not None:
        raise ValueError("SQLite has no named schemas: use prefix= to keep the tables apart, or another file")
    find: TableFinder = _module(target.dialect).find_tables
    return find(target, schema, [prefix + name for name in LOADED_TABLES])


def run_load(source: str | Path, url: str, *, if_exists: IfExists = "fail", schema: str | None = None,
             prefix: str = "", progress: Progress | None = None) -> LoadResult:
    """:func:`load_parquet_dataset` returning the full :class:`LoadResult` (with phase timings)."""
    if if_exists not in ("fail", "replace"):
        raise ValueError(f"if_exists must be 'fail' or 'replace', not {if_exists!r}")
    check_prefix(prefix)
    target = parse_url(url)
    if target.dialect == "sqlite" and schema is not None:
        raise ValueError("SQLite has no named schemas: use prefix= to keep the tables apart, or another file")
    dataset = ParquetDataset.open(source)
    load = loader_for(target.dialect)
    try:
        return load(target, dataset, LoadOptions(if_exists, schema, prefix, progress))
    except Exception as error:
        if interrupted(error):   # PyMySQL turns a Ctrl-C during LOAD DATA LOCAL into a lost connection
            raise KeyboardInterrupt(f"load interrupted: {error}") from error
        raise


def load_parquet_dataset(source: str | Path, url: str, *, if_exists: IfExists = "fail", schema: str | None = None,
                         prefix: str = "", progress: Progress | None = None) -> dict[str, int]:
    """Load the Parquet dataset at ``source`` into the database at ``url``, all or nothing.

    Creates the ten tables (and ``salesgen_metadata``, the manifest) with keys,
    CHECKs and indexes (see :func:`salesgen.databases.ddl`), bulk-loads them
    (PostgreSQL COPY, MariaDB LOAD DATA LOCAL INFILE, SQLite executemany in one
    transaction, DuckDB read_parquet) and commits once. On any error, Ctrl-C or
    lost connection the database is left as it was. ``if_exists="fail"`` refuses
    (TablesExistError) if any of the tables exists; ``"replace"`` swaps them
    atomically: the old tables stay intact if the load fails. ``schema``: a
    PostgreSQL/DuckDB schema or a MariaDB database (created if missing; not for
    SQLite); ``prefix`` starts every table name. ``progress(table, rows so far)``
    is called after every batch. Returns the rows loaded per table.

    Example:
        >>> load_parquet_dataset("crm/", "postgresql://root@127.0.0.1:5432/test", schema="crm")  # doctest: +SKIP
        {'products': 40, 'discount_tiers': 140, ..., 'interactions': 3701}
    """
    return run_load(source, url, if_exists=if_exists, schema=schema, prefix=prefix, progress=progress).rows
