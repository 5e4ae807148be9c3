"""The data contract: every table, column, type, key and reference, defined once.

Formats, readers, DDL, documentation and checks derive from this registry; nothing else
spells out a column list. Column names are a public API: rename nothing.

Example:
    >>> from salesgen.contract import TABLES, arrow_schema
    >>> TABLES["contacts"].primary_key
    'contact_id'
    >>> arrow_schema("contacts").field("customer_id").type
    DataType(int64)
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

import pyarrow as pa

from salesgen.contract.kinds import ARROW_TYPES, MONEY_TYPE, PERCENT_TYPE, TIMESTAMP_TYPE, Column, Kind, Table
from salesgen.contract.tables import (
    COMPETITORS,
    CONTACTS,
    CUSTOMERS,
    DISCOUNT_TIERS,
    INTERACTIONS,
    LINE_ITEMS,
    OPPORTUNITIES,
    PRODUCTS,
    SALES_REPS,
    STAGE_HISTORY,
    TABLES,
)

__all__ = [
    "ARROW_TYPES",
    "BLOCK_TABLES",
    "COMPETITORS",
    "CONTACTS",
    "CUSTOMERS",
    "DISCOUNT_TIERS",
    "INTERACTIONS",
    "LINE_ITEMS",
    "MANIFEST_FILE",
    "METADATA_TABLE",
    "MONEY_TYPE",
    "OPPORTUNITIES",
    "PERCENT_TYPE",
    "PRODUCTS",
    "RUN_SCOPE_TABLES",
    "SALES_REPS",
    "STAGE_HISTORY",
    "TABLES",
    "TABLE_NAMES",
    "TIMESTAMP_TYPE",
    "Column",
    "ColumnMismatchError",
    "Kind",
    "Table",
    "arrow_schema",
    "assemble",
]

TABLE_NAMES: tuple[str, ...] = tuple(TABLES)
RUN_SCOPE_TABLES: tuple[str, ...] = tuple(name for name, t in TABLES.items() if t.run_scope)
BLOCK_TABLES: tuple[str, ...] = tuple(name for name, t in TABLES.items() if not t.run_scope)

# Where an output carries its manifest (version, seed, config, row counts, file hashes, dataset_hash):
MANIFEST_FILE = "manifest.json"
"""File name of the manifest in directory outputs (CSV, JSON Lines, Parquet)."""
METADATA_TABLE = "salesgen_metadata"
"""Table holding the manifest, one row per top-level key, in DuckDB files and loaded databases."""


@cache
def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of ``table``, with column docs as field metadata.

    Example:
        >>> arrow_schema("products").field("list_price").type
        Decimal128Type(decimal128(18, 2))
    """
    spec = TABLES[table]
    return pa.schema(
        [pa.field(c.name, c.arrow_type, nullable=c.nullable, metadata={"doc": c.doc}) for c in spec.columns],
        metadata={"doc": spec.doc},
    )


class ColumnMismatchError(ValueError):
    """Columns handed to ``assemble`` do not match the contract: the message names the column."""


def assemble(table: str, columns: Mapping[str, pa.Array | pa.ChunkedArray]) -> pa.Table:
    """The contract's table ``table`` from a mapping column name → array, in the contract's column order.

    Missing, extra or mistyped columns raise ``ColumnMismatchError`` naming the column, so two
    same-typed columns can never be swapped by position.

    Example:
        >>> import pyarrow as pa
        >>> assemble("competitors", {"competitor_id": pa.array([1]), "name": pa.array(["Acme"]),
        ...     "domain": pa.array(["acme.com"]), "price_position": pa.array(["premium"]),
        ...     "strengths": pa.array([["support"]]), "headquarters_country": pa.array(["US"])}).num_rows
        1
        >>> assemble("competitors", {"competitor_id": pa.array([1])})  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        salesgen.contract.ColumnMismatchError: competitors: missing column(s) name, domain, price_position, ...
    """
    schema = arrow_schema(table)
    missing = [name for name in schema.names if name not in columns]
    if missing:
        raise ColumnMismatchError(f"{table}: missing column(s) {', '.join(missing)}")
    extra = [name for name in columns if name not in TABLES[table].column_names]
    if extra:
        raise ColumnMismatchError(f"{table}: column(s) not in the contract: {', '.join(extra)}")
    for field in schema:
        if not columns[field.name].type.equals(field.type):
            raise ColumnMismatchError(f"{table}.{field.name}: expected {field.type}, got {columns[field.name].type}")
    return pa.Table.from_arrays([columns[name] for name in schema.names], schema=schema)
