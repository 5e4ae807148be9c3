"""Where a distributed run writes: any fsspec path, committed all or nothing.

Two commit protocols, chosen by the target's file system:

* **A local file system** (a plain path or ``file://``): the usual staging
  folder next to the target, published by an atomic rename
  (:class:`~salesgen.formats.staging.Staging`). The layout is exactly that of
  the local engine.
* **An object store or any file system without rename** (``s3://``,
  ``memory://``, …): every file of a run goes under ``<target>/run-<id>/``
  (the run's own prefix, ``<id>`` random), text parts under
  ``<target>/run-<id>.parts/``. The dataset is committed by writing
  ``<target>/manifest.json`` last, in one PUT: it is the run's own manifest
  plus ``"data_root": "run-<id>"``. Readers follow only that manifest, so
  parts no committed manifest names are never read; a run that dies before
  its commit leaves the previous committed dataset readable, and its prefix
  is removed by the next run on the same target (as is the prefix a commit
  superseded). Two runs writing one target at once are not supported: the
  last commit wins.

Example:
    >>> store = open_destination("memory://doc-example/crm", overwrite=False)
    >>> store.commit('{"files": {}}\\n', '{}\\n')
    >>> data_root_of(read_committed(store.fs, store.target)) == store.data_root.rsplit("/", 1)[1]
    True
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fsspec.implementations.local import LocalFileSystem

from salesgen.contract import MANIFEST_FILE
from salesgen.formats.datapackage import DATAPACKAGE_FILE
from salesgen.formats.manifest import dumps_metadata
from salesgen.formats.staging import OutputExistsError, Staging
from salesgen.readers.remote import DATA_ROOT_KEY, RUN_PREFIX, data_root_of, open_fs, read_committed

PARTS_SUFFIX = ".parts"


def is_local(fs: Any) -> bool:
    """Whether ``fs`` is this machine's file system (where rename is atomic)."""
    return isinstance(fs, LocalFileSystem)


def shared_across_processes(fs: Any) -> bool:
    """Whether other processes see what one writes to ``fs`` (not so for ``memory://``: one process's RAM).

    Example:
        >>> shared_across_processes(open_fs("memory://x")[0]), shared_across_processes(open_fs("/tmp")[0])
        (False, True)
    """
    protocols = (fs.protocol,) if isinstance(fs.protocol, str) else tuple(fs.protocol)
    return "memory" not in protocols


@dataclass
class Destination:
    """A run's place to write: ``data_root`` gets the final files, ``parts_root`` the text parts.

    ``commit(manifest_text)`` makes the run the target's dataset; ``abort()`` removes what it wrote.
    """

    fs: Any
    target: str
    data_root: str
    parts_root: str
    staging: Staging | None = None
    superseded: list[str] = field(default_factory=list)

    def commit(self, manifest_text: str, datapackage_text: str) -> None:
        """Write the data package, then the manifest last: the data becomes the committed dataset at once."""
        _remove(self.fs, self.parts_root)
        self.fs.pipe_file(f"{self.data_root}/{DATAPACKAGE_FILE}", datapackage_text.encode("utf-8"))
        if self.staging is not None:
            Path(self.data_root, MANIFEST_FILE).write_text(manifest_text, encoding="utf-8")
            self.staging.publish()
            return
        run = self.data_root.rsplit("/", 1)[1]
        self.fs.pipe_file(f"{self.data_root}/{MANIFEST_FILE}", manifest_text.encode("utf-8"))
        pointer = {**json.loads(manifest_text), DATA_ROOT_KEY: run}
        self.fs.pipe_file(f"{self.target}/{MANIFEST_FILE}", _dumps(pointer))  # the commit
        for old in self.superseded:
            _remove(self.fs, old)

    def abort(self) -> None:
        """Remove this run's files (best effort: the next run removes what is left)."""
        if self.staging is not None:
            self.staging.discard()
            return
        for path in (self.parts_root, self.data_root):
            _remove(self.fs, path)


def _dumps(content: dict[str, Any]) -> bytes:
    return dumps_metadata(content).encode("utf-8")


def _remove(fs: Any, path: str) -> None:
    try:
        if fs.exists(path):
            fs.rm(path, recursive=True)
    except OSError:  # best effort: a later run retries
        pass


def open_destination(
    target: str | Path, *, overwrite: bool, storage_options: dict[str, Any] | None = None
) -> Destination:
    """Check ``target`` and open a run's destination in it (see the module docstring for the protocols).

    Raises :class:`~salesgen.formats.staging.OutputExistsError` if a dataset is there and
    ``overwrite`` is false, FileExistsError if ``target`` holds something that is not a salesgen output.
    """
    fs, root = open_fs(target, storage_options)
    if is_local(fs):
        staging = Staging(root, overwrite=overwrite, directory=True)
        artifact = str(staging.artifact)
        return Destination(fs, root, artifact, f"{artifact}/.parts", staging=staging)
    fs.invalidate_cache()  # s3fs caches listings: a stale one would miss debris
    manifest = read_committed(fs, root)
    entries = [path.rstrip("/").rsplit("/", 1)[-1] for path in fs.ls(root, detail=False)] if fs.isdir(root) else []
    foreign = [name for name in entries if name != MANIFEST_FILE and not name.startswith(RUN_PREFIX)]
    if manifest is not None and not overwrite:
        raise OutputExistsError(Path(str(target)))
    if foreign and manifest is None:
        raise FileExistsError(
            f"refusing to write into {target}: it holds files that are not a salesgen output "
            f"({', '.join(sorted(foreign)[:3])}…); choose another --out"
        )
    keep = data_root_of(manifest)
    for name in entries:  # debris of runs that never committed
        if name.startswith(RUN_PREFIX) and name != keep:
            _remove(fs, f"{root}/{name}")
    run = RUN_PREFIX + secrets.token_hex(8)
    data_root = f"{root}/{run}"
    fs.makedirs(data_root, exist_ok=True)
    superseded = [f"{root}/{keep}"] if keep else []
    return Destination(fs, root, data_root, data_root + PARTS_SUFFIX, superseded=superseded)
