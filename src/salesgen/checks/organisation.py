"""Organisation checks: the sales team works like a real one (DESIGN.md §6).

No rep is in two meetings at once; no rep holds more meetings and demos in a
day (their own local day) than ``realism.team.max_meetings_per_day``; deals are
owned by account executives, never by SDRs, managers or directors.

Example:
    >>> [c.name for c in CHECKS]
    ['organisation.no_double_booked_rep', 'organisation.meetings_per_rep_day', 'organisation.deal_owners_are_aes']
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

CHECKS: tuple[Check, ...] = (NO_DOUBLE_BOOKED_REP, MEETINGS_PER_REP_DAY, DEAL_OWNERS_ARE_AES)
