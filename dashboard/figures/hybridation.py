"""Hybridation figures: number of usages, co-occurrence, UpSet combinations, mix by department,
comparison with the national observatory. Pure functions of data."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard import schema
from dashboard.figures.theme import USAGE_COLORS, apply_template
from dashboard.i18n import format_percent, t

__all__ = ["make_usage_count_bars", "make_cooccurrence_heatmap", "make_upset",
           "make_usage_mix", "make_national_comparison"]

def make_usage_count_bars(distribution, *, lang: str) -> go.Figure:
    labels = [t("hyb.unknown", lang) if n == 0 else str(n) for n in distribution.index]
    fig = go.Figure(go.Bar(x=labels, y=distribution.to_numpy(), marker={"color": "#0072B2"},
                           text=distribution.to_numpy(), textposition="outside",
                           hovertemplate=f"%{{x}} {t('hyb.usages', lang)} : %{{y}} "
                                         f"{t('unit.venues', lang)}<extra></extra>"))
    fig.update_xaxes(title=t("hyb.n_usages", lang), type="category")
    fig.update_yaxes(title=t("unit.venues", lang))
    return apply_template(fig, lang, title=t("hyb.count_title", lang), height=360)


def make_cooccurrence_heatmap(counts, shares, *, lang: str) -> go.Figure:
    codes = [c for c in schema.USAGE_CODES if c in counts.index and counts.at[c, c] > 0]
    names = [schema.usage_label(c, lang) for c in codes]
    z = [[float(shares.at[a, b]) if a != b else None for b in codes] for a in codes]
    text = [[format_percent(shares.at[a, b], lang, 0) if a != b else "" for b in codes]
            for a in codes]
    hover = [[t("hyb.cooc_hover", lang, share=format_percent(shares.at[a, b], lang, 0),
                row=schema.usage_label(a, lang), col=schema.usage_label(b, lang),
                n=int(counts.at[a, b]), total=int(counts.at[a, a])) for b in codes]
             for a in codes]
    fig = go.Figure(go.Heatmap(z=z, x=names, y=names, text=text, texttemplate="%{text}",
                               customdata=hover, hovertemplate="%{customdata}<extra></extra>",
                               colorscale="Blues", zmin=0, zmax=1, xgap=1, ygap=1,
                               colorbar={"tickformat": ".0%", "thickness": 12}))
    fig.update_yaxes(autorange="reversed", title=t("hyb.cooc_rows", lang))
    fig.update_xaxes(title=t("hyb.cooc_cols", lang), tickangle=-35)
    fig = apply_template(fig, lang, title=t("hyb.cooc_title", lang),
                          height=500)
    fig.update_layout(title={"subtitle": {"text": t("hyb.cooc_subtitle", lang)}},
                      margin={"t": 70})
    return fig


def make_upset(combos, *, lang: str) -> go.Figure:
    """Bars of the most frequent combinations over a dot matrix of the usages forming them."""
    used = [c for c in schema.USAGE_CODES if any(c in u for u in combos["usages"])]
    x = list(range(len(combos)))
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.55, 0.45],
                        vertical_spacing=0.03)
    labels = [" + ".join(schema.usage_label(c, lang) for c in u) for u in combos["usages"]]
    fig.add_trace(go.Bar(x=x, y=combos["venues"], marker={"color": "#0072B2"},
                         text=combos["venues"], textposition="outside", customdata=labels,
                         hovertemplate="%{customdata} : %{y}<extra></extra>",
                         showlegend=False), row=1, col=1)
    for j, code in enumerate(used):
        inside = [code in u for u in combos["usages"]]
        fig.add_trace(go.Scatter(
            x=x, y=[j] * len(x), mode="markers", showlegend=False, hoverinfo="skip",
            marker={"size": 11, "color": ["#222222" if i else "#dee2e6" for i in inside]}),
            row=2, col=1)
    for i, u in enumerate(combos["usages"]):
        rows = [used.index(c) for c in u]
        if len(rows) > 1:
            fig.add_trace(go.Scatter(x=[i, i], y=[min(rows), max(rows)], mode="lines",
                                     line={"color": "#222222", "width": 2}, showlegend=False,
                                     hoverinfo="skip"), row=2, col=1)
    top = float(combos["venues"].max()) if len(combos) else 1.0
    fig.update_yaxes(title=t("unit.venues", lang), range=[0, top * 1.18],
                     row=1, col=1)
    fig.update_yaxes(tickvals=list(range(len(used))),
                     ticktext=[schema.usage_label(c, lang) for c in used], autorange="reversed",
                     showgrid=False, zeroline=False, row=2, col=1)
    fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=False)
    return apply_template(fig, lang, title=t("hyb.upset_title", lang),
                          height=200 + 24 * len(used))


def make_usage_mix(mix, dep_names, *, lang: str) -> go.Figure:
    fig = go.Figure()
    deps = list(mix.index)
    ylabels = [f"{d} {dep_names.get(d, d)}" for d in deps]
    for code in [c for c in schema.USAGE_CODES if c in mix.columns]:
        values = mix[code].to_numpy()
        fig.add_trace(go.Bar(
            y=ylabels, x=values, orientation="h", name=schema.usage_label(code, lang),
            marker={"color": USAGE_COLORS[code]},
            customdata=[format_percent(v, lang, 0) for v in values],
            hovertemplate="%{y} · " + schema.usage_label(code, lang)
                          + " : %{customdata}<extra></extra>"))
    fig.update_xaxes(tickformat=".0%", range=[0, 1], title=t("hyb.mix_axis", lang))
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig = apply_template(fig, lang, title=t("hyb.mix_title", lang),
                          height=260 + 26 * len(deps))
    fig.update_layout(barmode="stack", margin={"b": 130},
                      legend={"orientation": "h", "y": -0.12, "yanchor": "top",
                              "traceorder": "normal"})
    return fig


def make_national_comparison(shares, national: dict, *, lang: str) -> go.Figure:
    codes = [c for c in schema.USAGE_CODES if c in national or shares.get(c, 0) > 0]
    names = [schema.usage_label(c, lang) for c in codes]
    sel = [float(shares.get(c, 0.0)) for c in codes]
    nat = [national.get(c) for c in codes]
    fig = go.Figure([
        go.Bar(x=names, y=sel, name=t("hyb.selection", lang), marker={"color": "#0072B2"},
               text=[format_percent(v, lang, 0) for v in sel], textposition="outside",
               hovertemplate="%{x} : %{text}<extra>" + t("hyb.selection", lang) + "</extra>"),
        go.Bar(x=names, y=nat, name=t("hyb.national", lang), marker={"color": "#E69F00"},
               text=["" if v is None else format_percent(v, lang, 0) for v in nat],
               textposition="outside",
               hovertemplate="%{x} : %{text}<extra>" + t("hyb.national", lang) + "</extra>"),
    ])
    fig.update_layout(barmode="group", legend={"orientation": "h", "y": -0.42, "x": 0,
                                               "yanchor": "top"})
    fig.update_yaxes(tickformat=".0%", title=t("hyb.share_axis", lang))
    fig.update_xaxes(tickangle=-30)
    fig = apply_template(fig, lang, title=t("hyb.national_title", lang),
                          height=440)
    fig.update_layout(margin={"b": 110})
    return fig
