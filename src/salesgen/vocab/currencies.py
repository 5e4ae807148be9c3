"""Currencies a run may price in: a fixed USD rate for magnitudes and the ISO 4217 minor unit.

The sales model's money figures (built-in list prices, ``realism.deal_size.median``, revenue
per employee) are calibrated in US dollars; a run in another currency multiplies them by
``per_usd`` so a yen deal is a yen-sized deal, then rounds to what the currency can carry
(JPY and KRW have no minor unit: whole yen and won). The rates are magnitudes, not a
conversion service: a fixed table versioned with salesgen, never fetched.

Source: the ECB euro foreign exchange reference rates of 31 December 2024 (USD 1.0389 per EUR),
each divided by the USD rate, to four significant figures (magnitudes, not quotes;
``scripts/check_currency_rates.py`` compares them with the ECB's file); minor units from ISO 4217.
Currencies with three minor digits (BHD, KWD…) are left out: money columns are decimal(18,2).

Example:
    >>> currency_spec("JPY").per_usd, currency_spec("JPY").minor_units, currency_spec("JPY").unit_cents
    (157.0, 0, 100)
    >>> currency_spec("usd")
    Traceback (most recent call last):
    ...
    ValueError: currency 'usd' is not one salesgen knows; use an ISO 4217 code of: AUD, BRL, CAD, CHF, \
CNY, CZK, DKK, EUR, GBP, HKD, HUF, IDR, ILS, INR, JPY, KRW, MXN, MYR, NOK, NZD, PHP, PLN, RON, SEK, SGD, THB, \
TRY, USD, ZAR
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["CURRENCIES", "Currency", "currency_spec"]


@dataclass(frozen=True)
class Currency:
    """One currency: units per US dollar (for magnitudes) and its number of minor-unit digits."""

    code: str
    per_usd: float
    minor_units: int

    @property
    def unit_cents(self) -> int:
        """The smallest amount the currency carries, in hundredths: 1 (a cent) or 100 (a whole yen)."""
        return int(10 ** (2 - self.minor_units))

    def round_half_up(self, numerator: np.ndarray, denominator: int | np.ndarray) -> np.ndarray:
        """round_half_up(numerator / denominator) cents, to the minor unit (whole yen for JPY).

        >>> currency_spec("JPY").round_half_up(np.array([12_345 * 3]), 3).tolist()  # 123.45 yen -> 123 yen
        [12300]
        """
        unit = self.unit_cents
        return np.asarray((2 * numerator + denominator * unit) // (2 * denominator * unit) * unit)

    @property
    def price_step(self) -> int:
        """The power of ten nearest one dollar's worth: what price points are counted in (JPY 100, EUR 1)."""
        step = 1
        while step * 10 <= self.per_usd * 3.16:  # round(log10(per_usd)), in integers
            step *= 10
        return step


# code: (units per USD, minor units): ECB reference rates of 2024-12-31 / 1.0389 (see the module docstring).
_TABLE: dict[str, tuple[float, int]] = {
    "USD": (1.0, 2),
    "EUR": (0.9626, 2),
    "GBP": (0.7981, 2),
    "JPY": (157.0, 0),
    "CHF": (0.9060, 2),
    "CAD": (1.439, 2),
    "AUD": (1.614, 2),
    "NZD": (1.784, 2),
    "SEK": (11.03, 2),
    "NOK": (11.35, 2),
    "DKK": (7.179, 2),
    "PLN": (4.115, 2),
    "CZK": (24.24, 2),
    "HUF": (395.9, 2),
    "RON": (4.788, 2),
    "TRY": (35.36, 2),
    "BRL": (6.185, 2),
    "MXN": (20.74, 2),
    "INR": (85.60, 2),
    "CNY": (7.299, 2),
    "HKD": (7.766, 2),
    "SGD": (1.363, 2),
    "KRW": (1475.0, 0),
    "IDR": (16190.0, 2),
    "MYR": (4.471, 2),
    "PHP": (58.04, 2),
    "THB": (34.34, 2),
    "ILS": (3.647, 2),
    "ZAR": (18.88, 2),
}
CURRENCIES: dict[str, Currency] = {code: Currency(code, rate, minor) for code, (rate, minor) in _TABLE.items()}


def currency_spec(code: str) -> Currency:
    """The currency ``code``, or a ValueError listing the codes salesgen knows."""
    try:
        return CURRENCIES[code]
    except KeyError:
        raise ValueError(
            f"currency {code!r} is not one salesgen knows; use an ISO 4217 code of: {', '.join(sorted(CURRENCIES))}"
        ) from None
