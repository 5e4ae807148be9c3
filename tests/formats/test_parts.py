"""Tests of salesgen.formats.parts: tables are conformed to the contract, naming a bad column."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from salesgen.formats.parts import conform
from tests.formats.outputs import write_all
from tests.samples import dataset


def test_bad_tables_are_refused_naming_the_column(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="expected"):
        conform("products", pa.table({"x": [1]}))
    wrong = dataset()["discount_tiers"].set_column(4, "discount_pct", pa.array([0.1, 0.2, 0.3]))
    with pytest.raises(TypeError, match=r"discount_tiers\.discount_pct"):
        conform("discount_tiers", wrong)
    nulls = dataset()["discount_tiers"].set_column(2, pa.field("min_quantity", pa.int64()), pa.array([1, None, 3]))
    with pytest.raises(ValueError, match="not nullable"):
        write_all("jsonl", tmp_path / "out", {**dataset(), "discount_tiers": nulls})
    with pytest.raises(ValueError, match="unknown table"):
        conform("nope", pa.table({}))
    assert list(tmp_path.iterdir()) == []
