"""Named draws: every builder opens its own streams, so the order builders run in cannot change a byte."""

from __future__ import annotations

import random
from collections import Counter
from enum import IntEnum
from typing import Any

import numpy as np
import pytest

import salesgen.streams as streams
from salesgen.config import Config
from salesgen.entities.draws import TABLE_OF
from salesgen.entities.registry import REGISTRY, STEPS, build_block, build_step, check_order
from salesgen.entities.world import build_world
from salesgen.schema import BLOCK_TABLES

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


def test_a_purpose_must_be_a_named_member() -> None:
    with pytest.raises(TypeError, match="named IntEnum member"):
        streams.stream(1, 7, 0, 3)  # type: ignore[arg-type]


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


def _random_topological_order(rng: random.Random) -> list[str]:
    order: list[str] = []
    while len(order) < len(REGISTRY):
        ready = [s.name for s in REGISTRY if s.name not in order and all(n in order for n in s.needs)]
        order.append(rng.choice(ready))
    return order


def test_any_valid_order_of_the_builders_gives_the_same_bytes() -> None:
    world = build_world(CONFIG, SEED)
    reference = build_block(world, 1)
    rng = random.Random(5)
    orders = [_random_topological_order(rng) for _ in range(4)]
    assert len({tuple(order) for order in orders}) > 1
    for order in orders:
        result = build_block(world, 1, order)
        for name in BLOCK_TABLES:
            assert result.tables[name].equals(reference.tables[name]), (name, order)
        for field, values in vars(reference.rep_totals).items():
            assert np.array_equal(getattr(result.rep_totals, field), values), field


def test_an_order_that_builds_a_step_before_its_needs_is_refused() -> None:
    order = [step.name for step in REGISTRY]
    order.remove("deals")
    with pytest.raises(ValueError, match="needs 'deals'"):
        check_order([*order, "deals"])
    with pytest.raises(ValueError, match="missing"):
        check_order(order[:2])


def test_the_registry_builds_every_block_table_once() -> None:
    assert set(BLOCK_TABLES) <= set(STEPS)
    check_order([step.name for step in REGISTRY])
