"""Where a block's time goes, per step and per table, and the physical limit of the same columns.

Prints figures; asserts nothing. CPU seconds (``time.process_time``: every thread of this process,
so Arrow's encoder threads count), which a busy shared machine disturbs far less than wall time.

* ``steps``  — each registry step of :func:`salesgen.entities.registry.build_block` (generation) and the
  Parquet encode + hash of each block table (what a worker does), summed over the blocks of the run;
* ``limit``  — the physical limit for the same output: for every column of every block table, NumPy
  draws of the same number of values (integers, floats, or row indices into the column's own distinct
  strings, gathered by Arrow), then the same Parquet encode. No generator of these columns can beat
  "draw the values, encode them"; the ratio says how far above it salesgen's logic is.

Usage:
    .venv/bin/python benchmarks/profile.py                      # 30,000 customers (3 blocks)
    .venv/bin/python benchmarks/profile.py --customers 100000
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pyarrow as pa
from _common import environment, num, print_table

from salesgen.arrowkit import _decimal_from_unscaled
from salesgen.config import Config
from salesgen.contract import BLOCK_TABLES
from salesgen.entities.registry import REGISTRY, build_step
from salesgen.entities.world import World, build_world
from salesgen.formats.registry import FORMATS

T = TypeVar("T")


def timed(totals: dict[str, float], key: str, action: Callable[[], T]) -> T:
    started = time.process_time()
    result = action()
    totals[key] = totals.get(key, 0.0) + time.process_time() - started
    return result


def profile(world: World, folder: Path) -> tuple[dict[str, float], dict[str, float], list[dict[str, pa.Table]]]:
    """CPU seconds per step and per table encode over every block; the block tables, for the limit."""
    steps: dict[str, float] = {}
    encode: dict[str, float] = {}
    blocks = []
    parquet = FORMATS["parquet"]
    for block in range(world.block_count):
        done: dict[str, Any] = {}
        for step in REGISTRY:
            done[step.name] = timed(steps, step.name, lambda s=step, b=block, d=done: build_step(s, world, b, d))  # type: ignore[misc]
        for name in BLOCK_TABLES:
            timed(encode, name, lambda n=name, b=block, d=done: parquet.write_part(folder, n, b, d[n]))  # type: ignore[misc]
        blocks.append({name: done[name] for name in BLOCK_TABLES})
    return steps, encode, blocks


def _draw(column: pa.ChunkedArray, rng: np.random.Generator) -> pa.Array:
    """Values of ``column``'s type and length, drawn with NumPy as cheaply as it can be done."""
    n, kind = len(column), column.type
    if pa.types.is_decimal(kind):
        return _decimal_from_unscaled(rng.integers(0, 10 ** min(kind.precision, 18), n), kind, None)
    if pa.types.is_integer(kind) or pa.types.is_timestamp(kind):
        return pa.array(rng.integers(0, 1 << 40, n)).cast(kind)
    if pa.types.is_floating(kind):
        return pa.array(rng.random(n))
    if pa.types.is_date(kind):
        return pa.array(rng.integers(18_000, 21_000, n).astype(np.int32)).cast(kind)
    if pa.types.is_boolean(kind):
        return pa.array(rng.random(n) < 0.5)
    # strings, lists: a gather from the column's own values (a vocabulary of this column's shape)
    values = column.combine_chunks()
    return values.take(pa.array(rng.integers(0, max(n, 1), n))) if n else values


def limit(blocks: list[dict[str, pa.Table]], folder: Path) -> tuple[dict[str, float], dict[str, float]]:
    """CPU seconds per table: NumPy draws of each column, then the same Parquet encode."""
    draw: dict[str, float] = {}
    encode: dict[str, float] = {}
    parquet = FORMATS["parquet"]
    rng = np.random.default_rng(1)
    for block, tables in enumerate(blocks):
        for name, table in tables.items():
            columns = timed(draw, name, lambda t=table: [_draw(c, rng) for c in t.columns])  # type: ignore[misc]
            drawn = pa.Table.from_arrays(columns, names=table.column_names)
            timed(encode, name, lambda d=drawn, n=name, b=block: parquet.write_part(folder, n, b, d))  # type: ignore[misc]
    return draw, encode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=30_000, help="customers (block_size each block)")
    args = parser.parse_args()
    print(f"salesgen profile | {environment()}")
    started = time.process_time()
    world = build_world(Config(num_customers=args.customers), 42)
    world_cpu = time.process_time() - started
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        steps, encode, blocks = profile(world, Path(a))
        draw, floor = limit(blocks, Path(b))
    total = sum(steps.values()) + sum(encode.values())
    rows = [
        [f"generate {k}", f"{v:.2f}", f"{100 * v / total:.1f}%"]
        for k, v in sorted(steps.items(), key=lambda kv: -kv[1])
    ]
    rows += [
        [f"encode {k}", f"{v:.2f}", f"{100 * v / total:.1f}%"] for k, v in sorted(encode.items(), key=lambda kv: -kv[1])
    ]
    counts = sum(sum(t.num_rows for t in tables.values()) for tables in blocks)
    print_table(
        f"Blocks of {num(world.config.block_size)} customers, {num(args.customers)} customers, {num(counts)} rows "
        "(CPU seconds summed over blocks)",
        ["step", "CPU s", "share"],
        rows,
        [f"total {total:.2f} CPU s ({num(counts / total)} rows per CPU second); world build {world_cpu:.2f} s once"],
    )
    limit_total = sum(draw.values()) + sum(floor.values())
    print_table(
        "Physical limit: NumPy draws of the same columns + the same Parquet encode (CPU seconds)",
        ["table", "salesgen generate+encode", "draw", "encode", "limit", "salesgen / limit"],
        [
            [
                name,
                f"{_table_cost(name, steps) + encode[name]:.2f}",
                f"{draw[name]:.2f}",
                f"{floor[name]:.2f}",
                f"{draw[name] + floor[name]:.2f}",
                f"{(_table_cost(name, steps) + encode[name]) / max(draw[name] + floor[name], 1e-9):.1f}x",
            ]
            for name in BLOCK_TABLES
        ],
        [
            f"all tables: salesgen {total:.2f} CPU s, limit {limit_total:.2f} CPU s, ratio {total / limit_total:.1f}x",
            "salesgen generate per table = the step of that name (intermediate steps such as people, deals,",
            "line_items, accounts are counted in the total only)",
        ],
    )


def _table_cost(name: str, steps: dict[str, float]) -> float:
    return steps.get(name, 0.0)


if __name__ == "__main__":
    main()
