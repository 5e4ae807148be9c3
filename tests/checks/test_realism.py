"""salesgen.checks.realism: realism checks skip small datasets and pass on a generated one."""

from __future__ import annotations

from salesgen import SalesDataGenerator
from salesgen.checks import run_checks
from salesgen.config import Config
from tests.checks.datasets import tiny_dataset


def test_tiny_dataset_realism_checks_skip_for_lack_of_data() -> None:
    results = run_checks(tiny_dataset(), Config(), kinds=("realism",))
    assert results and all(r.status == "skip" and "too little data" in r.detail for r in results)


def test_generated_dataset_passes_the_realism_checks() -> None:
    dataset = SalesDataGenerator(seed=5).generate_dataset(num_customers=3000, num_sales_people=30)
    results = run_checks(dataset, dataset.config, kinds=("realism",))
    assert {r.name: r.detail for r in results if r.status != "pass"} == {}
