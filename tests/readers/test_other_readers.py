"""README's table of what pandas, polars and DuckDB make of the CSV, JSON Lines and JSON outputs: each
default it describes, and the fix it gives, checked on a dataset whose ZIP codes start with 0."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pytest

import salesgen
from salesgen.config import Config


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("readers")
    config = Config(num_customers=150, num_sales_reps=4, country_mix={"US": 1})
    for format, name in (("csv", "crm_csv"), ("jsonl", "crm_jsonl"), ("json", "crm.json")):
        salesgen.write(config, seed=3, format=format, target=root / name)
    return root


@pytest.fixture(scope="module")
def truth(out: Path) -> dict[str, pd.DataFrame]:
    return salesgen.read_pandas(out / "crm_csv", tables=["customers", "opportunities"])


def _zip_with_leading_zero(truth: dict[str, pd.DataFrame]) -> str:
    zips = [z for z in truth["customers"]["postal_code"] if z.startswith("0")]
    assert zips, "the dataset needs a ZIP code starting with 0 for this test"
    return str(zips[0])


def test_typed_readers_get_everything_right(out: Path, truth: dict[str, pd.DataFrame]) -> None:
    opportunities = truth["opportunities"]
    assert str(opportunities["amount"].dtype) == "decimal128(18, 2)[pyarrow]"
    assert (opportunities["next_step"] == "").sum() > 0 and opportunities["loss_reason"].isna().sum() > 0
    for source in ("crm_jsonl", "crm.json"):
        frames = salesgen.read_pandas(out / source, tables=["customers"])
        assert frames["customers"]["postal_code"].tolist() == truth["customers"]["postal_code"].tolist()


def test_pandas_csv(out: Path, truth: dict[str, pd.DataFrame]) -> None:
    zip_code = _zip_with_leading_zero(truth)
    customers = pd.read_csv(out / "crm_csv/customers.csv")
    assert customers["postal_code"].dtype.kind == "i" and int(zip_code) in customers["postal_code"].tolist()
    opportunities = pd.read_csv(out / "crm_csv/opportunities.csv")
    assert opportunities["amount"].dtype == "float64" and opportunities["created_at"].dtype.kind in "OT"
    assert opportunities["primary_competitor_id"].dtype == "float64"
    empty = int((truth["opportunities"]["next_step"] == "").sum())
    assert opportunities["next_step"].isna().sum() == empty + int(truth["opportunities"]["next_step"].isna().sum())
    fixed = pd.read_csv(out / "crm_csv/customers.csv", dtype={"postal_code": str})
    assert zip_code in fixed["postal_code"].tolist()


def test_polars_csv(out: Path, truth: dict[str, pd.DataFrame]) -> None:
    zip_code = _zip_with_leading_zero(truth)
    assert pl.read_csv(out / "crm_csv/customers.csv").schema["postal_code"] == pl.Int64
    plain = pl.read_csv(out / "crm_csv/opportunities.csv")
    assert plain.schema["amount"] == pl.Float64 and plain.schema["created_at"] == pl.String
    assert (plain["next_step"] == "").sum() == (truth["opportunities"]["next_step"] == "").sum()  # kept apart
    fixed = pl.read_csv(out / "crm_csv/opportunities.csv", try_parse_dates=True)
    assert fixed.schema["created_at"] == pl.Datetime("us", "UTC")
    customers = pl.read_csv(out / "crm_csv/customers.csv", schema_overrides={"postal_code": pl.String})
    assert zip_code in customers["postal_code"].to_list()


def test_duckdb_csv(out: Path, truth: dict[str, pd.DataFrame]) -> None:
    path = str(out / "crm_csv/opportunities.csv")
    count = "SELECT count(*) FILTER (WHERE next_step = '') FROM read_csv(?{})"
    assert duckdb.execute(count.format(""), [path]).fetchone() == (0,)  # "" read as NULL
    empty = int((truth["opportunities"]["next_step"] == "").sum())
    assert duckdb.execute(count.format(", allow_quoted_nulls = false"), [path]).fetchone() == (empty,)
    kinds = {
        r[0]: r[1] for r in duckdb.execute("DESCRIBE SELECT amount, competitors FROM read_csv(?)", [path]).fetchall()
    }
    assert kinds == {"amount": "DOUBLE", "competitors": "VARCHAR"}
    exact = duckdb.execute("SELECT typeof(amount) FROM read_csv(?, types = {'amount': 'DECIMAL(18,2)'})", [path])
    assert exact.fetchone() == ("DECIMAL(18,2)",)


def test_pandas_jsonl(out: Path, truth: dict[str, pd.DataFrame]) -> None:
    zip_code = _zip_with_leading_zero(truth)
    plain = pd.read_json(out / "crm_jsonl/customers.jsonl", lines=True)
    assert plain["postal_code"].dtype.kind == "i"
    fixed = pd.read_json(out / "crm_jsonl/customers.jsonl", lines=True, dtype={"postal_code": str})
    assert zip_code in fixed["postal_code"].tolist()
    assert pd.read_json(out / "crm_jsonl/opportunities.jsonl", lines=True)["amount"].dtype == "float64"


def test_polars_jsonl(out: Path) -> None:
    plain = pl.read_ndjson(out / "crm_jsonl/opportunities.jsonl")
    assert plain.schema["amount"] == pl.Float64 and plain.schema["created_at"] == pl.String
    fixed = plain.with_columns(pl.col("created_at").str.to_datetime(time_zone="UTC"))
    assert fixed.schema["created_at"] == pl.Datetime("us", "UTC")
    assert pl.read_ndjson(out / "crm_jsonl/customers.jsonl").schema["postal_code"] == pl.String


def test_duckdb_jsonl(out: Path) -> None:
    query = "DESCRIBE SELECT amount, created_at, competitors FROM read_json(?)"
    kinds = {r[0]: r[1] for r in duckdb.execute(query, [str(out / "crm_jsonl/opportunities.jsonl")]).fetchall()}
    assert kinds == {"amount": "DOUBLE", "created_at": "TIMESTAMP WITH TIME ZONE", "competitors": "VARCHAR[]"}


def test_json_document(out: Path, truth: dict[str, pd.DataFrame]) -> None:
    document = out / "crm.json"
    with pytest.raises(ValueError, match="All arrays must be of the same length"):
        pd.read_json(document)
    with document.open(encoding="utf-8") as handle:
        frame = pd.DataFrame(json.load(handle)["customers"])
    assert frame["postal_code"].tolist() == truth["customers"]["postal_code"].tolist()
    assert pl.read_json(document).shape[0] == 1
    unnested = pl.read_json(document).select(pl.col("customers").explode().struct.unnest())
    assert unnested.shape == (150, frame.shape[1])
    rows = duckdb.execute("SELECT unnest(customers, recursive := true) FROM read_json(?)", [str(document)]).fetchall()
    assert len(rows) == 150
