"""A catalog per preset, and catalogs users bring as YAML or CSV."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

import salesgen
from salesgen import Config, load_preset
from salesgen.entities.catalog import build_catalog
from salesgen.vocab.catalogs import CATALOGS

EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.mark.parametrize("name", sorted(CATALOGS))
def test_built_in_catalogs_are_coherent(name: str) -> None:
    lines = {line.subcategory: line for line in CATALOGS[name].lines}
    products = build_catalog(Config(catalog=name, num_products=60), seed=3).products.to_pylist()
    assert len({p["name"] for p in products}) == len(products)
    for product in products:
        line = lines[product["subcategory"]]
        assert product["category"] == line.category and product["unit"] == line.unit
        assert set(product["features"]) <= set(line.features), product
        assert set(product["customization_options"]) <= set(line.customizations), product
        for text in (product["name"], product["description"]):
            words = re.findall(r"[a-z]+", text.lower())
            assert not any(a == b for a, b in itertools.pairwise(words)), text
            assert "{" not in text


def test_presets_sell_what_their_business_sells() -> None:
    industrial = build_catalog(load_preset("industrial-distributor"), seed=1).products.to_pylist()
    assert {p["subcategory"] for p in industrial} >= {"Fasteners", "Maintenance Kits", "Service Contracts"}
    assert not any("CRM" in p["name"] or p["subcategory"] == "Strategy" for p in industrial)
    saas = build_catalog(load_preset("smb-saas"), seed=1).products.to_pylist()
    assert sum(p["pricing_model"] == "subscription" for p in saas) >= len(saas) / 2


def test_industrial_parts_have_quantity_tiers() -> None:
    catalog = build_catalog(load_preset("industrial-distributor"), seed=1)
    tiers = catalog.tiers.to_pylist()
    fasteners = {p["product_id"] for p in catalog.products.to_pylist() if p["subcategory"] == "Fasteners"}
    assert {t["min_quantity"] for t in tiers if t["product_id"] in fasteners} == {1, 10, 50, 200}


@pytest.mark.parametrize("file", ["industrial-catalog.csv", "saas-catalog.yaml"])
def test_a_users_catalog_is_sold_exactly_as_written(file: str) -> None:
    config = Config(catalog=str(EXAMPLES / file), num_customers=150, num_sales_reps=4)
    dataset = salesgen.generate(config, seed=2)
    products = dataset["products"].to_pylist()
    source = (EXAMPLES / file).read_text(encoding="utf-8")
    assert all(p["name"] in source for p in products)
    assert dataset["opportunity_line_items"].num_rows > 0
    assert salesgen.validate(dataset, hard_only=True).passed


def test_a_bad_catalog_names_the_product_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("products:\n  - {name: X, category: Gadgets, subcategory: Y, list_price: 5}\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"product 1, field category.*Gadgets"):
        Config(catalog=str(bad))
    with pytest.raises(ValidationError, match="neither a built-in catalog"):
        Config(catalog="no-such-catalog")
