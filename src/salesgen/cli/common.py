"""What every CLI command shares: the stderr console, the one way to fail, shared options, scenario loading.

Every message shown to people goes through :func:`plain` (or :func:`fail`, which
uses it): user text such as a path ``out[/]`` or a URL is printed as is, never
read as rich markup.

Example:
    >>> fail("bad input").exit_code
    2
    >>> print(plain("out[/x]"))
    out\\[/x]
    >>> load_config(None, {"num_customers": 12}).num_customers
    12
"""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
import yaml
from rich.console import Console
from rich.markup import escape

if TYPE_CHECKING:
    from salesgen.config import Config

PIPE_WIDTH = 240
"""Columns when output is not a terminal: a log or a pipe gets whole lines (URLs and hashes unbroken)."""


def make_console(*, stderr: bool = False) -> Console:
    """A console for stdout (results) or stderr (messages, progress): the terminal's width, or wide when piped."""
    probe = Console(stderr=stderr)
    return probe if probe.is_terminal else Console(stderr=stderr, width=PIPE_WIDTH)


console = make_console(stderr=True)

# Options several commands declare the same way.
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")]


MAX_CONFIG_BYTES = 1 << 20
"""Largest scenario file read (a real one is a few KB): ``--config /dev/zero`` must not exhaust memory."""


def _terminated(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"terminated by signal {signum}")


def handle_signals(ctx: typer.Context) -> None:
    """Every command: SIGTERM stops a run like Ctrl-C (staging discarded, workers stopped, loads rolled back)."""
    previous = signal.getsignal(signal.SIGTERM)
    if threading.current_thread() is not threading.main_thread():  # signals reach only the main thread
        return
    signal.signal(signal.SIGTERM, _terminated)
    ctx.call_on_close(lambda: signal.signal(signal.SIGTERM, previous))


def plain(text: object) -> str:
    """``text`` with rich markup escaped, to embed user-provided values in console output."""
    return escape(str(text))


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print an error for people and return the Exit to raise (2: bad input, 1: a check failed)."""
    console.print(f"[bold red]error:[/] {plain(message)}", soft_wrap=True)
    return typer.Exit(code)


class _ScenarioLoader(yaml.SafeLoader):
    """YAML without implicit timestamps: ``as_of: 2026-13-45`` reaches the model as text and fails there, named."""


_ScenarioLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_scenario(path: Path, flag: str = "--config") -> Any:
    """The YAML document in ``path``, read in bounded memory; ``fail`` naming the file and the problem."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_CONFIG_BYTES + 1)
    except OSError as error:
        raise fail(f"cannot read {flag} {path}: {error.strerror or error}") from error
    if len(raw) > MAX_CONFIG_BYTES:
        raise fail(f"{flag} {path} is larger than {MAX_CONFIG_BYTES // 1024} KiB; a scenario is a few KB of YAML")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise fail(f"{flag} {path} is not UTF-8 text (byte {error.start}); save it as UTF-8") from error
    try:
        return yaml.load(text, Loader=_ScenarioLoader)  # a SafeLoader: no Python objects
    except yaml.YAMLError as error:
        raise fail(f"{flag} {path} is not valid YAML: {error}") from error
    except (RecursionError, ValueError, TypeError, OverflowError) as error:
        raise fail(f"{flag} {path} is not a usable YAML scenario ({type(error).__name__}: {error})") from error


def load_config(path: Path | None, flags: dict[str, Any], preset: str | None = None, flag: str = "--config") -> Config:
    """A preset (optional), overlaid with a YAML scenario (optional), then CLI flags, validated into a ``Config``."""
    from pydantic import ValidationError  # late: the config models take ~0.4 s to import, --version needs none

    from salesgen.config import Config
    from salesgen.config.catalog import relative_to_scenario
    from salesgen.config.presets import merge, preset_fields

    base: dict[str, Any] = {}
    if preset is not None:
        try:
            base = preset_fields(preset)
        except ValueError as error:
            raise fail(str(error)) from error
    data: dict[str, Any] = {}
    if path is not None:
        loaded = read_scenario(path, flag)
        if not isinstance(loaded, dict):
            raise fail(f"{flag} {path} must be a mapping of fields, e.g. 'num_customers: 1000'")
        data = relative_to_scenario(loaded, path.parent)
    data = merge(base, data)
    data.update({key: value for key, value in flags.items() if value is not None})
    try:
        return Config.model_validate(data)
    except ValidationError as error:
        lines = [f"  {_field(e['loc'])}: {e['msg'].removeprefix('Value error, ')}" for e in error.errors()]
        raise fail(
            "invalid configuration:\n"
            + "\n".join(lines)
            + "\n  (see `salesgen config --json-schema` for every field, its range and default)"
        ) from error
    except RecursionError as error:
        raise fail("invalid configuration: nested too deeply (a scenario is a few levels of mappings)") from error


def _field(loc: tuple[int | str, ...]) -> str:
    """A pydantic error location as the field path a scenario file uses (``realism.win.upsell_rate``)."""
    return ".".join(str(part) for part in loc) or "config"
