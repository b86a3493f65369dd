"""The coverage panel: map, rates by department, zones blanches, suggestions, exports.

Two callbacks from the same cached computations: the map (``update_coverage_map``: figure
or Patch, meta, draw) and the rest (``update_coverage_tables``: bars, key numbers, tables),
so that neither carries the other's bytes and a mode change redraws only the map.
The map's Patch and its visible venues go through ``COVERAGE_DRAW``: the browser
(``assets/venue_points.js``) adds the venues' markers and patches the map in one go.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
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

from callbacks.exports import coverage_bars_caption
from callbacks.patching import apply_updates
from callbacks.roadmap import coverage_csv_name, roadmap_context, scenario_map
from dashboard.config import geojson_url, ids_url
from dashboard.export import to_csv_bytes
from dashboard.figures.coverage import (
    TRACE_ROLES,
    coverage_arrays,
    coverage_update,
    make_coverage_bars,
    make_coverage_map,
    venue_draw,
    zones_commune_rows,
    zones_epci_rows,
)
from dashboard.figures.roadmap import ROADMAP_TRACES
from dashboard.i18n import format_int, format_percent, t
from dashboard.packed_arrays import digest, pack_json, pack_places
from dashboard.table_exports import suggestions_table, zones_table
from dashboard.venue_points import points_url
from layouts import ids
from layouts.roadmap import suggestion_table
from layouts.tables import make_table

TABLE_ROWS = 15
MAP_WIDTH_PX = 600  # the coverage map shares its row with the bars
# from this many communes the values are coded along the layer's spatial order (a national
# territory: 42 kB instead of 93 kB for 34,871 distances); below, 2 bytes each (a region's
# 4,446: 12 kB) is small enough and simpler
SPATIAL_FROM = 8_000
# with the spatial code, the roadmap traces' lists (communes suggested sites would cover:
# 1,800 nationally at 30 km, 27 kB) travel deflated from this length (``pack_json``)
PACK_LISTS_FROM = 200


@callback(
    Output(ids.COVERAGE_MAP, "figure"),
    Output(ids.COVERAGE_META, "data"),
    Output(ids.COVERAGE_DRAW, "data"),
    Input(ids.panel_state("couverture"), "data"),
    Input(ids.COVERAGE_MAP_MODE, "value"),
    State(ids.COVERAGE_META, "data"),
    Input(ids.ROADMAP_STORE, "data"),
    prevent_initial_call=True,
)
def update_coverage_map(state_data, mode, meta, roadmap_data=None):
    """The map: a whole figure when the mode or language changes (or the tab is first
    shown), else its Patch; both travel with the visible venues and the packed values
    through ``COVERAGE_DRAW``. ``meta`` remembers what the map shows."""
    data, state, road, opts, metric = roadmap_context(state_data, roadmap_data)
    if state.tab != "couverture":
        return (no_update,) * 3
    whole = not meta or meta["mode"] != mode or meta["lang"] != state.lang
    figure, draw, held = _coverage_map(data, state, road, opts, metric, mode, state_data,
                                       None if whole else meta)
    return figure, {"mode": mode, "lang": state.lang, "held": held,
                    "departements": list(state.departements)}, draw


@callback(
    Output(ids.COVERAGE_BY_DEP, "figure"),
    Output(ids.COVERAGE_RATE, "children"),
    Output(ids.COVERAGE_COVERED, "children"),
    Output(ids.COVERAGE_UNCOVERED, "children"),
    Output(ids.COVERAGE_SUGGESTIONS, "children"),
    Output(ids.COVERAGE_ZONES_EPCI, "children"),
    Output(ids.COVERAGE_ZONES_COMMUNES, "children"),
    Input(ids.panel_state("couverture"), "data"),
    Input(ids.COVERAGE_ROADMAP_OPTIONS, "data"),
    prevent_initial_call=True,
)
def update_coverage_tables(state_data, roadmap_data=None):
    """Rates by department, the three key numbers, suggestions and zones blanches: the same
    cached report as the map (``Dataset.roadmap_coverage``), sent apart from it. It listens
    to the roadmap's options (``ROADMAP_OPTION_KEYS``), not its scenarios: editing a
    scenario changes the map, not these tables."""
    data, state, _, opts, metric = roadmap_context(state_data, roadmap_data)
    if state.tab != "couverture":
        return (no_update,) * 7
    report = data.roadmap_coverage(state, opts, metric)
    limit = opts.minutes if metric is not None else state.radius_km
    bars = make_coverage_bars(report.by_departement, data.names("departement"),
                              radius_km=limit, lang=state.lang, minutes=metric is not None,
                              **coverage_bars_caption(state_data))
    return (bars,
            *_key_numbers(report.summary, state.lang),
            *_tables(report, data.names("commune"), state.lang))


def _coverage_map(data, state, road, opts, metric, mode, state_data, meta):
    """(figure or ``no_update``, draw payload, digests of the packed arrays the browser will
    hold): a Patch in the payload when ``meta`` (what the map shows now) is given, else a
    whole figure. A packed array the browser already holds (the distances on a radius
    change) is not sent again."""
    dist = data.roadmap_distances(state, opts, metric)
    sugg = data.roadmap_suggestions(state, opts, metric)
    reach = data.roadmap_venues(state, opts.year)[1]
    args = dict(radius_km=opts.minutes if metric is not None else state.radius_km,
                mode=mode, lang=state.lang, names=data.names("commune"),
                scenario=scenario_map(data, state, road, opts, metric))
    found = data.layer_ids("commune").get_indexer(dist.index.astype(str))  # once, for both
    positions = _in_order(found)
    places = _locations(data, dist, found)
    spatial = (None if positions is None or len(positions) < SPATIAL_FROM
               else (positions, len(data.communes), data.commune_order))
    arrays = coverage_arrays(dist, args["radius_km"], mode, spatial=spatial)
    held = {str(a["path"]): digest(a) for a in arrays}
    draw = {"patch": None, "markers": venue_draw(points_url(
        state.lang, session=state_data.get("dataset"), source=state_data.get("source")),
        data.registry.venues, reach)}
    if meta is None:
        figure = make_coverage_map(dist, reach.iloc[:0], sugg, packed=True,
                                   geojson_url=geojson_url(data.reference.region, "commune"),
                                   view=data.view_bounds(state, MAP_WIDTH_PX),
                                   tiles_url=data.tiles_url, **args)
        lists = _pack_trace_lists(data, figure) if spatial else []
        return figure, {**draw, "arrays": [places, *arrays, *lists]}, held
    moved = meta["departements"] != list(state.departements)
    updates = coverage_update(dist, sugg, packed=True, **args,
                              view=data.view_bounds(state, MAP_WIDTH_PX) if moved else None)
    updates, lists = _pack_lists(data, updates) if spatial else (updates, [])
    draw["patch"] = apply_updates(Patch(), updates).to_plotly_json()
    before = meta.get("held") or {}
    draw["arrays"] = ([places] if moved else []) + [
        a for a in arrays if moved or before.get(str(a["path"])) != held[str(a["path"])]
    ] + lists
    return no_update, draw, held


def _pack_lists(data, updates: dict) -> tuple[dict, list[dict]]:
    """A Patch's updates less the roadmap traces' long lists, and those lists packed."""
    keep, traces = {}, {}
    for path, value in updates.items():
        parts = [int(p) if p.isdigit() else p for p in path.split(".")]
        if (parts[0] == "data" and parts[1] in ROADMAP_TRACES and isinstance(value, list)
                and len(value) >= PACK_LISTS_FROM):
            traces.setdefault(parts[1], {})[tuple(parts[2:])] = value
        else:
            keep[path] = value
    return keep, [spec for trace, lists in traces.items()
                  for spec in _packed_trace(data, trace, lists)]


def _pack_trace_lists(data, figure) -> list[dict]:
    """The roadmap traces' long lists taken out of a whole figure (left empty until the
    browser adds them back, as the value trace's), packed."""
    packed = []
    for i in ROADMAP_TRACES:
        trace = figure.data[i]
        if trace.type != "choroplethmap" or len(trace.locations or ()) < PACK_LISTS_FROM:
            continue
        lists = {(key,): list(trace[key]) for key in ("locations", "z", "customdata")
                 if trace[key] is not None}
        for (key,) in lists:
            trace[key] = []
        packed += _packed_trace(data, i, lists)
    return packed


def _packed_trace(data, trace: int, lists: dict[tuple, list]) -> list[dict]:
    """A roadmap trace's long lists (``{property path: list}``), packed. A choropleth's
    communes go in the layer's order as « places » (bits of the layer, deflated: the 8,000
    communes suggested sites would cover at 50 km nationally, 19.5 kB of deflated codes,
    take a few hundred bytes), its values beside them reordered alike; the order of a
    choropleth's locations draws nothing. Else, or when a code is not the layer's, each list
    as it is, deflated (``pack_json``)."""
    locations = lists.get(("locations",))
    ids = data.layer_ids("commune")
    found = None if locations is None else ids.get_indexer(pd.Index(locations).astype(str))
    if found is None or (found < 0).any() or len(np.unique(found)) < len(found):
        return [pack_json(value, ["data", trace, *key]) for key, value in lists.items()]
    order = np.argsort(found, kind="stable")
    packed = [pack_places(ids_url(data.reference.region, "commune"), ids,
                          [locations[i] for i in order], ["data", trace, "locations"],
                          positions=found[order])]
    return packed + [pack_json([value[i] for i in order], ["data", trace, *key])
                     for key, value in lists.items() if key != ("locations",)]


def _in_order(positions: np.ndarray) -> np.ndarray | None:
    """``positions`` (of the map's communes in the layer), None if they do not follow the
    layer's order (never seen: the territory keeps it)."""
    if (positions < 0).any() or (np.diff(positions) <= 0).any():
        return None
    return positions


def _locations(data, dist, positions: np.ndarray) -> dict:
    """The map's ``locations`` (the communes of ``dist``, at ``positions`` in the layer)
    packed as a subset of the layer's ids, which the browser fetches once (``pack_places``:
    a few dozen bytes for a department or the whole of France)."""
    return pack_places(ids_url(data.reference.region, "commune"), data.layer_ids("commune"),
                       dist.index,
                       ["data", TRACE_ROLES.index("choropleth"), "locations"],
                       positions=positions)


def _key_numbers(summary: dict, lang: str) -> tuple[str, str, str]:
    """Coverage rate, covered and uncovered population, formatted."""
    return (format_percent(summary["coverage_rate"], lang),
            format_int(summary["covered_population"], lang),
            format_int(summary["population"] - summary["covered_population"], lang))


def _tables(report, names, lang: str) -> tuple:
    """Suggestions, zones blanches by EPCI and by commune (their first ``TABLE_ROWS``)."""
    none = t("coverage.none", lang)
    return (suggestion_table(report.suggestions, names, lang),
            make_table(*zones_epci_rows(report.zones_epci.head(TABLE_ROWS), lang), none),
            make_table(*zones_commune_rows(report.zones_communes.head(TABLE_ROWS), lang), none))


# what ``roadmap_context`` reads for the tables (``RoadmapOptions`` and the travel times)
ROADMAP_OPTION_KEYS = ("candidates", "min_population", "year", "minutes", "travel_times")

clientside_callback(  # the roadmap's options, copied only when one of them changes
    f"""function (road, held) {{
        var keys = {list(ROADMAP_OPTION_KEYS)!r}, out = {{}};
        keys.forEach(function (k) {{ if (road && k in road) {{ out[k] = road[k]; }} }});
        return JSON.stringify(out) === JSON.stringify(held)
            ? window.dash_clientside.no_update : out;
    }}""",
    Output(ids.COVERAGE_ROADMAP_OPTIONS, "data"),
    Input(ids.ROADMAP_STORE, "data"),
    State(ids.COVERAGE_ROADMAP_OPTIONS, "data"),
    prevent_initial_call=True,
)

clientside_callback(
    ClientsideFunction("packedArrays", "draw"),
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
    return dcc.send_bytes(to_csv_bytes(table(), lang),
                          coverage_csv_name(kind, state, opts, metric))
