"""The report's tables as HTML: realism scorecard, hard rules, the planted truth, the manifest.

Every value is escaped; long lists (per-file hashes, rep skills of a very large team) are capped so
the page stays small whatever the dataset size, with a note that the full list is in the manifest.

Example:
    >>> table(["a", "b"], [["<x>", 1]])
    '<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>&lt;x&gt;</td><td>1</td></tr></tbody></table>'
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any

from salesgen.checks import CheckResult
from salesgen.report.scorecard import RealismRow, hard_summary

MAX_LISTED = 200  # rows of a long list (rep skills, files) shown before "… and N more"


class Raw(str):
    """HTML that is already safe: inserted as is by :func:`table`."""


def cell(value: Any) -> str:
    """One value as escaped HTML (``Raw`` passes through; floats keep 4 significant decimals).

    Example:
        >>> cell(0.123456), cell(Raw("<b>x</b>")), cell(None)
        ('0.1235', '<b>x</b>', '–')
    """
    if isinstance(value, Raw):
        return str(value)
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1e4 else f"{value:,.0f}"
    return escape(str(value))


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], css: str = "") -> str:
    """A plain HTML table."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    klass = f' class="{escape(css)}"' if css else ""
    return f"<table{klass}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _badge(verdict: str) -> Raw:
    css = {"in": "ok", "pass": "ok", "out": "bad", "fail": "bad"}.get(verdict, "muted")
    return Raw(f'<span class="badge {css}">{escape(verdict)}</span>')


def _sources(sources: Sequence[tuple[str, str]]) -> Raw:
    # Links are plain anchors: nothing is fetched unless the reader clicks.
    links = [f'<a href="{escape(url)}" rel="noreferrer">{escape(label)}</a>' for label, url in sources]
    return Raw(", ".join(links) if links else '<span class="muted">judgement call</span>')


def scorecard_html(rows: Sequence[RealismRow]) -> str:
    """The realism scorecard: statistic, published reference and sources, this dataset, in/out."""
    if not rows:
        return '<p class="muted">No realism bands were run.</p>'
    return table(
        ["statistic", "published reference", "sources", "this dataset (and the band validate judges by)", "verdict"],
        [(r.statistic, r.published, _sources(r.sources), r.measured, _badge(r.verdict)) for r in rows],
        "scorecard",
    )


def hard_rules_html(results: Sequence[CheckResult]) -> str:
    """The hard rules: a verdict line, then every rule with its violation count (failures first)."""
    checks, broken, violations = hard_summary(results)
    if not checks:
        skipped = "The hard rules were not run for this report (<code>salesgen validate</code> runs them)."
        return f'<p class="muted">{skipped}</p>'
    verdict = (
        f'<p class="verdict ok">All {checks} hard rules hold.</p>'
        if not broken
        else f'<p class="verdict bad">{broken} of {checks} hard rules broken ({violations:,} violating rows).</p>'
    )
    hard = sorted((r for r in results if r.kind == "hard"), key=lambda r: (r.status != "fail", r.name))
    rows = [(r.name, r.description, _badge(r.status), r.violations, ", ".join(r.examples)) for r in hard]
    opened = " open" if broken else ""
    body = table(["rule", "what it says", "status", "violations", "example keys"], rows, "rules")
    return f"{verdict}<details{opened}><summary>every hard rule ({checks})</summary>{body}</details>"


def _effects(win_model: Mapping[str, Any]) -> list[tuple[str, str, Any]]:
    rows: list[tuple[str, str, Any]] = []
    for effect, value in win_model.items():
        if isinstance(value, Mapping):
            rows.extend((effect, str(level), shift) for level, shift in value.items())
        elif isinstance(value, int | float):
            rows.append((effect, "", value))
    return rows


def _capped(rows: list[tuple[Any, ...]], what: str) -> tuple[list[tuple[Any, ...]], str]:
    if len(rows) <= MAX_LISTED:
        return rows, ""
    note = f'<p class="muted">{len(rows) - MAX_LISTED:,} more {what} are in the manifest.</p>'
    return rows[:MAX_LISTED], note


def truth_html(truth: Mapping[str, Any] | None) -> str:
    """The planted truth: win-model effects (log-odds), amount and cycle models, each rep's skill."""
    if not truth:
        return '<p class="muted">This source carries no planted truth (no salesgen manifest was found).</p>'
    parts = []
    win_model = truth.get("win_model", {})
    if win_model:
        model = win_model.get("model")
        if model:
            parts.append(f"<p>{escape(str(model))}</p>")
        parts.append(table(["effect", "level", "log-odds"], _effects(win_model), "truth"))
    for key in ("amount_model", "cycle_model"):
        if truth.get(key):
            rows = _effects(truth[key])
            parts.append(f"<h3>{escape(key.replace('_', ' '))}</h3>" + table(["parameter", "level", "value"], rows))
    skills = truth.get("rep_skill") or {}
    if skills:
        ordered = sorted(((int(rep), float(s)) for rep, s in skills.items()), key=lambda item: -item[1])
        shown, note = _capped(list(ordered), "reps")
        parts.append(
            f"<h3>rep skill (log-odds, {len(ordered):,} reps, best first)</h3>"
            f"<details><summary>every rep</summary>{table(['rep_id', 'skill'], shown, 'narrow')}{note}</details>"
        )
    return "".join(parts)


def manifest_html(metadata: Mapping[str, Any], source: str, kind: str, config_origin: str) -> str:
    """What made the data: generator, version, seed, as-of, hashes, row counts, and the full config."""
    if not metadata:
        return f'<p class="muted">{escape(source)} has no salesgen manifest; reference values are {config_origin}.</p>'
    facts = [
        ("source", f"{source} ({kind})"),
        ("generator", f"{metadata.get('generator', '?')} {metadata.get('salesgen_version', '')}"),
        ("seed", metadata.get("seed")),
        ("as of", metadata.get("as_of")),
        ("dataset hash", metadata.get("dataset_hash", "–")),
    ]
    counts = metadata.get("row_counts") or {}
    files = metadata.get("files") or {}
    file_rows, note = _capped(
        [(name, entry.get("rows"), entry.get("sha256")) for name, entry in files.items()], "files"
    )
    config = json.dumps(metadata.get("config", {}), indent=2, sort_keys=True)
    file_list = table(["file", "rows", "sha256"], file_rows)
    return (
        table(["", ""], facts, "facts")
        + "<h3>rows</h3>"
        + table(["table", "rows"], [(name, f"{int(n):,}") for name, n in counts.items()], "narrow")
        + (
            f"<details><summary>files and SHA-256 ({len(files):,})</summary>{file_list}{note}</details>"
            if files
            else ""
        )
        + f"<details><summary>full config</summary><pre>{escape(config)}</pre></details>"
    )
