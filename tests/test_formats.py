"""Tests of the output sinks: encoding, golden files, round trips, determinism, atomic publish.

Regenerate the golden files (then inspect the diff by eye) with:
    SALESGEN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_sinks.py -k golden
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

from salesgen.schema import RUN_SCOPE_TABLES, TABLE_NAMES, TABLES, Kind, arrow_schema
from salesgen.sinks import SINK_FORMATS, open_sink
from salesgen.sinks.encode import (
    ENCODE_CHUNK_ROWS,
    csv_fields,
    csv_rows,
    json_records,
    json_values,
    text_bytes,
)
from salesgen.sinks.parquet_sink import ParquetSink

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
              overwrite: bool = False, sink_factory: Callable[..., Any] | None = None) -> Path:
    """Write block tables interleaved piece by piece, run-scope tables last, like the engine."""
    if sink_factory is None:
        sink = open_sink(fmt, target, overwrite=overwrite)
    else:
        sink = sink_factory(target, overwrite=overwrite)
    block = [name for name in TABLE_NAMES if name not in RUN_SCOPE_TABLES]
    parts = {name: split(tables[name], pieces) for name in TABLE_NAMES}
    for index in range(pieces):
        for name in block:
            sink.write(name, parts[name][index])
    for name in RUN_SCOPE_TABLES:
        for piece in parts[name]:
            sink.write(name, piece)
    return Path(sink.close(METADATA))


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


def _check_golden(produced: Path, golden: Path) -> None:
    """Compare bytes with the frozen golden file or directory (``tests/golden/.gitattributes``: -text)."""
    if UPDATE_GOLDEN:
        if produced.is_dir():
            golden.mkdir(exist_ok=True)
            for name in _files(golden):
                (golden / name).unlink()
            for name in _files(produced):
                shutil.copyfile(produced / name, golden / name)
        else:
            shutil.copyfile(produced, golden)
    if produced.is_dir():
        assert _files(produced) == _files(golden)
        for name in _files(produced):
            assert (produced / name).read_bytes() == (golden / name).read_bytes(), name
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
    assert json.loads((out / "manifest.json").read_text())["seed"] == 42
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
    for name, table in tables.items():
        relative = f"{name}/part-00000.parquet"
        back = pq.read_table(out / relative)
        expected = arrow_schema(name)  # list children are named "element" (compliant Parquet)
        assert back.schema.equals(expected, check_metadata=False)
        assert back.schema.metadata == expected.metadata
        assert [f.metadata for f in back.schema] == [f.metadata for f in expected]
        assert back.equals(table)
        entry = manifest["files"][relative]
        assert entry["rows"] == table.num_rows
        assert entry["sha256"] == hashlib.sha256((out / relative).read_bytes()).hexdigest()
        if table.num_rows:
            assert pq.ParquetFile(out / relative).metadata.row_group(0).column(0).compression == "ZSTD"


def test_duckdb_round_trip(tmp_path: Path) -> None:
    tables = dataset()
    out = write_all("duckdb", tmp_path / "crm.duckdb", tables, pieces=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crm.duckdb"]
    with duckdb.connect(str(out), read_only=True) as con:
        con.execute("SET TimeZone = 'UTC'")
        for name, table in tables.items():
            pk = TABLES[name].primary_key
            back = con.sql(f'SELECT * FROM "{name}" ORDER BY "{pk}"').to_arrow_table()
            assert back.schema.names == table.schema.names
            assert back.schema.types == table.schema.types, name
            assert back.cast(table.schema).equals(table), name
        meta = dict(con.sql("SELECT key, value FROM salesgen_metadata").fetchall())
        assert {k: json.loads(v) for k, v in meta.items()} == METADATA
        constraints = con.sql("SELECT table_name, constraint_column_names FROM duckdb_constraints() "
                              "WHERE constraint_type = 'PRIMARY KEY'").fetchall()
        assert dict(constraints) == {**{t: [TABLES[t].primary_key] for t in TABLE_NAMES},
                                     "salesgen_metadata": ["key"]}


# ---------------------------------------------------------------- determinism


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "parquet"])
def test_byte_determinism_and_batch_split_invariance(tmp_path: Path, fmt: str) -> None:
    tables = dataset()
    one = digests(write_all(fmt, tmp_path / "a" / "out", tables, pieces=1))
    again = digests(write_all(fmt, tmp_path / "b" / "out", tables, pieces=1))
    three = digests(write_all(fmt, tmp_path / "c" / "out", tables, pieces=3))
    assert one == again == three


def test_parquet_row_groups_independent_of_batches(tmp_path: Path) -> None:
    table = pa.concat_tables([make_table("interactions", 5)] * 2)
    table = table.set_column(0, arrow_schema("interactions").field(0), pa.array(range(1, 11)))
    tables = {**dataset(), "interactions": table}

    def factory(target: Path, overwrite: bool = False) -> ParquetSink:
        return ParquetSink(target, overwrite=overwrite, row_group_rows=3)

    results = [digests(write_all("parquet", tmp_path / str(p) / "out", tables, pieces=p,
                                 sink_factory=factory)) for p in (1, 2, 4)]
    assert results[0] == results[1] == results[2]
    meta = pq.ParquetFile(tmp_path / "1" / "out" / "interactions" / "part-00000.parquet").metadata
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [3, 3, 3, 1]


# ---------------------------------------------------------------- atomic publish & errors


@pytest.mark.parametrize("fmt", SINK_FORMATS)
def test_existing_target_refused_then_overwritten(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    write_all(fmt, target, dataset())
    with pytest.raises(FileExistsError, match="overwrite") as error:
        open_sink(fmt, target)
    assert str(target) in str(error.value)
    smaller = {name: table.slice(0, 1) for name, table in dataset().items()}
    published = write_all(fmt, target, smaller, overwrite=True)
    assert published == target
    if fmt == "csv":
        with (target / "products.csv").open(newline="", encoding="utf-8") as handle:
            assert len(list(csv.reader(handle))) == 2
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("fmt", SINK_FORMATS)
def test_failure_mid_write_leaves_target_untouched(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    write_all(fmt, target, dataset())
    before = digests(target)
    sink = open_sink(fmt, target, overwrite=True)
    sink.write("products", dataset()["products"])
    try:
        raise RuntimeError("generator crashed")
    except RuntimeError:
        sink.abort()
    sink.abort()  # idempotent
    assert digests(target) == before
    assert leftovers(tmp_path) == []
    with pytest.raises(RuntimeError, match="aborted"):
        sink.write("products", dataset()["products"])


@pytest.mark.parametrize("fmt", SINK_FORMATS)
def test_failure_inside_close_leaves_target_untouched(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    write_all(fmt, target, dataset())
    before = digests(target)
    sink = open_sink(fmt, target, overwrite=True)
    sink.write("products", dataset()["products"])
    with pytest.raises(TypeError, match="not JSON serializable"):
        sink.close({"bad": object()})
    assert digests(target) == before
    assert leftovers(tmp_path) == []


def test_reserved_manifest_key(tmp_path: Path) -> None:
    sink = open_sink("csv", tmp_path / "out")
    with pytest.raises(ValueError, match="reserved"):
        sink.close({"files": []})
    assert list(tmp_path.iterdir()) == []


def test_bad_batch_aborts(tmp_path: Path) -> None:
    sink = open_sink("jsonl", tmp_path / "out")
    with pytest.raises(ValueError, match="expected"):
        sink.write("products", pa.table({"x": [1]}))
    assert list(tmp_path.iterdir()) == []
    sink = open_sink("jsonl", tmp_path / "out")
    wrong = dataset()["discount_tiers"].set_column(4, "discount_pct", pa.array([0.1, 0.2, 0.3]))
    with pytest.raises(TypeError, match=r"discount_tiers\.discount_pct"):
        sink.write("discount_tiers", wrong)
    sink = open_sink("jsonl", tmp_path / "out")
    nulls = dataset()["discount_tiers"].set_column(
        2, pa.field("min_quantity", pa.int64()), pa.array([1, None, 3]))
    with pytest.raises(ValueError, match="not nullable"):
        sink.write("discount_tiers", nulls)
    sink = open_sink("jsonl", tmp_path / "out")
    with pytest.raises(ValueError, match="unknown table"):
        sink.write("nope", pa.table({}))
    assert list(tmp_path.iterdir()) == []


def test_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="xml") as error:
        open_sink("xml", tmp_path / "out")
    for fmt in SINK_FORMATS:
        assert fmt in str(error.value)


def test_unwritable_parent_named_at_open(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(OSError, match="a-file"):
        open_sink("json", blocker / "sub" / "out.json")


def test_missing_parents_are_created(tmp_path: Path) -> None:
    out = write_all("jsonl", tmp_path / "x" / "y" / "out", dataset())
    assert (out / "manifest.json").is_file()


def test_refuses_to_overwrite_foreign_directory_or_kind_mismatch(tmp_path: Path) -> None:
    foreign = tmp_path / "home"
    foreign.mkdir()
    (foreign / "thesis.tex").write_text("precious")
    with pytest.raises(FileExistsError, match="not a salesgen output"):
        open_sink("csv", foreign, overwrite=True)
    with pytest.raises(IsADirectoryError):
        open_sink("json", foreign, overwrite=True)
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(FileExistsError, match="not a directory"):
        open_sink("parquet", tmp_path / "file.txt", overwrite=True)
    assert (foreign / "thesis.tex").read_text() == "precious"


def test_empty_output_has_every_table(tmp_path: Path) -> None:
    out = open_sink("csv", tmp_path / "out").close({})
    names: Iterable[str] = sorted(p.name for p in out.iterdir())
    assert names == sorted([f"{t}.csv" for t in TABLE_NAMES] + ["manifest.json"])
    document = json.loads(open_sink("json", tmp_path / "o.json").close({}).read_text())
    assert all(document[t] == [] for t in TABLE_NAMES)
    sink = open_sink("jsonl", tmp_path / "o2")
    sink.close({})
    with pytest.raises(RuntimeError, match="closed"):
        sink.close({})
    sink.abort()  # no effect once published
    assert (tmp_path / "o2" / "manifest.json").is_file()


def test_permission_error_names_the_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Path, *args: Any, **kwargs: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(PermissionError, match=f"{tmp_path}.*not writable"):
        open_sink("parquet", tmp_path / "out")


def test_json_document_without_copy_file_range(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tables = dataset()
    fast = write_all("json", tmp_path / "fast.json", tables).read_bytes()

    def unsupported(*args: Any) -> int:
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(os, "copy_file_range", unsupported, raising=False)
    assert write_all("json", tmp_path / "slow.json", tables).read_bytes() == fast
