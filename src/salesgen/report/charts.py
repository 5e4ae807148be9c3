"""The report's charts: one Vega-Lite spec per aggregate, built with Altair, each with a caption.

Why Vega-Lite through Altair: every chart here is worth hovering (exact counts, rates and amounts
in tooltips) and several compare series a reader wants to isolate (segments, won vs lost: click a
legend entry to fade the others). Vega-Lite draws SVG, so charts stay sharp in print; its
JavaScript (Vega, Vega-Lite, vega-embed: ~0.9 MB) comes inline from the installed
``vl-convert-python`` wheel, so the page needs no network. Altair validates each spec against the
Vega-Lite schema when it is built, so a malformed chart fails here, not in a reader's browser.
Hand-drawn static SVG was the alternative for the simplest charts (funnel, attainment); since
Vega-Lite draws SVG too and exact values on hover help even there, one path serves every chart.
Data arrive already aggregated (``salesgen.report.queries``): the specs carry tens to hundreds of
rows whatever the dataset size.

Example:
    >>> [chart.key for chart in CHARTS][:3]
    ['funnel', 'win_rates', 'deal_sizes']
    >>> spec = chart_spec(CHARTS[0], [{"stage": "identified", "ordinal": 0, "deals": 10,
    ...                                "conversion_to_next": 0.5}])
    >>> [layer["mark"]["type"] for layer in spec["layer"]], [rows[0]["deals"] for rows in spec["datasets"].values()]
    (['bar', 'text'], [10])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import altair as alt

Rows = Sequence[dict[str, Any]]
Drawn = Any  # an Altair chart: its chaining methods (encode, properties, …) are typed as returning Any
WIDTH = 430  # px: with a legend, fits a half-width card on a laptop screen and a printed page
SEGMENTS = ["small", "medium", "enterprise"]
OUTCOME_COLORS = alt.Scale(domain=["won", "lost"], range=["#2e7d32", "#c62828"])
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


@dataclass(frozen=True)
class ChartDef:
    """One chart: the aggregate it draws, its title, what to look for, and how to draw it."""

    key: str
    query: str
    title: str
    caption: str
    draw: Callable[[Rows], alt.TopLevelMixin]


def _data(rows: Rows) -> dict[str, Any]:
    return {"values": [dict(row) for row in rows]}


def _legend_toggle(field: str) -> alt.Parameter:
    """A selection bound to the legend: clicking an entry highlights that series."""
    return alt.selection_point(fields=[field], bind="legend")


def _funnel(rows: Rows) -> Drawn:
    base = alt.Chart(_data(rows)).encode(
        y=alt.Y("stage:N", sort=alt.EncodingSortField("ordinal", op="min"), title=None),
        x=alt.X("deals:Q", title="deals that reached the stage"),
    )
    bars = base.mark_bar(color="#1565c0").encode(
        tooltip=["stage:N", alt.Tooltip("deals:Q", format=","), alt.Tooltip("conversion_to_next:Q", format=".1%")]
    )
    labels = (
        base.transform_filter("datum.conversion_to_next != null")
        .mark_text(align="left", dx=4)
        .encode(text=alt.Text("conversion_to_next:Q", format=".0%"), tooltip=alt.value(None))
    )
    return (bars + labels).properties(width=WIDTH, height=180)


def _win_rates(rows: Rows) -> Drawn:
    bars = (
        alt.Chart()
        .mark_bar(color="#1565c0")
        .encode(
            x=alt.X("win_rate:Q", axis=alt.Axis(format="%"), title="win rate (won / closed)"),
            y=alt.Y("level:N", title=None, sort="-x"),
            tooltip=[
                "dimension:N",
                "level:N",
                alt.Tooltip("win_rate:Q", format=".1%"),
                alt.Tooltip("won:Q", format=","),
                alt.Tooltip("closed:Q", format=","),
            ],
        )
        .properties(width=WIDTH - 120)
    )
    return (
        alt.layer(bars, data=_data(rows))
        .facet(row=alt.Row("dimension:N", title=None, sort=["segment", "deal type", "lead source", "industry"]))
        .resolve_scale(y="independent")
    )


def _deal_sizes(rows: Rows) -> Drawn:
    toggle = _legend_toggle("segment")
    return (
        alt.Chart(_data(rows))
        .mark_line(point=True, interpolate="step-after")
        .encode(
            x=alt.X(
                "amount_from:Q",
                scale=alt.Scale(type="log"),
                axis=alt.Axis(format="$~s", tickCount=6),
                title="deal amount (log scale)",
            ),
            y=alt.Y("deals:Q", title="deals"),
            color=alt.Color("segment:N", sort=SEGMENTS),
            opacity=alt.condition(toggle, alt.value(1.0), alt.value(0.15)),
            tooltip=["segment:N", alt.Tooltip("amount_from:Q", format="$,.0f", title="from"), "deals:Q"],
        )
        .add_params(toggle)
        .properties(width=WIDTH, height=220)
    )


def _cycles(rows: Rows) -> Drawn:
    base = alt.Chart(_data(rows)).encode(
        y=alt.Y("segment:N", sort=SEGMENTS, title=None),
        yOffset=alt.YOffset("outcome:N"),
        color=alt.Color("outcome:N", scale=OUTCOME_COLORS),
        tooltip=["segment:N", "outcome:N", "deals:Q", "p10:Q", "p25:Q", "median:Q", "p75:Q", "p90:Q"],
    )
    whiskers = base.mark_rule().encode(
        x=alt.X("p10:Q", title="days from created to closed", axis=alt.Axis(tickCount=8)), x2="p90:Q"
    )
    box = base.mark_bar(size=10).encode(x="p25:Q", x2="p75:Q")
    median = base.mark_tick(color="black", size=12, thickness=2).encode(x="median:Q")
    return (whiskers + box + median).properties(width=WIDTH, height=200)


def _bookings(rows: Rows) -> Drawn:
    return (
        alt.Chart(_data(rows))
        .mark_bar()
        .encode(
            x=alt.X("month:O", title=None, axis=alt.Axis(labelAngle=-60)),
            y=alt.Y("bookings:Q", title="won amount", axis=alt.Axis(format="$~s")),
            color=alt.Color(
                "quarter_end:N",
                scale=alt.Scale(domain=[True, False], range=["#ef6c00", "#90a4ae"]),
                legend=alt.Legend(title="quarter's last month"),
            ),
            tooltip=["month:O", alt.Tooltip("bookings:Q", format="$,.0f"), alt.Tooltip("deals:Q", format=",")],
        )
        .properties(width=WIDTH, height=220)
    )


def _closes_by_day(rows: Rows) -> Drawn:
    toggle = _legend_toggle("outcome")
    return (
        alt.Chart(_data(rows))
        .mark_bar()
        .encode(
            x=alt.X("day_of_month:O", title="day of month"),
            y=alt.Y("deals:Q", title="deals closed"),
            color=alt.Color("outcome:N", scale=OUTCOME_COLORS),
            xOffset="outcome:N",
            opacity=alt.condition(toggle, alt.value(1.0), alt.value(0.15)),
            tooltip=["day_of_month:O", "outcome:N", alt.Tooltip("deals:Q", format=",")],
        )
        .add_params(toggle)
        .properties(width=WIDTH, height=200)
    )


def _leaderboard(rows: Rows) -> Drawn:
    return (
        alt.Chart(_data(rows))
        .mark_bar()
        .encode(
            y=alt.Y("rep:N", sort="-x", title=None),
            x=alt.X("bookings:Q", title="won amount, last 365 days", axis=alt.Axis(format="$~s")),
            color=alt.Color("segment:N", sort=SEGMENTS),
            tooltip=[
                "rep:N",
                "segment:N",
                alt.Tooltip("bookings:Q", format="$,.0f"),
                "wins:Q",
                alt.Tooltip("quota_attainment:Q", format=".0%"),
                alt.Tooltip("win_rate:Q", format=".1%"),
            ],
        )
        .properties(width=WIDTH - 80, height=alt.Step(16))
    )


def _attainment(rows: Rows) -> Drawn:
    bars = (
        alt.Chart(_data(rows))
        .mark_bar(color="#6a1b9a")
        .encode(
            x=alt.X("percent_from:Q", bin=alt.Bin(binned=True, step=10), title="quota attainment, % (200 = 200+)"),
            x2="percent_end:Q",
            y=alt.Y("reps:Q", title="reps"),
            tooltip=[alt.Tooltip("percent_from:Q", title="from %"), "reps:Q"],
        )
        .transform_calculate(percent_end="datum.percent_from + 10")
    )
    target = alt.Chart({"values": [{"x": 100}]}).mark_rule(strokeDash=[4, 3]).encode(x="x:Q")
    return (bars + target).properties(width=WIDTH, height=200)


def _activity(rows: Rows) -> Drawn:
    return (
        alt.Chart(_data(rows))
        .transform_calculate(day=f"{WEEKDAYS}[datum.weekday - 1]")
        .mark_rect()
        .encode(
            x=alt.X("hour:O", title="hour of day, contact's local time"),
            y=alt.Y("day:N", sort=WEEKDAYS, title=None),
            color=alt.Color("touches:Q", scale=alt.Scale(scheme="blues"), title="touches"),
            tooltip=["day:N", "hour:O", alt.Tooltip("touches:Q", format=",")],
        )
        .properties(width=WIDTH, height=160)
    )


def _touches(rows: Rows) -> Drawn:
    toggle = _legend_toggle("outcome")
    return (
        alt.Chart(_data(rows))
        .mark_line(point=True)
        .encode(
            x=alt.X("touches:Q", title="interactions on the deal (60 = 60+)"),
            y=alt.Y("deals:Q", title="closed deals"),
            color=alt.Color("outcome:N", scale=OUTCOME_COLORS),
            opacity=alt.condition(toggle, alt.value(1.0), alt.value(0.15)),
            tooltip=["outcome:N", "touches:Q", alt.Tooltip("deals:Q", format=",")],
        )
        .add_params(toggle)
        .properties(width=WIDTH, height=200)
    )


def _open_ageing(rows: Rows) -> Drawn:
    return (
        alt.Chart(_data(rows))
        .mark_bar()
        .encode(
            x=alt.X(
                "bucket:N",
                sort=alt.EncodingSortField("bucket_order", op="min"),
                title=None,
                axis=alt.Axis(labelAngle=0),
            ),
            y=alt.Y("deals:Q", title="open deals"),
            color=alt.Color("stage:N", title="stage", sort=alt.EncodingSortField("stage_order", op="min")),
            order=alt.Order("stage_order:Q"),
            tooltip=[
                "bucket:N",
                "stage:N",
                alt.Tooltip("deals:Q", format=","),
                alt.Tooltip("amount:Q", format="$,.0f"),
            ],
        )
        .properties(width=WIDTH, height=200)
    )


CHARTS: tuple[ChartDef, ...] = (
    ChartDef(
        "funnel",
        "funnel",
        "Pipeline funnel",
        "Deals reaching each stage; labels give the share that went on to the next stage. "
        "Look for a steady narrowing, with the steepest drop early.",
        _funnel,
    ),
    ChartDef(
        "win_rates",
        "win_rates",
        "Win rate by segment, deal type, lead source, industry and competition",
        "Won ÷ closed. Look for small > enterprise, renewals and upsells above new business, "
        "referrals best and outbound worst, and lower rates when a competitor is named.",
        _win_rates,
    ),
    ChartDef(
        "deal_sizes",
        "deal_sizes",
        "Deal size distribution by segment",
        "Deals per quarter-decade of amount, log scale. Look for bell shapes (lognormal sizes) shifting "
        "right from small to enterprise. Click a legend entry to isolate a segment.",
        _deal_sizes,
    ),
    ChartDef(
        "cycles",
        "cycles",
        "Sales cycle by segment and outcome",
        "Days from created to closed: whiskers 10th-90th percentile, box 25th-75th, tick the median. "
        "Look for longer cycles in bigger segments and lost deals dragging on longer than won ones.",
        _cycles,
    ),
    ChartDef(
        "bookings_by_month",
        "bookings_by_month",
        "Bookings by month",
        "Won amount by close month, quarter-end months in orange. Look for a spike in every third month.",
        _bookings,
    ),
    ChartDef(
        "closes_by_day",
        "closes_by_day",
        "Closes by day of month",
        "Deals won and lost on each calendar day. Look for wins bunching in the last days of a month.",
        _closes_by_day,
    ),
    ChartDef(
        "leaderboard",
        "leaderboard",
        "Rep leaderboard",
        "The 15 reps with the most won amount in the 365 days before as-of (the quota window); "
        "hover for attainment and win rate. Look for a few reps far ahead of the rest.",
        _leaderboard,
    ),
    ChartDef(
        "attainment",
        "attainment",
        "Quota attainment distribution",
        "Reps with a quota, by share of quota booked; the dashed line is 100%. "
        "Look for a minority at or above target and a long tail below.",
        _attainment,
    ),
    ChartDef(
        "activity",
        "activity",
        "Activity heatmap: weekday × hour",
        "Interactions by the contact's local weekday and hour. Look for calls and meetings filling "
        "weekday office hours; emails spread thinly over the rest.",
        _activity,
    ),
    ChartDef(
        "touches",
        "touches",
        "Touches per deal by outcome",
        "Closed deals by their number of interactions. Look for won deals getting clearly more touches.",
        _touches,
    ),
    ChartDef(
        "open_ageing",
        "open_ageing",
        "Open pipeline ageing",
        "Open deals by days past their expected close date at as-of. Look for most deals not yet due "
        "and a thin tail of stale ones.",
        _open_ageing,
    ),
)


def money_locale(currency: str) -> alt.Locale:
    """The number locale whose ``$`` format prefix is the run's currency: "$" for USD, else its ISO code.

    Example:
        >>> money_locale("JPY").to_dict()["number"]["currency"]
        ['JPY\xa0', '']
    """
    prefix = "$" if currency == "USD" else f"{currency}\N{NO-BREAK SPACE}"
    return alt.Locale(number=alt.NumberLocale(decimal=".", thousands=",", grouping=[3], currency=[prefix, ""]))


def chart_spec(chart: ChartDef, rows: Rows, currency: str = "USD") -> dict[str, Any]:
    """The Vega-Lite spec (a JSON-ready dict, validated by Altair) of one chart over its rows.

    Money axes and tooltips use d3's ``$`` format, which prints the locale's currency (``money_locale``).
    """
    drawn = chart.draw(rows).configure(locale=money_locale(currency))
    drawn = drawn.configure_view(stroke=None).configure_axis(labelLimit=180)
    spec: dict[str, Any] = drawn.to_dict()
    return spec
