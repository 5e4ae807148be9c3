"""salesgen.checks.timeline (the ``time.*`` checks): dates and their order each catch their own breakage."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.checks.datasets import UTC, Data
from tests.checks.mutations import Broken, Mutations, assert_fails_exactly_its_check, edit, one, set_first

MUTATIONS = Mutations("time")

MUTATIONS.add("time.closed_deal_dates", set_first("opportunities", {"closed_at": None}, where="stage = 'lost'"))


def _as_of(data: Data) -> dt.datetime:
    return dt.datetime.combine(data.config.as_of, dt.time(), UTC)


@MUTATIONS("time.nothing_after_as_of", "launch_date")
def _launch_after_as_of(data: Data) -> Broken:
    (key,) = one(data.tables, "SELECT min(product_id) FROM products")
    return Broken(
        edit(data.tables, "products", key, launch_date=data.config.as_of + dt.timedelta(days=1)),
        f"products.launch_date:{key}",
    )


@MUTATIONS("time.nothing_after_as_of", "occurred_at")
def _touch_after_as_of(data: Data) -> Broken:
    key, deal = one(
        data.tables,
        """SELECT interaction_id, opportunity_id FROM interactions
        ORDER BY opportunity_id IS NOT NULL, interaction_id LIMIT 1""",
    )
    extra = frozenset({"time.interactions_within_deal_life"}) if deal is not None else frozenset()
    return Broken(
        edit(data.tables, "interactions", key, occurred_at=_as_of(data) + dt.timedelta(hours=1)),
        f"interactions.occurred_at:{key}",
        extra,
    )


@MUTATIONS("time.stage_history_contiguous")
def _shift_stage(data: Data) -> Broken:
    key, deal, entered = one(
        data.tables,
        """SELECT stage_history_id, opportunity_id, entered_at FROM (
            SELECT *, row_number() OVER w AS pos, count(*) OVER (PARTITION BY opportunity_id) AS n
            FROM opportunity_stage_history
            WINDOW w AS (PARTITION BY opportunity_id ORDER BY entered_at, stage_history_id))
        WHERE pos > 1 AND pos < n ORDER BY stage_history_id LIMIT 1""",
    )
    return Broken(
        edit(data.tables, "opportunity_stage_history", key, entered_at=entered + dt.timedelta(seconds=1)), str(deal)
    )


@MUTATIONS("time.interactions_within_deal_life")
def _touch_after_close(data: Data) -> Broken:
    key, closed = one(
        data.tables,
        f"""SELECT i.interaction_id, o.closed_at
        FROM interactions AS i JOIN opportunities AS o USING (opportunity_id)
        WHERE o.closed_at + INTERVAL 1 HOUR <= TIMESTAMPTZ '{data.config.as_of} 00:00:00+00'
        ORDER BY 1 LIMIT 1""",
    )
    return Broken(edit(data.tables, "interactions", key, occurred_at=closed + dt.timedelta(hours=1)), str(key))


@MUTATIONS("time.after_customer_created")
def _contact_before_customer(data: Data) -> Broken:
    key, created = one(
        data.tables,
        """SELECT x.contact_id, c.created_at
        FROM contacts AS x JOIN customers AS c USING (customer_id) ORDER BY 1 LIMIT 1""",
    )
    return Broken(edit(data.tables, "contacts", key, created_at=created - dt.timedelta(days=1)), f"contacts:{key}")


@pytest.mark.parametrize("mutation_id", sorted(MUTATIONS))
def test_mutation_fails_exactly_its_check(data: Data, mutation_id: str) -> None:
    assert_fails_exactly_its_check(data, MUTATIONS[mutation_id])
