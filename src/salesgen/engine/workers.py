"""Block runners: in this process, or in a pool of worker processes.

Both yield results in block order, so whatever consumes them sees the same
sequence whatever the number of workers. A worker builds the world once
(it is deterministic, so every worker gets the same one) and then runs
``task(world, block)`` for each block it is handed; at most ``2 x workers``
blocks are in flight, which bounds memory.

No worker outlives the run: each asks the kernel to kill it when its parent
dies (Linux ``PR_SET_PDEATHSIG``, so even a ``kill -9`` of the main process
takes the workers with it), an interrupted or failed run terminates its workers
at once instead of waiting for their blocks, and the pool is joined before
:func:`map_blocks` returns. The number of workers is capped
(:func:`worker_limit`): more processes than blocks, or than a few per CPU,
only cost memory.

Example:
    >>> from salesgen.config import Config
    >>> from salesgen.entities.accounts import block_ids
    >>> config = Config(num_customers=3, num_sales_reps=1, block_size=1)
    >>> list(map_blocks(config, 7, lambda world, block: int(block_ids(world, block)[0]), range(3)))
    [1, 2, 3]
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import resource_tracker
from typing import TypeVar

from salesgen.config import Config
from salesgen.entities.world import World, build_world

T = TypeVar("T")
Task = Callable[[World, int], T]

_worker_world: World | None = None

WORKERS_PER_CPU = 2
"""At most this many workers per CPU: past about one per CPU the extra ones only wait, holding memory."""
PR_SET_PDEATHSIG = 1


def cpu_count() -> int:
    """CPUs this process may run on (its affinity mask where the system has one).

    Example:
        >>> cpu_count() >= 1
        True
    """
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def block_count(config: Config) -> int:
    """Blocks of a run: ceil(num_customers / block_size).

    Example:
        >>> block_count(Config(num_customers=25, block_size=10))
        3
    """
    return -(-config.num_customers // config.block_size)


def worker_limit(requested: int, blocks: int) -> int:
    """``requested`` workers capped at one per block and :data:`WORKERS_PER_CPU` per CPU (at least 1).

    Example:
        >>> worker_limit(8, 3), worker_limit(1, 0), worker_limit(10_000, 10_000) <= 2 * cpu_count()
        (3, 1, True)
    """
    return max(1, min(requested, blocks, WORKERS_PER_CPU * cpu_count()))


def _die_with_parent(parent: int) -> None:
    """Have the kernel SIGKILL this worker when its parent dies (Linux); exit now if it already has."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):  # no prctl: the pool's own checks remain
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _init_worker(config: Config, seed: int, parent: int) -> None:
    global _worker_world
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the workers
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
    when ``workers > 1``. ``workers`` is capped by :func:`worker_limit`.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    blocks = list(blocks)
    workers = worker_limit(workers, len(blocks))
    if workers == 1:
        world = context or build_world(config, seed)
        for block in blocks:
            yield task(world, block)
        return
    # spawn, not fork: forking a process that runs Arrow/NumPy thread pools can deadlock.
    with _signals_deferred():  # creating the pool starts the resource tracker: not to be interrupted midway
        pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(config, seed, os.getpid()),
        )
    pending: deque[Future[T]] = deque()
    try:
        for block in blocks:
            with _signals_deferred():  # a submit may start a worker: Ctrl-C mid-start would hang the pool
                pending.append(pool.submit(_run_in_worker, task, block))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BaseException:  # failed, interrupted or abandoned (GeneratorExit): stop the blocks still running
        _terminate(pool)
        raise
    finally:
        for future in pending:
            future.cancel()
        with _signals_deferred():
            pool.shutdown(wait=True, cancel_futures=True)
    # Only after a complete run: earlier, the pool's semaphores may still be alive and the tracker would unlink them.
    del pool, pending
    gc.collect()
    _stop_resource_tracker()


def _stop_resource_tracker() -> None:
    """Reap multiprocessing's resource tracker now, rather than leave it to exit after this process."""
    tracker = getattr(resource_tracker, "_resource_tracker", None)
    with contextlib.suppress(Exception):  # private API: if it changes, the tracker still exits on its own
        tracker._stop()  # type: ignore[union-attr]


_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM until the block ends, then deliver them (Python runs handlers in the main thread
    whichever thread the OS picked, so only swapping the handlers defers them)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {number: signal.signal(number, lambda received, _: caught.append(received)) for number in _STOP_SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            if handler is not None:
                signal.signal(number, handler)
        for received in caught[:1]:
            signal.raise_signal(received)


def _terminate(pool: ProcessPoolExecutor) -> None:
    # ``_processes`` is the executor's table of its worker processes (stable since Python 3.2).
    processes: dict[int, multiprocessing.Process] = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        if process.is_alive():
            process.kill()
