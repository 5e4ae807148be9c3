"""Phone numbering plans: the area codes of every shipped city and how each country writes a number.

Read from the shipped ``data/phones.json`` (built by ``scripts/build_phones.py`` from the
regulators' published numbering plans, cited there). A national number is an area code plus
subscriber digits (the first of them 2-9) to the country's fixed length; ``write`` lays the
parts out in the country's customary style.

Example:
    >>> plan = phone_plan("DE")
    >>> plan.dial, plan.length, plan.areas["Köln"]
    ('+49', 10, ('221',))
    >>> import pyarrow as pa
    >>> write(plan, pa.array(["221"]), pa.array(["2345678"])).to_pylist()
    ['+49 221 2345678']
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from salesgen.vocab.datafiles import data_file

DATA_FILE = "phones.json"
# How a character of a sample number reads in an RE2 (and Python) regex: 'X' is any digit.
_REGEX_TOKEN = {"X": "[0-9]", **{ch: "\\" + ch for ch in "+()[]{}.*?^$|\\-"}}
FORMAT_VERSION = 1


@dataclass(frozen=True)
class PhonePlan:
    """One country's numbering: dialing code, national number length, style, area codes per city."""

    code: str
    dial: str
    length: int
    style: str
    areas: dict[str, tuple[str, ...]]


@functools.lru_cache(maxsize=32)
def phone_plan(code: str) -> PhonePlan:
    """The numbering plan of country ``code`` (ISO alpha-2)."""
    record = data_file(DATA_FILE, FORMAT_VERSION)["countries"][code]
    areas = {city: tuple(codes) for city, codes in record["cities"].items()}
    return PhonePlan(code, record["dial"], int(record["length"]), record["style"], areas)


def _cut(s: pa.Array, start: int, stop: int | None = None) -> pa.Array:
    """Characters ``start:stop`` of each string (negative indices count from the end)."""
    if stop is None:
        return pc.utf8_slice_codeunits(s, start)
    return pc.utf8_slice_codeunits(s, start, stop)


def _join(*parts: pa.Array | str) -> pa.Array:
    return pc.binary_join_element_wise(*parts, "")


def write(plan: PhonePlan, area: pa.Array, subscriber: pa.Array) -> pa.Array:
    """Numbers in the country's style from area codes and subscriber digits (string columns)."""
    a, s, d = area, subscriber, plan.dial + " "
    layouts: dict[str, Callable[[], pa.Array]] = {
        "nanp": lambda: _join(d, "(", a, ") ", _cut(s, 0, 3), "-", _cut(s, 3)),
        "split4": lambda: _join(
            d, a, " ", pc.if_else(pc.greater_equal(pc.utf8_length(s), 7), _join(_cut(s, 0, -4), " ", _cut(s, -4)), s)
        ),
        "dash4": lambda: _join(d, a, " ", _cut(s, 0, -4), "-", _cut(s, -4)),
        "plain": lambda: _join(d, a, " ", s),
        "pairs": lambda: _join(d, a, " ", _cut(s, 0, 2), " ", _cut(s, 2, 4), " ", _cut(s, 4, 6), " ", _cut(s, 6)),
        "spain": lambda: _spain(d, _join(a, s)),
        "split3": lambda: _join(d, a, " ", _cut(s, 0, 3), " ", _cut(s, 3)),
        "japan": lambda: _join(d, a, "-", _cut(s, 0, -4), "-", _cut(s, -4)),
    }
    return layouts[plan.style]()


def _spain(d: str, n: pa.Array) -> pa.Array:
    return _join(d, _cut(n, 0, 3), " ", _cut(n, 3, 5), " ", _cut(n, 5, 7), " ", _cut(n, 7))


def phone_regex(code: str) -> str:
    """An RE2 regex matching exactly the numbers ``write`` makes for country ``code``.

    Example:
        >>> import re
        >>> us = phone_regex("US")
        >>> bool(re.fullmatch(us, "+1 (212) 555-0142")), bool(re.fullmatch(us, "+1 (299) 555-0142"))
        (True, False)
    """
    plan = phone_plan(code)
    alternatives = []
    for area in sorted({a for codes in plan.areas.values() for a in codes}):
        sample = str(write(plan, pa.array([area]), pa.array(["X" * (plan.length - len(area))]))[0])
        alternatives.append("".join(_REGEX_TOKEN.get(ch, ch) for ch in sample))
    return "(?:" + "|".join(alternatives) + ")"
