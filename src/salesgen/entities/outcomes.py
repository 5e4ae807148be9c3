"""The latent model that decides a deal's size, length and outcome.

Win or loss is a Bernoulli draw on a logistic model over facts known when
the deal is opened: type, segment, lead source, competitor presence, rep
skill and deal size. Each type's intercept is calibrated once per run so the
population win rate equals the configured target (e.g. 25% for new business).

Example:
    >>> from salesgen.config import Config
    >>> model = calibrate_win_model(Config(), seed=1)
    >>> 0 < model.win_probability(np.array([0]), np.array([0]), np.array([0]), np.zeros(1),
    ...                           np.zeros(1, bool), np.zeros(1))[0] < 1
    True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from salesgen.config import SIZES, Config
from salesgen.random import stream
from salesgen.schema import OPPORTUNITIES
from salesgen.vocab.business import LEAD_SOURCE_WEIGHTS, LEAD_SOURCE_WIN_SHIFT

DEAL_TYPES = ("new business", "upsell", "renewal")
NEW_BUSINESS, UPSELL, RENEWAL = 0, 1, 2
TYPE_AMOUNT_FACTOR = np.array([1.0, 0.45, 0.8])   # expansions are smaller than the first purchase
TYPE_CYCLE_FACTOR = np.array([1.0, 0.7, 0.55])    # and close faster
DEAL_SIZE_EFFECT = -0.25                           # log-odds per unit of log(amount / segment median)
EXISTING_CUSTOMER_LEAD = len(LEAD_SOURCE_WEIGHTS)  # lead index of expansion deals
MIN_CYCLE_DAYS = 3.0


def sigmoid(x: np.ndarray) -> np.ndarray:
    """Logistic function."""
    return np.asarray(1.0 / (1.0 + np.exp(-x)))


@dataclass(frozen=True)
class WinModel:
    """Coefficients of the win model; ``intercept`` is per deal type."""

    intercept: np.ndarray
    size_shift: np.ndarray
    lead_shift: np.ndarray
    competitor_effect: float
    deal_size_effect: float

    def win_probability(self, deal_type: np.ndarray, size: np.ndarray, lead: np.ndarray, skill: np.ndarray,
                        has_competitor: np.ndarray, log_size_ratio: np.ndarray) -> np.ndarray:
        """P(won | features) per deal."""
        return sigmoid(self.intercept[deal_type] + self.size_shift[size] + self.lead_shift[lead] + skill
                       + self.competitor_effect * has_competitor + self.deal_size_effect * log_size_ratio)


def deal_volume_weights(config: Config) -> np.ndarray:
    """Share of deals per size band: customers per band x deals per customer."""
    realism = config.realism
    weights = np.array(realism.size_mix.as_tuple()) * np.array(realism.opportunities_per_customer.as_tuple())
    return np.asarray(weights / weights.sum())


def calibrate_win_model(config: Config, seed: int, samples: int = 40_000) -> WinModel:
    """Solve each type's intercept so the mean win probability hits its target rate."""
    realism = config.realism
    model = WinModel(np.zeros(3), np.array(realism.size_win_shift.as_tuple()), np.r_[LEAD_SOURCE_WIN_SHIFT, 0.0],
                     realism.competitor_effect, DEAL_SIZE_EFFECT)
    rng = stream(seed, OPPORTUNITIES.code, purpose=99)
    size = rng.choice(len(SIZES), samples, p=deal_volume_weights(config))
    presence = np.array(realism.competitor_presence.as_tuple())[size]
    has_competitor = rng.random(samples) < presence
    skill = rng.normal(0, realism.rep_skill_sigma, samples)
    ratio = rng.normal(0, realism.deal_size_sigma, samples)
    new_lead = rng.choice(len(LEAD_SOURCE_WEIGHTS), samples, p=np.array(LEAD_SOURCE_WEIGHTS))
    targets = (realism.new_business_win_rate, realism.upsell_win_rate, realism.renewal_win_rate)
    intercepts = np.zeros(3)
    for deal_type, target in enumerate(targets):
        lead = new_lead if deal_type == NEW_BUSINESS else np.full(samples, EXISTING_CUSTOMER_LEAD)
        rest = (model.size_shift[size] + model.lead_shift[lead] + skill + model.competitor_effect * has_competitor
                + model.deal_size_effect * ratio)
        low, high = -15.0, 15.0
        for _ in range(60):
            mid = (low + high) / 2
            low, high = (mid, high) if sigmoid(mid + rest).mean() < target else (low, mid)
        intercepts[deal_type] = (low + high) / 2
    return WinModel(intercepts, model.size_shift, model.lead_shift, model.competitor_effect, model.deal_size_effect)


def cycle_days(config: Config, size: np.ndarray, deal_type: np.ndarray, log_size_ratio: np.ndarray,
               lost: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Days from creation to close: segment median x size elasticity x type x lognormal noise."""
    realism = config.realism
    median = np.array(realism.cycle_median_days.as_tuple())[size]
    days = (median * np.exp(realism.cycle_deal_size_elasticity * log_size_ratio + realism.cycle_sigma * z)
            * TYPE_CYCLE_FACTOR[deal_type] * np.where(lost, realism.lost_cycle_factor, 1.0))
    return np.asarray(np.maximum(days, MIN_CYCLE_DAYS))
