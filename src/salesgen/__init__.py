"""salesgen: realistic, relationally consistent, reproducible synthetic CRM / B2B sales data.

The public API is exactly what this module exports (``__all__``); every other
module is internal and may change between versions (see README, "Python API").
Names are imported on first use (PEP 562): ``import salesgen`` and the command
line's ``salesgen --version`` do not pay for pyarrow, DuckDB and the checks.

Example:
    >>> import salesgen
    >>> dataset = salesgen.generate(salesgen.Config(num_customers=10, num_sales_reps=2), seed=42)
    >>> sorted(dataset)[0], salesgen.validate(dataset).passed
    ('competitors', True)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from salesgen.version import __version__

if TYPE_CHECKING:  # the same names, for type checkers; at run time __getattr__ imports them
    from salesgen.api import Validation, generate, load, read, read_pandas, read_polars, validate, write
    from salesgen.config import Config, Realism
    from salesgen.config.presets import load_preset, preset_names
    from salesgen.formats import HashMismatchError, WriteSummary
    from salesgen.generator import Dataset, SalesDataGenerator

_HOMES: dict[str, str] = {
    "Config": "salesgen.config",
    "Dataset": "salesgen.generator",
    "HashMismatchError": "salesgen.formats",
    "Realism": "salesgen.config",
    "SalesDataGenerator": "salesgen.generator",
    "Validation": "salesgen.api",
    "WriteSummary": "salesgen.formats",
    "generate": "salesgen.api",
    "load": "salesgen.api",
    "load_preset": "salesgen.config.presets",
    "preset_names": "salesgen.config.presets",
    "read": "salesgen.api",
    "read_pandas": "salesgen.api",
    "read_polars": "salesgen.api",
    "validate": "salesgen.api",
    "write": "salesgen.api",
}
"""Each public name → the module defining it, imported on first access."""

__all__ = [
    "Config",
    "Dataset",
    "HashMismatchError",
    "Realism",
    "SalesDataGenerator",
    "Validation",
    "WriteSummary",
    "__version__",
    "generate",
    "load",
    "load_preset",
    "preset_names",
    "read",
    "read_pandas",
    "read_polars",
    "validate",
    "write",
]


def __getattr__(name: str) -> Any:
    """Import a public name from its module the first time it is used, then keep it here."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'salesgen' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
