"""The coverage map: a whole figure when the level, colouring or language changes, else a Patch."""

from __future__ import annotations

from dash import Input, Output, Patch, State, callback, no_update

from callbacks.patching import apply_updates
from dashboard.config import geojson_url
from dashboard.dataset import get_dataset
from dashboard.figures.map import make_map_figure, map_update
from dashboard.filters import state_from_dict
from layouts import ids


@callback(
    Output(ids.MAP_GRAPH, "figure"),
    Output(ids.MAP_META, "data"),
    Output(ids.MAP_EMPTY, "is_open"),
    Input(ids.panel_state("carte"), "data"),
    State(ids.MAP_META, "data"),
    prevent_initial_call=True,
)
def update_map(state_data, meta):
    state = state_from_dict(state_data)
    if state.tab != "carte":
        return no_update, no_update, no_update
    data = get_dataset(state_data)
    view, values = data.view(state), data.level_values(
        state, state.level, distance=state.indicator == "distance_km")
    frame = data.view_bounds(state)
    new_meta = {"level": state.level, "color_by": state.color_by, "lang": state.lang,
                "indicator": state.indicator, "departements": list(state.departements)}
    kwargs = dict(indicator=state.indicator, color_by=state.color_by, lang=state.lang)
    empty = len(view.venues) == 0
    if meta and all(meta[k] == new_meta[k] for k in ("level", "color_by", "lang", "indicator")):
        moved = meta["departements"] != new_meta["departements"]
        patch = apply_updates(Patch(), map_update(values, view.venues,
                                                  view=frame if moved else None, **kwargs))
        return patch, new_meta, empty
    fig = make_map_figure(values, view.venues, geojson_url=geojson_url(
        data.reference.region, state.level), view=frame, tiles_url=data.tiles_url,
        uirevision=state.level, **kwargs)
    return fig, new_meta, empty
