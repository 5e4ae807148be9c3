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
from salesgen.entities.world import World

CHURN_AFTER_DAYS = 400
STATUSES = ("prospect", "active", "churned")


def build_customers(world: World, accounts: Accounts, deals: Deals) -> pa.Table:
    """Status from the deals: prospect (never won), churned (won long ago, nothing since), active."""
    n = accounts.customer_id.size
    wins = np.bincount(deals.customer[deals.won], minlength=n)
    open_deals = np.bincount(deals.customer[~deals.closed], minlength=n)
    last_win = np.zeros(n, dtype=np.int64)
    np.maximum.at(last_win, deals.customer[deals.won], deals.end_s[deals.won])
    stale = last_win < world.as_of_s - CHURN_AFTER_DAYS * DAY
    status = np.where(wins == 0, 0, np.where(stale & (open_deals == 0), 2, 1))
    return assemble("customers", {**accounts.customer_columns, "status": labels(STATUSES, status)})
