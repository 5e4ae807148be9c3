"""Tests of salesgen.checks: every hard check catches its own broken rule, and only that.

Each mutation takes a clean dataset, breaks exactly one rule in a copy of the
Arrow tables and asserts that the rule's check fails with the broken key among
its examples, and that the set of newly failing hard checks is exactly the
expected one. The mutations run on two clean datasets: ``tiny`` (hand-made,
three deals, every rule satisfied by construction, US-only country facts) and
``generated`` (``SalesDataGenerator``, real vocabulary).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

import duckdb
import pyarrow as pa
import pytest

from salesgen import SalesDataGenerator
from salesgen.checks import CHECKS, UnknownCheckError, _context, run_checks, select_checks
from salesgen.checks._context import CountryFacts
from salesgen.config import Config
from salesgen.schema import TABLE_NAMES, TABLES

Tables = dict[str, pa.Table]
UTC = dt.UTC
MISSING = 987_654_321  # an id no table uses
HARD = [name for name, check in CHECKS.items() if check.kind == "hard"]


# --------------------------------------------------------------------------- datasets

def _ts(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _money(text: str) -> Decimal:
    return Decimal(text)


def _rows(name: str, keys: str, *values: tuple[Any, ...]) -> pa.Table:
    from salesgen.schema import arrow_schema

    columns = keys.split()
    assert columns == TABLES[name].column_names, f"{name}: {columns}"
    return pa.Table.from_pylist([dict(zip(columns, row, strict=True)) for row in values],
                                schema=arrow_schema(name))


def tiny_dataset() -> Tables:
    """Three customers' worth of hand-made, valid data (US only, default config)."""
    m, ts, d = _money, _ts, _d
    return {
        "products": _rows(
            "products", "product_id sku name category subcategory description list_price currency "
            "pricing_model unit features customization_options launch_date is_active",
            (1, "SW-ANL-0001", "Analytics Suite", "Software", "Analytics", "Dashboards.", m("1000.00"), "USD",
             "subscription", "seat/year", ["Dashboards"], ["SSO", "Premium support"], d("2020-01-15"), True),
            (2, "HW-EDG-0002", "Edge Device", "Hardware", "Devices", "A device.", m("250.00"), "USD",
             "one-time", "device", ["Rugged"], [], d("2021-05-01"), True),
            (3, "SV-CON-0003", "Legacy Connector", "Services", "Integration", "A connector.", m("80.00"),
             "USD", "per-unit", "connector", ["Mapping"], ["Custom mapping"], d("2019-03-01"), False),
        ),
        "discount_tiers": _rows(
            "discount_tiers", "discount_tier_id product_id min_quantity max_quantity discount_pct",
            (11, 1, 1, 9, Decimal("0")), (12, 1, 10, 49, Decimal("0.05")), (13, 1, 50, None, Decimal("0.1")),
            (21, 2, 1, None, Decimal("0")), (31, 3, 1, None, Decimal("0")),
        ),
        "competitors": _rows(
            "competitors", "competitor_id name domain price_position strengths headquarters_country",
            (1, "Acme Analytics", "acme-analytics.com", "premium", ["Brand"], "US"),
            (2, "Globex", "globex.com", "discount", ["Price"], "DE"),
        ),
        "sales_reps": _rows(
            "sales_reps", "rep_id first_name last_name email phone title manager_id team segment territories "
            "expertise hire_date annual_quota country nationality languages timezone quota_attainment "
            "avg_deal_size win_rate avg_sales_cycle_days deals_won deals_lost open_pipeline",
            (1, "Maya", "Chen", "maya.chen@northbeam-software.com", "+1 (415) 555-0101", "Sales Manager", None,
             "North America SMB", "small", ["North America"], ["Logistics"], d("2019-06-01"), m("0.00"), "US",
             "US", ["en"], "America/Los_Angeles", None, None, None, None, 0, 0, m("0.00")),
            (2, "Liam", "Ortiz", "liam.ortiz@northbeam-software.com", "+1 (212) 555-0102", "Account Executive",
             1, "North America SMB", "small", ["North America"], ["Logistics"], d("2022-02-01"),
             m("100000.00"), "US", "US", ["en", "es"], "America/New_York", 0.0, m("9950.00"), 0.5, 43.5, 1, 1,
             m("1000.00")),
        ),
        "customers": _rows(
            "customers", "customer_id name domain industry sub_industry size employees annual_revenue country "
            "region city address postal_code phone timezone founded_year owner_rep_id status created_at",
            (1, "Blue Cargo", "bluecargo.com", "Logistics", "Freight", "small", 50, m("5000000.00"), "US", "NY",
             "New York", "1 Main St", "10001", "+1 (212) 555-0199", "America/New_York", 2008, 2, "active",
             ts("2024-01-10T09:00")),
            (2, "Red Mill", "redmill.io", "Manufacturing", "Food", "medium", 300, m("60000000.00"), "US", "CA",
             "San Francisco", "2 Market St", "94105", "+1 (415) 555-0188", "America/Los_Angeles", 1995, 2,
             "prospect", ts("2025-03-01T08:00")),
        ),
        "contacts": _rows(
            "contacts", "contact_id customer_id first_name last_name email phone title seniority department "
            "buying_role nationality languages timezone created_at",
            (101, 1, "Ana", "Silva", "ana.silva@bluecargo.com", "+1 (212) 555-0111", "CFO", "C-level", "Finance",
             "decision maker", "US", ["en"], "America/New_York", ts("2024-01-12T10:00")),
            (102, 1, "Bo", "Park", "bo.park@bluecargo.com", "+1 (212) 555-0112", "Operations Manager", "Manager",
             "Operations", "champion", "US", ["en"], "America/New_York", ts("2024-01-12T10:00")),
            (201, 2, "Cy", "Reed", "cy.reed@redmill.io", "+1 (415) 555-0113", "VP Operations", "VP",
             "Operations", "decision maker", "US", ["en"], "America/Los_Angeles", ts("2025-03-02T08:00")),
        ),
        "opportunities": _rows(
            "opportunities", "opportunity_id customer_id owner_rep_id primary_contact_id name type lead_source "
            "stage is_closed is_won amount currency probability expected_revenue created_at expected_close_date "
            "closed_at competitors primary_competitor_id loss_reason next_step forecast_category",
            (1001, 1, 2, 101, "Blue Cargo - Analytics", "new business", "inbound", "won", True, True,
             m("9950.00"), "USD", 100, m("9950.00"), ts("2024-02-01T00:00"), d("2024-03-31"),
             ts("2024-03-15T12:00"), ["Acme Analytics"], 1, None, "", "closed"),
            (1002, 1, 2, 102, "Blue Cargo - Upsell", "upsell", "existing customer", "proposal", False, False,
             m("1000.00"), "USD", 50, m("500.00"), ts("2025-10-01T00:00"), d("2026-02-15"), None, [], None,
             None, "Send proposal", "best case"),
            (2001, 2, 2, 201, "Red Mill - Analytics", "new business", "outbound", "lost", True, False,
             m("45000.00"), "USD", 0, m("0.00"), ts("2025-04-01T00:00"), d("2025-06-30"),
             ts("2025-05-20T16:00"), ["Globex", "Acme Analytics"], 2, "No decision", "", "omitted"),
        ),
        "opportunity_line_items": _rows(
            "opportunity_line_items", "line_item_id opportunity_id product_id quantity list_price discount_pct "
            "unit_price total_price customizations",
            (100101, 1001, 1, 10, m("1000.00"), Decimal("0.05"), m("950.00"), m("9500.00"), ["SSO"]),
            (100102, 1001, 2, 2, m("250.00"), Decimal("0.1"), m("225.00"), m("450.00"), []),
            (100201, 1002, 1, 1, m("1000.00"), Decimal("0"), m("1000.00"), m("1000.00"), []),
            (200101, 2001, 1, 50, m("1000.00"), Decimal("0.1"), m("900.00"), m("45000.00"), ["Premium support"]),
        ),
        "opportunity_stage_history": _rows(
            "opportunity_stage_history", "stage_history_id opportunity_id stage entered_at exited_at",
            (10011, 1001, "identified", ts("2024-02-01T00:00"), ts("2024-02-05T10:00")),
            (10012, 1001, "qualified", ts("2024-02-05T10:00"), ts("2024-02-20T10:00")),
            (10013, 1001, "proposal", ts("2024-02-20T10:00"), ts("2024-03-01T10:00")),
            (10014, 1001, "negotiation", ts("2024-03-01T10:00"), ts("2024-03-15T12:00")),
            (10015, 1001, "won", ts("2024-03-15T12:00"), None),
            (10021, 1002, "identified", ts("2025-10-01T00:00"), ts("2025-10-10T09:00")),
            (10022, 1002, "qualified", ts("2025-10-10T09:00"), ts("2025-11-01T09:00")),
            (10023, 1002, "proposal", ts("2025-11-01T09:00"), None),
            (20011, 2001, "identified", ts("2025-04-01T00:00"), ts("2025-04-15T09:00")),
            (20012, 2001, "qualified", ts("2025-04-15T09:00"), ts("2025-05-20T16:00")),
            (20013, 2001, "lost", ts("2025-05-20T16:00"), None),
        ),
        "interactions": _rows(
            "interactions", "interaction_id opportunity_id customer_id contact_id rep_id type direction "
            "occurred_at duration_minutes outcome sentiment_score sentiment topics notes next_steps",
            (100001, 1001, 1, 101, 2, "call", "outbound", ts("2024-02-02T15:00"), 30, "connected", 0.5,
             "positive", ["pricing"], "Discussed pricing.", "Send proposal"),
            (100002, None, 1, 102, 2, "email", "outbound", ts("2025-06-03T14:00"), None, "replied", 0.1,
             "neutral", ["check-in"], "Quarterly check-in.", ""),
            (100003, 1002, 1, 102, 2, "demo", "outbound", ts("2025-10-20T14:00"), 60, "held", 0.4, "positive",
             ["features"], "Demo of the upsell.", ""),
            (200001, 2001, 2, 201, 2, "meeting", "inbound", ts("2025-04-10T17:00"), 45, "held", -0.3,
             "negative", ["budget"], "Budget concerns.", ""),
        ),
    }


US_FACTS = (CountryFacts.from_patterns("US", "+1 (###) ###-####", "#####",
                                       ["America/New_York", "America/Chicago", "America/Los_Angeles"]),)


@dataclass(frozen=True)
class Data:
    """A clean dataset, its config, and the hard checks that already fail on it (should be none)."""

    tables: Tables
    config: Config
    baseline: dict[str, str]


def hard_failures(tables: Tables, config: Config) -> dict[str, Any]:
    return {r.name: r for r in run_checks(tables, config, kinds=("hard",)) if r.status == "fail"}


def generated_dataset() -> tuple[Tables, Config]:
    config = Config(num_customers=150, num_sales_reps=8, num_products=25, block_size=40)
    dataset = SalesDataGenerator(seed=11, config=config).generate_dataset()
    return {name: dataset[name] for name in TABLE_NAMES}, dataset.config


@pytest.fixture(scope="module", params=["tiny", "generated"])
def data(request: pytest.FixtureRequest) -> Iterator[Data]:
    with pytest.MonkeyPatch.context() as patch:
        if request.param == "tiny":
            tables, config = tiny_dataset(), Config()
            patch.setattr(_context, "_load_country_facts", lambda: US_FACTS)
        else:
            tables, config = generated_dataset()
        _context._country_snippets.cache_clear()
        baseline = {name: r.detail for name, r in hard_failures(tables, config).items()}
        yield Data(tables, config, baseline)
    _context._country_snippets.cache_clear()


# --------------------------------------------------------------------------- editing helpers

def query(tables: Tables, sql: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    for name, table in tables.items():
        con.register(name, table)
    return con.execute(sql).fetchall()


def one(tables: Tables, sql: str) -> tuple[Any, ...]:
    rows = query(tables, sql)
    if not rows or rows[0][0] is None:
        pytest.skip(f"the dataset has no row for this mutation: {sql.strip()}")
    return rows[0]


def _replace(tables: Tables, name: str, rows: list[dict[str, Any]]) -> Tables:
    return {**tables, name: pa.Table.from_pylist(rows, schema=tables[name].schema)}


def edit(tables: Tables, name: str, key: Any, /, **values: Any) -> Tables:
    """Set columns of the row whose primary key is ``key``."""
    pk = TABLES[name].primary_key
    rows = tables[name].to_pylist()
    hits = [row for row in rows if row[pk] == key]
    assert len(hits) == 1, (name, key)
    hits[0].update(values)
    return _replace(tables, name, rows)


def append_copy(tables: Tables, name: str, key: Any, /, **values: Any) -> Tables:
    """Append a copy of the row whose primary key is ``key``, with some columns changed."""
    pk = TABLES[name].primary_key
    rows = tables[name].to_pylist()
    copy = dict(next(row for row in rows if row[pk] == key), **values)
    return _replace(tables, name, [*rows, copy])


def delete(tables: Tables, name: str, column: str, value: Any) -> Tables:
    return _replace(tables, name, [row for row in tables[name].to_pylist() if row[column] != value])


def row(tables: Tables, name: str, key: Any) -> dict[str, Any]:
    pk = TABLES[name].primary_key
    return next(r for r in tables[name].to_pylist() if r[pk] == key)


class Broken(NamedTuple):
    tables: Tables
    key: str
    extra: frozenset[str] = frozenset()


Mutator = Callable[[Data], Broken]
MUTATIONS: dict[str, tuple[str, Mutator]] = {}


def mutation(check: str, variant: str = "") -> Callable[[Mutator], Mutator]:
    def register(fn: Mutator) -> Mutator:
        MUTATIONS[f"{check}[{variant}]" if variant else check] = (check, fn)
        return fn
    return register


# --------------------------------------------------------------------------- integrity mutations

_DUPLICATE_ROW = {"products": "", "competitors": "", "customers": "", "sales_reps": "email",
                  "contacts": "email", "opportunities": ""}
_GROUP = {"discount_tiers": "product_id", "opportunity_line_items": "opportunity_id",
          "opportunity_stage_history": "opportunity_id", "interactions": "interaction_id"}


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
        first, other = one(t, f"""SELECT a.{pk}, (SELECT min({pk}) FROM {table} WHERE {group} <> a.{group})
                                 FROM {table} AS a ORDER BY a.{pk} LIMIT 1""")
        return Broken(edit(t, table, other, **{pk: first}), str(first))
    return mutate


for _table in TABLE_NAMES:
    mutation(f"integrity.pk.{_table}")(_pk_mutation(_table))


def _fk_in_place(table: str, column: str, where: str = "TRUE", extra: frozenset[str] = frozenset()) -> Mutator:
    pk = TABLES[table].primary_key

    def mutate(data: Data) -> Broken:
        (key,) = one(data.tables, f"SELECT min({pk}) FROM {table} WHERE {where}")
        return Broken(edit(data.tables, table, key, **{column: MISSING}), str(key), extra)
    return mutate


def _fk_orphan_copy(table: str, column: str, **values: Any) -> Mutator:
    """Append a copy of a row that references nothing (a new key, unique emails)."""
    pk = TABLES[table].primary_key

    def mutate(data: Data) -> Broken:
        (key,) = one(data.tables, f"SELECT min({pk}) FROM {table}")
        new_key = MISSING * 10
        more = dict(values)
        if "email" in TABLES[table].column_names:
            more["email"] = "orphan." + row(data.tables, table, key)["email"]
        return Broken(append_copy(data.tables, table, key, **{pk: new_key, column: MISSING}, **more),
                      str(new_key))
    return mutate


_FK_MUTATIONS: dict[str, Mutator] = {
    "discount_tiers.product_id": _fk_orphan_copy("discount_tiers", "product_id", min_quantity=1,
                                                 max_quantity=None),
    "sales_reps.manager_id": _fk_in_place("sales_reps", "manager_id"),
    "customers.owner_rep_id": _fk_in_place("customers", "owner_rep_id"),
    "contacts.customer_id": _fk_orphan_copy("contacts", "customer_id"),
    "opportunities.owner_rep_id": _fk_in_place("opportunities", "owner_rep_id",
                                               extra=frozenset({"consistency.rep_metrics"})),
    "opportunities.primary_contact_id": _fk_in_place("opportunities", "primary_contact_id"),
    "opportunities.primary_competitor_id": _fk_in_place("opportunities", "primary_competitor_id",
                                                        "len(competitors) > 0"),
    "opportunity_line_items.opportunity_id": _fk_orphan_copy("opportunity_line_items", "opportunity_id"),
    "opportunity_line_items.product_id": _fk_in_place("opportunity_line_items", "product_id"),
    "opportunity_stage_history.opportunity_id": _fk_orphan_copy("opportunity_stage_history", "opportunity_id"),
    "interactions.opportunity_id": _fk_in_place("interactions", "opportunity_id", "opportunity_id IS NOT NULL"),
    "interactions.customer_id": _fk_in_place("interactions", "customer_id",
                                             extra=frozenset({"people.interaction_same_customer"})),
    "interactions.contact_id": _fk_in_place("interactions", "contact_id"),
    "interactions.rep_id": _fk_in_place("interactions", "rep_id"),
}


@mutation("integrity.fk.opportunities.customer_id")
def _opportunity_customer(data: Data) -> Broken:
    # A deal at no customer also has a contact and interactions of another customer: a not-won
    # new-business deal keeps customer status and expansion rules out of it.
    key, touches = one(data.tables, """SELECT o.opportunity_id, count(i.interaction_id)
        FROM opportunities AS o LEFT JOIN interactions AS i USING (opportunity_id)
        WHERE o.stage <> 'won' AND o.type = 'new business' GROUP BY ALL ORDER BY 1 LIMIT 1""")
    extra = {"people.opportunity_contact_same_customer"} | ({"people.interaction_same_customer"} if touches else set())
    return Broken(edit(data.tables, "opportunities", key, customer_id=MISSING), str(key), frozenset(extra))


for _name, _mutator in _FK_MUTATIONS.items():
    mutation(f"integrity.fk.{_name}")(_mutator)

_NOT_NULL_COLUMN = {
    "products": "description", "discount_tiers": "discount_pct", "competitors": "price_position",
    "sales_reps": "team", "customers": "industry", "contacts": "title", "opportunities": "name",
    "opportunity_line_items": "customizations", "opportunity_stage_history": "stage", "interactions": "notes",
}


def _not_null_mutation(table: str, column: str) -> Mutator:
    pk = TABLES[table].primary_key
    extra = frozenset({"time.stage_history_contiguous"}) if table == "opportunity_stage_history" else frozenset()

    def mutate(data: Data) -> Broken:
        (key,) = one(data.tables, f"SELECT min({pk}) FROM {table}")
        return Broken(edit(data.tables, table, key, **{column: None}), f"{column}:{key}", extra)
    return mutate


for _table, _column in _NOT_NULL_COLUMN.items():
    mutation(f"integrity.not_null.{_table}")(_not_null_mutation(_table, _column))


@mutation("integrity.opportunity_has_line_items")
def _no_line_items(data: Data) -> Broken:
    (key,) = one(data.tables, "SELECT min(opportunity_id) FROM opportunities")
    return Broken(delete(data.tables, "opportunity_line_items", "opportunity_id", key), str(key))


# --------------------------------------------------------------------------- money mutations

def _cents(value: Decimal) -> int:
    return int(value * 100)


@mutation("money.line_total")
def _line_total(data: Data) -> Broken:
    # one more unit at the same unit price, where the discount still meets the tier of quantity + 1
    (key,) = one(data.tables, """SELECT min(l.line_item_id) FROM opportunity_line_items AS l
        LEFT JOIN discount_tiers AS t ON t.product_id = l.product_id AND l.quantity + 1 >= t.min_quantity
             AND (t.max_quantity IS NULL OR l.quantity + 1 <= t.max_quantity)
        WHERE l.unit_price > 0 AND l.discount_pct >= coalesce(t.discount_pct, 0)""")
    quantity = row(data.tables, "opportunity_line_items", key)["quantity"]
    return Broken(edit(data.tables, "opportunity_line_items", key, quantity=quantity + 1), str(key))


@mutation("money.unit_price")
def _unit_price(data: Data) -> Broken:
    (key,) = one(data.tables, """SELECT min(line_item_id) FROM opportunity_line_items
        WHERE discount_pct < 0.85 AND list_price >= 1""")
    discount = row(data.tables, "opportunity_line_items", key)["discount_pct"]
    return Broken(edit(data.tables, "opportunity_line_items", key, discount_pct=discount + Decimal("0.1")),
                  str(key))


@mutation("money.line_list_price_matches_product")
def _product_price(data: Data) -> Broken:
    product, key = one(data.tables, """SELECT product_id, min(line_item_id) FROM opportunity_line_items
        GROUP BY product_id ORDER BY 2 LIMIT 1""")
    price = row(data.tables, "products", product)["list_price"]
    return Broken(edit(data.tables, "products", product, list_price=price + Decimal("0.01")), str(key))


@mutation("money.discount_at_least_tier")
def _tier_floor(data: Data) -> Broken:
    # raise the floor of the line's tier (and later tiers, to stay non-decreasing) above its discount
    key, product, low, discount = one(data.tables, """
        SELECT l.line_item_id, l.product_id, t.min_quantity, l.discount_pct
        FROM opportunity_line_items AS l JOIN discount_tiers AS t ON t.product_id = l.product_id
         AND l.quantity >= t.min_quantity AND (t.max_quantity IS NULL OR l.quantity <= t.max_quantity)
        WHERE l.discount_pct < 0.99 ORDER BY 1 LIMIT 1""")
    floor = discount + Decimal("0.0001")
    rows = data.tables["discount_tiers"].to_pylist()
    for tier in rows:
        if tier["product_id"] == product and tier["min_quantity"] >= low:
            tier["discount_pct"] = max(tier["discount_pct"], floor)
    return Broken(_replace(data.tables, "discount_tiers", rows), str(key))


@mutation("money.discount_tiers_well_formed")
def _tier_gap(data: Data) -> Broken:
    (key,) = one(data.tables, "SELECT min(discount_tier_id) FROM discount_tiers WHERE min_quantity = 1")
    return Broken(edit(data.tables, "discount_tiers", key, min_quantity=2), str(key))


@mutation("money.amount_equals_line_total")
def _amount(data: Data) -> Broken:
    # a lost deal: its expected revenue stays 0 and rep metrics ignore its amount
    (key,) = one(data.tables, "SELECT min(opportunity_id) FROM opportunities WHERE stage = 'lost'")
    amount = row(data.tables, "opportunities", key)["amount"]
    return Broken(edit(data.tables, "opportunities", key, amount=amount + Decimal("0.01")), str(key))


@mutation("money.expected_revenue")
def _expected_revenue(data: Data) -> Broken:
    (key,) = one(data.tables, "SELECT min(opportunity_id) FROM opportunities")
    value = row(data.tables, "opportunities", key)["expected_revenue"]
    return Broken(edit(data.tables, "opportunities", key, expected_revenue=value + Decimal("0.01")), str(key))


@mutation("money.non_negative")
def _negative(data: Data) -> Broken:
    unsold = query(data.tables, """SELECT min(product_id) FROM products
        WHERE product_id NOT IN (SELECT product_id FROM opportunity_line_items)""")[0][0]
    if unsold is not None:  # a product nobody bought: no line item compares its price
        return Broken(edit(data.tables, "products", unsold, list_price=Decimal("-1.00")),
                      f"products.list_price:{unsold}")
    (key,) = one(data.tables, "SELECT min(customer_id) FROM customers")
    return Broken(edit(data.tables, "customers", key, annual_revenue=Decimal("-1.00")),
                  f"customers.annual_revenue:{key}", frozenset({"consistency.size_band"}))


# --------------------------------------------------------------------------- time mutations

@mutation("time.closed_deal_dates")
def _closed_without_date(data: Data) -> Broken:
    (key,) = one(data.tables, "SELECT min(opportunity_id) FROM opportunities WHERE stage = 'lost'")
    return Broken(edit(data.tables, "opportunities", key, closed_at=None), str(key))


def _as_of(data: Data) -> dt.datetime:
    return dt.datetime.combine(data.config.as_of, dt.time(), UTC)


@mutation("time.nothing_after_as_of", "launch_date")
def _launch_after_as_of(data: Data) -> Broken:
    (key,) = one(data.tables, "SELECT min(product_id) FROM products")
    return Broken(edit(data.tables, "products", key, launch_date=data.config.as_of + dt.timedelta(days=1)),
                  f"products.launch_date:{key}")


@mutation("time.nothing_after_as_of", "occurred_at")
def _touch_after_as_of(data: Data) -> Broken:
    key, deal = one(data.tables, """SELECT interaction_id, opportunity_id FROM interactions
        ORDER BY opportunity_id IS NOT NULL, interaction_id LIMIT 1""")
    extra = frozenset({"time.interactions_within_deal_life"}) if deal is not None else frozenset()
    return Broken(edit(data.tables, "interactions", key, occurred_at=_as_of(data) + dt.timedelta(hours=1)),
                  f"interactions.occurred_at:{key}", extra)


@mutation("time.stage_history_contiguous")
def _shift_stage(data: Data) -> Broken:
    key, deal, entered = one(data.tables, """SELECT stage_history_id, opportunity_id, entered_at FROM (
            SELECT *, row_number() OVER w AS pos, count(*) OVER (PARTITION BY opportunity_id) AS n
            FROM opportunity_stage_history
            WINDOW w AS (PARTITION BY opportunity_id ORDER BY entered_at, stage_history_id))
        WHERE pos > 1 AND pos < n ORDER BY stage_history_id LIMIT 1""")
    return Broken(edit(data.tables, "opportunity_stage_history", key, entered_at=entered + dt.timedelta(seconds=1)),
                  str(deal))


@mutation("time.interactions_within_deal_life")
def _touch_after_close(data: Data) -> Broken:
    key, closed = one(data.tables, f"""SELECT i.interaction_id, o.closed_at
        FROM interactions AS i JOIN opportunities AS o USING (opportunity_id)
        WHERE o.closed_at + INTERVAL 1 HOUR <= TIMESTAMPTZ '{data.config.as_of} 00:00:00+00'
        ORDER BY 1 LIMIT 1""")
    return Broken(edit(data.tables, "interactions", key, occurred_at=closed + dt.timedelta(hours=1)), str(key))


@mutation("time.after_customer_created")
def _contact_before_customer(data: Data) -> Broken:
    key, created = one(data.tables, """SELECT x.contact_id, c.created_at
        FROM contacts AS x JOIN customers AS c USING (customer_id) ORDER BY 1 LIMIT 1""")
    return Broken(edit(data.tables, "contacts", key, created_at=created - dt.timedelta(days=1)),
                  f"contacts:{key}")


# --------------------------------------------------------------------------- people mutations

@mutation("people.contact_email_domain")
def _foreign_domain(data: Data) -> Broken:
    (key,) = one(data.tables, "SELECT min(contact_id) FROM contacts")
    local = row(data.tables, "contacts", key)["email"].split("@")[0]
    return Broken(edit(data.tables, "contacts", key, email=f"{local}@elsewhere.example"), str(key))


@mutation("people.rep_email_domain")
def _rep_domain(data: Data) -> Broken:
    (key,) = one(data.tables, "SELECT min(rep_id) FROM sales_reps")
    return Broken(edit(data.tables, "sales_reps", key, email="someone@elsewhere.example"), str(key))


@mutation("people.unique_emails")
def _same_email(data: Data) -> Broken:
    first, second = one(data.tables, """SELECT min(contact_id), max(contact_id) FROM contacts
        GROUP BY customer_id HAVING count(*) > 1 ORDER BY 1 LIMIT 1""")
    email = row(data.tables, "contacts", first)["email"]
    return Broken(edit(data.tables, "contacts", second, email=email), f"contacts:{email.lower()}")


@mutation("people.opportunity_contact_same_customer")
def _foreign_contact(data: Data) -> Broken:
    key, contact = one(data.tables, """SELECT o.opportunity_id, min(x.contact_id)
        FROM opportunities AS o JOIN contacts AS x ON x.customer_id <> o.customer_id
        GROUP BY 1 ORDER BY 1 LIMIT 1""")
    return Broken(edit(data.tables, "opportunities", key, primary_contact_id=contact), str(key))


@mutation("people.interaction_same_customer")
def _foreign_customer(data: Data) -> Broken:
    key, customer = one(data.tables, """SELECT i.interaction_id, min(c.customer_id)
        FROM interactions AS i JOIN customers AS c
          ON c.customer_id <> i.customer_id AND c.created_at <= i.occurred_at
        GROUP BY 1 ORDER BY 1 LIMIT 1""")
    return Broken(edit(data.tables, "interactions", key, customer_id=customer), str(key))


@mutation("people.phone_fits_country")
def _foreign_phone(data: Data) -> Broken:
    (key,) = one(data.tables, "SELECT min(contact_id) FROM contacts")
    return Broken(edit(data.tables, "contacts", key, phone="+999 555 0100"), f"contacts:{key}")


@mutation("people.postal_code_fits_country")
def _bad_postal_code(data: Data) -> Broken:
    (key,) = one(data.tables, "SELECT min(customer_id) FROM customers")
    return Broken(edit(data.tables, "customers", key, postal_code="??"), str(key))


@mutation("people.timezone_fits_country")
def _foreign_timezone(data: Data) -> Broken:
    (key,) = one(data.tables, "SELECT min(contact_id) FROM contacts")
    return Broken(edit(data.tables, "contacts", key, timezone="Antarctica/Troll"), f"contacts:{key}")


# --------------------------------------------------------------------------- consistency mutations

@mutation("consistency.rep_metrics")
def _rep_wins(data: Data) -> Broken:
    (key,) = one(data.tables, "SELECT min(rep_id) FROM sales_reps")
    won = row(data.tables, "sales_reps", key)["deals_won"]
    return Broken(edit(data.tables, "sales_reps", key, deals_won=won + 1), str(key))


@mutation("consistency.probability_follows_stage")
def _probability(data: Data) -> Broken:
    # expected_revenue is recomputed from the new probability: only the stage rule breaks
    (key,) = one(data.tables, "SELECT min(opportunity_id) FROM opportunities WHERE stage NOT IN ('won', 'lost')")
    deal = row(data.tables, "opportunities", key)
    probability = deal["probability"] + 1
    revenue = Decimal((_cents(deal["amount"]) * probability * 2 + 100) // 200) / 100
    return Broken(edit(data.tables, "opportunities", key, probability=probability, expected_revenue=revenue),
                  str(key))


@mutation("consistency.closed_flags")
def _won_flag(data: Data) -> Broken:
    (key,) = one(data.tables, "SELECT min(opportunity_id) FROM opportunities WHERE stage = 'lost'")
    return Broken(edit(data.tables, "opportunities", key, is_won=True), str(key))


@mutation("consistency.loss_reason")
def _reason_on_win(data: Data) -> Broken:
    (key,) = one(data.tables, "SELECT min(opportunity_id) FROM opportunities WHERE stage = 'won'")
    return Broken(edit(data.tables, "opportunities", key, loss_reason="Price"), str(key))


@mutation("consistency.forecast_category")
def _forecast(data: Data) -> Broken:
    (key,) = one(data.tables, "SELECT min(opportunity_id) FROM opportunities")
    return Broken(edit(data.tables, "opportunities", key, forecast_category="upside"), str(key))


@mutation("consistency.size_band")
def _size(data: Data) -> Broken:
    (key,) = one(data.tables, "SELECT min(customer_id) FROM customers WHERE size = 'small'")
    return Broken(edit(data.tables, "customers", key, employees=500), str(key))


@mutation("consistency.customer_status")
def _status(data: Data) -> Broken:
    key, status = one(data.tables, """SELECT customer_id, status FROM customers
        ORDER BY status <> 'prospect', customer_id LIMIT 1""")
    new = "active" if status == "prospect" else "prospect"
    return Broken(edit(data.tables, "customers", key, status=new), str(key))


@mutation("consistency.competitors")
def _unknown_competitor(data: Data) -> Broken:
    (key,) = one(data.tables, "SELECT min(opportunity_id) FROM opportunities WHERE len(competitors) > 0")
    names = row(data.tables, "opportunities", key)["competitors"]
    return Broken(edit(data.tables, "opportunities", key, competitors=[*names, "Nobody & Sons"]), str(key))


@mutation("consistency.customizations_from_product")
def _unknown_option(data: Data) -> Broken:
    (key,) = one(data.tables, "SELECT min(line_item_id) FROM opportunity_line_items")
    chosen = row(data.tables, "opportunity_line_items", key)["customizations"]
    return Broken(edit(data.tables, "opportunity_line_items", key, customizations=[*chosen, "Gold plating"]),
                  str(key))


@mutation("consistency.expansion_follows_win")
def _early_upsell(data: Data) -> Broken:
    # a customer's first deal cannot follow a win of the same customer
    (key,) = one(data.tables, """SELECT opportunity_id FROM opportunities
        QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY created_at, opportunity_id) = 1
        ORDER BY opportunity_id LIMIT 1""")
    return Broken(edit(data.tables, "opportunities", key, type="upsell"), str(key))


# --------------------------------------------------------------------------- tests

def test_every_hard_check_has_a_mutation() -> None:
    assert {check for check, _ in MUTATIONS.values()} == set(HARD)


def test_clean_dataset_passes_every_hard_check(data: Data) -> None:
    assert data.baseline == {}


@pytest.mark.parametrize("mutation_id", sorted(MUTATIONS))
def test_mutation_fails_exactly_its_check(data: Data, mutation_id: str) -> None:
    check, mutate = MUTATIONS[mutation_id]
    broken = mutate(data)
    failing = hard_failures(broken.tables, data.config)
    assert check in failing, f"{check} did not notice the mutation"
    result = failing[check]
    assert result.violations >= 1
    assert broken.key in result.examples, (broken.key, result.examples)
    assert set(failing) - set(data.baseline) == {check, *broken.extra}, {
        name: r.detail for name, r in failing.items()}


def test_registry_names_are_stable_and_cover_the_schema() -> None:
    assert all(re.fullmatch(r"[a-z_]+(\.[a-z_]+)+", name) for name in CHECKS)
    assert all(check.name == name for name, check in CHECKS.items())
    for table in TABLES.values():
        assert f"integrity.pk.{table.name}" in CHECKS
        assert f"integrity.not_null.{table.name}" in CHECKS
        for column in table.foreign_keys:
            assert f"integrity.fk.{table.name}.{column.name}" in CHECKS
    realism = {name for name, check in CHECKS.items() if check.kind == "realism"}
    assert {"time.business_hours", "time.open_deals_expected_close", "realism.new_business_win_rate"} <= realism


def test_unknown_check_name_is_a_clear_error() -> None:
    with pytest.raises(UnknownCheckError, match=r"unknown check 'money.line_totl'.*money\.line_total"):
        run_checks(tiny_dataset(), Config(), names=["money.line_totl"])
    with pytest.raises(ValueError, match="unknown check kind"):
        select_checks(kinds=("soft",))


def test_names_select_by_name_or_prefix_and_kinds_filter() -> None:
    assert [c.name for c in select_checks(names=["money.line_total"])] == ["money.line_total"]
    assert {c.name for c in select_checks(names=["money"])} == {n for n in CHECKS if n.startswith("money.")}
    assert select_checks(kinds=("realism",), names=["money"]) == []
    results = run_checks(tiny_dataset(), Config(), names=["consistency.rep_metrics", "money.line_total"])
    assert [r.name for r in results] == ["money.line_total", "consistency.rep_metrics"]  # registry order


def test_missing_table_is_a_clear_error() -> None:
    tables = tiny_dataset()
    del tables["interactions"]
    with pytest.raises(ValueError, match=r"missing table\(s\) \['interactions'\]"):
        run_checks(tables, Config())


def _materialized(tables: Tables) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for name, table in tables.items():
        con.register("incoming", table)
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM incoming")
        con.unregister("incoming")
    return con


def test_connection_gives_the_same_results_as_arrow(data: Data) -> None:
    broken = MUTATIONS["time.interactions_within_deal_life"][1](data)
    for tables in (data.tables, broken.tables):
        con = _materialized(tables)
        con.execute("SET TimeZone = 'Asia/Tokyo'")  # the checks must not depend on the session zone
        on_connection = run_checks(con, data.config)
        assert con.execute("SELECT current_setting('TimeZone')").fetchone() == ("Asia/Tokyo",)
        assert on_connection == run_checks(tables, data.config)


def test_results_are_deterministic_and_examples_sorted(data: Data) -> None:
    broken = MUTATIONS["consistency.size_band"][1](data).tables
    rows = broken["customers"].to_pylist()
    for customer in rows:
        customer["employees"] = 0  # every customer out of band
    broken = _replace(broken, "customers", rows)
    first = run_checks(broken, data.config, names=["consistency.size_band"])
    assert first == run_checks(broken, data.config, names=["consistency.size_band"])
    (result,) = first
    ids = sorted(customer["customer_id"] for customer in rows)
    assert result.violations == len(ids)
    assert result.examples == tuple(str(i) for i in ids[:5])


def test_tiny_dataset_realism_checks_skip_for_lack_of_data() -> None:
    results = run_checks(tiny_dataset(), Config(), kinds=("realism",))
    assert results and all(r.status == "skip" and "too little data" in r.detail for r in results)


def test_country_facts_from_vocab_patterns() -> None:
    us = CountryFacts.from_patterns("US", "+1 (###) ###-####", "#####", ["America/Chicago", "America/Chicago"])
    assert (us.dial, us.boundary, us.timezones) == ("+1", True, ("America/Chicago",))
    gb = CountryFacts.from_patterns("GB", "+44 #### ######", "AA# #AA", [])
    assert gb.dial == "+44"
    con = duckdb.connect()
    match = "SELECT regexp_full_match(?, ?)"
    assert con.execute(match, ["SW1 2AB", gb.postal_regex]).fetchone() == (True,)
    assert con.execute(match, ["SW12 2AB", gb.postal_regex]).fetchone() == (False,)
    assert con.execute(match, ["2AB", gb.postal_regex]).fetchone() == (False,)


def test_generated_dataset_passes_the_realism_checks() -> None:
    dataset = SalesDataGenerator(seed=5).generate_dataset(num_customers=3000, num_sales_people=30)
    results = run_checks(dataset, dataset.config, kinds=("realism",))
    assert {r.name: r.detail for r in results if r.status != "pass"} == {}
