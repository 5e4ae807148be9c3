"""``salesgen report``: a self-contained HTML report of any output or database URL.

Example (shell):
    salesgen report crm/ -o crm-report.html
    salesgen report postgresql://user@localhost/crm --schema sales -o report.html
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from salesgen.cli.common import Quiet, console, fail, plain


def report_command(
    path: Annotated[
        str, typer.Argument(help="A salesgen output (Parquet/CSV/JSONL folder, JSON or DuckDB file) or a database URL.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")] = Path("report.html"),
    overwrite: Annotated[bool, typer.Option(help="Replace an existing file at --out.")] = False,
    db_schema: Annotated[str | None, typer.Option("--schema", help="For a database URL: the schema.")] = None,
    prefix: Annotated[str, typer.Option(help="For a database URL: the table prefix.")] = "",
    hard_rules: Annotated[
        bool, typer.Option(help="Run the contract's hard rules (most of the time on a large dataset).")
    ] = True,
    quiet: Quiet = False,
) -> None:
    """Write one self-contained HTML file with charts, the realism scorecard, the hard rules and the planted truth.

    Exit 0 when the report is written (even if a rule is broken: the report shows it); 2 when the input
    cannot be read or the output cannot be written, and then nothing is left at --out.
    """
    write_report(path, out, overwrite=overwrite, db_schema=db_schema, prefix=prefix, hard_rules=hard_rules, quiet=quiet)


def write_report(
    path: str | Path,
    out: Path,
    *,
    overwrite: bool,
    db_schema: str | None = None,
    prefix: str = "",
    hard_rules: bool = True,
    quiet: bool = False,
) -> None:
    """Build the report and say where it went; a ReportError becomes exit 2 (shared with ``generate --report``)."""
    from salesgen.formats import OutputExistsError
    from salesgen.report import ReportError, build_report  # late: the report extra is optional

    try:
        summary = build_report(path, out, schema=db_schema, prefix=prefix, overwrite=overwrite, hard_rules=hard_rules)
    except ReportError as error:
        if isinstance(error.__cause__, OutputExistsError):  # the library's wording says overwrite=True
            raise fail(f"output {out} already exists; pass --overwrite to replace it") from error
        raise fail(f"{error}; no report was written") from error
    if not quiet:
        broken = f", [bold red]{summary.hard_rules_broken} hard rule(s) broken[/]" if summary.hard_rules_broken else ""
        console.print(
            f"report {plain(summary.target)} ({summary.bytes / 1e6:,.1f} MB, {summary.charts} charts{broken}) "
            f"in {summary.seconds:,.1f} s",
            soft_wrap=True,
        )
