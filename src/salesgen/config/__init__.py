"""The scenario model: ``Config`` and its parts, with documented, validated defaults.

A ``Config`` fully determines the data together with the seed and the salesgen
version. Realism defaults are calibrated to the public benchmarks listed in
``docs/realism.md`` (figures quoted in each field's description).

Modules: ``scenario`` (``Config``), ``realism`` (``Realism`` and its parts),
``base`` (``PerSize``), ``presets`` (shipped presets, layer merging),
``migrate`` (where the old flat realism fields went).

Example:
    >>> from salesgen.config import Config
    >>> Config(num_customers=50, num_sales_reps=5).realism.win.new_business_rate
    0.25
"""

from salesgen.config.base import PerSize
from salesgen.config.realism import (
    Accounts,
    Activity,
    Calendar,
    DealSize,
    Lifecycle,
    Pipeline,
    Realism,
    SalesCycle,
    Team,
    WinLoss,
)
from salesgen.config.scenario import Config

__all__ = [
    "Accounts",
    "Activity",
    "Calendar",
    "Config",
    "DealSize",
    "Lifecycle",
    "PerSize",
    "Pipeline",
    "Realism",
    "SalesCycle",
    "Team",
    "WinLoss",
]
