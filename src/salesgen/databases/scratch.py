"""Scratch folders in the temporary directory, named by their process, so a later run removes those of dead runs.

``generate --to`` keeps its Parquet parts in one until they are loaded, a MariaDB
load its CSV files, ``validate`` its working database. A ``kill -9`` leaves the
folder behind; the next run of the same kind removes every such folder whose
process no longer exists (a running one's is left alone).

Example:
    >>> with scratch_directory("doctest") as folder:
    ...     Path(folder).name.startswith(f"salesgen-doctest-{os.getpid()}-")
    True
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def process_alive(pid: int) -> bool:
    """Whether a process ``pid`` exists (one of another user counts).

    Example:
        >>> process_alive(os.getpid())
        True
    """
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep(purpose: str) -> list[Path]:
    """Remove the ``salesgen-<purpose>-<pid>-*`` folders of processes that are gone; return them."""
    removed = []
    lead = f"salesgen-{purpose}-"
    for path in Path(tempfile.gettempdir()).glob(f"{lead}*-*"):
        pid = path.name[len(lead) :].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not process_alive(int(pid)) and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def scratch_directory(purpose: str) -> tempfile.TemporaryDirectory[str]:
    """A fresh ``salesgen-<purpose>-<pid>-*`` folder (removed on exit), after sweeping those of dead runs."""
    sweep(purpose)
    return tempfile.TemporaryDirectory(prefix=f"salesgen-{purpose}-{os.getpid()}-")
