"""``salesgen generate``: a dataset into files, an embedded DuckDB file, or (``--to``) a database.

Example (shell):
    salesgen generate --customers 1000 --seed 7 --format csv --out crm/
    salesgen generate --customers 10000 --to sqlite:///crm.db

Example:
    >>> _parse_day("2025-06-30")
    datetime.date(2025, 6, 30)
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from salesgen.cli import databases
from salesgen.cli.common import Quiet, console, fail, load_config, plain
from salesgen.cli.databases import if_exists_choices
from salesgen.cli.report import write_report
from salesgen.config import Config
from salesgen.contract import TABLE_NAMES
from salesgen.engine.dask import DASK_EXTRA, DaskMissingError, require_dask
from salesgen.engine.workers import WORKERS_PER_CPU, block_count, cpu_count, worker_limit
from salesgen.entities.registry import select_tables
from salesgen.formats import FORMATS, HashMismatchError, OutputExistsError, WriteSummary, write_dataset
from salesgen.formats.engines import ENGINES
from salesgen.formats.writer import DASK_FORMATS, SUBSET_FORMATS
from salesgen.version import __version__

FORMAT_HELP = f"Output format: {', '.join(FORMATS)}."
ENGINE_HELP = (  # help text is rich markup: the extra's brackets are escaped
    f'{" or ".join(ENGINES)}: this machine\'s processes, or a Dask cluster (pip install "{escape(DASK_EXTRA)}"; '
    "writes s3://, memory://, file:// too); never changes the data."
)


def generate(
    customers: Annotated[int | None, typer.Option("--customers", "-n", help="Customer companies.")] = None,
    reps: Annotated[int | None, typer.Option(help="Sales reps.")] = None,
    seed: Annotated[int, typer.Option(help="Random seed: same seed + config + version = same bytes.")] = 42,
    as_of: Annotated[str | None, typer.Option(help="The data's 'today', YYYY-MM-DD (default 2026-01-01).")] = None,
    config: Annotated[Path | None, typer.Option(help="Scenario YAML file; flags override its fields.")] = None,
    preset: Annotated[str | None, typer.Option(help="Start from a preset (see `salesgen presets`).")] = None,
    format: Annotated[
        str | None,
        typer.Option("--format", "-f", help=FORMAT_HELP + " Default duckdb.", autocompletion=lambda: list(FORMATS)),
    ] = None,
    out: Annotated[
        str | None,
        typer.Option("--out", "-o", help="Output path (default crm.<format>); with --engine dask any fsspec URL."),
    ] = None,
    workers: Annotated[int, typer.Option(help="Worker processes; never changes the data.")] = 1,
    engine: Annotated[str, typer.Option(help=ENGINE_HELP, autocompletion=lambda: list(ENGINES))] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(help="With --engine dask: scheduler address (tcp://host:8786); default a local cluster."),
    ] = None,
    block_size: Annotated[int | None, typer.Option(help="Customers per block (part of the data's identity).")] = None,
    overwrite: Annotated[bool, typer.Option(help="Replace an existing output.")] = False,
    check_hash: Annotated[str | None, typer.Option(help="Publish only if the dataset hash equals this.")] = None,
    to: Annotated[
        str | None,
        typer.Option(
            help="Load into a database URL instead of writing files: "
            "postgresql://…, mysql://…, sqlite:///…, duckdb:///…"
        ),
    ] = None,
    if_exists: Annotated[
        str | None,
        typer.Option(help="With --to: fail (default) or replace existing tables.", autocompletion=if_exists_choices),
    ] = None,
    db_schema: Annotated[str | None, typer.Option("--schema", help="With --to: load into this schema.")] = None,
    prefix: Annotated[str | None, typer.Option(help="With --to: prefix for every table name.")] = None,
    report: Annotated[bool, typer.Option("--report", help="Also write the HTML report (OUT/report.html).")] = False,
    tables: Annotated[
        str | None,
        typer.Option(
            help="Write only these tables, comma-separated (e.g. opportunities,customers); each is byte-identical "
            "to the same table of a full run. File formats only (parquet, csv, jsonl, json).",
            autocompletion=lambda: list(TABLE_NAMES),
        ),
    ] = None,
    quiet: Quiet = False,
) -> None:
    """Generate a dataset into files or an embedded DuckDB database."""
    selected = _selected_tables(tables, to, engine, report)
    _refuse_conflicts(
        to,
        {"--out": out, "--format": format, "--overwrite": overwrite or None, "--report": report or None},
        {"--if-exists": if_exists, "--schema": db_schema, "--prefix": prefix},
    )
    _check_engine(engine, scheduler, to)
    format = (format or ("parquet" if engine == "dask" else "duckdb")).lower()  # -f Parquet is -f parquet
    if format not in FORMATS:
        raise fail(f"unknown --format {format!r}; choose one of: {', '.join(FORMATS)}")
    if selected is not None and format not in SUBSET_FORMATS:
        raise fail(
            f"--tables writes {', '.join(SUBSET_FORMATS)}, not --format {format}: a database's foreign keys "
            "need all ten tables; pick a file format or drop --tables"
        )
    if workers < 1:
        raise fail(f"--workers must be at least 1, got {workers}")
    if seed < 0:
        raise fail(f"--seed must be a non-negative integer, got {seed}")
    day = _parse_day(as_of)
    settings = load_config(
        config, {"num_customers": customers, "num_sales_reps": reps, "as_of": day, "block_size": block_size}, preset
    )
    workers = _capped_workers(workers, settings, quiet)
    if to is not None:
        load = databases.LoadRequest(to, databases.if_exists_mode(if_exists or "fail"), db_schema, prefix or "")
        _generate_into_database(settings, seed, workers, load, check_hash, quiet)
        return
    target: str | Path = out or Path(f"crm.{format}" if format != "parquet" else "crm_parquet")
    if engine == "dask" and format not in DASK_FORMATS:
        raise fail(f"--engine dask writes {', '.join(DASK_FORMATS)}; got --format {format} (choose one of them)")
    if report and _is_fsspec_url(str(target)):
        raise fail(f"--report writes a local file; for {target} run `salesgen report URL -o report.html` afterwards")
    show = not quiet and console.is_terminal
    try:
        with _progress(settings.num_customers, show) as update:
            summary = write_dataset(
                settings,
                seed,
                format,
                target,
                workers=workers,
                overwrite=overwrite,
                progress=update,
                expected_hash=check_hash,
                engine=engine,
                scheduler=scheduler,
                tables=selected,
            )
    except DaskMissingError as error:
        raise fail(str(error)) from error
    except HashMismatchError as error:
        raise fail(f"{error}; nothing was written", code=1) from error
    except OutputExistsError as error:
        raise fail(f"output {error.target} already exists; pass --overwrite to replace it") from error
    except _write_errors() as error:
        raise fail(f"cannot write --out {target}: {_reason(error)}; nothing was written there") from error
    if not quiet:
        console.print(_summary(summary))
        console.print(
            f"wrote {plain(summary.url or summary.target)}", soft_wrap=True
        )  # a path is never wrapped mid-name
        matched = " [green](matches --check-hash)[/]" if check_hash else ""
        console.print(f"dataset hash {summary.dataset_hash}{matched}", soft_wrap=True)
    if report:
        from salesgen.report import report_path_for  # late: the report imports every check

        write_report(summary.target, report_path_for(summary.target), overwrite=overwrite, quiet=quiet)


def _selected_tables(tables: str | None, to: str | None, engine: str, report: bool) -> tuple[str, ...] | None:
    """The tables of ``--tables`` (None: all), refused where a subset cannot go, before any work."""
    if tables is None:
        return None
    clashes = {"--to": to is not None, "--engine dask": engine == "dask", "--report": report}
    if given := [flag for flag, on in clashes.items() if on]:
        raise fail(
            f"--tables cannot be combined with {', '.join(given)} (a database, the Dask engine and the report "
            "need all ten tables); drop one of them"
        )
    try:
        return select_tables(name for name in tables.split(",") if name.strip())
    except ValueError as error:
        raise fail(f"--tables: {error}") from error


def _is_fsspec_url(target: str) -> bool:
    from salesgen.readers.remote import is_fsspec_url  # late: the readers import DuckDB

    return is_fsspec_url(target)


def _check_engine(engine: str, scheduler: str | None, to: str | None) -> None:
    """--engine names a known engine; --scheduler goes with --engine dask, which writes files (not --to)."""
    if engine not in ENGINES:
        raise fail(f"unknown --engine {engine!r}; choose one of: {', '.join(ENGINES)}")
    if scheduler is not None and engine != "dask":
        raise fail("--scheduler applies to --engine dask; add --engine dask or drop --scheduler")
    if engine == "dask" and to is not None:
        raise fail("--engine dask writes files (--out), not --to URL; drop --to or --engine dask")
    if engine == "dask":
        try:
            require_dask()
        except DaskMissingError as error:
            raise fail(str(error)) from error


def _refuse_conflicts(to: str | None, files_only: dict[str, object], database_only: dict[str, object]) -> None:
    """Flags of the other destination are refused, not silently ignored."""
    given = [flag for flag, value in (files_only if to is not None else database_only).items() if value is not None]
    if given and to is not None:
        raise fail(f"{', '.join(given)} cannot be combined with --to (a database is written, not files); drop them")
    if given:
        raise fail(f"{', '.join(given)} only apply with --to URL (loading into a database); add --to or drop them")


def _capped_workers(requested: int, settings: Config, quiet: bool) -> int:
    blocks = block_count(settings)
    workers = worker_limit(requested, blocks)
    if workers < requested and not quiet:
        console.print(
            f"note: --workers {requested} lowered to {workers} (one per block: {blocks} block(s); "
            f"at most {WORKERS_PER_CPU} per CPU: {cpu_count()} CPU(s)); the data is the same",
            soft_wrap=True,
            markup=False,
        )
    return workers


def _write_errors() -> tuple[type[BaseException], ...]:
    """OSError, ValueError, and DuckDB's errors if the write loaded DuckDB (a Parquet run never imports it)."""
    duckdb = sys.modules.get("duckdb")  # evaluated once the write has raised, so after any DuckDB import
    return (OSError, ValueError) if duckdb is None else (OSError, ValueError, duckdb.Error)


def _reason(error: BaseException) -> str:
    """What went wrong, for a message that already names the path (``No space left on device``…)."""
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror}" + (f" ({error.filename})" if error.filename else "")
    return str(error)


def _generate_into_database(
    settings: Config, seed: int, workers: int, load: databases.LoadRequest, check_hash: str | None, quiet: bool
) -> None:
    """Generate Parquet parts in a scratch folder, then load them into ``url`` all or nothing."""
    databases.check_target(load.url, load.if_exists, load.schema, load.prefix)
    with databases.staging_directory() as scratch:
        try:
            with _progress(settings.num_customers, not quiet and console.is_terminal) as update:
                summary = write_dataset(
                    settings,
                    seed,
                    "parquet",
                    Path(scratch) / "crm",
                    workers=workers,
                    progress=update,
                    expected_hash=check_hash,
                )
        except HashMismatchError as error:
            raise fail(f"{error}; nothing was loaded", code=1) from error
        except OSError as error:
            raise fail(
                f"cannot write the scratch dataset in {scratch}: {_reason(error)}; nothing was loaded"
            ) from error
        databases.load_into(summary.target, load.url, load.if_exists, load.schema, load.prefix, quiet)


def _parse_day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise fail(f"--as-of must be a date like 2026-01-01, got {text!r}") from error


def _summary(summary: WriteSummary) -> Table:
    table = Table(title=f"salesgen {__version__} ({summary.format})")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, rows in summary.row_counts.items():
        table.add_row(name, f"{rows:,}")
    total = sum(summary.row_counts.values())
    table.add_row("[bold]total", f"[bold]{total:,}")
    table.caption = (
        f"{summary.bytes / 1e6:,.1f} MB in {summary.seconds:,.1f} s ({total / max(summary.seconds, 1e-9):,.0f} rows/s)"
    )
    return table


class _progress:
    """A rich progress bar over customers, with rows/s; a no-op when hidden."""

    def __init__(self, total: int, show: bool) -> None:
        self.total, self.show = total, show
        self.bar = Progress(
            TextColumn("[bold]generating"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("customers · {task.fields[rate]} rows/s"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            disable=not show,
        )

    def __enter__(self) -> Any:
        self.bar.start()
        task = self.bar.add_task("generate", total=self.total, rate="–")

        def update(done: int, rows: dict[str, int]) -> None:
            elapsed = self.bar.tasks[0].elapsed or 1e-9
            self.bar.update(task, completed=done, rate=f"{sum(rows.values()) / elapsed:,.0f}")

        return update

    def __exit__(self, *exc: object) -> None:
        self.bar.stop()
