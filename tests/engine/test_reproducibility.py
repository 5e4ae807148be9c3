"""Determinism: the same seed and config give the same rows and the same bytes, wherever and whenever they run.

* byte-identical JSON and CSV outputs (SHA-256) across runs in this process and across fresh interpreters
  with different ``PYTHONHASHSEED`` values (no ``hash()`` of strings leaks into the data);
* nothing depends on the time of the run: as_of is a fixed configured date, and no clock function is
  called while generating and saving;
* blocks are pure and independent: running them one by one through ``salesgen.engine``, in any order,
  and reducing the rep metrics gives exactly the dataset of ``generate_dataset``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from salesgen import Config, Dataset, SalesDataGenerator
from salesgen.contract import BLOCK_TABLES, TABLE_NAMES, TABLES, Kind
from salesgen.engine.runner import generate_tables
from salesgen.entities.registry import BlockResult, build_block
from salesgen.entities.rep_metrics import RepTotals, finish_reps
from salesgen.entities.reps import METRIC_COLUMNS
from salesgen.entities.world import build_world

SEED = 2024
KWARGS: dict[str, Any] = {"num_customers": 60, "num_sales_people": 6, "block_size": 25}  # 3 blocks, one partial

# Shared by this process and the subprocesses, so both run exactly the same code.
WORKER = r'''
import hashlib
import pathlib


def output_hashes(out_dir, seed, kwargs):
    """Generate, save as JSON and CSV under out_dir, return {relative path: sha256} of every file written."""
    from salesgen import SalesDataGenerator

    out = pathlib.Path(out_dir)
    generator = SalesDataGenerator(seed=seed)
    dataset = generator.generate_dataset(**kwargs)
    generator.save_to_json(dataset, out / "crm.json")
    generator.save_to_csv(dataset, out / "csv")
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file()}
'''

MAIN = r"""
import json
import sys

result = output_hashes(sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3]))
print(json.dumps({"hashes": result, "hash_probe": hash("salesgen")}))
"""


def _load_worker() -> Callable[[Path, int, dict[str, Any]], dict[str, str]]:
    namespace: dict[str, Any] = {}
    exec(WORKER, namespace)
    return namespace["output_hashes"]  # type: ignore[no-any-return]


output_hashes = _load_worker()


def _spawn(out_dir: Path, hash_seed: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    code = WORKER + MAIN
    return subprocess.Popen(
        [sys.executable, "-c", code, str(out_dir), str(SEED), json.dumps(KWARGS)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture(scope="module")
def reference_hashes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return output_hashes(tmp_path_factory.mktemp("reference"), SEED, KWARGS)


@pytest.fixture(scope="module")
def subprocess_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Two fresh interpreters with different string-hash seeds, run concurrently."""
    processes = {seed: _spawn(tmp_path_factory.mktemp(f"hashseed-{seed}"), seed) for seed in ("0", "4242")}
    runs = {}
    for name, process in processes.items():
        stdout, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, f"{name} failed:\n{stderr}"
        runs[name] = json.loads(stdout.strip().splitlines()[-1])
    return runs


def _generate(seed: int = SEED, **overrides: Any) -> Dataset:
    return SalesDataGenerator(seed=seed).generate_dataset(**{**KWARGS, **overrides})


def assert_same_tables(
    a: Mapping[str, pa.Table], b: Mapping[str, pa.Table], names: Iterable[str] = TABLE_NAMES
) -> None:
    for name in names:
        assert a[name].schema.equals(b[name].schema, check_metadata=True), name
        assert a[name].equals(b[name]), f"table {name} differs"


# --------------------------------------------------------------------------- bytes


def test_every_output_file_is_hashed(reference_hashes: dict[str, str]) -> None:
    expected = {"crm.json", "csv/manifest.json", "csv/datapackage.json", *(f"csv/{name}.csv" for name in TABLE_NAMES)}
    assert set(reference_hashes) == expected


def test_same_seed_gives_identical_bytes_within_a_process(reference_hashes: dict[str, str], tmp_path: Path) -> None:
    assert output_hashes(tmp_path / "again", SEED, KWARGS) == reference_hashes


def test_same_seed_gives_identical_bytes_in_fresh_processes_with_different_hash_seeds(
    reference_hashes: dict[str, str], subprocess_runs: dict[str, dict[str, Any]]
) -> None:
    a, b = subprocess_runs["0"], subprocess_runs["4242"]
    assert a["hash_probe"] != b["hash_probe"], "the two interpreters must really use different string hashes"
    assert a["hashes"] == reference_hashes
    assert b["hashes"] == reference_hashes


# Functions that read the current time whatever their arguments (localtime/strftime & co. only do without one).
CLOCK_FUNCTIONS = (
    (time, "time"),
    (time, "time_ns"),
    (dt.datetime, "now"),
    (dt.datetime, "utcnow"),
    (dt.datetime, "today"),
    (dt.date, "today"),
)


def _reads_clock(func: Any) -> bool:
    owner, name = getattr(func, "__self__", None), getattr(func, "__name__", None)
    return any(owner is o and name == n for o, n in CLOCK_FUNCTIONS)


def test_generating_and_saving_never_reads_the_wall_clock(tmp_path: Path) -> None:
    """Every call of a clock function made while generating and saving is recorded: there must be none."""
    calls: list[str] = []

    def profile(frame: Any, event: str, arg: Any) -> None:
        if event == "c_call" and _reads_clock(arg):
            calls.append(f"{arg.__qualname__} from {frame.f_code.co_filename}:{frame.f_lineno}")

    sys.setprofile(profile)
    try:
        time.time()  # self-test: the hook sees a clock read
        dt.datetime.now()
        probe = list(calls)
        calls.clear()
        output_hashes(tmp_path, SEED, KWARGS)
        generator = SalesDataGenerator(seed=SEED)
        generator.generate_customer()
        generator.generate_sales_person()
    finally:
        sys.setprofile(None)
    assert len(probe) == 2, f"the profiler must detect both clock reads, saw {probe}"
    assert not calls, f"the wall clock was read: {calls[:5]}"


def test_default_as_of_is_a_fixed_date_and_nothing_happens_after_it() -> None:
    field = Config.model_fields["as_of"]
    assert field.default_factory is None, "as_of must not be computed from the clock"
    assert isinstance(field.default, dt.date) and not isinstance(field.default, dt.datetime)
    assert Config().as_of == field.default
    ds = _generate()
    limit = dt.datetime(ds.config.as_of.year, ds.config.as_of.month, ds.config.as_of.day, tzinfo=dt.UTC)
    for name in TABLE_NAMES:
        for col in TABLES[name].columns:
            if col.kind is Kind.TIMESTAMP and ds[name].num_rows:
                latest = pc.max(ds[name].column(col.name)).as_py()
                assert latest is None or latest <= limit, f"{name}.{col.name} = {latest} after as_of {limit}"


def test_a_different_seed_gives_different_bytes_and_rows(reference_hashes: dict[str, str], tmp_path: Path) -> None:
    other = output_hashes(tmp_path / "other", SEED + 1, KWARGS)
    assert other["crm.json"] != reference_hashes["crm.json"]
    for name in ("customers", "contacts", "opportunities", "interactions", "products", "sales_reps"):
        assert other[f"csv/{name}.csv"] != reference_hashes[f"csv/{name}.csv"], name
    assert not _generate(SEED + 1)["customers"].equals(_generate(SEED)["customers"])


# --------------------------------------------------------------------------- rows


def test_in_memory_tables_are_equal_across_runs() -> None:
    assert_same_tables(_generate(), _generate())


def test_sample_records_do_not_change_the_dataset() -> None:
    generator = SalesDataGenerator(seed=SEED)
    generator.generate_customer()
    generator.generate_opportunity()
    generator.generate_sales_person()
    assert_same_tables(generator.generate_dataset(**KWARGS), _generate())


def test_same_block_size_gives_the_same_data_and_run_scope_tables_ignore_it() -> None:
    assert_same_tables(_generate(block_size=10), _generate(block_size=10))
    small_blocks, one_block = _generate(block_size=10), _generate(block_size=1000)
    assert_same_tables(small_blocks, one_block, ("products", "discount_tiers", "competitors"))
    roster = [c for c in TABLES["sales_reps"].column_names if c not in METRIC_COLUMNS]
    assert small_blocks["sales_reps"].select(roster).equals(one_block["sales_reps"].select(roster))
    assert small_blocks["customers"].num_rows == one_block["customers"].num_rows == KWARGS["num_customers"]


def test_dataset_is_the_concatenation_of_independently_built_blocks() -> None:
    config = Config(num_customers=53, num_sales_reps=5, block_size=10)  # 6 blocks, the last one partial
    ds = SalesDataGenerator(seed=SEED, config=config).generate_dataset()
    ctx = build_world(config, SEED)
    assert ctx.block_count == 6
    # Build the blocks last to first, each block also from a fresh context: order and state must not matter.
    results = {block: build_block(ctx, block) for block in reversed(range(ctx.block_count))}
    for block in (0, 5):
        assert_same_tables(build_block(build_world(config, SEED), block).tables, results[block].tables, BLOCK_TABLES)
    totals = RepTotals.zeros(ctx.roster.rep_id.size)
    for block in range(ctx.block_count):
        totals = totals + results[block].rep_totals
        ids = results[block].tables["customers"].column("customer_id").to_pylist()
        assert ids == list(range(block * 10 + 1, min(block * 10 + 10, 53) + 1))
    for name in BLOCK_TABLES:
        joined = pa.concat_tables([results[b].tables[name] for b in range(ctx.block_count)])
        assert joined.equals(ds[name]), name
    assert finish_reps(ctx.roster, totals, config).equals(ds["sales_reps"])
    assert ctx.catalog.products.equals(ds["products"])
    assert ctx.catalog.tiers.equals(ds["discount_tiers"])
    assert ctx.competitors.equals(ds["competitors"])


def _reversed_runner(build: Callable[[int], BlockResult], blocks: Iterable[int]) -> Iterator[BlockResult]:
    order = list(blocks)
    done = {block: build(block) for block in reversed(order)}
    return iter([done[block] for block in order])


def _thread_runner(build: Callable[[int], BlockResult], blocks: Iterable[int]) -> Iterator[BlockResult]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        yield from pool.map(build, blocks)


@pytest.mark.parametrize("runner", [_reversed_runner, _thread_runner], ids=["reversed", "threads"])
def test_the_runner_does_not_change_the_data(runner: Any) -> None:
    config = Config(num_customers=45, num_sales_reps=4, block_size=8)
    assert_same_tables(generate_tables(config, SEED, runner=runner), generate_tables(config, SEED))
