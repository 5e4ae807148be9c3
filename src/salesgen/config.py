"""The scenario model: every knob of a run, validated, with documented defaults.

A ``Config`` fully determines the data together with the seed and the salesgen
version. Realism defaults are calibrated to the public benchmarks listed in
``docs/realism.md`` (figures quoted in each field's description).

Example:
    >>> from salesgen.config import Config
    >>> Config(num_customers=50, num_sales_reps=5).realism.new_business_win_rate
    0.25
"""

from __future__ import annotations

from datetime import date
from typing import Self

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from salesgen.vocab.business import CATEGORIES, INDUSTRIES, LEAD_SOURCE_WIN_SHIFT, LEAD_SOURCES

DEFAULT_COUNTRY_MIX = {
    "US": 0.30, "CA": 0.05, "MX": 0.04, "BR": 0.05, "GB": 0.10, "DE": 0.10,
    "FR": 0.07, "ES": 0.04, "NL": 0.04, "IN": 0.07, "JP": 0.07, "AU": 0.07,
}
DEFAULT_INDUSTRY_WIN_SHIFT = {
    "Technology": 0.25, "Financial Services": -0.15, "Healthcare": -0.2, "Manufacturing": 0.05,
    "Retail": 0.15, "Education": 0.1, "Logistics": 0.0, "Energy": -0.1, "Media": 0.2,
    "Professional Services": 0.1, "Telecommunications": -0.05, "Public Sector": -0.4,
}
DEFAULT_CATEGORY_WIN_SHIFT = {"Software": 0.0, "Hardware": 0.15, "Services": 0.3, "Consulting": -0.25}
SIZES = ("small", "medium", "enterprise")
FIXED_STAGES = ("identified", "qualified")
CLOSED_STAGES = ("won", "lost")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PerSize(_Strict):
    """One value per company size band."""

    small: float
    medium: float
    enterprise: float

    def as_tuple(self) -> tuple[float, float, float]:
        return (self.small, self.medium, self.enterprise)


class Realism(_Strict):
    """Parameters of the sales model. Rates are fractions, money in the run currency."""

    size_mix: PerSize = Field(
        PerSize(small=0.6, medium=0.3, enterprise=0.1),
        description="Share of customers per size band (an account base skews small; cf. Census SUSB).",
    )
    new_business_win_rate: float = Field(
        0.25, gt=0, lt=1,
        description="Target won/(won+lost) of new-business deals (HubSpot 21-29%, Implisit ~30%).",
    )
    upsell_win_rate: float = Field(0.6, gt=0, lt=1, description="Target won/(won+lost) of upsells.")
    renewal_win_rate: float = Field(0.68, gt=0, lt=1, description="Target won/(won+lost) of renewals.")
    size_win_shift: PerSize = Field(
        PerSize(small=0.35, medium=0.0, enterprise=-0.45),
        description="Log-odds shift of winning by size (SMB 25-40%, enterprise 10-20%).",
    )
    rep_skill_sigma: float = Field(
        0.6, ge=0, le=3,
        description="Std. dev. of rep skill in log-odds of winning (top reps win far more).",
    )
    competitor_effect: float = Field(
        -0.6, ge=-5, le=0,
        description="Log-odds shift when a competitor is named (incumbent displacement 5-10 points lower).",
    )
    competitor_presence: PerSize = Field(
        PerSize(small=0.3, medium=0.5, enterprise=0.7),
        description="Probability that a deal names at least one competitor, by size.",
    )
    industry_win_shift: dict[str, float] = Field(
        default_factory=lambda: dict(DEFAULT_INDUSTRY_WIN_SHIFT),
        description="Log-odds shift of winning by customer industry (judgement call; missing industries: 0).",
    )
    category_win_shift: dict[str, float] = Field(
        default_factory=lambda: dict(DEFAULT_CATEGORY_WIN_SHIFT),
        description="Log-odds shift by the deal's main product category (judgement call; missing: 0).",
    )
    lead_source_win_shift: dict[str, float] = Field(
        default_factory=lambda: dict(zip(LEAD_SOURCES, LEAD_SOURCE_WIN_SHIFT, strict=True)),
        description="Log-odds shift by lead source of new business (referrals close best, cold outbound worst).",
    )
    deal_size_win_effect: float = Field(
        -0.25, ge=-3, le=3,
        description="Log-odds per unit of log(amount / segment median): bigger deals are harder to win.",
    )
    outcome_noise: float = Field(
        0.6, ge=0, le=5,
        description="Std. dev. of per-deal log-odds that no recorded feature explains; raise it to make "
                    "win prediction harder, 0 leaves only the Bernoulli draw.",
    )
    category_mix: dict[str, float] = Field(
        default_factory=lambda: dict.fromkeys(CATEGORIES, 1.0),
        description="Weight of each product category, multiplying each industry's own mix.",
    )
    extra_line_items: PerSize = Field(
        PerSize(small=0.5, medium=1.1, enterprise=1.9),
        description="Mean number of line items beyond the first, by size.",
    )
    negotiated_discount_max: PerSize = Field(
        PerSize(small=0.12, medium=0.22, enterprise=0.32),
        description="Largest negotiated discount on top of the quantity tier, by size (uniform up to it; "
                    "effective price 68-85% of list for SMB, 42-62% enterprise).",
    )
    deal_size_median: PerSize = Field(
        PerSize(small=9_000, medium=40_000, enterprise=160_000),
        description="Median value of new-business deals by size (SMB $5-25K, mid $25-100K, enterprise $100K+ ACV); "
                    "realized amounts also reflect quantity tiers and whole units.",
    )
    deal_size_sigma: float = Field(
        1.2, gt=0, le=3,
        description="Std. dev. of log deal amount within a size band; across bands σ lands in 1.3-2.0.",
    )
    cycle_median_days: PerSize = Field(
        PerSize(small=32, medium=95, enterprise=200),
        description="Median days from creation to close by size (SMB 14-30, mid 30-90, enterprise 90-180+).",
    )
    cycle_sigma: float = Field(0.55, gt=0, le=2, description="Std. dev. of log cycle length.")
    cycle_deal_size_elasticity: float = Field(
        0.2, ge=0, le=1,
        description="Cycle grows as (amount / size median) ** elasticity ($1M deals ~2 months longer than $100K).",
    )
    lost_cycle_factor: float = Field(
        1.15, gt=0, le=5, description="Lost deals take this much longer (lost deals take ~38% longer).",
    )
    quarter_end_pull: float = Field(
        0.22, ge=0, le=1,
        description="Share of wins outside a quarter's last month pulled into it "
                    "(hockey stick: ~45% of wins in month 3).",
    )
    no_decision_share: float = Field(
        0.5, ge=0, le=1, description="Share of losses to 'No decision' (40-60%, 2.5M recorded calls).",
    )
    opportunities_per_customer: PerSize = Field(
        PerSize(small=1.3, medium=2.2, enterprise=3.5),
        description="Mean deals per customer over the history window, by size.",
    )
    contacts_per_customer: PerSize = Field(
        PerSize(small=2.5, medium=5.0, enterprise=9.0),
        description="Mean contacts per customer by size (buying groups of 5-10 in enterprise).",
    )
    touches_won: float = Field(
        22.0, gt=0, le=500, description="Mean interactions on a won deal (won deals get ~4.8x the emails).",
    )
    touches_lost: float = Field(8.0, gt=0, le=500, description="Mean interactions on a lost deal.")
    account_touches: float = Field(1.5, ge=0, le=100, description="Mean account-level touches per customer.")
    stage_probabilities: dict[str, int] = Field(
        default_factory=lambda: {"identified": 10, "qualified": 20, "proposal": 50, "negotiation": 75},
        description="Win probability (percent) of each open stage, in order; won=100, lost=0.",
    )
    quota_stretch: float = Field(
        1.25, gt=0, le=5,
        description="Quota = segment's mean trailing-year bookings x stretch (most reps miss quota).",
    )

    @field_validator("stage_probabilities")
    @classmethod
    def _stages_start_with_identified(cls, stages: dict[str, int]) -> dict[str, int]:
        # Stages are ordered by their probability, which must rise strictly, so the order survives
        # any serialization that sorts keys (manifests are written with sorted keys).
        if set(stages) & set(CLOSED_STAGES):
            raise ValueError("'won' and 'lost' are implicit; remove them from stage_probabilities")
        ordered = dict(sorted(stages.items(), key=lambda item: item[1]))
        names, values = tuple(ordered), list(ordered.values())
        if any(not 0 < v < 100 for v in values) or len(set(values)) != len(values):
            raise ValueError("stage probabilities must be distinct, rise through the stages and lie in 1..99")
        if names[:2] != FIXED_STAGES:
            raise ValueError("the open stages must start with 'identified', 'qualified' (the two lowest "
                             f"probabilities); got {list(names)} in order of probability")
        if not 3 <= len(names) <= 8:
            raise ValueError("give between 3 and 8 open stages")
        return ordered

    @field_validator("industry_win_shift", "category_win_shift", "lead_source_win_shift", "category_mix")
    @classmethod
    def _known_keys(cls, mapping: dict[str, float], info: ValidationInfo) -> dict[str, float]:
        allowed = {"industry_win_shift": INDUSTRIES, "category_win_shift": CATEGORIES,
                   "lead_source_win_shift": LEAD_SOURCES, "category_mix": CATEGORIES}[str(info.field_name)]
        unknown = sorted(set(mapping) - set(allowed))
        if unknown:
            raise ValueError(f"unknown keys {unknown}; allowed: {', '.join(allowed)}")
        if info.field_name == "category_mix" and (any(v < 0 for v in mapping.values()) or sum(mapping.values()) <= 0):
            raise ValueError("category_mix weights must be >= 0 with a positive sum")
        return mapping

    @field_validator("size_mix")
    @classmethod
    def _mix_sums_to_one(cls, mix: PerSize) -> PerSize:
        if any(v < 0 for v in mix.as_tuple()) or abs(sum(mix.as_tuple()) - 1) > 1e-6:
            raise ValueError("size_mix shares must be >= 0 and sum to 1, e.g. small=0.6 medium=0.3 enterprise=0.1")
        return mix


class Config(_Strict):
    """Everything that shapes a dataset except the seed."""

    num_customers: int = Field(100, ge=0, le=10_000_000_000, description="Customer companies to generate.")
    num_sales_reps: int = Field(10, ge=0, le=1_000_000, description="Sales reps (run-scope table).")
    num_products: int = Field(40, ge=1, le=400, description="Products in the catalog.")
    num_competitors: int = Field(10, ge=1, le=40, description="Rival vendors.")
    as_of: date = Field(date(2026, 1, 1), description="The 'now' of the data: nothing happens after it (UTC).")
    history_days: int = Field(1095, ge=90, le=7300, description="Days of history before as_of.")
    currency: str = Field("USD", pattern="^[A-Z]{3}$", description="ISO 4217 code of all money.")
    seller_domain: str = Field("northbeam-software.com", description="Email domain of the sales reps.")
    country_mix: dict[str, float] = Field(
        default_factory=lambda: dict(DEFAULT_COUNTRY_MIX),
        description="Share of customers and reps per country (ISO 3166-1 alpha-2); weights are normalized.",
    )
    block_size: int = Field(
        10_000, ge=1, le=1_000_000,
        description="Customers per generation block. Part of the data's identity: changing it changes rows.",
    )
    realism: Realism = Field(default_factory=Realism)

    @field_validator("country_mix")
    @classmethod
    def _known_countries(cls, mix: dict[str, float]) -> dict[str, float]:
        from salesgen.vocab import country_codes

        unknown = sorted(set(mix) - set(country_codes()))
        if unknown:
            raise ValueError(f"unknown country codes {unknown}; supported: {', '.join(country_codes())}")
        if any(v < 0 for v in mix.values()) or sum(mix.values()) <= 0:
            raise ValueError("country_mix weights must be >= 0 with a positive sum, e.g. {US: 1}")
        return mix

    def country_weights(self) -> np.ndarray:
        """Customer/rep share per country, aligned with ``salesgen.vocab.country_codes()``."""
        from salesgen.vocab import country_codes

        weights = np.array([self.country_mix.get(code, 0.0) for code in country_codes()])
        return np.asarray(weights / weights.sum())

    @model_validator(mode="after")
    def _reps_for_customers(self) -> Self:
        if self.num_customers > 0 and self.num_sales_reps == 0:
            raise ValueError("num_sales_reps must be at least 1 when num_customers > 0 (customers need an owner)")
        return self
