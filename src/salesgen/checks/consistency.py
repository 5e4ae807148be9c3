"""Consistency checks: derived columns agree with what they are derived from.

A deal is won when ``stage = $won_stage``, lost when ``stage = $lost_stage``, open
otherwise. Rounded floats are compared with a tolerance of half a unit of
their last decimal (+1e-9, for rounding ties); money is compared exactly.

Example:
    >>> [c.name for c in CHECKS][0]
    'consistency.rep_metrics'
"""

from __future__ import annotations

from salesgen.checks._core import Check, cents

SIZE_BANDS = {"small": (1, 199), "medium": (200, 999), "enterprise": (1000, None)}
REVENUE_PER_EMPLOYEE = (20_000, 2_000_000)


def _differs(reported: str, expected: str, decimals: int) -> str:
    """SQL: a rounded float differs from its exact value (or only one is null)."""
    tolerance = 0.5 * 10.0**-decimals + 1e-9
    return (
        f"(({reported}) IS NULL) <> (({expected}) IS NULL) "
        f"OR coalesce(abs(({reported}) - ({expected})) > {tolerance!r}, false)"
    )


REP_METRICS = Check(
    "consistency.rep_metrics",
    "hard",
    "a rep's deals_won, deals_lost, win_rate, avg_deal_size, avg_sales_cycle_days, open_pipeline and "
    "quota_attainment equal what the rep's owned deals give",
    sql=f"""
WITH d AS (
    SELECT owner_rep_id AS rep_id,
           count(*) FILTER (WHERE stage = $won_stage) AS won,
           count(*) FILTER (WHERE stage = $lost_stage) AS lost,
           sum({cents("amount")}) FILTER (WHERE stage = $won_stage) AS won_cents,
           avg(epoch(closed_at) - epoch(created_at)) FILTER (WHERE stage = $won_stage) / 86400.0 AS cycle_days,
           sum({cents("amount")}) FILTER (WHERE stage NOT IN ($won_stage, $lost_stage)) AS open_cents,
           sum({cents("amount")}) FILTER (
               WHERE stage = $won_stage AND closed_at > $as_of - INTERVAL 365 DAY AND closed_at <= $as_of
           ) AS year_cents
    FROM opportunities GROUP BY owner_rep_id
), e AS (
    SELECT r.*, coalesce(d.won, 0) AS won, coalesce(d.lost, 0) AS lost, d.won_cents, d.cycle_days,
           coalesce(d.open_cents, 0) AS open_cents, coalesce(d.year_cents, 0) AS year_cents,
           {cents("r.annual_quota")} AS quota_cents
    FROM sales_reps AS r LEFT JOIN d USING (rep_id)
)
SELECT rep_id AS key FROM e
WHERE deals_won IS DISTINCT FROM won
   OR deals_lost IS DISTINCT FROM lost
   OR {_differs("win_rate", "CASE WHEN won + lost > 0 THEN won / (won + lost) END", 4)}
   OR {cents("avg_deal_size")} IS DISTINCT FROM
      CASE WHEN won > 0 THEN (2 * won_cents + won * $unit_cents) // (2 * won * $unit_cents) * $unit_cents END
   OR {_differs("avg_sales_cycle_days", "CASE WHEN won > 0 THEN cycle_days END", 1)}
   OR {cents("open_pipeline")} IS DISTINCT FROM open_cents
   OR {_differs("quota_attainment", "CASE WHEN quota_cents <> 0 THEN year_cents / quota_cents END", 4)}
""",
)

PROBABILITY_FOLLOWS_STAGE = Check(
    "consistency.probability_follows_stage",
    "hard",
    "probability is the configured one of the deal's open stage; won 100, lost 0",
    sql="""
SELECT o.opportunity_id AS key FROM opportunities AS o LEFT JOIN $stages AS s ON s.stage = o.stage
WHERE s.stage IS NULL OR o.probability <> s.probability
""",
)

CLOSED_FLAGS = Check(
    "consistency.closed_flags",
    "hard",
    "is_closed ⇔ stage is won or lost; is_won ⇔ stage is won",
    sql="""
SELECT opportunity_id AS key FROM opportunities
WHERE is_closed <> (stage IN ($won_stage, $lost_stage)) OR is_won <> (stage = $won_stage)
""",
)

LOSS_REASON = Check(
    "consistency.loss_reason",
    "hard",
    "lost deals carry a non-empty loss_reason; other deals have none (null)",
    sql="""
SELECT opportunity_id AS key FROM opportunities
WHERE CASE WHEN stage = $lost_stage THEN coalesce(loss_reason, '') = '' ELSE loss_reason IS NOT NULL END
""",
)

FORECAST_CATEGORY = Check(
    "consistency.forecast_category",
    "hard",
    "the first two open stages → pipeline; middle open stages → best case; the last open stage → commit; "
    "won → closed; lost → omitted",
    sql="""
SELECT o.opportunity_id AS key FROM opportunities AS o LEFT JOIN $stages AS s ON s.stage = o.stage
WHERE s.stage IS NULL OR o.forecast_category <> s.forecast_category
""",
)


def _size_band_sql() -> str:
    cases = " ".join(
        f"WHEN '{size}' THEN employees >= {low}" + (f" AND employees <= {high}" if high else "")
        for size, (low, high) in SIZE_BANDS.items()
    )
    low, high = REVENUE_PER_EMPLOYEE
    return f"""
SELECT customer_id AS key FROM customers
WHERE NOT (CASE size {cases} ELSE false END)
   OR annual_revenue < {low} * $per_usd * employees OR annual_revenue > {high} * $per_usd * employees
"""


SIZE_BAND = Check(
    "consistency.size_band",
    "hard",
    "employees fit the size band (small 1–199, medium 200–999, enterprise ≥ 1000) and "
    "annual_revenue / employees lies in 20,000..2,000,000",
    sql=_size_band_sql(),
)

CUSTOMER_STATUS = Check(
    "consistency.customer_status",
    "hard",
    "status is 'prospect' exactly when the customer has no won deal, else 'active' or 'churned'",
    sql="""
SELECT c.customer_id AS key FROM customers AS c
LEFT JOIN (SELECT DISTINCT customer_id, TRUE AS has_win FROM opportunities WHERE stage = $won_stage) AS w
       USING (customer_id)
WHERE CASE c.status WHEN 'prospect' THEN w.has_win IS NOT NULL
                    WHEN 'active' THEN w.has_win IS NULL
                    WHEN 'churned' THEN w.has_win IS NULL
                    ELSE TRUE END
""",
)

COMPETITORS = Check(
    "consistency.competitors",
    "hard",
    "every name in opportunities.competitors is a competitor; primary_competitor_id is null exactly "
    "when the list is empty, else it names the list's first competitor",
    sql="""
SELECT u.opportunity_id AS key
FROM (SELECT opportunity_id, unnest(competitors) AS name FROM opportunities) AS u
WHERE NOT EXISTS (SELECT 1 FROM competitors AS c WHERE c.name = u.name)
UNION
SELECT opportunity_id FROM opportunities WHERE (primary_competitor_id IS NULL) <> (len(competitors) = 0)
UNION
SELECT o.opportunity_id
FROM opportunities AS o JOIN competitors AS c ON c.competitor_id = o.primary_competitor_id
WHERE c.name <> o.competitors[1]
""",
)

CUSTOMIZATIONS_FROM_PRODUCT = Check(
    "consistency.customizations_from_product",
    "hard",
    "every customization of a line item is one of its product's customization_options",
    sql="""
SELECT DISTINCT u.line_item_id AS key
FROM (SELECT line_item_id, product_id, unnest(customizations) AS choice FROM opportunity_line_items) AS u
JOIN products AS p USING (product_id)
WHERE NOT list_contains(p.customization_options, u.choice)
""",
)

EXPANSION_FOLLOWS_WIN = Check(
    "consistency.expansion_follows_win",
    "hard",
    "upsell and renewal deals are created no earlier than a won deal of the same customer closed",
    sql="""
SELECT o.opportunity_id AS key FROM opportunities AS o
WHERE o.type IN ('upsell', 'renewal') AND NOT EXISTS (
    SELECT 1 FROM opportunities AS w
    WHERE w.customer_id = o.customer_id AND w.stage = $won_stage AND w.closed_at <= o.created_at)
""",
)

CHECKS: tuple[Check, ...] = (
    REP_METRICS,
    PROBABILITY_FOLLOWS_STAGE,
    CLOSED_FLAGS,
    LOSS_REASON,
    FORECAST_CATEGORY,
    SIZE_BAND,
    CUSTOMER_STATUS,
    COMPETITORS,
    CUSTOMIZATIONS_FROM_PRODUCT,
    EXPANSION_FOLLOWS_WIN,
)
