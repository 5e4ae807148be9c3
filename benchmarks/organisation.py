"""Print the figures of issue 11 (a believable sales organisation) next to their references.

Team size and roles, quotas and attainment, the working calendar, the standing base and its
growth, the lifecycle, pipeline hygiene, size coherence and signal honesty: each figure is one
DuckDB query over a generated dataset (20,000 customers, the team sized by salesgen unless
``--reps`` is given, seed 1), for the defaults and every preset, printed beside the reference it
should match (sources: docs/realism.md and ../shared/REFERENCES.md). docs/realism.md quotes
this script's output; it is never typed by hand.

    .venv/bin/python benchmarks/organisation.py [--customers 20000] [--reps N] [--seed 1] [--presets]
"""

from __future__ import annotations

import argparse
import inspect
from typing import Any

import duckdb
import numpy as np

import salesgen
from salesgen import Config, load_preset, preset_names

SEATS = "(p.unit LIKE 'seat%')"  # per-seat products: quantity can never exceed the buyer's headcount
LOCAL = "timezone(c.timezone, i.occurred_at)"  # the contact's company's local wall clock

# (label, reference, SQL returning one text cell)
FIGURES: list[tuple[str, str, str]] = [
    (
        "reps: total / deal owners / SDRs / managers",
        "sized from accounts",
        """
        SELECT printf('%d / %d / %d / %d', count(*),
            (SELECT count(DISTINCT owner_rep_id) FROM opportunities),
            count(*) FILTER (WHERE title = 'SDR'),
            count(*) FILTER (WHERE title IN ('Sales Manager', 'Regional Director')))
        FROM sales_reps""",
    ),
    (
        "deal owners titled SDR / manager",
        "0 / few",
        """
        SELECT printf('%d / %d', count(*) FILTER (WHERE r.title = 'SDR'),
                      count(*) FILTER (WHERE r.title IN ('Sales Manager', 'Regional Director')))
        FROM sales_reps r WHERE rep_id IN (SELECT owner_rep_id FROM opportunities)""",
    ),
    (
        "titles of enterprise deal owners",
        "Enterprise AE",
        """
        SELECT string_agg(DISTINCT title, ', ') FROM sales_reps
        WHERE segment = 'enterprise' AND rep_id IN (SELECT owner_rep_id FROM opportunities)""",
    ),
    (
        "accounts per owner: SMB / mid / ent (median)",
        "200-400 / 75-150 / 10-50",
        """
        SELECT string_agg(printf('%.0f', m), ' / ' ORDER BY o) FROM (
            SELECT list_position(['small', 'medium', 'enterprise'], r.segment) AS o, median(n) AS m
            FROM (SELECT owner_rep_id, count(*) AS n FROM customers GROUP BY 1) a
            JOIN sales_reps r ON r.rep_id = a.owner_rep_id GROUP BY 1)""",
    ),
    (
        "team size: reps per manager (median)",
        "6-10",
        """
        SELECT printf('%.0f', median(n)) FROM (SELECT manager_id, count(*) AS n FROM sales_reps
        WHERE manager_id IS NOT NULL AND title NOT IN ('Sales Manager', 'Regional Director') GROUP BY 1)""",
    ),
    (
        "annual quota per AE, median $K: SMB / mid / ent",
        "400-800 / 700-1200 / 1000-2500",
        """
        SELECT string_agg(printf('%.0f', m / 1000), ' / ' ORDER BY o) FROM (
            SELECT list_position(['small', 'medium', 'enterprise'], segment) AS o, median(annual_quota) AS m
            FROM sales_reps WHERE annual_quota > 0 AND title NOT IN ('Sales Manager', 'Regional Director', 'SDR')
            GROUP BY 1)""",
    ),
    (
        "distinct quotas / AEs with a quota",
        "varies by rep",
        """
        SELECT printf('%d / %d', count(DISTINCT annual_quota), count(*)) FROM sales_reps
        WHERE annual_quota > 0 AND title NOT IN ('Sales Manager', 'Regional Director', 'SDR')""",
    ),
    (
        "attainment <50 / 50-80 / 80-100 / 100-120 / >120 %",
        "5-10 / 15-20 / 25-30 / 25-30 / 15-20",
        """
        SELECT printf('%.0f / %.0f / %.0f / %.0f / %.0f',
            100 * avg((a < 0.5)::int), 100 * avg((a >= 0.5 AND a < 0.8)::int), 100 * avg((a >= 0.8 AND a < 1)::int),
            100 * avg((a >= 1 AND a < 1.2)::int), 100 * avg((a >= 1.2)::int))
        FROM (SELECT quota_attainment AS a FROM sales_reps
              WHERE annual_quota > 0 AND title NOT IN ('Sales Manager', 'Regional Director', 'SDR'))""",
    ),
    (
        "deals closed per owner per year (median)",
        "~50-150",
        """
        SELECT printf('%.0f', median(n)) FROM (SELECT owner_rep_id, count(*) AS n FROM opportunities
        WHERE is_closed AND closed_at > $as_of - INTERVAL 365 DAY GROUP BY 1)""",
    ),
    (
        "touches per rep per working day: median / max",
        "~10-60",
        """
        SELECT printf('%.0f / %.0f', median(n), max(n)) FROM (SELECT rep_id, count(*) / 250.0 AS n
        FROM interactions WHERE occurred_at > $as_of - INTERVAL 365 DAY GROUP BY 1)""",
    ),
    (
        "SDRs who log touches / their share of touches % / touches per SDR per working day (median)",
        "all / 10-30 / ≈ the AE median",
        """
        WITH t AS (SELECT i.rep_id, count(*) AS n FROM interactions i JOIN sales_reps r USING (rep_id)
                   WHERE r.title = 'SDR' GROUP BY 1)
        SELECT printf('%d of %d / %.0f / %.0f', (SELECT count(*) FROM t), count(*),
            100 * (SELECT sum(n) FROM t) / (SELECT count(*) FROM interactions),
            (SELECT median(n) FROM t) / (SELECT greatest(1, count(DISTINCT occurred_at::DATE)
                FILTER (WHERE isodow(occurred_at) < 6)) FROM interactions))
        FROM sales_reps WHERE title = 'SDR'""",
    ),
    (
        "max meetings + demos of one rep on one day",
        "2-5 (cap)",
        """
        SELECT max(n) FROM (SELECT i.rep_id, timezone(r.timezone, i.occurred_at)::date, count(*) AS n
        FROM interactions i JOIN sales_reps r USING (rep_id) WHERE i.type IN ('meeting', 'demo') GROUP BY 1, 2)""",
    ),
    (
        "double-booked meetings (same rep, overlapping)",
        "0",
        """
        SELECT count(*) FROM (SELECT rep_id, occurred_at AS s,
                occurred_at + to_minutes(duration_minutes) AS e,
                lag(occurred_at + to_minutes(duration_minutes)) OVER (PARTITION BY rep_id ORDER BY occurred_at) AS pe
            FROM interactions WHERE type IN ('meeting', 'demo')) WHERE s < pe""",
    ),
    (
        "deal creations Mon / Fri / weekend %",
        "~20 / ~17 / <3",
        """
        SELECT printf('%.0f / %.0f / %.1f', 100 * avg((isodow(created_at) = 1)::int),
            100 * avg((isodow(created_at) = 5)::int), 100 * avg((isodow(created_at) >= 6)::int))
        FROM opportunities""",
    ),
    (
        "closes Mon / Fri / weekend %",
        "~18 / ~20 / <3",
        """
        SELECT printf('%.0f / %.0f / %.1f', 100 * avg((isodow(closed_at) = 1)::int),
            100 * avg((isodow(closed_at) = 5)::int), 100 * avg((isodow(closed_at) >= 6)::int))
        FROM opportunities WHERE is_closed""",
    ),
    (
        "calls+meetings per day: Mon-Fri avg / Tue-Thu avg",
        "≤ 1 (Tue-Thu heavier)",
        """
        SELECT printf('%.2f', (count(*) FILTER (WHERE d IN (1, 5)) / 2.0)
                              / (count(*) FILTER (WHERE d IN (2, 3, 4)) / 3.0))
        FROM (SELECT isodow("""
        + LOCAL
        + """) AS d FROM interactions i JOIN customers c USING (customer_id)
              WHERE i.type IN ('call', 'meeting'))""",
    ),
    (
        "lunch dip: 12-13h vs mean of 10-12h and 14-16h",
        "< 1",
        """
        SELECT printf('%.2f', count(*) FILTER (WHERE h = 12) / (count(*) FILTER (WHERE h IN (10, 11, 14, 15)) / 4.0))
        FROM (SELECT hour("""
        + LOCAL
        + """) AS h FROM interactions i JOIN customers c USING (customer_id))""",
    ),
    (
        "emails at weekends / 00-06h local %",
        "< 10 / few",
        """
        SELECT printf('%.1f / %.1f', 100 * avg((isodow(t) >= 6)::int), 100 * avg((hour(t) < 6)::int))
        FROM (SELECT """
        + LOCAL
        + """ AS t FROM interactions i JOIN customers c USING (customer_id)
              WHERE i.type = 'email')""",
    ),
    (
        "all touches at weekends %",
        "< 10",
        """
        SELECT printf('%.1f', 100 * avg((isodow("""
        + LOCAL
        + """) >= 6)::int))
        FROM interactions i JOIN customers c USING (customer_id)""",
    ),
    (
        "expected close dates on weekends %",
        "0",
        """
        SELECT printf('%.1f', 100 * avg((isodow(expected_close_date) >= 6)::int)) FROM opportunities""",
    ),
    (
        "expected close dates in a month's last 5 days %",
        "clustered (> 16)",
        """
        SELECT printf('%.0f', 100 * avg((day(last_day(expected_close_date)) - day(expected_close_date) < 5)::int))
        FROM opportunities""",
    ),
    (
        "wins in month 3 of a quarter %",
        "~45",
        """
        SELECT printf('%.0f', 100 * avg((month(closed_at) % 3 = 0)::int)) FROM opportunities WHERE is_won""",
    ),
    (
        "wins / losses on a month's last business day vs an average day",
        "~3x / more",
        """
        WITH c AS (SELECT is_won, closed_at::date AS d FROM opportunities WHERE is_closed AND isodow(closed_at) < 6),
        last AS (SELECT d FROM (SELECT DISTINCT d FROM c) WHERE d = (SELECT max(x.d) FROM (SELECT DISTINCT d FROM c) x
                 WHERE date_trunc('month', x.d) = date_trunc('month', d)))
        SELECT printf('%.1fx / %.1fx',
            (count(*) FILTER (WHERE is_won AND d IN (SELECT d FROM last)) / (SELECT count(*) FROM last))
              / (count(*) FILTER (WHERE is_won) / count(DISTINCT d)),
            (count(*) FILTER (WHERE NOT is_won AND d IN (SELECT d FROM last)) / (SELECT count(*) FROM last))
              / (count(*) FILTER (WHERE NOT is_won) / count(DISTINCT d)))
        FROM c""",
    ),
    (
        "customers created before the window %",
        "a standing base",
        """
        SELECT printf('%.0f', 100 * avg((created_at < $start)::int)) FROM customers""",
    ),
    (
        "deals created: first vs last full quarter",
        "growth 10-40%/yr",
        """
        WITH q AS (SELECT date_trunc('quarter', created_at) AS q, count(*) AS n FROM opportunities
                   WHERE created_at >= $start AND created_at < date_trunc('quarter', $as_of) GROUP BY 1)
        SELECT printf('%d -> %d', (SELECT n FROM q ORDER BY q LIMIT 1 OFFSET 1),
                                  (SELECT n FROM q ORDER BY q DESC LIMIT 1))
        """,
    ),
    (
        "renewals without a subscription line %",
        "0",
        """
        SELECT printf('%.1f', 100 * avg((NOT EXISTS (SELECT 1 FROM opportunity_line_items l JOIN products p
            USING (product_id) WHERE l.opportunity_id = o.opportunity_id AND p.pricing_model = 'subscription'))::int))
        FROM opportunities o WHERE type = 'renewal'""",
    ),
    (
        "days from first win to first renewal: p10 / median",
        "~245-305 (annual term)",
        """
        SELECT printf('%.0f / %.0f', quantile_cont(d, 0.1), median(d)) FROM (
            SELECT epoch(min(o.created_at) FILTER (WHERE o.type = 'renewal')
                         - min(o.closed_at) FILTER (WHERE o.is_won)) / 86400 AS d
            FROM opportunities o GROUP BY customer_id) WHERE d IS NOT NULL""",
    ),
    (
        "churned subscription customers that lost a renewal %",
        "100",
        """
        SELECT printf('%.0f', 100 * avg((EXISTS (SELECT 1 FROM opportunities o WHERE o.customer_id = c.customer_id
            AND o.type = 'renewal' AND o.is_closed AND NOT o.is_won))::int))
        FROM customers c WHERE status = 'churned' AND EXISTS (
            SELECT 1 FROM opportunities w JOIN opportunity_line_items l USING (opportunity_id)
            JOIN products p USING (product_id)
            WHERE w.customer_id = c.customer_id AND w.is_won AND p.pricing_model = 'subscription'
              AND l.line_item_id = (SELECT min(line_item_id) FROM opportunity_line_items x
                                    WHERE x.opportunity_id = w.opportunity_id))""",
    ),
    (
        "active accounts whose last closed deal is a lost renewal",
        "0",
        """
        SELECT count(*) FROM customers c WHERE status = 'active' AND (SELECT type = 'renewal' AND NOT is_won
            FROM opportunities o WHERE o.customer_id = c.customer_id AND o.is_closed
            ORDER BY closed_at DESC LIMIT 1)""",
    ),
    (
        "max open deals of one account",
        "few (≤ 3)",
        """
        SELECT max(n) FROM (SELECT customer_id, count(*) AS n FROM opportunities WHERE NOT is_closed GROUP BY 1)""",
    ),
    (
        "'Price' among losses at identified / negotiation %",
        "rises with stage",
        """
        WITH last_open AS (SELECT opportunity_id, arg_max(stage, entered_at) AS s FROM opportunity_stage_history
                           WHERE stage NOT IN ('won', 'lost') GROUP BY 1)
        SELECT printf('%.0f / %.0f', 100 * avg((loss_reason = 'Price')::int) FILTER (WHERE s = 'identified'),
                      100 * avg((loss_reason = 'Price')::int) FILTER (WHERE s = 'negotiation'))
        FROM opportunities JOIN last_open USING (opportunity_id) WHERE stage = 'lost'""",
    ),
    (
        "open deals past their expected close %",
        "20-50 (with untouched)",
        """
        SELECT printf('%.0f', 100 * avg((expected_close_date < $as_of::date)::int))
        FROM opportunities WHERE NOT is_closed""",
    ),
    (
        "open deals: max days overdue",
        "months",
        """
        SELECT max($as_of::date - expected_close_date) FROM opportunities WHERE NOT is_closed""",
    ),
    (
        "open deals untouched for 90 days %",
        "part of 20-50 stale",
        """
        SELECT printf('%.0f', 100 * avg((coalesce(t, created_at) < $as_of - INTERVAL 90 DAY)::int)) FROM (
            SELECT o.opportunity_id, o.created_at, max(i.occurred_at) AS t FROM opportunities o
            LEFT JOIN interactions i USING (opportunity_id) WHERE NOT o.is_closed GROUP BY 1, 2)""",
    ),
    (
        "stale: past due or untouched for 30+ days %",
        "20-50",
        """
        SELECT printf('%.0f', 100 * avg((expected_close_date < $as_of::date
                                          OR coalesce(t, created_at) < $as_of - INTERVAL 30 DAY)::int)) FROM (
            SELECT o.opportunity_id, o.created_at, o.expected_close_date, max(i.occurred_at) AS t FROM opportunities o
            LEFT JOIN interactions i USING (opportunity_id) WHERE NOT o.is_closed GROUP BY 1, 2, 3)""",
    ),
    (
        "open deals dated > 1 year out",
        "≈ 0",
        """
        SELECT count(*) FROM opportunities WHERE NOT is_closed AND expected_close_date > $as_of::date + 365""",
    ),
    (
        "corr(ln amount, ln employees) inside a band: s / m / e",
        "> 0",
        """
        SELECT string_agg(printf('%.2f', r), ' / ' ORDER BY o) FROM (
            SELECT list_position(['small', 'medium', 'enterprise'], c.size) AS o,
                   corr(ln(amount::double), ln(employees)) AS r
            FROM opportunities JOIN customers c USING (customer_id)
            WHERE type = 'new business' AND amount > 0 GROUP BY 1)""",
    ),
    (
        "median new deal $K at 150-199 vs 200-260 employees",
        "no cliff",
        """
        SELECT printf('%.1f vs %.1f', median(amount) FILTER (WHERE employees BETWEEN 150 AND 199) / 1000,
                      median(amount) FILTER (WHERE employees BETWEEN 200 AND 260) / 1000)
        FROM opportunities JOIN customers USING (customer_id) WHERE type = 'new business'""",
    ),
    (
        "contacts: 1,000-2,000 vs 50,000+ employees (mean)",
        "grows",
        """
        SELECT printf('%.1f vs %.1f', avg(n) FILTER (WHERE employees BETWEEN 1000 AND 2000),
                      avg(n) FILTER (WHERE employees >= 50000))
        FROM (SELECT c.customer_id, c.employees, count(*) AS n FROM customers c JOIN contacts USING (customer_id)
              GROUP BY 1, 2)""",
    ),
    (
        "seat lines with quantity > employees %",
        "0",
        """
        SELECT printf('%.2f', 100 * avg((l.quantity > c.employees)::int)) FROM opportunity_line_items l
        JOIN products p USING (product_id) JOIN opportunities o USING (opportunity_id)
        JOIN customers c ON c.customer_id = o.customer_id WHERE """
        + SEATS,
    ),
    (
        "deal / annual revenue: p99 / max %",
        "plausible (≪ 100)",
        """
        SELECT printf('%.1f / %.0f', 100 * quantile_cont(r, 0.99), 100 * max(r)) FROM (
            SELECT amount / annual_revenue AS r FROM opportunities JOIN customers USING (customer_id))""",
    ),
    (
        "amounts that are multiples of $100 %",
        "≥ 33",
        """
        SELECT printf('%.0f', 100 * avg((amount % 100 = 0)::int)) FROM opportunities""",
    ),
]


def auc(score: np.ndarray, label: np.ndarray) -> float:
    """ROC AUC by the rank-sum formula (ties share ranks)."""
    order = np.argsort(score, kind="stable")
    ranks = np.empty(score.size)
    ranks[order] = np.arange(1, score.size + 1)
    _, inverse, counts = np.unique(score, return_inverse=True, return_counts=True)
    ranks = np.bincount(inverse, weights=ranks)[inverse] / counts[inverse]
    positives = int(label.sum())
    negatives = label.size - positives
    return float((ranks[label].sum() - positives * (positives + 1) / 2) / max(positives * negatives, 1))


def sentiment_auc(con: duckdb.DuckDBPyConnection) -> str:
    """AUC of a closed deal's mean touch sentiment for predicting its win (real scores are noisy)."""
    rows = con.execute("""
        SELECT avg(i.sentiment_score), any_value(o.is_won)
        FROM opportunities o JOIN interactions i USING (opportunity_id)
        WHERE o.is_closed GROUP BY o.opportunity_id""").fetchnumpy()
    values = list(rows.values())
    return f"{auc(np.asarray(values[0], float), np.asarray(values[1], bool)):.3f}"


def figures(config: Config, seed: int) -> dict[str, str]:
    """Every figure of one scenario."""
    dataset = salesgen.generate(config, seed=seed)
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    for name, table in dataset.items():
        con.register(name, table)
    as_of = f"TIMESTAMPTZ '{config.as_of} 00:00:00+00'"
    start = f"({as_of} - INTERVAL {config.history_days} DAY)"
    out: dict[str, str] = {}
    for label, _reference, sql in FIGURES:
        row: Any = con.execute(inspect.cleandoc(sql).replace("$as_of", as_of).replace("$start", start)).fetchone()
        out[label] = str(row[0])
    out["AUC of mean deal sentiment → won"] = sentiment_auc(con)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--reps", type=int, default=None, help="team size (default: salesgen's own sizing)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--presets", action="store_true", help="also run every preset")
    args = parser.parse_args()
    size: dict[str, Any] = {"num_customers": args.customers}
    if args.reps is not None:
        size["num_sales_reps"] = args.reps
    scenarios = {"default": Config(**size)}
    if args.presets:
        scenarios |= {name: load_preset(name, **size) for name in preset_names()}
    columns = {name: figures(config, args.seed) for name, config in scenarios.items()}
    references = {label: ref for label, ref, _ in FIGURES} | {"AUC of mean deal sentiment → won": "< 0.9 (noisy)"}
    print(f"| figure | reference | {' | '.join(f'`{name}`' for name in columns)} |")
    print(f"|---|---|{'---|' * len(columns)}")
    for label, reference in references.items():
        print(f"| {label} | {reference} | {' | '.join(columns[name][label] for name in columns)} |")


if __name__ == "__main__":
    main()
