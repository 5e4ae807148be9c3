"""What every CLI command shares: the stderr console, the one way to fail, shared options, scenario loading.

Example:
    >>> fail("bad input").exit_code
    2
    >>> load_config(None, {"num_customers": 12}).num_customers
    12
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from pydantic import ValidationError
from rich.console import Console

from salesgen.config import Config
from salesgen.config.presets import merge, preset_fields

console = Console(stderr=True)

# Options several commands declare the same way.
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")]


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print an error for people and return the Exit to raise (2: bad input, 1: a check failed)."""
    console.print(f"[bold red]error:[/] {message}")
    return typer.Exit(code)


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
        raise fail(
            "invalid configuration:\n"
            + "\n".join(lines)
            + "\n  (see `salesgen config --json-schema` for every field, its range and default)"
        ) from error
