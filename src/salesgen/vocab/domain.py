"""Domain constants: the closed choices of the sales model and their default weights.

Every size band, stage, deal type, product category, industry, lead source,
territory and rep title the generator knows is defined here, once. The closed
choices are ``StrEnum``s: their members *are* the strings written to the data
(``CompanySize.SMALL == "small"``), and the scenario model uses them as dict
keys so pydantic rejects an unknown key by its type. Tuples list the members
in their canonical order — the order that integer codes in the generator
index into, so reordering one changes the data.

Example:
    >>> from salesgen.vocab.domain import SIZES, CompanySize, Industry
    >>> SIZES[0] is CompanySize.SMALL, SIZES[0] == "small"
    (True, True)
    >>> Industry("Public Sector").name
    'PUBLIC_SECTOR'
"""

from __future__ import annotations

from enum import StrEnum


class CompanySize(StrEnum):
    """Size band of a customer, and the segment a rep sells to."""

    SMALL = "small"
    MEDIUM = "medium"
    ENTERPRISE = "enterprise"


class DealType(StrEnum):
    """What an opportunity sells: a first purchase or an expansion of an existing customer."""

    NEW_BUSINESS = "new business"
    UPSELL = "upsell"
    RENEWAL = "renewal"


class ProductCategory(StrEnum):
    """Top level of the product catalog (``vocab.business.CATALOG`` holds the subcategories)."""

    SOFTWARE = "Software"
    HARDWARE = "Hardware"
    SERVICES = "Services"
    CONSULTING = "Consulting"


class Industry(StrEnum):
    """Industry of a customer (``vocab.business.INDUSTRIES`` holds sub-industries and economics)."""

    TECHNOLOGY = "Technology"
    FINANCIAL_SERVICES = "Financial Services"
    HEALTHCARE = "Healthcare"
    MANUFACTURING = "Manufacturing"
    RETAIL = "Retail"
    EDUCATION = "Education"
    LOGISTICS = "Logistics"
    ENERGY = "Energy"
    MEDIA = "Media"
    PROFESSIONAL_SERVICES = "Professional Services"
    TELECOMMUNICATIONS = "Telecommunications"
    PUBLIC_SECTOR = "Public Sector"


class LeadSource(StrEnum):
    """Where a new-business deal came from (expansions are ``EXPANSION_LEAD_SOURCE``)."""

    INBOUND = "inbound"
    OUTBOUND = "outbound"
    REFERRAL = "referral"
    PARTNER = "partner"
    EVENT = "event"


SIZES: tuple[CompanySize, ...] = tuple(CompanySize)
DEAL_TYPES: tuple[DealType, ...] = tuple(DealType)
CATEGORIES: tuple[ProductCategory, ...] = tuple(ProductCategory)
LEAD_SOURCES: tuple[LeadSource, ...] = tuple(LeadSource)
EXPANSION_LEAD_SOURCE = "existing customer"
# Share of new-business deals per lead source, in LEAD_SOURCES order (not a scenario knob).
LEAD_SOURCE_WEIGHTS = (0.32, 0.30, 0.14, 0.12, 0.12)

# Pipeline: names of the closed stages when a scenario gives only open ones (won = 100%, lost = 0%).
CLOSED_STAGES = ("won", "lost")

# Sales team
TERRITORIES = ("North America", "EMEA", "APAC", "LATAM")
SEGMENT_LABELS = ("SMB", "Mid-Market", "Enterprise")  # team names, one per SIZES member
REP_TITLES = (
    "SDR",
    "Account Executive",
    "Senior Account Executive",
    "Enterprise Account Executive",
    "Sales Manager",
    "Regional Director",
)

# Defaults of the scenario model (salesgen.config), kept here so every domain list lives in one file.
DEFAULT_COUNTRY_MIX = {
    "US": 0.30,
    "CA": 0.05,
    "MX": 0.04,
    "BR": 0.05,
    "GB": 0.10,
    "DE": 0.10,
    "FR": 0.07,
    "ES": 0.04,
    "NL": 0.04,
    "IN": 0.07,
    "JP": 0.07,
    "AU": 0.07,
}
DEFAULT_STAGE_PROBABILITIES = {"identified": 10, "qualified": 20, "proposal": 50, "negotiation": 75}
DEFAULT_INDUSTRY_WIN_SHIFT = {
    Industry.TECHNOLOGY: 0.25,
    Industry.FINANCIAL_SERVICES: -0.15,
    Industry.HEALTHCARE: -0.2,
    Industry.MANUFACTURING: 0.05,
    Industry.RETAIL: 0.15,
    Industry.EDUCATION: 0.1,
    Industry.LOGISTICS: 0.0,
    Industry.ENERGY: -0.1,
    Industry.MEDIA: 0.2,
    Industry.PROFESSIONAL_SERVICES: 0.1,
    Industry.TELECOMMUNICATIONS: -0.05,
    Industry.PUBLIC_SECTOR: -0.4,
}
DEFAULT_CATEGORY_WIN_SHIFT = {
    ProductCategory.SOFTWARE: 0.0,
    ProductCategory.HARDWARE: 0.15,
    ProductCategory.SERVICES: 0.3,
    ProductCategory.CONSULTING: -0.25,
}
# log-odds: referrals win most, cold outbound least
DEFAULT_LEAD_SOURCE_WIN_SHIFT = {
    LeadSource.INBOUND: 0.15,
    LeadSource.OUTBOUND: -0.35,
    LeadSource.REFERRAL: 0.55,
    LeadSource.PARTNER: 0.25,
    LeadSource.EVENT: 0.0,
}
DEFAULT_CATEGORY_MIX = dict.fromkeys(CATEGORIES, 1.0)
