"""`salesgen report` at scale: seconds, peak memory and page size, beside the time to generate the dataset.

For each size, generates (once, cached under the output folder, with the generation time kept beside
it) a Parquet dataset, then builds the report in a fresh child process and prints its wall time,
its peak RSS (the child's own ``ru_maxrss``: DuckDB's memory included) and the page's size. Usage:

    .venv/bin/python benchmarks/report.py                        # 100,000 and 1,000,000 customers
    .venv/bin/python benchmarks/report.py --customers 100000
    .venv/bin/python benchmarks/report.py --modes full,quick     # quick: --no-hard-rules

"full" is what `salesgen report` does by default; "quick" skips the contract's hard rules
(`--no-hard-rules`), keeping the charts and the realism scorecard.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import environment, num, parse_ints, parse_names, print_table

from salesgen.config import Config
from salesgen.formats import write_dataset

CHILD = """
import json, resource, sys, time
from salesgen.report import build_report
started = time.perf_counter()
summary = build_report(sys.argv[1], sys.argv[2], overwrite=True, hard_rules=sys.argv[3] == "full")
print(json.dumps({"seconds": time.perf_counter() - started, "bytes": summary.bytes, "charts": summary.charts,
                  "broken": summary.hard_rules_broken,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _dataset(root: Path, customers: int, workers: int) -> tuple[Path, float]:
    """The cached Parquet dataset of ``customers`` and the seconds it took to generate."""
    target = root / f"crm_{customers}"
    timing = root / f"crm_{customers}.seconds"
    if not (target / "manifest.json").exists() or not timing.exists():
        print(f"generating {customers:,} customers to {target} …", file=sys.stderr, flush=True)
        started = time.perf_counter()
        config = Config(num_customers=customers, num_sales_reps=max(1, customers // 250))
        write_dataset(config, 1, "parquet", target, workers=workers, overwrite=True)
        timing.write_text(f"{time.perf_counter() - started:.1f}\n")
    return target, float(timing.read_text())


def _report(data: Path, page: Path, mode: str) -> dict[str, float]:
    """Build one report in a fresh child process; its seconds, peak RSS, page bytes, charts and broken rules."""
    print(f"building the {mode} report of {data} …", file=sys.stderr, flush=True)
    child = subprocess.run([sys.executable, "-c", CHILD, str(data), str(page), mode], capture_output=True, text=True)
    if child.returncode != 0:
        sys.exit(f"report of {data} failed:\n{child.stderr}")
    result: dict[str, float] = json.loads(child.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=parse_ints, default=[100_000, 1_000_000])
    parser.add_argument("--workers", type=int, default=2, help="workers for generating the input")
    parser.add_argument("--modes", type=parse_names, default=["full"], help="full and/or quick (--no-hard-rules)")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "salesgen-bench-report")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    for customers in args.customers:
        data, generate_seconds = _dataset(args.out, customers, args.workers)
        for mode in args.modes:
            result = _report(data, args.out / f"report_{customers}_{mode}.html", mode)
            rows.append(
                (
                    num(customers),
                    mode,
                    f"{generate_seconds:.1f}",
                    f"{result['seconds']:.1f}",
                    f"{result['seconds'] / generate_seconds:.2f}",
                    num(result["peak_mib"]),
                    f"{result['bytes'] / 1e6:.2f}",
                    f"{result['charts']} / {result['broken']}",
                )
            )
    print_table(
        "salesgen report: build time and peak memory",
        [
            "customers",
            "mode",
            "generate s",
            "report s",
            "report/generate",
            "peak RSS MiB",
            "page MB",
            "charts / broken",
        ],
        rows,
        [f"generate: {args.workers} workers, Parquet; report: one process, DuckDB memory_limit 768MB", environment()],
    )


if __name__ == "__main__":
    main()
