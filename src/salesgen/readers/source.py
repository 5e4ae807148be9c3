"""An opened dataset: the ten tables on a private DuckDB connection in bounded memory, and its manifest.

Both faces of the reader come from here: the checks run SQL over
``Source.con`` (views or scratch tables, spilled to disk past the memory
limit), and :meth:`Source.arrow` gives a table with exactly the contract's
Arrow types (``salesgen.contract.arrow_schema``).

Example:
    >>> from salesgen.contract import TABLE_NAMES, arrow_schema
    >>> def empty(con, scratch):
    ...     for name in TABLE_NAMES:
    ...         con.register(name, arrow_schema(name).empty_table())
    ...     return {"seed": 3}
    >>> source = opened("arrow", "empty tables", empty, on_disk=False, unreadable=())
    >>> source.metadata, source.arrow("customers").schema == arrow_schema("customers")
    ({'seed': 3}, True)
    >>> source.close()
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
from pydantic import ValidationError

from salesgen.config import Config
from salesgen.config.migrate import upgrade
from salesgen.contract import TABLE_NAMES, TABLES, arrow_schema
from salesgen.databases.scratch import scratch_directory
from salesgen.databases.sql import ident, literal
from salesgen.version import __version__

MEMORY_LIMIT = "768MB"

Reader = Callable[[duckdb.DuckDBPyConnection, Path], dict[str, Any]]
"""Creates the ten tables or views on the connection (given a scratch folder); returns the manifest."""


class SourceError(ValueError):
    """The input cannot be read as a salesgen dataset (what is missing, and what was expected)."""


@dataclass
class Source:
    """An opened dataset: a connection with the ten tables as views, and the config that made it."""

    con: duckdb.DuckDBPyConnection
    config: Config
    kind: str
    config_origin: str
    metadata: dict[str, Any] = field(default_factory=dict)
    scratch: tempfile.TemporaryDirectory[str] | None = None
    present: tuple[str, ...] = TABLE_NAMES  # the tables the dataset holds: all ten, or a subset (--tables)

    def arrow(self, table: str) -> pa.Table:
        """``table`` as Arrow with exactly ``arrow_schema(table)`` (decimal money, UTC timestamps, lists)."""
        schema = arrow_schema(table)
        columns = ", ".join(ident(name) for name in schema.names)
        relation = self.con.sql(f"SELECT {columns} FROM {ident(table)}")
        # DuckDB 1.4 renamed fetch_arrow_table (deprecated since) to to_arrow_table; we accept duckdb>=1.1.
        fetch = getattr(relation, "to_arrow_table", None) or relation.fetch_arrow_table
        data: pa.Table = fetch()
        return pa.Table.from_arrays([data.column(i).cast(f.type) for i, f in enumerate(schema)], schema=schema)

    def tables(self) -> dict[str, pa.Table]:
        """Every table the dataset holds (the ten, or its subset), by :meth:`arrow`."""
        return {name: self.arrow(name) for name in self.present}

    def require_all(self, purpose: str) -> None:
        """SourceError when the dataset holds only some tables (written with ``--tables``): ``purpose`` needs ten."""
        if self.present != TABLE_NAMES:
            missing = [name for name in TABLE_NAMES if name not in self.present]
            raise SourceError(
                f"{self.kind} dataset holds only the tables {', '.join(self.present)} (written with --tables); "
                f"{purpose} needs all ten (missing {', '.join(missing)}): generate it without --tables"
            )

    def close(self) -> None:
        """Close the connection and remove the scratch files."""
        self.con.close()
        if self.scratch is not None:
            self.scratch.cleanup()

    def __enter__(self) -> Source:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def opened(kind: str, where: str, read: Reader, *, on_disk: bool, unreadable: tuple[type[Exception], ...]) -> Source:
    """Run ``read`` on a fresh checking connection and wrap the result as a ``Source``.

    The connection works in bounded memory whatever the dataset size (DuckDB spills joins and
    aggregates to the scratch folder past the limit); ``on_disk`` also keeps the tables there.
    Errors of the ``unreadable`` kinds become a ``SourceError`` naming ``where``.
    """
    scratch = scratch_directory("validate")
    folder = Path(scratch.name)
    con = duckdb.connect(str(folder / "validate.duckdb") if on_disk else ":memory:")
    con.execute(f"SET memory_limit = {literal(MEMORY_LIMIT)}")
    con.execute(f"SET temp_directory = {literal(str(folder / 'spill'))}")
    con.execute("SET enable_progress_bar = false")  # stdout belongs to the report (--json)
    con.execute("SET TimeZone = 'UTC'")  # naive UTC datetimes (MariaDB) cast as UTC; Arrow timestamps in UTC
    try:
        metadata = read(con, folder)
        present = tables_in(metadata)
        check_columns(con, where, present)
        config, origin = config_of(metadata)
    except BaseException as error:
        con.close()
        scratch.cleanup()
        if isinstance(error, unreadable) and not isinstance(error, SourceError):
            raise SourceError(f"cannot read {where}: {error}") from error
        raise
    return Source(con, config, kind, origin, metadata, scratch, present)


def tables_in(metadata: dict[str, Any]) -> tuple[str, ...]:
    """The tables a dataset holds: those its manifest counts rows of (a subset written with ``--tables``),
    else all ten.

    Example:
        >>> tables_in({"row_counts": {"customers": 3, "products": 2}}), len(tables_in({}))
        (('products', 'customers'), 10)
    """
    counts = metadata.get("row_counts")
    if not isinstance(counts, dict) or not counts:
        return TABLE_NAMES
    return tuple(name for name in TABLE_NAMES if name in counts)


def check_columns(con: duckdb.DuckDBPyConnection, where: str, tables: tuple[str, ...] = TABLE_NAMES) -> None:
    """SourceError naming the table and the columns it lacks."""
    for table in tables:
        present = [row[0] for row in con.execute(f"DESCRIBE {ident(table)}").fetchall()]
        missing = [c for c in TABLES[table].column_names if c not in present]
        if missing:
            raise SourceError(
                f"table {table!r} in {where} lacks column(s) {', '.join(missing)}; "
                f"expected {', '.join(TABLES[table].column_names)}"
            )


def config_of(metadata: dict[str, Any]) -> tuple[Config, str]:
    """The config recorded in the manifest, or the defaults (and where it came from).

    SourceError naming the fields when the recorded config does not validate (e.g. written by a newer salesgen).

    Example:
        >>> try:
        ...     config_of({"config": {"num_customers": -1}, "salesgen_version": "9.0"})
        ... except SourceError as error:
        ...     print("num_customers" in str(error), "salesgen 9.0" in str(error))
        True True
    """
    recorded = metadata.get("config")
    if recorded is None:
        return Config(), "defaults (no manifest found)"
    if not isinstance(recorded, dict):
        raise SourceError(f"the manifest's config is a JSON {type(recorded).__name__}, expected an object")
    try:
        return Config.model_validate(upgrade(recorded)), "the dataset's manifest"  # also pre-split ones
    except ValidationError as error:
        fields = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'config'}: {e['msg'].removeprefix('Value error, ')}"
            for e in error.errors()[:5]
        )
        raise SourceError(
            f"the manifest's config (salesgen {metadata.get('salesgen_version', '?')}) is not valid for salesgen "
            f"{__version__}: {fields}; use the salesgen version that wrote it"
        ) from error
