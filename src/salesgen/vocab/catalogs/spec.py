"""What a built-in catalog is made of: product lines (one subcategory each) grouped under a brand.

Example:
    >>> CatalogSpec("Acme", ()).brand
    'Acme'
"""

from __future__ import annotations

from dataclasses import dataclass

Ladder = tuple[tuple[int, ...], tuple[int, ...]]  # (tier lower bounds, discounts in basis points)


@dataclass(frozen=True)
class ProductLine:
    """One subcategory of a catalog and everything its products share."""

    category: str
    subcategory: str
    pricing_model: str
    unit: str
    price: tuple[float, float]  # list price range per unit, USD
    names: tuple[str, ...]
    variants: tuple[str, ...]
    features: tuple[str, ...]
    customizations: tuple[str, ...]
    lead: str  # the description's first sentence
    ladder: Ladder | None = None  # None: the pricing model's default ladder


@dataclass(frozen=True)
class CatalogSpec:
    """A named catalog: a brand put before product names ('' for none) and its lines."""

    brand: str
    lines: tuple[ProductLine, ...]
