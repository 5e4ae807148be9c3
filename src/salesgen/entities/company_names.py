"""Company names and domains as a keyed bijection of the customer id.

``CompanyNamer`` maps each customer id to a distinct (first word, industry,
industry word, TLD variant) tuple, then a repeat counter, so domains — and
therefore contact emails — are unique across all blocks without any
coordination between them.

Example:
    >>> import numpy as np
    >>> namer = CompanyNamer(seed=1)
    >>> parts = namer.name_parts(np.arange(1, 6))
    >>> len(set(zip(*(p.tolist() for p in parts)))) == 5
    True
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from salesgen.entities.common import slug
from salesgen.entities.draws import CustomerDraw, draw
from salesgen.entities.people import countries
from salesgen.vocab.business import COMPANY_WORDS_A, COMPANY_WORDS_B, INDUSTRIES


class CompanyNamer:
    """A bijection customer_id → (first word, industry word, industry, TLD variant), then a counter.

    Built once per run; ``name_parts`` is a pure function of the id.
    """

    TLD_VARIANTS = 3

    def __init__(self, seed: int) -> None:
        surnames = [(v.last_names, v.last_names_ascii) for v in countries()]
        display = pa.concat_arrays([pa.array(COMPANY_WORDS_A)] + [s[0].slice(0, 150) for s in surnames])
        plain = pa.concat_arrays([slug(pa.array(COMPANY_WORDS_A))] + [s[1].slice(0, 150) for s in surnames])
        plain_np = np.array(plain.to_numpy(zero_copy_only=False), dtype=str)
        _, first = np.unique(plain_np, return_index=True)
        keep = np.sort(first)
        self.words = display.take(pa.array(keep))
        self.word_slugs = plain.take(pa.array(keep))
        self.industries = list(INDUSTRIES)
        self.per_industry = min(len(COMPANY_WORDS_B[i]) for i in self.industries)
        self.size = len(keep) * len(self.industries) * self.per_industry * self.TLD_VARIANTS
        self.bits = max(int(self.size - 1).bit_length(), 8)
        rng = draw(seed, CustomerDraw.NAMER_KEYS)
        self.keys = rng.integers(0, 2**self.bits, 3, dtype=np.uint64)
        self.multipliers = rng.integers(0, 2**self.bits, 3, dtype=np.uint64) | np.uint64(1)

    def _mix(self, x: np.ndarray) -> np.ndarray:
        """A keyed bijection of [0, 2**bits): odd multiplies, key adds and xor-shifts, all invertible."""
        mask = np.uint64(2**self.bits - 1)
        shift = np.uint64(self.bits // 2 + 1)
        for key, multiplier in zip(self.keys, self.multipliers, strict=True):
            x = (x * multiplier + key) & mask
            x ^= x >> shift
        return x

    def permute(self, index: np.ndarray) -> np.ndarray:
        """A keyed pseudo-random permutation of [0, size), by cycle walking ``_mix``."""
        x = self._mix(index.astype(np.uint64))
        outside = x >= self.size
        while outside.any():
            x[outside] = self._mix(x[outside])
            outside = x >= self.size
        return x.astype(np.int64)

    def name_parts(self, customer_id: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(first word, industry, industry word, TLD variant, repeat counter) per id."""
        zero_based = customer_id - 1
        index = self.permute(zero_based % self.size)
        variant, index = index % self.TLD_VARIANTS, index // self.TLD_VARIANTS
        b_word, index = index % self.per_industry, index // self.per_industry
        industry, word = index % len(self.industries), index // len(self.industries)
        return word, industry, b_word, variant, zero_based // self.size
