"""Every named random draw of generation: one ``IntEnum`` of purposes per table.

A stream is keyed by (seed, table code, block, purpose) — see ``salesgen.streams``.
Each builder opens its own streams by purpose, so no generator is shared
between builders and the order in which builders run cannot change a number.
A member is used by exactly one builder (``tests/entities/test_draws.py`` checks it);
add a member for a new draw, never reuse one. Values only need to be unique
within their enum: the table code separates the enums.

Example:
    >>> a = draw(7, OpportunityDraw.STAGE_DURATIONS, block=0).random()
    >>> a == draw(7, OpportunityDraw.STAGE_DURATIONS, block=0).random() != draw(7, OpportunityDraw.OUTCOME, 0).random()
    True
    >>> TABLE_OF[OpportunityDraw].name
    'opportunities'
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np

from salesgen.contract import (
    COMPETITORS,
    CONTACTS,
    CUSTOMERS,
    DISCOUNT_TIERS,
    INTERACTIONS,
    LINE_ITEMS,
    OPPORTUNITIES,
    PRODUCTS,
    SALES_REPS,
    Table,
)
from salesgen.streams import RUN_SCOPE_BLOCK, stream


class ProductDraw(IntEnum):
    LIST_PRICE = 1
    LAUNCH_DATE = 2
    ACTIVE = 3
    FEATURES = 4
    CUSTOMIZATIONS = 5


class DiscountTierDraw(IntEnum):
    LADDER_SCALE = 1


class CompetitorDraw(IntEnum):
    NAME = 1
    PRICE_POSITION = 2
    STRENGTHS = 3
    HEADQUARTERS = 4


class SalesRepDraw(IntEnum):
    COUNTRY = 1
    SEGMENT = 2
    TITLE = 3
    NAME = 4
    HIRE_DATE = 5
    PLACE = 6
    PHONE = 7
    EXPERTISE = 8
    LANGUAGES = 9
    SKILL = 10
    QUOTA = 11


class CustomerDraw(IntEnum):
    NAMER_KEYS = 1  # run scope: the company-name bijection
    SIZE = 2
    EMPLOYEES = 3
    ENTERPRISE_EMPLOYEES = 4
    REVENUE_PER_HEAD = 5
    COUNTRY = 6
    PLACE = 7
    CREATED = 8
    AGE = 9
    LEGAL_FORM = 10
    OWNER = 11  # retired: owners follow customer-id ranges (reps.assign_owners); numbers are never reused
    SUB_INDUSTRY = 12
    PHONE = 13
    DOMAIN_TLD = 50  # values from 50 on: names, domains and phones (company_names.py, people.py)


class ContactDraw(IntEnum):
    COUNT = 1
    FOREIGN = 2
    NATIONALITY = 3
    NAME = 4
    EMAIL_STYLE = 5
    SENIORITY = 6
    FIRST_SENIORITY = 7
    DEPARTMENT = 8
    BUYING_ROLE = 9
    CREATED = 10
    PHONE = 11
    LANGUAGES = 12


class OpportunityDraw(IntEnum):
    WIN_MODEL_POPULATION = 1  # run scope: the deal population the intercepts are calibrated on
    COUNT = 2
    CREATED = 3
    COMPETITOR_PRESENT = 4
    LEAD_SOURCE = 5
    CATEGORY = 6
    EXPANSION_TYPE = 7
    OUTCOME = 8
    LATENT = 9  # amount, cycle and outcome noise
    QUARTER_PULL = 10
    QUARTER_DAY = 11
    LOST_STAGE = 12
    STAGE_DURATIONS = 13
    NUMBERING = 14
    RIVAL_COUNT = 15
    RIVALS = 16
    PRIMARY_CONTACT = 17
    LOSS_REASON = 18
    NEXT_STEP = 19
    OVERDUE = 20
    FORECAST = 21
    CREATED_DAY = 22
    CREATED_CLOCK = 23
    CLOSE_DAY = 24
    CLOSE_CLOCK = 25
    MONTH_END = 26
    FORECAST_MONTH_END = 27
    QUIET = 28
    OPENING_GAPS = 29  # per account: days between its successive new deals (a causal arrival process)
    SUBSCRIPTION = 30
    RENEWAL_LEAD = 31
    RENEWAL_OUTCOME = 32
    RENEWAL_LATENT = 33
    RENEWAL_CALENDAR = 34
    ENGAGEMENT = 35  # keyed by deal: is the buyer engaged (drawn at opening, shapes touches and the outcome)
    RENEWAL_ENGAGEMENT = 36


class LineItemDraw(IntEnum):
    COUNT = 1
    CATEGORY = 2
    PRODUCT = 3
    VALUE_SHARE = 4
    NEGOTIATED = 5
    CUSTOMIZATIONS = 6


class InteractionDraw(IntEnum):
    PRE_CREATION_COUNT = 1
    COUNT = 2
    TIME = 3
    TYPE = 4
    CONTACT = 5
    PRIMARY_CONTACT = 6
    ACCOUNT_COUNT = 7
    ACCOUNT_TIME = 8
    ACCOUNT_TYPE = 9
    ACCOUNT_CONTACT = 10
    ACCOUNT_MOOD = 11
    SLOT = 12
    DURATION = 13
    SENTIMENT = 14
    TOPICS = 15
    NOTES = 16
    NEXT_STEP = 17
    DIRECTION = 18
    QUIET = 19
    DEAL_TOUCH_GAPS = 20  # keyed by (deal, touch): the causal touch process of a deal
    DEAL_TOUCH_FACTS = 21
    DEAL_TOUCH_SLOT = 22
    DEAL_TOUCH_START = 23  # keyed by deal: pre-open count, going quiet
    OUTCOME = 50  # values from 50 on: the content of a touch (notes.py)
    DEAL_MOOD = 51
    NOTE_FRAGMENTS = 52


TABLE_OF: dict[type[IntEnum], Table] = {
    ProductDraw: PRODUCTS,
    DiscountTierDraw: DISCOUNT_TIERS,
    CompetitorDraw: COMPETITORS,
    SalesRepDraw: SALES_REPS,
    CustomerDraw: CUSTOMERS,
    ContactDraw: CONTACTS,
    OpportunityDraw: OPPORTUNITIES,
    LineItemDraw: LINE_ITEMS,
    InteractionDraw: INTERACTIONS,
}


def draw(seed: int, purpose: IntEnum, block: int = RUN_SCOPE_BLOCK) -> np.random.Generator:
    """The stream of ``purpose`` for ``block`` (run scope by default); the table comes from the enum."""
    return stream(seed, TABLE_OF[type(purpose)].code, block, purpose)


_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser over a uint64 array (wrapping arithmetic)."""
    with np.errstate(over="ignore"):
        z = x + _GOLDEN
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return np.asarray(z ^ (z >> np.uint64(31)))


def keyed_uniform(seed: int, purpose: IntEnum, block: int, key: np.ndarray, lanes: int = 1) -> np.ndarray:
    """(lanes, n) uniforms in [0, 1), one per (row key, lane), from the stream of ``purpose`` and ``block``.

    A row's numbers depend only on its key (e.g. customer x arrival index), not on its position or on
    how many rows there are — what a causal timeline needs: adding later rows never changes earlier ones.

    Example:
        >>> a = keyed_uniform(7, OpportunityDraw.OUTCOME, 0, np.array([5, 9], dtype=np.uint64))
        >>> b = keyed_uniform(7, OpportunityDraw.OUTCOME, 0, np.array([9], dtype=np.uint64))
        >>> bool(a[0, 1] == b[0, 0]) and a.shape == (1, 2)
        True
    """
    return hashed_uniform(stream_base(seed, purpose, block), key, lanes)


def stream_base(seed: int, purpose: IntEnum, block: int) -> np.uint64:
    """One 63-bit number from the stream of ``purpose`` and ``block``: the salt of its keyed draws."""
    return np.uint64(draw(seed, purpose, block).integers(0, 2**63))


def hashed_uniform(base: np.uint64, key: np.ndarray, lanes: int = 1) -> np.ndarray:
    """(lanes, n) uniforms in [0, 1) hashed from a stream's salt and each row's key."""
    lane = np.arange(lanes, dtype=np.uint64)[:, None]
    with np.errstate(over="ignore"):
        mixed = _mix(base ^ _mix(np.asarray(key, dtype=np.uint64)[None, :] * np.uint64(64) + lane))
    return np.asarray((mixed >> np.uint64(11)).astype(np.float64) * 2.0**-53)


def keyed_normal(seed: int, purpose: IntEnum, block: int, key: np.ndarray, lanes: int = 1) -> np.ndarray:
    """(lanes, n) standard normals keyed like ``keyed_uniform`` (Box-Muller on two keyed uniforms)."""
    return hashed_normal(stream_base(seed, purpose, block), key, lanes)


def hashed_normal(base: np.uint64, key: np.ndarray, lanes: int = 1) -> np.ndarray:
    """(lanes, n) standard normals hashed from a stream's salt and each row's key."""
    u = hashed_uniform(base, key, 2 * lanes)
    return np.asarray(np.sqrt(-2.0 * np.log1p(-u[:lanes])) * np.cos(2 * np.pi * u[lanes:]))
