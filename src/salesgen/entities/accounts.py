"""A block's accounts: the customer companies as arrays, before their deals are known.

The customers table itself is finished in ``salesgen.entities.customers``
(its status follows from the deals); contacts hang off these accounts in
``salesgen.entities.contacts``.

Example:
    >>> from salesgen.entities.world import build_world
    >>> from salesgen.config import Config
    >>> world = build_world(Config(num_customers=5, num_sales_reps=2), seed=1)
    >>> accounts = build_accounts(world, block=0)
    >>> accounts.customer_id.tolist()
    [1, 2, 3, 4, 5]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from salesgen.arrowkit import timestamp_array
from salesgen.entities.common import DAY, labels
from salesgen.entities.draws import CustomerDraw, draw
from salesgen.entities.people import countries, sample_phones, sample_places
from salesgen.entities.world import World
from salesgen.vocab.business import INDUSTRIES
from salesgen.vocab.companies import MAX_EMPLOYEES
from salesgen.vocab.domain import SIZES, TERRITORIES

EMPLOYEE_BANDS = ((5, 199), (200, 999), (1000, 250_000))
CONTACT_LEAD_DAYS = 30  # contacts are added within this many days of the account
RECENT_ACCOUNT_GAP_DAYS = 120  # no account is created in the last 120 days (or half a short history)
STANDING_BASE_YEARS = 6  # the standing base joined over the years before the history window


@dataclass(frozen=True)
class Accounts:
    """A block's customers as arrays; the customers table is assembled once deals are known."""

    customer_id: np.ndarray
    size: np.ndarray  # index into SIZES
    industry: np.ndarray  # index into INDUSTRIES
    country: np.ndarray  # index into countries()
    owner: np.ndarray  # row index into the roster
    created_s: np.ndarray
    customer_columns: dict[str, pa.Array]  # every customers column but status


def block_ids(world: World, block: int) -> np.ndarray:
    """The customer ids of ``block``: block * block_size + 1 … (clipped to num_customers)."""
    size = world.config.block_size
    return np.arange(block * size + 1, min((block + 1) * size, world.config.num_customers) + 1, dtype=np.int64)


def build_accounts(world: World, block: int) -> Accounts:
    """Customers of one block: size, headcount, revenue, place, age, name, owner."""
    config, realism = world.config, world.config.realism
    customer_id = block_ids(world, block)
    n = customer_id.size

    def rng(purpose: CustomerDraw) -> np.random.Generator:
        return draw(world.seed, purpose, block)

    country = rng(CustomerDraw.COUNTRY).choice(len(countries()), n, p=world.country_weights)
    parts = world.namer.name_parts(customer_id, country)
    industry = parts[1]
    size = rng(CustomerDraw.SIZE).choice(len(SIZES), n, p=np.array(realism.accounts.size_mix.as_tuple()))
    low, high = (np.array(b)[size] for b in zip(*EMPLOYEE_BANDS, strict=True))
    employees = np.minimum(np.exp(rng(CustomerDraw.EMPLOYEES).uniform(np.log(low), np.log(high + 1))), high)
    enterprise = np.minimum(1000 * np.exp(rng(CustomerDraw.ENTERPRISE_EMPLOYEES).exponential(1.3, n)), high)
    employees = np.where(size == 2, enterprise, employees.astype(np.int64)).astype(np.int64)
    employees = np.minimum(employees, np.array([MAX_EMPLOYEES[i] for i in INDUSTRIES])[industry])
    revenue_per_head = np.array([v[1] for v in INDUSTRIES.values()])[industry] * rng(
        CustomerDraw.REVENUE_PER_HEAD
    ).lognormal(0, 0.35, n)
    per_head = np.clip(revenue_per_head, 25_000, 1_800_000) * world.currency.per_usd  # USD figures, in the currency
    revenue = np.round(employees * per_head / 1000).astype(np.int64) * 100_000
    territory = np.array([TERRITORIES.index(v.territory) for v in countries()])[country]
    places = sample_places(country, rng(CustomerDraw.PLACE))
    created = _created(world, rng(CustomerDraw.CREATED).random(n))
    age_years = rng(CustomerDraw.AGE).lognormal(np.log(np.array([8, 18, 35])[size]), 0.6)
    founded = np.maximum(config.as_of.year - 1 - age_years.astype(np.int64), 1850)
    sub_industry = labels(_sub_industries().ravel(), industry * 4 + rng(CustomerDraw.SUB_INDUSTRY).integers(0, 4, n))
    name, domain = world.namer.names(
        parts, country, size, sub_industry, rng(CustomerDraw.LEGAL_FORM), rng(CustomerDraw.DOMAIN_TLD)
    )
    owner = world.roster.assign_owners(customer_id, size, territory, config.num_customers)
    columns = {
        "customer_id": pa.array(customer_id),
        "name": name,
        "domain": domain,
        "industry": labels(world.namer.industries, industry),
        "sub_industry": sub_industry,
        "size": labels(SIZES, size),
        "employees": pa.array(employees),
        "annual_revenue": world.money(revenue),
        "country": labels(world.country_codes, country),
        "region": places.region,
        "city": places.city,
        "address": places.address,
        "postal_code": places.postal_code,
        "phone": sample_phones(country, rng(CustomerDraw.PHONE), places.city_index.to_numpy(zero_copy_only=False)),
        "timezone": places.timezone,
        "founded_year": pa.array(founded),
        "owner_rep_id": pa.array(world.roster.rep_id[owner]),
        "created_at": timestamp_array(created),
    }
    return Accounts(customer_id, size, industry, country, owner, created, columns)


def _created(world: World, u: np.ndarray) -> np.ndarray:
    """When each account joined the CRM: a standing base before the window, then growth inside it.

    The base grows by ``lifecycle.growth_rate`` a year, so the accounts that predate the window are
    1 / (1 + rate) ** years of them all; they joined over the ``STANDING_BASE_YEARS`` before it. The
    rest join inside the window at a rate growing by the same factor, leaving its last stretch for
    them to get deals. ``u`` is one uniform per account: its quantile in that timeline.
    """
    config = world.config
    rate = config.realism.lifecycle.growth_rate
    quiet_tail = min(RECENT_ACCOUNT_GAP_DAYS, config.history_days // 2) * DAY
    span = world.as_of_s - quiet_tail - world.history_start_s
    growth = (1 + rate) ** (span / (365 * DAY))
    base_share = 1 / growth
    base_span = STANDING_BASE_YEARS * 365 * DAY
    before = world.history_start_s - ((1 - u / base_share) * base_span).astype(np.int64)
    later = np.clip((u - base_share) / max(1 - base_share, 1e-12), 0, 1)
    years_in = np.log1p(later * (growth - 1)) / np.log(1 + rate) if rate > 0 else later * span / (365 * DAY)
    inside = world.history_start_s + np.minimum((years_in * 365 * DAY).astype(np.int64), span)
    return np.asarray(np.where(u < base_share, before, inside))


def _sub_industries() -> np.ndarray:
    return np.array([v[0] for v in INDUSTRIES.values()])
