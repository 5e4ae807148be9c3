"""The shipped example scenarios run from any directory and validate clean with their CRM stage names."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from salesgen.cli import app
from salesgen.cli.common import load_config

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SALESFORCE = (
    "Prospecting",
    "Qualification",
    "Needs Analysis",
    "Value Proposition",
    "Id. Decision Makers",
    "Perception Analysis",
    "Proposal/Price Quote",
    "Negotiation/Review",
    "Closed Won",
    "Closed Lost",
)
HUBSPOT = (
    "Appointment Scheduled",
    "Qualified to Buy",
    "Presentation Scheduled",
    "Decision Maker Bought-In",
    "Contract Sent",
    "Closed Won",
    "Closed Lost",
)
SCENARIOS = {"industrial-own-catalog.yaml": SALESFORCE, "saas-jpy.yaml": HUBSPOT}


@pytest.mark.parametrize(("scenario", "stages"), list(SCENARIOS.items()))
def test_example_generates_and_validates_with_its_crm_stages(
    scenario: str, stages: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the catalog path is read from the scenario's directory, not the working one
    out = tmp_path / "out"
    generated = runner.invoke(
        app, ["generate", "--config", str(EXAMPLES / scenario), "-n", "400", "-f", "parquet", "-o", str(out)]
    )
    assert generated.exit_code == 0, generated.output
    deals = pq.read_table(out / "opportunities", columns=["stage", "is_won", "is_closed"]).to_pylist()
    history = set(pq.read_table(out / "opportunity_stage_history", columns=["stage"]).column(0).to_pylist())
    assert {d["stage"] for d in deals if d["is_won"]} == {"Closed Won"}
    assert {d["stage"] for d in deals if d["is_closed"] and not d["is_won"]} == {"Closed Lost"}
    assert history <= set(stages) and {stages[0], "Closed Won", "Closed Lost"} <= history
    validated = runner.invoke(app, ["validate", str(out), "--json"])
    assert validated.exit_code == 0, validated.output
    report = json.loads(validated.stdout)
    assert report["config_from"] == "the dataset's manifest"
    assert [r["name"] for r in report["results"] if r["kind"] == "hard" and r["status"] != "pass"] == []


def test_a_missing_catalog_file_is_named_with_the_scenario_directory_rule(tmp_path: Path) -> None:
    scenario = tmp_path / "scenario.yaml"
    scenario.write_text("catalog: prices.csv\n", encoding="utf-8")
    result = runner.invoke(app, ["config", "--show", str(scenario)])
    assert result.exit_code == 2
    assert "catalog" in result.output and "prices.csv" in result.output
    assert "scenario file's directory" in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_catalog_path_is_relative_to_the_scenario_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "prices.csv").write_text(
        "name,category,subcategory,unit,pricing_model,list_price\nBolt,Hardware,Fasteners,box,per-unit,12\n",
        encoding="utf-8",
    )
    scenario = tmp_path / "scenarios" / "s.yaml"
    scenario.write_text("catalog: prices.csv\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert Path(load_config(scenario, {}).catalog).resolve() == (tmp_path / "scenarios" / "prices.csv").resolve()
    assert load_config(None, {"catalog": "scenarios/prices.csv"}).catalog == "scenarios/prices.csv"  # flags: cwd
