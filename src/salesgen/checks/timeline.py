"""Time checks: deal dates, stage history, interaction timing, the as-of horizon.

``as_of`` is ``config.as_of`` at 00:00 UTC: nothing may be strictly after it.
A deal is closed when its stage is the won or the lost one (the flags are
``consistency.closed_flags``' business). The realism-kind time checks
(``time.business_hours``, ``time.open_deals_expected_close``) live in
``salesgen.checks.realism``.

Example:
    >>> [c.name for c in CHECKS][0]
    'time.closed_deal_dates'
"""

from __future__ import annotations

from salesgen.checks._core import Check, key_of
from salesgen.contract import TABLES, Kind

LEAD_DAYS = 14  # interactions may precede a deal's creation by this much
AS_OF_DATE_COLUMNS = ("launch_date", "hire_date")  # expected_close_date is a forecast: it may be later

CLOSED_DEAL_DATES = Check(
    "time.closed_deal_dates",
    "hard",
    "closed deals: created_at ≤ closed_at ≤ as_of; open deals: closed_at is null",
    sql="""
SELECT opportunity_id AS key FROM opportunities
WHERE CASE WHEN stage IN ($won_stage, $lost_stage)
           THEN closed_at IS NULL OR closed_at < created_at OR closed_at > $as_of
           ELSE closed_at IS NOT NULL END
""",
)


def _after_as_of_sql() -> str:
    parts = []
    for table in TABLES.values():
        for column in table.columns:
            if column.kind is Kind.TIMESTAMP:
                bound = "$as_of"
            elif column.kind is Kind.DATE and column.name in AS_OF_DATE_COLUMNS:
                bound = "$as_of_date"
            else:
                continue
            key = key_of(f"{table.name}.{column.name}", table.primary_key)
            parts.append(f"SELECT {key} AS key FROM {table.name} WHERE {column.name} > {bound}")
    return "\nUNION ALL\n".join(parts)


NOTHING_AFTER_AS_OF = Check(
    "time.nothing_after_as_of",
    "hard",
    "no timestamp of any table, and no launch or hire date, is after as_of (key: table.column:id)",
    sql=_after_as_of_sql(),
)

STAGE_HISTORY_CONTIGUOUS = Check(
    "time.stage_history_contiguous",
    "hard",
    "per deal, ordered by entered_at: starts at the first open stage at created_at; each exited_at is the next "
    "entered_at; entered_at ≤ exited_at; stages follow the configured order (a lost deal may leave "
    "from any open stage, a won deal passes all); the last row is the deal's stage with exited_at null, "
    "entered at closed_at for closed deals (key: opportunity_id)",
    sql="""
WITH h AS (
    SELECT opportunity_id, stage, entered_at, exited_at,
           row_number() OVER w AS pos,
           count(*) OVER (PARTITION BY opportunity_id) AS n,
           lead(entered_at) OVER w AS next_entered
    FROM opportunity_stage_history
    WINDOW w AS (PARTITION BY opportunity_id ORDER BY entered_at, stage_history_id)
)
SELECT DISTINCT h.opportunity_id AS key
FROM h JOIN opportunities AS o USING (opportunity_id) LEFT JOIN $stages AS s ON s.stage = h.stage
WHERE (h.pos = 1 AND (h.stage <> $first_stage OR h.entered_at <> o.created_at))
   OR (h.pos < h.n AND (h.exited_at IS NULL OR h.exited_at <> h.next_entered))
   OR h.exited_at < h.entered_at
   OR (h.pos = h.n AND (h.stage <> o.stage OR h.exited_at IS NOT NULL))
   OR (h.pos = h.n AND o.is_closed AND h.entered_at <> o.closed_at)
   OR s.stage IS NULL
   OR (s.is_open AND s.ordinal <> h.pos - 1)
   OR (h.stage = $won_stage AND (h.pos <> h.n OR h.pos - 1 <> $n_open))
   OR (h.stage = $lost_stage AND (h.pos <> h.n OR h.pos < 2))
UNION
SELECT o.opportunity_id AS key FROM opportunities AS o
WHERE NOT EXISTS (SELECT 1 FROM opportunity_stage_history AS x WHERE x.opportunity_id = o.opportunity_id)
""",
)

INTERACTIONS_WITHIN_DEAL_LIFE = Check(
    "time.interactions_within_deal_life",
    "hard",
    f"a deal's interactions fall between its created_at − {LEAD_DAYS} days and its closed_at (or as_of)",
    sql=f"""
SELECT i.interaction_id AS key
FROM interactions AS i JOIN opportunities AS o USING (opportunity_id)
WHERE i.occurred_at < o.created_at - INTERVAL {LEAD_DAYS} DAY
   OR i.occurred_at > coalesce(o.closed_at, $as_of)
""",
)

AFTER_CUSTOMER_CREATED = Check(
    "time.after_customer_created",
    "hard",
    "contacts and deals are created, and interactions occur, no earlier than their customer; "
    "interactions no earlier than their contact (key: table:id)",
    sql=f"""
SELECT {key_of("contacts", "x.contact_id")} AS key
FROM contacts AS x JOIN customers AS c USING (customer_id) WHERE x.created_at < c.created_at
UNION
SELECT {key_of("opportunities", "x.opportunity_id")}
FROM opportunities AS x JOIN customers AS c USING (customer_id) WHERE x.created_at < c.created_at
UNION
SELECT {key_of("interactions", "x.interaction_id")}
FROM interactions AS x JOIN customers AS c USING (customer_id) WHERE x.occurred_at < c.created_at
UNION
SELECT {key_of("interactions", "x.interaction_id")}
FROM interactions AS x JOIN contacts AS p USING (contact_id) WHERE x.occurred_at < p.created_at
""",
)

CHECKS: tuple[Check, ...] = (
    CLOSED_DEAL_DATES,
    NOTHING_AFTER_AS_OF,
    STAGE_HISTORY_CONTIGUOUS,
    INTERACTIONS_WITHIN_DEAL_LIFE,
    AFTER_CUSTOMER_CREATED,
)
