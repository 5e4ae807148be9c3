"""Tests of salesgen.vocab.domain: the domain enums agree with the vocabulary tables and the config."""

from __future__ import annotations

from salesgen.config import PerSize, Realism
from salesgen.vocab.business import CATALOG, COMPANY_WORDS_B, FEATURES, INDUSTRIES
from salesgen.vocab.domain import CATEGORIES, SEGMENT_LABELS, SIZES, Industry, LeadSource, ProductCategory


def test_domain_enums_match_the_vocabulary_tables() -> None:
    # integer codes in the generator index these in order: the enums and the tables must agree
    assert tuple(INDUSTRIES) == tuple(Industry) and set(COMPANY_WORDS_B) == set(Industry)
    assert tuple(CATALOG) == CATEGORIES and set(FEATURES) == set(ProductCategory)
    assert [s.value for s in SIZES] == list(PerSize.model_fields) and len(SEGMENT_LABELS) == len(SIZES)
    assert set(Realism().win.lead_source_shift) == set(LeadSource)
