"""Print the counts behind "content that reads as real" (issue 12) for one generated run.

Each figure is a DuckDB query (or a short pyarrow pass) over a generated dataset: 20,000
customers, 80 reps, seed 1 and the default config unless told otherwise. Run it on two
versions of salesgen to get a before/after table; nothing here is typed by hand.

    .venv/bin/python benchmarks/content.py [--customers 20000] [--reps 80] [--seed 1]
    .venv/bin/python benchmarks/content.py --customers 2700 --country JP   # ~10,000 Japanese contacts
    .venv/bin/python benchmarks/content.py --currency JPY                  # money in yen magnitudes

The rules below are deliberately simple text rules, written so they would catch the
contradictions a person sees when reading a row (a bounce that "replied", a no-show that lasted
45 minutes), independent of how the notes are generated.
"""

from __future__ import annotations

import argparse
import itertools
import re

import duckdb
import numpy as np

import salesgen
from salesgen import Config, load_preset, preset_names

# Every legal form of the twelve supported countries (and the ones the old generator used),
# each with the countries it belongs to. Fixed here so the count does not depend on the vocab.
LEGAL_FORMS: dict[str, tuple[str, ...]] = {
    "Inc.": ("US", "CA"),
    "LLC": ("US",),
    "Corp.": ("US", "CA"),
    "Ltd.": ("CA", "IN"),
    "Ltée": ("CA",),
    "S.A. de C.V.": ("MX",),
    "S. de R.L. de C.V.": ("MX",),
    "S.A.P.I. de C.V.": ("MX",),
    "Ltda.": ("BR",),
    "S.A.": ("BR", "ES", "FR"),
    "Ltd": ("GB", "AU"),
    "PLC": ("GB",),
    "LLP": ("GB", "IN"),
    "GmbH": ("DE",),
    "AG": ("DE",),
    "GmbH & Co. KG": ("DE",),
    "SE": ("DE", "FR", "NL"),
    "SAS": ("FR",),
    "SA": ("FR",),
    "SARL": ("FR",),
    "S.L.": ("ES",),
    "B.V.": ("NL",),
    "N.V.": ("NL",),
    "Pvt. Ltd.": ("IN",),
    "K.K.": ("JP",),
    "Co., Ltd.": ("JP",),
    "G.K.": ("JP",),
    "Pty Ltd": ("AU",),
}
INSTITUTIONS = ("Public Sector", "Education", "Healthcare")
INSTITUTION_SUBS = (
    "Local Government",
    "Defense",
    "Public Health",
    "Transportation",
    "Higher Education",
    "K-12",
    "Hospitals",
)

# (label, SQL over interactions i joined to the masked text) — each counts rows breaking a rule.
CONTRADICTIONS: dict[str, str] = {
    "bounced email whose note does not say it bounced": (
        "i.type = 'email' AND i.outcome = 'bounced' AND NOT regexp_matches(lower(i.notes), 'bounce|undeliver')"
    ),
    "bounced email that 'replied'": "i.outcome = 'bounced' AND regexp_matches(lower(i.notes), 'repl')",
    "inbound email written as the rep's ('Sent/Emailed X')": (
        "i.type = 'email' AND i.direction = 'inbound' AND regexp_matches(i.notes, '^(Sent|Emailed) ')"
    ),
    "voicemail / no-answer call that reads as a conversation": (
        "i.outcome IN ('voicemail', 'no answer') AND "
        "regexp_matches(lower(i.notes), 'discuss|call with|spoke|talked|walked|agreed|confirmed')"
    ),
    "voicemail / no-answer call whose note does not say so": (
        "i.outcome IN ('voicemail', 'no answer') AND "
        "NOT regexp_matches(lower(i.notes), 'voicemail|message|no answer|did not pick up|unanswered|not reach')"
    ),
    "no-show with a duration": "i.outcome = 'no-show' AND coalesce(i.duration_minutes, 0) > 0",
    "no-show whose note says the meeting happened": (
        "i.outcome = 'no-show' AND "
        "regexp_matches(i.notes, '^(Met |Meeting with|Working session|Demo for|Walked|Live demo)')"
    ),
    "voicemail with non-neutral sentiment": "i.outcome = 'voicemail' AND i.sentiment <> 'neutral'",
    "email with a duration": "i.type = 'email' AND i.duration_minutes IS NOT NULL",
}


def _connect(dataset: dict[str, object]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for name, table in dataset.items():
        con.register(name, table)
    return con


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> object:
    row = con.execute(sql).fetchone()
    return row[0] if row else None


def _n(con: duckdb.DuckDBPyConnection, sql: str) -> str:
    return f"{_one(con, sql):,}"


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def _masked_notes(con: duckdb.DuckDBPyConnection) -> None:
    """A view of notes with the contact's names, product and rival names and every number masked."""
    names = [r[0] for r in con.execute("SELECT name FROM products UNION SELECT name FROM competitors").fetchall()]
    names.sort(key=len, reverse=True)
    pattern = "|".join(re.escape(n) for n in names) or "$^"
    con.execute(f"""
        CREATE TEMP VIEW masked AS
        SELECT i.*, regexp_replace(regexp_replace(
                   replace(replace(i.notes, x.first_name, '<name>'), x.last_name, '<name>'),
                   '{pattern.replace("'", "''")}', '<thing>', 'g'), '[0-9]+', '<n>', 'g') AS masked_notes
        FROM interactions i JOIN contacts x USING (contact_id)""")


def notes_figures(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    _masked_notes(con)
    total = int(_one(con, "SELECT count(*) FROM interactions"))  # type: ignore[arg-type]
    out = {
        "interactions": f"{total:,}",
        "distinct note texts (names, products, rivals, numbers masked)": _n(
            con, "SELECT count(DISTINCT masked_notes) FROM masked"
        ),
        "distinct next steps": f"{_one(con, 'SELECT count(DISTINCT next_steps) FROM interactions'):,}",
        "share of rows covered by the 10 commonest next steps": _pct(
            float(
                _one(  # type: ignore[arg-type]
                    con,
                    "SELECT sum(n) FROM (SELECT count(*) AS n FROM interactions GROUP BY next_steps "
                    "ORDER BY n DESC LIMIT 10)",
                )
            ),
            total,
        ),
        "distinct topics": _n(con, "SELECT count(DISTINCT t) FROM (SELECT unnest(topics) AS t FROM interactions)"),
    }
    for label, rule in CONTRADICTIONS.items():
        out[f"contradiction: {label}"] = f"{_one(con, f'SELECT count(*) FROM interactions i WHERE {rule}'):,}"
    for kind in ("call", "meeting", "demo"):
        sql = f"SELECT count(DISTINCT duration_minutes) FROM interactions WHERE type = '{kind}'"
        out[f"distinct durations of {kind}s"] = _n(con, sql)
    out["deal mean sentiment, ROC AUC won vs lost"] = f"{_auc(con):.3f}"
    out["pre-open touches: mean sentiment won − lost"] = f"{_pre_open_gap(con):+.3f}"
    return out


def _auc(con: duckdb.DuckDBPyConnection) -> float:
    rows = con.execute("""
        SELECT o.is_won, avg(i.sentiment_score) FROM opportunities o JOIN interactions i USING (opportunity_id)
        WHERE o.is_closed GROUP BY o.opportunity_id, o.is_won""").fetchall()
    won = np.array([r[1] for r in rows if r[0]], dtype=float)
    lost = np.array([r[1] for r in rows if not r[0]], dtype=float)
    if not won.size or not lost.size:
        return float("nan")
    ranks = np.argsort(np.argsort(np.r_[won, lost], kind="stable"), kind="stable") + 1.0
    return float((ranks[: won.size].sum() - won.size * (won.size + 1) / 2) / (won.size * lost.size))


def _pre_open_gap(con: duckdb.DuckDBPyConnection) -> float:
    value = _one(
        con,
        """SELECT avg(i.sentiment_score) FILTER (WHERE o.is_won) - avg(i.sentiment_score) FILTER (WHERE NOT o.is_won)
           FROM interactions i JOIN opportunities o USING (opportunity_id)
           WHERE o.is_closed AND i.occurred_at < o.created_at""",
    )
    return float(value) if value is not None else float("nan")  # type: ignore[arg-type]


def company_figures(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    forms = sorted(LEGAL_FORMS, key=len, reverse=True)
    rows = con.execute("SELECT name, country, industry, domain FROM customers").fetchall()
    rows5 = con.execute("SELECT name, country, industry, domain, sub_industry FROM customers").fetchall()
    outside = corporate_institutions = institutions = 0
    for name, country, industry, _ in rows:
        form = next((f for f in forms if name.endswith(" " + f)), None)
        if form is not None and country not in LEGAL_FORMS[form]:
            outside += 1
        if industry in INSTITUTIONS:
            institutions += 1
            corporate_institutions += form is not None
    total = len(rows)
    us = [d for _, c, _, d in rows if c == "US"]
    return {
        "customers": f"{total:,}",
        "legal forms outside their country": f"{outside:,}",
        "public sector / education / healthcare named with a corporate legal form": _pct(
            corporate_institutions, institutions
        ),
        "institutions (councils, schools, universities, hospitals) named with a legal form": _pct(
            sum(_form(n, forms) is not None for n, _, _, _, sub in rows5 if sub in INSTITUTION_SUBS),
            sum(sub in INSTITUTION_SUBS for *_, sub in rows5),
        ),
        "customers whose name word is a surname of another country only": f"{_foreign_surnames(rows):,}",
        "domains on .io": _pct(sum(d.endswith(".io") for _, _, _, d in rows), total),
        "US domains on .com": _pct(sum(d.endswith(".com") for d in us), len(us)),
        "largest headcount (professional services)": _n(
            con, "SELECT max(employees) FROM customers WHERE industry = 'Professional Services'"
        ),
    }


def _form(name: str, forms: list[str]) -> str | None:
    return next((f for f in forms if name.endswith(" " + f)), None)


def _foreign_surnames(rows: list[tuple[str, str, str, str]]) -> int:
    from salesgen.vocab import country_codes, load_country

    own = {c: set(load_country(c).last_names.to_pylist()) for c in country_codes()}
    every = set().union(*own.values())
    count = 0
    for name, country, _, _ in rows:
        word = name.split(" ")[0]
        count += word in every and word not in own[country]
    return count


def people_figures(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    total = int(_one(con, "SELECT count(*) FROM contacts"))  # type: ignore[arg-type]
    ceo = "x.title = 'Chief Executive Officer'"
    out = {
        "contacts": f"{total:,}",
        "C-level share of contacts": _pct(
            float(_one(con, "SELECT count(*) FROM contacts WHERE seniority = 'C-level'")), total
        ),  # type: ignore[arg-type]
        "CEO share of contacts": _pct(float(_one(con, f"SELECT count(*) FROM contacts x WHERE {ceo}")), total),  # type: ignore[arg-type]
        "companies with 2+ CEOs": _n(
            con, f"SELECT count(*) FROM (SELECT customer_id FROM contacts x WHERE {ceo} GROUP BY 1 HAVING count(*) > 1)"
        ),
        "CEOs of 1,000+ employee companies": _n(
            con,
            f"SELECT count(*) FROM contacts x JOIN customers c USING (customer_id) WHERE {ceo} AND c.employees >= 1000",
        ),
        "C-level contacts with buying role 'user'": _n(
            con, "SELECT count(*) FROM contacts WHERE seniority = 'C-level' AND buying_role = 'user'"
        ),
        "Executive Assistants per IT Manager": f"{_ratio(con, 'Executive Assistant', 'IT Manager'):.2f}",
        "contacts per account: mean at 150-199 / 200-260 employees": _edge(con, 200),
        "contacts per account: mean at 700-999 / 1,000-1,400 employees": _edge(con, 1000),
    }
    for country in ("US", "DE", "JP", "IN", "BR"):
        row = con.execute(f"""
            SELECT count(*), max(n), sum(n) FILTER (WHERE n >= 3) FROM (
                SELECT first_name, last_name, count(*) AS n FROM contacts WHERE nationality = '{country}' GROUP BY 1, 2)
        """).fetchone()
        people = con.execute(f"SELECT count(*) FROM contacts WHERE nationality = '{country}'").fetchone()
        out[f"{country}: contacts / most repeated full name / contacts sharing a name 3+ times"] = (
            f"{people[0] if people else 0:,} / {row[1] if row else 0} / {(row[2] or 0) if row else 0:,}"
        )
    return out


def _ratio(con: duckdb.DuckDBPyConnection, a: str, b: str) -> float:
    na = float(_one(con, f"SELECT count(*) FROM contacts WHERE title = '{a}'"))  # type: ignore[arg-type]
    nb = float(_one(con, f"SELECT count(*) FROM contacts WHERE title = '{b}'"))  # type: ignore[arg-type]
    return na / nb if nb else float("nan")


def _edge(con: duckdb.DuckDBPyConnection, edge: int) -> str:
    low, high = int(edge * 0.75), int(edge * 1.3)
    row = con.execute(f"""
        SELECT avg(n) FILTER (WHERE employees BETWEEN {low} AND {edge - 1}),
               avg(n) FILTER (WHERE employees BETWEEN {edge} AND {high})
        FROM (SELECT c.customer_id, c.employees, count(x.contact_id) AS n
              FROM customers c LEFT JOIN contacts x USING (customer_id) GROUP BY 1, 2)""").fetchone()
    return f"{row[0]:.2f} / {row[1]:.2f}" if row and row[0] is not None and row[1] is not None else "n/a"


def phone_figures(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    out = {}
    rows = con.execute("SELECT country, city, phone FROM customers").fetchall()
    for country in ("US", "DE", "GB", "JP", "AU", "FR"):
        mine = [(city, _area(country, phone)) for c, city, phone in rows if c == country]
        codes = {code for _, code in mine}
        by_city: dict[str, set[str]] = {}
        for city, code in mine:
            by_city.setdefault(city, set()).add(code)
        per_city = np.mean([len(v) for v in by_city.values()]) if by_city else float("nan")
        out[f"{country}: distinct area codes / mean codes per city"] = f"{len(codes)} / {per_city:.1f}"
    out["customer phones whose area code is not one of the city's"] = _foreign_areas(rows)
    us = [_area("US", p) for c, _, p in rows if c == "US"]
    bad = sum(code[1:] == "11" or code[1] == "9" for code in us if len(code) == 3)
    out["US numbers with an unassignable area code (N11, N9X)"] = f"{bad:,}"
    return out


def _foreign_areas(rows: list[tuple[str, str, str]]) -> str:
    """Against the shipped numbering plan (salesgen.vocab.phones); 'n/a' on versions without one."""
    try:
        from salesgen.vocab.phones import phone_plan
    except ImportError:
        return "n/a (no numbering plan shipped)"
    bad = 0
    for country, city, phone in rows:
        groups = re.findall(r"\d+", phone)
        if country == "ES":  # written 3-2-2-2: the area is the first two or three digits
            bad += not any("".join(groups[1:]).startswith(a) for a in phone_plan(country).areas[city])
        else:
            bad += groups[1] not in phone_plan(country).areas[city]
    return f"{bad:,} of {len(rows):,}"


def _area(country: str, phone: str) -> str:
    """The area or trunk code: the digit group after the country code."""
    groups = re.findall(r"\d+", phone)
    return groups[1] if len(groups) > 1 else ""


def money_figures(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Magnitudes in the run's currency, and amounts that are not a whole number of its minor unit."""
    row = con.execute("""
        SELECT any_value(currency), (SELECT median(list_price) FROM products), median(amount),
               (SELECT median(annual_revenue) FROM customers),
               (SELECT count(*) FROM opportunity_line_items WHERE unit_price <> round(unit_price)),
               count(*) FILTER (WHERE amount <> round(amount) OR expected_revenue <> round(expected_revenue))
        FROM opportunities""").fetchone()
    if row is None:
        return {}
    currency, price, amount, revenue, fractional_units, fractional_deals = row
    return {
        "currency": str(currency),
        "median product list price / deal amount / customer annual revenue": (
            f"{float(price):,.2f} / {float(amount):,.2f} / {float(revenue):,.0f}"
        ),
        "line unit prices / deal amounts with a fraction of a unit": f"{fractional_units:,} / {fractional_deals:,}",
    }


def catalog_figures(seed: int) -> dict[str, str]:
    out = {}
    for name in ("default", *preset_names()):
        config = (
            Config(num_customers=10, num_sales_reps=2)
            if name == "default"
            else load_preset(name, num_customers=10, num_sales_reps=2)
        )
        products = salesgen.generate(config, seed=seed)["products"].to_pylist()
        glitches = sum(_glitch(p["name"]) or _glitch(p["description"]) for p in products)
        subcategories = sorted({p["subcategory"] for p in products})
        out[f"{name}: products / subcategories / texts with a doubled word"] = (
            f"{len(products)} / {len(subcategories)} ({', '.join(subcategories[:4])}…) / {glitches}"
        )
    return out


def _glitch(text: str | None) -> bool:
    words = re.findall(r"[a-z]+", (text or "").lower())  # words, not numbers: "class 8.8" is no glitch
    return any(a == b for a, b in itertools.pairwise(words))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--reps", type=int, default=80)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--country", help="every customer in this country (ISO code), e.g. JP")
    parser.add_argument("--currency", default="USD", help="ISO 4217 code of the run's money")
    args = parser.parse_args()
    mix = {"country_mix": {args.country: 1.0}} if args.country else {}
    config = Config(num_customers=args.customers, num_sales_reps=args.reps, currency=args.currency, **mix)
    dataset = salesgen.generate(config, seed=args.seed)
    con = _connect(dict(dataset.items()))
    sections = {
        "Notes": notes_figures(con),
        "Companies": company_figures(con),
        "People": people_figures(con),
        "Phones": phone_figures(con),
        "Money": money_figures(con),
        "Catalog (every preset)": catalog_figures(args.seed),
    }
    print(f"salesgen {salesgen.__version__}: {args.customers:,} customers, {args.reps} reps, seed {args.seed}")
    for section, figures in sections.items():
        print(f"\n| {section} | value |\n|---|---|")
        for label, value in figures.items():
            print(f"| {label} | {value} |")


if __name__ == "__main__":
    main()
