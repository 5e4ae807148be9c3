"""salesgen.checks (``__init__`` and ``_core``): the registry, selecting and running checks."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from salesgen.checks import CHECKS, UnknownCheckError, run_checks, select_checks
from salesgen.config import Config
from salesgen.contract import TABLES
from tests.checks.datasets import Data, Tables, tiny_dataset
from tests.checks.mutations import all_mutations, replace_rows

HARD = [name for name, check in CHECKS.items() if check.kind == "hard"]
MUTATIONS = all_mutations()


def test_every_hard_check_has_a_mutation() -> None:
    assert {mutation.check for mutation in MUTATIONS.values()} == set(HARD)


def test_clean_dataset_passes_every_hard_check(data: Data) -> None:
    assert data.baseline == {}


def test_registry_names_are_stable_and_cover_the_schema() -> None:
    assert all(re.fullmatch(r"[a-z_]+(\.[a-z_]+)+", name) for name in CHECKS)
    assert all(check.name == name for name, check in CHECKS.items())
    for table in TABLES.values():
        assert f"integrity.pk.{table.name}" in CHECKS
        assert f"integrity.not_null.{table.name}" in CHECKS
        for column in table.foreign_keys:
            assert f"integrity.fk.{table.name}.{column.name}" in CHECKS
    realism = {name for name, check in CHECKS.items() if check.kind == "realism"}
    assert {"time.business_hours", "time.open_deals_expected_close", "realism.new_business_win_rate"} <= realism


def test_unknown_check_name_is_a_clear_error() -> None:
    with pytest.raises(UnknownCheckError, match=r"unknown check 'money.line_totl'.*money\.line_total"):
        run_checks(tiny_dataset(), Config(), names=["money.line_totl"])
    with pytest.raises(ValueError, match="unknown check kind"):
        select_checks(kinds=("soft",))


def test_names_select_by_name_or_prefix_and_kinds_filter() -> None:
    assert [c.name for c in select_checks(names=["money.line_total"])] == ["money.line_total"]
    assert {c.name for c in select_checks(names=["money"])} == {n for n in CHECKS if n.startswith("money.")}
    assert select_checks(kinds=("realism",), names=["money"]) == []
    results = run_checks(tiny_dataset(), Config(), names=["consistency.rep_metrics", "money.line_total"])
    assert [r.name for r in results] == ["money.line_total", "consistency.rep_metrics"]  # registry order


def test_missing_table_is_a_clear_error() -> None:
    tables = tiny_dataset()
    del tables["interactions"]
    with pytest.raises(ValueError, match=r"missing table\(s\) \['interactions'\]"):
        run_checks(tables, Config())


def _materialized(tables: Tables) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for name, table in tables.items():
        con.register("incoming", table)
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM incoming")
        con.unregister("incoming")
    return con


def test_connection_gives_the_same_results_as_arrow(data: Data) -> None:
    broken = MUTATIONS["time.interactions_within_deal_life"].mutate(data)
    for tables in (data.tables, broken.tables):
        con = _materialized(tables)
        con.execute("SET TimeZone = 'Asia/Tokyo'")  # the checks must not depend on the session zone
        on_connection = run_checks(con, data.config)
        assert con.execute("SELECT current_setting('TimeZone')").fetchone() == ("Asia/Tokyo",)
        assert on_connection == run_checks(tables, data.config)


def test_results_are_deterministic_and_examples_sorted(data: Data) -> None:
    broken = MUTATIONS["consistency.size_band"].mutate(data).tables
    rows = broken["customers"].to_pylist()
    for customer in rows:
        customer["employees"] = 0  # every customer out of band
    broken = replace_rows(broken, "customers", rows)
    first = run_checks(broken, data.config, names=["consistency.size_band"])
    assert first == run_checks(broken, data.config, names=["consistency.size_band"])
    (result,) = first
    ids = sorted(customer["customer_id"] for customer in rows)
    assert result.violations == len(ids)
    assert result.examples == tuple(str(i) for i in ids[:5])


def test_readme_counts_the_registered_rules() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    hard = sum(check.kind == "hard" for check in CHECKS.values())
    realism = sum(check.kind == "realism" for check in CHECKS.values())
    assert f"{hard} hard rules) plus {realism} realism bands" in readme
