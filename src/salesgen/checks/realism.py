"""Realism checks: statistics of the data against reference bands.

Each computes one statistic in SQL and passes when it lies in its band; it is
skipped, with the reason in ``detail``, when too few rows carry the signal
(e.g. fewer than 200 closed new-business deals). Bands come from the
reference figures in ``docs/realism.md`` and, where it sets a target, the
config (the new-business win rate band is the target ± 0.1).

Example:
    >>> [c.name for c in CHECKS][0]
    'realism.new_business_win_rate'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

from salesgen.checks._core import Check, Context, Evaluator, Outcome

MIN_CLOSED = 200  # closed deals for a win-rate or spread statistic
MIN_GROUP = 30  # rows per group when groups are compared
MIN_LOSSES = 100
MIN_COMPETITOR_GROUP = 100
MIN_REP_CLOSED = 30
MIN_REPS = 5
MIN_TOUCHES = 50
MIN_OPEN = 20
CYCLE_BANDS = {"small": (14.0, 60.0), "medium": (40.0, 150.0), "enterprise": (90.0, 300.0)}
CLOSED = "is_closed"


def _row(con: duckdb.DuckDBPyConnection, ctx: Context, sql: str) -> tuple[Any, ...]:
    row = con.execute(ctx.sql(sql)).fetchone()
    assert row is not None
    return tuple(row)


def _verdict(ok: bool, detail: str) -> Outcome:
    return Outcome("pass", detail) if ok else Outcome("fail", detail, 1)


def _skip(what: str, have: int, need: int) -> Outcome:
    return Outcome("skip", f"too little data: {have} {what} (need {need})")


def _new_business_win_rate(con: duckdb.DuckDBPyConnection, ctx: Context) -> Outcome:
    won, closed = _row(
        con,
        ctx,
        f"""SELECT count(*) FILTER (WHERE is_won), count(*)
        FROM opportunities WHERE type = 'new business' AND {CLOSED}""",
    )
    if closed < MIN_CLOSED:
        return _skip("closed new-business deals", closed, MIN_CLOSED)
    target = ctx.config.realism.win.new_business_rate
    low, high = max(0.0, target - 0.1), min(1.0, target + 0.1)
    rate = won / closed
    return _verdict(low <= rate <= high, f"new-business win rate {rate:.3f} (band {low:.2f}-{high:.2f})")


def _expansion_win_rate(con: duckdb.DuckDBPyConnection, ctx: Context) -> Outcome:
    won, closed = _row(
        con,
        ctx,
        f"""SELECT count(*) FILTER (WHERE is_won), count(*)
        FROM opportunities WHERE type IN ('upsell', 'renewal') AND {CLOSED}""",
    )
    if closed < MIN_LOSSES:
        return _skip("closed upsell and renewal deals", closed, MIN_LOSSES)
    realism = ctx.config.realism
    floor = min(0.45, min(realism.win.upsell_rate, realism.win.renewal_rate) - 0.1)
    rate = won / closed
    return _verdict(rate >= floor, f"expansion win rate {rate:.3f} (floor {floor:.2f})")


def _deal_size_spread(con: duckdb.DuckDBPyConnection, ctx: Context) -> Outcome:
    count, sigma = _row(con, ctx, "SELECT count(*), stddev_samp(ln(amount)) FROM opportunities WHERE amount > 0")
    if count < MIN_CLOSED:
        return _skip("deals with an amount", count, MIN_CLOSED)
    return _verdict(1.3 <= sigma <= 2.1, f"σ of ln(amount) {sigma:.2f} (band 1.30-2.10)")


def _deal_size_by_company_size(con: duckdb.DuckDBPyConnection, ctx: Context) -> Outcome:
    rows = con.execute("""SELECT c.size, count(*), median(o.amount)::DOUBLE
        FROM opportunities AS o JOIN customers AS c USING (customer_id) GROUP BY c.size""").fetchall()
    stats = {size: (int(n), float(m)) for size, n, m in rows}
    counts = {size: stats.get(size, (0, 0.0))[0] for size in CYCLE_BANDS}
    if min(counts.values()) < MIN_GROUP:
        return _skip("deals in the smallest size band", min(counts.values()), MIN_GROUP)
    small, medium, enterprise = (stats[size][1] for size in CYCLE_BANDS)
    detail = f"median deal amount small {small:,.0f} < medium {medium:,.0f} < enterprise {enterprise:,.0f}"
    return _verdict(small < medium < enterprise, detail)


def _cycle_by_company_size(con: duckdb.DuckDBPyConnection, ctx: Context) -> Outcome:
    rows = con.execute("""SELECT c.size, count(*), median(epoch(o.closed_at) - epoch(o.created_at)) / 86400.0
        FROM opportunities AS o JOIN customers AS c USING (customer_id)
        WHERE o.is_won GROUP BY c.size""").fetchall()
    judged = [(size, float(days)) for size, n, days in rows if size in CYCLE_BANDS and n >= MIN_GROUP]
    if not judged:
        return _skip("won deals in every size band", max((int(n) for _, n, _ in rows), default=0), MIN_GROUP)
    parts, ok = [], True
    for size, days in sorted(judged, key=lambda item: list(CYCLE_BANDS).index(item[0])):
        low, high = CYCLE_BANDS[size]
        ok = ok and low <= days <= high
        parts.append(f"{size} {days:.0f} d (band {low:.0f}-{high:.0f})")
    return _verdict(ok, "median won cycle: " + ", ".join(parts))


def _quarter_end_wins(con: duckdb.DuckDBPyConnection, ctx: Context) -> Outcome:
    third, wins = _row(
        con,
        ctx,
        """SELECT
        count(*) FILTER (WHERE month(timezone('UTC', closed_at)) IN (3, 6, 9, 12)), count(*)
        FROM opportunities WHERE is_won AND closed_at IS NOT NULL""",
    )
    if wins < MIN_CLOSED:
        return _skip("won deals", wins, MIN_CLOSED)
    share = third / wins
    return _verdict(0.38 <= share <= 0.60, f"share of wins in a quarter's third month {share:.3f} (band 0.38-0.60)")


def _no_decision_share(con: duckdb.DuckDBPyConnection, ctx: Context) -> Outcome:
    none, losses = _row(
        con,
        ctx,
        """SELECT count(*) FILTER (WHERE lower(loss_reason) = 'no decision'), count(*)
        FROM opportunities WHERE is_closed AND NOT is_won""",
    )
    if losses < MIN_LOSSES:
        return _skip("lost deals", losses, MIN_LOSSES)
    share = none / losses
    return _verdict(0.35 <= share <= 0.65, f"'No decision' share of losses {share:.3f} (band 0.35-0.65)")


def _touches_won_vs_lost(con: duckdb.DuckDBPyConnection, ctx: Context) -> Outcome:
    rows = con.execute("""SELECT CASE WHEN o.is_won THEN 'won' ELSE 'lost' END, count(*), avg(coalesce(i.n, 0))
        FROM opportunities AS o
        LEFT JOIN (SELECT opportunity_id, count(*) AS n FROM interactions GROUP BY opportunity_id) AS i
               USING (opportunity_id)
        WHERE o.is_closed GROUP BY 1""").fetchall()
    stats = {stage: (int(n), float(mean)) for stage, n, mean in rows}
    won_n, won_mean = stats.get("won", (0, 0.0))
    lost_n, lost_mean = stats.get("lost", (0, 0.0))
    if min(won_n, lost_n) < MIN_GROUP:
        return _skip("won or lost deals", min(won_n, lost_n), MIN_GROUP)
    detail = f"interactions per won deal {won_mean:.1f} vs lost {lost_mean:.1f} (need ≥ 1.5×)"
    return _verdict(won_mean >= 1.5 * lost_mean, detail)


def _competitor_effect(con: duckdb.DuckDBPyConnection, ctx: Context) -> Outcome:
    rows = con.execute(f"""SELECT len(competitors) > 0, count(*), avg(CASE WHEN is_won THEN 1 ELSE 0 END)
        FROM opportunities WHERE {CLOSED} GROUP BY ALL""").fetchall()
    stats = {bool(named): (int(n), float(rate)) for named, n, rate in rows}
    with_n, with_rate = stats.get(True, (0, 0.0))
    without_n, without_rate = stats.get(False, (0, 0.0))
    if min(with_n, without_n) < MIN_COMPETITOR_GROUP:
        return _skip("closed deals with or without a competitor", min(with_n, without_n), MIN_COMPETITOR_GROUP)
    detail = f"win rate with a named competitor {with_rate:.3f} < without {without_rate:.3f}"
    return _verdict(with_rate < without_rate, detail)


def _rep_skill_dispersion(con: duckdb.DuckDBPyConnection, ctx: Context) -> Outcome:
    reps, variance, pooled, inv_n = _row(
        con,
        ctx,
        f"""
        WITH r AS (SELECT owner_rep_id, count(*) AS n, avg(CASE WHEN is_won THEN 1 ELSE 0 END) AS p
                   FROM opportunities WHERE {CLOSED} GROUP BY owner_rep_id HAVING count(*) >= {MIN_REP_CLOSED})
        SELECT count(*), var_pop(p), sum(p * n) / sum(n), avg(1.0 / n) FROM r""",
    )
    if reps < MIN_REPS:
        return _skip(f"reps with ≥ {MIN_REP_CLOSED} closed deals", reps, MIN_REPS)
    noise = pooled * (1 - pooled) * inv_n
    detail = f"variance of rep win rates {variance:.4f} vs binomial noise {noise:.4f} (need ≥ 1.5×)"
    return _verdict(variance >= 1.5 * noise, detail)


def _business_hours(con: duckdb.DuckDBPyConnection, ctx: Context) -> Outcome:
    inside, total = _row(
        con,
        ctx,
        """
        WITH t AS (
            SELECT timezone(c.timezone, i.occurred_at) AS local
            FROM interactions AS i JOIN contacts AS c USING (contact_id)
            WHERE i.type IN ('call', 'meeting', 'demo')
              AND c.timezone IN (SELECT name FROM pg_timezone_names()))
        SELECT count(*) FILTER (WHERE isodow(local) <= 5 AND local::TIME BETWEEN TIME '08:00' AND TIME '18:00'),
               count(*) FROM t""",
    )
    if total < MIN_TOUCHES:
        return _skip("calls, meetings and demos", total, MIN_TOUCHES)
    share = inside / total
    detail = f"share of calls, meetings and demos in local business hours {share:.3f} (need ≥ 0.95)"
    return _verdict(share >= 0.95, detail)


def _open_deals_expected_close(con: duckdb.DuckDBPyConnection, ctx: Context) -> Outcome:
    future, total = _row(
        con,
        ctx,
        f"""SELECT count(*) FILTER (WHERE expected_close_date >= $as_of_date), count(*)
        FROM opportunities WHERE NOT ({CLOSED})""",
    )
    if total < MIN_OPEN:
        return _skip("open deals", total, MIN_OPEN)
    share = future / total
    return _verdict(share >= 0.8, f"share of open deals expected to close on or after as_of {share:.3f} (need ≥ 0.80)")


def _realism(name: str, description: str, evaluate: Evaluator) -> Check:
    return Check(name, "realism", description, evaluate=evaluate)


CHECKS: tuple[Check, ...] = (
    _realism(
        "realism.new_business_win_rate",
        "new-business win rate within the configured target ± 0.1",
        _new_business_win_rate,
    ),
    _realism("realism.expansion_win_rate", "upsell and renewal win rate ≥ 0.45", _expansion_win_rate),
    _realism("realism.deal_size_spread", "σ of ln(amount) over all deals within 1.3-2.1", _deal_size_spread),
    _realism(
        "realism.deal_size_by_company_size",
        "median deal amount rises: small < medium < enterprise",
        _deal_size_by_company_size,
    ),
    _realism(
        "realism.cycle_by_company_size",
        "median won sales cycle in days: small 14-60, medium 40-150, enterprise 90-300",
        _cycle_by_company_size,
    ),
    _realism(
        "realism.quarter_end_wins", "38-60% of wins close in the third month of a calendar quarter", _quarter_end_wins
    ),
    _realism("realism.no_decision_share", "35-65% of losses are 'No decision'", _no_decision_share),
    _realism(
        "realism.touches_won_vs_lost", "won deals get ≥ 1.5× the interactions of lost deals", _touches_won_vs_lost
    ),
    _realism("realism.competitor_effect", "deals with a named competitor are won less often", _competitor_effect),
    _realism(
        "realism.rep_skill_dispersion",
        "win rates of reps with ≥ 30 closed deals vary ≥ 1.5× more than binomial noise",
        _rep_skill_dispersion,
    ),
    _realism(
        "time.business_hours",
        "≥ 95% of calls, meetings and demos fall Mon-Fri 08:00-18:00 in the contact's timezone",
        _business_hours,
    ),
    _realism(
        "time.open_deals_expected_close",
        "≥ 80% of open deals have expected_close_date ≥ as_of",
        _open_deals_expected_close,
    ),
)


# --- Reference figures (additive; one entry per realism check above) -----------------------------------
# The band each check judges by is computed in its function (so `validate` and the report print the same
# figure); what lives here is what a reader needs beside it: the statistic in words, the published figure
# the band is calibrated to, and its sources (the labels and addresses of docs/realism.md's source list).


@dataclass(frozen=True)
class Reference:
    """The published figure behind one realism check, for the report's scorecard.

    Example:
        >>> REFERENCES["realism.no_decision_share"].sources[0][0]
        'HBR'
    """

    statistic: str
    published: str
    sources: tuple[tuple[str, str], ...] = ()


_HBR = (
    "HBR",
    "https://www.managementconsultingconnection.com/marketing/sales/?open-article-id=21809879&article-title=stop-losing-sales-to-customer-indecision&blog-domain=hbr.org&blog-title=harvard-business-review-",
)
_CRO = ("CRO Report", "https://thecroreport.com/glossary/sales-cycle-length")
_IMPLISIT = (
    "Implisit",
    "http://answers.salesforce.com/blog/2014/08/infographic-7-powerful-predictors-closed-won-opportunity-gp.html",
)
_EBSTA = ("Ebsta", "https://thenotsosecretcro.com/2024/05/29/3-things-your-top-performers-do-differently")
_KNOWLEE = ("Knowlee", "https://www.knowlee.ai/glossary/win-rate")

REFERENCES: dict[str, Reference] = {
    "realism.new_business_win_rate": Reference(
        "new-business win rate (won / closed)",
        "21% of all, 29% of qualified opportunities; 30% of 21,000; 19–29%",
        (("HubSpot", "https://salesmotion.io/blog/sales-win-rate-benchmarks-2026"), _IMPLISIT, _EBSTA),
    ),
    "realism.expansion_win_rate": Reference(
        "upsell and renewal win rate", "above new business (judgement call: no public figure)"
    ),
    "realism.deal_size_spread": Reference(
        "σ of ln(amount), all deals", "lognormal-like sizes (judgement call: no public figure for the spread)"
    ),
    "realism.deal_size_by_company_size": Reference(
        "median deal amount by company size", "SMB $5–25K, mid-market $25–100K, enterprise $100K+ ACV", (_CRO,)
    ),
    "realism.cycle_by_company_size": Reference(
        "median won sales cycle by company size",
        "SMB 14–30, mid-market 30–90, enterprise 90–180 days; B2B SaaS median 84 days",
        (_CRO, ("Gangly", "https://getgangly.com/blog/saas-sales-cycle")),
    ),
    "realism.quarter_end_wins": Reference(
        "share of wins in a quarter's third month",
        "commissions spike at the end of months 3, 6, 9, 12; month-end closes ≈ 3×",
        (
            ("Xactly", "https://www.xactlycorp.com/blog/deals-keep-coming-last-minute"),
            ("InsideSales", "https://dragonfly-lsc.com/?p=625"),
        ),
    ),
    "realism.no_decision_share": Reference(
        "share of losses to 'No decision'", "40–60% of lost deals die of customer indecision", (_HBR,)
    ),
    "realism.touches_won_vs_lost": Reference(
        "interactions per won vs lost deal",
        "won deals 34.9 emails vs 7.2 (4.8×); 10 vs 7 meetings",
        (_IMPLISIT, ("Repositioner", "http://repositioner.com/lost-deals-take-38-longer-to-finalize/")),
    ),
    "realism.competitor_effect": Reference(
        "win rate with vs without a named competitor", "displacing an incumbent runs 5–10 points lower", (_KNOWLEE,)
    ),
    "realism.rep_skill_dispersion": Reference(
        "spread of rep win rates beyond chance",
        "17% of reps deliver 81% of revenue; top performers 8.9× the rest (directional)",
        (_EBSTA,),
    ),
    "time.business_hours": Reference(
        "calls, meetings and demos in the contact's business hours", "weekday office hours (judgement call)"
    ),
    "time.open_deals_expected_close": Reference(
        "open deals expected to close on or after as_of", "a live pipeline is mostly dated ahead (judgement call)"
    ),
}
