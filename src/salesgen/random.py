"""Seeded random streams keyed by integers: (seed, table code, block, purpose).

Every random draw in salesgen comes from one of these streams, so a block's
rows depend only on the seed, the configuration and the block index — never
on which worker ran it, in which order, or when. Python's ``random``,
``hash()`` of strings and the wall clock are never used.

Example:
    >>> from salesgen.random import stream
    >>> a = stream(42, table=5, block=0).integers(0, 100, 3)
    >>> b = stream(42, table=5, block=0).integers(0, 100, 3)
    >>> bool((a == b).all())
    True
"""

from __future__ import annotations

import numpy as np

RUN_SCOPE_BLOCK = 2**32 - 1  # block key of run-scope tables (products, reps, …)


def stream(seed: int, table: int, block: int = RUN_SCOPE_BLOCK, purpose: int = 0) -> np.random.Generator:
    """A PCG64 generator for one (seed, table, block, purpose) key.

    ``purpose`` separates independent draws of one builder (names vs. dates),
    so adding a draw for one purpose never shifts the numbers of another.
    """
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, table, block, purpose])))
