"""salesgen.checks._context: country facts turned into the SQL the people checks use."""

from __future__ import annotations

import duckdb

from salesgen.checks._context import CountryFacts


def test_country_facts_from_vocab_patterns() -> None:
    us = CountryFacts.from_patterns("US", "+1 (###) ###-####", "#####", ["America/Chicago", "America/Chicago"])
    assert (us.dial, us.boundary, us.timezones) == ("+1", True, ("America/Chicago",))
    gb = CountryFacts.from_patterns("GB", "+44 #### ######", "AA# #AA", [])
    assert gb.dial == "+44"
    con = duckdb.connect()
    match = "SELECT regexp_full_match(?, ?)"
    assert con.execute(match, ["SW1 2AB", gb.postal_regex]).fetchone() == (True,)
    assert con.execute(match, ["SW12 2AB", gb.postal_regex]).fetchone() == (False,)
    assert con.execute(match, ["2AB", gb.postal_regex]).fetchone() == (False,)
