"""The opportunities table: a block's deals with their parties, amounts, stage and forecast.

Deal mechanics (timing, type, outcome, stage path) live in ``deals``; here the
deal gets its rivals, its primary contact and the columns a CRM shows.

Example:
    >>> from salesgen.config import Config
    >>> from salesgen.entities.registry import build_block
    >>> from salesgen.entities.world import build_world
    >>> table = build_block(build_world(Config(num_customers=20, num_sales_reps=3), seed=4), 0).tables["opportunities"]
    >>> table.column_names[:3]
    ['opportunity_id', 'customer_id', 'owner_rep_id']
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from salesgen.arrowkit import date_array, timestamp_array
from salesgen.contract import assemble
from salesgen.entities.accounts import Accounts
from salesgen.entities.calendar import business_day, last_business_day_of_month
from salesgen.entities.common import DAY, choose_lists, constant, first_of_lists, join, labels, list_column
from salesgen.entities.contacts import Contacts
from salesgen.entities.deals import Deals, stage_groups
from salesgen.entities.draws import OpportunityDraw, draw, keyed_normal, keyed_uniform
from salesgen.entities.line_items import LineItems
from salesgen.entities.world import World
from salesgen.vocab.business import LOSS_REASONS_OTHER, LOSS_TO_COMPETITOR, NEXT_STEPS, NO_DECISION
from salesgen.vocab.domain import DEAL_TYPES, EXPANSION_LEAD_SOURCE, LEAD_SOURCES

FORECAST = ("pipeline", "best case", "commit", "closed", "omitted")
LOSS_REASONS = (NO_DECISION, LOSS_TO_COMPETITOR, *LOSS_REASONS_OTHER)


@dataclass(frozen=True)
class DealRivals:
    """Rivals named on each deal: their names (a list column) and the first one's row (-1: none)."""

    names: pa.Array
    first: np.ndarray


def build_deal_rivals(world: World, block: int, deals: Deals) -> DealRivals:
    """1-3 rivals on deals with a competitor present."""
    u = draw(world.seed, OpportunityDraw.RIVAL_COUNT, block).random(deals.customer.size)
    count = np.where(deals.has_competitor, 1 + (u < 0.35) + (u < 0.1), 0)
    rows = choose_lists(
        pa.array(np.arange(world.competitors.num_rows)), count, draw(world.seed, OpportunityDraw.RIVALS, block)
    )
    names = world.competitors.column("name").combine_chunks().take(rows.values)
    first = pc.fill_null(first_of_lists(rows), -1).to_numpy(zero_copy_only=False)
    return DealRivals(list_column(rows.offsets.to_numpy(), names), first)


def build_primary_contacts(
    world: World, block: int, accounts: Accounts, contacts: Contacts, deals: Deals
) -> np.ndarray:
    """Contact id per deal: the decision maker on a third of deals, otherwise any contact of the customer.

    Keyed by the deal, not its row, so a deal keeps its contact when ``as_of`` moves.
    """
    count = contacts.count[deals.customer]
    u = keyed_uniform(world.seed, OpportunityDraw.PRIMARY_CONTACT, block, deals.key, lanes=2)
    pick = np.where(u[0] < 0.35, 0, (u[1] * count).astype(np.int64))
    return np.asarray(accounts.customer_id[deals.customer] * 100 + 1 + pick)


def build_opportunities(
    world: World,
    block: int,
    accounts: Accounts,
    deals: Deals,
    items: LineItems,
    rivals: DealRivals,
    primary_contact: np.ndarray,
) -> pa.Table:
    """The opportunities table of one block."""
    config = world.config
    stages = list(config.realism.pipeline.stage_probabilities)
    probability = np.array(list(config.realism.pipeline.stage_probabilities.values()))[deals.stage]
    probability = np.where(deals.closed, np.where(deals.won, 100, 0), probability)
    stage_code = np.where(deals.closed, np.where(deals.won, len(stages), len(stages) + 1), deals.stage)
    group = stage_groups(len(stages))[deals.stage]
    forecast = np.where(deals.closed, np.where(deals.won, 3, 4), np.array([0, 0, 1, 2])[group])
    amount = items.amount_cents
    subcategory = world.catalog.products.column("subcategory").combine_chunks().take(pa.array(items.first_product))
    customer_names = accounts.customer_columns["name"].take(pa.array(deals.customer))
    label = np.array([" rollout", " expansion", " renewal"])[deals.deal_type]
    rival_id = world.competitors.column("competitor_id").to_numpy()[rivals.first]
    return assemble(
        "opportunities",
        {
            "opportunity_id": pa.array(deals.opportunity_id),
            "customer_id": pa.array(accounts.customer_id[deals.customer]),
            "owner_rep_id": pa.array(world.roster.rep_id[accounts.owner[deals.customer]]),
            "primary_contact_id": pa.array(primary_contact),
            "name": join(customer_names, " - ", subcategory, pa.array(label)),
            "type": labels(DEAL_TYPES, deals.deal_type),
            "lead_source": labels([*LEAD_SOURCES, EXPANSION_LEAD_SOURCE], deals.lead),
            "stage": labels(config.realism.pipeline.stage_labels, stage_code),
            "is_closed": pa.array(deals.closed),
            "is_won": pa.array(deals.won),
            "amount": world.money(amount),
            "currency": constant(config.currency, deals.customer.size),
            "probability": pa.array(probability.astype(np.int64)),
            "expected_revenue": world.money(world.round_money(amount * probability, 100)),
            "created_at": timestamp_array(deals.created_s),
            "expected_close_date": date_array(expected_close_days(world, block, deals)),
            "closed_at": timestamp_array(deals.end_s, ~deals.closed),
            "competitors": rivals.names,
            "primary_competitor_id": pa.array(rival_id, mask=rivals.first < 0),
            "loss_reason": _loss_reasons(world, block, deals),
            "next_step": _next_steps(world, block, deals, group),
            "forecast_category": labels(FORECAST, forecast),
        },
    )


# Weights of LOSS_REASONS_OTHER (Price, Budget, Timing, Product fit, Went silent) by the stage group a lost deal
# reached: early losses go silent or miss on fit and timing, late ones on price and budget.
OTHER_REASON_WEIGHTS = np.array(
    [
        [0.04, 0.14, 0.24, 0.22, 0.36],
        [0.10, 0.20, 0.24, 0.26, 0.20],
        [0.30, 0.26, 0.14, 0.18, 0.12],
        [0.46, 0.26, 0.10, 0.08, 0.10],
    ]
)
RIVAL_WINS_BY_GROUP = np.array([0.45, 0.6, 0.8, 0.85])  # a named rival takes the deal more often the further it got


def _loss_reasons(world: World, block: int, deals: Deals) -> pa.Array:
    """No decision for a configured share of losses; a rival or another reason by how far the deal got."""
    u = draw(world.seed, OpportunityDraw.LOSS_REASON, block).random((3, deals.customer.size))
    group = stage_groups(len(world.config.realism.pipeline.stage_probabilities))[deals.stage]
    cumulative = np.cumsum(OTHER_REASON_WEIGHTS, axis=1)[group]
    other = 2 + (u[2][:, None] * 0.999999 > cumulative).sum(axis=1)
    to_rival = deals.has_competitor & (u[1] < RIVAL_WINS_BY_GROUP[group])
    loss = np.where(u[0] < world.config.realism.win.no_decision_share, 0, np.where(to_rival, 1, other))
    return pc.if_else(pa.array(deals.lost), labels(LOSS_REASONS, loss), pa.scalar(None, pa.string()))


def _next_steps(world: World, block: int, deals: Deals, group: np.ndarray) -> pa.Array:
    """One of the stage group's next steps on open deals; empty on closed ones."""
    steps = ["", *(s for g in ("identified", "qualified", "proposal", "negotiation") for s in NEXT_STEPS[g])]
    u = draw(world.seed, OpportunityDraw.NEXT_STEP, block).random(deals.customer.size)
    return labels(steps, np.where(deals.closed, 0, 1 + group * 3 + (u * 3).astype(np.int64)))


def expected_close_days(world: World, block: int, deals: Deals) -> np.ndarray:
    """Forecast close date: a business day, often the month's last one (where reps put close dates).

    Open deals carry their current plan, capped at the horizon their typical cycle justifies (and
    under a year out);
    ``pipeline.past_due_share`` of them have slipped past it (up to ~4 months overdue). Closed
    deals keep the forecast made when they opened — the typical cycle for the deal, with its own
    error — which knows nothing of the outcome, so it neither equals closed_at nor hints at it.
    """
    as_of_day = world.as_of_s // DAY
    created_day = deals.created_s // DAY
    # Keyed by deal: a closed deal's forecast never depends on which other deals exist at as_of.
    u_overdue = keyed_uniform(world.seed, OpportunityDraw.OVERDUE, block, deals.key, lanes=2)
    overdue = ~deals.closed & (u_overdue[0] < world.config.realism.pipeline.past_due_share)
    slip = np.minimum(1 - 35.0 * np.log1p(-u_overdue[1]), 120).astype(np.int64)
    slipped = np.maximum(as_of_day - slip, created_day)
    noise = keyed_normal(world.seed, OpportunityDraw.FORECAST, block, deals.key)[0]
    opened_with = deals.created_s + (deals.forecast_days * np.exp(0.25 * noise) * DAY)
    forecast = np.asarray(opened_with, dtype=np.int64) // DAY
    # Under a year out even after the move to a month end: a forecast further off is a dead deal (no cycle needs it).
    horizon = as_of_day + np.clip(1.5 * deals.forecast_days, 90, 365 - 31).astype(np.int64)
    planned = np.clip(deals.planned_close_s // DAY, as_of_day, horizon)
    day = np.where(deals.closed, forecast, np.where(overdue, slipped, planned))
    to_month_end = keyed_uniform(world.seed, OpportunityDraw.FORECAST_MONTH_END, block, deals.key)[0] < (
        world.config.realism.calendar.month_end_forecast_share
    )
    at_month_end = last_business_day_of_month(day)
    moved = np.where(to_month_end & ((at_month_end < as_of_day) == (day < as_of_day)), at_month_end, day)
    ahead = ~deals.closed & ~overdue  # a future date stays in the future: a weekend moves to the Monday
    business = np.where(ahead, business_day(moved, forward=True), business_day(moved))
    return np.asarray(np.maximum(business, created_day))
