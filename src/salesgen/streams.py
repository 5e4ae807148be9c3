"""Seeded random streams keyed by (seed, table code, block, named purpose).

Every random draw in salesgen comes from one of these streams, so a block's
rows depend only on the seed, the configuration and the block index — never
on which worker ran it, in which order, or when, nor on the order in which a
block's builders run. Python's ``random``, ``hash()`` of strings and the wall
clock are never used. A purpose is a member of an ``IntEnum`` (one enum per
table, see ``salesgen.entities.draws``): bare integers are refused, so no
purpose is a magic number and adding a draw never shifts another's numbers.

Example:
    >>> from enum import IntEnum
    >>> class Draw(IntEnum):
    ...     SIZE = 1
    >>> a = stream(42, 5, 0, Draw.SIZE).integers(0, 100, 3)
    >>> b = stream(42, 5, 0, Draw.SIZE).integers(0, 100, 3)
    >>> bool((a == b).all())
    True
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np

RUN_SCOPE_BLOCK = 2**32 - 1  # block key of run-scope tables (products, reps, …)


def stream(seed: int, table: int, block: int, purpose: IntEnum) -> np.random.Generator:
    """A fresh PCG64 generator for one (seed, table, block, purpose) key.

    ``table`` is the contract's table code; ``block`` is ``RUN_SCOPE_BLOCK`` for run-scope draws.
    """
    if not isinstance(purpose, IntEnum):
        raise TypeError(f"a stream purpose must be a named IntEnum member, got {purpose!r}")
    return _open(seed, table, block, purpose)


def _open(seed: int, table: int, block: int, purpose: IntEnum) -> np.random.Generator:
    # One indirection so tests can record which keys a build opens.
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, table, block, int(purpose)])))
