"""The pytest plugin, as a user's project meets it: fixtures found through the entry point, markers honoured."""

from __future__ import annotations

from importlib.metadata import entry_points

import pytest

import salesgen
from salesgen import pytest_plugin

USER_TESTS = """
import pytest

def test_every_opportunity_has_an_account(salesgen_dataset):
    ids = set(salesgen_dataset["customers"]["customer_id"].to_pylist())
    assert len(ids) == 200
    assert set(salesgen_dataset["opportunities"]["customer_id"].to_pylist()) <= ids

@pytest.mark.salesgen(seed=7, preset="enterprise-software", num_customers=300)
def test_win_rate(salesgen_duckdb):
    won, closed, customers = salesgen_duckdb.execute(
        "SELECT count(*) FILTER (WHERE is_won), count(*) FILTER (WHERE is_closed), "
        "(SELECT count(*) FROM customers) FROM opportunities"
    ).fetchone()
    assert 0 < won < closed and customers == 300

def test_files(salesgen_factory):
    out = salesgen_factory.write("csv", num_customers=20)
    assert (out / "manifest.json").is_file()
    assert salesgen_factory.write("csv", num_customers=20) == out
"""


def test_the_plugin_is_registered_under_pytest11() -> None:
    names = {entry.name: entry.value for entry in entry_points(group="pytest11")}
    assert names.get("salesgen") == "salesgen.pytest_plugin"


@pytest.mark.slow
def test_a_user_suite_runs_with_the_fixtures(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_user=USER_TESTS)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3)


@pytest.mark.slow
def test_positional_marker_arguments_are_refused_with_the_fix(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_bad="import pytest\n@pytest.mark.salesgen(7)\ndef test_x(salesgen_dataset):\n    pass\n")
    result = pytester.runpytest_subprocess()
    result.stdout.fnmatch_lines(["*keywords only, e.g. salesgen(seed=7)*"])
    assert result.ret != 0


def test_the_factory_caches_per_setting_and_matches_the_public_api(tmp_path_factory: pytest.TempPathFactory) -> None:
    factory = pytest_plugin.SalesgenFactory(tmp_path_factory.mktemp("plugin"))
    first = factory(num_customers=15, seed=3)
    assert factory(seed=3, num_customers=15) is first
    assert factory(num_customers=15, seed=4) is not first
    expected = salesgen.generate(salesgen.Config(num_customers=15), seed=3)
    for name in expected:
        assert first[name].equals(expected[name]), name


@pytest.mark.salesgen(num_customers=12, seed=5)
def test_the_marker_sets_the_dataset_of_this_suite_too(salesgen_dataset: salesgen.Dataset) -> None:
    assert salesgen_dataset["customers"].num_rows == 12
    assert salesgen_dataset.seed == 5
