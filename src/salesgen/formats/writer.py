"""The one writer: blocks become parts, parts are assembled, the output is published atomically.

Two entry points, one path:

* :func:`write_dataset_local` generates ``(config, seed)`` straight to disk (what the
  CLI runs, through ``formats.engines.write_dataset``). Memory is bounded by the block size and the number of workers:
  each block is generated, encoded and written by a worker, and only its rep
  totals, row counts and part hashes travel back.
* :func:`write_tables` writes tables already in memory (what
  ``SalesDataGenerator.save`` runs), sliced into the same blocks when their
  boundaries are known, so the files and manifest equal those of
  :func:`write_dataset_local` for the same seed, config and format.

Nothing appears at ``target`` unless everything succeeded.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from salesgen.config import Config
    >>> out = Path(tempfile.mkdtemp()) / "crm"
    >>> summary = write_dataset_local(Config(num_customers=20, num_sales_reps=2), 1, "csv", out)
    >>> summary.row_counts["customers"], (out / "manifest.json").exists()
    (20, True)
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

import pyarrow as pa

from salesgen.config import Config
from salesgen.contract import BLOCK_TABLES, RUN_SCOPE_TABLES, TABLE_NAMES
from salesgen.databases.urls import is_url
from salesgen.engine.combine import Combine
from salesgen.engine.workers import map_blocks
from salesgen.entities.registry import build_block, select_tables
from salesgen.entities.rep_metrics import RepTotals
from salesgen.entities.world import World, build_world
from salesgen.formats.manifest import FileEntries, check_metadata, run_metadata
from salesgen.formats.parts import RUN_SCOPE_PART, Block, PartFormat, Parts, conform
from salesgen.formats.registry import FORMATS, get_format
from salesgen.formats.staging import Staging

Progress = Callable[[int, dict[str, int]], None]  # (customers done, rows per table so far)
BlockRows = Mapping[str, Sequence[int]]  # block table → rows each block contributed, in block order


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
    url: str | None = None  # the fsspec URL written, when not a local path (``target`` is then its path)


@dataclass(frozen=True)
class BlockReport:
    """What a worker sends back for a block: row counts, rep totals, manifest entries of its parts."""

    rows: dict[str, int]
    rep_totals: RepTotals
    entries: FileEntries


def write_block(
    fmt: PartFormat, parts_root: Path, block: Block, tables: Mapping[str, pa.Table]
) -> tuple[FileEntries, dict[str, int]]:
    """Write the parts of one block's tables; return their manifest entries and row counts."""
    entries: FileEntries = {}
    for name, rows in tables.items():
        entries.update(fmt.write_part(parts_root, name, block, rows))
    return entries, {name: rows.num_rows for name, rows in tables.items()}


def _generate_block(format: str, parts_root: Path, tables: tuple[str, ...], world: World, block: int) -> BlockReport:
    """Worker task: generate one block (what ``tables`` need) and write (and hash) their parts."""
    result = build_block(world, block, tables=tables)
    entries, rows = write_block(FORMATS[format], parts_root, block, result.tables)
    return BlockReport(rows, result.rep_totals, entries)


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size


def _staged(
    format: str,
    target: str | Path,
    overwrite: bool,
    expected_hash: str | None,
    fill: Callable[[PartFormat, Parts], Mapping[str, Any]],
    tables: tuple[str, ...] = TABLE_NAMES,
) -> WriteSummary:
    """Stage ``target``, let ``fill`` write the parts of ``tables`` (it returns the metadata), assemble, check,
    publish."""
    started = time.perf_counter()
    fmt = get_format(format)  # before staging: an unknown format leaves nothing behind
    refuse_subset(fmt.name, tables)
    staging = Staging(target, overwrite=overwrite, directory=fmt.directory)
    try:
        # The formats assemble the tables of ``parts.rows``, in its (contract) order.
        parts = Parts(fmt.parts_root(staging.artifact, staging.root), rows=dict.fromkeys(tables, 0))
        metadata = fill(fmt, parts)
        digest = fmt.assemble(staging.artifact, parts, metadata)
        if expected_hash is not None and digest != expected_hash:
            raise HashMismatchError(
                f"dataset hash {digest} differs from the expected {expected_hash}; "
                "check the seed, config, format and salesgen version"
            )
        size = _size(staging.artifact)
        path = staging.publish()
    except BaseException:
        staging.discard()
        raise
    return WriteSummary(path, fmt.name, dict(parts.rows), size, time.perf_counter() - started, digest)


class WriteKeywords(TypedDict, total=False):
    """The keyword options every engine takes (see ``formats.engines.write_dataset``)."""

    workers: int
    overwrite: bool
    progress: Progress | None
    expected_hash: str | None
    scheduler: str | None
    storage_options: dict[str, Any] | None


SUBSET_FORMATS = ("parquet", "csv", "jsonl", "json")
"""Formats that write a subset of the tables (``tables=``): a database's foreign keys need all ten."""


def refuse_subset(format: str, tables: Sequence[str]) -> None:
    """ValueError when ``tables`` is a strict subset and ``format`` cannot hold one.

    Example:
        >>> refuse_subset("duckdb", ("customers",))  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ValueError: tables= (--tables) writes parquet, csv, jsonl or json, not duckdb: ...
    """
    if tuple(tables) != TABLE_NAMES and format not in SUBSET_FORMATS:
        raise ValueError(
            f"tables= (--tables) writes {', '.join(SUBSET_FORMATS[:-1])} or {SUBSET_FORMATS[-1]}, not {format}: "
            "a database's foreign keys need all ten tables; write the full dataset, or a file format"
        )


DASK_FORMATS = ("parquet", "csv", "jsonl")
"""Formats the Dask engine writes: folders of parts (one-file outputs are assembled on one machine)."""


def write_dataset_local(
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
    tables: Sequence[str] | None = None,
) -> WriteSummary:
    """The local engine: this machine's process pool, published by an atomic rename (see ``engines.write_dataset``)."""
    if scheduler is not None or storage_options:
        raise ValueError("scheduler= and storage_options= apply to the Dask engine (engine='dask' / --engine dask)")
    target = _local_path(target)
    selected = select_tables(tables)

    def fill(fmt: PartFormat, parts: Parts) -> dict[str, Any]:
        world = build_world(config, seed)
        combine = Combine(world)
        task = functools.partial(_generate_block, fmt.name, parts.root, selected)
        reports = map_blocks(config, seed, task, range(world.block_count), workers=workers, context=world)
        for block, report in combine.blocks(reports, lambda report: report.rep_totals):
            parts.add(report.entries, report.rows)
            if progress is not None:
                progress(min((block + 1) * config.block_size, config.num_customers), parts.rows)
        run_tables = {name: table for name, table in combine.run_tables().items() if name in selected}
        parts.add(*write_block(fmt, parts.root, RUN_SCOPE_PART, run_tables))
        return run_metadata(world, parts.rows, selected)

    return _staged(format, target, overwrite, expected_hash, fill, selected)


def _local_path(target: str | Path) -> str | Path:
    """A ``file://`` URL as its path; any other URL needs the Dask engine (it writes through fsspec)."""
    text = str(target)
    if text.startswith("file://"):
        return text.removeprefix("file://")
    if is_url(text):
        raise ValueError(
            f"{text} is a URL: the local engine writes local paths; use engine='dask' (--engine dask) for fsspec URLs"
        )
    return target


def split_blocks(
    tables: Mapping[str, pa.Table], block_rows: BlockRows | None = None
) -> Iterator[tuple[Block, dict[str, pa.Table]]]:
    """The tables as the blocks that made them (one block if ``block_rows`` is None), run scope last.

    Example:
        >>> from salesgen.contract import arrow_schema
        >>> tables = {name: arrow_schema(name).empty_table() for name in TABLE_NAMES}
        >>> [block for block, _ in split_blocks(tables, {name: [0, 0] for name in BLOCK_TABLES})]
        [0, 1, 'run']
    """
    block_tables = [name for name in BLOCK_TABLES if name in tables]
    counts = block_rows or {name: [tables[name].num_rows] for name in block_tables}
    blocks = {len(counts.get(name, ())) for name in block_tables} or {0}
    wrong = [name for name in block_tables if sum(counts.get(name, ())) != tables[name].num_rows]
    if len(blocks) != 1 or wrong:
        raise ValueError(f"block boundaries do not match the tables ({', '.join(wrong) or 'block counts differ'})")
    offsets = dict.fromkeys(block_tables, 0)
    for block in range(blocks.pop()):
        piece = {}
        for name in block_tables:
            piece[name] = tables[name].slice(offsets[name], counts[name][block])
            offsets[name] += counts[name][block]
        yield block, piece
    yield RUN_SCOPE_PART, {name: tables[name] for name in RUN_SCOPE_TABLES if name in tables}


def write_tables(
    data: Mapping[str, pa.Table],
    metadata: Mapping[str, Any],
    format: str,
    target: str | Path,
    *,
    block_rows: BlockRows | None = None,
    overwrite: bool = False,
    expected_hash: str | None = None,
    tables: Sequence[str] | None = None,
) -> WriteSummary:
    """Write the ten tables of ``data`` (or only ``tables``, a subset) with ``metadata`` through the same parts
    and assembly as generation.

    Every table is checked against the contract first (columns, types, nulls: ValueError/TypeError
    naming it). ``block_rows`` gives the rows each block contributed to each block table
    (``Dataset.block_rows``); without it the tables are written as one block.

    Example:
        >>> import tempfile
        >>> from salesgen.contract import arrow_schema
        >>> tables = {name: arrow_schema(name).empty_table() for name in TABLE_NAMES}
        >>> out = write_tables(tables, {"seed": 1}, "jsonl", Path(tempfile.mkdtemp()) / "crm").target
        >>> (out / "customers.jsonl").read_bytes()
        b''
    """

    selected = select_tables(tables)  # all ten unless a subset is asked for: a missing table is a KeyError

    def fill(fmt: PartFormat, parts: Parts) -> Mapping[str, Any]:
        check_metadata(metadata)
        conformed = {name: conform(name, data[name]) for name in selected}
        for block, piece in split_blocks(conformed, block_rows):
            parts.add(*write_block(fmt, parts.root, block, piece))
        return metadata

    return _staged(format, target, overwrite, expected_hash, fill, selected)
