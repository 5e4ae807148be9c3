"""Fixtures of the bad-input corpus."""

from tests.badinput.databases import tiny_parquet

__all__ = ["tiny_parquet"]
