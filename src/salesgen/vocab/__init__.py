"""Vocabulary shipped as data: per-country people and addresses, and B2B terms.

Example:
    >>> from salesgen.vocab import load_country
    >>> load_country("FR").languages
    ('fr',)
"""

from salesgen.vocab.locales import CountryVocab, country_codes, load_country

__all__ = ["CountryVocab", "country_codes", "load_country"]
