"""The ``salesgen`` command line: a typer ``app`` whose commands are thin layers over the library.

One module per command family: ``generate``, ``validate``, ``report``, ``databases`` (``load``, ``ddl``),
``scenarios`` (``config``, ``presets``); ``common`` holds the console, ``fail`` and shared options.

Example (shell):
    salesgen generate --customers 1000 --seed 7 --format csv --out crm/
    salesgen config --json-schema > salesgen.contract.json

Example:
    >>> sorted(c.name for c in app.registered_commands if not c.hidden)
    ['config', 'ddl', 'generate', 'load', 'presets', 'report', 'validate', 'version']
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from salesgen.cli import common, databases, generate, report, scenarios, validate
from salesgen.version import __version__


def version() -> None:
    """Print the salesgen version."""
    sys.stdout.write(f"salesgen {__version__}\n")


def _print_version(asked: bool) -> None:
    if asked:
        version()
        raise typer.Exit()


def root(
    ctx: typer.Context,
    show_version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Options for every command; SIGTERM is handled like Ctrl-C."""
    common.handle_signals(ctx)


app = typer.Typer(no_args_is_help=True, help="Realistic, reproducible synthetic CRM / B2B sales data.", callback=root)


app.command("generate")(generate.generate)
app.command("validate")(validate.validate)
app.command("report")(report.report_command)
app.command("load")(databases.load_command)
app.command("ddl")(databases.ddl_command)
app.command("schema", hidden=True)(databases.schema_command)
app.command("config")(scenarios.config_command)
app.command("presets")(scenarios.presets)
app.command("version")(version)


def main() -> None:
    """Entry point for ``python -m salesgen``."""
    app()
