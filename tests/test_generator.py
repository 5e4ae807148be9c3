"""The public API as a user meets it: SalesDataGenerator, Dataset, save_to_json / save_to_csv, sample records.

Every expectation here follows from the data contract (salesgen.contract, DESIGN.md §2-3) or from the
arguments the test passes; nothing is a value copied from a previous run.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from salesgen import Config, Dataset, Realism, SalesDataGenerator, __version__
from salesgen.config import Activity, Pipeline, Team
from salesgen.contract import BLOCK_TABLES, RUN_SCOPE_TABLES, TABLE_NAMES, TABLES, Kind, arrow_schema
from salesgen.entities.reps import METRIC_COLUMNS

UTC = dt.UTC
MONEY_TEXT = re.compile(r"-?\d+\.\d{2}")
PERCENT_TEXT = re.compile(r"-?\d+\.\d{4}")
TIMESTAMP_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?Z")
DATE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}")
CUSTOM_STAGES = {"identified": 10, "qualified": 30, "demo": 50, "proposal": 60, "negotiation": 80, "contract": 90}


def midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=UTC)


def column(ds: Mapping[str, pa.Table], table: str, name: str) -> list[Any]:
    return ds[table].column(name).to_pylist()


def timestamp_columns(table: str) -> list[str]:
    return [c.name for c in TABLES[table].columns if c.kind is Kind.TIMESTAMP]


def latest_timestamp(ds: Mapping[str, pa.Table]) -> dt.datetime | None:
    values = [pc.max(ds[t].column(c)).as_py() for t in TABLE_NAMES for c in timestamp_columns(t)]
    present = [v for v in values if v is not None]
    return max(present) if present else None


# --------------------------------------------------------------------------- the Dataset


def test_dataset_is_a_mapping_of_exactly_the_ten_contract_tables(small_dataset: Dataset) -> None:
    assert isinstance(small_dataset, Mapping)
    assert list(small_dataset) == list(TABLE_NAMES)
    assert len(small_dataset) == len(TABLE_NAMES) == 10
    assert all(isinstance(small_dataset[name], pa.Table) for name in small_dataset)
    with pytest.raises(KeyError, match="opportunities"):  # the error lists the real table names
        small_dataset["deals"]


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_each_table_has_exactly_the_contract_schema(small_dataset: Dataset, name: str) -> None:
    table = small_dataset[name]
    expected = arrow_schema(name)
    assert table.schema.equals(expected), f"{name}: {table.schema} != {expected}"
    assert table.column_names == TABLES[name].column_names


def test_contract_types_are_the_documented_arrow_types(small_dataset: Dataset) -> None:
    """Spelled out independently of the registry: exact money, UTC microsecond timestamps, list columns."""
    money, stamp, words = pa.decimal128(18, 2), pa.timestamp("us", tz="UTC"), pa.list_(pa.string())
    expected = {
        ("opportunities", "amount"): money,
        ("opportunities", "expected_revenue"): money,
        ("opportunity_line_items", "total_price"): money,
        ("products", "list_price"): money,
        ("sales_reps", "annual_quota"): money,
        ("customers", "annual_revenue"): money,
        ("discount_tiers", "discount_pct"): pa.decimal128(5, 4),
        ("opportunities", "created_at"): stamp,
        ("opportunities", "closed_at"): stamp,
        ("interactions", "occurred_at"): stamp,
        ("opportunity_stage_history", "entered_at"): stamp,
        ("opportunities", "competitors"): words,
        ("contacts", "languages"): words,
        ("products", "features"): words,
        ("sales_reps", "territories"): words,
        ("interactions", "topics"): words,
        ("opportunities", "expected_close_date"): pa.date32(),
        ("customers", "customer_id"): pa.int64(),
    }
    for (table, name), arrow_type in expected.items():
        assert small_dataset[table].schema.field(name).type == arrow_type, (table, name)


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_to_pandas_works_on_every_table(small_dataset: Dataset, name: str) -> None:
    pytest.importorskip("pandas")
    table = small_dataset[name]
    frame = table.to_pandas()
    assert len(frame) == table.num_rows > 0
    assert list(frame.columns) == table.column_names
    for field in table.schema:
        if field.type == pa.decimal128(18, 2):  # money stays exact: Decimal objects, not floats
            assert frame[field.name].dropna().map(type).eq(Decimal).all(), field.name
        if pa.types.is_timestamp(field.type):
            assert str(frame[field.name].dt.tz) == "UTC", field.name


def test_row_counts_follow_the_arguments(small_dataset: Dataset) -> None:
    counts = small_dataset.row_counts()
    assert counts == {name: small_dataset[name].num_rows for name in TABLE_NAMES}
    assert counts["customers"] == 100
    assert counts["sales_reps"] == 10
    assert counts["products"] == Config().num_products
    assert counts["competitors"] == Config().num_competitors
    for name in ("contacts", "opportunities", "opportunity_line_items", "interactions"):
        assert counts[name] > 0, name


def test_id_schemes(small_dataset: Dataset) -> None:
    ds = small_dataset
    customers = column(ds, "customers", "customer_id")
    assert customers == list(range(1, 101))  # block * block_size + position + 1, in order
    for table, key, parent, divisor in (
        ("contacts", "contact_id", "customer_id", 100),
        ("opportunities", "opportunity_id", "customer_id", 1000),
        ("opportunity_line_items", "line_item_id", "opportunity_id", 100),
        ("opportunity_stage_history", "stage_history_id", "opportunity_id", 10),
        ("interactions", "interaction_id", "customer_id", 100_000),
    ):
        keys, parents = column(ds, table, key), column(ds, table, parent)
        assert len(set(keys)) == len(keys), f"{table}.{key} not unique"
        bad = [(k, p) for k, p in zip(keys, parents, strict=True) if k // divisor != p]
        assert not bad, f"{table}.{key} // {divisor} != {parent}: {bad[:5]}"
    # the parents exist
    assert set(column(ds, "contacts", "customer_id")) <= set(customers)
    assert set(column(ds, "opportunities", "customer_id")) <= set(customers)
    assert set(column(ds, "opportunity_line_items", "opportunity_id")) == set(
        column(ds, "opportunities", "opportunity_id")
    )
    interactions = ds["interactions"].to_pylist()
    assert all(r["opportunity_id"] is None or r["opportunity_id"] // 1000 == r["customer_id"] for r in interactions)
    assert all(r["contact_id"] // 100 == r["customer_id"] for r in interactions)


def test_metadata_describes_the_run(small_dataset: Dataset) -> None:
    meta = small_dataset.metadata()
    assert meta["seed"] == 42
    assert meta["salesgen_version"] == __version__
    assert meta["as_of"] == small_dataset.config.as_of.isoformat()
    assert meta["row_counts"] == small_dataset.row_counts()
    config = meta["config"]
    assert config["num_customers"] == 100 and config["num_sales_reps"] == 10
    assert Config.model_validate(config) == small_dataset.config  # the config round-trips
    json.dumps(meta)  # plain JSON values only


# --------------------------------------------------------------------------- save_to_json


def decode_json_value(kind: Kind, value: Any) -> Any:
    """A JSON value (floats parsed as Decimal) back to the Python value pyarrow gives for ``kind``."""
    if value is None:
        return None
    if kind in (Kind.ID, Kind.INT):
        assert isinstance(value, int) and not isinstance(value, bool)
        return value
    if kind is Kind.FLOAT:
        assert isinstance(value, Decimal | int)
        return float(value)
    if kind is Kind.BOOL:
        assert isinstance(value, bool)
        return value
    if kind is Kind.MONEY:
        assert isinstance(value, Decimal) and value.as_tuple().exponent == -2, value
        return value
    if kind is Kind.PERCENT:
        assert isinstance(value, Decimal) and value.as_tuple().exponent == -4, value
        return value
    if kind is Kind.DATE:
        assert DATE_TEXT.fullmatch(value), value
        return dt.date.fromisoformat(value)
    if kind is Kind.TIMESTAMP:
        assert TIMESTAMP_TEXT.fullmatch(value), value
        return dt.datetime.fromisoformat(value)
    if kind is Kind.STRING_LIST:
        assert isinstance(value, list) and all(isinstance(v, str) for v in value)
        return value
    assert isinstance(value, str)
    return value


def decode_csv_field(kind: Kind, nullable: bool, text: str) -> Any:
    """A CSV field back to the Python value pyarrow gives for ``kind``."""
    if text == "" and nullable:
        return None
    if kind in (Kind.ID, Kind.INT):
        return int(text)
    if kind is Kind.FLOAT:
        return float(text)
    if kind is Kind.BOOL:
        assert text in ("true", "false"), text
        return text == "true"
    if kind is Kind.MONEY:
        assert MONEY_TEXT.fullmatch(text), text
        return Decimal(text)
    if kind is Kind.PERCENT:
        assert PERCENT_TEXT.fullmatch(text), text
        return Decimal(text)
    if kind is Kind.DATE:
        return dt.date.fromisoformat(text)
    if kind is Kind.TIMESTAMP:
        assert TIMESTAMP_TEXT.fullmatch(text), text
        return dt.datetime.fromisoformat(text)
    if kind is Kind.STRING_LIST:
        value = json.loads(text)
        assert isinstance(value, list), text
        return value
    return text


def assert_table_round_trips(name: str, table: pa.Table, decoded_rows: list[dict[str, Any]]) -> None:
    assert len(decoded_rows) == table.num_rows, name
    for col in TABLES[name].columns:
        expected = table.column(col.name).to_pylist()
        got = [row[col.name] for row in decoded_rows]
        if expected != got:
            first = next(i for i, (a, b) in enumerate(zip(expected, got, strict=True)) if a != b)
            raise AssertionError(f"{name}.{col.name} row {first}: wrote {expected[first]!r}, read {got[first]!r}")


def test_save_to_json_writes_one_document_that_round_trips(small_dataset: Dataset, tmp_path: Path) -> None:
    generator = SalesDataGenerator(seed=42)
    target = tmp_path / "out" / "crm.json"  # missing parent directories are created
    written = generator.save_to_json(small_dataset, target)
    assert Path(written) == target.absolute()
    document = json.loads(target.read_text(encoding="utf-8"), parse_float=Decimal)
    assert list(document) == ["metadata", *TABLE_NAMES]
    assert document["metadata"] == json.loads(json.dumps(small_dataset.metadata()), parse_float=Decimal)
    for name in TABLE_NAMES:
        records = document[name]
        assert len(records) == small_dataset.row_counts()[name], name
        columns = TABLES[name].columns
        assert all(list(record) == [c.name for c in columns] for record in records), name
        decoded = [{c.name: decode_json_value(c.kind, record[c.name]) for c in columns} for record in records]
        assert_table_round_trips(name, small_dataset[name], decoded)
    assert sorted(p.name for p in target.parent.iterdir()) == ["crm.json"]  # no staging leftovers


def test_save_to_json_money_is_exact_decimal(small_dataset: Dataset, tmp_path: Path) -> None:
    path = SalesDataGenerator(seed=42).save_to_json(small_dataset, tmp_path / "crm.json")
    document = json.loads(Path(path).read_text(encoding="utf-8"), parse_float=Decimal)
    amounts = [deal["amount"] for deal in document["opportunities"]]
    assert amounts == column(small_dataset, "opportunities", "amount")
    assert all(isinstance(a, Decimal) for a in amounts)
    totals: dict[int, Decimal] = {}
    for item in document["opportunity_line_items"]:
        totals[item["opportunity_id"]] = totals.get(item["opportunity_id"], Decimal(0)) + item["total_price"]
    assert all(totals[d["opportunity_id"]] == d["amount"] for d in document["opportunities"])


def test_save_to_json_default_path_is_in_the_current_directory(
    small_dataset: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    written = Path(SalesDataGenerator(seed=42).save_to_json(small_dataset))
    assert written.parent.resolve() == tmp_path.resolve()
    assert written.suffix == ".json"
    assert [p.name for p in tmp_path.iterdir()] == [written.name]
    document = json.loads(written.read_text(encoding="utf-8"))
    assert document["metadata"]["seed"] == 42
    assert len(document["customers"]) == 100


def test_save_to_json_overwrites_by_default(small_dataset: Dataset, tmp_path: Path) -> None:
    generator = SalesDataGenerator(seed=42)
    target = tmp_path / "crm.json"
    target.write_text("old")
    generator.save_to_json(small_dataset, target)
    first = target.read_bytes()
    generator.save_to_json(small_dataset, target)
    assert target.read_bytes() == first != b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["crm.json"]


# --------------------------------------------------------------------------- save_to_csv


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def test_save_to_csv_writes_one_file_per_table_and_a_manifest(small_dataset: Dataset, tmp_path: Path) -> None:
    out = Path(SalesDataGenerator(seed=42).save_to_csv(small_dataset, tmp_path / "crm"))
    assert out == (tmp_path / "crm").absolute()
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{n}.csv" for n in TABLE_NAMES] + ["manifest.json", "datapackage.json"]
    )
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["seed"] == 42 and manifest["row_counts"] == small_dataset.row_counts()
    for name in TABLE_NAMES:
        path = out / f"{name}.csv"
        header, rows = read_csv(path)
        assert header == TABLES[name].column_names, name
        assert len(rows) == small_dataset[name].num_rows, name
        entry = manifest["files"][f"{name}.csv"]
        assert entry["rows"] == len(rows)
        assert entry["bytes"] == path.stat().st_size
        assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crm"]  # no staging leftovers


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_save_to_csv_values_round_trip(small_dataset: Dataset, tmp_path: Path, name: str) -> None:
    """Money as two-decimal text, timestamps ISO with Z, lists as JSON text, nulls as empty fields."""
    out = Path(SalesDataGenerator(seed=42).save_to_csv(small_dataset, tmp_path / "crm"))
    header, rows = read_csv(out / f"{name}.csv")
    columns = TABLES[name].columns
    assert header == [c.name for c in columns]
    decoded = [
        {c.name: decode_csv_field(c.kind, c.nullable, text) for c, text in zip(columns, row, strict=True)}
        for row in rows
    ]
    assert_table_round_trips(name, small_dataset[name], decoded)


def test_save_to_csv_default_directory(small_dataset: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = Path(SalesDataGenerator(seed=42).save_to_csv(small_dataset))
    assert out.parent.resolve() == tmp_path.resolve()
    assert [p.name for p in tmp_path.iterdir()] == [out.name]
    assert (out / "manifest.json").is_file()
    _, rows = read_csv(out / "customers.csv")
    assert len(rows) == 100


# --------------------------------------------------------------------------- single records


def test_generate_customer_has_contacts_on_its_domain() -> None:
    customer = SalesDataGenerator(seed=5).generate_customer()
    assert set(customer) == {*TABLES["customers"].column_names, "contacts"}
    contacts = customer["contacts"]
    assert contacts, "a customer comes with at least one contact"
    for contact in contacts:
        assert set(contact) == set(TABLES["contacts"].column_names)
        assert contact["customer_id"] == customer["customer_id"]
        assert contact["email"].endswith("@" + customer["domain"]), (contact["email"], customer["domain"])
    assert customer["size"] in ("small", "medium", "enterprise")


def test_generate_customer_twice_gives_different_customers() -> None:
    generator = SalesDataGenerator(seed=5)
    first, second = generator.generate_customer(), generator.generate_customer()
    assert first["customer_id"] != second["customer_id"]
    assert first["domain"] != second["domain"]
    assert {c["contact_id"] for c in first["contacts"]}.isdisjoint(c["contact_id"] for c in second["contacts"])


def test_generate_person_is_a_contact() -> None:
    person = SalesDataGenerator(seed=5).generate_person()
    assert list(person) == TABLES["contacts"].column_names
    assert person["contact_id"] // 100 == person["customer_id"]
    assert person["first_name"] and person["last_name"]
    assert re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z.]+", person["email"]), person["email"]


def test_generate_sales_person_uses_the_seller_domain() -> None:
    generator = SalesDataGenerator(seed=5)
    rep = generator.generate_sales_person()
    assert set(rep) == set(TABLES["sales_reps"].column_names) - set(METRIC_COLUMNS)
    assert rep["email"].endswith("@" + Config().seller_domain)
    other = generator.generate_sales_person()
    assert other["email"] != rep["email"]
    custom = SalesDataGenerator(seed=5, config=Config(seller_domain="acme.test")).generate_sales_person()
    assert custom["email"].endswith("@acme.test")


def test_generate_opportunity_comes_with_consistent_line_items_and_stage_history() -> None:
    generator = SalesDataGenerator(seed=5)
    for _ in range(5):
        deal = generator.generate_opportunity()
        assert set(deal) == {*TABLES["opportunities"].column_names, "line_items", "stage_history"}
        items = deal["line_items"]
        assert items and all(item["opportunity_id"] == deal["opportunity_id"] for item in items)
        assert sum(item["total_price"] for item in items) == deal["amount"]
        assert all(item["total_price"] == item["quantity"] * item["unit_price"] for item in items)
        history = deal["stage_history"]
        assert history[0]["stage"] == "identified"
        assert history[-1]["stage"] == deal["stage"]
        assert [h["entered_at"] for h in history] == sorted(h["entered_at"] for h in history)


def test_generate_interaction_is_an_interaction() -> None:
    touch = SalesDataGenerator(seed=5).generate_interaction()
    assert list(touch) == TABLES["interactions"].column_names
    assert touch["interaction_id"] // 100_000 == touch["customer_id"]
    assert touch["contact_id"] // 100 == touch["customer_id"]
    assert touch["type"] in ("email", "call", "meeting", "demo")
    assert -1 <= touch["sentiment_score"] <= 1


def _record_sequence(generator: SalesDataGenerator) -> list[dict[str, Any]]:
    return [
        generator.generate_customer(),
        generator.generate_person(),
        generator.generate_opportunity(),
        generator.generate_interaction(),
        generator.generate_sales_person(),
        generator.generate_customer(),
    ]


def test_same_seed_gives_the_same_sequence_of_records() -> None:
    assert _record_sequence(SalesDataGenerator(seed=11)) == _record_sequence(SalesDataGenerator(seed=11))


def test_different_seeds_give_different_records() -> None:
    a, b = SalesDataGenerator(seed=11).generate_customer(), SalesDataGenerator(seed=12).generate_customer()
    assert (a["name"], a["domain"], a["created_at"]) != (b["name"], b["domain"], b["created_at"])


def test_product_catalog_lists_products_with_discount_tiers() -> None:
    catalog = SalesDataGenerator(seed=5).product_catalog
    assert len(catalog) == Config().num_products
    for product in catalog:
        tiers = product["discount_tiers"]
        assert tiers, product["sku"]
        assert all(t["product_id"] == product["product_id"] for t in tiers)
        assert tiers[0]["min_quantity"] == 1
        assert [t["discount_pct"] for t in tiers] == sorted(t["discount_pct"] for t in tiers)
    small = SalesDataGenerator(seed=5, config=Config(num_products=7)).product_catalog
    assert len(small) == 7


def test_product_catalog_is_the_datasets_products() -> None:
    generator = SalesDataGenerator(seed=9)
    products = generator.generate_dataset(num_customers=3, num_sales_people=2)["products"].to_pylist()
    catalog = [{k: v for k, v in p.items() if k != "discount_tiers"} for p in generator.product_catalog]
    assert catalog == products


# --------------------------------------------------------------------------- configuration


def test_overrides_take_effect_and_do_not_leak_into_the_generator() -> None:
    generator = SalesDataGenerator(seed=3)
    as_of = dt.date(2024, 6, 30)
    ds = generator.generate_dataset(
        num_customers=60,
        num_sales_people=6,
        as_of=as_of,
        num_products=12,
        num_competitors=4,
        currency="EUR",
        seller_domain="example.org",
        country_mix={"DE": 1.0},
    )
    assert ds.config.as_of == as_of and ds.metadata()["as_of"] == "2024-06-30"
    assert ds["products"].num_rows == 12
    assert ds["competitors"].num_rows == 4
    assert set(column(ds, "opportunities", "currency")) == {"EUR"}
    assert set(column(ds, "products", "currency")) == {"EUR"}
    assert all(e.endswith("@example.org") for e in column(ds, "sales_reps", "email"))
    assert set(column(ds, "customers", "country")) == {"DE"}
    latest = latest_timestamp(ds)
    assert latest is not None and latest <= midnight(as_of)
    assert latest > midnight(as_of) - dt.timedelta(days=60)  # the history moved with as_of
    assert generator.config == Config()  # overrides apply to that dataset only


def test_generator_config_is_used_and_arguments_win() -> None:
    config = Config(num_customers=12, num_sales_reps=3, num_products=9)
    generator = SalesDataGenerator(seed=3, config=config)
    ds = generator.generate_dataset()
    assert (ds["customers"].num_rows, ds["sales_reps"].num_rows, ds["products"].num_rows) == (12, 3, 9)
    ds = generator.generate_dataset(num_customers=4, num_sales_people=2)
    assert (ds["customers"].num_rows, ds["sales_reps"].num_rows, ds["products"].num_rows) == (4, 2, 9)


def test_short_history_puts_the_standing_base_before_the_window_and_growth_inside_it() -> None:
    # Issue 11: customers that predate the window form the standing base (1 / (1 + growth) ** years of
    # them, joined over the 6 years before it); the rest join inside it, and none after as_of.
    ds = SalesDataGenerator(seed=3).generate_dataset(num_customers=200, num_sales_people=5, history_days=90)
    as_of = midnight(ds.config.as_of)
    start = as_of - dt.timedelta(days=ds.config.history_days)
    created = ds["customers"].column("created_at").to_pylist()
    growth_span_years = (ds.config.history_days - min(120, ds.config.history_days // 2)) / 365
    expected_base = 1 / (1 + ds.config.realism.lifecycle.growth_rate) ** growth_span_years
    assert abs(sum(c < start for c in created) / len(created) - expected_base) < 0.05
    assert min(created) >= start - dt.timedelta(days=6 * 365 + 1)
    assert max(created) < as_of


def test_numpy_integer_seed_is_accepted_like_the_int() -> None:
    with pytest.raises(ValueError, match="seed"):
        SalesDataGenerator(seed=True)
    a = SalesDataGenerator(seed=np.int64(7)).generate_dataset(num_customers=5, num_sales_people=2)
    b = SalesDataGenerator(seed=7).generate_dataset(num_customers=5, num_sales_people=2)
    assert all(a[name].equals(b[name]) for name in TABLE_NAMES)


# --------------------------------------------------------------------------- edge cases


def test_zero_customers_gives_empty_block_tables_and_full_run_scope_tables(tmp_path: Path) -> None:
    ds = SalesDataGenerator(seed=1).generate_dataset(num_customers=0, num_sales_people=4)
    for name in BLOCK_TABLES:
        assert ds[name].num_rows == 0, name
        assert ds[name].schema.equals(arrow_schema(name)), name
    for name in RUN_SCOPE_TABLES:
        assert ds[name].num_rows > 0, name
        assert ds[name].schema.equals(arrow_schema(name)), name
    assert ds["products"].num_rows == Config().num_products
    assert ds["sales_reps"].num_rows == 4
    assert column(ds, "sales_reps", "deals_won") == [0] * 4
    assert column(ds, "sales_reps", "win_rate") == [None] * 4
    generator = SalesDataGenerator(seed=1)
    document = json.loads(Path(generator.save_to_json(ds, tmp_path / "empty.json")).read_text(encoding="utf-8"))
    assert document["customers"] == [] and len(document["products"]) == Config().num_products
    out = Path(generator.save_to_csv(ds, tmp_path / "empty"))
    header, rows = read_csv(out / "interactions.csv")
    assert header == TABLES["interactions"].column_names and rows == []


@pytest.mark.parametrize("block_size", [1, 3, 1000])
def test_any_block_size_gives_a_complete_consistent_dataset(block_size: int) -> None:
    ds = SalesDataGenerator(seed=8).generate_dataset(num_customers=7, num_sales_people=3, block_size=block_size)
    assert column(ds, "customers", "customer_id") == list(range(1, 8))
    for table, key in (
        ("contacts", "contact_id"),
        ("opportunities", "opportunity_id"),
        ("opportunity_line_items", "line_item_id"),
        ("interactions", "interaction_id"),
    ):
        keys = column(ds, table, key)
        assert len(set(keys)) == len(keys), (table, block_size)
    assert set(column(ds, "contacts", "customer_id")) == set(range(1, 8))  # every customer has contacts
    deals = ds["opportunities"].to_pylist()
    reps = ds["sales_reps"].to_pylist()
    assert sum(r["deals_won"] for r in reps) == sum(d["is_won"] for d in deals)  # the per-block reduce adds up
    assert sum(r["deals_lost"] for r in reps) == sum(d["stage"] == "lost" for d in deals)
    assert sum(r["open_pipeline"] for r in reps) == sum(d["amount"] for d in deals if not d["is_closed"])


def test_custom_stage_list_is_used_throughout() -> None:
    ds = SalesDataGenerator(seed=4).generate_dataset(
        num_customers=300, num_sales_people=8, realism=Realism(pipeline=Pipeline(stage_probabilities=CUSTOM_STAGES))
    )
    allowed = [*CUSTOM_STAGES, "won", "lost"]
    deal_stages = set(column(ds, "opportunities", "stage"))
    history = ds["opportunity_stage_history"].to_pylist()
    assert deal_stages <= set(allowed), deal_stages - set(allowed)
    assert {h["stage"] for h in history} <= set(allowed)
    assert {"demo", "contract", "won", "lost"} <= {h["stage"] for h in history}  # the custom stages are used
    probability = {d["stage"]: d["probability"] for d in ds["opportunities"].to_pylist()}
    assert all(probability[s] == p for s, p in CUSTOM_STAGES.items() if s in probability)
    paths: dict[int, list[str]] = {}
    for row in history:
        paths.setdefault(row["opportunity_id"], []).append(row["stage"])
    open_stages = list(CUSTOM_STAGES)
    for deal in ds["opportunities"].to_pylist():
        path = paths[deal["opportunity_id"]]
        passed = path[:-1] if deal["is_closed"] else path
        assert passed == open_stages[: len(passed)], (deal["opportunity_id"], path)  # in order, from identified
        assert path[-1] == deal["stage"]


def test_realism_overrides_merge_into_the_generator_config() -> None:
    base = Config(realism=Realism(activity=Activity(touches_won=30.0), team=Team(quota_stretch=1.1)))
    ds = SalesDataGenerator(seed=1, config=base).generate_dataset(
        num_customers=5, realism={"activity": {"touches_lost": 3.0}}
    )
    assert ds.config.realism.activity.touches_won == 30.0 and ds.config.realism.activity.touches_lost == 3.0
    assert ds.config.realism.team.quota_stretch == 1.1  # other parts are kept too
