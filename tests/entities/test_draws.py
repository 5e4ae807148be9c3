"""Tests of salesgen.entities.draws: each purpose enum draws for its table, no two builders share a stream."""

from __future__ import annotations

from collections import Counter
from enum import IntEnum
from typing import Any

import numpy as np
import pytest

import salesgen.streams as streams
from salesgen.config import Config
from salesgen.entities.draws import TABLE_OF
from salesgen.entities.registry import REGISTRY, build_block, build_step
from salesgen.entities.world import build_world

CONFIG = Config(num_customers=40, num_sales_reps=6, block_size=20)
SEED = 11
Key = tuple[int, int, int, IntEnum]


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Key]:
    """Every (seed, table, block, purpose) key a stream is opened for, in order."""
    keys: list[Key] = []
    real = streams._open

    def record(seed: int, table: int, block: int, purpose: IntEnum) -> np.random.Generator:
        keys.append((seed, table, block, purpose))
        return real(seed, table, block, purpose)

    monkeypatch.setattr(streams, "_open", record)
    return keys


def test_each_purpose_enum_draws_for_the_table_it_names(opened: list[Key]) -> None:
    build_block(build_world(CONFIG, SEED), 0)
    assert opened
    for _, table, _, purpose in opened:
        assert TABLE_OF[type(purpose)].code == table, purpose


def test_builders_never_share_a_stream_key(opened: list[Key]) -> None:
    world = build_world(CONFIG, SEED)
    assert not [key for key, count in Counter(opened).items() if count > 1], "run scope reopens a stream"
    run_scope = set(opened)
    owner: dict[Key, str] = {}
    done: dict[str, Any] = {}
    for step in REGISTRY:
        opened.clear()
        done[step.name] = build_step(step, world, 1, done)
        repeated = [key for key, count in Counter(opened).items() if count > 1]
        assert not repeated, f"{step.name} opens the same stream twice: {repeated}"
        assert step.draws or not opened, f"{step.name} draws but is not marked draws=True"
        for key in opened:
            assert key not in owner, f"{step.name} and {owner[key]} share the stream {key}"
            assert key not in run_scope
            owner[key] = step.name
    assert {key[2] for key in owner} == {1}
