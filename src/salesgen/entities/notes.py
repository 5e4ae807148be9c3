"""What happened in a touch: direction, outcome, duration, sentiment, topics, notes and next steps.

``interactions`` decides which touches exist, of what type, with whom and
when; this module describes each one from those facts. Every column comes from
its own named stream, so the schedule and the text can change apart.

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

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from salesgen.entities.common import choose_lists, join, labels
from salesgen.entities.draws import InteractionDraw
from salesgen.entities.world import World
from salesgen.vocab.business import INTERACTION_TYPES, NEXT_STEPS, NOTE_OPENERS, TOPICS

Draws = Callable[[InteractionDraw], np.random.Generator]  # the block's stream of a purpose

EMAIL, CALL, MEETING, DEMO = range(4)
STAGE_GROUPS = ("identified", "qualified", "proposal", "negotiation", "account")
OUTCOMES = ("sent", "replied", "bounced", "connected", "voicemail", "no answer", "held", "rescheduled", "no-show")


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


def describe_touches(world: World, facts: TouchFacts, rng: Draws) -> dict[str, pa.Array]:
    """The descriptive columns of ``interactions`` for ``facts``."""
    kind, group = facts.kind, facts.group
    duration, outcome = _duration_outcome(kind, facts.won, rng(InteractionDraw.DURATION))
    noise = rng(InteractionDraw.SENTIMENT).normal(0, 0.25, kind.size)
    score = np.round(np.clip(facts.mood + noise, -1, 1), 2)
    topics = _topics(group, rng(InteractionDraw.TOPICS))
    inbound = rng(InteractionDraw.DIRECTION).random(kind.size) < np.array([0.35, 0.2, 0.0, 0.0])[kind]
    return {
        "direction": labels(("outbound", "inbound"), inbound),
        "duration_minutes": pa.array(duration, mask=kind == EMAIL),
        "outcome": outcome,
        "sentiment_score": pa.array(score),
        "sentiment": labels(("negative", "neutral", "positive"), (score >= -0.2).astype(np.int64) + (score > 0.2)),
        "topics": topics,
        "notes": _notes(world, facts, topics, rng(InteractionDraw.NOTES)),
        "next_steps": _pick_text(NEXT_STEPS, group, rng(InteractionDraw.NEXT_STEP)),
    }


def _duration_outcome(kind: np.ndarray, won: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, pa.Array]:
    """Minutes and outcome by type; calls and meetings on won deals run longer."""
    u = rng.random(kind.size)
    email = np.select([u < 0.03, u < 0.4], [2, 1], 0)
    call = np.select([u < 0.45 + 0.1 * won, u < 0.85], [3, 4], 5)
    meeting = np.select([u < 0.85, u < 0.95], [6, 7], 8)
    demo = np.where(u < 0.9, 6, 7)
    outcome = np.choose(kind, [email, call, meeting, demo])
    talk = np.maximum(1, np.round(rng.lognormal(np.log(6) + 0.45 * won, 0.8))).astype(np.int64)
    call_minutes = np.select([call == 3, call == 4], [talk, 1], 0)
    longer = np.minimum(rng.integers(0, 3, kind.size) + won, 2)
    minutes = np.choose(
        kind, [np.zeros_like(talk), call_minutes, np.array([30, 45, 60])[longer], np.array([45, 60, 90])[longer]]
    )
    return minutes.astype(np.int64), labels(OUTCOMES, outcome)


def _flat(vocabulary: dict[str, tuple[str, ...]]) -> tuple[pa.Array, np.ndarray, np.ndarray]:
    sizes = np.array([len(vocabulary[g]) for g in STAGE_GROUPS])
    return pa.array([w for g in STAGE_GROUPS for w in vocabulary[g]]), np.r_[0, np.cumsum(sizes)[:-1]], sizes


def _topics(group: np.ndarray, rng: np.random.Generator) -> pa.Array:
    flat, starts, sizes = _flat(TOPICS)
    return choose_lists(flat, rng.integers(1, 4, group.size), rng, starts[group], sizes[group])


def _pick_text(vocabulary: dict[str, tuple[str, ...]], group: np.ndarray, rng: np.random.Generator) -> pa.Array:
    flat, starts, sizes = _flat(vocabulary)
    return flat.take(pa.array(starts[group] + (rng.random(group.size) * sizes[group]).astype(np.int64)))


def _notes(world: World, facts: TouchFacts, topics: pa.Array, rng: np.random.Generator) -> pa.Array:
    """'<opener with contact> <topics>.[ Scope: <product>.][ <rival> is also in the running.]'"""
    openers = [NOTE_OPENERS[t] for t in INTERACTION_TYPES]
    kind, group, product, competitor = facts.kind, facts.group, facts.product, facts.competitor
    code = kind * 3 + rng.integers(0, 3, kind.size)
    before = labels([o[0] for t in openers for o in t], code)
    after = labels([o[1] for t in openers for o in t], code)
    scope = labels(["", *(f" Scope: {name}." for name in world.catalog.names.to_pylist())], product + 1)
    rivals = world.competitors.column("name").to_pylist()
    rival = labels(
        ["", *(f" {name} is also in the running." for name in rivals)], np.where(group >= 2, competitor + 1, 0)
    )
    return join(before, facts.first_names, after, " ", pc.binary_join(topics, ", "), ".", scope, rival)
