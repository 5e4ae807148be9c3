"""Where each field of the old flat ``realism`` section went when it was split into parts.

A scenario file in the old shape fails with a message naming each moved field
and its new place; ``upgrade`` rewrites an old config mapping (e.g. the
``config`` of a manifest written before the split) into the new shape.

Example:
    >>> MOVED["cycle_median_days"]
    'cycle.median_days'
    >>> upgrade({"realism": {"touches_won": 30, "win": {"upsell_rate": 0.5}}})
    {'realism': {'win': {'upsell_rate': 0.5}, 'activity': {'touches_won': 30}}}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# old flat realism field -> "part.field" (also embedded in /work/plan/config_renames.py; a test keeps them equal)
MOVED: dict[str, str] = {
    "size_mix": "accounts.size_mix",
    "contacts_per_customer": "accounts.contacts_per_customer",
    "opportunities_per_customer": "accounts.opportunities_per_customer",
    "new_business_win_rate": "win.new_business_rate",
    "upsell_win_rate": "win.upsell_rate",
    "renewal_win_rate": "win.renewal_rate",
    "size_win_shift": "win.size_shift",
    "industry_win_shift": "win.industry_shift",
    "category_win_shift": "win.category_shift",
    "lead_source_win_shift": "win.lead_source_shift",
    "rep_skill_sigma": "win.rep_skill_sigma",
    "competitor_effect": "win.competitor_effect",
    "competitor_presence": "win.competitor_presence",
    "deal_size_win_effect": "win.deal_size_effect",
    "outcome_noise": "win.outcome_noise",
    "no_decision_share": "win.no_decision_share",
    "deal_size_median": "deal_size.median",
    "deal_size_sigma": "deal_size.sigma",
    "extra_line_items": "deal_size.extra_line_items",
    "negotiated_discount_max": "deal_size.negotiated_discount_max",
    "category_mix": "deal_size.category_mix",
    "cycle_median_days": "cycle.median_days",
    "cycle_sigma": "cycle.sigma",
    "cycle_deal_size_elasticity": "cycle.deal_size_elasticity",
    "lost_cycle_factor": "cycle.lost_factor",
    "quarter_end_pull": "cycle.quarter_end_pull",
    "touches_won": "activity.touches_won",
    "touches_lost": "activity.touches_lost",
    "account_touches": "activity.account_touches",
    "stage_probabilities": "pipeline.stages",
    "quota_stretch": "team.quota_stretch",
}


def moved_fields_error(realism: Mapping[str, Any]) -> str | None:
    """The message for a ``realism`` mapping that still uses old flat names, or None.

    >>> moved_fields_error({"win": {}}) is None
    True
    >>> moved_fields_error({"quota_stretch": 1.1}).split(" (")[0]
    'realism.quota_stretch moved to realism.team.quota_stretch'
    """
    moved = [f"realism.{old} moved to realism.{MOVED[old]}" for old in realism if old in MOVED]
    if not moved:
        return None
    return "; ".join(moved) + (
        " (realism is grouped in parts: accounts, win, deal_size, cycle, activity, "
        "pipeline, team; `salesgen config --schema` lists their fields)"
    )


def upgrade(config: Mapping[str, Any]) -> dict[str, Any]:
    """``config`` with any old flat realism fields moved into their parts (new-shape input is returned as is)."""
    upgraded = dict(config)
    realism = config.get("realism")
    if not isinstance(realism, Mapping) or not any(old in MOVED for old in realism):
        return upgraded
    parts: dict[str, Any] = {key: value for key, value in realism.items() if key not in MOVED}
    for old, value in realism.items():
        if old in MOVED:
            part, field = MOVED[old].split(".")
            parts[part] = {**parts.get(part, {}), field: value}
    upgraded["realism"] = parts
    return upgraded
