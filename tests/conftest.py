"""Shared fixtures: small generated datasets, built once per session (tests must not mutate them)."""

from __future__ import annotations

import pytest

from salesgen import Dataset, SalesDataGenerator

SMALL_SEED = 42
SMALL_CUSTOMERS = 100
SMALL_REPS = 10


@pytest.fixture(scope="session")
def small_dataset() -> Dataset:
    """The README example: seed 42, 100 customers, 10 sales people."""
    return SalesDataGenerator(seed=SMALL_SEED).generate_dataset(
        num_customers=SMALL_CUSTOMERS, num_sales_people=SMALL_REPS
    )
