"""Run-scope catalog: products and their quantity discount tiers.

Example:
    >>> from salesgen.config import Config
    >>> catalog = build_catalog(Config(num_products=12), seed=1)
    >>> catalog.products.num_rows, catalog.tiers.column_names[0]
    (12, 'discount_tier_id')
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from salesgen.arrowkit import date_array, money_array, percent_array
from salesgen.config import Config
from salesgen.contract import assemble
from salesgen.entities.common import DAY, choose_lists, epoch_seconds, first_of_lists, join
from salesgen.entities.draws import DiscountTierDraw, ProductDraw, draw
from salesgen.vocab.business import BRAND, CATALOG, CUSTOMIZATIONS, FEATURES, PRODUCT_EDITIONS
from salesgen.vocab.domain import CATEGORIES

# pricing model -> (tier lower bounds, tier discounts in basis points)
TIER_LADDERS: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {
    "subscription": ((1, 25, 100, 500), (0, 500, 1000, 1500)),
    "one-time": ((1, 10, 50), (0, 400, 800)),
    "per-hour": ((1, 100, 500), (0, 500, 1000)),
}
_SUBCATEGORIES = [(cat, sub) for cat in CATEGORIES for sub in CATALOG[cat]]


@dataclass(frozen=True)
class Catalog:
    """The catalog as Arrow tables plus the arrays deal generation samples from."""

    products: pa.Table
    tiers: pa.Table
    product_id: np.ndarray
    category: np.ndarray  # index into CATEGORIES
    list_cents: np.ndarray
    active: np.ndarray
    tier_start: np.ndarray  # per product: first row in tier arrays
    tier_count: np.ndarray
    tier_min: np.ndarray
    tier_bp: np.ndarray
    names: pa.Array
    customization_options: pa.Array  # list<string> per product

    def tier_discount_bp(self, product_index: np.ndarray, quantity: np.ndarray) -> np.ndarray:
        """Minimum discount (basis points) of each product at each quantity."""
        discount = np.zeros(product_index.size, dtype=np.int64)
        for step in range(int(self.tier_count.max(initial=0))):
            row = self.tier_start[product_index] + step
            has = step < self.tier_count[product_index]
            row = np.where(has, row, 0)
            reached = has & (quantity >= self.tier_min[row])
            discount = np.where(reached, self.tier_bp[row], discount)
        return discount


def _nice_price_cents(raw_dollars: np.ndarray) -> np.ndarray:
    """Round to the prices a pricing team picks: 49, 349, 1,250, 18,900…"""
    small = np.round(raw_dollars / 10) * 10 - 1
    large = np.round(raw_dollars / 50) * 50
    return (np.where(raw_dollars < 1000, np.maximum(small, 9), large) * 100).astype(np.int64)


def build_catalog(config: Config, seed: int) -> Catalog:
    """Products cycle through every subcategory, so each category is always on sale."""
    n = config.num_products
    sub_index = np.arange(n) % len(_SUBCATEGORIES)
    specs = [CATALOG[c][s] for c, s in _SUBCATEGORIES]
    cat_names = np.array([c for c, _ in _SUBCATEGORIES])[sub_index]
    sub_names = np.array([s for _, s in _SUBCATEGORIES])[sub_index]
    category = np.array([CATEGORIES.index(c) for c, _ in _SUBCATEGORIES])[sub_index]
    model = np.array([s[0] for s in specs])[sub_index]
    low = np.array([s[2][0] for s in specs])[sub_index]
    high = np.array([s[2][1] for s in specs])[sub_index]
    # The k-th product of a subcategory takes the k-th (stem, edition) pair: names never repeat.
    k = np.arange(n) // len(_SUBCATEGORIES)
    stem = np.array([s[3] for s in specs])[sub_index, k % 3]
    edition = np.array(PRODUCT_EDITIONS)[(k // 3 + sub_index) % len(PRODUCT_EDITIONS)]
    name = join(BRAND, " ", pa.array(stem), " ", pa.array(edition))
    list_cents = _nice_price_cents(np.exp(draw(seed, ProductDraw.LIST_PRICE).uniform(np.log(low), np.log(high))))
    as_of_day = epoch_seconds(config.as_of) // DAY
    launch = as_of_day - draw(seed, ProductDraw.LAUNCH_DATE).integers(120, 8 * 365, n)
    active = draw(seed, ProductDraw.ACTIVE).random(n) < 0.9
    active[: min(n, len(_SUBCATEGORIES))] = True  # every subcategory keeps a product on sale
    sku = join(
        pa.array(np.char.upper(cat_names.astype("U2"))),
        "-",
        pa.array(np.char.upper(sub_names.astype("U3"))),
        "-",
        pa.array(np.char.zfill((np.arange(n) + 1).astype(str), 4)),
    )
    features = _per_category_lists(FEATURES, category, draw(seed, ProductDraw.FEATURES), 3, 5)
    options = _per_category_lists(CUSTOMIZATIONS, category, draw(seed, ProductDraw.CUSTOMIZATIONS), 2, 4)
    description = join(
        pa.array(stem),
        " ",
        pa.array(sub_names),
        " with ",
        pc.utf8_lower(first_of_lists(features)),
        ", built for growing teams.",
    )
    product_id = np.arange(1, n + 1, dtype=np.int64)
    products = assemble(
        "products",
        {
            "product_id": pa.array(product_id),
            "sku": sku,
            "name": name,
            "category": pa.array(cat_names),
            "subcategory": pa.array(sub_names),
            "description": description,
            "list_price": money_array(list_cents),
            "currency": pa.array(np.full(n, config.currency)),
            "pricing_model": pa.array(model),
            "unit": pa.array(np.array([s[1] for s in specs])[sub_index]),
            "features": features,
            "customization_options": options,
            "launch_date": date_array(launch),
            "is_active": pa.array(active),
        },
    )
    return _with_tiers(
        products,
        product_id,
        category,
        list_cents,
        active,
        model,
        name,
        options,
        draw(seed, DiscountTierDraw.LADDER_SCALE),
    )


def _per_category_lists(
    lists: dict[str, tuple[str, ...]], category: np.ndarray, rng: np.random.Generator, low: int, high: int
) -> pa.Array:
    """A list column drawing, per row, from its category's vocabulary."""
    sizes = np.array([len(lists[c]) for c in CATEGORIES])
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    flat = pa.array([word for c in CATEGORIES for word in lists[c]])
    counts = rng.integers(low, high + 1, category.size)
    return choose_lists(flat, counts, rng, starts[category], sizes[category])


def _with_tiers(
    products: pa.Table,
    product_id: np.ndarray,
    category: np.ndarray,
    list_cents: np.ndarray,
    active: np.ndarray,
    model: np.ndarray,
    names: pa.Array,
    options: pa.Array,
    rng: np.random.Generator,
) -> Catalog:
    ladder = np.array([m if m in TIER_LADDERS else "one-time" for m in model])
    scale = rng.choice(np.array([0.8, 1.0, 1.2, 1.5]), product_id.size)  # each product's ladder steepness
    mins, bps, owners, numbers = [], [], [], []
    for kind, (bounds, discounts) in TIER_LADDERS.items():
        rows = np.flatnonzero(ladder == kind)
        for step, (lower, bp) in enumerate(zip(bounds, discounts, strict=True)):
            mins.append(np.full(rows.size, lower))
            bps.append(np.round(bp * scale[rows] / 50).astype(np.int64) * 50)
            owners.append(rows)
            numbers.append(np.full(rows.size, step + 1))
    owner = np.concatenate(owners)
    number = np.concatenate(numbers)
    order = np.lexsort((number, owner))
    owner, number = owner[order], number[order]
    tier_min = np.concatenate(mins)[order]
    tier_bp = np.concatenate(bps)[order]
    is_last = np.r_[owner[1:] != owner[:-1], True] if owner.size else np.zeros(0, bool)
    next_min = np.r_[tier_min[1:], 0] if owner.size else tier_min
    tier_max = pa.array(next_min - 1, mask=is_last)
    tiers = assemble(
        "discount_tiers",
        {
            "discount_tier_id": pa.array(product_id[owner] * 10 + number),
            "product_id": pa.array(product_id[owner]),
            "min_quantity": pa.array(tier_min.astype(np.int64)),
            "max_quantity": tier_max.cast(pa.int64()),
            "discount_pct": percent_array(tier_bp),
        },
    )
    tier_count = np.bincount(owner, minlength=product_id.size)
    return Catalog(
        products,
        tiers,
        product_id,
        category,
        list_cents,
        active,
        np.r_[0, np.cumsum(tier_count)[:-1]].astype(np.int64),
        tier_count,
        tier_min,
        tier_bp,
        names,
        options,
    )
