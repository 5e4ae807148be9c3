"""The scenario model: every knob of a run, validated, with documented defaults.

A ``Config`` fully determines the data together with the seed and the salesgen
version. The sales model's parameters are in ``realism``, grouped in parts
(``salesgen.config.realism``).

Example:
    >>> Config(num_customers=50, num_sales_reps=5).realism.win.new_business_rate
    0.25
"""

from __future__ import annotations

import re
from datetime import date
from typing import Self

import numpy as np
from pydantic import Field, field_validator, model_validator

from salesgen.config.base import Strict
from salesgen.config.bounds import problems
from salesgen.config.catalog import CatalogChoice
from salesgen.config.realism import Realism
from salesgen.vocab.currencies import currency_spec
from salesgen.vocab.domain import DEFAULT_COUNTRY_MIX

AS_OF_RANGE = (date(1990, 1, 1), date(2199, 12, 31))
"""The dates ``as_of`` may take: with up to 20 years of history, every date stays within 1970..2199."""
DOMAIN_PATTERN = re.compile(r"^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")
"""A DNS name: dot-separated labels of letters, digits and inner hyphens, ending in an alphabetic TLD."""


class Config(Strict):
    """Everything that shapes a dataset except the seed."""

    num_customers: int = Field(default=100, ge=0, le=10_000_000_000, description="Customer companies to generate.")
    num_sales_reps: int | None = Field(
        default=None,
        ge=0,
        le=1_000_000,
        description="Sales reps (run-scope table). None: sized from the account base by "
        "realism.team.accounts_per_ae and the role ratios (salesgen.entities.reps.plan_team).",
    )
    num_products: int = Field(default=40, ge=1, le=400, description="Products in the catalog.")
    catalog: CatalogChoice = Field(
        default="software", description="Built-in catalog (software, saas, industrial) or a YAML/CSV product file."
    )
    num_competitors: int = Field(default=10, ge=1, le=40, description="Rival vendors.")
    as_of: date = Field(
        default=date(2026, 1, 1),
        ge=AS_OF_RANGE[0],
        le=AS_OF_RANGE[1],
        description="The 'now' of the data: nothing happens after it (UTC).",
    )
    history_days: int = Field(default=1095, ge=90, le=7300, description="Days of history before as_of.")
    currency: str = Field(
        default="USD",
        pattern="^[A-Z]{3}$",
        description="ISO 4217 code of all money. Amounts take the currency's magnitude: the model's dollar "
        "figures (built-in list prices, realism.deal_size.median, revenue per employee) are converted at the "
        "fixed rates of salesgen.vocab.currencies (ECB, 2024-12-31) and rounded to its minor unit (JPY: whole yen).",
    )
    seller_domain: str = Field(
        default="northbeam-software.com", max_length=253, description="Email domain of the sales reps."
    )
    country_mix: dict[str, float] = Field(
        default_factory=lambda: dict(DEFAULT_COUNTRY_MIX),
        description="Share of customers and reps per country (ISO 3166-1 alpha-2); weights are normalized.",
    )
    block_size: int = Field(
        default=10_000,
        ge=1,
        le=1_000_000,
        description="Customers per generation block. Part of the data's identity: changing it changes rows.",
    )
    realism: Realism = Field(default_factory=Realism, description="Parameters of the sales model, in parts.")

    @field_validator("seller_domain")
    @classmethod
    def _is_domain(cls, domain: str) -> str:
        if not DOMAIN_PATTERN.fullmatch(domain):
            raise ValueError(
                f"must be a domain name like example.com (letters, digits, inner hyphens, dots), got {domain[:80]!r}"
            )
        return domain

    @field_validator("currency")
    @classmethod
    def _known_currency(cls, code: str) -> str:
        return currency_spec(code).code

    @field_validator("country_mix")
    @classmethod
    def _known_countries(cls, mix: dict[str, float]) -> dict[str, float]:
        # Country codes are data (vocab/data/countries.json), not a code-level enum.
        from salesgen.vocab import country_codes

        unknown = sorted(set(mix) - set(country_codes()))
        if unknown:
            raise ValueError(f"unknown country codes {unknown}; supported: {', '.join(country_codes())}")
        if any(v < 0 for v in mix.values()) or sum(mix.values()) <= 0:
            raise ValueError("country_mix weights must be >= 0 with a positive sum, e.g. {US: 1}")
        return mix

    def country_weights(self) -> np.ndarray:
        """Customer/rep share per country, aligned with ``salesgen.vocab.country_codes()``."""
        from salesgen.vocab import country_codes

        weights = np.array([self.country_mix.get(code, 0.0) for code in country_codes()])
        return np.asarray(weights / weights.sum())

    @model_validator(mode="after")
    def _reps_for_customers(self) -> Self:
        if self.num_customers > 0 and self.num_sales_reps == 0:  # None sizes the team from the accounts
            raise ValueError("num_sales_reps must be at least 1 when num_customers > 0 (customers need an owner)")
        return self

    @model_validator(mode="after")
    def _values_in_range(self) -> Self:
        found = problems(self)
        if found:
            raise ValueError("; ".join(found))
        return self
