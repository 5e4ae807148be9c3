"""The sales model's parameters, in named parts: ``Realism`` and its seven sub-models.

Rates are fractions; money is in US dollars, converted to the run currency
(``Config.currency``). Defaults are calibrated to
the public benchmarks listed in ``docs/realism.md``; each field's description
quotes the figure it rests on. Mappings over a closed choice (industries,
product categories, lead sources) are keyed by the enums of
``salesgen.vocab.domain``, so pydantic rejects an unknown key by its type.

Example:
    >>> realism = Realism(cycle=SalesCycle(median_days=PerSize(small=20, medium=60, enterprise=150)))
    >>> realism.cycle.median_days.small, realism.win.new_business_rate
    (20.0, 0.25)
    >>> from pydantic import ValidationError
    >>> try:
    ...     Realism.model_validate({"cycle_median_days": {"small": 20, "medium": 60, "enterprise": 150}})
    ... except ValidationError as error:
    ...     print(error.errors()[0]["msg"].split(" (")[0])
    Value error, realism.cycle_median_days moved to realism.cycle.median_days
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator, model_validator

from salesgen.config.base import PerSize, Strict
from salesgen.config.migrate import moved_fields_error
from salesgen.config.stages import DEFAULT_STAGES, Stage, check_stages, stages_from_probabilities
from salesgen.vocab.domain import (
    DEFAULT_CATEGORY_MIX,
    DEFAULT_CATEGORY_WIN_SHIFT,
    DEFAULT_INDUSTRY_WIN_SHIFT,
    DEFAULT_LEAD_SOURCE_WIN_SHIFT,
    Industry,
    LeadSource,
    ProductCategory,
)


class Accounts(Strict):
    """The account base: how customers split by size and how much each one holds."""

    size_mix: PerSize = Field(
        default=PerSize(small=0.6, medium=0.3, enterprise=0.1),
        description="Share of customers per size band (an account base skews small; cf. Census SUSB).",
    )
    contacts_per_customer: PerSize = Field(
        default=PerSize(small=2.5, medium=5.0, enterprise=9.0),
        description="Mean contacts per customer by size (buying groups of 5-10 in enterprise).",
    )
    opportunities_per_customer: PerSize = Field(
        default=PerSize(small=1.3, medium=2.2, enterprise=3.5),
        description="Mean deals per customer over the history window, by size.",
    )

    @field_validator("size_mix")
    @classmethod
    def _mix_sums_to_one(cls, mix: PerSize) -> PerSize:
        if any(v < 0 for v in mix.as_tuple()) or abs(sum(mix.as_tuple()) - 1) > 1e-6:
            raise ValueError("size_mix shares must be >= 0 and sum to 1, e.g. small=0.6 medium=0.3 enterprise=0.1")
        return mix


class WinLoss(Strict):
    """The win model (log-odds shifts around a calibrated rate per deal type) and how deals are lost."""

    new_business_rate: float = Field(
        default=0.25,
        gt=0,
        lt=1,
        description="Target won/(won+lost) of new-business deals (HubSpot 21-29%, Implisit ~30%).",
    )
    upsell_rate: float = Field(default=0.6, gt=0, lt=1, description="Target won/(won+lost) of upsells.")
    renewal_rate: float = Field(default=0.68, gt=0, lt=1, description="Target won/(won+lost) of renewals.")
    size_shift: PerSize = Field(
        default=PerSize(small=0.35, medium=0.0, enterprise=-0.45),
        description="Log-odds shift of winning by size (SMB 25-40%, enterprise 10-20%).",
    )
    industry_shift: dict[Industry, float] = Field(
        default_factory=lambda: dict(DEFAULT_INDUSTRY_WIN_SHIFT),
        description="Log-odds shift of winning by customer industry (judgement call; missing industries: 0).",
    )
    category_shift: dict[ProductCategory, float] = Field(
        default_factory=lambda: dict(DEFAULT_CATEGORY_WIN_SHIFT),
        description="Log-odds shift by the deal's main product category (judgement call; missing: 0).",
    )
    lead_source_shift: dict[LeadSource, float] = Field(
        default_factory=lambda: dict(DEFAULT_LEAD_SOURCE_WIN_SHIFT),
        description="Log-odds shift by lead source of new business (referrals close best, cold outbound worst).",
    )
    rep_skill_sigma: float = Field(
        default=0.6, ge=0, le=3, description="Std. dev. of rep skill in log-odds of winning (top reps win far more)."
    )
    competitor_effect: float = Field(
        default=-0.6,
        ge=-5,
        le=0,
        description="Log-odds shift when a competitor is named (incumbent displacement 5-10 points lower).",
    )
    competitor_presence: PerSize = Field(
        default=PerSize(small=0.3, medium=0.5, enterprise=0.7),
        description="Probability that a deal names at least one competitor, by size.",
    )
    deal_size_effect: float = Field(
        default=-0.25,
        ge=-3,
        le=3,
        description="Log-odds per unit of log(amount / segment median): bigger deals are harder to win.",
    )
    outcome_noise: float = Field(
        default=0.6,
        ge=0,
        le=5,
        description="Std. dev. of per-deal log-odds that no recorded feature explains; raise it to make "
        "win prediction harder, 0 leaves only the Bernoulli draw.",
    )
    no_decision_share: float = Field(
        default=0.5, ge=0, le=1, description="Share of losses to 'No decision' (40-60%, 2.5M recorded calls)."
    )


class DealSize(Strict):
    """What a deal is worth and what it holds."""

    median: PerSize = Field(
        default=PerSize(small=9_000, medium=40_000, enterprise=160_000),
        description="Median value of new-business deals by size, in US dollars converted to the run currency "
        "(SMB $5-25K, mid $25-100K, enterprise $100K+ ACV); "
        "realized amounts also reflect quantity tiers and whole units.",
    )
    sigma: float = Field(
        default=1.2,
        gt=0,
        le=3,
        description="Std. dev. of log deal amount within a size band; across bands σ lands in 1.3-2.0.",
    )
    extra_line_items: PerSize = Field(
        default=PerSize(small=0.5, medium=1.1, enterprise=1.9),
        description="Mean number of line items beyond the first, by size.",
    )
    negotiated_discount_max: PerSize = Field(
        default=PerSize(small=0.12, medium=0.22, enterprise=0.32),
        description="Largest negotiated discount on top of the quantity tier, by size (uniform up to it; "
        "effective price 68-85% of list for SMB, 42-62% enterprise).",
    )
    category_mix: dict[ProductCategory, float] = Field(
        default_factory=lambda: dict(DEFAULT_CATEGORY_MIX),
        description="Weight of each product category, multiplying each industry's own mix.",
    )

    @field_validator("category_mix")
    @classmethod
    def _positive_weights(cls, mix: dict[ProductCategory, float]) -> dict[ProductCategory, float]:
        if any(v < 0 for v in mix.values()) or sum(mix.values()) <= 0:
            raise ValueError("category_mix weights must be >= 0 with a positive sum")
        return mix


class SalesCycle(Strict):
    """How long a deal takes from creation to close."""

    median_days: PerSize = Field(
        default=PerSize(small=32, medium=95, enterprise=200),
        description="Median days from creation to close by size (SMB 14-30, mid 30-90, enterprise 90-180+).",
    )
    sigma: float = Field(default=0.55, gt=0, le=2, description="Std. dev. of log cycle length.")
    deal_size_elasticity: float = Field(
        default=0.2,
        ge=0,
        le=1,
        description="Cycle grows as (amount / size median) ** elasticity ($1M deals ~2 months longer than $100K).",
    )
    lost_factor: float = Field(
        default=1.15, gt=0, le=5, description="Lost deals take this much longer (lost deals take ~38% longer)."
    )
    quarter_end_pull: float = Field(
        default=0.22,
        ge=0,
        le=1,
        description="Share of wins outside a quarter's last month pulled into it "
        "(hockey stick: ~45% of wins in month 3).",
    )


class Activity(Strict):
    """How often reps touch deals and accounts."""

    touches_won: float = Field(
        default=22.0, gt=0, le=500, description="Mean interactions on a won deal (won deals get ~4.8x the emails)."
    )
    touches_lost: float = Field(default=8.0, gt=0, le=500, description="Mean interactions on a lost deal.")
    account_touches: float = Field(default=1.5, ge=0, le=100, description="Mean account-level touches per customer.")
    engagement_coupling: float = Field(
        default=0.8,
        ge=0,
        le=1,
        description="How strongly the buyer's engagement, drawn when the deal opens with its win chance p, "
        "decides the outcome: P(won | engaged) = p + k(1 - p), P(won | not) = (1 - k)p, so P(won) stays p. "
        "Engaged deals get won-deal touch volume, meetings and warming sentiment (Implisit: won deals ~4.8x the "
        "emails); touches follow engagement, never the outcome draw, so the timeline stays causal.",
    )


class Pipeline(Strict):
    """The stages a deal moves through, and how stale the open pipeline is."""

    stages: tuple[Stage, ...] = Field(
        default=DEFAULT_STAGES,
        description="Every stage as the CRM names it, with its win probability and role: open stages in list "
        "order (3 to 8, probability never falling), one 'won' (100) and one 'lost' (0). Salesforce's and "
        "HubSpot's default pipelines work as written (examples/). The older form, {name: percent} of the "
        "open stages (ordered by rising percent; closed stages 'won' and 'lost' implied), still loads, here "
        "or as stage_probabilities.",
    )

    past_due_share: float = Field(
        default=0.15,
        ge=0,
        le=0.5,
        description="Share of open deals whose expected close date already passed (slipped up to ~4 months); "
        "with quiet_share, 20-50% of the pipeline is stale (practitioner rule).",
    )
    quiet_share: float = Field(
        default=0.2,
        ge=0,
        le=1,
        description="Share of open deals nobody touched for the last 30-150 days (stale pipeline).",
    )

    @model_validator(mode="before")
    @classmethod
    def _older_stage_mapping(cls, data: Any) -> Any:
        # The older form, {name: percent} of the open stages, under stages or stage_probabilities.
        if not isinstance(data, dict):
            return data
        data = dict(data)
        if "stage_probabilities" in data:
            if "stages" in data:
                raise ValueError("give either stages or stage_probabilities (the older form), not both")
            data["stages"] = data.pop("stage_probabilities")
        if isinstance(data.get("stages"), dict):
            try:
                data["stages"] = check_stages(stages_from_probabilities(data["stages"]))
            except ValueError as error:
                raise ValueError(f"stages given as {{name: probability}} (stage_probabilities): {error}") from None
        return data

    @field_validator("stages")
    @classmethod
    def _stages_form_a_pipeline(cls, stages: tuple[Stage, ...]) -> tuple[Stage, ...]:
        return check_stages(stages)

    @property
    def open_stages(self) -> tuple[Stage, ...]:
        """The open stages, in funnel order."""
        return tuple(s for s in self.stages if s.role == "open")

    @property
    def stage_probabilities(self) -> dict[str, int]:
        """Win probability of each open stage, in funnel order."""
        return {s.name: s.probability for s in self.open_stages}

    @property
    def stage_labels(self) -> tuple[str, ...]:
        """Stage names by stage code: the open stages in order, then the won and the lost stage."""
        closed = {s.role: s.name for s in self.stages if s.role != "open"}
        return (*self.stage_probabilities, closed["won"], closed["lost"])


class Team(Strict):
    """The sales team: its size from the account base, its roles, targets and working limits."""

    accounts_per_ae: PerSize = Field(
        default=PerSize(small=300, medium=110, enterprise=35),
        description="Accounts one account executive covers, by segment; sizes the team when num_sales_reps is "
        "None (practitioner rule: SMB 200-400, mid-market 75-150, enterprise 10-50 named accounts).",
    )
    sdrs_per_ae: float = Field(
        default=0.3,
        ge=0,
        le=3,
        description="SDRs per account executive when the team is sized (practitioner rule: one SDR per 2-4 AEs); "
        "SDRs source and qualify, they own no deals.",
    )
    reps_per_manager: float = Field(
        default=8.0,
        ge=2,
        le=30,
        description="Reps (AEs and SDRs) a sales manager leads (practitioner rule: 6-10); managers own no deals.",
    )
    quota_stretch: float = Field(
        default=0.95,
        gt=0,
        le=5,
        description="Quota = the segment's median trailing-year AE bookings x stretch x the rep's own factor; "
        "below 1 centres attainment near 100% (Pavilion 2024 'healthy' spread: 40-50% of reps at or above quota).",
    )
    quota_potential_weight: float = Field(
        default=1.0,
        ge=0,
        le=1,
        description="How far an AE's quota leans from the segment norm toward the book's potential: the "
        "trailing year's deals at their win chance (quotas are set on territory potential, judgement call: "
        "see docs/realism.md §11); 0 gives every AE of a segment the norm.",
    )
    quota_spread: float = Field(
        default=0.05,
        ge=0,
        le=1,
        description="Std. dev. of log quota between AEs of a segment (territory potential), on top of the "
        "ramp of reps hired within the last year (their quota is prorated).",
    )
    max_meetings_per_day: int = Field(
        default=4,
        ge=1,
        le=12,
        description="Most meetings and demos one rep holds in a day (practitioner rule: 2-5); meetings never "
        "overlap for one rep, and a meeting the rep has no room for is held as a call.",
    )


class Calendar(Strict):
    """The working week and day every timestamp is placed on (salesgen.entities.calendar)."""

    weekday_weights: tuple[float, float, float, float, float] = Field(
        default=(0.92, 1.08, 1.1, 1.06, 0.84),
        description="Relative activity Monday..Friday: calls, meetings, emails and deal creation (Tue-Thu "
        "heavier: Lead Response Management study, Wed/Thu best to reach leads).",
    )
    lost_weekday_weights: tuple[float, float, float, float, float] = Field(
        default=(0.95, 0.9, 1.0, 1.05, 1.26),
        description="Relative losses Monday..Friday (Fridays lose ~40% more deals than Tuesdays).",
    )
    lunch_dip: float = Field(
        default=0.45, ge=0, le=1, description="Activity 12:00-13:00 local relative to the hours around it."
    )
    email_weekend_share: float = Field(
        default=0.04, ge=0, le=0.5, description="Share of emails sent at weekends (practitioner: under ~10%)."
    )
    email_after_hours_share: float = Field(
        default=0.1, ge=0, le=0.5, description="Share of emails sent 18:00-23:00 or 06:00-08:00 local."
    )
    month_end_close_share: PerSize = Field(
        default=PerSize(small=0.03, medium=0.04, enterprise=0.05),
        description="Share of wins landing in the last three business days of the month on top of their own "
        "date (InsideSales: the month's last day closes ~3x the deals of an average day).",
    )
    month_end_loss_share: PerSize = Field(
        default=PerSize(small=0.5, medium=0.5, enterprise=0.5),
        description="Share of losses a rep books in the last three business days of the month, clearing dead "
        "deals before the forecast call (InsideSales: the month's last day loses 11.4x an average day).",
    )
    month_end_forecast_share: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="Share of expected close dates a rep sets to the month's last business day.",
    )


class Lifecycle(Strict):
    """How the account base grows and how customers buy, renew and leave over time."""

    growth_rate: float = Field(
        default=0.25,
        ge=0,
        le=2,
        description="Yearly growth of the account base: accounts join at a rate growing by this much a year, and "
        "the accounts that predate the window form the standing base (B2B SaaS grows 10-40% a year).",
    )
    pre_window_days: int = Field(
        default=365,
        ge=0,
        le=1825,
        description="Days before the history window in which the standing base already did business: deals "
        "(and the contracts whose renewals fall in the window) predate it.",
    )
    subscription_term_months: int = Field(
        default=12,
        ge=1,
        le=60,
        description="Term of a subscription deal; it renews at term end (annual terms are the most common).",
    )
    renewal_lead_days: int = Field(
        default=90,
        ge=7,
        le=365,
        description="Days before term end a renewal opportunity is opened (practitioner rule: 60-120), varying ±30%.",
    )
    max_open_deals: int = Field(
        default=3,
        ge=2,
        le=10,
        description="Deals one account has open at once at most (a buying group runs a few projects at a time). "
        "New business and upsells take at most all but one place, leaving it for a renewal; a renewal that finds "
        "no place lapses, and a deal that finds none is not opened.",
    )


class Realism(Strict):
    """Parameters of the sales model, in parts. Rates are fractions, money in US dollars (converted to the currency)."""

    accounts: Accounts = Field(default_factory=Accounts, description=Accounts.__doc__)
    win: WinLoss = Field(default_factory=WinLoss, description=WinLoss.__doc__)
    deal_size: DealSize = Field(default_factory=DealSize, description=DealSize.__doc__)
    cycle: SalesCycle = Field(default_factory=SalesCycle, description=SalesCycle.__doc__)
    activity: Activity = Field(default_factory=Activity, description=Activity.__doc__)
    pipeline: Pipeline = Field(default_factory=Pipeline, description=Pipeline.__doc__)
    team: Team = Field(default_factory=Team, description=Team.__doc__)
    calendar: Calendar = Field(default_factory=Calendar, description=Calendar.__doc__)
    lifecycle: Lifecycle = Field(default_factory=Lifecycle, description=Lifecycle.__doc__)

    @model_validator(mode="before")
    @classmethod
    def _no_flat_fields(cls, data: Any) -> Any:
        # Scenario files written before the split name the fields flat; say where each one went
        # instead of pydantic's bare "extra inputs are not permitted".
        if isinstance(data, dict) and (error := moved_fields_error(data)):
            raise ValueError(error)
        return data
