"""DDL for the four database dialects, derived from the contract registry (``salesgen.contract``).

Nothing here spells out a table or a column: types come from each column's
``Kind``, NOT NULL from its nullability, the primary key from the first column,
foreign keys from ``references``, comments from the docs. The only hand-written
part is the list of CHECK rules below, written once for every dialect.

Type mapping (``Kind`` → PostgreSQL / MariaDB / SQLite / DuckDB):

* id, int: ``BIGINT`` (SQLite ``INTEGER``: an integer primary key is the rowid);
* float: ``DOUBLE PRECISION`` / ``DOUBLE`` / ``REAL`` / ``DOUBLE``;
* money: ``NUMERIC(18,2)`` / ``DECIMAL(18,2)`` / ``INTEGER`` cents / ``DECIMAL(18,2)`` (SQLite has no
  decimal storage: integer cents keep sums exact, ``sum(amount) / 100.0``);
* percent: ``NUMERIC(5,4)`` / ``DECIMAL(5,4)`` (SQLite: a ``REAL`` number, exact to its four decimals);
* timestamp: ``TIMESTAMPTZ`` / ``DATETIME(6)`` holding UTC / ``TEXT`` ``YYYY-MM-DDTHH:MM:SSZ`` / ``TIMESTAMPTZ``;
* date: ``DATE`` (SQLite text ``YYYY-MM-DD``); bool: ``BOOLEAN`` (0/1 in MariaDB and SQLite);
* list: ``TEXT[]`` / ``JSON`` array / JSON array text / ``VARCHAR[]``.

Example:
    >>> statements = ddl("postgres", schema="crm")
    >>> statements[0].splitlines()[0]
    'CREATE TABLE "crm"."products" ('
    >>> sum("FOREIGN KEY" in s for s in statements)
    15
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from salesgen.contract import METADATA_TABLE, TABLE_NAMES, TABLES, Column, Kind, Table
from salesgen.databases.params import KEY_COLLATION, table_collation
from salesgen.databases.sql import TYPES, Names, check_dialect, check_prefix, ident, literal

__all__ = [
    "CHECKS",
    "DIALECT_SPECS",
    "METADATA",
    "METADATA_TABLE",
    "Check",
    "Dialect",
    "Plan",
    "check_prefix",
    "ddl",
    "dialect_spec",
    "plan",
]

METADATA = Table(
    METADATA_TABLE,
    0,
    "Run metadata of the loaded dataset: one row per top-level key, value as JSON.",
    (
        Column("key", Kind.STRING, "Manifest key: seed, config, as_of, row_counts, salesgen_version…"),
        Column("value", Kind.STRING, "The value as JSON text."),
    ),
)
"""The 11th table the loader writes next to the ten: what ``salesgen validate`` needs (as_of, config)."""


@dataclass(frozen=True)
class Check:
    """A CHECK rule: ``template`` names columns as ``{column}``; ``name`` suffixes the constraint name."""

    table: str
    name: str
    template: str


def _rules() -> tuple[Check, ...]:
    by_kind = [
        Check(t.name, c.name, f"{{{c.name}}} >= 0") for t in TABLES.values() for c in t.columns if c.kind is Kind.MONEY
    ]
    by_kind += [
        Check(t.name, c.name, f"{{{c.name}}} BETWEEN 0 AND 1")
        for t in TABLES.values()
        for c in t.columns
        if c.kind is Kind.PERCENT
    ]
    return (
        *by_kind,
        Check("discount_tiers", "min_quantity", "{min_quantity} >= 1"),
        Check("discount_tiers", "max_quantity", "{max_quantity} >= {min_quantity}"),
        Check("sales_reps", "win_rate", "{win_rate} BETWEEN 0 AND 1"),
        Check("sales_reps", "quota_attainment", "{quota_attainment} >= 0"),
        Check("sales_reps", "avg_sales_cycle_days", "{avg_sales_cycle_days} >= 0"),
        Check("sales_reps", "deals", "{deals_won} >= 0 AND {deals_lost} >= 0"),
        Check("customers", "employees", "{employees} >= 1"),
        Check("opportunities", "probability", "{probability} BETWEEN 0 AND 100"),
        Check("opportunities", "expected_revenue_le_amount", "{expected_revenue} <= {amount}"),
        Check("opportunities", "won_is_closed", "NOT {is_won} OR {is_closed}"),
        Check("opportunities", "closed_at", "{closed_at} >= {created_at}"),
        Check("opportunity_line_items", "quantity", "{quantity} >= 1"),
        Check("opportunity_stage_history", "exited_at", "{exited_at} >= {entered_at}"),
        Check("interactions", "sentiment_score", "{sentiment_score} BETWEEN -1 AND 1"),
        Check("interactions", "duration_minutes", "{duration_minutes} >= 0"),
    )


CHECKS: tuple[Check, ...] = _rules()
"""The CHECK rules of the contract, in every dialect (NULL passes a CHECK, as SQL says)."""


@dataclass(frozen=True)
class Dialect:
    """How one database spells the contract; see the module docs for the type mapping."""

    name: str
    keys_after_load: bool = False  # PRIMARY and FOREIGN KEYs added once the data is in (PostgreSQL)
    inline_indexes: bool = False  # MariaDB: indexes declared in CREATE TABLE (its FKs need them at once)
    fk_indexes: bool = True  # an index on every foreign key column; not in DuckDB (see DIALECT_SPECS)
    comment_statements: bool = True  # COMMENT ON …; MariaDB has inline COMMENT clauses, SQLite none
    fk_suffix: str = ""
    table_suffix: str = ""  # ``{collation}``: the text columns' collation (MariaDB)
    key_string_type: str = "TEXT"
    type_checks: Callable[[Column, str], list[str]] = field(default=lambda column, ref: [])
    time_ref: Callable[[str], str] = field(default=lambda ref: ref)

    @property
    def types(self) -> Mapping[Kind, str]:
        return TYPES[self.name]

    def quote(self, name: str) -> str:
        return ident(name, self.name)

    def ref(self, column: Column) -> str:
        """The expression a CHECK uses for ``column``."""
        quoted = self.quote(column.name)
        return self.time_ref(quoted) if column.kind is Kind.TIMESTAMP else quoted


def _sqlite_type_checks(column: Column, ref: str) -> list[str]:
    if column.kind is Kind.MONEY:  # integer cents: a REAL would bring back the rounding drift
        return [f"typeof({ref}) IN ('integer', 'null')"]
    if column.kind is Kind.BOOL:
        return [f"{ref} IN (0, 1)"]
    if column.kind is Kind.DATE:
        return [f"date({ref}) IS {ref}"]
    if column.kind is Kind.TIMESTAMP:
        return [f"{ref} IS NULL OR ({ref} LIKE '____-__-__T__:__:__%Z' AND julianday({ref}) IS NOT NULL)"]
    if column.kind is Kind.STRING_LIST:
        return [f"json_valid({ref}) AND json_type({ref}) = 'array'"]
    return []


def _mysql_type_checks(column: Column, ref: str) -> list[str]:
    if column.kind is Kind.BOOL:
        return [f"{ref} IN (0, 1)"]
    if column.kind is Kind.STRING_LIST:
        return [f"JSON_TYPE({ref}) = 'ARRAY'"]  # JSON already adds JSON_VALID
    return []


DIALECT_SPECS: dict[str, Dialect] = {
    "postgres": Dialect("postgres", keys_after_load=True),
    "mysql": Dialect(
        "mysql",
        inline_indexes=True,
        comment_statements=False,
        table_suffix=" ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE={collation}",
        key_string_type=f"VARCHAR(255) COLLATE {KEY_COLLATION}",
        type_checks=_mysql_type_checks,
    ),
    "sqlite": Dialect(
        "sqlite",
        comment_statements=False,
        fk_suffix=" DEFERRABLE INITIALLY DEFERRED",
        type_checks=_sqlite_type_checks,
        time_ref=lambda ref: f"julianday({ref})",
    ),
    # DuckDB: no explicit foreign key indexes. A FOREIGN KEY already keeps its own ART index on the
    # column, persisted and used by lookups (10M rows: 0.9 ms with the FK alone, 0.7 with both, 10 ms
    # with neither); a second one cost 8-14% of the load's CPU and 65 MB of file at 100k customers.
    "duckdb": Dialect("duckdb", fk_indexes=False),
}


@dataclass(frozen=True)
class Plan:
    """The statements of a load, by phase: ``create`` before the data, ``keys`` and ``indexes`` after it."""

    dialect: str
    tables: dict[str, str]  # contract name → qualified, quoted name in the database
    create: list[str]
    keys: list[str]
    indexes: list[str]

    @property
    def statements(self) -> list[str]:
        return [*self.create, *self.keys, *self.indexes]


def dialect_spec(dialect: str) -> Dialect:
    """The :class:`Dialect` named ``dialect``; ValueError naming the valid ones otherwise."""
    return DIALECT_SPECS[check_dialect(dialect)]


class _Builder:
    def __init__(
        self, spec: Dialect, schema: str | None, prefix: str, catalog: str | None = None, collation: str | None = None
    ) -> None:
        self.spec = spec
        self.collation = table_collation({} if collation is None else {"collation": collation})
        self.names = Names(spec.name, schema, prefix, catalog)  # validates schema and prefix
        self.name, self.table = self.names.name, self.names.table

    def column_type(self, table: Table, column: Column) -> str:
        if column is table.columns[0] and column.kind is Kind.STRING:
            return self.spec.key_string_type
        return self.spec.types[column.kind]

    def foreign_key(self, table: Table, column: Column) -> str:
        assert column.references is not None
        parent, parent_column = column.references.split(".")
        q = self.spec.quote
        return (
            f"CONSTRAINT {self.name(f'{table.name}_{column.name}_fkey')} FOREIGN KEY ({q(column.name)}) "
            f"REFERENCES {self.table(parent)} ({q(parent_column)}){self.spec.fk_suffix}"
        )

    def primary_key(self, table: Table) -> str:
        return f"CONSTRAINT {self.name(table.name + '_pkey')} PRIMARY KEY ({self.spec.quote(table.primary_key)})"

    def checks(self, table: Table) -> list[str]:
        refs = {column.name: self.spec.ref(column) for column in table.columns}
        out = [
            f"CONSTRAINT {self.name(f'{table.name}_{rule.name}_check')} CHECK ({rule.template.format(**refs)})"
            for rule in CHECKS
            if rule.table == table.name
        ]
        for column in table.columns:
            for index, expression in enumerate(self.spec.type_checks(column, self.spec.quote(column.name))):
                suffix = "" if index == 0 else str(index)
                out.append(f"CONSTRAINT {self.name(f'{table.name}_{column.name}_type{suffix}')} CHECK ({expression})")
        return out

    def index(self, table: Table, column: Column) -> tuple[str, str]:
        name = self.name(f"{table.name}_{column.name}_idx")
        return name, self.spec.quote(column.name)

    def create(self, table: Table) -> list[str]:
        spec, q = self.spec, self.spec.quote
        lines = []
        for column in table.columns:
            comment = f" COMMENT {literal(column.doc, spec.name)}" if spec.name == "mysql" else ""
            null = "" if column.nullable else " NOT NULL"
            lines.append(f"{q(column.name)} {self.column_type(table, column)}{null}{comment}")
        if not spec.keys_after_load:
            lines.append(self.primary_key(table))
        if spec.inline_indexes:
            lines += [f"KEY {name} ({col})" for name, col in (self.index(table, c) for c in table.foreign_keys)]
        if not spec.keys_after_load:
            lines += [self.foreign_key(table, column) for column in table.foreign_keys]
        lines += self.checks(table)
        suffix = spec.table_suffix.format(collation=self.collation)
        suffix += f" COMMENT={literal(table.doc, spec.name)}" if spec.name == "mysql" else ""
        body = ",\n".join("  " + line for line in lines)
        statements = [f"CREATE TABLE {self.table(table.name)} (\n{body}\n){suffix}"]
        if spec.comment_statements:
            statements.append(f"COMMENT ON TABLE {self.table(table.name)} IS {literal(table.doc)}")
            statements += [
                f"COMMENT ON COLUMN {self.table(table.name)}.{q(c.name)} IS {literal(c.doc)}" for c in table.columns
            ]
        return statements


def plan(
    dialect: str,
    *,
    schema: str | None = None,
    prefix: str = "",
    metadata: bool = False,
    catalog: str | None = None,
    collation: str | None = None,
) -> Plan:
    """The DDL of ``dialect`` by load phase; ``metadata`` adds the ``salesgen_metadata`` table.

    ``catalog`` qualifies names further (DuckDB: the database, whose name may equal a schema's).
    ``collation``: MariaDB's text collation (default ``utf8mb4_unicode_ci``, case-insensitive; text keys stay
    ``utf8mb4_bin``).

    Example:
        >>> p = plan("sqlite", prefix="crm_")
        >>> p.tables["contacts"], len(p.keys), len(p.indexes)
        ('"crm_contacts"', 0, 15)
        >>> len(plan("duckdb").indexes)
        0
    """
    spec = dialect_spec(dialect)
    builder = _Builder(spec, schema, prefix, catalog, collation)
    specs = [TABLES[name] for name in TABLE_NAMES] + ([METADATA] if metadata else [])
    create = [statement for table in specs for statement in builder.create(table)]
    keys: list[str] = []
    if spec.keys_after_load:
        keys = [f"ALTER TABLE {builder.table(t.name)} ADD {builder.primary_key(t)}" for t in specs]
        keys += [
            f"ALTER TABLE {builder.table(t.name)} ADD {builder.foreign_key(t, c)}"
            for t in specs
            for c in t.foreign_keys
        ]
    indexes = (
        []
        if spec.inline_indexes or not spec.fk_indexes
        else [
            f"CREATE INDEX {name} ON {builder.table(t.name)} ({col})"
            for t in specs
            for name, col in (builder.index(t, c) for c in t.foreign_keys)
        ]
    )
    return Plan(dialect, {t.name: builder.table(t.name) for t in specs}, create, keys, indexes)


def ddl(dialect: str, *, schema: str | None = None, prefix: str = "") -> list[str]:
    """The SQL creating the ten tables in ``dialect``, in the order a load runs it.

    ``dialect`` is one of ``postgres``, ``mysql`` (MariaDB and MySQL), ``sqlite``,
    ``duckdb``. Tables with their columns, NOT NULL and CHECK constraints come
    first (PostgreSQL and DuckDB: then their comments); PostgreSQL adds primary
    and foreign keys after the data (``ALTER TABLE``), the others declare them in
    ``CREATE TABLE``; indexes on every foreign key column come last (inline in
    MariaDB). ``schema`` qualifies every name (a PostgreSQL or DuckDB schema, a
    MariaDB database; SQLite has none: ValueError); ``prefix`` starts every table,
    constraint and index name.

    Example:
        >>> print(ddl("mysql", prefix="crm_")[2].splitlines()[0])
        CREATE TABLE `crm_competitors` (
        >>> ddl("postgres")[-1]
        'CREATE INDEX "interactions_rep_id_idx" ON "interactions" ("rep_id")'
    """
    return plan(dialect, schema=schema, prefix=prefix).statements
