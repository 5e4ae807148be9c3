"""The writer on Dask: workers generate, encode, write and hash; the client commits a manifest.

Tasks of a run (all on workers, none returns rows):

* one per block (:func:`block_task`): build the block, write its parts through
  fsspec straight to the destination (Parquet parts are final files and are
  hashed there; text parts go to the run's parts prefix);
* a tree of small reduce tasks summing the blocks' rep totals, then one
  run-scope task writing products, discount tiers, competitors and sales reps
  (:func:`run_scope_task`);
* one per table (:func:`finish_table`): a CSV/JSONL file is its header and its
  parts in block order, streamed and hashed; a Parquet table without rows gets
  the empty part that carries its schema.

The client sees row counts, hashes and rep totals only, follows block
completion for the progress bar, writes the manifest with the same bytes as the
local engine's, and commits (:mod:`~salesgen.formats.remote`). Parts are
encoded by the same :class:`~salesgen.formats.parts.PartFormat` as the local
engine, so the files and ``dataset_hash`` are identical.

Example (``memory://`` lives in this process, so the LocalCluster started here runs threads):
    >>> from salesgen.config import Config
    >>> summary = write_dataset_dask(Config(num_customers=6, num_sales_reps=2, block_size=3), 1, "csv",
    ...                              "memory://cluster-doc/crm")
    >>> summary.row_counts["customers"], summary.url
    (6, 'memory://cluster-doc/crm')
"""

from __future__ import annotations

import hashlib
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from salesgen.config import Config
from salesgen.contract import BLOCK_TABLES, TABLE_NAMES, arrow_schema
from salesgen.engine.combine import Combine
from salesgen.engine.dask import completed, dask_client, reduce_totals, require_dask, submit_blocks, worker_world
from salesgen.entities.registry import build_block
from salesgen.entities.rep_metrics import RepTotals
from salesgen.entities.world import World, build_world
from salesgen.formats.datapackage import datapackage_text
from salesgen.formats.manifest import FileEntries, manifest_text, run_metadata
from salesgen.formats.parquet import COMPRESSION
from salesgen.formats.parts import RUN_SCOPE_PART, Block, part_name
from salesgen.formats.registry import FORMATS
from salesgen.formats.remote import Destination, is_local, open_destination, shared_across_processes
from salesgen.formats.writer import DASK_FORMATS, BlockReport, Progress, WriteSummary, write_block

COPY_CHUNK = 8 << 20


@dataclass(frozen=True)
class Plan:
    """What every task of a run needs: the run's identity and where to write (small, pickled per task)."""

    format: str
    config: Config
    seed: int
    fs: Any
    data_root: str
    parts_root: str  # where block parts go: data_root for Parquet, the parts prefix for text

    @property
    def local(self) -> bool:
        return is_local(self.fs)


def _write_parts(plan: Plan, block: Block, tables: Mapping[str, pa.Table]) -> tuple[FileEntries, dict[str, int]]:
    """Encode a block's tables with the format's part writer, then put them in place (local: in place)."""
    fmt = FORMATS[plan.format]
    if plan.local:
        return write_block(fmt, Path(plan.parts_root), block, tables)
    with tempfile.TemporaryDirectory(prefix="salesgen-block-") as scratch:
        written = write_block(fmt, Path(scratch), block, tables)
        for path in sorted(Path(scratch).rglob("*")):
            if path.is_file():
                plan.fs.put_file(str(path), f"{plan.parts_root}/{path.relative_to(scratch).as_posix()}")
    return written


def block_task(plan: Plan, block: int) -> BlockReport:
    """Worker task: generate one block, write and hash its parts; return counts, rep totals, entries."""
    result = build_block(worker_world(plan.config, plan.seed), block)
    entries, rows = _write_parts(plan, block, {name: result.tables[name] for name in BLOCK_TABLES})
    return BlockReport(rows, result.rep_totals, entries)


def run_scope_task(plan: Plan, totals: RepTotals) -> tuple[FileEntries, dict[str, int]]:
    """Worker task: the run-scope tables, sales_reps finished from every block's totals."""
    combine = Combine(worker_world(plan.config, plan.seed))
    combine.totals = totals
    return _write_parts(plan, RUN_SCOPE_PART, combine.run_tables())


def _empty_parquet(plan: Plan, table: str) -> FileEntries:
    """The part that carries an empty table's schema (as :class:`ParquetFormat` writes it)."""
    relative = f"{table}/{part_name(0)}.parquet"
    with tempfile.TemporaryDirectory(prefix="salesgen-empty-") as scratch:
        local = Path(scratch, "part.parquet")
        pq.write_table(arrow_schema(table).empty_table(), local, compression=COMPRESSION)
        digest = hashlib.sha256(local.read_bytes()).hexdigest()
        plan.fs.makedirs(f"{plan.data_root}/{table}", exist_ok=True)
        plan.fs.put_file(str(local), f"{plan.data_root}/{relative}")
        return {relative: {"bytes": local.stat().st_size, "rows": 0, "sha256": digest}}


def finish_table(plan: Plan, table: str, blocks: list[Block], rows: int) -> FileEntries:
    """Worker task: a text table's file (header + parts in block order, hashed); an empty Parquet part."""
    fmt = FORMATS[plan.format]
    if fmt.hashes_parts:
        return {} if blocks else _empty_parquet(plan, table)
    name = table + fmt.extension
    digest = hashlib.sha256()
    header = fmt._header(table)  # type: ignore[attr-defined]  # text formats only (DASK_FORMATS)
    digest.update(header)
    size = len(header)
    with plan.fs.open(f"{plan.data_root}/{name}", "wb") as out:
        out.write(header)
        for block in blocks:
            with plan.fs.open(f"{plan.parts_root}/{table}/{part_name(block)}{fmt.extension}", "rb") as part:
                while chunk := part.read(COPY_CHUNK):
                    out.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
    return {name: {"bytes": size, "rows": rows, "sha256": digest.hexdigest()}}


@dataclass
class _Tally:
    """What the client keeps: rows per table, manifest entries, which blocks gave each table rows."""

    rows: dict[str, int]
    entries: FileEntries
    present: dict[str, list[Block]]

    def add(self, block: Block, entries: FileEntries, rows: Mapping[str, int]) -> None:
        self.entries.update(entries)
        for name, count in rows.items():
            self.rows[name] += count
            if count:
                self.present[name].append(block)


def _run(client: Any, plan: Plan, progress: Progress | None) -> tuple[FileEntries, dict[str, int], World]:
    """Submit every task of a run; return the manifest entries, row counts and the run's World.

    The client builds the World (for the manifest's metadata) while the workers run the blocks.
    """
    config = plan.config
    blocks = range(-(-config.num_customers // config.block_size))
    futures = submit_blocks(client, block_task, blocks, plan)
    run_scope = client.submit(run_scope_task, plan, reduce_totals(client, futures), pure=False)
    world = build_world(config, plan.seed)
    block_of = {future.key: block for block, future in zip(blocks, futures, strict=True)}
    tally = _Tally(dict.fromkeys(TABLE_NAMES, 0), {}, {name: [] for name in TABLE_NAMES})
    done = 0
    for future, report in completed(client, futures):
        block = block_of[future.key]
        tally.add(block, report.entries, report.rows)
        done += min(config.block_size, config.num_customers - block * config.block_size)
        if progress is not None:
            progress(done, tally.rows)
    for name in BLOCK_TABLES:
        tally.present[name].sort(key=int)
    tally.add(RUN_SCOPE_PART, *run_scope.result())
    del futures, run_scope
    finishing = [
        client.submit(finish_table, plan, name, tally.present[name], tally.rows[name], pure=False)
        for name in TABLE_NAMES
    ]
    for entries in client.gather(finishing):
        tally.entries.update(entries)
    return tally.entries, tally.rows, world


def write_dataset_dask(
    config: Config,
    seed: int,
    format: str,
    target: str | Path,
    *,
    workers: int = 1,
    overwrite: bool = False,
    progress: Progress | None = None,
    expected_hash: str | None = None,
    scheduler: str | None = None,
    storage_options: dict[str, Any] | None = None,
) -> WriteSummary:
    """Generate (config, seed) on Dask into ``target`` (any fsspec path); committed only if all succeeds.

    ``scheduler``: a Dask scheduler address; without it the current default client is used, or a
    LocalCluster of ``workers`` processes is started. ``storage_options``: fsspec options of ``target``.
    """
    require_dask()
    if format not in DASK_FORMATS:
        raise ValueError(f"the Dask engine writes {', '.join(DASK_FORMATS)}, not {format!r}; choose one of them")
    from salesgen.formats.writer import HashMismatchError

    started = time.perf_counter()
    destination = open_destination(target, overwrite=overwrite, storage_options=storage_options)
    plan = _plan(format, config, seed, destination)
    try:
        with dask_client(scheduler, workers, processes=shared_across_processes(destination.fs)) as client:
            files, rows, world = _run(client, plan, progress)
        metadata = run_metadata(world, rows)
        text, digest = manifest_text(metadata, files)
        if expected_hash is not None and digest != expected_hash:
            raise HashMismatchError(
                f"dataset hash {digest} differs from the expected {expected_hash}; "
                "check the seed, config, format and salesgen version"
            )
        destination.commit(text, datapackage_text(metadata, files))
    except BaseException:
        destination.abort()
        raise
    size = sum(int(entry["bytes"]) for entry in files.values()) + len(text.encode("utf-8"))
    url = None if destination.staging is not None else str(target)
    return WriteSummary(Path(destination.target), format, rows, size, time.perf_counter() - started, digest, url=url)


def _plan(format: str, config: Config, seed: int, destination: Destination) -> Plan:
    parts_root = destination.data_root if FORMATS[format].hashes_parts else destination.parts_root
    return Plan(format, config, seed, destination.fs, destination.data_root, parts_root)
