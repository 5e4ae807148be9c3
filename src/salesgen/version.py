"""The package version: part of every dataset's identity (same seed + config + version = same bytes)."""

__version__ = "0.1.0"
