"""salesgen: realistic, relationally consistent, reproducible synthetic CRM / B2B sales data.

The public API is exactly what this module exports (``__all__``); every other
module is internal and may change between versions (see README, "Python API").

Example:
    >>> import salesgen
    >>> dataset = salesgen.generate(salesgen.Config(num_customers=10, num_sales_reps=2), seed=42)
    >>> sorted(dataset)[0], salesgen.validate(dataset).passed
    ('competitors', True)
"""

from salesgen.api import Validation, generate, load, read, read_pandas, read_polars, validate, write
from salesgen.config import Config, Realism
from salesgen.config.presets import load_preset, preset_names
from salesgen.formats import HashMismatchError, WriteSummary
from salesgen.generator import Dataset, SalesDataGenerator
from salesgen.version import __version__

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
