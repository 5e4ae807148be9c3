"""SQL text, written once: identifier and literal quoting per dialect, checked names, and the type maps.

Every statement salesgen builds — DDL, loads, the checks, the reader — quotes
names and strings through this module, so a name chosen by the user
(``--schema``, ``--prefix``) is validated here and never spliced into SQL
unquoted.

* :func:`ident` / :func:`literal` — ``"name"`` (MariaDB: `` `name` ``) and ``'text'``;
* :func:`check_schema` / :func:`check_prefix` — what a user may pass as a schema or table prefix;
* :class:`Names` — qualified, quoted table names for one (dialect, schema, prefix);
* :data:`TYPES` — the contract's column kinds in each dialect's SQL types.

Example:
    >>> ident("order", "mysql"), ident("order"), literal("it's")
    ('`order`', '"order"', "'it''s'")
    >>> Names("postgres", schema="crm", prefix="t_").table("customers")
    '"crm"."t_customers"'
    >>> TYPES["postgres"][Kind.MONEY]
    'NUMERIC(18,2)'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from salesgen.contract import Kind

DIALECTS: tuple[str, ...] = ("postgres", "mysql", "sqlite", "duckdb")
"""The dialects: ``postgres``, ``mysql`` (MariaDB and MySQL), ``sqlite``, ``duckdb``."""

PREFIX_PATTERN = re.compile(r"[a-z_][a-z0-9_]*")
SCHEMA_PATTERN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
IDENTIFIER_LIMITS: dict[str, int] = {"postgres": 63, "mysql": 64, "sqlite": 1000, "duckdb": 1000}

_COMMON: dict[Kind, str] = {Kind.ID: "BIGINT", Kind.INT: "BIGINT", Kind.BOOL: "BOOLEAN", Kind.DATE: "DATE"}
TYPES: dict[str, Mapping[Kind, str]] = {
    "postgres": {
        **_COMMON,
        Kind.FLOAT: "DOUBLE PRECISION",
        Kind.STRING: "TEXT",
        Kind.MONEY: "NUMERIC(18,2)",
        Kind.PERCENT: "NUMERIC(5,4)",
        Kind.TIMESTAMP: "TIMESTAMPTZ",
        Kind.STRING_LIST: "TEXT[]",
    },
    # DATETIME(6) holding UTC: no 2038 limit, no conversion by the session time zone.
    "mysql": {
        **_COMMON,
        Kind.FLOAT: "DOUBLE",
        Kind.STRING: "TEXT",
        Kind.MONEY: "DECIMAL(18,2)",
        Kind.PERCENT: "DECIMAL(5,4)",
        Kind.TIMESTAMP: "DATETIME(6)",
        Kind.STRING_LIST: "JSON",
    },
    # INTEGER: an integer primary key is the rowid; timestamps and lists are checked text. Money is
    # integer cents (SQLite has no decimal storage: REAL sums drift, e.g. 683022385.7499995).
    "sqlite": {
        **_COMMON,
        Kind.ID: "INTEGER",
        Kind.INT: "INTEGER",
        Kind.FLOAT: "REAL",
        Kind.STRING: "TEXT",
        Kind.MONEY: "INTEGER",
        Kind.PERCENT: "DECIMAL(5,4)",
        Kind.TIMESTAMP: "TEXT",
        Kind.STRING_LIST: "TEXT",
    },
    "duckdb": {
        **_COMMON,
        Kind.FLOAT: "DOUBLE",
        Kind.STRING: "VARCHAR",
        Kind.MONEY: "DECIMAL(18,2)",
        Kind.PERCENT: "DECIMAL(5,4)",
        Kind.TIMESTAMP: "TIMESTAMPTZ",
        Kind.STRING_LIST: "VARCHAR[]",
    },
}
"""Column kind → SQL type, per dialect (DuckDB's is also the type the checks and the reader work in)."""


def check_dialect(dialect: str) -> str:
    """``dialect`` if it is one of :data:`DIALECTS`; ValueError naming the valid ones otherwise.

    Example:
        >>> check_dialect("oracle")
        Traceback (most recent call last):
        ...
        ValueError: unknown dialect 'oracle'; valid dialects: postgres, mysql, sqlite, duckdb
    """
    if dialect not in DIALECTS:
        raise ValueError(f"unknown dialect {dialect!r}; valid dialects: {', '.join(DIALECTS)}")
    return dialect


def ident(name: str, dialect: str = "duckdb") -> str:
    """``name`` as a quoted identifier of ``dialect`` (quote characters doubled).

    Example:
        >>> ident("a`b", "mysql")
        '`a``b`'
    """
    if "\x00" in name:
        raise ValueError(f"identifier {name!r} contains a NUL character")
    if dialect == "mysql":
        return "`" + name.replace("`", "``") + "`"
    return '"' + name.replace('"', '""') + '"'


def literal(text: str, dialect: str = "duckdb") -> str:
    r"""``text`` as a SQL string literal (MariaDB also treats backslash as an escape: doubled there).

    Example:
        >>> print(literal(r"C:\dir", "mysql"), literal(r"C:\dir"))
        'C:\\dir' 'C:\dir'
    """
    if "\x00" in text:
        raise ValueError("a SQL string literal cannot hold a NUL character")
    if dialect == "mysql":
        text = text.replace("\\", "\\\\")
    return "'" + text.replace("'", "''") + "'"


def check_prefix(prefix: str) -> str:
    """``prefix`` if empty or lowercase letters, digits and underscores (not first a digit); else ValueError.

    Example:
        >>> check_prefix("crm_")
        'crm_'
        >>> check_prefix("x; DROP TABLE y")
        Traceback (most recent call last):
        ...
        ValueError: table prefix 'x; DROP TABLE y' must match [a-z_][a-z0-9_]* (lowercase, digits, _)
    """
    if prefix and not PREFIX_PATTERN.fullmatch(prefix):
        raise ValueError(f"table prefix {prefix!r} must match {PREFIX_PATTERN.pattern} (lowercase, digits, _)")
    return prefix


def check_schema(schema: str | None, dialect: str | None = None) -> str | None:
    """``schema`` if ``None`` or a plain name (letters, digits, ``_``); ValueError otherwise or for SQLite.

    Example:
        >>> check_schema("crm_2024")
        'crm_2024'
        >>> check_schema('crm"; DROP SCHEMA public; --')
        Traceback (most recent call last):
        ...
        ValueError: schema 'crm"; DROP SCHEMA public; --' must match [A-Za-z_][A-Za-z0-9_]* (letters, digits, _)
    """
    if schema is None:
        return None
    if dialect == "sqlite":
        raise ValueError("SQLite has no named schemas: use prefix= to keep the tables apart, or another file")
    if not schema:
        raise ValueError("schema must be a non-empty name (or None for the default schema)")
    limit = IDENTIFIER_LIMITS.get(dialect or "postgres", 63)
    if not SCHEMA_PATTERN.fullmatch(schema) or len(schema) > limit:
        raise ValueError(
            f"schema {schema!r} must match {SCHEMA_PATTERN.pattern} (letters, digits, _)"
            + (f" and be at most {limit} characters" if len(schema) > limit else "")
        )
    return schema


@dataclass(frozen=True)
class Names:
    """Quoted names of one place in a database: ``[catalog.][schema.]prefix+name``, checked on creation.

    ``catalog`` qualifies further (DuckDB: the database, whose name may equal a schema's).

    Example:
        >>> Names("mysql", prefix="crm_").table("contacts")
        '`crm_contacts`'
        >>> Names("sqlite", schema="crm")
        Traceback (most recent call last):
        ...
        ValueError: SQLite has no named schemas: use prefix= to keep the tables apart, or another file
    """

    dialect: str
    schema: str | None = None
    prefix: str = ""
    catalog: str | None = None

    def __post_init__(self) -> None:
        check_dialect(self.dialect)
        check_schema(self.schema, self.dialect)
        check_prefix(self.prefix)

    def quote(self, name: str) -> str:
        """``name`` quoted for this dialect."""
        return ident(name, self.dialect)

    def name(self, text: str) -> str:
        """``prefix + text`` quoted (a table, constraint or index name); ValueError past the dialect's limit."""
        name = self.prefix + text
        limit = IDENTIFIER_LIMITS[self.dialect]
        if len(name) > limit:
            raise ValueError(
                f"identifier {name!r} is longer than {limit} characters, "
                f"the limit of {self.dialect}: use a shorter prefix"
            )
        return self.quote(name)

    @property
    def qualifier(self) -> str:
        """``"catalog"."schema"`` (the parts that are set), or ``""``."""
        return ".".join(self.quote(part) for part in (self.catalog, self.schema) if part)

    def table(self, table: str) -> str:
        """The qualified, quoted name of ``table`` (the prefix added)."""
        name = self.name(table)
        return f"{self.qualifier}.{name}" if self.qualifier else name

    def columns(self, names: list[str] | tuple[str, ...]) -> str:
        """``"a", "b", …`` for a column list."""
        return ", ".join(self.quote(name) for name in names)
