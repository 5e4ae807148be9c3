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
import pyarrow as pa
import pyarrow.compute as pc

from salesgen.entities.accounts import CONTACT_LEAD_DAYS, Accounts
from salesgen.entities.calendar import close_time, open_time
from salesgen.entities.common import DAY, add_months_days, month_start_days, rank_within
from salesgen.entities.draws import OpportunityDraw, draw, keyed_normal, keyed_uniform
from salesgen.entities.outcomes import (
    EXISTING_CUSTOMER_LEAD,
    NEW_BUSINESS,
    TYPE_AMOUNT_FACTOR,
    UPSELL,
    DealFeatures,
    category_cumulative,
    cycle_days,
    draw_categories,
    engaged_outcome,
    sigmoid,
)
from salesgen.entities.renewals import (
    KEY_STRIDE,
    Resolved,
    end_at_churn,
    open_counts,
    place_renewals,
    renewal_chains,
    take_place,
)
from salesgen.entities.world import World
from salesgen.vocab.domain import CATEGORIES, LEAD_SOURCE_WEIGHTS

MAX_OPENINGS = 60  # new deals (new business and upsells) per account at most; renewals come on top
# New deals per account-year, as a share of opportunities_per_customer: renewals make up the rest.
OPENINGS_PER_YEAR = 0.8 / 3
BAND_TYPICAL_EMPLOYEES = (32, 450, 2500)  # median headcount of each size band (log-uniform / exponential draws)
MAX_REVENUE_SHARE = 0.02  # a typical deal is at most this share of the buyer's annual revenue
_COPRIME_STEPS = np.array([k for k in range(1, 999) if k % 3 and k % 37])
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
    subscription: np.ndarray  # sold on a subscription term (renews); else one-time or per-hour
    key: np.ndarray  # uint64 key of the deal's draws, independent of its row (see ``keyed_uniform``)
    engaged: np.ndarray  # the buyer is engaged (drawn at opening on the win chance): touches follow it
    chance: np.ndarray  # the win model's probability at opening (what a forecast expects of the deal)

    @property
    def lost(self) -> np.ndarray:
        return np.asarray(self.closed & ~self.won)


def subscription_share(world: World) -> np.ndarray:
    """Per category, the share of its active products sold as subscriptions (catalog ``pricing_model``).

    A category with no active product sells from the whole catalog (see ``line_items``), so it takes
    the whole catalog's share: a deal is a subscription exactly when its main product can be one.
    """
    catalog = world.catalog
    model = catalog.products.column("pricing_model").to_numpy(zero_copy_only=False)
    subscription = (model == "subscription") & catalog.active
    totals = np.bincount(catalog.category[catalog.active], minlength=len(CATEGORIES))
    shares = np.bincount(catalog.category[subscription], minlength=len(CATEGORIES)) / np.maximum(totals, 1)
    overall = subscription.sum() / max(int(catalog.active.sum()), 1)
    return np.asarray(np.where(totals > 0, shares, overall))


def company_median_cents(world: World, accounts: Accounts) -> np.ndarray:
    """Median new-business deal per account, smooth in its headcount and capped by its revenue.

    ``deal_size.median`` holds at each band's typical headcount; in between, log(median) is linear
    in log(employees), so a bigger company buys bigger deals with no cliff at a band edge. A typical
    deal stays under ``MAX_REVENUE_SHARE`` of the buyer's annual revenue.
    """
    medians = np.log(np.array(world.config.realism.deal_size.median.as_tuple()) * 100 * world.currency.per_usd)
    employees = np.log(np.maximum(accounts.customer_columns["employees"].to_numpy(zero_copy_only=False), 1))
    revenue = pc.cast(accounts.customer_columns["annual_revenue"], pa.float64()).to_numpy(zero_copy_only=False)
    anchors = np.log(np.array(BAND_TYPICAL_EMPLOYEES))
    slopes = np.diff(medians) / np.diff(anchors)
    inside = np.interp(employees, anchors, medians)
    below = medians[0] + slopes[0] * (employees - anchors[0])
    above = medians[-1] + slopes[-1] * (employees - anchors[-1]) * 0.5  # flatter: giants buy in pieces
    log_median = np.where(employees < anchors[0], below, np.where(employees > anchors[-1], above, inside))
    return np.asarray(np.minimum(np.exp(log_median), np.maximum(revenue * 100 * MAX_REVENUE_SHARE, 10_000)))


def _openings(world: World, block: int, accounts: Accounts) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(account row, arrival index, wanted creation time) of every new deal: a Poisson process per account.

    Each account draws its own fixed row of gaps, so its k-th deal's date depends on nothing but
    its own first k gaps: extending as_of adds deals, it never moves earlier ones. Accounts of the
    standing base trade from ``pre_window_days`` before the window.
    """
    realism = world.config.realism
    start = world.history_start_s - realism.lifecycle.pre_window_days * DAY
    first_possible = np.maximum(accounts.created_s + FIRST_DEAL_AFTER_DAYS * DAY, start)
    per_year = np.array(realism.accounts.opportunities_per_customer.as_tuple())[accounts.size] * OPENINGS_PER_YEAR
    gaps = draw(world.seed, OpportunityDraw.OPENING_GAPS, block).exponential(1.0, (per_year.size, MAX_OPENINGS))
    times = first_possible[:, None] + np.cumsum(gaps * (365 * DAY) / np.maximum(per_year, 1e-9)[:, None], axis=1)
    # A week past as_of: the calendar may move an opening to another day of its week (the caller truncates).
    parent, arrival = np.nonzero(times < world.as_of_s + 7 * DAY)  # row-major: by account, then in time order
    return parent, arrival, np.asarray(times[times < world.as_of_s + 7 * DAY], dtype=np.int64)


def build_deals(world: World, block: int, accounts: Accounts) -> Deals:
    """Open, type and resolve every deal of the block's customers, then renew their subscriptions."""
    config, realism = world.config, world.config.realism

    parent, arrival, wanted = _openings(world, block, accounts)
    n = parent.size
    # Each deal's draws are keyed by (customer, arrival index), not by its row: a deal's numbers never
    # depend on how many deals other accounts (or later dates) hold.
    key = (accounts.customer_id[parent] * MAX_OPENINGS + arrival).astype(np.uint64) * np.uint64(KEY_STRIDE)

    def uniform(purpose: OpportunityDraw, _n: int = 0) -> np.ndarray:
        return np.asarray(keyed_uniform(world.seed, purpose, block, key)[0])

    encoded = pc.dictionary_encode(accounts.customer_columns["timezone"])
    zones = (encoded.indices.to_numpy(zero_copy_only=False), encoded.dictionary.to_pylist())
    zone = (zones[0][parent], zones[1])
    calendar = realism.calendar
    # Deals open on a working day and hour of the customer's week (Tue-Thu heaviest), not on Mondays by rule.
    created = open_time(
        calendar,
        wanted,
        accounts.created_s[parent] + FIRST_DEAL_AFTER_DAYS * DAY,
        np.stack([uniform(OpportunityDraw.CREATED_DAY, n), uniform(OpportunityDraw.CREATED_CLOCK, n)]),
        zone,
    )
    kept = created < world.as_of_s - DAY  # a deal opens before as_of or not yet: as_of only truncates
    parent, key, created, zone = parent[kept], key[kept], created[kept], (zone[0][kept], zone[1])
    n = parent.size
    order = np.lexsort((created, parent))
    created, key = created[order], key[order]
    rank = rank_within(parent)
    size = accounts.size[parent]
    presence = np.array(realism.win.competitor_presence.as_tuple())[size]
    has_competitor = uniform(OpportunityDraw.COMPETITOR_PRESENT, n) < presence
    z_amount, z_cycle, z_noise = keyed_normal(world.seed, OpportunityDraw.LATENT, block, key, lanes=3)
    new_lead = np.searchsorted(np.cumsum(LEAD_SOURCE_WEIGHTS), uniform(OpportunityDraw.LEAD_SOURCE, n) * 0.999999)
    industry = accounts.industry[parent]
    category = draw_categories(category_cumulative(config), industry, uniform(OpportunityDraw.CATEGORY, n))
    subscription = uniform(OpportunityDraw.SUBSCRIPTION, n) < subscription_share(world)[category]
    features = DealFeatures(
        np.zeros(n, dtype=np.int64),
        size,
        industry,
        category,
        new_lead,
        world.roster.skill[accounts.owner[parent]],
        has_competitor,
        realism.deal_size.sigma * z_amount,
        z_noise,
    )
    u_outcome, u_engaged = uniform(OpportunityDraw.OUTCOME, n), uniform(OpportunityDraw.ENGAGEMENT, n)
    coupling = realism.activity.engagement_coupling
    u_pull, u_day = uniform(OpportunityDraw.QUARTER_PULL, n), uniform(OpportunityDraw.QUARTER_DAY, n)
    u_close = np.stack([uniform(OpportunityDraw.CLOSE_DAY, n), uniform(OpportunityDraw.CLOSE_CLOCK, n)])
    u_month_end = keyed_uniform(world.seed, OpportunityDraw.MONTH_END, block, key, lanes=2)
    shares = (calendar.month_end_loss_share, calendar.month_end_close_share)  # indexed by won
    month_end_share = np.array([share.as_tuple() for share in shares])[:, accounts.size]
    deal_type = np.zeros(n, dtype=np.int64)
    won = np.zeros(n, dtype=bool)
    engaged = np.zeros(n, dtype=bool)
    planned = np.zeros(n, dtype=np.int64)
    close = np.zeros(n, dtype=np.int64)
    first_win = np.full(accounts.customer_id.size, np.iinfo(np.int64).max)
    # New deals leave one place of max_open_deals for a renewal: a deal that finds none is never opened.
    slots = np.full((accounts.customer_id.size, realism.lifecycle.max_open_deals - 1), np.iinfo(np.int64).min)
    opened = np.zeros(n, dtype=bool)
    for k in range(int(rank.max(initial=-1)) + 1):
        rows = np.flatnonzero(rank == k)
        rows = rows[open_counts(slots[parent[rows]], created[rows]) < slots.shape[1]]
        opened[rows] = True
        # Upsells follow a win: a deal opened after the account's first closed win expands it.
        expansion = first_win[parent[rows]] < created[rows]
        deal_type[rows] = np.where(expansion, UPSELL, NEW_BUSINESS)
        lead = np.where(expansion, EXISTING_CUSTOMER_LEAD, new_lead[rows])
        known = replace(features.subset(rows), deal_type=deal_type[rows], lead=lead)
        chance = sigmoid(world.win_model.log_odds(known))
        engaged[rows] = u_engaged[rows] < chance
        won[rows] = engaged_outcome(u_outcome[rows], engaged[rows], chance, coupling)
        days = cycle_days(
            config, size[rows], deal_type[rows], realism.deal_size.sigma * z_amount[rows], ~won[rows], z_cycle[rows]
        )
        planned[rows] = created[rows] + (days * DAY).astype(np.int64)
        pulled = _pull_to_quarter_end(world, planned[rows], won[rows], u_pull[rows], u_day[rows])
        # Reps clear dead deals at month end: losses bunch there far more than wins (InsideSales).
        to_month_end = u_month_end[0, rows] < month_end_share[won[rows].astype(np.int64), parent[rows]]
        u = (u_close[0, rows], u_close[1, rows], to_month_end, u_month_end[1, rows])
        close[rows] = close_time(calendar, pulled, created[rows], won[rows], u, (zone[0][rows], zones[1]))
        done = won[rows] & (close[rows] <= world.as_of_s)
        np.minimum.at(first_win, parent[rows][done], close[rows][done])
        take_place(slots, parent[rows], close[rows])
    target = (
        company_median_cents(world, accounts)[parent]
        * TYPE_AMOUNT_FACTOR[deal_type]
        * np.exp(realism.deal_size.sigma * z_amount)
    ).astype(np.int64)
    lead = np.where(deal_type == NEW_BUSINESS, new_lead, EXISTING_CUSTOMER_LEAD)
    first = Resolved(
        parent,
        deal_type,
        lead,
        category,
        subscription,
        replace(features, deal_type=deal_type, lead=lead),
        target,
        created,
        planned,
        close,
        won,
        key,
        engaged,
    )
    first = first.take(np.flatnonzero(opened))
    renewals = renewal_chains(world, block, first, zones, month_end_share)
    every = place_renewals(first, renewals, accounts.customer_id.size, realism.lifecycle.max_open_deals)
    every = end_at_churn(every, accounts.customer_id.size)
    return _finish(world, block, accounts, every.take(np.lexsort((every.created, every.parent))))


def _finish(world: World, block: int, accounts: Accounts, deals: Resolved) -> Deals:
    """The block's deals, ordered by account and creation: state at as_of, stage path, ids, forecast."""
    config = world.config
    closed = deals.close <= world.as_of_s
    won = deals.won & closed
    end = np.where(closed, deals.close, world.as_of_s)
    stage, entries = _stage_path(world, block, deals, closed)
    rank = rank_within(deals.parent)
    numbers = _opaque_numbers(
        deals.parent, rank, accounts.customer_id.size, draw(world.seed, OpportunityDraw.NUMBERING, block)
    )
    n = deals.parent.size
    size = accounts.size[deals.parent]
    forecast = cycle_days(config, size, deals.deal_type, deals.features.log_size_ratio, np.zeros(n, bool), np.zeros(n))
    return Deals(
        accounts.customer_id[deals.parent] * 1000 + numbers,
        deals.parent,
        deals.deal_type,
        deals.lead,
        deals.category,
        np.maximum(deals.target_cents, 100),
        deals.created,
        deals.planned,
        end,
        closed,
        won,
        stage,
        entries,
        deals.features.has_competitor,
        forecast,
        deals.subscription,
        deals.key,
        deals.engaged,
        sigmoid(world.win_model.log_odds(deals.features)),
    )


def _opaque_numbers(parent: np.ndarray, rank: np.ndarray, customers: int, rng: np.random.Generator) -> np.ndarray:
    """Distinct numbers 1..999 per customer that reveal neither the deal's rank nor the deal count.

    A random start and a random step coprime to 999 walk the range without
    repeats, so an id carries no signal a model could learn.
    """
    start = rng.integers(0, 999, customers)  # per account of the block, whether it has deals or not
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
    # No look at as_of: whether a win slips is decided by its own draws, so a later as_of changes nothing before it.
    apply = won & (months_to_go > 0) & (pull < world.config.realism.cycle.quarter_end_pull)
    return np.where(apply, moved, planned)


def _stage_path(world: World, block: int, deals: Resolved, closed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Last open stage reached by as_of and the entry time of each stage up to the deal's last.

    Won deals pass every open stage; lost deals drop out of an earlier stage more often than a
    later one. The path is laid over the deal's own timeline — creation to its eventual close,
    from its own draws — and as_of only says how far along it the deal is: a later as_of never
    moves an earlier stage entry (the timeline is causal).
    """
    stages = len(world.config.realism.pipeline.stage_probabilities)
    lost_weights = np.arange(stages, 0, -1, dtype=float)
    lost_draw = keyed_uniform(world.seed, OpportunityDraw.LOST_STAGE, block, deals.key)[0]
    lost_stage = np.searchsorted(np.cumsum(lost_weights) / lost_weights.sum(), lost_draw * 0.999999)
    last = np.where(deals.won, stages - 1, lost_stage)
    # Gamma(2, 1) stage lengths as the sum of two exponentials, keyed by deal like every deal draw.
    u = keyed_uniform(world.seed, OpportunityDraw.STAGE_DURATIONS, block, deals.key, lanes=2 * stages)
    durations = (-np.log1p(-u[:stages]) - np.log1p(-u[stages:])).T
    durations[np.arange(stages)[None, :] > last[:, None]] = 0.0
    share = np.cumsum(durations, axis=1) - durations  # time before entering each stage
    share /= durations.sum(axis=1, keepdims=True)
    entries = deals.created[:, None] + (share * (deals.close - deals.created)[:, None]).astype(np.int64)
    reached = np.minimum((entries <= world.as_of_s).sum(axis=1) - 1, last)
    return np.where(closed, last, reached), entries
