"""Tests of salesgen.report and `salesgen report`: every input kind, one self-contained file, bad input → exit 2
and no partial HTML."""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

import salesgen
from salesgen.cli import app
from salesgen.formats import write_dataset
from salesgen.report import ReportSummary, build_report, charts
from tests.report.conftest import CONFIG, SEED
from tests.servers import PG_URL

runner = CliRunner()
SMALL = CONFIG.model_copy(update={"num_customers": 200, "block_size": 100})
NAMES = {"parquet": "crm_parquet", "csv": "crm_csv", "jsonl": "crm_jsonl", "json": "crm.json", "duckdb": "crm.duckdb"}


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".salesgen-" in p.name or p.suffix == ".html")


def test_the_page_is_self_contained_and_small(report: ReportSummary, parquet_output: Path) -> None:
    page = report.target.read_text(encoding="utf-8")
    assert report.bytes < 5_000_000 and report.charts == len(charts.CHARTS)
    markup = re.sub(r"<script[^>]*>.*?</script>", "", page, flags=re.DOTALL)  # the JS is checked in the browser test
    assert not re.search(r"<(script|img|iframe|link|source|video|audio)[^>]*\s(src|href)=", markup, re.IGNORECASE)
    assert "@import" not in markup and "url(" not in markup and "<script>" in page
    assert page.count('type="application/json"') == len(charts.CHARTS)
    manifest = json.loads((parquet_output / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["dataset_hash"] in page and f"seed {SEED}" in page
    truth = manifest["truth"]["win_model"]
    assert "competitor_named" in page and f"<td>{truth['competitor_named']:.4g}</td>" in page
    assert "All " in page and "hard rules hold" in page and "hold</b>hard rules" in page


@pytest.mark.parametrize("fmt", sorted(NAMES))
def test_cli_reports_every_output_format(fmt: str, tmp_path: Path) -> None:
    data = write_dataset(SMALL, SEED, fmt, tmp_path / NAMES[fmt]).target
    out = tmp_path / "out" / "report.html"
    result = runner.invoke(app, ["report", str(data), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.count('type="application/json"') == len(charts.CHARTS) and f"· {fmt} ·" in page
    assert "hard rules hold" in page


def test_no_hard_rules_keeps_charts_and_scorecard(parquet_output: Path, tmp_path: Path) -> None:
    out = tmp_path / "quick.html"
    result = runner.invoke(app, ["report", str(parquet_output), "-o", str(out), "--no-hard-rules"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "hard rules were not run" in page and "integrity.pk" not in page and "<b>not run</b>hard rules" in page
    assert page.count('type="application/json"') == len(charts.CHARTS) and "new-business win rate" in page


@pytest.mark.db
def test_cli_reports_a_postgres_schema_and_refuses_an_empty_one(pg_schema: str, tmp_path: Path) -> None:
    data = write_dataset(SMALL, SEED, "parquet", tmp_path / "crm").target
    salesgen.load(data, PG_URL, schema=pg_schema)
    out = tmp_path / "pg.html"
    result = runner.invoke(app, ["report", PG_URL, "--schema", pg_schema, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "· postgres ·" in out.read_text(encoding="utf-8")
    with_password = PG_URL.replace("://root@", "://root:not-a-secret@")  # trust auth ignores it
    result = runner.invoke(app, ["report", with_password, "--schema", pg_schema, "-o", str(out), "--overwrite"])
    assert result.exit_code == 0, result.output
    assert "not-a-secret" not in out.read_text(encoding="utf-8") and "root:***@" in out.read_text(encoding="utf-8")
    empty = runner.invoke(app, ["report", PG_URL, "--schema", pg_schema + "_none", "-o", str(tmp_path / "e.html")])
    message = " ".join(empty.output.split())
    assert empty.exit_code == 2 and "products" in message and "does not exist" in message
    assert message.endswith("no report was written")
    assert not (tmp_path / "e.html").exists()


def test_generate_report_writes_inside_a_folder_and_beside_a_file(tmp_path: Path) -> None:
    for fmt, name, page in (("parquet", "crm", "crm/report.html"), ("duckdb", "crm.duckdb", "crm.report.html")):
        args = ["generate", "-n", "120", "--reps", "5", "-f", fmt, "-o", str(tmp_path / name), "--report", "-q"]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert (tmp_path / page).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert salesgen.validate(tmp_path / "crm").passed  # the page beside the tables does not disturb the reader
    refused = runner.invoke(app, ["generate", "-n", "10", "--to", "sqlite:///" + str(tmp_path / "x.db"), "--report"])
    assert refused.exit_code == 2 and "--report cannot be combined with --to" in refused.output
    assert not (tmp_path / "x.db").exists()


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    empty = tmp_path / "empty"
    empty.mkdir()
    text = tmp_path / "notes.txt"
    text.write_text("hello\n")
    tableless = tmp_path / "tableless.duckdb"
    duckdb.connect(str(tableless)).close()
    return {
        "an empty folder": (empty, "is not a salesgen output"),
        "a text file": (text, "neither a salesgen JSON document nor a DuckDB database"),
        "a DuckDB file without the tables": (tableless, "is missing from the DuckDB file"),
        "a missing path": (tmp_path / "nope", "does not exist"),
    }


def test_bad_input_exits_2_naming_the_problem_and_writes_nothing(tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    for what, (path, message) in _bad_inputs(tmp_path).items():
        result = runner.invoke(app, ["report", str(path), "-o", str(out_dir / "r.html")])
        assert result.exit_code == 2, what
        assert message in " ".join(result.output.split()), (what, result.output)
        assert "Traceback" not in result.output
        assert _leftovers(out_dir) == [], what


def test_unwritable_or_existing_output_exits_2_and_leaves_the_target_alone(
    parquet_output: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = runner.invoke(app, ["report", str(parquet_output), "-o", str(blocker / "r.html")])
    message = " ".join(result.output.split())
    assert result.exit_code == 2 and str(blocker / "r.html") in message and "Not a directory" in message
    existing = tmp_path / "old.html"
    existing.write_text("old")
    result = runner.invoke(app, ["report", str(parquet_output), "-o", str(existing)])
    assert result.exit_code == 2 and "--overwrite" in result.output
    assert existing.read_text() == "old" and _leftovers(tmp_path) == ["old.html"]


def test_a_failure_while_building_leaves_no_partial_html(
    parquet_output: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(chart: charts.ChartDef, rows: object, currency: str = "USD") -> dict[str, object]:
        raise RuntimeError("disk full halfway")

    monkeypatch.setattr(charts, "chart_spec", broken)
    existing = tmp_path / "r.html"
    existing.write_text("previous report")
    with pytest.raises(RuntimeError, match="disk full"):
        build_report(parquet_output, existing, overwrite=True)
    assert existing.read_text() == "previous report" and _leftovers(tmp_path) == ["r.html"]


def test_without_the_report_extra_the_cli_says_how_to_install_it(
    parquet_output: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "vl_convert", None)  # as if vl-convert-python were not installed
    result = runner.invoke(app, ["report", str(parquet_output), "-o", str(tmp_path / "r.html")])
    message = " ".join(result.output.split())
    assert result.exit_code == 2 and "pip install 'salesgen[report]'" in message and "vl_convert" in message
    assert _leftovers(tmp_path) == []


def test_a_broken_rule_is_shown_failed_with_its_count_and_the_report_still_exits_0(tmp_path: Path) -> None:
    data = write_dataset(SMALL, SEED, "csv", tmp_path / "crm").target
    path = data / "opportunity_line_items.csv"
    rows = list(csv.reader(path.open(newline="", encoding="utf-8")))
    total = rows[0].index("total_price")
    cents = round(float(rows[1][total]) * 100) + 1  # one cent off: breaks total = quantity × unit price
    rows[1][total] = f"{cents // 100}.{cents % 100:02d}"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    out = tmp_path / "broken.html"
    result = runner.invoke(app, ["report", str(data), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "hard rule(s) broken" in " ".join(result.output.split())
    page = out.read_text(encoding="utf-8")
    assert re.search(r'<p class="verdict bad">\d+ of \d+ hard rules broken', page)
    assert re.search(
        r"<td>money\.line_total</td><td>[^<]*</td><td><span class=\"badge bad\">fail</span></td><td>1</td>", page
    )
    assert "<details open><summary>every hard rule" in page
