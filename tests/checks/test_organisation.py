"""salesgen.checks.organisation: each rule of a working sales team catches its own breakage."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.checks.datasets import Data
from tests.checks.mutations import MISSING, Broken, Mutations, append_copy, assert_fails_exactly_its_check, edit, one

MUTATIONS = Mutations("organisation")

_REP_DAYS = """
    WITH m AS (SELECT i.*, timezone(r.timezone, i.occurred_at)::DATE AS rep_day
               FROM interactions AS i JOIN sales_reps AS r USING (rep_id) WHERE i.type IN ('meeting', 'demo'))
    SELECT m.interaction_id, m.rep_id, m.rep_day, m.occurred_at FROM m
    JOIN (SELECT rep_id, rep_day, count(*) AS n FROM m GROUP BY 1, 2) USING (rep_id, rep_day)
    WHERE n < {cap} AND m.duration_minutes > 1 ORDER BY m.interaction_id LIMIT 1"""


@MUTATIONS("organisation.no_double_booked_rep")
def _second_meeting_at_the_same_time(data: Data) -> Broken:
    cap = data.config.realism.team.max_meetings_per_day
    key, _rep, _day, start = one(data.tables, _REP_DAYS.format(cap=cap))
    copy = append_copy(
        data.tables, "interactions", key, interaction_id=MISSING, occurred_at=start + dt.timedelta(minutes=1)
    )
    return Broken(copy, str(MISSING))


@MUTATIONS("organisation.meetings_per_rep_day")
def _one_meeting_too_many(data: Data) -> Broken:
    cap = data.config.realism.team.max_meetings_per_day
    key, rep, day, _start = one(data.tables, _REP_DAYS.format(cap=cap + 1))
    tables = data.tables
    for copy in range(cap):  # the copies also overlap the original: double booking is allowed to fail too
        tables = append_copy(tables, "interactions", key, interaction_id=MISSING + copy)
    return Broken(tables, f"{rep}:{day}", frozenset({"organisation.no_double_booked_rep"}))


@MUTATIONS("organisation.deal_owners_are_aes")
def _owner_is_an_sdr(data: Data) -> Broken:
    key, rep = one(data.tables, "SELECT opportunity_id, owner_rep_id FROM opportunities ORDER BY 1 LIMIT 1")
    return Broken(edit(data.tables, "sales_reps", rep, title="SDR"), str(key))


@MUTATIONS("organisation.renewals_only_for_subscriptions")
def _renewed_product_sold_once(data: Data) -> Broken:
    # A renewal, else an upsell (it follows a win, as a renewal must), becomes one of a one-time product:
    # this works on any catalog, also one with no one-time product at all.
    key, product = one(
        data.tables,
        """SELECT o.opportunity_id, min(l.product_id) FROM opportunities AS o
        JOIN opportunity_line_items AS l USING (opportunity_id)
        GROUP BY 1, o.type ORDER BY o.type = 'renewal' DESC, o.type = 'upsell' DESC, 1 LIMIT 1""",
    )
    tables = edit(data.tables, "opportunities", key, type="renewal")
    return Broken(edit(tables, "products", product, pricing_model="one-time"), str(key))


@MUTATIONS("organisation.status_agrees_with_history")
def _active_customer_called_churned(data: Data) -> Broken:
    (key,) = one(data.tables, "SELECT min(customer_id) FROM customers WHERE status = 'active'")
    return Broken(edit(data.tables, "customers", key, status="churned"), str(key))


@MUTATIONS("organisation.seats_within_headcount")
def _fewer_people_than_seats(data: Data) -> Broken:
    customer, seats = one(
        data.tables,
        """SELECT c.customer_id, max(l.quantity) FROM opportunity_line_items AS l JOIN products AS p USING (product_id)
        JOIN opportunities AS o USING (opportunity_id) JOIN customers AS c ON c.customer_id = o.customer_id
        WHERE p.unit LIKE 'seat%' AND c.size = 'small' GROUP BY 1, c.annual_revenue
        HAVING max(l.quantity) >= 3 AND c.annual_revenue / (max(l.quantity) - 1) <= 2000000 ORDER BY 1 LIMIT 1""",
    )
    (key,) = one(
        data.tables,
        f"""SELECT min(l.line_item_id) FROM opportunity_line_items AS l JOIN products AS p USING (product_id)
        JOIN opportunities AS o USING (opportunity_id)
        WHERE o.customer_id = {customer} AND p.unit LIKE 'seat%' AND l.quantity = {seats}""",
    )
    return Broken(edit(data.tables, "customers", customer, employees=seats - 1), str(key))


@pytest.mark.parametrize("mutation_id", sorted(MUTATIONS))
def test_mutation_fails_exactly_its_check(data: Data, mutation_id: str) -> None:
    assert_fails_exactly_its_check(data, MUTATIONS[mutation_id])
