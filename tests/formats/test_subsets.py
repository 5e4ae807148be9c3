"""Table subsets (``tables=`` / ``--tables``): only the named tables, each byte-identical to a full run's."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import salesgen
from salesgen.cli import app
from salesgen.config import Config
from salesgen.contract import BLOCK_TABLES, TABLE_NAMES
from salesgen.entities.registry import REGISTRY, STEPS, build_block, steps_for
from salesgen.entities.world import build_world
from salesgen.formats import write_dataset
from salesgen.formats.manifest import dataset_hash
from salesgen.readers import SourceError

CONFIG = Config(num_customers=60, num_sales_reps=4, block_size=20)  # three blocks: two workers share them
SEED = 11
SUBSET = ("opportunities", "customers", "sales_reps")
runner = CliRunner()


def _table_bytes(output: Path, format: str, table: str) -> bytes:
    """The bytes of one table in an output: its file, its Parquet parts, or its array in the JSON document."""
    if format == "parquet":
        return b"".join(part.read_bytes() for part in sorted((output / table).iterdir()))
    if format == "json":
        text = output.read_text(encoding="utf-8")
        found = re.search(rf'^"{table}": \[(\]|.*?^\])', text, flags=re.MULTILINE | re.DOTALL)
        assert found is not None, f"{table} missing from the document"
        return found.group(1).encode()
    return (output / f"{table}.{format}").read_bytes()


@pytest.fixture(scope="module")
def full_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("full")
    return {
        format: write_dataset(CONFIG, SEED, format, root / f"crm.{format}").target
        for format in ("parquet", "csv", "jsonl", "json")
    }


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("format", ["parquet", "csv", "jsonl", "json"])
def test_subset_tables_equal_the_full_runs(
    full_runs: dict[str, Path], tmp_path: Path, format: str, workers: int
) -> None:
    summary = write_dataset(CONFIG, SEED, format, tmp_path / f"sub.{format}", workers=workers, tables=list(SUBSET))
    for table in SUBSET:
        assert _table_bytes(summary.target, format, table) == _table_bytes(full_runs[format], format, table), table
    assert set(summary.row_counts) == set(SUBSET)
    if format == "json":
        document = json.loads(summary.target.read_text(encoding="utf-8"))
        assert [key for key in document if key != "metadata"] == [t for t in TABLE_NAMES if t in SUBSET]
        assert sorted(document["metadata"]["row_counts"]) == sorted(SUBSET)
        return
    manifest = json.loads((summary.target / "manifest.json").read_text())
    assert sorted(manifest["row_counts"]) == sorted(SUBSET)
    assert {path.split("/")[0].split(".")[0] for path in manifest["files"]} == set(SUBSET)
    on_disk = {
        str(p.relative_to(summary.target)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in summary.target.rglob("*")
        if p.is_file() and p.name not in ("manifest.json", "datapackage.json")
    }
    assert {path: entry["sha256"] for path, entry in manifest["files"].items()} == on_disk
    assert manifest["dataset_hash"] == dataset_hash(on_disk) == summary.dataset_hash
    package = json.loads((summary.target / "datapackage.json").read_text())
    assert [r["name"] for r in package["resources"]] == [t for t in TABLE_NAMES if t in SUBSET]
    for resource in package["resources"]:  # no foreign key points at a table that was not written
        for key in resource["schema"].get("foreignKeys", []):
            assert key["reference"]["resource"] in SUBSET


def test_a_subset_reads_back_and_validates_what_it_can(full_runs: dict[str, Path], tmp_path: Path) -> None:
    out = write_dataset(CONFIG, SEED, "csv", tmp_path / "sub", tables=["contacts", "products"]).target
    tables = salesgen.read(out)
    assert list(tables) == ["products", "contacts"]
    assert tables["contacts"].equals(salesgen.read(full_runs["csv"], tables=["contacts"])["contacts"])
    with pytest.raises(SourceError, match=r"not in .*holds only products, contacts"):
        salesgen.read(out, tables=["customers"])
    results = {r.name: r for r in salesgen.validate(out).results}
    assert results["integrity.pk.contacts"].status == "pass"
    assert results["integrity.pk.products"].status == "pass"
    skipped = results["integrity.fk.contacts.customer_id"]
    assert skipped.status == "skip" and "needs customers, not in this subset" in skipped.detail
    assert all(r.status == "skip" for r in results.values() if r.kind == "realism")
    assert sum(r.status != "skip" for r in results.values() if r.kind == "hard") >= 5


def test_validate_catches_a_broken_rule_in_a_subset_and_report_refuses_it(tmp_path: Path) -> None:
    out = write_dataset(CONFIG, SEED, "csv", tmp_path / "sub", tables=["customers", "contacts"]).target
    contacts = out / "contacts.csv"
    lines = contacts.read_text(encoding="utf-8").splitlines(keepends=True)
    contacts.write_text(lines[0] + lines[1] + "".join(lines[1:]), encoding="utf-8")  # a duplicate contact_id
    result = runner.invoke(app, ["validate", str(out), "--hard-only"])
    assert result.exit_code == 1, result.output
    assert "integrity.pk.contacts" in result.output and "checks needing other tables were skipped" in result.output
    report = runner.invoke(app, ["report", str(out), "-o", str(tmp_path / "r.html")])
    assert report.exit_code == 2 and "needs all ten" in " ".join(report.output.split())


def test_in_memory_subset_equals_the_full_dataset_and_saves_the_same_files(tmp_path: Path) -> None:
    full = salesgen.generate(CONFIG, seed=SEED)
    part = salesgen.generate(CONFIG, seed=SEED, tables=["interactions", "discount_tiers"])
    assert list(part) == ["discount_tiers", "interactions"]
    for name in part:
        assert part[name].equals(full[name]), name
    saved = salesgen.SalesDataGenerator(SEED, CONFIG).save(part, tmp_path / "saved", "jsonl")
    written = write_dataset(CONFIG, SEED, "jsonl", tmp_path / "written", tables=["discount_tiers", "interactions"])
    for name in ("discount_tiers.jsonl", "interactions.jsonl", "manifest.json"):
        assert (saved / name).read_bytes() == (written.target / name).read_bytes(), name


def test_unneeded_steps_are_not_built() -> None:
    assert "interactions" not in steps_for(["opportunities", "customers"])
    assert steps_for(["products"]) == ()
    assert "rep_totals" in steps_for(["sales_reps"])
    world = build_world(CONFIG, SEED)
    assert list(build_block(world, 0, tables=["customers"]).tables) == ["customers"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sets(st.sampled_from(BLOCK_TABLES), min_size=1))
def test_steps_for_is_closed_and_each_table_equals_the_full_block(chosen: set[str]) -> None:
    order = steps_for(chosen)
    for name in order:  # every step's needs are built, before it
        assert all(need in order[: order.index(name)] for need in STEPS[name].needs)
    assert set(order) <= {step.name for step in REGISTRY}
    world = build_world(Config(num_customers=8, num_sales_reps=2), 5)
    full = build_block(world, 0).tables
    part = build_block(world, 0, tables=sorted(chosen)).tables
    assert set(part) == chosen and all(part[name].equals(full[name]) for name in chosen)


def test_cli_tables_writes_only_them(tmp_path: Path) -> None:
    out = tmp_path / "crm"
    args = ["generate", "-n", "30", "--reps", "3", "-f", "csv", "-o", str(out), "--tables", "opportunities,customers"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "customers.csv",
        "datapackage.json",
        "manifest.json",
        "opportunities.csv",
    ]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--tables", "opportunities,deals"], "unknown table 'deals'; valid tables: products, discount_tiers"),
        (["--tables", "customers", "-f", "duckdb"], "--tables writes parquet, csv, jsonl, json, not --format duckdb"),
        (["--tables", "customers", "--to", "sqlite:///x.db"], "--tables cannot be combined with --to"),
        (["--tables", ","], "no table selected"),
    ],
)
def test_cli_tables_refuses_what_it_cannot_do(tmp_path: Path, extra: list[str], message: str) -> None:
    result = runner.invoke(app, ["generate", "-n", "5", "-o", str(tmp_path / "crm"), *extra])
    assert (result.exit_code != 0 and result.exception is None) or isinstance(result.exception, SystemExit)
    assert message in " ".join(result.output.split()), result.output
    assert not (tmp_path / "crm").exists()


def test_api_refuses_a_subset_in_a_database_format(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not duckdb: a database's foreign keys need all ten"):
        salesgen.write(CONFIG, target=tmp_path / "crm.duckdb", format="duckdb", tables=["customers"])
    assert not (tmp_path / "crm.duckdb").exists()
