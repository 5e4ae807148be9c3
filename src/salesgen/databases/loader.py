"""Load a dataset into a database named by a URL, all or nothing: the phases, written once.

A load runs the same phases in every database — connect, look for the tables
already there (``if_exists``), create them from :mod:`ddl`, bulk-insert every
table in key order with progress, verify the row counts against the manifest,
add keys and indexes, commit — and on any failure, Ctrl-C or lost connection
undoes everything. :func:`run_load` holds those phases; each dialect module
(``postgres``, ``mysql``, ``sqlite``, ``duckdb``) subclasses :class:`LoadBackend`
with only what differs: its connection, its bulk path (COPY, LOAD DATA LOCAL
INFILE, executemany, read_parquet) and how it commits and cleans up. Dialect
modules are imported only when used, so a missing driver only matters for its
own database.

Example:
    >>> backend_for("sqlite").__name__
    'SQLiteBackend'
    >>> import tempfile
    >>> existing_tables(f"sqlite:///{tempfile.mkdtemp()}/crm.db")
    []
"""

from __future__ import annotations

import importlib
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Literal, TypedDict, Unpack

import pyarrow as pa

from salesgen.contract import METADATA_TABLE, TABLE_NAMES
from salesgen.databases.dataset import LoadSource, ParquetDataset
from salesgen.databases.ddl import Plan, plan
from salesgen.databases.prefetch import prefetch
from salesgen.databases.sql import DIALECTS, check_prefix, check_schema, ident
from salesgen.databases.urls import SCHEMES, Target, parse_url

__all__ = [
    "DIALECTS",
    "LOADED_TABLES",
    "SCHEMES",
    "IfExists",
    "LoadBackend",
    "LoadCountError",
    "LoadOptions",
    "LoadResult",
    "Progress",
    "TablesExistError",
    "backend_for",
    "existing_tables",
    "load_parquet_dataset",
    "parse_url",
    "run_load",
]

IfExists = Literal["fail", "replace"]
Progress = Callable[[str, int], None]

DRIVERS: dict[str, str] = {"postgres": "psycopg[binary]", "mysql": "PyMySQL"}
LOADED_TABLES: tuple[str, ...] = (*TABLE_NAMES, METADATA_TABLE)
"""What a load creates: the ten contract tables and ``salesgen_metadata`` (the manifest, for ``salesgen validate``)."""


class TablesExistError(RuntimeError):
    """``if_exists="fail"`` and some of the tables are already there; ``tables`` names them."""

    def __init__(self, where: str, tables: list[str]) -> None:
        self.tables = tables
        super().__init__(
            f"{where}: tables already exist: {', '.join(tables)}; "
            "pass if_exists='replace' (CLI: --if-exists replace) to replace them"
        )


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
class LoadOptions:
    """What a load is asked to do (schema and prefix are checked by :func:`run_load` before anything connects)."""

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

    def verify(self, dataset: LoadSource, where: str) -> None:
        """LoadCountError unless every table got exactly the manifest's row count; orders ``rows`` like the tables."""
        self.rows = {name: self.rows.get(name, 0) for name in TABLE_NAMES}
        wrong = [
            f"{name}: {self.rows[name]} loaded, {dataset.row_counts[name]} in the manifest"
            for name in TABLE_NAMES
            if self.rows[name] != dataset.row_counts[name]
        ]
        if wrong:
            raise LoadCountError(f"{where}: row counts differ from the dataset's manifest: {'; '.join(wrong)}")


class LoadBackend(ABC):
    """One dialect's part of a load. :func:`run_load` calls, in order:

    ``begin`` → ``existing`` → ``drop`` (when replacing) → ``execute`` (CREATE) →
    per table ``start_table`` / ``write`` (of ``work``'s items, encoded in a
    background thread) / ``end_table`` → ``executemany`` (metadata) → ``execute``
    (keys, indexes) → ``check_keys`` → ``commit``; on any exception ``abort``
    (which must leave the database as it was and never raise); ``close`` always.
    """

    dialect: ClassVar[str]
    mark: ClassVar[str] = "?"  # the driver's parameter placeholder
    prefetch_depth: ClassVar[int] = 2  # work items encoded ahead of the database

    def __init__(self, target: Target, options: LoadOptions) -> None:
        self.target, self.options = target, options

    @classmethod
    @abstractmethod
    def find_tables(cls, target: Target, schema: str | None, names: list[str]) -> list[str]:
        """Which of ``names`` exist at ``target`` (in ``schema``), on a short-lived connection of its own."""

    @property
    def where(self) -> str:
        """The place loaded into, for messages."""
        schema = self.options.schema
        return self.target.display + (f" schema {schema}" if schema else "")

    @abstractmethod
    def begin(self) -> Plan:
        """Connect, set the session up (UTC, transaction, schema) and return the DDL plan of the load."""

    @abstractmethod
    def existing(self, names: list[str]) -> list[str]:
        """Which of ``names`` (prefixed table names) exist where the load goes."""

    @abstractmethod
    def execute(self, statement: str) -> None:
        """Run one statement inside the load."""

    @abstractmethod
    def executemany(self, statement: str, rows: list[tuple[Any, ...]]) -> None:
        """Run one statement per parameter row (placeholders :attr:`mark`)."""

    def drop(self, plan: Plan, existing: list[str]) -> None:
        """Drop the existing tables being replaced (children before parents), inside the load."""
        by_name = dict(zip((self.options.prefix + name for name in LOADED_TABLES), plan.tables.values(), strict=True))
        for name in reversed(existing):
            self.execute(f"DROP TABLE {by_name[name]}")

    def work(self, dataset: LoadSource) -> Iterator[tuple[str, Any]]:
        """``(table, payload)`` items in load order; runs in a background thread (must not touch the connection)."""
        for table in TABLE_NAMES:
            for batch in dataset.batches(table):
                yield table, self.encode(table, batch)

    def encode(self, table: str, batch: pa.RecordBatch) -> Any:
        """One batch in the form :meth:`write` sends (CSV bytes, parameter rows…)."""
        return batch

    def start_table(self, table: str, plan: Plan) -> None:  # noqa: B027 - an optional hook
        """Before the first item of ``table``."""

    @abstractmethod
    def write(self, table: str, plan: Plan, payload: Any) -> int:
        """Send one item of ``table``; the number of rows it held."""

    def end_table(self, table: str, written: int) -> int:
        """After the last item of ``table``: the rows the database took (default: the rows written)."""
        return written

    def check_keys(self) -> None:  # noqa: B027 - an optional hook
        """Verify what the database did not check row by row (SQLite's deferred foreign keys)."""

    @abstractmethod
    def commit(self, plan: Plan, existing: list[str]) -> None:
        """Make the load visible, atomically."""

    @abstractmethod
    def abort(self) -> None:
        """Undo everything after a failure (roll back, drop staging, remove a created file); never raises."""

    @abstractmethod
    def close(self) -> None:
        """Release the connection after a commit."""

    def interrupt(self, error: BaseException) -> bool:
        """Whether ``error`` is the driver's way of reporting Ctrl-C."""
        return False


def _insert_metadata(backend: LoadBackend, plan: Plan, dataset: LoadSource) -> None:
    q = backend.dialect
    backend.executemany(
        f"INSERT INTO {plan.tables[METADATA_TABLE]} ({ident('key', q)}, {ident('value', q)}) "
        f"VALUES ({backend.mark}, {backend.mark})",
        dataset.metadata_rows(),
    )


def _data(backend: LoadBackend, plan: Plan, dataset: LoadSource, options: LoadOptions, result: LoadResult) -> None:
    current: str | None = None
    written = 0
    for table, payload in prefetch(backend.work(dataset), depth=backend.prefetch_depth):
        if table != current:
            if current is not None:
                result.rows[current] = backend.end_table(current, written)
            backend.start_table(table, plan)
            current, written = table, 0
        written += backend.write(table, plan, payload)
        options.report(table, written)
    if current is not None:
        result.rows[current] = backend.end_table(current, written)


def _phases(backend: LoadBackend, dataset: LoadSource, options: LoadOptions) -> LoadResult:
    result = LoadResult()
    names = [options.prefix + name for name in LOADED_TABLES]
    with result.phase("prepare"):
        plan = backend.begin()
        existing = backend.existing(names)
        if existing and options.if_exists == "fail":
            raise TablesExistError(backend.where, existing)
        if existing:
            backend.drop(plan, existing)
        for statement in plan.create:
            backend.execute(statement)
    with result.phase("data"):
        _data(backend, plan, dataset, options, result)
        result.verify(dataset, backend.target.display)
        _insert_metadata(backend, plan, dataset)
    with result.phase("keys"):
        for statement in plan.keys:
            backend.execute(statement)
    with result.phase("indexes"):
        for statement in plan.indexes:
            backend.execute(statement)
        backend.check_keys()
    with result.phase("commit"):
        backend.commit(plan, existing)
    return result


def run_load(
    source: str | Path | LoadSource,
    url: str,
    *,
    if_exists: IfExists = "fail",
    schema: str | None = None,
    prefix: str = "",
    progress: Progress | None = None,
) -> LoadResult:
    """Load ``source`` (a Parquet output or any :class:`LoadSource`) into ``url``, all or nothing.

    The dataset goes through its dialect's :class:`LoadBackend`; returns the rows per table and
    the seconds per phase. Bad arguments are refused before anything is read or connected.
    """
    target, options = _checked(url, if_exists, schema, prefix, progress)
    dataset = ParquetDataset.open(source) if isinstance(source, str | Path) else source
    backend = backend_for(target.dialect)(target, options)
    try:
        result = _phases(backend, dataset, options)
    except BaseException as error:
        backend.abort()
        if isinstance(error, KeyboardInterrupt):
            raise
        if interrupted(error) or backend.interrupt(error):  # e.g. PyMySQL: Ctrl-C in LOAD DATA → lost connection
            raise KeyboardInterrupt(f"load interrupted: {error}") from error
        raise
    backend.close()
    return result


def _checked(
    url: str, if_exists: str, schema: str | None, prefix: str, progress: Progress | None
) -> tuple[Target, LoadOptions]:
    if if_exists not in ("fail", "replace"):
        raise ValueError(f"if_exists must be 'fail' or 'replace', not {if_exists!r}")
    target = parse_url(url)
    check_prefix(prefix)
    check_schema(schema, target.dialect)
    if target.dialect == "mysql" and not (schema or target.database):
        raise ValueError(f"{target.display} names no database: add it (mysql://user@host:3306/crm) or pass a schema")
    plan(target.dialect, schema=schema, prefix=prefix, metadata=True)  # every name fits the dialect's limit
    return target, LoadOptions("replace" if if_exists == "replace" else "fail", schema, prefix, progress)


def backend_for(dialect: str) -> type[LoadBackend]:
    """The :class:`LoadBackend` of ``dialect``, importing its module (and driver) now."""
    try:
        module = importlib.import_module(f"salesgen.databases.{dialect}")
    except ImportError as error:
        raise ImportError(
            f"loading into {dialect} needs the {DRIVERS.get(dialect, dialect)} package "
            f"(pip install '{DRIVERS.get(dialect, dialect)}'): {error}"
        ) from error
    backend: type[LoadBackend] = module.BACKEND
    return backend


def existing_tables(url: str, *, schema: str | None = None, prefix: str = "") -> list[str]:
    """Which of the tables a load would create already exist at ``url``: to refuse before generating."""
    target, _ = _checked(url, "fail", schema, prefix, None)
    return backend_for(target.dialect).find_tables(target, schema, [prefix + name for name in LOADED_TABLES])


class LoadKeywords(TypedDict, total=False):
    """The keyword options of :func:`run_load` (the fields of :class:`LoadOptions`)."""

    if_exists: IfExists
    schema: str | None
    prefix: str
    progress: Progress | None


def load_parquet_dataset(source: str | Path | LoadSource, url: str, **options: Unpack[LoadKeywords]) -> dict[str, int]:
    """Load the Parquet dataset at ``source`` into the database at ``url``, all or nothing.

    Creates the ten tables (and ``salesgen_metadata``, the manifest) with keys,
    CHECKs and indexes (see :func:`salesgen.databases.ddl`), bulk-loads them
    (PostgreSQL COPY, MariaDB LOAD DATA LOCAL INFILE, SQLite executemany in one
    transaction, DuckDB read_parquet) and commits once. On any error, Ctrl-C or
    lost connection the database is left as it was. ``if_exists="fail"`` refuses
    (TablesExistError) if any of the tables exists; ``"replace"`` swaps them
    atomically: the old tables stay intact if the load fails. ``schema``: a
    PostgreSQL/DuckDB schema or a MariaDB database (created if missing; not for
    SQLite); ``prefix`` starts every table name. Both are checked (letters,
    digits, ``_``) and always quoted. ``progress(table, rows so far)`` is called
    after every batch. ``source`` may also be any :class:`LoadSource`. Returns
    the rows loaded per table.

    Example:
        >>> load_parquet_dataset("crm/", "postgresql://root@127.0.0.1:5432/test", schema="crm")  # doctest: +SKIP
        {'products': 40, 'discount_tiers': 140, ..., 'interactions': 3701}
    """
    return run_load(source, url, **options).rows
