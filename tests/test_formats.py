"""Tests of salesgen.formats: encoding, golden files, round trips, one writer for library and CLI, atomic publish.

Regenerate the golden files (then inspect the diff by eye) with:
    SALESGEN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_formats.py -k golden
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import itertools
import json
import os
import shutil
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from salesgen import SalesDataGenerator
from salesgen.arrowtext import (
    ENCODE_CHUNK_ROWS,
    csv_fields,
    csv_rows,
    json_records,
    json_values,
    text_bytes,
)
from salesgen.cli import app
from salesgen.config import Config
from salesgen.databases import load_parquet_dataset
from salesgen.formats import FORMAT_NAMES, FORMATS, HashMismatchError, write_dataset, write_tables
from salesgen.formats.manifest import dataset_hash
from salesgen.formats.parts import conform
from salesgen.formats.writer import split_blocks
from salesgen.generator import Dataset
from salesgen.schema import BLOCK_TABLES, TABLE_NAMES, TABLES, Kind, arrow_schema

GOLDEN = Path(__file__).parent / "golden"
UPDATE_GOLDEN = os.environ.get("SALESGEN_UPDATE_GOLDEN") == "1"
METADATA = {"salesgen_version": "0.1.0", "seed": 42, "config": {"customers": 3, "name": "Zürich"}}
UTC = dt.UTC

# ---------------------------------------------------------------- the tiny dataset

# No NUL here so that git and diff treat the golden files as text; NUL is covered by the encoder tests.
NASTY = 'quote " comma , backslash \\ tab \t newline \n cr \r bell \x07 del \x7f'
SAMPLES: dict[Kind, list[Any]] = {
    Kind.ID: [7, -1, 2**62],
    Kind.INT: [0, -7, 2**53 + 1],
    Kind.FLOAT: [0.1, -2.5, 1e21, 1.0, 1e-7],
    Kind.BOOL: [True, False],
    Kind.STRING: ["plain", NASTY, "Zürich — 東京 😀 \u2028", "", "a,b", 'x"y', " lead space"],
    Kind.MONEY: [Decimal("123.40"), Decimal("-0.05"), Decimal("0.00"), Decimal("9999999999999999.99")],
    Kind.PERCENT: [Decimal("0.1250"), Decimal("0.0000"), Decimal("1.0000")],
    Kind.DATE: [dt.date(2025, 3, 4), dt.date(1969, 12, 31), dt.date(2000, 2, 29)],
    Kind.TIMESTAMP: [dt.datetime(2025, 3, 4, 10, 15, tzinfo=UTC),
                     dt.datetime(1969, 12, 31, 23, 59, 59, 500_000, tzinfo=UTC),
                     dt.datetime(2000, 2, 29, 0, 0, 0, 1, tzinfo=UTC)],
    Kind.STRING_LIST: [["a", "b"], [], ['say "hi"', "x,y", "é\n", "back\\slash"], ["[]"]],
}
POPULATED = {"products": 4, "discount_tiers": 3, "sales_reps": 2, "opportunities": 3, "interactions": 5}


def make_table(name: str, rows: int) -> pa.Table:
    """Rows built from SAMPLES, varied per column, nulls in nullable columns (row 1)."""
    columns = {}
    for position, column in enumerate(TABLES[name].columns):
        if position == 0:
            values: list[Any] = list(range(1, rows + 1))
        else:
            pool = SAMPLES[column.kind]
            values = [pool[(row + position) % len(pool)] for row in range(rows)]
            if column.nullable and rows > 1:
                values[1] = None
        columns[column.name] = values
    return pa.Table.from_pydict(columns, schema=arrow_schema(name))


def dataset() -> dict[str, pa.Table]:
    return {name: make_table(name, POPULATED.get(name, 0)) for name in TABLE_NAMES}


def split(table: pa.Table, pieces: int) -> list[pa.Table]:
    """``table`` as ``pieces`` consecutive slices (some possibly empty)."""
    bounds = np.linspace(0, table.num_rows, pieces + 1).astype(int)
    return [table.slice(a, b - a) for a, b in itertools.pairwise(bounds)]


def write_all(fmt: str, target: Path, tables: dict[str, pa.Table], *, pieces: int = 1,
              overwrite: bool = False, metadata: dict[str, Any] | None = None) -> Path:
    """Write ``tables`` through the one writer, the block tables cut into ``pieces`` blocks."""
    block_rows = {name: [piece.num_rows for piece in split(tables[name], pieces)] for name in BLOCK_TABLES}
    return write_tables(tables, METADATA if metadata is None else metadata, fmt, target,
                        block_rows=block_rows, overwrite=overwrite).target


def digests(path: Path) -> dict[str, str]:
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    return {str(p.relative_to(path.parent)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if ".salesgen-" in p.name)


# ---------------------------------------------------------------- value encoding


def test_json_strings_match_json_dumps() -> None:
    texts = [chr(code) for code in range(0x80)] + [NASTY, "é", "😀", "\u2028", "", "\\\\\"\""]
    got = json_values(pa.array(texts)).to_pylist()
    assert got == [json.dumps(text, ensure_ascii=False) for text in texts]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text()), max_size=20))
def test_string_encoding_property(texts: list[str | None]) -> None:
    array = pa.array(texts, pa.string())
    assert json_values(array).to_pylist() == [json.dumps(t, ensure_ascii=False) for t in texts]
    fields = csv_fields(array).to_pylist()
    parsed = next(csv.reader(io.StringIO(",".join(["x", *fields]) + "\n")))[1:]
    assert parsed == ["" if t is None else t for t in texts]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), max_size=20))
def test_float_text_round_trips(values: list[float]) -> None:
    texts = json_values(pa.array(values, pa.float64())).to_pylist()
    assert [float(text) for text in texts] == values
    assert [json.loads(text) for text in texts] == values


@pytest.mark.parametrize("kind", list(Kind))
def test_nulls_of_every_kind(kind: Kind) -> None:
    from salesgen.schema import ARROW_TYPES

    array = pa.array([SAMPLES[kind][0], None, SAMPLES[kind][1]], ARROW_TYPES[kind])
    json_text = json_values(array).to_pylist()
    csv_text = csv_fields(array).to_pylist()
    assert json_text[1] == "null" and csv_text[1] == ""
    assert "null" not in (json_text[0], json_text[2]) and all(csv_text[i] for i in (0, 2))
    sliced = array.slice(1)
    assert json_values(sliced).to_pylist() == json_text[1:]


def test_scalar_formats() -> None:
    ts = pa.array(SAMPLES[Kind.TIMESTAMP], pa.timestamp("us", tz="UTC"))
    assert json_values(ts).to_pylist() == [
        '"2025-03-04T10:15:00Z"', '"1969-12-31T23:59:59.500000Z"', '"2000-02-29T00:00:00.000001Z"']
    assert csv_fields(ts).to_pylist()[0] == "2025-03-04T10:15:00Z"
    money = pa.array(SAMPLES[Kind.MONEY], pa.decimal128(18, 2))
    assert json_values(money).to_pylist() == ["123.40", "-0.05", "0.00", "9999999999999999.99"]
    assert csv_fields(pa.array([Decimal("0.125")], pa.decimal128(5, 4))).to_pylist() == ["0.1250"]
    assert json_values(pa.array([True, False])).to_pylist() == ["true", "false"]
    assert json_values(pa.array([dt.date(2025, 3, 4)], pa.date32())).to_pylist() == ['"2025-03-04"']
    floats = pa.array([0.1, 1.0, float("nan"), float("inf"), -0.0, 0.1 + 0.2])
    assert json_values(floats).to_pylist() == ["0.1", "1", "null", "null", "-0", "0.30000000000000004"]
    lists = pa.array([["a", None], [], None, ['"']], pa.list_(pa.string()))
    assert json_values(lists).to_pylist() == ['["a",null]', "[]", "null", '["\\""]']
    assert csv_fields(lists).to_pylist() == ['"[""a"",null]"', "[]", "", '"[""\\""""]"']


def test_records_and_rows() -> None:
    table = pa.table({"id": [1, 2], "name": ["a,b", None], "tags": pa.array([["x"], []])})
    assert [text_bytes(a).tobytes() for a in json_records(table)] == [
        b'{"id":1,"name":"a,b","tags":["x"]}\n{"id":2,"name":null,"tags":[]}\n']
    assert [text_bytes(a).tobytes() for a in csv_rows(table)] == [b'1,"a,b","[""x""]"\n2,,[]\n']


def test_encoding_is_chunk_and_slice_invariant() -> None:
    rng = np.random.default_rng(1)
    n = ENCODE_CHUNK_ROWS + 1234
    words = pa.array(["plain", NASTY, "é", "", None, 'q"'])
    table = pa.table({
        "s": words.take(pa.array(rng.integers(0, len(words), n))),
        "l": pa.ListArray.from_arrays(pa.array(np.arange(0, 2 * n + 1, 2, dtype=np.int32)),
                                      words.take(pa.array(rng.integers(0, len(words), 2 * n)))),
        "t": pa.array(rng.integers(-10**15, 10**15, n)).cast(pa.timestamp("us", tz="UTC")),
    })
    for encode in (json_records, csv_rows):
        whole = b"".join(text_bytes(a).tobytes() for a in encode(table))
        pieces = b"".join(text_bytes(a).tobytes() for piece in split(table, 7) for a in encode(piece))
        assert whole == pieces
    lines = b"".join(text_bytes(a).tobytes() for a in json_records(table)).decode().splitlines()
    assert [json.loads(line)["s"] for line in lines] == table.column("s").to_pylist()


# ---------------------------------------------------------------- golden files


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


# ---------------------------------------------------------------- round trips


def _expected_json(kind: Kind, value: Any) -> Any:
    if value is None or kind not in (Kind.DATE, Kind.TIMESTAMP):
        return value
    return value.isoformat().replace("+00:00", "Z")


def test_json_round_trip(tmp_path: Path) -> None:
    tables = dataset()
    document = json.loads(write_all("json", tmp_path / "crm.json", tables).read_text("utf-8"),
                          parse_float=Decimal)
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
        records = doc_lines[start:start + len(lines) + 1]
        assert records[-1] in ("]", "],")
        assert records[:-1] == [line + "," for line in lines[:-1]] + lines[-1:]


def _parse_csv(kind: Kind, text: str) -> Any:
    if text == "":
        return None
    parsers: dict[Kind, Callable[[str], Any]] = {
        Kind.ID: int, Kind.INT: int, Kind.FLOAT: float, Kind.BOOL: {"true": True, "false": False}.__getitem__,
        Kind.MONEY: Decimal, Kind.PERCENT: Decimal, Kind.DATE: dt.date.fromisoformat,
        Kind.TIMESTAMP: dt.datetime.fromisoformat, Kind.STRING: str, Kind.STRING_LIST: json.loads,
    }
    return parsers[kind](text)


def test_csv_round_trip(tmp_path: Path) -> None:
    tables = dataset()
    out = write_all("csv", tmp_path / "crm", tables)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["seed"] == 42
    assert {name: entry["rows"] for name, entry in manifest["files"].items()} == \
        {f"{name}.csv": table.num_rows for name, table in tables.items()}
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


def test_csv_distinguishes_empty_string_from_null() -> None:
    assert csv_fields(pa.array(["", None])).to_pylist() == ['""', ""]


def test_parquet_round_trip(tmp_path: Path) -> None:
    tables = dataset()
    out = write_all("parquet", tmp_path / "crm", tables, pieces=2)
    manifest = json.loads((out / "manifest.json").read_text())
    assert sorted(manifest["files"]) == sorted(str(p.relative_to(out)) for p in out.rglob("*.parquet"))
    for name, table in tables.items():
        listed = sorted(path for path in manifest["files"] if path.startswith(name + "/"))
        if name in BLOCK_TABLES and table.num_rows:
            assert listed == [f"{name}/part-00000.parquet", f"{name}/part-00001.parquet"]
        elif table.num_rows:
            assert listed == [f"{name}/part-run.parquet"]
        else:
            assert listed == [f"{name}/part-00000.parquet"]  # an empty table still has its schema on disk
        back = pa.concat_tables([pq.read_table(out / relative) for relative in listed])
        expected = arrow_schema(name)  # list children are named "element" (compliant Parquet)
        assert back.schema.equals(expected, check_metadata=False)
        assert back.schema.metadata == expected.metadata
        assert [f.metadata for f in back.schema] == [f.metadata for f in expected]
        assert back.equals(table)
        for relative in listed:
            entry = manifest["files"][relative]
            assert entry["sha256"] == hashlib.sha256((out / relative).read_bytes()).hexdigest()
            if entry["rows"]:
                assert pq.ParquetFile(out / relative).metadata.row_group(0).column(0).compression == "ZSTD"
        assert sum(manifest["files"][relative]["rows"] for relative in listed) == table.num_rows


@pytest.fixture(scope="module")
def crm() -> Dataset:
    """A small generated dataset of several blocks: valid data, which the DuckDB keys and CHECKs accept."""
    config = Config(num_customers=40, num_sales_reps=4, block_size=16)
    return SalesDataGenerator(seed=11, config=config).generate_dataset()


def _duckdb_tables(path: Path) -> dict[str, pa.Table]:
    with duckdb.connect(str(path), read_only=True) as con:
        con.execute("SET TimeZone = 'UTC'")
        return {name: con.sql(f'SELECT * FROM "{name}" ORDER BY "{TABLES[name].primary_key}"').to_arrow_table()
                for name in TABLE_NAMES}


def _duckdb_metadata(path: Path) -> dict[str, Any]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {key: json.loads(value) for key, value in con.sql("SELECT key, value FROM salesgen_metadata").fetchall()}


def _constraints(path: Path) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(path), read_only=True) as con:
        return sorted(con.sql("SELECT table_name, constraint_type, constraint_text FROM duckdb_constraints()")
                      .fetchall())


def test_duckdb_round_trip(tmp_path: Path, crm: Dataset) -> None:
    out = SalesDataGenerator(seed=11).save(crm, tmp_path / "crm.duckdb", "duckdb")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crm.duckdb"]
    for name, back in _duckdb_tables(out).items():
        table = crm[name].sort_by(TABLES[name].primary_key)
        assert back.schema.names == table.schema.names
        assert back.schema.types == table.schema.types, name
        assert back.cast(table.schema).equals(table), name
    metadata = _duckdb_metadata(out)
    assert metadata == {**json.loads(json.dumps(crm.metadata())), "dataset_hash": metadata["dataset_hash"]}


def test_duckdb_file_declares_the_keys_of_a_database_load(tmp_path: Path) -> None:
    config = Config(num_customers=20, num_sales_reps=3)
    written = write_dataset(config, 3, "duckdb", tmp_path / "file" / "crm.duckdb").target
    parquet = write_dataset(config, 3, "parquet", tmp_path / "crm").target
    loaded = tmp_path / "loaded" / "crm.duckdb"   # same file name: DuckDB keeps it in a self-reference's text
    loaded.parent.mkdir()
    load_parquet_dataset(parquet, f"duckdb:///{loaded}")
    constraints = _constraints(written)
    assert constraints == _constraints(loaded)
    assert sum(kind == "FOREIGN KEY" for _, kind, _ in constraints) == 15
    assert _duckdb_metadata(written) == _duckdb_metadata(loaded)


# ---------------------------------------------------------------- one writer: library == CLI


def _cli(fmt: str, target: Path) -> None:
    result = CliRunner().invoke(app, ["generate", "-n", "40", "--reps", "4", "--block-size", "16", "--seed", "11",
                                      "-f", fmt, "-o", str(target), "-q"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_library_cli_and_write_dataset_write_the_same_output(tmp_path: Path, crm: Dataset, fmt: str) -> None:
    name = "crm" if FORMATS[fmt].directory else f"crm.{fmt}"
    library = SalesDataGenerator(seed=11).save(crm, tmp_path / "library" / name, fmt)
    _cli(fmt, tmp_path / "cli" / name)
    summary = write_dataset(crm.config, 11, fmt, tmp_path / "api" / name, workers=2 if fmt == "parquet" else 1)
    if fmt == "duckdb":   # a DuckDB file's bytes are not reproducible: compare contents, keys and metadata
        outputs = [library, tmp_path / "cli" / name, summary.target]
        tables = [_duckdb_tables(path) for path in outputs]
        assert all(t[table].equals(tables[0][table]) for t in tables[1:] for table in TABLE_NAMES)
        assert _duckdb_metadata(library) == _duckdb_metadata(outputs[1]) == _duckdb_metadata(outputs[2])
        assert _duckdb_metadata(library)["dataset_hash"] == summary.dataset_hash
        assert _constraints(library) == _constraints(outputs[1])
        return
    assert digests(library) == digests(tmp_path / "cli" / name) == digests(summary.target)
    if FORMATS[fmt].directory:
        manifest = json.loads((library / "manifest.json").read_text("utf-8"))
        assert manifest["dataset_hash"] == summary.dataset_hash
        assert manifest["row_counts"] == crm.row_counts()


def test_a_plain_mapping_is_written_as_one_block(tmp_path: Path, crm: Dataset) -> None:
    plain = {name: crm[name] for name in TABLE_NAMES}
    out = SalesDataGenerator(seed=11, config=crm.config).save(plain, tmp_path / "crm", "parquet")
    parts = sorted(str(p.relative_to(out)) for p in (out / "contacts").iterdir())
    assert parts == ["contacts/part-00000.parquet"]
    text = SalesDataGenerator(seed=11, config=crm.config).save(plain, tmp_path / "crm.csv", "csv")
    assert digests(text) == digests(SalesDataGenerator(seed=11).save(crm, tmp_path / "x" / "crm.csv", "csv"))


def test_block_boundaries_must_match_the_tables(crm: Dataset) -> None:
    assert [block for block, _ in split_blocks(crm, crm.block_rows)] == [0, 1, 2, "run"]
    wrong = {**dict(crm.block_rows or {}), "contacts": [1, 2, 3]}
    with pytest.raises(ValueError, match="contacts"):
        list(split_blocks(crm, wrong))


# ---------------------------------------------------------------- determinism


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_text_bytes_do_not_depend_on_the_blocks(tmp_path: Path, fmt: str) -> None:
    tables = dataset()
    one = digests(write_all(fmt, tmp_path / "a" / "out", tables, pieces=1))
    again = digests(write_all(fmt, tmp_path / "b" / "out", tables, pieces=1))
    three = digests(write_all(fmt, tmp_path / "c" / "out", tables, pieces=3))
    assert one == again == three


def test_parquet_bytes_are_deterministic(tmp_path: Path) -> None:
    tables = dataset()
    assert digests(write_all("parquet", tmp_path / "a" / "out", tables, pieces=2)) == \
        digests(write_all("parquet", tmp_path / "b" / "out", tables, pieces=2))


# ---------------------------------------------------------------- atomic publish & errors


def _write(fmt: str, target: Path, data: Dataset, **options: Any) -> Path:
    return write_tables(data, data.metadata(), fmt, target, block_rows=data.block_rows, **options).target


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_existing_target_refused_then_overwritten(tmp_path: Path, crm: Dataset, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    _write(fmt, target, crm)
    with pytest.raises(FileExistsError, match="overwrite") as error:
        _write(fmt, target, crm)
    assert str(target) in str(error.value)
    assert _write(fmt, target, crm, overwrite=True) == target
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_failure_while_writing_leaves_target_untouched(tmp_path: Path, crm: Dataset, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    _write(fmt, target, crm)
    before = digests(target)
    broken = {**crm, "interactions": crm["interactions"].drop_columns(["notes"])}
    with pytest.raises(ValueError, match="interactions"):
        write_tables(broken, crm.metadata(), fmt, target, overwrite=True)
    assert digests(target) == before
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_failure_inside_assembly_leaves_target_untouched(tmp_path: Path, crm: Dataset, fmt: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / f"out.{fmt}"
    _write(fmt, target, crm)
    before = digests(target)
    kind = type(FORMATS[fmt])
    assemble = kind.assemble

    def crash(self: Any, *args: Any) -> str:
        assemble(self, *args)
        raise KeyboardInterrupt

    monkeypatch.setattr(kind, "assemble", crash)
    with pytest.raises(KeyboardInterrupt):
        _write(fmt, target, crm, overwrite=True)
    assert digests(target) == before
    assert leftovers(tmp_path) == []


def test_hash_mismatch_publishes_nothing(tmp_path: Path) -> None:
    with pytest.raises(HashMismatchError, match="differs"):
        write_dataset(Config(num_customers=5, num_sales_reps=2), 1, "csv", tmp_path / "crm", expected_hash="0" * 64)
    assert list(tmp_path.iterdir()) == []


def test_metadata_is_checked_before_writing(tmp_path: Path) -> None:
    for bad in ({"files": []}, {"dataset_hash": "x"}):
        with pytest.raises(ValueError, match="reserved"):
            write_all("csv", tmp_path / "out", dataset(), metadata=bad)
    with pytest.raises(TypeError, match="not JSON serializable"):
        write_all("json", tmp_path / "out.json", dataset(), metadata={"bad": object()})
    assert list(tmp_path.iterdir()) == []


def test_bad_tables_are_refused_naming_the_column(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="expected"):
        conform("products", pa.table({"x": [1]}))
    wrong = dataset()["discount_tiers"].set_column(4, "discount_pct", pa.array([0.1, 0.2, 0.3]))
    with pytest.raises(TypeError, match=r"discount_tiers\.discount_pct"):
        conform("discount_tiers", wrong)
    nulls = dataset()["discount_tiers"].set_column(2, pa.field("min_quantity", pa.int64()), pa.array([1, None, 3]))
    with pytest.raises(ValueError, match="not nullable"):
        write_all("jsonl", tmp_path / "out", {**dataset(), "discount_tiers": nulls})
    with pytest.raises(ValueError, match="unknown table"):
        conform("nope", pa.table({}))
    assert list(tmp_path.iterdir()) == []


def test_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="xml") as error:
        write_all("xml", tmp_path / "out", dataset())
    for fmt in FORMAT_NAMES:
        assert fmt in str(error.value)
    assert list(tmp_path.iterdir()) == []


def test_unwritable_parent_named_at_open(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(OSError, match="a-file"):
        write_all("json", blocker / "sub" / "out.json", dataset())


def test_missing_parents_are_created(tmp_path: Path) -> None:
    out = write_all("jsonl", tmp_path / "x" / "y" / "out", dataset())
    assert (out / "manifest.json").is_file()


def test_refuses_to_overwrite_foreign_directory_or_kind_mismatch(tmp_path: Path) -> None:
    foreign = tmp_path / "home"
    foreign.mkdir()
    (foreign / "thesis.tex").write_text("precious")
    with pytest.raises(FileExistsError, match="not a salesgen output"):
        write_all("csv", foreign, dataset(), overwrite=True)
    with pytest.raises(IsADirectoryError):
        write_all("json", foreign, dataset(), overwrite=True)
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(FileExistsError, match="not a directory"):
        write_all("parquet", tmp_path / "file.txt", dataset(), overwrite=True)
    assert (foreign / "thesis.tex").read_text() == "precious"


def test_empty_output_has_every_table(tmp_path: Path) -> None:
    empty = {name: arrow_schema(name).empty_table() for name in TABLE_NAMES}
    out = write_all("csv", tmp_path / "out", empty, metadata={})
    names: Iterable[str] = sorted(p.name for p in out.iterdir())
    assert names == sorted([f"{t}.csv" for t in TABLE_NAMES] + ["manifest.json"])
    document = json.loads(write_all("json", tmp_path / "o.json", empty, metadata={}).read_text())
    assert all(document[t] == [] for t in TABLE_NAMES)
    out = write_all("parquet", tmp_path / "p", empty, metadata={})
    assert all(pq.read_table(out / t / "part-00000.parquet").num_rows == 0 for t in TABLE_NAMES)


def test_permission_error_names_the_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Path, *args: Any, **kwargs: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(PermissionError, match=f"{tmp_path}.*not writable"):
        write_all("parquet", tmp_path / "out", dataset())
