"""Datasets at fsspec URLs (``s3://``, ``memory://``, ``file://``, …): the committed dataset, read locally.

The reading side of the commit protocol of :mod:`salesgen.formats.remote`: the
dataset at a URL is the one its ``manifest.json`` names. When that manifest
has a ``data_root`` (``run-<id>``, an object-store layout), the files are under
that prefix; parts that no committed manifest names (a run that died before
its commit) are never read. The committed files are copied into a private
scratch folder (removed on close; the next reader sweeps a killed reader's)
and opened like any local output, so every check and reader works unchanged.

fsspec comes with the extra: ``pip install "salesgen[dask]"``.

Example:
    >>> is_fsspec_url("s3://bucket/crm/"), is_fsspec_url("postgresql://db/crm"), is_fsspec_url("crm/")
    (True, False, False)
"""

from __future__ import annotations

import importlib.util
import json
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from salesgen.contract import MANIFEST_FILE
from salesgen.databases.scratch import scratch_directory
from salesgen.readers.files import open_file
from salesgen.readers.source import Source, SourceError

DATA_ROOT_KEY = "data_root"
"""Key of a committed manifest naming the run prefix that holds the data (object-store layout)."""
RUN_PREFIX = "run-"
FSSPEC_SCHEMES = frozenset({"file", "memory", "s3", "s3a", "gs", "gcs", "az", "abfs", "abfss", "hdfs", "webhdfs"})
"""URL schemes read through fsspec (database URLs are read by :mod:`~salesgen.readers.database`)."""
MAX_MANIFEST_BYTES = 64 << 20


def is_fsspec_url(text: str | object) -> bool:
    """Whether ``text`` is a URL of a file system salesgen reads and writes through fsspec."""
    match = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*)://", text) if isinstance(text, str) else None
    return match is not None and match.group(1).lower() in FSSPEC_SCHEMES


def open_fs(target: str | Path, storage_options: dict[str, Any] | None = None) -> tuple[Any, str]:
    """The fsspec file system of ``target`` and the path inside it, without a trailing slash.

    Example:
        >>> fs, path = open_fs("file:///tmp/crm/")
        >>> type(fs).__name__, path
        ('LocalFileSystem', '/tmp/crm')
    """
    if importlib.util.find_spec("fsspec") is None:
        raise SourceError(f'reading {target} needs fsspec: install it with pip install "salesgen[dask]"')
    import fsspec

    fs, path = fsspec.core.url_to_fs(str(target), **(storage_options or {}))
    return fs, str(path).rstrip("/") or "/"


def read_committed(fs: Any, root: str) -> dict[str, Any] | None:
    """The committed manifest at ``root`` (None if there is none); SourceError if it is not a JSON object."""
    path = f"{root}/{MANIFEST_FILE}"
    if not fs.isfile(path):
        return None
    if fs.size(path) > MAX_MANIFEST_BYTES:
        raise SourceError(f"{path} is larger than {MAX_MANIFEST_BYTES >> 20} MiB: not a salesgen manifest")
    try:
        loaded = json.loads(fs.cat_file(path).decode("utf-8"))
    except (ValueError, RecursionError) as error:
        raise SourceError(f"{path} is not valid JSON ({error}); regenerate the dataset or remove it") from error
    if not isinstance(loaded, dict):
        raise SourceError(f"{path} holds a JSON {type(loaded).__name__}, expected an object")
    return loaded


def data_root_of(manifest: dict[str, Any] | None) -> str | None:
    """The run prefix a committed manifest names (None for the local layout); only ``run-<name>`` is followed.

    Example:
        >>> data_root_of({"data_root": "run-00ff"}), data_root_of({"data_root": "../etc"}), data_root_of(None)
        ('run-00ff', None, None)
    """
    value = (manifest or {}).get(DATA_ROOT_KEY)
    if isinstance(value, str) and re.fullmatch(RUN_PREFIX + r"[A-Za-z0-9_-]+", value):
        return value
    return None


def _safe(relative: str) -> bool:
    parts = relative.split("/")
    return bool(relative) and not relative.startswith("/") and ".." not in parts and "" not in parts


def download_committed(url: str, into: Path, storage_options: dict[str, Any] | None = None) -> Path:
    """Copy the committed dataset at ``url`` (manifest and the files it names) into ``into``; return the copy."""
    fs, root = open_fs(url, storage_options)
    if hasattr(fs, "invalidate_cache"):
        fs.invalidate_cache()
    if fs.isfile(root):  # a one-file output (JSON document, DuckDB file)
        local = into / root.rsplit("/", 1)[-1]
        fs.get_file(root, str(local))
        return local
    manifest = read_committed(fs, root)
    if manifest is None:
        raise SourceError(f"{url} holds no {MANIFEST_FILE}: not a committed salesgen dataset")
    data_root = data_root_of(manifest)
    folder = f"{root}/{data_root}" if data_root else root
    files = manifest.get("files")
    if not isinstance(files, dict) or not all(isinstance(name, str) and _safe(name) for name in files):
        raise SourceError(f"{url}/{MANIFEST_FILE}: 'files' must map relative paths inside the dataset")
    local = into / "dataset"
    for relative in [MANIFEST_FILE, *sorted(files)]:
        destination = local / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        if relative == MANIFEST_FILE and data_root:  # the run's own manifest (as the local engine writes it)
            fs.get_file(f"{folder}/{MANIFEST_FILE}", str(destination))
            continue
        try:
            fs.get_file(f"{folder}/{relative}", str(destination))
        except FileNotFoundError as error:
            raise SourceError(f"{url}: {relative} named by the manifest is missing") from error
    return local


@contextmanager
def local_dataset(path_or_url: str | Path, storage_options: dict[str, Any] | None = None) -> Iterator[Path]:
    """A local path to the dataset: the path itself, or for an fsspec URL a scratch copy of its committed files.

    Example:
        >>> with local_dataset("crm_parquet") as path:
        ...     path
        PosixPath('crm_parquet')
    """
    if not is_fsspec_url(path_or_url):
        yield Path(path_or_url)
        return
    with scratch_directory("load") as scratch:
        yield download_committed(str(path_or_url), Path(scratch), storage_options)


@dataclass
class DownloadedSource(Source):
    """A :class:`Source` over a local copy; closing it also removes the copy."""

    download: tempfile.TemporaryDirectory[str] | None = None

    def close(self) -> None:
        super().close()
        if self.download is not None:
            self.download.cleanup()


def open_fsspec(url: str, storage_options: dict[str, Any] | None = None) -> Source:
    """Open the committed salesgen dataset at an fsspec ``url`` (see the module docstring)."""
    fs, root = open_fs(url, storage_options)
    if "file" in ((fs.protocol,) if isinstance(fs.protocol, str) else fs.protocol):
        return open_file(root)  # this machine's files: read in place
    download = scratch_directory("download")
    try:
        try:
            local = download_committed(url, Path(download.name), storage_options)
        except OSError as error:
            raise SourceError(f"cannot read {url}: {error}") from error
        source = open_file(local)
    except BaseException:
        download.cleanup()
        raise
    values = {field.name: getattr(source, field.name) for field in fields(Source)}
    return DownloadedSource(**values, download=download)
