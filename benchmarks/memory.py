"""Peak memory of salesgen against dataset size. Prints figures; asserts nothing.

For each format (Parquet, the default DuckDB) and size, ``salesgen generate -f FORMAT`` runs as a child
process while a thread polls /proc every 50 ms for the RSS (and PSS) summed over the child's whole process
tree, so spawn workers count too. The child's own ``ru_maxrss`` (from ``os.wait4``: the largest single process
among it and the workers it reaped) is shown alongside. For contrast, the in-memory ``generate_dataset`` is
measured the same way.

Usage:
    .venv/bin/python benchmarks/memory.py                        # parquet and duckdb, 10k/100k/1M, 2 workers
    .venv/bin/python benchmarks/memory.py --sizes 100000,1000000 --workers 1,2 --formats duckdb
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from _common import MIB, environment, num, parse_ints, parse_names, print_table, scratch

POLL_SECONDS = 0.05
LIMIT_MIB = 1024
RATIO_LIMIT = 1.3
REFERENCE_SIZE = 100_000
IN_MEMORY_RATIO = 2
IN_MEMORY_CODE = """
import json, sys
from salesgen import SalesDataGenerator
n = int(sys.argv[1])
dataset = SalesDataGenerator(seed=1).generate_dataset(num_customers=n, num_sales_people=max(n // 250, 1))
arrow = sum(table.nbytes for table in dataset.values())
print(json.dumps({"rows": sum(dataset.row_counts().values()), "arrow_bytes": arrow}))
"""


@dataclass(frozen=True)
class Peak:
    rss: int  # bytes, process tree summed, polled
    pss: int  # bytes, process tree summed, polled
    maxrss: int  # bytes, largest single process (wait4 ru_maxrss)
    processes: int  # most processes seen at once in the tree
    seconds: float
    stdout: str
    cpu: float = 0.0  # user + system seconds of the child and the processes it reaped


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])  # fields after "(comm)": state, ppid, ...
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in bytes, from smaps_rollup; zeros if it is gone."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return rss, pss


def tree_memory(root: int) -> tuple[int, int, int]:
    """(RSS sum, PSS sum, process count) over ``root`` and all its descendants."""
    tree = _children()
    stack, rss, pss, count = [root], 0, 0, 0
    while stack:
        pid = stack.pop()
        r, p = _memory(pid)
        rss, pss, count = rss + r, pss + p, count + 1
        stack.extend(tree.get(pid, []))
    return rss, pss, count


def measure(command: list[str]) -> Peak:
    """Run ``command`` to completion, polling its process tree's memory; fail loudly if it fails."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out, stderr=err)
        peak = [0, 0, 0]
        done = threading.Event()

        def poll() -> None:
            while not done.is_set():
                sample = tree_memory(proc.pid)
                peak[:] = [max(a, b) for a, b in zip(peak, sample, strict=True)]
                done.wait(POLL_SECONDS)

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        _, status, usage = os.wait4(proc.pid, 0)  # this child's rusage (and its reaped workers'), not all children's
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        done.set()
        poller.join()
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} exited {proc.returncode}:\n{err.read().decode(errors='replace')}")
        cpu = usage.ru_utime + usage.ru_stime
        return Peak(peak[0], peak[1], usage.ru_maxrss * 1024, peak[2], seconds, out.read().decode(), cpu)


def _rows_written(out: Path, format: str) -> int:
    if format == "duckdb":
        import duckdb

        with duckdb.connect(str(out), read_only=True) as connection:
            found = connection.execute("SELECT value FROM salesgen_metadata WHERE key = 'row_counts'").fetchone()
        return sum(json.loads(found[0]).values()) if found else 0
    return sum(json.loads((out / "manifest.json").read_text())["row_counts"].values())


def bench_cli(sizes: list[int], workers: list[int], formats: list[str], parent: str | None) -> None:
    rows: list[list[object]] = []
    peaks: dict[tuple[str, int, int], int] = {}
    seconds: dict[tuple[str, int, int], float] = {}
    with scratch(parent, ".salesgen-memory-") as root:
        for format, w, n in ((f, w, n) for f in formats for w in workers for n in sizes):
            out = root / f"crm-{n}-{w}.{format}"
            command = [
                sys.executable,
                "-m",
                "salesgen",
                "generate",
                "-n",
                str(n),
                "--reps",
                str(max(n // 250, 1)),
                "-f",
                format,
                "-o",
                str(out),
                "-q",
                "--workers",
                str(w),
            ]
            peak = measure(command)
            written = _rows_written(out, format)
            peaks[(format, n, w)] = peak.rss
            seconds[(format, n, w)] = peak.seconds
            rows.append(
                [
                    format,
                    num(n),
                    w,
                    num(written),
                    f"{peak.seconds:.1f}",
                    f"{peak.cpu:.1f}",
                    num(peak.rss / MIB),
                    num(peak.pss / MIB),
                    num(peak.maxrss / MIB),
                    peak.processes,
                ]
            )
            print(f"  ... generate -f {format} N={num(n)} workers={w}: {peak.seconds:.1f} s", file=sys.stderr)
            if out.is_dir():
                shutil.rmtree(out)
            else:
                out.unlink()
    for row, (format, n, w) in zip(rows, peaks, strict=True):
        base = peaks.get((format, REFERENCE_SIZE, w))
        row.append(f"{peaks[(format, n, w)] / base:.2f}x" if base else "-")
        parquet = seconds.get(("parquet", n, w))
        row.append(f"{seconds[(format, n, w)] / parquet:.2f}x" if parquet else "-")
    print_table(
        "CLI: salesgen generate -n N --reps N//250 -f FORMAT -q --workers W (child process)",
        [
            "format",
            "customers",
            "workers",
            "rows",
            "seconds",
            "CPU s",
            "peak RSS MiB",
            "peak PSS MiB",
            "max 1-proc MiB",
            "procs",
            f"RSS / RSS@{num(REFERENCE_SIZE)}",
            "wall / parquet",
        ],
        rows,
        [
            "peak RSS / PSS: summed over the process tree (main + spawn workers), polled every 50 ms "
            "(a spike shorter than a poll can be missed)",
            "max 1-proc: ru_maxrss from os.wait4, the largest single process of the tree",
            f"targets: at 1,000,000 customers under {LIMIT_MIB} MiB and within {RATIO_LIMIT}x of the peak at "
            f"{num(REFERENCE_SIZE)} with the same format and workers ('-' when {num(REFERENCE_SIZE)} was not run);",
            f"the default output (duckdb) within {RATIO_LIMIT}x of the Parquet wall time ('wall / parquet')",
        ],
    )


def bench_in_memory(sizes: list[int]) -> None:
    rows: list[list[object]] = []
    for n in sizes:
        peak = measure([sys.executable, "-c", IN_MEMORY_CODE, str(n)])
        found = json.loads(peak.stdout.strip().splitlines()[-1])
        arrow = found["arrow_bytes"]
        rows.append(
            [
                num(n),
                num(found["rows"]),
                f"{peak.seconds:.1f}",
                num(arrow / MIB),
                num(peak.rss / MIB),
                num(peak.maxrss / MIB),
                f"{peak.rss / arrow:.2f}x",
            ]
        )
    print_table(
        "In memory: generate_dataset(num_customers=N, num_sales_people=N//250) (child process)",
        ["customers", "rows", "seconds", "Arrow MiB returned", "peak RSS MiB", "max 1-proc MiB", "RSS / Arrow"],
        rows,
        [
            "Arrow MiB: sum of Table.nbytes of the ten tables returned; the whole dataset is held: memory grows with N",
            f"target: peak RSS <= {IN_MEMORY_RATIO}x the Arrow bytes at {num(REFERENCE_SIZE)} customers",
        ],
    )


def baseline() -> None:
    peak = measure([sys.executable, "-c", "import salesgen.cli, pyarrow.parquet, duckdb"])
    print(
        f"\nbaseline: a Python process that only imports salesgen.cli, pyarrow.parquet and duckdb peaks at "
        f"{num(peak.rss / MIB)} MiB RSS"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000", help="customers for the CLI runs")
    parser.add_argument("--workers", default="2", help="worker counts for the CLI runs, e.g. 1,2")
    parser.add_argument("--formats", default="parquet,duckdb", help="output formats of the CLI runs")
    parser.add_argument("--in-memory-sizes", default="10000,100000", help="customers for generate_dataset ('' = skip)")
    parser.add_argument("--dir", help="parent of the scratch directory for outputs (default: system temp dir)")
    args = parser.parse_args()
    if not Path("/proc/self/smaps_rollup").exists():
        sys.exit("memory.py needs Linux /proc (smaps_rollup) to follow the process tree")
    print(f"salesgen memory | {environment()}")
    baseline()
    bench_cli(parse_ints(args.sizes), parse_ints(args.workers), parse_names(args.formats), args.dir)
    if in_memory := parse_ints(args.in_memory_sizes):
        bench_in_memory(in_memory)
    print(f"\nload average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
