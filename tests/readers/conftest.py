"""Shared fixtures of the reader tests: one generated dataset, written once in every file format."""

from __future__ import annotations

from pathlib import Path

import pytest

from salesgen import Dataset, SalesDataGenerator
from salesgen.formats import write_dataset
from tests.readers.outputs import FORMATS, NAMES, SEED


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return SalesDataGenerator(SEED).generate_dataset(num_customers=150, num_sales_people=6)


@pytest.fixture(scope="module")
def outputs(dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("outputs")
    return {fmt: write_dataset(dataset.config, SEED, fmt, root / NAMES[fmt]).target for fmt in FORMATS}
