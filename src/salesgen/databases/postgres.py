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

from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter

import psycopg
from psycopg import sql

from salesgen.databases.ddl import METADATA_TABLE, plan
from salesgen.databases.encoding import pg_csv
from salesgen.databases.loader import LOADED_TABLES, LoadOptions, LoadResult, TablesExistError, Target
from salesgen.databases.source import ParquetDataset, prefetch
from salesgen.schema import TABLE_NAMES, TABLES

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
        (schema, names))
    found = {str(row[0]) for row in cursor.fetchall()}
    return [name for name in names if name in found]


def find_tables(target: Target, schema: str | None, names: list[str]) -> list[str]:
    """Which of ``names`` exist at ``target`` (in ``schema``)."""
    with connect(target) as connection:
        return existing_tables(connection.cursor(), schema, names)


def _encoded(dataset: ParquetDataset) -> Iterator[tuple[str, int, bytes]]:
    for table in TABLE_NAMES:
        for batch in dataset.batches(table):
            yield table, batch.num_rows, pg_csv(batch)


def load(target: Target, dataset: ParquetDataset, options: LoadOptions) -> LoadResult:
    """Load ``dataset`` into the PostgreSQL database of ``target`` in one transaction."""
    result = LoadResult()
    ddl = plan("postgres", schema=options.schema, prefix=options.prefix, metadata=True)
    names = [options.prefix + name for name in LOADED_TABLES]
    connection = connect(target)
    try:
        cursor = connection.cursor()
        with result.phase("prepare"):
            cursor.execute("SET LOCAL TimeZone = 'UTC'")
            cursor.execute(sql.SQL("SET LOCAL maintenance_work_mem = {}").format(MAINTENANCE_WORK_MEM))
            if options.schema is not None:
                cursor.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(options.schema)))
            existing = existing_tables(cursor, options.schema, names)
            if existing and options.if_exists == "fail":
                where = f"{target.display}" + (f" schema {options.schema}" if options.schema else "")
                raise TablesExistError(where, existing)
            if existing:
                qualified = [sql.Identifier(*((options.schema, name) if options.schema else (name,)))
                             for name in existing]
                cursor.execute(sql.SQL("DROP TABLE {}").format(sql.SQL(", ").join(qualified)))
            for statement in ddl.create:
                cursor.execute(statement.encode())
        with result.phase("data"):
            for table, items in groupby(prefetch(_encoded(dataset)), key=itemgetter(0)):
                columns = sql.SQL(", ").join(sql.Identifier(c) for c in TABLES[table].column_names)
                copy_sql = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT csv, FREEZE)").format(
                    sql.SQL(ddl.tables[table]), columns)
                sent = 0
                with cursor.copy(copy_sql) as copy:
                    for _, rows, payload in items:
                        copy.write(payload)
                        sent += rows
                        options.report(table, sent)
                result.rows[table] = cursor.rowcount
            result.verify(dataset, target.display)
            cursor.executemany(sql.SQL("INSERT INTO {} (key, value) VALUES (%s, %s)").format(
                sql.SQL(ddl.tables[METADATA_TABLE])), dataset.metadata_rows())
        with result.phase("keys"):
            for statement in ddl.keys:
                cursor.execute(statement.encode())
        with result.phase("indexes"):
            for statement in ddl.indexes:
                cursor.execute(statement.encode())
        with result.phase("commit"):
            connection.commit()
    finally:
        connection.close()   # without a COMMIT, closing rolls everything back
    return result
