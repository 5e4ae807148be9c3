"""schema.assemble: tables are built from name → array mappings checked against the contract."""

from __future__ import annotations

import pyarrow as pa
import pytest

from salesgen.contract import TABLES, ColumnMismatchError, arrow_schema, assemble


def _competitor_columns() -> dict[str, pa.Array]:
    return {
        "competitor_id": pa.array([1, 2]),
        "name": pa.array(["Acme", "Globex"]),
        "domain": pa.array(["acme.com", "globex.com"]),
        "price_position": pa.array(["premium", "discount"]),
        "strengths": pa.array([["support"], []], pa.list_(pa.string())),
        "headquarters_country": pa.array(["US", "DE"]),
    }


def test_columns_land_in_the_contract_order_whatever_the_mapping_order() -> None:
    columns = dict(reversed(_competitor_columns().items()))
    table = assemble("competitors", columns)
    assert table.schema.equals(arrow_schema("competitors"), check_metadata=True)
    assert table.column_names == TABLES["competitors"].column_names
    assert table.column("domain").to_pylist() == ["acme.com", "globex.com"]


def test_a_missing_column_is_named() -> None:
    columns = _competitor_columns()
    del columns["domain"]
    with pytest.raises(ColumnMismatchError, match=r"competitors: missing column\(s\) domain"):
        assemble("competitors", columns)


def test_an_extra_column_is_named() -> None:
    with pytest.raises(ColumnMismatchError, match="not in the contract: website"):
        assemble("competitors", {**_competitor_columns(), "website": pa.array(["a", "b"])})


def test_a_mistyped_column_is_named_with_both_types() -> None:
    columns = {**_competitor_columns(), "competitor_id": pa.array(["1", "2"])}
    with pytest.raises(ColumnMismatchError, match=r"competitors\.competitor_id: expected int64, got string"):
        assemble("competitors", columns)
