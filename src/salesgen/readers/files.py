"""Salesgen's file outputs into the reader: Parquet, CSV and JSON Lines folders, the JSON document, DuckDB files.

Each output is recognised from its layout and becomes the ten tables on the
reader's DuckDB connection, typed by the contract registry; the config that made
the data comes from the output's manifest (defaults if there is none). Text
formats are parsed once into the scratch database rather than re-parsed by each
of the ~80 checks; Parquet and DuckDB are read in place.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from salesgen.config import Config
    >>> from salesgen.formats import write_dataset
    >>> folder = Path(tempfile.mkdtemp())
    >>> jsonl = write_dataset(Config(num_customers=4), 2, "jsonl", folder / "crm").target
    >>> with open_file(jsonl) as source:
    ...     source.kind, source.con.sql("SELECT count(*) FROM contacts WHERE email LIKE '%@%'").fetchall()[0][0] > 0
    ('jsonl', True)
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import duckdb

from salesgen.contract import MANIFEST_FILE, METADATA_TABLE, TABLE_NAMES, TABLES, Kind
from salesgen.databases.sql import TYPES, Names, ident, literal
from salesgen.readers.source import Reader, Source, SourceError, opened, tables_in

SQL_TYPES = TYPES["duckdb"]


def _typed_columns(table: str, text_lists: bool) -> str:
    """A DuckDB ``columns={…}`` struct for text readers (lists as VARCHAR when they are JSON text)."""

    def sql_type(kind: Kind) -> str:
        return "VARCHAR" if text_lists and kind is Kind.STRING_LIST else SQL_TYPES[kind]

    parts = [f"{literal(c.name)}: {literal(sql_type(c.kind))}" for c in TABLES[table].columns]
    return "{" + ", ".join(parts) + "}"


def _select_list(table: str, from_json_lists: bool) -> str:
    return ", ".join(
        f"from_json({ident(c.name)}, '[\"VARCHAR\"]') AS {ident(c.name)}"
        if from_json_lists and c.kind is Kind.STRING_LIST
        else ident(c.name)
        for c in TABLES[table].columns
    )


def _require(path: Path, what: str) -> Path:
    if not path.exists():
        raise SourceError(f"{what} is missing: expected {path}")
    return path


MAX_MANIFEST_BYTES = 64 << 20  # a manifest lists one entry per part: megabytes at most


def _read_manifest(directory: Path) -> dict[str, Any]:
    manifest = directory / MANIFEST_FILE
    if not manifest.is_file():
        return {}
    if manifest.stat().st_size > MAX_MANIFEST_BYTES:
        raise SourceError(f"{manifest} is larger than {MAX_MANIFEST_BYTES >> 20} MiB: not a salesgen manifest")
    try:
        loaded = json.loads(manifest.read_text(encoding="utf-8"))
    except (ValueError, RecursionError) as error:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise SourceError(f"{manifest} is not valid JSON ({error}); regenerate the dataset or remove it") from error
    if not isinstance(loaded, dict):
        raise SourceError(
            f"{manifest} holds a JSON {type(loaded).__name__}, expected an object; regenerate the dataset or remove it"
        )
    return loaded


def _check_parquet_files(folder: Path) -> None:
    """SourceError naming the first part that is not a Parquet file (DuckDB's message names none)."""
    for part in sorted(folder.glob("*.parquet")):
        with part.open("rb") as handle:
            head = handle.read(4)
            handle.seek(max(part.stat().st_size - 4, 0))
            tail = handle.read(4)
        if head != b"PAR1" or tail != b"PAR1":
            raise SourceError(f"{part} is not a Parquet file (no PAR1 magic bytes); regenerate the dataset")


def _check_csv_header(file: Path, table: str) -> None:
    """SourceError naming the columns the header of ``file`` lacks (rather than DuckDB's sniffer dump)."""
    with file.open(encoding="utf-8", errors="replace", newline="") as handle:
        header = next(csv.reader([handle.readline(1 << 20)]), [])
    missing = [name for name in TABLES[table].column_names if name not in header]
    if missing:
        raise SourceError(
            f"{file} lacks column(s) {', '.join(missing)} in its header; expected "
            f"{', '.join(TABLES[table].column_names)}"
        )


def _parquet(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, Any]:
    manifest = _read_manifest(path)
    for table in tables_in(manifest):
        folder = _require(path / table, f"table {table!r} (a folder of Parquet parts)")
        _check_parquet_files(folder)
        glob = str(folder / "*.parquet")
        con.execute(f"CREATE VIEW {ident(table)} AS SELECT * FROM read_parquet({literal(glob)})")
    return manifest


def _text(con: duckdb.DuckDBPyConnection, path: Path, suffix: str, tables: tuple[str, ...]) -> None:
    """CSV or JSON Lines files of ``tables`` into scratch tables, typed by the contract (CSV lists are JSON text)."""
    is_csv = suffix == "csv"
    for table in tables:
        found = _require(path / f"{table}.{suffix}", f"table {table!r}")
        if is_csv:
            _check_csv_header(found, table)
        file = literal(str(found))
        columns = _typed_columns(table, text_lists=is_csv)
        reader = (
            f"read_csv({file}, header = true, allow_quoted_nulls = false, columns = {columns})"
            if is_csv
            else f"read_json({file}, format = 'newline_delimited', columns = {columns})"
        )
        con.execute(f"CREATE TABLE {ident(table)} AS SELECT {_select_list(table, is_csv)} FROM {reader}")


def _csv(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, Any]:
    manifest = _read_manifest(path)
    _text(con, path, "csv", tables_in(manifest))
    return manifest


def _jsonl(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, Any]:
    manifest = _read_manifest(path)
    _text(con, path, "jsonl", tables_in(manifest))
    return manifest


def read_duckdb(
    con: duckdb.DuckDBPyConnection, path: Path, *, schema: str | None = None, prefix: str = ""
) -> dict[str, Any]:
    """Attach the DuckDB file at ``path`` read-only and view its ten tables (in ``schema``, with ``prefix``)."""
    names = Names("duckdb", schema, prefix, catalog="source")  # checked before anything runs
    con.execute(f"ATTACH {literal(str(path))} AS source (READ_ONLY)")
    present = {
        row[0]
        for row in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'source' "
            "AND table_schema = COALESCE(?, 'main')",
            [schema],
        ).fetchall()
    }
    for table in TABLE_NAMES:
        if prefix + table not in present:
            raise SourceError(f"table {prefix + table!r} is missing from the DuckDB file {path}")
        con.execute(f"CREATE VIEW {ident(table)} AS SELECT * FROM {names.table(table)}")
    if prefix + METADATA_TABLE not in present:
        return {}
    return {
        key: json.loads(value)
        for key, value in con.execute(f"SELECT key, value FROM {names.table(METADATA_TABLE)}").fetchall()
    }


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
    for table in tables_in(metadata):
        (scratch / f"{table}.jsonl").touch()
    _text(con, scratch, "jsonl", tables_in(metadata))
    return metadata


def detect_kind(path: Path) -> str:
    """Which salesgen output ``path`` is: parquet, csv, jsonl, json or duckdb."""
    if path.is_dir():
        for kind, suffix in (("parquet", ""), ("csv", ".csv"), ("jsonl", ".jsonl")):  # any table: a subset too
            if any((path / (table + suffix)).exists() for table in ("customers", *TABLE_NAMES)):
                return kind
        raise SourceError(
            f"{path} is not a salesgen output: expected customers/ (Parquet), customers.csv or "
            "customers.jsonl inside it"
        )
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
_READERS: dict[str, Reader] = {"parquet": _parquet, "csv": _csv, "jsonl": _jsonl, "duckdb": read_duckdb}


def open_file(path: str | Path) -> Source:
    """Open a salesgen file output for reading or checking; ``SourceError`` when it cannot be read."""
    location = Path(path)
    kind = detect_kind(location)

    def read(con: duckdb.DuckDBPyConnection, scratch: Path) -> dict[str, Any]:
        return _json_document(con, location, scratch) if kind == "json" else _READERS[kind](con, location)

    return opened(
        kind,
        f"{location} as {kind}",
        read,
        on_disk=kind in TEXT_KINDS,
        unreadable=(duckdb.Error, OSError, json.JSONDecodeError),
    )
