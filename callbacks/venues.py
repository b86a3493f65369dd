"""Venue table: rows, quick search, export of what is shown, highlight on the map."""

from __future__ import annotations

from dash import Input, Output, Patch, State, callback, ctx, dcc, no_update
from dash.exceptions import MissingCallbackContextException

from dashboard.dataset import get_dataset
from dashboard.export import to_csv_bytes, to_xlsx_bytes
from dashboard.figures.map import trace_index
from dashboard.filters import state_from_dict
from dashboard.i18n import format_int, t
from dashboard.venue_table import export_frame, venue_rows
from layouts import ids
from layouts.panels import make_venue_grid, venue_columns


@callback(
    Output(ids.VENUES_GRID, "rowData"), Output(ids.VENUES_GRID, "columnDefs"),
    Input(ids.panel_state("lieux"), "data"),
    prevent_initial_call=True,
)
def update_venue_rows(state_data):
    state = state_from_dict(state_data)
    if state.tab != "lieux":
        return no_update, no_update
    data = get_dataset(state_data)
    view = data.view(state)
    rows = venue_rows(view.venues, view.funding, state.lang,
                      funding_recorded="funding" in data.recorded)
    return rows, venue_columns(state.lang)


@callback(Output(ids.VENUES_GRID_WRAP, "children"), Input(ids.LANG, "data"),
          State(ids.VIEW_STATE, "data"), prevent_initial_call=True)
def update_grid_language(lang, state_data):
    """A new grid in the language: AG Grid reads its own texts (pagination, filters) only
    when it starts."""
    state = state_from_dict(state_data)
    data = get_dataset(state_data)
    rows = venue_rows(data.view(state).venues, data.view(state).funding, lang or "fr",
                      funding_recorded="funding" in data.recorded) if state.tab == "lieux" else []
    return make_venue_grid(lang or "fr", rows)


@callback(Output(ids.VENUES_GRID, "dashGridOptions"), Input(ids.VENUES_SEARCH, "value"),
          prevent_initial_call=True)
def update_quick_search(text):
    patch = Patch()
    patch["quickFilterText"] = text or ""
    return patch


@callback(Output(ids.VENUES_COUNT, "children"), Input(ids.VENUES_GRID, "virtualRowData"),
          State(ids.LANG, "data"))
def update_venue_count(rows, lang):
    return t("table.rows", lang or "fr", n=format_int(len(rows or []), lang or "fr"))


@callback(
    Output(ids.VENUES_DOWNLOAD, "data"),
    Input(ids.VENUES_EXPORT_CSV, "n_clicks"), Input(ids.VENUES_EXPORT_XLSX, "n_clicks"),
    State(ids.VENUES_GRID, "virtualRowData"), State(ids.LANG, "data"),
    prevent_initial_call=True,
)
def export_venues(_csv, _xlsx, rows, lang):
    frame = export_frame(rows, lang or "fr")
    if ctx.triggered_id == ids.VENUES_EXPORT_XLSX:
        return dcc.send_bytes(to_xlsx_bytes(frame, "lieux"), "lieux.xlsx")
    return dcc.send_bytes(to_csv_bytes(frame, lang or "fr"), "lieux.csv")


def _triggered():
    try:
        return ctx.triggered_id
    except MissingCallbackContextException:  # called as a plain function (tests)
        return None


@callback(
    Output(ids.MAP_GRAPH, "figure", allow_duplicate=True),
    inputs={"selected": Input(ids.VENUES_GRID, "selectedRows"),
            "map_meta": Input(ids.MAP_META, "data")},
    state={"state_data": State(ids.VIEW_STATE, "data")},
    prevent_initial_call=True,
)
def highlight_selected_venue(selected, state_data, map_meta):
    """Put the selected venue under a highlight marker of the map, and centre on it when it
    is chosen. A map drawn later (page opened on ``?vue=lieux``) gets the marker too."""
    if not map_meta:  # the map has not been drawn yet: nothing to patch
        return no_update
    index = trace_index("selected", color_by=map_meta["color_by"])
    patch = Patch()
    row = (selected or [None])[0]
    venue = None
    if row:
        venues = get_dataset(state_data).registry.venues
        match = venues[venues["venue_id"] == row["venue_id"]]
        venue = match.iloc[0] if len(match) else None
    if venue is None:
        if _triggered() == ids.MAP_META:  # nothing selected, nothing to add: patching an
            return no_update  # empty marker again made plotly.js recompute the whole map
        patch["data"][index]["lat"] = []
        patch["data"][index]["lon"] = []
        return patch
    patch["data"][index]["lat"] = [float(venue["lat"])]
    patch["data"][index]["lon"] = [float(venue["lon"])]
    if _triggered() == ids.MAP_META:  # the map was redrawn: keep its framing
        return patch
    patch["layout"]["map"]["center"] = {"lat": float(venue["lat"]), "lon": float(venue["lon"])}
    patch["layout"]["map"]["zoom"] = 11
    return patch
