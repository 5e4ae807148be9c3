"""salesgen against the Rust TPC-H generator at equal row counts, A B A B, with Faker-loop ratios for context.

A = ``salesgen generate -n N -f parquet --workers W`` (zstd Parquet parts), B = ``tpchgen-cli parquet
-s SF -n W --compression 'ZSTD(1)'`` at the scale factor whose row count matches A's (within 5%: SF is
derived from A's row count, then corrected once from the rows B really wrote). Both run as child
processes of this one, alternating A B A B for ``--reps`` pairs after one warm-up of each; each run's
wall seconds, CPU seconds (user + system of the child and the workers it reaped), output bytes and peak
RSS (summed over the child's process tree, polled every 50 ms) are recorded, and the medians and the
ratio of median rows/s are printed. Pairs alternate so that a drift of the machine's speed hits both.

Then, for context, two per-row Python loops (what hand-written generators do): a plain Faker loop
building contact dicts, and a Snowfakery-style loop (an emulation of a recipe: one object per row,
Faker fields, children linked to their parent's id), each against salesgen's end-to-end rows/s.

Needs ``pip install tpchgen-cli`` (not a salesgen dependency) and ``faker`` (the dev extra).

Usage:
    .venv/bin/python benchmarks/compare.py                               # 1M customers, 2 workers, 3 pairs
    .venv/bin/python benchmarks/compare.py --customers 100000 --reps 2   # a quick look
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from _common import MIB, environment, num, per_second, print_table, scratch
from memory import measure
from throughput import faker_rows, tpchgen_cli

TPCH_ROWS_PER_SF = 8_661_245  # rows of all eight TPC-H tables at scale factor 1
ROW_TOLERANCE = 0.05
FAKER_TARGET = 500


@dataclass(frozen=True)
class Run:
    rows: int
    bytes: int
    seconds: float
    cpu: float
    rss: int


def _folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def salesgen_run(customers: int, workers: int, out: Path) -> Run:
    command = [sys.executable, "-m", "salesgen", "generate", "-n", str(customers), "-f", "parquet"]
    command += ["-o", str(out), "-q", "--overwrite", "--workers", str(workers)]
    peak = measure(command)
    rows = sum(json.loads((out / "manifest.json").read_text())["row_counts"].values())
    run = Run(rows, _folder_bytes(out), peak.seconds, peak.cpu, peak.rss)
    shutil.rmtree(out)
    return run


def tpch_run(exe: str, sf: float, threads: int, out: Path) -> Run:
    import pyarrow.parquet as pq

    command = [exe, "parquet", "-s", f"{sf:g}", "-n", str(threads), "--compression", "ZSTD(1)", "-q"]
    peak = measure([*command, "-o", str(out)])
    files = list(out.rglob("*.parquet"))
    rows = sum(pq.ParquetFile(f).metadata.num_rows for f in files)
    run = Run(rows, _folder_bytes(out), peak.seconds, peak.cpu, peak.rss)
    shutil.rmtree(out)
    return run


def matching_sf(target_rows: int, run_at: Callable[[float], Run]) -> tuple[float, Run]:
    """The scale factor whose TPC-H row count is within 5% of ``target_rows`` (one correction step)."""
    sf = round(target_rows / TPCH_ROWS_PER_SF, 2)
    first = run_at(sf)
    if abs(first.rows / target_rows - 1) <= ROW_TOLERANCE:
        return sf, first
    sf = round(sf * target_rows / first.rows, 2)
    return sf, run_at(sf)


def summary(name: str, runs: list[Run]) -> list[object]:
    seconds = statistics.median(r.seconds for r in runs)
    rows, size = runs[0].rows, runs[0].bytes
    return [
        name,
        num(rows),
        f"{seconds:.1f}",
        f"{min(r.seconds for r in runs):.1f}-{max(r.seconds for r in runs):.1f}",
        f"{statistics.median(r.cpu for r in runs):.1f}",
        num(per_second(rows, seconds)),
        f"{per_second(size / MIB, seconds):.1f}",
        num(statistics.median(r.rss for r in runs) / MIB),
    ]


def compare(customers: int, workers: int, reps: int, parent: str | None) -> float:
    """A B A B; print the table; return salesgen's end-to-end rows/s (median)."""
    exe = tpchgen_cli()
    with scratch(parent, ".salesgen-compare-") as root:
        first = salesgen_run(customers, workers, root / "a")  # also the warm-up of A
        print(f"  ... salesgen warm-up: {num(first.rows)} rows in {first.seconds:.1f} s", file=sys.stderr)
        if exe is None:
            print("\ntpchgen-cli not found: pip install tpchgen-cli (next to this interpreter or on PATH)")
            return per_second(first.rows, first.seconds)
        sf, warm = matching_sf(first.rows, lambda s: tpch_run(exe, s, workers, root / "b"))
        print(f"  ... tpchgen-cli warm-up: SF {sf:g}, {num(warm.rows)} rows in {warm.seconds:.1f} s", file=sys.stderr)
        a_runs: list[Run] = []
        b_runs: list[Run] = []
        for pair in range(reps):
            a_runs.append(salesgen_run(customers, workers, root / "a"))
            b_runs.append(tpch_run(exe, sf, workers, root / "b"))
            print(
                f"  ... pair {pair + 1}/{reps}: A {a_runs[-1].seconds:.1f} s, B {b_runs[-1].seconds:.1f} s",
                file=sys.stderr,
            )
    a_rate = per_second(a_runs[0].rows, statistics.median(r.seconds for r in a_runs))
    b_rate = per_second(b_runs[0].rows, statistics.median(r.seconds for r in b_runs))
    pairs = zip(a_runs, b_runs, strict=True)
    pairwise = sorted(per_second(a.rows, a.seconds) / per_second(b.rows, b.seconds) for a, b in pairs)
    print_table(
        f"salesgen vs tpchgen-cli, {reps} pairs A B A B after a warm-up of each, {workers} workers/threads",
        ["case", "rows", "wall s (median)", "wall min-max", "CPU s", "rows/s", "MB/s", "peak RSS MiB"],
        [
            summary(f"A salesgen -n {num(customers)} -f parquet --workers {workers}", a_runs),
            summary(f"B tpchgen-cli parquet -s {sf:g} -n {workers} ZSTD(1)", b_runs),
        ],
        [
            f"row counts: A/B = {a_runs[0].rows / b_runs[0].rows:.3f} (target 1 +- {ROW_TOLERANCE})",
            f"ratio of median rows/s, salesgen / tpchgen-cli: {a_rate / b_rate:.2f}x "
            f"(pair by pair: {', '.join(f'{r:.2f}' for r in pairwise)}); target >= 1.0x",
            f"rows per CPU second, salesgen / tpchgen-cli: {_cpu_rate(a_runs) / _cpu_rate(b_runs):.2f}x "
            "(less sensitive than wall time to other load on the machine)",
            "MB/s: output bytes on disk / wall seconds; peak RSS: the child's process tree, summed",
        ],
    )
    return a_rate


def _cpu_rate(runs: list[Run]) -> float:
    return per_second(runs[0].rows, statistics.median(r.cpu for r in runs))


def snowfakery_style_rows(customers: int) -> float:
    """A recipe-style loop: one object per row, Faker fields, 4 contacts per company linked by id. Rows/s."""
    from faker import Faker

    fake = Faker()
    Faker.seed(1)

    def loop(n: int) -> list[dict[str, object]]:
        rows: list[dict[str, object]] = []
        for company_id in range(1, n + 1):
            company = {"id": company_id, "name": fake.company(), "city": fake.city(), "industry": fake.bs()}
            rows.append(company)
            for _ in range(4):
                rows.append(
                    {
                        "account_id": company["id"],
                        "first_name": fake.first_name(),
                        "last_name": fake.last_name(),
                        "email": fake.email(),
                        "title": fake.job(),
                    }
                )
        return rows

    loop(20)
    started = time.perf_counter()
    produced = len(loop(customers))
    return per_second(produced, time.perf_counter() - started)


def context(salesgen_rate: float, faker_count: int) -> None:
    try:
        faker_rate, snow_rate = faker_rows(faker_count), snowfakery_style_rows(faker_count // 5)
    except ImportError:
        print("\nFaker loops: unavailable: pip install faker (or the dev extra: pip install -e '.[dev]')")
        return
    print_table(
        "Context: per-row Python loops (in memory, one process) vs salesgen end to end (files written)",
        ["generator", "rows/s", "salesgen / it"],
        [
            ["salesgen (above, end to end)", num(salesgen_rate), "1x"],
            [f"Faker loop, {num(faker_count)} contact dicts", num(faker_rate), f"{salesgen_rate / faker_rate:,.0f}x"],
            ["Snowfakery-style loop (emulated recipe)", num(snow_rate), f"{salesgen_rate / snow_rate:,.0f}x"],
        ],
        [f"target: salesgen >= {FAKER_TARGET}x a Faker row loop"],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=1_000_000, help="salesgen customers (A)")
    parser.add_argument("--workers", type=int, default=2, help="salesgen workers and tpchgen-cli threads")
    parser.add_argument("--reps", type=int, default=3, help="A B pairs counted after the warm-up")
    parser.add_argument("--faker-rows", type=int, default=20_000, help="rows of the Faker loop")
    parser.add_argument("--dir", help="parent of the scratch directory for outputs (default: system temp dir)")
    args = parser.parse_args()
    print(f"salesgen compare | {environment()}")
    rate = compare(args.customers, args.workers, args.reps, args.dir)
    context(rate, args.faker_rows)


if __name__ == "__main__":
    main()
