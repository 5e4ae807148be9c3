"""Shared fixtures of the database tests: the dataset to load, its expected rows, and one database per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from salesgen.config import Config
from salesgen.contract import TABLE_NAMES, TABLES, arrow_schema
from salesgen.databases import DIALECTS
from salesgen.formats import write_dataset
from tests.databases.places import (
    SEED,
    TRICKY_LIST,
    TRICKY_TEXT,
    Db,
    edit_part,
    file_place,
    mysql_place,
    normalized_rows,
    postgres_place,
)


@pytest.fixture(scope="module")
def crm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dataset, with text no generator writes but every loader must carry: quotes, escapes, NULL look-alikes."""
    root = write_dataset(
        Config(num_customers=200, block_size=50), SEED, "parquet", tmp_path_factory.mktemp("db") / "crm"
    ).target
    edit_part(root / "products" / "part-run.parquet", "description", lambda v: v.__setitem__(0, TRICKY_TEXT))
    edit_part(root / "products" / "part-run.parquet", "features", lambda v: v.__setitem__(0, TRICKY_LIST))
    edit_part(root / "products" / "part-run.parquet", "customization_options", lambda v: v.__setitem__(0, []))
    edit_part(
        sorted((root / "opportunities").glob("*.parquet"))[0], "loss_reason", lambda v: v.__setitem__(v.index(None), "")
    )  # an empty string stays distinct from NULL
    return root


@pytest.fixture(scope="module")
def expected(crm: Path) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    for name in TABLE_NAMES:
        parts = sorted((crm / name).glob("*.parquet"))
        table = pa.concat_tables([pq.read_table(p) for p in parts]) if parts else arrow_schema(name).empty_table()
        records = table.select(TABLES[name].column_names).to_pylist()
        out[name] = normalized_rows(name, [tuple(r.values()) for r in records])
    return out


@pytest.fixture(params=[pytest.param(d, marks=pytest.mark.db) if d in ("postgres", "mysql") else d for d in DIALECTS])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Db]:
    if request.param in ("sqlite", "duckdb"):
        yield file_place(request.param, tmp_path)
        return
    with (postgres_place if request.param == "postgres" else mysql_place)() as place:
        yield place
