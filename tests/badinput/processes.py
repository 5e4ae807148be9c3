"""Run salesgen as a real process to signal or kill it, and see which of its processes are left."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path


def children(pid: int) -> set[int]:
    """Direct children of ``pid`` (every thread's list)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with suppress(OSError):  # the thread ended meanwhile
            found.update(int(c) for c in (task / "children").read_text().split())
    return found


def alive(pid: int) -> bool:
    """Running (a zombie waiting to be reaped counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def wait_until(condition: object, timeout: float = 60.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def default_sigint() -> None:
    """Give a child the default SIGINT disposition (a background job inherits it ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@contextmanager
def salesgen(*args: str, env: dict[str, str] | None = None) -> Iterator[subprocess.Popen[str]]:
    """``python -m salesgen ARGS`` in its own session; killed (with its group) if the test leaves it running."""
    process = subprocess.Popen(
        [sys.executable, "-m", "salesgen", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
        start_new_session=True,
        # A shell's background job (as CI may run us) ignores SIGINT, and Python then never installs its
        # KeyboardInterrupt handler: give the run a terminal's default disposition, as a user's would have.
        preexec_fn=default_sigint,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        if process.stdout:
            process.stdout.close()
        if process.stderr:
            process.stderr.close()


def wait_paused(process: subprocess.Popen[str], point: str) -> None:
    """Block until ``process`` reports it stopped at ``point`` (SALESGEN_PAUSE_AT)."""
    assert process.stderr is not None
    line = process.stderr.readline()
    assert line.strip() == f"salesgen: paused at {point}", line


def group_alive(pgid: int) -> list[int]:
    """Processes still running in process group ``pgid``."""
    left = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
            left.append(int(stat.parent.name))
    return left
