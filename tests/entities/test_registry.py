"""Tests of salesgen.entities.registry: any valid order of the builders gives the same bytes; bad orders fail."""

from __future__ import annotations

import random

import numpy as np
import pytest

from salesgen.config import Config
from salesgen.contract import BLOCK_TABLES
from salesgen.entities.registry import REGISTRY, STEPS, build_block, check_order
from salesgen.entities.world import build_world

CONFIG = Config(num_customers=40, num_sales_reps=6, block_size=20)
SEED = 11


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
