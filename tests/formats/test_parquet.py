"""Tests of salesgen.formats.parquet: Parquet parts and the DuckDB file, typed, deterministic, keyed."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from salesgen import SalesDataGenerator
from salesgen.config import Config
from salesgen.contract import BLOCK_TABLES, TABLE_NAMES, TABLES, arrow_schema
from salesgen.databases import load_parquet_dataset
from salesgen.formats import write_dataset
from salesgen.generator import Dataset
from tests.formats.outputs import digests, duckdb_constraints, duckdb_metadata, duckdb_tables, write_all
from tests.samples import dataset


def test_parquet_round_trip(tmp_path: Path) -> None:
    tables = dataset()
    out = write_all("parquet", tmp_path / "crm", tables, pieces=2)
    manifest = json.loads((out / "manifest.json").read_text())
    assert sorted(manifest["files"]) == sorted(str(p.relative_to(out)) for p in out.rglob("*.parquet"))
    for name, table in tables.items():
        listed = sorted(path for path in manifest["files"] if path.startswith(name + "/"))
        if name in BLOCK_TABLES and table.num_rows:
            assert listed == [f"{name}/part-00000.parquet", f"{name}/part-00001.parquet"]
        elif table.num_rows:
            assert listed == [f"{name}/part-run.parquet"]
        else:
            assert listed == [f"{name}/part-00000.parquet"]  # an empty table still has its schema on disk
        back = pa.concat_tables([pq.read_table(out / relative) for relative in listed])
        expected = arrow_schema(name)  # list children are named "element" (compliant Parquet)
        assert back.schema.equals(expected, check_metadata=False)
        assert back.schema.metadata == expected.metadata
        assert [f.metadata for f in back.schema] == [f.metadata for f in expected]
        assert back.equals(table)
        for relative in listed:
            entry = manifest["files"][relative]
            assert entry["sha256"] == hashlib.sha256((out / relative).read_bytes()).hexdigest()
            if entry["rows"]:
                assert pq.ParquetFile(out / relative).metadata.row_group(0).column(0).compression == "ZSTD"
        assert sum(manifest["files"][relative]["rows"] for relative in listed) == table.num_rows


def test_parquet_bytes_are_deterministic(tmp_path: Path) -> None:
    tables = dataset()
    assert digests(write_all("parquet", tmp_path / "a" / "out", tables, pieces=2)) == digests(
        write_all("parquet", tmp_path / "b" / "out", tables, pieces=2)
    )


def test_duckdb_round_trip(tmp_path: Path, crm: Dataset) -> None:
    out = SalesDataGenerator(seed=11).save(crm, tmp_path / "crm.duckdb", "duckdb")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crm.duckdb"]
    for name, back in duckdb_tables(out).items():
        table = crm[name].sort_by(TABLES[name].primary_key)
        assert back.schema.names == table.schema.names
        assert back.schema.types == table.schema.types, name
        assert back.cast(table.schema).equals(table), name
    metadata = duckdb_metadata(out)
    assert metadata == {**json.loads(json.dumps(crm.metadata())), "dataset_hash": metadata["dataset_hash"]}


def test_duckdb_file_declares_the_keys_of_a_database_load(tmp_path: Path) -> None:
    config = Config(num_customers=20, num_sales_reps=3)
    written = write_dataset(config, 3, "duckdb", tmp_path / "file" / "crm.duckdb").target
    parquet = write_dataset(config, 3, "parquet", tmp_path / "crm").target
    loaded = tmp_path / "loaded" / "crm.duckdb"  # same file name: DuckDB keeps it in a self-reference's text
    loaded.parent.mkdir()
    load_parquet_dataset(parquet, f"duckdb:///{loaded}")
    constraints = duckdb_constraints(written)
    assert constraints == duckdb_constraints(loaded)
    assert sum(kind == "FOREIGN KEY" for _, kind, _ in constraints) == 15
    assert duckdb_metadata(written) == duckdb_metadata(loaded)


def test_read_back_in_one_line_with_types(tmp_path: Path) -> None:
    out = write_dataset(Config(num_customers=120, block_size=50), 2, "parquet", tmp_path / "crm").target
    deals = pq.read_table(out / "opportunities")
    assert deals.schema.equals(arrow_schema("opportunities"), check_metadata=False)
    assert deals.num_rows > 0
    frame = pd.read_parquet(out / "opportunities")
    assert isinstance(frame["amount"].iloc[0], Decimal) and str(frame["created_at"].dt.tz) == "UTC"
    polars_frame = pl.read_parquet(out / "opportunities" / "*.parquet")
    assert polars_frame.schema["amount"] == pl.Decimal(18, 2)
    assert polars_frame.schema["created_at"] == pl.Datetime("us", "UTC")
    assert polars_frame.schema["competitors"] == pl.List(pl.String)
    types = dict(
        duckdb.sql(f"DESCRIBE SELECT * FROM '{out}/opportunities/*.parquet'").fetchall()[i][:2]
        for i in range(len(deals.schema))
    )
    assert types["amount"] == "DECIMAL(18,2)" and types["created_at"] == "TIMESTAMP WITH TIME ZONE"
    assert types["competitors"] == "VARCHAR[]"


def test_duckdb_output_equals_parquet_output(tmp_path: Path) -> None:
    config = Config(num_customers=150, block_size=40)
    parquet = write_dataset(config, 9, "parquet", tmp_path / "p").target
    database = write_dataset(config, 9, "duckdb", tmp_path / "crm.duckdb").target
    con = duckdb.connect(str(database), read_only=True)
    con.execute("SET TimeZone='UTC'")
    for table in TABLE_NAMES:
        from_db = con.sql(f'SELECT * FROM "{table}"').to_arrow_table()
        from_files = pq.read_table(parquet / table)
        assert from_db.num_rows == from_files.num_rows
        assert from_db.cast(from_files.schema).equals(from_files), table
    metadata = dict(con.execute("SELECT key, value FROM salesgen_metadata").fetchall())
    assert json.loads(metadata["seed"]) == 9 and len(json.loads(metadata["dataset_hash"])) == 64


def test_empty_dataset_still_has_every_table(tmp_path: Path) -> None:
    out = write_dataset(Config(num_customers=0, num_sales_reps=0), 1, "parquet", tmp_path / "empty").target
    for table in TABLE_NAMES:
        assert pq.read_table(out / table).schema.equals(arrow_schema(table), check_metadata=False)
    assert pq.read_table(out / "customers").num_rows == 0
