"""The ``salesgen`` command line.

Example (shell):
    salesgen generate --customers 1000 --seed 7 --format csv --out crm/
    salesgen config --schema > salesgen.schema.json
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from salesgen import cli_databases
from salesgen.checks import CheckKind, CheckResult, UnknownCheckError, run_checks
from salesgen.checks.db_sources import open_database
from salesgen.checks.sources import SourceError, open_source
from salesgen.cli_common import console, fail
from salesgen.config import Config
from salesgen.formats import FORMATS, HashMismatchError, WriteSummary, write_dataset
from salesgen.presets import merge, preset_description, preset_fields, preset_names, preset_text
from salesgen.version import __version__

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Realistic, reproducible synthetic CRM / B2B sales data.")

FORMAT_HELP = f"Output format: {', '.join(FORMATS)}."


def load_config(path: Path | None, flags: dict[str, Any], preset: str | None = None) -> Config:
    """A preset (optional), overlaid with a YAML scenario (optional), then CLI flags, validated into a ``Config``."""
    base: dict[str, Any] = {}
    if preset is not None:
        try:
            base = preset_fields(preset)
        except ValueError as error:
            raise fail(str(error)) from error
    data: dict[str, Any] = {}
    if path is not None:
        try:
            loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise fail(f"cannot read config {path}: {error.strerror}") from error
        except yaml.YAMLError as error:
            raise fail(f"config {path} is not valid YAML: {error}") from error
        if not isinstance(loaded, dict):
            raise fail(f"config {path} must be a mapping of fields, e.g. 'num_customers: 1000'")
        data = loaded
    data = merge(base, data)
    data.update({key: value for key, value in flags.items() if value is not None})
    try:
        return Config.model_validate(data)
    except ValidationError as error:
        lines = [f"  {'.'.join(str(p) for p in e['loc']) or 'config'}: {e['msg']}" for e in error.errors()]
        raise fail("invalid configuration:\n" + "\n".join(lines)
                   + "\n  (see `salesgen config --schema` for every field, its range and default)") from error


def _summary(summary: WriteSummary) -> Table:
    table = Table(title=f"salesgen {__version__} → {summary.target} ({summary.format})")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, rows in summary.row_counts.items():
        table.add_row(name, f"{rows:,}")
    total = sum(summary.row_counts.values())
    table.add_row("[bold]total", f"[bold]{total:,}")
    table.caption = (f"{summary.bytes / 1e6:,.1f} MB in {summary.seconds:,.1f} s "
                     f"({total / max(summary.seconds, 1e-9):,.0f} rows/s)")
    return table


@app.command()
def generate(
    customers: Annotated[int | None, typer.Option("--customers", "-n", help="Customer companies.")] = None,
    reps: Annotated[int | None, typer.Option(help="Sales reps.")] = None,
    seed: Annotated[int, typer.Option(help="Random seed: same seed + config + version = same bytes.")] = 42,
    as_of: Annotated[str | None, typer.Option(help="The data's 'today', YYYY-MM-DD (default 2026-01-01).")] = None,
    config: Annotated[Path | None, typer.Option(help="Scenario YAML file; flags override its fields.")] = None,
    preset: Annotated[str | None, typer.Option(help="Start from a preset (see `salesgen presets`).")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help=FORMAT_HELP)] = "duckdb",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output path (default crm.<format>).")] = None,
    workers: Annotated[int, typer.Option(help="Worker processes; never changes the data.")] = 1,
    block_size: Annotated[int | None, typer.Option(help="Customers per block (part of the data's identity).")] = None,
    overwrite: Annotated[bool, typer.Option(help="Replace an existing output.")] = False,
    check_hash: Annotated[str | None, typer.Option(help="Publish only if the dataset hash equals this.")] = None,
    to: Annotated[str | None, typer.Option(help="Load into a database URL instead of writing files: "
                                           "postgresql://…, mysql://…, sqlite:///…, duckdb:///…")] = None,
    if_exists: Annotated[str, typer.Option(help="With --to: fail (default) or replace existing tables.")] = "fail",
    db_schema: Annotated[str | None, typer.Option("--schema", help="With --to: load into this schema.")] = None,
    prefix: Annotated[str, typer.Option(help="With --to: prefix for every table name.")] = "",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
) -> None:
    """Generate a dataset into files or an embedded DuckDB database."""
    if format not in FORMATS:
        raise fail(f"unknown --format {format!r}; choose one of: {', '.join(FORMATS)}")
    if workers < 1:
        raise fail(f"--workers must be at least 1, got {workers}")
    if seed < 0:
        raise fail(f"--seed must be a non-negative integer, got {seed}")
    day = _parse_day(as_of)
    settings = load_config(config, {"num_customers": customers, "num_sales_reps": reps, "as_of": day,
                                    "block_size": block_size}, preset)
    if to is not None:
        _generate_into_database(settings, seed, workers, to, if_exists, db_schema, prefix, quiet)
        return
    target = out or Path(f"crm.{format}" if format != "parquet" else "crm_parquet")
    show = not quiet and console.is_terminal
    try:
        with _progress(settings.num_customers, show) as update:
            summary = write_dataset(settings, seed, format, target, workers=workers, overwrite=overwrite,
                                    progress=update, expected_hash=check_hash)
    except HashMismatchError as error:
        raise fail(f"{error}; nothing was written", code=1) from error
    except (FileExistsError, IsADirectoryError, PermissionError, OSError, ValueError) as error:
        raise fail(str(error)) from error
    if not quiet:
        console.print(_summary(summary))
        matched = " [green](matches --check-hash)[/]" if check_hash else ""
        console.print(f"dataset hash {summary.dataset_hash}{matched}", soft_wrap=True)


def _generate_into_database(settings: Config, seed: int, workers: int, url: str, if_exists: str,
                            db_schema: str | None, prefix: str, quiet: bool) -> None:
    """Generate Parquet parts in a scratch folder, then load them into ``url`` all or nothing."""
    mode = cli_databases.if_exists_mode(if_exists)
    cli_databases.check_target(url, mode, db_schema, prefix)
    with cli_databases.staging_directory() as scratch:
        with _progress(settings.num_customers, not quiet and console.is_terminal) as update:
            summary = write_dataset(settings, seed, "parquet", Path(scratch) / "crm", workers=workers,
                                    progress=update)
        cli_databases.load_into(summary.target, url, mode, db_schema, prefix, quiet)


def _parse_day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise fail(f"--as-of must be a date like 2026-01-01, got {text!r}") from error


class _progress:
    """A rich progress bar over customers, with rows/s; a no-op when hidden."""

    def __init__(self, total: int, show: bool) -> None:
        self.total, self.show = total, show
        self.bar = Progress(TextColumn("[bold]generating"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("customers · {task.fields[rate]} rows/s"), TimeElapsedColumn(),
                            TextColumn("ETA"), TimeRemainingColumn(), console=console, disable=not show)

    def __enter__(self) -> Any:
        self.bar.start()
        task = self.bar.add_task("generate", total=self.total, rate="–")

        def update(done: int, rows: dict[str, int]) -> None:
            elapsed = self.bar.tasks[0].elapsed or 1e-9
            self.bar.update(task, completed=done, rate=f"{sum(rows.values()) / elapsed:,.0f}")

        return update

    def __exit__(self, *exc: object) -> None:
        self.bar.stop()


@app.command()
def validate(
    path: Annotated[str, typer.Argument(help="A salesgen output (Parquet/CSV/JSONL folder, JSON or DuckDB file) "
                                             "or a database URL.")],
    json_output: Annotated[bool, typer.Option("--json", help="Print results as JSON for machines.")] = False,
    check: Annotated[list[str] | None, typer.Option(help="Run only this check or prefix (repeatable).")] = None,
    hard_only: Annotated[bool, typer.Option("--hard-only", help="Skip the realism bands.")] = False,
    db_schema: Annotated[str | None, typer.Option("--schema", help="For a database URL: the schema.")] = None,
    prefix: Annotated[str, typer.Option(help="For a database URL: the table prefix.")] = "",
) -> None:
    """Check a dataset against every rule of the data contract. Exit 0: all hard rules hold; 1: one fails.

    PATH may also be a database URL a dataset was loaded into (postgresql://…, mysql://…, sqlite:///…).
    """
    try:
        source = open_database(str(path), schema=db_schema, prefix=prefix) if "://" in str(path) \
            else open_source(path)
    except SourceError as error:
        raise fail(str(error)) from error
    try:
        kinds: tuple[CheckKind, ...] = ("hard",) if hard_only else ("hard", "realism")
        results = run_checks(source.con, source.config, kinds=kinds, names=check)
    except UnknownCheckError as error:
        raise fail(str(error)) from error
    finally:
        source.close()
    failed = [r for r in results if r.kind == "hard" and r.status == "fail"]
    if json_output:
        sys.stdout.write(json.dumps({
            "path": str(path), "format": source.kind, "config_from": source.config_origin,
            "passed": not failed, "results": [asdict(r) for r in results]}, indent=2) + "\n")
    else:
        _print_results(results, f"{path} ({source.kind}; reference values from {source.config_origin})")
    raise typer.Exit(1 if failed else 0)


def _print_results(results: list[CheckResult], title: str) -> None:
    out = Console()
    for kind, heading in (("hard", "hard rules"), ("realism", "realism bands")):
        rows = [r for r in results if r.kind == kind]
        if not rows:
            continue
        table = Table("check", "status", "violations", "detail / examples", title=f"{heading}: {title}")
        for r in rows:
            style = {"pass": "green", "fail": "bold red", "skip": "yellow"}[r.status]
            detail = r.detail + (f" e.g. {', '.join(r.examples)}" if r.examples else "")
            table.add_row(r.name, f"[{style}]{r.status}[/]", str(r.violations) if kind == "hard" else "", detail)
        out.print(table)
    hard = [r for r in results if r.kind == "hard"]
    broken = sum(r.status == "fail" for r in hard)
    verdict = "[green]all hard rules hold[/]" if not broken else f"[bold red]{broken} hard rule(s) broken[/]"
    out.print(f"{verdict} ({len(hard)} hard checks, {len(results) - len(hard)} realism bands)")


@app.command("config")
def config_command(
    schema: Annotated[bool, typer.Option("--schema", help="Print the JSON Schema of scenario files.")] = False,
    show: Annotated[Path | None, typer.Option("--show", help="Print this scenario file fully resolved.")] = None,
) -> None:
    """Print the scenario JSON Schema (for editors) or a resolved scenario as YAML."""
    if schema:
        sys.stdout.write(json.dumps(Config.model_json_schema(), indent=2) + "\n")
        return
    resolved = load_config(show, {})
    sys.stdout.write(yaml.safe_dump(resolved.model_dump(mode="json"), sort_keys=False))


@app.command()
def presets(
    show: Annotated[str | None, typer.Option("--show", help="Print this preset's YAML (copy it to edit).")] = None,
) -> None:
    """List the scenario presets, or print one."""
    if show is not None:
        try:
            sys.stdout.write(preset_text(show))
        except ValueError as error:
            raise fail(str(error)) from error
        return
    table = Table("preset", "what it models", title="salesgen presets (use: salesgen generate --preset NAME)")
    for name in preset_names():
        table.add_row(name, preset_description(name))
    Console().print(table)


app.command("schema")(cli_databases.schema_command)
app.command("load")(cli_databases.load_command)


@app.command()
def version() -> None:
    """Print the salesgen version."""
    sys.stdout.write(f"salesgen {__version__}\n")


def main() -> None:
    """Entry point for ``python -m salesgen``."""
    app()
