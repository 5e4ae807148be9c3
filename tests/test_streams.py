"""Tests of salesgen.streams: a stream is keyed by a named purpose, never a bare number."""

from __future__ import annotations

import pytest

import salesgen.streams as streams


def test_a_purpose_must_be_a_named_member() -> None:
    with pytest.raises(TypeError, match="named IntEnum member"):
        streams.stream(1, 7, 0, 3)  # type: ignore[arg-type]
