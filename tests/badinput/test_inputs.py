"""Bad ``validate`` and ``load`` inputs: a clear error naming the file and the fix, exit 2, databases unchanged."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.badinput.databases import pg_state
from tests.badinput.helpers import check_refused, invoke
from tests.servers import PG_URL


def _manifest(root: Path) -> Path:
    return root / "manifest.json"


def _set_manifest(text: str) -> Callable[[Path], str]:
    def damage(root: Path) -> str:
        _manifest(root).write_text(text)
        return "manifest.json"

    return damage


def _newer_config(root: Path) -> str:
    manifest = json.loads(_manifest(root).read_text())
    manifest["config"]["num_regions"] = 7  # a field of some later salesgen
    manifest["salesgen_version"] = "99.0"
    _manifest(root).write_text(json.dumps(manifest))
    return "num_regions"


def _invalid_config(root: Path) -> str:
    manifest = json.loads(_manifest(root).read_text())
    manifest["config"]["num_customers"] = -3
    _manifest(root).write_text(json.dumps(manifest))
    return "num_customers"


def _garbage_part(root: Path) -> str:
    part = sorted((root / "contacts").glob("*.parquet"))[0]
    part.write_bytes(b"this is not parquet")
    return part.name


def _missing_table(root: Path) -> str:
    shutil.rmtree(root / "interactions")
    return "interactions"


def _truncated_part(root: Path) -> str:
    part = sorted((root / "opportunities").glob("*.parquet"))[0]
    part.write_bytes(part.read_bytes()[:100])
    return part.name


# How to damage a Parquet dataset, and what validate must then name.
PARQUET_DAMAGE: dict[str, Callable[[Path], str]] = {
    "manifest-not-json": _set_manifest("{not json"),
    "manifest-list": _set_manifest("[1, 2, 3]"),
    "manifest-string": _set_manifest('"crm"'),
    "manifest-deep": _set_manifest("[" * 100_000 + "]" * 100_000),
    "manifest-newer": _newer_config,
    "manifest-invalid-config": _invalid_config,
    "garbage-part": _garbage_part,
    "truncated-part": _truncated_part,
    "missing-table": _missing_table,
}


@pytest.mark.parametrize("damage", list(PARQUET_DAMAGE))
def test_validate_damaged_parquet(tmp_path: Path, tiny_parquet: Path, damage: str) -> None:
    root = tmp_path / "crm"
    shutil.copytree(tiny_parquet, root)
    named = PARQUET_DAMAGE[damage](root)
    check_refused(invoke(["validate", root]), named)


def _csv_dataset(tmp_path: Path) -> Path:
    root = tmp_path / "crm_csv"
    assert invoke(["generate", "-n", "20", "--reps", "2", "-q", "-f", "csv", "-o", root]).exit_code == 0
    return root


def test_validate_csv_missing_column(tmp_path: Path) -> None:
    root = _csv_dataset(tmp_path)
    lines = (root / "contacts.csv").read_text().splitlines()
    header = lines[0].split(",")
    drop = header.index("email")
    (root / "contacts.csv").write_text(
        "\n".join(",".join(v for i, v in enumerate(line.split(",")) if i != drop) for line in lines) + "\n"
    )
    output = check_refused(invoke(["validate", root]), "contacts.csv", "email")
    assert len(output) < 1000  # the missing column, not a sniffer dump


def test_validate_csv_missing_file(tmp_path: Path) -> None:
    root = _csv_dataset(tmp_path)
    (root / "products.csv").unlink()
    check_refused(invoke(["validate", root]), "products", "missing")


NOT_DATASETS = [
    ("missing", "does not exist"),
    ("empty-dir", "not a salesgen output"),
    ("text-file", "neither a salesgen JSON document nor a DuckDB database"),
    ("broken-json", "broken.json"),
    ("dev-null", "/dev/null"),
]


@pytest.mark.parametrize(("kind", "named"), NOT_DATASETS, ids=[k for k, _ in NOT_DATASETS])
def test_validate_not_a_dataset(tmp_path: Path, kind: str, named: str) -> None:
    path = {
        "missing": tmp_path / "missing",
        "empty-dir": tmp_path,
        "text-file": tmp_path / "notes.txt",
        "broken-json": tmp_path / "broken.json",
        "dev-null": Path("/dev/null"),
    }[kind]
    (tmp_path / "notes.txt").write_text("hello\n")
    (tmp_path / "broken.json").write_text('{\n"metadata": {"seed": \n')
    check_refused(invoke(["validate", path]), named)


@pytest.mark.db
@pytest.mark.parametrize("damage", ["manifest-list", "manifest-not-json", "garbage-part", "missing-table"])
def test_load_damaged_dataset_changes_nothing(tmp_path: Path, tiny_parquet: Path, damage: str) -> None:
    root = tmp_path / "crm"
    shutil.copytree(tiny_parquet, root)
    named = PARQUET_DAMAGE[damage](root)
    db = tmp_path / "crm.db"
    check_refused(invoke(["load", root, "--to", f"sqlite:///{db}"]), "nothing was changed")
    assert not db.exists()
    before = pg_state()
    output = check_refused(invoke(["load", root, "--to", PG_URL, "--prefix", "bad_"]), "nothing was changed")
    assert named.split(".")[0] in output or "manifest" in output, output
    assert pg_state() == before


LOAD_SOURCES = [
    ("missing", "no manifest.json"),
    ("csv-folder", "not a salesgen Parquet dataset"),
    ("a-file", "not a salesgen Parquet dataset"),
]


@pytest.mark.parametrize(("kind", "named"), LOAD_SOURCES, ids=[k for k, _ in LOAD_SOURCES])
def test_load_not_a_parquet_dataset(tmp_path: Path, kind: str, named: str) -> None:
    path = {"missing": tmp_path / "nothing", "csv-folder": tmp_path / "csv", "a-file": tmp_path / "f.txt"}[kind]
    (tmp_path / "csv").mkdir()
    (tmp_path / "csv" / "customers.csv").write_text("customer_id\n1\n")
    (tmp_path / "f.txt").write_text("x")
    db = tmp_path / "crm.db"
    check_refused(invoke(["load", path, "--to", f"sqlite:///{db}"]), named, str(path))
    assert not db.exists()


def test_load_existing_tables_names_the_flag(tmp_path: Path, tiny_parquet: Path) -> None:
    db = tmp_path / "crm.db"
    assert invoke(["load", tiny_parquet, "--to", f"sqlite:///{db}", "-q"]).exit_code == 0
    before = db.read_bytes()
    check_refused(invoke(["load", tiny_parquet, "--to", f"sqlite:///{db}"]), "already exist", "--if-exists replace")
    assert db.read_bytes() == before
