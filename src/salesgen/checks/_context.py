"""The run context: SQL snippets derived from the config and the country facts.

Placeholders available to check templates:

- ``$as_of`` (TIMESTAMPTZ literal, 00:00 UTC), ``$as_of_date`` (DATE literal),
  ``$seller_domain`` (string literal), ``$n_open`` (number of open stages);
- ``$first_stage``, ``$won_stage``, ``$lost_stage``: string literals of the first open stage's
  name and of the won and lost stages' (names are the scenario's labels, e.g. 'Closed Won');
- ``$unit_cents``: the currency's minor unit in hundredths (1, or 100 for JPY); ``$per_usd``:
  its units per US dollar (the model's dollar figures are scaled by it);
- ``$stages``: a subquery ``(stage, ordinal, probability, forecast_category,
  is_open)`` with the open stages in order, then the won and the lost stage;
- ``$countries``: ``(country, dial, boundary, postal_regex)`` — ``dial`` is the
  '+NN' part of the phone pattern, ``boundary`` whether a non-digit follows it;
- ``$country_timezones``: ``(country, timezone)``.

The country lookups come from ``salesgen.vocab``; when it cannot be loaded
they are listed in ``Context.unavailable`` and the checks that need them skip.

Example:
    >>> ctx = build_context(Config())
    >>> ctx.params["n_open"]
    '4'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from salesgen.checks._core import Context, sql_string
from salesgen.config import Config
from salesgen.vocab.currencies import currency_spec

COUNTRY_PARAMS = ("countries", "country_timezones")


@dataclass(frozen=True)
class CountryFacts:
    """What the people checks need to know about one country.

    Example:
        >>> CountryFacts.from_patterns("US", "+1 (###) ###-####", "#####", ["America/New_York"]).dial
        '+1'
    """

    code: str
    dial: str
    boundary: bool
    postal_regex: str
    timezones: tuple[str, ...]

    @staticmethod
    def from_patterns(code: str, phone_pattern: str, postal_pattern: str, timezones: Sequence[str]) -> CountryFacts:
        """Derive the dialing prefix and the postal regex from vocab patterns.

        Example:
            >>> CountryFacts.from_patterns("GB", "+44 #### ######", "AA# #AA", []).postal_regex
            '[A-Z][A-Z][0-9]\\\\x{20}[0-9][A-Z][A-Z]'
        """
        literal = phone_pattern.split("#", 1)[0]
        dial = re.split(r"[ (]", literal, maxsplit=1)[0]
        return CountryFacts(
            code, dial, len(literal) > len(dial), postal_regex(postal_pattern), tuple(dict.fromkeys(timezones))
        )


def postal_regex(pattern: str) -> str:
    """An RE2 regex for a vocab postal pattern: '#' digit, 'A' uppercase letter, others literal.

    Example:
        >>> postal_regex("#####-###")
        '[0-9][0-9][0-9][0-9][0-9]\\\\x{2D}[0-9][0-9][0-9]'
    """
    parts = []
    for char in pattern:
        if char == "#":
            parts.append("[0-9]")
        elif char == "A":
            parts.append("[A-Z]")
        elif char.isalnum() and char.isascii():
            parts.append(char)
        else:
            parts.append(f"\\x{{{ord(char):X}}}")
    return "".join(parts)


def _load_country_facts() -> tuple[CountryFacts, ...]:
    from salesgen import vocab  # imported late: the checks work without it (country checks skip)

    facts = []
    for code in vocab.country_codes():
        country = vocab.load_country(code)
        zones = country.city_timezones
        zone_list = zones.to_pylist() if hasattr(zones, "to_pylist") else list(zones)
        facts.append(
            CountryFacts.from_patterns(
                code, country.phone_pattern, country.postal_pattern, [str(z) for z in zone_list if z]
            )
        )
    return tuple(facts)


@functools.lru_cache(maxsize=1)
def _country_snippets() -> tuple[str, str]:
    return country_snippets(_load_country_facts())


def country_snippets(facts: Sequence[CountryFacts]) -> tuple[str, str]:
    """The ``$countries`` and ``$country_timezones`` subqueries for some countries.

    Example:
        >>> us = CountryFacts.from_patterns("US", "+1 (###) ###-####", "#####", ["America/Chicago"])
        >>> country_snippets([us])[1]
        "(SELECT * FROM (VALUES ('US', 'America/Chicago')) AS v(country, timezone))"
    """
    if not facts:
        raise ValueError("salesgen.vocab lists no countries")
    countries = ", ".join(
        f"({sql_string(f.code)}, {sql_string(f.dial)}, {str(f.boundary).upper()}, {sql_string(f.postal_regex)})"
        for f in facts
    )
    zones = ", ".join(f"({sql_string(f.code)}, {sql_string(z)})" for f in facts for z in f.timezones)
    zones = zones or "(NULL, NULL)"
    return (
        f"(SELECT * FROM (VALUES {countries}) AS v(country, dial, boundary, postal_regex))",
        f"(SELECT * FROM (VALUES {zones}) AS v(country, timezone))",
    )


def stage_rows(config: Config) -> list[tuple[str, int, int, str, bool]]:
    """(stage, ordinal, probability, forecast_category, is_open) for every stage, in order.

    Example:
        >>> [row[3] for row in stage_rows(Config())]
        ['pipeline', 'pipeline', 'best case', 'commit', 'closed', 'omitted']
    """
    pipeline = config.realism.pipeline
    open_stages = list(pipeline.stage_probabilities.items())
    last = len(open_stages) - 1
    rows = []
    for ordinal, (stage, probability) in enumerate(open_stages):
        category = "pipeline" if ordinal < 2 else "commit" if ordinal == last else "best case"
        rows.append((stage, ordinal, probability, category, True))
    won, lost = pipeline.stage_labels[-2:]
    rows.append((won, last + 1, 100, "closed", False))
    rows.append((lost, last + 2, 0, "omitted", False))
    return rows


def build_context(config: Config) -> Context:
    """The context for one run: config-derived SQL snippets, plus country lookups if available.

    Example:
        >>> build_context(Config()).params["seller_domain"]
        "'northbeam-software.com'"
    """
    currency = currency_spec(config.currency)
    stages = ", ".join(
        f"({sql_string(s)}, {o}, {p}, {sql_string(c)}, {str(is_open).upper()})"
        for s, o, p, c, is_open in stage_rows(config)
    )
    params = {
        "as_of": f"TIMESTAMPTZ '{config.as_of.isoformat()} 00:00:00+00'",
        "as_of_date": f"DATE '{config.as_of.isoformat()}'",
        "seller_domain": sql_string(config.seller_domain),
        "n_open": str(len(config.realism.pipeline.stage_probabilities)),
        "first_stage": sql_string(config.realism.pipeline.stage_labels[0]),
        "won_stage": sql_string(config.realism.pipeline.stage_labels[-2]),
        "lost_stage": sql_string(config.realism.pipeline.stage_labels[-1]),
        "unit_cents": str(currency.unit_cents),
        "per_usd": repr(currency.per_usd),
        "stages": f"(SELECT * FROM (VALUES {stages}) AS v(stage, ordinal, probability, forecast_category, is_open))",
    }
    unavailable: dict[str, str] = {}
    try:
        params["countries"], params["country_timezones"] = _country_snippets()
    except Exception as error:  # vocab missing or broken: the country checks skip, the rest run
        reason = f"country facts unavailable ({type(error).__name__}: {error})"
        unavailable = dict.fromkeys(COUNTRY_PARAMS, reason)
    return Context(config, params, unavailable)
