"""Bring your own catalog: a scenario names a built-in catalog or a YAML/CSV file of its products.

A product file lists exactly the products to sell (``num_products`` is then ignored): name,
category (Software, Hardware, Services, Consulting), subcategory, unit, pricing model, list
price in the scenario's currency, optional quantity tiers, features and customizations.

YAML::

    products:
      - {name: Widget Pro, category: Hardware, subcategory: Widgets, unit: unit,
         pricing_model: one-time, list_price: 120, tiers: [[1, 0], [10, 5], [50, 8]]}

CSV (``tiers`` as ``min:percent`` pairs, lists separated by ``;``)::

    name,category,subcategory,unit,pricing_model,list_price,tiers,features
    Widget Pro,Hardware,Widgets,unit,one-time,120,1:0;10:5;50:8,Steel;IP67

Example:
    >>> check_catalog("saas")
    'saas'
    >>> check_catalog("nope.csv")
    Traceback (most recent call last):
    ...
    ValueError: catalog 'nope.csv': no such file (in a scenario file, a relative path is read from the \
scenario file's directory); fix the path or name a built-in catalog
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import AfterValidator, Field, ValidationError, field_validator

from salesgen.config.base import Strict
from salesgen.vocab.catalogs import CATALOGS
from salesgen.vocab.domain import CATEGORIES

SUFFIXES = (".yaml", ".yml", ".csv")


class ProductEntry(Strict):
    """One product of a user's catalog."""

    name: str = Field(min_length=1)
    category: str
    subcategory: str = Field(min_length=1)
    unit: str = "unit"
    pricing_model: str = "one-time"
    list_price: float = Field(gt=0, description="Per unit, in the scenario's currency.")
    tiers: list[tuple[int, float]] = Field(
        default_factory=lambda: [(1, 0.0)], description="(minimum quantity, discount percent) from quantity 1 up."
    )
    features: list[str] = Field(default_factory=list)
    customizations: list[str] = Field(default_factory=list)
    description: str = ""

    @field_validator("category")
    @classmethod
    def _known_category(cls, value: str) -> str:
        if value not in CATEGORIES:
            raise ValueError(f"category {value!r} is not one of {', '.join(CATEGORIES)}")
        return value

    @field_validator("tiers")
    @classmethod
    def _ladder(cls, tiers: list[tuple[int, float]]) -> list[tuple[int, float]]:
        mins = [m for m, _ in tiers]
        if not tiers or mins[0] != 1 or mins != sorted(set(mins)) or any(not 0 <= d < 100 for _, d in tiers):
            raise ValueError(
                "tiers must start at quantity 1, rise strictly, with discounts in [0, 100), e.g. [[1, 0], [10, 5]]"
            )
        return tiers


def check_catalog(value: str) -> str:
    """``value`` if it names a built-in catalog or a readable product file (which is validated)."""
    if value in CATALOGS:
        return value
    path = Path(value)
    if path.suffix.lower() not in SUFFIXES:
        raise ValueError(
            f"catalog {value!r}: neither a built-in catalog ({', '.join(sorted(CATALOGS))}) "
            f"nor a product file ending in {'/'.join(SUFFIXES)}"
        )
    if not path.is_file():
        raise ValueError(
            f"catalog {value!r}: no such file (in a scenario file, a relative path is read from the "
            "scenario file's directory); fix the path or name a built-in catalog"
        )
    user_catalog(value)
    return value


def relative_to_scenario(scenario: dict[str, Any], directory: Path) -> dict[str, Any]:
    """The scenario with a relative catalog path taken from ``directory`` (the scenario file's).

    Example:
        >>> relative_to_scenario({"catalog": "prices.csv", "currency": "EUR"}, Path("examples"))["catalog"]
        'examples/prices.csv'
        >>> relative_to_scenario({"catalog": "saas"}, Path("examples"))["catalog"]
        'saas'
    """
    catalog = scenario.get("catalog")
    if not isinstance(catalog, str) or catalog in CATALOGS or Path(catalog).is_absolute():
        return scenario
    return {**scenario, "catalog": (directory / catalog).as_posix()}


CatalogChoice = Annotated[str, AfterValidator(check_catalog)]


def user_catalog(value: str) -> tuple[ProductEntry, ...] | None:
    """The products of a catalog file, or None for a built-in catalog.

    Raises:
        ValueError: the file is malformed; the message names the row and the field.
    """
    if value in CATALOGS:
        return None
    return _load(str(Path(value).resolve()))


@functools.lru_cache(maxsize=8)
def _load(path: str) -> tuple[ProductEntry, ...]:
    rows = _csv_rows(path) if path.lower().endswith(".csv") else _yaml_rows(path)
    if not rows:
        raise ValueError(f"catalog {path}: no products")
    entries = []
    for number, row in enumerate(rows, start=1):
        try:
            entries.append(ProductEntry.model_validate(row))
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise ValueError(f"catalog {path}, product {number}, field {where}: {first['msg']}") from None
    names = [e.name for e in entries]
    if len(set(names)) != len(names):
        raise ValueError(f"catalog {path}: product names must be unique")
    return tuple(entries)


def _yaml_rows(path: str) -> list[dict[str, Any]]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    rows = data.get("products") if isinstance(data, dict) else data
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ValueError(f"catalog {path}: expected a list of products (or a mapping with 'products:')")
    return rows


def _csv_rows(path: str) -> list[dict[str, Any]]:
    with open(path, newline="", encoding="utf-8") as handle:
        rows: list[dict[str, Any]] = [dict(r) for r in csv.DictReader(handle)]
    for row in rows:
        for key in ("features", "customizations"):
            if key in row:
                row[key] = [v.strip() for v in (row[key] or "").split(";") if v.strip()]
        if row.get("tiers"):
            row["tiers"] = [tuple(part.split(":")) for part in row["tiers"].split(";") if part.strip()]
        else:
            row.pop("tiers", None)
        for key in [k for k, v in row.items() if v in ("", None)]:
            row.pop(key)
    return rows
