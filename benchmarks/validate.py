"""Validation throughput and memory: every check of the contract over a Parquet dataset.

Generates (once, cached under the output folder) a Parquet dataset of N customers, then runs
`salesgen validate --json` on it in a child process and prints rows/s of validation and the
child's peak RSS. Usage:

    .venv/bin/python benchmarks/validate.py                  # 1,000,000 customers (~34 M rows)
    .venv/bin/python benchmarks/validate.py --customers 100000
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from salesgen.config import Config
from salesgen.formats import write_dataset


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2, help="workers for generating the input")
    parser.add_argument("--out", type=Path, default=None, help="where to keep the generated input")
    args = parser.parse_args()
    root = args.out or Path(tempfile.gettempdir()) / "salesgen-bench-validate"
    target = root / f"crm_{args.customers}"
    if not (target / "manifest.json").exists():
        print(f"generating {args.customers:,} customers to {target} …", flush=True)
        write_dataset(
            Config(num_customers=args.customers, num_sales_reps=max(1, args.customers // 250)),
            1,
            "parquet",
            target,
            workers=args.workers,
            overwrite=True,
        )
    rows = sum(json.loads((target / "manifest.json").read_text())["row_counts"].values())
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "salesgen", "validate", str(target), "--json"], capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    report = json.loads(result.stdout)
    failed = [r["name"] for r in report["results"] if r["status"] == "fail"]
    print(f"customers          {args.customers:>14,}")
    print(f"rows               {rows:>14,}")
    print(f"checks             {len(report['results']):>14}")
    print(f"seconds            {seconds:>14.1f}")
    print(f"rows/s             {rows / seconds:>14,.0f}")
    print(f"peak RSS (MiB)     {peak_mib:>14,.0f}")
    print(f"exit code          {result.returncode:>14}   failed: {failed or 'none'}")


if __name__ == "__main__":
    main()
