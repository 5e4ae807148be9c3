"""The scorecard reads the validate registry: same checks, same figures, a documented source for each band."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

import pytest

from salesgen.checks import run_checks, select_checks
from salesgen.checks.realism import REFERENCES
from salesgen.readers import open_source
from salesgen.report import ReportSummary
from salesgen.report.scorecard import realism_rows

DOCS = Path(__file__).parents[2] / "docs" / "realism.md"


def test_every_realism_check_has_a_reference_and_nothing_else_does() -> None:
    assert set(REFERENCES) == {check.name for check in select_checks(kinds=("realism",))}


@pytest.mark.parametrize("name", sorted(REFERENCES))
def test_reference_sources_are_the_ones_docs_realism_cites(name: str) -> None:
    docs = DOCS.read_text(encoding="utf-8")
    for label, url in REFERENCES[name].sources:
        assert f"[{label}]: {url}" in docs, f"{name}: source [{label}] {url} is not in docs/realism.md's source list"


def test_scorecard_shows_validates_own_figures(parquet_output: Path, report: ReportSummary) -> None:
    with open_source(parquet_output) as source:
        results = run_checks(source.con, source.config, kinds=("realism",))
    rows = realism_rows(results)
    assert [r.name for r in rows] == [r.name for r in results]
    assert [r.measured for r in rows] == [r.detail for r in results]
    judged = [r for r in rows if r.verdict != "not judged"]
    assert len(judged) >= 8, [r.measured for r in rows]  # the fixture is big enough for most bands
    page = report.target.read_text(encoding="utf-8")
    scorecard = page[page.index('id="scorecard-section"') : page.index('id="contract-section"')]
    for row in rows:
        assert escape(row.measured) in scorecard and escape(row.statistic) in scorecard
    assert len(re.findall(r'class="badge (ok|bad|muted)"', scorecard)) == len(rows)
