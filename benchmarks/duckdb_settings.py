"""The DuckDB load (the default ``salesgen generate`` output) under alternative settings and DDL.

Each variant loads the same Parquet output into a fresh DuckDB file in its own process, and prints
that process's CPU seconds, peak RSS, the file's size, and whether every table kept the Parquet
row order (block order). Variants patch the session settings of ``databases/duckdb.py`` and the
plan of ``databases/ddl.py``; keys (PK, FK, CHECK) stay declared in every one.

Usage:
    salesgen generate -n 100000 -f parquet -o /tmp/crm100k -q
    python benchmarks/duckdb_settings.py /tmp/crm100k --variants baseline,no_fk_indexes
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import multiprocessing
import resource
import sys
import tempfile
import time
from pathlib import Path

VARIANTS: dict[str, dict[str, object]] = {
    "baseline": {},
    "no_fk_indexes": {"indexes": False},
    "preserve_order_off": {"settings": ["SET preserve_insertion_order = false"]},
    "checkpoint_1gb": {"settings": ["SET checkpoint_threshold = '1GB'"]},
    "memory_600mb_spill": {"settings": ["SET memory_limit = '600MB'", "SET temp_directory = '{tmp}'"]},
}


def _load(source: str, variant: str, out: str, queue: multiprocessing.Queue[dict[str, object]]) -> None:
    from salesgen.databases import duckdb as backend
    from salesgen.databases.loader import run_load

    spec = VARIANTS[variant]
    extra = [str(s).format(tmp=tempfile.mkdtemp()) for s in spec.get("settings", [])]  # type: ignore[attr-defined]
    backend.SETTINGS = (*backend.SETTINGS, *extra)
    if spec.get("indexes") is False:
        original = backend.DuckDBBackend.plan

        def plan_without_indexes(self: backend.DuckDBBackend) -> object:
            return dataclasses.replace(original(self), indexes=[])

        backend.DuckDBBackend.plan = plan_without_indexes  # type: ignore[method-assign,assignment]
    start = time.process_time()
    run_load(source, f"duckdb:///{out}")
    cpu = time.process_time() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put({"cpu_s": round(cpu, 2), "peak_mib": round(peak_mib), "order_kept": _order_kept(source, out)})


def _order_kept(source: str, out: str) -> bool:
    import duckdb

    from salesgen.contract import TABLES

    connection = duckdb.connect(out, read_only=True)
    connection.execute("SET threads = 1")  # list() over a parallel scan would not keep any order
    for name, table in TABLES.items():
        parts = sorted(Path(source, name).glob("*.parquet"))
        if not parts:
            continue
        key = table.primary_key
        files = ", ".join(f"'{p}'" for p in parts)
        loaded = connection.execute(f'SELECT list("{key}") FROM "{name}"').fetchone()
        written = connection.execute(f'SELECT list("{key}") FROM read_parquet([{files}])').fetchone()
        if loaded != written:
            return False
    return True


def run(source: str, variant: str) -> dict[str, object]:
    """Load ``source`` under ``variant`` in a fresh process; its CPU, peak RSS, file size and order check."""
    context = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue[dict[str, object]] = context.Queue()
    with tempfile.TemporaryDirectory() as scratch:
        out = str(Path(scratch) / "crm.duckdb")
        start = time.perf_counter()
        process = context.Process(target=_load, args=(source, variant, out, queue))
        process.start()
        result = queue.get()
        process.join()
        wall = time.perf_counter() - start
        size = Path(out).stat().st_size
    return {"variant": variant, **result, "wall_s": round(wall, 1), "file_mb": round(size / 1e6)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", help="a salesgen Parquet output")
    parser.add_argument("--variants", default=",".join(VARIANTS))
    args = parser.parse_args()
    for variant in args.variants.split(","):
        print(json.dumps(run(args.source, variant)), flush=True)
    sys.exit(0)


if __name__ == "__main__":
    main()
