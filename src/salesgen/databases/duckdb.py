"""DuckDB: one transaction, ``INSERT … SELECT … FROM read_parquet(part)`` per part, indexes at the end.

DuckDB's DDL is transactional: schema, drops (``replace``), tables with their
primary keys, foreign keys and CHECKs, the data and the indexes on foreign key
columns commit together or not at all; a database file the load created is
removed on failure. DuckDB checks foreign keys row by row, so a table that
references itself (``sales_reps.manager_id``) is inserted managers first.

Example:
    >>> from salesgen.databases import load_parquet_dataset
    >>> load_parquet_dataset("crm/", "duckdb:///crm.duckdb")  # doctest: +SKIP
    {'products': 40, ...}
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import duckdb

from salesgen.databases.ddl import METADATA_TABLE, plan
from salesgen.databases.loader import LOADED_TABLES, LoadOptions, LoadResult, TablesExistError, Target
from salesgen.databases.source import ParquetDataset, self_reference
from salesgen.schema import TABLE_NAMES, TABLES

_SCAN = "salesgen_load_scan"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def existing_tables(connection: duckdb.DuckDBPyConnection, schema: str | None, names: list[str]) -> list[str]:
    rows = connection.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_catalog = current_database() AND table_schema = COALESCE(?, current_schema())",
        [schema]).fetchall()
    found = {str(row[0]) for row in rows}
    return [name for name in names if name in found]


def find_tables(target: Target, schema: str | None, names: list[str]) -> list[str]:
    """Which of ``names`` exist in the DuckDB file of ``target`` (none if there is no file)."""
    assert target.path is not None
    if not target.path.exists():
        return []
    connection = duckdb.connect(str(target.path), read_only=True)
    try:
        return existing_tables(connection, schema, names)
    finally:
        connection.close()


def load(target: Target, dataset: ParquetDataset, options: LoadOptions) -> LoadResult:
    """Load ``dataset`` into the DuckDB file of ``target`` in one transaction."""
    assert target.path is not None
    path = target.path
    result = LoadResult()
    names = [options.prefix + name for name in LOADED_TABLES]
    created_file = not path.exists()
    if created_file and not path.parent.is_dir():
        raise FileNotFoundError(f"{target.display}: folder {path.parent} does not exist")
    connection = duckdb.connect(str(path))
    committed = False
    try:
        with result.phase("prepare"):
            connection.execute("BEGIN TRANSACTION")
            catalog = str(_one(connection.execute("SELECT current_database()")))
            ddl = plan("duckdb", schema=options.schema, prefix=options.prefix, metadata=True, catalog=catalog)
            if options.schema is not None:
                connection.execute(f"CREATE SCHEMA IF NOT EXISTS {_q(catalog)}.{_q(options.schema)}")
            existing = existing_tables(connection, options.schema, names)
            if existing and options.if_exists == "fail":
                raise TablesExistError(target.display + (f" schema {options.schema}" if options.schema else ""),
                                       existing)
            by_name = dict(zip(names, ddl.tables.values(), strict=True))
            for name in reversed(existing):   # children before parents
                connection.execute(f"DROP TABLE {by_name[name]}")
            for statement in ddl.create:
                connection.execute(statement)
        with result.phase("data"):
            for table in TABLE_NAMES:
                columns = ", ".join(_q(c) for c in TABLES[table].column_names)
                insert = f"INSERT INTO {ddl.tables[table]} ({columns}) SELECT {columns} FROM "
                loaded = 0
                if self_reference(table):
                    for level in dataset.levels(table):   # parents in an earlier statement than their children
                        connection.register(_SCAN, level)
                        try:
                            loaded += int(_one(connection.execute(insert + _SCAN)))
                        finally:
                            with contextlib.suppress(duckdb.Error):
                                connection.unregister(_SCAN)
                        options.report(table, loaded)
                else:
                    dataset.check_parts(table)
                    for part in dataset.files[table]:
                        loaded += int(_one(connection.execute(insert + f"read_parquet({_literal(str(part))})")))
                        options.report(table, loaded)
                result.rows[table] = loaded
            result.verify(dataset, target.display)
            connection.executemany(f"INSERT INTO {ddl.tables[METADATA_TABLE]} (key, value) VALUES (?, ?)",
                                   dataset.metadata_rows())
        with result.phase("indexes"):
            for statement in ddl.indexes:
                connection.execute(statement)
        with result.phase("commit"):
            connection.execute("COMMIT")
            committed = True
    except (duckdb.InterruptException, RuntimeError) as error:   # DuckDB turns Ctrl-C into "Query interrupted"
        if isinstance(error, duckdb.InterruptException) or str(error) == "Query interrupted":
            raise KeyboardInterrupt(f"load interrupted: {error}") from error
        raise
    finally:
        if not committed:
            with contextlib.suppress(duckdb.Error):
                connection.execute("ROLLBACK")
        connection.close()
        if not committed and created_file:
            for leftover in (path, Path(str(path) + ".wal")):
                leftover.unlink(missing_ok=True)
    return result


def _one(cursor: duckdb.DuckDBPyConnection) -> Any:
    row = cursor.fetchone()
    return row[0] if row else 0
