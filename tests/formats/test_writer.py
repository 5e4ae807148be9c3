"""Tests of salesgen.formats.writer: one writer for the library, the CLI and write_dataset, block by block."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from salesgen import SalesDataGenerator
from salesgen.cli import app
from salesgen.config import Config
from salesgen.contract import TABLE_NAMES, arrow_schema
from salesgen.formats import FORMAT_NAMES, FORMATS, HashMismatchError, write_dataset
from salesgen.formats.writer import split_blocks
from salesgen.generator import Dataset
from tests.formats.outputs import digests, duckdb_constraints, duckdb_metadata, duckdb_tables, write_all


def _cli(fmt: str, target: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "generate",
            "-n",
            "40",
            "--reps",
            "4",
            "--block-size",
            "16",
            "--seed",
            "11",
            "-f",
            fmt,
            "-o",
            str(target),
            "-q",
        ],
    )
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_library_cli_and_write_dataset_write_the_same_output(tmp_path: Path, crm: Dataset, fmt: str) -> None:
    name = "crm" if FORMATS[fmt].directory else f"crm.{fmt}"
    library = SalesDataGenerator(seed=11).save(crm, tmp_path / "library" / name, fmt)
    _cli(fmt, tmp_path / "cli" / name)
    summary = write_dataset(crm.config, 11, fmt, tmp_path / "api" / name, workers=2 if fmt == "parquet" else 1)
    if fmt == "duckdb":  # a DuckDB file's bytes are not reproducible: compare contents, keys and metadata
        outputs = [library, tmp_path / "cli" / name, summary.target]
        tables = [duckdb_tables(path) for path in outputs]
        assert all(t[table].equals(tables[0][table]) for t in tables[1:] for table in TABLE_NAMES)
        assert duckdb_metadata(library) == duckdb_metadata(outputs[1]) == duckdb_metadata(outputs[2])
        assert duckdb_metadata(library)["dataset_hash"] == summary.dataset_hash
        assert duckdb_constraints(library) == duckdb_constraints(outputs[1])
        return
    assert digests(library) == digests(tmp_path / "cli" / name) == digests(summary.target)
    if FORMATS[fmt].directory:
        manifest = json.loads((library / "manifest.json").read_text("utf-8"))
        assert manifest["dataset_hash"] == summary.dataset_hash
        assert manifest["row_counts"] == crm.row_counts()


def test_a_plain_mapping_is_written_as_one_block(tmp_path: Path, crm: Dataset) -> None:
    plain = {name: crm[name] for name in TABLE_NAMES}
    out = SalesDataGenerator(seed=11, config=crm.config).save(plain, tmp_path / "crm", "parquet")
    parts = sorted(str(p.relative_to(out)) for p in (out / "contacts").iterdir())
    assert parts == ["contacts/part-00000.parquet"]
    text = SalesDataGenerator(seed=11, config=crm.config).save(plain, tmp_path / "crm.csv", "csv")
    assert digests(text) == digests(SalesDataGenerator(seed=11).save(crm, tmp_path / "x" / "crm.csv", "csv"))


def test_block_boundaries_must_match_the_tables(crm: Dataset) -> None:
    assert [block for block, _ in split_blocks(crm, crm.block_rows)] == [0, 1, 2, "run"]
    wrong = {**dict(crm.block_rows or {}), "contacts": [1, 2, 3]}
    with pytest.raises(ValueError, match="contacts"):
        list(split_blocks(crm, wrong))


def test_hash_mismatch_publishes_nothing(tmp_path: Path) -> None:
    with pytest.raises(HashMismatchError, match="differs"):
        write_dataset(Config(num_customers=5, num_sales_reps=2), 1, "csv", tmp_path / "crm", expected_hash="0" * 64)
    assert list(tmp_path.iterdir()) == []


def test_empty_output_has_every_table(tmp_path: Path) -> None:
    empty = {name: arrow_schema(name).empty_table() for name in TABLE_NAMES}
    out = write_all("csv", tmp_path / "out", empty, metadata={})
    names: Iterable[str] = sorted(p.name for p in out.iterdir())
    assert names == sorted([f"{t}.csv" for t in TABLE_NAMES] + ["manifest.json", "datapackage.json"])
    document = json.loads(write_all("json", tmp_path / "o.json", empty, metadata={}).read_text())
    assert all(document[t] == [] for t in TABLE_NAMES)
    out = write_all("parquet", tmp_path / "p", empty, metadata={})
    assert all(pq.read_table(out / t / "part-00000.parquet").num_rows == 0 for t in TABLE_NAMES)


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
        result = subprocess.run(
            [sys.executable, "-c", script, str(customers), str(tmp_path / str(customers))],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ},
        )
        peaks.append(int(result.stdout.strip()))
    assert peaks[1] < peaks[0] * 1.3, f"peak RSS grew with the dataset: {peaks} KiB"
