"""One block: a pure function (context, block index) → its rows of every block table.

Example:
    >>> from salesgen.config import Config
    >>> from salesgen.engine.context import build_context
    >>> result = build_block(build_context(Config(num_customers=8, num_sales_reps=2), seed=1), 0)
    >>> result.tables["customers"].num_rows
    8
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from salesgen.arrowkit import date_array, timestamp_array
from salesgen.engine.context import RunContext
from salesgen.entities.common import (
    DAY,
    choose_lists,
    constant,
    first_of_lists,
    join,
    labels,
    list_column,
    rank_within,
    repeat_index,
)
from salesgen.entities.customers import Accounts, build_accounts
from salesgen.entities.deals import Deals, build_deals, expected_close_days
from salesgen.entities.interactions import build_interactions, stage_groups
from salesgen.entities.line_items import build_line_items
from salesgen.entities.reps import RepTotals
from salesgen.schema import CUSTOMERS, OPPORTUNITIES, STAGE_HISTORY
from salesgen.vocab.business import LOSS_REASONS_OTHER, LOSS_TO_COMPETITOR, NEXT_STEPS, NO_DECISION
from salesgen.vocab.domain import DEAL_TYPES, EXPANSION_LEAD_SOURCE, LEAD_SOURCES

FORECAST = ("pipeline", "best case", "commit", "closed", "omitted")
LOSS_REASONS = (NO_DECISION, LOSS_TO_COMPETITOR, *LOSS_REASONS_OTHER)
CHURN_AFTER_DAYS = 400


@dataclass(frozen=True)
class BlockResult:
    """A block's tables (in schema order) and its contribution to rep metrics."""

    tables: dict[str, pa.Table]
    rep_totals: RepTotals


def build_block(ctx: RunContext, block: int) -> BlockResult:
    """Generate customers ``block * block_size + 1 …`` and everything hanging off them."""
    accounts = build_accounts(ctx, block)
    deals = build_deals(ctx, accounts, block)
    items = build_line_items(ctx, accounts, deals, block)
    competitor_names, rival = _competitors(ctx, deals)
    primary_contact = _primary_contacts(accounts, deals)
    interactions = build_interactions(ctx, accounts, deals, primary_contact, items.first_product, rival, block)
    opportunities = _opportunities(ctx, accounts, deals, items.amount_cents, competitor_names, rival, primary_contact,
                                   ctx.catalog.products.column("subcategory").combine_chunks().take(
                                       pa.array(items.first_product)))
    tables = {
        "customers": _customers(ctx, accounts, deals),
        "contacts": accounts.contacts,
        "opportunities": opportunities,
        "opportunity_line_items": items.table,
        "opportunity_stage_history": _stage_history(ctx, deals),
        "interactions": interactions,
    }
    return BlockResult(tables, _rep_totals(ctx, accounts, deals, items.amount_cents))


def _primary_contacts(accounts: Accounts, deals: Deals) -> np.ndarray:
    """The decision maker on a third of deals, otherwise any contact of the customer."""
    count = accounts.contact_count[deals.customer]
    pick = np.where(deals.rng.random(deals.customer.size) < 0.35, 0,
                    (deals.rng.random(deals.customer.size) * count).astype(np.int64))
    return np.asarray(accounts.customer_id[deals.customer] * 100 + 1 + pick)


def _competitors(ctx: RunContext, deals: Deals) -> tuple[pa.Array, np.ndarray]:
    """Rivals named on each deal (1-3 when present): their names, and the first one's row (-1: none)."""
    u = deals.rng.random(deals.customer.size)
    count = np.where(deals.has_competitor, 1 + (u < 0.35) + (u < 0.1), 0)
    rows = choose_lists(pa.array(np.arange(ctx.competitors.num_rows)), count, deals.rng)
    names = ctx.competitors.column("name").combine_chunks().take(rows.values)
    rival = pc.fill_null(first_of_lists(rows), -1).to_numpy(zero_copy_only=False)
    return list_column(rows.offsets.to_numpy(), names), rival


def _opportunities(ctx: RunContext, accounts: Accounts, deals: Deals, amount: np.ndarray,
                   competitor_names: pa.Array, rival: np.ndarray, primary_contact: np.ndarray,
                   subcategory: pa.Array) -> pa.Table:
    config = ctx.config
    stages = list(config.realism.pipeline.stage_probabilities)
    probability = np.array(list(config.realism.pipeline.stage_probabilities.values()))[deals.stage]
    probability = np.where(deals.closed, np.where(deals.won, 100, 0), probability)
    stage_code = np.where(deals.closed, np.where(deals.won, len(stages), len(stages) + 1), deals.stage)
    group = stage_groups(len(stages))[deals.stage]
    forecast = np.where(deals.closed, np.where(deals.won, 3, 4), np.array([0, 0, 1, 2])[group])
    n = deals.customer.size
    u = deals.rng.random((n, 3))
    other = 2 + (u[:, 2] * len(LOSS_REASONS_OTHER)).astype(np.int64)
    loss = np.where(u[:, 0] < config.realism.win.no_decision_share, 0,
                    np.where(deals.has_competitor & (u[:, 1] < 0.7), 1, other))
    steps = ["", *(s for g in ("identified", "qualified", "proposal", "negotiation") for s in NEXT_STEPS[g])]
    next_step = np.where(deals.closed, 0, 1 + group * 3 + (u[:, 2] * 3).astype(np.int64))
    customer_names = accounts.customer_columns["name"].take(pa.array(deals.customer))
    label = np.array([" rollout", " expansion", " renewal"])[deals.deal_type]
    expected_revenue = (amount * probability * 2 + 100) // 200
    return pa.Table.from_arrays([
        pa.array(deals.opportunity_id), pa.array(accounts.customer_id[deals.customer]),
        pa.array(ctx.roster.rep_id[accounts.owner[deals.customer]]), pa.array(primary_contact),
        join(customer_names, " - ", subcategory, pa.array(label)),
        labels(DEAL_TYPES, deals.deal_type), labels([*LEAD_SOURCES, EXPANSION_LEAD_SOURCE], deals.lead),
        labels([*stages, "won", "lost"], stage_code), pa.array(deals.closed), pa.array(deals.won), ctx.money(amount),
        constant(config.currency, n),
        pa.array(probability.astype(np.int64)), ctx.money(expected_revenue), timestamp_array(deals.created_s),
        date_array(expected_close_days(ctx, deals)), timestamp_array(deals.end_s, ~deals.closed),
        competitor_names, pa.array(ctx.competitors.column("competitor_id").to_numpy()[rival], mask=rival < 0),
        pc.if_else(pa.array(deals.lost), labels(LOSS_REASONS, loss), pa.scalar(None, pa.string())),
        labels(steps, next_step), labels(FORECAST, forecast),
    ], schema=ctx.schemas[OPPORTUNITIES.name])


def _stage_history(ctx: RunContext, deals: Deals) -> pa.Table:
    """One row per stage passed: entered at the stage's entry, exited at the next one's."""
    steps = deals.stage + 1 + deals.closed
    deal_of = repeat_index(steps)
    step = rank_within(deal_of)
    stages = np.array([*ctx.config.realism.pipeline.stage_probabilities, "won", "lost"])
    open_count = len(ctx.config.realism.pipeline.stage_probabilities)
    is_final = deals.closed[deal_of] & (step == steps[deal_of] - 1)
    final_stage = np.where(deals.won[deal_of], open_count, open_count + 1)
    stage = np.where(is_final, final_stage, step)
    entries = deals.entries_s[deal_of, np.minimum(step, open_count - 1)]
    entered = np.where(is_final, deals.end_s[deal_of], entries)
    last = step == steps[deal_of] - 1
    exited = np.r_[entered[1:], 0] if entered.size else entered
    return pa.Table.from_arrays([
        pa.array(deals.opportunity_id[deal_of] * 10 + step + 1), pa.array(deals.opportunity_id[deal_of]),
        labels(stages, stage), timestamp_array(entered), timestamp_array(exited, last),
    ], schema=ctx.schemas[STAGE_HISTORY.name])


def _customers(ctx: RunContext, accounts: Accounts, deals: Deals) -> pa.Table:
    """Status from the deals: prospect (never won), churned (won long ago, nothing since), active."""
    n = accounts.customer_id.size
    wins = np.bincount(deals.customer[deals.won], minlength=n)
    open_deals = np.bincount(deals.customer[~deals.closed], minlength=n)
    last_win = np.zeros(n, dtype=np.int64)
    np.maximum.at(last_win, deals.customer[deals.won], deals.end_s[deals.won])
    stale = last_win < ctx.as_of_s - CHURN_AFTER_DAYS * DAY
    status = np.where(wins == 0, 0, np.where(stale & (open_deals == 0), 2, 1))
    columns = {**accounts.customer_columns, "status": labels(("prospect", "active", "churned"), status)}
    return pa.Table.from_arrays([columns[c] for c in CUSTOMERS.column_names], schema=ctx.schemas[CUSTOMERS.name])


def _rep_totals(ctx: RunContext, accounts: Accounts, deals: Deals, amount: np.ndarray) -> RepTotals:
    totals = RepTotals.zeros(ctx.roster.rep_id.size)
    owner = accounts.owner[deals.customer]
    lost = deals.lost
    trailing = deals.won & (deals.end_s > ctx.as_of_s - 365 * DAY)
    for target, mask, values in (
        (totals.won, deals.won, None), (totals.lost, lost, None),
        (totals.won_cents, deals.won, amount), (totals.won_cycle_seconds, deals.won, deals.end_s - deals.created_s),
        (totals.open_cents, ~deals.closed, amount), (totals.trailing_year_won_cents, trailing, amount),
    ):
        np.add.at(target, owner[mask], 1 if values is None else values[mask])
    return totals
