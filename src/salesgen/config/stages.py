"""Pipeline stages: names are labels, the contract knows only roles (open steps in order, won, lost).

A scenario lists its stages as a CRM shows them, each with its win probability and role, so
Salesforce's and HubSpot's default pipelines work as written (see ``examples/``). The older
``stage_probabilities`` mapping (open stages only, ordered by probability, closed stages named
``won`` and ``lost``) still loads: :func:`stages_from_probabilities` converts it.

Example:
    >>> stages = check_stages(stages_from_probabilities({"qualified": 20, "identified": 10, "proposal": 50}))
    >>> [(s.name, s.role) for s in stages][-3:]
    [('proposal', 'open'), ('won', 'won'), ('lost', 'lost')]
    >>> check_stages((Stage(name="Closed Won", probability=100, role="won"),))
    Traceback (most recent call last):
    ...
    ValueError: give exactly one stage with role 'lost'; got 0
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from pydantic import Field

from salesgen.config.base import Strict
from salesgen.vocab.domain import CLOSED_STAGES, DEFAULT_STAGE_PROBABILITIES

StageRole = Literal["open", "won", "lost"]
CLOSED_ROLES: tuple[StageRole, StageRole] = ("won", "lost")
ROLE_PROBABILITY = {"won": 100, "lost": 0}  # what the contract's probability column says of a closed deal
MIN_OPEN, MAX_OPEN = 3, 8


class Stage(Strict):
    """One pipeline stage: the label written in the stage columns, its win probability and its role."""

    name: str = Field(min_length=1, max_length=80, description="Stage label as the CRM shows it, e.g. 'Closed Won'.")
    probability: int = Field(
        ge=0, le=100, description="Win probability (percent) of deals in the stage: 1..99 when open, won 100, lost 0."
    )
    role: StageRole = Field(
        default="open",
        description="What the stage means to the contract: 'open' (a funnel step; open stages are taken in "
        "list order), 'won' or 'lost' (exactly one of each).",
    )


def stages_from_probabilities(probabilities: Mapping[str, int]) -> tuple[Stage, ...]:
    """The stage list of the older form: open stages by rising probability, then ``won`` and ``lost``.

    Example:
        >>> [s.name for s in stages_from_probabilities({"b": 50, "a": 10, "c": 70})]
        ['a', 'b', 'c', 'won', 'lost']
    """
    if set(probabilities) & set(CLOSED_STAGES):
        raise ValueError("'won' and 'lost' are implicit in stage_probabilities; remove them")
    values = list(probabilities.values())
    # The order is the probability's, so it survives serializers that sort keys: it must rise strictly.
    if len(set(values)) != len(values):
        raise ValueError(
            "stage_probabilities must be distinct (they give the order); to repeat a probability, "
            "list the stages under pipeline.stages instead"
        )
    ordered = sorted(probabilities.items(), key=lambda item: item[1])
    open_stages = [Stage(name=name, probability=value) for name, value in ordered]
    closed = [
        Stage(name=name, probability=ROLE_PROBABILITY[role], role=role)
        for name, role in zip(CLOSED_STAGES, CLOSED_ROLES, strict=True)
    ]
    return (*open_stages, *closed)


DEFAULT_STAGES = stages_from_probabilities(DEFAULT_STAGE_PROBABILITIES)


def check_stages(stages: Sequence[Stage]) -> tuple[Stage, ...]:
    """``stages`` if they form a pipeline, else a ValueError saying what to change.

    Example:
        >>> check_stages(DEFAULT_STAGES) == DEFAULT_STAGES
        True
    """
    names = [s.name for s in stages]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ValueError(f"stage names must be unique; repeated: {repeated}")
    for role in CLOSED_ROLES:
        of_role = [s for s in stages if s.role == role]
        if len(of_role) != 1:
            raise ValueError(f"give exactly one stage with role '{role}'; got {len(of_role)}")
        if of_role[0].probability != ROLE_PROBABILITY[role]:
            raise ValueError(f"the {role} stage {of_role[0].name!r} must have probability {ROLE_PROBABILITY[role]}")
    probabilities = [s.probability for s in stages if s.role == "open"]
    if not MIN_OPEN <= len(probabilities) <= MAX_OPEN:
        raise ValueError(f"give between {MIN_OPEN} and {MAX_OPEN} open stages (role 'open'); got {len(probabilities)}")
    if any(not 0 < p < 100 for p in probabilities) or probabilities != sorted(probabilities):
        raise ValueError(
            f"open stage probabilities must lie in 1..99 and never fall along the list; got {probabilities}"
        )
    return tuple(stages)
