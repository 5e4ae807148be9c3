"""Fill sentence templates column-wise: one template per row, its ``{slots}`` from per-row columns.

Templates are parsed once into a fixed grid of (literal, slot) pieces, so filling a
million rows is a handful of ``take``/``choose``/``join`` calls over whole columns —
no Python per row. A template that uses fewer pieces than the widest one is padded
with empty literals and the empty slot.

Example:
    >>> import numpy as np, pyarrow as pa
    >>> out = fill(("Hi {name}.", "{name} left {place}."), np.array([1, 0]),
    ...            {"name": pa.array(["Ada", "Lin"]), "place": pa.array(["Oslo", "Rome"])})
    >>> out.to_pylist()
    ['Ada left Oslo.', 'Hi Lin.']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from string import Formatter

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from salesgen.entities.common import join, labels


@lru_cache(maxsize=64)
def _grid(templates: tuple[str, ...]) -> tuple[np.ndarray, tuple[str, ...], np.ndarray]:
    """(literals [T, K], slot names, slot codes [T, K] with 0 = no slot) of ``templates``."""
    parsed = [[(text, name or "") for text, name, _, _ in Formatter().parse(t)] for t in templates]
    width = max((len(p) for p in parsed), default=1)
    names = tuple(sorted({name for pieces in parsed for _, name in pieces if name}))
    literals = np.full((len(templates), width), "", dtype=object)
    slots = np.zeros((len(templates), width), dtype=np.int64)
    for row, pieces in enumerate(parsed):
        for col, (text, name) in enumerate(pieces):
            literals[row, col] = text
            slots[row, col] = names.index(name) + 1 if name else 0
    return literals, names, slots


def fill(templates: Sequence[str], code: np.ndarray, values: Mapping[str, pa.Array]) -> pa.Array:
    """Row ``i`` is ``templates[code[i]]`` with each ``{slot}`` replaced by ``values[slot][i]``.

    Raises:
        KeyError: a template names a slot missing from ``values``.
    """
    literals, names, slots = _grid(tuple(templates))
    columns = [pa.scalar("", pa.string()), *(values[name] for name in names)]
    pieces: list[pa.Array | str] = []
    for col in range(literals.shape[1]):
        pieces.append(labels(literals[:, col], code))
        if slots[:, col].any():
            pieces.append(pc.choose(pa.array(slots[code, col]), *columns))
    return join(*pieces) if code.size else pa.array([], type=pa.string())
