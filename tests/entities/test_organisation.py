"""Properties of the sales organisation: the team fits the accounts, reps keep a human calendar,
renewals renew subscriptions and status follows history — for any small scenario and seed."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import salesgen
from salesgen.checks import run_checks
from salesgen.config import Config, PerSize
from salesgen.entities import calendar
from salesgen.entities.line_items import MAX_DISCOUNT_BP, ROUND_GIVE, round_price
from salesgen.entities.rep_metrics import RepTotals, finish_reps
from salesgen.entities.reps import AE, build_roster, plan_team

SCENARIOS = st.builds(
    dict,
    num_customers=st.integers(40, 400),
    num_sales_reps=st.one_of(st.none(), st.integers(1, 30)),
    block_size=st.integers(25, 400),
    seed=st.integers(0, 2**31),
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SCENARIOS)
def test_every_organisation_rule_holds(scenario: dict) -> None:
    seed = scenario.pop("seed")
    config = Config(**scenario)
    dataset = salesgen.generate(config, seed=seed)
    results = run_checks(dataset, config, kinds=("hard",), names=["organisation"])
    assert len(results) == 6
    assert {r.name: r.detail for r in results if r.status != "pass"} == {}


@given(st.integers(100, 2_000_000), st.floats(0.05, 0.9))
def test_sized_team_covers_each_segment_at_its_norm(customers: int, small_share: float) -> None:
    mix = PerSize(small=small_share, medium=(1 - small_share) * 0.75, enterprise=(1 - small_share) * 0.25)
    config = Config.model_validate(
        {"num_customers": customers, "realism": {"accounts": {"size_mix": mix.model_dump()}}}
    )
    plan = plan_team(config)
    norm = config.realism.team.accounts_per_ae.as_tuple()
    for accounts, aes, per_ae in zip(np.array(mix.as_tuple()) * customers, plan.aes, norm, strict=True):
        assert aes == 0 if accounts == 0 else accounts / aes <= per_ae  # never more accounts per AE than the norm
        assert aes <= accounts / per_ae + 1  # and no idle AEs
    staff = sum(plan.aes) + plan.sdrs
    if plan.managers:
        assert staff / plan.managers <= config.realism.team.reps_per_manager


@given(st.integers(1, 500), st.integers(1, 10**6))
def test_given_team_size_is_kept_and_only_aes_own(reps: int, customers: int) -> None:
    config = Config(num_customers=customers, num_sales_reps=reps)
    roster = build_roster(config, seed=3)
    assert roster.rep_id.size == reps
    assert roster.is_owner.sum() >= 1
    assert np.array_equal(roster.is_owner, roster.role == AE)
    titles = np.array(roster.table.column("title").to_pylist())
    assert not {"SDR", "Sales Manager", "Regional Director"} & set(titles[roster.is_owner])
    assert set(titles[roster.is_owner & (roster.segment == 2)]) <= {"Enterprise Account Executive"}


@given(st.lists(st.integers(18_000, 22_000), min_size=1, max_size=50))
def test_business_days_and_month_ends_are_weekdays(days: list[int]) -> None:
    day = np.array(days)
    assert (calendar.day_of_week_days(calendar.business_day(day)) < 5).all()
    assert (calendar.day_of_week_days(calendar.business_day(day, forward=True)) < 5).all()
    last = calendar.last_business_day_of_month(day)
    assert (calendar.day_of_week_days(last) < 5).all()
    assert ((last - day < 31) & (last - day > -3)).all()  # in the day's month (a weekend month end steps back)
    moved = calendar.month_end(day, np.ones(day.size, bool), np.linspace(0, 0.99, day.size))
    assert ((last - moved >= 0) & (last - moved <= 4)).all()


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**31))
def test_bigger_company_buys_bigger_deals_within_its_band(seed: int) -> None:
    dataset = salesgen.generate(Config(num_customers=1500), seed=seed)
    deals = dataset["opportunities"].select(["customer_id", "amount", "type"]).to_pandas()
    customers = dataset["customers"].select(["customer_id", "employees", "size"]).to_pandas()
    rows = deals[deals["type"] == "new business"].merge(customers, on="customer_id")
    for size, band in rows.groupby("size"):
        if len(band) < 30:
            continue
        amount = np.log(band["amount"].astype(float))
        employees = np.log(band["employees"].astype(float))
        assert np.corrcoef(amount, employees)[0, 1] > 0.1, size


@given(
    st.lists(
        st.tuples(st.integers(100, 5_000_000), st.floats(0.25, 1.0), st.integers(0, 3_000)), min_size=1, max_size=40
    )
)
def test_a_round_quote_is_exact_near_the_price_and_keeps_the_tier(lines: list[tuple[int, float, int]]) -> None:
    list_cents = np.array([cents for cents, _, _ in lines])
    wanted = np.maximum((list_cents * np.array([share for _, share, _ in lines])).astype(np.int64), 1)
    tier = np.array([bp for _, _, bp in lines])
    unit, discount = round_price(list_cents, wanted, floor_bp=tier)
    quoted = discount >= 0
    assert ((list_cents * (10_000 - discount) * 2 + 10_000) // 20_000 == unit)[quoted].all()
    assert (np.abs(unit - wanted) <= wanted * ROUND_GIVE).all()  # rounded up or down, by a little
    assert (discount[quoted] >= tier[quoted]).all() and (unit <= np.maximum(list_cents, wanted)).all()
    assert (unit[~quoted] == wanted[~quoted]).all()
    assert (discount[quoted] <= MAX_DISCOUNT_BP).all()


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**31), st.integers(20, 120))
def test_a_bigger_book_potential_carries_a_bigger_quota(seed: int, reps: int) -> None:
    # No spread between AEs' own factors: the potential alone sets the quota.
    config = Config.model_validate(
        {"num_customers": 5_000, "num_sales_reps": reps, "realism": {"team": {"quota_spread": 0.0}}}
    )
    roster = build_roster(config, seed=seed)
    n = roster.rep_id.size
    rng = np.random.default_rng(seed)
    totals = RepTotals.zeros(n)
    totals.trailing_year_expected_cents[:] = (1 + rng.permutation(n)) * 10**9  # books of $10M, $20M, …
    totals.trailing_year_won_cents[:] = rng.integers(10**9, 10**11, n)
    quota = np.array(finish_reps(roster, totals, config).column("annual_quota").to_pylist(), dtype=float)
    for seg in range(3):
        owners = roster.is_owner & (roster.segment == seg)
        potential, carried = totals.trailing_year_expected_cents[owners], quota[owners]
        order = np.argsort(potential)
        assert (np.diff(carried[order]) >= 0).all()  # quotas rank as the books' potentials
        assert np.unique(carried).size == np.unique(potential).size  # $10M apart: no two share a quota
    assert (quota[~roster.is_owner] == 0).all()
