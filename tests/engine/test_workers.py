"""Tests of salesgen.engine.workers: one, two or four worker processes write identical bytes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from salesgen.config import Config
from salesgen.formats import write_dataset


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
