"""Tests of salesgen.databases.urls: which dialect a URL names and where it points."""

from __future__ import annotations

from pathlib import Path

import pytest

from salesgen.databases import SCHEMES, load_parquet_dataset, parse_url


def test_urls() -> None:
    assert parse_url("postgres://u:p%40ss@h:5433/db").password == "p@ss"
    assert parse_url("postgresql+psycopg://u@h/db").url == "postgresql://u@h/db"
    assert parse_url("mariadb://root@127.0.0.1/test").dialect == "mysql"
    assert parse_url("sqlite:///crm.db").path == Path("crm.db")
    assert parse_url("duckdb:////tmp/crm.duckdb").path == Path("/tmp/crm.duckdb")
    for bad in ("crm.db", "oracle://x/y", "http://example.com"):
        with pytest.raises(ValueError, match="the scheme must be one of " + ", ".join(SCHEMES)):
            load_parquet_dataset(Path("."), bad)
    with pytest.raises(ValueError, match="in-memory"):
        parse_url("sqlite:///:memory:")
