"""Company names and domains that fit the country, as a keyed bijection of the customer id.

Each country has its own pool of name words — its surnames and city names (plus, in the
English-speaking countries, a share of coined brand words) — and no word's slug is in two pools.
``CompanyNamer`` maps a customer id, within its country, to a distinct (word, industry, industry
word) tuple, then a repeat counter, so names are unique within a country and domains —
and therefore contact emails — are unique across all blocks without any coordination.

Names follow the account: a company gets its country's legal form (weighted by size, some names
written without it); a council, school, university or hospital is named as an institution, with
no legal form and a public-sector domain.

Example:
    >>> import numpy as np
    >>> namer = CompanyNamer(seed=1)
    >>> country = np.array([0, 0, 5, 5, 10])
    >>> word, industry, b_word, repeat = namer.name_parts(np.arange(1, 6), country)
    >>> len(set(zip(country.tolist(), word.tolist(), industry.tolist(), b_word.tolist()))) == 5
    True
"""

from __future__ import annotations

import unicodedata

import numpy as np
import pyarrow as pa

from salesgen.entities.common import join, slug
from salesgen.entities.draws import CustomerDraw, draw
from salesgen.entities.people import countries
from salesgen.vocab.business import COMPANY_WORDS_A, COMPANY_WORDS_B, INDUSTRIES
from salesgen.vocab.companies import COMPANY_TLDS, INSTITUTION_TLDS, INSTITUTIONS, LEGAL_FORM_SHARE, LEGAL_FORMS

SURNAMES_PER_COUNTRY = 400
ENGLISH_SPEAKING = ("US", "CA", "GB", "AU")  # they share the coined brand words, round-robin


def ascii_slug(text: str) -> str:
    """'São Paulo' → 'saopaulo': accents folded, then lowercase letters and digits only."""
    folded = unicodedata.normalize("NFKD", text.replace("ß", "ss")).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


def _word_pools() -> list[list[str]]:
    """Each country's name words; a slug shared by several countries stays where it ranks highest."""
    codes = [v.code for v in countries()]
    candidates: list[list[str]] = []
    for vocab in countries():
        words = vocab.last_names.to_pylist()[:SURNAMES_PER_COUNTRY] + vocab.cities.to_pylist()
        if vocab.code in ENGLISH_SPEAKING:
            k = ENGLISH_SPEAKING.index(vocab.code)
            words = list(COMPANY_WORDS_A[k :: len(ENGLISH_SPEAKING)]) + words
        candidates.append(words)
    owner: dict[str, tuple[int, int]] = {}  # slug -> (rank, country)
    for c, words in enumerate(candidates):
        for rank, word in enumerate(words):
            key = ascii_slug(word)
            if key and (key not in owner or (rank, c) < owner[key]):
                owner[key] = (rank, c)
    pools = []
    for c, words in enumerate(candidates):
        seen: set[str] = set()
        pool = []
        for rank, word in enumerate(words):
            key = ascii_slug(word)
            if key and owner[key] == (rank, c) and key not in seen:
                seen.add(key)
                pool.append(word)
        pools.append(pool)
    assert len(pools) == len(codes)
    return pools


class _Permutation:
    """A keyed pseudo-random permutation of [0, size): odd multiplies, key adds, xor-shifts, cycle walking."""

    def __init__(self, size: int, rng: np.random.Generator) -> None:
        self.size = size
        self.bits = max(int(size - 1).bit_length(), 8)
        self.keys = rng.integers(0, 2**self.bits, 3, dtype=np.uint64)
        self.multipliers = rng.integers(0, 2**self.bits, 3, dtype=np.uint64) | np.uint64(1)

    def _mix(self, x: np.ndarray) -> np.ndarray:
        mask = np.uint64(2**self.bits - 1)
        shift = np.uint64(self.bits // 2 + 1)
        for key, multiplier in zip(self.keys, self.multipliers, strict=True):
            x = (x * multiplier + key) & mask
            x ^= x >> shift
        return x

    def __call__(self, index: np.ndarray) -> np.ndarray:
        x = self._mix(index.astype(np.uint64))
        outside = x >= self.size
        while outside.any():
            x[outside] = self._mix(x[outside])
            outside = x >= self.size
        return x.astype(np.int64)


class CompanyNamer:
    """Per country, a bijection customer_id → (word, industry, industry word), then a counter.

    Built once per run; ``name_parts`` is a pure function of (id, country).
    """

    def __init__(self, seed: int) -> None:
        pools = _word_pools()
        self.words = [pa.array(pool, type=pa.string()) for pool in pools]
        self.word_slugs = [pa.array([ascii_slug(w) for w in pool], type=pa.string()) for pool in pools]
        self.industries = list(INDUSTRIES)
        self.per_industry = min(len(COMPANY_WORDS_B[i]) for i in self.industries)
        rng = draw(seed, CustomerDraw.NAMER_KEYS)
        self.permutations = [_Permutation(len(p) * len(self.industries) * self.per_industry, rng) for p in pools]

    def name_parts(
        self, customer_id: np.ndarray, country: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(word in the country's pool, industry, industry word, repeat counter) per id."""
        word, industry, b_word, repeat = (np.zeros(customer_id.size, dtype=np.int64) for _ in range(4))
        for c, permute in enumerate(self.permutations):
            rows = np.flatnonzero(country == c)
            zero_based = customer_id[rows] - 1
            index = permute(zero_based % permute.size)
            b_word[rows], index = index % self.per_industry, index // self.per_industry
            industry[rows], word[rows] = index % len(self.industries), index // len(self.industries)
            repeat[rows] = zero_based // permute.size
        return word, industry, b_word, repeat

    def names(
        self,
        parts: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
        country: np.ndarray,
        size: np.ndarray,
        sub_industry: pa.Array,
        form_rng: np.random.Generator,
        tld_rng: np.random.Generator,
    ) -> tuple[pa.Array, pa.Array]:
        """(name, domain) per account from its name parts, country, size band and sub-industry."""
        word, industry, b_word, repeat = parts
        n = word.size
        institution = _is_institution(sub_industry)
        kind = _institution_kind(sub_industry)
        tail = np.where(institution, _institution_words(sub_industry, b_word), self._industry_words(industry, b_word))
        display, slugs = self._pooled(word, country)
        form = np.where(institution, "", _legal_forms(country, size, form_rng))
        tld = np.where(institution, _institution_tlds(country, kind), _company_tlds(country, tld_rng))
        name = join(display, " ", pa.array(tail), pa.array(np.where(form == "", "", np.char.add(" ", form))))
        counter = np.where(repeat > 0, np.char.mod("%d", repeat + 1), "")
        domain = join(slugs, slug(pa.array(tail)), pa.array(counter), ".", pa.array(tld))
        assert len(name) == len(domain) == n
        return name, domain

    def _industry_words(self, industry: np.ndarray, b_word: np.ndarray) -> np.ndarray:
        table = np.array([COMPANY_WORDS_B[i][: self.per_industry] for i in self.industries])
        return np.asarray(table[industry, b_word])

    def _pooled(self, word: np.ndarray, country: np.ndarray) -> tuple[pa.Array, pa.Array]:
        offsets = np.r_[0, np.cumsum([len(w) for w in self.words])]
        flat = pa.concat_arrays(self.words)
        flat_slugs = pa.concat_arrays(self.word_slugs)
        index = pa.array(offsets[country] + word)
        return flat.take(index), flat_slugs.take(index)


def _is_institution(sub_industry: pa.Array) -> np.ndarray:
    return np.isin(np.asarray(sub_industry.to_numpy(zero_copy_only=False), dtype=object), list(INSTITUTIONS))


def _institution_kind(sub_industry: pa.Array) -> np.ndarray:
    kinds = {name: kind for name, (kind, _) in INSTITUTIONS.items()}
    values = np.asarray(sub_industry.to_numpy(zero_copy_only=False), dtype=object)
    return np.array([kinds.get(v, 0) for v in np.unique(values)])[np.searchsorted(np.unique(values), values)]


def _institution_words(sub_industry: pa.Array, b_word: np.ndarray) -> np.ndarray:
    names = list(INSTITUTIONS)
    table = np.array([INSTITUTIONS[name][1] for name in names] + [("",) * len(INSTITUTIONS[names[0]][1])])
    values = np.asarray(sub_industry.to_numpy(zero_copy_only=False), dtype=object)
    row = np.array([names.index(v) if v in INSTITUTIONS else len(names) for v in np.unique(values)])
    return np.asarray(table[row[np.searchsorted(np.unique(values), values)], b_word % table.shape[1]])


def _legal_forms(country: np.ndarray, size: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A legal form of the account's country, weighted by size band; '' for names written without."""
    codes = [v.code for v in countries()]
    width = max(len(LEGAL_FORMS[c]) for c in codes)
    forms = np.array([[f for f, _, _ in LEGAL_FORMS[c]] + [""] * (width - len(LEGAL_FORMS[c])) for c in codes])
    small = np.array([[s for _, s, _ in LEGAL_FORMS[c]] + [0.0] * (width - len(LEGAL_FORMS[c])) for c in codes])
    large = np.array([[e for _, _, e in LEGAL_FORMS[c]] + [0.0] * (width - len(LEGAL_FORMS[c])) for c in codes])
    t = (size / 2.0)[:, None]
    cumulative = np.cumsum((1 - t) * small[country] + t * large[country], axis=1)
    u = rng.random((2, country.size))
    pick = np.minimum((u[0][:, None] * cumulative[:, -1:] >= cumulative).sum(axis=1), width - 1)
    return np.where(u[1] < LEGAL_FORM_SHARE, forms[country, pick], "")


def _company_tlds(country: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    codes = [v.code for v in countries()]
    width = max(len(COMPANY_TLDS[c]) for c in codes)
    tlds = np.array([[t for t, _ in COMPANY_TLDS[c]] + [""] * (width - len(COMPANY_TLDS[c])) for c in codes])
    weights = np.array([[w for _, w in COMPANY_TLDS[c]] + [0.0] * (width - len(COMPANY_TLDS[c])) for c in codes])
    cumulative = np.cumsum(weights[country], axis=1)
    u = rng.random(country.size)[:, None] * cumulative[:, -1:]
    return np.asarray(tlds[country, np.minimum((u >= cumulative).sum(axis=1), width - 1)])


def _institution_tlds(country: np.ndarray, kind: np.ndarray) -> np.ndarray:
    table = np.array([INSTITUTION_TLDS[v.code] for v in countries()])
    return np.asarray(table[country, kind])
