"""The roadmap in the coverage panel: its state (URL ⇄ controls ⇄ store, map clicks,
suggestion buttons, uploads), the scenario's before / after and the network over time."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import replace
from urllib.parse import parse_qsl

from dash import ALL, Input, Output, State, callback, ctx, dcc, no_update

from dashboard import roadmap_state as rs
from dashboard.dataset import (
    RoadmapOptions,
    drop_travel_times,
    get_dataset,
    save_travel_times,
    session_travel_times,
)
from dashboard.export import to_csv_bytes
from dashboard.export_names import export_filename
from dashboard.figures.roadmap import (
    comparison_rows,
    make_timeline_figure,
    scenario_table_rows,
    unit_label,
    wave_rows,
)
from dashboard.filters import state_from_dict
from dashboard.i18n import format_int, format_percent, t
from dashboard.roadmap import parse_sites, scenario_site_list
from dashboard.table_exports import scenario_table, timeline_table
from dashboard.traveltimes import TravelTimeError, read_travel_times, travel_time_notes
from layouts import ids
from layouts.roadmap import candidate_options, scenario_options, site_chips
from layouts.tables import make_table

__all__ = ["roadmap_context", "update_roadmap_state", "update_roadmap_panel"]


def roadmap_context(state_data, roadmap_data):
    """(dataset, view state, roadmap state, options, travel-time table or None)."""
    data, state = get_dataset(state_data), state_from_dict(state_data)
    road = rs.roadmap_from_dict(roadmap_data)
    metric = session_travel_times(road.travel_times)
    opts = RoadmapOptions(road.candidates, road.min_population, road.year, road.minutes,
                          road.travel_times if metric is not None else None)
    return data, state, road, opts, metric


def coverage_csv_name(kind: str, state, opts, metric) -> str:
    """A coverage table's file name: what it is, the threshold (« 15 km » or « 20 min »),
    the departments and the day (``zones-blanches-epci_15-km_31_2026-11-29.csv``)."""
    unit = f"{opts.minutes} min" if metric is not None else f"{state.radius_km:g} km"
    return export_filename(kind, ".csv", day=dt.date.today(), indicator=unit,
                           departements=state.departements)


def scenario_map(data, state, road, opts, metric) -> dict:
    """What the coverage map shows of the active scenario: newly covered communes, sites."""
    if road.scenario.is_empty:
        return {}
    result = data.roadmap_scenario(state, opts, road.scenario, metric)
    return {"newly_covered_insee": result["newly_covered_insee"],
            "sites": scenario_site_list(road.scenario, result["network"],
                                        data.registry.venues)}


def _decode(contents: str) -> bytes:
    return base64.b64decode(contents.split(",", 1)[1]) if "," in (contents or "") else b""


_SIMPLE_EDITS = {
    ids.ROADMAP_CANDIDATES: lambda road, v: replace(road, candidates=v or "communes"),
    ids.ROADMAP_MIN_POP: lambda road, v: replace(road, min_population=rs.parse_int(
        v, rs.MIN_POPULATION_BOUNDS, road.min_population)),
    ids.ROADMAP_YEAR: lambda road, v: replace(road, year=rs.parse_int(v, rs.YEAR_BOUNDS, None)),
    ids.ROADMAP_MINUTES: lambda road, v: replace(road, minutes=rs.clamp_minutes(v)),
    ids.ROADMAP_SCENARIO_NAME: rs.rename,
    ids.ROADMAP_SCENARIO_PICK: lambda road, v: replace(
        road, active=min(int(v or 0), len(road.scenarios) - 1)),
    ids.ROADMAP_SCENARIO_NEW: lambda road, v: rs.new_scenario(road),
    ids.ROADMAP_SCENARIO_CLEAR: lambda road, v: rs.set_sites(road, ()),
    ids.COVERAGE_MAP: lambda road, v: rs.click_site(road, (v or {}).get("points", [{}])[0]),
}


def _edit(road, trigger, value, data, lang, filename):
    """The roadmap state after one user action, and a notice (or None)."""
    if isinstance(trigger, str) and trigger in _SIMPLE_EDITS:
        return _SIMPLE_EDITS[trigger](road, value), None
    kind = trigger.get("type") if isinstance(trigger, dict) else None
    if kind == ids.ROADMAP_ADD:
        return rs.add_site(road, trigger["site"]), None
    if kind == ids.ROADMAP_DROP:
        return rs.click_site(road, {"curveNumber": rs.CURVE_SITES,
                                     "customdata": trigger["site"]}), None
    if trigger == ids.ROADMAP_SITES_UPLOAD:
        return _upload_sites(road, value, data, lang)
    if trigger == ids.ROADMAP_TT_UPLOAD:
        return _upload_travel_times(road, value, data, lang, filename)
    if trigger == ids.ROADMAP_TT_CLEAR:
        drop_travel_times(road.travel_times)
        return replace(road, travel_times=None), None
    return road, None


def _upload_sites(road, contents, data, lang):
    add, remove, bad = parse_sites(
        list(road.scenario.tokens()) + rs.read_site_list(_decode(contents)),
        data.communes["insee"], data.registry.venues["venue_id"])
    note = t("roadmap.scenario.ignored", lang, sites=", ".join(bad)) if bad else None
    return rs.set_sites(road, add, remove), note


def _upload_travel_times(road, contents, data, lang, filename):
    try:
        table = read_travel_times(_decode(contents), data.communes["insee"], name=filename)
    except TravelTimeError as exc:
        return road, t(exc.code, lang, **exc.params)
    return replace(road, travel_times=save_travel_times(table)), None


_CONTROL_INPUTS = (
    (ids.ROADMAP_CANDIDATES, "value"), (ids.ROADMAP_MIN_POP, "value"),
    (ids.ROADMAP_YEAR, "value"), (ids.ROADMAP_MINUTES, "value"),
    (ids.ROADMAP_SCENARIO_NAME, "value"), (ids.ROADMAP_SCENARIO_PICK, "value"),
    (ids.ROADMAP_SCENARIO_NEW, "n_clicks"), (ids.ROADMAP_SCENARIO_CLEAR, "n_clicks"),
    (ids.COVERAGE_MAP, "clickData"), (ids.ROADMAP_SITES_UPLOAD, "contents"),
    (ids.ROADMAP_TT_UPLOAD, "contents"), (ids.ROADMAP_TT_CLEAR, "n_clicks"),
)


@callback(
    Output(ids.ROADMAP_STORE, "data"),
    Output(ids.URL, "search", allow_duplicate=True),
    Output(ids.ROADMAP_NOTICE, "children"), Output(ids.ROADMAP_NOTICE, "is_open"),
    Output(ids.ROADMAP_CANDIDATES, "value"), Output(ids.ROADMAP_MIN_POP, "value"),
    Output(ids.ROADMAP_YEAR, "value"), Output(ids.ROADMAP_MINUTES, "value"),
    Output(ids.ROADMAP_MINUTES, "disabled"), Output(ids.ROADMAP_SCENARIO_NAME, "value"),
    Output(ids.ROADMAP_SCENARIO_PICK, "options"), Output(ids.ROADMAP_SCENARIO_PICK, "value"),
    Input(ids.URL, "search"),
    *[Input(c, p) for c, p in _CONTROL_INPUTS],
    Input({"type": ids.ROADMAP_ADD, "site": ALL}, "n_clicks"),
    Input({"type": ids.ROADMAP_DROP, "site": ALL}, "n_clicks"),
    State(ids.ROADMAP_TT_UPLOAD, "filename"), State(ids.ROADMAP_STORE, "data"),
    State(ids.DATASET_KEY, "data"), State(ids.LANG, "data"),
    prevent_initial_call="initial_duplicate",
)
def update_roadmap_state(search, *args):
    """Link → roadmap on load (and when the link changes); any roadmap action → store and
    link. A pattern button that only appeared (no click yet) changes nothing. Sites are
    checked against the registry shown: the session's, else the published one of the link."""
    filename, current, dataset_key, lang = args[-4:]
    trigger, lang = ctx.triggered_id, lang or "fr"
    source = dict(parse_qsl((search or "").lstrip("?"))).get("donnees")
    data = get_dataset({"dataset": dataset_key, "source": source})
    old = rs.roadmap_from_dict(current)
    if isinstance(trigger, dict) and not ctx.triggered[0].get("value"):
        return (no_update,) * 12
    note = None
    if trigger in (None, ids.URL) or current is None:
        road, ignored = rs.parse_roadmap_query(search, data.communes["insee"],
                                               data.registry.venues["venue_id"])
        road = replace(road, travel_times=old.travel_times, minutes=old.minutes,
                          active=min(old.active, len(road.scenarios) - 1))
        if current is not None and rs.roadmap_query(road) == rs.roadmap_query(old):
            return (no_update,) * 12
        if ignored:
            note = t("notice.ignored", lang, items=", ".join(f"{k}={v}" for k, v in ignored))
    else:
        value = ctx.triggered[0].get("value") if ctx.triggered else None
        road, note = _edit(old, trigger, value, data, lang, filename)
    link = rs.with_roadmap(rs.strip_roadmap_params(search), road)
    names = [s.name for s in road.scenarios]
    return (rs.roadmap_to_dict(road), link if link != (search or "") else no_update,
            note or "", bool(note), road.candidates, road.min_population, road.year,
            road.minutes, session_travel_times(road.travel_times) is None,
            road.scenario.name, scenario_options(names, lang), road.active)


@callback(
    Output(ids.ROADMAP_SITES, "children"),
    Output(ids.ROADMAP_NEWLY, "children"), Output(ids.ROADMAP_RATE_AFTER, "children"),
    Output(ids.ROADMAP_ZONES_LEFT, "children"), Output(ids.ROADMAP_SCENARIO_TABLE, "children"),
    Output(ids.ROADMAP_COMPARE, "children"), Output(ids.ROADMAP_MEASURE, "children"),
    Output(ids.ROADMAP_AS_OF_NOTE, "children"),
    Input(ids.panel_state("couverture"), "data"), Input(ids.ROADMAP_STORE, "data"),
    prevent_initial_call=True,
)
def update_roadmap_panel(state_data, roadmap_data):
    data, state, road, opts, metric = roadmap_context(state_data, roadmap_data)
    if state.tab != "couverture" or roadmap_data is None:
        return (no_update,) * 8
    lang = state.lang
    results = [(s.name or t("roadmap.scenario.default_name", lang, n=i + 1),
                data.roadmap_scenario(state, opts, s, metric))
               for i, s in enumerate(road.scenarios)]
    active = results[road.active][1]
    _, _, counts = data.roadmap_venues(state, opts.year)
    sites = scenario_site_list(road.scenario, active["network"], data.registry.venues)
    return (site_chips(sites, lang),
            "+" + format_int(active["newly_covered_population"], lang),
            f"{format_percent(active['before']['coverage_rate'], lang)} → "
            f"{format_percent(active['after']['coverage_rate'], lang)}",
            t("roadmap.scenario.zones_value", lang,
              n=format_int(active["zones_blanches_communes"], lang),
              pop=format_int(active["zones_blanches_population"], lang)),
            make_table(*scenario_table_rows(active["rows"], lang)),
            make_table(*comparison_rows([(n, r["rows"]) for n, r in results], lang))
            if len(results) > 1 else t("roadmap.scenario.compare_help", lang),
            _measure_text(road, metric, state, lang), _as_of_text(counts, lang))


def _measure_text(road, metric, state, lang) -> str:
    if metric is None:
        gone = t("roadmap.tt.gone", lang) + " " if road.travel_times else ""
        return gone + t("roadmap.measure.straight", lang, radius=state.radius_km)
    return " · ".join([t("roadmap.measure.minutes", lang, minutes=road.minutes)]
                      + travel_time_notes(metric, lang))


def _as_of_text(counts, lang) -> str:
    if not counts:
        return ""
    return t("roadmap.as_of_counts", lang, year=counts["year"], open=counts["open"],
             total=counts["venues"], undated=counts["without_opened_year"],
             label_undated=counts["label_without_year"])


@callback(
    Output(ids.ROADMAP_TIMELINE, "figure"), Output(ids.ROADMAP_WAVES, "children"),
    Input(ids.panel_state("couverture"), "data"), Input(ids.ROADMAP_STORE, "data"),
    prevent_initial_call=True,
)
def update_roadmap_timeline(state_data, roadmap_data):
    data, state, road, opts, metric = roadmap_context(state_data, roadmap_data)
    if state.tab != "couverture" or roadmap_data is None:
        return no_update, no_update
    by_year, waves, counts = data.roadmap_timeline(state, opts, metric)
    limit = road.minutes if metric is not None else state.radius_km
    threshold = f"{format_int(limit, state.lang)} {unit_label(metric is not None, state.lang)}"
    undated = t("roadmap.timeline.undated", state.lang,
                n=format_int(counts["without_opened_year"], state.lang), total=format_int(
                    counts["venues"], state.lang)) if counts["without_opened_year"] else ""
    return (make_timeline_figure(by_year, data.names("departement"), lang=state.lang,
                                 threshold_text=threshold, note=undated),
            make_table(*wave_rows(waves, state.lang), t("coverage.none", state.lang)))


@callback(
    Output(ids.ROADMAP_DOWNLOAD, "data"),
    Input(ids.ROADMAP_EXPORT, "n_clicks"), Input(ids.ROADMAP_TIMELINE_EXPORT, "n_clicks"),
    State(ids.VIEW_STATE, "data"), State(ids.ROADMAP_STORE, "data"),
    prevent_initial_call=True,
)
def export_roadmap(_scenario, _timeline, state_data, roadmap_data):
    data, state, road, opts, metric = roadmap_context(state_data, roadmap_data)
    if ctx.triggered_id == ids.ROADMAP_TIMELINE_EXPORT:
        by_year, _, _ = data.roadmap_timeline(state, opts, metric)
        return dcc.send_bytes(to_csv_bytes(timeline_table(by_year, state.lang), state.lang),
                              coverage_csv_name("couverture-par-annee", state, opts, metric))
    import pandas as pd

    frames = []
    for i, s in enumerate(road.scenarios):
        rows = data.roadmap_scenario(state, opts, s, metric)["rows"].copy()
        rows.insert(0, "scenario", s.name or t("roadmap.scenario.default_name", state.lang,
                                               n=i + 1))
        rows.insert(1, "sites", ",".join(s.tokens()))
        frames.append(rows)
    table = scenario_table(pd.concat(frames, ignore_index=True), state.lang)
    return dcc.send_bytes(to_csv_bytes(table, state.lang), export_filename(
        "scenarios", ".csv", day=dt.date.today(), departements=state.departements))


@callback(
    Output(ids.ROADMAP_SUGGESTIONS_HELP, "children"),
    Input(ids.ROADMAP_STORE, "data"), Input(ids.LANG, "data"),
)
def update_suggestions_help(roadmap_data, lang):
    """How the suggestions are chosen, for the candidate kind and threshold shown."""
    road, lang = rs.roadmap_from_dict(roadmap_data), lang or "fr"
    head = t(f"roadmap.suggestions_help.{road.candidates}", lang,
             min=format_int(road.min_population, lang))
    return f"{head} {t('roadmap.suggestions_help.tail', lang)}"


@callback(
    Output(ids.ROADMAP_CANDIDATES, "options"), Output(ids.ROADMAP_YEAR, "placeholder"),
    Output(ids.ROADMAP_SCENARIO_PICK, "options", allow_duplicate=True),
    Input(ids.LANG, "data"), State(ids.ROADMAP_STORE, "data"),
    prevent_initial_call=True,
)
def update_roadmap_texts(lang, roadmap_data):
    """Option labels and placeholders of the roadmap controls in the chosen language."""
    lang = lang or "fr"
    names = [s.name for s in rs.roadmap_from_dict(roadmap_data).scenarios]
    return (candidate_options(lang), t("roadmap.year.today", lang),
            scenario_options(names, lang))
