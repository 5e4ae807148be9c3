"""Clean datasets for the check tests: ``tiny`` (hand-made) and ``generated`` (real vocabulary).

``tiny`` holds three deals at two customers with every rule satisfied by construction and US-only
country facts; ``generated`` comes from ``SalesDataGenerator`` and is built once per session.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pyarrow as pa

from salesgen import SalesDataGenerator
from salesgen.checks import CheckResult, run_checks
from salesgen.checks._context import CountryFacts
from salesgen.config import Config
from salesgen.contract import TABLE_NAMES, TABLES, arrow_schema

Tables = dict[str, pa.Table]
UTC = dt.UTC


def _ts(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _money(text: str) -> Decimal:
    return Decimal(text)


def _rows(name: str, keys: str, *values: tuple[Any, ...]) -> pa.Table:
    columns = keys.split()
    assert columns == TABLES[name].column_names, f"{name}: {columns}"
    return pa.Table.from_pylist([dict(zip(columns, row, strict=True)) for row in values], schema=arrow_schema(name))


def tiny_dataset() -> Tables:
    """Three customers' worth of hand-made, valid data (US only, default config)."""
    m, ts, d = _money, _ts, _d
    return {
        "products": _rows(
            "products",
            "product_id sku name category subcategory description list_price currency "
            "pricing_model unit features customization_options launch_date is_active",
            (
                1,
                "SW-ANL-0001",
                "Analytics Suite",
                "Software",
                "Analytics",
                "Dashboards.",
                m("1000.00"),
                "USD",
                "subscription",
                "seat/year",
                ["Dashboards"],
                ["SSO", "Premium support"],
                d("2020-01-15"),
                True,
            ),
            (
                2,
                "HW-EDG-0002",
                "Edge Device",
                "Hardware",
                "Devices",
                "A device.",
                m("250.00"),
                "USD",
                "one-time",
                "device",
                ["Rugged"],
                [],
                d("2021-05-01"),
                True,
            ),
            (
                3,
                "SV-CON-0003",
                "Legacy Connector",
                "Services",
                "Integration",
                "A connector.",
                m("80.00"),
                "USD",
                "per-unit",
                "connector",
                ["Mapping"],
                ["Custom mapping"],
                d("2019-03-01"),
                False,
            ),
        ),
        "discount_tiers": _rows(
            "discount_tiers",
            "discount_tier_id product_id min_quantity max_quantity discount_pct",
            (11, 1, 1, 9, Decimal("0")),
            (12, 1, 10, 49, Decimal("0.05")),
            (13, 1, 50, None, Decimal("0.1")),
            (21, 2, 1, None, Decimal("0")),
            (31, 3, 1, None, Decimal("0")),
        ),
        "competitors": _rows(
            "competitors",
            "competitor_id name domain price_position strengths headquarters_country",
            (1, "Acme Analytics", "acme-analytics.com", "premium", ["Brand"], "US"),
            (2, "Globex", "globex.com", "discount", ["Price"], "DE"),
        ),
        "sales_reps": _rows(
            "sales_reps",
            "rep_id first_name last_name email phone title manager_id team segment territories "
            "expertise hire_date annual_quota country nationality languages timezone quota_attainment "
            "avg_deal_size win_rate avg_sales_cycle_days deals_won deals_lost open_pipeline",
            (
                1,
                "Maya",
                "Chen",
                "maya.chen@northbeam-software.com",
                "+1 (415) 555-0101",
                "Sales Manager",
                None,
                "North America SMB",
                "small",
                ["North America"],
                ["Logistics"],
                d("2019-06-01"),
                m("0.00"),
                "US",
                "US",
                ["en"],
                "America/Los_Angeles",
                None,
                None,
                None,
                None,
                0,
                0,
                m("0.00"),
            ),
            (
                2,
                "Liam",
                "Ortiz",
                "liam.ortiz@northbeam-software.com",
                "+1 (212) 555-0102",
                "Account Executive",
                1,
                "North America SMB",
                "small",
                ["North America"],
                ["Logistics"],
                d("2022-02-01"),
                m("100000.00"),
                "US",
                "US",
                ["en", "es"],
                "America/New_York",
                0.0,
                m("9950.00"),
                0.5,
                43.5,
                1,
                1,
                m("1000.00"),
            ),
        ),
        "customers": _rows(
            "customers",
            "customer_id name domain industry sub_industry size employees annual_revenue country "
            "region city address postal_code phone timezone founded_year owner_rep_id status created_at",
            (
                1,
                "Blue Cargo",
                "bluecargo.com",
                "Logistics",
                "Freight",
                "small",
                50,
                m("5000000.00"),
                "US",
                "NY",
                "New York",
                "1 Main St",
                "10001",
                "+1 (212) 555-0199",
                "America/New_York",
                2008,
                2,
                "active",
                ts("2024-01-10T09:00"),
            ),
            (
                2,
                "Red Mill",
                "redmill.io",
                "Manufacturing",
                "Food",
                "medium",
                300,
                m("60000000.00"),
                "US",
                "CA",
                "San Francisco",
                "2 Market St",
                "94105",
                "+1 (415) 555-0188",
                "America/Los_Angeles",
                1995,
                2,
                "prospect",
                ts("2025-03-01T08:00"),
            ),
        ),
        "contacts": _rows(
            "contacts",
            "contact_id customer_id first_name last_name email phone title seniority department "
            "buying_role nationality languages timezone created_at",
            (
                101,
                1,
                "Ana",
                "Silva",
                "ana.silva@bluecargo.com",
                "+1 (212) 555-0111",
                "CFO",
                "C-level",
                "Finance",
                "decision maker",
                "US",
                ["en"],
                "America/New_York",
                ts("2024-01-12T10:00"),
            ),
            (
                102,
                1,
                "Bo",
                "Park",
                "bo.park@bluecargo.com",
                "+1 (212) 555-0112",
                "Operations Manager",
                "Manager",
                "Operations",
                "champion",
                "US",
                ["en"],
                "America/New_York",
                ts("2024-01-12T10:00"),
            ),
            (
                201,
                2,
                "Cy",
                "Reed",
                "cy.reed@redmill.io",
                "+1 (415) 555-0113",
                "VP Operations",
                "VP",
                "Operations",
                "decision maker",
                "US",
                ["en"],
                "America/Los_Angeles",
                ts("2025-03-02T08:00"),
            ),
        ),
        "opportunities": _rows(
            "opportunities",
            "opportunity_id customer_id owner_rep_id primary_contact_id name type lead_source "
            "stage is_closed is_won amount currency probability expected_revenue created_at expected_close_date "
            "closed_at competitors primary_competitor_id loss_reason next_step forecast_category",
            (
                1001,
                1,
                2,
                101,
                "Blue Cargo - Analytics",
                "new business",
                "inbound",
                "won",
                True,
                True,
                m("9950.00"),
                "USD",
                100,
                m("9950.00"),
                ts("2024-02-01T00:00"),
                d("2024-03-31"),
                ts("2024-03-15T12:00"),
                ["Acme Analytics"],
                1,
                None,
                "",
                "closed",
            ),
            (
                1002,
                1,
                2,
                102,
                "Blue Cargo - Upsell",
                "upsell",
                "existing customer",
                "proposal",
                False,
                False,
                m("1000.00"),
                "USD",
                50,
                m("500.00"),
                ts("2025-10-01T00:00"),
                d("2026-02-15"),
                None,
                [],
                None,
                None,
                "Send proposal",
                "best case",
            ),
            (
                2001,
                2,
                2,
                201,
                "Red Mill - Analytics",
                "new business",
                "outbound",
                "lost",
                True,
                False,
                m("45000.00"),
                "USD",
                0,
                m("0.00"),
                ts("2025-04-01T00:00"),
                d("2025-06-30"),
                ts("2025-05-20T16:00"),
                ["Globex", "Acme Analytics"],
                2,
                "No decision",
                "",
                "omitted",
            ),
        ),
        "opportunity_line_items": _rows(
            "opportunity_line_items",
            "line_item_id opportunity_id product_id quantity list_price discount_pct "
            "unit_price total_price customizations",
            (100101, 1001, 1, 10, m("1000.00"), Decimal("0.05"), m("950.00"), m("9500.00"), ["SSO"]),
            (100102, 1001, 2, 2, m("250.00"), Decimal("0.1"), m("225.00"), m("450.00"), []),
            (100201, 1002, 1, 1, m("1000.00"), Decimal("0"), m("1000.00"), m("1000.00"), []),
            (200101, 2001, 1, 50, m("1000.00"), Decimal("0.1"), m("900.00"), m("45000.00"), ["Premium support"]),
        ),
        "opportunity_stage_history": _rows(
            "opportunity_stage_history",
            "stage_history_id opportunity_id stage entered_at exited_at",
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
            "interactions",
            "interaction_id opportunity_id customer_id contact_id rep_id type direction "
            "occurred_at duration_minutes outcome sentiment_score sentiment topics notes next_steps",
            (
                100001,
                1001,
                1,
                101,
                2,
                "call",
                "outbound",
                ts("2024-02-02T15:00"),
                30,
                "connected",
                0.5,
                "positive",
                ["pricing"],
                "Discussed pricing.",
                "Send proposal",
            ),
            (
                100002,
                None,
                1,
                102,
                2,
                "email",
                "outbound",
                ts("2025-06-03T14:00"),
                None,
                "replied",
                0.1,
                "neutral",
                ["check-in"],
                "Quarterly check-in.",
                "",
            ),
            (
                100003,
                1002,
                1,
                102,
                2,
                "demo",
                "outbound",
                ts("2025-10-20T14:00"),
                60,
                "held",
                0.4,
                "positive",
                ["features"],
                "Demo of the upsell.",
                "",
            ),
            (
                200001,
                2001,
                2,
                201,
                2,
                "meeting",
                "inbound",
                ts("2025-04-10T17:00"),
                45,
                "held",
                -0.3,
                "negative",
                ["budget"],
                "Budget concerns.",
                "",
            ),
        ),
    }


US_FACTS = (
    CountryFacts.from_patterns(
        "US", "+1 (###) ###-####", "#####", ["America/New_York", "America/Chicago", "America/Los_Angeles"]
    ),
)


@dataclass(frozen=True)
class Data:
    """A clean dataset, its config, and the hard checks that already fail on it (should be none)."""

    tables: Tables
    config: Config
    baseline: dict[str, str]


def hard_failures(tables: Tables, config: Config) -> dict[str, CheckResult]:
    return {r.name: r for r in run_checks(tables, config, kinds=("hard",)) if r.status == "fail"}


@functools.cache
def _generated(currency: str) -> tuple[tuple[tuple[str, pa.Table], ...], Config]:
    # built once: every test module's ``data`` fixture asks for it
    config = Config(num_customers=150, num_sales_reps=8, num_products=25, block_size=40, currency=currency)
    dataset = SalesDataGenerator(seed=11, config=config).generate_dataset()
    return tuple((name, dataset[name]) for name in TABLE_NAMES), dataset.config


def generated_dataset(currency: str = "USD") -> tuple[Tables, Config]:
    """150 generated customers (seed 11), as a fresh dict of the shared, immutable Arrow tables."""
    tables, config = _generated(currency)
    return dict(tables), config
