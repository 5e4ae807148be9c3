"""Opportunities of one block: when they open, what type they are, how and when they end.

A customer's deals are resolved in rounds (its 1st deals, then its 2nd, …):
a deal is an upsell or renewal only if the customer already won a deal that
closed before it opened. Each round is vectorized over all customers, so the
loop runs over deal ranks (a few dozen at most), never over rows. Every draw
has its own named stream and is taken up front per deal, so the rounds never shift each other's numbers.

Example:
    >>> from salesgen.entities.world import build_world
    >>> from salesgen.entities.accounts import build_accounts
    >>> from salesgen.config import Config
    >>> world = build_world(Config(num_customers=30, num_sales_reps=3), seed=2)
    >>> deals = build_deals(world, 0, build_accounts(world, 0))
    >>> bool((deals.created_s <= deals.end_s).all())
    True
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pyarrow.compute as pc

from salesgen.entities.accounts import CONTACT_LEAD_DAYS, Accounts
from salesgen.entities.calendar import month_end, office_clock, to_utc, within, workday
from salesgen.entities.common import DAY, add_months_days, month_start_days, rank_within, repeat_index
from salesgen.entities.draws import OpportunityDraw, draw
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
from salesgen.entities.world import World
from salesgen.vocab.domain import LEAD_SOURCE_WEIGHTS

MAX_DEALS_PER_CUSTOMER = 60
_COPRIME_STEPS = np.array([k for k in range(1, 999) if k % 3 and k % 37])
LOST_MONTH_END_FACTOR = 2.0
FIRST_DEAL_AFTER_DAYS = CONTACT_LEAD_DAYS + 20  # after all contacts exist, plus the touch lead time


def stage_groups(stages: int) -> np.ndarray:
    """Topic group of each open stage (identified, qualified, proposal, negotiation): the last is negotiation."""
    groups = np.full(stages, 2)
    groups[:2] = (0, 1)
    groups[-1] = 3
    return groups


@dataclass(frozen=True)
class Deals:
    """A block's deals as arrays (one row per deal, grouped by customer, ordered by creation)."""

    opportunity_id: np.ndarray
    customer: np.ndarray  # row index into the block's accounts
    deal_type: np.ndarray  # index into DEAL_TYPES
    lead: np.ndarray  # index into LEAD_SOURCES (+ existing customer)
    category: np.ndarray  # main product category, index into CATEGORIES
    target_cents: np.ndarray  # intended deal value; line items realize it
    created_s: np.ndarray
    planned_close_s: np.ndarray
    end_s: np.ndarray  # closed_at for closed deals, as_of for open ones
    closed: np.ndarray
    won: np.ndarray
    stage: np.ndarray  # last open stage reached (index into open stages)
    entries_s: np.ndarray  # (deals x open stages) stage entry times; valid up to ``stage``
    has_competitor: np.ndarray
    forecast_days: np.ndarray  # typical cycle of the deal when opened (no outcome, no noise)

    @property
    def lost(self) -> np.ndarray:
        return np.asarray(self.closed & ~self.won)


def _deal_counts(world: World, accounts: Accounts, rng: np.random.Generator) -> np.ndarray:
    first_possible = accounts.created_s + FIRST_DEAL_AFTER_DAYS * DAY
    window_share = (world.as_of_s - first_possible) / (world.config.history_days * DAY)
    mean = np.array(world.config.realism.accounts.opportunities_per_customer.as_tuple())[accounts.size]
    return np.asarray(np.minimum(rng.poisson(mean * np.clip(window_share, 0, 1) * 1.6), MAX_DEALS_PER_CUSTOMER))


def build_deals(world: World, block: int, accounts: Accounts) -> Deals:
    """Open, type and resolve every deal of the block's customers."""
    config, realism = world.config, world.config.realism

    def uniform(purpose: OpportunityDraw, n: int) -> np.ndarray:
        return draw(world.seed, purpose, block).random(n)

    count = _deal_counts(world, accounts, draw(world.seed, OpportunityDraw.COUNT, block))
    parent = repeat_index(count)
    n = parent.size
    first_possible = accounts.created_s[parent] + FIRST_DEAL_AFTER_DAYS * DAY
    created = first_possible + (uniform(OpportunityDraw.CREATED, n) * (world.as_of_s - DAY - first_possible)).astype(
        np.int64
    )
    zones = pc.dictionary_encode(accounts.customer_columns["timezone"])
    zone_names: list[str] = zones.dictionary.to_pylist()
    zone = zones.indices.to_numpy(zero_copy_only=False)[parent]
    calendar = realism.calendar
    # Deals open on a working day and hour of the customer's week (Tue-Thu heaviest), not on Mondays by rule.
    first_day, last_day = first_possible // DAY + 2, (world.as_of_s - DAY) // DAY - 2
    day = within(
        workday(created // DAY, uniform(OpportunityDraw.CREATED_DAY, n), calendar.weekday_weights), first_day, last_day
    )
    clock = office_clock(uniform(OpportunityDraw.CREATED_CLOCK, n), calendar.lunch_dip)
    created = np.where(first_day <= last_day, to_utc(day, clock, zone, zone_names), created)
    created = created[np.lexsort((created, parent))]
    rank = rank_within(parent)
    size = accounts.size[parent]
    owner = accounts.owner[parent]
    presence = np.array(realism.win.competitor_presence.as_tuple())[size]
    has_competitor = uniform(OpportunityDraw.COMPETITOR_PRESENT, n) < presence
    z_amount, z_cycle, z_noise = draw(world.seed, OpportunityDraw.LATENT, block).normal(size=(3, n))
    new_lead = np.searchsorted(np.cumsum(LEAD_SOURCE_WEIGHTS), uniform(OpportunityDraw.LEAD_SOURCE, n) * 0.999999)
    industry = accounts.industry[parent]
    category = draw_categories(category_cumulative(config), industry, uniform(OpportunityDraw.CATEGORY, n))
    features = DealFeatures(
        np.zeros(n, dtype=np.int64),
        size,
        industry,
        category,
        new_lead,
        world.roster.skill[owner],
        has_competitor,
        realism.deal_size.sigma * z_amount,
        z_noise,
    )
    u_type, u_outcome = uniform(OpportunityDraw.EXPANSION_TYPE, n), uniform(OpportunityDraw.OUTCOME, n)
    u_pull, u_day = uniform(OpportunityDraw.QUARTER_PULL, n), uniform(OpportunityDraw.QUARTER_DAY, n)
    u_close_day, u_close_clock = uniform(OpportunityDraw.CLOSE_DAY, n), uniform(OpportunityDraw.CLOSE_CLOCK, n)
    u_month_end = draw(world.seed, OpportunityDraw.MONTH_END, block).random((2, n))
    month_end_share = np.array(calendar.month_end_close_share.as_tuple())[size]
    deal_type = np.zeros(n, dtype=np.int64)
    won = np.zeros(n, dtype=bool)
    planned = np.zeros(n, dtype=np.int64)
    close = np.zeros(n, dtype=np.int64)
    first_win = np.full(accounts.customer_id.size, np.iinfo(np.int64).max)
    for k in range(int(rank.max(initial=-1)) + 1):
        rows = np.flatnonzero(rank == k)
        expansion = first_win[parent[rows]] < created[rows]
        deal_type[rows] = np.where(expansion, np.where(u_type[rows] < 0.55, UPSELL, RENEWAL), NEW_BUSINESS)
        lead = np.where(expansion, EXISTING_CUSTOMER_LEAD, new_lead[rows])
        known = replace(features.subset(rows), deal_type=deal_type[rows], lead=lead)
        won[rows] = u_outcome[rows] < sigmoid(world.win_model.log_odds(known))
        days = cycle_days(
            config, size[rows], deal_type[rows], realism.deal_size.sigma * z_amount[rows], ~won[rows], z_cycle[rows]
        )
        planned[rows] = created[rows] + (days * DAY).astype(np.int64)
        pulled = _pull_to_quarter_end(world, planned[rows], won[rows], u_pull[rows], u_day[rows])
        # Reps clear dead deals at month end: losses bunch there twice as often as wins (InsideSales).
        to_month_end = month_end_share * np.where(won, 1.0, LOST_MONTH_END_FACTOR)
        close[rows] = _close_time(
            world,
            pulled,
            created[rows],
            won[rows],
            (u_close_day[rows], u_close_clock[rows], u_month_end[0, rows] < to_month_end[rows], u_month_end[1, rows]),
            zone[rows],
            zone_names,
        )
        done = won[rows] & (close[rows] <= world.as_of_s)
        np.minimum.at(first_win, parent[rows][done], close[rows][done])
    lead = np.where(deal_type == NEW_BUSINESS, new_lead, EXISTING_CUSTOMER_LEAD)
    closed = close <= world.as_of_s
    won &= closed
    target = (
        np.array(realism.deal_size.median.as_tuple())[size]
        * 100
        * TYPE_AMOUNT_FACTOR[deal_type]
        * np.exp(realism.deal_size.sigma * z_amount)
    ).astype(np.int64)
    end = np.where(closed, close, world.as_of_s)
    stage, entries = _stage_path(world, block, created, planned, end, closed, won)
    numbers = _opaque_numbers(parent, rank, draw(world.seed, OpportunityDraw.NUMBERING, block))
    forecast = cycle_days(config, size, deal_type, realism.deal_size.sigma * z_amount, np.zeros(n, bool), np.zeros(n))
    return Deals(
        accounts.customer_id[parent] * 1000 + numbers,
        parent,
        deal_type,
        lead,
        category,
        np.maximum(target, 100),
        created,
        planned,
        end,
        closed,
        won,
        stage,
        entries,
        has_competitor,
        forecast,
    )


def _opaque_numbers(parent: np.ndarray, rank: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Distinct numbers 1..999 per customer that reveal neither the deal's rank nor the deal count.

    A random start and a random step coprime to 999 walk the range without
    repeats, so an id carries no signal a model could learn.
    """
    customers = int(parent.max(initial=-1)) + 1
    start = rng.integers(0, 999, customers)
    step = rng.choice(_COPRIME_STEPS, customers)
    return np.asarray(1 + (start[parent] + rank * step[parent]) % 999)


def _pull_to_quarter_end(
    world: World, planned: np.ndarray, won: np.ndarray, pull: np.ndarray, when: np.ndarray
) -> np.ndarray:
    """Wins slip into the last month of their quarter (the hockey stick); losses keep their date."""
    month, first_day = month_start_days(planned)
    months_to_go = 2 - (month - 1) % 3
    target_first = add_months_days(first_day, months_to_go)
    days_in_month = add_months_days(target_first, np.ones_like(month)) - target_first
    moved = target_first * DAY + (when * days_in_month * DAY).astype(np.int64)
    apply = won & (months_to_go > 0) & (pull < world.config.realism.cycle.quarter_end_pull) & (moved < world.as_of_s)
    return np.where(apply, moved, planned)


def _close_time(
    world: World,
    planned: np.ndarray,
    created: np.ndarray,
    won: np.ndarray,
    u: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    zone: np.ndarray,
    zone_names: list[str],
) -> np.ndarray:
    """Signed or dropped on a working day and hour of the customer, bunching at month ends.

    A share of closes moves to the month's last three business days (the last one most); the
    weekday follows the calendar (losses lean to Fridays); a close never precedes the next day
    after creation, and a month-end move never turns a deal that closed by as_of into an open one.
    """
    calendar = world.config.realism.calendar
    u_day, u_clock, to_month_end, u_back = u
    as_of_day = world.as_of_s // DAY
    day = planned // DAY
    pulled = month_end(day, to_month_end, u_back)
    day = np.where((pulled < as_of_day) | (day >= as_of_day), pulled, day)
    wins = workday(day, u_day, calendar.weekday_weights)
    losses = workday(day, u_day, calendar.lost_weekday_weights)
    day = np.where(to_month_end, day, np.where(won, wins, losses))
    first = created // DAY + 1
    day = within(day, first, np.maximum(day, first))
    local = to_utc(day, office_clock(u_clock, calendar.lunch_dip), zone, zone_names)
    return np.asarray(np.maximum(local, created + 3600))


def _stage_path(
    world: World,
    block: int,
    created: np.ndarray,
    planned: np.ndarray,
    end: np.ndarray,
    closed: np.ndarray,
    won: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Last open stage reached and the entry time of each stage up to it.

    Won deals pass every open stage; lost deals drop out of an earlier stage
    more often than a later one; open deals sit where their planned timeline
    puts them at as_of.
    """
    stages = len(world.config.realism.pipeline.stage_probabilities)
    n = created.size
    lost_weights = np.arange(stages, 0, -1, dtype=float)
    lost_draw = draw(world.seed, OpportunityDraw.LOST_STAGE, block).random(n)
    lost_stage = np.searchsorted(np.cumsum(lost_weights) / lost_weights.sum(), lost_draw * 0.999999)
    stage = np.where(closed, np.where(won, stages - 1, lost_stage), stages - 1)
    durations = draw(world.seed, OpportunityDraw.STAGE_DURATIONS, block).gamma(2.0, 1.0, (n, stages))
    durations[np.arange(stages)[None, :] > stage[:, None]] = 0.0
    share = np.cumsum(durations, axis=1) - durations  # time before entering each stage
    share /= durations.sum(axis=1, keepdims=True)
    span = np.where(closed, end, planned) - created
    entries = created[:, None] + (share * span[:, None]).astype(np.int64)
    open_stage = (entries <= world.as_of_s).sum(axis=1) - 1
    stage = np.where(closed, stage, np.minimum(open_stage, stages - 1))
    return stage, entries
