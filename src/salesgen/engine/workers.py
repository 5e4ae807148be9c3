"""Block runners: in this process, or in a pool of worker processes.

Both yield results in block order, so whatever consumes them sees the same
sequence whatever the number of workers. A worker builds the world once
(it is deterministic, so every worker gets the same one) and then runs
``task(world, block)`` for each block it is handed; at most ``2 x workers``
blocks are in flight, which bounds memory.

Example:
    >>> from salesgen.config import Config
    >>> from salesgen.entities.accounts import block_ids
    >>> config = Config(num_customers=3, num_sales_reps=1, block_size=1)
    >>> list(map_blocks(config, 7, lambda world, block: int(block_ids(world, block)[0]), range(3)))
    [1, 2, 3]
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

from salesgen.config import Config
from salesgen.entities.world import World, build_world

T = TypeVar("T")
Task = Callable[[World, int], T]

_worker_world: World | None = None


def _init_worker(config: Config, seed: int) -> None:
    global _worker_world
    _worker_world = build_world(config, seed)


def _run_in_worker(task: Task[T], block: int) -> T:
    if _worker_world is None:
        raise RuntimeError("worker world missing: the pool initializer did not run")
    return task(_worker_world, block)


def map_blocks(
    config: Config, seed: int, task: Task[T], blocks: Iterable[int], *, workers: int = 1, context: World | None = None
) -> Iterator[T]:
    """``task(world, block)`` for each block, in block order, on ``workers`` processes.

    ``task`` must be picklable (a module-level function or a ``functools.partial`` of one)
    when ``workers > 1``.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    if workers == 1:
        world = context or build_world(config, seed)
        for block in blocks:
            yield task(world, block)
        return
    # spawn, not fork: forking a process that runs Arrow/NumPy thread pools can deadlock.
    pool = ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context("spawn"), initializer=_init_worker, initargs=(config, seed)
    )
    pending: deque[Future[T]] = deque()
    try:
        for block in blocks:
            pending.append(pool.submit(_run_in_worker, task, block))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
