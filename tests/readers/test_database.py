"""Tests of salesgen.readers.database: loaded databases (SQLite, DuckDB, PostgreSQL, MariaDB) read back."""

from __future__ import annotations

import secrets
from contextlib import closing
from pathlib import Path

import pymysql
import pytest

from salesgen import Dataset
from salesgen.databases import load_parquet_dataset
from salesgen.databases.sql import ident
from salesgen.readers import open_source, read
from tests.readers.outputs import SEED, assert_same
from tests.servers import MYSQL, PG_URL


def test_read_a_sqlite_and_a_duckdb_load(outputs: dict[str, Path], dataset: Dataset, tmp_path: Path) -> None:
    for url, prefix in ((f"sqlite:///{tmp_path / 'crm.db'}", "crm_"), (f"duckdb:///{tmp_path / 'crm.duckdb'}", "")):
        load_parquet_dataset(outputs["parquet"], url, prefix=prefix)
        assert_same(read(url, prefix=prefix), dataset)


@pytest.mark.db
def test_read_a_postgres_load(outputs: dict[str, Path], dataset: Dataset, pg_schema: str) -> None:
    load_parquet_dataset(outputs["parquet"], PG_URL, schema=pg_schema, prefix="t_")
    assert_same(read(PG_URL, schema=pg_schema, prefix="t_"), dataset)
    with open_source(PG_URL, schema=pg_schema, prefix="t_") as source:
        assert source.metadata["seed"] == SEED and source.config_origin == "the dataset's manifest"


@pytest.mark.db
def test_read_a_mariadb_load_with_its_manifest(outputs: dict[str, Path], dataset: Dataset) -> None:
    database = f"salesgen_read_{secrets.token_hex(4)}"
    url = f"mysql://root@127.0.0.1:3306/{database}"
    try:
        load_parquet_dataset(outputs["parquet"], url)
        assert_same(read(url), dataset)
        with open_source(url) as source:  # `key` is reserved in MariaDB: the metadata query must quote it
            assert source.metadata["seed"] == SEED and source.config_origin == "the dataset's manifest"
    finally:
        with closing(pymysql.connect(**MYSQL)) as con:
            con.cursor().execute(f"DROP DATABASE IF EXISTS {ident(database, 'mysql')}")
