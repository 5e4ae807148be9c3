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
from salesgen.contract import assemble
from salesgen.entities.common import choose_lists, join, slug
from salesgen.entities.draws import CompetitorDraw, draw
from salesgen.vocab import country_codes
from salesgen.vocab.business import COMPETITOR_NAMES, COMPETITOR_STRENGTHS, PRICE_POSITIONS


def build_competitors(config: Config, seed: int) -> pa.Table:
    """``num_competitors`` distinct rivals with a price position and strengths."""
    n = config.num_competitors
    order = draw(seed, CompetitorDraw.NAME).permutation(len(COMPETITOR_NAMES))
    names = pa.array(np.array(COMPETITOR_NAMES)[order[:n]])
    home = np.array(["US", "US", "US", "GB", "DE", "FR", "NL", "IN", "JP", "CA"])
    codes = [c for c in home if c in country_codes()] or list(country_codes())
    position = draw(seed, CompetitorDraw.PRICE_POSITION).choice(3, n, p=[0.3, 0.45, 0.25])
    strengths = draw(seed, CompetitorDraw.STRENGTHS)
    return assemble(
        "competitors",
        {
            "competitor_id": pa.array(np.arange(1, n + 1, dtype=np.int64)),
            "name": names,
            "domain": join(slug(names), ".com"),
            "price_position": pa.array(np.array(PRICE_POSITIONS)[position]),
            "strengths": choose_lists(pa.array(COMPETITOR_STRENGTHS), strengths.integers(1, 4, n), strengths),
            "headquarters_country": pa.array(
                np.array(codes)[draw(seed, CompetitorDraw.HEADQUARTERS).integers(0, len(codes), n)]
            ),
        },
    )
