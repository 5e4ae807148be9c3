"""The sales_reps metric columns, reduced from the deals of every block.

Each block returns ``RepTotals`` — integer counts and sums per rep — and their
sum, order-free and exact, gives the metric columns, so the reps table is
identical however blocks were run.

Example:
    >>> from salesgen.config import Config
    >>> from salesgen.entities.reps import build_roster
    >>> config = Config(num_sales_reps=3)
    >>> roster = build_roster(config, seed=1)
    >>> finish_reps(roster, RepTotals.zeros(3), config).column("deals_won").to_pylist()
    [0, 0, 0]
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
import pyarrow as pa

from salesgen.arrowkit import money_array
from salesgen.config import Config
from salesgen.contract import assemble
from salesgen.entities.accounts import Accounts
from salesgen.entities.common import DAY
from salesgen.entities.deals import Deals
from salesgen.entities.line_items import LineItems
from salesgen.entities.reps import Roster
from salesgen.entities.world import World
from salesgen.vocab.currencies import currency_spec
from salesgen.vocab.domain import SIZES

QUOTA_FLOOR_DEALS = 3  # a quota is never below this many typical deals of the segment (a new book still carries one)


@dataclass
class RepTotals:
    """Per-rep integer sums from deals; adding two gives the sum over both sets of blocks."""

    won: np.ndarray
    lost: np.ndarray
    won_cents: np.ndarray
    won_cycle_seconds: np.ndarray
    open_cents: np.ndarray
    trailing_year_won_cents: np.ndarray
    trailing_year_expected_cents: np.ndarray  # the trailing year's closed deals at their win chance

    @classmethod
    def zeros(cls, n: int) -> RepTotals:
        return cls(*(np.zeros(n, dtype=np.int64) for _ in fields(cls)))

    def __add__(self, other: RepTotals) -> RepTotals:
        return RepTotals(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


def block_rep_totals(world: World, accounts: Accounts, deals: Deals, items: LineItems) -> RepTotals:
    """One block's contribution to every rep's metrics (owners of the deals' accounts)."""
    totals = RepTotals.zeros(world.roster.rep_id.size)
    owner = accounts.owner[deals.customer]
    amount = items.amount_cents
    trailing = deals.won & (deals.end_s > world.as_of_s - 365 * DAY)
    worked = deals.closed & (deals.end_s > world.as_of_s - 365 * DAY)
    expected = np.round(deals.chance * amount).astype(np.int64)
    for target, mask, values in (
        (totals.won, deals.won, None),
        (totals.lost, deals.lost, None),
        (totals.won_cents, deals.won, amount),
        (totals.won_cycle_seconds, deals.won, deals.end_s - deals.created_s),
        (totals.open_cents, ~deals.closed, amount),
        (totals.trailing_year_won_cents, trailing, amount),
        (totals.trailing_year_expected_cents, worked, expected),
    ):
        np.add.at(target, owner[mask], 1 if values is None else values[mask])
    return totals


def finish_reps(roster: Roster, totals: RepTotals, config: Config) -> pa.Table:
    """The sales_reps table: roster plus quota and metrics from the reduced totals."""
    closed = totals.won + totals.lost
    quota = _quotas(roster, totals, config)
    with np.errstate(divide="ignore", invalid="ignore"):
        win_rate = np.round(totals.won / closed, 4)
        avg_deal = currency_spec(config.currency).round_half_up(totals.won_cents, np.maximum(totals.won, 1))
        cycle = np.round(totals.won_cycle_seconds / np.maximum(totals.won, 1) / DAY, 1)
        attainment = np.round(totals.trailing_year_won_cents / np.maximum(quota, 1), 4)
    metrics = {
        "annual_quota": money_array(quota),
        "quota_attainment": pa.array(attainment, mask=quota == 0),
        "avg_deal_size": money_array(avg_deal, totals.won == 0),
        "win_rate": pa.array(win_rate, mask=closed == 0),
        "avg_sales_cycle_days": pa.array(cycle, mask=totals.won == 0),
        "deals_won": pa.array(totals.won),
        "deals_lost": pa.array(totals.lost),
        "open_pipeline": money_array(totals.open_cents),
    }
    return assemble(
        "sales_reps", {**{name: roster.table.column(name) for name in roster.table.column_names}, **metrics}
    )


def _quotas(roster: Roster, totals: RepTotals, config: Config) -> np.ndarray:
    """Quota per AE in $10K steps: the book's potential x stretch x the rep's factor, scaled to the segment norm.

    The norm is the segment's median trailing-year AE bookings (what its books bear). The potential is
    what the deals the book works in the year are expected to bring — each at its win chance, not its
    outcome — so a big or small book carries a quota to match and attainment spreads with deal luck;
    the quota leans from the norm toward it by ``quota_potential_weight`` (geometric mix).
    Managers, directors and SDRs carry no personal quota.
    """
    team = config.realism.team
    per_usd = currency_spec(config.currency).per_usd
    floor_cents = np.array(config.realism.deal_size.median.as_tuple()) * 100 * QUOTA_FLOOR_DEALS * per_usd
    quota = np.zeros(roster.rep_id.size, dtype=np.int64)
    for seg in range(len(SIZES)):
        members = roster.is_owner & (roster.segment == seg)
        if members.any():
            norm = max(float(np.median(totals.trailing_year_won_cents[members])), floor_cents[seg])
            potential = np.maximum(totals.trailing_year_expected_cents[members], floor_cents[seg])
            weight = team.quota_potential_weight
            own = norm ** (1 - weight) * potential**weight
            own *= norm / max(float(np.median(own)), 1.0)  # the segment's median quota stays at the norm
            target = own * team.quota_stretch * roster.quota_factor[members]
            quota[members] = np.maximum(np.round(target / 1_000_000), 1).astype(np.int64) * 1_000_000
    return quota
