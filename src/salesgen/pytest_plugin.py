"""pytest fixtures for testing code against salesgen data (registered through the ``pytest11`` entry point).

Installed with salesgen, the plugin gives every test suite three fixtures:

- ``salesgen_dataset``: a small deterministic dataset (200 customers, seed 42), built once per
  session for each distinct setting. ``@pytest.mark.salesgen(seed=7, preset="smb-saas",
  num_customers=500)`` on a test (or module, via ``pytestmark``) changes it: ``seed``, ``preset``
  and any ``Config`` field.
- ``salesgen_factory``: the same cache as a callable, for tests that need several datasets or
  files: ``salesgen_factory(num_customers=50)`` returns the tables in memory,
  ``salesgen_factory.write("parquet", num_customers=50)`` a written output folder.
- ``salesgen_duckdb``: an in-memory DuckDB connection with the ``salesgen_dataset`` tables
  registered as views, for SQL-shaped tests.

Example (a test module in a user's project)::

    import pytest

    def test_every_opportunity_has_an_account(salesgen_dataset):
        ids = set(salesgen_dataset["customers"]["customer_id"].to_pylist())
        assert set(salesgen_dataset["opportunities"]["customer_id"].to_pylist()) <= ids

    @pytest.mark.salesgen(seed=7, preset="enterprise-software", num_customers=300)
    def test_win_rate(salesgen_duckdb):
        won, closed = salesgen_duckdb.execute(
            "SELECT count(*) FILTER (WHERE is_won), count(*) FILTER (WHERE is_closed) FROM opportunities"
        ).fetchone()
        assert 0 < won < closed

Datasets are cached per session under pytest's temporary root, keyed by the settings, so a
fixture costs one generation per distinct setting, not one per test.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from salesgen.api import generate, write
from salesgen.config import Config
from salesgen.config.presets import preset_fields
from salesgen.contract import TABLE_NAMES
from salesgen.generator import Dataset

DEFAULT_SETTINGS: dict[str, Any] = {"seed": 42, "num_customers": 200}
MARKER = "salesgen"


class SalesgenFactory:
    """Builds and caches datasets for one test session; see the module docstring."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._datasets: dict[str, Dataset] = {}
        self._outputs: dict[str, Path] = {}

    def __call__(self, *, seed: int = 42, preset: str | None = None, **fields: Any) -> Dataset:
        """The tables for ``seed``, ``preset`` and ``Config`` fields, built once per session."""
        key = _key(seed=seed, preset=preset, **fields)
        if key not in self._datasets:
            self._datasets[key] = generate(_config(preset, fields), seed=seed)
        return self._datasets[key]

    def write(self, format: str = "parquet", *, seed: int = 42, preset: str | None = None, **fields: Any) -> Path:
        """The output (folder or file) of ``format`` for these settings, written once per session."""
        key = _key(format=format, seed=seed, preset=preset, **fields)
        if key not in self._outputs:
            target = self._root / f"dataset-{len(self._outputs)}-{format}"
            write(_config(preset, fields), seed=seed, format=format, target=target)
            self._outputs[key] = target
        return self._outputs[key]


def _config(preset: str | None, fields: dict[str, Any]) -> Config:
    base = preset_fields(preset) if preset else {}
    return Config.model_validate({**base, **fields})


def _key(**settings: Any) -> str:
    return json.dumps(settings, sort_keys=True, default=str)


def _marked_settings(request: pytest.FixtureRequest) -> dict[str, Any]:
    """The default settings updated by every ``salesgen`` marker, the closest one last."""
    settings = dict(DEFAULT_SETTINGS)
    for marker in reversed(list(request.node.iter_markers(MARKER))):
        if marker.args:
            raise pytest.UsageError("@pytest.mark.salesgen takes keywords only, e.g. salesgen(seed=7)")
        settings.update(marker.kwargs)
    return settings


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", f"{MARKER}(seed=42, preset=None, **config_fields): settings of the salesgen_dataset fixture"
    )


@pytest.fixture(scope="session")
def salesgen_factory(tmp_path_factory: pytest.TempPathFactory) -> SalesgenFactory:
    """A session-wide builder of salesgen datasets: ``salesgen_factory(**settings)``, ``.write(format)``."""
    return SalesgenFactory(tmp_path_factory.mktemp("salesgen"))


@pytest.fixture
def salesgen_dataset(salesgen_factory: SalesgenFactory, request: pytest.FixtureRequest) -> Dataset:
    """The tables of a small deterministic dataset (see the ``salesgen`` marker to change it)."""
    return salesgen_factory(**_marked_settings(request))


@pytest.fixture
def salesgen_duckdb(salesgen_dataset: Dataset) -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory DuckDB connection with the ``salesgen_dataset`` tables as views."""
    con = duckdb.connect()
    for name in TABLE_NAMES:
        con.register(name, salesgen_dataset[name])
    yield con
    con.close()
