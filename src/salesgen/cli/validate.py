"""``salesgen validate``: every rule of the data contract, on any output or a database URL.

Example (shell):
    salesgen validate crm_parquet/
    salesgen validate postgresql://user@localhost:5432/crm --schema sales --json
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from salesgen.cli.common import fail, make_console, plain
from salesgen.contract import TABLE_NAMES
from salesgen.databases.urls import is_url, redact

if TYPE_CHECKING:
    from salesgen.checks import CheckKind, CheckResult


def validate(
    path: Annotated[
        str, typer.Argument(help="A salesgen output (Parquet/CSV/JSONL folder, JSON or DuckDB file) or a database URL.")
    ],
    json_output: Annotated[bool, typer.Option("--json", help="Print results as JSON for machines.")] = False,
    check: Annotated[list[str] | None, typer.Option(help="Run only this check or prefix (repeatable).")] = None,
    hard_only: Annotated[bool, typer.Option("--hard-only", help="Skip the realism bands.")] = False,
    db_schema: Annotated[str | None, typer.Option("--schema", help="For a database URL: the schema.")] = None,
    prefix: Annotated[str, typer.Option(help="For a database URL: the table prefix.")] = "",
) -> None:
    """Check a dataset against every rule of the data contract. Exit 0: all hard rules hold; 1: one fails.

    PATH may also be a database URL a dataset was loaded into (postgresql://…, mysql://…, sqlite:///…).
    """
    # Late: the checks, pyarrow and the readers cost ~0.5 s of imports that other commands never need.
    from salesgen.api import check_source
    from salesgen.checks import UnknownCheckError
    from salesgen.readers import SourceError, open_source

    shown = redact(path) if is_url(path) else path
    if not is_url(path) and (db_schema is not None or prefix):
        raise fail(f"--schema and --prefix apply to a database URL, not to the file output {path}; drop them")
    try:
        source = open_source(path, schema=db_schema, prefix=prefix, subset=True)
    except SourceError as error:
        raise fail(redact(str(error))) from error
    try:
        kinds: tuple[CheckKind, ...] = ("hard",) if hard_only else ("hard", "realism")
        results = check_source(source, kinds, check)
    except UnknownCheckError as error:
        raise fail(str(error)) from error
    finally:
        source.close()
    failed = [r for r in results if r.kind == "hard" and r.status == "fail"]
    if json_output:
        sys.stdout.write(
            json.dumps(
                {
                    "path": shown,
                    "format": source.kind,
                    "config_from": source.config_origin,
                    "passed": not failed,
                    "results": [asdict(r) for r in results],
                },
                indent=2,
            )
            + "\n"
        )
    else:
        _print_results(results, f"{shown} ({source.kind}; reference values from {source.config_origin})")
        if source.present != TABLE_NAMES:
            make_console().print(
                f"note: a subset ({', '.join(source.present)}): checks needing other tables were skipped",
                markup=False,
                soft_wrap=True,
            )
    raise typer.Exit(1 if failed else 0)


def _print_results(results: list[CheckResult], title: str) -> None:
    out = make_console()
    for kind, heading in (("hard", "hard rules"), ("realism", "realism bands")):
        rows = [r for r in results if r.kind == kind]
        if not rows:
            continue
        table = Table("check", "status", "violations", "detail / examples", title=f"{heading}: {plain(title)}")
        for r in rows:
            style = {"pass": "green", "fail": "bold red", "skip": "yellow"}[r.status]
            detail = r.detail + (f" e.g. {', '.join(r.examples)}" if r.examples else "")
            violations = str(r.violations) if kind == "hard" else ""
            table.add_row(plain(r.name), f"[{style}]{r.status}[/]", violations, plain(detail))
        out.print(table)
    hard = [r for r in results if r.kind == "hard"]
    broken = sum(r.status == "fail" for r in hard)
    verdict = "[green]all hard rules hold[/]" if not broken else f"[bold red]{broken} hard rule(s) broken[/]"
    out.print(f"{verdict} ({len(hard)} hard checks, {len(results) - len(hard)} realism bands)")
