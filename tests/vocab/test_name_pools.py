"""Name pools are large and flat enough that a 10,000-contact country shows no visible repeats (issue 12).

The figures are expectations under independent draws of first and last name (what the people
builder does), so they hold for any seed: with p and q the first and last name weights, n people
share a full name with another C(n, 2) Σp² Σq² times, and three share one C(n, 3) Σp³ Σq³ times.
"""

from __future__ import annotations

from math import comb

import numpy as np
import pytest

from salesgen.vocab import load_country

PEOPLE = 10_000


def _expected_repeats(code: str, k: int) -> float:
    vocab = load_country(code)
    first, last = np.asarray(vocab.first_name_weights), np.asarray(vocab.last_name_weights)
    return comb(PEOPLE, k) * float((first**k).sum()) * float((last**k).sum())


@pytest.mark.parametrize("code", ["JP", "DE", "ES", "NL", "IN", "CA", "MX"])
def test_few_full_names_are_shared_by_three_of_ten_thousand(code: str) -> None:
    assert _expected_repeats(code, 3) < 5


def test_japanese_pools_are_no_longer_fakers_fifty_names() -> None:
    vocab = load_country("JP")
    assert len(vocab.first_names) > 500 and len(vocab.last_names) > 500
    assert _expected_repeats("JP", 2) < 0.03 * PEOPLE  # pairs sharing a name: under 3% of the contacts
    assert float(np.max(vocab.last_name_weights)) < 0.015  # Sato, the commonest, is ~1.5% of Japan


def test_brazilian_pools_have_a_long_tail() -> None:
    vocab = load_country("BR")
    assert len(vocab.last_names) > 300 and vocab.last_names[0].as_py() == "Silva"  # the head stays Brazil's
    assert _expected_repeats("BR", 3) < 30  # was 262 with 122 surnames: as few as GB's or FR's
