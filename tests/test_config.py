"""The scenario model in parts: enum-keyed mappings, moved-field hints, layer merging, schema, domain vocab."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from salesgen.config import Config, PerSize, Realism
from salesgen.config.base import Strict
from salesgen.config.migrate import MOVED, upgrade
from salesgen.config.presets import load_preset, merge, preset_fields, preset_names
from salesgen.vocab.business import CATALOG, COMPANY_WORDS_B, FEATURES, INDUSTRIES
from salesgen.vocab.domain import CATEGORIES, SEGMENT_LABELS, SIZES, Industry, LeadSource, ProductCategory

RENAMES_SCRIPT = Path("/work/plan/config_renames.py")  # the lead's re-apply tool; absent outside the renovation


def _leaves(model: type[Any], prefix: str = "") -> set[str]:
    """Dotted paths of the fields of ``model`` down to the values (PerSize and dicts count as values)."""
    paths: set[str] = set()
    for name, field in model.model_fields.items():
        kind = field.annotation
        if isinstance(kind, type) and issubclass(kind, Strict) and kind is not PerSize:
            paths |= _leaves(kind, f"{prefix}{name}.")
        else:
            paths.add(prefix + name)
    return paths


def test_every_old_flat_field_moved_to_exactly_one_new_place() -> None:
    assert sorted(MOVED.values()) == sorted(_leaves(Realism))
    assert len(MOVED) == 31


@pytest.mark.parametrize(("old", "new"), list(MOVED.items()))
def test_old_flat_field_fails_with_where_it_moved(old: str, new: str) -> None:
    default = Realism().model_dump()
    part, field = new.split(".")
    with pytest.raises(ValidationError) as error:
        Config.model_validate({"realism": {old: default[part][field]}})
    assert f"realism.{old} moved to realism.{new}" in str(error.value)
    # and the old manifest / scenario can be upgraded mechanically to the same value
    upgraded = Config.model_validate(upgrade({"realism": {old: default[part][field]}}))
    assert upgraded == Config()


def test_upgrade_keeps_new_shape_and_mixes() -> None:
    new_shape = {"realism": {"win": {"upsell_rate": 0.5}}}
    assert upgrade(new_shape) == new_shape
    mixed = upgrade({"num_customers": 3, "realism": {"touches_won": 30, "activity": {"touches_lost": 4}}})
    assert mixed == {"num_customers": 3, "realism": {"activity": {"touches_lost": 4, "touches_won": 30}}}


@pytest.mark.parametrize(("part", "field", "bad_key"), [
    ("win", "industry_shift", "Aerospace"),
    ("win", "category_shift", "software"),   # keys are case-sensitive, as written to the data
    ("win", "lead_source_shift", "existing customer"),  # expansions have no shift of their own
    ("deal_size", "category_mix", "Food"),
])
def test_unknown_enum_key_is_rejected_by_type(part: str, field: str, bad_key: str) -> None:
    with pytest.raises(ValidationError) as error:
        Realism.model_validate({part: {field: {bad_key: 0.1}}})
    message = str(error.value)
    assert f"{part}.{field}.{bad_key}.[key]" in message and "Input should be" in message


def test_enum_keys_accept_plain_strings_and_dump_as_strings() -> None:
    realism = Realism.model_validate({"win": {"industry_shift": {"Public Sector": -1.0}},
                                      "deal_size": {"category_mix": {"Hardware": 2.0}}})
    assert realism.win.industry_shift == {Industry.PUBLIC_SECTOR: -1.0}
    assert realism.deal_size.category_mix["Hardware"] == 2.0  # StrEnum keys hash as their strings
    dumped = json.loads(json.dumps(Config(realism=realism).model_dump(mode="json")))
    assert dumped["realism"]["win"]["industry_shift"] == {"Public Sector": -1.0}
    assert Config.model_validate(dumped) == Config(realism=realism)  # the manifest round-trips


def test_category_mix_needs_a_positive_weight() -> None:
    with pytest.raises(ValidationError, match="category_mix weights"):
        Realism.model_validate({"deal_size": {"category_mix": {"Software": 0.0}}})


def test_merge_is_field_by_field_inside_each_part() -> None:
    base = preset_fields("enterprise-software")
    merged = merge(base, {"realism": {"win": {"upsell_rate": 0.5}, "team": {"quota_stretch": 2.0}}})
    realism = Config.model_validate(merged).realism
    assert realism.win.upsell_rate == 0.5 and realism.win.new_business_rate == 0.18  # file + preset, same part
    assert realism.team.quota_stretch == 2.0 and realism.activity.touches_won == 40   # new part + untouched part
    replaced = merge(base, {"realism": {"deal_size": {"category_mix": {"Software": 1.0}}}})
    assert Config.model_validate(replaced).realism.deal_size.category_mix == {ProductCategory.SOFTWARE: 1.0}


def test_merge_of_old_shape_over_preset_names_the_move() -> None:
    with pytest.raises(ValidationError, match=r"realism\.touches_won moved to realism\.activity\.touches_won"):
        Config.model_validate(merge(preset_fields("smb-saas"), {"realism": {"touches_won": 30}}))


@pytest.mark.parametrize("name", preset_names())
def test_presets_use_the_new_shape_and_round_trip(name: str) -> None:
    config = load_preset(name)
    assert set(preset_fields(name).get("realism", {})) <= set(Realism.model_fields)
    assert Config.model_validate(config.model_dump(mode="json")) == config


def test_schema_shows_the_parts_with_descriptions_and_enum_keys() -> None:
    schema = Config.model_json_schema()
    realism = schema["$defs"]["Realism"]["properties"]
    assert set(realism) == {"accounts", "win", "deal_size", "cycle", "activity", "pipeline", "team"}
    for leaf in MOVED.values():
        part, field = leaf.split(".")
        part_def = schema["$defs"][realism[part]["$ref"].rsplit("/", 1)[1]]
        assert part_def["properties"][field]["description"], leaf
        assert part_def["additionalProperties"] is False  # typos in a part are errors
    industry = schema["$defs"]["WinLoss"]["properties"]["industry_shift"]
    assert industry["propertyNames"] == {"$ref": "#/$defs/Industry"}
    assert schema["$defs"]["Industry"]["enum"] == [i.value for i in Industry]


def test_domain_enums_match_the_vocabulary_tables() -> None:
    # integer codes in the generator index these in order: the enums and the tables must agree
    assert tuple(INDUSTRIES) == tuple(Industry) and set(COMPANY_WORDS_B) == set(Industry)
    assert tuple(CATALOG) == CATEGORIES and set(FEATURES) == set(ProductCategory)
    assert [s.value for s in SIZES] == list(PerSize.model_fields) and len(SEGMENT_LABELS) == len(SIZES)
    assert set(Realism().win.lead_source_shift) == set(LeadSource)


def test_user_code_type_checks_without_the_pydantic_plugin(tmp_path: Path) -> None:
    pyproject = Path(__file__).parents[1] / "pyproject.toml"
    assert "pydantic.mypy" not in pyproject.read_text(encoding="utf-8")
    user = tmp_path / "user.py"
    user.write_text(
        "from salesgen.config import Activity, Config, Realism, WinLoss\n"
        "config = Config(num_customers=5, realism=Realism(win=WinLoss(new_business_rate=0.3),\n"
        "                                                 activity=Activity(touches_won=30)))\n"
        "rate: float = config.realism.win.new_business_rate\n", encoding="utf-8")
    mypy = Path(sys.executable).with_name("mypy")
    if not mypy.exists():
        pytest.skip("mypy not installed")
    result = subprocess.run([str(mypy), "--strict", "--no-incremental", str(user)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout


@pytest.mark.skipif(not RENAMES_SCRIPT.exists(), reason="renovation tool not present")
def test_renames_script_matches_the_model_and_is_idempotent(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("config_renames", RENAMES_SCRIPT)
    assert spec and spec.loader
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.MOVED == MOVED
    code = tmp_path / "pkg" / "mod.py"
    code.parent.mkdir()
    code.write_text(
        "from salesgen.config import SIZES, Config\n"
        "from salesgen.presets import load_preset\n"
        "def f(config: Config) -> float:\n"
        "    realism = config.realism\n"
        "    check = \"realism.new_business_win_rate\"  # a check name: unchanged\n"
        # split literals: the script, run over this repository, must not rewrite its own test input
        "    return config.realism" ".cycle_median_days.small * realism" ".touches_won + len(SIZES)\n",
        encoding="utf-8")
    script.main([str(tmp_path)])
    once = code.read_text(encoding="utf-8")
    assert "config.realism.cycle.median_days.small * realism.activity.touches_won" in once
    assert '"realism.new_business_win_rate"' in once
    assert "from salesgen.vocab.domain import SIZES" in once and "from salesgen.config.presets import" in once
    script.main([str(tmp_path)])
    assert code.read_text(encoding="utf-8") == once
