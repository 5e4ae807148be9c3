"""Tests of salesgen.arrowtext: the vectorized JSON and CSV text encoders of Arrow columns and tables."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salesgen.arrowtext import ENCODE_CHUNK_ROWS, csv_fields, csv_rows, json_records, json_values, text_bytes
from salesgen.contract import Kind
from tests.samples import NASTY, SAMPLES, split


def test_json_strings_match_json_dumps() -> None:
    texts = [chr(code) for code in range(0x80)] + [NASTY, "é", "😀", "\u2028", "", '\\\\""']
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
    from salesgen.contract import ARROW_TYPES

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
        '"2025-03-04T10:15:00Z"',
        '"1969-12-31T23:59:59.500000Z"',
        '"2000-02-29T00:00:00.000001Z"',
    ]
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
        b'{"id":1,"name":"a,b","tags":["x"]}\n{"id":2,"name":null,"tags":[]}\n'
    ]
    assert [text_bytes(a).tobytes() for a in csv_rows(table)] == [b'1,"a,b","[""x""]"\n2,,[]\n']


def test_encoding_is_chunk_and_slice_invariant() -> None:
    rng = np.random.default_rng(1)
    n = ENCODE_CHUNK_ROWS + 1234
    words = pa.array(["plain", NASTY, "é", "", None, 'q"'])
    table = pa.table(
        {
            "s": words.take(pa.array(rng.integers(0, len(words), n))),
            "l": pa.ListArray.from_arrays(
                pa.array(np.arange(0, 2 * n + 1, 2, dtype=np.int32)),
                words.take(pa.array(rng.integers(0, len(words), 2 * n))),
            ),
            "t": pa.array(rng.integers(-(10**15), 10**15, n)).cast(pa.timestamp("us", tz="UTC")),
        }
    )
    for encode in (json_records, csv_rows):
        whole = b"".join(text_bytes(a).tobytes() for a in encode(table))
        pieces = b"".join(text_bytes(a).tobytes() for piece in split(table, 7) for a in encode(piece))
        assert whole == pieces
    lines = b"".join(text_bytes(a).tobytes() for a in json_records(table)).decode().splitlines()
    assert [json.loads(line)["s"] for line in lines] == table.column("s").to_pylist()


def test_csv_distinguishes_empty_string_from_null() -> None:
    assert csv_fields(pa.array(["", None])).to_pylist() == ['""', ""]
