"""Tiny tables of every column kind holding the nastiest values of each (for the encoder and format tests)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

import numpy as np
import pyarrow as pa

from salesgen.contract import TABLE_NAMES, TABLES, Kind, arrow_schema

UTC = dt.UTC


# No NUL here so that git and diff treat the golden files as text; NUL is covered by the encoder tests.
NASTY = 'quote " comma , backslash \\ tab \t newline \n cr \r bell \x07 del \x7f'


SAMPLES: dict[Kind, list[Any]] = {
    Kind.ID: [7, -1, 2**62],
    Kind.INT: [0, -7, 2**53 + 1],
    Kind.FLOAT: [0.1, -2.5, 1e21, 1.0, 1e-7],
    Kind.BOOL: [True, False],
    Kind.STRING: ["plain", NASTY, "Zürich — 東京 😀 \u2028", "", "a,b", 'x"y', " lead space"],
    Kind.MONEY: [Decimal("123.40"), Decimal("-0.05"), Decimal("0.00"), Decimal("9999999999999999.99")],
    Kind.PERCENT: [Decimal("0.1250"), Decimal("0.0000"), Decimal("1.0000")],
    Kind.DATE: [dt.date(2025, 3, 4), dt.date(1969, 12, 31), dt.date(2000, 2, 29)],
    Kind.TIMESTAMP: [
        dt.datetime(2025, 3, 4, 10, 15, tzinfo=UTC),
        dt.datetime(1969, 12, 31, 23, 59, 59, 500_000, tzinfo=UTC),
        dt.datetime(2000, 2, 29, 0, 0, 0, 1, tzinfo=UTC),
    ],
    Kind.STRING_LIST: [["a", "b"], [], ['say "hi"', "x,y", "é\n", "back\\slash"], ["[]"]],
}


POPULATED = {"products": 4, "discount_tiers": 3, "sales_reps": 2, "opportunities": 3, "interactions": 5}


def make_table(name: str, rows: int) -> pa.Table:
    """Rows built from SAMPLES, varied per column, nulls in nullable columns (row 1)."""
    columns = {}
    for position, column in enumerate(TABLES[name].columns):
        if position == 0:
            values: list[Any] = list(range(1, rows + 1))
        else:
            pool = SAMPLES[column.kind]
            values = [pool[(row + position) % len(pool)] for row in range(rows)]
            if column.nullable and rows > 1:
                values[1] = None
        columns[column.name] = values
    return pa.Table.from_pydict(columns, schema=arrow_schema(name))


def dataset() -> dict[str, pa.Table]:
    return {name: make_table(name, POPULATED.get(name, 0)) for name in TABLE_NAMES}


def split(table: pa.Table, pieces: int) -> list[pa.Table]:
    """``table`` as ``pieces`` consecutive slices (some possibly empty)."""
    bounds = np.linspace(0, table.num_rows, pieces + 1).astype(int)
    return [table.slice(a, b - a) for a, b in itertools.pairwise(bounds)]
