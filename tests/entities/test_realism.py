"""Realism bands of the sales model, measured with DuckDB SQL on one generated dataset of 20,000 customers.

Bands are the reference values of DESIGN.md §3 and the ``Realism`` field descriptions (public B2B
benchmarks); each assertion message carries its band. Run with ``-s`` to see the measured figures.
Hard rules that the model must never break (country-consistent people, money, rep metrics) are asserted
with zero tolerance, with examples of the offending rows in the message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import duckdb
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salesgen import SalesDataGenerator
from salesgen.vocab import country_codes, load_country
from salesgen.vocab.phones import phone_regex

SEED = 20_240_601
CUSTOMERS = 20_000
REPS = 80
SIZES = ("small", "medium", "enterprise")
CONTINENTS = {
    "US": "North America",
    "CA": "North America",
    "MX": "North America",
    "BR": "South America",
    "GB": "Europe",
    "DE": "Europe",
    "FR": "Europe",
    "ES": "Europe",
    "NL": "Europe",
    "IN": "Asia",
    "JP": "Asia",
    "AU": "Oceania",
}


def pattern_regex(pattern: str) -> str:
    """A vocab pattern ('#' digit, 'A' capital letter, anything else literal) as an RE2 full-match regex."""
    pieces = {"#": "[0-9]", "A": "[A-Z]"}
    return "".join(pieces.get(ch, ch if ch.isalnum() or ch == " " else "\\" + ch) for ch in pattern)


def vocabulary_tables() -> dict[str, pa.Table]:
    """The shipped per-country vocabulary as tables to join against."""
    countries: dict[str, list[Any]] = {k: [] for k in ("code", "dial", "phone_regex", "postal_regex", "language")}
    cities: dict[str, list[Any]] = {k: [] for k in ("country", "city", "region", "timezone", "postal_prefix")}
    names: dict[str, list[Any]] = {k: [] for k in ("country", "part", "name")}
    for code in country_codes():
        vocab = load_country(code)
        dial = re.match(r"\+\d+", vocab.phone_pattern)
        assert dial, vocab.phone_pattern
        for key, value in zip(
            countries,
            (code, dial.group(), phone_regex(code), pattern_regex(vocab.postal_pattern), vocab.languages[0]),
            strict=True,
        ):
            countries[key].append(value)
        for row in zip(
            vocab.cities.to_pylist(),
            vocab.city_regions.to_pylist(),
            vocab.city_timezones.to_pylist(),
            vocab.city_postal_prefixes.to_pylist(),
            strict=True,
        ):
            for key, value in zip(cities, (code, *row), strict=True):
                cities[key].append(value)
        for part, values in (("first", vocab.first_names), ("last", vocab.last_names)):
            for name in values.to_pylist():
                names["country"].append(code)
                names["part"].append(part)
                names["name"].append(name)
    return {"vocab_countries": pa.table(countries), "vocab_cities": pa.table(cities), "vocab_names": pa.table(names)}


def connect(tables: dict[str, pa.Table]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    for name, table in tables.items():
        con.register(name, table)
    return con


@pytest.fixture(scope="module")
def crm() -> Iterator[duckdb.DuckDBPyConnection]:
    dataset = SalesDataGenerator(seed=SEED).generate_dataset(num_customers=CUSTOMERS, num_sales_people=REPS)
    con = connect({**dict(dataset), **vocabulary_tables()})
    # Closed deals with the facts the bands need: size band, cycle in days, touches.
    con.execute("""
        CREATE TEMP TABLE deals AS
        SELECT o.*, c.size, date_diff('second', o.created_at, o.closed_at) / 86400.0 AS cycle_days,
               (SELECT count(*) FROM interactions i WHERE i.opportunity_id = o.opportunity_id) AS touches
        FROM opportunities o JOIN customers c USING (customer_id)
    """)
    yield con
    con.close()


def one(con: duckdb.DuckDBPyConnection, sql: str) -> Any:
    row = con.execute(sql).fetchone()
    assert row is not None, sql
    return row[0] if len(row) == 1 else row


def in_band(label: str, value: float, low: float, high: float) -> None:
    print(f"[realism] {label} = {value:.4g}  (band [{low:g}, {high:g}])")
    assert low <= value <= high, f"{label} = {value:.4f}, outside the band [{low}, {high}]"


def no_rows(con: duckdb.DuckDBPyConnection, label: str, sql: str) -> None:
    rows = con.execute(sql).fetchall()
    print(f"[realism] {label}: {len(rows)} violations")
    assert not rows, f"{label}: {len(rows)} violations, e.g. {rows[:5]}"


# --------------------------------------------------------------------------- outcomes


def test_new_business_win_rate(crm: duckdb.DuckDBPyConnection) -> None:
    rate = one(crm, "SELECT avg(is_won::INT) FROM deals WHERE is_closed AND type = 'new business'")
    in_band("new-business win rate won/(won+lost)", rate, 0.20, 0.30)


@pytest.mark.parametrize("deal_type", ["upsell", "renewal"])
def test_expansion_win_rates(crm: duckdb.DuckDBPyConnection, deal_type: str) -> None:
    closed = one(crm, f"SELECT count(*) FROM deals WHERE is_closed AND type = '{deal_type}'")
    assert closed >= 500, f"too few closed {deal_type} deals ({closed}) to measure"
    rate = one(crm, f"SELECT avg(is_won::INT) FROM deals WHERE is_closed AND type = '{deal_type}'")
    in_band(f"{deal_type} win rate", rate, 0.50, 0.80)


def test_no_decision_share_of_losses(crm: duckdb.DuckDBPyConnection) -> None:
    share = one(crm, "SELECT avg((loss_reason = 'No decision')::INT) FROM deals WHERE stage = 'lost'")
    in_band("'No decision' share of lost deals", share, 0.40, 0.60)
    no_rows(
        crm,
        "lost deals without a loss_reason",
        "SELECT opportunity_id FROM deals WHERE stage = 'lost' AND loss_reason IS NULL",
    )


def test_competitor_lowers_the_new_business_win_rate(crm: duckdb.DuckDBPyConnection) -> None:
    with_rival, without = one(
        crm,
        """
        SELECT avg(is_won::INT) FILTER (WHERE primary_competitor_id IS NOT NULL),
               avg(is_won::INT) FILTER (WHERE primary_competitor_id IS NULL)
        FROM deals WHERE is_closed AND type = 'new business'""",
    )
    gap = without - with_rival
    print(f"[realism] new-business win rate with a competitor {with_rival:.4f}, without {without:.4f}")
    in_band("win-rate gap without - with competitor (points)", gap * 100, 3, 100)


@pytest.mark.parametrize("size", SIZES)
def test_competitor_effect_holds_within_each_size_band(crm: duckdb.DuckDBPyConnection, size: str) -> None:
    """Not only a mix effect (big accounts meet more rivals and win less): the gap exists within a band."""
    with_rival, without = one(
        crm,
        f"""
        SELECT avg(is_won::INT) FILTER (WHERE primary_competitor_id IS NOT NULL),
               avg(is_won::INT) FILTER (WHERE primary_competitor_id IS NULL)
        FROM deals WHERE is_closed AND type = 'new business' AND size = '{size}'""",
    )
    in_band(f"win-rate gap without - with competitor, {size} (points)", (without - with_rival) * 100, 3, 100)


def test_competitors_appear_more_often_on_lost_deals(crm: duckdb.DuckDBPyConnection) -> None:
    lost, won = one(
        crm,
        """
        SELECT avg((len(competitors) > 0)::INT) FILTER (WHERE stage = 'lost'),
               avg((len(competitors) > 0)::INT) FILTER (WHERE is_won) FROM deals""",
    )
    print(f"[realism] deals naming a competitor: lost {lost:.4f}, won {won:.4f}")
    assert lost > won, f"competitors on {lost:.3f} of lost deals, not more than on {won:.3f} of won deals"


def test_reps_differ_in_skill_beyond_binomial_noise(crm: duckdb.DuckDBPyConnection) -> None:
    reps, observed, binomial = one(
        crm,
        """
        WITH r AS (SELECT owner_rep_id, avg(is_won::INT) AS p, count(*) AS n
                   FROM deals WHERE is_closed GROUP BY owner_rep_id HAVING count(*) >= 50)
        SELECT count(*), var_pop(p), avg(p * (1 - p) / n) FROM r""",
    )
    assert reps >= 10, f"only {reps} reps with >= 50 closed deals"
    print(f"[realism] per-rep win-rate variance {observed:.5f} vs binomial {binomial:.5f} over {reps} reps")
    in_band("per-rep win-rate variance / binomial variance", observed / binomial, 2, float("inf"))


@pytest.mark.parametrize("size", SIZES)
def test_rep_skill_shows_within_a_segment(crm: duckdb.DuckDBPyConnection, size: str) -> None:
    """Not only a segment effect: reps selling to the same size band still differ beyond binomial noise."""
    reps, observed, binomial = one(
        crm,
        f"""
        WITH r AS (SELECT owner_rep_id, avg(is_won::INT) AS p, count(*) AS n FROM deals
                   WHERE is_closed AND size = '{size}' GROUP BY owner_rep_id HAVING count(*) >= 50)
        SELECT count(*), var_pop(p), avg(p * (1 - p) / n) FROM r""",
    )
    assert reps >= 5, f"only {reps} reps with >= 50 closed {size} deals"
    in_band(
        f"per-rep win-rate variance / binomial variance, {size} ({reps} reps)", observed / binomial, 2, float("inf")
    )


# --------------------------------------------------------------------------- sizes and cycles


def test_deal_amounts_are_lognormal_like(crm: duckdb.DuckDBPyConnection) -> None:
    sigma = one(crm, "SELECT stddev_samp(ln(amount::DOUBLE)) FROM deals")
    in_band("sigma of ln(amount), all deals", sigma, 1.3, 2.0)


def test_median_amount_grows_with_company_size(crm: duckdb.DuckDBPyConnection) -> None:
    medians = dict(crm.execute("SELECT size, median(amount::DOUBLE) FROM deals GROUP BY size").fetchall())
    print("[realism] median amount by size: " + ", ".join(f"{s} {medians[s]:,.0f}" for s in SIZES))
    assert medians["small"] < medians["medium"] < medians["enterprise"], f"median amounts {medians}"


@pytest.mark.parametrize(("size", "low", "high"), [("small", 20, 45), ("medium", 60, 120), ("enterprise", 120, 270)])
def test_median_won_cycle_by_size(crm: duckdb.DuckDBPyConnection, size: str, low: float, high: float) -> None:
    # A renewal opens a set lead time before its term ends: its open-to-close time is not a sales cycle.
    days = one(crm, f"SELECT median(cycle_days) FROM deals WHERE is_won AND size = '{size}' AND type <> 'renewal'")
    in_band(f"median won-deal cycle, {size} (days)", days, low, high)


def _cycle_below_above_median_amount(con: duckdb.DuckDBPyConnection, where: str) -> tuple[float, float]:
    below, above = one(
        con,
        f"""
        WITH won AS (SELECT amount, cycle_days FROM deals WHERE is_won AND {where}),
             mid AS (SELECT median(amount) AS m FROM won)
        SELECT median(cycle_days) FILTER (WHERE amount < m), median(cycle_days) FILTER (WHERE amount > m)
        FROM won, mid""",
    )
    return below, above


@pytest.mark.parametrize("size", SIZES)
def test_bigger_deals_take_longer_within_a_size_band(crm: duckdb.DuckDBPyConnection, size: str) -> None:
    below, above = _cycle_below_above_median_amount(crm, f"size = '{size}'")
    print(f"[realism] median won cycle, {size}: below median amount {below:.1f} d, above {above:.1f} d")
    assert above > below, f"{size}: deals above the median amount close in {above:.1f} d, below in {below:.1f} d"
    # Within one deal type too, so the effect is the cycle's deal-size elasticity, not the mix of deal types.
    below, above = _cycle_below_above_median_amount(crm, f"size = '{size}' AND type = 'new business'")
    in_band(f"new-business won cycle above / below median amount, {size}", above / below, 1.1, float("inf"))


def test_wins_bunch_in_the_last_month_of_the_quarter(crm: duckdb.DuckDBPyConnection) -> None:
    share = one(crm, "SELECT avg((month(closed_at) % 3 = 0)::INT) FROM deals WHERE is_won")
    in_band("share of wins closing in month 3 of a quarter", share, 0.40, 0.55)


# --------------------------------------------------------------------------- touches


def test_won_deals_get_more_touches(crm: duckdb.DuckDBPyConnection) -> None:
    won, lost = one(
        crm,
        """
        SELECT avg(touches) FILTER (WHERE is_won), avg(touches) FILTER (WHERE stage = 'lost') FROM deals""",
    )
    print(f"[realism] mean interactions per deal: won {won:.2f}, lost {lost:.2f}")
    in_band("touches per won deal / per lost deal", won / lost, 1.5, float("inf"))


def test_sentiment_drifts_toward_the_outcome(crm: duckdb.DuckDBPyConnection) -> None:
    won, lost = one(
        crm,
        """
        SELECT avg(i.sentiment_score) FILTER (WHERE d.is_won), avg(i.sentiment_score) FILTER (WHERE d.stage = 'lost')
        FROM interactions i JOIN deals d USING (opportunity_id)""",
    )
    print(f"[realism] mean sentiment: won deals {won:.3f}, lost deals {lost:.3f}")
    assert won > lost, f"sentiment on won deals {won:.3f} not above lost deals {lost:.3f}"


def test_live_touches_happen_in_local_business_hours(crm: duckdb.DuckDBPyConnection) -> None:
    share, count = one(
        crm,
        """
        WITH t AS (SELECT timezone(c.timezone, i.occurred_at) AS local
                   FROM interactions i JOIN contacts c USING (contact_id)
                   WHERE i.type IN ('call', 'meeting', 'demo'))
        SELECT avg((isodow(local) <= 5 AND local::TIME >= TIME '08:00' AND local::TIME <= TIME '18:00')::INT),
               count(*)
        FROM t""",
    )
    assert count > 10_000
    in_band("calls/meetings/demos Mon-Fri 08:00-18:00 local", share, 0.95, 1.0)


# --------------------------------------------------------------------------- people and places


def test_customers_span_countries_and_continents(crm: duckdb.DuckDBPyConnection) -> None:
    countries = [row[0] for row in crm.execute("SELECT DISTINCT country FROM customers").fetchall()]
    continents = {CONTINENTS[c] for c in countries}
    print(f"[realism] {len(countries)} countries on {len(continents)} continents: {sorted(countries)}")
    assert len(countries) >= 8, f"only {len(countries)} countries: {countries}"
    assert len(continents) >= 3, f"only continents {continents}"


def test_phones_fit_the_country(crm: duckdb.DuckDBPyConnection) -> None:
    no_rows(
        crm,
        "customer phones not starting with the country's dialing code",
        """
        SELECT c.customer_id, c.country, c.phone FROM customers c JOIN vocab_countries v ON v.code = c.country
        WHERE NOT starts_with(c.phone, v.dial || ' ')""",
    )
    no_rows(
        crm,
        "customer phones not in the country's format",
        """
        SELECT c.customer_id, c.country, c.phone FROM customers c JOIN vocab_countries v ON v.code = c.country
        WHERE NOT regexp_full_match(c.phone, v.phone_regex)""",
    )
    no_rows(
        crm,
        "contact phones not in the format of the customer's country",
        """
        SELECT p.contact_id, c.country, p.phone FROM contacts p JOIN customers c USING (customer_id)
        JOIN vocab_countries v ON v.code = c.country WHERE NOT regexp_full_match(p.phone, v.phone_regex)""",
    )
    no_rows(
        crm,
        "rep phones not in the format of the rep's country",
        """
        SELECT r.rep_id, r.country, r.phone FROM sales_reps r JOIN vocab_countries v ON v.code = r.country
        WHERE NOT regexp_full_match(r.phone, v.phone_regex)""",
    )


def test_addresses_fit_the_country(crm: duckdb.DuckDBPyConnection) -> None:
    no_rows(
        crm,
        "customer city/region/timezone not a real combination of the country",
        """
        SELECT c.customer_id, c.country, c.city, c.region, c.timezone FROM customers c
        WHERE NOT EXISTS (SELECT 1 FROM vocab_cities v WHERE v.country = c.country AND v.city = c.city
                          AND v.region = c.region AND v.timezone = c.timezone)""",
    )
    no_rows(
        crm,
        "postal codes not in the country's format or not of the city",
        """
        SELECT c.customer_id, c.country, c.city, c.postal_code FROM customers c
        JOIN vocab_countries k ON k.code = c.country
        JOIN vocab_cities v ON v.country = c.country AND v.city = c.city AND v.region = c.region
        WHERE NOT regexp_full_match(c.postal_code, k.postal_regex)
           OR NOT starts_with(c.postal_code, v.postal_prefix)""",
    )
    no_rows(
        crm,
        "contacts not in their company's time zone",
        """
        SELECT p.contact_id FROM contacts p JOIN customers c USING (customer_id) WHERE p.timezone <> c.timezone""",
    )


def test_names_and_languages_fit_the_nationality(crm: duckdb.DuckDBPyConnection) -> None:
    for table, key in (("contacts", "contact_id"), ("sales_reps", "rep_id")):
        no_rows(
            crm,
            f"{table} names not from the nationality's name lists",
            f"""
            SELECT p.{key}, p.nationality, p.first_name, p.last_name FROM {table} p
            WHERE NOT EXISTS (SELECT 1 FROM vocab_names n WHERE n.country = p.nationality AND n.part = 'first'
                              AND n.name = p.first_name)
               OR NOT EXISTS (SELECT 1 FROM vocab_names n WHERE n.country = p.nationality AND n.part = 'last'
                              AND n.name = p.last_name)""",
        )
        no_rows(
            crm,
            f"{table} whose languages lack the nationality's primary language",
            f"""
            SELECT p.{key}, p.nationality, p.languages FROM {table} p JOIN vocab_countries v ON v.code = p.nationality
            WHERE NOT list_contains(p.languages, v.language)""",
        )
    foreign = one(
        crm, "SELECT avg((p.nationality <> c.country)::INT) FROM contacts p JOIN customers c USING (customer_id)"
    )
    print(f"[realism] share of contacts with a nationality other than their company's country: {foreign:.4f}")
    assert 0 < foreign < 0.5, f"foreign-national share of contacts {foreign:.3f}"


def test_employees_and_revenue_fit_the_size_band(crm: duckdb.DuckDBPyConnection) -> None:
    no_rows(
        crm,
        "employees outside the size band",
        """
        SELECT customer_id, size, employees FROM customers
        WHERE NOT CASE size WHEN 'small' THEN employees BETWEEN 1 AND 199
                            WHEN 'medium' THEN employees BETWEEN 200 AND 999
                            WHEN 'enterprise' THEN employees >= 1000 END""",
    )
    low, high = one(
        crm, "SELECT min(annual_revenue::DOUBLE / employees), max(annual_revenue::DOUBLE / employees) FROM customers"
    )
    print(f"[realism] revenue per employee: {low:,.0f} .. {high:,.0f}")
    no_rows(
        crm,
        "revenue per employee outside [20k, 2M]",
        """
        SELECT customer_id, employees, annual_revenue FROM customers
        WHERE annual_revenue::DOUBLE / employees NOT BETWEEN 20000 AND 2000000""",
    )


# --------------------------------------------------------------------------- consistency


def test_amount_is_the_exact_sum_of_line_totals(crm: duckdb.DuckDBPyConnection) -> None:
    no_rows(
        crm,
        "opportunities whose amount != sum of line totals",
        """
        SELECT o.opportunity_id, o.amount, sum(l.total_price) AS lines
        FROM opportunities o LEFT JOIN opportunity_line_items l USING (opportunity_id)
        GROUP BY o.opportunity_id, o.amount HAVING sum(l.total_price) IS DISTINCT FROM o.amount""",
    )


def test_rep_metrics_equal_what_their_deals_give(crm: duckdb.DuckDBPyConnection) -> None:
    crm.execute("""
        CREATE OR REPLACE TEMP TABLE rep_check AS
        SELECT r.rep_id, r.deals_won, r.deals_lost, r.win_rate, r.avg_deal_size, r.open_pipeline,
               coalesce(d.won, 0) AS won, coalesce(d.lost, 0) AS lost, d.won_amount, coalesce(d.pipeline, 0) AS pipeline
        FROM sales_reps r LEFT JOIN (
            SELECT owner_rep_id AS rep_id, count(*) FILTER (WHERE is_won) AS won,
                   count(*) FILTER (WHERE stage = 'lost') AS lost,
                   avg(amount::DOUBLE) FILTER (WHERE is_won) AS won_amount,
                   sum(amount) FILTER (WHERE NOT is_closed) AS pipeline
            FROM opportunities GROUP BY owner_rep_id) d USING (rep_id)""")
    assert one(crm, "SELECT sum(deals_won + deals_lost) FROM rep_check") == one(
        crm, "SELECT count(*) FROM opportunities WHERE is_closed"
    )
    no_rows(
        crm,
        "reps whose deals_won/deals_lost differ from their deals",
        """
        SELECT rep_id, deals_won, won, deals_lost, lost FROM rep_check WHERE deals_won <> won OR deals_lost <> lost""",
    )
    no_rows(
        crm,
        "reps whose win_rate is not won/(won+lost) rounded to 4 decimals",
        """
        SELECT rep_id, win_rate, won, lost FROM rep_check
        WHERE CASE WHEN won + lost = 0 THEN win_rate IS NOT NULL
                   ELSE win_rate IS NULL OR abs(win_rate - won / (won + lost)) > 0.00005 + 1e-12
                        OR abs(win_rate * 10000 - round(win_rate * 10000)) > 1e-6 END""",
    )
    no_rows(
        crm,
        "reps whose avg_deal_size is not the mean won amount (to the cent)",
        """
        SELECT rep_id, avg_deal_size, won_amount FROM rep_check
        WHERE (won = 0) <> (avg_deal_size IS NULL) OR abs(avg_deal_size::DOUBLE - won_amount) > 0.005 + 1e-6""",
    )
    no_rows(
        crm,
        "reps whose open_pipeline is not the sum of their open deals",
        """
        SELECT rep_id, open_pipeline, pipeline FROM rep_check WHERE open_pipeline <> pipeline""",
    )


# --------------------------------------------------------------------------- direction over seeds


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**63 - 1))
def test_direction_holds_for_any_seed(seed: int) -> None:
    dataset = SalesDataGenerator(seed=seed).generate_dataset(num_customers=2_000, num_sales_people=20)
    con = connect(dict(dataset))
    try:
        small, enterprise = one(
            con,
            """
            SELECT median(o.amount) FILTER (WHERE c.size = 'small'),
                   median(o.amount) FILTER (WHERE c.size = 'enterprise')
            FROM opportunities o JOIN customers c USING (customer_id)""",
        )
        assert enterprise > small, f"seed {seed}: enterprise median {enterprise} <= small median {small}"
        won, lost = one(
            con,
            """
            WITH t AS (SELECT o.is_won, o.stage, count(i.interaction_id) AS touches
                       FROM opportunities o LEFT JOIN interactions i USING (opportunity_id)
                       WHERE o.is_closed GROUP BY o.opportunity_id, o.is_won, o.stage)
            SELECT avg(touches) FILTER (WHERE is_won), avg(touches) FILTER (WHERE stage = 'lost') FROM t""",
        )
        assert won > lost, f"seed {seed}: {won:.2f} touches per won deal, not above {lost:.2f} per lost deal"
    finally:
        con.close()


# --------------------------------------------------------------------------- sequences (issue 7)


def test_touches_concentrate_in_the_late_stages(crm: duckdb.DuckDBPyConnection) -> None:
    early, late = one(
        crm,
        """
        WITH spans AS (
            SELECT h.opportunity_id, h.stage, h.entered_at, h.exited_at,
                   date_diff('second', h.entered_at, h.exited_at) / 86400.0 AS days
            FROM opportunity_stage_history h JOIN deals d USING (opportunity_id)
            WHERE d.is_won AND h.exited_at IS NOT NULL),
        rates AS (
            SELECT s.stage IN ('proposal', 'negotiation') AS late, sum(s.days) AS days,
                   (SELECT count(*) FROM interactions i JOIN spans t USING (opportunity_id)
                    WHERE (t.stage IN ('proposal', 'negotiation')) = (s.stage IN ('proposal', 'negotiation'))
                      AND i.occurred_at >= t.entered_at AND i.occurred_at < t.exited_at) AS touches
            FROM spans s GROUP BY 1)
        SELECT max(touches / days) FILTER (WHERE NOT late), max(touches / days) FILTER (WHERE late) FROM rates""",
    )
    print(
        f"[realism] touches per deal-day on won deals: identified/qualified {early:.3f}, "
        f"proposal/negotiation {late:.3f}"
    )
    assert late > 1.2 * early


def test_won_deals_have_more_and_longer_meetings_and_more_stakeholders(crm: duckdb.DuckDBPyConnection) -> None:
    row = one(
        crm,
        """
        WITH per_deal AS (
            SELECT d.opportunity_id, d.is_won,
                   count(*) FILTER (WHERE i.type = 'meeting') AS meetings,
                   avg(i.duration_minutes) FILTER (WHERE i.type = 'meeting') AS meeting_minutes,
                   count(DISTINCT i.contact_id) AS stakeholders
            FROM deals d JOIN interactions i USING (opportunity_id) WHERE d.is_closed GROUP BY ALL)
        SELECT avg(meetings) FILTER (WHERE is_won), avg(meetings) FILTER (WHERE NOT is_won),
               avg(meeting_minutes) FILTER (WHERE is_won), avg(meeting_minutes) FILTER (WHERE NOT is_won),
               avg(stakeholders) FILTER (WHERE is_won), avg(stakeholders) FILTER (WHERE NOT is_won)
        FROM per_deal""",
    )
    won_meetings, lost_meetings, won_minutes, lost_minutes, won_people, lost_people = row
    print(
        f"[realism] meetings {won_meetings:.2f} vs {lost_meetings:.2f}, minutes {won_minutes:.1f} vs "
        f"{lost_minutes:.1f}, stakeholders {won_people:.2f} vs {lost_people:.2f} (won vs lost)"
    )
    assert won_meetings > 1.5 * lost_meetings and won_minutes > lost_minutes + 3 and won_people > lost_people


def test_sentiment_moves_toward_the_outcome_within_a_deal(crm: duckdb.DuckDBPyConnection) -> None:
    won_gain, lost_gain = one(
        crm,
        """
        WITH ranked AS (
            SELECT d.opportunity_id, d.is_won, i.sentiment_score,
                   row_number() OVER (PARTITION BY d.opportunity_id ORDER BY i.occurred_at) AS first,
                   row_number() OVER (PARTITION BY d.opportunity_id ORDER BY i.occurred_at DESC) AS last
            FROM deals d JOIN interactions i USING (opportunity_id) WHERE d.is_closed),
        change AS (
            SELECT opportunity_id, any_value(is_won) AS is_won,
                   max(sentiment_score) FILTER (WHERE last = 1) - max(sentiment_score) FILTER (WHERE first = 1) AS gain
            FROM ranked WHERE first = 1 OR last = 1 GROUP BY 1)
        SELECT avg(gain) FILTER (WHERE is_won), avg(gain) FILTER (WHERE NOT is_won) FROM change""",
    )
    print(f"[realism] sentiment change first → last touch: won {won_gain:+.3f}, lost {lost_gain:+.3f}")
    assert won_gain > 0.2 and lost_gain < -0.2


def test_notes_name_the_deal_product_and_rival(crm: duckdb.DuckDBPyConnection) -> None:
    product_share, rival_share, demo_mismatch = one(
        crm,
        """
        WITH main_product AS (
            SELECT li.opportunity_id, p.name FROM opportunity_line_items li JOIN products p USING (product_id)
            QUALIFY row_number() OVER (PARTITION BY li.opportunity_id ORDER BY li.line_item_id) = 1),
        touches AS (
            SELECT i.notes, i.type, mp.name AS product, c.name AS rival, i.topics,
                   i.outcome IN ('replied', 'connected', 'held') OR i.direction = 'inbound' AS talked
            FROM interactions i JOIN main_product mp USING (opportunity_id)
            JOIN opportunities o USING (opportunity_id)
            LEFT JOIN competitors c ON c.competitor_id = o.primary_competitor_id)
        SELECT avg(contains(notes, product)::INT),
               avg(contains(notes, rival)::INT) FILTER (WHERE rival IS NOT NULL AND talked
                   AND list_has_any(topics, ['pricing', 'proposal', 'contract terms', 'discount', 'legal review'])),
               count(*) FILTER (WHERE type = 'call' AND regexp_matches(notes, '\bdemo\b', 'i'))
        FROM touches""",
    )
    print(
        f"[realism] notes naming the deal's product {product_share:.3f}, "
        f"rival in late-stage conversations {rival_share:.3f}"
    )
    assert product_share == 1.0 and rival_share > 0.95 and demo_mismatch == 0


def test_no_touch_on_a_closed_deal_after_it_closed(crm: duckdb.DuckDBPyConnection) -> None:
    no_rows(
        crm,
        "interactions after their deal closed",
        """
        SELECT i.interaction_id FROM interactions i JOIN opportunities o USING (opportunity_id)
        WHERE o.is_closed AND i.occurred_at > o.closed_at""",
    )


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**63 - 1))
def test_competitor_and_size_directions_hold_for_any_seed(seed: int) -> None:
    dataset = SalesDataGenerator(seed=seed).generate_dataset(num_customers=3_000, num_sales_people=24)
    con = connect(dict(dataset))
    try:
        with_rival, without = one(
            con,
            """
            SELECT avg(is_won::INT) FILTER (WHERE primary_competitor_id IS NOT NULL),
                   avg(is_won::INT) FILTER (WHERE primary_competitor_id IS NULL)
            FROM opportunities WHERE is_closed AND type = 'new business'""",
        )
        assert with_rival < without - 0.04, f"seed {seed}: {with_rival:.3f} with a rival vs {without:.3f}"
        small, enterprise = one(
            con,
            """
            SELECT median(epoch(o.closed_at - o.created_at)) FILTER (WHERE c.size = 'small'),
                   median(epoch(o.closed_at - o.created_at)) FILTER (WHERE c.size = 'enterprise')
            FROM opportunities o JOIN customers c USING (customer_id) WHERE o.is_won""",
        )
        assert enterprise > 2 * small, f"seed {seed}: enterprise cycle {enterprise} vs small {small}"
    finally:
        con.close()
