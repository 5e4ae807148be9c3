"""A wheel a user can install: build the wheel and sdist, install the wheel in a fresh venv, run the CLI from it."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DATA = ("salesgen/py.typed", "salesgen/presets/smb-saas.yaml", "salesgen/vocab/data/countries.json")


def _run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{args}:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    return result


@pytest.mark.slow
def test_the_wheel_installs_and_runs_in_a_fresh_venv(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    _run(sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", dist, ROOT, cwd=tmp_path)
    (wheel,) = dist.glob("salesgen-*.whl")
    (sdist,) = dist.glob("salesgen-*.tar.gz")
    with zipfile.ZipFile(wheel) as archive:
        wheel_files = set(archive.namelist())
    assert set(PACKAGE_DATA) <= wheel_files
    assert any(name.endswith("entry_points.txt") for name in wheel_files)
    with tarfile.open(sdist) as archive:
        sdist_files = archive.getnames()
    assert any(name.endswith("src/salesgen/presets/smb-saas.yaml") for name in sdist_files)

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / "bin"
    _run(bin_dir / "pip", "install", "--quiet", wheel, cwd=tmp_path)
    work = tmp_path / "elsewhere"  # away from the source tree, so only the installed package can be imported
    work.mkdir()
    where = _run(bin_dir / "python", "-c", "import salesgen; print(salesgen.__file__)", cwd=work).stdout
    assert str(env_dir) in where
    _run(bin_dir / "salesgen", "--help", cwd=work)
    _run(bin_dir / "salesgen", "generate", "--preset", "smb-saas", "-n", "60", "-f", "parquet", "-o", "crm", cwd=work)
    report = _run(bin_dir / "salesgen", "validate", "crm", cwd=work).stdout
    assert "hold" in report
