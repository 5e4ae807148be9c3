"""The ordered registry of a block's builders: table (or intermediate) → builder → what it needs.

A block is built by walking ``REGISTRY`` in order. Each builder is a pure
function of the world, the block index (if it draws: its streams are keyed by
it) and the outputs it names in ``needs``; it opens its own named streams, so
any topological order of the registry gives the same bytes. To add a column,
edit the builder of its table; to add a table, add a contract entry in
``salesgen.contract`` and a step here.

Example:
    >>> from salesgen.config import Config
    >>> from salesgen.entities.world import build_world
    >>> result = build_block(build_world(Config(num_customers=8, num_sales_reps=2), seed=1), 0)
    >>> result.tables["customers"].num_rows, list(result.tables) == list(BLOCK_TABLES)
    (8, True)
    >>> STEPS["opportunities"].needs
    ('accounts', 'deals', 'line_items', 'deal_rivals', 'primary_contacts')
    >>> steps_for(["customers"])
    ('accounts', 'deals', 'customers')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from salesgen.contract import BLOCK_TABLES, TABLE_NAMES
from salesgen.entities.accounts import build_accounts
from salesgen.entities.contacts import Contacts, build_contacts
from salesgen.entities.customers import build_customers
from salesgen.entities.deals import build_deals
from salesgen.entities.interactions import build_interactions
from salesgen.entities.line_items import LineItems, build_line_items
from salesgen.entities.opportunities import build_deal_rivals, build_opportunities, build_primary_contacts
from salesgen.entities.rep_metrics import RepTotals, block_rep_totals
from salesgen.entities.stage_history import build_stage_history
from salesgen.entities.world import World


@dataclass(frozen=True)
class Step:
    """One output of a block: ``build(world, [block,] *outputs named in needs)``.

    ``draws``: the builder takes the block index, to key its random streams.
    """

    name: str
    build: Callable[..., Any]
    needs: tuple[str, ...] = ()
    draws: bool = True


def _contacts_table(_world: World, people: Contacts) -> pa.Table:
    return people.table


def _line_items_table(_world: World, items: LineItems) -> pa.Table:
    return items.table


REGISTRY: tuple[Step, ...] = (
    Step("accounts", build_accounts),
    Step("people", build_contacts, ("accounts",)),
    Step("deals", build_deals, ("accounts",)),
    Step("line_items", build_line_items, ("accounts", "deals")),
    Step("deal_rivals", build_deal_rivals, ("deals",)),
    Step("primary_contacts", build_primary_contacts, ("accounts", "people", "deals")),
    Step("customers", build_customers, ("accounts", "deals"), draws=False),
    Step("contacts", _contacts_table, ("people",), draws=False),
    Step("opportunities", build_opportunities, ("accounts", "deals", "line_items", "deal_rivals", "primary_contacts")),
    Step("opportunity_line_items", _line_items_table, ("line_items",), draws=False),
    Step("opportunity_stage_history", build_stage_history, ("deals",), draws=False),
    Step(
        "interactions",
        build_interactions,
        ("accounts", "people", "deals", "primary_contacts", "line_items", "deal_rivals"),
    ),
    Step("rep_totals", block_rep_totals, ("accounts", "deals", "line_items"), draws=False),
)
STEPS: dict[str, Step] = {step.name: step for step in REGISTRY}


@dataclass(frozen=True)
class BlockResult:
    """A block's tables (in schema order) and its contribution to rep metrics."""

    tables: dict[str, pa.Table]
    rep_totals: RepTotals


def check_order(order: Sequence[str]) -> None:
    """Raise ``ValueError`` unless ``order`` lists every step once, each after what it needs.

    Example:
        >>> check_order(["deals", "accounts"])
        Traceback (most recent call last):
        ...
        ValueError: step 'deals' needs 'accounts', which is not built before it
    """
    seen: set[str] = set()
    for name in order:
        if name not in STEPS or name in seen:
            raise ValueError(f"unknown or repeated step {name!r}")
        for need in STEPS[name].needs:
            if need not in seen:
                raise ValueError(f"step {name!r} needs {need!r}, which is not built before it")
        seen.add(name)
    if missing := [step.name for step in REGISTRY if step.name not in seen]:
        raise ValueError(f"steps missing from the order: {', '.join(missing)}")


def select_tables(tables: Iterable[str] | None) -> tuple[str, ...]:
    """The contract tables named in ``tables`` (all when None), in contract order; ValueError naming an unknown one.

    Example:
        >>> select_tables(["customers", "opportunities"])
        ('customers', 'opportunities')
        >>> select_tables(["deals"])  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ValueError: unknown table 'deals'; valid tables: products, discount_tiers, ...
    """
    if tables is None:
        return TABLE_NAMES
    wanted = [tables] if isinstance(tables, str) else [name.strip() for name in tables]
    for name in wanted:
        if name not in TABLE_NAMES:
            raise ValueError(f"unknown table {name!r}; valid tables: {', '.join(TABLE_NAMES)}")
    if not wanted:
        raise ValueError(f"no table selected; valid tables: {', '.join(TABLE_NAMES)}")
    return tuple(name for name in TABLE_NAMES if name in wanted)


def steps_for(tables: Iterable[str]) -> tuple[str, ...]:
    """The steps a block runs to build ``tables`` (block tables, or ``rep_totals``): them and what they need,
    in registry order. Run-scope tables need no step; ``sales_reps`` needs ``rep_totals`` (its metrics).
    """
    wanted = {name for name in tables if name in STEPS}
    if "sales_reps" in tables:
        wanted.add("rep_totals")
    for step in reversed(REGISTRY):  # a step needs only steps before it: one backward pass closes the set
        if step.name in wanted:
            wanted.update(step.needs)
    return tuple(step.name for step in REGISTRY if step.name in wanted)


def build_step(step: Step, world: World, block: int, done: dict[str, Any]) -> Any:
    """Run one step on the outputs already built."""
    inputs = [done[need] for need in step.needs]
    return step.build(world, block, *inputs) if step.draws else step.build(world, *inputs)


def build_block(
    world: World, block: int, order: Sequence[str] | None = None, tables: Sequence[str] = TABLE_NAMES
) -> BlockResult:
    """Customers ``block * block_size + 1 …`` and everything hanging off them, walking the registry.

    ``order``: any topological order of the step names (default: the registry's own).
    ``tables``: build only the steps these tables need (each step draws from its own named streams,
    so a table's rows are the same whatever else is built); the result holds only the block tables among
    them, and zero rep totals unless ``sales_reps`` is one of them.
    """
    if order is not None:
        check_order(order)
    needed = set(steps_for(tables))
    done: dict[str, Any] = {}
    for name in order or [step.name for step in REGISTRY]:
        if name in needed:
            done[name] = build_step(STEPS[name], world, block, done)
    totals = done["rep_totals"] if "rep_totals" in done else RepTotals.zeros(world.roster.rep_id.size)
    return BlockResult({name: done[name] for name in BLOCK_TABLES if name in tables}, totals)
