"""Helpers of the reader tests: the outputs read back and the comparison with the in-memory dataset."""

from __future__ import annotations

import pyarrow as pa

from salesgen import Dataset
from salesgen.contract import TABLE_NAMES, TABLES, arrow_schema

SEED = 5
FORMATS = ("parquet", "csv", "jsonl", "json", "duckdb")
NAMES = {"parquet": "crm_parquet", "csv": "crm_csv", "jsonl": "crm_jsonl", "json": "crm.json", "duckdb": "crm.duckdb"}


def assert_same(tables: dict[str, pa.Table], dataset: Dataset) -> None:
    assert set(tables) == set(TABLE_NAMES)
    for name in TABLE_NAMES:
        assert tables[name].schema.equals(arrow_schema(name), check_metadata=True), name
        key = TABLES[name].primary_key
        got, want = tables[name].sort_by(key), dataset[name].sort_by(key)
        assert got.num_rows == want.num_rows, name
        for column in want.column_names:  # column by column: a failure names the column
            assert got.column(column).equals(want.column(column)), (name, column)
