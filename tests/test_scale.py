"""The scale engine: identical bytes whatever the workers, never half-written, readable back with types."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pytest

from salesgen.config import Config
from salesgen.formats import write_dataset
from salesgen.schema import TABLE_NAMES, arrow_schema


def tree_hashes(path: Path) -> dict[str, str]:
    files = [p for p in sorted(path.rglob("*")) if p.is_file()] if path.is_dir() else [path]
    return {str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_one_two_four_workers_give_identical_bytes(tmp_path: Path, fmt: str) -> None:
    config = Config(num_customers=900, num_sales_reps=12, block_size=100)
    hashes = {}
    for workers in (1, 2, 4):
        summary = write_dataset(config, 11, fmt, tmp_path / f"w{workers}", workers=workers)
        hashes[workers] = (tree_hashes(summary.target), summary.dataset_hash)
    assert hashes[1] == hashes[2] == hashes[4]


def test_block_size_is_part_of_the_data_identity(tmp_path: Path) -> None:
    small = write_dataset(Config(num_customers=300, block_size=50), 3, "jsonl", tmp_path / "a")
    large = write_dataset(Config(num_customers=300, block_size=300), 3, "jsonl", tmp_path / "b")
    assert small.row_counts["customers"] == large.row_counts["customers"] == 300
    assert small.dataset_hash != large.dataset_hash


def test_manifest_describes_and_proves_the_dataset(tmp_path: Path) -> None:
    summary = write_dataset(Config(num_customers=250, block_size=100), 5, "parquet", tmp_path / "crm")
    manifest = json.loads((summary.target / "manifest.json").read_text())
    assert manifest["seed"] == 5 and manifest["config"]["block_size"] == 100
    assert manifest["salesgen_version"] and manifest["as_of"] == "2026-01-01"
    assert sum(e["rows"] for p, e in manifest["files"].items() if p.startswith("customers/")) == 250
    assert manifest["row_counts"] == summary.row_counts
    for relative, entry in manifest["files"].items():
        assert hashlib.sha256((summary.target / relative).read_bytes()).hexdigest() == entry["sha256"]
    assert manifest["dataset_hash"] == summary.dataset_hash
    assert len(list((summary.target / "interactions").glob("part-*.parquet"))) == 3  # one part per block


def _start_cli(out: Path, customers: int, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "salesgen", "generate", "-n", str(customers), "-f", "parquet",
                             "-o", str(out), "--block-size", "2000", "-q", *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait_for_parts(parent: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(parent.glob(".*staging*/customers/part-*.parquet")):
            return
        time.sleep(0.05)
    raise AssertionError("the run never started writing parts")


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT])
def test_interrupted_run_leaves_previous_output_untouched(tmp_path: Path, how: signal.Signals) -> None:
    out = tmp_path / "crm"
    write_dataset(Config(num_customers=50), 1, "parquet", out)
    before = tree_hashes(out)
    process = _start_cli(out, 400_000, "--overwrite")
    _wait_for_parts(tmp_path)
    process.send_signal(how)
    process.wait(timeout=60)
    assert process.returncode != 0
    assert tree_hashes(out) == before
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "crm"]
    if how == signal.SIGINT:
        assert leftovers == []  # Ctrl-C cleans its staging up
    else:  # kill -9 cannot clean up: what is left is hidden and never looks like a dataset
        assert all(name.startswith(".") and "staging" in name for name in leftovers)
        assert not any((tmp_path / name / "manifest.json").exists() for name in leftovers)
        write_dataset(Config(num_customers=10), 1, "parquet", out, overwrite=True)  # the next run cleans up
        assert [p.name for p in tmp_path.iterdir()] == ["crm"]


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
    types = dict(duckdb.sql(f"DESCRIBE SELECT * FROM '{out}/opportunities/*.parquet'").fetchall()[i][:2]
                 for i in range(len(deals.schema)))
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


@pytest.mark.slow
def test_memory_is_bounded_by_the_block_not_the_dataset(tmp_path: Path) -> None:
    script = (
        "import resource, sys\n"
        "from salesgen.config import Config\n"
        "from salesgen.formats import write_dataset\n"
        "write_dataset(Config(num_customers=int(sys.argv[1]), block_size=2000), 1, 'parquet', sys.argv[2])\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    peaks = []
    for customers in (4_000, 40_000):
        result = subprocess.run([sys.executable, "-c", script, str(customers), str(tmp_path / str(customers))],
                                capture_output=True, text=True, check=True, env={**os.environ})
        peaks.append(int(result.stdout.strip()))
    assert peaks[1] < peaks[0] * 1.3, f"peak RSS grew with the dataset: {peaks} KiB"


def test_empty_dataset_still_has_every_table(tmp_path: Path) -> None:
    out = write_dataset(Config(num_customers=0, num_sales_reps=0), 1, "parquet", tmp_path / "empty").target
    for table in TABLE_NAMES:
        assert pq.read_table(out / table).schema.equals(arrow_schema(table), check_metadata=False)
    assert pq.read_table(out / "customers").num_rows == 0
