"""Tests of salesgen.config.scenario: the Config JSON schema, and user code type-checking against it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from salesgen.config import Config
from salesgen.config.migrate import MOVED
from salesgen.vocab.domain import Industry


def test_schema_shows_the_parts_with_descriptions_and_enum_keys() -> None:
    schema = Config.model_json_schema()
    realism = schema["$defs"]["Realism"]["properties"]
    assert set(realism) == {
        "accounts",
        "win",
        "deal_size",
        "cycle",
        "activity",
        "pipeline",
        "team",
        "calendar",
        "lifecycle",
    }
    for leaf in MOVED.values():
        part, field = leaf.split(".")
        part_def = schema["$defs"][realism[part]["$ref"].rsplit("/", 1)[1]]
        assert part_def["properties"][field]["description"], leaf
        assert part_def["additionalProperties"] is False  # typos in a part are errors
    industry = schema["$defs"]["WinLoss"]["properties"]["industry_shift"]
    assert industry["propertyNames"] == {"$ref": "#/$defs/Industry"}
    assert schema["$defs"]["Industry"]["enum"] == [i.value for i in Industry]


def test_user_code_type_checks_without_the_pydantic_plugin(tmp_path: Path) -> None:
    pyproject = Path(__file__).parents[2] / "pyproject.toml"
    assert "pydantic.mypy" not in pyproject.read_text(encoding="utf-8")
    user = tmp_path / "user.py"
    user.write_text(
        "from salesgen.config import Activity, Config, Realism, WinLoss\n"
        "config = Config(num_customers=5, realism=Realism(win=WinLoss(new_business_rate=0.3),\n"
        "                                                 activity=Activity(touches_won=30)))\n"
        "rate: float = config.realism.win.new_business_rate\n",
        encoding="utf-8",
    )
    mypy = Path(sys.executable).with_name("mypy")
    if not mypy.exists():
        pytest.skip("mypy not installed")
    result = subprocess.run(
        [str(mypy), "--strict", "--no-incremental", str(user)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout
