"""Helpers of the database tests: a fresh place in each database, normalized rows, poisoned datasets."""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import psycopg
import pyarrow as pa
import pyarrow.parquet as pq
import pymysql
import pytest

from salesgen.contract import TABLES, Kind
from salesgen.databases import load_parquet_dataset, parse_url
from salesgen.databases.ddl import plan
from tests.servers import MYSQL_START, MYSQL_URL, PG_START, PG_URL

SEED = 11
TRICKY_TEXT = 'say "hi", back\\slash\nnew line\ttab\x01 \\N NULL {a,b} — é 日本 🚀'
TRICKY_LIST = ["x,y", "{braces}", 'quote"d', "back\\slash", "NULL", "", "new\nline", "é 日本"]


def edit_part(part: Path, column: str, edit: Callable[[list[Any]], None]) -> None:
    data = pq.read_table(part)
    index = data.schema.get_field_index(column)
    values = data.column(column).to_pylist()
    edit(values)
    field = data.schema.field(index)
    pq.write_table(data.set_column(index, field, pa.array(values, field.type)), part)


def norm(kind: Kind, value: Any, money_in_cents: bool = False) -> Any:
    """One value, from Parquet or any of the four databases, in one comparable form (SQLite money: cents)."""
    if value is None:
        return None
    if kind is Kind.MONEY and money_in_cents:
        assert isinstance(value, int), f"money in cents must be an integer, got {value!r}"
        return Decimal(value).scaleb(-2)
    if kind in (Kind.MONEY, Kind.PERCENT):
        return Decimal(str(value)).quantize(Decimal("0.01") if kind is Kind.MONEY else Decimal("0.0001"))
    if kind is Kind.TIMESTAMP:
        stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00")) if isinstance(value, str) else value
        return stamp.replace(tzinfo=dt.UTC) if stamp.tzinfo is None else stamp.astimezone(dt.UTC)
    if kind is Kind.DATE:
        return dt.date.fromisoformat(value) if isinstance(value, str) else value
    if kind is Kind.STRING_LIST:
        return json.loads(value) if isinstance(value, str) else list(value)
    if kind is Kind.BOOL:
        return bool(value)
    if kind is Kind.FLOAT:
        return float(value)
    return int(value) if kind in (Kind.ID, Kind.INT) else value


def normalized_rows(table: str, raw: list[tuple[Any, ...]], money_in_cents: bool = False) -> list[tuple[Any, ...]]:
    kinds = [c.kind for c in TABLES[table].columns]
    return sorted(
        (tuple(norm(k, v, money_in_cents) for k, v in zip(kinds, row, strict=True)) for row in raw), key=lambda r: r[0]
    )


def poisoned(crm: Path, folder: Path, table: str, column: str, value: Any) -> Path:
    """A copy of ``crm`` whose last part of ``table`` has one row with ``column`` set to ``value``."""
    copy = folder / f"poison-{table}"
    shutil.copytree(crm, copy)
    edit_part(sorted((copy / table).glob("*.parquet"))[-1], column, lambda v: v.__setitem__(len(v) // 2, value))
    return copy


POISONS = {  # a late table, a violated constraint
    "check": ("interactions", "sentiment_score", 5.0),
    "foreign key": ("opportunity_line_items", "product_id", 999_999),
}


@dataclass
class Db:
    """A fresh place in one database: where to load, how to look, and the SQL dialect bits the tests need."""

    dialect: str
    url: str
    schema: str | None
    prefix: str
    connect: Callable[[], Any]
    list_tables: Callable[[], set[str]]
    errors: tuple[type[BaseException], ...]
    old_timestamp: str

    def name(self, table: str) -> str:
        catalog = parse_url(self.url).path.stem if self.dialect == "duckdb" else None  # type: ignore[union-attr]
        return plan(self.dialect, schema=self.schema, prefix=self.prefix, metadata=True, catalog=catalog).tables[table]

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        connection = self.connect()
        try:
            cursor = connection.cursor()
            cursor.execute(sql)
            return list(cursor.fetchall()) if cursor.description else []
        finally:
            connection.close()

    def tables(self) -> set[str]:
        return self.list_tables()

    def load(self, source: Path, **options: Any) -> dict[str, int]:
        return load_parquet_dataset(source, self.url, schema=self.schema, prefix=self.prefix, **options)


@contextmanager
def postgres_place() -> Iterator[Db]:
    try:
        psycopg.connect(PG_URL, connect_timeout=5).close()
    except psycopg.OperationalError as error:
        pytest.fail(f"PostgreSQL is down at {PG_URL} ({error}); start it with: {PG_START}")
    schema = f"salesgen_test_{secrets.token_hex(4)}"

    def connect() -> psycopg.Connection[Any]:
        connection = psycopg.connect(PG_URL, autocommit=True)
        connection.execute("SET TimeZone = 'UTC'")
        return connection

    def tables() -> set[str]:
        return {
            r[0] for r in db.query(f"SELECT table_name FROM information_schema.tables WHERE table_schema = '{schema}'")
        }

    db = Db("postgres", PG_URL, schema, "", connect, tables, (psycopg.Error,), "TIMESTAMPTZ '2000-01-01 00:00:00Z'")
    try:
        yield db
    finally:
        db.query(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@contextmanager
def mysql_place() -> Iterator[Db]:
    target = parse_url(MYSQL_URL)
    options = {
        "host": target.host,
        "port": target.port,
        "user": target.user or "root",
        "password": target.password or "",
        "autocommit": True,
    }
    try:
        pymysql.connect(**options, connect_timeout=5).close()
    except pymysql.err.OperationalError as error:
        pytest.fail(f"MariaDB is down at {MYSQL_URL} ({error}); start it with: {MYSQL_START}")
    database = f"salesgen_test_{secrets.token_hex(4)}"
    admin = pymysql.connect(**options)
    admin.cursor().execute(f"CREATE DATABASE `{database}`")

    def tables() -> set[str]:
        return {
            r[0]
            for r in db.query(f"SELECT table_name FROM information_schema.tables WHERE table_schema = '{database}'")
        }

    url = MYSQL_URL.rsplit("/", 1)[0] + "/" + database
    db = Db(
        "mysql",
        url,
        None,
        "",
        lambda: pymysql.connect(**options, database=database),
        tables,
        (pymysql.err.MySQLError,),
        "'2000-01-01 00:00:00'",
    )
    try:
        yield db
    finally:
        admin.cursor().execute(f"DROP DATABASE IF EXISTS `{database}`")
        admin.close()


def file_place(dialect: str, folder: Path) -> Db:
    path = folder / f"crm.{dialect}"

    def connect() -> Any:
        if dialect == "duckdb":
            connection = duckdb.connect(str(path))
            connection.execute("SET TimeZone = 'UTC'")
            return connection
        connection = sqlite3.connect(path, isolation_level=None)
        connection.execute("PRAGMA foreign_keys = ON")
        return connection

    def tables() -> set[str]:
        if not path.exists():
            return set()
        sql = (
            "SELECT table_name FROM information_schema.tables"
            if dialect == "duckdb"
            else "SELECT name FROM sqlite_master WHERE type = 'table'"
        )
        return {r[0] for r in db.query(sql)}

    if dialect == "duckdb":
        db = Db(
            dialect,
            f"duckdb:///{path}",
            "crm",
            "x_",
            connect,
            tables,
            (duckdb.Error,),
            "TIMESTAMPTZ '2000-01-01 00:00:00+00'",
        )
    else:
        db = Db(dialect, f"sqlite:///{path}", None, "crm_", connect, tables, (sqlite3.Error,), "'2000-01-01T00:00:00Z'")
    return db


def stage_databases() -> set[str]:
    connection = pymysql.connect(
        host=parse_url(MYSQL_URL).host, port=parse_url(MYSQL_URL).port or 3306, user="root", password=""
    )
    try:
        cursor = connection.cursor()
        cursor.execute(f"SHOW DATABASES LIKE 'salesgen\\_stage\\_{os.getpid()}\\_%'")  # ours, not a parallel run's
        return {r[0] for r in cursor.fetchall()}
    finally:
        connection.close()


def snapshot(db: Db) -> dict[str, Any]:
    """What a failed load must not change: the table names and the customers' names."""
    tables = db.tables()
    customers = db.prefix + "customers"
    names = db.query(f"SELECT customer_id, name FROM {db.name('customers')} ORDER BY 1") if customers in tables else []
    return {"tables": tables, "customers": names}
