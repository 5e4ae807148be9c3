"""Tests of salesgen.databases.sql: quoting round-trips through the real engines; hostile names are refused."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import duckdb
import psycopg
import pymysql
import pytest

from salesgen.contract import Kind
from salesgen.databases import load_parquet_dataset
from salesgen.databases.sql import TYPES, Names, check_prefix, check_schema, ident, literal
from salesgen.readers import SourceError, read
from tests.servers import HOSTILE, MYSQL, PG_URL


@pytest.mark.parametrize("hostile", HOSTILE)
def test_loads_and_reads_refuse_hostile_names(hostile: str, tmp_path: Path) -> None:
    url = f"duckdb:///{tmp_path / 'x.duckdb'}"
    with pytest.raises(ValueError, match="schema"):
        load_parquet_dataset(tmp_path, url, schema=hostile)
    if hostile:
        with pytest.raises(ValueError, match="prefix"):
            load_parquet_dataset(tmp_path, url, prefix=hostile)
    with pytest.raises(SourceError, match="schema"):
        read(url, schema=hostile)
    assert not (tmp_path / "x.duckdb").exists()


TRICKY = ["plain", "it's", 'say "hi"', "back\\slash", "back`tick", "ünï 日本 🚀", "", "new\nline", "--", "'; DROP"]


def test_literals_and_identifiers_round_trip_in_duckdb_and_sqlite() -> None:
    with closing(duckdb.connect()) as duck, closing(sqlite3.connect(":memory:")) as lite:
        for text in TRICKY:
            for con in (duck, lite):
                assert con.execute(f"SELECT {literal(text)}").fetchone() == (text,)
                if text:
                    con.execute(f"CREATE TABLE {ident(text)} ({ident(text)} INTEGER)")
                    assert con.execute(f"SELECT {ident(text)} FROM {ident(text)}").fetchall() == []
                    con.execute(f"DROP TABLE {ident(text)}")


@pytest.mark.db
def test_literals_and_identifiers_round_trip_in_postgres_and_mariadb() -> None:
    with psycopg.connect(PG_URL, autocommit=True) as pg, closing(pymysql.connect(**MYSQL)) as maria:
        cursor = maria.cursor()
        for text in TRICKY:
            assert pg.execute(f"SELECT {literal(text, 'postgres')}".encode()).fetchone() == (text,)
            cursor.execute(f"SELECT {literal(text, 'mysql')}")
            assert cursor.fetchone() == (text,)
            if text and text != "ünï 日本 🚀":  # MariaDB identifiers stop at the BMP
                cursor.execute(f"SELECT 1 AS {ident(text, 'mysql')}")
                assert cursor.description[0][0] == text


def test_names_are_checked_and_quoted() -> None:
    assert Names("postgres", "crm", "t_").table("contacts") == '"crm"."t_contacts"'
    assert Names("duckdb", "crm", catalog="my db").table("contacts") == '"my db"."crm"."contacts"'
    assert Names("mysql", "crm").table("contacts") == "`crm`.`contacts`"
    assert check_schema(None) is None and check_prefix("") == ""
    for hostile in HOSTILE:
        with pytest.raises(ValueError, match="schema"):
            Names("postgres", hostile)
    with pytest.raises(ValueError, match="prefix"):
        Names("postgres", prefix="T_")
    with pytest.raises(ValueError, match="NUL"):
        literal("a\x00b")
    with pytest.raises(ValueError, match="longer than 63"):
        Names("postgres", prefix="p" * 60).table("customers")


def test_every_dialect_maps_every_kind() -> None:
    assert all(set(types) == set(Kind) for types in TYPES.values())
