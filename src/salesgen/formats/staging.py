"""Atomic publish: build output in a private staging directory, then rename it into place.

The staging directory ``.<name>.salesgen-staging-<random>`` lives next to the
target (same directory, hence same file system), so publishing is a rename:
readers see either the old target or the complete new one, never a half
written output. ``discard`` removes the staging and leaves the target as it was.

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

import os
import secrets
import shutil
from pathlib import Path

from salesgen.contract import MANIFEST_FILE


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


def check_target(target: Path, *, overwrite: bool, directory: bool) -> None:
    """Raise if ``target`` exists and may not be replaced.

    Overwriting is refused for a directory that is neither empty nor a salesgen
    output (no ``manifest.json``), and when the existing kind (file vs.
    directory) differs from the one to be written, so that a mistyped path
    cannot delete unrelated data.

    Example:
        >>> check_target(Path("/nonexistent/x.json"), overwrite=False, directory=False)
    """
    if not (target.exists() or target.is_symlink()):
        return
    if not overwrite:
        raise FileExistsError(
            f"output {target} already exists; pass overwrite=True (--overwrite in the CLI) to replace it"
        )
    if directory:
        if not target.is_dir():
            raise FileExistsError(f"cannot overwrite {target}: it exists and is not a directory")
        if any(target.iterdir()) and not (target / MANIFEST_FILE).is_file():
            raise FileExistsError(
                f"refusing to overwrite {target}: a non-empty directory that is not a salesgen "
                f"output (no {MANIFEST_FILE})"
            )
    elif target.is_dir():
        raise IsADirectoryError(f"cannot overwrite {target}: it is a directory, expected a file")


def _private_sibling(target: Path, tag: str) -> Path:
    # The pid lets a later run recognise staging left by a killed one (see remove_abandoned).
    return target.parent / f".{target.name}.salesgen-{tag}-{os.getpid()}-{secrets.token_hex(6)}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_abandoned(target: Path) -> list[Path]:
    """Delete staging next to ``target`` left by runs that were killed (their process is gone).

    Example:
        >>> remove_abandoned(Path("/nonexistent/crm"))
        []
    """
    removed: list[Path] = []
    if not target.parent.is_dir():
        return removed
    for path in target.parent.glob(f".{target.name}.salesgen-*-*-*"):
        pid = path.name.rsplit("-", 2)[-2]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            _remove(path)
            removed.append(path)
    return removed


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
        check_target(self.target, overwrite=overwrite, directory=directory)
        remove_abandoned(self.target)
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
        """Rename the artifact onto the target (replacing it if allowed); return the target.

        With overwrite, the old target is first renamed aside, then removed once
        the new one is in place; if the rename fails the old target is restored.

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
        old: Path | None = None
        if self.target.exists() or self.target.is_symlink():
            old = _private_sibling(self.target, "old")
            os.rename(self.target, old)
        try:
            os.rename(self.artifact, self.target)
        except BaseException:
            if old is not None:
                os.rename(old, self.target)
            raise
        self.published = True
        if old is not None:
            _remove(old)
        if not self.directory:
            _remove(self.root)
        _fsync(self.target.parent)
        return self.target

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
