"""Country-consistent people and places: names, emails, phones, addresses, languages.

Rows are grouped by country (a loop over a dozen countries, never over rows)
and sampled from the shipped word lists of ``salesgen.vocab``.

Example:
    >>> import numpy as np
    >>> names = sample_names(np.array([0, 0, 5]), np.random.default_rng(1))
    >>> len(names.first)
    3
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from salesgen.entities.common import decimal_text, fill_pattern, list_column
from salesgen.vocab import CountryVocab, country_codes, load_country
from salesgen.vocab.phones import phone_plan, write


@lru_cache(maxsize=1)
def countries() -> tuple[CountryVocab, ...]:
    """Every supported country's vocabulary, in ``country_codes()`` order."""
    return tuple(load_country(code) for code in country_codes())


def _by_country(
    country: np.ndarray, width: int, draw: Callable[[CountryVocab, int], tuple[pa.Array, ...]]
) -> list[pa.Array]:
    """``width`` string columns drawn country by country with ``draw(vocab, rows)``, reassembled in row order."""
    groups = [(vocab, rows) for c, vocab in enumerate(countries()) if (rows := np.flatnonzero(country == c)).size]
    if not groups:
        return [pa.array([], type=pa.string()) for _ in range(width)]
    pieces = [draw(vocab, rows.size) for vocab, rows in groups]
    positions = np.concatenate([rows for _, rows in groups])
    inverse = np.empty(country.size, dtype=np.int64)
    inverse[positions] = np.arange(positions.size)
    return [pa.concat_arrays([piece[k] for piece in pieces]).take(pa.array(inverse)) for k in range(width)]


@lru_cache(maxsize=64)
def _postal_prefixes(code: str) -> np.ndarray:
    return np.array(load_country(code).city_postal_prefixes.to_pylist(), dtype="S")


@dataclass(frozen=True)
class Names:
    """Display names and their lowercase ASCII forms (for emails)."""

    first: pa.Array
    last: pa.Array
    first_ascii: pa.Array
    last_ascii: pa.Array


def sample_names(nationality: np.ndarray, rng: np.random.Generator) -> Names:
    """Names fitting each row's nationality (index into ``countries()``)."""

    def draw(vocab: CountryVocab, count: int) -> tuple[pa.Array, ...]:
        first = pa.array(rng.choice(len(vocab.first_names), count, p=vocab.first_name_weights))
        last = pa.array(rng.choice(len(vocab.last_names), count, p=vocab.last_name_weights))
        return (
            vocab.first_names.take(first),
            vocab.last_names.take(last),
            vocab.first_names_ascii.take(first),
            vocab.last_names_ascii.take(last),
        )

    return Names(*_by_country(nationality, 4, draw))


def sample_phones(country: np.ndarray, rng: np.random.Generator, city: np.ndarray | None = None) -> pa.Array:
    """Landline numbers with an area code of the row's city (index into the country's cities).

    Without ``city`` a city is drawn by the country's city weights. A number has the country's
    national length and style (``salesgen.vocab.phones``); the subscriber part starts with 2-9.
    """
    out = np.empty(country.size, dtype=object)
    for c, vocab in enumerate(countries()):
        rows = np.flatnonzero(country == c)
        if not rows.size:
            continue
        where = rng.choice(len(vocab.cities), rows.size, p=vocab.city_weights) if city is None else city[rows]
        areas, starts, counts = _area_table(vocab.code)
        area = areas[
            starts[where] + np.minimum((rng.random(rows.size) * counts[where]).astype(np.int64), counts[where] - 1)
        ]
        plan = phone_plan(vocab.code)
        digits = plan.length - np.char.str_len(area.astype(str))
        subscriber = np.empty(rows.size, dtype=object)
        for k in np.unique(digits):
            part = digits == k
            numbers = rng.integers(2 * 10 ** (k - 1), 10**k, int(part.sum()))
            subscriber[part] = np.char.mod("%d", numbers).astype(object)
        out[rows] = np.asarray(
            write(plan, pa.array(area, pa.string()), pa.array(subscriber, pa.string())), dtype=object
        )
    return pa.array(out, type=pa.string())


@lru_cache(maxsize=64)
def _area_table(code: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(flat area codes, first index per city, codes per city) in the country's city order."""
    plan = phone_plan(code)
    per_city = [plan.areas[name] for name in load_country(code).cities.to_pylist()]
    counts = np.array([len(a) for a in per_city])
    return np.array([a for codes in per_city for a in codes], dtype=object), np.r_[0, np.cumsum(counts)[:-1]], counts


def office_extensions(switchboard: pa.Array, rng: np.random.Generator) -> pa.Array:
    """Direct lines in the company's number block: the switchboard with its last two digits redrawn."""
    n = len(switchboard)
    tail = decimal_text(rng.integers(0, 100, n), width=2)
    return pc.binary_join_element_wise(pc.utf8_slice_codeunits(switchboard, 0, -2), tail, "")


@dataclass(frozen=True)
class Places:
    """A real city with its region, time zone, a street address and postal code."""

    city: pa.Array
    region: pa.Array
    timezone: pa.Array
    address: pa.Array
    postal_code: pa.Array
    city_index: pa.Array  # index into the country's cities (for area codes)


def sample_places(country: np.ndarray, rng: np.random.Generator) -> Places:
    """Addresses whose city, region, time zone and postal code agree with the country."""

    def draw(vocab: CountryVocab, count: int) -> tuple[pa.Array, ...]:
        city = pa.array(rng.choice(len(vocab.cities), count, p=vocab.city_weights))
        street = vocab.streets.take(pa.array(rng.integers(0, len(vocab.streets), count)))
        number = decimal_text(1 + np.floor(np.exp(rng.uniform(0, np.log(2500), count))).astype(np.int64))
        pieces = (number, " ", street) if vocab.street_number_first else (street, " ", number)
        prefixes = _postal_prefixes(vocab.code)[city.to_numpy()]
        return (
            vocab.cities.take(city),
            vocab.city_regions.take(city),
            vocab.city_timezones.take(city),
            pc.binary_join_element_wise(*pieces, ""),
            fill_pattern(vocab.postal_pattern, count, rng, prefixes),
            city,
        )

    return Places(*_by_country(country, 6, draw))


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
