"""Organisation checks: the sales team works like a real one (DESIGN.md §6).

No rep is in two meetings at once; no rep holds more meetings and demos in a
day (their own local day) than ``realism.team.max_meetings_per_day``; deals are
owned by account executives, never by SDRs, managers or directors; renewals
renew subscriptions; a customer's status follows from its deals; seats never
outnumber the buyer's people.

Example:
    >>> [c.name.split(".")[1] for c in CHECKS][:3]
    ['no_double_booked_rep', 'meetings_per_rep_day', 'deal_owners_are_aes']
"""

from __future__ import annotations

import duckdb

from salesgen.checks._core import Check, Context, Outcome

MEETING_TYPES = "('meeting', 'demo')"
NOT_DEAL_OWNERS = "('SDR', 'Sales Manager', 'Regional Director')"

NO_DOUBLE_BOOKED_REP = Check(
    "organisation.no_double_booked_rep",
    "hard",
    "a rep's meetings and demos never overlap: each starts at or after the end of the rep's previous one "
    "(key: interaction_id)",
    sql=f"""
WITH m AS (
    SELECT interaction_id, occurred_at,
           max(occurred_at + to_minutes(coalesce(duration_minutes, 0))) OVER (
               PARTITION BY rep_id ORDER BY occurred_at, interaction_id
               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS busy_until
    FROM interactions WHERE type IN {MEETING_TYPES}
)
SELECT interaction_id AS key FROM m WHERE occurred_at < busy_until
""",
)


def _meetings_per_rep_day(con: duckdb.DuckDBPyConnection, ctx: Context) -> Outcome:
    cap = ctx.config.realism.team.max_meetings_per_day
    query = f"""
        SELECT i.rep_id || ':' || timezone(r.timezone, i.occurred_at)::DATE AS key
        FROM interactions AS i JOIN sales_reps AS r USING (rep_id)
        WHERE i.type IN {MEETING_TYPES}
        GROUP BY i.rep_id, timezone(r.timezone, i.occurred_at)::DATE HAVING count(*) > {cap}"""
    keys = [str(key) for (key,) in con.execute(f"{query} ORDER BY key").fetchall()]
    if not keys:
        return Outcome("pass", "0 violations")
    return Outcome(
        "fail", f"{len(keys)} rep-days over {cap} meetings, e.g. {', '.join(keys[:5])}", len(keys), tuple(keys[:5])
    )


MEETINGS_PER_REP_DAY = Check(
    "organisation.meetings_per_rep_day",
    "hard",
    "no rep holds more meetings and demos on one of their local days than realism.team.max_meetings_per_day "
    "(key: rep_id:date)",
    evaluate=_meetings_per_rep_day,
)

DEAL_OWNERS_ARE_AES = Check(
    "organisation.deal_owners_are_aes",
    "hard",
    "deals are owned by account executives: never by an SDR, a sales manager or a director (key: opportunity_id)",
    sql=f"""
SELECT o.opportunity_id AS key FROM opportunities AS o JOIN sales_reps AS r ON r.rep_id = o.owner_rep_id
WHERE r.title IN {NOT_DEAL_OWNERS}
""",
)

RENEWALS_ONLY_FOR_SUBSCRIPTIONS = Check(
    "organisation.renewals_only_for_subscriptions",
    "hard",
    "a renewal sells subscription products only, to a customer that won a subscription deal before it opened "
    "(key: opportunity_id)",
    sql="""
SELECT o.opportunity_id AS key FROM opportunities AS o
WHERE o.type = 'renewal' AND (
    EXISTS (SELECT 1 FROM opportunity_line_items AS l JOIN products AS p USING (product_id)
            WHERE l.opportunity_id = o.opportunity_id AND p.pricing_model <> 'subscription')
    OR NOT EXISTS (SELECT 1 FROM opportunities AS w JOIN opportunity_line_items AS l USING (opportunity_id)
                   JOIN products AS p USING (product_id)
                   WHERE w.customer_id = o.customer_id AND w.is_won AND w.closed_at < o.created_at
                     AND p.pricing_model = 'subscription'))
""",
)

CHURN_AFTER_DAYS = 400  # a one-time buyer with no purchase for this long is no longer active


def _status_agrees_with_history(con: duckdb.DuckDBPyConnection, ctx: Context) -> Outcome:
    term_days = ctx.config.realism.lifecycle.subscription_term_months * 30.4375
    query = ctx.sql(f"""
        WITH main AS (  -- a deal's first line decides whether it runs on a subscription term
            SELECT l.opportunity_id, arg_min(p.pricing_model, l.line_item_id) = 'subscription' AS subscription
            FROM opportunity_line_items AS l JOIN products AS p USING (product_id) GROUP BY 1),
        history AS (
            SELECT o.customer_id,
                   count(*) FILTER (WHERE o.is_won) AS wins,
                   count(*) FILTER (WHERE (o.is_won AND m.subscription
                                           AND o.closed_at + to_seconds(CAST({term_days} * 86400 AS BIGINT)) > $as_of)
                                       OR (o.is_won AND NOT m.subscription
                                           AND o.closed_at > $as_of - INTERVAL {CHURN_AFTER_DAYS} DAY)
                                       OR (NOT o.is_closed AND o.type <> 'new business')) AS live,
                   count(*) FILTER (WHERE o.is_closed AND NOT o.is_won AND o.type = 'renewal') AS lost_renewals
            FROM opportunities AS o JOIN main AS m USING (opportunity_id) GROUP BY 1)
        SELECT c.customer_id AS key FROM customers AS c JOIN history AS h USING (customer_id)
        WHERE h.wins > 0 AND c.status IN ('active', 'churned')  -- prospects: consistency.customer_status
          AND c.status <> CASE WHEN h.live > 0 AND h.lost_renewals = 0 THEN 'active' ELSE 'churned' END""")
    keys = [str(key) for (key,) in con.execute(f"{query} ORDER BY 1").fetchall()]
    if not keys:
        return Outcome("pass", "0 violations")
    return Outcome("fail", f"{len(keys)} violations, e.g. {', '.join(keys[:5])}", len(keys), tuple(keys[:5]))


STATUS_AGREES_WITH_HISTORY = Check(
    "organisation.status_agrees_with_history",
    "hard",
    "a customer that won a deal and never lost a renewal is active while a subscription term runs, a renewal or "
    "upsell is in negotiation or a one-time purchase is under 400 days old, and churned otherwise; losing a "
    "renewal is churning (key: customer_id)",
    evaluate=_status_agrees_with_history,
)

SEATS_WITHIN_HEADCOUNT = Check(
    "organisation.seats_within_headcount",
    "hard",
    "a per-seat line (product unit 'seat' or 'seat/...') sells no more seats than the buyer has employees "
    "(key: line_item_id)",
    sql="""
SELECT l.line_item_id AS key FROM opportunity_line_items AS l JOIN products AS p USING (product_id)
JOIN opportunities AS o USING (opportunity_id) JOIN customers AS c ON c.customer_id = o.customer_id
WHERE (p.unit = 'seat' OR p.unit LIKE 'seat/%') AND l.quantity > c.employees
""",
)

CHECKS: tuple[Check, ...] = (
    NO_DOUBLE_BOOKED_REP,
    MEETINGS_PER_REP_DAY,
    DEAL_OWNERS_ARE_AES,
    RENEWALS_ONLY_FOR_SUBSCRIPTIONS,
    STATUS_AGREES_WITH_HISTORY,
    SEATS_WITHIN_HEADCOUNT,
)
