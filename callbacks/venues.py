"""Venue table: a page of rows at a time (search, column filters and sort on the server),
export of every row they select, highlight on the map."""

from __future__ import annotations

import json

from dash import Input, Output, Patch, State, callback, clientside_callback, ctx, dcc, no_update
from dash.exceptions import MissingCallbackContextException

from dashboard.dataset import get_dataset
from dashboard.export import to_csv_bytes, to_xlsx_bytes
from dashboard.figures.map import trace_index
from dashboard.filters import state_from_dict
from dashboard.i18n import format_int, t
from dashboard.venue_table import export_frame, page_rows, shown_table
from layouts import ids
from layouts.panels import make_venue_grid


@callback(
    Output(ids.VENUES_GRID, "getRowsResponse"), Output(ids.VENUES_COUNT, "children"),
    Input(ids.VENUES_GRID, "getRowsRequest"),
    State(ids.panel_state("lieux"), "data"), State(ids.VENUES_SEARCH, "value"),
    prevent_initial_call=True,
)
def update_venue_rows(request, state_data, search):
    """The page of rows the grid asks for (its column filters and sort applied on the
    server) and how many rows match. Before the tab is first shown there is no state yet:
    the grid waits, and asks again when the panel's state arrives (``REFRESH_GRID``)."""
    state = state_from_dict(state_data)
    if not request or not state_data or state.tab != "lieux":
        return no_update, no_update
    shown = shown_table(get_dataset(state_data), state, state.lang, search=search or "",
                        filter_model=request.get("filterModel"),
                        sort_model=request.get("sortModel"))
    rows = page_rows(shown, request.get("startRow", 0), request.get("endRow", 0))
    count = t("table.rows", state.lang, n=format_int(len(shown), state.lang))
    return {"rowData": rows, "rowCount": len(shown)}, count


# the grid asks the server for its rows again (from the first page) when the panel's state
# or the quick search changes: AG Grid's infinite row model keeps the blocks it has
REFRESH_GRID = """function (state, search) {
    if (window.dash_ag_grid) {
        window.dash_ag_grid.getApiAsync(%s).then(api => api.purgeInfiniteCache());
    }
    return window.dash_clientside.no_update;
}""" % json.dumps(ids.VENUES_GRID)

clientside_callback(REFRESH_GRID, Output(ids.VENUES_GRID_REFRESH, "data"),
                    Input(ids.panel_state("lieux"), "data"), Input(ids.VENUES_SEARCH, "value"),
                    prevent_initial_call=True)


@callback(Output(ids.VENUES_GRID_WRAP, "children"), Input(ids.LANG, "data"),
          prevent_initial_call=True)
def update_grid_language(lang):
    """A new grid in the language: AG Grid reads its own texts (pagination, filters) only
    when it starts. It asks for its rows itself."""
    return make_venue_grid(lang or "fr")


@callback(
    Output(ids.VENUES_DOWNLOAD, "data"),
    Input(ids.VENUES_EXPORT_CSV, "n_clicks"), Input(ids.VENUES_EXPORT_XLSX, "n_clicks"),
    State(ids.VENUES_GRID, "getRowsRequest"), State(ids.panel_state("lieux"), "data"),
    State(ids.VENUES_SEARCH, "value"),
    prevent_initial_call=True,
)
def export_venues(_csv, _xlsx, request, state_data, search):
    """Every row the grid's search, column filters and sort select, not only its page."""
    state, request = state_from_dict(state_data), request or {}
    shown = shown_table(get_dataset(state_data), state, state.lang, search=search or "",
                        filter_model=request.get("filterModel"),
                        sort_model=request.get("sortModel"))
    frame = export_frame(shown, state.lang)
    if ctx.triggered_id == ids.VENUES_EXPORT_XLSX:
        return dcc.send_bytes(to_xlsx_bytes(frame, "lieux"), "lieux.xlsx")
    return dcc.send_bytes(to_csv_bytes(frame, state.lang), "lieux.csv")


def _triggered():
    try:
        return ctx.triggered_id
    except MissingCallbackContextException:  # called as a plain function (tests)
        return None


@callback(
    Output(ids.MAP_GRAPH, "figure", allow_duplicate=True),
    Output(ids.MAP_CENTRED, "data"),
    inputs={"selected": Input(ids.VENUES_GRID, "selectedRows"),
            "map_meta": Input(ids.MAP_META, "data")},
    state={"state_data": State(ids.VIEW_STATE, "data"),
           "centred": State(ids.MAP_CENTRED, "data")},
    prevent_initial_call=True,
)
def highlight_selected_venue(selected, state_data, map_meta, centred=None):
    """Put the selected venue under a highlight marker of the map and centre on it, once:
    a venue chosen before the map was drawn (page opened on ``?vue=lieux``) is centred when
    the map draws; a map patched later (a filter change) keeps its framing, a whole new
    figure (another level, or two answers crossing under load) is centred again.
    ``MAP_CENTRED`` holds the venue last centred and the figure it was centred on (the
    ``figure`` token of ``MAP_META``, new with each whole figure)."""
    if not map_meta:  # the map has not been drawn yet: nothing to patch
        return no_update, no_update
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
            return no_update, no_update  # empty marker again recomputed the whole map
        patch["data"][index]["lat"] = []
        patch["data"][index]["lon"] = []
        return patch, None
    patch["data"][index]["lat"] = [float(venue["lat"])]
    patch["data"][index]["lon"] = [float(venue["lon"])]
    here = [venue["venue_id"], map_meta.get("figure")]
    if _triggered() == ids.MAP_META and centred == here:
        return patch, no_update  # the same figure patched by a filter change: keep its framing
    patch["layout"]["map"]["center"] = {"lat": float(venue["lat"]), "lon": float(venue["lon"])}
    patch["layout"]["map"]["zoom"] = 11  # assets/map_frame.js CLOSE_UP leaves it alone
    return patch, here
