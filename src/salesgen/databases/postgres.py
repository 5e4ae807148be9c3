"""PostgreSQL: one transaction, COPY … (FORMAT csv, FREEZE), keys and indexes built after the data.

Everything — ``CREATE SCHEMA IF NOT EXISTS``, dropping the old tables when
replacing, ``CREATE TABLE``, COPY, ``ALTER TABLE … ADD PRIMARY/FOREIGN KEY``
(validated then, in one pass each), ``CREATE INDEX`` — runs in a single
transaction: PostgreSQL's DDL is transactional, so until the final COMMIT no
other session sees anything and any failure (an error, Ctrl-C, a terminated
backend, a lost network) leaves the database exactly as it was. Replacing holds
an exclusive lock on the old tables until the commit: readers wait, then see
the new tables.

The data is encoded to CSV by a background thread (Arrow's C++ writer,
timestamps as UTC text in a ``SET LOCAL TimeZone = 'UTC'`` session, lists as
array literals) while the server parses the previous batch. Tables created in
the same transaction take ``COPY … FREEZE`` (rows written frozen, no later
vacuum pass).

Example:
    >>> from salesgen.databases import load_parquet_dataset
    >>> load_parquet_dataset("crm/", "postgresql://root@127.0.0.1:5432/test", schema="crm")  # doctest: +SKIP
    {'products': 40, ...}
"""

from __future__ import annotations

import contextlib
from contextlib import AbstractContextManager
from typing import Any, ClassVar

import psycopg
import pyarrow as pa
from psycopg import sql

from salesgen.contract import TABLES
from salesgen.databases.ddl import Plan, plan
from salesgen.databases.encoding import pg_csv
from salesgen.databases.loader import LoadBackend
from salesgen.databases.sql import ident, literal
from salesgen.databases.urls import Target

MAINTENANCE_WORK_MEM = "256MB"


def connect(target: Target) -> psycopg.Connection[tuple[object, ...]]:
    """A connection to ``target`` (autocommit off: the first statement opens the load's transaction)."""
    try:
        return psycopg.connect(target.url, autocommit=False)
    except psycopg.OperationalError as error:
        raise ConnectionError(f"cannot connect to PostgreSQL at {target.display}: {error}".rstrip()) from error


def existing_tables(cursor: psycopg.Cursor[tuple[object, ...]], schema: str | None, names: list[str]) -> list[str]:
    """Which of ``names`` exist in ``schema`` (default: the first schema of the search path)."""
    cursor.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = COALESCE(%s, current_schema()) AND c.relname = ANY(%s)",
        (schema, names),
    )
    found = {str(row[0]) for row in cursor.fetchall()}
    return [name for name in names if name in found]


class PostgresBackend(LoadBackend):
    """One transaction; COPY per table from CSV encoded in a background thread; keys and indexes after the data."""

    dialect: ClassVar[str] = "postgres"
    mark: ClassVar[str] = "%s"

    @classmethod
    def find_tables(cls, target: Target, schema: str | None, names: list[str]) -> list[str]:
        with connect(target) as connection:
            return existing_tables(connection.cursor(), schema, names)

    def begin(self) -> Plan:
        self.connection = connect(self.target)
        self.cursor = self.connection.cursor()
        self._copy: AbstractContextManager[psycopg.Copy] | None = None
        self.execute("SET LOCAL TimeZone = 'UTC'")
        self.execute(f"SET LOCAL maintenance_work_mem = {literal(MAINTENANCE_WORK_MEM)}")
        if self.options.schema is not None:
            self.execute(f"CREATE SCHEMA IF NOT EXISTS {ident(self.options.schema)}")
        return plan("postgres", schema=self.options.schema, prefix=self.options.prefix, metadata=True)

    def existing(self, names: list[str]) -> list[str]:
        return existing_tables(self.cursor, self.options.schema, names)

    def execute(self, statement: str) -> None:
        self.cursor.execute(statement.encode())

    def executemany(self, statement: str, rows: list[tuple[Any, ...]]) -> None:
        self.cursor.executemany(statement.encode(), rows)

    def drop(self, plan: Plan, existing: list[str]) -> None:
        # One statement: PostgreSQL resolves the references between the dropped tables itself.
        qualified = [
            sql.Identifier(*((self.options.schema, name) if self.options.schema else (name,))) for name in existing
        ]
        self.cursor.execute(sql.SQL("DROP TABLE {}").format(sql.SQL(", ").join(qualified)))

    def encode(self, table: str, batch: pa.RecordBatch) -> tuple[int, bytes]:
        return batch.num_rows, pg_csv(batch)

    def start_table(self, table: str, plan: Plan) -> None:
        columns = ", ".join(ident(c) for c in TABLES[table].column_names)
        # FREEZE: the table was created in this transaction, so rows can be written frozen (no vacuum pass later).
        self._copy = self.cursor.copy(f"COPY {plan.tables[table]} ({columns}) FROM STDIN (FORMAT csv, FREEZE)".encode())
        self._writer = self._copy.__enter__()

    def write(self, table: str, plan: Plan, payload: tuple[int, bytes]) -> int:
        rows, data = payload
        self._writer.write(data)
        return rows

    def end_table(self, table: str, written: int) -> int:
        assert self._copy is not None
        self._copy.__exit__(None, None, None)
        self._copy = None
        return self.cursor.rowcount

    def commit(self, plan: Plan, existing: list[str]) -> None:
        self.connection.commit()

    def abort(self) -> None:
        # Without a COMMIT, closing rolls everything back (also on the server if the connection is lost).
        connection = getattr(self, "connection", None)
        if connection is not None:
            with contextlib.suppress(Exception):  # already broken: the server rolls back on its own
                connection.close()

    def close(self) -> None:
        self.connection.close()


BACKEND = PostgresBackend
