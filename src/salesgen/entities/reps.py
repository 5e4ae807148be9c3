"""Run-scope sales team: roles, territories, skill; metrics reduced from the deals.

The roster is built before any block; the metric columns are reduced from
the blocks' deals by ``salesgen.entities.rep_metrics``.

Example:
    >>> from salesgen.config import Config
    >>> roster = build_roster(Config(num_sales_reps=12), seed=1)
    >>> int(roster.is_owner.sum()) >= 1
    True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from salesgen.arrowkit import date_array
from salesgen.config import Config
from salesgen.entities.common import DAY, choose_lists, epoch_seconds, join, list_column, repeat_suffix
from salesgen.entities.draws import SalesRepDraw, draw
from salesgen.entities.outcomes import deal_volume_weights
from salesgen.entities.people import countries, sample_languages, sample_names, sample_phones, sample_places
from salesgen.vocab.business import INDUSTRIES
from salesgen.vocab.domain import REP_TITLES, SEGMENT_LABELS, SIZES, TERRITORIES

METRIC_COLUMNS = (
    "annual_quota",
    "quota_attainment",
    "avg_deal_size",
    "win_rate",
    "avg_sales_cycle_days",
    "deals_won",
    "deals_lost",
    "open_pipeline",
)


@dataclass(frozen=True)
class Roster:
    """The reps without metrics, plus what blocks need to assign and model deals."""

    table: pa.Table  # every sales_reps column except METRIC_COLUMNS
    rep_id: np.ndarray
    is_owner: np.ndarray  # account executives own accounts and deals
    segment: np.ndarray  # index into SIZES
    territory: np.ndarray  # index into TERRITORIES
    skill: np.ndarray  # log-odds shift of the rep's win probability

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
        pools += [
            ((self.segment[owners] == seg) & (self.territory[owners] == ter), (size == seg) & (territory == ter))
            for seg in range(len(SIZES))
            for ter in range(len(TERRITORIES))
        ]
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
    role[managers : managers + sdrs] = 1
    return role


def build_roster(config: Config, seed: int) -> Roster:
    """The sales team: AEs split by segment and territory, SDRs, managers, a director."""
    n = config.num_sales_reps
    role = _roles(n)
    vocab = countries()
    country = draw(seed, SalesRepDraw.COUNTRY).choice(len(vocab), n, p=config.country_weights())
    territory = np.array([TERRITORIES.index(v.territory) for v in vocab])[country]
    segment = draw(seed, SalesRepDraw.SEGMENT).choice(len(SIZES), n, p=deal_volume_weights(config))
    owners = np.flatnonzero(role == 0)
    if owners.size >= len(SIZES):  # every segment gets an AE
        segment[owners[: len(SIZES)]] = np.arange(len(SIZES))
    title = np.where(segment == 2, 4, np.where(draw(seed, SalesRepDraw.TITLE).random(n) < 0.35, 2, 1)) - 1
    title = np.select([role == 1, role == 2, role == 3], [0, 4, 5], title + (segment == 2))
    manager = _managers(role)
    rep_id = np.arange(1, n + 1, dtype=np.int64)
    names = sample_names(country, draw(seed, SalesRepDraw.NAME))
    local = join(names.first_ascii, ".", names.last_ascii)
    as_of_day = epoch_seconds(config.as_of) // DAY
    tenure = draw(seed, SalesRepDraw.HIRE_DATE).lognormal(np.log(900), 0.7, n).astype(np.int64)
    expertise = draw(seed, SalesRepDraw.EXPERTISE)
    country_code = pa.array(np.array([v.code for v in vocab])[country])
    table = pa.table(
        {
            "rep_id": pa.array(rep_id),
            "first_name": names.first,
            "last_name": names.last,
            "email": join(local, pa.array(repeat_suffix(local)), "@", config.seller_domain),
            "phone": sample_phones(country, draw(seed, SalesRepDraw.PHONE)),
            "title": pa.array(np.array(REP_TITLES)[title]),
            "manager_id": pa.array(rep_id[manager], mask=manager < 0),
            "team": join(pa.array(np.array(TERRITORIES)[territory]), " ", pa.array(np.array(SEGMENT_LABELS)[segment])),
            "segment": pa.array(np.array(SIZES)[segment]),
            "territories": list_column(np.arange(n + 1), pa.array(np.array(TERRITORIES)[territory])),
            "expertise": choose_lists(pa.array(list(INDUSTRIES)), expertise.integers(1, 4, n), expertise),
            "hire_date": date_array(as_of_day - np.minimum(30 + tenure, 15 * 365)),
            "country": country_code,
            "nationality": country_code,
            "languages": sample_languages(country, country, draw(seed, SalesRepDraw.LANGUAGES)),
            "timezone": sample_places(country, draw(seed, SalesRepDraw.PLACE)).timezone,
        }
    )
    skill = draw(seed, SalesRepDraw.SKILL).normal(0.0, config.realism.win.rep_skill_sigma, n)
    return Roster(table, rep_id, role == 0, segment, territory, skill)


def _managers(role: np.ndarray) -> np.ndarray:
    """Row of each rep's manager (-1: none): AEs and SDRs round-robin over managers, managers under the director."""
    n = role.size
    manager_pool = np.flatnonzero(role == 2)
    director = np.flatnonzero(role == 3)
    manager = np.full(n, -1)
    if manager_pool.size:
        manager = manager_pool[np.arange(n) % manager_pool.size]
    if director.size:
        manager[role == 2] = director[0]
    manager[role == 3] = -1
    manager[manager == np.arange(n)] = -1
    return manager
