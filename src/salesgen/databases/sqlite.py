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

import sqlite3
from pathlib import Path
from typing import Any, ClassVar

import pyarrow as pa

from salesgen.contract import TABLE_NAMES, TABLES
from salesgen.databases.ddl import Plan, plan
from salesgen.databases.encoding import sqlite_rows
from salesgen.databases.files import FileBackend
from salesgen.databases.sql import ident

CACHE_KIB = 262_144  # page cache for this connection while loading: 256 MiB


def existing_tables(connection: sqlite3.Connection, names: list[str]) -> list[str]:
    found = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return [name for name in names if name in found]


class SQLiteBackend(FileBackend):
    """``BEGIN IMMEDIATE``; ``executemany`` per batch; deferred foreign keys checked before the COMMIT."""

    dialect: ClassVar[str] = "sqlite"
    begin_statement: ClassVar[str] = "BEGIN IMMEDIATE"
    companions: ClassVar[tuple[str, ...]] = ("-journal", "-wal", "-shm")
    errors: ClassVar[tuple[type[Exception], ...]] = (sqlite3.Error,)

    @staticmethod
    def read_only(path: Path) -> sqlite3.Connection:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)

    @staticmethod
    def tables_in(connection: sqlite3.Connection, schema: str | None, names: list[str]) -> list[str]:
        return existing_tables(connection, names)

    def open(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, isolation_level=None)

    def settings(self) -> list[str]:
        return ["PRAGMA foreign_keys = ON", f"PRAGMA cache_size = -{CACHE_KIB}"]

    def plan(self) -> Plan:
        return plan("sqlite", prefix=self.options.prefix, metadata=True)

    def encode(self, table: str, batch: pa.RecordBatch) -> list[tuple[Any, ...]]:
        return sqlite_rows(batch)

    def write(self, table: str, plan: Plan, payload: list[tuple[Any, ...]]) -> int:
        spec = TABLES[table]
        columns = ", ".join(ident(c) for c in spec.column_names)
        marks = ", ".join("?" * len(spec.columns))
        self.connection.executemany(f"INSERT INTO {plan.tables[table]} ({columns}) VALUES ({marks})", payload)
        return len(payload)

    def check_keys(self) -> None:
        # Foreign keys are DEFERRABLE INITIALLY DEFERRED: rows may arrive before their parents; check them all now.
        dangling = [
            row
            for name in TABLE_NAMES
            for row in self.connection.execute(
                f"PRAGMA foreign_key_check({ident(self.options.prefix + name)})"
            ).fetchmany(5)
        ]
        if dangling:
            shown = "; ".join(f"{row[0]} rowid {row[1]} → {row[2]}" for row in dangling)
            raise sqlite3.IntegrityError(f"FOREIGN KEY constraint failed: {shown}")


BACKEND = SQLiteBackend
