"""Line items: which products a deal carries, how many, at what discount.

Products follow the customer's industry mix over categories; quantities
realize the deal's target value; discounts are the product's quantity tier
plus a negotiated part in standard steps that grows with company size. Reps quote
the way real exports show: a round unit price near the computed one and
a round quantity, so a line total is often whole hundreds (``round_price``).
Money is integer cents: unit = round_half_up(list x (1 - discount)), total =
quantity x unit, and the deal amount is the exact sum of its totals.

Example:
    >>> from salesgen.entities.world import build_world
    >>> from salesgen.entities.accounts import build_accounts
    >>> from salesgen.entities.deals import build_deals
    >>> from salesgen.config import Config
    >>> world = build_world(Config(num_customers=20, num_sales_reps=3), seed=3)
    >>> accounts = build_accounts(world, 0)
    >>> items = build_line_items(world, 0, accounts, build_deals(world, 0, accounts))
    >>> bool((items.amount_cents > 0).all())
    True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from salesgen.arrowkit import percent_array
from salesgen.contract import assemble
from salesgen.entities.accounts import Accounts
from salesgen.entities.common import choose_lists, rank_within, repeat_index
from salesgen.entities.deals import Deals
from salesgen.entities.draws import LineItemDraw, draw, keyed_uniform
from salesgen.entities.outcomes import RENEWAL, category_cumulative, draw_categories
from salesgen.entities.world import World
from salesgen.vocab.domain import CATEGORIES

MAX_DISCOUNT_BP = 7500
MAX_ITEMS = 8
MAX_QUANTITY = 1_000_000
ROUND_STEPS_CENTS = (100, 500, 1_000, 2_500, 5_000, 10_000, 50_000, 100_000)  # $1 … $1,000, times the price step
ROUND_GIVE = 0.06  # a rep rounds a quote down by at most this share of the price
DISCOUNT_STEP_BP = 250  # negotiated discounts are multiples of 2.5%
ROUND_TRIES = 6  # multiples of each step tried below the price
ROUND_QUANTITY_GIVE = 0.3  # and moves the quantity to a round one by at most this share


@dataclass(frozen=True)
class LineItems:
    """The line items table and what the deal needs back from it."""

    table: pa.Table
    amount_cents: np.ndarray  # per deal
    first_product: np.ndarray  # per deal: catalog row of its first line


def _pick_products(world: World, category: np.ndarray, kind: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Catalog row per item: an active product of the item's category and kind.

    ``kind``: 1 = must be a subscription, 0 = must not be, -1 = either. The kind is kept before the
    category: an empty pool falls back to that kind in the whole catalog, then to the category, then to
    any active product (``deals.subscription_share`` only asks for a kind the catalog has).
    """
    catalog = world.catalog
    active = np.flatnonzero(catalog.active)
    model = catalog.products.column("pricing_model").to_numpy(zero_copy_only=False)
    subscription = model[active] == "subscription"
    everything = np.ones(active.size, dtype=bool)
    pick = np.zeros(category.size, dtype=np.int64)
    for c in range(len(CATEGORIES)):
        in_category = catalog.category[active] == c
        for want, of_kind in ((-1, everything), (1, subscription), (0, ~subscription)):
            choices = (in_category & of_kind, of_kind, in_category, everything)
            pool = active[next(allowed for allowed in choices if allowed.any())]
            rows = np.flatnonzero((category == c) & (kind == want))
            pick[rows] = pool[(u[rows] * pool.size).astype(np.int64)]
    return pick


def _poisson(mean: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Poisson(mean) by inverting its CDF at ``u`` (counts up to MAX_ITEMS; more is capped anyway)."""
    k = np.arange(MAX_ITEMS + 1)
    log_pmf = (
        k[None, :] * np.log(np.maximum(mean, 1e-12))[:, None] - mean[:, None] - np.cumsum(np.log(np.maximum(k, 1)))
    )
    cdf = np.cumsum(np.exp(log_pmf), axis=1)
    return np.asarray((u[:, None] > cdf).sum(axis=1))


def _per_seat(world: World) -> np.ndarray:
    """Per catalog row: sold per seat (``unit`` seat or seat/year), so bounded by the buyer's headcount."""
    unit = world.catalog.products.column("unit").to_numpy(zero_copy_only=False).astype(str)
    return np.asarray(np.char.startswith(unit, "seat"))


def _distinct_products(
    deal_of: np.ndarray, product: np.ndarray, item_key: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Drop a product repeated on the same deal, keeping the first occurrence and the order."""
    key = deal_of * (int(product.max(initial=0)) + 1) + product
    _, first = np.unique(key, return_index=True)
    keep = np.sort(first)
    return deal_of[keep], product[keep], item_key[keep]


def round_price(
    list_cents: np.ndarray,
    wanted_cents: np.ndarray,
    step: int = 1,
    unit_cents: int = 1,
    floor_bp: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(unit, discount bp) per line: the roundest price a rep quotes near ``wanted_cents``.

    Candidates are the ``ROUND_TRIES`` multiples of each ``ROUND_STEPS_CENTS`` step (times the currency's
    ``price_step``: ¥100 … ¥100,000 in yen) just below and just above the wanted price, no more than
    ``ROUND_GIVE`` from it (a rep rounds a quote either way; rounding only down also biased amounts
    low and left big-ticket lines, whose round prices whole-bp discounts rarely reach, unrounded);
    one is kept only if a whole-basis-point discount of at least ``floor_bp`` (the quantity tier)
    yields it exactly, rounding half up, so unit = round_half_up(list x (1 - discount)) holds. The
    roundest kept one wins (nearest on a tie); a line with none keeps its price (discount -1).

    >>> round_price(np.array([38_900]), np.array([35_010]))  # $350 is out of reach; $355 beats $345
    (array([35500]), array([874]))
    """
    steps = np.array(ROUND_STEPS_CENTS) * step
    tries = np.r_[np.arange(ROUND_TRIES), -1 - np.arange(ROUND_TRIES)]  # below the price, then above it
    near = (wanted_cents[:, None] // steps)[:, :, None] * steps[:, None] - tries * steps[:, None]
    candidates = near.reshape(wanted_cents.size, steps.size * tries.size)
    # Smallest list share x (in bp) whose half-up rounding at the minor unit reaches the candidate; it does
    # iff below the candidate's next unit (a cent; a yen, 100, for JPY).
    half = 5_000 * unit_cents
    share = -((-(candidates * 10_000 - half)) // np.maximum(list_cents, 1)[:, None])
    exact = (share * list_cents[:, None] < candidates * 10_000 + half) & (candidates > 0)
    exact &= (share <= 10_000) & (10_000 - share <= MAX_DISCOUNT_BP)
    if floor_bp is not None:  # never less discount than the line's quantity tier
        exact &= 10_000 - share >= floor_bp[:, None]
    exact &= np.abs(candidates - wanted_cents[:, None]) <= wanted_cents[:, None] * ROUND_GIVE
    score = np.where(exact, np.gcd(candidates, 10_000 * step) * 1e9 - np.abs(candidates - wanted_cents[:, None]), -1)
    best = np.argmax(score, axis=1)
    rows = np.arange(best.size)
    found = exact[rows, best]
    unit = np.where(found, candidates[rows, best], wanted_cents)
    return np.asarray(unit), np.asarray(np.where(found, 10_000 - share[rows, best], -1))


def _round_quote(
    world: World,
    product: np.ndarray,
    quantity: np.ndarray,
    unit_cents: np.ndarray,
    discount_bp: np.ndarray,
    employees: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Quotes the way reps write them: a round unit price and a quantity that makes the line total whole hundreds.

    The quantity moves to the nearest multiple that makes quantity x unit a multiple of $100 (¥10,000 in yen; never past
    the buyer's headcount on a per-seat line, by ``ROUND_QUANTITY_GIVE`` at most); the quoted line keeps
    a discount of at least its tier at the new quantity, or the line keeps its computed quote.
    """
    catalog = world.catalog
    list_cents = catalog.list_cents[product]
    step = world.currency.price_step
    tier_bp = catalog.tier_discount_bp(product, quantity)
    unit, discount = round_price(list_cents, unit_cents, step, world.currency.unit_cents, tier_bp)
    multiple = 10_000 * step // np.gcd(np.maximum(unit, 1), 10_000 * step)
    rounded = np.maximum(np.round(quantity / multiple), 1).astype(np.int64) * multiple
    seats_cap = np.where(_per_seat(world)[product], np.maximum(employees, 1), MAX_QUANTITY)
    rounded = np.where(rounded > seats_cap, seats_cap // multiple * multiple, rounded)
    near = np.abs(rounded - quantity) <= ROUND_QUANTITY_GIVE * quantity  # 37 seats become 40, never 400
    ok = near & (discount >= 0) & (rounded >= 1)
    ok &= discount >= catalog.tier_discount_bp(product, np.maximum(rounded, 1))
    return (np.where(ok, rounded, quantity), np.where(ok, unit, unit_cents), np.where(ok, discount, discount_bp))


def build_line_items(world: World, block: int, accounts: Accounts, deals: Deals) -> LineItems:
    """Products, quantities and discounts that sum to each deal's amount."""
    catalog = world.catalog

    def rng(purpose: LineItemDraw) -> np.random.Generator:
        return draw(world.seed, purpose, block)

    size = accounts.size[deals.customer]
    n_deals = deals.opportunity_id.size
    realism = world.config.realism
    # Every draw is keyed by the deal (and the item's place on it), never by row: see keyed_uniform.
    extra_mean = np.array(realism.deal_size.extra_line_items.as_tuple())[size]
    wanted = 1 + _poisson(extra_mean, keyed_uniform(world.seed, LineItemDraw.COUNT, block, deals.key)[0])
    deal_of = repeat_index(np.minimum(wanted, MAX_ITEMS))
    item_key = deals.key[deal_of] * np.uint64(MAX_ITEMS) + rank_within(deal_of).astype(np.uint64)

    def keyed(purpose: LineItemDraw, lanes: int = 1) -> np.ndarray:
        return keyed_uniform(world.seed, purpose, block, item_key, lanes)

    # The first item is the deal's main product category (a feature of the win model); the rest follow the mix.
    mixed = draw_categories(
        category_cumulative(world.config), accounts.industry[deals.customer[deal_of]], keyed(LineItemDraw.CATEGORY)[0]
    )
    renewal = deals.deal_type[deal_of] == RENEWAL  # renews what was bought: the main category's subscriptions
    category = np.where((rank_within(deal_of) == 0) | renewal, deals.category[deal_of], mixed)
    # The first item is what makes the deal a subscription (or not); a renewal renews subscriptions only.
    first = rank_within(deal_of) == 0
    kind = np.where(first | renewal, deals.subscription[deal_of].astype(np.int64), -1)
    product = _pick_products(world, category, kind, keyed(LineItemDraw.PRODUCT)[0])
    deal_of, product, item_key = _distinct_products(deal_of, product, item_key)
    u = keyed(LineItemDraw.VALUE_SHARE, lanes=3)  # Gamma(1.5, 1) = Exp(1) + Z^2 / 2
    share = -np.log1p(-u[0]) + (np.sqrt(-2 * np.log1p(-u[1])) * np.cos(2 * np.pi * u[2])) ** 2 / 2
    share /= np.bincount(deal_of, weights=share, minlength=n_deals)[deal_of]
    list_cents = catalog.list_cents[product]
    value = deals.target_cents[deal_of] * share
    ceiling = np.array(realism.deal_size.negotiated_discount_max.as_tuple())[size[deal_of]] * 10_000
    # Negotiated discounts come in standard steps of 2.5% (5%, 7.5%, 10% …), rounding the ceiling to the nearest.
    negotiated = np.round(keyed(LineItemDraw.NEGOTIATED)[0] * ceiling / DISCOUNT_STEP_BP) * DISCOUNT_STEP_BP
    # Buyers size the order on the price they negotiated, so the amount lands near the target value.
    quantity = np.clip(np.round(value / (list_cents * (1 - negotiated / 10_000))), 1, MAX_QUANTITY).astype(np.int64)
    # Seats are people: a per-seat line never sells more seats than the buyer has employees.
    employees = accounts.customer_columns["employees"].to_numpy(zero_copy_only=False)[deals.customer[deal_of]]
    quantity = np.where(_per_seat(world)[product], np.minimum(quantity, np.maximum(employees, 1)), quantity)
    tier_bp = catalog.tier_discount_bp(product, quantity)
    discount_bp = np.minimum(tier_bp + negotiated.astype(np.int64), MAX_DISCOUNT_BP)
    discount_bp = np.maximum(discount_bp, tier_bp)
    unit_cents = world.round_money(list_cents * (10_000 - discount_bp), 10_000)  # half up, at the minor unit
    quantity, unit_cents, discount_bp = _round_quote(world, product, quantity, unit_cents, discount_bp, employees)
    total_cents = quantity * unit_cents
    starts = np.flatnonzero(np.r_[True, deal_of[1:] != deal_of[:-1]]) if deal_of.size else np.zeros(0, np.int64)
    amount = np.add.reduceat(total_cents, starts) if deal_of.size else np.zeros(0, np.int64)
    options = catalog.customization_options
    offsets = options.offsets.to_numpy()
    custom = rng(LineItemDraw.CUSTOMIZATIONS)
    chosen = choose_lists(
        options.values,
        (custom.random(deal_of.size) < 0.25).astype(np.int64),
        custom,
        offsets[:-1][product],
        np.diff(offsets)[product],
    )
    line_item_id = deals.opportunity_id[deal_of] * 100 + rank_within(deal_of) + 1
    table = assemble(
        "opportunity_line_items",
        {
            "line_item_id": pa.array(line_item_id),
            "opportunity_id": pa.array(deals.opportunity_id[deal_of]),
            "product_id": pa.array(catalog.product_id[product]),
            "quantity": pa.array(quantity),
            "list_price": world.money(list_cents),
            "discount_pct": percent_array(discount_bp),
            "unit_price": world.money(unit_cents),
            "total_price": world.money(total_cents),
            "customizations": chosen,
        },
    )
    return LineItems(table, amount, product[starts])
