"""``salesgen report``: one self-contained HTML file that shows a dataset — charts, scorecard, contract, truth.

:func:`build_report` opens any salesgen output or database URL with the one reader
(``salesgen.readers.open_source``), computes every chart's aggregate in DuckDB
(``report.queries``), runs the ``validate`` registry once (hard rules and realism bands,
``report.scorecard``), and writes the page (``report.page``, ``report.sections``) through the
project's staging (``formats.staging``): the target is either the complete new page or untouched.

Charts are Vega-Lite specs built with Altair and drawn by the Vega JavaScript inlined from the
``vl-convert-python`` package (see ``report.charts`` for why); both come with the ``report`` extra:
``pip install 'salesgen[report]'``.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from salesgen.config import Config
    >>> from salesgen.formats import write_dataset
    >>> folder = Path(tempfile.mkdtemp())
    >>> data = write_dataset(Config(num_customers=30, num_sales_reps=4), 1, "parquet", folder / "crm").target
    >>> summary = build_report(data, folder / "crm.html")
    >>> summary.charts, summary.target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    (11, True)
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from salesgen.checks import CheckKind, CheckResult, build_context, run_checks
from salesgen.databases.urls import redact
from salesgen.formats.staging import Staging
from salesgen.readers import Source, SourceError, open_source
from salesgen.report.queries import run_queries
from salesgen.report.scorecard import hard_summary, realism_rows
from salesgen.report.sections import hard_rules_html, manifest_html, scorecard_html, truth_html

__all__ = ["ReportError", "ReportSummary", "build_report", "report_path_for"]

INSTALL_HINT = "salesgen report needs the 'report' extra: pip install 'salesgen[report]' (Altair and vl-convert-python)"


class ReportError(ValueError):
    """The report cannot be built: bad input, a missing extra, or an output that cannot be written."""


@dataclass(frozen=True)
class ReportSummary:
    """What :func:`build_report` wrote."""

    target: Path
    bytes: int
    seconds: float
    charts: int
    hard_rules_broken: int


def report_path_for(output: str | Path) -> Path:
    """Where ``generate --report`` puts the page: inside a folder output, beside a file output.

    Example:
        >>> report_path_for("crm_parquet"), report_path_for("crm.duckdb")
        (PosixPath('crm_parquet/report.html'), PosixPath('crm.report.html'))
    """
    path = Path(output)
    return path / "report.html" if path.is_dir() or not path.suffix else path.with_suffix(".report.html")


def _chart_modules() -> tuple[Any, str]:
    """The chart builders and the inline JavaScript, or a ReportError saying how to install them."""
    try:
        import altair
        import vl_convert

        from salesgen.report import charts
    except ImportError as error:
        raise ReportError(f"{INSTALL_HINT}; missing: {error.name}") from error
    major_minor = ".".join(altair.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    version = major_minor if major_minor in vl_convert.get_vegalite_versions() else None
    bundle: str = vl_convert.javascript_bundle(vl_version=version)  # type: ignore[call-arg]  # snippet is optional
    return charts, bundle


def _rules_verdict(results: list[CheckResult]) -> str:
    checks, broken, _ = hard_summary(results)
    return "not run" if not checks else f"all {checks} hold" if not broken else f"{broken} of {checks} broken"


def _page(source: Source, where: str, results: list[CheckResult]) -> tuple[str, int]:
    from salesgen.report import page

    charts, javascript = _chart_modules()
    aggregates = run_queries(source.con, build_context(source.config))
    cards = [
        page.chart_card(c.key, c.title, c.caption, charts.chart_spec(c, aggregates[c.query], source.config.currency))
        for c in charts.CHARTS
    ]
    meta = source.metadata
    subtitle = (
        f"{where} · {source.kind} · salesgen {meta.get('salesgen_version', '?')} · seed {meta.get('seed', '?')} · "
        f"as of {source.config.as_of.isoformat()}"
    )
    sections = {
        "scorecard": scorecard_html(realism_rows(results)),
        "contract": hard_rules_html(results),
        "truth": truth_html(meta.get("truth")),
        "manifest": manifest_html(meta, where, source.kind, source.config_origin),
    }
    html = page.render_page(
        title="salesgen dataset report",
        subtitle=subtitle,
        kpis=page.kpi_strip(aggregates["kpis"][0], _rules_verdict(results)),
        cards=cards,
        sections=sections,
        javascript=javascript,
    )
    return html, len(cards)


def build_report(
    source: str | Path,
    out: str | Path,
    *,
    schema: str | None = None,
    prefix: str = "",
    overwrite: bool = False,
    hard_rules: bool = True,
) -> ReportSummary:
    """Write the HTML report of the dataset at ``source`` (any output or database URL) to ``out``.

    ``schema``/``prefix`` locate the tables in a database. An existing ``out`` is replaced only with
    ``overwrite``. ``hard_rules=False`` skips the contract's hard rules (most of the time on a large
    dataset: their key checks scan every table) and keeps the charts and the realism scorecard.
    Raises :class:`ReportError` for input that is not a salesgen dataset, a missing extra, or an
    output that cannot be written; in every such case nothing is left at ``out``.
    """
    started = time.perf_counter()
    try:
        opened = open_source(source, schema=schema, prefix=prefix)
    except SourceError as error:
        raise ReportError(str(error)) from error
    with opened:
        try:
            staging = Staging(out, overwrite=overwrite, directory=False)
        except (OSError, ValueError) as error:
            raise ReportError(str(error)) from error
        try:
            kinds: tuple[CheckKind, ...] = ("hard", "realism") if hard_rules else ("realism",)
            results = run_checks(opened.con, opened.config, kinds=kinds)
            html, charts = _page(opened, redact(str(source)), results)  # never a password in the page
            staging.artifact.write_text(html, encoding="utf-8")
            target = staging.publish()
        except OSError as error:
            raise ReportError(f"cannot write report {staging.target}: {error}") from error
        finally:
            staging.discard()
    broken = hard_summary(results)[1]
    return ReportSummary(target, target.stat().st_size, time.perf_counter() - started, charts, broken)
