"""The ``duckdb`` sink: a DuckDB database file with the ten tables and ``salesgen_metadata``.

Tables are created from the contract (``BIGINT``, ``DOUBLE``, ``BOOLEAN``,
``VARCHAR``, ``DECIMAL(18,2)``, ``DECIMAL(5,4)``, ``DATE``, ``TIMESTAMPTZ``,
``VARCHAR[]``; ``NOT NULL`` and ``PRIMARY KEY`` declared, column docs as
comments) and filled batch by batch through DuckDB's Arrow scan. The database
is built inside the staging directory and renamed onto ``target`` at close.
``salesgen_metadata(key, value)`` holds each top-level metadata entry as JSON
text. Foreign keys are not declared (tables arrive interleaved).

Example:
    >>> import duckdb, tempfile
    >>> from pathlib import Path
    >>> out = DuckDBSink(Path(tempfile.mkdtemp()) / "crm.duckdb").close({"seed": 5})
    >>> duckdb.connect(str(out)).sql("SELECT value FROM salesgen_metadata").fetchall()
    [('5',)]
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

import duckdb
import pyarrow as pa

from salesgen.schema import TABLE_NAMES, TABLES, Kind
from salesgen.sinks.base import StagedSink, dumps_metadata

METADATA_TABLE = "salesgen_metadata"

SQL_TYPES: dict[Kind, str] = {
    Kind.ID: "BIGINT",
    Kind.INT: "BIGINT",
    Kind.FLOAT: "DOUBLE",
    Kind.BOOL: "BOOLEAN",
    Kind.STRING: "VARCHAR",
    Kind.MONEY: "DECIMAL(18,2)",
    Kind.PERCENT: "DECIMAL(5,4)",
    Kind.DATE: "DATE",
    Kind.TIMESTAMP: "TIMESTAMPTZ",
    Kind.STRING_LIST: "VARCHAR[]",
}
_SCAN_NAME = "salesgen_arrow_batch"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def ddl(table: str) -> list[str]:
    """SQL statements creating ``table`` (with comments) in DuckDB.

    Example:
        >>> ddl("competitors")[0][:64]
        'CREATE TABLE "competitors" ("competitor_id" BIGINT PRIMARY KEY, '
    """
    spec = TABLES[table]
    columns = []
    for index, column in enumerate(spec.columns):
        constraint = " PRIMARY KEY" if index == 0 else ("" if column.nullable else " NOT NULL")
        columns.append(f"{_ident(column.name)} {SQL_TYPES[column.kind]}{constraint}")
    statements = [f"CREATE TABLE {_ident(table)} ({', '.join(columns)})",
                  f"COMMENT ON TABLE {_ident(table)} IS {_literal(spec.doc)}"]
    statements += [f"COMMENT ON COLUMN {_ident(table)}.{_ident(c.name)} IS {_literal(c.doc)}"
                   for c in spec.columns]
    return statements


class DuckDBSink(StagedSink):
    """``duckdb``: a database file at ``target``.

    Example:
        >>> import tempfile
        >>> from pathlib import Path
        >>> DuckDBSink(Path(tempfile.mkdtemp()) / "crm.duckdb").close({}).name
        'crm.duckdb'
    """

    directory: ClassVar[bool] = False

    def __init__(self, target: str | Path, *, overwrite: bool = False) -> None:
        self._connection: duckdb.DuckDBPyConnection | None = None
        super().__init__(target, overwrite=overwrite)
        try:
            self._connection = duckdb.connect(str(self._staging.artifact))
            for table in TABLE_NAMES:
                for statement in ddl(table):
                    self._con().execute(statement)
        except BaseException:
            self.abort()
            raise

    def _con(self) -> duckdb.DuckDBPyConnection:
        if self._connection is None:
            raise RuntimeError("the DuckDB connection is closed")
        return self._connection

    def _write(self, table: str, batch: pa.Table) -> None:
        con = self._con()
        con.register(_SCAN_NAME, batch)
        try:
            con.execute(f"INSERT INTO {_ident(table)} SELECT * FROM {_SCAN_NAME}")
        finally:
            con.unregister(_SCAN_NAME)

    def _finish(self, metadata: Mapping[str, Any]) -> None:
        con = self._con()
        normalized = json.loads(dumps_metadata(metadata))
        con.execute(f"CREATE TABLE {METADATA_TABLE} (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)")
        con.execute(f"COMMENT ON TABLE {METADATA_TABLE} IS "
                    f"{_literal('Run metadata: one row per top-level key, value as JSON text.')}")
        rows = [(key, json.dumps(normalized[key], sort_keys=True, ensure_ascii=False))
                for key in sorted(normalized)]
        if rows:
            con.executemany(f"INSERT INTO {METADATA_TABLE} VALUES (?, ?)", rows)
        con.execute("CHECKPOINT")

    def _release(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()
