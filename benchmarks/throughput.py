"""Throughput of salesgen on this machine, next to a Faker row loop and a TPC-H generator.

Prints figures; asserts nothing. Sections (``--sections``, default all):

* ``core``  — in memory: ``SalesDataGenerator(seed=1).generate_dataset(N, N // 250)``, rows/s per table;
* ``faker`` — reference 1: a plain Faker loop building contact dicts, and the core ÷ Faker ratio;
* ``files`` — end to end: ``write_dataset`` to each format, size and worker count; speed-up over 1 worker;
* ``fixed`` — the fixed costs every run or worker pays once: interpreter start, imports, world build, pool
  start, one block (generate + encode), and a 10,000-customer run end to end (target well under 3 s);
* ``tpch``  — reference 2: DuckDB's ``CALL dbgen(sf=…)`` if a tpch extension matching the installed
  duckdb can be loaded, and the Rust ``tpchgen-cli`` writing Parquet if it is installed.

Usage:
    .venv/bin/python benchmarks/throughput.py                 # everything (minutes: 1M customers ≈ 34M rows)
    .venv/bin/python benchmarks/throughput.py --quick         # files at 100,000 customers only
    .venv/bin/python benchmarks/throughput.py --sections files --sizes 1000000 --formats parquet --workers 2
"""

from __future__ import annotations

import argparse
import glob
import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
from _common import environment, num, parse_ints, parse_names, per_second, print_table, scratch

from salesgen import SalesDataGenerator
from salesgen.config import Config
from salesgen.formats import write_dataset

CORE_SIZES = (10_000, 100_000)
TPCH_TABLES = ("region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem")
TPCHGEN_PACKAGE = "tpchgen-cli==4.0.0"
RATIO_TARGET = 300
PARQUET_TARGET = 1_000_000
SPEEDUP_TARGET = 1.8


def bench_core(sizes: list[int]) -> dict[int, float]:
    """Section a: in-memory generation. Returns total rows/s per size."""
    SalesDataGenerator(seed=1).generate_dataset(num_customers=50, num_sales_people=2)  # warm-up: imports, vocab
    counts: dict[int, dict[str, int]] = {}
    seconds: dict[int, float] = {}
    for n in sizes:
        started = time.perf_counter()
        dataset = SalesDataGenerator(seed=1).generate_dataset(num_customers=n, num_sales_people=max(n // 250, 1))
        seconds[n] = time.perf_counter() - started
        counts[n] = dataset.row_counts()
        del dataset
    names = list(counts[sizes[0]])
    rows = [
        [name, *[x for n in sizes for x in (num(counts[n][name]), num(per_second(counts[n][name], seconds[n])))]]
        for name in names
    ]
    totals = {n: sum(counts[n].values()) for n in sizes}
    rows.append(["TOTAL", *[x for n in sizes for x in (num(totals[n]), num(per_second(totals[n], seconds[n])))]])
    headers = ["table", *[h for n in sizes for h in (f"rows @{num(n)}", f"rows/s @{num(n)}")]]
    print_table(
        "a. In memory: SalesDataGenerator(seed=1).generate_dataset(num_customers=N, num_sales_people=N//250)",
        headers,
        rows,
        [
            "seconds: " + ", ".join(f"N={num(n)}: {seconds[n]:.2f} s" for n in sizes),
            "rows/s per table = the table's rows / the run's total seconds",
        ],
    )
    return {n: per_second(totals[n], seconds[n]) for n in sizes}


def faker_rows(count: int) -> float:
    """A typical hand-written Faker loop: one dict per contact row. Returns rows/s."""
    from faker import Faker

    fake = Faker()
    Faker.seed(1)

    def loop(n: int) -> list[dict[str, object]]:
        rows = []
        for _ in range(n):
            rows.append(
                {
                    "first_name": fake.first_name(),
                    "last_name": fake.last_name(),
                    "email": fake.email(),
                    "phone": fake.phone_number(),
                    "job_title": fake.job(),
                    "company": fake.company(),
                    "city": fake.city(),
                    "country": fake.country(),
                    "created_at": fake.date_time_between(start_date="-3y", end_date="now"),
                }
            )
        return rows

    loop(200)  # warm-up: provider loading
    started = time.perf_counter()
    loop(count)
    return per_second(count, time.perf_counter() - started)


def bench_faker(count: int, core: dict[int, float]) -> None:
    """Section b: the Faker reference and the ratio to the core rows/s."""
    try:
        rate = faker_rows(count)
    except ImportError:
        print("\nb. Faker loop: unavailable: pip install faker (or the dev extra: pip install -e '.[dev]')")
        return
    rows = [[f"N={num(n)}", num(r), num(rate), f"{r / rate:,.0f}x"] for n, r in core.items()]
    rows = rows or [["(core section not run)", "", num(rate), ""]]
    print_table(
        f"b. Reference 1: plain Faker loop, {num(count)} contact dicts (9 fields): {num(rate)} rows/s",
        ["in-memory core", "core rows/s", "Faker rows/s", "ratio"],
        rows,
        [f"target: core rows/s / Faker rows/s >= {RATIO_TARGET}x"],
    )


def cpu_seconds() -> float:
    """User + system CPU seconds of this process and of its children reaped so far."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def bench_files(sizes: list[int], formats: list[str], workers: list[int], parent: str | None) -> None:
    """Section c: write_dataset end to end, as the CLI does."""
    rows: list[list[object]] = []
    speedups: list[list[object]] = []
    with scratch(parent, ".salesgen-bench-") as root:
        for fmt in formats:  # warm-up: the sink's imports
            write_dataset(Config(num_customers=50, num_sales_reps=2), 1, fmt, root / f"warmup-{fmt}")
        for fmt in formats:
            for n in sizes:
                seconds: dict[int, float] = {}
                for w in workers:
                    target = root / f"{fmt}-{n}-{w}"
                    cpu = cpu_seconds()
                    summary = write_dataset(
                        Config(num_customers=n, num_sales_reps=max(n // 250, 1)), 1, fmt, target, workers=w
                    )
                    cpu = cpu_seconds() - cpu
                    total = sum(summary.row_counts.values())
                    seconds[w] = summary.seconds
                    rows.append(
                        [
                            fmt,
                            num(n),
                            w,
                            num(total),
                            f"{summary.seconds:.2f}",
                            num(per_second(total, summary.seconds)),
                            f"{summary.bytes / 1e6:,.1f}",
                            f"{per_second(summary.bytes / 1e6, summary.seconds):,.1f}",
                            f"{cpu:.1f}",
                            num(per_second(total, cpu)),
                        ]
                    )
                    print(f"  ... {fmt} N={num(n)} workers={w}: {summary.seconds:.1f} s", file=sys.stderr)
                    shutil.rmtree(target) if target.is_dir() else target.unlink()
                base = min(workers)
                speedups.extend(
                    [fmt, num(n), f"{base} -> {w}", f"{seconds[base] / seconds[w]:.2f}x"] for w in workers if w != base
                )
    print_table(
        "c. End to end: write_dataset(Config(num_customers=N, num_sales_reps=N//250), 1, fmt, path, workers=W)",
        ["format", "customers", "workers", "rows", "seconds", "rows/s", "MB", "MB/s", "CPU s", "rows/CPU-s"],
        rows,
        [
            "CPU s: user + system seconds of this process and its (reaped) workers; less sensitive than "
            "seconds to other load on the machine",
            f"targets: >= {num(PARQUET_TARGET)} rows/s to parquet at 1,000,000 customers with 2 workers; "
            f"speed-up 1 -> 2 workers >= {SPEEDUP_TARGET}x",
        ],
    )
    if speedups:
        print_table("c. Speed-up over the fewest workers", ["format", "customers", "workers", "speed-up"], speedups)


def _dbgen_connection(threads: int, extension: str | None) -> duckdb.DuckDBPyConnection | None:
    """A DuckDB connection with the tpch extension loaded, or None if no loadable one is found."""
    candidates = [extension] if extension else []
    try:
        import duckdb_extension_tpch  # type: ignore[import-not-found]

        root = Path(duckdb_extension_tpch.__file__).parent
        candidates += glob.glob(str(root / "extensions" / f"v{duckdb.__version__}" / "*.duckdb_extension"))
    except ImportError:
        pass
    for load in [*(f"LOAD '{path}'" for path in candidates), "LOAD tpch"]:
        con = duckdb.connect(config={"allow_unsigned_extensions": "true", "autoinstall_known_extensions": "false"})
        try:
            con.execute(load)
            con.execute(f"SET threads={threads}")
            return con
        except duckdb.Error:
            con.close()
    return None


def run_dbgen(sf: float, threads: int, extension: str | None) -> tuple[int, float] | None:
    con = _dbgen_connection(threads, extension)
    if con is None:
        return None
    started = time.perf_counter()
    con.execute(f"CALL dbgen(sf={sf})")
    seconds = time.perf_counter() - started
    rows = sum((con.execute(f"SELECT count(*) FROM {t}").fetchone() or (0,))[0] for t in TPCH_TABLES)
    con.close()
    return rows, seconds


def tpchgen_cli() -> str | None:
    """The tpchgen-cli executable: next to this interpreter (a venv not activated) or on PATH."""
    local = Path(sys.executable).parent / "tpchgen-cli"
    return str(local) if local.exists() else shutil.which("tpchgen-cli")


def run_tpchgen(exe: str, sf: float, threads: int, out: Path) -> tuple[int, float, int]:
    import pyarrow.parquet as pq

    command = [exe, "parquet", "-s", str(sf), "-n", str(threads), "-q", "-o", str(out)]
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    files = list(out.rglob("*.parquet"))
    rows = sum(pq.ParquetFile(f).metadata.num_rows for f in files)
    return rows, seconds, sum(f.stat().st_size for f in files)


def bench_tpch(sf: float, threads: list[int], parent: str | None, extension: str | None) -> None:
    """Section d: TPC-H generators on the same machine, as a yardstick of rows/s."""
    rows: list[list[object]] = []
    notes: list[str] = []
    for t in threads:
        result = run_dbgen(sf, t, extension)
        if result is None:
            notes.append(
                f"DuckDB dbgen: unavailable: no tpch extension loadable by duckdb {duckdb.__version__} "
                f"(pip install duckdb-extension-tpch=={duckdb.__version__} once published, "
                "or --tpch-extension PATH/tpch.duckdb_extension)"
            )
            break
        rows.append(
            [
                f"DuckDB CALL dbgen(sf={sf}) in memory",
                t,
                num(result[0]),
                f"{result[1]:.2f}",
                num(per_second(*result)),
                "",
            ]
        )
    exe = tpchgen_cli()
    if exe is None:
        notes.append(f"tpchgen-cli: unavailable: pip install {TPCHGEN_PACKAGE}")
    else:
        version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
        with scratch(parent, ".tpchgen-bench-") as root:
            for t in threads:
                count, seconds, size = run_tpchgen(exe, sf, t, root / f"t{t}")
                rows.append(
                    [
                        f"{version} parquet -s {sf} (snappy)",
                        t,
                        num(count),
                        f"{seconds:.2f}",
                        num(per_second(count, seconds)),
                        f"{per_second(size / 1e6, seconds):,.1f}",
                    ]
                )
                shutil.rmtree(root / f"t{t}")
    print_table(
        "d. Reference 2: TPC-H generators (8 tables)",
        ["generator", "threads", "rows", "seconds", "rows/s", "MB/s"],
        rows,
        notes,
    )


SMALL_RUN = 10_000
SMALL_RUN_TARGET = 3.0


def _child_seconds(command: list[str], reps: int = 3) -> float:
    """Median wall seconds of ``command`` run as a child process ``reps`` times."""
    times = []
    for _ in range(reps):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return sorted(times)[reps // 2]


def _median_seconds(action: Callable[[], object], reps: int = 3) -> float:
    times = []
    for _ in range(reps):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return sorted(times)[reps // 2]


def _pool_start(workers: int) -> float:
    """Seconds from creating a spawn pool (each worker builds the world) to every worker having run a task."""
    from salesgen.engine.workers import map_blocks

    config = Config(num_customers=workers, block_size=1)
    started = time.perf_counter()
    list(map_blocks(config, 1, _noop, range(workers), workers=workers))
    return time.perf_counter() - started


def bench_fixed(parent: str | None) -> None:
    """Section: what a run or a worker pays once, whatever its size (medians of 3)."""
    import tempfile

    from salesgen.entities.registry import build_block
    from salesgen.entities.world import build_world
    from salesgen.formats.registry import FORMATS

    config = Config(num_customers=SMALL_RUN)
    world = build_world(config, 1)
    block = build_block(world, 0)
    with tempfile.TemporaryDirectory(dir=parent) as folder:
        encode = _median_seconds(
            lambda: [FORMATS["parquet"].write_part(Path(folder), n, 0, t) for n, t in block.tables.items()]
        )
    with scratch(parent, ".salesgen-fixed-") as root:
        small = [sys.executable, "-m", "salesgen", "generate", "-n", str(SMALL_RUN), "-f", "parquet"]
        small += ["-o", str(root / "crm"), "-q", "--overwrite"]
        rows = [
            ["interpreter start (python -c pass)", _child_seconds([sys.executable, "-c", "pass"])],
            [
                "+ import salesgen.cli (the CLI; a spawn worker too)",
                _child_seconds([sys.executable, "-c", "import salesgen.cli"]),
            ],
            [
                "+ import salesgen.engine.workers",
                _child_seconds([sys.executable, "-c", "import salesgen.engine.workers"]),
            ],
            ["world build (catalog, roster, vocabularies)", _median_seconds(lambda: build_world(config, 1))],
            ["pool start, 2 spawn workers (to first results)", _median_seconds(lambda: _pool_start(2), 1)],
            [
                f"one block of {num(config.block_size)} customers: generate",
                _median_seconds(lambda: build_block(world, 0)),
            ],
            [f"one block of {num(config.block_size)} customers: encode Parquet", encode],
            [f"salesgen generate -n {num(SMALL_RUN)} -f parquet, end to end", _child_seconds(small)],
        ]
    print_table(
        "Fixed costs (wall seconds, median of 3; child processes include interpreter start)",
        ["step", "seconds"],
        [[name, f"{seconds:.2f}"] for name, seconds in rows],
        [f"target: {num(SMALL_RUN)} customers end to end well under {SMALL_RUN_TARGET:.0f} s"],
    )


def _noop(world: object, block: int) -> int:
    return block


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sections", default="core,faker,fixed,files,tpch", help="which of these to run")
    parser.add_argument("--quick", action="store_true", help="files only at 100,000 customers")
    parser.add_argument("--sizes", default="100000,1000000", help="customers for the files section")
    parser.add_argument("--formats", default="parquet,duckdb", help="formats for the files section")
    parser.add_argument("--workers", default="1,2", help="worker counts (files) and threads (tpch)")
    parser.add_argument("--faker-rows", type=int, default=20_000, help="rows of the Faker loop")
    parser.add_argument("--tpch-sf", type=float, default=1, help="TPC-H scale factor")
    parser.add_argument("--tpch-extension", help="path to a tpch.duckdb_extension matching the installed duckdb")
    parser.add_argument("--dir", help="parent of the scratch directory for outputs (default: system temp dir)")
    args = parser.parse_args()
    sections = parse_names(args.sections)
    sizes = [100_000] if args.quick else parse_ints(args.sizes)
    workers = parse_ints(args.workers)
    sf = int(args.tpch_sf) if float(args.tpch_sf).is_integer() else args.tpch_sf
    print(f"salesgen throughput | {environment()}")
    core = bench_core(list(CORE_SIZES)) if "core" in sections else {}
    if "faker" in sections:
        bench_faker(args.faker_rows, core)
    if "fixed" in sections:
        bench_fixed(args.dir)
    if "files" in sections:
        bench_files(sizes, parse_names(args.formats), workers, args.dir)
    if "tpch" in sections:
        bench_tpch(sf, workers, args.dir, args.tpch_extension)
    print(f"\nload average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
