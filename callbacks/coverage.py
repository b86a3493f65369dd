"""The coverage panel: map, rates by department, zones blanches, suggestions, exports."""

from __future__ import annotations

from dash import Input, Output, Patch, State, callback, ctx, dcc, no_update

from callbacks.patching import apply_updates
from callbacks.roadmap import roadmap_context, scenario_map
from dashboard.config import geojson_url
from dashboard.export import to_csv_bytes
from dashboard.figures.coverage import (
    coverage_update,
    make_coverage_bars,
    make_coverage_map,
    zones_commune_rows,
    zones_epci_rows,
)
from dashboard.i18n import format_int, format_percent, t
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
    Input(ids.panel_state("couverture"), "data"),
    Input(ids.COVERAGE_MAP_MODE, "value"),
    State(ids.COVERAGE_META, "data"),
    Input(ids.ROADMAP_STORE, "data"),
    prevent_initial_call=True,
)
def update_coverage(state_data, mode, meta, roadmap_data=None):
    data, state, road, opts, metric = roadmap_context(state_data, roadmap_data)
    if state.tab != "couverture":
        return (no_update,) * 9
    lang = state.lang
    report = data.roadmap_coverage(state, opts, metric)
    s = report.summary
    reach = data.roadmap_venues(state, opts.year)[1]
    limit = opts.minutes if metric is not None else state.radius_km
    new_meta = {"mode": mode, "lang": lang, "departements": list(state.departements)}
    names = data.names("commune")
    args = dict(radius_km=limit, mode=mode, lang=lang, names=names,
                scenario=scenario_map(data, state, road, opts, metric))
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
                              radius_km=limit, lang=lang, minutes=metric is not None)
    return (figure, new_meta, bars, format_percent(s["coverage_rate"], lang),
            format_int(s["covered_population"], lang),
            format_int(s["population"] - s["covered_population"], lang),
            suggestion_table(report.suggestions, names, lang),
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
    State(ids.ROADMAP_STORE, "data"),
    prevent_initial_call=True,
)
def export_coverage(_zones, _communes, _suggestions, state_data, roadmap_data=None):
    data, state, _, opts, metric = roadmap_context(state_data, roadmap_data)
    report = data.roadmap_coverage(state, opts, metric)
    which = {ids.COVERAGE_EXPORT_ZONES: ("zones_blanches_epci", report.zones_epci),
             ids.COVERAGE_EXPORT_COMMUNES: ("zones_blanches_communes", report.zones_communes),
             ids.COVERAGE_EXPORT_SUGGESTIONS: ("sites_suggeres", report.suggestions)}
    name, frame = which[ctx.triggered_id]
    frame = frame.reset_index() if name.startswith("zones") else suggestions_export(frame)
    unit = f"{opts.minutes}min" if metric is not None else f"{state.radius_km}km"
    return dcc.send_bytes(to_csv_bytes(frame, state.lang), f"{name}_{unit}.csv")


def suggestions_export(sugg):
    """Covered communes and alternatives as text cells (codes separated by spaces)."""
    out = sugg.copy()
    out["covered_insee"] = [" ".join(c) for c in sugg["covered_insee"]]
    out["alternatives"] = [" ".join(f"{a['site_id']}:{a['population_added']}" for a in alts)
                           for alts in sugg["alternatives"]]
    first = ["rank", "insee", "name", "dep_code", "population", "population_added",
             "cumulative", "kind", "venue_id"]
    return out[first + [c for c in out.columns if c not in first]]
