"""Interactions: the emails, calls, meetings and demos around deals and accounts.

Won deals get more touches than lost ones; touches bunch toward the later
stages; calls, meetings and demos land on weekdays in the contact's local
business hours; sentiment drifts toward the outcome; topics, notes and next
steps follow the stage. Interactions of a deal lie in [created_at - 14 days,
closed_at or as_of]; account touches have no deal. The account's owner logs
them, except the emails and calls before qualification of inbound and outbound
new business: the SDR paired with the owner sources and qualifies those.

Example:
    >>> from salesgen.entities.world import build_world
    >>> from salesgen.entities.registry import build_block
    >>> from salesgen.config import Config
    >>> world = build_world(Config(num_customers=20, num_sales_reps=3), seed=4)
    >>> build_block(world, 0).tables["interactions"].num_rows > 0
    True
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from salesgen.arrowkit import timestamp_array
from salesgen.contract import assemble
from salesgen.entities.accounts import CONTACT_LEAD_DAYS, Accounts
from salesgen.entities.calendar import (
    email_clock,
    local_window,
    meeting_clock,
    office_clock,
    to_utc,
    weekend,
    within,
    workday,
)
from salesgen.entities.common import DAY, labels, local_to_utc, rank_within, repeat_index
from salesgen.entities.contacts import Contacts
from salesgen.entities.deals import Deals, stage_groups
from salesgen.entities.draws import InteractionDraw, draw, keyed_uniform
from salesgen.entities.line_items import LineItems
from salesgen.entities.notes import CALL, DEMO, EMAIL, MAX_MEETING_MINUTES, MEETING, Draws, TouchFacts, describe_touches
from salesgen.entities.opportunities import DealRivals
from salesgen.entities.outcomes import NEW_BUSINESS
from salesgen.entities.world import World
from salesgen.vocab.business import INTERACTION_TYPES
from salesgen.vocab.domain import LEAD_SOURCES, LeadSource

LEAD_TIME_DAYS = 14
TOUCH_SLOTS = 96  # touches per deal at most: a kickoff, the steady process, then the pre-open slots
PRE_SLOTS = 6
STAGE_TOUCH_PACE = np.array([0.6, 0.8, 1.5, 1.7])  # by stage group: touches bunch toward the close
_NO_END = np.iinfo(np.int64).max // 2  # the window of an open deal's touches: it has no end yet
SDR_LEAD_SOURCES = (LEAD_SOURCES.index(LeadSource.INBOUND), LEAD_SOURCES.index(LeadSource.OUTBOUND))
PRE_CREATION_TOUCHES = 1.0  # mean touches in the lead time before a deal is opened
_PRE_CDF = np.cumsum([np.exp(-PRE_CREATION_TOUCHES) * PRE_CREATION_TOUCHES**k / math.factorial(k) for k in range(6)])
ACCOUNT_GROUP = 4
MEETING_SLOT_MINUTES = MAX_MEETING_MINUTES  # a rep's meetings start at least this far apart; none lasts longer
_MEETINGS_END = 18 * 3600  # a meeting ends by 18:00 in the contact's day
_GROUP_STRIDE = 10**8  # separates (rep, day) groups in one running maximum
# email, call, meeting, demo weights by stage group
TYPE_WEIGHTS = np.array(
    [
        [0.55, 0.35, 0.08, 0.02],
        [0.40, 0.28, 0.16, 0.16],
        [0.34, 0.20, 0.31, 0.15],
        [0.42, 0.25, 0.30, 0.03],
        [0.50, 0.30, 0.20, 0.00],
    ]
)


def build_interactions(
    world: World,
    block: int,
    accounts: Accounts,
    contacts: Contacts,
    deals: Deals,
    primary_contact: np.ndarray,
    items: LineItems,
    rivals: DealRivals,
) -> pa.Table:
    """All touches of the block's customers, numbered per customer in time order."""

    def rng(purpose: InteractionDraw) -> np.random.Generator:
        return draw(world.seed, purpose, block)

    columns, slots = deal_touches(world, block, accounts, contacts, deals, primary_contact)
    columns.product, columns.competitor = items.first_product[columns.deal], rivals.first[columns.deal]
    account = _account_touches(world, accounts, contacts, deals, rng)
    account_slots = rng(InteractionDraw.SLOT).random((5, account.when.size))
    every = columns.concat(account)
    return _assemble(world, block, accounts, contacts, every, np.concatenate([slots, account_slots], axis=1), rng)


def deal_touches(
    world: World, block: int, accounts: Accounts, contacts: Contacts, deals: Deals, primary_contact: np.ndarray
) -> tuple[_Touches, np.ndarray]:
    """The touches of every deal and the uniforms that place them on the calendar: a causal process.

    Each deal logs ``Poisson(PRE_CREATION_TOUCHES)`` touches in the two weeks before it opens, a
    kickoff within a day of opening, then touches at a steady rate — its typical count over its
    typical cycle, higher when the buyer is engaged — until it closes, goes quiet or as_of comes.
    Every number is keyed by (deal, touch), and a touch depends on nothing that happens after it:
    not on the outcome draw (engagement is drawn when the deal opens, and the outcome then leans on
    it: ``realism.activity.engagement_coupling``), the close date or as_of, which only cut it off.
    """
    activity, n = world.config.realism.activity, deals.key.size
    engagement = keyed_uniform(world.seed, InteractionDraw.DEAL_TOUCH_START, block, deals.key, lanes=4)
    engaged = deals.engaged
    typical_s = np.maximum(deals.forecast_days, 1.0) * DAY
    rate = np.where(engaged, activity.touches_won, activity.touches_lost) / typical_s
    quiet = engagement[1] < world.config.realism.pipeline.quiet_share  # the deal stalls, then nobody touches it
    stop = np.where(quiet, deals.created_s + ((0.25 + 0.75 * engagement[2]) * typical_s).astype(np.int64), deals.end_s)
    stop = np.minimum(np.maximum(stop, deals.created_s + DAY), deals.end_s)
    touch_key = deals.key[:, None] * np.uint64(TOUCH_SLOTS) + np.arange(TOUCH_SLOTS, dtype=np.uint64)[None, :]
    gaps = -np.log1p(-keyed_uniform(world.seed, InteractionDraw.DEAL_TOUCH_GAPS, block, touch_key.ravel()))
    gaps = gaps.reshape(n, TOUCH_SLOTS)
    after = _stage_paced(deals, rate, np.cumsum(gaps[:, 1:-PRE_SLOTS], axis=1))
    kickoff = deals.created_s + (gaps[:, 0] / (1 + gaps[:, 0]) * 0.9 * DAY).astype(np.int64)
    pre_count = np.searchsorted(_PRE_CDF, engagement[3] * 0.999999, side="right")
    before = deals.created_s[:, None] - (gaps[:, -PRE_SLOTS:] / (1 + gaps[:, -PRE_SLOTS:]) * LEAD_TIME_DAYS * DAY)
    times = np.c_[kickoff, after, before].astype(np.int64)
    is_lead = np.zeros(times.shape, bool)
    is_lead[:, -PRE_SLOTS:] = True
    exists = np.where(is_lead, np.arange(TOUCH_SLOTS)[None, :] - (TOUCH_SLOTS - PRE_SLOTS) < pre_count[:, None], True)
    exists &= is_lead | (times < stop[:, None])
    deal_of, slot = np.nonzero(exists)
    when, lead, key = times[deal_of, slot], is_lead[deal_of, slot], touch_key[deal_of, slot]
    u = keyed_uniform(world.seed, InteractionDraw.DEAL_TOUCH_FACTS, block, key, lanes=3)
    entries = deals.entries_s[deal_of]
    reached = np.arange(entries.shape[1])[None, :] <= deals.stage[deal_of][:, None]
    stage = np.maximum(((entries <= when[:, None]) & reached).sum(axis=1) - 1, 0)
    group = stage_groups(entries.shape[1])[stage]
    # A touch before the deal opened knows nothing of it; after, an engaged buyer meets more and sounds warmer.
    warm = engaged[deal_of] & ~lead
    kind = _types(group, warm, u[0])
    customer = deals.customer[deal_of]
    pick = (u[1] * contacts.count[customer]).astype(np.int64)
    contact = np.where(u[2] < 0.45, primary_contact[deal_of], accounts.customer_id[customer] * 100 + 1 + pick)
    progress = np.clip((when - deals.created_s[deal_of]) / typical_s[deal_of], 0, 1)
    # SDRs source outbound and qualify inbound new business: they log its emails and calls until qualified.
    sourced = (deals.deal_type == NEW_BUSINESS) & np.isin(deals.lead, SDR_LEAD_SOURCES)
    none = np.full(deal_of.size, -1)
    touches = _Touches(
        customer,
        contact,
        deals.opportunity_id[deal_of],
        kind,
        group,
        when,
        np.where(lead, deals.created_s[deal_of] - LEAD_TIME_DAYS * DAY, deals.created_s[deal_of]),
        # An open deal's touches are placed as if as_of were not there, then cut at it (``_assemble``).
        np.where(lead, deals.created_s[deal_of] - 1, np.where(deals.closed, deals.end_s, _NO_END)[deal_of]),
        0.1 + np.where(warm, 0.6, -0.6) * progress,
        warm,
        none,
        none.copy(),
        none.copy(),
        sourced[deal_of] & (lead | (group == 0)) & ((kind == EMAIL) | (kind == CALL)),
        deal_of,
        lead,
    )
    return touches, keyed_uniform(world.seed, InteractionDraw.DEAL_TOUCH_SLOT, block, key, lanes=5)


def _stage_paced(deals: Deals, rate: np.ndarray, arrivals: np.ndarray) -> np.ndarray:
    """Times of a unit-rate process's ``arrivals`` (deals x k) once run at ``rate`` x the stage's pace.

    The stage entries are the deal's own (causal) path, so the pace at a time depends only on the
    stages entered by then; after the last entry the last stage's pace holds.
    """
    stages = deals.entries_s.shape[1]
    pace = rate[:, None] * STAGE_TOUCH_PACE[stage_groups(stages)][None, :]  # touches per second in each stage
    bounds = deals.entries_s.astype(float)
    lengths = np.diff(bounds, axis=1).clip(0)
    budget = np.c_[np.zeros(bounds.shape[0]), np.cumsum(lengths * pace[:, :-1], axis=1)]  # arrivals at each entry
    stage = (arrivals[:, :, None] >= budget[:, None, :]).sum(axis=2) - 1
    rows = np.arange(bounds.shape[0])[:, None]
    return np.asarray(bounds[rows, stage] + (arrivals - budget[rows, stage]) / pace[rows, stage])


@dataclass
class _Touches:
    """Per-touch arrays before business-hour placement and text."""

    customer: np.ndarray
    contact: np.ndarray
    opportunity: np.ndarray  # -1 for account touches
    kind: np.ndarray
    group: np.ndarray
    when: np.ndarray
    lo: np.ndarray  # allowed window, epoch seconds
    hi: np.ndarray
    mood: np.ndarray  # sentiment before noise
    won: np.ndarray
    product: np.ndarray  # catalog row of the deal's main product, -1 for account touches
    competitor: np.ndarray  # competitor row of the deal's main rival, -1 when none
    clock: np.ndarray  # local seconds after midnight once placed (-1: not on the calendar)
    by_sdr: np.ndarray  # logged by the SDR working with the account's owner (an email or call before qualification)
    deal: np.ndarray  # row of the deal in the block's deals, -1 for account touches
    lead: np.ndarray  # logged in the weeks before its deal opened: drawn without the deal's outcome

    def concat(self, other: _Touches) -> _Touches:
        return _Touches(*(np.concatenate([getattr(self, f.name), getattr(other, f.name)]) for f in fields(self)))


def _types(group: np.ndarray, warm: np.ndarray, u: np.ndarray) -> np.ndarray:
    weights = TYPE_WEIGHTS[group] + np.where(warm, 0.08, 0.0)[:, None] * np.array([0, 0, 1, 0.5])
    cumulative = np.cumsum(weights, axis=1)
    return np.asarray((u[:, None] * cumulative[:, -1:] > cumulative).sum(axis=1))


def _random_contact(
    accounts: Accounts, contacts: Contacts, customer: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    pick = (rng.random(customer.size) * contacts.count[customer]).astype(np.int64)
    return np.asarray(accounts.customer_id[customer] * 100 + 1 + pick)


def _account_touches(world: World, accounts: Accounts, contacts: Contacts, deals: Deals, rng: Draws) -> _Touches:
    """Touches with no deal: check-ins with buyers, outreach to prospects."""
    n = accounts.customer_id.size
    has_win = np.bincount(deals.customer[deals.won], minlength=n) > 0
    mean = world.config.realism.activity.account_touches * np.where(has_win, 2.0, 1.0)
    count = rng(InteractionDraw.ACCOUNT_COUNT).poisson(mean)
    customer = repeat_index(count)
    m = customer.size
    lo = accounts.created_s[customer] + (CONTACT_LEAD_DAYS + 1) * DAY
    hi = np.full(m, world.as_of_s)
    when = lo + (rng(InteractionDraw.ACCOUNT_TIME).random(m) * (hi - lo)).astype(np.int64)
    group = np.full(m, ACCOUNT_GROUP)
    none = np.full(m, -1)
    kind = _types(group, np.zeros(m, bool), rng(InteractionDraw.ACCOUNT_TYPE).random(m))
    contact = _random_contact(accounts, contacts, customer, rng(InteractionDraw.ACCOUNT_CONTACT))
    return _Touches(
        customer,
        contact,
        none,
        kind,
        group,
        when,
        lo,
        hi,
        rng(InteractionDraw.ACCOUNT_MOOD).normal(0.15, 0.1, m),
        np.zeros(m, bool),
        none,
        none,
        none.copy(),
        np.zeros(m, bool),
        none.copy(),
        np.zeros(m, bool),
    )


def _place(world: World, touches: _Touches, zones: pa.DictionaryArray, u: np.ndarray) -> np.ndarray:
    """Put every touch on the contact's local working calendar, then convert to UTC.

    The day keeps the week the schedule wanted, its weekday follows the calendar's weights (a few
    emails at weekends); the clock follows the kind's hourly profile with a lunch dip (some emails
    early or late). Days are kept two days inside the allowed window, so the time-zone shift can
    never push a touch outside it; windows too short for that keep the scheduled instant, as an email.
    """
    calendar = world.config.realism.calendar
    first, last = local_window(touches.lo, touches.hi)
    fits = first <= last
    email = touches.kind == EMAIL
    day = within(workday(touches.when // DAY, u[0], calendar.weekday_weights), first, last)
    at_weekend = email & (u[2] < calendar.email_weekend_share)
    day = np.where(at_weekend, within(weekend(day, at_weekend, u[4]), first, last), day)
    late = email & (u[3] < calendar.email_after_hours_share)
    clock = np.select(
        [email, touches.kind == CALL],
        [email_clock(u[1], late, calendar.lunch_dip), office_clock(u[1], calendar.lunch_dip)],
        meeting_clock(u[1], calendar.lunch_dip),
    )
    placed = touches.when.copy()
    rows = np.flatnonzero(fits)
    codes = zones.indices.to_numpy(zero_copy_only=False)[rows]
    placed[rows] = to_utc(day[rows], clock[rows], codes, zones.dictionary.to_pylist())
    touches.kind = np.where(fits, touches.kind, EMAIL)
    touches.clock = np.where(fits, clock, -1)
    return placed


def _book_meetings(world: World, block: int, touches: _Touches, placed: np.ndarray, rep: np.ndarray) -> np.ndarray:
    """Give each meeting and demo a free slot in its rep's day; one the rep has no room for becomes a call.

    Per rep and rep-local day, meetings keep their order and start at least ``MEETING_SLOT_MINUTES``
    after the one before (meetings last no longer), and at most ``max_meetings_per_day`` are held.
    An AE whose book spans several blocks gives each block its own days (day mod span), so blocks
    built apart never book the same rep at the same time.
    """
    roster, team = world.roster, world.config.realism.team
    first_block, span = roster.block_span(world.config.num_customers, world.config.block_size)
    rows = np.flatnonzero((touches.kind == MEETING) | (touches.kind == DEMO))
    r, start = rep[rows], placed[rows]
    # The rep's own wall clock at each meeting (DST-aware): validate counts meetings per rep-local date.
    zones = pc.dictionary_encode(roster.table.column("timezone").combine_chunks())
    codes = zones.indices.to_numpy(zero_copy_only=False)[r]
    offset = start - local_to_utc(start, codes, zones.dictionary.to_pylist())
    rep_day = (start + offset) // DAY
    order = np.lexsort((start, rep_day, r))
    rows, r, start, offset, rep_day = rows[order], r[order], start[order], offset[order], rep_day[order]
    new_group = np.r_[True, (r[1:] != r[:-1]) | (rep_day[1:] != rep_day[:-1])] if rows.size else np.zeros(0, bool)
    group = np.cumsum(new_group)
    k = rank_within(group)
    gap = MEETING_SLOT_MINUTES * 60
    relative = start - rep_day * DAY - k * gap + group * _GROUP_STRIDE
    booked = np.maximum.accumulate(relative) - group * _GROUP_STRIDE + rep_day * DAY + k * gap if rows.size else start
    pushed_clock = touches.clock[rows] + booked - start
    held = (
        (rep_day % span[r] == (block - first_block[r]) % span[r])
        & (k < team.max_meetings_per_day)
        & (pushed_clock + gap <= _MEETINGS_END)
        & (booked <= touches.hi[rows])
        & ((booked + offset + gap) // DAY == rep_day)
    )
    touches.kind[rows[~held]] = CALL
    placed = placed.copy()
    placed[rows[held]] = booked[held]
    return placed


def _assemble(
    world: World, block: int, accounts: Accounts, contacts: Contacts, touches: _Touches, slots: np.ndarray, rng: Draws
) -> pa.Table:
    contact_row = np.searchsorted(contacts.contact_id, touches.contact)
    # Contacts work in their company's time zone, so the customer's zone code is the contact's.
    zones = pc.dictionary_encode(accounts.customer_columns["timezone"])
    touch_zones = pa.DictionaryArray.from_arrays(zones.indices.take(pa.array(touches.customer)), zones.dictionary)
    placed = _place(world, touches, touch_zones, slots)
    owner = accounts.owner[touches.customer]
    occurred = _book_meetings(world, block, touches, placed, owner)
    sdr = world.roster.sdr_for(owner)
    rep = np.where(touches.by_sdr & (sdr >= 0), sdr, owner)
    order = np.lexsort((occurred, touches.customer))  # stable: ties keep their (deterministic) order
    order = order[occurred[order] <= world.as_of_s]  # as_of only cuts the timeline off
    kind, group = touches.kind[order], touches.group[order]
    occurred, customer = occurred[order], touches.customer[order]
    facts = TouchFacts(
        kind=kind,
        group=group,
        won=touches.won[order],
        mood=touches.mood[order],
        product=touches.product[order],
        competitor=touches.competitor[order],
        first_names=contacts.first_name.take(pa.array(contact_row[order])),
        last_names=contacts.table.column("last_name").combine_chunks().take(pa.array(contact_row[order])),
        titles=contacts.table.column("title").combine_chunks().take(pa.array(contact_row[order])),
        opportunity=touches.opportunity[order],
        pre_open=touches.lead[order],  # only touches before created_at; the deal's first weeks follow engagement
    )
    opportunity = touches.opportunity[order]
    return assemble(
        "interactions",
        {
            "interaction_id": pa.array(accounts.customer_id[customer] * 100_000 + rank_within(customer) + 1),
            "opportunity_id": pa.array(opportunity, mask=opportunity < 0),
            "customer_id": pa.array(accounts.customer_id[customer]),
            "contact_id": pa.array(touches.contact[order]),
            "rep_id": pa.array(world.roster.rep_id[rep[order]]),
            "type": labels(INTERACTION_TYPES, kind),
            "occurred_at": timestamp_array(occurred),
            **describe_touches(world, facts, rng),
        },
    )
