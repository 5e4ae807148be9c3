"""Tests of salesgen.databases.loader: loads into every dialect read back value-identical, all or nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from salesgen.contract import TABLE_NAMES, TABLES
from salesgen.databases import TablesExistError, existing_tables, parse_url
from salesgen.databases.ddl import METADATA_TABLE
from salesgen.databases.loader import LOADED_TABLES
from tests.databases.places import (
    POISONS,
    SEED,
    Db,
    mysql_place,
    normalized_rows,
    poisoned,
    postgres_place,
    snapshot,
    stage_databases,
)


def test_load_reads_back_value_identical(db: Db, crm: Path, expected: dict[str, list[tuple[Any, ...]]]) -> None:
    seen: dict[str, int] = {}
    counts = db.load(crm, progress=lambda table, rows: seen.__setitem__(table, rows))
    assert counts == {name: len(expected[name]) for name in TABLE_NAMES}
    assert seen == {name: n for name, n in counts.items() if n}
    assert db.tables() >= {db.prefix + name for name in (*TABLE_NAMES, METADATA_TABLE)}
    assert existing_tables(db.url, schema=db.schema, prefix=db.prefix) == [db.prefix + n for n in LOADED_TABLES]
    for name in TABLE_NAMES:
        columns = ", ".join(TABLES[name].column_names)
        got = normalized_rows(name, db.query(f"SELECT {columns} FROM {db.name(name)}"), db.dialect == "sqlite")
        assert len(got) == len(expected[name]), name
        for mine, theirs in zip(got, expected[name], strict=True):
            assert mine == theirs, (
                db.dialect,
                name,
                [(c, a, b) for c, a, b in zip(TABLES[name].column_names, mine, theirs, strict=True) if a != b],
            )
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
        return (
            f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select} FROM {table} "
            f"WHERE {key} = (SELECT min({key}) FROM {table})"
        )

    attempts = {
        "dangling product_id": copy_row(items, item_columns, {"line_item_id": "-2", "product_id": "999999"}),
        "discount of 1.5": copy_row(items, item_columns, {"line_item_id": "-2", "discount_pct": "1.5"}),
        "closed before created": copy_row(deals, deal_columns, {"opportunity_id": "-2", "closed_at": db.old_timestamp}),
    }
    db.query(copy_row(items, item_columns, {"line_item_id": "-1"}))  # the control goes in
    assert db.query(f"SELECT count(*) FROM {items} WHERE line_item_id = -1") == [(1,)]
    for what, sql in attempts.items():
        with pytest.raises(db.errors) as caught:
            db.query(sql)
        assert re.search(r"foreign key|check|constraint", str(caught.value), re.IGNORECASE), (what, caught.value)


@pytest.mark.parametrize("poison", POISONS)
def test_a_poisoned_row_half_way_leaves_nothing(db: Db, crm: Path, tmp_path: Path, poison: str) -> None:
    source = poisoned(crm, tmp_path, *POISONS[poison])
    stages = stage_databases() if db.dialect == "mysql" else set()
    with pytest.raises((*db.errors, RuntimeError)):
        db.load(source)
    assert db.tables() == set()
    if db.dialect in ("sqlite", "duckdb"):
        assert not Path(str(parse_url(db.url).path)).exists(), "a file the load created must go again"
    if db.dialect == "mysql":
        assert stage_databases() <= stages, "the staging database must be dropped"


def test_replace_is_atomic(db: Db, crm: Path, tmp_path: Path, expected: dict[str, list[tuple[Any, ...]]]) -> None:
    db.load(crm)
    db.query(f"UPDATE {db.name('customers')} SET name = 'OLD' WHERE customer_id = 1")
    before = snapshot(db)
    with pytest.raises(TablesExistError) as refused:
        db.load(crm)
    assert set(refused.value.tables) == {db.prefix + name for name in (*TABLE_NAMES, METADATA_TABLE)}
    with pytest.raises((*db.errors, RuntimeError)):
        db.load(poisoned(crm, tmp_path, *POISONS["check"]), if_exists="replace")
    assert snapshot(db) == before
    db.load(crm, if_exists="replace")
    after = snapshot(db)
    assert after["tables"] == before["tables"]
    assert ("OLD" not in {name for _, name in after["customers"]}) and len(after["customers"]) == 200


def test_if_exists_fail_names_the_tables_and_changes_nothing(db: Db, crm: Path) -> None:
    if db.schema is not None:
        db.query(f"CREATE SCHEMA {db.name('contacts').rsplit('.', 1)[0]}")
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

    stages = stage_databases() if db.dialect == "mysql" else set()
    with pytest.raises(KeyboardInterrupt):
        db.load(crm, progress=interrupt)
    assert db.tables() == set()
    if db.dialect == "mysql":
        assert stage_databases() <= stages


@pytest.mark.db
@pytest.mark.parametrize("dialect", ["postgres", "mysql"])
def test_a_dropped_connection_leaves_the_old_tables(dialect: str, crm: Path, tmp_path: Path) -> None:
    with (postgres_place if dialect == "postgres" else mysql_place)() as db:
        db.load(crm)
        db.query(f"UPDATE {db.name('customers')} SET name = 'OLD' WHERE customer_id = 1")
        before = snapshot(db)
        stages = stage_databases() if dialect == "mysql" else set()
        killed: list[int] = []

        def drop_connection(table: str, rows: int, db: Db = db) -> None:
            if table != "opportunity_stage_history" or killed:
                return
            if db.dialect == "postgres":
                pids = db.query(
                    f"SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
                    f"AND query LIKE '%{db.schema}%' AND backend_type = 'client backend'"
                )
                killed.extend(p for (p,) in pids)
                for pid in killed:
                    db.query(f"SELECT pg_terminate_backend({pid})")
            else:
                new = stage_databases() - stages
                ids = (
                    db.query(
                        "SELECT id FROM information_schema.processlist WHERE db IN ("
                        + ", ".join(f"'{s}'" for s in new)
                        + ")"
                    )
                    if new
                    else []
                )
                killed.extend(i for (i,) in ids)
                for thread in killed:
                    db.query(f"KILL {thread}")

        with pytest.raises(Exception) as caught:  # the driver's own lost-connection error
            db.load(crm, if_exists="replace", progress=drop_connection)
        assert killed, "the test found no loader connection to drop"
        assert re.search(r"terminat|lost|gone|closed|connection|interrupt", str(caught.value), re.IGNORECASE)
        assert snapshot(db) == before
        if dialect == "mysql":
            assert stage_databases() <= stages
