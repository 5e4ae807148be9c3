"""A Frictionless data package (``datapackage.json``) beside every directory output, from the contract.

Tools that read Frictionless (the ``frictionless`` library, Open Data Editor, ``datapackage``
readers in R and Julia, CKAN) then know every column's type without guessing: money is a
bare decimal number ≥ 0, timestamps are UTC datetimes, list columns are JSON arrays, ids stay
integers even when some are missing, and postal codes stay strings. Each resource names its
files, their SHA-256 and row count (as in ``manifest.json``), its primary key and its foreign
keys. The package is derived from ``salesgen.contract`` like the DDL: nothing spells out a
column twice.

Empty CSV fields are nulls; ``""`` is an empty string. Frictionless itself reads both as
missing, so text columns that may hold an empty string but are never null (``next_step``) are
not marked required (``required`` would turn ``""`` into an error).

Example:
    >>> package = datapackage({"seed": 7}, {"customers.csv": {"bytes": 9, "rows": 1, "sha256": "ab"}})
    >>> resource = package["resources"][0]
    >>> resource["name"], resource["path"], resource["format"], resource["schema"]["primaryKey"]
    ('customers', 'customers.csv', 'csv', ['customer_id'])
    >>> [f["type"] for f in resource["schema"]["fields"]][:3]
    ['integer', 'string', 'string']
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any

from salesgen.contract import TABLES, Column, Kind, Table
from salesgen.version import __version__

DATAPACKAGE_FILE = "datapackage.json"
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"

# Contract kind → Frictionless field descriptor (without name/description/constraints).
FIELD_TYPES: dict[Kind, dict[str, Any]] = {
    Kind.ID: {"type": "integer"},
    Kind.INT: {"type": "integer"},
    Kind.FLOAT: {"type": "number"},
    Kind.BOOL: {"type": "boolean", "trueValues": ["true"], "falseValues": ["false"]},
    Kind.STRING: {"type": "string"},
    Kind.MONEY: {"type": "number", "bareNumber": True},
    Kind.PERCENT: {"type": "number", "bareNumber": True},
    Kind.DATE: {"type": "date"},
    Kind.TIMESTAMP: {"type": "datetime"},
    Kind.STRING_LIST: {"type": "array"},
}
BOUNDS: dict[Kind, dict[str, float]] = {Kind.MONEY: {"minimum": 0}, Kind.PERCENT: {"minimum": 0, "maximum": 1}}
FORMAT_OF_SUFFIX = {".csv": ("csv", "text/csv"), ".jsonl": ("jsonl", "application/jsonl"), ".parquet": ("parquet", "")}


def _field(column: Column) -> dict[str, Any]:
    constraints: dict[str, Any] = dict(BOUNDS.get(column.kind, {}))
    if not column.nullable and column.kind is not Kind.STRING:
        constraints["required"] = True
    field = {"name": column.name, **FIELD_TYPES[column.kind], "description": column.doc}
    if column.kind is Kind.TIMESTAMP:
        field["description"] += " (UTC)"
    return {**field, "constraints": constraints} if constraints else field


def _foreign_keys(table: Table, present: set[str]) -> list[dict[str, Any]]:
    """The foreign keys of ``table`` to the resources ``present`` (a subset names no absent table)."""
    keys = []
    for column in table.foreign_keys:
        assert column.references is not None
        parent, key = column.references.split(".")
        if parent not in present:
            continue
        keys.append({"fields": [column.name], "reference": {"resource": parent, "fields": [key]}})
    return keys


def _resource(
    table: Table, paths: list[str], files: Mapping[str, Mapping[str, Any]], present: set[str]
) -> dict[str, Any]:
    kind, mediatype = FORMAT_OF_SUFFIX[PurePosixPath(paths[0]).suffix]
    resource: dict[str, Any] = {
        "name": table.name,
        "type": "table",
        "path": paths[0] if len(paths) == 1 else paths,
        "format": kind,
        **({"mediatype": mediatype} if mediatype else {}),
        "encoding": "utf-8",
        "description": table.doc,
    }
    if len(paths) == 1:
        resource["bytes"] = files[paths[0]]["bytes"]
        resource["hash"] = f"sha256:{files[paths[0]]['sha256']}"
    schema: dict[str, Any] = {
        "fields": [_field(column) for column in table.columns],
        "missingValues": [""],
        "primaryKey": [table.primary_key],
    }
    if foreign_keys := _foreign_keys(table, present):
        schema["foreignKeys"] = foreign_keys
    resource["schema"] = schema
    if kind == "csv":
        resource["dialect"] = {"header": True, "delimiter": ",", "quoteChar": '"', "doubleQuote": True}
    return resource


def datapackage(metadata: Mapping[str, Any], files: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The data package of a directory output whose data files are ``files`` (path → manifest entry)."""
    by_table: dict[str, list[str]] = defaultdict(list)
    for path in sorted(files):
        by_table[PurePosixPath(path).parts[0].split(".")[0]].append(path)
    seed = metadata.get("seed")
    return {
        "$schema": PROFILE,
        "name": "salesgen-crm",
        "title": "Synthetic CRM / B2B sales data generated by salesgen",
        "description": f"Ten related tables generated by salesgen {__version__}"
        + (f" with seed {seed}" if seed is not None else "")
        + "; manifest.json records the config and the hashes.",
        "resources": [
            _resource(TABLES[name], by_table[name], files, set(by_table)) for name in TABLES if name in by_table
        ],
    }


def datapackage_text(metadata: Mapping[str, Any], files: Mapping[str, Mapping[str, Any]]) -> str:
    """The text of ``datapackage.json`` (deterministic: sorted keys, fixed layout)."""
    return json.dumps(datapackage(metadata, files), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
