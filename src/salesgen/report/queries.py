"""The report's aggregates: one DuckDB query per chart, over the ten tables of an opened source.

Every query is an aggregate (GROUP BY, quantiles, top-N) whose result is bounded by the number of
categories, never by the number of rows: the report's size and the memory of the Python side do
not grow with the dataset. Templates use the placeholders of ``salesgen.checks`` (``$stages``,
``$as_of``, ``$as_of_date``), so stage order and the as-of date come from the dataset's own config.

Example:
    >>> import duckdb
    >>> from salesgen.checks import build_context
    >>> from salesgen.config import Config
    >>> from salesgen.contract import TABLE_NAMES, arrow_schema
    >>> con = duckdb.connect()
    >>> for name in TABLE_NAMES:
    ...     _ = con.register(name, arrow_schema(name).empty_table())
    >>> rows = run_queries(con, build_context(Config()))
    >>> [row["stage"] for row in rows["funnel"]]
    ['identified', 'qualified', 'proposal', 'negotiation', 'won']
    >>> rows["kpis"][0]["deals"]
    0
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import duckdb

from salesgen.checks import Context

Row = dict[str, Any]

_CLOSED = "is_closed"
_OUTCOME = "CASE WHEN is_won THEN 'won' ELSE 'lost' END"  # the stage's role, whatever the scenario names it
_DAYS = "(epoch(o.closed_at) - epoch(o.created_at)) / 86400.0"
# Closed deals with the facts the win-rate chart splits by.
_CLOSED_DEALS = f"""
    SELECT o.is_won AS won, c.size AS segment, o.type AS deal_type, o.lead_source, c.industry,
           CASE WHEN len(o.competitors) > 0 THEN 'competitor named' ELSE 'no competitor' END AS competition
    FROM opportunities AS o JOIN customers AS c USING (customer_id) WHERE o.{_CLOSED}"""

QUERIES: dict[str, str] = {
    "kpis": f"""
        SELECT (SELECT count(*) FROM customers) AS customers,
               (SELECT count(*) FROM sales_reps) AS reps,
               count(*) AS deals,
               count(*) FILTER (WHERE is_won) AS won,
               count(*) FILTER (WHERE {_CLOSED}) AS closed,
               coalesce(sum(amount) FILTER (WHERE is_won), 0)::DOUBLE AS bookings,
               coalesce(sum(amount) FILTER (WHERE NOT ({_CLOSED})), 0)::DOUBLE AS open_pipeline,
               (SELECT count(*) FROM interactions) AS interactions
        FROM opportunities""",
    # Deals that reached each stage (stage history rows), and the share that went on to the next one.
    "funnel": """
        WITH reached AS (
            SELECT s.stage, s.ordinal, count(h.opportunity_id) AS deals
            FROM $stages AS s LEFT JOIN opportunity_stage_history AS h USING (stage)
            WHERE s.stage <> $lost_stage GROUP BY s.stage, s.ordinal)
        SELECT stage, ordinal, deals,
               CASE WHEN lead(deals) OVER w IS NULL OR deals = 0 THEN NULL
                    ELSE round(lead(deals) OVER w / deals, 4) END AS conversion_to_next
        FROM reached WINDOW w AS (ORDER BY ordinal) ORDER BY ordinal""",
    "win_rates": f"""
        WITH d AS ({_CLOSED_DEALS})
        SELECT dimension, level, closed, won, round(won / closed, 4) AS win_rate FROM (
            SELECT 1 AS k, 'segment' AS dimension, segment AS level, count(*) AS closed,
                   count(*) FILTER (WHERE won) AS won FROM d GROUP BY ALL
            UNION ALL SELECT 2, 'deal type', deal_type, count(*), count(*) FILTER (WHERE won) FROM d GROUP BY ALL
            UNION ALL SELECT 3, 'lead source', lead_source, count(*), count(*) FILTER (WHERE won) FROM d GROUP BY ALL
            UNION ALL SELECT 4, 'industry', industry, count(*), count(*) FILTER (WHERE won) FROM d GROUP BY ALL
            UNION ALL SELECT 5, 'competition', competition, count(*), count(*) FILTER (WHERE won) FROM d GROUP BY ALL)
        ORDER BY k, level""",
    # Quarter-decade bins of log10(amount): 10^(bin/4) … 10^((bin+1)/4).
    "deal_sizes": """
        SELECT c.size AS segment, floor(log10(o.amount::DOUBLE) * 4)::INTEGER AS bin,
               round(pow(10, floor(log10(o.amount::DOUBLE) * 4) / 4), 2) AS amount_from, count(*) AS deals
        FROM opportunities AS o JOIN customers AS c USING (customer_id)
        WHERE o.amount > 0 GROUP BY ALL ORDER BY segment, bin""",
    "cycles": f"""
        SELECT c.size AS segment, {_OUTCOME} AS outcome, count(*) AS deals,
               round(quantile_cont({_DAYS}, 0.1), 1) AS p10, round(quantile_cont({_DAYS}, 0.25), 1) AS p25,
               round(quantile_cont({_DAYS}, 0.5), 1) AS median, round(quantile_cont({_DAYS}, 0.75), 1) AS p75,
               round(quantile_cont({_DAYS}, 0.9), 1) AS p90
        FROM opportunities AS o JOIN customers AS c USING (customer_id)
        WHERE o.{_CLOSED} AND o.closed_at IS NOT NULL GROUP BY ALL ORDER BY segment, outcome""",
    "bookings_by_month": """
        SELECT strftime(date_trunc('month', closed_at), '%Y-%m') AS month,
               month(closed_at) IN (3, 6, 9, 12) AS quarter_end, count(*) AS deals, sum(amount)::DOUBLE AS bookings
        FROM opportunities WHERE is_won AND closed_at IS NOT NULL GROUP BY ALL ORDER BY month""",
    "closes_by_day": f"""
        SELECT day(closed_at) AS day_of_month, {_OUTCOME} AS outcome, count(*) AS deals
        FROM opportunities WHERE {_CLOSED} AND closed_at IS NOT NULL GROUP BY ALL ORDER BY day_of_month, outcome""",
    # Trailing-year bookings (the quota window) of the 15 best reps.
    "leaderboard": """
        WITH b AS (
            SELECT owner_rep_id AS rep_id, sum(amount)::DOUBLE AS bookings, count(*) AS wins
            FROM opportunities WHERE is_won AND closed_at > $as_of - INTERVAL 365 DAY GROUP BY ALL)
        SELECT r.first_name || ' ' || r.last_name AS rep, r.segment, b.bookings, b.wins,
               r.quota_attainment, r.win_rate
        FROM b JOIN sales_reps AS r USING (rep_id) ORDER BY b.bookings DESC, r.rep_id LIMIT 15""",
    # 10-point bins, everything at or above 200% in the last one.
    "attainment": """
        SELECT least(floor(quota_attainment * 10), 20)::INTEGER * 10 AS percent_from, count(*) AS reps
        FROM sales_reps WHERE quota_attainment IS NOT NULL GROUP BY ALL ORDER BY percent_from""",
    # Weekday × hour in the contact's own time zone (unknown zone names are left out).
    "activity": """
        WITH t AS (
            SELECT timezone(c.timezone, i.occurred_at) AS local
            FROM interactions AS i JOIN contacts AS c USING (contact_id)
            WHERE c.timezone IN (SELECT name FROM pg_timezone_names()))
        SELECT isodow(local) AS weekday, hour(local) AS hour, count(*) AS touches
        FROM t GROUP BY ALL ORDER BY weekday, hour""",
    # Touches per closed deal, 60 and more in the last bin.
    "touches": f"""
        WITH n AS (
            SELECT {_OUTCOME} AS outcome, least(count(i.interaction_id), 60) AS touches
            FROM opportunities AS o LEFT JOIN interactions AS i USING (opportunity_id)
            WHERE o.{_CLOSED} GROUP BY o.opportunity_id, o.is_won)
        SELECT outcome, touches, count(*) AS deals FROM n GROUP BY ALL ORDER BY outcome, touches""",
    "open_ageing": f"""
        WITH a AS (
            SELECT o.stage, s.ordinal AS stage_order, o.amount, $as_of_date - o.expected_close_date AS days_late
            FROM opportunities AS o LEFT JOIN $stages AS s USING (stage) WHERE NOT (o.{_CLOSED}))
        SELECT CASE WHEN days_late <= 0 THEN 1 WHEN days_late <= 7 THEN 2 WHEN days_late <= 30 THEN 3
                    WHEN days_late <= 90 THEN 4 ELSE 5 END AS bucket_order,
               CASE WHEN days_late <= 0 THEN 'not yet due' WHEN days_late <= 7 THEN '1-7 days late'
                    WHEN days_late <= 30 THEN '8-30 days late' WHEN days_late <= 90 THEN '31-90 days late'
                    ELSE 'over 90 days late' END AS bucket,
               stage, stage_order, count(*) AS deals, sum(amount)::DOUBLE AS amount
        FROM a GROUP BY ALL ORDER BY bucket_order, stage_order, stage""",
}


def _plain(value: Any) -> Any:
    """A JSON-ready value: DuckDB's Decimal and date values become float and ISO text."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def run_query(con: duckdb.DuckDBPyConnection, ctx: Context, name: str) -> list[Row]:
    """The rows of one aggregate, as plain dicts.

    Example:
        >>> import duckdb
        >>> from salesgen.checks import build_context
        >>> from salesgen.config import Config
        >>> run_query(duckdb.connect(), build_context(Config()), "nope")
        Traceback (most recent call last):
        ...
        KeyError: "unknown report query 'nope'; known: kpis, funnel, win_rates, deal_sizes, cycles, ..."
    """
    if name not in QUERIES:
        raise KeyError(f"unknown report query {name!r}; known: {', '.join(list(QUERIES)[:5])}, ...")
    cursor = con.execute(ctx.sql(QUERIES[name]))
    columns = [d[0] for d in cursor.description]
    return [{c: _plain(v) for c, v in zip(columns, row, strict=True)} for row in cursor.fetchall()]


def run_queries(con: duckdb.DuckDBPyConnection, ctx: Context) -> dict[str, list[Row]]:
    """Every aggregate of the report, by name, with the session time zone at UTC while they run."""
    row = con.execute("SELECT current_setting('TimeZone')").fetchone()
    previous = str(row[0]) if row else "UTC"
    con.execute("SET TimeZone = 'UTC'")
    try:
        return {name: run_query(con, ctx, name) for name in QUERIES}
    finally:
        con.execute(f"SET TimeZone = '{previous}'")
