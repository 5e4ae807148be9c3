"""Scenario commands: ``salesgen config`` (JSON Schema, resolved scenario) and ``salesgen presets``.

Example (shell):
    salesgen config --json-schema > salesgen.contract.json
    salesgen config --show scenario.yaml
    salesgen presets --show smb-saas > mine.yaml
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
import yaml
from rich.table import Table

from salesgen.cli.common import console, fail, load_config, make_console, plain
from salesgen.config import Config
from salesgen.config.presets import preset_description, preset_names, preset_text


def config_command(
    json_schema: Annotated[
        bool, typer.Option("--json-schema", help="Print the JSON Schema of scenario files.")
    ] = False,
    show: Annotated[Path | None, typer.Option("--show", help="Print this scenario file fully resolved.")] = None,
    # "schema" means the database namespace everywhere else; the old spelling keeps working.
    old_json_schema: Annotated[bool, typer.Option("--schema", hidden=True)] = False,
) -> None:
    """Print the scenario JSON Schema (for editors) or a resolved scenario as YAML."""
    if old_json_schema:
        console.print(
            "note: `salesgen config --schema` is deprecated; use `salesgen config --json-schema`", soft_wrap=True
        )
    if json_schema or old_json_schema:
        sys.stdout.write(json.dumps(Config.model_json_schema(), indent=2) + "\n")
        return
    resolved = load_config(show, {}, flag="--show")
    sys.stdout.write(yaml.safe_dump(resolved.model_dump(mode="json"), sort_keys=False))


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
        table.add_row(plain(name), plain(preset_description(name)))
    make_console().print(table)
