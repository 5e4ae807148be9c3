"""Database commands: ``salesgen ddl``, ``salesgen load``, and the loading half of ``generate --to``.

Example (shell):
    salesgen ddl --dialect postgres
    salesgen load crm_parquet/ --to postgresql://root@127.0.0.1:5432/test
    salesgen generate --customers 10000 --to sqlite:///crm.db

Example:
    >>> if_exists_mode("replace")
    'replace'
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
from rich.progress import Progress as RichProgress
from rich.table import Table

from salesgen.cli.common import Quiet, console, fail, make_console, plain
from salesgen.contract import MANIFEST_FILE
from salesgen.databases import DIALECTS, IfExists, LoadCountError, TablesExistError, ddl, existing_tables, parse_url
from salesgen.databases.loader import Progress, run_load
from salesgen.databases.scratch import scratch_directory

Dialect = Annotated[
    str, typer.Option(help=f"SQL dialect: {', '.join(DIALECTS)}.", autocompletion=lambda: list(DIALECTS))
]


def if_exists_choices() -> list[str]:
    """The values of ``--if-exists``, for shell completion."""
    return ["fail", "replace"]


DdlSchema = Annotated[str | None, typer.Option("--schema", help="Create the tables in this database schema.")]
DdlPrefix = Annotated[str, typer.Option(help="Prefix for every table name.")]


def _driver_errors() -> tuple[type[BaseException], ...]:
    import duckdb  # late: only a failed load needs its error class

    errors: list[type[BaseException]] = [sqlite3.Error, duckdb.Error]
    try:
        import psycopg

        errors.append(psycopg.Error)
    except ImportError:
        pass
    try:
        import pymysql

        errors.append(pymysql.err.MySQLError)
    except ImportError:
        pass
    return tuple(errors)


def check_target(url: str, if_exists: IfExists, schema: str | None, prefix: str) -> None:
    """Refuse early (before generating or reading anything) a bad URL, an unreachable server, a missing
    folder, a database file that is a directory, and, unless replacing, existing tables."""
    try:
        target = parse_url(url)
    except ValueError as error:
        raise fail(f"--to: {error}") from error
    try:
        clash = existing_tables(url, schema=schema, prefix=prefix)  # connects: the server must be reachable
    except (ValueError, ConnectionError, ImportError, OSError) as error:
        raise fail(f"--to: {target.scrub(error)}") from error
    except _driver_errors() as error:
        raise fail(f"--to {target.display}: cannot read it ({type(error).__name__}: {target.scrub(error)})") from error
    if clash and if_exists == "fail":
        raise fail(
            f"tables already exist at {target.display}: {', '.join(clash)}; "
            "pass --if-exists replace to replace them (or --prefix/--schema to load beside them)"
        )


def load_into(source: Path, url: str, if_exists: IfExists, schema: str | None, prefix: str, quiet: bool) -> None:
    """Load a Parquet dataset into ``url`` all or nothing, with a clear message on any failure."""
    started = time.perf_counter()
    target = parse_url(url)
    try:
        with _load_progress(source, not quiet and console.is_terminal) as progress:
            result = run_load(source, url, if_exists=if_exists, schema=schema, prefix=prefix, progress=progress)
    except TablesExistError as error:
        raise fail(
            target.scrub(str(error).replace("if_exists='replace' (CLI: --if-exists replace)", "--if-exists replace"))
        ) from error
    except (ValueError, ConnectionError, ImportError, LoadCountError, OSError) as error:
        raise fail(f"{target.scrub(error)}; nothing was changed at {target.display}") from error
    except _driver_errors() as error:
        raise fail(
            f"the database refused the load ({type(error).__name__}: {target.scrub(error)}); "
            f"nothing was changed at {target.display}"
        ) from error
    if quiet:
        return
    seconds = time.perf_counter() - started
    table = Table("table", "rows", title=f"loaded into {plain(target.display)}")
    for name, rows in result.rows.items():
        table.add_row(name, f"{rows:,}")
    total = sum(result.rows.values())
    table.caption = f"{total:,} rows in {seconds:,.1f} s ({total / max(seconds, 1e-9):,.0f} rows/s), all or nothing"
    make_console().print(table)


def ddl_command(dialect: Dialect = "postgres", db_schema: DdlSchema = None, prefix: DdlPrefix = "") -> None:
    """Print the DDL (CREATE TABLE statements) of the ten tables for a database, derived from the contract."""
    try:
        statements = ddl(dialect.lower(), schema=db_schema, prefix=prefix)
    except ValueError as error:
        raise fail(str(error)) from error
    sys.stdout.write(";\n\n".join(statements) + ";\n")


def schema_command(dialect: Dialect = "postgres", db_schema: DdlSchema = None, prefix: DdlPrefix = "") -> None:
    """Deprecated spelling of ``salesgen ddl`` ("schema" now only means the database namespace)."""
    console.print("note: `salesgen schema` is deprecated; use `salesgen ddl`", soft_wrap=True)
    ddl_command(dialect, db_schema, prefix)


def load_command(
    path: Annotated[str, typer.Argument(help="A salesgen Parquet output folder (or fsspec URL: s3://…).")],
    to: Annotated[str, typer.Option(help="Database URL: postgresql://…, mysql://…, sqlite:///…, duckdb:///…")],
    if_exists: Annotated[
        str, typer.Option(help="fail (default) or replace existing tables.", autocompletion=if_exists_choices)
    ] = "fail",
    db_schema: Annotated[str | None, typer.Option("--schema", help="Load into this schema / database.")] = None,
    prefix: Annotated[str, typer.Option(help="Prefix for every table name.")] = "",
    quiet: Quiet = False,
) -> None:
    """Load a generated Parquet dataset into a database, all or nothing."""
    from salesgen.readers.remote import local_dataset  # late: the readers import DuckDB
    from salesgen.readers.source import SourceError

    mode = if_exists_mode(if_exists)
    check_target(to, mode, db_schema, prefix)
    try:
        with local_dataset(path) as local:  # an fsspec URL: its committed dataset, copied to a scratch folder
            load_into(local, to, mode, db_schema, prefix, quiet)  # reports its own errors (typer.Exit)
    except (SourceError, OSError) as error:
        raise fail(f"cannot read {path}: {error}; nothing was loaded") from error


@dataclass(frozen=True)
class LoadRequest:
    """Where ``--to`` loads: the URL and the ``--if-exists``, ``--schema`` and ``--prefix`` it goes with."""

    url: str
    if_exists: IfExists
    schema: str | None
    prefix: str


def if_exists_mode(value: str) -> IfExists:
    """The ``--if-exists`` value, checked (any case)."""
    if value.lower() == "fail":
        return "fail"
    if value.lower() == "replace":
        return "replace"
    raise fail(f"--if-exists must be fail or replace, got {value!r}")


def staging_directory() -> tempfile.TemporaryDirectory[str]:
    """Where ``generate --to`` keeps the Parquet parts until they are loaded."""
    return scratch_directory("load")


@contextmanager
def _load_progress(source: Path, show: bool) -> Iterator[Progress | None]:
    """A progress bar over the rows the manifest announces, fed by the loader after every batch."""
    if not show:
        yield None
        return
    try:
        manifest = json.loads((Path(source) / MANIFEST_FILE).read_text(encoding="utf-8"))
        total: int | None = sum(int(entry["rows"]) for entry in manifest["files"].values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):  # the loader names what is wrong
        total = None
    done: dict[str, int] = {}
    bar = RichProgress(
        TextColumn("[bold]loading {task.fields[table]}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("rows"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    with bar:
        task = bar.add_task("load", total=total, table="")

        def update(table: str, rows: int) -> None:
            done[table] = rows
            bar.update(task, completed=sum(done.values()), table=table)

        yield update
