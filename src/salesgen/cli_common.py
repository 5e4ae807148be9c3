"""What every CLI module shares: the stderr console and the one way to fail.

Example:
    >>> fail("bad input").exit_code
    2
"""

from __future__ import annotations

import typer
from rich.console import Console

console = Console(stderr=True)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print an error for people and return the Exit to raise (2: bad input, 1: a check failed)."""
    console.print(f"[bold red]error:[/] {message}")
    return typer.Exit(code)
