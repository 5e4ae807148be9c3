"""Tests of salesgen.formats.registry: an unknown format is refused, listing the valid ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from salesgen.formats import FORMAT_NAMES
from tests.formats.outputs import write_all
from tests.samples import dataset


def test_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="xml") as error:
        write_all("xml", tmp_path / "out", dataset())
    for fmt in FORMAT_NAMES:
        assert fmt in str(error.value)
    assert list(tmp_path.iterdir()) == []
