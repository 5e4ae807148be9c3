"""The Dask engine next to the local process pool, same machine, same worker count, one run.

Prints figures; asserts nothing (needs ``pip install -e ".[dask]"``):

* rows/s of ``write_dataset(..., workers=W)`` (the local process pool) and of
  ``write_dataset(..., engine="dask")`` on a LocalCluster of W single-threaded worker
  processes (started before the clock starts; its start-up time is printed apart), both to
  Parquet in a local folder, and the ratio (the issue's aim: Dask within 10%);
* the per-block task overhead: the round trip of a no-op task on that cluster, and the Dask
  run's extra seconds per block over the process pool;
* per-core rows/s and bytes/row, the inputs of README's estimate for 10⁹ rows.

Both runs must give the same ``dataset_hash`` (printed).

Usage:
    .venv/bin/python benchmarks/dask_scale.py                          # 40,000 customers, 2 workers
    .venv/bin/python benchmarks/dask_scale.py --customers 200000 --workers 4 --block-size 10000
"""

from __future__ import annotations

import argparse
import time

from _common import environment, num, per_second, print_table, scratch

from salesgen.config import Config
from salesgen.formats import WriteSummary, write_dataset

NOOP_TASKS = 400


def noop(index: int) -> int:
    return index


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=40_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--block-size", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--scratch", default=None, help="Folder for the outputs (default: the system temp dir).")
    args = parser.parse_args()

    from distributed import Client, LocalCluster

    config = Config(num_customers=args.customers, block_size=args.block_size)
    blocks = -(-config.num_customers // config.block_size)
    print(environment())
    print(
        f"{num(config.num_customers)} customers in {blocks} blocks of {num(config.block_size)}, {args.workers} workers"
    )
    with scratch(args.scratch, "salesgen-dask-scale-") as folder:
        local = write_dataset(config, args.seed, "parquet", folder / "local", workers=args.workers)
        started = time.perf_counter()
        with (
            LocalCluster(
                n_workers=args.workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                silence_logs=40,
            ) as cluster,
            Client(cluster) as client,
        ):
            client.wait_for_workers(args.workers)
            startup = time.perf_counter() - started
            client.run(lambda: __import__("salesgen.formats.cluster"))  # imports, like the pool's spawn, warm
            dask = write_dataset(config, args.seed, "parquet", folder / "dask", engine="dask")
            tick = time.perf_counter()
            client.gather(client.map(noop, range(NOOP_TASKS), pure=False))
            round_trip = (time.perf_counter() - tick) / NOOP_TASKS
    report(local, dask, args.workers, blocks, startup, round_trip)


def report(local: WriteSummary, dask: WriteSummary, workers: int, blocks: int, startup: float, trip: float) -> None:
    rows = sum(local.row_counts.values())
    rates = {name: per_second(rows, summary.seconds) for name, summary in (("local", local), ("dask", dask))}
    print_table(
        "Parquet to a local folder",
        ["engine", "seconds", "rows/s", "rows/s per worker", "vs process pool"],
        [
            ["process pool", f"{local.seconds:.2f}", num(rates["local"]), num(rates["local"] / workers), "1.00"],
            [
                "Dask LocalCluster",
                f"{dask.seconds:.2f}",
                num(rates["dask"]),
                num(rates["dask"] / workers),
                f"{rates['dask'] / rates['local']:.2f}",
            ],
        ],
        [
            f"rows: {num(rows)}; bytes/row: {local.bytes / rows:.1f}; "
            f"hashes equal: {local.dataset_hash == dask.dataset_hash}",
            f"LocalCluster start-up (not timed above): {startup:.2f} s",
            f"per-block task overhead: no-op task round trip {trip * 1e3:.1f} ms; Dask minus pool "
            f"{(dask.seconds - local.seconds) / blocks * 1e3:+.1f} ms per block ({blocks} blocks)",
        ],
    )


if __name__ == "__main__":
    main()
