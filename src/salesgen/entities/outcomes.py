"""The latent model that decides a deal's size, length and outcome.

Win or loss is a Bernoulli draw on a logistic model over facts known when
the deal is opened — type, segment, industry, main product category, lead
source, competitor presence, rep skill, deal size — plus documented noise.
Each type's intercept is calibrated once per run so the population win rate
equals the configured target (e.g. 25% for new business).

Example:
    >>> from salesgen.config import Config
    >>> model = calibrate_win_model(Config(), seed=1)
    >>> round(model.truth()["competitor_named"], 2)
    -0.6
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any, TypeVar

import numpy as np

from salesgen.config import Config
from salesgen.entities.draws import OpportunityDraw, draw
from salesgen.vocab.business import INDUSTRIES
from salesgen.vocab.domain import (
    CATEGORIES,
    DEAL_TYPES,
    EXPANSION_LEAD_SOURCE,
    LEAD_SOURCE_WEIGHTS,
    LEAD_SOURCES,
    SIZES,
)

NEW_BUSINESS, UPSELL, RENEWAL = 0, 1, 2
TYPE_AMOUNT_FACTOR = np.array([1.0, 0.45, 0.8])  # expansions are smaller than the first purchase
TYPE_CYCLE_FACTOR = np.array([1.0, 0.7, 0.55])  # and close faster
EXISTING_CUSTOMER_LEAD = len(LEAD_SOURCE_WEIGHTS)  # lead index of expansion deals
MIN_CYCLE_DAYS = 3.0


def sigmoid(x: np.ndarray) -> np.ndarray:
    """Logistic function."""
    return np.asarray(1.0 / (1.0 + np.exp(-x)))


@dataclass(frozen=True)
class WinModel:
    """Coefficients of the win model (log-odds); ``intercept`` is per deal type.

    P(won) = sigmoid(intercept[type] + size_shift[size] + industry_shift[industry]
    + category_shift[main product category] + lead_shift[lead source] + rep skill
    + competitor_effect * has_competitor + deal_size_effect * log(amount / segment median) + noise).
    """

    intercept: np.ndarray
    size_shift: np.ndarray
    industry_shift: np.ndarray
    category_shift: np.ndarray
    lead_shift: np.ndarray
    competitor_effect: float
    deal_size_effect: float
    noise_sigma: float

    def log_odds(self, features: DealFeatures) -> np.ndarray:
        """Log-odds of winning per deal, noise included."""
        return np.asarray(
            self.intercept[features.deal_type]
            + self.size_shift[features.size]
            + self.industry_shift[features.industry]
            + self.category_shift[features.category]
            + self.lead_shift[features.lead]
            + features.skill
            + self.competitor_effect * features.has_competitor
            + self.deal_size_effect * features.log_size_ratio
            + self.noise_sigma * features.noise
        )

    def truth(self) -> dict[str, Any]:
        """The planted effects, by name, as published in the manifest."""
        realism_names = {
            "intercept_by_type": dict(zip(DEAL_TYPES, self.intercept, strict=True)),
            "size": dict(zip(SIZES, self.size_shift, strict=True)),
            "industry": dict(zip(INDUSTRIES, self.industry_shift, strict=True)),
            "main_product_category": dict(zip(CATEGORIES, self.category_shift, strict=True)),
            "lead_source": dict(zip([*LEAD_SOURCES, EXPANSION_LEAD_SOURCE], self.lead_shift, strict=True)),
        }
        return {
            "model": "logistic: P(won) = sigmoid(sum of the effects below + rep skill + noise)",
            **{name: {k: round(float(v), 6) for k, v in values.items()} for name, values in realism_names.items()},
            "competitor_named": round(self.competitor_effect, 6),
            "per_log_amount_over_segment_median": round(self.deal_size_effect, 6),
            "noise_sigma": round(self.noise_sigma, 6),
        }


@dataclass(frozen=True)
class DealFeatures:
    """What is known about deals when they are opened (plus their latent noise draw)."""

    deal_type: np.ndarray
    size: np.ndarray
    industry: np.ndarray
    category: np.ndarray
    lead: np.ndarray
    skill: np.ndarray
    has_competitor: np.ndarray
    log_size_ratio: np.ndarray
    noise: np.ndarray

    def subset(self, rows: np.ndarray) -> DealFeatures:
        return DealFeatures(*(getattr(self, f.name)[rows] for f in fields(self)))


def deal_volume_weights(config: Config) -> np.ndarray:
    """Share of deals per size band: customers per band x deals per customer."""
    realism = config.realism
    mix = np.array(realism.accounts.size_mix.as_tuple())
    weights = mix * np.array(realism.accounts.opportunities_per_customer.as_tuple())
    return np.asarray(weights / weights.sum() if weights.sum() > 0 else mix)  # no deals at all: by customers


def category_cumulative(config: Config) -> np.ndarray:
    """Per industry, cumulative weights over CATEGORIES: the industry's mix x the configured category mix."""
    own = np.array([v[2] for v in INDUSTRIES.values()])
    weights = own * np.array([config.realism.deal_size.category_mix.get(c, 0.0) for c in CATEGORIES])
    weights = np.where(weights.sum(axis=1, keepdims=True) > 0, weights, own)  # never an empty mix
    return np.asarray(np.cumsum(weights / weights.sum(axis=1, keepdims=True), axis=1))


def draw_categories(cumulative: np.ndarray, industry: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Category per row from its industry's cumulative weights and a uniform draw."""
    return np.asarray((u[:, None] > cumulative[industry]).sum(axis=1).clip(0, len(CATEGORIES) - 1))


def _skills(
    owner_skill: list[np.ndarray] | None, size: np.ndarray, sigma: float, rng: np.random.Generator
) -> np.ndarray:
    skill = rng.normal(0, sigma, size.size)
    for band, pool in enumerate(owner_skill or []):
        rows = np.flatnonzero(size == band)
        if pool.size:
            skill[rows] = pool[(rng.random(rows.size) * pool.size).astype(np.int64)]
    return skill


K = TypeVar("K", bound=str)  # an enum of salesgen.vocab.domain


def _shifts(mapping: Mapping[K, float], names: Sequence[K]) -> np.ndarray:
    return np.array([mapping.get(name, 0.0) for name in names])


def calibrate_win_model(
    config: Config, seed: int, owner_skill: list[np.ndarray] | None = None, samples: int = 40_000
) -> WinModel:
    """Solve each type's intercept so the mean win probability over the deal population hits its target.

    ``owner_skill[size]`` are the skills of the reps who own accounts of that size: calibrating on
    the reps actually drawn (rather than on the skill distribution) keeps a small team on target.
    """
    realism = config.realism
    model = WinModel(
        np.zeros(3),
        np.array(realism.win.size_shift.as_tuple()),
        _shifts(realism.win.industry_shift, list(INDUSTRIES)),
        _shifts(realism.win.category_shift, CATEGORIES),
        np.r_[_shifts(realism.win.lead_source_shift, LEAD_SOURCES), 0.0],
        realism.win.competitor_effect,
        realism.win.deal_size_effect,
        realism.win.outcome_noise,
    )
    # One local stream: the calibration population is drawn in this function only.
    rng = draw(seed, OpportunityDraw.WIN_MODEL_POPULATION)
    size = rng.choice(len(SIZES), samples, p=deal_volume_weights(config))
    industry = rng.integers(0, len(INDUSTRIES), samples)
    new_lead = rng.choice(len(LEAD_SOURCE_WEIGHTS), samples, p=np.array(LEAD_SOURCE_WEIGHTS))
    population = DealFeatures(
        np.zeros(samples, dtype=np.int64),
        size,
        industry,
        draw_categories(category_cumulative(config), industry, rng.random(samples)),
        new_lead,
        _skills(owner_skill, size, realism.win.rep_skill_sigma, rng),
        rng.random(samples) < np.array(realism.win.competitor_presence.as_tuple())[size],
        rng.normal(0, realism.deal_size.sigma, samples),
        rng.normal(size=samples),
    )
    targets = (realism.win.new_business_rate, realism.win.upsell_rate, realism.win.renewal_rate)
    intercepts = np.zeros(3)
    for deal_type, target in enumerate(targets):
        lead = new_lead if deal_type == NEW_BUSINESS else np.full(samples, EXISTING_CUSTOMER_LEAD)
        rest = model.log_odds(replace(population, lead=lead))
        low, high = -15.0, 15.0
        for _ in range(60):
            mid = (low + high) / 2
            low, high = (mid, high) if sigmoid(mid + rest).mean() < target else (low, mid)
        intercepts[deal_type] = (low + high) / 2
    return replace(model, intercept=intercepts)


def cycle_days(
    config: Config, size: np.ndarray, deal_type: np.ndarray, log_size_ratio: np.ndarray, lost: np.ndarray, z: np.ndarray
) -> np.ndarray:
    """Days from creation to close: segment median x size elasticity x type x lognormal noise."""
    realism = config.realism
    median = np.array(realism.cycle.median_days.as_tuple())[size]
    days = (
        median
        * np.exp(realism.cycle.deal_size_elasticity * log_size_ratio + realism.cycle.sigma * z)
        * TYPE_CYCLE_FACTOR[deal_type]
        * np.where(lost, realism.cycle.lost_factor, 1.0)
    )
    return np.asarray(np.maximum(days, MIN_CYCLE_DAYS))


def engaged_outcome(u_outcome: np.ndarray, engaged: np.ndarray, chance: np.ndarray, coupling: float) -> np.ndarray:
    """Won or lost given the buyer's engagement: P(won) stays ``chance`` whatever the coupling.

    >>> engaged_outcome(np.array([0.5, 0.5]), np.array([True, False]), np.array([0.3, 0.3]), 0.8).tolist()
    [True, False]
    """
    return np.asarray(u_outcome < np.where(engaged, chance + coupling * (1 - chance), (1 - coupling) * chance))
