"""Generate a dataset straight to disk: blocks in parallel, parts assembled, published atomically.

Memory is bounded by the block size and the number of workers, never by the
dataset size: each block is generated, encoded and written by a worker, and
only its rep totals and row counts travel back.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from salesgen.config import Config
    >>> out = Path(tempfile.mkdtemp()) / "crm"
    >>> summary = write_dataset(Config(num_customers=20, num_sales_reps=2), 1, "csv", out)
    >>> summary.row_counts["customers"], (out / "manifest.json").exists()
    (20, True)
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from salesgen.config import Config
from salesgen.engine.workers import map_blocks
from salesgen.entities.registry import build_block
from salesgen.entities.rep_metrics import RepTotals, finish_reps
from salesgen.entities.world import World, build_world
from salesgen.schema import BLOCK_TABLES, TABLE_NAMES
from salesgen.sinks.parts import PART_FORMATS, RUN_SCOPE_PART, PartEntries
from salesgen.sinks.staging import Staging
from salesgen.version import __version__

Progress = Callable[[int, dict[str, int]], None]  # (customers done, rows per table so far)


class HashMismatchError(RuntimeError):
    """The generated dataset's hash differs from the one the user expected."""


@dataclass(frozen=True)
class WriteSummary:
    """What a run wrote."""

    target: Path
    format: str
    row_counts: dict[str, int]
    bytes: int
    seconds: float
    dataset_hash: str


def run_metadata(ctx: World, row_counts: dict[str, int]) -> dict[str, Any]:
    """The manifest's description of a run: version, seed, full config, as-of date, row counts, ground truth."""
    config, seed = ctx.config, ctx.seed
    return {
        "generator": "salesgen",
        "salesgen_version": __version__,
        "seed": seed,
        "as_of": config.as_of.isoformat(),
        "config": config.model_dump(mode="json"),
        "row_counts": {name: row_counts.get(name, 0) for name in TABLE_NAMES},
        "truth": ctx.truth(),
    }


@dataclass(frozen=True)
class BlockReport:
    """What a worker sends back for a block: row counts, rep totals, manifest entries of its parts."""

    rows: dict[str, int]
    rep_totals: RepTotals
    entries: PartEntries


def _write_block(format: str, parts_root: Path, ctx: World, block: int) -> BlockReport:
    """Worker task: generate one block and write (and hash) its parts."""
    result = build_block(ctx, block)
    part_format = PART_FORMATS[format]
    entries: PartEntries = {}
    for name in BLOCK_TABLES:
        entries.update(part_format.write_part(parts_root, name, block, result.tables[name]))
    return BlockReport({name: result.tables[name].num_rows for name in BLOCK_TABLES}, result.rep_totals, entries)


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size


def write_dataset(config: Config, seed: int, format: str, target: str | Path, *, workers: int = 1,
                  overwrite: bool = False, progress: Progress | None = None,
                  expected_hash: str | None = None) -> WriteSummary:
    """Generate (config, seed) into ``target`` in ``format``; nothing appears at ``target`` unless all succeeds.

    ``expected_hash``: refuse to publish unless the dataset hash equals it.
    """
    if format not in PART_FORMATS:
        raise ValueError(f"unknown output format {format!r}; valid formats: {', '.join(PART_FORMATS)}")
    started = time.perf_counter()
    part_format = PART_FORMATS[format]
    staging = Staging(target, overwrite=overwrite, directory=part_format.directory)
    try:
        parts_root = part_format.parts_root(staging.artifact, staging.root)
        ctx = build_world(config, seed)
        rows = dict.fromkeys(TABLE_NAMES, 0)
        totals = RepTotals.zeros(ctx.roster.rep_id.size)
        entries: PartEntries = {}
        task = functools.partial(_write_block, format, parts_root)
        for block, report in enumerate(
                map_blocks(config, seed, task, range(ctx.block_count), workers=workers, context=ctx)):
            totals = totals + report.rep_totals
            entries.update(report.entries)
            for name, count in report.rows.items():
                rows[name] += count
            if progress is not None:
                progress(min((block + 1) * config.block_size, config.num_customers), rows)
        run_tables = {"products": ctx.catalog.products, "discount_tiers": ctx.catalog.tiers,
                      "competitors": ctx.competitors, "sales_reps": finish_reps(ctx.roster, totals, config)}
        for name, table in run_tables.items():
            entries.update(part_format.write_part(parts_root, name, RUN_SCOPE_PART, table))
            rows[name] = table.num_rows
        digest = part_format.assemble(staging.artifact, parts_root, run_metadata(ctx, rows), entries)
        if expected_hash is not None and digest != expected_hash:
            raise HashMismatchError(f"dataset hash {digest} differs from the expected {expected_hash}; "
                                    "check the seed, config, format and salesgen version")
        size = _size(staging.artifact)
        path = staging.publish()
    except BaseException:
        staging.discard()
        raise
    return WriteSummary(path, format, rows, size, time.perf_counter() - started, digest)
