"""Integrity checks, derived from the contract registry: keys, references, nulls.

- ``integrity.pk.<table>``: the primary key is unique and never null;
- ``integrity.fk.<table>.<column>``: every non-null reference resolves
  (nulls in non-nullable columns are ``integrity.not_null``'s business);
- ``integrity.not_null.<table>``: non-nullable columns (other than the key) have no nulls;
- ``integrity.opportunity_has_line_items``.

Example:
    >>> [c.name for c in CHECKS][:2]
    ['integrity.pk.products', 'integrity.pk.discount_tiers']
"""

from __future__ import annotations

from salesgen.checks._core import Check
from salesgen.contract import TABLES, Table


def _pk_check(table: Table) -> Check:
    pk = table.primary_key
    return Check(
        f"integrity.pk.{table.name}",
        "hard",
        f"{table.name}.{pk} is unique and not null",
        sql=f"SELECT {pk} AS key FROM {table.name} GROUP BY {pk} HAVING count(*) > 1 OR {pk} IS NULL",
    )


def _fk_check(table: Table, column: str, reference: str) -> Check:
    parent, parent_column = reference.split(".")
    pk = table.primary_key
    return Check(
        f"integrity.fk.{table.name}.{column}",
        "hard",
        f"every non-null {table.name}.{column} exists in {reference}",
        sql=(
            f"SELECT c.{pk} AS key FROM {table.name} AS c WHERE c.{column} IS NOT NULL AND NOT EXISTS "
            f"(SELECT 1 FROM {parent} AS p WHERE p.{parent_column} = c.{column})"
        ),
    )


def _not_null_check(table: Table) -> Check:
    pk = table.primary_key
    columns = [c.name for c in table.columns if not c.nullable and c.name != pk]
    parts = [
        f"SELECT '{name}:' || CAST({pk} AS VARCHAR) AS key FROM {table.name} WHERE {name} IS NULL" for name in columns
    ]
    return Check(
        f"integrity.not_null.{table.name}",
        "hard",
        f"non-nullable columns of {table.name} have no nulls (key: column:{pk})",
        sql="\nUNION ALL\n".join(parts),
    )


OPPORTUNITY_HAS_LINE_ITEMS = Check(
    "integrity.opportunity_has_line_items",
    "hard",
    "every opportunity has at least one line item",
    sql="""
SELECT o.opportunity_id AS key FROM opportunities AS o
WHERE NOT EXISTS (SELECT 1 FROM opportunity_line_items AS l WHERE l.opportunity_id = o.opportunity_id)
""",
)

CHECKS: tuple[Check, ...] = (
    *(_pk_check(t) for t in TABLES.values()),
    *(_fk_check(t, c.name, c.references) for t in TABLES.values() for c in t.foreign_keys if c.references),
    *(_not_null_check(t) for t in TABLES.values()),
    OPPORTUNITY_HAS_LINE_ITEMS,
)
