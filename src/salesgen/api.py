"""The verbs of the public face: generate, write, read (also as pandas or polars frames), validate, load.

Each is a thin, typed entry over one internal mechanism (the engine, the one
writer, the one reader, the check registry, the one load protocol), so the
library, the CLI and the tests all run the same code.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> out = Path(tempfile.mkdtemp()) / "crm"
    >>> summary = write(Config(num_customers=30, num_sales_reps=3), seed=7, format="csv", target=out)
    >>> tables = read(out)
    >>> tables["customers"].num_rows, validate(out).passed
    (30, True)
"""

from __future__ import annotations

import importlib
import re
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Unpack

import pyarrow as pa

from salesgen.checks import CheckKind, CheckResult, run_checks, select_checks
from salesgen.config import Config
from salesgen.contract import TABLE_NAMES
from salesgen.databases.loader import IfExists, LoadResult, run_load
from salesgen.formats import WriteSummary, write_dataset
from salesgen.formats.writer import WriteKeywords
from salesgen.generator import Dataset, SalesDataGenerator
from salesgen.readers import Source, open_source
from salesgen.readers import read as _read
from salesgen.readers.remote import local_dataset


def generate(
    config: Config | None = None,
    *,
    seed: int = 42,
    preset: str | None = None,
    tables: Iterable[str] | None = None,
    **overrides: Any,
) -> Dataset:
    """All ten tables in memory (or only ``tables``, each equal to the same table of a full run);
    ``overrides`` set any ``Config`` field.

    Example:
        >>> generate(Config(num_customers=5, num_sales_reps=1), seed=1)["customers"].num_rows
        5
        >>> list(generate(Config(num_customers=5, num_sales_reps=1), seed=1, tables=["customers", "products"]))
        ['products', 'customers']
    """
    return SalesDataGenerator(seed, config, preset=preset).generate_dataset(tables=tables, **overrides)


def write(
    config: Config | None = None,
    *,
    target: str | Path,
    format: str = "duckdb",
    seed: int = 42,
    engine: str = "local",
    tables: Iterable[str] | None = None,
    **options: Unpack[WriteKeywords],
) -> WriteSummary:
    """Generate straight to ``target`` in ``format`` (what ``salesgen generate`` runs), atomically.

    Memory is bounded by the block, not the dataset; ``workers`` never changes the bytes;
    ``expected_hash`` refuses to publish a dataset whose hash differs. ``engine="dask"`` runs the
    blocks on a Dask cluster (the ``scheduler`` address, else the current ``Client``, else a
    LocalCluster of ``workers`` processes) and writes to any fsspec ``target`` (``s3://…``,
    ``memory://…``; ``storage_options`` for its file system): same bytes (``pip install "salesgen[dask]"``).
    ``tables=["opportunities", "customers"]`` writes only those tables (file formats, local engine), each
    byte-identical to the same table of a full run; the manifest lists only them.

    Example:
        >>> import tempfile
        >>> out = Path(tempfile.mkdtemp()) / "crm.json"
        >>> write(Config(num_customers=3, num_sales_reps=1), target=out, format="json").row_counts["customers"]
        3
    """
    chosen = None if tables is None else list(tables)
    return write_dataset(config or Config(), seed, format, target, engine=engine, tables=chosen, **options)


def read(
    source: str | Path, *, tables: Iterable[str] | None = None, schema: str | None = None, prefix: str = ""
) -> dict[str, pa.Table]:
    """The tables (all ten, or ``tables``) of any salesgen output or database URL, with the contract's Arrow types.

    CSV and JSON come back with decimal money, UTC timestamps and list columns, exactly as
    ``salesgen.contract.arrow_schema(name)`` says (see :func:`salesgen.readers.read`).

    Example:
        >>> read("crm_csv/", tables=["opportunities"])["opportunities"].to_pandas()  # doctest: +SKIP
    """
    return _read(source, tables=tables, schema=schema, prefix=prefix)


def read_pandas(
    source: str | Path, *, tables: Iterable[str] | None = None, schema: str | None = None, prefix: str = ""
) -> dict[str, Any]:
    """:func:`read` as pandas DataFrames backed by Arrow types (``pd.ArrowDtype``), so nothing is lost.

    Money stays exact decimal, timestamps UTC-aware, ids integers even where some are null, a null
    text stays distinct from ``""``, postal codes stay text and list columns stay lists — what
    ``pd.read_csv`` cannot know. Needs pandas (``pip install pandas``).

    Example:
        >>> frames = read_pandas(_sample_csv(), tables=["opportunities"])
        >>> str(frames["opportunities"]["amount"].dtype), str(frames["opportunities"]["created_at"].dtype)
        ('decimal128(18, 2)[pyarrow]', 'timestamp[us, tz=UTC][pyarrow]')
    """
    pd = _optional("pandas")
    return {
        name: t.to_pandas(types_mapper=pd.ArrowDtype)
        for name, t in read(source, tables=tables, schema=schema, prefix=prefix).items()
    }


def read_polars(
    source: str | Path, *, tables: Iterable[str] | None = None, schema: str | None = None, prefix: str = ""
) -> dict[str, Any]:
    """:func:`read` as polars DataFrames (decimal money, UTC datetimes, list columns). Needs polars.

    Example:
        >>> frames = read_polars(_sample_csv(), tables=["customers"])
        >>> frames["customers"].schema["annual_revenue"], frames["customers"].schema["postal_code"]
        (Decimal(precision=18, scale=2), String)
    """
    pl = _optional("polars")
    return {name: pl.from_arrow(t) for name, t in read(source, tables=tables, schema=schema, prefix=prefix).items()}


def _optional(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:
        raise ImportError(f"salesgen.read_{module} needs {module}: pip install {module}") from None


def _sample_csv() -> Path:
    """A small CSV output in a temporary folder, for the examples."""
    out = Path(tempfile.mkdtemp()) / "crm_csv"
    write(Config(num_customers=5, num_sales_reps=2), seed=1, format="csv", target=out)
    return out


@dataclass(frozen=True)
class Validation:
    """The results of :func:`validate`: one per check, in registry order."""

    results: list[CheckResult]

    @property
    def passed(self) -> bool:
        """Whether every hard rule holds (realism bands inform, they do not fail)."""
        return not self.failures

    @property
    def failures(self) -> list[CheckResult]:
        """The hard rules that do not hold."""
        return [r for r in self.results if r.kind == "hard" and r.status == "fail"]


def validate(
    source: str | Path | Mapping[str, pa.Table],
    *,
    checks: Iterable[str] | None = None,
    hard_only: bool = False,
    schema: str | None = None,
    prefix: str = "",
) -> Validation:
    """Check a dataset (an output, a database URL or tables in memory) against the data contract.

    Realism bands take their reference values from the dataset's config: its manifest, a
    ``Dataset``'s config, or the defaults. ``checks`` selects checks by name or prefix.

    Example:
        >>> validate(generate(Config(num_customers=20, num_sales_reps=2)), checks=["money"]).passed
        True
    """
    kinds: tuple[CheckKind, ...] = ("hard",) if hard_only else ("hard", "realism")
    if isinstance(source, Mapping):
        config = source.config if isinstance(source, Dataset) else Config()
        return Validation(run_checks(source, config, kinds=kinds, names=checks))
    with open_source(source, schema=schema, prefix=prefix, subset=True) as opened:
        return Validation(check_source(opened, kinds, checks))


SUBSET_SKIP = "not in this subset (written with --tables)"


def check_source(source: Source, kinds: Iterable[CheckKind], names: Iterable[str] | None = None) -> list[CheckResult]:
    """The checks on an opened dataset, in registry order. On a subset (``--tables``) a hard rule runs when
    every table its SQL names is present; the others, and the realism bands (they describe the whole
    sales org), are skipped with the reason.

    Example:
        >>> import tempfile
        >>> out = Path(tempfile.mkdtemp()) / "crm"
        >>> _ = write(Config(num_customers=9, num_sales_reps=2), target=out, format="csv", tables=["customers"])
        >>> with open_source(out, subset=True) as opened:
        ...     results = {r.name: r for r in check_source(opened, ("hard",))}
        >>> results["integrity.pk.customers"].status, results["integrity.fk.customers.owner_rep_id"].status
        ('pass', 'skip')
    """
    chosen = select_checks(tuple(kinds), names)
    if source.present == TABLE_NAMES:
        return run_checks(source.con, source.config, kinds=tuple(kinds), names=[c.name for c in chosen])
    absent = [name for name in TABLE_NAMES if name not in source.present]
    skipped: dict[str, str] = {}
    for check in chosen:
        if check.sql is None:
            skipped[check.name] = f"a realism band needs all ten tables; {', '.join(absent)} {SUBSET_SKIP}"
        elif needs := [name for name in absent if re.search(rf"\b{name}\b", check.sql)]:
            skipped[check.name] = f"needs {', '.join(needs)}, {SUBSET_SKIP}"
    runnable = [c.name for c in chosen if c.name not in skipped]
    ran = (
        {r.name: r for r in run_checks(source.con, source.config, kinds=tuple(kinds), names=runnable)}
        if runnable
        else {}
    )
    return [
        ran[c.name] if c.name in ran else CheckResult(c.name, c.kind, c.description, "skip", 0, (), skipped[c.name])
        for c in chosen
    ]


def load(
    source: str | Path, url: str, *, if_exists: IfExists = "fail", schema: str | None = None, prefix: str = ""
) -> LoadResult:
    """Load a Parquet output (a folder, or an fsspec URL such as ``s3://…``) into the database at ``url``.

    All or nothing (see ``salesgen load``): ``if_exists="replace"`` swaps existing tables atomically;
    ``schema``/``prefix`` say where. A URL's committed dataset is copied to a scratch folder first.

    Example:
        >>> load("crm_parquet/", "postgresql://localhost/crm", schema="sales")  # doctest: +SKIP
    """
    with local_dataset(source) as local:
        return run_load(local, url, if_exists=if_exists, schema=schema, prefix=prefix)
