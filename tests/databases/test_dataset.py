"""Tests of salesgen.databases.dataset: a load source that is not a salesgen Parquet dataset is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from salesgen.databases import load_parquet_dataset


def test_bad_source_is_refused_before_touching_the_database(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not a salesgen Parquet dataset"):
        load_parquet_dataset(tmp_path, f"sqlite:///{tmp_path / 'x.db'}")
    assert not (tmp_path / "x.db").exists()


def test_parquet_with_the_wrong_types_is_refused(crm: Path, tmp_path: Path) -> None:
    copy = tmp_path / "wrong"
    shutil.copytree(crm, copy)
    part = sorted((copy / "customers").glob("*.parquet"))[0]
    data = pq.read_table(part)
    data = data.set_column(
        data.schema.get_field_index("employees"), "employees", pc.cast(data.column("employees"), pa.string())
    )
    pq.write_table(data, part)
    with pytest.raises(ValueError, match="employees"):
        load_parquet_dataset(copy, f"sqlite:///{tmp_path / 'x.db'}")
    assert not (tmp_path / "x.db").exists()
