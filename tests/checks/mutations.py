"""Mutations: break exactly one rule in a copy of a clean dataset, and the registry that holds them.

Each rule's test module (``test_integrity.py``, ``test_money.py``, ...) registers its mutations in
its own ``Mutations`` and runs ``assert_fails_exactly_its_check`` over them; ``all_mutations``
imports every one of those modules by name, so that the coverage test does not depend on which
modules pytest happened to collect first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, NamedTuple

import duckdb
import pyarrow as pa
import pytest

from salesgen.contract import TABLES
from tests.checks.datasets import Data, Tables, hard_failures

MISSING = 987_654_321  # an id no table uses


# --------------------------------------------------------------------------- reading and editing tables


def query(tables: Tables, sql: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    for name, table in tables.items():
        con.register(name, table)
    return con.execute(sql).fetchall()


def one(tables: Tables, sql: str) -> tuple[Any, ...]:
    rows = query(tables, sql)
    if not rows or rows[0][0] is None:
        pytest.skip(f"the dataset has no row for this mutation: {sql.strip()}")
    return rows[0]


def row(tables: Tables, name: str, key: Any) -> dict[str, Any]:
    pk = TABLES[name].primary_key
    return next(r for r in tables[name].to_pylist() if r[pk] == key)


def replace_rows(tables: Tables, name: str, rows: list[dict[str, Any]]) -> Tables:
    return {**tables, name: pa.Table.from_pylist(rows, schema=tables[name].schema)}


def edit(tables: Tables, name: str, key: Any, /, **values: Any) -> Tables:
    """Set columns of the row whose primary key is ``key``."""
    pk = TABLES[name].primary_key
    rows = tables[name].to_pylist()
    hits = [row for row in rows if row[pk] == key]
    assert len(hits) == 1, (name, key)
    hits[0].update(values)
    return replace_rows(tables, name, rows)


def append_copy(tables: Tables, name: str, key: Any, /, **values: Any) -> Tables:
    """Append a copy of the row whose primary key is ``key``, with some columns changed."""
    pk = TABLES[name].primary_key
    rows = tables[name].to_pylist()
    copy = dict(next(row for row in rows if row[pk] == key), **values)
    return replace_rows(tables, name, [*rows, copy])


def delete(tables: Tables, name: str, column: str, value: Any) -> Tables:
    return replace_rows(tables, name, [row for row in tables[name].to_pylist() if row[column] != value])


def cents(value: Decimal) -> int:
    return int(value * 100)


def plus(step: Any) -> Callable[[Any], Any]:
    """A change for ``set_first``: the old value plus ``step`` (a number, or a list to append)."""
    return lambda old: old + step


# --------------------------------------------------------------------------- the registry


class Broken(NamedTuple):
    """A broken copy of the tables, the key the check must report, and other checks allowed to fail."""

    tables: Tables
    key: str
    extra: frozenset[str] = frozenset()


Mutator = Callable[[Data], Broken]


class Mutation(NamedTuple):
    check: str
    mutate: Mutator


class Mutations(dict[str, Mutation]):
    """The mutations of one rule module, by id: the check's name, plus ``[variant]`` for a second one."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix  # the module's checks are named "<prefix>.<rule>"

    def add(self, check: str, mutate: Mutator, variant: str = "") -> None:
        assert check.startswith(f"{self.prefix}."), f"{check} belongs to another module than {self.prefix}"
        self[f"{check}[{variant}]" if variant else check] = Mutation(check, mutate)

    def __call__(self, check: str, variant: str = "") -> Callable[[Mutator], Mutator]:
        """Register the decorated function as the mutation of ``check``."""

        def register(mutate: Mutator) -> Mutator:
            self.add(check, mutate, variant)
            return mutate

        return register


def set_first(
    table: str, changes: Mapping[str, Any], *, where: str = "TRUE", label: str = "{key}", extra: Iterable[str] = ()
) -> Mutator:
    """A mutation setting columns of the first row (lowest key) of ``table`` that matches ``where``.

    A callable change gets the column's old value; ``label`` formats the key the check must report.
    """
    pk = TABLES[table].primary_key

    def mutate(data: Data) -> Broken:
        (key,) = one(data.tables, f"SELECT min({pk}) FROM {table} WHERE {where}")
        old = row(data.tables, table, key)
        values = {column: change(old[column]) if callable(change) else change for column, change in changes.items()}
        return Broken(edit(data.tables, table, key, **values), label.format(key=key), frozenset(extra))

    return mutate


def assert_fails_exactly_its_check(data: Data, mutation: Mutation) -> None:
    broken = mutation.mutate(data)
    check = mutation.check
    failing = hard_failures(broken.tables, data.config)
    assert check in failing, f"{check} did not notice the mutation"
    result = failing[check]
    assert result.violations >= 1
    assert broken.key in result.examples, (broken.key, result.examples)
    assert set(failing) - set(data.baseline) == {check, *broken.extra}, {name: r.detail for name, r in failing.items()}


def all_mutations() -> dict[str, Mutation]:
    """Every rule module's mutations, imported explicitly (not left to pytest's collection order)."""
    # imported here: those modules import this one
    from tests.checks import (
        test_consistency,
        test_content,
        test_integrity,
        test_money,
        test_organisation,
        test_people,
        test_timeline,
    )

    modules = (
        test_integrity,
        test_money,
        test_timeline,
        test_people,
        test_consistency,
        test_organisation,
        test_content,
    )
    return {key: value for module in modules for key, value in module.MUTATIONS.items()}
