"""The rules of the data contract (DESIGN.md §3) as named checks in DuckDB SQL.

Every rule is a :class:`Check` in the registry :data:`CHECKS`, under a stable
dotted name (``integrity.fk.contacts.customer_id``, ``money.line_total`` …).
Hard checks select the violating rows; realism checks compare a statistic
with a reference band. The same SQL runs on Arrow tables (registered on an
in-memory DuckDB), on a DuckDB file, or on anything DuckDB can read (Parquet
views, an attached PostgreSQL database), in bounded memory.

Example:
    >>> from salesgen.config import Config
    >>> from salesgen.contract import TABLE_NAMES, arrow_schema
    >>> empty = {name: arrow_schema(name).empty_table() for name in TABLE_NAMES}
    >>> results = run_checks(empty, Config(num_customers=0), kinds=("hard",))
    >>> {r.status for r in results}
    {'pass'}
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from difflib import get_close_matches

import duckdb
import pyarrow as pa

from salesgen.checks import consistency, content, integrity, money, organisation, people, realism, timeline
from salesgen.checks._context import build_context
from salesgen.checks._core import Check, CheckKind, CheckResult, Context, Outcome, Status
from salesgen.config import Config
from salesgen.contract import TABLE_NAMES
from salesgen.databases.sql import literal

__all__ = [
    "CHECKS",
    "Check",
    "CheckKind",
    "CheckResult",
    "Context",
    "Outcome",
    "Status",
    "UnknownCheckError",
    "build_context",
    "run_checks",
    "select_checks",
]

CHECKS: dict[str, Check] = {
    check.name: check
    for module in (integrity, money, timeline, people, consistency, organisation, content, realism)
    for check in module.CHECKS
}


class UnknownCheckError(KeyError):
    """A requested check name is not in the registry."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown check"


def select_checks(kinds: Collection[str] = ("hard", "realism"), names: Iterable[str] | None = None) -> list[Check]:
    """The registered checks of the given kinds (and names, if given), in registry order.

    A name may be a full check name or a dotted prefix such as ``"money"`` or
    ``"integrity.fk"``; an unknown name raises :class:`UnknownCheckError`.

    Example:
        >>> [c.name for c in select_checks(names=["money.line_total"])]
        ['money.line_total']
        >>> len(select_checks(kinds=("hard",), names=["integrity.pk"]))
        10
    """
    unknown_kinds = set(kinds) - {"hard", "realism"}
    if unknown_kinds:
        raise ValueError(f"unknown check kind(s) {sorted(unknown_kinds)}; use 'hard' and/or 'realism'")
    chosen = [check for check in CHECKS.values() if check.kind in kinds]
    if names is None:
        return chosen
    wanted = list(dict.fromkeys(names))
    for name in wanted:
        if not any(c == name or c.startswith(name + ".") for c in CHECKS):
            hint = get_close_matches(name, list(CHECKS), n=3)
            suggestion = f"; did you mean {', '.join(hint)}?" if hint else ""
            raise UnknownCheckError(f"unknown check {name!r}{suggestion} (see salesgen.checks.CHECKS)")
    return [c for c in chosen if any(c.name == n or c.name.startswith(n + ".") for n in wanted)]


def run_checks(
    tables: Mapping[str, pa.Table] | duckdb.DuckDBPyConnection,
    config: Config,
    *,
    kinds: Collection[CheckKind] = ("hard", "realism"),
    names: Iterable[str] | None = None,
) -> list[CheckResult]:
    """Run checks on the ten tables and return one result per check, in registry order.

    ``tables`` is a mapping of Arrow tables (e.g. a ``Dataset``; registered on
    a private in-memory DuckDB) or a DuckDB connection on which the ten tables
    (or views) already exist. The session time zone is UTC while checks run
    and restored afterwards.

    Example:
        >>> from salesgen.contract import arrow_schema
        >>> empty = {name: arrow_schema(name).empty_table() for name in TABLE_NAMES}
        >>> [r.status for r in run_checks(empty, Config(num_customers=0), names=["money.line_total"])]
        ['pass']
    """
    checks = select_checks(kinds, names)
    ctx = build_context(config)
    if isinstance(tables, duckdb.DuckDBPyConnection):
        return _run_on(tables, checks, ctx)
    missing = [name for name in TABLE_NAMES if name not in tables]
    if missing:
        raise ValueError(f"missing table(s) {missing}; run_checks needs all of {list(TABLE_NAMES)}")
    con = duckdb.connect()
    try:
        for name in TABLE_NAMES:
            con.register(name, tables[name])
        return _run_on(con, checks, ctx)
    finally:
        con.close()


def _run_on(con: duckdb.DuckDBPyConnection, checks: list[Check], ctx: Context) -> list[CheckResult]:
    row = con.execute("SELECT current_setting('TimeZone')").fetchone()
    previous = str(row[0]) if row else "UTC"
    con.execute("SET TimeZone = 'UTC'")
    try:
        return [check.run(con, ctx) for check in checks]
    finally:
        con.execute(f"SET TimeZone = {literal(previous)}")
