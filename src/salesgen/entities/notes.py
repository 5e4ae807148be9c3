"""What happened in a touch: direction, outcome, duration, sentiment, topics, notes and next steps.

``interactions`` decides which touches exist, of what type, with whom and when; this module
describes each one from those facts, so that every column agrees with the others:

- the outcome follows type and direction (an inbound call connects; emails bounce, calls go
  to voicemail, meetings are rescheduled or missed);
- the note is a template of the touch's *situation* (type, direction, outcome, see
  ``salesgen.vocab.phrases``) filled with the contact, title, topics and product, and — only
  when the buyer took part — a stage detail, a reaction that matches the sentiment and, late
  in a contested deal, the rival;
- duration is continuous and fits the outcome (no-shows and reschedules have none, a voicemail
  lasts a minute or two, a meeting runs near its booked length);
- sentiment is neutral where nobody spoke; in conversations it is the deal's mood plus a
  per-deal and a per-touch noise, so a deal's mean sentiment hints at its outcome without
  giving it away; touches logged before the deal opened do not depend on the outcome at all.

Every column comes from its own named stream.

Example:
    >>> import numpy as np, pyarrow as pa
    >>> from salesgen.config import Config
    >>> from salesgen.entities.draws import draw
    >>> from salesgen.entities.world import build_world
    >>> world = build_world(Config(num_customers=5, num_sales_reps=2), seed=3)
    >>> facts = TouchFacts(kind=np.array([EMAIL, CALL]), group=np.array([0, 2]), won=np.array([False, True]),
    ...     mood=np.array([0.1, 0.4]), product=np.array([0, -1]), competitor=np.array([-1, -1]),
    ...     first_names=pa.array(["Ada", "Lin"]))
    >>> sorted(describe_touches(world, facts, lambda purpose: draw(3, purpose, 0)))[:3]
    ['direction', 'duration_minutes', 'next_steps']
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from salesgen.entities.common import choose_lists, constant, join, labels
from salesgen.entities.draws import InteractionDraw
from salesgen.entities.templates import fill
from salesgen.entities.world import World
from salesgen.vocab.business import INTERACTION_TYPES
from salesgen.vocab.phrases import (
    COLLEAGUES,
    CONVERSATIONS,
    DETAILS,
    NEXT_STEPS,
    REACTIONS,
    RETRY_STEPS,
    RIVAL_LINES,
    SITUATIONS,
    STAGE_GROUPS,
    TOPICS,
)

Draws = Callable[[InteractionDraw], np.random.Generator]  # the block's stream of a purpose

EMAIL, CALL, MEETING, DEMO = range(4)
OUTCOMES = ("sent", "replied", "bounced", "connected", "voicemail", "no answer", "held", "rescheduled", "no-show")
SENT, REPLIED, BOUNCED, CONNECTED, VOICEMAIL, NO_ANSWER, HELD, RESCHEDULED, NO_SHOW = range(len(OUTCOMES))
INBOUND_SHARE = np.array([0.35, 0.2, 0.0, 0.0])  # by type: emails and calls the buyer starts
DEAL_MOOD_SIGMA = 0.4  # per-deal sentiment offset: buyers differ in how warmly they talk
TOUCH_MOOD_SIGMA = 0.3  # per-touch sentiment noise
MAX_MEETING_MINUTES = 90  # the longest meeting or demo: a rep's meetings start at least this far apart
BOOKED_MINUTES = np.array([[0, 0, 0], [0, 0, 0], [30, 45, 60], [45, 60, 90]])  # by type: usual slots
RIVAL_GROUPS = (2, 3)  # proposal and negotiation conversations name the main rival
NO_PRODUCT = "their account"  # what account touches (no deal) are about


@dataclass(frozen=True)
class TouchFacts:
    """What the schedule knows of each touch, in output row order."""

    kind: np.ndarray  # EMAIL, CALL, MEETING or DEMO
    group: np.ndarray  # index into STAGE_GROUPS
    won: np.ndarray  # the deal is won (False for account touches)
    mood: np.ndarray  # sentiment before noise
    product: np.ndarray  # catalog row of the deal's main product, -1 for account touches
    competitor: np.ndarray  # competitor row of the deal's main rival, -1 when none
    first_names: pa.Array  # the contact's first name
    last_names: pa.Array | None = None  # the contact's last name
    titles: pa.Array | None = None  # the contact's job title
    opportunity: np.ndarray | None = None  # the deal's id, -1 for account touches
    pre_open: np.ndarray | None = None  # logged before the deal was opened: independent of its outcome


def describe_touches(world: World, facts: TouchFacts, rng: Draws) -> dict[str, pa.Array]:
    """The descriptive columns of ``interactions`` for ``facts``."""
    n = facts.kind.size
    known = facts.won & ~_or_false(facts.pre_open, n)  # what the outcome may influence
    inbound = rng(InteractionDraw.DIRECTION).random(n) < INBOUND_SHARE[facts.kind]
    outcome = _outcomes(facts.kind, inbound, known, rng(InteractionDraw.OUTCOME))
    situation = _situation_codes()[facts.kind, inbound.astype(np.int64), outcome]
    talked = np.array([key in CONVERSATIONS for key in _situation_keys()])[situation]
    score = _sentiment(facts, talked, rng)
    mood = (score >= -0.2).astype(np.int64) + (score > 0.2)
    topics = choose_lists(*_pool_of(_topic_pools(), facts.group, rng(InteractionDraw.TOPICS)))
    return {
        "direction": labels(("outbound", "inbound"), inbound),
        "duration_minutes": _duration(facts.kind, outcome, known, rng(InteractionDraw.DURATION)),
        "outcome": labels(OUTCOMES, outcome),
        "sentiment_score": pa.array(score),
        "sentiment": labels(("negative", "neutral", "positive"), mood),
        "topics": topics,
        "notes": _notes(world, facts, situation, talked, mood, topics, rng),
        "next_steps": _next_steps(facts.group, outcome, talked, rng(InteractionDraw.NEXT_STEP)),
    }


def _or_false(flags: np.ndarray | None, n: int) -> np.ndarray:
    return np.zeros(n, bool) if flags is None else flags.astype(bool)


def _outcomes(kind: np.ndarray, inbound: np.ndarray, won: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Outcome by type and direction; a won deal's calls connect a little more often."""
    u = rng.random(kind.size)
    email = np.where(
        inbound, np.where(u < 0.7, REPLIED, SENT), np.select([u < 0.03, u < 0.4], [BOUNCED, REPLIED], SENT)
    )
    call = np.select([inbound | (u < 0.45 + 0.1 * won), u < 0.85], [CONNECTED, VOICEMAIL], NO_ANSWER)
    meeting = np.select([u < 0.85, u < 0.95], [HELD, RESCHEDULED], NO_SHOW)
    demo = np.select([u < 0.9, u < 0.97], [HELD, RESCHEDULED], NO_SHOW)
    return np.asarray(np.choose(kind, [email, call, meeting, demo]), dtype=np.int64)


def _duration(kind: np.ndarray, outcome: np.ndarray, won: np.ndarray, rng: np.random.Generator) -> pa.Array:
    """Whole minutes, continuous within each outcome; null for emails and touches that did not happen."""
    n = kind.size
    talk = rng.lognormal(np.log(6) + 0.45 * won, 0.8, n)
    message = rng.lognormal(np.log(1.2), 0.35, n)
    slot = np.minimum(rng.integers(0, 3, n) + won, 2)
    booked = BOOKED_MINUTES[kind, slot] * rng.lognormal(0.02 * won, 0.18, n)
    # A meeting ends within its rep's slot (so one rep's meetings never overlap): overruns fold back
    # below the limit instead of piling up on it.
    held = np.where(booked > MAX_MEETING_MINUTES, 2 * MAX_MEETING_MINUTES - booked, booked)
    minutes = np.select(
        [outcome == CONNECTED, outcome == VOICEMAIL, outcome == HELD],
        [
            np.maximum(1, np.round(talk)),
            np.maximum(1, np.round(message)),
            np.clip(np.round(held), 10, MAX_MEETING_MINUTES),
        ],
        0,
    ).astype(np.int64)
    missing = (kind == EMAIL) | (outcome == RESCHEDULED) | (outcome == NO_SHOW)
    return pa.array(minutes, mask=missing)


def _sentiment(facts: TouchFacts, talked: np.ndarray, rng: Draws) -> np.ndarray:
    """Neutral where nobody spoke; otherwise the deal's mood with deal and touch noise."""
    n = facts.kind.size
    deals = np.full(n, -1) if facts.opportunity is None else facts.opportunity
    ids, which = np.unique(deals, return_inverse=True)
    offset = rng(InteractionDraw.DEAL_MOOD).normal(0, DEAL_MOOD_SIGMA, ids.size)[which] * (deals >= 0)
    noise = rng(InteractionDraw.SENTIMENT).normal(0, 1, (2, n))
    spoken = facts.mood + offset + TOUCH_MOOD_SIGMA * noise[0]
    quiet = np.clip(0.05 * noise[1], -0.15, 0.15)
    return np.asarray(np.round(np.clip(np.where(talked, spoken, quiet), -1, 1), 2), dtype=np.float64)


@lru_cache(maxsize=1)
def _situation_keys() -> tuple[str, ...]:
    return tuple(SITUATIONS)


@lru_cache(maxsize=1)
def _situation_codes() -> np.ndarray:
    """[type, inbound, outcome] → index into ``_situation_keys()`` (0 where impossible)."""
    codes = np.zeros((len(INTERACTION_TYPES), 2, len(OUTCOMES)), dtype=np.int64)
    for index, key in enumerate(_situation_keys()):
        kind, direction, outcome = key.split(".")
        codes[INTERACTION_TYPES.index(kind), int(direction == "inbound"), OUTCOMES.index(outcome)] = index
    return codes


def _pool_of(
    pools: Sequence[Sequence[str]], which: np.ndarray, rng: np.random.Generator
) -> tuple[pa.Array, np.ndarray, np.random.Generator, np.ndarray, np.ndarray]:
    """``choose_lists`` arguments picking 1-3 distinct words from pool ``which``."""
    flat, starts, sizes = _flatten(tuple(tuple(p) for p in pools))
    return pa.array(flat), rng.integers(1, 4, which.size), rng, starts[which], sizes[which]


@lru_cache(maxsize=32)
def _flatten(pools: tuple[tuple[str, ...], ...]) -> tuple[list[str], np.ndarray, np.ndarray]:
    sizes = np.array([len(p) for p in pools])
    return [w for p in pools for w in p], np.r_[0, np.cumsum(sizes)[:-1]], sizes


def _pick(pools: Sequence[Sequence[str]], which: np.ndarray, u: np.ndarray) -> tuple[list[str], np.ndarray]:
    """(flat vocabulary, one code per row) drawing uniformly from pool ``which`` of each row."""
    flat, starts, sizes = _flatten(tuple(tuple(p) for p in pools))
    return flat, starts[which] + np.minimum((u * sizes[which]).astype(np.int64), sizes[which] - 1)


def _topic_pools() -> tuple[tuple[str, ...], ...]:
    return tuple(TOPICS[g] for g in STAGE_GROUPS)


def _topic_phrase(topics: pa.Array) -> pa.Array:
    """'pricing', 'pricing and discount', 'pricing, discount and legal review'."""
    offsets = topics.offsets.to_numpy()
    values = topics.values  # gathered from in Arrow: no round trip through Python strings
    count = np.diff(offsets)
    first = offsets[:-1]
    second, third = np.minimum(first + 1, offsets[1:] - 1), np.minimum(first + 2, offsets[1:] - 1)
    a, b, c = (labels(values, i) if len(values) else constant("", count.size) for i in (first, second, third))
    two = join(a, " and ", b)
    return pc.if_else(pa.array(count >= 3), join(a, ", ", b, " and ", c), pc.if_else(pa.array(count == 2), two, a))


def _notes(
    world: World,
    facts: TouchFacts,
    situation: np.ndarray,
    talked: np.ndarray,
    mood: np.ndarray,
    topics: pa.Array,
    rng: Draws,
) -> pa.Array:
    """One template of the touch's situation, filled; late-stage conversations add the rival."""
    n = facts.kind.size
    u = rng(InteractionDraw.NOTE_FRAGMENTS).random((5, n))
    first = facts.first_names
    last = constant("", n) if facts.last_names is None else facts.last_names
    full = pc.utf8_trim_whitespace(join(first, " ", last))
    template_pool, template = _pick([SITUATIONS[k] for k in _situation_keys()], situation, u[0])
    detail_pool, detail = _pick([DETAILS[g] for g in STAGE_GROUPS], facts.group, u[1])
    reaction_pool, reaction = _pick(REACTIONS, mood, u[2])
    products = ["", *world.catalog.names.to_pylist()]
    values = {
        "first": first,
        "full": full,
        "title": constant("their team", n) if facts.titles is None else facts.titles,
        "topic": _topic_phrase(topics),
        "product": labels([NO_PRODUCT, *products[1:]], facts.product + 1),
        "detail": labels(detail_pool, detail),
        "reaction": labels(reaction_pool, reaction),
        "colleagues": labels(COLLEAGUES, np.minimum((u[3] * len(COLLEAGUES)).astype(np.int64), len(COLLEAGUES) - 1)),
    }
    note = fill(template_pool, template, values)
    rivals = ["", *world.competitors.column("name").to_pylist()]
    contested = talked & np.isin(facts.group, RIVAL_GROUPS) & (facts.competitor >= 0)
    line = np.where(contested, 1 + np.minimum((u[4] * len(RIVAL_LINES)).astype(np.int64), len(RIVAL_LINES) - 1), 0)
    rival_line = fill(("", *(" " + r for r in RIVAL_LINES)), line, {"rival": labels(rivals, facts.competitor + 1)})
    return join(note, rival_line)


def _next_steps(group: np.ndarray, outcome: np.ndarray, talked: np.ndarray, rng: np.random.Generator) -> pa.Array:
    """After a conversation, a step of the stage; after a bounce, voicemail or no-show, a retry."""
    retry_keys = tuple(RETRY_STEPS)
    pools = [NEXT_STEPS[g] for g in STAGE_GROUPS] + [RETRY_STEPS[k] for k in retry_keys]
    retry = np.array([retry_keys.index(o) if o in RETRY_STEPS else 0 for o in OUTCOMES])[outcome]
    which = np.where(talked, group, len(STAGE_GROUPS) + retry)
    flat, code = _pick(pools, which, rng.random(group.size))
    return labels(flat, code)
