"""The manifest: deterministic JSON of a run's metadata, per-file hashes and the ``dataset_hash``.

Every output carries the same description of its run (:func:`run_metadata`):
``manifest.json`` in directory outputs, the ``"metadata"`` member of the JSON
document, the ``salesgen_metadata`` table of a DuckDB file.

Example:
    >>> dataset_hash({"b.csv": "22", "a.csv": "11"}) == dataset_hash({"a.csv": "11", "b.csv": "22"})
    True
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from enum import Enum
from pathlib import Path, PurePath
from typing import Any

from salesgen.contract import MANIFEST_FILE, TABLE_NAMES
from salesgen.entities.world import World
from salesgen.formats.datapackage import DATAPACKAGE_FILE, datapackage_text
from salesgen.version import __version__

FILES_KEY = "files"
"""Manifest key of the file list: ``{relative path: {"bytes", "rows", "sha256"}}``."""
HASH_KEY = "dataset_hash"
"""Manifest key of the one hash identifying a dataset's bytes (see :func:`dataset_hash`)."""

FileEntries = dict[str, dict[str, Any]]  # relative path → {"bytes", "rows", "sha256"}


def run_metadata(world: World, row_counts: Mapping[str, int], tables: Sequence[str] = TABLE_NAMES) -> dict[str, Any]:
    """The manifest's description of a run: version, seed, full config, as-of date, row counts, ground truth.

    ``row_counts`` lists ``tables`` (the ones written: all ten, or a subset), in contract order.

    Example:
        >>> from salesgen.config import Config
        >>> from salesgen.entities.world import build_world
        >>> meta = run_metadata(build_world(Config(num_customers=2, num_sales_reps=1), 3), {"customers": 2})
        >>> meta["seed"], meta["row_counts"]["customers"], meta["row_counts"]["contacts"]
        (3, 2, 0)
    """
    config, seed = world.config, world.seed
    return {
        "generator": "salesgen",
        "salesgen_version": __version__,
        "seed": seed,
        "as_of": config.as_of.isoformat(),
        "config": config.model_dump(mode="json"),
        "row_counts": {name: row_counts.get(name, 0) for name in TABLE_NAMES if name in tables},
        "truth": world.truth(),
    }


def _json_default(value: object) -> object:
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"metadata value of type {type(value).__name__} is not JSON serializable")


def dumps_metadata(metadata: Mapping[str, Any]) -> str:
    """Deterministic JSON text of ``metadata``: sorted keys, indent 2, UTF-8 kept, trailing newline.

    Paths, dates and Decimals become strings, Enums their value, sets sorted lists.

    Example:
        >>> dumps_metadata({"seed": 7, "name": "é"})
        '{\\n  "name": "é",\\n  "seed": 7\\n}\\n'
    """
    return (
        json.dumps(dict(metadata), sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False, default=_json_default)
        + "\n"
    )


def check_metadata(metadata: Mapping[str, Any]) -> None:
    """Raise before any output is built if ``metadata`` uses a key the manifest reserves or is not JSON.

    Example:
        >>> check_metadata({"files": []})
        Traceback (most recent call last):
        ...
        ValueError: metadata key 'files' is reserved for the manifest
    """
    for key in (FILES_KEY, HASH_KEY):
        if key in metadata:
            raise ValueError(f"metadata key {key!r} is reserved for the manifest")
    dumps_metadata(metadata)


def write_manifest(directory: Path, metadata: Mapping[str, Any], files: Mapping[str, Mapping[str, Any]]) -> str:
    """Write ``manifest.json`` (the metadata, the ``files`` and their ``dataset_hash``; return that hash)
    and its Frictionless description ``datapackage.json``.

    Example:
        >>> import tempfile
        >>> d = Path(tempfile.mkdtemp())
        >>> digest = write_manifest(d, {"seed": 1}, {"a.csv": {"bytes": 0, "rows": 0, "sha256": "e3b0"}})
        >>> json.loads((d / "manifest.json").read_text())["dataset_hash"] == digest
        True
    """
    text, digest = manifest_text(metadata, files)
    (directory / MANIFEST_FILE).write_text(text, encoding="utf-8")
    (directory / DATAPACKAGE_FILE).write_text(datapackage_text(metadata, files), encoding="utf-8")
    return digest


def manifest_text(metadata: Mapping[str, Any], files: Mapping[str, Mapping[str, Any]]) -> tuple[str, str]:
    """The text of ``manifest.json`` and the dataset hash, for writers that put the file themselves.

    Example:
        >>> text, digest = manifest_text({"seed": 1}, {})
        >>> json.loads(text)["dataset_hash"] == digest
        True
    """
    check_metadata(metadata)
    digest = dataset_hash({path: str(entry["sha256"]) for path, entry in files.items()})
    content = {**metadata, HASH_KEY: digest, FILES_KEY: {name: dict(files[name]) for name in sorted(files)}}
    return dumps_metadata(content), digest


def file_entry(path: Path, rows: int) -> dict[str, Any]:
    """A file's manifest entry: ``{"bytes", "rows", "sha256"}`` (read in 1 MiB blocks).

    Example:
        >>> import tempfile
        >>> p = Path(tempfile.mkdtemp()) / "x"; _ = p.write_bytes(b"")
        >>> file_entry(p, 0)["sha256"][:8]
        'e3b0c442'
    """
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return {"bytes": path.stat().st_size, "rows": rows, "sha256": digest.hexdigest()}


def dataset_hash(file_hashes: Mapping[str, str]) -> str:
    """One hash for a dataset: SHA-256 over its sorted ``path sha256`` lines.

    Example:
        >>> dataset_hash({})[:8]
        'e3b0c442'
    """
    lines = "".join(f"{path} {digest}\n" for path, digest in sorted(file_hashes.items()))
    return hashlib.sha256(lines.encode()).hexdigest()
