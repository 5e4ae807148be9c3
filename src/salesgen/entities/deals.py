"""Opportunities of one block: when they open, what type they are, how and when they end.

A customer's deals are resolved in rounds (its 1st deals, then its 2nd, …):
a deal is an upsell or renewal only if the customer already won a deal that
closed before it opened. Each round is vectorized over all customers, so the
loop runs over deal ranks (a few dozen at most), never over rows. All random
draws are taken up front per deal, so the rounds never shift each other's numbers.

Example:
    >>> from salesgen.engine.context import build_context
    >>> from salesgen.entities.customers import build_accounts
    >>> from salesgen.config import Config
    >>> ctx = build_context(Config(num_customers=30, num_sales_reps=3), seed=2)
    >>> deals = build_deals(ctx, build_accounts(ctx, 0), block=0)
    >>> bool((deals.created_s <= deals.end_s).all())
    True
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from salesgen.entities.common import DAY, add_months_days, month_start_days, off_weekend, rank_within, repeat_index
from salesgen.entities.customers import CONTACT_LEAD_DAYS, Accounts
from salesgen.entities.outcomes import (
    EXISTING_CUSTOMER_LEAD,
    NEW_BUSINESS,
    RENEWAL,
    TYPE_AMOUNT_FACTOR,
    UPSELL,
    DealFeatures,
    category_cumulative,
    cycle_days,
    draw_categories,
    sigmoid,
)
from salesgen.random import stream
from salesgen.schema import OPPORTUNITIES
from salesgen.vocab.domain import LEAD_SOURCE_WEIGHTS

if TYPE_CHECKING:
    from salesgen.engine.context import RunContext

MAX_DEALS_PER_CUSTOMER = 60
_COPRIME_STEPS = np.array([k for k in range(1, 999) if k % 3 and k % 37])
FIRST_DEAL_AFTER_DAYS = CONTACT_LEAD_DAYS + 20  # after all contacts exist, plus the touch lead time
OVERDUE_OPEN_SHARE = 0.08


@dataclass(frozen=True)
class Deals:
    """A block's deals as arrays (one row per deal, grouped by customer, ordered by creation)."""

    opportunity_id: np.ndarray
    customer: np.ndarray        # row index into the block's accounts
    deal_type: np.ndarray       # index into DEAL_TYPES
    lead: np.ndarray            # index into LEAD_SOURCES (+ existing customer)
    category: np.ndarray        # main product category, index into CATEGORIES
    target_cents: np.ndarray    # intended deal value; line items realize it
    created_s: np.ndarray
    planned_close_s: np.ndarray
    end_s: np.ndarray           # closed_at for closed deals, as_of for open ones
    closed: np.ndarray
    won: np.ndarray
    stage: np.ndarray           # last open stage reached (index into open stages)
    entries_s: np.ndarray       # (deals x open stages) stage entry times; valid up to ``stage``
    has_competitor: np.ndarray
    forecast_days: np.ndarray   # typical cycle of the deal when opened (no outcome, no noise)
    rng: np.random.Generator    # the block's deal stream, for the remaining per-deal columns

    @property
    def lost(self) -> np.ndarray:
        return np.asarray(self.closed & ~self.won)


def _deal_counts(ctx: RunContext, accounts: Accounts, rng: np.random.Generator) -> np.ndarray:
    first_possible = accounts.created_s + FIRST_DEAL_AFTER_DAYS * DAY
    window_share = (ctx.as_of_s - first_possible) / (ctx.config.history_days * DAY)
    mean = np.array(ctx.config.realism.accounts.opportunities_per_customer.as_tuple())[accounts.size]
    return np.asarray(np.minimum(rng.poisson(mean * np.clip(window_share, 0, 1) * 1.6), MAX_DEALS_PER_CUSTOMER))


def build_deals(ctx: RunContext, accounts: Accounts, block: int) -> Deals:
    """Open, type and resolve every deal of the block's customers."""
    config, realism = ctx.config, ctx.config.realism
    rng = stream(ctx.seed, OPPORTUNITIES.code, block)
    count = _deal_counts(ctx, accounts, rng)
    parent = repeat_index(count)
    n = parent.size
    first_possible = accounts.created_s[parent] + FIRST_DEAL_AFTER_DAYS * DAY
    draws = rng.random((n, 9))
    created = first_possible + (draws[:, 0] * (ctx.as_of_s - DAY - first_possible)).astype(np.int64)
    created = off_weekend(created, first_possible, ctx.as_of_s - DAY, prefer_monday=True)  # deals open on workdays
    order = np.lexsort((created, parent))
    created, draws = created[order], draws[order]
    rank = rank_within(parent)
    size = accounts.size[parent]
    owner = accounts.owner[parent]
    presence = np.array(realism.win.competitor_presence.as_tuple())[size]
    has_competitor = draws[:, 1] < presence
    z_amount, z_cycle, z_noise = rng.normal(size=(3, n))
    new_lead = np.searchsorted(np.cumsum(LEAD_SOURCE_WEIGHTS), draws[:, 2] * 0.999999)
    industry = accounts.industry[parent]
    features = DealFeatures(np.zeros(n, dtype=np.int64), size, industry,
                            draw_categories(category_cumulative(config), industry, draws[:, 8]), new_lead,
                            ctx.roster.skill[owner], has_competitor, realism.deal_size.sigma * z_amount, z_noise)
    deal_type = np.zeros(n, dtype=np.int64)
    won = np.zeros(n, dtype=bool)
    planned = np.zeros(n, dtype=np.int64)
    close = np.zeros(n, dtype=np.int64)
    first_win = np.full(accounts.customer_id.size, np.iinfo(np.int64).max)
    for k in range(int(rank.max(initial=-1)) + 1):
        rows = np.flatnonzero(rank == k)
        expansion = first_win[parent[rows]] <= created[rows]
        deal_type[rows] = np.where(expansion, np.where(draws[rows, 3] < 0.55, UPSELL, RENEWAL), NEW_BUSINESS)
        lead = np.where(expansion, EXISTING_CUSTOMER_LEAD, new_lead[rows])
        known = replace(features.subset(rows), deal_type=deal_type[rows], lead=lead)
        won[rows] = draws[rows, 4] < sigmoid(ctx.win_model.log_odds(known))
        days = cycle_days(config, size[rows], deal_type[rows], realism.deal_size.sigma * z_amount[rows],
                          ~won[rows], z_cycle[rows])
        planned[rows] = created[rows] + (days * DAY).astype(np.int64)
        pulled = _pull_to_quarter_end(ctx, planned[rows], won[rows], draws[rows, 5], draws[rows, 6])
        # Deals are signed or dropped on workdays: a weekend close moves to the Friday before.
        close[rows] = off_weekend(pulled, created[rows] + DAY, np.maximum(pulled, ctx.as_of_s), prefer_monday=False)
        done = won[rows] & (close[rows] <= ctx.as_of_s)
        np.minimum.at(first_win, parent[rows][done], close[rows][done])
    lead = np.where(deal_type == NEW_BUSINESS, new_lead, EXISTING_CUSTOMER_LEAD)
    closed = close <= ctx.as_of_s
    won &= closed
    target = (np.array(realism.deal_size.median.as_tuple())[size] * 100 * TYPE_AMOUNT_FACTOR[deal_type]
              * np.exp(realism.deal_size.sigma * z_amount)).astype(np.int64)
    end = np.where(closed, close, ctx.as_of_s)
    stage, entries = _stage_path(ctx, rng, created, planned, end, closed, won, draws[:, 7])
    opportunity_id = accounts.customer_id[parent] * 1000 + _opaque_numbers(parent, rank, rng)
    forecast = cycle_days(config, size, deal_type, realism.deal_size.sigma * z_amount, np.zeros(n, bool),
                          np.zeros(n))
    return Deals(opportunity_id, parent, deal_type, lead, features.category, np.maximum(target, 100), created,
                 planned, end, closed, won, stage, entries, has_competitor, forecast, rng)


def _opaque_numbers(parent: np.ndarray, rank: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Distinct numbers 1..999 per customer that reveal neither the deal's rank nor the deal count.

    A random start and a random step coprime to 999 walk the range without
    repeats, so an id carries no signal a model could learn.
    """
    customers = int(parent.max(initial=-1)) + 1
    start = rng.integers(0, 999, customers)
    step = rng.choice(_COPRIME_STEPS, customers)
    return np.asarray(1 + (start[parent] + rank * step[parent]) % 999)


def _pull_to_quarter_end(ctx: RunContext, planned: np.ndarray, won: np.ndarray, pull: np.ndarray,
                         when: np.ndarray) -> np.ndarray:
    """Wins slip into the last month of their quarter (the hockey stick); losses keep their date."""
    month, first_day = month_start_days(planned)
    months_to_go = 2 - (month - 1) % 3
    target_first = add_months_days(first_day, months_to_go)
    days_in_month = add_months_days(target_first, np.ones_like(month)) - target_first
    moved = target_first * DAY + (when * days_in_month * DAY).astype(np.int64)
    apply = won & (months_to_go > 0) & (pull < ctx.config.realism.cycle.quarter_end_pull) & (moved < ctx.as_of_s)
    return np.where(apply, moved, planned)


def _stage_path(ctx: RunContext, rng: np.random.Generator, created: np.ndarray, planned: np.ndarray,
                end: np.ndarray, closed: np.ndarray, won: np.ndarray, lost_draw: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray]:
    """Last open stage reached and the entry time of each stage up to it.

    Won deals pass every open stage; lost deals drop out of an earlier stage
    more often than a later one; open deals sit where their planned timeline
    puts them at as_of.
    """
    stages = len(ctx.config.realism.pipeline.stage_probabilities)
    n = created.size
    lost_weights = np.arange(stages, 0, -1, dtype=float)
    lost_stage = np.searchsorted(np.cumsum(lost_weights) / lost_weights.sum(), lost_draw * 0.999999)
    stage = np.where(closed, np.where(won, stages - 1, lost_stage), stages - 1)
    durations = rng.gamma(2.0, 1.0, (n, stages))
    durations[np.arange(stages)[None, :] > stage[:, None]] = 0.0
    share = np.cumsum(durations, axis=1) - durations  # time before entering each stage
    share /= durations.sum(axis=1, keepdims=True)
    span = np.where(closed, end, planned) - created
    entries = created[:, None] + (share * span[:, None]).astype(np.int64)
    open_stage = (entries <= ctx.as_of_s).sum(axis=1) - 1
    stage = np.where(closed, stage, np.minimum(open_stage, stages - 1))
    return stage, entries


def expected_close_days(ctx: RunContext, deals: Deals) -> np.ndarray:
    """Forecast close date.

    Open deals carry their current plan (a few are overdue: the date already passed). Closed
    deals keep the forecast made when they opened — the typical cycle for the deal, with its own
    error — which knows nothing of the outcome, so it neither equals closed_at nor hints at it.
    """
    n = deals.created_s.size
    as_of_day = ctx.as_of_s // DAY
    overdue = ~deals.closed & (deals.rng.random(n) < OVERDUE_OPEN_SHARE)
    slipped = np.maximum(as_of_day - deals.rng.integers(1, 22, n), deals.created_s // DAY)
    opened_with = deals.created_s + (deals.forecast_days * np.exp(0.25 * deals.rng.normal(size=n)) * DAY)
    forecast = np.asarray(opened_with, dtype=np.int64) // DAY
    return np.where(deals.closed, forecast, np.where(overdue, slipped, deals.planned_close_s // DAY))
