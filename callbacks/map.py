"""The main map: a whole figure when the level, colouring or language changes, else a Patch
(also for another indicator: the polygons stay, the values, scale and texts change).

The server's Patch, the values packed (``figures/map.choropleth_update(packed=True)``: the
choropleth's ``z`` and ``customdata``, and its ``locations`` as a subset of the layer's ids)
and the visible venues go through ``MAP_DRAW``: the browser (``assets/packed_arrays.js``, then
``assets/venue_points.js``) unpacks the values, adds the markers of those venues from points
fetched once, and patches the figure in one go. A whole figure is sent without those arrays.
A venue ratio over many territories may travel as its venue counts, which the browser
divides by the layer's populations or areas, fetched once (« ratio »).
"""

from __future__ import annotations

import uuid

from dash import (
    ClientsideFunction,
    Input,
    Output,
    Patch,
    State,
    callback,
    clientside_callback,
    no_update,
)

from callbacks.exports import map_caption
from callbacks.patching import apply_updates
from dashboard.config import geojson_url, ids_url
from dashboard.dataset import get_dataset
from dashboard.figures.map import (
    choropleth_update,
    make_map_figure,
    map_update,
    marker_draw,
    trace_index,
)
from dashboard.filters import state_from_dict
from dashboard.packed_arrays import pack_places
from dashboard.venue_points import points_url
from layouts import ids


@callback(
    Output(ids.MAP_GRAPH, "figure"),
    Output(ids.MAP_META, "data"),
    Output(ids.MAP_EMPTY, "is_open"),
    Output(ids.MAP_DRAW, "data"),
    Input(ids.panel_state("carte"), "data"),
    State(ids.MAP_META, "data"),
    prevent_initial_call=True,
)
def update_map(state_data, meta):
    state = state_from_dict(state_data)
    if state.tab != "carte":
        return no_update, no_update, no_update, no_update
    data = get_dataset(state_data)
    view, values = data.view(state), data.level_values(
        state, state.level, distance=state.indicator == "distance_km")
    frame = data.view_bounds(state)
    new_meta = {"level": state.level, "color_by": state.color_by, "lang": state.lang,
                "indicator": state.indicator, "departements": list(state.departements)}
    kwargs = dict(indicator=state.indicator, color_by=state.color_by, lang=state.lang)
    empty = len(view.venues) == 0
    markers = marker_draw(points_url(state.lang, session=state_data.get("dataset"),
                                     source=state_data.get("source")),
                          data.registry.venues, view.venues, color_by=state.color_by)
    chor = choropleth_update(values, state.indicator, state.lang, packed=True,
                             color_by=state.color_by,  # one colour scale for all below
                             measures=data.layer_measures(state.level))
    arrays = chor["value"]["packed"]
    if meta and all(meta[k] == new_meta[k] for k in ("level", "color_by", "lang")):
        new_meta["figure"] = meta.get("figure")  # the same figure, patched
        moved = meta["departements"] != new_meta["departements"]
        patch = apply_updates(Patch(), map_update(
            values, view=frame if moved else None, packed=True,
            restyle=meta["indicator"] != state.indicator, chor=chor, **kwargs))
        patch["layout"]["annotations"] = map_caption(state_data)  # in the same redraw
        places = [_places(data, state, values)] if moved else []
        return no_update, new_meta, empty, {"patch": patch.to_plotly_json(), "markers": markers,
                                            "arrays": places + arrays}
    new_meta["figure"] = uuid.uuid4().hex[:12]  # a new figure: callbacks/venues.py centres
    fig = make_map_figure(values, view.venues.iloc[:0], geojson_url=geojson_url(
        data.reference.region, state.level), view=frame, tiles_url=data.tiles_url,
        uirevision=state.level, packed=True, chor=chor, **kwargs)
    fig.update_layout(annotations=map_caption(state_data))
    return fig, new_meta, empty, {"patch": None, "markers": markers,
                                  "arrays": [_places(data, state, values), *arrays]}


def _places(data, state, values) -> dict:
    """The territories of ``values`` (the choropleth's ``locations``), packed as a subset of
    the level's ids, which the browser fetches once."""
    return pack_places(ids_url(data.reference.region, state.level),
                       data.layer_ids(state.level), values.index,
                       ["data", trace_index("choropleth", color_by=state.color_by),
                        "locations"])


clientside_callback(
    ClientsideFunction("packedArrays", "draw"),
    Output(ids.MAP_GRAPH, "figure", allow_duplicate=True),
    Input(ids.MAP_DRAW, "data"),
    prevent_initial_call=True,
)
