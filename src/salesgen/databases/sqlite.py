"""SQLite: one ``BEGIN IMMEDIATE`` transaction, ``executemany`` in large batches, deferred foreign keys.

SQLite's DDL is transactional: dropping the old tables (``replace``), creating
the new ones, inserting every row and building the indexes happen in one
transaction, committed only after ``PRAGMA foreign_key_check`` found nothing
(foreign keys are ``DEFERRABLE INITIALLY DEFERRED``: rows may arrive before
their parents). On any failure it rolls back; a database file the load created
is removed again. SQLite enforces foreign keys only on connections that run
``PRAGMA foreign_keys = ON`` — the loader does; applications must too.

Types: integers, REAL floats, money and percents as numbers (``DECIMAL``
affinity: exact to the cent below 10¹³), booleans 0/1, dates ``YYYY-MM-DD``,
timestamps ISO-8601 UTC text ``YYYY-MM-DDTHH:MM:SSZ``, lists JSON array text —
each checked by a CHECK constraint.

Example:
    >>> from salesgen.databases import load_parquet_dataset
    >>> load_parquet_dataset("crm/", "sqlite:///crm.db")  # doctest: +SKIP
    {'products': 40, ...}
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from salesgen.databases.ddl import METADATA_TABLE, plan
from salesgen.databases.encoding import sqlite_rows
from salesgen.databases.loader import LOADED_TABLES, LoadOptions, LoadResult, TablesExistError, Target
from salesgen.databases.source import ParquetDataset, prefetch
from salesgen.schema import TABLE_NAMES, TABLES

CACHE_KIB = 262_144   # page cache for this connection while loading: 256 MiB


def _companions(path: Path) -> list[Path]:
    return [path, *(path.with_name(path.name + suffix) for suffix in ("-journal", "-wal", "-shm"))]


def existing_tables(connection: sqlite3.Connection, names: list[str]) -> list[str]:
    found = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return [name for name in names if name in found]


def find_tables(target: Target, schema: str | None, names: list[str]) -> list[str]:
    """Which of ``names`` exist in the SQLite file of ``target`` (none if there is no file)."""
    assert target.path is not None
    if not target.path.exists():
        return []
    connection = sqlite3.connect(f"{target.path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return existing_tables(connection, names)
    finally:
        connection.close()


def load(target: Target, dataset: ParquetDataset, options: LoadOptions) -> LoadResult:
    """Load ``dataset`` into the SQLite file of ``target`` in one transaction."""
    assert target.path is not None
    path = target.path
    result = LoadResult()
    ddl = plan("sqlite", prefix=options.prefix, metadata=True)
    names = [options.prefix + name for name in LOADED_TABLES]
    created_file = not path.exists()
    if created_file and not path.parent.is_dir():
        raise FileNotFoundError(f"{target.display}: folder {path.parent} does not exist")
    connection = sqlite3.connect(path, isolation_level=None)
    committed = False
    try:
        with result.phase("prepare"):
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            connection.execute("BEGIN IMMEDIATE")
            existing = existing_tables(connection, names)
            if existing and options.if_exists == "fail":
                raise TablesExistError(target.display, existing)
            for name in reversed(existing):   # children before parents
                connection.execute(f'DROP TABLE "{name}"')
            for statement in ddl.create:
                connection.execute(statement)
        with result.phase("data"):
            batches = ((table, batch.num_rows, sqlite_rows(batch))
                       for table in TABLE_NAMES for batch in dataset.batches(table))
            for table, count, rows in prefetch(batches):
                spec = TABLES[table]
                columns = ", ".join(f'"{c}"' for c in spec.column_names)
                marks = ", ".join("?" * len(spec.columns))
                connection.executemany(f"INSERT INTO {ddl.tables[table]} ({columns}) VALUES ({marks})", rows)
                result.rows[table] = result.rows.get(table, 0) + count
                options.report(table, result.rows[table])
            result.verify(dataset, target.display)
            connection.executemany(f"INSERT INTO {ddl.tables[METADATA_TABLE]} (key, value) VALUES (?, ?)",
                                   dataset.metadata_rows())
        with result.phase("indexes"):
            for statement in ddl.indexes:
                connection.execute(statement)
        with result.phase("keys"):
            dangling = [row for name in names[:len(TABLE_NAMES)]
                        for row in connection.execute(f'PRAGMA foreign_key_check("{name}")').fetchmany(5)]
            if dangling:
                shown = "; ".join(f"{row[0]} rowid {row[1]} → {row[2]}" for row in dangling)
                raise sqlite3.IntegrityError(f"FOREIGN KEY constraint failed: {shown}")
        with result.phase("commit"):
            connection.execute("COMMIT")
            committed = True
    finally:
        if not committed:
            with contextlib.suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
        connection.close()
        if not committed and created_file:
            for companion in _companions(path):
                companion.unlink(missing_ok=True)
    return result
