"""The opportunity_stage_history table: one row per stage a deal passed through.

Example:
    >>> from salesgen.config import Config
    >>> from salesgen.entities.registry import build_block
    >>> from salesgen.entities.world import build_world
    >>> block = build_block(build_world(Config(num_customers=20, num_sales_reps=3), seed=4), 0)
    >>> history = block.tables["opportunity_stage_history"].column("opportunity_id").to_pylist()
    >>> set(history) == set(block.tables["opportunities"].column("opportunity_id").to_pylist())
    True
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from salesgen.arrowkit import timestamp_array
from salesgen.contract import assemble
from salesgen.entities.common import labels, rank_within, repeat_index
from salesgen.entities.deals import Deals
from salesgen.entities.world import World


def build_stage_history(world: World, deals: Deals) -> pa.Table:
    """Entered at the stage's entry, exited at the next one's; the last row of an open deal has no exit."""
    steps = deals.stage + 1 + deals.closed
    deal_of = repeat_index(steps)
    step = rank_within(deal_of)
    stages = world.config.realism.pipeline.stage_labels
    open_count = len(stages) - 2
    is_final = deals.closed[deal_of] & (step == steps[deal_of] - 1)
    final_stage = np.where(deals.won[deal_of], open_count, open_count + 1)
    stage = np.where(is_final, final_stage, step)
    entries = deals.entries_s[deal_of, np.minimum(step, open_count - 1)]
    entered = np.where(is_final, deals.end_s[deal_of], entries)
    last = step == steps[deal_of] - 1
    exited = np.r_[entered[1:], 0] if entered.size else entered
    return assemble(
        "opportunity_stage_history",
        {
            "stage_history_id": pa.array(deals.opportunity_id[deal_of] * 10 + step + 1),
            "opportunity_id": pa.array(deals.opportunity_id[deal_of]),
            "stage": labels(stages, stage),
            "entered_at": timestamp_array(entered),
            "exited_at": timestamp_array(exited, last),
        },
    )
