"""The building blocks of the contract: column kinds, their Arrow types, columns and tables.

Example:
    >>> Column("seats", Kind.INT, "Seats sold.").arrow_type
    DataType(int64)
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pyarrow as pa


class Kind(StrEnum):
    """Logical column kinds; each maps to one Arrow type (see ``ARROW_TYPES``)."""

    ID = "id"
    INT = "int"
    FLOAT = "float"
    BOOL = "bool"
    STRING = "string"
    MONEY = "money"
    PERCENT = "percent"
    DATE = "date"
    TIMESTAMP = "timestamp"
    STRING_LIST = "string_list"


MONEY_TYPE = pa.decimal128(18, 2)  # currencies without cents (JPY) carry whole units: .00
PERCENT_TYPE = pa.decimal128(5, 4)
TIMESTAMP_TYPE = pa.timestamp("us", tz="UTC")

ARROW_TYPES: dict[Kind, pa.DataType] = {
    Kind.ID: pa.int64(),
    Kind.INT: pa.int64(),
    Kind.FLOAT: pa.float64(),
    Kind.BOOL: pa.bool_(),
    Kind.STRING: pa.string(),
    Kind.MONEY: MONEY_TYPE,
    Kind.PERCENT: PERCENT_TYPE,
    Kind.DATE: pa.date32(),
    Kind.TIMESTAMP: TIMESTAMP_TYPE,
    Kind.STRING_LIST: pa.list_(pa.string()),
}


@dataclass(frozen=True)
class Column:
    """One column: its name, kind, nullability, meaning and foreign key."""

    name: str
    kind: Kind
    doc: str
    nullable: bool = False
    references: str | None = None  # "table.column"

    @property
    def arrow_type(self) -> pa.DataType:
        return ARROW_TYPES[self.kind]


@dataclass(frozen=True)
class Table:
    """A table of the contract. ``code`` keys its random streams: never reuse one."""

    name: str
    code: int
    doc: str
    columns: tuple[Column, ...]
    run_scope: bool = False  # generated once per run, not per customer block

    @property
    def primary_key(self) -> str:
        return self.columns[0].name

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"table {self.name!r} has no column {name!r}")

    @property
    def foreign_keys(self) -> list[Column]:
        return [column for column in self.columns if column.references]
