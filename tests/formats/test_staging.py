"""Tests of salesgen.formats.staging: atomic publish, refused or failed writes leave the target untouched."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from salesgen.config import Config
from salesgen.formats import FORMAT_NAMES, FORMATS, write_dataset, write_tables
from salesgen.generator import Dataset
from tests.badinput.processes import default_sigint
from tests.formats.outputs import digests, leftovers, tree_hashes, write_all, write_data
from tests.samples import dataset


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_existing_target_refused_then_overwritten(tmp_path: Path, crm: Dataset, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    write_data(fmt, target, crm)
    with pytest.raises(FileExistsError, match="overwrite") as error:
        write_data(fmt, target, crm)
    assert str(target) in str(error.value)
    assert write_data(fmt, target, crm, overwrite=True) == target
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_failure_while_writing_leaves_target_untouched(tmp_path: Path, crm: Dataset, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    write_data(fmt, target, crm)
    before = digests(target)
    broken = {**crm, "interactions": crm["interactions"].drop_columns(["notes"])}
    with pytest.raises(ValueError, match="interactions"):
        write_tables(broken, crm.metadata(), fmt, target, overwrite=True)
    assert digests(target) == before
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_failure_inside_assembly_leaves_target_untouched(
    tmp_path: Path, crm: Dataset, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / f"out.{fmt}"
    write_data(fmt, target, crm)
    before = digests(target)
    kind = type(FORMATS[fmt])
    assemble = kind.assemble

    def crash(self: Any, *args: Any) -> str:
        assemble(self, *args)
        raise KeyboardInterrupt

    monkeypatch.setattr(kind, "assemble", crash)
    with pytest.raises(KeyboardInterrupt):
        write_data(fmt, target, crm, overwrite=True)
    assert digests(target) == before
    assert leftovers(tmp_path) == []


def test_unwritable_parent_named_at_open(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(OSError, match="a-file"):
        write_all("json", blocker / "sub" / "out.json", dataset())


def test_missing_parents_are_created(tmp_path: Path) -> None:
    out = write_all("jsonl", tmp_path / "x" / "y" / "out", dataset())
    assert (out / "manifest.json").is_file()


def test_refuses_to_overwrite_foreign_directory_or_kind_mismatch(tmp_path: Path) -> None:
    foreign = tmp_path / "home"
    foreign.mkdir()
    (foreign / "thesis.tex").write_text("precious")
    with pytest.raises(FileExistsError, match="not a salesgen output"):
        write_all("csv", foreign, dataset(), overwrite=True)
    with pytest.raises(IsADirectoryError):
        write_all("json", foreign, dataset(), overwrite=True)
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(FileExistsError, match="not a directory"):
        write_all("parquet", tmp_path / "file.txt", dataset(), overwrite=True)
    assert (foreign / "thesis.tex").read_text() == "precious"


def test_permission_error_names_the_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Path, *args: Any, **kwargs: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(PermissionError, match=f"{tmp_path}.*not writable"):
        write_all("parquet", tmp_path / "out", dataset())


def _start_cli(out: Path, customers: int, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "salesgen",
            "generate",
            "-n",
            str(customers),
            "-f",
            "parquet",
            "-o",
            str(out),
            "--block-size",
            "2000",
            "-q",
            *extra,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=default_sigint,  # Ctrl-C must reach the run even when the suite is a background job
    )


def _wait_for_parts(parent: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(parent.glob(".*staging*/customers/part-*.parquet")):
            return
        time.sleep(0.05)
    raise AssertionError("the run never started writing parts")


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT])
def test_interrupted_run_leaves_previous_output_untouched(tmp_path: Path, how: signal.Signals) -> None:
    out = tmp_path / "crm"
    write_dataset(Config(num_customers=50), 1, "parquet", out)
    before = tree_hashes(out)
    process = _start_cli(out, 400_000, "--overwrite")
    _wait_for_parts(tmp_path)
    process.send_signal(how)
    process.wait(timeout=60)
    assert process.returncode != 0
    assert tree_hashes(out) == before
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "crm"]
    if how == signal.SIGINT:
        assert leftovers == []  # Ctrl-C cleans its staging up
    else:  # kill -9 cannot clean up: what is left is hidden and never looks like a dataset
        assert all(name.startswith(".") and "staging" in name for name in leftovers)
        assert not any((tmp_path / name / "manifest.json").exists() for name in leftovers)
        write_dataset(Config(num_customers=10), 1, "parquet", out, overwrite=True)  # the next run cleans up
        assert [p.name for p in tmp_path.iterdir()] == ["crm"]
