"""salesgen.checks.integrity: keys, references and required values each catch their own breakage."""

from __future__ import annotations

from typing import Any

import pytest

from salesgen.contract import TABLE_NAMES, TABLES
from tests.checks.datasets import Data
from tests.checks.mutations import (
    MISSING,
    Broken,
    Mutations,
    Mutator,
    append_copy,
    assert_fails_exactly_its_check,
    delete,
    edit,
    one,
    row,
    set_first,
)

MUTATIONS = Mutations("integrity")

# --------------------------------------------------------------------------- primary keys

_DUPLICATE_ROW = {
    "products": "",
    "competitors": "",
    "customers": "",
    "sales_reps": "email",
    "contacts": "email",
    "opportunities": "",
}
_GROUP = {
    "discount_tiers": "product_id",
    "opportunity_line_items": "opportunity_id",
    "opportunity_stage_history": "opportunity_id",
    "interactions": "interaction_id",
}


def _pk_mutation(table: str) -> Mutator:
    pk = TABLES[table].primary_key

    def mutate(data: Data) -> Broken:
        t = data.tables
        if table in _DUPLICATE_ROW:  # an exact copy (emails kept unique): no other rule notices
            (key,) = one(t, f"SELECT min({pk}) FROM {table}")
            values = {}
            if _DUPLICATE_ROW[table]:
                values["email"] = "copy." + row(t, table, key)["email"]
            extra = {"consistency.rep_metrics"} if table == "opportunities" else set()
            return Broken(append_copy(t, table, key, **values), str(key), frozenset(extra))
        group = _GROUP[table]  # give the first row of another group the first row's key
        first, other = one(
            t,
            f"""SELECT a.{pk}, (SELECT min({pk}) FROM {table} WHERE {group} <> a.{group})
                                 FROM {table} AS a ORDER BY a.{pk} LIMIT 1""",
        )
        return Broken(edit(t, table, other, **{pk: first}), str(first))

    return mutate


for _table in TABLE_NAMES:
    MUTATIONS.add(f"integrity.pk.{_table}", _pk_mutation(_table))


# --------------------------------------------------------------------------- foreign keys


def _fk_in_place(table: str, column: str, where: str = "TRUE", extra: frozenset[str] = frozenset()) -> Mutator:
    return set_first(table, {column: MISSING}, where=where, extra=extra)


def _fk_orphan_copy(table: str, column: str, **values: Any) -> Mutator:
    """Append a copy of a row that references nothing (a new key, unique emails)."""
    pk = TABLES[table].primary_key

    def mutate(data: Data) -> Broken:
        (key,) = one(data.tables, f"SELECT min({pk}) FROM {table}")
        new_key = MISSING * 10
        more = dict(values)
        if "email" in TABLES[table].column_names:
            more["email"] = "orphan." + row(data.tables, table, key)["email"]
        return Broken(append_copy(data.tables, table, key, **{pk: new_key, column: MISSING}, **more), str(new_key))

    return mutate


_FK_MUTATIONS: dict[str, Mutator] = {
    "discount_tiers.product_id": _fk_orphan_copy("discount_tiers", "product_id", min_quantity=1, max_quantity=None),
    "sales_reps.manager_id": _fk_in_place("sales_reps", "manager_id"),
    "customers.owner_rep_id": _fk_in_place("customers", "owner_rep_id"),
    "contacts.customer_id": _fk_orphan_copy("contacts", "customer_id"),
    "opportunities.owner_rep_id": _fk_in_place(
        "opportunities", "owner_rep_id", extra=frozenset({"consistency.rep_metrics"})
    ),
    "opportunities.primary_contact_id": _fk_in_place("opportunities", "primary_contact_id"),
    "opportunities.primary_competitor_id": _fk_in_place(
        "opportunities", "primary_competitor_id", "len(competitors) > 0"
    ),
    "opportunity_line_items.opportunity_id": _fk_orphan_copy("opportunity_line_items", "opportunity_id"),
    "opportunity_line_items.product_id": _fk_in_place("opportunity_line_items", "product_id"),
    "opportunity_stage_history.opportunity_id": _fk_orphan_copy("opportunity_stage_history", "opportunity_id"),
    "interactions.opportunity_id": _fk_in_place("interactions", "opportunity_id", "opportunity_id IS NOT NULL"),
    "interactions.customer_id": _fk_in_place(
        "interactions", "customer_id", extra=frozenset({"people.interaction_same_customer"})
    ),
    "interactions.contact_id": _fk_in_place("interactions", "contact_id"),
    "interactions.rep_id": _fk_in_place("interactions", "rep_id"),
}

for _name, _mutator in _FK_MUTATIONS.items():
    MUTATIONS.add(f"integrity.fk.{_name}", _mutator)


@MUTATIONS("integrity.fk.opportunities.customer_id")
def _opportunity_customer(data: Data) -> Broken:
    # A deal at no customer also has a contact and interactions of another customer: a not-won
    # new-business deal keeps customer status and expansion rules out of it.
    key, touches = one(
        data.tables,
        """SELECT o.opportunity_id, count(i.interaction_id)
        FROM opportunities AS o LEFT JOIN interactions AS i USING (opportunity_id)
        WHERE o.stage <> 'won' AND o.type = 'new business' GROUP BY ALL ORDER BY 1 LIMIT 1""",
    )
    extra = {"people.opportunity_contact_same_customer"} | ({"people.interaction_same_customer"} if touches else set())
    return Broken(edit(data.tables, "opportunities", key, customer_id=MISSING), str(key), frozenset(extra))


# --------------------------------------------------------------------------- required values

_NOT_NULL_COLUMN = {
    "products": "description",
    "discount_tiers": "discount_pct",
    "competitors": "price_position",
    "sales_reps": "team",
    "customers": "industry",
    "contacts": "title",
    "opportunities": "name",
    "opportunity_line_items": "customizations",
    "opportunity_stage_history": "stage",
    "interactions": "notes",
}

for _table, _column in _NOT_NULL_COLUMN.items():
    _extra = {"time.stage_history_contiguous"} if _table == "opportunity_stage_history" else set()
    MUTATIONS.add(
        f"integrity.not_null.{_table}", set_first(_table, {_column: None}, label=f"{_column}:{{key}}", extra=_extra)
    )


@MUTATIONS("integrity.opportunity_has_line_items")
def _no_line_items(data: Data) -> Broken:
    (key,) = one(data.tables, "SELECT min(opportunity_id) FROM opportunities")
    return Broken(delete(data.tables, "opportunity_line_items", "opportunity_id", key), str(key))


@pytest.mark.parametrize("mutation_id", sorted(MUTATIONS))
def test_mutation_fails_exactly_its_check(data: Data, mutation_id: str) -> None:
    assert_fails_exactly_its_check(data, MUTATIONS[mutation_id])
