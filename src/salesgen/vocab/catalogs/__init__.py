"""Built-in product catalogs: what a software vendor, a SaaS seller and an industrial distributor sell.

A catalog is a list of product lines (a subcategory of one of the contract's four categories).
Each line knows its pricing model and unit, a list-price range in USD, its product names and
variants (editions, sizes, plans), its own features and customization options, a description
lead and, optionally, its quantity-discount ladder — so a tablet never lists a rack-mount kit
and a bolt is sold by the box with volume tiers. Plain constants, versioned with salesgen, one module per catalog.

Example:
    >>> sorted(CATALOGS)
    ['industrial', 'saas', 'software']
    >>> {line.category for line in CATALOGS["industrial"].lines} == {"Software", "Hardware", "Services", "Consulting"}
    True
"""

from __future__ import annotations

from salesgen.vocab.catalogs.industrial import INDUSTRIAL
from salesgen.vocab.catalogs.saas import SAAS
from salesgen.vocab.catalogs.software import SOFTWARE
from salesgen.vocab.catalogs.spec import CatalogSpec, Ladder, ProductLine

CATALOGS: dict[str, CatalogSpec] = {"software": SOFTWARE, "saas": SAAS, "industrial": INDUSTRIAL}

__all__ = ["CATALOGS", "INDUSTRIAL", "SAAS", "SOFTWARE", "CatalogSpec", "Ladder", "ProductLine"]
