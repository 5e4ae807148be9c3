"""salesgen: realistic, relationally consistent, reproducible synthetic CRM / B2B sales data.

Example:
    >>> from salesgen import SalesDataGenerator
    >>> dataset = SalesDataGenerator(seed=42).generate_dataset(num_customers=10, num_sales_people=2)
    >>> sorted(dataset)[0]
    'competitors'
"""

from salesgen.config import Config, Realism
from salesgen.config.presets import load_preset, preset_names
from salesgen.generator import Dataset, SalesDataGenerator
from salesgen.version import __version__

__all__ = ["Config", "Dataset", "Realism", "SalesDataGenerator", "__version__", "load_preset", "preset_names"]
