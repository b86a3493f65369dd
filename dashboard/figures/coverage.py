"""Coverage figures: the covered / distance map with site suggestions, and rates by department.

Pure functions of data. The map follows the same pattern as ``figures/map.py``: polygons by
URL, a whole figure when the mode or language changes, else ``coverage_update`` for a Patch.
Trace roles (``uid``, in this order: ``TRACE_ROLES``): value, venues, suggested sites;
``coverage_update`` finds them by role. With ``names`` given, the roadmap's traces 3–5 follow
(``figures/roadmap.py``). The grey of every commune is a MapLibre layer under them
(``figures/map.base_layer``), not a trace. In the dashboard the venues' markers are filled
by the browser from points served once (``venue_draw``, ``dashboard/venue_points.py``):
``coverage_update`` sends none. The dashboard's value arrays travel packed
(``coverage_arrays``, ``dashboard/packed_arrays.py``), unpacked by the browser in the same
step. Distances are km, or minutes when the frame was measured with a travel-time table.
"""

from __future__ import annotations

import functools
import html
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.coverage import covered, measure_column
from dashboard.figures.map import base_layer, map_style, set_arrays, view_layout, view_updates
from dashboard.figures.plain import plain_figure
from dashboard.figures.roadmap import ROADMAP_TRACES, make_roadmap_traces, roadmap_update
from dashboard.figures.theme import template_name
from dashboard.i18n import format_decimal, format_int, format_percent, t
from dashboard.packed_arrays import SpatialOrder, pack_bits, pack_spatial, pack_tenths
from dashboard.venue_points import marker_spec

__all__ = ["COVERAGE_MODES", "coverage_values", "coverage_style", "coverage_arrays",
           "make_coverage_map", "coverage_update",
           "zones_epci_rows", "zones_commune_rows", "suggestion_rows",
           "make_coverage_bars", "COVERED_COLORS", "SUGGESTION_COLOR", "TRACE_ROLES",
           "venue_draw"]

COVERAGE_MODES = ("couverture", "distance")
# PRGn ends: colour-blind safe pair
COVERED_COLORS = {"uncovered": "#762a83", "covered": "#a6dba0"}
SUGGESTION_COLOR = "#E69F00"
TRACE_ROLES = ("choropleth", "venues", "suggestions")
assert ROADMAP_TRACES[0] == len(TRACE_ROLES)  # the roadmap's traces follow these


def _data(role: str) -> str:
    """Patch path prefix of the trace playing ``role``."""
    return f"data.{TRACE_ROLES.index(role)}"


def coverage_style(distances: pd.DataFrame, radius_km: float, mode: str, lang: str) -> dict:
    """Trace-1 properties other than its arrays: colour range and hover. The hover formats
    the numbers with the language's separators (``hovertemplate``); an unknown distance
    (``undefined`` in the browser, see ``dashboard/packed_arrays.py``) shows the fallback
    text, never 0, hence the unit before the value."""
    column = measure_column(distances)
    unit = "min" if column == "minutes" else "km"
    d = distances[column].to_numpy(dtype=float)
    head = (f"<b>%{{properties.name}}</b><br>{t('hover.population', lang)} : "
            "%{properties.population:,.0f}")
    some = bool(np.isfinite(d).any())
    value = "%{z:.1f}" if mode == "distance" else "%{customdata:.1f}"
    hover = (f"{head}<br>{t('coverage.distance', lang)} ({unit}) : "
             f"{value if some else t('coverage.no_venue', lang)}<extra></extra>")
    style = {"zmin": 0.0, "zmax": 1.0, "hovertemplate": hover,
             "hovertemplatefallback": t("coverage.no_venue", lang)}
    if mode == "distance":
        zmax = max(float(np.nanquantile(d, 0.99)) if some else 1.0, 2.0 * radius_km)
        style["zmax"] = round(zmax, 2)
    return style


def coverage_values(distances: pd.DataFrame, radius_km: float, mode: str, lang: str) -> dict:
    """Trace-1 properties for one selection, arrays as plain lists (a figure for export):
    covered (1) / not covered (0) with the distance (km, or minutes for a travel-time table)
    in ``customdata``, or the distance. Distances are NaN for every commune or none (no
    reachable venue at all)."""
    d = distances[measure_column(distances)].to_numpy(dtype=float)
    tenths = np.where(np.isnan(d), None, np.round(d, 1)).tolist()  # NaN: no value, not 0
    style = coverage_style(distances, radius_km, mode, lang)
    if mode == "distance":
        return {"z": tenths, **style}
    return {"z": covered(d, radius_km).astype(int).tolist(), "customdata": tenths, **style}


def coverage_arrays(distances: pd.DataFrame, radius_km: float, mode: str, *,
                    spatial: tuple[np.ndarray, int, SpatialOrder] | None = None) -> list[dict]:
    """The value trace's arrays packed for the browser (``dashboard/packed_arrays.py``):
    covered as bits and the distance in tenths (``customdata``), or the distance (``z``).
    The same numbers as ``coverage_values``. ``spatial``: (the communes' positions in the
    layer, the layer's size, its spatial order) codes them along the order (a national
    territory: ``pack_spatial``)."""
    d = distances[measure_column(distances)].to_numpy(dtype=float)
    trace = ["data", TRACE_ROLES.index("choropleth")]
    tenths, bits = pack_tenths, pack_bits
    if spatial is not None:
        positions, n, order = spatial
        tenths = functools.partial(pack_spatial, positions=positions, n=n, spatial=order)
        bits = functools.partial(tenths, of="bits")
    if mode == "distance":
        return [tenths(d, path=trace + ["z"])]
    return [bits(covered(d, radius_km), path=trace + ["z"]),
            tenths(d, path=trace + ["customdata"])]


def _venue_props(venues: pd.DataFrame, lang: str) -> dict:
    return {"lat": venues["lat"].tolist(), "lon": venues["lon"].tolist(),
            "text": [html.escape(str(n)) for n in venues["name"]],
            "customdata": ["v:" + str(v) for v in venues["venue_id"]]}


def _suggestion_props(suggestions: pd.DataFrame, lang: str) -> dict:
    text = [f"n° {r.rank} · {html.escape(str(r.name))} — "
            f"{t('coverage.adds', lang)} {format_int(r.population_added, lang)} "
            f"{t('coverage.inhabitants', lang)}" for r in suggestions.itertuples()]
    ids = (suggestions["site_id"] if "site_id" in suggestions else suggestions["insee"])
    return {"lat": suggestions["lat"].tolist(), "lon": suggestions["lon"].tolist(),
            "text": text, "customdata": [str(i) for i in ids]}


def make_coverage_map(distances, venues, suggestions, *, radius_km: float, mode: str,
                      lang: str, geojson_url: str, view: dict,
                      tiles_url: str | None = None, names: pd.Series | None = None,
                      scenario: dict | None = None, packed: bool = False) -> go.Figure:
    """The whole coverage map. ``packed``: without the value trace's arrays and locations,
    which the browser adds from ``coverage_arrays`` and a subset of the layer's ids (the
    dashboard); else with them (an export)."""
    values = (coverage_style(distances, radius_km, mode, lang) if packed
              else coverage_values(distances, radius_km, mode, lang))
    # packed: empty until the browser adds them (a trace of no territory, never a wrong one)
    locations = ({"locations": [], "z": []} if packed
                 else {"locations": [str(i) for i in distances.index]})
    fig = go.Figure()
    if mode == "distance":
        scale = "PuBu"
        unit = "min" if measure_column(distances) == "minutes" else "km"
        colorbar = {"title": {"text": unit}, "tickformat": ",.0f"}
    else:
        scale = [[0, COVERED_COLORS["uncovered"]], [0.5, COVERED_COLORS["uncovered"]],
                 [0.5, COVERED_COLORS["covered"]], [1, COVERED_COLORS["covered"]]]
        colorbar = {"tickvals": [0.25, 0.75], "ticktext": [t("coverage.uncovered", lang),
                                                           t("coverage.covered", lang)]}
    arrays = {k: values[k] for k in ("z", "customdata") if k in values}
    fig.add_trace(go.Choroplethmap(
        geojson=geojson_url, featureidkey="properties.id",
        colorscale=scale, marker={"line": {"width": 0.3, "color": "#ffffff"}, "opacity": 0.85},
        colorbar={**colorbar, "thickness": 14, "len": 0.45, "x": 1.0, "xanchor": "right",
                  "bgcolor": "rgba(255,255,255,0.8)"},
        showlegend=False, name=t("coverage.title", lang), uid="choropleth",
        **{k: v for k, v in values.items() if k not in arrays}))
    venue_props, sugg_props = _venue_props(venues, lang), _suggestion_props(suggestions, lang)
    fig.add_trace(go.Scattermap(
        mode="markers", marker={"size": 7, "color": "#222222", "opacity": 0.85},
        name=t("coverage.venues", lang), hovertemplate="%{text}<extra></extra>",
        uid="venues"))
    fig.add_trace(go.Scattermap(
        mode="markers", marker={"size": 17, "color": SUGGESTION_COLOR, "opacity": 0.95},
        name=t("coverage.suggested", lang), hovertemplate="%{text}<extra></extra>",
        uid="suggestions"))
    set_arrays(fig, [{**locations, **arrays}, venue_props, sugg_props])
    if names is not None:
        for trace in make_roadmap_traces(suggestions, scenario, names,
                                         geojson_url=geojson_url, lang=lang):
            fig.add_trace(trace)
    fig.update_layout(
        **view_layout(view, map_style(tiles_url)), map_layers=[base_layer(geojson_url)],
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        autosize=True, uirevision="coverage", template=template_name(lang),
        legend={"orientation": "h", "yanchor": "bottom", "y": 0.01, "xanchor": "left",
                "x": 0.01, "bgcolor": "rgba(255,255,255,0.85)"},
    )
    return fig


def coverage_update(distances, suggestions, *, radius_km: float, mode: str, lang: str,
                    view: dict | None, names: pd.Series | None = None,
                    scenario: dict | None = None, packed: bool = False) -> dict:
    """Property paths → values for a ``dash.Patch`` after a filter or radius change: all but
    the value trace's arrays (``coverage_arrays``) and the venue markers (``venue_draw``);
    ``view`` (new departments) adds the new locations unless ``packed`` (the browser gets
    them as a subset of the layer's ids)."""
    values = coverage_style(distances, radius_km, mode, lang)
    upd = {f"{_data('choropleth')}.{k}": v for k, v in values.items()}
    for k, v in _suggestion_props(suggestions, lang).items():
        upd[f"{_data('suggestions')}.{k}"] = v
    if names is not None:
        upd.update(roadmap_update(suggestions, scenario, names, lang))
    if view is not None:
        if not packed:
            upd[f"{_data('choropleth')}.locations"] = [str(i) for i in distances.index]
        upd.update(view_updates(view))
    return upd


def venue_draw(points_url: str, all_venues: pd.DataFrame, visible: pd.DataFrame) -> dict:
    """What the browser needs to fill the ``venues`` trace with ``visible`` (venues of the
    dataset ``all_venues``, whose points it fetches from ``points_url``): names in ``text``,
    ``v:<venue_id>`` (the click's id) in ``customdata``, as ``_venue_props``."""
    return marker_spec(points_url, all_venues, visible,
                       traces={"": TRACE_ROLES.index("venues")}, group=None,
                       fields={"text": "name", "customdata": "id"})


def make_coverage_bars(by_dep: pd.DataFrame, names: pd.Series, *, radius_km: float,
                       lang: str, minutes: bool = False, subtitle: dict | None = None,
                       top_margin: int = 56) -> go.Figure:
    """Coverage rate by department, sorted, with the population left out on hover;
    ``subtitle`` (a title's ``subtitle``: the export caption) and the top margin it needs."""
    table = by_dep.sort_values("coverage_rate", kind="stable")
    labels = [f"{code} {names.get(code, code)}" for code in table.index]
    bar = {
        "type": "bar", "x": table["coverage_rate"].to_numpy(dtype=float), "y": labels,
        "orientation": "h", "marker": {"color": "#0072B2"},
        "text": [format_percent(v, lang) for v in table["coverage_rate"]],
        "textposition": "auto",
        "customdata": np.column_stack([
            [format_int(v, lang) for v in table["covered_population"]],
            [format_int(v, lang) for v in table["population"]],
            [format_int(v, lang) for v in table["uncovered_population"]]]).astype(object),
        "hovertemplate": (f"<b>%{{y}}</b><br>{t('coverage.rate', lang)} : %{{text}}<br>"
                          f"{t('coverage.covered_pop', lang)} : %{{customdata[0]}} / "
                          f"%{{customdata[1]}}<br>{t('coverage.uncovered_pop', lang)} : "
                          "%{customdata[2]}<extra></extra>"),
    }
    title = (t("roadmap.bars_title_min", lang, minutes=format_int(radius_km, lang)) if minutes
             else t("coverage.bars_title", lang, radius=radius_km))
    # a plain dict, not validated (``figures/plain.py``): validating it was 40 % of the
    # coverage tables' callback
    return plain_figure([bar], {
        "xaxis": {"tickformat": ".0%", "range": [0, 1.0]},
        "margin": {"t": top_margin, "b": 30},
        "height": max(260, 24 * len(table) + 80),
        "title": {"text": title, **({"subtitle": subtitle} if subtitle else {})}}, lang=lang)


# --------------------------------------------------------------------------- tables

def _km(value: float, lang: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("coverage.no_venue", lang)
    return format_decimal(value, lang, 1)


def _in_km(table: pd.DataFrame, column: str, lang: str) -> tuple[pd.DataFrame, str]:
    """A zones table measured in minutes read as the km one, with the right column title."""
    minutes = column.replace("distance_km", "minutes")
    if minutes in table.columns:
        return (table.rename(columns={minutes: column}),
                t("roadmap.col." + minutes, lang))
    return table, t("col." + column, lang)


def zones_epci_rows(table: pd.DataFrame, lang: str) -> tuple[list, list[dict]]:
    table, title = _in_km(table, "max_distance_km", lang)
    columns = [("name", t("col.epci", lang)), ("dep_code", t("col.dep", lang)),
               ("uncovered_population", t("col.uncovered_population", lang)),
               ("uncovered_communes", t("col.uncovered_communes", lang)),
               ("max_distance_km", title)]
    rows = [{"name": r.name, "dep_code": r.dep_code,
             "uncovered_population": f"{format_int(r.uncovered_population, lang)} "
                                     f"({format_percent(r.uncovered_share, lang, 0)})",
             "uncovered_communes": format_int(r.uncovered_communes, lang),
             "max_distance_km": _km(r.max_distance_km, lang)} for r in table.itertuples()]
    return columns, rows


def zones_commune_rows(table: pd.DataFrame, lang: str) -> tuple[list, list[dict]]:
    table, title = _in_km(table, "distance_km", lang)
    columns = [("name", t("col.commune", lang)), ("dep_code", t("col.dep", lang)),
               ("uncovered_population", t("col.population", lang)),
               ("distance_km", title)]
    rows = [{"name": r.name, "dep_code": r.dep_code,
             "uncovered_population": format_int(r.uncovered_population, lang),
             "distance_km": _km(r.distance_km, lang)} for r in table.itertuples()]
    return columns, rows


def suggestion_rows(sugg: pd.DataFrame, lang: str) -> tuple[list, list[dict]]:
    columns = [("rank", t("col.rank", lang)), ("name", t("col.commune", lang)),
               ("dep_code", t("col.dep", lang)), ("population", t("col.population", lang)),
               ("population_added", t("col.population_added", lang)),
               ("cumulative", t("col.cumulative", lang))]
    rows = [{"rank": str(r.rank), "name": f"{r.name} ({r.insee})", "dep_code": r.dep_code,
             "population": format_int(r.population, lang),
             "population_added": "+" + format_int(r.population_added, lang),
             "cumulative": format_int(r.cumulative, lang)} for r in sugg.itertuples()]
    return columns, rows
