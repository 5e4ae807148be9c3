"""The ranges of the per-size and per-category values that their meaning needs, checked before any work.

Scalar fields carry their range on the field (``Field(ge=…, le=…)``); a
``PerSize`` or a mapping is one type used for many meanings (a share, a count,
money, a log-odds shift), so its range is registered here by field path. Every
number is finite (``allow_inf_nan=False`` on the base model); these bounds add
the meaning: money positive and small enough for ``DECIMAL(18,2)``, means
non-negative, probabilities within 0..1, log-odds shifts moderate.

Example:
    >>> from salesgen.config import Config
    >>> problems(Config())
    []
    >>> problems(Config.model_construct(realism=Config().realism.model_copy(update={
    ...     "deal_size": Config().realism.deal_size.model_copy(update={
    ...         "median": Config().realism.deal_size.median.model_copy(update={"small": -5.0})})})))
    ['realism.deal_size.median.small must be > 0 and <= 10,000,000 (money in US dollars, converted), got -5.0']
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel


@dataclass(frozen=True)
class Bound:
    """``low <= value <= high`` (``low < value`` when ``open_low``), and what the value means."""

    low: float
    high: float
    meaning: str
    open_low: bool = False

    def check(self, where: str, value: float) -> str | None:
        too_low = value <= self.low if self.open_low else value < self.low
        if too_low or value > self.high:
            sign = ">" if self.open_low else ">="
            return f"{where} must be {sign} {self.low:,} and <= {self.high:,} ({self.meaning}), got {value!r}"
        return None


MONEY = Bound(0, 10_000_000, "money in US dollars, converted", open_low=True)
SHIFT = Bound(-10, 10, "a log-odds shift")

BOUNDS: dict[str, Bound] = {
    "realism.accounts.contacts_per_customer": Bound(0, 200, "mean contacts per customer"),
    "realism.accounts.opportunities_per_customer": Bound(0, 100, "mean deals per customer"),
    "realism.win.size_shift": SHIFT,
    "realism.win.industry_shift": SHIFT,
    "realism.win.category_shift": SHIFT,
    "realism.win.lead_source_shift": SHIFT,
    "realism.win.competitor_presence": Bound(0, 1, "a probability"),
    "realism.deal_size.median": MONEY,
    "realism.deal_size.extra_line_items": Bound(0, 50, "mean extra line items"),
    "realism.deal_size.negotiated_discount_max": Bound(0, 0.95, "a discount fraction"),
    "realism.deal_size.category_mix": Bound(0, 1_000_000, "a relative weight"),
    "realism.cycle.median_days": Bound(1, 3650, "days"),
    "country_mix": Bound(0, 1_000_000, "a relative weight"),
}
"""Field path → the range of each of its values (a PerSize's three, a mapping's every value)."""


def _lookup(model: Any, path: str) -> Any:
    for part in path.split("."):
        model = getattr(model, part, None)
    return model


def _values(value: Any) -> Iterator[tuple[str, float]]:
    if isinstance(value, BaseModel):
        for name, item in value.model_dump().items():
            yield f".{name}", item
    elif isinstance(value, dict):
        for key, item in value.items():
            yield f".{getattr(key, 'value', key)}", item


def problems(config: BaseModel) -> list[str]:
    """One message per value outside its registered range, naming the field, the range and the value."""
    found = []
    for path, bound in BOUNDS.items():
        for suffix, value in _values(_lookup(config, path)):
            message = bound.check(path + suffix, float(value))
            if message:
                found.append(message)
    return found
