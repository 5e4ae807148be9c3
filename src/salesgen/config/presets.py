"""Scenario presets (the YAML files shipped in ``salesgen/presets``) and the merge of scenario layers.

Example:
    >>> "smb-saas" in preset_names()
    True
    >>> load_preset("smb-saas").realism.win.new_business_rate
    0.3
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from salesgen.config.scenario import Config

_PACKAGE = "salesgen.presets"  # a data-only package: the .yaml files


@cache
def preset_names() -> tuple[str, ...]:
    """Names of the shipped presets, sorted."""
    files = resources.files(_PACKAGE).iterdir()
    return tuple(sorted(f.name.removesuffix(".yaml") for f in files if f.name.endswith(".yaml")))


def preset_text(name: str) -> str:
    """The YAML text of a preset (what ``salesgen presets --show NAME`` prints)."""
    if name not in preset_names():
        raise ValueError(f"unknown preset {name!r}; choose one of: {', '.join(preset_names())}")
    return (resources.files(_PACKAGE) / f"{name}.yaml").read_text(encoding="utf-8")


def preset_description(name: str) -> str:
    """The preset's first comment line."""
    return preset_text(name).splitlines()[0].lstrip("# ").strip()


def preset_fields(name: str) -> dict[str, Any]:
    """The preset's fields as a (nested) dict, to overlay with a user's file and flags."""
    loaded = yaml.safe_load(preset_text(name))
    return dict(loaded) if isinstance(loaded, dict) else {}


def load_preset(name: str, **overrides: Any) -> Config:
    """A ``Config`` from a preset, with top-level fields overridden (e.g. ``num_customers=5000``)."""
    return Config.model_validate({**preset_fields(name), **overrides})


def merge(base: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    """``overlay`` onto ``base``: each part of ``realism`` merges field by field, everything else replaces.

    So a scenario file setting ``realism: {activity: {touches_won: 30}}`` keeps the preset's
    ``touches_lost`` and every other part, while ``country_mix: {DE: 1}`` means only Germany
    (a field's value, even a mapping like ``win.industry_shift``, is replaced whole).

    >>> base = {"num_customers": 5, "realism": {"activity": {"touches_won": 9, "touches_lost": 4}}}
    >>> merge(base, {"realism": {"activity": {"touches_won": 30}, "team": {"quota_stretch": 1.1}}})["realism"]
    {'activity': {'touches_won': 30, 'touches_lost': 4}, 'team': {'quota_stretch': 1.1}}
    """
    merged = {**base, **overlay}
    realism, extra = base.get("realism"), overlay.get("realism")
    if isinstance(realism, dict) and isinstance(extra, dict):
        merged["realism"] = {**realism, **extra}
        for part, fields in extra.items():
            if isinstance(fields, dict) and isinstance(realism.get(part), dict):
                merged["realism"][part] = {**realism[part], **fields}
    return merged
