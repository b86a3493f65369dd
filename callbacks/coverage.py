"""The coverage panel: map, rates by department, zones blanches, suggestions, exports.

The map's Patch and its visible venues go through ``COVERAGE_DRAW``: the browser
(``assets/venue_points.js``) adds the venues' markers and patches the map in one go.
"""

from __future__ import annotations

import datetime as dt

from dash import (
    ClientsideFunction,
    Input,
    Output,
    Patch,
    State,
    callback,
    clientside_callback,
    ctx,
    dcc,
    no_update,
)

from callbacks.patching import apply_updates
from callbacks.roadmap import roadmap_context, scenario_map
from dashboard.config import geojson_url
from dashboard.export import to_csv_bytes
from dashboard.export_names import export_filename
from dashboard.figures.coverage import (
    coverage_update,
    make_coverage_bars,
    make_coverage_map,
    venue_draw,
    zones_commune_rows,
    zones_epci_rows,
)
from dashboard.i18n import format_int, format_percent, t
from dashboard.table_exports import suggestions_table, zones_table
from dashboard.venue_points import points_url
from layouts import ids
from layouts.roadmap import suggestion_table
from layouts.tables import make_table

TABLE_ROWS = 15
MAP_WIDTH_PX = 600  # the coverage map shares its row with the bars


@callback(
    Output(ids.COVERAGE_MAP, "figure"),
    Output(ids.COVERAGE_META, "data"),
    Output(ids.COVERAGE_BY_DEP, "figure"),
    Output(ids.COVERAGE_RATE, "children"),
    Output(ids.COVERAGE_COVERED, "children"),
    Output(ids.COVERAGE_UNCOVERED, "children"),
    Output(ids.COVERAGE_SUGGESTIONS, "children"),
    Output(ids.COVERAGE_ZONES_EPCI, "children"),
    Output(ids.COVERAGE_ZONES_COMMUNES, "children"),
    Output(ids.COVERAGE_DRAW, "data"),
    Input(ids.panel_state("couverture"), "data"),
    Input(ids.COVERAGE_MAP_MODE, "value"),
    State(ids.COVERAGE_META, "data"),
    Input(ids.ROADMAP_STORE, "data"),
    prevent_initial_call=True,
)
def update_coverage(state_data, mode, meta, roadmap_data=None):
    data, state, road, opts, metric = roadmap_context(state_data, roadmap_data)
    if state.tab != "couverture":
        return (no_update,) * 10
    lang = state.lang
    report = data.roadmap_coverage(state, opts, metric)
    s = report.summary
    reach = data.roadmap_venues(state, opts.year)[1]
    limit = opts.minutes if metric is not None else state.radius_km
    new_meta = {"mode": mode, "lang": lang, "departements": list(state.departements)}
    names = data.names("commune")
    args = dict(radius_km=limit, mode=mode, lang=lang, names=names,
                scenario=scenario_map(data, state, road, opts, metric))
    draw = {"patch": None, "markers": venue_draw(points_url(
        lang, session=state_data.get("dataset"), source=state_data.get("source")),
        data.registry.venues, reach)}
    if meta and meta["mode"] == mode and meta["lang"] == lang:
        moved = meta["departements"] != new_meta["departements"]
        figure, draw["patch"] = no_update, apply_updates(Patch(), coverage_update(
            report.distances, report.suggestions,
            view=data.view_bounds(state, MAP_WIDTH_PX) if moved else None,
            **args)).to_plotly_json()
    else:
        figure = make_coverage_map(report.distances, reach.iloc[:0], report.suggestions,
                                   geojson_url=geojson_url(data.reference.region, "commune"),
                                   view=data.view_bounds(state, MAP_WIDTH_PX),
                                   tiles_url=data.tiles_url,
                                   **args)
    bars = make_coverage_bars(report.by_departement, data.names("departement"),
                              radius_km=limit, lang=lang, minutes=metric is not None)
    return (figure, new_meta, bars, format_percent(s["coverage_rate"], lang),
            format_int(s["covered_population"], lang),
            format_int(s["population"] - s["covered_population"], lang),
            suggestion_table(report.suggestions, names, lang),
            make_table(*zones_epci_rows(report.zones_epci.head(TABLE_ROWS), lang),
                       t("coverage.none", lang)),
            make_table(*zones_commune_rows(report.zones_communes.head(TABLE_ROWS), lang),
                       t("coverage.none", lang)), draw)


clientside_callback(
    ClientsideFunction("venuePoints", "draw"),
    Output(ids.COVERAGE_MAP, "figure", allow_duplicate=True),
    Input(ids.COVERAGE_DRAW, "data"),
    prevent_initial_call=True,
)


@callback(
    Output(ids.COVERAGE_DOWNLOAD, "data"),
    Input(ids.COVERAGE_EXPORT_ZONES, "n_clicks"),
    Input(ids.COVERAGE_EXPORT_COMMUNES, "n_clicks"),
    Input(ids.COVERAGE_EXPORT_SUGGESTIONS, "n_clicks"),
    State(ids.VIEW_STATE, "data"),
    State(ids.ROADMAP_STORE, "data"),
    prevent_initial_call=True,
)
def export_coverage(_zones, _communes, _suggestions, state_data, roadmap_data=None):
    """The zones blanches (by EPCI, by commune) and the suggested sites as CSV: headers in
    the page's language, distances to 0.1 km (times to the minute), shares in %, named from
    the radius, the departments and the day (``dashboard/table_exports.py``)."""
    data, state, _, opts, metric = roadmap_context(state_data, roadmap_data)
    report = data.roadmap_coverage(state, opts, metric)
    lang = state.lang
    which = {ids.COVERAGE_EXPORT_ZONES: ("zones-blanches-epci", lambda: zones_table(
                 report.zones_epci, "epci", lang)),
             ids.COVERAGE_EXPORT_COMMUNES: ("zones-blanches-communes", lambda: zones_table(
                 report.zones_communes, "commune", lang)),
             ids.COVERAGE_EXPORT_SUGGESTIONS: ("sites-suggeres", lambda: suggestions_table(
                 report.suggestions, lang))}
    kind, table = which[ctx.triggered_id]
    unit = f"{opts.minutes} min" if metric is not None else f"{state.radius_km:g} km"
    name = export_filename(kind, ".csv", day=dt.date.today(), indicator=unit,
                           departements=state.departements)
    return dcc.send_bytes(to_csv_bytes(table(), lang), name)
