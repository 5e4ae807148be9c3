"""Shared fixtures: small generated datasets, built once per session (tests must not mutate them), and a
private PostgreSQL schema."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import psycopg
import pytest

from salesgen import Dataset, SalesDataGenerator
from tests.servers import PG_URL

SMALL_SEED = 42
SMALL_CUSTOMERS = 100
SMALL_REPS = 10


@pytest.fixture(scope="session")
def small_dataset() -> Dataset:
    """The README example: seed 42, 100 customers, 10 sales people."""
    return SalesDataGenerator(seed=SMALL_SEED).generate_dataset(
        num_customers=SMALL_CUSTOMERS, num_sales_people=SMALL_REPS
    )


@pytest.fixture
def pg_schema() -> Iterator[str]:
    """A fresh PostgreSQL schema name on the test server, dropped (with what it holds) afterwards."""
    name = f"salesgen_test_{secrets.token_hex(4)}"
    try:
        yield name
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as con:
            con.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE".encode())
