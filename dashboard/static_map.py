"""The dashboard's MapLibre maps as geo (SVG) maps, for slides, reports and PDF.

MapLibre needs WebGL and draws on a canvas that printing and some projectors handle badly; the
geo traces of plotly.js draw SVG, print as vectors and need no tiles. ``to_geo`` converts a
figure built by ``figures/map.py`` or ``figures/coverage.py`` (it does not rebuild it): every
``choroplethmap`` becomes a ``choropleth`` and every ``scattermap`` a ``scattergeo`` with the
same data, colours and hovers; the map frame becomes longitude/latitude ranges; the grey
base layer under the values (``figures/map.base_layer``) becomes a grey choropleth of the
same territories under them.

plotly.js fetches a base topojson for any geo subplot: pages that draw these maps declare an
empty one first (``EMPTY_TOPOJSON`` in ``window.PlotlyGeoAssets``), so nothing is requested.
"""

from __future__ import annotations

import plotly.graph_objects as go

__all__ = ["to_geo", "frame_ranges", "EMPTY_TOPOJSON", "TOPOJSON_NAME"]

TOPOJSON_NAME = "world_110m"
EMPTY_TOPOJSON = {"type": "Topology", "objects": {}, "arcs": []}
_DROP = {"choroplethmap": {"below", "subplot"},
         "scattermap": {"below", "subplot", "cluster"}}
_TYPE = {"choroplethmap": "choropleth", "scattermap": "scattergeo"}


def frame_ranges(bounds: tuple[float, float, float, float], pad: float = 0.04) -> dict:
    """``lonaxis``/``lataxis`` ranges showing ``bounds`` (minx, miny, maxx, maxy) with a margin
    of ``pad`` of the span on each side."""
    minx, miny, maxx, maxy = bounds
    dx, dy = (maxx - minx) * pad, (maxy - miny) * pad
    return {"lonaxis": {"range": [minx - dx, maxx + dx]},
            "lataxis": {"range": [miny - dy, maxy + dy]}}


def _trace(trace: dict, geojson) -> dict:
    kind = trace.get("type")
    if kind not in _TYPE:
        return trace
    out = {k: v for k, v in trace.items() if k not in _DROP[kind]}
    out["type"] = _TYPE[kind]
    if kind == "choroplethmap":
        out["locationmode"] = "geojson-id"
        if geojson is not None:
            out["geojson"] = geojson
    return out


def _base_trace(spec: dict, geojson) -> dict | None:
    """The grey of the territories of the first choropleth, if the map had a base layer."""
    layers = spec["layout"].get("map", {}).get("layers", [])
    base = next((x for x in layers if x.get("name") == "base"), None)
    chor = next((x for x in spec["data"] if x.get("type") == "choroplethmap"), None)
    if base is None or chor is None:
        return None
    locations = list(chor.get("locations", []))
    out = {"type": "choroplethmap", "geojson": chor.get("geojson"), "locations": locations,
           "featureidkey": chor.get("featureidkey"), "z": [0] * len(locations),
           "colorscale": [[0, base["color"]], [1, base["color"]]], "showscale": False,
           "hoverinfo": "skip", "showlegend": False, "name": "base",
           "marker": {"line": {"width": 0.3, "color": base["fill"]["outlinecolor"]}}}
    return _trace(out, geojson)


def _beside(trace: dict) -> dict:
    """The colour bar outside the map's area, on its right: on screen it floats over a map
    one can pan; on a slide or a page it would hide the eastern edge."""
    if "colorbar" in trace:
        bar = {k: v for k, v in trace["colorbar"].items() if k != "bgcolor"}
        trace = {**trace, "colorbar": {**bar, "x": 1.02, "xanchor": "left"}}
    return trace


def to_geo(fig: go.Figure, *, bounds: tuple[float, float, float, float],
           geojson=None) -> go.Figure:
    """A new figure: ``fig``'s map traces as geo traces framed on ``bounds``; ``geojson``
    (a URL or a FeatureCollection) replaces the polygons' source when given. The colour bar
    and the legend move outside the map's area (beside it, under it), where plotly widens the
    margins to hold them, so that neither covers any part of the territory."""
    spec = fig.to_plotly_json()
    base = _base_trace(spec, geojson)
    data = [*([base] if base else []),
            *(_beside(_trace(dict(t), geojson)) for t in spec["data"])]
    layout = {k: v for k, v in spec["layout"].items() if k != "map"}
    layout["geo"] = {"visible": False, "projection": {"type": "mercator"},
                     "bgcolor": "rgba(0,0,0,0)", **frame_ranges(bounds)}
    layout["legend"] = {**layout.get("legend", {}), "orientation": "h", "x": 0,
                        "xanchor": "left", "y": 0, "yanchor": "top",
                        "bgcolor": "rgba(0,0,0,0)"}
    layout["margin"] = {"l": 0, "r": 0, "t": 0, "b": 0, "autoexpand": True}
    return go.Figure({"data": data, "layout": layout})
