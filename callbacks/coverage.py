"""The coverage panel: map, rates by department, zones blanches, suggestions, exports."""

from __future__ import annotations

from dash import Input, Output, Patch, State, callback, ctx, dcc, no_update

from callbacks.patching import apply_updates
from dashboard.config import geojson_url
from dashboard.dataset import get_dataset
from dashboard.export import to_csv_bytes
from dashboard.figures.coverage import (
    coverage_update,
    make_coverage_bars,
    make_coverage_map,
    suggestion_rows,
    zones_commune_rows,
    zones_epci_rows,
)
from dashboard.filters import state_from_dict
from dashboard.i18n import format_int, format_percent, t
from layouts import ids
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
    Input(ids.VIEW_STATE, "data"),
    Input(ids.COVERAGE_MAP_MODE, "value"),
    State(ids.COVERAGE_META, "data"),
)
def update_coverage(state_data, mode, meta):
    state = state_from_dict(state_data)
    if state.tab != "couverture":
        return (no_update,) * 9
    data, lang = get_dataset(state_data), state.lang
    report = data.coverage_report(state)
    s = report.summary
    reach = data.reach_venues(state)
    new_meta = {"mode": mode, "lang": lang, "departements": list(state.departements)}
    args = dict(radius_km=state.radius_km, mode=mode, lang=lang)
    if meta and meta["mode"] == mode and meta["lang"] == lang:
        moved = meta["departements"] != new_meta["departements"]
        figure = apply_updates(Patch(), coverage_update(
            report.distances, reach, report.suggestions,
            view=data.view_bounds(state, MAP_WIDTH_PX) if moved else None, **args))
    else:
        figure = make_coverage_map(report.distances, reach, report.suggestions,
                                   geojson_url=geojson_url(data.reference.region, "commune"),
                                   view=data.view_bounds(state, MAP_WIDTH_PX),
                                   tiles_url=data.tiles_url,
                                   **args)
    bars = make_coverage_bars(report.by_departement, data.names("departement"),
                              radius_km=state.radius_km, lang=lang)
    return (figure, new_meta, bars, format_percent(s["coverage_rate"], lang),
            format_int(s["covered_population"], lang),
            format_int(s["population"] - s["covered_population"], lang),
            make_table(*suggestion_rows(report.suggestions, lang), t("coverage.none", lang)),
            make_table(*zones_epci_rows(report.zones_epci.head(TABLE_ROWS), lang),
                       t("coverage.none", lang)),
            make_table(*zones_commune_rows(report.zones_communes.head(TABLE_ROWS), lang),
                       t("coverage.none", lang)))


@callback(
    Output(ids.COVERAGE_DOWNLOAD, "data"),
    Input(ids.COVERAGE_EXPORT_ZONES, "n_clicks"),
    Input(ids.COVERAGE_EXPORT_COMMUNES, "n_clicks"),
    Input(ids.COVERAGE_EXPORT_SUGGESTIONS, "n_clicks"),
    State(ids.VIEW_STATE, "data"),
    prevent_initial_call=True,
)
def export_coverage(_zones, _communes, _suggestions, state_data):
    state = state_from_dict(state_data)
    report = get_dataset(state_data).coverage_report(state)
    which = {ids.COVERAGE_EXPORT_ZONES: ("zones_blanches_epci", report.zones_epci),
             ids.COVERAGE_EXPORT_COMMUNES: ("zones_blanches_communes", report.zones_communes),
             ids.COVERAGE_EXPORT_SUGGESTIONS: ("sites_suggeres", report.suggestions)}
    name, frame = which[ctx.triggered_id]
    frame = frame.reset_index() if name.startswith("zones") else frame
    return dcc.send_bytes(to_csv_bytes(frame, state.lang),
                          f"{name}_{state.radius_km}km.csv")
