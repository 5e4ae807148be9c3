"""A loaded database (PostgreSQL, MariaDB/MySQL, SQLite, DuckDB) into the reader, for ``validate <url>`` and ``read``.

DuckDB files are attached directly. Other databases are streamed table by
table through their driver (server-side cursors, 50,000 rows a batch) into a
scratch DuckDB file, converting each column to the contract's type in DuckDB
SQL, so memory stays bounded by the batch. ``schema`` and ``prefix`` are
checked (letters, digits, ``_``) before anything connects and are always quoted.

Example:
    >>> open_database("sqlite:////nonexistent/crm.db")
    Traceback (most recent call last):
    ...
    salesgen.readers.source.SourceError: the SQLite file /nonexistent/crm.db does not exist
    >>> open_database("postgresql://localhost/db", schema="x; DROP TABLE y")
    Traceback (most recent call last):
    ...
    salesgen.readers.source.SourceError: schema 'x; DROP TABLE y' must match [A-Za-z_][A-Za-z0-9_]* (letters, digits, _)
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from salesgen.contract import METADATA_TABLE, TABLE_NAMES, TABLES, Kind
from salesgen.databases import parse_url
from salesgen.databases.sql import TYPES, Names, ident
from salesgen.databases.urls import Target
from salesgen.readers.files import read_duckdb
from salesgen.readers.source import Source, SourceError, opened

BATCH_ROWS = 50_000
_BATCH = "salesgen_batch"


def _converted(table: str, dialect: str) -> str:
    """SELECT list turning a driver batch into the contract's types (lists may arrive as JSON text,
    SQLite money as integer cents)."""
    parts = []
    for column in TABLES[table].columns:
        ref = ident(column.name)
        if column.kind is Kind.MONEY and dialect == "sqlite":  # exact: decimal times decimal
            parts.append(f"CAST(CAST({ref} AS DECIMAL(18,0)) * 0.01 AS {TYPES['duckdb'][column.kind]}) AS {ref}")
        elif column.kind is Kind.STRING_LIST:
            parts.append(
                f"CASE WHEN typeof({ref}) = 'VARCHAR' THEN from_json({ref}::VARCHAR, '[\"VARCHAR\"]') "
                f"ELSE {ref}::VARCHAR[] END AS {ref}"
            )
        else:
            parts.append(f"CAST({ref} AS {TYPES['duckdb'][column.kind]}) AS {ref}")
    return ", ".join(parts)


def _batches(cursor: Any) -> Iterator[list[tuple[Any, ...]]]:
    while rows := cursor.fetchmany(BATCH_ROWS):
        yield list(rows)


def _copy_table(con: duckdb.DuckDBPyConnection, cursor: Any, table: str, source_name: str, dialect: str) -> None:
    columns = TABLES[table].column_names
    cursor.execute(f"SELECT {', '.join(ident(c, dialect) for c in columns)} FROM {source_name}")
    typed = ", ".join(f"{ident(c.name)} {TYPES['duckdb'][c.kind]}" for c in TABLES[table].columns)
    con.execute(f"CREATE TABLE {ident(table)} ({typed})")
    for rows in _batches(cursor):
        values = zip(*rows, strict=True)  # rows → columns
        batch = pa.table({name: pa.array(list(column)) for name, column in zip(columns, values, strict=True)})
        con.register(_BATCH, batch)
        con.execute(f"INSERT INTO {ident(table)} SELECT {_converted(table, dialect)} FROM {_BATCH}")
        con.unregister(_BATCH)


def _metadata(cursor: Any, name: str, dialect: str) -> dict[str, Any]:
    try:
        cursor.execute(f"SELECT {ident('key', dialect)}, {ident('value', dialect)} FROM {name}")
        return {key: json.loads(value) for key, value in cursor.fetchall()}
    except Exception:  # no metadata table: fall back to default reference values
        return {}


Cursors = tuple[Any, Callable[[str], Any]]
"""(connection, ``cursor(table) -> a streaming cursor``)."""


def _postgres(target: Target, schema: str | None) -> Cursors:
    from salesgen.databases import postgres

    connection: Any = postgres.connect(target)
    return connection, lambda table: connection.cursor(name=f"salesgen_read_{table}")  # named: server-side


def _mysql(target: Target, schema: str | None) -> Cursors:
    import pymysql

    from salesgen.databases import mysql

    connection: Any = mysql.connect(target, database=schema or target.database)
    return connection, lambda table: connection.cursor(pymysql.cursors.SSCursor)


def _sqlite(target: Target, schema: str | None) -> Cursors:
    if target.path is None or not target.path.exists():
        raise SourceError(f"the SQLite file {target.path} does not exist")
    connection = sqlite3.connect(f"{target.path.resolve().as_uri()}?mode=ro", uri=True)
    return connection, lambda table: connection.cursor()


_DRIVERS: dict[str, Callable[[Target, str | None], Cursors]] = {
    "postgres": _postgres,
    "mysql": _mysql,
    "sqlite": _sqlite,
}


def _stream_tables(con: duckdb.DuckDBPyConnection, target: Target, names: Names) -> dict[str, Any]:
    connection, cursor_for = _DRIVERS[target.dialect](target, names.schema)
    with closing(connection):
        for table in TABLE_NAMES:
            cursor = cursor_for(table)
            try:
                _copy_table(con, cursor, table, names.table(table), target.dialect)
            finally:
                cursor.close()
        return _metadata(connection.cursor(), names.table(METADATA_TABLE), target.dialect)


def open_database(url: str, *, schema: str | None = None, prefix: str = "") -> Source:
    """Open the ten tables at ``url`` for reading or checking; ``SourceError`` if they cannot be read."""
    try:
        target = parse_url(url)
        # MariaDB: the schema is the database connected to, so names are not qualified by it.
        names = Names(target.dialect, None if target.dialect == "mysql" else schema, prefix)
        Names(target.dialect, schema, prefix).table(METADATA_TABLE)  # checks schema, prefix and name lengths
    except ValueError as error:
        raise SourceError(str(error)) from error

    def read(con: duckdb.DuckDBPyConnection, scratch: Path) -> dict[str, Any]:
        if target.dialect == "duckdb":
            assert target.path is not None
            if not target.path.exists():
                raise SourceError(f"the DuckDB file {target.path} does not exist")
            return read_duckdb(con, target.path, schema=schema, prefix=prefix)
        return _stream_tables(con, target, names)

    # Any driver, connection or conversion error means the same to the user: unreadable.
    try:
        return opened(target.dialect, target.display, read, on_disk=True, unreadable=(Exception,))
    except SourceError as error:
        raise SourceError(target.scrub(error)) from error
