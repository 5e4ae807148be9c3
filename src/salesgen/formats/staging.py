"""Atomic publish: build output in a private staging directory, then rename it into place.

The staging directory ``.<name>.salesgen-staging-<pid>-<random>`` lives next to
the target (same directory, hence same file system), so publishing is a rename
— or, when replacing, an atomic swap (:mod:`salesgen.formats.rename`): readers
see either the old target or the complete new one, never a half written output,
and no moment exists where the target is missing. ``discard`` removes the
staging and leaves the target as it was; what a killed run leaves is recovered
by the next run on the same target (:func:`recover_abandoned`). Only regular
files and salesgen output folders are ever replaced (:func:`check_target`).

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> out = Path(tempfile.mkdtemp()) / "crm"
    >>> staging = Staging(out, overwrite=False, directory=True)
    >>> _ = (staging.artifact / "manifest.json").write_text("{}")
    >>> staging.publish() == out.absolute(), (out / "manifest.json").exists()
    (True, True)
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import stat
import sys
import time
from pathlib import Path

from salesgen.contract import MANIFEST_FILE
from salesgen.databases.scratch import process_alive
from salesgen.formats.rename import ExchangeUnsupported, exchange, move_new


def _remove(path: Path) -> None:
    """Delete a file, symlink or directory tree; missing paths are fine."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    """Flush a file or directory to stable storage (best effort for directories)."""
    flags = os.O_RDONLY | (os.O_DIRECTORY if path.is_dir() else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class OutputExistsError(FileExistsError):
    """The output exists and replacing it was not asked for; ``target`` names it."""

    def __init__(self, target: Path) -> None:
        self.target = target
        super().__init__(f"output {target} already exists; pass overwrite=True to replace it")


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISLNK, "a symbolic link"),
        (stat.S_ISDIR, "a directory"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def check_target(target: Path, *, overwrite: bool, directory: bool) -> None:
    """Raise if ``target`` exists and may not be replaced.

    Only a regular file (single-file formats) or a salesgen output directory
    (empty, or holding ``manifest.json``) is ever replaced: never a device, a
    FIFO, a socket, a symbolic link, a foreign directory, or a path of the other
    kind, so that a mistyped path cannot destroy unrelated data.

    Example:
        >>> check_target(Path("/nonexistent/x.json"), overwrite=False, directory=False)
        >>> check_target(Path("/dev/null"), overwrite=True, directory=False)
        Traceback (most recent call last):
        ...
        FileExistsError: refusing to replace /dev/null: it is a character device; salesgen replaces only regular \
files and its own output folders (choose another output path)
    """
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise OSError(f"cannot inspect output {target}: {error.strerror}") from error
    if not overwrite:
        raise OutputExistsError(target)
    wanted = stat.S_ISDIR if directory else stat.S_ISREG
    if not wanted(mode) and not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
        raise FileExistsError(
            f"refusing to replace {target}: it is {_kind(mode)}; salesgen replaces only regular files and its "
            "own output folders (choose another output path)"
        )
    if directory:
        if not stat.S_ISDIR(mode):
            raise FileExistsError(f"cannot overwrite {target}: it exists and is not a directory")
        if any(target.iterdir()) and not (target / MANIFEST_FILE).is_file():
            raise FileExistsError(
                f"refusing to overwrite {target}: a non-empty directory that is not a salesgen "
                f"output (no {MANIFEST_FILE})"
            )
    elif stat.S_ISDIR(mode):
        raise IsADirectoryError(f"cannot overwrite {target}: it is a directory, expected a file")


def _private_sibling(target: Path, tag: str) -> Path:
    # The pid lets a later run recognise what a killed one left (see recover_abandoned).
    return target.parent / f".{target.name}.salesgen-{tag}-{os.getpid()}-{secrets.token_hex(6)}"


def _abandoned(target: Path, tag: str) -> list[Path]:
    """Siblings ``tag`` of ``target`` whose run is gone (its process no longer exists), newest first."""
    found = []
    for path in target.parent.glob(f".{glob.escape(target.name)}.salesgen-{tag}-*-*"):
        pid = path.name.rsplit("-", 2)[-2]
        if pid.isdigit() and int(pid) != os.getpid() and not process_alive(int(pid)):
            found.append(path)
    return sorted(found, key=_mtime, reverse=True)


def _mtime(path: Path) -> int:
    try:
        return path.lstat().st_mtime_ns
    except OSError:  # removed meanwhile by another run's cleanup
        return 0


def recover_abandoned(target: Path) -> list[Path]:
    """Clean up what killed runs left next to ``target``; return the paths removed or restored.

    A run killed while publishing by two renames (systems without an atomic
    exchange) may have moved the old output aside (``-old-``) without putting
    the new one in place: if the target is missing, the old output is renamed
    back — restored, never deleted. Staging directories (``-staging-``) of dead
    runs hold nothing published and are removed. Runs still alive are left alone.

    Example:
        >>> recover_abandoned(Path("/nonexistent/crm"))
        []
    """
    touched: list[Path] = []
    if not target.parent.is_dir():
        return touched
    for old in _abandoned(target, "old"):
        if not (target.exists() or target.is_symlink()):
            os.rename(old, target)  # the interrupted run's previous output is the last good one
        else:
            _remove(old)
        touched.append(old)
    for staging in _abandoned(target, "staging"):
        _remove(staging)
        touched.append(staging)
    return touched


def pause_point(name: str) -> None:
    """Stop here forever if ``SALESGEN_PAUSE_AT`` names this point: lets tests kill a run at an exact moment.

    Example:
        >>> pause_point("publish-start")  # not asked for: returns at once
    """
    if os.environ.get("SALESGEN_PAUSE_AT") != name:
        return
    sys.stderr.write(f"salesgen: paused at {name}\n")
    sys.stderr.flush()
    while True:
        time.sleep(3600)


class Staging:
    """A staging directory next to ``target`` and the artifact to publish from it.

    ``directory=True``: the staging directory itself becomes the target.
    ``directory=False``: the file ``<staging>/<target name>`` becomes the target;
    other files in the staging directory are scratch space.

    Missing parent directories are created; an unwritable location raises
    ``PermissionError``/``OSError`` naming the path, before any other work.

    Example:
        >>> import tempfile
        >>> staging = Staging(Path(tempfile.mkdtemp()) / "crm.json", overwrite=False, directory=False)
        >>> staging.artifact.name
        'crm.json'
        >>> staging.discard()
    """

    def __init__(self, target: str | Path, *, overwrite: bool, directory: bool) -> None:
        self.target = Path(os.path.abspath(target))
        if self.target.parent == self.target:
            raise ValueError(f"invalid output path {target!s}")
        self.overwrite = overwrite
        self.directory = directory
        recover_abandoned(self.target)  # first: it may restore the target a killed run moved aside
        check_target(self.target, overwrite=overwrite, directory=directory)
        parent = self.target.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            self.root = _private_sibling(self.target, "staging")
            self.root.mkdir()
        except PermissionError as error:
            raise PermissionError(
                f"cannot write output {self.target}: directory {parent} is not writable ({error.strerror})"
            ) from error
        except OSError as error:
            raise OSError(
                f"cannot write output {self.target}: cannot create a staging directory in {parent} "
                f"({error.strerror or error})"
            ) from error
        self.artifact = self.root if directory else self.root / self.target.name
        self.published = False

    def publish(self) -> Path:
        """Put the artifact in place of the target (replacing it if allowed); return the target.

        A replaced target is swapped with the artifact in one atomic step
        (``renameat2(RENAME_EXCHANGE)``): at every moment the target holds the
        old output or the new one. Where that is unavailable, the old target is
        renamed aside and the artifact renamed onto it; a run killed between the
        two leaves the old output aside, which the next run restores
        (:func:`recover_abandoned`).

        Example:
            >>> import tempfile
            >>> s = Staging(Path(tempfile.mkdtemp()) / "f.txt", overwrite=False, directory=False)
            >>> _ = s.artifact.write_text("x")
            >>> s.publish().read_text()
            'x'
        """
        if self.published:
            raise RuntimeError(f"{self.target} was already published")
        if not (self.artifact.exists() or self.artifact.is_symlink()):
            raise FileNotFoundError(f"nothing to publish: {self.artifact} is missing")
        check_target(self.target, overwrite=self.overwrite, directory=self.directory)
        for path in [self.artifact, *self.artifact.rglob("*")] if self.directory else [self.artifact]:
            _fsync(path)
        pause_point("publish-start")
        if self.target.exists() or self.target.is_symlink():
            self._replace()
        else:
            move_new(self.artifact, self.target)
        self.published = True
        pause_point("publish-done")
        _remove(self.root)  # holds the old output after a swap, scratch files otherwise
        _fsync(self.target.parent)
        return self.target

    def _replace(self) -> None:
        try:
            exchange(self.artifact, self.target)  # the artifact's path now holds the old output
            return
        except ExchangeUnsupported:
            pass
        old = _private_sibling(self.target, "old")
        os.rename(self.target, old)
        pause_point("publish-between-renames")
        try:
            os.rename(self.artifact, self.target)
        except BaseException:
            os.rename(old, self.target)
            raise
        _remove(old)

    def discard(self) -> None:
        """Remove the staging directory (idempotent); the target is not touched.

        Example:
            >>> import tempfile
            >>> s = Staging(Path(tempfile.mkdtemp()) / "d", overwrite=False, directory=True)
            >>> s.discard(); s.root.exists()
            False
        """
        if not self.published:
            _remove(self.root)
