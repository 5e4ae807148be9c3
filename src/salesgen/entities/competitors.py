"""Run-scope table of rival vendors.

Example:
    >>> from salesgen.config import Config
    >>> build_competitors(Config(num_competitors=4), seed=1).num_rows
    4
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from salesgen.config import Config
from salesgen.entities.common import choose_lists, join, slug
from salesgen.random import stream
from salesgen.schema import COMPETITORS, arrow_schema
from salesgen.vocab import country_codes
from salesgen.vocab.business import COMPETITOR_NAMES, COMPETITOR_STRENGTHS, PRICE_POSITIONS


def build_competitors(config: Config, seed: int) -> pa.Table:
    """``num_competitors`` distinct rivals with a price position and strengths."""
    n = config.num_competitors
    rng = stream(seed, COMPETITORS.code)
    names = pa.array(np.array(COMPETITOR_NAMES)[rng.permutation(len(COMPETITOR_NAMES))[:n]])
    home = np.array(["US", "US", "US", "GB", "DE", "FR", "NL", "IN", "JP", "CA"])
    codes = [c for c in home if c in country_codes()] or list(country_codes())
    return pa.Table.from_arrays([
        pa.array(np.arange(1, n + 1, dtype=np.int64)),
        names,
        join(slug(names), ".com"),
        pa.array(np.array(PRICE_POSITIONS)[rng.choice(3, n, p=[0.3, 0.45, 0.25])]),
        choose_lists(pa.array(COMPETITOR_STRENGTHS), rng.integers(1, 4, n), rng),
        pa.array(np.array(codes)[rng.integers(0, len(codes), n)]),
    ], schema=arrow_schema(COMPETITORS.name))
