"""Bad input gets a clear error that names the field (or path) and the fix, and leaves no partial output."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from salesgen import Config, Dataset, SalesDataGenerator
from salesgen.config import Accounts, Pipeline, Realism, WinLoss
from salesgen.contract import TABLE_NAMES
from salesgen.formats import FORMAT_NAMES

FAST = settings(max_examples=40, deadline=None)


@pytest.fixture(scope="module")
def tiny() -> Dataset:
    return SalesDataGenerator(seed=3).generate_dataset(num_customers=4, num_sales_people=2)


def listing(directory: Path) -> list[str]:
    """Every entry of ``directory``, hidden ones (staging leftovers start with '.') included."""
    return sorted(os.listdir(directory))


# --------------------------------------------------------------------------- counts and seed


def test_negative_num_customers_names_the_field() -> None:
    with pytest.raises(ValidationError) as error:
        SalesDataGenerator(seed=1).generate_dataset(num_customers=-1, num_sales_people=2)
    assert "num_customers" in str(error.value)
    assert "greater than or equal to 0" in str(error.value)


@FAST
@given(count=st.integers(max_value=-1))
def test_any_negative_count_is_rejected(count: int) -> None:
    for field in ("num_customers", "num_sales_reps"):
        with pytest.raises(ValidationError, match=field):
            Config(**{field: count})
    with pytest.raises(ValidationError, match="num_customers"):
        SalesDataGenerator(seed=1).generate_dataset(num_customers=count, num_sales_people=1)
    with pytest.raises(ValidationError, match="num_sales_reps"):
        SalesDataGenerator(seed=1).generate_dataset(num_customers=1, num_sales_people=count)


@FAST
@given(count=st.integers(max_value=0))
def test_products_and_competitors_need_at_least_one(count: int) -> None:
    for field in ("num_products", "num_competitors"):
        with pytest.raises(ValidationError, match=field):
            Config(**{field: count})


def test_zero_reps_with_customers_names_num_sales_reps_and_the_fix() -> None:
    with pytest.raises(ValidationError) as error:
        SalesDataGenerator(seed=1).generate_dataset(num_customers=5, num_sales_people=0)
    message = str(error.value)
    assert "num_sales_reps" in message and "at least 1" in message
    Config(num_customers=0, num_sales_reps=0)  # no customers: no owner needed


def test_a_misspelled_option_is_named() -> None:
    with pytest.raises(ValidationError, match="num_customer"):
        SalesDataGenerator(seed=1).generate_dataset(num_customer=5)


@FAST
@given(seed=st.integers(max_value=-1))
def test_negative_seed_is_rejected(seed: int) -> None:
    with pytest.raises(ValueError, match="seed"):
        SalesDataGenerator(seed=seed)


@pytest.mark.parametrize("seed", [1.5, "42", None])
def test_non_integer_seed_is_rejected(seed: Any) -> None:
    with pytest.raises(ValueError, match="seed"):
        SalesDataGenerator(seed=seed)


# --------------------------------------------------------------------------- realism


@FAST
@given(rate=st.one_of(st.floats(min_value=1.0, allow_nan=False), st.floats(max_value=0.0, allow_nan=False)))
def test_win_rates_outside_zero_one_are_rejected(rate: float) -> None:
    for field in ("new_business_rate", "upsell_rate", "renewal_rate"):
        with pytest.raises(ValidationError, match=field):
            WinLoss(**{field: rate})


def test_win_rate_error_through_generate_dataset_names_the_nested_field() -> None:
    with pytest.raises(ValidationError) as error:
        SalesDataGenerator(seed=1).generate_dataset(
            num_customers=3, num_sales_people=1, realism={"win": {"new_business_rate": 1.5}}
        )
    message = str(error.value)
    assert "realism.win.new_business_rate" in message and "less than 1" in message


def test_older_stage_list_needs_no_fixed_names() -> None:
    stages = Pipeline(stage_probabilities={"discovery": 10, "demo": 30, "proposal": 50}).stage_labels
    assert stages == ("discovery", "demo", "proposal", "won", "lost")


def test_stages_are_ordered_by_probability_whatever_the_key_order() -> None:
    stages = Pipeline(stage_probabilities={"proposal": 50, "identified": 10, "qualified": 20}).stage_probabilities
    assert list(stages) == ["identified", "qualified", "proposal"]


@pytest.mark.parametrize(
    ("stages", "hint"),
    [
        ({"identified": 10, "qualified": 20, "won": 100}, "implicit"),
        ({"identified": 10, "qualified": 20}, "between 3 and 8"),
        ({"identified": 10, "qualified": 20, "proposal": 20}, "distinct"),
        ({"identified": 10, "qualified": 20, "proposal": 100}, "1..99"),
    ],
)
def test_other_bad_stage_lists_say_what_to_change(stages: dict[str, int], hint: str) -> None:
    with pytest.raises(ValidationError, match="stage_probabilities") as error:
        Pipeline(stage_probabilities=stages)
    assert hint in str(error.value)


def _stage_list(*open_probabilities: int, won: int = 100, lost: int = 0) -> list[dict[str, Any]]:
    stages: list[dict[str, Any]] = [{"name": f"Step {i}", "probability": p} for i, p in enumerate(open_probabilities)]
    return [
        *stages,
        {"name": "Won", "probability": won, "role": "won"},
        {"name": "Lost", "probability": lost, "role": "lost"},
    ]


@pytest.mark.parametrize(
    ("stages", "hint"),
    [
        (_stage_list(10, 20), "between 3 and 8 open stages"),
        (_stage_list(10, 30, 20), "never fall"),
        (_stage_list(10, 20, 30, won=90), "probability 100"),
        (_stage_list(10, 20, 30, lost=5), "probability 0"),
        (_stage_list(10, 20, 30)[:-1], "exactly one stage with role 'lost'"),
        ([*_stage_list(10, 20, 30), {"name": "Step 0", "probability": 40}], "unique"),
    ],
)
def test_bad_stage_lists_say_what_to_change(stages: list[dict[str, Any]], hint: str) -> None:
    with pytest.raises(ValidationError, match="stages") as error:
        Pipeline.model_validate({"stages": stages})
    assert hint in str(error.value)


def test_both_stage_forms_at_once_are_refused() -> None:
    with pytest.raises(ValidationError, match="not both"):
        Pipeline.model_validate({"stages": _stage_list(10, 20, 30), "stage_probabilities": {"a": 1, "b": 2, "c": 3}})


def test_repeated_probabilities_keep_list_order() -> None:
    pipeline = Pipeline.model_validate({"stages": _stage_list(10, 10, 20)})
    assert pipeline.stage_labels == ("Step 0", "Step 1", "Step 2", "Won", "Lost")
    assert Pipeline.model_validate(pipeline.model_dump(mode="json")) == pipeline  # survives a manifest round trip


@FAST
@given(small=st.floats(0, 1), medium=st.floats(0, 1), enterprise=st.floats(0, 1))
def test_size_mix_must_sum_to_one(small: float, medium: float, enterprise: float) -> None:
    mix = {"small": small, "medium": medium, "enterprise": enterprise}
    if abs(small + medium + enterprise - 1) <= 1e-6:
        assert Accounts.model_validate({"size_mix": mix}).size_mix.as_tuple() == (small, medium, enterprise)
        return
    with pytest.raises(ValidationError) as error:
        Accounts.model_validate({"size_mix": mix})
    assert "size_mix" in str(error.value) and "sum to 1" in str(error.value)


def test_negative_size_share_is_rejected() -> None:
    with pytest.raises(ValidationError, match="size_mix"):
        Accounts.model_validate({"size_mix": {"small": 1.2, "medium": -0.2, "enterprise": 0.0}})


@pytest.mark.parametrize("code", ["XX", "us", "USA", "UK"])
def test_unknown_country_code_is_named_with_the_supported_ones(code: str) -> None:
    with pytest.raises(ValidationError) as error:
        Config(country_mix={"US": 0.5, code: 0.5})
    message = str(error.value)
    assert "country_mix" in message and repr(code) in message and "supported: US, CA" in message


def test_country_mix_needs_a_positive_weight() -> None:
    with pytest.raises(ValidationError, match="country_mix"):
        Config(country_mix={"US": 0.0})


def test_unknown_realism_option_is_named() -> None:
    with pytest.raises(ValidationError, match="win_rate_new"):
        Realism.model_validate({"win_rate_new": 0.3})
    with pytest.raises(ValidationError, match="rate_new"):
        Realism.model_validate({"win": {"rate_new": 0.3}})


# --------------------------------------------------------------------------- output


def test_unknown_format_lists_the_valid_ones_and_writes_nothing(tiny: Dataset, tmp_path: Path) -> None:
    with pytest.raises(ValueError) as error:
        SalesDataGenerator(seed=3).save(tiny, tmp_path / "crm.xml", "xml")
    message = str(error.value)
    assert "'xml'" in message
    assert all(fmt in message for fmt in FORMAT_NAMES)
    assert listing(tmp_path) == []


@pytest.mark.parametrize(("fmt", "name"), [("json", "crm.json"), ("csv", "crm"), ("jsonl", "crm"), ("parquet", "crm")])
def test_a_path_under_a_regular_file_fails_naming_it_and_leaves_nothing(
    tiny: Dataset, tmp_path: Path, fmt: str, name: str
) -> None:
    blocker = tmp_path / "not-a-dir.txt"
    blocker.write_text("keep me")
    for target in (blocker / name, blocker / "deeper" / name):
        with pytest.raises(OSError) as error:
            SalesDataGenerator(seed=3).save(tiny, target, fmt)
        assert str(target) in str(error.value)
    assert listing(tmp_path) == ["not-a-dir.txt"]
    assert blocker.read_text() == "keep me"


def test_save_to_json_under_a_regular_file_fails_too(tiny: Dataset, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OSError, match="file"):
        SalesDataGenerator(seed=3).save_to_json(tiny, blocker / "crm.json")
    with pytest.raises(OSError, match="file"):
        SalesDataGenerator(seed=3).save_to_csv(tiny, blocker / "crm")
    assert listing(tmp_path) == ["file"]


@pytest.mark.parametrize(("fmt", "directory"), [("json", False), ("csv", True), ("duckdb", False)])
def test_existing_target_without_overwrite_is_refused_and_kept(
    tiny: Dataset, tmp_path: Path, fmt: str, directory: bool
) -> None:
    target = tmp_path / "crm"
    if directory:
        target.mkdir()
        (target / "mine.txt").write_text("precious")
    else:
        target.write_text("precious")
    with pytest.raises(FileExistsError) as error:
        SalesDataGenerator(seed=3).save(tiny, target, fmt, overwrite=False)
    message = str(error.value)
    assert str(target) in message and "overwrite" in message
    assert listing(tmp_path) == ["crm"]
    assert (target / "mine.txt" if directory else target).read_text() == "precious"


def test_save_to_json_refuses_to_replace_a_directory(tiny: Dataset, tmp_path: Path) -> None:
    target = tmp_path / "crm.json"
    target.mkdir()
    with pytest.raises(OSError, match="directory"):
        SalesDataGenerator(seed=3).save_to_json(tiny, target)
    assert listing(tmp_path) == ["crm.json"] and listing(target) == []


def test_save_to_csv_refuses_to_replace_a_foreign_directory(tiny: Dataset, tmp_path: Path) -> None:
    target = tmp_path / "docs"
    target.mkdir()
    (target / "thesis.tex").write_text("years of work")
    with pytest.raises(FileExistsError, match="not a salesgen output"):
        SalesDataGenerator(seed=3).save_to_csv(tiny, target)
    assert listing(target) == ["thesis.tex"] and listing(tmp_path) == ["docs"]


@pytest.mark.parametrize("fmt", ["json", "csv", "parquet", "duckdb"])
def test_a_bad_table_aborts_without_a_partial_output(tiny: Dataset, tmp_path: Path, fmt: str) -> None:
    broken = {name: tiny[name] for name in TABLE_NAMES}
    broken["interactions"] = tiny["interactions"].drop_columns(["notes"])  # written last: earlier tables are staged
    with pytest.raises(ValueError, match="interactions"):
        SalesDataGenerator(seed=3).save(broken, tmp_path / "crm", fmt)
    assert listing(tmp_path) == []


def test_a_missing_table_aborts_without_a_partial_output(tiny: Dataset, tmp_path: Path) -> None:
    partial = {name: tiny[name] for name in TABLE_NAMES if name != "interactions"}
    with pytest.raises(KeyError, match="interactions"):
        SalesDataGenerator(seed=3).save(partial, tmp_path / "crm.json", "json")
    assert listing(tmp_path) == []


def test_a_failed_overwrite_keeps_the_previous_output(tiny: Dataset, tmp_path: Path) -> None:
    generator = SalesDataGenerator(seed=3)
    target = generator.save_to_json(tiny, tmp_path / "crm.json")
    before = Path(target).read_bytes()
    broken = {
        **{name: tiny[name] for name in TABLE_NAMES},
        "customers": tiny["customers"].set_column(0, "customer_id", pa.array([None] * 4, pa.int64())),
    }
    with pytest.raises(ValueError, match="customer_id"):
        generator.save_to_json(broken, tmp_path / "crm.json")
    assert Path(target).read_bytes() == before
    assert listing(tmp_path) == ["crm.json"]
