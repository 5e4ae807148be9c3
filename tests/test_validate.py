"""`salesgen validate` on every output format: clean data passes, a broken rule fails by name, bad input exits 2."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from salesgen.cli import app
from salesgen.config import Config
from salesgen.formats import write_dataset

runner = CliRunner()
CONFIG = Config(num_customers=300, num_sales_reps=6, block_size=100)
FORMATS = ("parquet", "csv", "jsonl", "json", "duckdb")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("outputs")
    names = {"parquet": "crm_parquet", "csv": "crm_csv", "jsonl": "crm_jsonl", "json": "crm.json",
             "duckdb": "crm.duckdb"}
    return {fmt: write_dataset(CONFIG, 4, fmt, root / names[fmt]).target for fmt in FORMATS}


@pytest.mark.parametrize("fmt", FORMATS)
def test_clean_output_passes_in_every_format(outputs: dict[str, Path], fmt: str) -> None:
    result = runner.invoke(app, ["validate", str(outputs[fmt]), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["passed"] and report["format"] == fmt and report["config_from"] == "the dataset's manifest"
    hard = [r for r in report["results"] if r["kind"] == "hard"]
    assert len(hard) > 60 and all(r["status"] == "pass" for r in hard)


def test_a_cent_off_in_a_csv_fails_the_right_checks(outputs: dict[str, Path], tmp_path: Path) -> None:
    broken = tmp_path / "crm"
    shutil.copytree(outputs["csv"], broken)
    path = broken / "opportunity_line_items.csv"
    rows = list(csv.reader(path.open(newline="")))
    header = rows[0]
    total = header.index("total_price")
    cents = round(float(rows[1][total]) * 100) + 1
    rows[1][total] = f"{cents // 100}.{cents % 100:02d}"
    with path.open("w", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    result = runner.invoke(app, ["validate", str(broken), "--json", "--hard-only"])
    assert result.exit_code == 1
    failed = {r["name"]: r for r in json.loads(result.stdout)["results"] if r["status"] == "fail"}
    assert set(failed) == {"money.line_total", "money.amount_equals_line_total"}
    assert failed["money.line_total"]["examples"] == [rows[1][header.index("line_item_id")]]


def test_missing_table_is_unreadable_input(outputs: dict[str, Path], tmp_path: Path) -> None:
    broken = tmp_path / "crm"
    shutil.copytree(outputs["jsonl"], broken)
    (broken / "contacts.jsonl").unlink()
    result = runner.invoke(app, ["validate", str(broken)])
    assert result.exit_code == 2 and "contacts" in result.output and "expected" in result.output


def test_missing_column_is_named(outputs: dict[str, Path], tmp_path: Path) -> None:
    broken = tmp_path / "crm"
    shutil.copytree(outputs["csv"], broken)
    path = broken / "customers.csv"
    rows = [row[:-1] for row in csv.reader(path.open(newline=""))]  # drop created_at
    with path.open("w", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    result = runner.invoke(app, ["validate", str(broken)])
    assert result.exit_code == 2 and "customers" in result.output


def test_not_a_dataset(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    assert runner.invoke(app, ["validate", str(tmp_path / "notes.txt")]).exit_code == 2
    assert runner.invoke(app, ["validate", str(tmp_path)]).exit_code == 2
    assert runner.invoke(app, ["validate", str(tmp_path / "absent")]).exit_code == 2


def test_unknown_check_name(outputs: dict[str, Path]) -> None:
    result = runner.invoke(app, ["validate", str(outputs["parquet"]), "--check", "money.line_totl"])
    assert result.exit_code == 2 and "money.line_total" in result.output
