"""Open any salesgen output as DuckDB tables or views, so the checks run over files in bounded memory.

Parquet, CSV and JSON Lines directories, the single JSON document and DuckDB
files are recognised from their layout. Each becomes ten views on an
in-memory DuckDB connection, typed by the schema registry; the config that
made the data comes from the output's manifest (defaults if there is none).

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from salesgen.config import Config
    >>> from salesgen.formats import write_dataset
    >>> out = write_dataset(Config(num_customers=5), 1, "csv", Path(tempfile.mkdtemp()) / "crm").target
    >>> source = open_source(out)
    >>> source.kind, source.con.sql("SELECT count(*) FROM customers").fetchall()
    ('csv', [(5,)])
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from salesgen.config import Config
from salesgen.databases.ddl import DIALECT_SPECS
from salesgen.schema import MANIFEST_FILE as MANIFEST_NAME
from salesgen.schema import METADATA_TABLE, TABLE_NAMES, TABLES, Kind

SQL_TYPES = DIALECT_SPECS["duckdb"].types  # DuckDB's type for each Kind (was a copy in the DuckDB sink)


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

    def close(self) -> None:
        """Close the connection and remove the scratch files."""
        self.con.close()
        if self.scratch is not None:
            self.scratch.cleanup()


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _typed_columns(table: str, text_lists: bool) -> str:
    """A DuckDB ``columns={…}`` struct for text readers (lists as VARCHAR when they are JSON text)."""
    def sql_type(kind: Kind) -> str:
        return "VARCHAR" if text_lists and kind is Kind.STRING_LIST else SQL_TYPES[kind]

    parts = [f"{_quote(c.name)}: {_quote(sql_type(c.kind))}" for c in TABLES[table].columns]
    return "{" + ", ".join(parts) + "}"


def _select_list(table: str, from_json_lists: bool) -> str:
    return ", ".join(
        f"from_json(\"{c.name}\", '[\"VARCHAR\"]') AS \"{c.name}\""
        if from_json_lists and c.kind is Kind.STRING_LIST else f'"{c.name}"'
        for c in TABLES[table].columns)


def _require(path: Path, what: str) -> Path:
    if not path.exists():
        raise SourceError(f"{what} is missing: expected {path}")
    return path


def _read_manifest(directory: Path) -> dict[str, Any]:
    manifest = directory / MANIFEST_NAME
    return dict(json.loads(manifest.read_text(encoding="utf-8"))) if manifest.is_file() else {}


def _parquet(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, Any]:
    for table in TABLE_NAMES:
        folder = _require(path / table, f"table {table!r} (a folder of Parquet parts)")
        glob = str(folder / "*.parquet")
        con.execute(f'CREATE VIEW "{table}" AS SELECT * FROM read_parquet({_quote(glob)})')
    return _read_manifest(path)


def _csv(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, Any]:
    for table in TABLE_NAMES:
        file = str(_require(path / f"{table}.csv", f"table {table!r}"))
        reader = (f"read_csv({_quote(file)}, header = true, allow_quoted_nulls = false, "
                  f"columns = {_typed_columns(table, text_lists=True)})")
        con.execute(f'CREATE TABLE "{table}" AS SELECT {_select_list(table, True)} FROM {reader}')
    return _read_manifest(path)


def _jsonl(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, Any]:
    for table in TABLE_NAMES:
        file = str(_require(path / f"{table}.jsonl", f"table {table!r}"))
        reader = (f"read_json({_quote(file)}, format = 'newline_delimited', "
                  f"columns = {_typed_columns(table, text_lists=False)})")
        con.execute(f'CREATE TABLE "{table}" AS SELECT * FROM {reader}')
    return _read_manifest(path)


def read_duckdb(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, Any]:
    con.execute(f"ATTACH {_quote(str(path))} AS source (READ_ONLY)")
    present = {row[0] for row in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'source'").fetchall()}
    for table in TABLE_NAMES:
        if table not in present:
            raise SourceError(f"table {table!r} is missing from the DuckDB file {path}")
        con.execute(f'CREATE VIEW "{table}" AS SELECT * FROM source."{table}"')
    if METADATA_TABLE not in present:
        return {}
    return {key: json.loads(value) for key, value in
            con.execute(f"SELECT key, value FROM source.{METADATA_TABLE}").fetchall()}


_TABLE_OPENING = re.compile(r'^"(?P<table>[a-z_]+)": \[(?P<empty>\])?,?$')


def split_json_document(path: Path, into: Path) -> dict[str, Any]:
    """Stream salesgen's JSON document into one JSON Lines file per table; return its metadata.

    The document puts one record per line, so this needs memory for one line, not the file.
    """
    metadata_lines: list[str] = []
    seen_table = False
    out = None
    with path.open(encoding="utf-8") as document:
        if document.readline().strip() != "{":
            raise SourceError(f"{path} is not a salesgen JSON document (expected '{{' on the first line)")
        for raw in document:
            line = raw.rstrip("\n")
            opening = _TABLE_OPENING.match(line)
            if opening:
                seen_table = True
                if out is not None:
                    out.close()
                out = (into / f"{opening['table']}.jsonl").open("w", encoding="utf-8")
                if opening["empty"]:
                    out.close()
                    out = None
            elif out is not None and line.startswith("{"):
                out.write(line.removesuffix(",") + "\n")
            elif not seen_table:
                metadata_lines.append(line)
    if out is not None:
        out.close()
    text = "\n".join(metadata_lines).strip().removeprefix('"metadata":').strip().removesuffix(",")
    return dict(json.loads(text)) if text else {}


def _json_document(con: duckdb.DuckDBPyConnection, path: Path, scratch: Path) -> dict[str, Any]:
    metadata = split_json_document(path, scratch)
    for table in TABLE_NAMES:
        (scratch / f"{table}.jsonl").touch()
    _jsonl(con, scratch)
    return metadata


def detect_kind(path: Path) -> str:
    """Which salesgen output ``path`` is: parquet, csv, jsonl, json or duckdb."""
    if path.is_dir():
        for kind, probe in (("parquet", "customers"), ("csv", "customers.csv"), ("jsonl", "customers.jsonl")):
            if (path / probe).exists():
                return kind
        raise SourceError(f"{path} is not a salesgen output: expected customers/ (Parquet), customers.csv or "
                          "customers.jsonl inside it")
    if not path.is_file():
        raise SourceError(f"{path} does not exist")
    with path.open("rb") as handle:
        head = handle.read(16)
    if head.startswith(b"{"):
        return "json"
    if head[8:12] == b"DUCK":
        return "duckdb"
    raise SourceError(f"{path} is neither a salesgen JSON document nor a DuckDB database")


TEXT_KINDS = ("csv", "jsonl", "json")
MEMORY_LIMIT = "768MB"
_READERS: dict[str, Callable[[duckdb.DuckDBPyConnection, Path], dict[str, Any]]] = {
    "parquet": _parquet, "csv": _csv, "jsonl": _jsonl, "duckdb": read_duckdb,
}


Reader = Callable[[duckdb.DuckDBPyConnection, Path], dict[str, Any]]  # (connection, scratch folder) → metadata


def opened(kind: str, where: str, read: Reader, *, on_disk: bool,
           unreadable: tuple[type[Exception], ...]) -> Source:
    """Run ``read`` on a fresh checking connection and wrap the result as a ``Source``.

    The connection works in bounded memory whatever the dataset size (DuckDB spills joins and
    aggregates to the scratch folder past the limit); ``on_disk`` also keeps the tables there.
    Errors of the ``unreadable`` kinds become a ``SourceError`` naming ``where``.
    """
    scratch = tempfile.TemporaryDirectory(prefix="salesgen-validate-")
    folder = Path(scratch.name)
    con = duckdb.connect(str(folder / "validate.duckdb") if on_disk else ":memory:")
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    con.execute(f"SET temp_directory = {_quote(str(folder / 'spill'))}")
    con.execute("SET enable_progress_bar = false")  # stdout belongs to the report (--json)
    try:
        metadata = read(con, folder)
        config, origin = config_of(metadata)
    except BaseException as error:
        con.close()
        scratch.cleanup()
        if isinstance(error, unreadable) and not isinstance(error, SourceError):
            raise SourceError(f"cannot read {where}: {error}") from error
        raise
    return Source(con, config, kind, origin, metadata, scratch)


def open_source(path: str | Path) -> Source:
    """Open a salesgen output for checking; raise ``SourceError`` when it cannot be read."""
    location = Path(path)
    kind = detect_kind(location)

    def read(con: duckdb.DuckDBPyConnection, scratch: Path) -> dict[str, Any]:
        metadata = _json_document(con, location, scratch) if kind == "json" else _READERS[kind](con, location)
        _check_columns(con, location)
        return metadata

    # Text formats are parsed once into the scratch database rather than re-parsed by each of the
    # ~80 checks; Parquet and DuckDB are read in place.
    return opened(kind, f"{location} as {kind}", read, on_disk=kind in TEXT_KINDS,
                  unreadable=(duckdb.Error, OSError, json.JSONDecodeError))


def _check_columns(con: duckdb.DuckDBPyConnection, location: Path) -> None:
    for table in TABLE_NAMES:
        present = [row[0] for row in con.execute(f'DESCRIBE "{table}"').fetchall()]
        missing = [c for c in TABLES[table].column_names if c not in present]
        if missing:
            raise SourceError(f"table {table!r} in {location} lacks column(s) {', '.join(missing)}; "
                              f"expected {', '.join(TABLES[table].column_names)}")


def config_of(metadata: dict[str, Any]) -> tuple[Config, str]:
    if isinstance(metadata.get("config"), dict):
        return Config.model_validate(metadata["config"]), "the dataset's manifest"
    return Config(), "defaults (no manifest found)"
