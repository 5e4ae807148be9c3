"""Load speed into real databases, next to each database's own bulk tool on the same data as CSV.

For N customers (``--customers``, default 100,000; reps N // 250) it writes the
dataset once as Parquet and once as salesgen's CSV (same seed), then measures:

* ``load_parquet_dataset`` into PostgreSQL, MariaDB, SQLite and DuckDB: rows/s of
  the whole all-or-nothing load (tables, data, keys, CHECKs, indexes, commit);
* PostgreSQL's own tool: ``psql -1`` running ``\\copy t FROM 'file.csv' CSV HEADER``
  per table into the same tables (same DDL from ``salesgen.databases.ddl``; list
  columns ``JSONB``, since salesgen's CSV holds lists as JSON text), then the same
  keys and indexes — the same end state, one transaction. A second table compares
  the data phases alone: our COPY phase against ``\\copy`` into the keyless tables;
* MariaDB's own tool: ``mariadb --local-infile=1`` running ``LOAD DATA LOCAL INFILE``
  per table into the same DDL (InnoDB builds keys while loading), with the
  ``SET`` conversions salesgen's CSV needs (``true``/``false`` → 1/0, ISO ``…Z`` →
  DATETIME, empty → NULL for nullable columns).

Ratio = our rows/s ÷ the tool's rows/s (aim: ≥ 70% for PostgreSQL). Prints figures; asserts nothing.

Usage:
    .venv/bin/python benchmarks/load.py                      # 100,000 customers ≈ 3.4M rows, a few minutes
    .venv/bin/python benchmarks/load.py --customers 20000 --databases postgres,duckdb
"""

from __future__ import annotations

import argparse
import secrets
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pymysql
from _common import environment, num, parse_names, per_second, print_table, scratch

from salesgen.config import Config
from salesgen.contract import TABLE_NAMES, TABLES, Kind
from salesgen.databases import DIALECTS, parse_url
from salesgen.databases.ddl import plan
from salesgen.databases.loader import LoadResult, run_load
from salesgen.formats import write_dataset

PSQL_TARGET = 0.70


def _psql(url: str, script: Path) -> float:
    started = time.perf_counter()
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-1", "-d", url, "-f", str(script)], check=True)
    return time.perf_counter() - started


def psql_baseline(url: str, csv: Path, folder: Path) -> dict[str, float]:
    """``psql -1 -f``: \\copy into keyless tables; then the same plus keys and indexes. Seconds of each."""
    seconds = {}
    for label, with_keys in (("data", False), ("full", True)):
        schema = f"salesgen_bench_{secrets.token_hex(4)}"
        ddl = plan("postgres", schema=schema)
        lines = [f'CREATE SCHEMA "{schema}";', "SET maintenance_work_mem = '256MB';"]
        lines += [s.replace("TEXT[]", "JSONB") + ";" for s in ddl.create if not s.startswith("COMMENT")]
        lines += [f"\\copy {ddl.tables[t]} FROM '{csv / (t + '.csv')}' CSV HEADER" for t in TABLE_NAMES]
        lines += [s + ";" for s in (ddl.keys + ddl.indexes if with_keys else [])]
        script = folder / f"psql-{label}.sql"
        script.write_text("\n".join(lines) + "\n")
        try:
            seconds[label] = _psql(url, script)
        finally:
            with psycopg.connect(url, autocommit=True) as connection:
                connection.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'.encode())
    return seconds


def _mysql_set(column: str, kind: Kind, nullable: bool) -> str:
    value = f"@{column}"
    if kind is Kind.BOOL:
        value = f"(@{column} = 'true')"
    elif kind is Kind.TIMESTAMP:
        value = f"REPLACE(REPLACE(@{column}, 'T', ' '), 'Z', '')"
    return f"`{column}` = " + (f"IF(@{column} = '', NULL, {value})" if nullable else value)


def mariadb_baseline(url: str, csv: Path) -> tuple[float, int]:
    """``mariadb --local-infile=1 -e "LOAD DATA LOCAL INFILE …"`` per table into the same DDL. Seconds, rows."""
    target = parse_url(url)
    database = f"salesgen_bench_{secrets.token_hex(4)}"
    options = {
        "host": target.host or "127.0.0.1",
        "port": target.port or 3306,
        "user": target.user or "root",
        "password": target.password or "",
    }
    admin = pymysql.connect(
        host=options["host"], port=options["port"], user=options["user"], password=options["password"], autocommit=True
    )
    cursor = admin.cursor()
    cursor.execute(f"CREATE DATABASE `{database}`")
    try:
        for statement in plan("mysql", schema=database).create:
            cursor.execute(statement)
        loads = ["SET time_zone = '+00:00';"]
        for name in TABLE_NAMES:
            columns = TABLES[name].columns
            loads.append(
                f"LOAD DATA LOCAL INFILE '{csv / (name + '.csv')}' INTO TABLE `{database}`.`{name}` "
                "CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' ESCAPED BY '' "
                "LINES TERMINATED BY '\\n' IGNORE 1 LINES "
                f"({', '.join('@' + c.name for c in columns)}) "
                f"SET {', '.join(_mysql_set(c.name, c.kind, c.nullable) for c in columns)};"
            )
        command = [
            "mariadb",
            "--local-infile=1",
            "-h",
            options["host"],
            "-P",
            str(options["port"]),
            "-u",
            options["user"],
            *([f"-p{options['password']}"] if options["password"] else []),
            "-e",
            "\n".join(loads),
        ]
        started = time.perf_counter()
        subprocess.run(command, check=True)
        seconds = time.perf_counter() - started
        rows = 0
        for name in TABLE_NAMES:
            cursor.execute(f"SELECT COUNT(*) FROM `{database}`.`{name}`")
            rows += int((cursor.fetchone() or (0,))[0])
        return seconds, rows
    finally:
        cursor.execute(f"DROP DATABASE IF EXISTS `{database}`")
        admin.close()


def ours(dialect: str, parquet: Path, folder: Path, pg_url: str, mysql_url: str) -> LoadResult:
    """One ``load_parquet_dataset`` into a fresh schema / database / file; removes it afterwards."""
    name = f"salesgen_bench_{secrets.token_hex(4)}"
    if dialect in ("sqlite", "duckdb"):
        return run_load(parquet, f"{dialect}:///{folder / (name + '.' + dialect)}")
    url = pg_url if dialect == "postgres" else mysql_url
    try:
        return run_load(parquet, url, schema=name)
    finally:
        if dialect == "postgres":
            with psycopg.connect(pg_url, autocommit=True) as connection:
                connection.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'.encode())
        else:
            target = parse_url(mysql_url)
            with pymysql.connect(
                host=target.host or "127.0.0.1",
                port=target.port or 3306,
                user=target.user or "root",
                password=target.password or "",
            ) as connection:
                connection.cursor().execute(f"DROP DATABASE IF EXISTS `{name}`")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=100_000, help="customers (reps: customers // 250)")
    parser.add_argument("--databases", default=",".join(DIALECTS), help="which of postgres,mysql,sqlite,duckdb")
    parser.add_argument("--postgres-url", default="postgresql://root@127.0.0.1:5432/test")
    parser.add_argument("--mysql-url", default="mysql://root@127.0.0.1:3306/test")
    parser.add_argument("--workers", type=int, default=2, help="workers generating the dataset")
    parser.add_argument("--dir", help="parent of the scratch directory (default: system temp dir)")
    args = parser.parse_args()
    databases = parse_names(args.databases)
    print(environment())
    config = Config(num_customers=args.customers, num_sales_reps=max(args.customers // 250, 1))
    with scratch(args.dir, ".salesgen-load-") as root:
        summary = write_dataset(config, 1, "parquet", root / "parquet", workers=args.workers)
        write_dataset(config, 1, "csv", root / "csv", workers=args.workers)
        total = sum(summary.row_counts.values())
        print(f"dataset: {num(args.customers)} customers, {num(total)} rows", file=sys.stderr)
        rows: list[list[object]] = []
        data_rows: list[list[object]] = []
        for dialect in databases:
            print(f"  ... loading into {dialect}", file=sys.stderr)
            result = ours(dialect, root / "parquet", root, args.postgres_url, args.mysql_url)
            seconds = sum(result.timings.values())
            rate = per_second(total, seconds)
            phases = " ".join(f"{k} {v:.1f}" for k, v in result.timings.items())
            tool, tool_seconds, tool_rate, ratio = "—", "", "", ""
            if dialect == "postgres":
                print("  ... psql \\copy baseline", file=sys.stderr)
                base = psql_baseline(args.postgres_url, root / "csv", root)
                tool, tool_seconds = "psql \\copy + keys", f"{base['full']:.2f}"
                tool_rate, ratio = num(per_second(total, base["full"])), f"{base['full'] / seconds:.0%}"
                data_rows.append(
                    [
                        "postgres",
                        f"{result.timings['data']:.2f}",
                        num(per_second(total, result.timings["data"])),
                        f"{base['data']:.2f}",
                        num(per_second(total, base["data"])),
                        f"{base['data'] / result.timings['data']:.0%}",
                    ]
                )
            if dialect == "mysql":
                print("  ... mariadb LOAD DATA baseline", file=sys.stderr)
                base_seconds, base_rows = mariadb_baseline(args.mysql_url, root / "csv")
                tool, tool_seconds = "mariadb LOAD DATA", f"{base_seconds:.2f}"
                tool_rate, ratio = (
                    num(per_second(base_rows, base_seconds)),
                    f"{per_second(total, seconds) / per_second(base_rows, base_seconds):.0%}",
                )
                if base_rows != total:
                    tool += f" ({num(base_rows)} rows!)"
            rows.append(
                [dialect, num(total), f"{seconds:.2f}", num(rate), phases, tool, tool_seconds, tool_rate, ratio]
            )
    print_table(
        f"Load {num(total)} rows ({num(args.customers)} customers) with load_parquet_dataset",
        ["database", "rows", "seconds", "rows/s", "phases (s)", "bulk tool on CSV", "seconds", "rows/s", "ratio"],
        rows,
        [
            "ratio = our rows/s / the tool's rows/s, same end state (tables, keys, CHECKs, indexes, one commit);",
            f"aim: >= {PSQL_TARGET:.0%} of psql for PostgreSQL; SQLite, DuckDB: no separate bulk tool measured.",
        ],
    )
    if data_rows:
        print_table(
            "Data phase alone: our COPY (encoding included) vs psql \\copy into the same keyless tables",
            ["database", "our seconds", "rows/s", "\\copy seconds", "rows/s", "ratio"],
            data_rows,
        )


if __name__ == "__main__":
    main()
