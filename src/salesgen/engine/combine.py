"""The one combine step: blocks' rep totals summed in block order, then the run-scope tables.

Whoever consumes blocks — in memory (``runner.generate_tables``) or a writer
that gets only per-block reports back from workers — feeds each block's
``RepTotals`` through ``Combine.blocks`` and asks ``run_tables`` at the end.

Example:
    >>> from salesgen.config import Config
    >>> from salesgen.entities.registry import build_block
    >>> from salesgen.entities.world import build_world
    >>> world = build_world(Config(num_customers=6, num_sales_reps=2, block_size=3), seed=1)
    >>> combine = Combine(world)
    >>> results = (build_block(world, block) for block in range(world.block_count))
    >>> [block for block, _ in combine.blocks(results, lambda result: result.rep_totals)]
    [0, 1]
    >>> list(combine.run_tables())
    ['products', 'discount_tiers', 'competitors', 'sales_reps']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

import pyarrow as pa

from salesgen.entities.rep_metrics import RepTotals, finish_reps
from salesgen.entities.world import World

T = TypeVar("T")


class Combine:
    """Accumulates rep totals over a run's blocks and produces the run-scope tables."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.totals = RepTotals.zeros(world.roster.rep_id.size)

    def blocks(self, results: Iterable[T], rep_totals: Callable[[T], RepTotals]) -> Iterator[tuple[int, T]]:
        """Yield (block index, result) in order, adding each result's rep totals as it passes."""
        for block, result in enumerate(results):
            self.totals = self.totals + rep_totals(result)
            yield block, result

    def run_tables(self) -> dict[str, pa.Table]:
        """The run-scope tables, sales_reps with its metrics reduced from every block seen."""
        world = self.world
        return {
            "products": world.catalog.products,
            "discount_tiers": world.catalog.tiers,
            "competitors": world.competitors,
            "sales_reps": finish_reps(world.roster, self.totals, world.config),
        }
