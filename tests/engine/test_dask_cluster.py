"""The Dask engine with real parts, started here on 127.0.0.1: a scheduler, two worker processes, an S3 server.

* to ``s3://`` through a ``dask scheduler`` and two ``dask worker`` processes, one of them killed
  (SIGKILL) while blocks run: Dask retries its blocks on the other and the dataset is still complete
  and byte-identical to the local engine's; ``salesgen validate s3://…`` (a separate process configured
  only by the environment) passes;
* ``salesgen generate --engine dask --workers 2`` (its own LocalCluster of worker processes) to a
  ``file://`` URL: the local engine's files and hash.

Tiny datasets: the point is the plumbing, not the speed (see ``benchmarks/dask_scale.py``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from salesgen import Config
from salesgen.cli import app
from salesgen.formats import write_dataset
from tests.engine.cluster_parts import Cluster, dask_cluster, s3_environment, s3_server

pytestmark = pytest.mark.slow
CONFIG = Config(num_customers=180, num_sales_reps=6, block_size=15)  # 12 blocks


def tree(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


@pytest.fixture(scope="module")
def s3() -> Iterator[dict[str, str]]:
    """An S3 server on 127.0.0.1 and the environment that points every AWS client at it (and only at it)."""
    with s3_server() as endpoint:
        env = s3_environment(endpoint)
        saved = {name: os.environ.get(name) for name in env}
        os.environ.update(env)
        try:
            import s3fs

            s3fs.S3FileSystem.clear_instance_cache()
            s3fs.S3FileSystem(client_kwargs={"endpoint_url": endpoint}).mkdir("salesgen-test")
            yield env
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


@pytest.fixture(scope="module")
def cluster(s3: dict[str, str]) -> Iterator[Cluster]:
    with dask_cluster(2, s3) as started:
        yield started


def s3_tree(url: str, env: dict[str, str]) -> dict[str, bytes]:
    """The committed run's files at ``url`` (the prefix the root manifest names)."""
    import json

    import s3fs

    fs = s3fs.S3FileSystem(client_kwargs={"endpoint_url": env["AWS_ENDPOINT_URL"]})
    fs.invalidate_cache()
    root = url.removeprefix("s3://").rstrip("/")
    base = f"{root}/{json.loads(fs.cat_file(f'{root}/manifest.json'))['data_root']}"
    return {path.removeprefix(base + "/"): fs.cat_file(path) for path in fs.find(base)}


def test_a_real_cluster_writes_s3_and_survives_a_killed_worker(
    cluster: Cluster, s3: dict[str, str], tmp_path: Path
) -> None:
    local = write_dataset(CONFIG, 11, "parquet", tmp_path / "local", workers=2)
    victim = cluster.workers[0]
    seen: list[int] = []

    def kill_after_three_blocks(done: int, rows: dict[str, int]) -> None:
        seen.append(done)
        if len(seen) == 3:
            victim.send_signal(signal.SIGKILL)  # mid-run: the other blocks are queued or running

    url = "s3://salesgen-test/crm"
    options: dict[str, Any] = {"client_kwargs": {"endpoint_url": s3["AWS_ENDPOINT_URL"]}}
    summary = write_dataset(
        CONFIG,
        11,
        "parquet",
        url,
        engine="dask",
        scheduler=cluster.address,
        storage_options=options,
        progress=kill_after_three_blocks,
    )
    assert victim.wait(timeout=30) == -signal.SIGKILL
    assert len(seen) == 12 and seen[-1] == CONFIG.num_customers  # every block reported once, progress complete
    assert summary.dataset_hash == local.dataset_hash
    assert s3_tree(url, s3) == tree(tmp_path / "local")

    csv = write_dataset(CONFIG, 11, "csv", url + "-csv", engine="dask", scheduler=cluster.address)  # env only
    assert csv.dataset_hash == write_dataset(CONFIG, 11, "csv", tmp_path / "local-csv").dataset_hash

    checked = subprocess.run(
        [sys.executable, "-m", "salesgen", "validate", url, "--hard-only"],
        env={**os.environ, **s3},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "all hard rules hold" in checked.stdout


def test_the_cli_starts_a_local_cluster_of_processes(tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["generate", "-n", "60", "--reps", "6", "--block-size", "15", "--seed", "4", "-f", "jsonl", "-q"]
    local = runner.invoke(app, [*args, "-o", str(tmp_path / "local")])
    dask = runner.invoke(app, [*args, "--engine", "dask", "--workers", "2", "-o", f"file://{tmp_path}/dask"])
    assert local.exit_code == 0 and dask.exit_code == 0, local.output + dask.output
    assert tree(tmp_path / "dask") == tree(tmp_path / "local")
