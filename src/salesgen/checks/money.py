"""Money checks, in exact integer arithmetic (cents and basis points).

Every money column is decimal(18,2) and every percent decimal(5,4); the checks
compare ``CAST(round(x * 100) AS BIGINT)`` cents, so they hold exactly on
decimal storage and stay right on float storage (CSV) too. Rounding is half up:
``round_half_up(a / b) = (2a + b) // 2b`` for a ≥ 0.

Example:
    >>> [c.name for c in CHECKS][:2]
    ['money.line_total', 'money.unit_price']
"""

from __future__ import annotations

from salesgen.checks._core import Check, basis_points, cents, key_of
from salesgen.contract import TABLES, Kind

LINE_TOTAL = Check(
    "money.line_total",
    "hard",
    "total_price = quantity × unit_price, to the cent",
    sql=f"""
SELECT line_item_id AS key FROM opportunity_line_items
WHERE {cents("total_price")} <> quantity * {cents("unit_price")}
""",
)

UNIT_PRICE = Check(
    "money.unit_price",
    "hard",
    "unit_price = list_price × (1 − discount_pct), rounded half up to the currency's minor unit (cent; whole yen)",
    sql=f"""
SELECT line_item_id AS key FROM (
    SELECT line_item_id, {cents("list_price")} AS list_cents, {basis_points("discount_pct")} AS bp,
           {cents("unit_price")} AS unit_cents
    FROM opportunity_line_items
) AS l
WHERE unit_cents <> (list_cents * (10000 - bp) * 2 + 10000 * $unit_cents) // (20000 * $unit_cents) * $unit_cents
""",
)

LIST_PRICE_MATCHES_PRODUCT = Check(
    "money.line_list_price_matches_product",
    "hard",
    "a line item's list_price is its product's list_price",
    sql=f"""
SELECT l.line_item_id AS key FROM opportunity_line_items AS l JOIN products AS p USING (product_id)
WHERE {cents("l.list_price")} <> {cents("p.list_price")}
""",
)

DISCOUNT_AT_LEAST_TIER = Check(
    "money.discount_at_least_tier",
    "hard",
    "discount_pct ≥ the discount of the product's tier containing the quantity",
    sql=f"""
SELECT DISTINCT l.line_item_id AS key
FROM opportunity_line_items AS l
JOIN discount_tiers AS t
  ON t.product_id = l.product_id AND l.quantity >= t.min_quantity
 AND (t.max_quantity IS NULL OR l.quantity <= t.max_quantity)
WHERE {basis_points("l.discount_pct")} < {basis_points("t.discount_pct")}
""",
)

DISCOUNT_TIERS_WELL_FORMED = Check(
    "money.discount_tiers_well_formed",
    "hard",
    "per product, tiers start at 1, are contiguous, only the last is open-ended, "
    "discounts are non-decreasing and within 0..1",
    sql=f"""
WITH t AS (
    SELECT discount_tier_id, min_quantity AS lo, max_quantity AS hi, {basis_points("discount_pct")} AS d,
           lag(max_quantity) OVER w AS prev_hi,
           lag({basis_points("discount_pct")}) OVER w AS prev_d,
           row_number() OVER w AS pos,
           count(*) OVER (PARTITION BY product_id) AS n
    FROM discount_tiers
    WINDOW w AS (PARTITION BY product_id ORDER BY min_quantity, discount_tier_id)
)
SELECT discount_tier_id AS key FROM t
WHERE (pos = 1 AND lo <> 1)
   OR (pos > 1 AND (prev_hi IS NULL OR lo <> prev_hi + 1))
   OR (pos < n AND hi IS NULL)
   OR (pos = n AND hi IS NOT NULL)
   OR hi < lo
   OR (pos > 1 AND d < prev_d)
   OR d < 0 OR d > 10000
""",
)

AMOUNT_EQUALS_LINE_TOTAL = Check(
    "money.amount_equals_line_total",
    "hard",
    "an opportunity's amount is the sum of its line items' total_price, to the cent "
    "(deals without line items are integrity.opportunity_has_line_items' business)",
    sql=f"""
SELECT o.opportunity_id AS key
FROM opportunities AS o
JOIN (SELECT opportunity_id, sum({cents("total_price")}) AS line_cents
      FROM opportunity_line_items GROUP BY opportunity_id) AS l USING (opportunity_id)
WHERE {cents("o.amount")} <> l.line_cents
""",
)

EXPECTED_REVENUE = Check(
    "money.expected_revenue",
    "hard",
    "expected_revenue = amount × probability / 100, rounded half up to the currency's minor unit",
    sql=f"""
SELECT opportunity_id AS key FROM opportunities
WHERE {cents("expected_revenue")} <> ({cents("amount")} * probability * 2 + 100 * $unit_cents) // (200 * $unit_cents)
      * $unit_cents
""",
)

# (table, key column, column, condition that must hold)
_SIGN_RULES: tuple[tuple[str, str, str, str], ...] = (
    ("products", "product_id", "list_price", "list_price >= 0"),
    ("sales_reps", "rep_id", "annual_quota", "annual_quota >= 0"),
    ("sales_reps", "rep_id", "avg_deal_size", "avg_deal_size IS NULL OR avg_deal_size >= 0"),
    ("sales_reps", "rep_id", "open_pipeline", "open_pipeline >= 0"),
    ("customers", "customer_id", "annual_revenue", "annual_revenue >= 0"),
    ("opportunities", "opportunity_id", "amount", "amount >= 0"),
    ("opportunities", "opportunity_id", "expected_revenue", "expected_revenue >= 0"),
    ("opportunity_line_items", "line_item_id", "quantity", "quantity >= 1"),
    ("opportunity_line_items", "line_item_id", "list_price", "list_price >= 0"),
    ("opportunity_line_items", "line_item_id", "discount_pct", "discount_pct >= 0 AND discount_pct < 1"),
    ("opportunity_line_items", "line_item_id", "unit_price", "unit_price >= 0"),
    ("opportunity_line_items", "line_item_id", "total_price", "total_price >= 0"),
)

MINOR_UNIT = Check(
    "money.minor_unit",
    "hard",
    "every money column is a whole number of the currency's minor unit (cents; whole yen for JPY) "
    "(key: table.column:id)",
    sql="\nUNION ALL\n".join(
        f"SELECT {key_of(f'{table.name}.{column.name}', table.primary_key)} AS key FROM {table.name} "
        f"WHERE {cents(column.name)} % $unit_cents <> 0"
        for table in TABLES.values()
        for column in table.columns
        if column.kind is Kind.MONEY
    ),
)

NON_NEGATIVE = Check(
    "money.non_negative",
    "hard",
    "prices, amounts, quotas and revenue ≥ 0, quantity ≥ 1, line discount in [0, 1) (key: table.column:id)",
    sql="\nUNION ALL\n".join(
        f"SELECT {key_of(f'{table}.{column}', key)} AS key FROM {table} WHERE NOT ({condition})"
        for table, key, column, condition in _SIGN_RULES
    ),
)

CHECKS: tuple[Check, ...] = (
    LINE_TOTAL,
    UNIT_PRICE,
    LIST_PRICE_MATCHES_PRODUCT,
    DISCOUNT_AT_LEAST_TIER,
    DISCOUNT_TIERS_WELL_FORMED,
    AMOUNT_EQUALS_LINE_TOTAL,
    EXPECTED_REVENUE,
    NON_NEGATIVE,
    MINOR_UNIT,
)
