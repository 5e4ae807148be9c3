"""Bad scenario files (``--config``): each refused before any work, naming the file or the field and the fix."""

from __future__ import annotations

import math
import os
import socket
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from salesgen.cli.common import load_config
from salesgen.config import Config
from salesgen.config.bounds import BOUNDS, problems
from tests.badinput.helpers import TINY, check_refused, invoke, leftovers

# (YAML text, what the message must name)
YAML_CASES: list[tuple[str, list[str]]] = [
    ("as_of: 2026-13-45\n", ["as_of", "valid date"]),
    ("as_of: 9999-12-31\n", ["as_of", "2199-12-31"]),
    ("as_of: 0001-01-01\n", ["as_of", "1990-01-01"]),
    ("as_of: [2026]\n", ["as_of"]),
    ("num_customers: -5\n", ["num_customers", "greater than or equal to 0"]),
    ("num_customers: 1.5\n", ["num_customers"]),
    ("num_customers: 1e400\n", ["num_customers"]),
    ("num_custmers: 5\n", ["num_custmers", "Extra inputs"]),
    ("history_days: 10\n", ["history_days"]),
    ("block_size: 0\n", ["block_size"]),
    ("num_products: 0\n", ["num_products"]),
    ("currency: usd\n", ["currency"]),
    ("seller_domain: not a domain\n", ["seller_domain", "example.com"]),
    ("seller_domain: a..b\n", ["seller_domain"]),
    ("seller_domain: " + "a" * 300 + ".com\n", ["seller_domain", "253"]),
    ("seller_domain: '[/x].com'\n", ["seller_domain", "[/x]"]),
    ("country_mix: {US: .nan}\n", ["country_mix.US", "finite"]),
    ("country_mix: {US: .inf}\n", ["country_mix.US", "finite"]),
    ("country_mix: {US: -1, DE: 2}\n", ["country_mix"]),
    ("country_mix: {XX: 1}\n", ["country_mix", "XX"]),
    ("realism: {win: {new_business_rate: .nan}}\n", ["realism.win.new_business_rate", "finite"]),
    ("realism: {win: {new_business_rate: 1.5}}\n", ["realism.win.new_business_rate"]),
    ("realism: {win: {industry_shift: {Technology: 1000}}}\n", ["realism.win.industry_shift.Technology", "log-odds"]),
    ("realism: {win: {size_shift: {small: .inf, medium: 0, enterprise: 0}}}\n", ["realism.win.size_shift.small"]),
    (
        "realism: {win: {competitor_presence: {small: 2, medium: 0.5, enterprise: 0.5}}}\n",
        ["competitor_presence.small"],
    ),
    (
        "realism: {deal_size: {median: {small: 1e300, medium: 40000, enterprise: 160000}}}\n",
        ["realism.deal_size.median.small", "money"],
    ),
    (
        "realism: {deal_size: {median: {small: -9000, medium: 40000, enterprise: 160000}}}\n",
        ["realism.deal_size.median.small", "> 0"],
    ),
    (
        "realism: {deal_size: {median: {small: 0, medium: 40000, enterprise: 160000}}}\n",
        ["realism.deal_size.median.small"],
    ),
    (
        "realism: {accounts: {contacts_per_customer: {small: -2.5, medium: 5, enterprise: 9}}}\n",
        ["realism.accounts.contacts_per_customer.small"],
    ),
    (
        "realism: {deal_size: {negotiated_discount_max: {small: 1.5, medium: 0.2, enterprise: 0.3}}}\n",
        ["negotiated_discount_max.small", "discount"],
    ),
    ("realism: {cycle: {median_days: {small: 0, medium: 95, enterprise: 200}}}\n", ["realism.cycle.median_days.small"]),
    ("realism: {deal_size: {category_mix: {crm: .nan}}}\n", ["category_mix"]),
    ("realism: {activity: {touches_won: -1}}\n", ["realism.activity.touches_won"]),
    ("realism: {deal_size_median: {small: 1, medium: 2, enterprise: 3}}\n", ["deal_size.median"]),
    ("realism: {pipeline: {stage_probabilities: {identified: 50, qualified: 10}}}\n", ["stage_probabilities"]),
    ("- 1\n- 2\n", ["mapping"]),
    ("42\n", ["mapping"]),
    ("", ["mapping"]),
    ("a: [\n", ["not valid YAML"]),
    ("!!python/object/apply:os.system ['touch /tmp/salesgen-pwned']\n", ["not valid YAML"]),
    ("a: &a [1]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n", ["a"]),
    ("[" * 20000 + "]" * 20000 + "\n", ["--config"]),
    ("a:\n" + "".join(" " * (2 * i) + f"b{i}:\n" for i in range(1, 3000)), ["--config"]),
]


@pytest.mark.parametrize(("text", "names"), YAML_CASES, ids=[f"yaml{i}" for i in range(len(YAML_CASES))])
def test_scenario_refused(tmp_path: Path, text: str, names: list[str]) -> None:
    config = tmp_path / "scenario.yaml"
    config.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = invoke(["generate", "-q", "-f", "csv", "-o", out, "--config", config])  # no flag overrides the file
    check_refused(result, *names)
    assert not out.exists() and leftovers(tmp_path) == []
    assert not Path("/tmp/salesgen-pwned").exists()


def test_not_utf8(tmp_path: Path) -> None:
    config = tmp_path / "latin1.yaml"
    config.write_bytes("seller_domain: caf\xe9.com\n".encode("latin-1"))
    check_refused(invoke(["generate", *TINY, "-o", tmp_path / "out", "--config", config]), str(config), "UTF-8")


SPECIAL_CONFIGS = [
    ("/dev/zero", ["/dev/zero", "larger than"]),
    ("/dev/urandom", ["/dev/urandom"]),
    ("{tmp}", ["--config", "{tmp}"]),
    ("{tmp}/missing.yaml", ["missing.yaml", "No such file"]),
]


@pytest.mark.parametrize(("path", "names"), SPECIAL_CONFIGS, ids=[c[0] for c in SPECIAL_CONFIGS])
def test_unreadable_or_endless_config(tmp_path: Path, path: str, names: list[str]) -> None:
    result = invoke(["generate", *TINY, "-o", tmp_path / "out", "--config", path.format(tmp=tmp_path)])
    check_refused(result, *[name.format(tmp=tmp_path) for name in names])
    assert not (tmp_path / "out").exists()


def test_socket_config(tmp_path: Path) -> None:
    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        check_refused(invoke(["generate", *TINY, "-o", tmp_path / "out", "--config", path]), "s.sock")
    finally:
        server.close()
        os.unlink(path)


# --- Hypothesis: the config model is total (valid Config or ValidationError) and its bounds hold -----------------

finite_or_not = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, -1, 1e300, -1e300, float("nan"), float("inf")]),
)
per_size = st.fixed_dictionaries({"small": finite_or_not, "medium": finite_or_not, "enterprise": finite_or_not})


def _set(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    node = data
    *parents, last = path.split(".")
    for part in parents:
        if not isinstance(node.get(part), dict):
            node[part] = {}
        node = node[part]
    node[last] = value
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(sorted(BOUNDS)), values=per_size)
def test_bounded_fields_fuzzed(path: str, values: dict[str, float]) -> None:
    default = Config().model_dump()
    for part in path.split("."):
        default = default[part]
    value: Any = values
    if set(default) != set(values):  # a mapping (country_mix, *_shift, category_mix): fuzz two of its keys
        value = dict(zip(list(default)[:2], [values["small"], values["medium"]], strict=False))
    try:
        config = Config.model_validate(_set({}, path, value))
    except ValidationError:
        return
    assert problems(config) == []
    for number in _numbers(config.model_dump()):
        assert math.isfinite(number)


def _numbers(tree: Any) -> list[float]:
    if isinstance(tree, dict):
        return [n for value in tree.values() for n in _numbers(value)]
    if isinstance(tree, list | tuple):
        return [n for value in tree for n in _numbers(value)]
    return [float(tree)] if isinstance(tree, int | float) and not isinstance(tree, bool) else []


json_values = st.recursive(
    st.none() | st.booleans() | finite_or_not | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)
config_keys = st.sampled_from([*Config.model_fields, "realism.win", "realism.deal_size.median", "bogus"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fields=st.dictionaries(config_keys, json_values, max_size=4))
def test_load_config_never_raises_anything_but_a_clean_exit(fields: dict[str, Any]) -> None:
    data: dict[str, Any] = {}
    for key, value in fields.items():
        _set(data, key, value)
    try:
        config = load_config(None, data)
    except typer.Exit as exit:
        assert exit.exit_code == 2
        return
    assert problems(config) == []
