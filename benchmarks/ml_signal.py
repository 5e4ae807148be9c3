"""Is the planted win/loss signal learnable from open-time fields, recoverable, and free of leaks?

Per preset (and the default config) this generates a dataset, builds one row per closed deal from
fields known when the deal was created, and prints:

1. ROC AUC of a gradient boosting classifier (5-fold stratified CV, folds grouped by customer so a
   customer's deals never straddle train and test) — real CRM data: ~0.70-0.85; next to it the AUC
   of the planted truth itself (the manifest's effects + rep skill, no noise): the ceiling.
2. A logistic regression on one-hot features whose coefficients are compared in sign with the
   planted effects in ``dataset.metadata()["truth"]["win_model"]``.
3. A leakage probe: the same classifier on fields that must carry no signal (ids, row position);
   and, separately, on the creation time alone (real signal through deal type and censoring).
   A pre-open probe: the classifier on every attribute of the touches logged before the deal opened
   (count, type mix, meeting and call length, call connect rate, sentiment) — known at open time,
   so they must be outcome-blind: AUC ≈ 0.50.
4. How the AUC falls as ``realism.win.outcome_noise`` rises (default config).

Run from the repository root:  .venv/bin/python benchmarks/ml_signal.py [--customers 20000]
"""

from __future__ import annotations

import argparse
import time
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import TargetEncoder

from salesgen import Config, SalesDataGenerator
from salesgen.config import Realism, WinLoss
from salesgen.config.presets import load_preset, preset_names
from salesgen.generator import Dataset

RANDOM_STATE = 0
CATEGORICAL = ["size", "industry", "country", "lead_source", "type", "main_category"]
NUMERIC = ["log_amount", "n_items", "has_competitor", "n_competitors", "n_contacts", "created_month", "created_quarter"]
PROBE = ["opportunity_id", "customer_id", "row_position", "opportunity_id_mod_1000"]
# One row per closed deal: what was known when it was created, and the label.
FRAME_SQL = """
WITH items AS (
    SELECT l.opportunity_id, count(*) AS n_items, arg_min(p.category, l.line_item_id) AS main_category
    FROM opportunity_line_items l JOIN products p USING (product_id) GROUP BY 1),
people AS (SELECT customer_id, count(*) AS n_contacts FROM contacts GROUP BY 1)
SELECT o.row_position, o.opportunity_id, o.customer_id, o.opportunity_id % 1000 AS opportunity_id_mod_1000,
       o.owner_rep_id, c.size, c.industry, c.country, o.lead_source, o.type, i.main_category,
       ln(o.amount::DOUBLE) AS log_amount, i.n_items, (len(o.competitors) > 0)::INT AS has_competitor,
       len(o.competitors) AS n_competitors, p.n_contacts, month(o.created_at) AS created_month,
       quarter(o.created_at) AS created_quarter, epoch(o.created_at) AS created_epoch, o.is_won::INT AS won
FROM opportunities o JOIN customers c USING (customer_id) JOIN items i USING (opportunity_id)
JOIN people p USING (customer_id)
WHERE o.is_closed ORDER BY o.row_position
"""


# One row per closed deal: what its touches logged before it opened say (nothing about the outcome, if honest).
PRE_OPEN_SQL = """
SELECT o.opportunity_id, o.customer_id, o.is_won::INT AS won, count(i.interaction_id) AS pre_touches,
       avg((i.type = 'meeting')::INT) AS meeting_share, avg((i.type = 'call')::INT) AS call_share,
       avg((i.type = 'demo')::INT) AS demo_share,
       avg(i.duration_minutes) FILTER (WHERE i.type IN ('meeting', 'demo')) AS meeting_minutes,
       avg(i.duration_minutes) FILTER (WHERE i.type = 'call') AS call_minutes,
       avg((i.outcome = 'connected')::INT) FILTER (WHERE i.type = 'call') AS connect_rate,
       avg(i.sentiment_score) AS sentiment, avg((i.direction = 'inbound')::INT) AS inbound_share
FROM opportunities o LEFT JOIN interactions i ON i.opportunity_id = o.opportunity_id AND i.occurred_at < o.created_at
WHERE o.is_closed GROUP BY 1, 2, 3 ORDER BY 1
"""
PRE_OPEN = [
    "pre_touches",
    "meeting_share",
    "call_share",
    "demo_share",
    "meeting_minutes",
    "call_minutes",
    "connect_rate",
    "sentiment",
    "inbound_share",
]


def pre_open_auc(dataset: Dataset) -> float:
    """The GBM on the attributes of touches logged before each closed deal opened (folds grouped by customer)."""
    con = duckdb.connect()
    for name in ("opportunities", "interactions"):
        con.register(name, dataset[name])
    frame: pd.DataFrame = con.sql(PRE_OPEN_SQL).df()
    return probe_auc(frame, PRE_OPEN, make_folds(frame))


def generate(config: Config, customers: int, reps: int | None, seed: int) -> Dataset:
    return SalesDataGenerator(seed, config).generate_dataset(num_customers=customers, num_sales_people=reps)


def deal_frame(dataset: Dataset) -> pd.DataFrame:
    """Open-time features of every closed deal, in the opportunities table's row order."""
    con = duckdb.connect()
    opportunities = dataset["opportunities"]
    con.register(
        "opportunities", opportunities.append_column("row_position", pa.array(np.arange(opportunities.num_rows)))
    )
    for name in ("customers", "contacts", "products", "opportunity_line_items"):
        con.register(name, dataset[name])
    frame: pd.DataFrame = con.sql(FRAME_SQL).df()
    for column in CATEGORICAL:
        frame[column] = frame[column].astype("category")
    return frame


def gbm() -> HistGradientBoostingClassifier:
    """Boosted trees; categorical columns split natively; stops when a 10% validation split stops improving."""
    return HistGradientBoostingClassifier(
        learning_rate=0.1,
        max_iter=300,
        max_leaf_nodes=15,
        min_samples_leaf=40,
        l2_regularization=1.0,
        categorical_features="from_dtype",
        early_stopping=True,
        n_iter_no_change=15,
        random_state=RANDOM_STATE,
    )


def target_encoder() -> TargetEncoder:
    """Cross-fitted target encoding with a fixed shuffle (scikit-learn >= 1.9 takes it as a ``cv`` splitter)."""
    if TargetEncoder().get_params()["random_state"] == "deprecated":
        return TargetEncoder(cv=StratifiedKFold(n_splits=5, shuffle=True, random_state=RANDOM_STATE))
    return TargetEncoder(random_state=RANDOM_STATE)


Folds = list[tuple[np.ndarray, np.ndarray]]


def make_folds(frame: pd.DataFrame, grouped: bool = True) -> Folds:
    """5 stratified folds (fixed shuffle); grouped: a customer's deals all fall in the same fold."""
    y, customer = frame["won"].to_numpy(), frame["customer_id"].to_numpy()
    if grouped:
        return list(StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=RANDOM_STATE).split(y, y, customer))
    return list(StratifiedKFold(n_splits=5, shuffle=True, random_state=RANDOM_STATE).split(y, y))


def cv_auc(model: Any, x: pd.DataFrame, y: np.ndarray, folds: Folds) -> tuple[float, float]:
    """Mean and std of ROC AUC over the folds."""
    scores = cross_val_score(model, x, y, cv=folds, scoring="roc_auc")
    return float(scores.mean()), float(scores.std())


def signal_auc(frame: pd.DataFrame, folds: Folds) -> tuple[float, float]:
    """GBM on open-time features; the owner rep is target-encoded inside each training fold only."""
    encode = ColumnTransformer(
        [("rep", target_encoder(), ["owner_rep_id"])], remainder="passthrough", verbose_feature_names_out=False
    )
    model = Pipeline([("encode", encode.set_output(transform="pandas")), ("gbm", gbm())])
    return cv_auc(model, frame[["owner_rep_id", *CATEGORICAL, *NUMERIC]], frame["won"].to_numpy(), folds)


def truth_auc(frame: pd.DataFrame, truth: dict[str, Any]) -> float:
    """AUC of the planted log-odds (effects + rep skill, no per-deal noise) on the realized features."""
    model, amount = truth["win_model"], truth["amount_model"]
    ratio = frame["log_amount"] - np.log(
        frame["size"].map(amount["median_by_size"]).astype(float)
        * frame["type"].map(amount["factor_by_type"]).astype(float)
    )
    logit = (
        frame["type"].map(model["intercept_by_type"]).astype(float)
        + frame["size"].map(model["size"]).astype(float)
        + frame["industry"].map(model["industry"]).astype(float)
        + frame["main_category"].map(model["main_product_category"]).astype(float)
        + frame["lead_source"].map(model["lead_source"]).astype(float)
        + frame["owner_rep_id"].astype(str).map(truth["rep_skill"]).astype(float)
        + model["competitor_named"] * frame["has_competitor"]
        + model["per_log_amount_over_segment_median"] * ratio
    )
    return float(roc_auc_score(frame["won"], logit))


def probe_auc(frame: pd.DataFrame, columns: list[str], folds: Folds) -> float:
    return cv_auc(gbm(), frame[columns].astype(float), frame["won"].to_numpy(), folds)[0]


GROUPS = {
    "size": "size",
    "industry": "industry",
    "main_category": "main_product_category",
    "lead_source": "lead_source",
}


def recover_effects(frame: pd.DataFrame, truth: dict[str, Any]) -> tuple[pd.DataFrame, float]:
    """Near-unpenalized logistic regression; planted effects are taken relative to the level fitted as baseline.

    Reps work one segment each, so a segment's few reps' skill is confounded with its size effect:
    the published rep skill enters as a covariate (planted coefficient 1). Returns (effect, planted,
    recovered, standard error) rows and the correlation of each rep's residual win rate, from a fit
    without the skill, with its planted skill.
    """
    model, amount = truth["win_model"], truth["amount_model"]
    columns: dict[str, pd.Series] = {}
    planted: dict[str, float] = {}
    for column, key in GROUPS.items():
        effects = {level: v for level, v in model[key].items() if level != "existing customer"}
        base = min(effects, key=lambda level: (abs(effects[level]), level))  # the level planted at ~0
        for level, value in effects.items():
            if level != base:
                columns[f"{key}={level}"] = (frame[column] == level).astype(float)
                planted[f"{key}={level}"] = value - effects[base]
    for deal_type in ("upsell", "renewal"):  # intercepts: fitted, not scored
        columns[f"type={deal_type}"] = (frame["type"] == deal_type).astype(float)
    columns["competitor_named"] = frame["has_competitor"].astype(float)
    planted["competitor_named"] = model["competitor_named"]
    median = frame["size"].map(amount["median_by_size"]).astype(float) * frame["type"].map(
        amount["factor_by_type"]
    ).astype(float)
    columns["per_log_amount_over_segment_median"] = frame["log_amount"] - np.log(median)
    planted["per_log_amount_over_segment_median"] = model["per_log_amount_over_segment_median"]
    columns["rep_skill"] = frame["owner_rep_id"].astype(str).map(truth["rep_skill"]).astype(float)
    planted["rep_skill"] = 1.0
    x = pd.DataFrame(columns)
    y = frame["won"].to_numpy()
    without = x.drop(columns="rep_skill")
    residual = pd.Series(y - LogisticRegression(C=1e6, max_iter=5000).fit(without, y).predict_proba(without)[:, 1])
    by_rep = residual.groupby(frame["owner_rep_id"].to_numpy()).mean()
    skill = by_rep.index.astype(str).map(truth["rep_skill"]).astype(float)
    fit = LogisticRegression(C=1e6, max_iter=5000).fit(x, y)
    p = fit.predict_proba(x)[:, 1]
    design = np.c_[np.ones(len(x)), x.to_numpy()]
    covariance = np.linalg.inv(design.T @ (design * (p * (1 - p))[:, None]))
    se = pd.Series(np.sqrt(np.diag(covariance))[1:], index=x.columns)
    recovered = pd.Series(fit.coef_[0], index=x.columns)
    rows = pd.DataFrame({"planted": pd.Series(planted), "recovered": recovered[list(planted)], "se": se[list(planted)]})
    return rows, float(np.corrcoef(by_rep.to_numpy(), skill)[0, 1])


def evaluate(name: str, config: Config, args: argparse.Namespace) -> dict[str, Any]:
    started = time.perf_counter()
    dataset = generate(config, args.customers, args.reps, args.seed)
    truth = dataset.metadata()["truth"]
    frame = deal_frame(dataset)
    relabel = np.random.default_rng(RANDOM_STATE).permutation(int(frame["customer_id"].max()) + 1)
    frame["customer_relabelled"] = relabel[frame["customer_id"].to_numpy()]  # same grouping, meaningless order
    folds, ungrouped = make_folds(frame), make_folds(frame, grouped=False)
    auc, sd = signal_auc(frame, folds)
    effects, rep_corr = recover_effects(frame, truth)
    return {
        "name": name,
        "deals": len(frame),
        "win_rate": frame["won"].mean(),
        "auc": auc,
        "sd": sd,
        "truth_auc": truth_auc(frame, truth),
        "probe": probe_auc(frame, PROBE, folds),
        "probe_each": {c: probe_auc(frame, [c], folds) for c in PROBE},
        "ungrouped": {c: probe_auc(frame, [c], ungrouped) for c in ("customer_id", "customer_relabelled")},
        "created": probe_auc(frame, ["created_epoch"], folds),
        "pre_open": pre_open_auc(dataset),
        "effects": effects,
        "rep_corr": rep_corr,
        "seconds": time.perf_counter() - started,
    }


def print_results(results: list[dict[str, Any]]) -> None:
    print("\n## Win prediction from open-time features (HistGradientBoosting, 5-fold CV, ROC AUC)\n")
    print(
        f"{'scenario':<24}{'closed':>8}{'won':>7}{'GBM AUC':>15}{'planted':>9}{'probe ids':>11}"
        f"{'created_at':>12}{'pre-open':>10}{'sec':>6}"
    )
    for r in results:
        print(
            f"{r['name']:<24}{r['deals']:>8}{r['win_rate']:>7.3f}{r['auc']:>9.3f} ±{r['sd']:.3f}"
            f"{r['truth_auc']:>9.3f}{r['probe']:>11.3f}{r['created']:>12.3f}{r['pre_open']:>10.3f}{r['seconds']:>6.0f}"
        )
    print(
        "\nFolds are stratified and grouped by customer. planted = AUC of the published truth itself (effects + "
        "rep skill, no per-deal noise): the ceiling for open-time features."
    )
    print(
        "probe ids = the same GBM on opportunity_id, customer_id, row position, opportunity_id % 1000 "
        "(must be 0.50 ± 0.02); one at a time:"
    )
    for r in results:
        print(f"  {r['name']:<24}" + "  ".join(f"{c} {v:.3f}" for c, v in r["probe_each"].items()))
    print(
        "  control, folds NOT grouped by customer (a customer's deals share size, industry, rep, so any "
        "customer key is learnable):"
    )
    for r in results:
        print(f"  {r['name']:<24}" + "  ".join(f"{c} {v:.3f}" for c, v in r["ungrouped"].items()))
    print(
        "created_at = the GBM on the creation time alone: real signal, not leakage (expansion deals come "
        "later in a customer's life; near as_of only short deals have closed)"
    )
    print(
        "pre-open = the GBM on every attribute of the touches logged before the deal opened (count, type mix, "
        "meeting/call minutes, connect rate, sentiment, direction): known at open time, must be 0.50 ± 0.02"
    )

    print("\n## Planted vs recovered win-model effects (logistic regression, log-odds; ✗ = sign not recovered)\n")
    first = results[0]["effects"]
    print(f"{'effect':<38}{'planted':>8}" + "".join(f"{r['name'][:22]:>24}" for r in results))
    for effect in first.index:
        cells = []
        for r in results:
            row = r["effects"].loc[effect]
            mark = "" if np.sign(row.recovered) == np.sign(row.planted) else "✗"
            other = "" if np.isclose(row.planted, first.loc[effect, "planted"]) else f" [{row.planted:+.2f}]"
            cells.append(f"{row.recovered:+.2f}±{row.se:.2f}{mark}{other}")
        print(f"{effect:<38}{first.loc[effect, 'planted']:>+8.2f}" + "".join(f"{c:>24}" for c in cells))
    share = [(np.sign(r["effects"].recovered) == np.sign(r["effects"].planted)) for r in results]
    strong = [s[r["effects"].planted.abs() >= 0.1] for s, r in zip(share, results, strict=True)]
    print(f"{'signs recovered':<46}" + "".join(f"{f'{s.sum()}/{s.size} ({s.mean():.0%})':>24}" for s in share))
    print(
        f"{'  of effects with |planted| >= 0.10':<46}"
        + "".join(f"{f'{s.sum()}/{s.size} ({s.mean():.0%})':>24}" for s in strong)
    )
    print(f"{'rep skill: corr(planted, residual win rate)':<46}" + "".join(f"{r['rep_corr']:>24.2f}" for r in results))
    print(
        "(± one standard error; [x] = the scenario's planted value where it differs. Effects are relative to the "
        "level planted nearest 0; rep_skill is the published skill entered as a covariate. Recovered values "
        "shrink toward 0 because the per-deal noise is not observed.)"
    )


def noise_sweep(args: argparse.Namespace) -> None:
    print("\n## AUC as realism.win.outcome_noise rises (default config)\n")
    print(f"{'outcome_noise':>14}{'GBM AUC':>15}{'planted':>9}")
    for noise in (0.0, 0.6, 1.5):
        config = Config(realism=Realism(win=WinLoss(outcome_noise=noise)))
        dataset = generate(config, args.customers, args.reps, args.seed)
        frame, truth = deal_frame(dataset), dataset.metadata()["truth"]
        auc, sd = signal_auc(frame, make_folds(frame))
        print(f"{noise:>14.1f}{auc:>9.3f} ±{sd:.3f}{truth_auc(frame, truth):>9.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=20_000, help="customers per scenario (default 20,000)")
    parser.add_argument("--reps", type=int, default=None, help="sales reps per scenario (default: sized by salesgen)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--presets",
        default="default," + ",".join(preset_names()),
        help="comma-separated scenarios; 'default' is Config()",
    )
    parser.add_argument("--no-sweep", action="store_true", help="skip the outcome_noise sweep")
    args = parser.parse_args()
    team = f"{args.reps} reps" if args.reps else "a team sized from the accounts"
    print(f"salesgen ml_signal: seed {args.seed}, {args.customers:,} customers, {team} per scenario")
    results = [
        evaluate(name, Config() if name == "default" else load_preset(name), args) for name in args.presets.split(",")
    ]
    print_results(results)
    if not args.no_sweep:
        noise_sweep(args)


if __name__ == "__main__":
    main()
