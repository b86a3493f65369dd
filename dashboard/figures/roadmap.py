"""Roadmap figures and table rows: the communes suggestions would cover, the scenario's sites
and newly covered communes on the coverage map, coverage by year, waves, before / after.

Pure functions of data (data first, options keyword-only). The coverage map's traces 3–5 are
built here: 3 = communes a suggestion would newly cover, 4 = communes the scenario newly
covers, 5 = the scenario's sites (added: blue, removed venues: red); they follow the
coverage map's own three (``figures/coverage.py`` ``TRACE_ROLES``).
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.theme import apply_template
from dashboard.i18n import format_int, format_percent, t

__all__ = ["ROADMAP_TRACES", "roadmap_trace_props", "make_roadmap_traces",
           "make_timeline_figure", "alternatives_text", "covered_text", "wave_rows",
           "scenario_table_rows", "comparison_rows", "SCENARIO_COLORS", "unit_label"]

ROADMAP_TRACES = (3, 4, 5)
_SUGGESTED, _NEWLY, _SITES = ROADMAP_TRACES
SUGGESTED_FILL = "#E69F00"
NEWLY_FILL = "#0072B2"
SCENARIO_COLORS = {"add": "#0072B2", "remove": "#D55E00"}


def unit_label(minutes: bool, lang: str) -> str:
    return t("roadmap.unit.min" if minutes else "roadmap.unit.km", lang)


def _names(codes, names: pd.Series, limit: int = 12) -> str:
    shown = [html.escape(str(names.get(c, c))) for c in codes[:limit]]
    more = len(codes) - len(shown)
    return ", ".join(shown) + (f" (+{more})" if more > 0 else "")


def covered_text(codes: list, names: pd.Series, lang: str, limit: int = 12) -> str:
    """« 23 communes : Pavie, Auch, … (+11) »."""
    return t("roadmap.covered_list", lang, n=format_int(len(codes), lang),
             names=_names(codes, names, limit))


def alternatives_text(alternatives: list[dict], lang: str) -> str:
    """« Auch (32 598, −3,2 %) » for each alternative; empty when there is none."""
    return " · ".join(
        f"{a['name']} ({format_int(a['population_added'], lang)}, "
        f"−{format_percent(a['gap'], lang)})" for a in alternatives)


def roadmap_trace_props(suggestions: pd.DataFrame, scenario: dict | None, names: pd.Series,
                        lang: str) -> dict[int, dict]:
    """Per trace (``ROADMAP_TRACES``) the properties that change with the data."""
    covered_by = {}
    for r in suggestions.itertuples():
        for code in r.covered_insee:
            covered_by.setdefault(code, int(r.rank))
    sugg_loc = list(covered_by)
    newly = list((scenario or {}).get("newly_covered_insee", []))
    sites = (scenario or {}).get("sites", [])
    return {
        # the commune's name comes from the GeoJSON (``hover_templates``): only the site's
        # rank goes per commune (a whole sentence per commune was 35 of a Patch's 122 kB;
        # the site's name is on its marker and in the table)
        _SUGGESTED: {"locations": sugg_loc, "z": [1] * len(sugg_loc),
                     "customdata": [covered_by[c] for c in sugg_loc]},
        _NEWLY: {"locations": newly, "z": [1] * len(newly)},
        _SITES: {"lat": [s["lat"] for s in sites], "lon": [s["lon"] for s in sites],
            "customdata": [s["site"] for s in sites],
            "marker.color": [SCENARIO_COLORS[s["change"]] for s in sites],
            "text": [t(f"roadmap.hover.site_{s['change']}", lang,
                       name=html.escape(str(s["name"]))) for s in sites]},
    }


def hover_templates(lang: str) -> dict[int, str]:
    """Hover of the two choropleth traces: the commune's name from the GeoJSON's properties,
    the suggested site's rank (``customdata``) for the first."""
    name = "<b>%{properties.name}</b>"
    site = t("roadmap.hover.site_rank", lang, n="%{customdata}")
    return {_SUGGESTED: t("roadmap.hover.would_cover", lang, name=name, site=site)
            + "<extra></extra>",
            _NEWLY: t("roadmap.hover.newly", lang, name=name) + "<extra></extra>"}


def make_roadmap_traces(suggestions, scenario, names, *, geojson_url: str,
                        lang: str) -> list:
    props = roadmap_trace_props(suggestions, scenario, names, lang)
    traces, hover = [], hover_templates(lang)
    for trace, fill, key in ((_SUGGESTED, SUGGESTED_FILL, "roadmap.map.suggested_cover"),
                             (_NEWLY, NEWLY_FILL, "roadmap.map.newly")):
        traces.append(go.Choroplethmap(
            geojson=geojson_url, featureidkey="properties.id", showscale=False,
            colorscale=[[0, fill], [1, fill]], zmin=0, zmax=1,
            marker={"opacity": 0.45, "line": {"width": 1.2, "color": fill}},
            hovertemplate=hover[trace], name=t(key, lang), showlegend=True,
            **props[trace]))
    p6 = dict(props[_SITES])
    color = p6.pop("marker.color")
    traces.append(go.Scattermap(
        mode="markers", marker={"size": 15, "color": color, "opacity": 0.95},
        name=t("roadmap.map.sites", lang), hovertemplate="%{text}<extra></extra>", **p6))
    return traces


def roadmap_update(suggestions, scenario, names, lang: str) -> dict:
    """Property paths → values for a ``dash.Patch`` of the traces ``ROADMAP_TRACES``."""
    upd = {}
    for trace, props in roadmap_trace_props(suggestions, scenario, names, lang).items():
        for k, v in props.items():
            upd[f"data.{trace}.{k}"] = v
    return upd


def make_timeline_figure(by_year: pd.DataFrame, names: pd.Series, *, lang: str,
                         threshold_text: str, note: str = "") -> go.Figure:
    """Coverage rate by year: the region (thick) and each department (thin); ``note`` says
    what could not be dated (written under the chart)."""
    fig = go.Figure()
    if note:
        fig.add_annotation(text=note, xref="paper", yref="paper", x=0, y=1.02,
                           showarrow=False, xanchor="left", font={"size": 11})
    for code, part in by_year.groupby("code", sort=True):
        region = code == ""
        label = t("roadmap.timeline.region", lang) if region else f"{code} {names.get(code, code)}"
        fig.add_trace(go.Scatter(
            x=part["year"], y=part["coverage_rate"], mode="lines+markers" if region else "lines",
            name=label, line={"width": 4 if region else 1.2, "color": "#222222" if region
                              else None},
            opacity=1 if region else 0.75,
            customdata=[[format_int(c, lang), format_int(v, lang)] for c, v in
                        zip(part["covered_population"], part["venues"])],
            hovertemplate=(f"<b>{html.escape(label)}</b> — %{{x}}<br>"
                           f"{t('coverage.rate', lang)} : %{{y:.1%}}<br>"
                           f"{t('coverage.covered_pop', lang)} : %{{customdata[0]}}<br>"
                           f"{t('roadmap.timeline.venues', lang)} : %{{customdata[1]}}"
                           "<extra></extra>")))
    fig.update_layout(
        yaxis={"tickformat": ".0%", "range": [0, 1.0], "title": None},
        xaxis={"dtick": 2, "title": None}, margin={"t": 72, "b": 10},
        legend={"font": {"size": 10}, "orientation": "h", "yanchor": "top", "y": -0.12,
                "xanchor": "left", "x": 0},
    )
    return apply_template(fig, lang, title=t("roadmap.timeline.title", lang,
                                             threshold=threshold_text), height=430)


def wave_rows(waves: pd.DataFrame, lang: str) -> tuple[list, list[dict]]:
    columns = [("wave", t("roadmap.col.wave", lang)), ("venues", t("roadmap.col.venues", lang)),
               ("population_added", t("col.population_added", lang)),
               ("coverage_rate", t("coverage.rate", lang))]
    rows = [{"wave": r.wave_name or t("roadmap.no_wave", lang),
             "venues": format_int(r.venues, lang),
             "population_added": "+" + format_int(r.population_added, lang),
             "coverage_rate": format_percent(r.coverage_rate, lang)}
            for r in waves.itertuples()]
    return columns, rows


def scenario_table_rows(rows: pd.DataFrame, lang: str) -> tuple[list, list[dict]]:
    columns = [("name", t("roadmap.col.territory", lang)),
               ("rate_before", t("roadmap.col.before", lang)),
               ("rate_after", t("roadmap.col.after", lang)),
               ("newly_covered", t("roadmap.col.newly", lang))]
    out = [{"name": r.name if r.scope == "region" else f"{r.code} {r.name}",
            "rate_before": format_percent(r.rate_before, lang),
            "rate_after": format_percent(r.rate_after, lang),
            "newly_covered": ("+" if r.newly_covered >= 0 else "")
            + format_int(r.newly_covered, lang)} for r in rows.itertuples()]
    return columns, out


def comparison_rows(results: list[tuple[str, pd.DataFrame]], lang: str
                    ) -> tuple[list, list[dict]]:
    """Side by side: one column per scenario (rate after, and the change), region first."""
    if not results:
        return [], []
    base = results[0][1]
    columns = [("name", t("roadmap.col.territory", lang)),
               ("before", t("roadmap.col.before", lang))]
    columns += [(f"s{i}", name) for i, (name, _) in enumerate(results)]
    out = []
    for j, r in enumerate(base.itertuples()):
        row = {"name": r.name if r.scope == "region" else f"{r.code} {r.name}",
               "before": format_percent(r.rate_before, lang)}
        for i, (_, table) in enumerate(results):
            x = table.iloc[j]
            sign = "+" if x["newly_covered"] >= 0 else ""
            row[f"s{i}"] = (f"{format_percent(x['rate_after'], lang)} "
                            f"({sign}{format_int(x['newly_covered'], lang)})")
        out.append(row)
    return columns, out
