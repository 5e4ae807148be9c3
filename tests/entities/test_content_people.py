"""People and companies fit each other: roles by seniority, one chief per department, names by country."""

from __future__ import annotations

from functools import cache

import duckdb
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import salesgen
from salesgen import Config
from salesgen.entities.company_names import CompanyNamer, ascii_slug
from salesgen.entities.roles import C_LEVEL, buying_roles, seniority_and_department
from salesgen.vocab import country_codes
from salesgen.vocab.companies import COMPANY_TLDS, INSTITUTIONS, LEGAL_FORMS


@cache
def _crm(seed: int = 2) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for name, table in salesgen.generate(Config(num_customers=6000, num_sales_reps=30), seed=seed).items():
        con.register(name, table)
    return con


def _one(sql: str) -> tuple[object, ...]:
    row = _crm().execute(sql).fetchone()
    assert row is not None
    return row


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), accounts=st.integers(1, 60))
def test_at_most_one_chief_per_department_and_account(seed: int, accounts: int) -> None:
    rng = np.random.default_rng(seed)
    count = rng.integers(1, 12, accounts)
    parent = np.repeat(np.arange(accounts), count)
    first = np.r_[True, parent[1:] != parent[:-1]]
    employees = np.exp(rng.uniform(np.log(5), np.log(50_000), accounts))[parent]
    seniority, department = seniority_and_department(np.log(employees), first, parent, rng, rng)
    chiefs = parent[seniority == C_LEVEL] * 100 + department[seniority == C_LEVEL]
    assert np.unique(chiefs).size == chiefs.size
    role = buying_roles(seniority, first, rng)
    assert not np.any((seniority == C_LEVEL) & (role == 3))  # no C-level "user"
    assert np.all(role[first] == 0)


def test_chief_executives_are_rare_and_fewer_at_large_companies() -> None:
    small, large = _one("""
        SELECT avg((x.title = 'Chief Executive Officer')::INT) FILTER (WHERE c.employees < 50),
               avg((x.title = 'Chief Executive Officer')::INT) FILTER (WHERE c.employees >= 1000)
        FROM contacts x JOIN customers c USING (customer_id)""")
    assert float(small) > 3 * float(large)  # type: ignore[arg-type]
    (c_level,) = _one("SELECT avg((seniority = 'C-level')::INT) FROM contacts")
    assert float(c_level) < 0.2  # type: ignore[arg-type]


def test_buying_group_grows_smoothly_across_size_band_edges() -> None:
    below, above = _one("""
        SELECT avg(n) FILTER (WHERE employees BETWEEN 150 AND 199), avg(n) FILTER (WHERE employees BETWEEN 200 AND 260)
        FROM (SELECT c.customer_id, any_value(c.employees) AS employees, count(*) AS n
              FROM customers c JOIN contacts x USING (customer_id) GROUP BY 1)""")
    assert 0.8 < float(above) / float(below) < 1.35  # type: ignore[arg-type]


def test_legal_forms_stay_in_their_country_and_institutions_have_none() -> None:
    rows = _crm().execute("SELECT name, country, sub_industry FROM customers").fetchall()
    foreign = {f for code, forms in LEGAL_FORMS.items() for f, _, _ in forms}
    for name, country, sub_industry in rows:
        own = {f for f, _, _ in LEGAL_FORMS[country]}
        ends = {f for f in foreign if name.endswith(" " + f)}
        assert not ends or ends & own, name
        if sub_industry in INSTITUTIONS:
            assert not ends, name


def test_domains_are_unique_and_mostly_on_the_country_tld() -> None:
    total, distinct = _one("SELECT count(*), count(DISTINCT domain) FROM customers")
    assert total == distinct
    for code in ("US", "DE", "JP"):
        top = COMPANY_TLDS[code][0][0]
        (share,) = _one(f"SELECT avg(ends_with(domain, '.{top}')::INT) FROM customers WHERE country = '{code}'")
        assert float(share) > 0.5, (code, share)  # type: ignore[arg-type]


def test_name_word_pools_do_not_share_a_slug_across_countries() -> None:
    namer = CompanyNamer(seed=1)
    slugs = [set(s.to_pylist()) for s in namer.word_slugs]
    assert len(slugs) == len(country_codes())
    assert sum(len(s) for s in slugs) == len(set().union(*slugs))
    assert ascii_slug("São Paulo") == "saopaulo"
