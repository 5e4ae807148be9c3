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
from salesgen.entities.common import DAY, labels, rank_within, repeat_index
from salesgen.entities.contacts import Contacts
from salesgen.entities.deals import Deals, stage_groups
from salesgen.entities.draws import InteractionDraw, draw
from salesgen.entities.line_items import LineItems
from salesgen.entities.notes import CALL, DEMO, EMAIL, MAX_MEETING_MINUTES, MEETING, Draws, TouchFacts, describe_touches
from salesgen.entities.opportunities import DealRivals
from salesgen.entities.outcomes import NEW_BUSINESS
from salesgen.entities.world import World
from salesgen.vocab.business import INTERACTION_TYPES
from salesgen.vocab.domain import LEAD_SOURCES, LeadSource

LEAD_TIME_DAYS = 14
SDR_LEAD_SOURCES = (LEAD_SOURCES.index(LeadSource.INBOUND), LEAD_SOURCES.index(LeadSource.OUTBOUND))
PRE_CREATION_TOUCHES = 1.0  # mean touches in the lead time before a deal is opened
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

    realism = world.config.realism
    # A share of open deals went quiet: nobody touched them for the last 30-150 days (stale pipeline).
    quiet_draw = rng(InteractionDraw.QUIET).random((2, deals.created_s.size))
    quiet = ~deals.closed & (quiet_draw[0] < realism.pipeline.quiet_share)
    touched_until = np.where(
        quiet,
        np.maximum(deals.created_s + DAY, world.as_of_s - ((30 + 120 * quiet_draw[1]) * DAY).astype(np.int64)),
        deals.end_s,
    )
    touched_until = np.minimum(touched_until, deals.end_s)
    life = touched_until - deals.created_s
    segment_median = np.array(realism.cycle.median_days.as_tuple())[accounts.size[deals.customer]] * DAY
    scale = np.clip(life / segment_median, 0.3, 2.5) ** 0.5
    mean = np.where(deals.won, realism.activity.touches_won, realism.activity.touches_lost) * scale
    open_mean = (
        (realism.activity.touches_won + realism.activity.touches_lost)
        / 2
        * life
        / np.maximum(deals.planned_close_s - deals.created_s, 1)
    )
    # Touches before the deal opened cannot depend on how it ends: their count is drawn apart.
    before = rng(InteractionDraw.PRE_CREATION_COUNT).poisson(PRE_CREATION_TOUCHES, deals.created_s.size)
    during = np.maximum(rng(InteractionDraw.COUNT).poisson(np.where(deals.closed, mean, open_mean)), 1)
    deal_of = repeat_index(before + during)
    m = deal_of.size
    lead = rank_within(deal_of) < before[deal_of]
    # A touch logged before the deal opened stays before it, and one logged after stays after: the
    # calendar must not move outcome-driven touches into the pre-open window (nor the reverse).
    lo = np.where(lead, deals.created_s[deal_of] - LEAD_TIME_DAYS * DAY, deals.created_s[deal_of])
    hi = np.where(lead, deals.created_s[deal_of] - 1, touched_until[deal_of])
    start = deals.created_s[deal_of]
    span = life[deal_of]
    u = rng(InteractionDraw.TIME).random(m)
    when = np.where(
        lead, start - (u * LEAD_TIME_DAYS * DAY).astype(np.int64), start + (u**0.75 * span).astype(np.int64)
    )
    entries = deals.entries_s[deal_of]
    reached = np.arange(entries.shape[1])[None, :] <= deals.stage[deal_of][:, None]
    stage = np.maximum(((entries <= when[:, None]) & reached).sum(axis=1) - 1, 0)
    group = stage_groups(entries.shape[1])[stage]
    # A touch logged before the deal opened cannot know how it ends: neither its type nor (through the
    # masked ``won`` handed to the notes) its length, outcome or mood depend on the outcome.
    knows_outcome = deals.won[deal_of] & ~lead
    kind = _types(group, knows_outcome, rng(InteractionDraw.TYPE))
    # SDRs source outbound and qualify inbound new business: they log its emails and calls until qualified.
    sourced = (deals.deal_type == NEW_BUSINESS) & np.isin(deals.lead, SDR_LEAD_SOURCES)
    by_sdr = sourced[deal_of] & (lead | (group == 0)) & ((kind == EMAIL) | (kind == CALL))
    customer = deals.customer[deal_of]
    contact_pick = _random_contact(accounts, contacts, customer, rng(InteractionDraw.CONTACT))
    contact = np.where(rng(InteractionDraw.PRIMARY_CONTACT).random(m) < 0.45, primary_contact[deal_of], contact_pick)
    progress = np.clip((when - start) / np.maximum(span, 1), 0, 1)
    direction = np.where(deals.won, 1.0, np.where(deals.closed, -1.0, 0.15))[deal_of]
    columns = _Touches(
        customer,
        contact,
        deals.opportunity_id[deal_of],
        kind,
        group,
        when,
        lo,
        hi,
        0.1 + direction * 0.6 * progress,
        knows_outcome,
        items.first_product[deal_of],
        rivals.first[deal_of],
        np.full(m, -1),
        by_sdr,
    )
    account = _account_touches(world, accounts, contacts, deals, rng)
    return _assemble(world, block, accounts, contacts, columns.concat(account), rng)


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

    def concat(self, other: _Touches) -> _Touches:
        return _Touches(*(np.concatenate([getattr(self, f.name), getattr(other, f.name)]) for f in fields(self)))


def _types(group: np.ndarray, won: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    weights = TYPE_WEIGHTS[group] + np.where(won, 0.08, 0.0)[:, None] * np.array([0, 0, 1, 0.5])
    cumulative = np.cumsum(weights, axis=1)
    return np.asarray((rng.random(group.size)[:, None] * cumulative[:, -1:] > cumulative).sum(axis=1))


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
    kind = _types(group, np.zeros(m, bool), rng(InteractionDraw.ACCOUNT_TYPE))
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
    )


def _place(world: World, touches: _Touches, zones: pa.DictionaryArray, rng: np.random.Generator) -> np.ndarray:
    """Put every touch on the contact's local working calendar, then convert to UTC.

    The day keeps the week the schedule wanted, its weekday follows the calendar's weights (a few
    emails at weekends); the clock follows the kind's hourly profile with a lunch dip (some emails
    early or late). Days are kept two days inside the allowed window, so the time-zone shift can
    never push a touch outside it; windows too short for that keep the scheduled instant, as an email.
    """
    calendar = world.config.realism.calendar
    n = touches.when.size
    u = rng.random((5, n))
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
    offset = roster.utc_offset_s[r]
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
    world: World, block: int, accounts: Accounts, contacts: Contacts, touches: _Touches, rng: Draws
) -> pa.Table:
    contact_row = np.searchsorted(contacts.contact_id, touches.contact)
    # Contacts work in their company's time zone, so the customer's zone code is the contact's.
    zones = pc.dictionary_encode(accounts.customer_columns["timezone"])
    touch_zones = pa.DictionaryArray.from_arrays(zones.indices.take(pa.array(touches.customer)), zones.dictionary)
    placed = _place(world, touches, touch_zones, rng(InteractionDraw.SLOT))
    owner = accounts.owner[touches.customer]
    occurred = _book_meetings(world, block, touches, placed, owner)
    sdr = world.roster.sdr_for(owner)
    rep = np.where(touches.by_sdr & (sdr >= 0), sdr, owner)
    order = np.lexsort((occurred, touches.customer))  # stable: ties keep their (deterministic) order
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
        pre_open=(touches.opportunity[order] >= 0) & (occurred < touches.lo[order] + LEAD_TIME_DAYS * DAY),
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
