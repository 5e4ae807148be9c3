"""The report's scorecard: the ``validate`` results, read through the same registry ``validate`` runs.

Realism rows join each realism check's result (the statistic measured on this dataset and the band
it is judged by, exactly as ``salesgen validate`` prints them) with the published figure and sources
of :data:`salesgen.checks.realism.REFERENCES`. Nothing here restates a band: a band moves in one
place, ``salesgen/checks/realism.py``, and both ``validate`` and the report follow.

Example:
    >>> from salesgen.checks import CheckResult
    >>> result = CheckResult("realism.no_decision_share", "realism", "35-65% …", "pass", 0, (),
    ...                      "'No decision' share of losses 0.497 (band 0.35-0.65)")
    >>> row = realism_rows([result])[0]
    >>> row.verdict, row.statistic, row.sources[0][0]
    ('in', "share of losses to 'No decision'", 'HBR')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from salesgen.checks import CheckResult
from salesgen.checks.realism import REFERENCES

VERDICTS = {"pass": "in", "fail": "out", "skip": "not judged"}


@dataclass(frozen=True)
class RealismRow:
    """One line of the realism scorecard."""

    name: str
    statistic: str
    published: str
    sources: tuple[tuple[str, str], ...]
    measured: str
    verdict: str


def realism_rows(results: Sequence[CheckResult]) -> list[RealismRow]:
    """A scorecard row per realism result; a check without a recorded reference says so."""
    rows = []
    for result in results:
        if result.kind != "realism":
            continue
        reference = REFERENCES.get(result.name)
        rows.append(
            RealismRow(
                result.name,
                reference.statistic if reference else result.description,
                reference.published if reference else "no published figure recorded",
                reference.sources if reference else (),
                result.detail,
                VERDICTS[result.status],
            )
        )
    return rows


def hard_summary(results: Sequence[CheckResult]) -> tuple[int, int, int]:
    """(hard checks, broken, violating rows) over the hard results.

    Example:
        >>> from salesgen.checks import CheckResult
        >>> hard_summary([CheckResult("a", "hard", "", "fail", 3, ("1",), "3 violations")])
        (1, 1, 3)
    """
    hard = [r for r in results if r.kind == "hard"]
    broken = [r for r in hard if r.status == "fail"]
    return len(hard), len(broken), sum(r.violations for r in broken)
