"""Scenario presets: plain YAML configs shipped with salesgen, to use as they are or copy and edit.

Example:
    >>> from salesgen.presets import preset_names, load_preset
    >>> "smb-saas" in preset_names()
    True
    >>> load_preset("smb-saas").realism.new_business_win_rate
    0.3
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from salesgen.config import Config


@cache
def preset_names() -> tuple[str, ...]:
    """Names of the shipped presets, sorted."""
    files = resources.files(__package__).iterdir()
    return tuple(sorted(f.name.removesuffix(".yaml") for f in files if f.name.endswith(".yaml")))


def preset_text(name: str) -> str:
    """The YAML text of a preset (what ``salesgen presets --show NAME`` prints)."""
    if name not in preset_names():
        raise ValueError(f"unknown preset {name!r}; choose one of: {', '.join(preset_names())}")
    return (resources.files(__package__) / f"{name}.yaml").read_text(encoding="utf-8")


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
    """``overlay`` onto ``base``: the ``realism`` section merges field by field, everything else replaces.

    So a scenario file setting ``realism: {touches_won: 30}`` keeps the preset's other realism
    fields, while ``country_mix: {DE: 1}`` means only Germany.
    """
    merged = {**base, **overlay}
    if isinstance(base.get("realism"), dict) and isinstance(overlay.get("realism"), dict):
        merged["realism"] = {**base["realism"], **overlay["realism"]}
    return merged
