"""Shared fixture of the format tests: a small generated dataset of several blocks."""

from __future__ import annotations

import pytest

from salesgen import SalesDataGenerator
from salesgen.config import Config
from salesgen.generator import Dataset


@pytest.fixture(scope="module")
def crm() -> Dataset:
    """A small generated dataset of several blocks: valid data, which the DuckDB keys and CHECKs accept."""
    config = Config(num_customers=40, num_sales_reps=4, block_size=16)
    return SalesDataGenerator(seed=11, config=config).generate_dataset()
