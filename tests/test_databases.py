"""Loading into real databases: DDL from the registry, value-identical read-back, real constraints, all or nothing.

Runs against the servers this machine kind starts before every session and CI
run — PostgreSQL at 127.0.0.1:5432 (trust auth) and MariaDB at 127.0.0.1:3306
(root, empty password) — and fails, never skips, when one is down. Override
with SALESGEN_TEST_POSTGRES_URL / SALESGEN_TEST_MYSQL_URL. Each test works in
its own PostgreSQL schema / MariaDB database / file and removes it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
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
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pymysql
import pytest

from salesgen.config import Config
from salesgen.databases import (
    DIALECTS,
    SCHEMES,
    TablesExistError,
    ddl,
    existing_tables,
    load_parquet_dataset,
    parse_url,
)
from salesgen.databases.ddl import CHECKS, METADATA_TABLE, plan
from salesgen.databases.loader import LOADED_TABLES
from salesgen.formats import write_dataset
from salesgen.schema import TABLE_NAMES, TABLES, Kind, arrow_schema

PG_URL = os.environ.get("SALESGEN_TEST_POSTGRES_URL", "postgresql://root@127.0.0.1:5432/test")
MYSQL_URL = os.environ.get("SALESGEN_TEST_MYSQL_URL", "mysql://root@127.0.0.1:3306/test")
PG_START = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
MYSQL_START = "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd"
SEED = 11
FK_COUNT = sum(len(t.foreign_keys) for t in TABLES.values())


# --- the dataset and what it holds ---------------------------------------------------------------------------------

TRICKY_TEXT = 'say "hi", back\\slash\nnew line\ttab\x01 \\N NULL {a,b} — é 日本 🚀'
TRICKY_LIST = ["x,y", "{braces}", 'quote"d', "back\\slash", "NULL", "", "new\nline", "é 日本"]


def _edit(part: Path, column: str, edit: Callable[[list[Any]], None]) -> None:
    data = pq.read_table(part)
    index = data.schema.get_field_index(column)
    values = data.column(column).to_pylist()
    edit(values)
    field = data.schema.field(index)
    pq.write_table(data.set_column(index, field, pa.array(values, field.type)), part)


@pytest.fixture(scope="module")
def crm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dataset, with text no generator writes but every loader must carry: quotes, escapes, NULL look-alikes."""
    root = write_dataset(Config(num_customers=200, block_size=50), SEED, "parquet",
                         tmp_path_factory.mktemp("db") / "crm").target
    _edit(root / "products" / "part-run.parquet", "description", lambda v: v.__setitem__(0, TRICKY_TEXT))
    _edit(root / "products" / "part-run.parquet", "features", lambda v: v.__setitem__(0, TRICKY_LIST))
    _edit(root / "products" / "part-run.parquet", "customization_options", lambda v: v.__setitem__(0, []))
    _edit(sorted((root / "opportunities").glob("*.parquet"))[0], "loss_reason",
          lambda v: v.__setitem__(v.index(None), ""))   # an empty string stays distinct from NULL
    return root


def _norm(kind: Kind, value: Any) -> Any:
    """One value, from Parquet or any of the four databases, in one comparable form."""
    if value is None:
        return None
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


def _rows(table: str, raw: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    kinds = [c.kind for c in TABLES[table].columns]
    return sorted((tuple(_norm(k, v) for k, v in zip(kinds, row, strict=True)) for row in raw), key=lambda r: r[0])


@pytest.fixture(scope="module")
def expected(crm: Path) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    for name in TABLE_NAMES:
        parts = sorted((crm / name).glob("*.parquet"))
        table = pa.concat_tables([pq.read_table(p) for p in parts]) if parts else arrow_schema(name).empty_table()
        out[name] = _rows(name, [tuple(r.values()) for r in table.select(TABLES[name].column_names).to_pylist()])
    return out


def _poisoned(crm: Path, folder: Path, table: str, column: str, value: Any) -> Path:
    """A copy of ``crm`` whose last part of ``table`` has one row with ``column`` set to ``value``."""
    copy = folder / f"poison-{table}"
    shutil.copytree(crm, copy)
    _edit(sorted((copy / table).glob("*.parquet"))[-1], column, lambda v: v.__setitem__(len(v) // 2, value))
    return copy


POISONS = {  # a late table, a violated constraint
    "check": ("interactions", "sentiment_score", 5.0),
    "foreign key": ("opportunity_line_items", "product_id", 999_999),
}


# --- one database per test ----------------------------------------------------------------------------------------

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
def _pg() -> Iterator[Db]:
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
        return {r[0] for r in db.query(f"SELECT table_name FROM information_schema.tables "
                                       f"WHERE table_schema = '{schema}'")}

    db = Db("postgres", PG_URL, schema, "", connect, tables, (psycopg.Error,), "TIMESTAMPTZ '2000-01-01 00:00:00Z'")
    try:
        yield db
    finally:
        db.query(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@contextmanager
def _mysql() -> Iterator[Db]:
    target = parse_url(MYSQL_URL)
    options = {"host": target.host, "port": target.port, "user": target.user or "root",
               "password": target.password or "", "autocommit": True}
    try:
        pymysql.connect(**options, connect_timeout=5).close()
    except pymysql.err.OperationalError as error:
        pytest.fail(f"MariaDB is down at {MYSQL_URL} ({error}); start it with: {MYSQL_START}")
    database = f"salesgen_test_{secrets.token_hex(4)}"
    admin = pymysql.connect(**options)
    admin.cursor().execute(f"CREATE DATABASE `{database}`")

    def tables() -> set[str]:
        return {r[0] for r in db.query(f"SELECT table_name FROM information_schema.tables "
                                       f"WHERE table_schema = '{database}'")}

    url = MYSQL_URL.rsplit("/", 1)[0] + "/" + database
    db = Db("mysql", url, None, "", lambda: pymysql.connect(**options, database=database), tables,
            (pymysql.err.MySQLError,), "'2000-01-01 00:00:00'")
    try:
        yield db
    finally:
        admin.cursor().execute(f"DROP DATABASE IF EXISTS `{database}`")
        admin.close()


def _file_db(dialect: str, folder: Path) -> Db:
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
        sql = ("SELECT table_name FROM information_schema.tables" if dialect == "duckdb"
               else "SELECT name FROM sqlite_master WHERE type = 'table'")
        return {r[0] for r in db.query(sql)}

    if dialect == "duckdb":
        db = Db(dialect, f"duckdb:///{path}", "crm", "x_", connect, tables, (duckdb.Error,),
                "TIMESTAMPTZ '2000-01-01 00:00:00+00'")
    else:
        db = Db(dialect, f"sqlite:///{path}", None, "crm_", connect, tables, (sqlite3.Error,),
                "'2000-01-01T00:00:00Z'")
    return db


@pytest.fixture(params=[pytest.param(d, marks=pytest.mark.db) if d in ("postgres", "mysql") else d for d in DIALECTS])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Db]:
    if request.param in ("sqlite", "duckdb"):
        yield _file_db(request.param, tmp_path)
        return
    with (_pg if request.param == "postgres" else _mysql)() as place:
        yield place


def _stage_databases() -> set[str]:
    connection = pymysql.connect(host=parse_url(MYSQL_URL).host, port=parse_url(MYSQL_URL).port or 3306,
                                 user="root", password="")
    try:
        cursor = connection.cursor()
        cursor.execute(f"SHOW DATABASES LIKE 'salesgen\\_stage\\_{os.getpid()}\\_%'")   # ours, not a parallel run's
        return {r[0] for r in cursor.fetchall()}
    finally:
        connection.close()


def _snapshot(db: Db) -> dict[str, Any]:
    """What a failed load must not change: the table names and the customers' names."""
    tables = db.tables()
    customers = db.prefix + "customers"
    names = db.query(f"SELECT customer_id, name FROM {db.name('customers')} ORDER BY 1") if customers in tables else []
    return {"tables": tables, "customers": names}


# --- DDL ----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("dialect", DIALECTS)
def test_ddl_is_derived_from_the_registry(dialect: str) -> None:
    statements = ddl(dialect)
    text = "\n".join(statements)
    q = "`" if dialect == "mysql" else '"'
    for name in TABLE_NAMES:
        create = next(s for s in statements if s.startswith(f"CREATE TABLE {q}{name}{q} ("))
        lines = [line.strip() for line in create.splitlines()]
        for column in TABLES[name].columns:
            line = next(line for line in lines if line.startswith(f"{q}{column.name}{q} "))
            assert ("NOT NULL" in line) == (not column.nullable), (dialect, name, column.name)
    assert text.count("FOREIGN KEY") == FK_COUNT
    assert text.count("PRIMARY KEY") == len(TABLE_NAMES)
    assert len(re.findall(r"(CREATE INDEX|\bKEY) \S+_idx", text)) == FK_COUNT
    assert all(f"{rule.table}_{rule.name}_check" in text for rule in CHECKS)
    for table in TABLES.values():   # every reference, sales_reps.manager_id → sales_reps.rep_id included
        for column in table.foreign_keys:
            parent, key = str(column.references).split(".")
            fk = (f"{q}{table.name}_{column.name}_fkey{q} FOREIGN KEY ({q}{column.name}{q}) "
                  f"REFERENCES {q}{parent}{q} ({q}{key}{q})")
            assert fk in text, fk
    assert METADATA_TABLE not in text


def test_ddl_names_schemas_prefixes_and_refuses_what_cannot_work() -> None:
    assert ddl("postgres", schema="crm", prefix="t_")[0].startswith('CREATE TABLE "crm"."t_products"')
    assert 'REFERENCES "crm"."t_products"' in "\n".join(ddl("postgres", schema="crm", prefix="t_"))
    with pytest.raises(ValueError, match="SQLite has no named schemas"):
        ddl("sqlite", schema="crm")
    with pytest.raises(ValueError, match="prefix"):
        ddl("postgres", prefix="Bad-Prefix")
    with pytest.raises(ValueError, match="longer than 63"):
        ddl("postgres", prefix="a_very_long_prefix_that_breaks_")
    with pytest.raises(ValueError, match="valid dialects: postgres, mysql, sqlite, duckdb"):
        ddl("oracle")


def test_urls() -> None:
    assert parse_url("postgres://u:p%40ss@h:5433/db").password == "p@ss"
    assert parse_url("postgresql+psycopg://u@h/db").url == "postgresql://u@h/db"
    assert parse_url("mariadb://root@127.0.0.1/test").dialect == "mysql"
    assert parse_url("sqlite:///crm.db").path == Path("crm.db")
    assert parse_url("duckdb:////tmp/crm.duckdb").path == Path("/tmp/crm.duckdb")
    for bad in ("crm.db", "oracle://x/y", "http://example.com"):
        with pytest.raises(ValueError, match="the scheme must be one of " + ", ".join(SCHEMES)):
            load_parquet_dataset(Path("."), bad)
    with pytest.raises(ValueError, match="in-memory"):
        parse_url("sqlite:///:memory:")


# --- loading --------------------------------------------------------------------------------------------------------

def test_load_reads_back_value_identical(db: Db, crm: Path, expected: dict[str, list[tuple[Any, ...]]]) -> None:
    seen: dict[str, int] = {}
    counts = db.load(crm, progress=lambda table, rows: seen.__setitem__(table, rows))
    assert counts == {name: len(expected[name]) for name in TABLE_NAMES}
    assert seen == {name: n for name, n in counts.items() if n}
    assert db.tables() >= {db.prefix + name for name in (*TABLE_NAMES, METADATA_TABLE)}
    assert existing_tables(db.url, schema=db.schema, prefix=db.prefix) == [db.prefix + n for n in LOADED_TABLES]
    for name in TABLE_NAMES:
        columns = ", ".join(TABLES[name].column_names)
        got = _rows(name, db.query(f"SELECT {columns} FROM {db.name(name)}"))
        assert len(got) == len(expected[name]), name
        for mine, theirs in zip(got, expected[name], strict=True):
            assert mine == theirs, (db.dialect, name, [(c, a, b) for c, a, b in
                                                       zip(TABLES[name].column_names, mine, theirs, strict=True)
                                                       if a != b])
    metadata = dict(db.query(f"SELECT * FROM {db.name(METADATA_TABLE)}"))
    assert json.loads(metadata["seed"]) == SEED
    assert json.loads(metadata["row_counts"]) == counts


def test_the_database_enforces_the_contract(db: Db, crm: Path) -> None:
    db.load(crm)
    items, deals = db.name("opportunity_line_items"), db.name("opportunities")
    item_columns = TABLES["opportunity_line_items"].column_names
    deal_columns = TABLES["opportunities"].column_names

    def copy_row(table: str, columns: list[str], changes: dict[str, str]) -> str:
        select = ", ".join(changes.get(c, c) for c in columns)
        key = columns[0]
        return (f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select} FROM {table} "
                f"WHERE {key} = (SELECT min({key}) FROM {table})")

    attempts = {
        "dangling product_id": copy_row(items, item_columns, {"line_item_id": "-2", "product_id": "999999"}),
        "discount of 1.5": copy_row(items, item_columns, {"line_item_id": "-2", "discount_pct": "1.5"}),
        "closed before created": copy_row(deals, deal_columns, {"opportunity_id": "-2",
                                                                "closed_at": db.old_timestamp}),
    }
    db.query(copy_row(items, item_columns, {"line_item_id": "-1"}))   # the control goes in
    assert db.query(f"SELECT count(*) FROM {items} WHERE line_item_id = -1") == [(1,)]
    for what, sql in attempts.items():
        with pytest.raises(db.errors) as caught:
            db.query(sql)
        assert re.search(r"foreign key|check|constraint", str(caught.value), re.IGNORECASE), (what, caught.value)


# --- all or nothing -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("poison", POISONS)
def test_a_poisoned_row_half_way_leaves_nothing(db: Db, crm: Path, tmp_path: Path, poison: str) -> None:
    source = _poisoned(crm, tmp_path, *POISONS[poison])
    stages = _stage_databases() if db.dialect == "mysql" else set()
    with pytest.raises((*db.errors, RuntimeError)):
        db.load(source)
    assert db.tables() == set()
    if db.dialect in ("sqlite", "duckdb"):
        assert not Path(str(parse_url(db.url).path)).exists(), "a file the load created must go again"
    if db.dialect == "mysql":
        assert _stage_databases() <= stages, "the staging database must be dropped"


def test_replace_is_atomic(db: Db, crm: Path, tmp_path: Path, expected: dict[str, list[tuple[Any, ...]]]) -> None:
    db.load(crm)
    db.query(f"UPDATE {db.name('customers')} SET name = 'OLD' WHERE customer_id = 1")
    before = _snapshot(db)
    with pytest.raises(TablesExistError) as refused:
        db.load(crm)
    assert set(refused.value.tables) == {db.prefix + name for name in (*TABLE_NAMES, METADATA_TABLE)}
    with pytest.raises((*db.errors, RuntimeError)):
        db.load(_poisoned(crm, tmp_path, *POISONS["check"]), if_exists="replace")
    assert _snapshot(db) == before
    db.load(crm, if_exists="replace")
    after = _snapshot(db)
    assert after["tables"] == before["tables"]
    assert ("OLD" not in {name for _, name in after["customers"]}) and len(after["customers"]) == 200


def test_if_exists_fail_names_the_tables_and_changes_nothing(db: Db, crm: Path) -> None:
    if db.schema is not None:
        db.query(f'CREATE SCHEMA {db.name("contacts").rsplit(".", 1)[0]}')
    assert existing_tables(db.url, schema=db.schema, prefix=db.prefix) == []
    db.query(f"CREATE TABLE {db.name('contacts')} (x INTEGER)")
    assert existing_tables(db.url, schema=db.schema, prefix=db.prefix) == [db.prefix + "contacts"]
    with pytest.raises(TablesExistError, match=f"tables already exist: {db.prefix}contacts;"):
        db.load(crm)
    assert db.tables() == {db.prefix + "contacts"}


def test_interrupt_in_a_late_table_leaves_nothing(db: Db, crm: Path) -> None:
    def interrupt(table: str, rows: int) -> None:
        if table == "interactions":
            raise KeyboardInterrupt

    stages = _stage_databases() if db.dialect == "mysql" else set()
    with pytest.raises(KeyboardInterrupt):
        db.load(crm, progress=interrupt)
    assert db.tables() == set()
    if db.dialect == "mysql":
        assert _stage_databases() <= stages


@pytest.mark.db
@pytest.mark.parametrize("dialect", ["postgres", "mysql"])
def test_a_dropped_connection_leaves_the_old_tables(dialect: str, crm: Path, tmp_path: Path) -> None:
    with (_pg if dialect == "postgres" else _mysql)() as db:
        db.load(crm)
        db.query(f"UPDATE {db.name('customers')} SET name = 'OLD' WHERE customer_id = 1")
        before = _snapshot(db)
        stages = _stage_databases() if dialect == "mysql" else set()
        killed: list[int] = []

        def drop_connection(table: str, rows: int, db: Db = db) -> None:
            if table != "opportunity_stage_history" or killed:
                return
            if db.dialect == "postgres":
                pids = db.query(f"SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
                                f"AND query LIKE '%{db.schema}%' AND backend_type = 'client backend'")
                killed.extend(p for (p,) in pids)
                for pid in killed:
                    db.query(f"SELECT pg_terminate_backend({pid})")
            else:
                new = _stage_databases() - stages
                ids = db.query("SELECT id FROM information_schema.processlist WHERE db IN ("
                               + ", ".join(f"'{s}'" for s in new) + ")") if new else []
                killed.extend(i for (i,) in ids)
                for thread in killed:
                    db.query(f"KILL {thread}")

        with pytest.raises(Exception) as caught:   # the driver's own lost-connection error
            db.load(crm, if_exists="replace", progress=drop_connection)
        assert killed, "the test found no loader connection to drop"
        assert re.search(r"terminat|lost|gone|closed|connection|interrupt", str(caught.value), re.IGNORECASE)
        assert _snapshot(db) == before
        if dialect == "mysql":
            assert _stage_databases() <= stages


@pytest.mark.db
def test_mariadb_without_local_infile_falls_back_to_multi_row_inserts(
        crm: Path, tmp_path: Path, expected: dict[str, list[tuple[Any, ...]]], monkeypatch: pytest.MonkeyPatch) -> None:
    import salesgen.databases.mysql as mysql_loader

    monkeypatch.setattr(mysql_loader, "local_infile", lambda cursor: False)   # as on a MySQL 8 server's default
    with _mysql() as db:
        with pytest.raises(db.errors):
            db.load(_poisoned(crm, tmp_path, *POISONS["foreign key"]))
        assert db.tables() == set()
        db.load(crm)
        for name in ("sales_reps", "opportunities", "interactions"):
            got = _rows(name, db.query(f"SELECT {', '.join(TABLES[name].column_names)} FROM {db.name(name)}"))
            assert got == expected[name], name


def test_bad_source_is_refused_before_touching_the_database(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not a salesgen Parquet dataset"):
        load_parquet_dataset(tmp_path, f"sqlite:///{tmp_path / 'x.db'}")
    assert not (tmp_path / "x.db").exists()


def test_parquet_with_the_wrong_types_is_refused(crm: Path, tmp_path: Path) -> None:
    copy = tmp_path / "wrong"
    shutil.copytree(crm, copy)
    part = sorted((copy / "customers").glob("*.parquet"))[0]
    data = pq.read_table(part)
    data = data.set_column(data.schema.get_field_index("employees"), "employees",
                           pc.cast(data.column("employees"), pa.string()))
    pq.write_table(data, part)
    with pytest.raises(ValueError, match="employees"):
        load_parquet_dataset(copy, f"sqlite:///{tmp_path / 'x.db'}")
    assert not (tmp_path / "x.db").exists()
