"""Output formats and the one writer: parquet, duckdb, csv, jsonl, json.

Every way of writing a dataset (the CLI, :func:`write_dataset`,
``SalesDataGenerator.save``/``save_to_csv``/``save_to_json``) goes through the
same part writer (:mod:`~salesgen.formats.parts`: one part per table and
block), the same assembly per format (:mod:`~salesgen.formats.text`,
:mod:`~salesgen.formats.parquet`) and the same atomic publish
(:mod:`~salesgen.formats.staging`); :mod:`~salesgen.formats.manifest` writes
the manifest and its ``dataset_hash``.

Layouts:

* ``parquet``: ``<table>/part-<block>.parquet`` + ``manifest.json``;
* ``csv`` / ``jsonl``: ``<table>.csv`` / ``<table>.jsonl`` + ``manifest.json``;
* ``json``: one document ``{"metadata": ..., "<table>": [...], ...}``;
* ``duckdb``: one database file, loaded like ``--to duckdb:///`` (keys, checks, ``salesgen_metadata``).

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from salesgen.config import Config
    >>> summary = write_dataset(Config(num_customers=5, num_sales_reps=2), 7, "json",
    ...                         Path(tempfile.mkdtemp()) / "crm.json")
    >>> summary.format, summary.row_counts["customers"]
    ('json', 5)
"""

from salesgen.formats.engines import write_dataset
from salesgen.formats.registry import FORMAT_NAMES, FORMATS, get_format
from salesgen.formats.staging import OutputExistsError
from salesgen.formats.writer import HashMismatchError, WriteSummary, write_tables

__all__ = [
    "FORMATS",
    "FORMAT_NAMES",
    "HashMismatchError",
    "OutputExistsError",
    "WriteSummary",
    "get_format",
    "write_dataset",
    "write_tables",
]
