"""Tests of salesgen.databases.ddl: the DDL of every dialect, derived from the schema registry."""

from __future__ import annotations

import re

import pytest

from salesgen.contract import TABLE_NAMES, TABLES
from salesgen.databases import DIALECTS, ddl
from salesgen.databases.ddl import CHECKS, METADATA_TABLE

FK_COUNT = sum(len(t.foreign_keys) for t in TABLES.values())


@pytest.mark.parametrize("dialect", DIALECTS)
def test_ddl_is_derived_from_the_registry(dialect: str) -> None:
    statements = ddl(dialect)
    text = "\n".join(statements)
    q = "`" if dialect == "mysql" else '"'
    for name in TABLE_NAMES:
        create = next(s for s in statements if s.startswith(f"CREATE TABLE {q}{name}{q} ("))
        lines = [line.strip() for line in create.splitlines()]
        for column in TABLES[name].columns:
            line = next(line for line in lines if line.startswith(f"{q}{column.name}{q} "))
            assert ("NOT NULL" in line) == (not column.nullable), (dialect, name, column.name)
    assert text.count("FOREIGN KEY") == FK_COUNT
    assert text.count("PRIMARY KEY") == len(TABLE_NAMES)
    indexed = 0 if dialect == "duckdb" else FK_COUNT  # DuckDB: its FKs index themselves (docs/performance.md)
    assert len(re.findall(r"(CREATE INDEX|\bKEY) \S+_idx", text)) == indexed
    assert all(f"{rule.table}_{rule.name}_check" in text for rule in CHECKS)
    for table in TABLES.values():  # every reference, sales_reps.manager_id → sales_reps.rep_id included
        for column in table.foreign_keys:
            parent, key = str(column.references).split(".")
            fk = (
                f"{q}{table.name}_{column.name}_fkey{q} FOREIGN KEY ({q}{column.name}{q}) "
                f"REFERENCES {q}{parent}{q} ({q}{key}{q})"
            )
            assert fk in text, fk
    assert METADATA_TABLE not in text


def test_ddl_names_schemas_prefixes_and_refuses_what_cannot_work() -> None:
    assert ddl("postgres", schema="crm", prefix="t_")[0].startswith('CREATE TABLE "crm"."t_products"')
    assert 'REFERENCES "crm"."t_products"' in "\n".join(ddl("postgres", schema="crm", prefix="t_"))
    with pytest.raises(ValueError, match="SQLite has no named schemas"):
        ddl("sqlite", schema="crm")
    with pytest.raises(ValueError, match="prefix"):
        ddl("postgres", prefix="Bad-Prefix")
    with pytest.raises(ValueError, match="longer than 63"):
        ddl("postgres", prefix="a_very_long_prefix_that_breaks_")
    with pytest.raises(ValueError, match="valid dialects: postgres, mysql, sqlite, duckdb"):
        ddl("oracle")
