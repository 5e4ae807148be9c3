"""The check model: a named rule, how it runs, and what it reports.

A hard check is a SQL query template that selects the violating rows as one
column ``key``; the runner counts them and keeps the first five keys in key
order, so results are deterministic and memory stays bounded (a count and a
top-5, never the whole violation set). A realism check is a function of the
connection and the run context that computes a statistic and compares it
with a reference band.

Query templates use ``string.Template`` placeholders (``$as_of``,
``$stages`` …) filled from :class:`Context`; see ``salesgen.checks._context``.

Example:
    >>> check = Check("demo.no_negative", "hard", "x is never negative",
    ...               sql="SELECT id AS key FROM t WHERE x < 0")
    >>> check.placeholders
    frozenset()
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from string import Template
from typing import Literal

import duckdb

from salesgen.config import Config
from salesgen.databases.sql import literal

CheckKind = Literal["hard", "realism"]
Status = Literal["pass", "fail", "skip"]
MAX_EXAMPLES = 5


@dataclass(frozen=True)
class Context:
    """What checks read besides the tables: the config and SQL snippets built from it.

    ``params`` maps placeholder names to SQL text; ``unavailable`` maps
    placeholder names that could not be built (e.g. country facts) to the
    reason, and checks using them are skipped with that reason.

    Example:
        >>> from salesgen.checks import build_context
        >>> build_context(Config()).params["as_of"]
        "TIMESTAMPTZ '2026-01-01 00:00:00+00'"
    """

    config: Config
    params: Mapping[str, str]
    unavailable: Mapping[str, str] = field(default_factory=dict)

    def sql(self, template: str) -> str:
        """Fill a query template's placeholders.

        Example:
            >>> from salesgen.checks import build_context
            >>> build_context(Config()).sql("SELECT $as_of_date")
            "SELECT DATE '2026-01-01'"
        """
        return Template(template).substitute(self.params)


@dataclass(frozen=True)
class Outcome:
    """What a function check found: status, a one-line detail, optional violations.

    Example:
        >>> Outcome("skip", "only 12 closed deals (need 200)").status
        'skip'
    """

    status: Status
    detail: str
    violations: int = 0
    examples: tuple[str, ...] = ()


Evaluator = Callable[[duckdb.DuckDBPyConnection, Context], Outcome]


@dataclass(frozen=True)
class CheckResult:
    """The result of one check on one dataset.

    Example:
        >>> r = CheckResult("money.line_total", "hard", "…", "fail", 1, ("801",), "1 violation")
        >>> r.passed, r.examples
        (False, ('801',))
    """

    name: str
    kind: CheckKind
    description: str
    status: Status
    violations: int
    examples: tuple[str, ...]
    detail: str

    @property
    def passed(self) -> bool:
        """True unless the check failed (a skip is not a failure)."""
        return self.status != "fail"


@dataclass(frozen=True)
class Check:
    """A named rule of the data contract: a SQL template or an evaluator function.

    ``sql`` selects violating rows as a single column ``key``; ``evaluate``
    computes an :class:`Outcome` directly (used by realism checks).

    Example:
        >>> Check("demo.x", "hard", "x ok", sql="SELECT id AS key FROM t WHERE $as_of < x").placeholders
        frozenset({'as_of'})
    """

    name: str
    kind: CheckKind
    description: str
    sql: str | None = None
    evaluate: Evaluator | None = None

    def __post_init__(self) -> None:
        if (self.sql is None) == (self.evaluate is None):
            raise ValueError(f"check {self.name!r}: give exactly one of sql= or evaluate=")

    @property
    def placeholders(self) -> frozenset[str]:
        """Names of the ``$placeholders`` the SQL template uses."""
        return frozenset(Template(self.sql).get_identifiers()) if self.sql else frozenset()

    def run(self, con: duckdb.DuckDBPyConnection, ctx: Context) -> CheckResult:
        """Run on a connection holding the ten tables; SQL errors become a failed result.

        Example:
            >>> import duckdb
            >>> from salesgen.checks import build_context
            >>> con = duckdb.connect()
            >>> _ = con.execute("CREATE TABLE t AS SELECT * FROM (VALUES (1, -2), (2, 3)) v(id, x)")
            >>> Check("demo.x", "hard", "x >= 0", sql="SELECT id AS key FROM t WHERE x < 0").run(
            ...     con, build_context(Config())).examples
            ('1',)
        """
        try:
            outcome = self._outcome(con, ctx)
        except duckdb.Error as error:
            first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            outcome = Outcome("fail", f"error: {first_line}", 0)
        return CheckResult(
            self.name, self.kind, self.description, outcome.status, outcome.violations, outcome.examples, outcome.detail
        )

    def _outcome(self, con: duckdb.DuckDBPyConnection, ctx: Context) -> Outcome:
        if self.evaluate is not None:
            return self.evaluate(con, ctx)
        assert self.sql is not None
        missing = sorted(self.placeholders & set(ctx.unavailable))
        if missing:
            return Outcome("skip", "; ".join(ctx.unavailable[name] for name in missing))
        query = ctx.sql(self.sql)
        row = con.execute(f"SELECT count(*) FROM ({query}) AS violations").fetchone()
        count = int(row[0]) if row else 0
        if count == 0:
            return Outcome("pass", "0 violations")
        keys = con.execute(
            f"SELECT key FROM ({query}) AS violations ORDER BY key NULLS FIRST LIMIT {MAX_EXAMPLES}"
        ).fetchall()
        examples = tuple("NULL" if key is None else str(key) for (key,) in keys)
        noun = "violation" if count == 1 else "violations"
        return Outcome("fail", f"{count} {noun}, e.g. {', '.join(examples)}", count, examples)


def cents(expr: str) -> str:
    """SQL for a money expression in integer cents (exact for decimal(18,2)).

    Example:
        >>> cents("amount")
        'CAST(round((amount) * 100) AS BIGINT)'
    """
    return f"CAST(round(({expr}) * 100) AS BIGINT)"


def basis_points(expr: str) -> str:
    """SQL for a percent (0..1) expression in integer basis points.

    Example:
        >>> basis_points("discount_pct")
        'CAST(round((discount_pct) * 10000) AS BIGINT)'
    """
    return f"CAST(round(({expr}) * 10000) AS BIGINT)"


def sql_string(value: str) -> str:
    """A SQL string literal.

    Example:
        >>> sql_string("O'Brien")
        "'O''Brien'"
    """
    return literal(value)


def key_of(table: str, expr: str) -> str:
    """SQL for a text key ``'<table>:<expr>'`` (used when a check spans tables).

    Example:
        >>> key_of("contacts", "contact_id")
        "'contacts:' || CAST(contact_id AS VARCHAR)"
    """
    return f"'{table}:' || CAST({expr} AS VARCHAR)"
