"""Renewals: every won subscription renews (or not) at the end of each term, as a chain of deals.

A subscription won at ``close`` runs ``lifecycle.subscription_term_months``; its
renewal opportunity opens ``renewal_lead_days`` (±30%) before the term ends and
closes around that date. A won renewal starts the next term; a lost one ends
the subscription (the customer churns when nothing else is live). Only
subscriptions renew, and only once their term is nearly over.

The k-th renewal of the chain rooted at a deal draws from row k of that deal's
draws, so a chain never shifts another's numbers.

Example:
    >>> from salesgen.config import Config
    >>> from salesgen.entities.accounts import build_accounts
    >>> from salesgen.entities.deals import build_deals
    >>> from salesgen.entities.world import build_world
    >>> world = build_world(Config(num_customers=300), seed=2)
    >>> deals = build_deals(world, 0, build_accounts(world, 0))
    >>> bool(deals.subscription[deals.deal_type == RENEWAL].all())
    True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace

import numpy as np

from salesgen.entities.calendar import close_time, open_time
from salesgen.entities.common import DAY, rank_within
from salesgen.entities.draws import OpportunityDraw, hashed_normal, hashed_uniform, keyed_uniform, stream_base
from salesgen.entities.outcomes import (
    EXISTING_CUSTOMER_LEAD,
    RENEWAL,
    DealFeatures,
    cycle_days,
    engaged_outcome,
    sigmoid,
)
from salesgen.entities.world import World

MAX_TERMS = 12  # renewals per chain at most (a 12-month term over a long history)
KEY_STRIDE = 16  # a new deal's key x 16; its renewals take the keys after it (MAX_TERMS < 16)
RENEWAL_CLOSE_SPREAD_DAYS = 12.0  # renewals close around term end


@dataclass(frozen=True)
class Resolved:
    """Deals whose type, timing and outcome are decided (one row per deal, any order)."""

    parent: np.ndarray  # row of the block's accounts
    deal_type: np.ndarray
    lead: np.ndarray
    category: np.ndarray
    subscription: np.ndarray
    features: DealFeatures
    target_cents: np.ndarray
    created: np.ndarray
    planned: np.ndarray
    close: np.ndarray  # may be after as_of: the deal is still open
    won: np.ndarray  # the outcome the deal is heading for
    key: np.ndarray  # uint64 key of the deal's draws: (customer, arrival) for new deals, (root, term) for renewals
    engaged: np.ndarray  # the buyer is engaged (drawn at opening on the win chance; the outcome leans on it)

    def take(self, rows: np.ndarray) -> Resolved:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values["features"] = self.features.subset(rows)
        return Resolved(**{k: v if k == "features" else v[rows] for k, v in values.items()})

    def concat(self, other: Resolved) -> Resolved:
        values = {
            f.name: np.concatenate([getattr(self, f.name), getattr(other, f.name)])
            for f in fields(self)
            if f.name != "features"
        }
        features = DealFeatures(
            *(
                np.concatenate([getattr(self.features, f.name), getattr(other.features, f.name)])
                for f in fields(DealFeatures)
            )
        )
        return Resolved(**values, features=features)


def renewal_chains(
    world: World, block: int, first: Resolved, zones: tuple[np.ndarray, Sequence[str]], month_end_share: np.ndarray
) -> Resolved:
    """Every renewal of every won subscription among ``first`` (and of the renewals they lead to).

    ``month_end_share[won, account]``: the share of the account's losses (row 0) and wins (row 1) booked at month end.
    """
    config = world.config
    lifecycle = config.realism.lifecycle
    term = int(lifecycle.subscription_term_months * 30.4375 * DAY)
    roots = np.flatnonzero(first.won & (first.close <= world.as_of_s) & first.subscription)
    base = first.take(roots)
    m = roots.size
    salts = (
        stream_base(world.seed, OpportunityDraw.RENEWAL_OUTCOME, block),
        stream_base(world.seed, OpportunityDraw.RENEWAL_LATENT, block),
    )

    def keyed(k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The k-th renewal's draws, keyed by (root deal, term): lead, outcome; noise, spread; calendar."""
        key = base.key + np.uint64(k + 1)  # new deals' keys step by 16 > MAX_TERMS: no two deals share one
        uniform = hashed_uniform(salts[0], key, lanes=8)
        return uniform[:2], hashed_normal(salts[1], key, lanes=2), uniform[2:]

    zone_codes = zones[0][base.parent]
    alive = np.ones(m, dtype=bool)
    term_end = base.close.copy()
    chain: list[Resolved] = []
    for k in range(MAX_TERMS):
        (lead_u, outcome_u), (noise, spread), calendar_u = keyed(k)
        term_end = term_end + term
        wanted = term_end - (lifecycle.renewal_lead_days * (0.7 + 0.6 * lead_u) * DAY).astype(np.int64)
        opened = open_time(config.realism.calendar, wanted, wanted, calendar_u[0:2], (zone_codes, zones[1]))
        exists = alive & (opened < world.as_of_s - DAY)
        if not exists.any():
            break
        features = replace(
            base.features, deal_type=np.full(m, RENEWAL), lead=np.full(m, EXISTING_CUSTOMER_LEAD), noise=noise
        )
        chance = sigmoid(world.win_model.log_odds(features))
        key = base.key + np.uint64(k + 1)
        engaged = keyed_uniform(world.seed, OpportunityDraw.RENEWAL_ENGAGEMENT, block, key)[0] < chance
        won = engaged_outcome(outcome_u, engaged, chance, config.realism.activity.engagement_coupling)
        quickest = opened + (
            cycle_days(config, features.size, features.deal_type, features.log_size_ratio, ~won, np.zeros(m))
            * 0.2
            * DAY
        ).astype(np.int64)
        planned = np.maximum(term_end + (spread * RENEWAL_CLOSE_SPREAD_DAYS * DAY).astype(np.int64), quickest)
        to_month_end = calendar_u[2] < month_end_share[won.astype(np.int64), base.parent]
        close = close_time(
            config.realism.calendar,
            planned,
            opened,
            won,
            (calendar_u[3], calendar_u[4], to_month_end, calendar_u[5]),
            (zone_codes, zones[1]),
        )
        uplift = np.exp(0.03 + 0.05 * spread)  # list-price uplift at renewal, with seats added or dropped
        rows = np.flatnonzero(exists)
        renewal = replace(
            base,
            deal_type=features.deal_type,
            lead=features.lead,
            features=features,
            target_cents=(base.target_cents * uplift).astype(np.int64),
            created=opened,
            planned=planned,
            close=close,
            won=won,
            key=key,
            engaged=engaged,
        )
        chain.append(renewal.take(rows))
        base = replace(base, target_cents=renewal.target_cents)
        alive = exists & won & (close <= world.as_of_s)
        term_end = np.where(alive, np.maximum(term_end, close), term_end)
    empty = first.take(np.zeros(0, dtype=np.int64))
    result = empty
    for part in chain:
        result = result.concat(part)
    return result


def open_counts(slots: np.ndarray, at: np.ndarray) -> np.ndarray:
    """Per row of ``slots`` (the close times of an account's latest deals), how many are still open at ``at``."""
    return np.asarray((slots > at[:, None]).sum(axis=1))


def take_place(slots: np.ndarray, accounts: np.ndarray, close: np.ndarray) -> None:
    """Record a new open deal (one per account at most) in the place of the account's earliest close."""
    place = np.argmin(slots[accounts], axis=1)
    slots[accounts, place] = close


def place_renewals(first: Resolved, renewals: Resolved, accounts: int, max_open: int) -> Resolved:
    """The renewals that find a place among the account's open deals; a chain that finds none lapses there.

    In creation order per account, a renewal is kept when its predecessor in the chain was and fewer
    than ``max_open`` deals are open at its creation (all of ``first`` are already placed). Whether a
    deal is open at a date is known at that date, so this keeps the timeline causal.
    """
    every = first.concat(renewals)
    order = np.lexsort((every.created, every.parent))
    is_renewal = np.r_[np.zeros(first.parent.size, bool), np.ones(renewals.parent.size, bool)][order]
    every = every.take(order)
    slots = np.full((accounts, max_open), np.iinfo(np.int64).min)
    keep = ~is_renewal
    key_order = np.argsort(every.key)
    rank = rank_within(every.parent)
    for k in range(int(rank.max(initial=-1)) + 1):
        rows = np.flatnonzero(rank == k)
        renewing = is_renewal[rows]
        wanted = np.searchsorted(every.key, every.key[rows] - np.uint64(1), sorter=key_order)
        before = key_order[np.minimum(wanted, every.key.size - 1)]  # the chain's previous deal (renewals only)
        room = open_counts(slots[every.parent[rows]], every.created[rows]) < max_open
        keep[rows] = np.where(renewing, keep[before] & room, True)
        placed = rows[keep[rows]]
        take_place(slots, every.parent[placed], every.close[placed])
    return every.take(np.flatnonzero(keep))


def end_at_churn(deals: Resolved, accounts: int) -> Resolved:
    """Drop every deal opened after the account lost a renewal: losing a renewal is the customer leaving.

    The churn date is the close of the account's first lost renewal (its eventual close: a deal opened
    after a date that lies beyond as_of does not exist at as_of either, so this stays causal).
    """
    lost = (deals.deal_type == RENEWAL) & ~deals.won
    churn = np.full(accounts, np.iinfo(np.int64).max)
    np.minimum.at(churn, deals.parent[lost], deals.close[lost])
    return deals.take(np.flatnonzero(deals.created <= churn[deals.parent]))
