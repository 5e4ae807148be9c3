"""The world a run's blocks live in: everything that is the same for every block.

Built once per (config, seed) — run-scope tables, calibrations, vocabularies —
and handed read-only to the pure block builders; it is picklable, so process
pools can ship it (or rebuild it: it is deterministic).

Example:
    >>> from salesgen.config import Config
    >>> world = build_world(Config(num_customers=10, num_sales_reps=2), seed=7)
    >>> world.block_count, world.catalog.products.num_rows > 0
    (1, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa

from salesgen.arrowkit import money_array
from salesgen.config import Config
from salesgen.entities.catalog import Catalog, build_catalog
from salesgen.entities.common import DAY, epoch_seconds
from salesgen.entities.company_names import CompanyNamer
from salesgen.entities.competitors import build_competitors
from salesgen.entities.outcomes import TYPE_AMOUNT_FACTOR, TYPE_CYCLE_FACTOR, WinModel, calibrate_win_model
from salesgen.entities.reps import Roster, build_roster
from salesgen.vocab import country_codes
from salesgen.vocab.currencies import Currency, currency_spec
from salesgen.vocab.domain import DEAL_TYPES


@dataclass(frozen=True)
class World:
    """Run-scope state shared read-only by all blocks."""

    config: Config
    seed: int
    currency: Currency  # magnitudes (dollar figures x per_usd) and the minor unit money rounds to
    catalog: Catalog
    roster: Roster
    competitors: pa.Table
    namer: CompanyNamer
    win_model: WinModel
    country_weights: np.ndarray
    country_codes: np.ndarray
    as_of_s: int
    history_start_s: int

    @property
    def block_count(self) -> int:
        """Number of customer blocks: ceil(num_customers / block_size)."""
        return -(-self.config.num_customers // self.config.block_size)

    def truth(self) -> dict[str, Any]:
        """The planted ground truth: win-model effects, each rep's skill, amount and cycle models.

        Published in every manifest, so a model fitted on the data can be scored against it.
        """
        realism = self.config.realism
        return {
            "win_model": self.win_model.truth(),
            "rep_skill": {
                str(rep): round(float(skill), 6)
                for rep, skill, owner in zip(self.roster.rep_id, self.roster.skill, self.roster.is_owner, strict=True)
                if owner
            },
            "amount_model": {
                "median_by_size": {
                    k: v * self.currency.per_usd for k, v in realism.deal_size.median.model_dump().items()
                },
                "factor_by_type": dict(zip(DEAL_TYPES, TYPE_AMOUNT_FACTOR.tolist(), strict=True)),
                "log_sigma": realism.deal_size.sigma,
            },
            "cycle_model": {
                "median_days_by_size": realism.cycle.median_days.model_dump(),
                "factor_by_type": dict(zip(DEAL_TYPES, TYPE_CYCLE_FACTOR.tolist(), strict=True)),
                "amount_elasticity": realism.cycle.deal_size_elasticity,
                "lost_factor": realism.cycle.lost_factor,
                "log_sigma": realism.cycle.sigma,
            },
        }

    @staticmethod
    def money(cents: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
        """int64 cents as the contract's decimal money type."""
        return money_array(cents, mask)

    def round_money(self, numerator: np.ndarray, denominator: int | np.ndarray) -> np.ndarray:
        """round_half_up(numerator / denominator) cents, to the currency's minor unit (whole yen for JPY).

        Example:
            >>> from salesgen.config import Config
            >>> world = build_world(Config(num_customers=1, num_sales_reps=1, currency="JPY"), seed=1)
            >>> world.round_money(np.array([12_345 * 3]), 3).tolist()  # 123.45 yen -> 123 yen
            [12300]
        """
        return self.currency.round_half_up(numerator, denominator)


def build_world(config: Config, seed: int) -> World:
    """Generate the run-scope tables and calibrations for (config, seed)."""
    as_of_s = epoch_seconds(config.as_of)
    roster = build_roster(config, seed)
    return World(
        config=config,
        seed=seed,
        currency=currency_spec(config.currency),
        catalog=build_catalog(config, seed),
        roster=roster,
        competitors=build_competitors(config, seed),
        namer=CompanyNamer(seed),
        win_model=calibrate_win_model(config, seed, roster.skill_of_owners_by_segment()),
        country_weights=config.country_weights(),
        country_codes=np.array(country_codes()),
        as_of_s=as_of_s,
        history_start_s=as_of_s - config.history_days * DAY,
    )
