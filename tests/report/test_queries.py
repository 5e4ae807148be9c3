"""Tests of salesgen.report.queries: aggregates pinned on the hand-made tiny dataset (golden file) and equal to
the same figures computed independently in pandas on a generated dataset.

Regenerate the golden file (then check the diff by eye) with:
    SALESGEN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/report/test_queries.py -k golden
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

import salesgen
from salesgen.checks import build_context
from salesgen.config import Config
from salesgen.readers import open_source
from salesgen.report.queries import QUERIES, run_queries
from tests.checks.datasets import tiny_dataset

GOLDEN = Path(__file__).parent / "golden_aggregates.json"


def _tiny_aggregates() -> dict[str, Any]:
    con = duckdb.connect()
    for name, table in tiny_dataset().items():
        con.register(name, table)
    return run_queries(con, build_context(Config()))


def test_aggregates_of_the_tiny_dataset_match_the_golden_file() -> None:
    got = json.loads(json.dumps(_tiny_aggregates()))
    if os.environ.get("SALESGEN_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert got == json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert set(got) == set(QUERIES)


@pytest.fixture(scope="module")
def aggregates(parquet_output: Path) -> dict[str, list[dict[str, Any]]]:
    with open_source(parquet_output) as source:
        return run_queries(source.con, build_context(source.config))


@pytest.fixture(scope="module")
def frames(parquet_output: Path) -> dict[str, pd.DataFrame]:
    tables = salesgen.read(parquet_output)
    return {name: tables[name].to_pandas() for name in ("opportunities", "customers", "sales_reps", "interactions")} | {
        "history": tables["opportunity_stage_history"].to_pandas()
    }


def _closed(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    deals = frames["opportunities"].merge(frames["customers"][["customer_id", "size", "industry"]], on="customer_id")
    return deals[deals["stage"].isin(["won", "lost"])]


def test_funnel_counts_the_stage_history(aggregates: dict[str, Any], frames: dict[str, pd.DataFrame]) -> None:
    reached = frames["history"]["stage"].value_counts()
    funnel = {row["stage"]: row for row in aggregates["funnel"]}
    assert {stage: row["deals"] for stage, row in funnel.items()} == {s: int(reached.get(s, 0)) for s in funnel}
    assert funnel["qualified"]["conversion_to_next"] == round(reached["proposal"] / reached["qualified"], 4)


def test_win_rates_match_pandas(aggregates: dict[str, Any], frames: dict[str, pd.DataFrame]) -> None:
    closed = _closed(frames)
    closed = closed.assign(won=closed["stage"] == "won")
    by_segment = closed.groupby("size")["won"].agg(["count", "sum"])
    rows = {(r["dimension"], r["level"]): r for r in aggregates["win_rates"]}
    for size, (count, won) in by_segment.iterrows():
        assert (rows["segment", size]["closed"], rows["segment", size]["won"]) == (count, won)
    named = closed["competitors"].map(len) > 0
    assert rows["competition", "competitor named"]["closed"] == int(named.sum())
    assert {r["dimension"] for r in aggregates["win_rates"]} == {
        "segment", "deal type", "lead source", "industry", "competition"
    }  # fmt: skip


def test_totals_agree_across_charts(aggregates: dict[str, Any], frames: dict[str, pd.DataFrame]) -> None:
    deals = frames["opportunities"]
    won = deals[deals["stage"] == "won"]
    kpis = aggregates["kpis"][0]
    assert kpis["bookings"] == pytest.approx(float(won["amount"].sum()))
    assert sum(r["bookings"] for r in aggregates["bookings_by_month"]) == pytest.approx(kpis["bookings"])
    assert sum(r["deals"] for r in aggregates["deal_sizes"]) == int((deals["amount"] > 0).sum())
    open_deals = deals[~deals["stage"].isin(["won", "lost"])]
    assert sum(r["deals"] for r in aggregates["open_ageing"]) == len(open_deals) == kpis["deals"] - kpis["closed"]
    reps = frames["sales_reps"]
    assert sum(r["reps"] for r in aggregates["attainment"]) == int(reps["quota_attainment"].notna().sum())
    assert sum(r["deals"] for r in aggregates["closes_by_day"]) == kpis["closed"]


def test_touches_and_cycles_match_pandas(aggregates: dict[str, Any], frames: dict[str, pd.DataFrame]) -> None:
    closed = _closed(frames)
    touches = frames["interactions"]["opportunity_id"].value_counts()
    counts = closed["opportunity_id"].map(touches).fillna(0).clip(upper=60).astype(int)
    expected = counts.groupby(closed["stage"]).value_counts()
    got = {(r["outcome"], r["touches"]): r["deals"] for r in aggregates["touches"]}
    assert got == {(stage, int(n)): int(deals) for (stage, n), deals in expected.items()}
    days = (closed["closed_at"] - closed["created_at"]).dt.total_seconds() / 86400
    medians = days.groupby([closed["size"], closed["stage"]]).median()
    for row in aggregates["cycles"]:
        assert row["median"] == pytest.approx(medians[row["segment"], row["outcome"]], abs=0.051)
