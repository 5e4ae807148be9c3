"""The DuckDB load: one statement per table still stores the rows in block order, with one thread."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from salesgen.contract import TABLE_NAMES, TABLES
from salesgen.databases import load_parquet_dataset
from salesgen.databases.dataset import ParquetDataset
from salesgen.databases.duckdb import SETTINGS


def test_rows_are_stored_in_block_order(crm: Path, tmp_path: Path) -> None:
    database = tmp_path / "crm.duckdb"
    load_parquet_dataset(crm, f"duckdb:///{database}")
    parts = ParquetDataset.open(crm).files
    assert len(parts["customers"]) > 1  # several blocks, so the order across parts is at stake
    with duckdb.connect(str(database), read_only=True) as connection:
        for table in TABLE_NAMES:
            key = TABLES[table].primary_key
            if not parts[table] or table == "sales_reps":  # sales_reps: managers first, by design
                continue
            expected = pa.concat_tables([pq.read_table(path, columns=[key]) for path in parts[table]])
            stored = [row[0] for row in connection.execute(f'SELECT "{key}" FROM "{table}" ORDER BY rowid').fetchall()]
            assert stored == expected.column(key).to_pylist(), table


def test_the_session_runs_one_thread_without_a_progress_bar() -> None:
    connection = duckdb.connect()
    for statement in SETTINGS:
        connection.execute(statement)
    threads, bar = connection.execute(
        "SELECT current_setting('threads'), current_setting('enable_progress_bar')"
    ).fetchone() or (None, None)
    assert (threads, bar) == (1, False)
