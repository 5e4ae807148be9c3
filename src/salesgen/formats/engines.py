"""Which machine runs a write: the engine registry and :func:`write_dataset`, the one entry point.

The local engine (``formats.writer.write_dataset_local``: this machine's processes) and the Dask
engine (``formats.cluster.write_dataset_dask``) write the same bytes. Picking one by name here keeps
the dependencies one way: the Dask writer builds on the local writer's block step, and neither
needs the other's entry point.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from salesgen.config import Config
    >>> out = Path(tempfile.mkdtemp()) / "crm"
    >>> summary = write_dataset(Config(num_customers=20, num_sales_reps=2), 1, "csv", out)
    >>> summary.row_counts["customers"], (out / "manifest.json").exists()
    (20, True)
    >>> sorted(ENGINES)
    ['dask', 'local']
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, Unpack

from salesgen.config import Config
from salesgen.formats.writer import WriteKeywords, WriteSummary, write_dataset_local


class Engine(Protocol):
    """How a run is executed; every engine writes the same bytes."""

    def __call__(
        self, config: Config, seed: int, format: str, target: str | Path, **options: Unpack[WriteKeywords]
    ) -> WriteSummary: ...


def _dask_engine() -> Engine:
    # Imported on demand: Dask is an optional extra.
    from salesgen.formats.cluster import write_dataset_dask

    return write_dataset_dask


ENGINES: dict[str, Callable[[], Engine]] = {"local": lambda: write_dataset_local, "dask": _dask_engine}
"""Engine name → its writer (loaded when asked for)."""


def write_dataset(
    config: Config,
    seed: int,
    format: str,
    target: str | Path,
    *,
    engine: str = "local",
    tables: Sequence[str] | None = None,
    **options: Unpack[WriteKeywords],
) -> WriteSummary:
    """Generate (config, seed) into ``target`` in ``format``; nothing appears at ``target`` unless all succeeds.

    ``workers``: processes generating and encoding blocks (never changes the bytes).
    ``expected_hash``: refuse to publish unless the dataset hash equals it (:class:`HashMismatchError`).
    ``engine``: ``"local"`` (this machine's processes) or ``"dask"`` (a Dask cluster: ``scheduler``
    address, else the default client, else a LocalCluster of ``workers`` processes; ``target`` may be any
    fsspec URL, ``storage_options`` its options). The engine never changes the bytes.
    ``tables``: write only these tables (generating what they need), each byte-identical to the same
    table of a full run; the manifest and ``datapackage.json`` list only them (local engine; file formats).
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of: {', '.join(ENGINES)}")
    if tables is None:
        return ENGINES[engine]()(config, seed, format, target, **options)
    if engine != "local":
        raise ValueError("tables= (--tables) runs on the local engine; drop --engine dask or --tables")
    return write_dataset_local(config, seed, format, target, tables=tables, **options)
