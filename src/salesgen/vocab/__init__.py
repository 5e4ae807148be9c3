"""Vocabulary: per-country people and addresses (data files), B2B terms (``business``), and the
domain's closed choices and constants — sizes, stages, deal types, categories, industries, lead
sources, territories, rep titles, default mixes (``domain``).

Example:
    >>> from salesgen.vocab import load_country
    >>> load_country("FR").languages
    ('fr',)
"""

from salesgen.vocab.locales import CountryVocab, country_codes, load_country

__all__ = ["CountryVocab", "country_codes", "load_country"]
