"""Run-scope sales team: roles, territories, skill; metrics reduced from the deals.

The roster is built before any block. Each block returns ``RepTotals`` —
integer counts and sums per rep — and their sum, order-free and exact, gives
the metric columns, so the reps table is identical however blocks were run.

Example:
    >>> from salesgen.config import Config
    >>> roster = build_roster(Config(num_sales_reps=12), seed=1)
    >>> int(roster.is_owner.sum()) >= 1
    True
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
import pyarrow as pa

from salesgen.arrowkit import date_array, money_array
from salesgen.config import Config
from salesgen.entities.common import DAY, choose_lists, epoch_seconds, join, list_column, repeat_suffix
from salesgen.entities.outcomes import deal_volume_weights
from salesgen.entities.people import countries, sample_languages, sample_names, sample_phones, sample_places
from salesgen.random import stream
from salesgen.schema import SALES_REPS, arrow_schema
from salesgen.vocab.business import INDUSTRIES
from salesgen.vocab.domain import REP_TITLES, SEGMENT_LABELS, SIZES, TERRITORIES

METRIC_COLUMNS = ("annual_quota", "quota_attainment", "avg_deal_size", "win_rate", "avg_sales_cycle_days",
                  "deals_won", "deals_lost", "open_pipeline")


@dataclass(frozen=True)
class Roster:
    """The reps without metrics, plus what blocks need to assign and model deals."""

    table: pa.Table        # every sales_reps column except METRIC_COLUMNS
    rep_id: np.ndarray
    is_owner: np.ndarray   # account executives own accounts and deals
    segment: np.ndarray    # index into SIZES
    territory: np.ndarray  # index into TERRITORIES
    skill: np.ndarray      # log-odds shift of the rep's win probability

    def skill_of_owners_by_segment(self) -> list[np.ndarray]:
        """Per segment, the skills of the AEs who will own its accounts (all AEs if it has none)."""
        owners = np.flatnonzero(self.is_owner)
        pools = [owners[self.segment[owners] == seg] for seg in range(len(SIZES))]
        return [self.skill[pool if pool.size else owners] for pool in pools]

    def assign_owners(self, size: np.ndarray, territory: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """Row index of an owning rep per customer: same segment and territory when one exists.

        Falls back to an AE of the same segment, then to any AE.
        """
        owners = np.flatnonzero(self.is_owner)
        pick = owners[(rng.random(size.size) * owners.size).astype(np.int64)]
        pools = [(self.segment[owners] == seg, size == seg) for seg in range(len(SIZES))]
        pools += [((self.segment[owners] == seg) & (self.territory[owners] == ter), (size == seg) & (territory == ter))
                  for seg in range(len(SIZES)) for ter in range(len(TERRITORIES))]
        for rep_mask, customer_mask in pools:
            pool, rows = owners[rep_mask], np.flatnonzero(customer_mask)
            if pool.size and rows.size:
                pick[rows] = pool[(rng.random(rows.size) * pool.size).astype(np.int64)]
        return pick


def _roles(n: int) -> np.ndarray:
    """0 = AE, 1 = SDR, 2 = manager, 3 = director; small teams are all AEs."""
    managers = max(1, round(n / 8)) if n >= 4 else 0
    sdrs = round(n * 0.15) if n >= 6 else 0
    role = np.zeros(n, dtype=np.int64)
    role[:managers] = 2
    if managers >= 2:
        role[0] = 3
    role[managers:managers + sdrs] = 1
    return role


def build_roster(config: Config, seed: int) -> Roster:
    """The sales team: AEs split by segment and territory, SDRs, managers, a director."""
    n = config.num_sales_reps
    rng = stream(seed, SALES_REPS.code)
    role = _roles(n)
    vocab = countries()
    mix = config.country_weights()
    country = rng.choice(len(vocab), n, p=mix)
    territory = np.array([TERRITORIES.index(v.territory) for v in vocab])[country]
    segment = rng.choice(len(SIZES), n, p=deal_volume_weights(config))
    owners = np.flatnonzero(role == 0)
    if owners.size >= len(SIZES):  # every segment gets an AE
        segment[owners[: len(SIZES)]] = np.arange(len(SIZES))
    title = np.where(segment == 2, 4, np.where(rng.random(n) < 0.35, 2, 1)) - 1
    title = np.select([role == 1, role == 2, role == 3], [0, 4, 5], title + (segment == 2))
    manager_pool = np.flatnonzero(role == 2)
    director = np.flatnonzero(role == 3)
    manager = np.full(n, -1)
    if manager_pool.size:
        manager = manager_pool[np.arange(n) % manager_pool.size]
    if director.size:
        manager[role == 2] = director[0]
    manager[role == 3] = -1
    manager[manager == np.arange(n)] = -1
    rep_id = np.arange(1, n + 1, dtype=np.int64)
    names = sample_names(country, rng)
    local = join(names.first_ascii, ".", names.last_ascii)
    email = join(local, pa.array(repeat_suffix(local)), "@", config.seller_domain)
    as_of_day = epoch_seconds(config.as_of) // DAY
    hire = as_of_day - np.minimum(30 + rng.lognormal(np.log(900), 0.7, n).astype(np.int64), 15 * 365)
    team = join(pa.array(np.array(TERRITORIES)[territory]), " ", pa.array(np.array(SEGMENT_LABELS)[segment]))
    places = sample_places(country, rng)
    territories = list_column(np.arange(n + 1), pa.array(np.array(TERRITORIES)[territory]))
    table = pa.Table.from_arrays([
        pa.array(rep_id), names.first, names.last, email, sample_phones(country, rng),
        pa.array(np.array(REP_TITLES)[title]), pa.array(rep_id[manager], mask=manager < 0),
        team, pa.array(np.array(SIZES)[segment]), territories,
        choose_lists(pa.array(list(INDUSTRIES)), rng.integers(1, 4, n), rng), date_array(hire),
        pa.array(np.array([v.code for v in vocab])[country]), pa.array(np.array([v.code for v in vocab])[country]),
        sample_languages(country, country, rng), places.timezone,
    ], names=[c for c in SALES_REPS.column_names if c not in METRIC_COLUMNS])
    skill = rng.normal(0.0, config.realism.win.rep_skill_sigma, n)
    return Roster(table, rep_id, role == 0, segment, territory, skill)


@dataclass
class RepTotals:
    """Per-rep integer sums from deals; adding two gives the sum over both sets of blocks."""

    won: np.ndarray
    lost: np.ndarray
    won_cents: np.ndarray
    won_cycle_seconds: np.ndarray
    open_cents: np.ndarray
    trailing_year_won_cents: np.ndarray

    @classmethod
    def zeros(cls, n: int) -> RepTotals:
        return cls(*(np.zeros(n, dtype=np.int64) for _ in fields(cls)))

    def __add__(self, other: RepTotals) -> RepTotals:
        return RepTotals(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


def finish_reps(roster: Roster, totals: RepTotals, config: Config) -> pa.Table:
    """The sales_reps table: roster plus quota and metrics from the reduced totals."""
    closed = totals.won + totals.lost
    quota = _quotas(roster, totals, config)
    with np.errstate(divide="ignore", invalid="ignore"):
        win_rate = np.round(totals.won / closed, 4)
        avg_deal = (totals.won_cents * 2 + totals.won) // np.maximum(2 * totals.won, 1)
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
    columns = [metrics[c] if c in metrics else roster.table.column(c) for c in SALES_REPS.column_names]
    return pa.Table.from_arrays(columns, schema=arrow_schema(SALES_REPS.name))


def _quotas(roster: Roster, totals: RepTotals, config: Config) -> np.ndarray:
    """Quota per AE: the segment's mean trailing-year bookings x stretch, rounded to $1,000."""
    floor_cents = np.array(config.realism.deal_size.median.as_tuple()) * 100 * 10
    quota = np.zeros(roster.rep_id.size, dtype=np.int64)
    for seg in range(len(SIZES)):
        members = roster.is_owner & (roster.segment == seg)
        if members.any():
            mean = totals.trailing_year_won_cents[members].sum() / members.sum()
            target = max(mean * config.realism.team.quota_stretch, floor_cents[seg])
            quota[members] = round(target / 100_000) * 100_000
    return quota
