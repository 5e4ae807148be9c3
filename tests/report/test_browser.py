"""The report in a real browser: Debian's headless Chromium draws every chart, logs no error, asks no host."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageStat

from salesgen.config import Config
from salesgen.formats import write_dataset
from salesgen.report import ReportSummary, build_report
from salesgen.report.charts import CHARTS
from tests.report.browser import open_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Per chart: data marks drawn (rects, paths, symbols inside Vega's role-mark groups) and the SVG's size.
CHART_STATS = """
Array.from(document.querySelectorAll("[data-chart]")).map((el) => {
  const svg = el.querySelector("svg");
  const box = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
  return { key: el.dataset.chart, marks: svg ? svg.querySelectorAll("g.role-mark > *").length : 0,
           width: box.width, height: box.height };
})
"""
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def test_every_chart_draws_offline_without_errors(report: ReportSummary, tmp_path: Path) -> None:
    with open_page(report.target.as_uri()) as page:
        drawn = page.wait_for("document.body && document.body.dataset.chartsDrawn")
        stats = page.evaluate(CHART_STATS)
        shot = page.screenshot(tmp_path / "report.png")
        errors, requests = page.errors(), page.requests()
    assert int(drawn) == len(CHARTS) == report.charts
    assert [s["key"] for s in stats] == [c.key for c in CHARTS]
    for chart in stats:
        assert chart["marks"] > 0, f"chart {chart['key']} drew no marks"
        assert chart["width"] > 100 and chart["height"] > 50, f"chart {chart['key']} is too small: {chart}"
    assert errors == []
    assert requests and all(url.startswith(LOCAL_SCHEMES) for url in requests), requests
    with Image.open(shot) as image:
        assert image.width >= 1000 and image.height > 3000  # the whole page, not the window
        grey = image.convert("L")
        assert ImageStat.Stat(grey).stddev[0] > 20  # not a blank page
        assert len(grey.getcolors(maxcolors=256) or range(257)) > 50  # text, bars and lines, not a flat fill


def test_the_browser_harness_sees_external_requests_and_console_errors(tmp_path: Path) -> None:
    """The detector itself: a page that logs an error and asks another host is caught (nothing leaves: DNS maps to
    nothing)."""
    page_file = tmp_path / "bad.html"
    page_file.write_text(
        '<html><body><img src="http://salesgen-test.invalid/x.png">'
        '<script>console.error("boom"); document.body.dataset.done = "1";</script></body></html>',
        encoding="utf-8",
    )
    with open_page(page_file.as_uri()) as page:
        page.wait_for("document.body && document.body.dataset.done")
        errors, requests = page.errors(), page.requests()
    assert any("boom" in e for e in errors)
    assert "http://salesgen-test.invalid/x.png" in requests


def test_an_empty_dataset_still_gives_a_page_without_errors(tmp_path: Path) -> None:
    data = write_dataset(Config(num_customers=0, num_sales_reps=2), 1, "csv", tmp_path / "crm").target
    summary = build_report(data, tmp_path / "empty.html")
    with open_page(summary.target.as_uri()) as page:
        drawn = page.wait_for("document.body && document.body.dataset.chartsDrawn")
        errors = page.errors()
    assert int(drawn) == len(CHARTS) and errors == []
    page_text = summary.target.read_text(encoding="utf-8")
    assert summary.hard_rules_broken == 0 and "<b>–</b>win rate (all closed)" in page_text  # no closed deal: no rate


def test_money_axes_speak_the_run_currency(tmp_path: Path) -> None:
    data = write_dataset(Config(num_customers=300, num_sales_reps=6, currency="JPY"), 1, "parquet", tmp_path / "crm")
    summary = build_report(data.target, tmp_path / "yen.html")
    with open_page(summary.target.as_uri()) as page:
        page.wait_for("document.body && document.body.dataset.chartsDrawn")
        labels = page.evaluate(
            'Array.from(document.querySelectorAll("[data-chart] svg text")).map((t) => t.textContent)'
        )
        errors = page.errors()
    assert errors == []
    assert any(label.startswith("JPY\u00a0") for label in labels), labels[:40]
    assert not any(label.startswith("$") for label in labels), [label for label in labels if label.startswith("$")]
