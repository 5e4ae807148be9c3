"""The customers table: the block's accounts with a status that follows from their deals.

Example:
    >>> from salesgen.config import Config
    >>> from salesgen.entities.registry import build_block
    >>> from salesgen.entities.world import build_world
    >>> customers = build_block(build_world(Config(num_customers=8, num_sales_reps=2), seed=1), 0).tables["customers"]
    >>> customers.num_rows, set(customers.column("status").to_pylist()) <= {"prospect", "active", "churned"}
    (8, True)
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from salesgen.contract import assemble
from salesgen.entities.accounts import Accounts
from salesgen.entities.common import DAY, labels
from salesgen.entities.deals import Deals
from salesgen.entities.outcomes import NEW_BUSINESS, RENEWAL
from salesgen.entities.world import World

CHURN_AFTER_DAYS = 400
STATUSES = ("prospect", "active", "churned")


def build_customers(world: World, accounts: Accounts, deals: Deals) -> pa.Table:
    """Status from the history at as_of (see ``customer_status``)."""
    status = customer_status(world, deals, accounts.customer_id.size)
    return assemble("customers", {**accounts.customer_columns, "status": labels(STATUSES, status)})


def customer_status(world: World, deals: Deals, n: int) -> np.ndarray:
    """0 prospect, 1 active, 2 churned per account, derived from its deals at as_of.

    Prospect: never won a deal. Active: a won subscription whose term is still running, a renewal or
    upsell still being negotiated, or a one-time purchase within ``CHURN_AFTER_DAYS``. Churned: won before,
    none of that now — a subscription customer churns by losing (or letting lapse) its renewal. A lost
    renewal is the customer leaving: it is churned from then on, and opens no deal after it
    (``renewals.end_at_churn``).
    """
    term = int(world.config.realism.lifecycle.subscription_term_months * 30.4375 * DAY)
    wins = np.bincount(deals.customer[deals.won], minlength=n)
    running = deals.won & deals.subscription & (deals.end_s + term > world.as_of_s)
    recent = deals.won & ~deals.subscription & (deals.end_s > world.as_of_s - CHURN_AFTER_DAYS * DAY)
    pending = ~deals.closed & (deals.deal_type != NEW_BUSINESS)
    lost_renewal = deals.closed & ~deals.won & (deals.deal_type == RENEWAL)
    left = np.bincount(deals.customer[lost_renewal], minlength=n) > 0
    live = (np.bincount(deals.customer[running | recent | pending], minlength=n) > 0) & ~left
    return np.asarray(np.where(wins == 0, 0, np.where(live, 1, 2)))
