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
from salesgen.config.catalog import ProductEntry, user_catalog
from salesgen.contract import assemble
from salesgen.entities.common import DAY, choose_lists, epoch_seconds, first_of_lists, join, labels, list_column, slug
from salesgen.entities.draws import DiscountTierDraw, ProductDraw, draw
from salesgen.vocab.catalogs import CATALOGS, ProductLine
from salesgen.vocab.currencies import Currency, currency_spec
from salesgen.vocab.domain import CATEGORIES

# pricing model -> (tier lower bounds, tier discounts in basis points)
TIER_LADDERS: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {
    "subscription": ((1, 25, 100, 500), (0, 500, 1000, 1500)),
    "one-time": ((1, 10, 50), (0, 400, 800)),
    "per-hour": ((1, 100, 500), (0, 500, 1000)),
}


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


def _nice_price_cents(raw: np.ndarray, currency: Currency) -> np.ndarray:
    """Round to the prices a pricing team picks: 49, 349, 1,250, 18,900…

    Counted in the currency's price step (about a dollar's worth), so yen prices read ¥54,900 or
    ¥2,965,000 and are whole yen.

    Example:
        >>> _nice_price_cents(np.array([349.0, 18_900.0]) * 156.9, currency_spec("JPY")).tolist()
        [5490000, 296500000]
    """
    steps = raw / currency.price_step
    small = np.round(steps / 10) * 10 - 1
    large = np.round(steps / 50) * 50
    return (np.where(steps < 1000, np.maximum(small, 9), large) * currency.price_step * 100).astype(np.int64)


def build_catalog(config: Config, seed: int) -> Catalog:
    """The scenario's catalog: a built-in one cycled to ``num_products``, or the user's own products.

    Built-in catalogs cycle through their product lines, so each category is always on sale.
    """
    own = user_catalog(config.catalog)
    if own is not None:
        return _from_rows(config, seed, own)
    spec = CATALOGS[config.catalog]
    lines = spec.lines
    n = config.num_products
    line, k, generation = _slots(lines, n)
    category = np.array([CATEGORIES.index(ln.category) for ln in lines])[line]
    name_count = np.array([len(ln.names) for ln in lines])[line]
    variant_count = np.array([len(ln.variants) for ln in lines])[line]
    # The k-th product of a line takes the k-th (name, variant) pair: names never repeat.
    stem = _pick(tuple(ln.names for ln in lines), line, k % name_count)
    variant = _pick(tuple(ln.variants for ln in lines), line, (k // name_count + k % name_count) % variant_count)
    brand = f"{spec.brand} " if spec.brand else ""
    name = join(
        brand, stem, " ", variant, pa.array(np.where(generation > 0, np.char.mod(" Gen %d", generation + 1), ""))
    )
    low = np.array([ln.price[0] for ln in lines])[line]
    high = np.array([ln.price[1] for ln in lines])[line]
    currency = currency_spec(config.currency)  # the lines' price ranges are in US dollars
    raw = np.exp(draw(seed, ProductDraw.LIST_PRICE).uniform(np.log(low), np.log(high))) * currency.per_usd
    list_cents = _nice_price_cents(raw, currency)
    features = _line_lists(tuple(ln.features for ln in lines), line, draw(seed, ProductDraw.FEATURES), 2, 4)
    options = _line_lists(tuple(ln.customizations for ln in lines), line, draw(seed, ProductDraw.CUSTOMIZATIONS), 1, 3)
    description = join(
        _pick(tuple((ln.lead,) for ln in lines), line, np.zeros(n, np.int64)),
        ". ",
        first_of_lists(features),
        "; ",
        pc.list_element(features, 1),
        ".",
    )
    rows = _Rows(
        name=name,
        category=category,
        subcategory=_pick(tuple((ln.subcategory,) for ln in lines), line, np.zeros(n, np.int64)),
        description=description,
        list_cents=list_cents,
        model=np.array([ln.pricing_model for ln in lines])[line],
        unit=_pick(tuple((ln.unit,) for ln in lines), line, np.zeros(n, np.int64)),
        features=features,
        options=options,
        ladders=[ln.ladder or TIER_LADDERS.get(ln.pricing_model, TIER_LADDERS["one-time"]) for ln in lines],
        ladder=line,
    )
    return _assemble_catalog(config, seed, rows)


def _slots(lines: tuple[ProductLine, ...], n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(line, k-th product of the line, generation) of each product: lines take turns while they
    have (name, variant) pairs left; past every pair, a new product generation starts."""
    capacity = np.array([len(ln.names) * len(ln.variants) for ln in lines])
    k_all = np.concatenate([np.arange(c) for c in capacity])
    line_all = np.repeat(np.arange(len(lines)), capacity)
    order = np.lexsort((line_all, k_all))
    slot = np.arange(n) % order.size
    return line_all[order][slot], k_all[order][slot], np.arange(n) // order.size


@dataclass(frozen=True)
class _Rows:
    """Per-product columns before ids, SKUs, launch dates and tiers are added."""

    name: pa.Array
    category: np.ndarray  # index into CATEGORIES
    subcategory: pa.Array
    description: pa.Array
    list_cents: np.ndarray
    model: np.ndarray
    unit: pa.Array
    features: pa.Array
    options: pa.Array
    ladders: list[tuple[tuple[int, ...], tuple[int, ...]]]
    ladder: np.ndarray  # index into ladders, per product


def _from_rows(config: Config, seed: int, entries: tuple[ProductEntry, ...]) -> Catalog:
    """A catalog of exactly the user's products, prices and tiers."""
    n = len(entries)

    def strings(values: list[str]) -> pa.Array:
        return pa.array(values, type=pa.string())

    def lists(values: list[list[str]]) -> pa.Array:
        return list_column(np.r_[0, np.cumsum([len(v) for v in values])], strings([w for v in values for w in v]))

    description = [e.description or f"{e.name}: {e.subcategory.lower()}, per {e.unit}." for e in entries]
    unit = currency_spec(config.currency).unit_cents  # prices as written, rounded half up to the minor unit
    rows = _Rows(
        name=strings([e.name for e in entries]),
        category=np.array([CATEGORIES.index(e.category) for e in entries], dtype=np.int64),
        subcategory=strings([e.subcategory for e in entries]),
        description=strings(description),
        list_cents=np.array([int(e.list_price * 100 / unit + 0.5) * unit for e in entries], dtype=np.int64),
        model=np.array([e.pricing_model for e in entries]),
        unit=strings([e.unit for e in entries]),
        features=lists([e.features for e in entries]),
        options=lists([e.customizations for e in entries]),
        ladders=[(tuple(m for m, _ in e.tiers), tuple(round(d * 100) for _, d in e.tiers)) for e in entries],
        ladder=np.arange(n),
    )
    return _assemble_catalog(config, seed, rows, scale_tiers=False)


def _pick(pools: tuple[tuple[str, ...], ...], which: np.ndarray, index: np.ndarray) -> pa.Array:
    sizes = np.array([len(p) for p in pools])
    flat = [w for p in pools for w in p]
    return labels(flat, np.r_[0, np.cumsum(sizes)[:-1]][which] + index)


def _line_lists(
    pools: tuple[tuple[str, ...], ...], line: np.ndarray, rng: np.random.Generator, low: int, high: int
) -> pa.Array:
    """A list column drawing, per row, distinct words from its product line's own vocabulary."""
    sizes = np.array([len(p) for p in pools])
    flat = pa.array([w for p in pools for w in p], type=pa.string())
    counts = rng.integers(low, high + 1, line.size)
    return choose_lists(flat, counts, rng, np.r_[0, np.cumsum(sizes)[:-1]][line], sizes[line])


def _assemble_catalog(config: Config, seed: int, rows: _Rows, scale_tiers: bool = True) -> Catalog:
    n = rows.list_cents.size
    as_of_day = epoch_seconds(config.as_of) // DAY
    launch = as_of_day - draw(seed, ProductDraw.LAUNCH_DATE).integers(120, 8 * 365, n)
    active = draw(seed, ProductDraw.ACTIVE).random(n) < 0.9
    first_of_line = np.unique(rows.ladder, return_index=True)[1]
    active[first_of_line] = True  # every line keeps a product on sale
    cat_names = np.array(CATEGORIES, dtype=object)[rows.category]
    sku = join(
        pa.array(np.char.upper(cat_names.astype("U2"))),
        "-",
        pc.utf8_upper(pc.utf8_slice_codeunits(slug(rows.subcategory), 0, 3)),
        "-",
        pa.array(np.char.zfill((np.arange(n) + 1).astype(str), 4)),
    )
    product_id = np.arange(1, n + 1, dtype=np.int64)
    products = assemble(
        "products",
        {
            "product_id": pa.array(product_id),
            "sku": sku,
            "name": rows.name,
            "category": pa.array(cat_names.astype(str)),
            "subcategory": rows.subcategory,
            "description": rows.description,
            "list_price": money_array(rows.list_cents),
            "currency": pa.array(np.full(n, config.currency)),
            "pricing_model": pa.array(rows.model),
            "unit": rows.unit,
            "features": rows.features,
            "customization_options": rows.options,
            "launch_date": date_array(launch),
            "is_active": pa.array(active),
        },
    )
    return _with_tiers(products, product_id, rows, active, draw(seed, DiscountTierDraw.LADDER_SCALE), scale_tiers)


def _with_tiers(
    products: pa.Table,
    product_id: np.ndarray,
    rows: _Rows,
    active: np.ndarray,
    rng: np.random.Generator,
    scale_tiers: bool = True,
) -> Catalog:
    category, list_cents, names, options = rows.category, rows.list_cents, rows.name, rows.options
    scale = rng.choice(np.array([0.8, 1.0, 1.2, 1.5]), product_id.size)  # each product's ladder steepness
    scale = scale if scale_tiers else np.ones(product_id.size)  # a user's tiers are taken as written
    mins, bps, owners, numbers = [], [], [], []
    for kind, (bounds, discounts) in enumerate(rows.ladders):
        members = np.flatnonzero(rows.ladder == kind)
        for step, (lower, bp) in enumerate(zip(bounds, discounts, strict=True)):
            mins.append(np.full(members.size, lower))
            bps.append(np.round(bp * scale[members] / 50).astype(np.int64) * 50)
            owners.append(members)
            numbers.append(np.full(members.size, step + 1))
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
