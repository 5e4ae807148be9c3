"""The ``data`` fixture: each clean dataset in turn, with the hard checks that fail on it already."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from salesgen.checks import _context
from salesgen.config import Config
from tests.checks.datasets import US_FACTS, Data, generated_dataset, hard_failures, tiny_dataset


@pytest.fixture(scope="module", params=["tiny", "generated"])
def data(request: pytest.FixtureRequest) -> Iterator[Data]:
    yield from clean_data(request.param)


def clean_data(kind: str) -> Iterator[Data]:
    """The clean dataset ``kind``: tiny (hand-written), generated, or generated-jpy (whole yen)."""
    with pytest.MonkeyPatch.context() as patch:
        if kind == "tiny":
            tables, config = tiny_dataset(), Config()
            patch.setattr(_context, "_load_country_facts", lambda: US_FACTS)
        else:
            tables, config = generated_dataset("JPY" if kind == "generated-jpy" else "USD")
        _context._country_snippets.cache_clear()
        baseline = {name: r.detail for name, r in hard_failures(tables, config).items()}
        yield Data(tables, config, baseline)
    _context._country_snippets.cache_clear()
