"""Tests of salesgen.config.migrate: each old flat realism field fails naming where it moved, and upgrades."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from salesgen.config import Config, PerSize, Realism
from salesgen.config.base import Strict
from salesgen.config.migrate import MOVED, upgrade
from salesgen.config.presets import merge, preset_fields


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


# Fields added after the split into parts: they never had a flat name to migrate from.
ADDED_AFTER_SPLIT = {
    *(f"team.{name}" for name in ("accounts_per_ae", "sdrs_per_ae", "reps_per_manager", "quota_potential_weight")),
    *(f"team.{name}" for name in ("quota_spread", "max_meetings_per_day")),
    *(f"calendar.{name}" for name in ("weekday_weights", "lost_weekday_weights", "lunch_dip", "email_weekend_share")),
    *(f"calendar.{name}" for name in ("email_after_hours_share", "month_end_close_share", "month_end_forecast_share")),
    "pipeline.past_due_share",
    "pipeline.quiet_share",
    *(f"lifecycle.{name}" for name in ("growth_rate", "pre_window_days", "subscription_term_months")),
    "lifecycle.renewal_lead_days",
    *("calendar.month_end_loss_share", "lifecycle.max_open_deals", "activity.engagement_coupling"),
}


def test_every_old_flat_field_moved_to_exactly_one_new_place() -> None:
    assert sorted([*MOVED.values(), *ADDED_AFTER_SPLIT]) == sorted(_leaves(Realism))
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


def test_merge_of_old_shape_over_preset_names_the_move() -> None:
    with pytest.raises(ValidationError, match=r"realism\.touches_won moved to realism\.activity\.touches_won"):
        Config.model_validate(merge(preset_fields("smb-saas"), {"realism": {"touches_won": 30}}))
