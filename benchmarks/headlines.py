"""Print the headline realism figures of docs/realism.md, for the defaults and every preset.

Each figure is one DuckDB query over a generated dataset (20,000 customers, the team sized from
them, seed 1 by default), printed side by side with its configured target where there is one, so the table in
docs/realism.md is reproduced by running this script, never typed by hand.

    .venv/bin/python benchmarks/headlines.py [--customers 20000] [--reps N] [--seed 1]
"""

from __future__ import annotations

import argparse

import duckdb

import salesgen
from salesgen import Config, load_preset, preset_names

FIGURES: dict[str, str] = {
    "new-business win rate": """
        SELECT printf('%.1f%%', 100 * avg(is_won::int)) FROM opportunities
        WHERE is_closed AND type = 'new business'""",
    "expansion win rate: upsell / renewal": """
        SELECT printf('%.0f%% / %.0f%%', 100 * avg(is_won::int) FILTER (WHERE type = 'upsell'),
                      100 * avg(is_won::int) FILTER (WHERE type = 'renewal'))
        FROM opportunities WHERE is_closed""",
    "median deal (all deals)": "SELECT printf('$%.1fK', median(amount::double) / 1000) FROM opportunities",
    "σ of ln(amount)": "SELECT printf('%.2f', stddev_samp(ln(amount::double))) FROM opportunities WHERE amount > 0",
    "median won cycle (new business and upsells), days: small / medium / enterprise": """
        SELECT string_agg(printf('%.0f', days), ' / ' ORDER BY size_order) FROM (
            SELECT list_position(['small', 'medium', 'enterprise'], c.size) AS size_order,
                   median(epoch(o.closed_at - o.created_at) / 86400) AS days
            FROM opportunities o JOIN customers c USING (customer_id) WHERE o.is_won AND o.type <> 'renewal'
            GROUP BY c.size)""",
    "wins closed in month 3 of a quarter": """
        SELECT printf('%.1f%%', 100 * avg((month(closed_at) % 3 = 0)::int)) FROM opportunities WHERE is_won""",
    'losses to "No decision"': """
        SELECT printf('%.1f%%', 100 * avg((loss_reason = 'No decision')::int)) FROM opportunities WHERE is_closed
        AND NOT is_won""",
    "touches per deal, won vs lost": """
        SELECT printf('%.1f vs %.1f', avg(n) FILTER (WHERE is_won), avg(n) FILTER (WHERE NOT is_won))
        FROM (SELECT o.is_won, count(i.interaction_id) AS n FROM opportunities o
              LEFT JOIN interactions i USING (opportunity_id) WHERE o.is_closed GROUP BY o.opportunity_id, o.is_won)""",
    "line items per deal": """
        SELECT printf('%.2f', (SELECT count(*) FROM opportunity_line_items) / count(*)) FROM opportunities""",
    "deals still open at as_of": "SELECT printf('%.0f%%', 100 * avg((NOT is_closed)::int)) FROM opportunities",
    "AEs at ≥ 100% of quota": """
        SELECT printf('%.0f%%', 100 * avg((quota_attainment >= 1)::int)) FROM sales_reps
        WHERE annual_quota > 0""",
}


def targets(config: Config) -> dict[str, str]:
    """The configured targets shown beside the measured figures."""
    win = config.realism.win
    return {
        "new-business win rate": f"{win.new_business_rate:.0%}",
        "expansion win rate: upsell / renewal": f"{win.upsell_rate:.0%} / {win.renewal_rate:.0%}",
        'losses to "No decision"': f"{win.no_decision_share:.0%}",
    }


def figures(config: Config, seed: int) -> dict[str, str]:
    """Every headline figure of one scenario, with its target in parentheses where it has one."""
    dataset = salesgen.generate(config, seed=seed)
    con = duckdb.connect()
    for name, table in dataset.items():
        con.register(name, table)
    goal = targets(config)
    measured = {label: str(con.execute(sql).fetchone()[0]) for label, sql in FIGURES.items()}  # type: ignore[index]
    return {label: value + (f" ({goal[label]})" if label in goal else "") for label, value in measured.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--reps", type=int, default=None, help="team size (default: sized from the accounts)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    size: dict[str, int] = {"num_customers": args.customers}
    if args.reps is not None:
        size["num_sales_reps"] = args.reps
    scenarios = {"default": Config(**size), **{name: load_preset(name, **size) for name in preset_names()}}
    columns = {name: figures(config, args.seed) for name, config in scenarios.items()}
    print(f"| | {' | '.join(f'`{name}`' if name != 'default' else name for name in columns)} |")
    print(f"|---|{'---|' * len(columns)}")
    for label in FIGURES:
        print(f"| {label} | {' | '.join(columns[name][label] for name in columns)} |")


if __name__ == "__main__":
    main()
