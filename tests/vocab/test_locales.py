"""The shipped per-country vocabulary: shape, realism rules, and reproducibility of the data file."""

from __future__ import annotations

import hashlib
import importlib
import json
import re
import subprocess
import sys
import unicodedata
from importlib import resources
from pathlib import Path
from types import ModuleType
from zoneinfo import ZoneInfo

import numpy as np
import pyarrow as pa
import pytest

from salesgen.vocab import CountryVocab, country_codes, load_country

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "build_vocab.py"
PINNED_FAKER = "40.63.0"

CODES = country_codes()
TERRITORY = {
    "US": "North America",
    "CA": "North America",
    "MX": "LATAM",
    "BR": "LATAM",
    "GB": "EMEA",
    "DE": "EMEA",
    "FR": "EMEA",
    "ES": "EMEA",
    "NL": "EMEA",
    "IN": "APAC",
    "JP": "APAC",
    "AU": "APAC",
}
CALLING_CODE = {
    "US": "1",
    "CA": "1",
    "MX": "52",
    "BR": "55",
    "GB": "44",
    "DE": "49",
    "FR": "33",
    "ES": "34",
    "NL": "31",
    "IN": "91",
    "JP": "81",
    "AU": "61",
}
# The real national format each postal pattern must produce.
POSTAL_FORMAT = {
    "US": r"\d{5}",
    "CA": r"[A-Z]\d[A-Z] \d[A-Z]\d",
    "MX": r"\d{5}",
    "BR": r"\d{5}-\d{3}",
    "GB": r"[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}",
    "DE": r"\d{5}",
    "FR": r"\d{5}",
    "ES": r"\d{5}",
    "NL": r"[1-9]\d{3} [A-Z]{2}",
    "IN": r"[1-9]\d{5}",
    "JP": r"\d{3}-\d{4}",
    "AU": r"\d{4}",
}
STRING_FIELDS = (
    "first_names",
    "first_names_ascii",
    "last_names",
    "last_names_ascii",
    "streets",
    "cities",
    "city_regions",
    "city_timezones",
    "city_postal_prefixes",
)
NAME_PUNCTUATION = frozenset(" -'’.")


def _list(array: pa.Array) -> list[str]:
    values: list[str] = array.to_pylist()
    return values


def _is_latin(text: str) -> bool:
    letters = [ch for ch in text if ch not in NAME_PUNCTUATION and not ch.isdigit() and ch not in ",&()"]
    return bool(letters) and all(unicodedata.name(ch, "").startswith("LATIN ") for ch in letters)


def _fill(pattern: str, prefix: str, digit: str = "7", letter: str = "K") -> str:
    rest = pattern[len(prefix) :].replace("#", digit).replace("A", letter)
    return prefix + rest


@pytest.fixture(params=CODES)
def vocab(request: pytest.FixtureRequest) -> CountryVocab:
    return load_country(request.param)


def test_codes_fixed_order_and_match_data_file() -> None:
    assert CODES == ("US", "CA", "MX", "BR", "GB", "DE", "FR", "ES", "NL", "IN", "JP", "AU")
    data = json.loads(resources.files("salesgen.vocab").joinpath("data", "countries.json").read_text("utf-8"))
    assert data["country_order"] == list(CODES)
    assert sorted(data["countries"]) == sorted(CODES)


def test_unknown_code_names_the_valid_codes() -> None:
    with pytest.raises(ValueError, match="valid codes: US, CA, MX, BR, GB, DE, FR, ES, NL, IN, JP, AU"):
        load_country("XX")
    with pytest.raises(ValueError):
        load_country("de")


def test_cached_per_process() -> None:
    assert load_country("DE") is load_country("DE")


def test_scalars(vocab: CountryVocab) -> None:
    assert vocab.territory == TERRITORY[vocab.code]
    assert vocab.name and vocab.name[0].isupper()
    assert vocab.languages and all(re.fullmatch(r"[a-z]{2}", lang) for lang in vocab.languages)
    assert re.fullmatch(r"[a-z]{2,3}(\.[a-z]{2})?", vocab.tld)
    assert vocab.company_suffixes and all(s.strip() == s and s for s in vocab.company_suffixes)
    assert len(set(vocab.company_suffixes)) == len(vocab.company_suffixes)
    assert vocab.street_number_first == (vocab.code in {"US", "CA", "GB", "FR", "IN", "JP", "AU"})


def test_phone_pattern_is_believable(vocab: CountryVocab) -> None:
    pattern = vocab.phone_pattern
    head = f"+{CALLING_CODE[vocab.code]} "
    assert pattern.startswith(head)
    national = pattern[len(head) :].lstrip("(")
    assert national[0] in "123456789", "the national number must not start with a free or zero digit"
    assert set(pattern) <= set("+#0123456789 ()-")
    digits = sum(ch.isdigit() or ch == "#" for ch in pattern)
    assert 8 <= digits <= 15  # E.164 allows at most 15 digits
    assert pattern.count("#") >= 6


def test_parallel_arrays_have_equal_lengths(vocab: CountryVocab) -> None:
    n_first, n_last, n_city = len(vocab.first_names), len(vocab.last_names), len(vocab.cities)
    assert len(vocab.first_names_ascii) == len(vocab.first_name_weights) == n_first
    assert len(vocab.last_names_ascii) == len(vocab.last_name_weights) == n_last
    assert len(vocab.city_regions) == len(vocab.city_timezones) == n_city
    assert len(vocab.city_postal_prefixes) == len(vocab.city_weights) == n_city


def test_counts(vocab: CountryVocab) -> None:
    assert 100 <= len(vocab.first_names) <= 2000  # NAME_CAP of scripts/build_vocab.py; JP has curated extras
    assert 100 <= len(vocab.last_names) <= 2000
    assert len(vocab.streets) >= 60
    assert len(vocab.cities) >= 12


def test_string_arrays_typed_without_nulls_or_empties(vocab: CountryVocab) -> None:
    for field in STRING_FIELDS:
        array = getattr(vocab, field)
        assert array.type == pa.string(), field
        assert array.null_count == 0, field
        values = _list(array)
        allowed_empty = field == "city_postal_prefixes"
        assert all((v or allowed_empty) and v == v.strip() and "  " not in v for v in values), field


def test_no_duplicates(vocab: CountryVocab) -> None:
    for field in ("first_names", "last_names", "streets", "cities"):
        values = _list(getattr(vocab, field))
        assert len(set(values)) == len(values), field


def test_ascii_forms(vocab: CountryVocab) -> None:
    for names, ascii_names in (
        (vocab.first_names, vocab.first_names_ascii),
        (vocab.last_names, vocab.last_names_ascii),
    ):
        for name, plain in zip(_list(names), _list(ascii_names), strict=True):
            assert re.fullmatch(r"[a-z]+", plain), (name, plain)
            stripped = "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if "a" <= c <= "z")
            if name.isascii():
                assert plain == stripped, (name, plain)


def test_weights(vocab: CountryVocab) -> None:
    for weights in (vocab.first_name_weights, vocab.last_name_weights, vocab.city_weights):
        assert isinstance(weights, np.ndarray) and weights.dtype == np.float64
        assert np.all(weights > 0)
        assert abs(weights.sum() - 1.0) < 1e-12
        assert not weights.flags.writeable
    # The biggest business city carries the most weight.
    assert int(np.argmax(vocab.city_weights)) == 0


def test_names_streets_and_cities_are_latin_script(vocab: CountryVocab) -> None:
    for field in ("first_names", "last_names", "streets", "cities", "city_regions"):
        bad = [v for v in _list(getattr(vocab, field)) if not _is_latin(v)]
        assert not bad, (vocab.code, field, bad[:5])


def test_timezones_exist(vocab: CountryVocab) -> None:
    for zone in set(_list(vocab.city_timezones)):
        ZoneInfo(zone)  # raises ZoneInfoNotFoundError for an unknown zone
    prefixes: dict[str, str | tuple[str, ...]] = {
        "US": "America/",
        "CA": "America/",
        "MX": "America/",
        "BR": "America/",
        "AU": "Australia/",
        "IN": "Asia/Kolkata",
        "JP": "Asia/Tokyo",
        "ES": ("Europe/Madrid", "Atlantic/Canary"),
    }
    expected = prefixes.get(vocab.code, "Europe/")
    assert all(zone.startswith(expected) for zone in _list(vocab.city_timezones))


def test_postal_prefixes_fit_the_pattern(vocab: CountryVocab) -> None:
    pattern = vocab.postal_pattern
    assert set(pattern) <= set("#A -")
    for city, prefix in zip(_list(vocab.cities), _list(vocab.city_postal_prefixes), strict=True):
        assert len(prefix) <= len(pattern), city
        for ch, slot in zip(prefix, pattern, strict=False):
            if slot == "#":
                assert ch.isdigit(), (city, prefix)
            elif slot == "A":
                assert "A" <= ch <= "Z", (city, prefix)
            else:
                assert ch == slot, (city, prefix)
        for digit, letter in (("0", "A"), ("9", "Z")):
            code = _fill(pattern, prefix, digit, letter)
            assert re.fullmatch(POSTAL_FORMAT[vocab.code], code), (city, code)


def test_multi_zone_countries_use_several_zones() -> None:
    for code, at_least in (("US", 5), ("CA", 5), ("MX", 4), ("BR", 4), ("AU", 5)):
        assert len(set(_list(load_country(code).city_timezones))) >= at_least, code


# --- the data file is reproducible from the build script ----------------------------------------


def _load_build_script(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(SCRIPT.parent))
    return importlib.import_module("build_vocab")


def test_data_file_matches_a_fresh_build(tmp_path: Path) -> None:
    faker = pytest.importorskip("faker")
    if faker.VERSION != PINNED_FAKER:
        pytest.skip(f"the shipped data is built with Faker {PINNED_FAKER}; installed {faker.VERSION}")
    out = tmp_path / "countries.json"
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    shipped = resources.files("salesgen.vocab").joinpath("data", "countries.json").read_bytes()
    assert hashlib.sha256(out.read_bytes()).hexdigest() == hashlib.sha256(shipped).hexdigest(), (
        "src/salesgen/vocab/data/countries.json is stale: run python scripts/build_vocab.py"
    )
    assert len(shipped) < 1_500_000


def test_build_refuses_other_faker_versions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    faker = pytest.importorskip("faker")
    build_vocab = _load_build_script(monkeypatch)
    monkeypatch.setattr(faker, "VERSION", "0.0.1")
    out = tmp_path / "countries.json"
    assert build_vocab.main(["--out", str(out)]) == 2
    assert not out.exists()
    assert PINNED_FAKER in capsys.readouterr().err


def test_to_ascii(monkeypatch: pytest.MonkeyPatch) -> None:
    to_ascii = _load_build_script(monkeypatch).to_ascii
    assert to_ascii("Müller-Lüdenscheidt") == "mullerludenscheidt"
    assert to_ascii("O'Brien") == "obrien"
    assert to_ascii("Straße") == "strasse"
    assert to_ascii("'s Gravensande") == "sgravensande"
    assert to_ascii("José María") == "josemaria"
    assert to_ascii("Søren Ærø") == "sorenaero"
