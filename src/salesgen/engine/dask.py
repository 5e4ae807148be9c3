"""The Dask runner: blocks as tasks on a Dask cluster, results as they complete, rep totals reduced as tasks.

Blocks are pure functions of ``(seed, config, block)``, so a block task can run
on any worker, and again after a worker dies (Dask retries it; the retry
writes the same bytes). Each worker process builds the run's World once
(:func:`worker_world`) and keeps only the latest; a worker runs one block per
thread at a time, so its memory is one block and its encoders per thread.
Only what a task returns travels back: row counts, part hashes and the rep
totals, which are summed by their own small tasks (:func:`reduce_totals`).

Dask is optional (``pip install "salesgen[dask]"``): :func:`require_dask` names
the extra when it is missing.

Example:
    >>> from salesgen.config import Config
    >>> worker_world(Config(num_customers=3, num_sales_reps=1), 5) is worker_world(
    ...     Config(num_customers=3, num_sales_reps=1), 5)
    True
"""

from __future__ import annotations

import contextlib
import importlib.util
import threading
from collections.abc import Callable, Iterator
from typing import Any

from salesgen.config import Config
from salesgen.entities.rep_metrics import RepTotals
from salesgen.entities.world import World, build_world

DASK_EXTRA = "salesgen[dask]"
REDUCE_FAN_IN = 16
"""Rep totals summed per reduce task: a tree of small tasks instead of one holding every block's totals."""

_worlds: dict[tuple[str, int], World] = {}
_worlds_lock = threading.Lock()


class DaskMissingError(ImportError):
    """``--engine dask`` without the optional dependencies."""


def require_dask() -> None:
    """Raise :class:`DaskMissingError` naming the extra unless dask.distributed and fsspec import.

    Example:
        >>> require_dask()  # with the extra installed: nothing happens
    """
    missing = [name for name in ("distributed", "fsspec") if importlib.util.find_spec(name) is None]
    if missing:
        raise DaskMissingError(
            f'the Dask engine needs {" and ".join(missing)}: install them with pip install "{DASK_EXTRA}"'
        )


def worker_world(config: Config, seed: int) -> World:
    """The run's World, built once per worker process (the latest run's only: memory stays bounded)."""
    key = (config.model_dump_json(), seed)
    with _worlds_lock:
        if key not in _worlds:
            _worlds.clear()
            _worlds[key] = build_world(config, seed)
        return _worlds[key]


def sum_totals(*items: Any) -> RepTotals:
    """Sum rep totals (given directly or as the ``rep_totals`` of block reports): exact integer sums."""
    totals = [item if isinstance(item, RepTotals) else item.rep_totals for item in items]
    result = totals[0]
    for more in totals[1:]:
        result = result + more
    return result


def reduce_totals(client: Any, futures: list[Any]) -> Any:
    """A future of the sum of the futures' rep totals, as a tree of :data:`REDUCE_FAN_IN`-way tasks."""
    level = list(futures)
    while True:
        level = [
            client.submit(sum_totals, *level[start : start + REDUCE_FAN_IN], pure=False)
            for start in range(0, len(level), REDUCE_FAN_IN)
        ]
        if len(level) == 1:
            return level[0]


@contextlib.contextmanager
def dask_client(scheduler: str | None, workers: int, *, processes: bool = True) -> Iterator[Any]:
    """A client: of ``scheduler`` if given, else of the current default client, else of a new LocalCluster.

    The LocalCluster has ``workers`` single-threaded workers (processes unless ``processes`` is false:
    a ``memory://`` target is only shared by threads of one process), listens on 127.0.0.1 only and
    serves no dashboard; it is closed on exit.
    """
    require_dask()
    from distributed import Client, LocalCluster, default_client

    if scheduler is not None:
        with Client(scheduler, set_as_default=False) as client:
            yield client
        return
    try:
        current = default_client()
    except ValueError:  # no default client: start a cluster below
        current = None
    if current is not None:
        yield current
        return
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=processes,
            dashboard_address=None,
            silence_logs=40,
            **({"host": "127.0.0.1"} if processes else {}),  # threads talk in-process (inproc://): no host
        ) as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        yield client


def completed(client: Any, futures: list[Any]) -> Iterator[tuple[Any, Any]]:
    """(future, result) as each finishes (what the progress bar follows)."""
    from distributed import as_completed

    yield from as_completed(futures, loop=client.loop, with_results=True)


def submit_blocks(client: Any, task: Callable[..., Any], blocks: range, *args: Any) -> list[Any]:
    """One task per block: ``task(*args, block)``; ``pure=False`` as a block's task writes files."""
    return [client.submit(task, *args, block, pure=False) for block in blocks]
