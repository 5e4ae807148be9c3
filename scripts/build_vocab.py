"""Build ``src/salesgen/vocab/data/countries.json`` from Faker's locale data plus curated facts.

Faker is read once, as data: the name lists (and their weights) that its person
providers carry as class attributes. Nothing calls Faker's generators, and the
output is byte-for-byte reproducible, so the shipped file (not the installed Faker)
decides what salesgen generates. Cities, streets, phone and postal formats come from
``vocab_curated.py`` and ``vocab_streets.py`` beside this script.

Usage:
    python scripts/build_vocab.py                 # rewrite the shipped file
    python scripts/build_vocab.py --out /tmp/x.json
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from vocab_curated import (
    CITIES,
    COUNTRIES,
    EXCLUDED_NAMES,
    EXTRA_NAME_SHARE,
    EXTRA_NAME_SHARES,
    EXTRA_NAMES,
    EXTRA_RANK_OFFSETS,
    Country,
)
from vocab_streets import STREETS

FAKER_VERSION = "40.63.0"
FORMAT_VERSION = 1
# Faker's lists stop after a few hundred names while real populations have a long tail (the top
# 1,000 US surnames cover about 40% of people, Census 2010), so renormalising a list inflates its
# head 2-3x and full names repeat far more than in a real customer base; a power below 1 on the
# weights gives the head back to the tail it stands for.
HEAD_TEMPER = 0.7
NAME_CAP = 2000  # most names kept per list (per country, both genders together)
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "src" / "salesgen" / "vocab" / "data" / "countries.json"

# Letters NFKD does not decompose to ASCII.
_ASCII_MAP = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "ø": "o",
        "Ø": "o",
        "œ": "oe",
        "Œ": "oe",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "þ": "th",
        "ð": "d",
        "ı": "i",
    }
)
_NAME_PUNCTUATION = frozenset(" -'’.")

Dist = dict[str, float]  # name -> weight, in first-seen order


def to_ascii(text: str) -> str:
    """Lowercase a-z only: accents stripped, spaces, apostrophes and hyphens removed."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII_MAP))
    return "".join(ch for ch in decomposed.lower() if "a" <= ch <= "z")


def is_latin_name(text: str) -> bool:
    """Latin letters plus the punctuation names use; at least one letter."""
    letters = [ch for ch in text if ch not in _NAME_PUNCTUATION]
    return bool(letters) and all(unicodedata.name(ch, "").startswith("LATIN ") for ch in letters)


def _as_dist(values: Iterable[str] | Mapping[str, float]) -> Dist:
    """Faker's weights (an OrderedDict's values); a plain tuple is uniform, repeats dropped."""
    dist: Dist = {}
    if isinstance(values, Mapping):
        for name, weight in values.items():
            dist[name.strip()] = dist.get(name.strip(), 0.0) + float(weight)
    else:
        dist = dict.fromkeys((name.strip() for name in values), 1.0)
    return dist


def _cap(dist: Dist, cap: int) -> Dist:
    """Keep the ``cap`` heaviest names; among equal weights at the cut, an even spread."""
    if len(dist) <= cap:
        return dict(dist)
    threshold = sorted(dist.values(), reverse=True)[cap - 1]
    kept = {name: w for name, w in dist.items() if w > threshold}
    tied = [name for name, w in dist.items() if w == threshold]
    room = cap - len(kept)
    for i in range(room):
        name = tied[(i * len(tied)) // room]
        kept[name] = threshold
    return kept


def _scaled(dist: Dist, share: float) -> Dist:
    total = sum(dist.values())
    return {name: share * w / total for name, w in dist.items()}


def _merge(dists: Iterable[Dist]) -> Dist:
    merged: Dist = {}
    for dist in dists:
        for name, weight in dist.items():
            merged[name] = merged.get(name, 0.0) + weight
    return merged


def _person_lists(locale: str) -> tuple[Dist, Dist, Dist]:
    """(male first names, female first names, last names) of a Faker locale, Latin script."""
    provider: Any = importlib.import_module(f"faker.providers.person.{locale}").Provider
    if locale == "ja_JP":  # the romanized halves of Faker's (kanji, kana, romaji) entries
        male = _as_dist(provider.first_romanized_names_male)
        female = _as_dist(provider.first_romanized_names_female)
        last = _as_dist({pair[2]: w for pair, w in provider.last_name_pairs.items()})
    else:
        male = _as_dist(provider.first_names_male)
        female = _as_dist(provider.first_names_female)
        last = _as_dist(provider.last_names)
    return male, female, last


def _usable(name: str, excluded: frozenset[str]) -> bool:
    """A real-looking name: Latin script, no initials ("H.-Dieter"), no numerals ("Koch II")."""
    return (
        name not in excluded
        and is_latin_name(name)
        and bool(to_ascii(name))
        and "." not in name
        and not any(len(part) > 1 and part.isupper() for part in name.split())
    )


def _clean(dist: Dist, excluded: frozenset[str]) -> Dist:
    cleaned: Dist = {}
    for name, weight in dist.items():
        name = " ".join(name.split())
        if _usable(name, excluded):
            cleaned[name] = cleaned.get(name, 0.0) + weight
    return cleaned


def _names(country: Country) -> tuple[Dist, Dist]:
    """Country first and last names: gender-balanced, mixed by locale share, capped, summing to 1."""
    excluded = EXCLUDED_NAMES.get(country.code, frozenset())
    raw = [(share, _person_lists(locale)) for share, locale in country.person_locales]
    unknown = excluded - {name for _, lists in raw for dist in lists for name in dist}
    if unknown:
        raise ValueError(f"{country.code}: excluded names Faker does not ship: {sorted(unknown)}")
    firsts, lasts = [], []
    for share, lists in raw:
        male, female, last = (_clean(d, excluded) for d in lists)
        half = NAME_CAP // 2
        balanced = _merge([_scaled(_cap(male, half), 0.5), _scaled(_cap(female, half), 0.5)])
        firsts.append(_scaled(balanced, share))
        lasts.append(_scaled(_cap(last, NAME_CAP), share))
    first, last = _scaled(_cap(_merge(firsts), NAME_CAP), 1.0), _scaled(_cap(_merge(lasts), NAME_CAP), 1.0)
    return _with_extras(country.code, first, last)


def _ranked(names: Iterable[str], offset: int = 10) -> Dist:
    """Weights of a curated list by rank, ∝ 1 / (rank + offset): a larger offset, a flatter list."""
    return {name: 1.0 / (rank + offset) for rank, name in enumerate(dict.fromkeys(names))}


def _with_extras(code: str, first: Dist, last: Dist) -> tuple[Dist, Dist]:
    """Faker's lists merged with the curated ``EXTRA_NAMES`` of the country (if any)."""
    if code not in EXTRA_NAMES:
        return first, last
    male, female, surnames = EXTRA_NAMES[code]
    share = EXTRA_NAME_SHARES.get(code, EXTRA_NAME_SHARE)
    first_offset, last_offset = EXTRA_RANK_OFFSETS.get(code, (10, 10))
    merged = []
    for base, extra in (
        (first, _merge([_scaled(_ranked(male, first_offset), 0.5), _scaled(_ranked(female, first_offset), 0.5)])),
        (last, _ranked(surnames, last_offset)),
    ):
        if extra:
            base = _merge([_scaled(base, 1 - share), _scaled(extra, share)])
        merged.append(_scaled(_cap(base, NAME_CAP), 1.0))
    return merged[0], merged[1]


def _name_block(dist: Dist) -> tuple[list[str], list[str], list[float]]:
    """Names by falling weight; weights flattened by ``HEAD_TEMPER`` (see there) and summing to 1."""
    ordered = sorted(dist.items(), key=lambda item: (-item[1], item[0]))
    names = [name for name, _ in ordered]
    tempered = [w**HEAD_TEMPER for _, w in ordered]
    total = sum(tempered)
    weights = [float(f"{w / total:.6g}") for w in tempered]
    return names, [to_ascii(n) for n in names], weights


def _fits(ch: str, slot: str) -> bool:
    if slot == "#":
        return ch.isdigit()
    if slot == "A":
        return "A" <= ch <= "Z"
    return ch == slot


def _check_prefix(prefix: str, pattern: str) -> None:
    if len(prefix) > len(pattern) or not all(map(_fits, prefix, pattern)):
        raise ValueError(f"postal prefix {prefix!r} does not fit pattern {pattern!r}")


def build_country(country: Country) -> dict[str, Any]:
    """The JSON record of one country."""
    first, last = _names(country)
    first_names, first_ascii, first_weights = _name_block(first)
    last_names, last_ascii, last_weights = _name_block(last)
    streets = list(STREETS[country.code])
    cities = CITIES[country.code]
    if len(set(streets)) != len(streets) or len(streets) < 60:
        raise ValueError(f"{country.code}: need >= 60 distinct streets, have {len(set(streets))}")
    if len({c[0] for c in cities}) != len(cities) or len(cities) < 12:
        raise ValueError(f"{country.code}: need >= 12 distinct cities")
    for city in cities:
        _check_prefix(city[3], country.postal_pattern)
    total = sum(c[4] for c in cities)
    return {
        "code": country.code,
        "name": country.name,
        "territory": country.territory,
        "languages": list(country.languages),
        "phone_pattern": country.phone_pattern,
        "postal_pattern": country.postal_pattern,
        "tld": country.tld,
        "company_suffixes": list(country.company_suffixes),
        "street_number_first": country.street_number_first,
        "first_names": first_names,
        "first_names_ascii": first_ascii,
        "first_name_weights": first_weights,
        "last_names": last_names,
        "last_names_ascii": last_ascii,
        "last_name_weights": last_weights,
        "streets": streets,
        "cities": [c[0] for c in cities],
        "city_regions": [c[1] for c in cities],
        "city_timezones": [c[2] for c in cities],
        "city_postal_prefixes": [c[3] for c in cities],
        "city_weights": [float(f"{c[4] / total:.6g}") for c in cities],
        "name_sources": [locale for _, locale in country.person_locales],
    }


def build() -> bytes:
    """The whole file, as the exact bytes to write."""
    data = {
        "format": FORMAT_VERSION,
        "faker_version": FAKER_VERSION,
        "country_order": [country.code for country in COUNTRIES],
        "countries": {country.code: build_country(country) for country in COUNTRIES},
    }
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output path (default: {DEFAULT_OUT})")
    args = parser.parse_args(argv)
    import faker

    if faker.VERSION != FAKER_VERSION:
        print(
            f"build_vocab.py needs Faker {FAKER_VERSION} exactly (installed: {faker.VERSION}), so that "
            f"the shipped vocabulary is reproducible. Run: pip install 'faker=={FAKER_VERSION}'",
            file=sys.stderr,
        )
        return 2
    payload = build()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(payload)
    print(f"wrote {args.out} ({len(payload):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
