"""The report page: one HTML file with its styles, data, chart specs and chart JavaScript inline.

Nothing on the page asks another host for anything: no stylesheet, font, script or image is
linked (the system font stack is used), the Vega/Vega-Lite/vega-embed bundle is read from the
installed ``vl-convert-python`` package, and the specs carry their data inline. Source links in the
scorecard are plain anchors, followed only when clicked. When the page has drawn every chart it
sets ``data-charts-drawn`` on ``<body>`` (the browser test waits for it); a chart that fails to draw
logs a console error and says so in its card.

Example:
    >>> "vegaEmbed" in CHART_SCRIPT
    True
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

CSS = """
:root { --ink: #1f2933; --muted: #667085; --line: #d0d5dd; --ok: #2e7d32; --bad: #c62828; --accent: #1565c0; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: var(--ink); background: #f6f7f9; }
header, main { max-width: 1240px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 32px 0 10px; } h3 { font-size: 16px; margin: 14px 0 6px; }
.sub, .muted { color: var(--muted); }
nav { margin: 10px 0 0; display: flex; flex-wrap: wrap; gap: 6px 16px; }
nav a { color: var(--accent); text-decoration: none; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; margin: 16px 0; }
.kpi { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.kpi b { display: block; font-size: 20px; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(560px, 1fr)); gap: 16px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; overflow-x: auto; }
.card p { margin: 0 0 8px; color: var(--muted); font-size: 14px; }
.chart { min-height: 120px; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: 14px; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #eef1f5; }
table.narrow, table.facts { width: auto; min-width: 320px; }
.badge { white-space: nowrap; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff;
         background: #98a2b3; }
.badge.ok { background: var(--ok); } .badge.bad { background: var(--bad); }
.verdict.ok { color: var(--ok); font-weight: 600; } .verdict.bad { color: var(--bad); font-weight: 600; }
details { margin: 8px 0; } summary { cursor: pointer; color: var(--accent); }
pre { background: #fff; border: 1px solid var(--line); padding: 10px; overflow: auto; max-height: 480px;
      font-size: 12px; }
footer { max-width: 1240px; margin: 32px auto; padding: 0 20px; color: var(--muted); font-size: 13px; }
@media print {
  body { background: #fff; font-size: 11px; } nav { display: none; }
  .grid { display: block; } .card { break-inside: avoid; border: none; padding: 0; margin-bottom: 12px; }
  details > * { display: block; } pre { max-height: none; }
}
"""

# Draw every chart, then mark the page; errors go to the console (the browser test fails on any).
CHART_SCRIPT = """
(async () => {
  const cards = Array.from(document.querySelectorAll("[data-chart]"));
  const draws = cards.map(async (el) => {
    const spec = JSON.parse(document.getElementById("spec-" + el.dataset.chart).textContent);
    try {
      await vegaEmbed(el, spec, { renderer: "svg", actions: false });
      return true;
    } catch (error) {
      el.textContent = "This chart could not be drawn: " + error;
      console.error("chart " + el.dataset.chart + ": " + error);
      return false;
    }
  });
  const drawn = (await Promise.all(draws)).filter(Boolean).length;
  document.body.dataset.chartsDrawn = String(drawn);
})();
"""


def script_json(value: Any) -> str:
    """JSON safe inside a ``<script>`` element (no ``</script>`` or ``<!--`` can close it).

    Example:
        >>> script_json({"a": "</script>"})
        '{"a": "\\\\u003c/script>"}'
    """
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")


def chart_card(key: str, title: str, caption: str, spec: Mapping[str, Any]) -> str:
    """One chart's card: title, caption, the drawing area and its spec."""
    return (
        f'<section class="card" id="{escape(key)}"><h3>{escape(title)}</h3><p>{escape(caption)}</p>'
        f'<div class="chart" data-chart="{escape(key)}"></div>'
        f'<script type="application/json" id="spec-{escape(key)}">{script_json(spec)}</script></section>'
    )


def kpi_strip(kpis: Mapping[str, Any], rules: str = "not run") -> str:
    """Headline numbers: accounts, reps, deals, win rate, bookings, open pipeline, interactions, and the
    verdict of the hard rules (``rules``: e.g. "all 67 hold", "2 of 67 broken").

    Example:
        >>> "<b>all 67 hold</b>hard rules" in kpi_strip({"closed": 0}, "all 67 hold")
        True
    """
    closed = kpis.get("closed") or 0
    win_rate = f"{kpis.get('won', 0) / closed:.1%}" if closed else "–"
    items = [
        ("accounts", f"{kpis.get('customers', 0):,}"),
        ("sales reps", f"{kpis.get('reps', 0):,}"),
        ("deals", f"{kpis.get('deals', 0):,}"),
        ("win rate (all closed)", win_rate),
        ("bookings (won)", f"{kpis.get('bookings', 0):,.0f}"),
        ("open pipeline", f"{kpis.get('open_pipeline', 0):,.0f}"),
        ("interactions", f"{kpis.get('interactions', 0):,}"),
        ("hard rules", escape(rules)),
    ]
    return '<div class="kpis">' + "".join(f'<div class="kpi"><b>{v}</b>{escape(k)}</div>' for k, v in items) + "</div>"


SECTIONS = (("charts", "Charts"), ("scorecard", "Realism scorecard"), ("contract", "Hard rules"),
            ("truth", "Planted truth"), ("manifest", "Manifest"))  # fmt: skip


def render_page(
    *, title: str, subtitle: str, kpis: str, cards: Sequence[str], sections: Mapping[str, str], javascript: str
) -> str:
    """The whole page; ``sections`` maps each key of :data:`SECTIONS` but ``charts`` to its HTML."""
    nav = "".join(f'<a href="#{key}-section">{escape(label)}</a>' for key, label in SECTIONS)
    body = [f'<h2 id="charts-section">Charts</h2><div class="grid">{"".join(cards)}</div>']
    body += [f'<h2 id="{key}-section">{escape(label)}</h2>{sections.get(key, "")}' for key, label in SECTIONS[1:]]
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{CSS}</style>"
        f"<script>{javascript}</script></head><body>"
        f'<header><h1>{escape(title)}</h1><div class="sub">{escape(subtitle)}</div><nav>{nav}</nav>{kpis}</header>'
        f"<main>{''.join(body)}</main>"
        "<footer>Made by <code>salesgen report</code>. Self-contained: this file loads nothing from any other host; "
        "charts are Vega-Lite (hover for values, click a legend entry to highlight a series).</footer>"
        f"<script>{CHART_SCRIPT}</script></body></html>\n"
    )
