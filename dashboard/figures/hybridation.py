"""Hybridation figures: number of usages, co-occurrence, UpSet combinations, mix by department,
comparison with the national observatory. Pure functions of data, built as plain dicts
(``figures/plain.py``); ``caption`` is the export caption under the title, if any."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.colors import make_colorscale, sequential

from dashboard import schema
from dashboard.figures.plain import plain_figure, title_layout
from dashboard.figures.theme import USAGE_COLORS
from dashboard.i18n import format_percent, t

__all__ = ["make_usage_count_bars", "make_cooccurrence_heatmap", "make_upset",
           "make_usage_mix", "make_national_comparison"]

# the UpSet chart's two rows (bars over the dot matrix), as plotly's make_subplots(rows=2,
# shared_xaxes=True, row_heights=[0.55, 0.45], vertical_spacing=0.03) lays them out
_UPSET_AXES = {"xaxis": {"anchor": "y", "domain": [0.0, 1.0], "matches": "x2"},
               "xaxis2": {"anchor": "y2", "domain": [0.0, 1.0]},
               "yaxis": {"anchor": "x", "domain": [0.4665, 1.0]},
               "yaxis2": {"anchor": "x2", "domain": [0.0, 0.4365]}}


_BLUES = make_colorscale(sequential.Blues)  # what plotly makes of colorscale="Blues"


def _axis_title(text: str) -> dict:
    return {"title": {"text": text}}


def make_usage_count_bars(distribution, *, lang: str, caption: str = "") -> go.Figure:
    labels = [t("hyb.unknown", lang) if n == 0 else str(n) for n in distribution.index]
    values = distribution.to_numpy()
    bar = {"type": "bar", "x": labels, "y": values, "marker": {"color": "#0072B2"},
           "text": values.astype("float64"), "textposition": "outside",
           "hovertemplate": f"%{{x}} {t('hyb.usages', lang)} : %{{y}} "
                            f"{t('unit.venues', lang)}<extra></extra>"}
    return plain_figure([bar], {
        "xaxis": {**_axis_title(t("hyb.n_usages", lang)), "type": "category"},
        "yaxis": _axis_title(t("unit.venues", lang)), "height": 360,
        **title_layout(t("hyb.count_title", lang), caption=caption)}, lang=lang)


def make_cooccurrence_heatmap(counts, shares, *, lang: str, caption: str = "") -> go.Figure:
    codes = [c for c in schema.USAGE_CODES if c in counts.index and counts.at[c, c] > 0]
    names = [schema.usage_label(c, lang) for c in codes]
    n = counts.loc[codes, codes].to_numpy()
    share = shares.loc[codes, codes].to_numpy(dtype=float)
    texts: dict[float, str] = {}  # each share formatted once (text and hover)

    def percent(v):
        return texts[v] if v in texts else texts.setdefault(v, format_percent(v, lang, 0))

    cells = range(len(codes))
    z = [[float(share[i, j]) if i != j else None for j in cells] for i in cells]
    text = [[percent(share[i, j]) if i != j else "" for j in cells] for i in cells]
    hover = [[t("hyb.cooc_hover", lang, share=percent(share[i, j]), row=names[i],
                col=names[j], n=int(n[i, j]), total=int(n[i, i])) for j in cells]
             for i in cells]
    heatmap = {"type": "heatmap", "z": z, "x": names, "y": names, "text": text,
               "texttemplate": "%{text}", "customdata": hover,
               "hovertemplate": "%{customdata}<extra></extra>", "colorscale": _BLUES,
               "zmin": 0, "zmax": 1, "xgap": 1, "ygap": 1,
               "colorbar": {"tickformat": ".0%", "thickness": 12}}
    return plain_figure([heatmap], {
        "yaxis": {"autorange": "reversed", **_axis_title(t("hyb.cooc_rows", lang))},
        "xaxis": {**_axis_title(t("hyb.cooc_cols", lang)), "tickangle": -35},
        "height": 500,
        **title_layout(t("hyb.cooc_title", lang), subtitle=t("hyb.cooc_subtitle", lang),
                       caption=caption, margin={"t": 70})}, lang=lang)


def make_upset(combos, *, lang: str, caption: str = "") -> go.Figure:
    """Bars of the most frequent combinations over a dot matrix of the usages forming them."""
    usages = list(combos["usages"])
    used = [c for c in schema.USAGE_CODES if any(c in u for u in usages)]
    x = list(range(len(combos)))
    labels = [" + ".join(schema.usage_label(c, lang) for c in u) for u in usages]
    venues = combos["venues"].to_numpy()
    traces = [{"type": "bar", "x": x, "y": venues, "marker": {"color": "#0072B2"},
               "text": venues.astype("float64"), "textposition": "outside",
               "customdata": labels,
               "hovertemplate": "%{customdata} : %{y}<extra></extra>", "showlegend": False,
               "xaxis": "x", "yaxis": "y"}]
    for j, code in enumerate(used):
        traces.append({"type": "scatter", "x": x, "y": [j] * len(x), "mode": "markers",
                       "showlegend": False, "hoverinfo": "skip",
                       "marker": {"size": 11, "color": ["#222222" if code in u else "#dee2e6"
                                                        for u in usages]},
                       "xaxis": "x2", "yaxis": "y2"})
    for i, u in enumerate(usages):
        rows = [used.index(c) for c in u]
        if len(rows) > 1:
            traces.append({"type": "scatter", "x": [i, i], "y": [min(rows), max(rows)],
                           "mode": "lines", "line": {"color": "#222222", "width": 2},
                           "showlegend": False, "hoverinfo": "skip", "xaxis": "x2",
                           "yaxis": "y2"})
    top = float(venues.max()) if len(combos) else 1.0
    bare = {"showticklabels": False, "showgrid": False, "zeroline": False}
    return plain_figure(traces, {
        "xaxis": {**_UPSET_AXES["xaxis"], **bare}, "xaxis2": {**_UPSET_AXES["xaxis2"], **bare},
        "yaxis": {**_UPSET_AXES["yaxis"], **_axis_title(t("unit.venues", lang)),
                  "range": [0, top * 1.18]},
        "yaxis2": {**_UPSET_AXES["yaxis2"], "tickvals": list(range(len(used))),
                   "ticktext": [schema.usage_label(c, lang) for c in used],
                   "autorange": "reversed", "showgrid": False, "zeroline": False},
        "height": 200 + 24 * len(used),
        **title_layout(t("hyb.upset_title", lang), caption=caption)}, lang=lang)


def _percent_number(share: float, lang: str) -> int:
    """The whole number ``format_percent(share, lang, 0)`` writes (its rounding, not
    another's)."""
    return int("".join(ch for ch in format_percent(share, lang, 0) if ch.isdigit()))


def make_usage_mix(mix, dep_names, *, lang: str, caption: str = "") -> go.Figure:
    deps = list(mix.index)
    ylabels = [f"{d} {dep_names.get(d, d)}" for d in deps]
    traces = []
    # nationally 101 departments × 10 usages: the hover's percent as the whole number
    # format_percent writes (the sign after it in the template: « 26 % », « 26% »), and the
    # bars' lengths in single precision — 12 + 8 bytes a bar were 45 of the tab's 71 kB
    sign = format_percent(0, lang, 0).removeprefix("0")
    for code in [c for c in schema.USAGE_CODES if c in mix.columns]:
        values = mix[code].to_numpy()
        label = schema.usage_label(code, lang)
        traces.append({"type": "bar", "y": ylabels, "x": values.astype(np.float32),
                       "orientation": "h", "name": label,
                       "marker": {"color": USAGE_COLORS[code]},
                       "customdata": [_percent_number(v, lang) for v in values],
                       "hovertemplate": f"%{{y}} · {label} : %{{customdata}}{sign}"
                                        "<extra></extra>"})
    return plain_figure(traces, {
        "xaxis": {"tickformat": ".0%", "range": [0, 1], **_axis_title(t("hyb.mix_axis", lang))},
        "yaxis": {"autorange": "reversed", "automargin": True},
        "height": 260 + 26 * len(deps), "barmode": "stack",
        "legend": {"orientation": "h", "y": -0.12, "yanchor": "top", "traceorder": "normal"},
        **title_layout(t("hyb.mix_title", lang), caption=caption, margin={"b": 130})},
        lang=lang)


def make_national_comparison(shares, national: dict, *, lang: str,
                             caption: str = "") -> go.Figure:
    codes = [c for c in schema.USAGE_CODES if c in national or shares.get(c, 0) > 0]
    names = [schema.usage_label(c, lang) for c in codes]
    sel = [float(shares.get(c, 0.0)) for c in codes]
    nat = [national.get(c) for c in codes]
    selection, country = t("hyb.selection", lang), t("hyb.national", lang)
    bars = [
        {"type": "bar", "x": names, "y": sel, "name": selection, "marker": {"color": "#0072B2"},
         "text": [format_percent(v, lang, 0) for v in sel], "textposition": "outside",
         "hovertemplate": "%{x} : %{text}<extra>" + selection + "</extra>"},
        {"type": "bar", "x": names, "y": nat, "name": country, "marker": {"color": "#E69F00"},
         "text": ["" if v is None else format_percent(v, lang, 0) for v in nat],
         "textposition": "outside",
         "hovertemplate": "%{x} : %{text}<extra>" + country + "</extra>"},
    ]
    return plain_figure(bars, {
        # the legend at the foot of the figure (container), under the slanted usage names
        # whatever their length: placed under the plot, « Living lab / innovation sociale »
        # ran into it at 1366 px
        "barmode": "group", "legend": {"orientation": "h", "yref": "container", "y": 0,
                                       "yanchor": "bottom", "x": 0},
        "yaxis": {"tickformat": ".0%", **_axis_title(t("hyb.share_axis", lang))},
        "xaxis": {"tickangle": -30}, "height": 460,
        **title_layout(t("hyb.national_title", lang), caption=caption, margin={"b": 170})},
        lang=lang)
