"""Tests of salesgen.formats.manifest: the run metadata, per-file hashes and the dataset_hash."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from salesgen.config import Config
from salesgen.formats import write_dataset
from tests.formats.outputs import write_all
from tests.samples import dataset


def test_metadata_is_checked_before_writing(tmp_path: Path) -> None:
    for bad in ({"files": []}, {"dataset_hash": "x"}):
        with pytest.raises(ValueError, match="reserved"):
            write_all("csv", tmp_path / "out", dataset(), metadata=bad)
    with pytest.raises(TypeError, match="not JSON serializable"):
        write_all("json", tmp_path / "out.json", dataset(), metadata={"bad": object()})
    assert list(tmp_path.iterdir()) == []


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
