"""Shared fixture of the CLI tests: a private PostgreSQL schema, dropped afterwards."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import psycopg
import pytest

from tests.servers import PG_URL


@pytest.fixture
def pg_schema() -> Iterator[str]:
    name = f"salesgen_cli_{secrets.token_hex(4)}"
    try:
        yield name
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as con:
            con.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")
