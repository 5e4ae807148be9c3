"""``salesgen generate``, end to end: files in every format, flags over scenario files and presets, bad input."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from salesgen.cli import app
from salesgen.contract import TABLE_NAMES

runner = CliRunner()


def salesgen(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "salesgen", *args], capture_output=True, text=True, timeout=300)


def tree_hashes(path: Path) -> dict[str, str]:
    files = [p for p in sorted(path.rglob("*")) if p.is_file()] if path.is_dir() else [path]
    return {str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def test_generate_csv_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "crm"
    result = salesgen("generate", "--customers", "300", "--seed", "7", "--out", str(out), "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{t}.csv" for t in TABLE_NAMES] + ["manifest.json", "datapackage.json"]
    )
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["seed"] == 7 and manifest["row_counts"]["customers"] == 300
    assert manifest["config"]["num_customers"] == 300
    for name, entry in manifest["files"].items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == entry["sha256"]
    customers = (out / "customers.csv").read_text().splitlines()
    assert len(customers) == 301 and customers[0].startswith("customer_id,name,domain,")


def test_existing_output_is_refused_then_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "crm"
    assert runner.invoke(app, ["generate", "-n", "20", "-f", "csv", "-o", str(out), "-q"]).exit_code == 0
    before = tree_hashes(out)
    refused = runner.invoke(app, ["generate", "-n", "30", "-f", "csv", "-o", str(out), "-q"])
    assert refused.exit_code == 2 and "--overwrite" in refused.output
    assert tree_hashes(out) == before
    replaced = runner.invoke(app, ["generate", "-n", "30", "-f", "csv", "-o", str(out), "-q", "--overwrite"])
    assert replaced.exit_code == 0
    assert json.loads((out / "manifest.json").read_text())["row_counts"]["customers"] == 30
    assert [p.name for p in tmp_path.iterdir()] == ["crm"]  # no staging left behind


@pytest.mark.parametrize("fmt", ["parquet", "csv", "json"])
def test_workers_do_not_change_bytes(tmp_path: Path, fmt: str) -> None:
    hashes = []
    for workers in (1, 2):
        out = tmp_path / f"w{workers}"
        result = runner.invoke(
            app,
            [
                "generate",
                "-n",
                "400",
                "--block-size",
                "100",
                "-f",
                fmt,
                "-o",
                str(out),
                "--workers",
                str(workers),
                "-q",
            ],
        )
        assert result.exit_code == 0, result.output
        hashes.append(tree_hashes(out))
    assert hashes[0] == hashes[1]


def test_duckdb_is_the_default_and_loads_every_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["generate", "-n", "50", "-q"]).exit_code == 0
    con = duckdb.connect(str(tmp_path / "crm.duckdb"), read_only=True)
    counts = {t: con.execute(f'select count(*) from "{t}"').fetchall()[0][0] for t in TABLE_NAMES}
    assert counts["customers"] == 50 and all(counts[t] > 0 for t in TABLE_NAMES)
    column_type = con.execute(
        "select data_type from information_schema.columns where table_name='opportunities' and column_name='amount'"
    ).fetchall()
    assert column_type == [("DECIMAL(18,2)",)]


def test_config_file_and_flags(tmp_path: Path) -> None:
    scenario = tmp_path / "scenario.yaml"
    scenario.write_text(
        "num_customers: 40\nnum_sales_reps: 3\nas_of: 2025-06-30\nrealism:\n  win: {no_decision_share: 0.4}\n"
    )
    out = tmp_path / "crm"
    result = runner.invoke(
        app, ["generate", "--config", str(scenario), "--reps", "4", "-f", "parquet", "-o", str(out), "-q"]
    )
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["config"]["num_sales_reps"] == 4  # the flag wins over the file
    assert manifest["as_of"] == "2025-06-30" and manifest["config"]["realism"]["win"]["no_decision_share"] == 0.4
    assert pq.read_table(out / "customers").num_rows == 40


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-n", "-1"], "num_customers"),
        (["-n", "5", "--reps", "0"], "num_sales_reps"),
        (["-f", "xml"], "--format"),
        (["--as-of", "yesterday"], "--as-of"),
        (["--workers", "0"], "--workers"),
    ],
)
def test_bad_input_fails_clearly_and_writes_nothing(tmp_path: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["generate", *args, "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 2
    assert message in result.output
    assert list(tmp_path.iterdir()) == []


def test_bad_config_field_is_named(tmp_path: Path) -> None:
    scenario = tmp_path / "bad.yaml"
    scenario.write_text("realism:\n  win: {new_business_rate: 1.5}\n")
    result = runner.invoke(app, ["generate", "--config", str(scenario), "-o", str(tmp_path / "o"), "-q"])
    assert result.exit_code == 2 and "realism.win.new_business_rate" in result.output


def test_old_flat_realism_file_says_where_each_field_moved(tmp_path: Path) -> None:
    scenario = tmp_path / "old.yaml"
    scenario.write_text("realism:\n  cycle_median_days: {small: 20, medium: 60, enterprise: 150}\n  touches_won: 30\n")
    result = runner.invoke(app, ["generate", "--config", str(scenario), "-o", str(tmp_path / "o"), "-q"])
    assert result.exit_code == 2, result.output
    output = " ".join(result.output.split())  # rich wraps long lines
    assert "realism.cycle_median_days moved to realism.cycle.median_days" in output
    assert "realism.touches_won moved to realism.activity.touches_won" in output


def test_check_hash(tmp_path: Path) -> None:
    first = tmp_path / "a"
    assert runner.invoke(app, ["generate", "-n", "60", "-f", "csv", "-o", str(first), "-q"]).exit_code == 0
    expected = json.loads((first / "manifest.json").read_text())["dataset_hash"]
    again = runner.invoke(
        app, ["generate", "-n", "60", "-f", "csv", "-o", str(tmp_path / "b"), "--check-hash", expected]
    )
    assert again.exit_code == 0 and "matches" in again.output
    wrong = runner.invoke(
        app, ["generate", "-n", "61", "-f", "csv", "-o", str(tmp_path / "c"), "--check-hash", expected, "-q"]
    )
    assert wrong.exit_code == 1 and not (tmp_path / "c").exists()


def test_preset_with_file_and_flags(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text("realism:\n  activity: {touches_won: 30}\n  win: {upsell_rate: 0.5}\n")
    out = tmp_path / "crm"
    result = runner.invoke(
        app,
        [
            "generate",
            "--preset",
            "enterprise-software",
            "--config",
            str(scenario),
            "-n",
            "30",
            "-f",
            "csv",
            "-o",
            str(out),
            "-q",
        ],
    )
    assert result.exit_code == 0, result.output
    realism = json.loads((out / "manifest.json").read_text())["config"]["realism"]
    assert realism["activity"]["touches_won"] == 30  # from the file
    assert realism["activity"]["touches_lost"] == 14  # from the preset: each part merges field by field
    assert realism["win"] | {"upsell_rate": 0.5, "new_business_rate": 0.18} == realism["win"]  # both layers
    assert realism["deal_size"]["median"]["enterprise"] == 450000  # from the preset, kept by the deep merge
