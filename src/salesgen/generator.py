"""The public face: ``SalesDataGenerator`` and the ``Dataset`` it returns.

Example:
    >>> from salesgen import SalesDataGenerator
    >>> generator = SalesDataGenerator(seed=42)
    >>> dataset = generator.generate_dataset(num_customers=20, num_sales_people=3)
    >>> dataset["customers"].num_rows
    20
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from salesgen.config import Config
from salesgen.config.presets import load_preset, merge
from salesgen.contract import TABLE_NAMES
from salesgen.engine.runner import generate_blocks
from salesgen.entities.registry import build_block, select_tables
from salesgen.entities.reps import METRIC_COLUMNS, build_roster
from salesgen.entities.world import World, build_world
from salesgen.formats.manifest import run_metadata
from salesgen.formats.writer import write_tables

SAMPLE_PAGE = 1000  # reps per page of generate_sales_person()


class Dataset(Mapping[str, pa.Table]):
    """The ten tables of one run, by name, with the seed and config that made them.

    ``block_rows``: the rows each block contributed to each block table (set by ``generate_dataset``),
    so that saving writes the same parts, hence the same bytes, as ``salesgen generate``.
    ``selected``: the tables a subset was generated with (``generate_dataset(tables=...)``); saving
    writes just those. A dataset without it must hold all ten tables to be saved.
    """

    def __init__(
        self,
        tables: Mapping[str, pa.Table],
        config: Config,
        seed: int,
        block_rows: Mapping[str, Sequence[int]] | None = None,
        selected: Sequence[str] | None = None,
    ) -> None:
        self._tables = dict(tables)
        self.config = config
        self.seed = seed
        self.block_rows = block_rows
        self.selected = None if selected is None else tuple(selected)

    def __getitem__(self, name: str) -> pa.Table:
        if name not in self._tables:
            raise KeyError(f"no table {name!r}; tables are: {', '.join(TABLE_NAMES)}")
        return self._tables[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)

    def row_counts(self) -> dict[str, int]:
        """Rows per table."""
        return {name: table.num_rows for name, table in self._tables.items()}

    def metadata(self) -> dict[str, Any]:
        """What made this dataset: version, seed, full config, as-of date, row counts and the planted truth."""
        written = self.selected or TABLE_NAMES
        return run_metadata(build_world(self.config, self.seed), self.row_counts(), written)


class SalesDataGenerator:
    """Generates CRM datasets and single sample records from one seed.

    Args:
        seed: any non-negative integer; the same seed, config and salesgen version give the same bytes.
        config: the scenario; defaults to ``Config()``.
        preset: a shipped preset instead of ``config`` (see ``salesgen.config.presets.preset_names()``).
    """

    def __init__(
        self, seed: int | numbers.Integral = 42, config: Config | None = None, *, preset: str | None = None
    ) -> None:
        if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
            raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
        seed = int(seed)
        if config is not None and preset is not None:
            raise ValueError("give either config or preset, not both (presets.load_preset(name, ...) combines them)")
        self.seed = seed
        self.config = config or (load_preset(preset) if preset else Config())
        self._samples = 0
        self._sample_reps = 0

    def generate_dataset(
        self,
        num_customers: int | None = None,
        num_sales_people: int | None = None,
        *,
        tables: Iterable[str] | None = None,
        **overrides: Any,
    ) -> Dataset:
        """All ten tables (or ``tables``, each equal to its full-run self) in memory. Keyword overrides set any
        ``Config`` field.

        Example:
            >>> ds = SalesDataGenerator(seed=1).generate_dataset(num_customers=5, num_sales_people=2)
            >>> ds["sales_reps"].num_rows
            2
        """
        changes = dict(overrides)
        if num_customers is not None:
            changes["num_customers"] = num_customers
        if num_sales_people is not None:
            changes["num_sales_reps"] = num_sales_people
        config = Config.model_validate(merge(self.config.model_dump(), changes))
        selected = select_tables(tables)
        built, block_rows = generate_blocks(config, self.seed, tables=selected)
        return Dataset(built, config, self.seed, block_rows, None if tables is None else selected)

    def save_to_json(
        self, dataset: Mapping[str, pa.Table], path: str | Path = "salesgen_output.json", *, overwrite: bool = True
    ) -> Path:
        """Write one JSON document: ``{"metadata": …, "<table>": [records…], …}``."""
        return self.save(dataset, path, "json", overwrite=overwrite)

    def save_to_csv(
        self, dataset: Mapping[str, pa.Table], directory: str | Path = "salesgen_output_csv", *, overwrite: bool = True
    ) -> Path:
        """Write one CSV file per table (plus manifest.json) into ``directory``."""
        return self.save(dataset, directory, "csv", overwrite=overwrite)

    def save(
        self, dataset: Mapping[str, pa.Table], target: str | Path, format: str, *, overwrite: bool = False
    ) -> Path:
        """Write ``dataset`` in any format (parquet, duckdb, csv, jsonl, json), atomically.

        Goes through the same writer as ``salesgen generate``: for a dataset from ``generate_dataset``
        the files and manifest (``dataset_hash`` included) equal the CLI's for the same seed and config.
        A plain mapping of tables is written as one block, with this generator's seed and config as metadata.
        """
        data = dataset if isinstance(dataset, Dataset) else Dataset(dataset, self.config, self.seed)
        return write_tables(
            data, data.metadata(), format, target, block_rows=data.block_rows, overwrite=overwrite, tables=data.selected
        ).target

    @cached_property
    def product_catalog(self) -> list[dict[str, Any]]:
        """Products as dicts, each with its ``discount_tiers``."""
        ctx = self._sample_context
        tiers: dict[int, list[dict[str, Any]]] = {}
        for tier in ctx.catalog.tiers.to_pylist():
            tiers.setdefault(tier["product_id"], []).append(tier)
        return [
            {**product, "discount_tiers": tiers.get(product["product_id"], [])}
            for product in ctx.catalog.products.to_pylist()
        ]

    @cached_property
    def _sample_context(self) -> World:
        # Samples come from an endless run of one-customer blocks, so each call gives a new record.
        config = self.config.model_copy(
            update={"num_customers": 10**9, "block_size": 1, "num_sales_reps": max(self.config.num_sales_reps or 10, 1)}
        )
        return build_world(config, self.seed)

    def _next_block(self) -> dict[str, pa.Table]:
        self._samples += 1
        return build_block(self._sample_context, self._samples - 1).tables

    def _next_block_with(self, table: str) -> dict[str, pa.Table]:
        """The next sample block that has at least one ``table`` row."""
        for _ in range(10_000):
            tables = self._next_block()
            if tables[table].num_rows:
                return tables
        raise RuntimeError(f"no {table} row in 10,000 sample customers; check the config's deal rates")

    def _first_row(self, table: str) -> dict[str, Any]:
        return dict(self._next_block_with(table)[table].slice(0, 1).to_pylist()[0])

    def generate_customer(self) -> dict[str, Any]:
        """One company with its ``contacts``, as plain Python values."""
        tables = self._next_block()
        customer = dict(tables["customers"].to_pylist()[0])
        customer["contacts"] = tables["contacts"].to_pylist()
        return customer

    def generate_person(self) -> dict[str, Any]:
        """One contact person (at a freshly generated customer)."""
        return self._first_row("contacts")

    def generate_opportunity(self) -> dict[str, Any]:
        """One deal with its ``line_items`` and ``stage_history``."""
        tables = self._next_block_with("opportunities")
        deal = dict(tables["opportunities"].slice(0, 1).to_pylist()[0])
        for key, child in (("line_items", "opportunity_line_items"), ("stage_history", "opportunity_stage_history")):
            rows = tables[child]
            deal[key] = rows.filter(pc.equal(rows["opportunity_id"], deal["opportunity_id"])).to_pylist()
        return deal

    def generate_interaction(self) -> dict[str, Any]:
        """One email, call, meeting or demo."""
        return self._first_row("interactions")

    def generate_sales_person(self) -> dict[str, Any]:
        """One sales rep (roster fields; metrics need a whole dataset, see ``generate_dataset``)."""
        page, row = divmod(self._sample_reps, SAMPLE_PAGE)
        self._sample_reps += 1
        config = self.config.model_copy(update={"num_sales_reps": SAMPLE_PAGE})
        roster = build_roster(config, self.seed + 7919 * (page + 1))
        rep = dict(roster.table.slice(row, 1).to_pylist()[0])
        return {key: value for key, value in rep.items() if key not in METRIC_COLUMNS}
