"""Tests of salesgen.formats.text: csv, jsonl and the json document, byte for byte (golden files) and round trips.

Regenerate the golden files (then inspect the diff by eye) with:
    SALESGEN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/formats/test_text.py -k golden
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from salesgen.contract import TABLE_NAMES, TABLES, Kind
from salesgen.formats.manifest import dataset_hash
from tests.formats.outputs import METADATA, digests, write_all
from tests.samples import dataset

GOLDEN = Path(__file__).parents[1] / "golden"
UPDATE_GOLDEN = os.environ.get("SALESGEN_UPDATE_GOLDEN") == "1"


def _files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if not p.name.startswith("."))


def _without_hash(manifest: bytes) -> bytes:
    """The manifest minus its ``dataset_hash`` line (the golden manifests predate it; the hash is checked apart)."""
    return b"".join(line for line in manifest.splitlines(keepends=True) if not line.startswith(b'  "dataset_hash"'))


def _check_golden(produced: Path, golden: Path) -> None:
    """Compare bytes with the frozen golden file or directory (``tests/golden/.gitattributes``: -text)."""

    def content(path: Path) -> bytes:
        return _without_hash(path.read_bytes()) if path.name == "manifest.json" else path.read_bytes()

    if UPDATE_GOLDEN:
        if produced.is_dir():
            golden.mkdir(exist_ok=True)
            for name in _files(golden):
                (golden / name).unlink()
            for name in _files(produced):
                (golden / name).write_bytes(content(produced / name))
        else:
            shutil.copyfile(produced, golden)
    if produced.is_dir():
        assert _files(produced) == _files(golden)
        for name in _files(produced):
            assert content(produced / name) == (golden / name).read_bytes(), name
        manifest = json.loads((produced / "manifest.json").read_text("utf-8"))
        assert manifest["dataset_hash"] == dataset_hash({k: v["sha256"] for k, v in manifest["files"].items()})
    else:
        assert produced.read_bytes() == golden.read_bytes()


@pytest.mark.parametrize(("fmt", "name"), [("json", "sample.json"), ("csv", "csv"), ("jsonl", "jsonl")])
def test_golden(tmp_path: Path, fmt: str, name: str) -> None:
    GOLDEN.mkdir(exist_ok=True)
    _check_golden(write_all(fmt, tmp_path / name, dataset(), pieces=2), GOLDEN / name)


def _expected_json(kind: Kind, value: Any) -> Any:
    if value is None or kind not in (Kind.DATE, Kind.TIMESTAMP):
        return value
    return value.isoformat().replace("+00:00", "Z")


def test_json_round_trip(tmp_path: Path) -> None:
    tables = dataset()
    document = json.loads(write_all("json", tmp_path / "crm.json", tables).read_text("utf-8"), parse_float=Decimal)
    assert list(document) == ["metadata", *TABLE_NAMES]
    assert document["metadata"] == json.loads(json.dumps(METADATA))
    for name, table in tables.items():
        records = document[name]
        assert len(records) == table.num_rows
        for record, row in zip(records, table.to_pylist(), strict=True):
            assert list(record) == TABLES[name].column_names
            for column in TABLES[name].columns:
                got, want = record[column.name], _expected_json(column.kind, row[column.name])
                if column.kind is Kind.FLOAT and want is not None:
                    got = float(got)  # Decimal or int (shortest text: 1.0 is written 1)
                assert got == want and type(got) is type(want), (name, column.name, got, want)


def test_jsonl_matches_json_document(tmp_path: Path) -> None:
    tables = dataset()
    doc_lines = write_all("json", tmp_path / "a.json", tables).read_text("utf-8").split("\n")
    out = write_all("jsonl", tmp_path / "b", tables)
    for name in TABLE_NAMES:
        lines = (out / f"{name}.jsonl").read_text("utf-8").split("\n")[:-1]
        if not lines:
            assert f'"{name}": [],' in doc_lines or f'"{name}": []' in doc_lines
            continue
        start = doc_lines.index(f'"{name}": [') + 1
        records = doc_lines[start : start + len(lines) + 1]
        assert records[-1] in ("]", "],")
        assert records[:-1] == [line + "," for line in lines[:-1]] + lines[-1:]


def _parse_csv(kind: Kind, text: str) -> Any:
    if text == "":
        return None
    parsers: dict[Kind, Callable[[str], Any]] = {
        Kind.ID: int,
        Kind.INT: int,
        Kind.FLOAT: float,
        Kind.BOOL: {"true": True, "false": False}.__getitem__,
        Kind.MONEY: Decimal,
        Kind.PERCENT: Decimal,
        Kind.DATE: dt.date.fromisoformat,
        Kind.TIMESTAMP: dt.datetime.fromisoformat,
        Kind.STRING: str,
        Kind.STRING_LIST: json.loads,
    }
    return parsers[kind](text)


def test_csv_round_trip(tmp_path: Path) -> None:
    tables = dataset()
    out = write_all("csv", tmp_path / "crm", tables)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["seed"] == 42
    assert {name: entry["rows"] for name, entry in manifest["files"].items()} == {
        f"{name}.csv": table.num_rows for name, table in tables.items()
    }
    for name, table in tables.items():
        assert b"\r\n" not in (out / f"{name}.csv").read_bytes()  # "\n" line ends
        with (out / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
            header, *rows = list(csv.reader(handle))
        assert header == TABLES[name].column_names
        assert len(rows) == table.num_rows
        for fields, row in zip(rows, table.to_pylist(), strict=True):
            for column, text in zip(TABLES[name].columns, fields, strict=True):
                want = row[column.name]
                if column.kind is Kind.STRING and want == "":
                    want = None  # csv.reader cannot tell "" from an empty field
                got = _parse_csv(column.kind, text)
                assert got == want and (want is None or type(got) is type(want)), (name, column.name)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_text_bytes_do_not_depend_on_the_blocks(tmp_path: Path, fmt: str) -> None:
    tables = dataset()
    one = digests(write_all(fmt, tmp_path / "a" / "out", tables, pieces=1))
    again = digests(write_all(fmt, tmp_path / "b" / "out", tables, pieces=1))
    three = digests(write_all(fmt, tmp_path / "c" / "out", tables, pieces=3))
    assert one == again == three
