"""A run in another currency has that currency's magnitudes and minor unit, not dollars relabelled."""

from __future__ import annotations

import functools
import statistics
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from salesgen import Config, Dataset, SalesDataGenerator
from salesgen.entities.world import World, build_world
from salesgen.vocab.currencies import CURRENCIES, currency_spec


def _run(currency: str) -> Dataset:
    return SalesDataGenerator(seed=5).generate_dataset(num_customers=400, num_sales_people=10, currency=currency)


@pytest.fixture(scope="module")
def runs() -> dict[str, Dataset]:
    return {code: _run(code) for code in ("USD", "JPY", "EUR")}


def _median(ds: Dataset, table: str, column: str) -> float:
    return float(statistics.median(v for v in ds[table].column(column).to_pylist() if v is not None))


@pytest.mark.parametrize(
    ("table", "column"), [("products", "list_price"), ("opportunities", "amount"), ("customers", "annual_revenue")]
)
@pytest.mark.parametrize("code", ["JPY", "EUR"])
def test_amounts_scale_with_the_rate(runs: dict[str, Dataset], code: str, table: str, column: str) -> None:
    ratio = _median(runs[code], table, column) / _median(runs["USD"], table, column)
    assert 0.8 < ratio / currency_spec(code).per_usd < 1.25, ratio  # same draws, prices rounded per currency


def test_yen_amounts_are_whole_yen(runs: dict[str, Dataset]) -> None:
    jpy = runs["JPY"]
    for table, column in [
        ("products", "list_price"),
        ("opportunity_line_items", "unit_price"),
        ("opportunities", "amount"),
        ("opportunities", "expected_revenue"),
        ("customers", "annual_revenue"),
        ("sales_reps", "avg_deal_size"),
        ("sales_reps", "annual_quota"),
    ]:
        values = [v for v in jpy[table].column(column).to_pylist() if v is not None]
        assert values and all(v == v.to_integral_value() for v in values), (table, column)
    assert set(jpy["opportunities"].column("currency").to_pylist()) == {"JPY"}


@pytest.mark.parametrize("code", ["JPY", "EUR"])
def test_quotes_are_as_round_in_any_currency(runs: dict[str, Dataset], code: str) -> None:
    """Round amounts are counted in the currency's own steps: $100 in dollars, ¥10,000 in yen."""

    def round_share(ds: Dataset, currency: str) -> float:
        hundred = Decimal(100 * currency_spec(currency).price_step)
        amounts = ds["opportunities"].column("amount").to_pylist()
        return sum(v % hundred == 0 for v in amounts) / len(amounts)

    dollars = round_share(runs["USD"], "USD")
    assert dollars > 0.25  # the round-quote model is on
    assert round_share(runs[code], code) > 0.6 * dollars


def test_an_unknown_currency_is_refused_naming_the_field() -> None:
    with pytest.raises(ValidationError, match="currency") as error:
        Config(currency="XYZ")
    assert "JPY" in str(error.value) and "USD" in str(error.value)  # says which codes work


@settings(max_examples=60, deadline=None)
@given(
    code=st.sampled_from(sorted(CURRENCIES)),
    numerator=st.integers(0, 10**12),
    denominator=st.sampled_from([1, 3, 100, 10_000]),
)
def test_money_rounds_half_up_at_the_minor_unit(code: str, numerator: int, denominator: int) -> None:
    world = _world(code)
    unit = currency_spec(code).unit_cents
    rounded = int(world.round_money(np.array([numerator]), denominator)[0])
    exact = Decimal(numerator) / denominator / unit
    assert rounded % unit == 0
    assert Decimal(rounded // unit) == exact.quantize(Decimal(1), rounding=ROUND_HALF_UP)


@functools.cache
def _world(code: str) -> World:
    return build_world(Config(num_customers=1, num_sales_reps=1, currency=code), seed=1)
