"""Tests of salesgen.readers.source: the opened source every format gives, and what it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from salesgen.contract import TABLE_NAMES
from salesgen.databases.sql import ident
from salesgen.readers import SourceError, open_source, read
from tests.readers.outputs import FORMATS


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_reads_the_same_rows(outputs: dict[str, Path], fmt: str) -> None:
    with open_source(outputs["parquet"]) as reference, open_source(outputs[fmt]) as source:
        assert source.kind == fmt
        for table in TABLE_NAMES:
            query = f"SELECT * FROM {ident(table)} ORDER BY 1"
            assert source.con.sql(query).fetchall() == reference.con.sql(query).fetchall(), table


def test_unreadable_inputs_are_source_errors(outputs: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="does not exist"):
        read(tmp_path / "absent")
    with pytest.raises(SourceError, match="not to files"):
        read(outputs["csv"], prefix="x_")
    with pytest.raises(SourceError, match="unsupported database URL"):
        read("oracle://host/db")
    with pytest.raises(SourceError, match="missing"):
        read(f"duckdb:///{outputs['duckdb']}", prefix="nope_")
