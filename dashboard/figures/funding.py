"""Funding figures: by call (stacked, with the published envelope), cumulative over the years,
per inhabitant by department. Pure functions of data, built as plain dicts
(``figures/plain.py``); ``caption`` is the export caption under the title, if any."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import schema
from dashboard.figures.plain import plain_figure, title_layout
from dashboard.figures.theme import USAGE_COLORS
from dashboard.funding import UNKNOWN_USAGE
from dashboard.i18n import format_eur, format_int, t

__all__ = ["make_funding_by_call", "make_cumulative", "make_per_capita", "call_rows"]

# no black: black is the published envelope's mark (ENVELOPE_COLOR). The 13 departments'
# colours: Okabe-Ito's seven (black aside) and six of Paul Tol's, every pair at least 25 apart
# in CIELAB (ΔE76), neighbours in the stack at least 75 apart (Lot and Pyrénées-Orientales
# were two purples 16 apart); tests/test_funding_colours.py checks it.
ENVELOPE_COLOR = "#222222"
DEP_COLORS = ["#882255", "#009E73", "#E69F00", "#CC79A7", "#F0E442", "#AA4499", "#DDCC77",
              "#56B4E9", "#8c6d1f", "#0072B2", "#D55E00", "#BBBBBB", "#332288"]


def _call_label(row) -> str:
    return f"{html.escape(str(row.programme))}<br>{row.year}"


# stacked by department with more departments than colours (a national registry): the
# largest 9 and the others together, ten stacks a reader tells apart
NATIONAL_STACKS = 10
OTHER_DEPARTEMENTS = "__autres__"
OTHERS_COLOR = "#d9d9d9"


def _largest_departements(table: pd.DataFrame, keep: int) -> tuple[pd.DataFrame, int]:
    """``table`` (calls × departments) with its ``keep`` largest departments (total over
    the calls; in their order) and the others summed in one column (``OTHER_DEPARTEMENTS``),
    and how many those are. Nationally 101 departments stacked were 101 bars per call in
    13 colours (and 292 kB: each bar's hover carries its call's facts)."""
    totals = table.sum(axis=0)
    kept = set(totals.sort_values(ascending=False, kind="stable").index[:keep])
    columns = [c for c in table.columns if c in kept]
    rest = [c for c in table.columns if c not in kept]
    out = table[columns].copy()
    out[OTHER_DEPARTEMENTS] = table[rest].sum(axis=1)
    return out, len(rest)


def make_funding_by_call(table, summary, dep_names: dict, *, by: str, lang: str,
                         caption: str = "") -> go.Figure:
    """Stacked bars per call; a marker shows the published envelope, and the hover says
    whether the recorded funds exceed or fall short of it. Stacked by department, more
    departments than colours (a national registry): the largest 9 and the others together
    (``NATIONAL_STACKS``)."""
    summary = summary.rename(columns={"name": "name_"})
    calls = list(summary.index)
    x = [_call_label(r) for r in summary.itertuples()]
    table = table.reindex(calls).fillna(0.0)
    others = 0
    if by == "departement" and len(table.columns) > len(DEP_COLORS):
        table, others = _largest_departements(table, NATIONAL_STACKS - 1)
    facts = []
    for r in summary.itertuples():
        env = "–" if np.isnan(r.envelope_eur) else format_eur(r.envelope_eur, lang)
        win = "–" if np.isnan(r.winners) else format_int(r.winners, lang)
        status = t(f"fund.status.{r.envelope_status}", lang,
                   gap=format_eur(abs(r.gap_eur), lang) if r.gap_eur == r.gap_eur else "")
        facts.append(
            f"<b>{html.escape(str(r.name_))}</b><br>{t('fund.recorded', lang)} : "
            f"{format_eur(r.recorded_eur, lang)}<br>{t('fund.envelope', lang)} : {env}"
            f" — {status}<br>{t('fund.winners', lang)} : {win} · {t('fund.funded', lang)} : "
            f"{r.venues_funded}<br>{t('fund.source', lang)} : {html.escape(r.source_url)}")
    traces = []
    for i, col in enumerate(table.columns):
        if col == OTHER_DEPARTEMENTS:
            name, color = t("fund.other_departements", lang, n=format_int(others, lang)), \
                OTHERS_COLOR
        elif by == "departement":
            name, color = f"{col} {dep_names.get(col, col)}", DEP_COLORS[i % len(DEP_COLORS)]
        else:
            name = t("fund.unknown_usage", lang) if col == UNKNOWN_USAGE else \
                schema.usage_label(col, lang)
            color = USAGE_COLORS.get(col, "#bdbdbd")
        values = table[col].to_numpy()
        traces.append({
            "type": "bar", "x": x, "y": values, "name": name, "marker": {"color": color},
            "customdata": [[format_eur(v, lang), f] for v, f in zip(values, facts)],
            "hovertemplate": f"{html.escape(name)} : %{{customdata[0]}}<br>%{{customdata[1]}}"
                             "<extra></extra>"})
    envelope = summary["envelope_eur"].astype(float).to_numpy()
    traces.append({
        "type": "scatter", "x": x, "y": envelope, "mode": "markers",
        "name": t("fund.envelope_marker", lang),
        "marker": {"symbol": "line-ew-open", "size": 40, "color": ENVELOPE_COLOR,
                   "line": {"width": 3, "color": "#222222"}},
        "customdata": facts, "hovertemplate": "%{customdata}<extra></extra>"})
    badges = [{"x": xi, "y": max(r.recorded_eur, r.envelope_eur), "yshift": 14,
               "text": t(f"fund.badge.{r.envelope_status}", lang), "showarrow": False,
               "font": {"size": 12, "color": "#b02a37"}}
              for xi, r in zip(x, summary.itertuples()) if r.envelope_status in ("over", "under")]
    return plain_figure(traces, {
        **({"annotations": badges} if badges else {}),
        "barmode": "stack", "legend": {"orientation": "h", "y": -0.18},
        "yaxis": {"title": {"text": "€"}, "tickformat": ",.0f"}, "xaxis": {"tickangle": 0},
        "height": 480, **title_layout(t("fund.by_call_title", lang), caption=caption)},
        lang=lang)


def make_cumulative(cum, *, lang: str, caption: str = "") -> go.Figure:
    years = [str(y) for y in cum.index]
    amounts, totals = cum["amount_eur"].to_numpy(), cum["cumulative_eur"].to_numpy()
    traces = [
        {"type": "bar", "x": years, "y": amounts, "name": t("fund.per_year", lang),
         "marker": {"color": "#56B4E9"}, "customdata": [format_eur(v, lang) for v in amounts],
         "hovertemplate": "%{x} : %{customdata}<extra></extra>"},
        {"type": "scatter", "x": years, "y": totals, "name": t("fund.cumulative", lang),
         "mode": "lines+markers", "line": {"color": "#0072B2", "width": 3},
         "customdata": [format_eur(v, lang) for v in totals],
         "hovertemplate": "%{x} : %{customdata}<extra></extra>"},
    ]
    return plain_figure(traces, {
        "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        "yaxis": {"title": {"text": "€"}, "tickformat": ",.0f"}, "xaxis": {"type": "category"},
        "height": 360,
        **title_layout(t("fund.cumulative_title", lang), caption=caption, margin={"t": 80})},
        lang=lang)


def make_per_capita(table, dep_names: dict, *, lang: str, caption: str = "") -> go.Figure:
    table = table.sort_values("per_capita_eur", kind="stable")
    labels = [f"{d} {dep_names.get(d, d)}" for d in table.index]
    bar = {"type": "bar", "x": table["per_capita_eur"].to_numpy(), "y": labels,
           "orientation": "h", "marker": {"color": "#009E73"},
           "text": [format_eur(v, lang) for v in table["per_capita_eur"]],
           "textposition": "auto",
           "customdata": [[format_eur(f, lang), format_int(p, lang)]
                          for f, p in zip(table["funding_eur"], table["population"])],
           "hovertemplate": ("%{y} : %{text} / " + t("unit.inhabitant", lang)
                             + "<br>%{customdata[0]} · %{customdata[1]} "
                             + t("unit.inhabitants", lang) + "<extra></extra>")}
    return plain_figure([bar], {
        "xaxis": {"title": {"text": t("unit.funding_per_capita", lang)}},
        "yaxis": {"automargin": True}, "height": 140 + 26 * len(table),
        **title_layout(t("fund.per_capita_title", lang), caption=caption)}, lang=lang)


def call_rows(summary, lang: str, *, recorded: bool = True) -> tuple[list, list[dict]]:
    """The calls table; without recorded grants the published facts stay and the recorded
    columns say « non renseigné » (never 0 €)."""
    columns = [("name", t("fund.col.call", lang)), ("year", t("fund.col.year", lang)),
               ("venues_funded", t("fund.funded", lang)),
               ("recorded_eur", t("fund.recorded", lang)),
               ("median_grant_eur", t("fund.median", lang)),
               ("envelope_eur", t("fund.envelope", lang)),
               ("winners", t("fund.winners", lang))]
    rows = []
    for r in summary.itertuples():
        rows.append({
            "name": r.name, "year": str(r.year), "venues_funded": str(r.venues_funded),
            "recorded_eur": format_eur(r.recorded_eur, lang),
            "median_grant_eur": "–" if r.median_grant_eur != r.median_grant_eur else
            format_eur(r.median_grant_eur, lang),
            "envelope_eur": "–" if r.envelope_eur != r.envelope_eur else
            format_eur(r.envelope_eur, lang),
            "winners": "–" if np.isnan(r.winners) else str(int(r.winners)),
        })
        if not recorded:
            rows[-1].update({k: t("kpi.not_recorded", lang) for k in
                             ("venues_funded", "recorded_eur", "median_grant_eur")})
    return columns, rows
