"""Bad command-line flags: each refused before any work, with a message naming the flag or field and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.badinput.helpers import TINY, check_refused, invoke, leftovers

# (flags added to a tiny `generate -o <tmp>/out`, what the message must name)
GENERATE_CASES: list[tuple[list[str], list[str]]] = [
    (["--workers", "0"], ["--workers", "at least 1"]),
    (["--workers", "-3"], ["--workers"]),
    (["--seed", "-1"], ["--seed", "non-negative"]),
    (["--as-of", "2026-13-45"], ["--as-of", "2026-13-45", "2026-01-01"]),
    (["--as-of", "[/x]"], ["--as-of", "[/x]"]),
    (["--as-of", "yesterday"], ["--as-of"]),
    (["--as-of", "9999-01-01"], ["as_of", "2199-12-31"]),
    (["--as-of", "0001-01-01"], ["as_of", "1990-01-01"]),
    (["-f", "[/]"], ["--format", "[/]", "parquet"]),
    (["-f", "xml"], ["--format", "'xml'", "csv"]),
    (["-f", "[bold]csv"], ["--format", "[bold]csv"]),
    (["--block-size", "0"], ["block_size", "greater than or equal to 1"]),
    (["--block-size", "2000000"], ["block_size"]),
    (["-n", "10000000001"], ["num_customers"]),
    (["--reps", "0"], ["num_sales_reps", "at least 1"]),
    (["--preset", "no-such-preset"], ["no-such-preset"]),
    (["--preset", "[red]x"], ["[red]x"]),
    (["--schema", "crm"], ["--schema", "--to"]),
    (["--prefix", "t_"], ["--prefix", "--to"]),
    (["--if-exists", "replace"], ["--if-exists", "--to"]),
    (["--schema", "crm", "--prefix", "t_"], ["--schema", "--prefix", "only apply with --to"]),
    (["-n", "abc"], ["--customers"]),
    (["--workers", "many"], ["--workers"]),
]


@pytest.mark.parametrize(("flags", "names"), GENERATE_CASES, ids=[" ".join(c[0]) for c in GENERATE_CASES])
def test_generate_flag_refused(tmp_path: Path, flags: list[str], names: list[str]) -> None:
    out = tmp_path / "out"
    result = invoke(["generate", *TINY, "-f", "csv", "-o", out, *flags])
    check_refused(result, *names)
    assert not out.exists() and leftovers(tmp_path) == []


# Flags that belong to files, combined with --to (a database is written instead): refused, nothing created.
TO_CONFLICTS: list[tuple[list[str], str]] = [
    (["--out", "{tmp}/out"], "--out"),
    (["--format", "csv"], "--format"),
    (["--overwrite"], "--overwrite"),
    (["-o", "{tmp}/out", "-f", "json"], "--out, --format"),
]


@pytest.mark.parametrize(("flags", "named"), TO_CONFLICTS, ids=[c[1] for c in TO_CONFLICTS])
def test_file_flags_with_to_refused(tmp_path: Path, flags: list[str], named: str) -> None:
    db = tmp_path / "crm.db"
    result = invoke(["generate", *TINY, "--to", f"sqlite:///{db}", *[f.format(tmp=tmp_path) for f in flags]])
    check_refused(result, named, "--to")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_if_exists_value_refused(tmp_path: Path) -> None:
    db = tmp_path / "crm.db"
    check_refused(
        invoke(["generate", *TINY, "--to", f"sqlite:///{db}", "--if-exists", "merge"]), "--if-exists", "merge"
    )
    assert not db.exists()


def test_check_hash_mismatch_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke(["generate", *TINY, "-f", "csv", "-o", out, "--check-hash", "0" * 64])
    check_refused(result, "0" * 64, "nothing was written", code=1)
    assert not out.exists() and leftovers(tmp_path) == []


def test_check_hash_mismatch_loads_nothing(tmp_path: Path) -> None:
    """--check-hash holds with --to as well: the data is generated, compared, and not loaded."""
    db = tmp_path / "crm.db"
    result = invoke(["generate", *TINY, "--to", f"sqlite:///{db}", "--check-hash", "f" * 64])
    check_refused(result, "f" * 64, "nothing was loaded", code=1)
    assert not db.exists()


def test_check_hash_match_loads(tmp_path: Path) -> None:
    reference = tmp_path / "ref"
    assert invoke(["generate", *TINY, "-f", "parquet", "-o", reference]).exit_code == 0
    import json

    digest = json.loads((reference / "manifest.json").read_text())["dataset_hash"]
    db = tmp_path / "crm.db"
    result = invoke(["generate", *TINY, "--to", f"sqlite:///{db}", "--check-hash", digest])
    assert result.exit_code == 0, result.output
    assert db.is_file()


def test_workers_capped_with_a_note(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke(
        ["generate", "-n", "20", "--reps", "2", "--block-size", "10", "-f", "csv", "-o", out, "--workers", "1000"]
    )
    assert result.exit_code == 0, result.output
    assert "--workers 1000 lowered to 2" in result.output and "2 block(s)" in result.output


OTHER_COMMANDS: list[tuple[list[str], list[str]]] = [
    (["ddl", "--dialect", "oracle"], ["oracle", "postgres, mysql, sqlite, duckdb"]),
    (["ddl", "--schema", 'crm"; DROP SCHEMA public; --'], ["schema", "letters, digits"]),
    (["ddl", "--prefix", "Crm-"], ["prefix", "[a-z_][a-z0-9_]*", "lowercase"]),  # brackets shown, not eaten
    (["ddl", "--dialect", "sqlite", "--schema", "crm"], ["SQLite has no named schemas"]),
    (["load", "{tmp}/nothing"], ["--to"]),
    (["load", "{tmp}/nothing", "--to", "sqlite:///{tmp}/x.db", "--if-exists", "merge"], ["--if-exists", "merge"]),
    (["validate", "{tmp}", "--schema", "crm"], ["--schema", "database URL"]),
    (["validate", "{tmp}", "--prefix", "t_"], ["--prefix", "database URL"]),
    (["presets", "--show", "nope"], ["nope"]),
    (["config", "--show", "{tmp}/missing.yaml"], ["--show", "missing.yaml"]),
    (["config", "--show", "/dev/zero"], ["--show", "/dev/zero", "larger than"]),
    (["config", "--show", "{tmp}"], ["--show"]),
]


@pytest.mark.parametrize(("args", "names"), OTHER_COMMANDS, ids=[" ".join(c[0][:3]) for c in OTHER_COMMANDS])
def test_other_command_flag_refused(tmp_path: Path, args: list[str], names: list[str]) -> None:
    result = invoke([a.format(tmp=tmp_path) for a in args])
    check_refused(result, *names)
    assert not (tmp_path / "x.db").exists()


def test_workers_capped_per_cpu(tmp_path: Path) -> None:
    from salesgen.engine.workers import WORKERS_PER_CPU, cpu_count

    cap = min(40, WORKERS_PER_CPU * cpu_count())
    flags = ["-n", "40", "--reps", "2", "--block-size", "1", "-f", "csv", "-o", tmp_path / "out", "--workers", "500"]
    result = invoke(["generate", *flags])
    assert result.exit_code == 0, result.output
    assert f"--workers 500 lowered to {cap}" in result.output and f"{cpu_count()} CPU(s)" in result.output
