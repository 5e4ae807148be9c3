"""Shared fixtures of the report tests: one small Parquet dataset and its report, built once per module."""

from __future__ import annotations

from pathlib import Path

import pytest

from salesgen.config import Config
from salesgen.formats import write_dataset
from salesgen.report import ReportSummary, build_report

# Big enough for every realism band to be judged rather than skipped (≥ 200 closed new-business deals).
CONFIG = Config(num_customers=1500, num_sales_reps=12, block_size=500)
SEED = 11


@pytest.fixture(scope="session")
def parquet_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_dataset(CONFIG, SEED, "parquet", tmp_path_factory.mktemp("report") / "crm").target


@pytest.fixture(scope="session")
def report(parquet_output: Path, tmp_path_factory: pytest.TempPathFactory) -> ReportSummary:
    return build_report(parquet_output, tmp_path_factory.mktemp("html") / "crm.html")
