"""Run blocks and reduce them: the run-scope tables, every block, then the rep metrics.

Example:
    >>> from salesgen.config import Config
    >>> tables = generate_tables(Config(num_customers=5, num_sales_reps=2), seed=1)
    >>> sorted(tables)[:2]
    ['competitors', 'contacts']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import pyarrow as pa

from salesgen.config import Config
from salesgen.engine.block import BlockResult, build_block
from salesgen.engine.context import RunContext, build_context
from salesgen.entities.reps import RepTotals, finish_reps
from salesgen.schema import BLOCK_TABLES, TABLE_NAMES

# A runner maps a block function over block indices and yields results in block order.
Runner = Callable[[Callable[[int], BlockResult], Iterable[int]], Iterator[BlockResult]]


def inline_runner(build: Callable[[int], BlockResult], blocks: Iterable[int]) -> Iterator[BlockResult]:
    """Run blocks one after another in this process."""
    return map(build, blocks)


def run_blocks(ctx: RunContext, runner: Runner = inline_runner) -> Iterator[tuple[str, pa.Table]]:
    """Yield (table, rows) as blocks finish, then the run-scope tables with metrics reduced."""
    totals = RepTotals.zeros(ctx.roster.rep_id.size)

    def build(block: int) -> BlockResult:
        return build_block(ctx, block)

    for result in runner(build, range(ctx.block_count)):
        totals = totals + result.rep_totals
        for name in BLOCK_TABLES:
            yield name, result.tables[name]
    yield "products", ctx.catalog.products
    yield "discount_tiers", ctx.catalog.tiers
    yield "competitors", ctx.competitors
    yield "sales_reps", finish_reps(ctx.roster, totals, ctx.config)


def generate_blocks(config: Config, seed: int,
                    runner: Runner = inline_runner) -> tuple[dict[str, pa.Table], dict[str, list[int]]]:
    """All ten tables in memory, in the registry's order, and the rows each block gave each block table.

    The writer slices the tables at those boundaries into the same parts as a streamed run.
    """
    ctx = build_context(config, seed)
    parts: dict[str, list[pa.Table]] = {name: [] for name in TABLE_NAMES}
    for name, table in run_blocks(ctx, runner):
        parts[name].append(table)
    tables = {name: pa.concat_tables(parts[name]) if parts[name] else ctx.schemas[name].empty_table()
              for name in TABLE_NAMES}
    return tables, {name: [table.num_rows for table in parts[name]] for name in BLOCK_TABLES}


def generate_tables(config: Config, seed: int, runner: Runner = inline_runner) -> dict[str, pa.Table]:
    """All ten tables in memory, in the registry's order."""
    return generate_blocks(config, seed, runner)[0]
