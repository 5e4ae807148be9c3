"""The shared vectorised helpers the speed work rewrote agree with their plain-Python definitions."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from salesgen.entities.common import decimal_text, labels, local_to_utc, repeat_suffix


@settings(deadline=None)  # a shared machine: the first example also pays Arrow's kernel set-up
@given(st.lists(st.integers(0, 10**12)), st.integers(1, 6))
def test_decimal_text_is_printf_zero_padded(values: list[int], width: int) -> None:
    got = decimal_text(np.array(values, dtype=np.int64), width).to_pylist()
    assert got == [f"%0{width}d" % value for value in values]


@settings(deadline=None)
@given(st.lists(st.sampled_from(["ann", "bo", "cy", "ann.lee", ""]), max_size=60))
def test_repeat_suffix_numbers_the_repeats_in_row_order(values: list[str]) -> None:
    seen: dict[str, int] = {}
    expected = []
    for value in values:
        seen[value] = seen.get(value, 0) + 1
        expected.append("" if seen[value] == 1 else str(seen[value]))
    assert repeat_suffix(pa.array(values, pa.string())).tolist() == expected


@settings(deadline=None)
@given(st.lists(st.integers(0, 4), min_size=1, max_size=40))
def test_labels_from_arrow_equal_labels_from_python(codes: list[int]) -> None:
    words = ["a", "bb", "", "ccc", "dd"]
    index = np.array(codes)
    assert labels(pa.array(words), index).equals(labels(words, index))
    assert labels(pa.array(words), index).to_pylist() == [words[c] for c in codes]


ZONES = ("UTC", "Europe/Berlin", "America/New_York", "Australia/Sydney")


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(1_500_000_000, 1_900_000_000), st.integers(0, len(ZONES) - 1)), min_size=1))
def test_local_to_utc_matches_zoneinfo(rows: list[tuple[int, int]]) -> None:
    local = np.array([seconds for seconds, _ in rows], dtype=np.int64)
    codes = np.array([code for _, code in rows])
    got = local_to_utc(local, codes, ZONES)
    for seconds, code, utc in zip(local.tolist(), codes.tolist(), got.tolist(), strict=True):
        naive = np.datetime64(seconds, "s").item()
        # ambiguous and nonexistent wall times resolve to the earliest instant, as fold=0 does
        expected = int(naive.replace(tzinfo=ZoneInfo(ZONES[code]), fold=0).timestamp())
        assert utc == expected or _in_gap(naive, ZONES[code])


def _in_gap(naive: object, zone: str) -> bool:
    """A wall time skipped by a DST change (zoneinfo and Arrow's 'earliest' then differ by design)."""
    import datetime as dt

    assert isinstance(naive, dt.datetime)
    aware = naive.replace(tzinfo=ZoneInfo(zone))
    return aware.astimezone(dt.UTC).astimezone(ZoneInfo(zone)).replace(tzinfo=None) != naive
