"""Country-consistent people and places: names, emails, phones, addresses, languages.

Rows are grouped by country (a loop over a dozen countries, never over rows)
and sampled from the shipped word lists of ``salesgen.vocab``.

Example:
    >>> import numpy as np
    >>> from salesgen.random import stream
    >>> names = sample_names(np.array([0, 0, 5]), stream(1, 0))
    >>> len(names.first)
    3
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pyarrow as pa

from salesgen.entities.common import fill_pattern, list_column
from salesgen.vocab import CountryVocab, country_codes, load_country


@lru_cache(maxsize=1)
def countries() -> tuple[CountryVocab, ...]:
    """Every supported country's vocabulary, in ``country_codes()`` order."""
    return tuple(load_country(code) for code in country_codes())


def country_index(codes: list[str] | tuple[str, ...]) -> np.ndarray:
    """Positions of ISO codes in ``country_codes()``."""
    order = country_codes()
    return np.array([order.index(code) for code in codes], dtype=np.int64)


def _scatter(n: int, parts: list[tuple[np.ndarray, pa.Array]], dtype: pa.DataType | None = None) -> pa.Array:
    """Reassemble per-country pieces (row positions, values) into one array in row order."""
    if not parts:
        return pa.array([], type=dtype or pa.string())
    rows = np.concatenate([r for r, _ in parts])
    values = pa.concat_arrays([v for _, v in parts])
    inverse = np.empty(n, dtype=np.int64)
    inverse[rows] = np.arange(rows.size)
    return values.take(pa.array(inverse))


@lru_cache(maxsize=64)
def _postal_prefixes(code: str) -> np.ndarray:
    return np.array(load_country(code).city_postal_prefixes.to_pylist(), dtype="S")


def _groups(country: np.ndarray) -> list[tuple[CountryVocab, np.ndarray]]:
    return [(vocab, rows) for c, vocab in enumerate(countries())
            if (rows := np.flatnonzero(country == c)).size]


@dataclass(frozen=True)
class Names:
    """Display names and their lowercase ASCII forms (for emails)."""

    first: pa.Array
    last: pa.Array
    first_ascii: pa.Array
    last_ascii: pa.Array


def sample_names(nationality: np.ndarray, rng: np.random.Generator) -> Names:
    """Names fitting each row's nationality (index into ``countries()``)."""
    n = nationality.size
    parts: dict[str, list[tuple[np.ndarray, pa.Array]]] = {"f": [], "l": [], "fa": [], "la": []}
    for vocab, rows in _groups(nationality):
        first = pa.array(rng.choice(len(vocab.first_names), rows.size, p=vocab.first_name_weights))
        last = pa.array(rng.choice(len(vocab.last_names), rows.size, p=vocab.last_name_weights))
        parts["f"].append((rows, vocab.first_names.take(first)))
        parts["fa"].append((rows, vocab.first_names_ascii.take(first)))
        parts["l"].append((rows, vocab.last_names.take(last)))
        parts["la"].append((rows, vocab.last_names_ascii.take(last)))
    return Names(_scatter(n, parts["f"]), _scatter(n, parts["l"]), _scatter(n, parts["fa"]), _scatter(n, parts["la"]))


def sample_phones(country: np.ndarray, rng: np.random.Generator) -> pa.Array:
    """Phone numbers in each country's format."""
    return _scatter(country.size, [(rows, fill_pattern(vocab.phone_pattern, rows.size, rng))
                                   for vocab, rows in _groups(country)])


@dataclass(frozen=True)
class Places:
    """A real city with its region, time zone, a street address and postal code."""

    city: pa.Array
    region: pa.Array
    timezone: pa.Array
    address: pa.Array
    postal_code: pa.Array


def sample_places(country: np.ndarray, rng: np.random.Generator) -> Places:
    """Addresses whose city, region, time zone and postal code agree with the country."""
    n = country.size
    parts: dict[str, list[tuple[np.ndarray, pa.Array]]] = {k: [] for k in ("c", "r", "t", "a", "p")}
    for vocab, rows in _groups(country):
        city = pa.array(rng.choice(len(vocab.cities), rows.size, p=vocab.city_weights))
        street = vocab.streets.take(pa.array(rng.integers(0, len(vocab.streets), rows.size)))
        number = pa.array(np.char.mod("%d", 1 + np.floor(np.exp(rng.uniform(0, np.log(2500), rows.size)))
                                      .astype(np.int64)))
        pieces = (number, " ", street) if vocab.street_number_first else (street, " ", number)
        prefixes = _postal_prefixes(vocab.code)[city.to_numpy()]
        parts["c"].append((rows, vocab.cities.take(city)))
        parts["r"].append((rows, vocab.city_regions.take(city)))
        parts["t"].append((rows, vocab.city_timezones.take(city)))
        parts["a"].append((rows, pa.compute.binary_join_element_wise(*pieces, "")))
        parts["p"].append((rows, fill_pattern(vocab.postal_pattern, rows.size, rng, prefixes)))
    return Places(*(_scatter(n, parts[k]) for k in ("c", "r", "t", "a", "p")))


def sample_languages(nationality: np.ndarray, workplace: np.ndarray, rng: np.random.Generator) -> pa.Array:
    """Native language first, then the workplace's language, then often English."""
    vocab = countries()
    native = np.array([v.languages[0] for v in vocab])[nationality]
    local = np.array([v.languages[0] for v in vocab])[workplace]
    second = np.array([v.languages[1] if len(v.languages) > 1 else "" for v in vocab])[nationality]
    english = np.where(rng.random(nationality.size) < 0.65, "en", "")
    columns = np.stack([native, np.where(local != native, local, second), english], axis=1)
    # Drop blanks and repeats while keeping order: a row's k-th language is kept if unseen before.
    keep = columns != ""
    keep[:, 1] &= columns[:, 1] != columns[:, 0]
    keep[:, 2] &= (columns[:, 2] != columns[:, 0]) & (columns[:, 2] != columns[:, 1])
    offsets = np.r_[0, np.cumsum(keep.sum(axis=1))]
    return list_column(offsets, pa.array(columns[keep]))
