"""Generate a dataset in memory: every block through a runner, combined once.

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
from salesgen.contract import BLOCK_TABLES, TABLE_NAMES, arrow_schema
from salesgen.engine.combine import Combine
from salesgen.entities.registry import BlockResult, build_block
from salesgen.entities.world import build_world

# A runner maps a block function over block indices and yields results in block order.
Runner = Callable[[Callable[[int], BlockResult], Iterable[int]], Iterator[BlockResult]]


def inline_runner(build: Callable[[int], BlockResult], blocks: Iterable[int]) -> Iterator[BlockResult]:
    """Run blocks one after another in this process."""
    return map(build, blocks)


def generate_blocks(
    config: Config, seed: int, runner: Runner = inline_runner, tables: tuple[str, ...] = TABLE_NAMES
) -> tuple[dict[str, pa.Table], dict[str, list[int]]]:
    """The ten tables (or ``tables``) in memory, in the registry's order, and the rows each block gave each
    block table.

    The writer slices the tables at those boundaries into the same parts as a streamed run.
    """
    world = build_world(config, seed)
    combine = Combine(world)
    parts: dict[str, list[pa.Table]] = {name: [] for name in tables}
    block_tables = [name for name in BLOCK_TABLES if name in tables]

    def build(block: int) -> BlockResult:
        return build_block(world, block, tables=tables)

    for _, result in combine.blocks(runner(build, range(world.block_count)), lambda r: r.rep_totals):
        for name in block_tables:
            parts[name].append(result.tables[name])
    for name, table in combine.run_tables().items():
        if name in parts:
            parts[name].append(table)
    built = {
        name: pa.concat_tables(parts[name]) if parts[name] else arrow_schema(name).empty_table() for name in tables
    }
    return built, {name: [table.num_rows for table in parts[name]] for name in block_tables}


def generate_tables(config: Config, seed: int, runner: Runner = inline_runner) -> dict[str, pa.Table]:
    """All ten tables in memory, in the registry's order."""
    return generate_blocks(config, seed, runner)[0]
