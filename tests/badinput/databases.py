"""The servers' state a refused or failed command must leave exactly as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import psycopg
import pymysql
import pytest

from salesgen.config import Config
from salesgen.formats import write_dataset
from tests.servers import MYSQL, PG_URL

PROBE_SEQUENCE = "salesgen_badinput_probe"


def pg_state() -> dict[str, Any]:
    """Schemas, tables and the probe sequence's value in the PostgreSQL test database."""
    with psycopg.connect(PG_URL, autocommit=True) as con:
        con.execute(f"CREATE SEQUENCE IF NOT EXISTS {PROBE_SEQUENCE}".encode())
        tables = con.execute(
            "SELECT table_schema, table_name FROM information_schema.tables "
            "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2"
        ).fetchall()
        schemas = con.execute("SELECT nspname FROM pg_namespace ORDER BY 1").fetchall()
        row = con.execute(f"SELECT last_value, is_called FROM {PROBE_SEQUENCE}".encode()).fetchone()
    return {"tables": tables, "schemas": schemas, "sequence": row}


def mysql_state() -> dict[str, Any]:
    """Databases and tables on the MariaDB server (staging databases included)."""
    connection = pymysql.connect(**MYSQL)  # type: ignore[arg-type]
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT table_schema, table_name FROM information_schema.tables "
                "WHERE table_schema NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys') ORDER BY 1, 2"
            )
            tables = cursor.fetchall()
            cursor.execute("SELECT schema_name FROM information_schema.schemata ORDER BY 1")
            schemas = cursor.fetchall()
    finally:
        connection.close()
    return {"tables": tables, "schemas": schemas}


@pytest.fixture(scope="session")
def tiny_parquet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 20-customer Parquet dataset (tests must not change it)."""
    folder = tmp_path_factory.mktemp("badinput")
    return write_dataset(Config(num_customers=20, num_sales_reps=2), 3, "parquet", folder / "crm").target
