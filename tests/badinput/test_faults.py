"""Faults: kill -9 at chosen moments, Ctrl-C, SIGTERM, a full disk, a dropped connection.

Each asserts the exit, that the target holds the complete old or the complete new output (never a part, never
nothing), that what a killed run left is cleaned up or restored by the next one, and that no process is left behind.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import psycopg
import pytest

from salesgen.config import Config
from salesgen.formats import write_dataset
from salesgen.formats.staging import Staging
from tests.badinput.helpers import check_refused, invoke, leftovers
from tests.badinput.processes import alive, children, group_alive, salesgen, wait_paused, wait_until
from tests.servers import PG_URL


def tree(path: Path) -> dict[str, str]:
    """Hash of every file under ``path`` (or of the file ``path``), by relative path."""
    if path.is_file():
        return {".": hashlib.sha256(path.read_bytes()).hexdigest()}
    files = [p for p in sorted(path.rglob("*")) if p.is_file()]
    return {str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def _write(fmt: str, target: Path, seed: int) -> dict[str, str]:
    write_dataset(Config(num_customers=20, num_sales_reps=2), seed, fmt, target, overwrite=True)
    return tree(target)


POINTS = [
    ("publish-start", {}, "old"),
    ("publish-done", {}, "new"),
    ("publish-between-renames", {"SALESGEN_NO_RENAME_EXCHANGE": "1"}, None),
]


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize(("point", "env", "holds"), POINTS, ids=[p[0] for p in POINTS])
def test_kill_9_while_publishing(tmp_path: Path, fmt: str, point: str, env: dict[str, str], holds: str | None) -> None:
    target = tmp_path / "crm"
    old = _write(fmt, target, seed=1)
    new = _write(fmt, tmp_path / "reference", seed=2)
    args = ["generate", "-n", "20", "--reps", "2", "--seed", "2", "-f", fmt, "-o", str(target), "--overwrite", "-q"]
    with salesgen(*args, env={"SALESGEN_PAUSE_AT": point, **env}) as process:
        wait_paused(process, point)
        process.kill()
        process.wait(timeout=30)
    if holds is not None:  # with an atomic exchange there is no moment without a complete target
        assert tree(target) == (old if holds == "old" else new)
    else:  # two renames: killed between them, the old output waits aside, restored by the next run
        assert not target.exists() and any("-old-" in name for name in leftovers(tmp_path))
    # The next run on the same target — even one refused for lack of --overwrite — restores or cleans up first.
    check_refused(invoke(["generate", "-n", "20", "--reps", "2", "-f", fmt, "-o", target, "-q"]), "--overwrite")
    assert tree(target) == (new if holds == "new" else old)
    assert leftovers(tmp_path) == []


def test_interrupted_older_layout_is_restored(tmp_path: Path) -> None:
    """What an older salesgen (or a system without RENAME_EXCHANGE) leaves when killed between its two renames."""
    target = tmp_path / "crm"
    old = _write("jsonl", target, seed=1)
    gone = subprocess.Popen(["true"])  # its pid no longer runs once it is waited for
    gone.wait()
    aside = tmp_path / f".crm.salesgen-old-{gone.pid}-0123456789ab"
    staging = tmp_path / f".crm.salesgen-staging-{gone.pid}-0123456789ab"
    target.rename(aside)
    staging.mkdir()
    (staging / "customers.jsonl").write_text("half")
    Staging(target, overwrite=True, directory=True).discard()
    assert tree(target) == old and leftovers(tmp_path) == []


def test_live_runs_staging_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "crm"
    _write("csv", target, seed=1)
    with salesgen(
        "generate",
        "-n",
        "20",
        "--reps",
        "2",
        "-f",
        "csv",
        "-o",
        str(target),
        "--overwrite",
        "-q",
        env={"SALESGEN_PAUSE_AT": "publish-start"},
    ) as process:
        wait_paused(process, "publish-start")
        theirs = leftovers(tmp_path)
        Staging(target, overwrite=True, directory=True).discard()  # another run starts meanwhile
        assert leftovers(tmp_path) == theirs and len(theirs) == 1
        process.kill()


def _spawned(pid: int) -> list[int]:
    """The worker processes of ``pid`` (not multiprocessing's resource tracker)."""
    found = []
    for child in children(pid):
        try:
            if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                found.append(child)
        except OSError:
            pass
    return sorted(found)


RUN = ["generate", "-n", "40000", "--reps", "20", "--block-size", "1000", "--workers", "2", "-f", "parquet", "-q"]
MOMENTS = [
    ("SIGINT", "working"),
    ("SIGTERM", "working"),
    ("SIGKILL", "working"),
    ("SIGINT", "starting"),  # while the pool starts its workers: must neither hang nor leave one behind
    ("SIGTERM", "starting"),
]


@pytest.mark.parametrize(("how", "when"), MOMENTS, ids=[f"{h}-{w}" for h, w in MOMENTS])
def test_signals_leave_no_output_and_no_process(tmp_path: Path, how: str, when: str) -> None:
    target = tmp_path / "crm"
    with salesgen(*RUN, "-o", str(target)) as process:
        if when == "working":  # both workers have written parts
            wait_until(lambda: len(list(tmp_path.glob(".crm.salesgen-*/*/*.parquet"))) >= 2, what="parts")
        else:
            wait_until(lambda: bool(_spawned(process.pid)), timeout=60, what="a worker starting")
        workers = _spawned(process.pid)
        os.kill(process.pid, getattr(signal, how))
        process.wait(timeout=90)
        assert process.stderr is not None
        stderr = process.stderr.read()
        wait_until(lambda: not any(alive(pid) for pid in workers), timeout=20, what="workers to exit")
        wait_until(lambda: group_alive(process.pid) == [], timeout=20, what="the process group to end")
    assert process.returncode != 0 and "Traceback" not in stderr, stderr
    assert not target.exists()
    if how != "SIGKILL":
        assert leftovers(tmp_path) == []
    else:  # a kill -9 cannot clean up; the next run on the target does
        assert invoke(["generate", "-n", "20", "--reps", "2", "-f", "parquet", "-o", target, "-q"]).exit_code == 0
        assert leftovers(tmp_path) == []


def test_normal_run_leaves_no_process(tmp_path: Path) -> None:
    with salesgen(
        "generate",
        "-n",
        "3000",
        "--block-size",
        "500",
        "--workers",
        "2",
        "-f",
        "csv",
        "-q",
        "-o",
        str(tmp_path / "crm"),
    ) as process:
        process.wait(timeout=120)
        assert process.returncode == 0
        assert group_alive(process.pid) == []


def _is_root() -> bool:
    return os.geteuid() == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Path:
    """A 2 MiB tmpfs (the tests run as root here and in CI)."""
    assert _is_root(), "the full-disk tests mount a tmpfs: run them as root (as CI does)"
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=True)


@pytest.mark.parametrize("fmt", ["parquet", "csv", "json", "duckdb"])
def test_full_disk(small_disk: Path, fmt: str) -> None:
    (small_disk / "keep.txt").write_text("old data")
    target = small_disk / f"crm.{fmt}"
    result = invoke(["generate", "-n", "3000", "-f", fmt, "-o", target, "-q"])
    output = check_refused(result, str(target), "nothing was written")
    assert "No space left on device" in output or "space" in output.lower(), output
    assert sorted(p.name for p in small_disk.iterdir()) == ["keep.txt"]


@pytest.mark.db
def test_dropped_connection_during_load_changes_nothing(tmp_path: Path, tiny_parquet: Path, pg_schema: str) -> None:
    """A second session holds a lock the replace needs; the load's backend is terminated while it waits."""
    url = PG_URL
    assert invoke(["load", tiny_parquet, "--to", url, "--schema", pg_schema, "-q"]).exit_code == 0
    with psycopg.connect(PG_URL) as holder, psycopg.connect(PG_URL, autocommit=True) as admin:
        before = holder.execute(f"SELECT count(*) FROM {pg_schema}.customers".encode()).fetchone()
        result: dict[str, object] = {}

        def load() -> None:
            args = ["load", str(tiny_parquet), "--to", url, "--schema", pg_schema, "--if-exists", "replace", "-q"]
            result["run"] = subprocess.run(
                [sys.executable, "-m", "salesgen", *args], capture_output=True, text=True, timeout=120
            )

        thread = threading.Thread(target=load)
        thread.start()

        def waiting() -> list[tuple[int]]:
            return admin.execute(
                "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = 'test'"
            ).fetchall()

        wait_until(lambda: bool(waiting()), what="the load to wait for the lock")
        for (pid,) in waiting():
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        thread.join(timeout=120)
        holder.rollback()
        after = holder.execute(f"SELECT count(*) FROM {pg_schema}.customers".encode()).fetchone()
    run = result["run"]
    assert isinstance(run, subprocess.CompletedProcess)
    assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
    assert "nothing was changed" in " ".join(run.stderr.split())
    assert before == after == (20,)


@pytest.mark.db
def test_mariadb_staging_of_a_killed_load_is_dropped(tiny_parquet: Path) -> None:
    """A kill -9 leaves salesgen_stage_<token>; the next load drops it unless a live session holds its lock."""
    import pymysql

    from tests.servers import MYSQL, MYSQL_URL

    dead, live = "salesgen_stage_1_0123456789ab", "salesgen_stage_2_ba9876543210"
    holder = pymysql.connect(**MYSQL)  # type: ignore[arg-type]
    try:
        with holder.cursor() as cursor:
            for name in (dead, live):
                cursor.execute(f"CREATE DATABASE IF NOT EXISTS `{name}`")
            cursor.execute("SELECT GET_LOCK('salesgen_load_2_ba9876543210', 0)")  # a load still running
        prefix = "stagetest_"
        result = invoke(["load", tiny_parquet, "--to", MYSQL_URL, "--prefix", prefix, "--if-exists", "replace", "-q"])
        assert result.exit_code == 0, result.output
        with holder.cursor() as cursor:
            cursor.execute("SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'salesgen%'")
            left = {row[0] for row in cursor.fetchall()}
            assert dead not in left and live in left
            cursor.execute(f"DROP DATABASE `{live}`")
            cursor.execute("SET SESSION foreign_key_checks = 0")
            cursor.execute("SHOW TABLES FROM test LIKE 'stagetest\\_%'")
            for (table,) in cursor.fetchall():
                cursor.execute(f"DROP TABLE IF EXISTS test.`{table}`")
    finally:
        holder.close()


@pytest.mark.parametrize("command", ["validate", "load"])
def test_scratch_of_killed_runs_is_swept(tmp_path: Path, tiny_parquet: Path, command: str) -> None:
    import tempfile

    purpose = "validate" if command == "validate" else "load"
    gone = subprocess.Popen(["true"])
    gone.wait()
    dead = Path(tempfile.mkdtemp(prefix=f"salesgen-{purpose}-{gone.pid}-"))
    running = Path(tempfile.mkdtemp(prefix=f"salesgen-{purpose}-1-"))  # pid 1 is alive
    try:
        args = ["validate", tiny_parquet, "--hard-only"] if command == "validate" else []
        if command == "load":
            args = ["generate", "-n", "20", "--reps", "2", "-q", "--to", f"sqlite:///{tmp_path / 'crm.db'}"]
        assert invoke(args).exit_code == 0
        assert not dead.exists() and running.is_dir()
    finally:
        for folder in (dead, running):
            if folder.exists():
                folder.rmdir()
