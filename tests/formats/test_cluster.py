"""The Dask engine on an in-process cluster and ``memory://``: the local engine's bytes, the commit protocol.

The slow tests with a real scheduler, real worker processes and an S3 server are in
``tests/engine/test_dask_cluster.py``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import fsspec
import pytest
from typer.testing import CliRunner

import salesgen
from salesgen import Config
from salesgen.cli import app
from salesgen.contract import MANIFEST_FILE
from salesgen.formats import HashMismatchError, OutputExistsError, write_dataset
from salesgen.readers import read

CONFIG = Config(num_customers=90, num_sales_reps=5, block_size=20)  # 5 blocks, the last one partial
runner = CliRunner()


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """Two single-threaded workers in this process, the default client (memory:// is this process's)."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        yield client


def local_files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def committed_files(url: str) -> dict[str, bytes]:
    """Every file of the committed run prefix at ``url`` (what a reader of the manifest sees)."""
    fs, root = fsspec.core.url_to_fs(url)
    data_root = json.loads(fs.cat_file(f"{root}/{MANIFEST_FILE}"))["data_root"]
    base = f"{root}/{data_root}"
    return {path.removeprefix(base + "/"): fs.cat_file(path) for path in fs.find(base)}


def prefixes(url: str) -> list[str]:
    fs, root = fsspec.core.url_to_fs(url)
    return sorted(path.rsplit("/", 1)[-1] for path in fs.ls(root, detail=False))


@pytest.mark.parametrize(("format", "workers"), [("csv", 1), ("jsonl", 1), ("parquet", 2)])
def test_dask_writes_the_bytes_of_the_local_engine(client: Any, tmp_path: Path, format: str, workers: int) -> None:
    local = write_dataset(CONFIG, 3, format, tmp_path / "local", workers=workers)
    url = f"memory://same-bytes-{format}/crm"
    remote = write_dataset(CONFIG, 3, format, url, engine="dask")
    assert remote.dataset_hash == local.dataset_hash
    assert remote.row_counts == local.row_counts
    assert committed_files(url) == local_files(tmp_path / "local")  # every file, manifest included


def test_a_new_commit_replaces_the_old_and_debris_is_never_read_then_removed(client: Any) -> None:
    url = "memory://commits/crm"
    first = write_dataset(CONFIG, 1, "parquet", url, engine="dask")
    fs, root = fsspec.core.url_to_fs(url)
    fs.pipe_file(f"{root}/run-00dead/customers/part-00000.parquet", b"not parquet: a killed run's part")
    fs.pipe_file(f"{root}/run-00dead.parts/customers/part-00000.csv", b"junk")
    assert read(url)["customers"].num_rows == CONFIG.num_customers  # the manifest names only the committed parts
    with pytest.raises(OutputExistsError):
        write_dataset(CONFIG, 2, "parquet", url, engine="dask")
    second = write_dataset(
        CONFIG.model_copy(update={"num_customers": 70}), 2, "parquet", url, engine="dask", overwrite=True
    )
    assert second.dataset_hash != first.dataset_hash
    assert json.loads(fs.cat_file(f"{root}/{MANIFEST_FILE}"))["dataset_hash"] == second.dataset_hash
    assert [name for name in prefixes(url) if name != MANIFEST_FILE] == [
        json.loads(fs.cat_file(f"{root}/{MANIFEST_FILE}"))["data_root"]
    ]  # the debris and the superseded run are gone
    assert read(url)["customers"].num_rows == 70


def test_an_aborted_run_leaves_the_committed_dataset_readable(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    url = "memory://aborted/crm"
    committed = write_dataset(CONFIG, 1, "csv", url, engine="dask")
    before = prefixes(url)
    with pytest.raises(HashMismatchError):
        write_dataset(CONFIG, 2, "csv", url, engine="dask", overwrite=True, expected_hash="0" * 64)
    import salesgen.formats.cluster as cluster

    def broken(world: Any, block: int) -> Any:
        raise RuntimeError(f"block {block} failed")

    monkeypatch.setattr(cluster, "build_block", broken)  # the in-process workers run this module
    with pytest.raises(RuntimeError, match="block"):
        write_dataset(CONFIG, 2, "csv", url, engine="dask", overwrite=True)
    assert prefixes(url) == before
    result = runner.invoke(app, ["validate", url, "--hard-only", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["passed"] is True and not report["config_from"].startswith("defaults")
    fs, root = fsspec.core.url_to_fs(url)
    assert json.loads(fs.cat_file(f"{root}/{MANIFEST_FILE}"))["dataset_hash"] == committed.dataset_hash


def test_a_folder_that_is_not_a_salesgen_output_is_refused(client: Any) -> None:
    fs = fsspec.filesystem("memory")
    fs.pipe_file("/foreign/crm/notes.txt", b"someone else's")
    with pytest.raises(FileExistsError, match=r"not a salesgen output \(notes.txt"):
        write_dataset(CONFIG, 1, "csv", "memory://foreign/crm", engine="dask", overwrite=True)
    assert fs.ls("/foreign/crm", detail=False) == ["/foreign/crm/notes.txt"]


def test_file_urls_and_paths_read_the_same(client: Any, tmp_path: Path) -> None:
    out = tmp_path / "crm"
    write_dataset(CONFIG, 5, "jsonl", f"file://{out}", engine="dask")
    assert (out / MANIFEST_FILE).is_file() and not list(tmp_path.glob(".*staging*"))  # local layout, renamed in
    from_url, from_path = read(f"file://{out}"), read(out)
    assert all(from_url[name].equals(from_path[name]) for name in from_path)


def test_the_local_engine_refuses_urls_it_cannot_write(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="engine='dask'"):
        write_dataset(CONFIG, 1, "csv", "memory://local/crm")
    assert write_dataset(CONFIG, 1, "csv", f"file://{tmp_path}/crm").row_counts["customers"] == 90


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler applies to --engine dask"),
        (["--engine", "spark"], "unknown --engine 'spark'"),
        (["--engine", "dask", "-f", "json"], "--engine dask writes parquet, csv, jsonl"),
        (["--engine", "dask", "--to", "sqlite:///x.db"], "--engine dask writes files"),
    ],
)
def test_engine_flags_are_checked(tmp_path: Path, flags: list[str], message: str) -> None:
    out = [] if "--to" in flags else ["-o", str(tmp_path / "crm")]
    result = runner.invoke(app, ["generate", "-n", "5", "-q", *out, *flags])
    assert result.exit_code != 0
    assert message in " ".join(result.output.split())
    assert "Traceback" not in result.output and not (tmp_path / "crm").exists()


def test_without_the_extra_the_message_names_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "distributed" else real(name, *a))
    result = runner.invoke(app, ["generate", "-n", "5", "--engine", "dask", "-o", str(tmp_path / "crm"), "-q"])
    assert result.exit_code != 0
    assert 'pip install "salesgen[dask]"' in " ".join(result.output.split())
    assert not (tmp_path / "crm").exists()


def test_load_reads_the_committed_dataset_at_a_url(client: Any, tmp_path: Path) -> None:
    import sqlite3

    url = "memory://load-from/crm"
    write_dataset(CONFIG, 6, "parquet", url, engine="dask")
    fs, root = fsspec.core.url_to_fs(url)
    fs.pipe_file(f"{root}/run-00dead/customers/part-00009.parquet", b"a killed run's part")
    result = runner.invoke(app, ["load", url, "--to", f"sqlite:///{tmp_path}/crm.db", "-q"])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(tmp_path / "crm.db") as con:
        assert con.execute("SELECT count(*) FROM customers").fetchone() == (CONFIG.num_customers,)
    loaded = salesgen.load(url, f"sqlite:///{tmp_path}/api.db")  # the Python API takes the URL too
    assert loaded.rows["customers"] == CONFIG.num_customers


def test_the_help_names_the_extra() -> None:
    result = runner.invoke(app, ["generate", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and '"salesgen[dask]"' in result.output
