"""Tests of salesgen.config.realism: enum-keyed mappings and the validated parts of Realism."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from salesgen.config import Config, Realism
from salesgen.vocab.domain import Industry


@pytest.mark.parametrize(
    ("part", "field", "bad_key"),
    [
        ("win", "industry_shift", "Aerospace"),
        ("win", "category_shift", "software"),  # keys are case-sensitive, as written to the data
        ("win", "lead_source_shift", "existing customer"),  # expansions have no shift of their own
        ("deal_size", "category_mix", "Food"),
    ],
)
def test_unknown_enum_key_is_rejected_by_type(part: str, field: str, bad_key: str) -> None:
    with pytest.raises(ValidationError) as error:
        Realism.model_validate({part: {field: {bad_key: 0.1}}})
    message = str(error.value)
    assert f"{part}.{field}.{bad_key}.[key]" in message and "Input should be" in message


def test_enum_keys_accept_plain_strings_and_dump_as_strings() -> None:
    realism = Realism.model_validate(
        {"win": {"industry_shift": {"Public Sector": -1.0}}, "deal_size": {"category_mix": {"Hardware": 2.0}}}
    )
    assert realism.win.industry_shift == {Industry.PUBLIC_SECTOR: -1.0}
    assert realism.deal_size.category_mix["Hardware"] == 2.0  # StrEnum keys hash as their strings
    dumped = json.loads(json.dumps(Config(realism=realism).model_dump(mode="json")))
    assert dumped["realism"]["win"]["industry_shift"] == {"Public Sector": -1.0}
    assert Config.model_validate(dumped) == Config(realism=realism)  # the manifest round-trips


def test_category_mix_needs_a_positive_weight() -> None:
    with pytest.raises(ValidationError, match="category_mix weights"):
        Realism.model_validate({"deal_size": {"category_mix": {"Software": 0.0}}})
