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
import pyarrow.compute as pc

from salesgen.arrowkit import date_array
from salesgen.config import Config
from salesgen.entities.common import DAY, choose_lists, epoch_seconds, join, list_column, local_to_utc, repeat_suffix
from salesgen.entities.draws import SalesRepDraw, draw
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


AE, SDR, MANAGER, DIRECTOR = range(4)
LEADERS_PER_DIRECTOR = 8


@dataclass(frozen=True)
class TeamPlan:
    """Head count per role; account executives per segment (``SIZES`` order)."""

    aes: tuple[int, ...]
    sdrs: int
    managers: int
    directors: int

    @property
    def size(self) -> int:
        return sum(self.aes) + self.sdrs + self.managers + self.directors


def _split(total: int, weights: np.ndarray) -> np.ndarray:
    """``total`` split by ``weights`` (largest remainder); every weighted part gets one when it can."""
    weights = np.where(weights > 0, weights, 0.0)
    if total <= 0 or weights.sum() <= 0:
        return np.zeros(weights.size, dtype=np.int64)
    wanted = weights / weights.sum() * total
    parts = np.floor(wanted).astype(np.int64)
    parts[np.argsort(-(wanted - parts), kind="stable")[: total - parts.sum()]] += 1
    for empty in np.flatnonzero((parts == 0) & (weights > 0)):
        donor = int(np.argmax(parts))
        if parts[donor] > 1:
            parts[donor] -= 1
            parts[empty] += 1
    return np.asarray(parts)


def plan_team(config: Config) -> TeamPlan:
    """The team's head count per role: sized from the account base, or ``num_sales_reps`` split by the same ratios.

    Example:
        >>> plan = plan_team(Config(num_customers=20_000))
        >>> plan.aes, plan.sdrs, plan.managers, plan.directors
        ((40, 55, 58), 46, 25, 4)
        >>> plan_team(Config(num_customers=20_000, num_sales_reps=10)).size
        10
    """
    team, accounts = config.realism.team, config.realism.accounts
    demand = config.num_customers * np.array(accounts.size_mix.as_tuple()) / np.array(team.accounts_per_ae.as_tuple())
    if config.num_sales_reps is None:
        aes = np.where(demand > 0, np.ceil(demand - 1e-9), 0).astype(np.int64)
        staff = int(aes.sum()) + round(aes.sum() * team.sdrs_per_ae)
        managers = -(-staff // team.reps_per_manager) if staff >= 4 else 0
        directors = -(-managers // LEADERS_PER_DIRECTOR) if managers >= 2 else 0
        return TeamPlan(tuple(int(a) for a in aes), staff - int(aes.sum()), int(managers), int(directors))
    n = config.num_sales_reps
    leaders = round(n / (team.reps_per_manager + 1)) if n >= 5 else 0
    directors = -(-leaders // (LEADERS_PER_DIRECTOR + 1)) if leaders >= 3 else 0
    sdrs = round((n - leaders) * team.sdrs_per_ae / (1 + team.sdrs_per_ae)) if n >= 6 else 0
    aes = _split(n - leaders - sdrs, demand if demand.sum() > 0 else np.ones(len(SIZES)))
    return TeamPlan(tuple(int(a) for a in aes), sdrs, leaders - directors, directors)


@dataclass(frozen=True)
class Roster:
    """The reps without metrics, plus what blocks need to assign and model deals."""

    table: pa.Table  # every sales_reps column except METRIC_COLUMNS
    rep_id: np.ndarray
    role: np.ndarray  # AE, SDR, MANAGER or DIRECTOR
    segment: np.ndarray  # index into SIZES
    territory: np.ndarray  # index into TERRITORIES
    skill: np.ndarray  # log-odds shift of the rep's win probability
    utc_offset_s: np.ndarray  # the rep's UTC offset at as_of (their working day's clock)
    tenure_days: np.ndarray  # days employed at as_of
    quota_factor: np.ndarray  # the AE's quota relative to the segment norm (territory potential)

    @property
    def is_owner(self) -> np.ndarray:
        """Account executives own accounts and deals; SDRs, managers and directors do not."""
        return np.asarray(self.role == AE)

    def skill_of_owners_by_segment(self) -> list[np.ndarray]:
        """Per segment, the skills of the AEs who will own its accounts (all AEs if it has none)."""
        owners = np.flatnonzero(self.is_owner)
        pools = [owners[self.segment[owners] == seg] for seg in range(len(SIZES))]
        return [self.skill[pool if pool.size else owners] for pool in pools]

    def sdr_for(self, owner: np.ndarray) -> np.ndarray:
        """Row of the SDR who sources and qualifies deals for each owning AE (-1 where the team has no SDR).

        A segment's SDRs each serve a consecutive run of its AEs (a pod); a segment without SDRs borrows
        the whole team's.
        """
        aes, sdrs = np.flatnonzero(self.is_owner), np.flatnonzero(self.role == SDR)
        partner = np.full(self.rep_id.size, -1)
        for seg in range(len(SIZES)):
            pod_aes = aes[self.segment[aes] == seg]
            pod_sdrs = sdrs[self.segment[sdrs] == seg] if (self.segment[sdrs] == seg).any() else sdrs
            if pod_sdrs.size:
                partner[pod_aes] = pod_sdrs[np.arange(pod_aes.size) * pod_sdrs.size // max(pod_aes.size, 1)]
        return np.asarray(partner[owner])

    def _pools(self) -> list[tuple[np.ndarray, int, int]]:
        """(AE rows, segment, territory) of every book pool; -1 marks a fallback over all territories/segments."""
        owners = np.flatnonzero(self.is_owner)
        pools = []
        for seg in range(len(SIZES)):
            in_segment = owners[self.segment[owners] == seg]
            pool_all = in_segment if in_segment.size else owners
            pools.append((pool_all, seg, -1))
            for ter in range(len(TERRITORIES)):
                pool = in_segment[self.territory[in_segment] == ter]
                pools.append((pool if pool.size else pool_all, seg, ter))
        return pools

    def assign_owners(self, customer_id: np.ndarray, size: np.ndarray, territory: np.ndarray, total: int) -> np.ndarray:
        """Row index of each customer's owning AE: a book of consecutive customer ids per AE.

        Customers go to the AEs of their segment and territory (else of their segment, else any AE);
        within that pool, customer id ``c`` of ``total`` goes to AE ``floor((c - 1) * pool / total)``,
        so an AE's book spans a narrow range of ids — a few blocks at most when the team is sized
        from the accounts — and the owner never depends on how blocks are run.
        """
        pick = np.zeros(customer_id.size, dtype=np.int64)
        for pool, seg, ter in self._pools():
            rows = np.flatnonzero((size == seg) & (territory == ter)) if ter >= 0 else np.zeros(0, np.int64)
            if rows.size and pool.size:
                pick[rows] = pool[(customer_id[rows] - 1) * pool.size // max(total, 1)]
        return pick

    def block_span(self, total: int, block_size: int) -> tuple[np.ndarray, np.ndarray]:
        """Per rep, the first block holding one of its accounts and how many blocks its book may span."""
        first = np.full(self.rep_id.size, np.iinfo(np.int64).max)
        last = np.full(self.rep_id.size, -1)
        for pool, _seg, _ter in self._pools():
            position = np.arange(pool.size)
            low = (position * max(total, 1) + pool.size - 1) // max(pool.size, 1)  # first 0-based id of the book
            high = ((position + 1) * max(total, 1) + pool.size - 1) // max(pool.size, 1) - 1
            np.minimum.at(first, pool, low // block_size)
            np.maximum.at(last, pool, np.maximum(high, low) // block_size)
        first = np.where(last < 0, 0, first)
        return first, np.maximum(last - first + 1, 1)


def _roles(plan: TeamPlan) -> tuple[np.ndarray, np.ndarray]:
    """Role and segment per row: directors, managers, then AEs by segment, then SDRs."""
    aes = np.array(plan.aes, dtype=np.int64)
    ae_segment = np.repeat(np.arange(len(SIZES)), aes)
    sdr_segment = (
        ae_segment[(np.arange(plan.sdrs) * max(aes.sum(), 1)) // max(plan.sdrs, 1)]
        if aes.sum()
        else (np.zeros(plan.sdrs, dtype=np.int64))
    )
    staff_segment = np.r_[ae_segment, np.sort(sdr_segment)]
    lead_segment = (
        staff_segment[(np.arange(plan.managers) * staff_segment.size) // max(plan.managers, 1)]
        if (staff_segment.size)
        else np.zeros(plan.managers, dtype=np.int64)
    )
    role = np.r_[np.full(plan.directors, DIRECTOR), np.full(plan.managers, MANAGER), np.full(aes.sum(), AE)]
    role = np.r_[role, np.full(plan.sdrs, SDR)].astype(np.int64)
    segment = np.r_[np.zeros(plan.directors, np.int64), lead_segment, staff_segment].astype(np.int64)
    return role, segment


def _titles(role: np.ndarray, segment: np.ndarray, tenure: np.ndarray) -> np.ndarray:
    """Index into REP_TITLES: SDR; AE (senior after 3 years in mid-market); Enterprise AE; manager; director."""
    ae_title = np.select([segment == 2, (segment == 1) & (tenure > 3 * 365)], [3, 2], 1)
    return np.asarray(np.choose(role, [ae_title, np.zeros_like(role), np.full_like(role, 4), np.full_like(role, 5)]))


def build_roster(config: Config, seed: int) -> Roster:
    """The sales team: AEs by segment and territory, SDRs, managers leading 6-10 reps, directors."""
    role, segment = _roles(plan_team(config))
    n = role.size
    vocab = countries()
    country = draw(seed, SalesRepDraw.COUNTRY).choice(len(vocab), n, p=config.country_weights())
    territory = np.array([TERRITORIES.index(v.territory) for v in vocab])[country]
    manager = _managers(role, segment)
    rep_id = np.arange(1, n + 1, dtype=np.int64)
    names = sample_names(country, draw(seed, SalesRepDraw.NAME))
    local = join(names.first_ascii, ".", names.last_ascii)
    as_of_s = epoch_seconds(config.as_of)
    as_of_day = as_of_s // DAY
    years = np.select([role == DIRECTOR, role == MANAGER], [np.log(2400), np.log(1500)], np.log(900))
    tenure = np.minimum(30 + draw(seed, SalesRepDraw.HIRE_DATE).lognormal(years, 0.7).astype(np.int64), 15 * 365)
    title = _titles(role, segment, tenure)
    expertise = draw(seed, SalesRepDraw.EXPERTISE)
    country_code = pa.array(np.array([v.code for v in vocab])[country])
    places = sample_places(country, draw(seed, SalesRepDraw.PLACE))
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
            "hire_date": date_array(as_of_day - tenure),
            "country": country_code,
            "nationality": country_code,
            "languages": sample_languages(country, country, draw(seed, SalesRepDraw.LANGUAGES)),
            "timezone": places.timezone,
        }
    )
    skill = draw(seed, SalesRepDraw.SKILL).normal(0.0, config.realism.win.rep_skill_sigma, n)
    spread = config.realism.team.quota_spread
    quota_factor = np.exp(draw(seed, SalesRepDraw.QUOTA).normal(-spread * spread / 2, spread, n))
    offsets = _utc_offsets(places.timezone, as_of_s)
    return Roster(table, rep_id, role, segment, territory, skill, offsets, tenure, quota_factor)


def _utc_offsets(zones: pa.Array, at_s: int) -> np.ndarray:
    """Seconds to add to UTC for each zone's wall clock at ``at_s``."""
    codes = pc.dictionary_encode(zones)
    local = np.full(len(zones), at_s, dtype=np.int64)
    names = codes.dictionary.to_pylist()
    return np.asarray(at_s - local_to_utc(local, codes.indices.to_numpy(zero_copy_only=False), names))


def _managers(role: np.ndarray, segment: np.ndarray) -> np.ndarray:
    """Row of each rep's manager (-1: none): AEs and SDRs in consecutive teams under the managers of
    their segment, managers split over the directors."""
    manager = np.full(role.size, -1)
    managers, directors = np.flatnonzero(role == MANAGER), np.flatnonzero(role == DIRECTOR)
    staff = np.flatnonzero((role == AE) | (role == SDR))
    staff = staff[np.argsort(segment[staff], kind="stable")]
    if managers.size:
        manager[staff] = managers[(np.arange(staff.size) * managers.size) // max(staff.size, 1)]
        if directors.size:
            manager[managers] = directors[(np.arange(managers.size) * directors.size) // managers.size]
    elif directors.size:
        manager[staff] = directors[np.arange(staff.size) % directors.size]
    return manager
