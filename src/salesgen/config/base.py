"""Building blocks of the scenario model: the strict base class and per-size values.

Example:
    >>> from salesgen.config.base import PerSize
    >>> PerSize(small=1, medium=2, enterprise=3).as_tuple()
    (1.0, 2.0, 3.0)
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """Frozen, unknown fields are errors (a typo in a scenario file must not pass silently), numbers finite."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class PerSize(Strict):
    """One value per company size band (``salesgen.vocab.domain.CompanySize``)."""

    small: float
    medium: float
    enterprise: float

    def as_tuple(self) -> tuple[float, float, float]:
        """The values in ``SIZES`` order, ready to index by a size code."""
        return (self.small, self.medium, self.enterprise)
