"""Tests of salesgen.readers.files: every file output reads back as the dataset, typed by the contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from salesgen import Dataset
from salesgen.readers import read, split_json_document
from tests.readers.outputs import FORMATS, SEED, assert_same


@pytest.mark.parametrize("fmt", FORMATS)
def test_read_gives_the_contract_types_and_the_generated_rows(
    outputs: dict[str, Path], dataset: Dataset, fmt: str
) -> None:
    assert_same(read(outputs[fmt]), dataset)


def test_json_document_splits_into_tables_with_metadata(outputs: dict[str, Path], tmp_path: Path) -> None:
    metadata = split_json_document(outputs["json"], tmp_path)
    assert metadata["seed"] == SEED and metadata["config"]["num_customers"] == 150
    lines = (tmp_path / "customers.jsonl").read_text().splitlines()
    assert len(lines) == 150 and all(json.loads(line)["customer_id"] for line in lines)
