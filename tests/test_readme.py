"""README's shell blocks, run in order in a fresh folder: every command exits 0 and writes what it says.

What the test changes, and why (each rule is in ``SUBSTITUTIONS`` or ``SKIPPED``):

* the quick start's set-up (``python3 -m venv .venv && .venv/bin/pip install -e .``) is already done:
  its ``salesgen`` command runs with the ``salesgen`` of the current environment, put first on PATH;
* sizes are scaled down so the whole README runs in about a minute: ``--customers``/``-n`` above
  :data:`MAX_CUSTOMERS` become it, and a ``generate`` naming none (a preset's size) gets it;
* ``<sha256>`` is the dataset hash of that same command, computed here;
* server URLs become the local test servers, in a database or schema of this test (dropped after);
* skipped: installing packages, the test suite and benchmarks (the Development section), shell
  completion (it edits the user's shell start-up files) and the Dask cluster lines (a scheduler and
  S3; ``tests/formats/test_cluster.py`` runs them).
"""

from __future__ import annotations

import os
import re
import secrets
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pymysql
import pytest

import salesgen
from salesgen.config import Config
from tests.servers import MYSQL, MYSQL_URL, PG_URL

pytestmark = [pytest.mark.db, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
MAX_CUSTOMERS = 100
SKIPPED: dict[str, str] = {
    r"^(\.venv/bin/)?pip install|^\.venv/bin/pip": "installs packages",
    r"^\.venv/bin/(pytest|ruff|python)": "development: the test suite, linters and benchmarks",
    r"--install-completion": "edits the user's shell start-up files",
    r"--engine dask|s3://": "needs a Dask cluster and S3 (tests/formats/test_cluster.py)",
}


def bash_blocks(text: str) -> Iterator[str]:
    """The ``bash`` fenced blocks of a Markdown text, in order."""
    yield from re.findall(r"^```bash\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)


def commands(block: str) -> Iterator[str]:
    """The commands of a block: continuation lines joined, comments and blank lines dropped."""
    for line in block.replace("\\\n", " ").splitlines():
        command = re.split(r"\s+#\s", line.strip(), maxsplit=1)[0].strip()
        if command and not command.startswith("#"):
            yield command


def quick_start(command: str) -> str:
    """``python3 -m venv … && .venv/bin/salesgen …`` → ``salesgen …`` (the set-up is this environment)."""
    if not command.startswith("python3 -m venv"):
        return command
    kept = [part.strip() for part in command.split("&&") if "salesgen " in part]
    return " && ".join(part.removeprefix(".venv/bin/") for part in kept)


def scaled(command: str) -> str:
    """Sizes capped at MAX_CUSTOMERS; a ``generate`` without a size gets it."""
    command = re.sub(r"(--customers|-n) (\d+)", lambda m: f"{m[1]} {min(int(m[2]), MAX_CUSTOMERS)}", command)
    if command.startswith("salesgen generate") and not re.search(r"--customers|-n ", command):
        command += f" --customers {MAX_CUSTOMERS}"
    return command


def check_hash(command: str, folder: Path) -> str:
    """``--check-hash <sha256>``: the hash the same command gives (the size and format it names)."""
    if "<sha256>" not in command:
        return command
    customers = int(re.search(r"--customers (\d+)", command)[1])  # type: ignore[index]
    fmt = re.search(r"--format (\w+)", command)[1]  # type: ignore[index]
    digest = salesgen.write(Config(num_customers=customers), target=folder / "hash-probe", format=fmt).dataset_hash
    shutil.rmtree(folder / "hash-probe", ignore_errors=True)
    return command.replace("<sha256>", digest)


def local_servers(pg_schema: str, maria_db: str) -> Callable[[str], str]:
    """Server URLs → the local servers, in this test's schema (PostgreSQL) or database (MariaDB)."""
    pg = f"{PG_URL}?options=-csearch_path%3D{pg_schema}"

    def replace(command: str) -> str:
        command = re.sub(r"postgresql://\S*", pg, command)
        command = re.sub(r"mysql://\S*", MYSQL_URL.rsplit("/", 1)[0] + "/" + maria_db, command)
        return command.replace("--schema sales", f"--schema {pg_schema}")

    return replace


def readme_commands(pg_schema: str, maria_db: str, folder: Path) -> Iterator[tuple[str, str]]:
    """(README line, the command run) for each line not skipped."""
    servers = local_servers(pg_schema, maria_db)
    for block in bash_blocks((ROOT / "README.md").read_text(encoding="utf-8")):
        for line in commands(block):
            if any(re.search(pattern, line) for pattern in SKIPPED):
                continue
            yield line, servers(check_hash(scaled(quick_start(line)), folder))


@pytest.fixture
def places() -> Iterator[tuple[str, str]]:
    name = f"readme_{secrets.token_hex(4)}"
    with psycopg.connect(PG_URL, autocommit=True) as pg:
        pg.execute(f"CREATE SCHEMA {name}")
    try:
        yield name, name
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as pg:
            pg.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")
        maria = pymysql.connect(**MYSQL)
        try:
            maria.cursor().execute(f"DROP DATABASE IF EXISTS `{name}`")
        finally:
            maria.close()


# What the README says a command writes: a pattern of its line → the paths it claims.
CLAIMS: dict[str, tuple[str, ...]] = {
    r"--out crm/ --workers": ("crm/manifest.json", "crm/opportunities", "crm/datapackage.json"),
    r"--out crm_csv/": ("crm_csv/opportunities.csv", "crm_csv/datapackage.json"),
    r"--out crm\.json": ("crm.json",),
    r"--out ent/": ("ent/manifest.json",),
    r"--out crm_subset/": ("crm_subset/opportunities.csv", "crm_subset/customers.csv"),
    r"> scenario\.yaml": ("scenario.yaml",),
    r"-o crm-report\.html": ("crm-report.html",),
    r"--json-schema >": ("salesgen.contract.json",),
    r"--report": ("crm/report.html",),
    r"-o crm-csv-report\.html": ("crm-csv-report.html",),
    r"--to sqlite:///crm\.db": ("crm.db",),
    r"^python3 -m venv .*salesgen generate": ("crm.duckdb",),
    r"-o out\.duckdb": ("out.duckdb",),
}


def test_readme_shell_blocks_run_in_order(tmp_path: Path, places: tuple[str, str]) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")  # a fresh clone has them
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", "COLUMNS": "200"}
    ran = []
    for line, command in readme_commands(*places, tmp_path):
        result = subprocess.run(
            ["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, f"README line failed: {line}\nran: {command}\n{result.stdout}\n{result.stderr}"
        for pattern, paths in CLAIMS.items():
            if re.search(pattern, line):
                missing = [path for path in paths if not (tmp_path / path).exists()]
                assert not missing, f"README line {line!r} did not write {missing}"
        ran.append(shlex.split(command)[:2])
    assert len(ran) >= 25, ran  # the README's commands were found and run, not skipped wholesale
    subset = salesgen.read(tmp_path / "crm_subset")
    assert sorted(subset) == ["customers", "opportunities"]
