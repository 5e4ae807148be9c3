"""MariaDB / MySQL: load into a fresh staging database, then swap with one atomic RENAME TABLE.

MariaDB commits DDL implicitly, so one transaction cannot hold a load. The
loader creates ``salesgen_stage_<pid>_<random>`` with the full schema (keys, CHECKs,
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
``kill -9`` of the loader can leave a ``salesgen_stage_*`` database behind
(never a half-loaded target) until the next load on that server drops it: each
load holds the server lock ``salesgen_load_<token>`` (``GET_LOCK``) for as long
as its session lives, and a staging database whose lock nobody holds belongs to
a dead load (:func:`drop_abandoned`).

Text columns use a case-insensitive collation by default (``utf8mb4_unicode_ci``;
``?collation=utf8mb4_bin`` in the URL for binary), text keys stay binary; the URL's
SSL parameters (``ssl_ca``, ``ssl_cert``, ``ssl_key``, ``ssl_mode``…) go to PyMySQL
(see :mod:`salesgen.databases.params`). Timestamps are ``DATETIME(6)`` holding UTC (not ``TIMESTAMP``: no 2038 limit,
no conversion by the session time zone); booleans ``BOOLEAN`` (0/1); lists
``JSON`` arrays. The user needs CREATE, DROP and ALTER on databases.

Example:
    >>> from salesgen.databases import load_parquet_dataset
    >>> load_parquet_dataset("crm/", "mysql://root@127.0.0.1:3306/test")  # doctest: +SKIP
    {'products': 40, ...}
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pymysql
import pymysql.cursors

from salesgen.contract import TABLE_NAMES, TABLES
from salesgen.databases.dataset import LoadSource
from salesgen.databases.ddl import Plan, plan
from salesgen.databases.encoding import mysql_csv, mysql_rows
from salesgen.databases.loader import LOADED_TABLES, LoadBackend, LoadCountError, TablesExistError
from salesgen.databases.params import mysql_arguments, table_collation
from salesgen.databases.scratch import scratch_directory
from salesgen.databases.sql import ident
from salesgen.databases.urls import Target

PART_ROWS = 200_000  # rows per LOAD DATA file
INSERT_ROWS = 20_000  # rows per executemany when the server refuses LOCAL INFILE


def _q(name: str) -> str:
    return ident(name, "mysql")


def connect(target: Target, database: str | None = None) -> pymysql.connections.Connection[pymysql.cursors.Cursor]:
    """An autocommit connection to ``target`` with LOCAL INFILE enabled and the session in UTC."""
    try:
        connection: pymysql.connections.Connection[pymysql.cursors.Cursor] = pymysql.connections.Connection(
            host=target.host or "127.0.0.1",
            port=target.port or 3306,
            user=target.user or "root",
            password=target.password or "",
            database=database,
            local_infile=True,
            autocommit=True,
            charset="utf8mb4",
            **mysql_arguments(target.query),  # the URL's parameters (ssl_ca, unix_socket…), checked by parse_url
        )
    except pymysql.err.OperationalError as error:
        raise ConnectionError(f"cannot connect to MariaDB/MySQL at {target.display}: {error}") from error
    with connection.cursor() as cursor:
        cursor.execute("SET SESSION time_zone = '+00:00', SESSION foreign_key_checks = 1, SESSION unique_checks = 1")
    return connection


def _existing(cursor: pymysql.cursors.Cursor, database: str, names: list[str]) -> list[str]:
    cursor.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = %s", (database,))
    found = {str(row[0]) for row in cursor.fetchall()}
    return [name for name in names if name in found]


def _database_exists(cursor: pymysql.cursors.Cursor, database: str) -> bool:
    cursor.execute("SELECT 1 FROM information_schema.schemata WHERE schema_name = %s", (database,))
    return cursor.fetchone() is not None


def local_infile(cursor: pymysql.cursors.Cursor) -> bool:
    """Whether the server accepts ``LOAD DATA LOCAL INFILE`` (``local_infile``: ON in MariaDB, OFF in MySQL 8)."""
    cursor.execute("SELECT @@GLOBAL.local_infile")
    return bool(int((cursor.fetchone() or (0,))[0]))


def _parts(dataset: LoadSource, folder: Path) -> Iterator[tuple[str, tuple[int, Path]]]:
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
                yield table, (rows, _spill(folder / f"{count:05d}.csv", pending))
                pending, rows = [], 0
        if rows:
            count += 1
            yield table, (rows, _spill(folder / f"{count:05d}.csv", pending))


def _row_batches(dataset: LoadSource) -> Iterator[tuple[str, list[tuple[Any, ...]]]]:
    for table in TABLE_NAMES:
        for batch in dataset.batches(table, INSERT_ROWS):
            yield table, mysql_rows(batch)


def _spill(path: Path, chunks: list[bytes]) -> Path:
    with path.open("wb") as handle:
        for chunk in chunks:
            handle.write(chunk)
    return path


def _cleanup(target: Target, session: int | None, drop: list[str]) -> None:
    """Drop the databases in ``drop`` (staging), from a fresh connection: the old one may be broken or busy."""
    try:
        fresh = connect(target)
    except Exception as error:  # the server is gone: nothing reached the target anyway
        warnings.warn(f"could not drop the staging database(s) {', '.join(drop)}: {error}", stacklevel=3)
        return
    try:
        with fresh.cursor() as cursor:
            if session is not None:  # stop a statement the lost session may still be running
                with contextlib.suppress(pymysql.err.MySQLError):  # already gone
                    cursor.execute("KILL %s", (session,))
            for database in drop:
                cursor.execute(f"DROP DATABASE IF EXISTS {_q(database)}")
    finally:
        fresh.close()


STAGING_PATTERN = re.compile(r"salesgen_(?:stage|old)_(?P<token>[0-9]+_[0-9a-f]{12})")


def _lock_name(token: str) -> str:
    return f"salesgen_load_{token}"


def drop_abandoned(cursor: pymysql.cursors.Cursor) -> list[str]:
    """Drop the staging databases of loads whose session is gone (their lock is free); return their names."""
    cursor.execute(
        "SELECT schema_name FROM information_schema.schemata "
        "WHERE schema_name LIKE 'salesgen\\_stage\\_%' OR schema_name LIKE 'salesgen\\_old\\_%'"
    )
    dropped = []
    for (name,) in cursor.fetchall():
        match = STAGING_PATTERN.fullmatch(str(name))
        if match is None:
            continue
        cursor.execute("SELECT IS_USED_LOCK(%s)", (_lock_name(match["token"]),))
        if (cursor.fetchone() or (None,))[0] is None:  # no live session holds it: its load was killed
            cursor.execute(f"DROP DATABASE IF EXISTS {_q(str(name))}")
            dropped.append(str(name))
    return dropped


class MySQLBackend(LoadBackend):
    """A fresh staging database filled by LOAD DATA LOCAL INFILE (or multi-row INSERTs), then one RENAME TABLE."""

    dialect: ClassVar[str] = "mysql"
    mark: ClassVar[str] = "%s"
    prefetch_depth: ClassVar[int] = 1  # one part file ahead: parts are large

    @classmethod
    def find_tables(cls, target: Target, schema: str | None, names: list[str]) -> list[str]:
        connection = connect(target)
        try:
            with connection.cursor() as cursor:
                return _existing(cursor, schema or target.database or "", names)
        finally:
            connection.close()

    @property
    def where(self) -> str:
        return f"{self.target.display} database {self.database}"

    def begin(self) -> Plan:
        database = self.options.schema or self.target.database
        if not database:
            raise ValueError(
                f"{self.target.display}: name a database in the URL (mysql://user@host:port/db) or pass schema="
            )
        # The pid tells whose staging database this is (several loads may run against one server).
        token = f"{os.getpid()}_{secrets.token_hex(6)}"
        self.database, self.stage, self.old = database, f"salesgen_stage_{token}", f"salesgen_old_{token}"
        self.created: list[str] = []  # databases to drop if the load fails
        self.session: int | None = None
        self.folder = scratch_directory("load")
        self.connection = connect(self.target)
        self.cursor = self.connection.cursor()
        self.cursor.execute("SELECT CONNECTION_ID()")
        self.session = int((self.cursor.fetchone() or (0,))[0])
        # Held while this session lives: tells later loads that this staging database is not abandoned.
        self.cursor.execute("SELECT GET_LOCK(%s, 0)", (_lock_name(token),))
        drop_abandoned(self.cursor)
        if not _database_exists(self.cursor, database):
            self.execute(f"CREATE DATABASE {_q(database)} CHARACTER SET utf8mb4")
            self.created.append(database)
        # The tables are created in a staging database; the target is only touched by the final RENAME.
        self.execute(f"CREATE DATABASE {_q(self.stage)} CHARACTER SET utf8mb4")
        self.created.append(self.stage)
        self.execute(f"USE {_q(self.stage)}")
        collation = table_collation(self.target.query)
        return plan("mysql", schema=self.stage, prefix=self.options.prefix, metadata=True, collation=collation)

    def existing(self, names: list[str]) -> list[str]:
        return _existing(self.cursor, self.database, names)

    def drop(self, plan: Plan, existing: list[str]) -> None:
        """Nothing yet: the old tables are swapped out by :meth:`commit`."""

    def execute(self, statement: str) -> None:
        self.cursor.execute(statement)

    def executemany(self, statement: str, rows: list[tuple[Any, ...]]) -> None:
        self.cursor.executemany(statement, rows)

    def work(self, dataset: LoadSource) -> Iterator[tuple[str, Any]]:
        if local_infile(self.cursor):
            return _parts(dataset, Path(self.folder.name))
        return _row_batches(dataset)

    def write(self, table: str, plan: Plan, payload: Any) -> int:
        columns = ", ".join(_q(c) for c in TABLES[table].column_names)
        if isinstance(payload, list):  # without LOCAL INFILE: PyMySQL sends multi-row INSERTs of up to ~1 MB
            marks = ", ".join(["%s"] * len(TABLES[table].columns))
            self.cursor.executemany(f"INSERT INTO {plan.tables[table]} ({columns}) VALUES ({marks})", payload)
            return len(payload)
        rows, path = payload
        loaded = self.cursor.execute(
            f"LOAD DATA LOCAL INFILE %s INTO TABLE {plan.tables[table]} CHARACTER SET utf8mb4 "
            "FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' ESCAPED BY '\\\\' "
            f"LINES TERMINATED BY '\\n' ({columns})",
            (str(path),),
        )
        path.unlink()
        # LOCAL turns row errors into warnings: a load must take exactly its rows without one.
        self.cursor.execute("SHOW WARNINGS LIMIT 5")
        problems = [f"{row[0]} {row[1]}: {row[2]}" for row in self.cursor.fetchall()]
        if problems or loaded != rows:
            raise LoadCountError(
                f"MariaDB rejected rows of {table}: {loaded} of {rows} loaded; "
                + ("; ".join(problems) or "no warning given")
            )
        return int(rows)

    def commit(self, plan: Plan, existing: list[str]) -> None:
        names = [self.options.prefix + name for name in LOADED_TABLES]
        existing = _existing(self.cursor, self.database, names)  # again: another session may have created some
        if existing and self.options.if_exists == "fail":
            raise TablesExistError(self.where, existing)
        moves = []
        if existing:
            self.execute(f"CREATE DATABASE {_q(self.old)}")
            self.created.append(self.old)
            moves += [f"{_q(self.database)}.{_q(name)} TO {_q(self.old)}.{_q(name)}" for name in existing]
        moves += [f"{_q(self.stage)}.{_q(name)} TO {_q(self.database)}.{_q(name)}" for name in names]
        self.execute("RENAME TABLE " + ", ".join(moves))  # atomic in MariaDB >= 10.6
        self.created = []  # the target now holds the new tables: nothing to undo
        for leftover in ([self.old] if existing else []) + [self.stage]:
            try:
                self.execute(f"DROP DATABASE IF EXISTS {_q(leftover)}")
            except pymysql.err.MySQLError as error:
                warnings.warn(f"loaded, but could not drop {leftover}: {error}", stacklevel=2)

    def abort(self) -> None:
        connection = getattr(self, "connection", None)
        if connection is not None:
            with contextlib.suppress(Exception):
                connection.close()
        if getattr(self, "created", None):
            _cleanup(self.target, self.session, self.created)
        self.close_folder()

    def close(self) -> None:
        self.connection.close()
        self.close_folder()

    def close_folder(self) -> None:
        folder = getattr(self, "folder", None)
        if folder is not None:
            with contextlib.suppress(OSError):
                folder.cleanup()


BACKEND = MySQLBackend
