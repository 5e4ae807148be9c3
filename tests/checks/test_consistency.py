"""salesgen.checks.consistency: values that must agree with each other each catch their own breakage."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.checks.datasets import Data
from tests.checks.mutations import (
    Broken,
    Mutations,
    assert_fails_exactly_its_check,
    cents,
    edit,
    one,
    plus,
    row,
    set_first,
)

MUTATIONS = Mutations("consistency")

MUTATIONS.add("consistency.rep_metrics", set_first("sales_reps", {"deals_won": plus(1)}))


@MUTATIONS("consistency.probability_follows_stage")
def _probability(data: Data) -> Broken:
    # expected_revenue is recomputed from the new probability: only the stage rule breaks
    (key,) = one(data.tables, "SELECT min(opportunity_id) FROM opportunities WHERE stage NOT IN ('won', 'lost')")
    deal = row(data.tables, "opportunities", key)
    probability = deal["probability"] + 1
    revenue = Decimal((cents(deal["amount"]) * probability * 2 + 100) // 200) / 100
    return Broken(edit(data.tables, "opportunities", key, probability=probability, expected_revenue=revenue), str(key))


MUTATIONS.add("consistency.closed_flags", set_first("opportunities", {"is_won": True}, where="stage = 'lost'"))
MUTATIONS.add("consistency.loss_reason", set_first("opportunities", {"loss_reason": "Price"}, where="stage = 'won'"))
MUTATIONS.add("consistency.forecast_category", set_first("opportunities", {"forecast_category": "upside"}))
MUTATIONS.add("consistency.size_band", set_first("customers", {"employees": 500}, where="size = 'small'"))


@MUTATIONS("consistency.customer_status")
def _status(data: Data) -> Broken:
    key, status = one(
        data.tables,
        """SELECT customer_id, status FROM customers
        ORDER BY status <> 'prospect', customer_id LIMIT 1""",
    )
    new = "active" if status == "prospect" else "prospect"
    return Broken(edit(data.tables, "customers", key, status=new), str(key))


MUTATIONS.add(
    "consistency.competitors",
    set_first("opportunities", {"competitors": plus(["Nobody & Sons"])}, where="len(competitors) > 0"),
)
MUTATIONS.add(
    "consistency.customizations_from_product",
    set_first("opportunity_line_items", {"customizations": plus(["Gold plating"])}),
)


@MUTATIONS("consistency.expansion_follows_win")
def _early_upsell(data: Data) -> Broken:
    # a customer's first deal cannot follow a win of the same customer
    (key,) = one(
        data.tables,
        """SELECT opportunity_id FROM opportunities
        QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY created_at, opportunity_id) = 1
        ORDER BY opportunity_id LIMIT 1""",
    )
    return Broken(edit(data.tables, "opportunities", key, type="upsell"), str(key))


@pytest.mark.parametrize("mutation_id", sorted(MUTATIONS))
def test_mutation_fails_exactly_its_check(data: Data, mutation_id: str) -> None:
    assert_fails_exactly_its_check(data, MUTATIONS[mutation_id])
