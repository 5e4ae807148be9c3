"""Bad output paths: only regular files and salesgen folders are ever replaced, and every refusal names the path."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from tests.badinput.helpers import TINY, check_refused, invoke, leftovers


def test_dev_null_is_never_replaced(tmp_path: Path) -> None:
    before = os.stat("/dev/null")
    result = invoke(["generate", *TINY, "-f", "json", "-o", "/dev/null", "--overwrite"])
    check_refused(result, "/dev/null", "character device", "regular files")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino
    assert leftovers(Path("/dev")) == []


@pytest.mark.parametrize("fmt", ["json", "duckdb", "csv"])
def test_fifo_is_never_replaced(tmp_path: Path, fmt: str) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    check_refused(invoke(["generate", *TINY, "-f", fmt, "-o", fifo, "--overwrite"]), str(fifo), "named pipe")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and leftovers(tmp_path) == []


def test_socket_is_never_replaced(tmp_path: Path) -> None:
    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        check_refused(invoke(["generate", *TINY, "-f", "json", "-o", path, "--overwrite"]), "s.sock", "socket")
        assert stat.S_ISSOCK(os.lstat(path).st_mode)
    finally:
        server.close()


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_symlink_is_never_replaced(tmp_path: Path, fmt: str) -> None:
    precious = tmp_path / "precious"
    precious.mkdir() if fmt == "csv" else precious.write_text("keep")
    link = tmp_path / "link"
    link.symlink_to(precious)
    check_refused(invoke(["generate", *TINY, "-f", fmt, "-o", link, "--overwrite"]), str(link), "symbolic link")
    assert link.is_symlink() and os.readlink(link) == str(precious) and leftovers(tmp_path) == []


def test_foreign_directory_is_never_replaced(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "thesis.tex").write_text("precious")
    check_refused(invoke(["generate", *TINY, "-f", "csv", "-o", home, "--overwrite"]), str(home), "manifest.json")
    assert (home / "thesis.tex").read_text() == "precious" and leftovers(tmp_path) == []


@pytest.mark.parametrize(("fmt", "kind", "named"), [("csv", "file", "not a directory"), ("json", "dir", "directory")])
def test_kind_mismatch_refused(tmp_path: Path, fmt: str, kind: str, named: str) -> None:
    target = tmp_path / "target"
    target.mkdir() if kind == "dir" else target.write_text("x")
    check_refused(invoke(["generate", *TINY, "-f", fmt, "-o", target, "--overwrite"]), str(target), named)
    assert target.is_dir() == (kind == "dir") and leftovers(tmp_path) == []


def test_existing_output_names_the_flag_not_the_keyword(tmp_path: Path) -> None:
    out = tmp_path / "crm.json"
    out.write_text("{}")
    output = check_refused(invoke(["generate", *TINY, "-f", "json", "-o", out]), str(out), "--overwrite")
    assert "overwrite=True" not in output and out.read_text() == "{}"


@pytest.mark.parametrize("name", ["out[/]", "[bold]crm", "x[/x]y", "crm [red]"])
def test_markup_in_paths_is_text(tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    out.parent.mkdir(parents=True, exist_ok=True)  # "out[/]" is the file "]" in the folder "out["
    out.write_text("keep")
    check_refused(invoke(["generate", *TINY, "-f", "json", "-o", out]), str(out))
    assert out.read_text() == "keep"


def test_markup_in_path_of_a_successful_run(tmp_path: Path) -> None:
    out = tmp_path / "out[/]"
    result = invoke(["generate", "-n", "20", "--reps", "2", "-f", "csv", "-o", out])
    assert result.exit_code == 0, result.output
    assert str(out) in result.output.replace("\n", "") or "out[/]" in result.output


UNWRITABLE = [
    ("/proc/salesgen-crm", "/proc"),
    ("{tmp}/file/sub/crm", "file"),
    ("/", "invalid output path"),
    ("{tmp}/" + "x" * 300, "x" * 50),
]


@pytest.mark.parametrize(("path", "named"), UNWRITABLE, ids=["proc", "parent-is-file", "root", "name-too-long"])
def test_unwritable_output_named(tmp_path: Path, path: str, named: str) -> None:
    (tmp_path / "file").write_text("x")
    result = invoke(["generate", *TINY, "-f", "csv", "-o", path.format(tmp=tmp_path)])
    check_refused(result, named)
    assert leftovers(tmp_path) == [] and (tmp_path / "file").read_text() == "x"


def test_replace_is_an_atomic_exchange_on_this_system(tmp_path: Path) -> None:
    """Linux file systems here support RENAME_EXCHANGE: the fallback with its between-renames moment is not used."""
    from salesgen.formats.rename import exchange

    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "n").write_text("new")
    (tmp_path / "old").write_text("old")
    exchange(tmp_path / "new", tmp_path / "old")
    assert (tmp_path / "old" / "n").read_text() == "new" and (tmp_path / "new").read_text() == "old"


@pytest.mark.parametrize("fallback", [False, True])
def test_target_that_appears_while_writing_is_not_clobbered(
    tmp_path: Path, fallback: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from salesgen.formats.staging import Staging

    if fallback:
        monkeypatch.setenv("SALESGEN_NO_RENAME_EXCHANGE", "1")
    target = tmp_path / "crm.json"
    staging = Staging(target, overwrite=False, directory=False)
    staging.artifact.write_text("new")
    target.write_text("someone else's")  # created by another program after the run started
    with pytest.raises(FileExistsError, match=r"crm\.json"):
        staging.publish()
    staging.discard()
    assert target.read_text() == "someone else's" and leftovers(tmp_path) == []
