"""MariaDB / MySQL: load into a fresh staging database, then swap with one atomic RENAME TABLE.

MariaDB commits DDL implicitly, so one transaction cannot hold a load. The
loader creates ``salesgen_stage_<random>`` with the full schema (keys, CHECKs,
indexes — InnoDB checks every foreign key and CHECK as rows arrive), fills it
with ``LOAD DATA LOCAL INFILE`` (CSV encoded by a background thread into a
temporary file per part, one part ahead of the server), checks that each load
took exactly its rows without a warning (``LOCAL`` turns row errors into
warnings) — or, where the server has ``local_infile=OFF`` (MySQL 8's default),
with multi-row INSERTs of about 1 MB each — and then moves all tables into the target database with a single
``RENAME TABLE`` — atomic in MariaDB ≥ 10.6. When replacing, the same statement
first moves the old tables into ``salesgen_old_<random>``, dropped afterwards.
On any failure, Ctrl-C or lost connection, the staging database is dropped
(from a fresh connection if needed) and the target was never touched. A
``kill -9`` of the loader can leave a ``salesgen_stage_*`` database behind,
never a half-loaded target.

Timestamps are ``DATETIME(6)`` holding UTC (not ``TIMESTAMP``: no 2038 limit,
no conversion by the session time zone); booleans ``BOOLEAN`` (0/1); lists
``JSON`` arrays. The user needs CREATE, DROP and ALTER on databases.

Example:
    >>> from salesgen.databases import load_parquet_dataset
    >>> load_parquet_dataset("crm/", "mysql://root@127.0.0.1:3306/test")  # doctest: +SKIP
    {'products': 40, ...}
"""

from __future__ import annotations

import contextlib
import secrets
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pymysql
import pymysql.cursors

from salesgen.databases.ddl import METADATA_TABLE, plan
from salesgen.databases.encoding import mysql_csv, mysql_rows
from salesgen.databases.loader import LOADED_TABLES, LoadCountError, LoadOptions, LoadResult, TablesExistError, Target
from salesgen.databases.source import ParquetDataset, prefetch
from salesgen.schema import TABLE_NAMES, TABLES

PART_ROWS = 200_000      # rows per LOAD DATA file
INSERT_ROWS = 20_000     # rows per executemany when the server refuses LOCAL INFILE


def _q(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def connect(target: Target, database: str | None = None) -> pymysql.connections.Connection[pymysql.cursors.Cursor]:
    """An autocommit connection to ``target`` with LOCAL INFILE enabled and the session in UTC."""
    try:
        connection: pymysql.connections.Connection[pymysql.cursors.Cursor] = pymysql.connections.Connection(
            host=target.host or "127.0.0.1", port=target.port or 3306, user=target.user or "root",
            password=target.password or "", database=database, unix_socket=target.query.get("unix_socket"),
            local_infile=True, autocommit=True, charset="utf8mb4")
    except pymysql.err.OperationalError as error:
        raise ConnectionError(f"cannot connect to MariaDB/MySQL at {target.display}: {error}") from error
    with connection.cursor() as cursor:
        cursor.execute("SET SESSION time_zone = '+00:00', SESSION foreign_key_checks = 1, SESSION unique_checks = 1")
    return connection


def _existing(cursor: pymysql.cursors.Cursor, database: str, names: list[str]) -> list[str]:
    cursor.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = %s", (database,))
    found = {str(row[0]) for row in cursor.fetchall()}
    return [name for name in names if name in found]


def find_tables(target: Target, schema: str | None, names: list[str]) -> list[str]:
    """Which of ``names`` exist in the database ``schema`` (default: the URL's)."""
    connection = connect(target)
    try:
        with connection.cursor() as cursor:
            return _existing(cursor, schema or target.database or "", names)
    finally:
        connection.close()


def _database_exists(cursor: pymysql.cursors.Cursor, database: str) -> bool:
    cursor.execute("SELECT 1 FROM information_schema.schemata WHERE schema_name = %s", (database,))
    return cursor.fetchone() is not None


def _parts(dataset: ParquetDataset, folder: Path) -> Iterator[tuple[str, int, Path]]:
    """Encode each table in parts of about PART_ROWS rows to CSV files in ``folder``."""
    count = 0
    for table in TABLE_NAMES:
        pending: list[bytes] = []
        rows = 0
        for batch in dataset.batches(table):
            pending.append(mysql_csv(batch))
            rows += batch.num_rows
            if rows >= PART_ROWS:
                count += 1
                yield table, rows, _spill(folder / f"{count:05d}.csv", pending)
                pending, rows = [], 0
        if rows:
            count += 1
            yield table, rows, _spill(folder / f"{count:05d}.csv", pending)


def _row_batches(dataset: ParquetDataset) -> Iterator[tuple[str, int, list[tuple[Any, ...]]]]:
    for table in TABLE_NAMES:
        for batch in dataset.batches(table, INSERT_ROWS):
            yield table, batch.num_rows, mysql_rows(batch)


def local_infile(cursor: pymysql.cursors.Cursor) -> bool:
    """Whether the server accepts ``LOAD DATA LOCAL INFILE`` (``local_infile``: ON in MariaDB, OFF in MySQL 8)."""
    cursor.execute("SELECT @@GLOBAL.local_infile")
    return bool(int((cursor.fetchone() or (0,))[0]))


def _insert_rows(cursor: pymysql.cursors.Cursor, table: str, qualified: str, rows: list[tuple[Any, ...]]) -> None:
    """The fallback without LOCAL INFILE: PyMySQL's executemany sends multi-row INSERTs of up to ~1 MB each."""
    columns = TABLES[table].column_names
    cursor.executemany(f"INSERT INTO {qualified} ({', '.join(_q(c) for c in columns)}) "
                       f"VALUES ({', '.join(['%s'] * len(columns))})", rows)


def _spill(path: Path, chunks: list[bytes]) -> Path:
    with path.open("wb") as handle:
        for chunk in chunks:
            handle.write(chunk)
    return path


def _load_part(cursor: pymysql.cursors.Cursor, table: str, qualified: str, path: Path, rows: int) -> None:
    columns = ", ".join(_q(c) for c in TABLES[table].column_names)
    loaded = cursor.execute(
        f"LOAD DATA LOCAL INFILE %s INTO TABLE {qualified} CHARACTER SET utf8mb4 "
        "FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' ESCAPED BY '\\\\' "
        f"LINES TERMINATED BY '\\n' ({columns})", (str(path),))
    cursor.execute("SHOW WARNINGS LIMIT 5")
    problems = [f"{row[0]} {row[1]}: {row[2]}" for row in cursor.fetchall()]
    if problems or loaded != rows:
        raise LoadCountError(f"MariaDB rejected rows of {table}: {loaded} of {rows} loaded; "
                             + ("; ".join(problems) or "no warning given"))


def _cleanup(target: Target, session: int | None, drop: list[str]) -> None:
    """Drop the databases in ``drop`` (staging), from a fresh connection: the old one may be broken or busy."""
    try:
        fresh = connect(target)
    except Exception as error:  # the server is gone: nothing reached the target anyway
        warnings.warn(f"could not drop the staging database(s) {', '.join(drop)}: {error}", stacklevel=3)
        return
    try:
        with fresh.cursor() as cursor:
            if session is not None:   # stop a statement the lost session may still be running
                with contextlib.suppress(pymysql.err.MySQLError):   # already gone
                    cursor.execute("KILL %s", (session,))
            for database in drop:
                cursor.execute(f"DROP DATABASE IF EXISTS {_q(database)}")
    finally:
        fresh.close()


def load(target: Target, dataset: ParquetDataset, options: LoadOptions) -> LoadResult:
    """Load ``dataset`` into the MariaDB/MySQL database of ``target`` (or ``options.schema``) via a staging swap."""
    result = LoadResult()
    database = options.schema or target.database
    if not database:
        raise ValueError(f"{target.display}: name a database in the URL (mysql://user@host:port/db) or pass schema=")
    names = [options.prefix + name for name in LOADED_TABLES]
    token = secrets.token_hex(6)
    stage, old = f"salesgen_stage_{token}", f"salesgen_old_{token}"
    ddl = plan("mysql", schema=stage, prefix=options.prefix, metadata=True)
    created: list[str] = []
    connection = connect(target)
    session: int | None = None
    try:
        with connection.cursor() as cursor, result.phase("prepare"):
            cursor.execute("SELECT CONNECTION_ID()")
            session = int((cursor.fetchone() or (0,))[0])
            if not _database_exists(cursor, database):
                cursor.execute(f"CREATE DATABASE {_q(database)} CHARACTER SET utf8mb4")
                created.append(database)
            if _existing(cursor, database, names) and options.if_exists == "fail":
                raise TablesExistError(f"{target.display} database {database}", _existing(cursor, database, names))
            cursor.execute(f"CREATE DATABASE {_q(stage)} CHARACTER SET utf8mb4")
            created.append(stage)
            cursor.execute(f"USE {_q(stage)}")
            for statement in ddl.create:
                cursor.execute(statement)
        with connection.cursor() as cursor, result.phase("data"), \
                tempfile.TemporaryDirectory(prefix="salesgen-load-") as folder:
            infile = local_infile(cursor)
            work: Iterator[tuple[str, int, Path | list[tuple[Any, ...]]]] = \
                _parts(dataset, Path(folder)) if infile else _row_batches(dataset)
            for table, rows, part in prefetch(work, depth=1):
                if isinstance(part, Path):
                    _load_part(cursor, table, ddl.tables[table], part, rows)
                    part.unlink()
                else:
                    _insert_rows(cursor, table, ddl.tables[table], part)
                result.rows[table] = result.rows.get(table, 0) + rows
                options.report(table, result.rows[table])
            result.verify(dataset, target.display)
            cursor.executemany(f"INSERT INTO {ddl.tables[METADATA_TABLE]} (`key`, `value`) VALUES (%s, %s)",
                               dataset.metadata_rows())
        with connection.cursor() as cursor, result.phase("commit"):
            existing = _existing(cursor, database, names)
            if existing and options.if_exists == "fail":
                raise TablesExistError(f"{target.display} database {database}", existing)
            moves = []
            if existing:
                cursor.execute(f"CREATE DATABASE {_q(old)}")
                created.append(old)
                moves += [f"{_q(database)}.{_q(name)} TO {_q(old)}.{_q(name)}" for name in existing]
            moves += [f"{_q(stage)}.{_q(name)} TO {_q(database)}.{_q(name)}" for name in names]
            cursor.execute("RENAME TABLE " + ", ".join(moves))
            created = []   # the target now holds the new tables: nothing to undo
            for leftover in ([old] if existing else []) + [stage]:
                try:
                    cursor.execute(f"DROP DATABASE IF EXISTS {_q(leftover)}")
                except pymysql.err.MySQLError as error:
                    warnings.warn(f"loaded, but could not drop {leftover}: {error}", stacklevel=2)
    except BaseException:
        with contextlib.suppress(Exception):
            connection.close()
        if created:
            _cleanup(target, session, created)
        raise
    connection.close()
    return result
