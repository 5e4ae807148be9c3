"""SQLite keeps money as integer cents: sums are exact, and salesgen reads it back as exact decimals."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import salesgen
from salesgen.config import Config
from salesgen.contract import TABLES, Kind
from salesgen.databases import load_parquet_dataset

MONEY = {name: [c.name for c in t.columns if c.kind is Kind.MONEY] for name, t in TABLES.items()}


def test_sqlite_money_is_integer_cents_read_back_exactly(tmp_path: Path) -> None:
    parquet = salesgen.write(
        Config(num_customers=120, num_sales_reps=6), seed=3, format="parquet", target=tmp_path / "crm"
    ).target
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    load_parquet_dataset(parquet, url)
    original = salesgen.read(parquet)
    with sqlite3.connect(tmp_path / "crm.db") as connection:
        for table, columns in MONEY.items():
            for column in columns:
                kinds = {row[0] for row in connection.execute(f"SELECT DISTINCT typeof({column}) FROM {table}")}
                assert kinds <= {"integer", "null"}, (table, column, kinds)
        (total,) = connection.execute("SELECT sum(amount) FROM opportunities").fetchone()
    exact = sum((v for v in original["opportunities"]["amount"].to_pylist() if v is not None), Decimal(0))
    assert Decimal(total).scaleb(-2) == exact  # to the cent: no 683022385.7499995
    back = salesgen.read(url)
    for table, columns in MONEY.items():
        key = TABLES[table].primary_key
        for column in columns:
            assert back[table][column].type == original[table][column].type
            mine = dict(zip(back[table][key].to_pylist(), back[table][column].to_pylist(), strict=True))
            theirs = dict(zip(original[table][key].to_pylist(), original[table][column].to_pylist(), strict=True))
            assert mine == theirs, (table, column)
    assert salesgen.validate(url, hard_only=True).passed


def test_sqlite_refuses_money_that_is_not_cents(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    parquet = salesgen.write(
        Config(num_customers=5, num_sales_reps=2), seed=3, format="parquet", target=tmp_path / "crm"
    ).target
    load_parquet_dataset(parquet, url)
    with sqlite3.connect(tmp_path / "crm.db") as connection:
        try:
            connection.execute("UPDATE opportunities SET amount = 10.5")
        except sqlite3.IntegrityError as error:
            assert "amount_type" in str(error)
        else:
            raise AssertionError("a REAL amount was accepted")
