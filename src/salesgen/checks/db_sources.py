"""Open a loaded database (PostgreSQL, MariaDB/MySQL, SQLite, DuckDB) for ``salesgen validate <url>``.

DuckDB files are attached directly. Other databases are streamed table by table through their
driver (server-side cursors, 50,000 rows a batch) into a scratch DuckDB file, converting each
column to the contract's type in DuckDB SQL, so memory stays bounded by the batch.

Example:
    >>> open_database("sqlite:////nonexistent/crm.db")
    Traceback (most recent call last):
    ...
    salesgen.checks.sources.SourceError: the SQLite file /nonexistent/crm.db does not exist
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from salesgen.checks.sources import SQL_TYPES, Source, SourceError, opened, read_duckdb
from salesgen.databases import parse_url
from salesgen.databases.loader import Target
from salesgen.schema import METADATA_TABLE, TABLE_NAMES, TABLES, Kind

BATCH_ROWS = 50_000


def _converted(table: str) -> str:
    """SELECT list turning a driver batch into the contract's types (lists may arrive as JSON text)."""
    parts = []
    for column in TABLES[table].columns:
        ref = f'"{column.name}"'
        if column.kind is Kind.STRING_LIST:
            parts.append(f"CASE WHEN typeof({ref}) = 'VARCHAR' THEN from_json({ref}::VARCHAR, '[\"VARCHAR\"]') "
                         f"ELSE {ref}::VARCHAR[] END AS {ref}")
        else:
            parts.append(f"CAST({ref} AS {SQL_TYPES[column.kind]}) AS {ref}")
    return ", ".join(parts)


def _batches(cursor: Any) -> Iterator[list[tuple[Any, ...]]]:
    while rows := cursor.fetchmany(BATCH_ROWS):
        yield list(rows)


def _copy_table(con: duckdb.DuckDBPyConnection, cursor: Any, table: str, source_name: str) -> None:
    columns = TABLES[table].column_names
    cursor.execute(f"SELECT {', '.join(columns)} FROM {source_name}")
    typed = ", ".join(f'"{c.name}" {SQL_TYPES[c.kind]}' for c in TABLES[table].columns)
    con.execute(f'CREATE TABLE "{table}" ({typed})')
    for rows in _batches(cursor):
        values = zip(*rows, strict=True)  # rows → columns
        batch = pa.table({name: pa.array(list(column)) for name, column in zip(columns, values, strict=True)})
        con.register("salesgen_batch", batch)
        con.execute(f'INSERT INTO "{table}" SELECT {_converted(table)} FROM salesgen_batch')
        con.unregister("salesgen_batch")


def _metadata(cursor: Any, name: str) -> dict[str, Any]:
    try:
        cursor.execute(f"SELECT key, value FROM {name}")
        return {key: json.loads(value) for key, value in cursor.fetchall()}
    except Exception:  # no metadata table: fall back to default reference values
        return {}


def _driver_cursor(target: Target, schema: str | None) -> tuple[Any, Any, str]:
    """(connection, streaming cursor, qualifier) for the target's dialect, through the loaders' connects."""
    if target.dialect == "postgres":
        from salesgen.databases import postgres

        connection: Any = postgres.connect(target)
        return connection, connection.cursor(name="salesgen_validate"), f"{schema}." if schema else ""
    if target.dialect == "mysql":
        import pymysql

        from salesgen.databases import mysql

        connection = mysql.connect(target, database=schema or target.database)
        return connection, connection.cursor(pymysql.cursors.SSCursor), ""
    if target.path is None or not target.path.exists():
        raise SourceError(f"the SQLite file {target.path} does not exist")
    connection = sqlite3.connect(target.path)
    return connection, connection.cursor(), ""


def open_database(url: str, *, schema: str | None = None, prefix: str = "") -> Source:
    """Open the ten tables at ``url`` for checking; ``SourceError`` if they cannot be read."""
    try:
        target = parse_url(url)
    except ValueError as error:
        raise SourceError(str(error)) from error

    def read(con: duckdb.DuckDBPyConnection, scratch: Path) -> dict[str, Any]:
        con.execute("SET TimeZone = 'UTC'")  # MariaDB's naive UTC datetimes are cast as UTC
        if target.dialect == "duckdb" and target.path is not None:
            return read_duckdb(con, target.path)
        return _stream_tables(con, target, schema, prefix)

    # Any driver, connection or conversion error means the same to the user: unreadable.
    return opened(target.dialect, target.display, read, on_disk=True, unreadable=(Exception,))


def _stream_tables(con: duckdb.DuckDBPyConnection, target: Target, schema: str | None,
                   prefix: str) -> dict[str, Any]:
    connection, cursor, qualifier = _driver_cursor(target, schema)
    with closing(connection):
        for table in TABLE_NAMES:
            _copy_table(con, cursor, table, f"{qualifier}{prefix}{table}")
            if target.dialect == "postgres":  # a named cursor is single-use
                cursor.close()
                cursor = connection.cursor(name=f"salesgen_validate_{table}")
        plain = connection.cursor()
        return _metadata(plain, f"{qualifier}{prefix}{METADATA_TABLE}")

