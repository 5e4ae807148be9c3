"""The public face (salesgen/__init__.py, api.py): a pinned export list and the five verbs end to end."""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa
import pytest

import salesgen
from salesgen import Config
from salesgen.contract import TABLE_NAMES, arrow_schema
from tests.servers import PG_URL

PUBLIC = [
    "Config",
    "Dataset",
    "HashMismatchError",
    "Realism",
    "SalesDataGenerator",
    "Validation",
    "WriteSummary",
    "__version__",
    "generate",
    "load",
    "load_preset",
    "preset_names",
    "read",
    "read_pandas",
    "read_polars",
    "validate",
    "write",
]
SMALL = Config(num_customers=40, num_sales_reps=4, block_size=15)


def test_the_export_list_is_pinned_and_importable() -> None:
    assert sorted(salesgen.__all__) == sorted(PUBLIC)
    assert all(getattr(salesgen, name, None) is not None for name in PUBLIC)


def test_readme_names_exactly_the_public_api() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    paragraph = readme[readme.index("The public API is what `salesgen` exports") :]
    paragraph = paragraph[: paragraph.index("pinned by a test")]
    assert sorted(set(re.findall(r"`(\w+)`", paragraph)) - {"salesgen"}) == sorted(PUBLIC)


def test_every_public_callable_has_a_docstring_with_an_example() -> None:
    for name in ("generate", "write", "read", "read_pandas", "read_polars", "validate", "load"):
        assert ">>>" in (getattr(salesgen, name).__doc__ or ""), name


def test_write_read_validate_round_trip(tmp_path: Path) -> None:
    summary = salesgen.write(SMALL, seed=3, format="csv", target=tmp_path / "crm")
    tables = salesgen.read(summary.target)
    in_memory = salesgen.generate(SMALL, seed=3)
    for name in TABLE_NAMES:
        assert tables[name].schema.equals(arrow_schema(name)), name
        assert tables[name].equals(in_memory[name]), name
    assert salesgen.validate(summary.target).passed


def test_validate_reports_a_broken_rule_on_tables_in_memory() -> None:
    dataset = dict(salesgen.generate(SMALL, seed=3))
    reps = dataset["sales_reps"]
    dataset["sales_reps"] = reps.set_column(
        reps.schema.get_field_index("email"), "email", pa.array([f"rep{n}@example.org" for n in range(reps.num_rows)])
    )
    result = salesgen.validate(dataset, hard_only=True)
    assert not result.passed
    assert [r.name for r in result.failures] == ["people.rep_email_domain"]


@pytest.mark.db
def test_load_then_read_from_postgresql(tmp_path: Path, pg_schema: str) -> None:
    out = salesgen.write(SMALL, seed=5, format="parquet", target=tmp_path / "crm").target
    result = salesgen.load(out, PG_URL, schema=pg_schema)
    assert result.rows["customers"] == 40
    back = salesgen.read(PG_URL, schema=pg_schema)
    assert back["opportunities"].equals(salesgen.read(out)["opportunities"])


def test_one_table_reads_typed_into_pandas_and_polars(tmp_path: Path) -> None:
    import pandas as pd
    import polars as pl

    summary = salesgen.write(
        Config(num_customers=40, country_mix={"US": 1}), seed=3, format="csv", target=tmp_path / "c"
    )
    frames = salesgen.read_pandas(summary.target, tables=["opportunities", "customers"])
    assert list(frames) == ["customers", "opportunities"]
    opportunities = frames["opportunities"]
    assert isinstance(opportunities["amount"].dtype, pd.ArrowDtype)
    assert str(opportunities["next_step"].dtype) == "string[pyarrow]"
    assert opportunities["next_step"].eq("").any() and not opportunities["next_step"].isna().all()
    assert opportunities["primary_competitor_id"].isna().any()  # nullable ids stay integers with nulls
    assert str(opportunities["primary_competitor_id"].dtype) == "int64[pyarrow]"
    postal = frames["customers"]["postal_code"]
    assert postal.str.len().eq(5).all()  # US ZIP codes keep their leading zeros as text
    polars = salesgen.read_polars(summary.target, tables="customers")["customers"]
    assert polars.schema["annual_revenue"] == pl.Decimal(18, 2)
    assert polars.height == 40
    with pytest.raises(ValueError, match="unknown table 'deals'"):
        salesgen.read(summary.target, tables=["deals"])
