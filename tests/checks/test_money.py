"""salesgen.checks.money: prices, discounts and totals each catch their own breakage, in cents and in whole yen."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from salesgen.vocab.currencies import currency_spec
from tests.checks.conftest import clean_data
from tests.checks.datasets import Data
from tests.checks.mutations import (
    Broken,
    Mutations,
    Mutator,
    assert_fails_exactly_its_check,
    edit,
    one,
    plus,
    query,
    replace_rows,
    row,
    set_first,
)

MUTATIONS = Mutations("money")
CENT = Decimal("0.01")


@pytest.fixture(scope="module", params=["tiny", "generated", "generated-jpy"])
def data(request: pytest.FixtureRequest) -> Iterator[Data]:
    yield from clean_data(request.param)


def minor_unit(data: Data) -> Decimal:
    """The smallest amount of the dataset's currency: 0.01, or 1 for JPY."""
    return Decimal(currency_spec(data.config.currency).unit_cents) / 100


def plus_one_unit(table: str, column: str, where: str = "TRUE") -> Mutator:
    """Add one minor unit (a cent, a yen) to the first matching row: wrong, yet a valid amount."""
    return lambda data: set_first(table, {column: plus(minor_unit(data))}, where=where)(data)


@MUTATIONS("money.line_total")
def _line_total(data: Data) -> Broken:
    # one more unit at the same unit price, where the discount still meets the tier of quantity + 1
    (key,) = one(
        data.tables,
        """SELECT min(l.line_item_id) FROM opportunity_line_items AS l
        LEFT JOIN discount_tiers AS t ON t.product_id = l.product_id AND l.quantity + 1 >= t.min_quantity
             AND (t.max_quantity IS NULL OR l.quantity + 1 <= t.max_quantity)
        WHERE l.unit_price > 0 AND l.discount_pct >= coalesce(t.discount_pct, 0)""",
    )
    quantity = row(data.tables, "opportunity_line_items", key)["quantity"]
    return Broken(edit(data.tables, "opportunity_line_items", key, quantity=quantity + 1), str(key))


MUTATIONS.add(
    "money.unit_price",
    set_first(
        "opportunity_line_items",
        {"discount_pct": plus(Decimal("0.1"))},
        where="discount_pct < 0.85 AND list_price >= 1",
    ),
)


@MUTATIONS("money.line_list_price_matches_product")
def _product_price(data: Data) -> Broken:
    product, key = one(
        data.tables,
        """SELECT product_id, min(line_item_id) FROM opportunity_line_items
        GROUP BY product_id ORDER BY 2 LIMIT 1""",
    )
    price = row(data.tables, "products", product)["list_price"]
    return Broken(edit(data.tables, "products", product, list_price=price + minor_unit(data)), str(key))


@MUTATIONS("money.discount_at_least_tier")
def _tier_floor(data: Data) -> Broken:
    # raise the floor of the line's tier (and later tiers, to stay non-decreasing) above its discount
    key, product, low, discount = one(
        data.tables,
        """
        SELECT l.line_item_id, l.product_id, t.min_quantity, l.discount_pct
        FROM opportunity_line_items AS l JOIN discount_tiers AS t ON t.product_id = l.product_id
         AND l.quantity >= t.min_quantity AND (t.max_quantity IS NULL OR l.quantity <= t.max_quantity)
        WHERE l.discount_pct < 0.99 ORDER BY 1 LIMIT 1""",
    )
    floor = discount + Decimal("0.0001")
    rows = data.tables["discount_tiers"].to_pylist()
    for tier in rows:
        if tier["product_id"] == product and tier["min_quantity"] >= low:
            tier["discount_pct"] = max(tier["discount_pct"], floor)
    return Broken(replace_rows(data.tables, "discount_tiers", rows), str(key))


MUTATIONS.add(
    "money.discount_tiers_well_formed", set_first("discount_tiers", {"min_quantity": 2}, where="min_quantity = 1")
)
# a lost deal: its expected revenue stays 0 and rep metrics ignore its amount
MUTATIONS.add(
    "money.amount_equals_line_total", plus_one_unit("opportunities", "amount", where="is_closed AND NOT is_won")
)
MUTATIONS.add("money.expected_revenue", plus_one_unit("opportunities", "expected_revenue"))


@MUTATIONS("money.minor_unit")
def _fraction_of_a_yen(data: Data) -> Broken:
    if minor_unit(data) == CENT:
        pytest.skip("in a two-digit currency every decimal(18,2) amount is a whole number of cents")
    (key,) = one(data.tables, "SELECT min(customer_id) FROM customers")
    revenue = row(data.tables, "customers", key)["annual_revenue"]
    return Broken(edit(data.tables, "customers", key, annual_revenue=revenue + CENT), f"customers.annual_revenue:{key}")


@MUTATIONS("money.non_negative")
def _negative(data: Data) -> Broken:
    unsold = query(
        data.tables,
        """SELECT min(product_id) FROM products
        WHERE product_id NOT IN (SELECT product_id FROM opportunity_line_items)""",
    )[0][0]
    if unsold is not None:  # a product nobody bought: no line item compares its price
        return Broken(
            edit(data.tables, "products", unsold, list_price=Decimal("-1.00")), f"products.list_price:{unsold}"
        )
    (key,) = one(data.tables, "SELECT min(customer_id) FROM customers")
    return Broken(
        edit(data.tables, "customers", key, annual_revenue=Decimal("-1.00")),
        f"customers.annual_revenue:{key}",
        frozenset({"consistency.size_band"}),
    )


@pytest.mark.parametrize("mutation_id", sorted(MUTATIONS))
def test_mutation_fails_exactly_its_check(data: Data, mutation_id: str) -> None:
    assert_fails_exactly_its_check(data, MUTATIONS[mutation_id])


def test_a_yen_run_carries_whole_yen_and_passes_every_hard_check() -> None:
    for jpy in clean_data("generated-jpy"):
        assert jpy.baseline == {}
        prices = jpy.tables["products"].column("list_price").to_pylist()
        assert all(p == p.to_integral_value() for p in prices)
        assert min(prices) >= 100  # yen magnitudes: ~157 yen to the dollar, not dollars relabelled
