"""``salesgen config`` and ``salesgen presets``."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from salesgen.cli import app
from salesgen.config.presets import preset_names, preset_text

runner = CliRunner()


def test_config_json_schema_and_its_deprecated_spelling() -> None:
    result = runner.invoke(app, ["config", "--json-schema"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert "num_customers" in schema["properties"] and "Realism" in schema["$defs"]
    old = runner.invoke(app, ["config", "--schema"])
    assert old.exit_code == 0 and json.loads(old.stdout) == schema
    assert "deprecated" in old.stderr and "--json-schema" in old.stderr


def test_config_show_resolves_a_scenario(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text("num_customers: 77\n")
    result = runner.invoke(app, ["config", "--show", str(scenario)])
    assert result.exit_code == 0, result.output
    resolved = yaml.safe_load(result.stdout)
    assert resolved["num_customers"] == 77 and "realism" in resolved
    bad = tmp_path / "bad.yaml"
    bad.write_text("- a list\n")
    refused = runner.invoke(app, ["config", "--show", str(bad)])
    assert refused.exit_code == 2 and "must be a mapping" in " ".join(refused.output.split())  # rich wraps


def test_presets_lists_and_shows() -> None:
    listing = runner.invoke(app, ["presets"])
    assert listing.exit_code == 0 and all(name in listing.output for name in preset_names())
    shown = runner.invoke(app, ["presets", "--show", "smb-saas"])
    assert shown.exit_code == 0 and shown.stdout == preset_text("smb-saas")
    unknown = runner.invoke(app, ["presets", "--show", "no-such-preset"])
    assert unknown.exit_code == 2 and "choose one of" in unknown.output
