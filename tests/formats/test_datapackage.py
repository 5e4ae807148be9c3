"""datapackage.json: a Frictionless description of every directory output, checked by the frictionless library."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from frictionless import Package, Resource, validate

import salesgen
from salesgen.contract import TABLES
from salesgen.formats.datapackage import DATAPACKAGE_FILE

CONFIG = salesgen.Config(num_customers=120, num_sales_reps=6, block_size=50)


@pytest.fixture(scope="module")
def csv_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dp") / "crm"
    salesgen.write(CONFIG, seed=11, format="csv", target=out)
    return out


def test_a_csv_dataset_is_a_valid_data_package(csv_output: Path) -> None:
    report = validate(str(csv_output / DATAPACKAGE_FILE))
    assert report.valid, report.flatten(["type", "note"])[:5]
    manifest = json.loads((csv_output / "manifest.json").read_text())
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    assert rows == {path.removesuffix(".csv"): entry["rows"] for path, entry in manifest["files"].items()}


def test_the_package_describes_the_contract(csv_output: Path) -> None:
    package = json.loads((csv_output / DATAPACKAGE_FILE).read_text())
    assert [r["name"] for r in package["resources"]] == list(TABLES)
    opportunities = next(r for r in package["resources"] if r["name"] == "opportunities")
    fields = {f["name"]: f for f in opportunities["schema"]["fields"]}
    assert fields["amount"]["type"] == "number" and fields["amount"]["constraints"]["minimum"] == 0
    assert fields["created_at"]["type"] == "datetime" and fields["competitors"]["type"] == "array"
    assert {"fields": ["customer_id"], "reference": {"resource": "customers", "fields": ["customer_id"]}} in (
        opportunities["schema"]["foreignKeys"]
    )


def test_frictionless_reads_typed_values(csv_output: Path) -> None:
    package = Package(str(csv_output / DATAPACKAGE_FILE))
    customer = package.get_resource("customers").read_rows()[0]
    assert isinstance(customer["annual_revenue"], Decimal)
    assert isinstance(customer["postal_code"], str)
    opportunity = package.get_resource("opportunities").read_rows()[0]
    assert isinstance(opportunity["competitors"], list)
    assert opportunity["created_at"].utcoffset().total_seconds() == 0


def test_a_broken_foreign_key_is_caught(csv_output: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    for file in csv_output.iterdir():
        (broken / file.name).write_bytes(file.read_bytes())
    with (broken / "opportunities.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    rows[1][rows[0].index("customer_id")] = "999999999"
    with (broken / "opportunities.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    descriptor = json.loads((broken / DATAPACKAGE_FILE).read_text())
    resource = next(r for r in descriptor["resources"] if r["name"] == "opportunities")
    resource.pop("hash"), resource.pop("bytes")  # the edit changes them; the key check is what we test
    (broken / DATAPACKAGE_FILE).write_text(json.dumps(descriptor))
    report = validate(str(broken / DATAPACKAGE_FILE))
    assert not report.valid
    assert "foreign-key" in {row[0] for row in report.flatten(["type"])}


@pytest.mark.parametrize("format", ["parquet", "jsonl"])
def test_every_directory_format_lists_its_files(format: str, tmp_path: Path) -> None:
    out = tmp_path / "crm"
    salesgen.write(CONFIG, seed=11, format=format, target=out)
    package = json.loads((out / DATAPACKAGE_FILE).read_text())
    manifest = json.loads((out / "manifest.json").read_text())
    listed = set()
    for resource in package["resources"]:
        paths = resource["path"] if isinstance(resource["path"], list) else [resource["path"]]
        listed.update(paths)
        assert resource["format"] == format
    assert listed == set(manifest["files"])


def test_frictionless_reads_jsonl_resources(tmp_path: Path) -> None:
    out = tmp_path / "crm"
    salesgen.write(CONFIG, seed=11, format="jsonl", target=out)
    descriptor = json.loads((out / DATAPACKAGE_FILE).read_text())["resources"][0]
    rows = Resource(descriptor, basepath=str(out)).read_rows()
    assert len(rows) == json.loads((out / "manifest.json").read_text())["files"]["products.jsonl"]["rows"]
