"""The coverage map: a MapLibre choropleth of one indicator at one level, venues on top.

Pure functions of data. The polygons are not in the figure: each choropleth trace points at
the level's GeoJSON URL, which the browser fetches once and caches; a filter change only sends
``map_update`` (values, not polygons) as a ``dash.Patch``.

The grey under the values (every territory, also those with no value) is not a trace but a
MapLibre layer of the same GeoJSON URL (``base_layer``), drawn below the traces: plotly.js
redraws traces on every change, a layer costs nothing then (a second choropleth of 4,446
polygons doubled the browser's redraw). Every trace has a role, kept in its ``uid``:
``choropleth`` (the indicator), ``venues-<code>`` (one trace per label status or per main
usage, for the legend) and ``selected`` (the venue selected in the table). Callers find a
trace with ``trace_index(role, color_by=…)``, never by counting. In the dashboard the
markers are filled in the browser from points served once (``dashboard/venue_points.py``):
``map_update`` sends no marker. What an indicator is (values, digits, colour scale, texts)
comes from ``dashboard.indicators``.
"""

from __future__ import annotations

import functools
import json
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import schema
from dashboard.figures.plain import plain_figure
from dashboard.figures.theme import LABEL_COLORS, USAGE_COLORS
from dashboard.i18n import format_decimal, t
from dashboard.indicators import Indicator, IndicatorNotApplicable, Ratio, get_indicator
from dashboard.packed_arrays import MEASURES, LayerMeasures, pack_numbers, pack_ratio
from dashboard.venue_points import hover_rows, main_usage, marker_spec

__all__ = ["LABEL_COLORS", "USAGE_COLORS", "BASE_FILL", "level_geojson", "map_style",
           "base_layer", "marker_traces", "marker_draw",
           "fit_view", "trace_roles", "trace_index", "color_scale", "class_breaks",
           "choropleth_update", "venue_updates", "make_map_figure", "map_update",
           "view_layout", "view_updates", "set_arrays"]

BASE_FILL = "#e9ecef"
# A conservative map size for framing: the map is at least this big on a 1366×768 screen.
MAP_HEIGHT_PX, MAP_WIDTH_PX = 460, 860


def level_geojson(layer, id_column: str) -> str:
    """GeoJSON text with ``id``, ``name`` and ``population`` properties only."""
    slim = layer[[id_column, "name", "population", "geometry"]].rename(
        columns={id_column: "id"})
    return slim.to_json(drop_id=True, ensure_ascii=False)


def map_style(tiles_url: str | None = None) -> dict:
    """A MapLibre style that fetches nothing (no glyphs, no tiles) unless ``tiles_url``."""
    sources = {"empty": {"type": "geojson",
                         "data": {"type": "FeatureCollection", "features": []}}}
    layers = [{"id": "background", "type": "background",
               "paint": {"background-color": "#f8f9fa"}}]
    if tiles_url:
        sources["tiles"] = {"type": "raster", "tiles": [tiles_url], "tileSize": 256}
        layers.append({"id": "tiles", "type": "raster", "source": "tiles"})
    return {"version": 8, "sources": sources, "layers": layers}


def base_layer(geojson_url: str, outline: str = "#adb5bd") -> dict:
    """The grey of every territory of ``geojson_url``, a MapLibre layer under the traces
    (``layout.map.layers``): the browser fetches the URL once (the choropleth trace uses the
    same one) and plotly.js does not redraw it when a trace changes."""
    return {"sourcetype": "geojson", "source": geojson_url, "type": "fill",
            "color": BASE_FILL, "fill": {"outlinecolor": outline}, "below": "traces",
            "name": "base"}


def fit_view(bounds: tuple[float, float, float, float],
             width_px: int = MAP_WIDTH_PX, height_px: int = MAP_HEIGHT_PX) -> dict:
    """Center and zoom showing ``bounds`` (minx, miny, maxx, maxy) in a map of that size,
    and the bounds themselves: the browser (``assets/map_frame.js``) recomputes the zoom
    for the map's real size from ``layout.meta.frame`` (and knows the server's nominal zoom
    from ``layout.meta.zoom``)."""
    minx, miny, maxx, maxy = bounds

    def merc(lat):
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    lon_span = max(maxx - minx, 1e-3)
    y_span = max(merc(maxy) - merc(miny), 1e-5)
    zoom_x = math.log2(width_px * 360 / (512 * lon_span))
    zoom_y = math.log2(height_px * 2 * math.pi / (512 * y_span))
    center_y = (merc(miny) + merc(maxy)) / 2
    center_lat = math.degrees(2 * math.atan(math.exp(center_y)) - math.pi / 2)
    return {"center": {"lon": round((minx + maxx) / 2, 5), "lat": round(center_lat, 5)},
            "zoom": round(min(zoom_x, zoom_y) - 0.15, 2),
            "bounds": [round(float(v), 5) for v in (minx, miny, maxx, maxy)]}


def view_layout(view: dict, style: dict) -> dict:
    """Layout properties of a map framed on ``view`` (from ``fit_view``): the MapLibre
    centre and zoom, and the framed bounds in ``meta.frame`` for the browser's fit."""
    return {"map": {"style": style, "center": view["center"], "zoom": view["zoom"]},
            "meta": {"frame": view.get("bounds"), "zoom": view["zoom"]}}


def view_updates(view: dict) -> dict:
    """``dash.Patch`` paths moving a map to ``view``."""
    return {"layout.map.center": view["center"], "layout.map.zoom": view["zoom"],
            "layout.meta.frame": view.get("bounds"), "layout.meta.zoom": view["zoom"]}


# --------------------------------------------------------------------------- trace roles

def _marker_codes(color_by: str) -> tuple[str, ...]:
    return schema.USAGE_CODES if color_by == "usage" else schema.LABEL_CODES


def trace_roles(color_by: str) -> tuple[str, ...]:
    """The role of every trace of the map, in drawing order."""
    return ("choropleth", *(f"venues-{c}" for c in _marker_codes(color_by)), "selected")


def trace_index(role: str, *, color_by: str) -> int:
    """Position of the trace playing ``role`` (for a ``dash.Patch`` of ``data``)."""
    return trace_roles(color_by).index(role)


# --------------------------------------------------------------------------- colour scale

def _nice_step(zmax: float, whole: bool) -> float:
    """A round tick step giving three to five ticks between 0 and ``zmax``."""
    raw = zmax / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return float(max(1, math.ceil(step))) if whole else step


def _step_digits(step: float) -> int:
    return next(d for d in range(6) if abs(round(step, d) - step) < 1e-9)


N_CLASSES = 5


def class_breaks(values: pd.Series, method: str, k: int = N_CLASSES) -> list[float]:
    """Upper bounds of the classes of ``values`` (mapclassify's ``Quantiles``, or
    ``JenksCaspall`` — deterministic and fast without numba — on the distinct values, with
    empty classes dropped: ``_jenks_caspall``), repeated bounds merged.

    Territories at 0 (no venue) are most of the communes: the classes are made among the
    positive values, so that the region's cities are not all one class of « more than 0 »;
    0 falls in the first class.
    """
    import warnings

    import mapclassify

    y = values[values.notna()].to_numpy(dtype=float)
    positive = np.unique(y[y > 0]) if method == "jenks" else y[y > 0]
    distinct = len(np.unique(positive))
    if distinct < 2:
        return []
    k = min(k, distinct)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bins = (mapclassify.Quantiles(positive, k=k).bins if method == "quantiles"
                else _jenks_caspall(positive, k))
    return sorted({round(float(b), 6) for b in bins})


def _jenks_caspall(x: np.ndarray, k: int, max_iterations: int = 200) -> np.ndarray:
    """mapclassify's ``JenksCaspall`` bins, its steps one for one, except that a class left
    empty is dropped and the iterations are bounded: mapclassify takes the median of an
    empty class (NaN), which ``argmin`` then prefers, and loops for ever — e.g. on the 8
    values of a few EPCIs (a server worker hung)."""
    from mapclassify.classifiers import bin1d, quantile

    xb, _ = bin1d(x, quantile(x, k))
    column = x.reshape(-1, 1)
    q = np.array([np.median(x[xb == i]) for i in np.unique(xb)])
    xb0 = xb.copy()
    for _ in range(max_iterations):
        xb = np.abs(column - q).argmin(axis=1)
        if (xb0 == xb).all():
            break
        xb0 = xb
        q = np.array([np.median(x[xb == i]) for i in range(len(q)) if (xb == i).any()])
    return np.array([x[xb == i].max() for i in np.unique(xb)])


@functools.lru_cache(maxsize=32)
def _named_scale(name: str) -> tuple[tuple[float, str], ...]:
    """plotly's colour scale ``name`` (looking a name up lists every scale module: 6 ms)."""
    from plotly.colors import get_colorscale

    return tuple((float(v), str(c)) for v, c in get_colorscale(name))


def _scale_list(name: str) -> list[list]:
    return [[v, c] for v, c in _named_scale(name)]


def _stepped(colorscale: str, edges: list[float]) -> list[list]:
    """A plotly colour scale of one flat colour per class between ``edges`` (0 … max)."""
    from plotly.colors import sample_colorscale

    n = len(edges) - 1
    colors = sample_colorscale(_scale_list(colorscale),
                               [0.12 + 0.88 * i / max(n - 1, 1) for i in range(n)])
    top = edges[-1] - edges[0] or 1.0
    out = []
    for i, color in enumerate(colors):
        out += [[(edges[i] - edges[0]) / top, color], [(edges[i + 1] - edges[0]) / top, color]]
    out[0][0], out[-1][0] = 0.0, 1.0
    return out


def _classed_scale(z: pd.Series, entry: Indicator, lang: str) -> dict | None:
    """Classes of ``z`` by the indicator's method, or None when they cannot be made (fewer
    than two distinct values)."""
    finite = z[z.notna()]
    breaks = class_breaks(finite, entry.classes)
    low = min(0.0, float(finite.min())) if len(finite) else 0.0
    edges = [low, *[b for b in breaks if b > low]]
    if len(edges) < 3:
        return None
    text = [format_decimal(v, lang, entry.digits) for v in edges]
    return {"zmin": low, "zmax": edges[-1], "capped": False, "tickvals": edges,
            "ticktext": text, "colorscale": _stepped(entry.colorscale, edges),
            "classes": entry.classes}


def color_scale(z: pd.Series, entry: Indicator, lang: str) -> dict:
    """Bounds of the colours, the colour scale and the colour bar's ticks for the values
    ``z``, by the indicator's ``classes``.

    Classes (quantiles, natural breaks): one flat colour per class, ticks at the class
    bounds. Capped: a continuous scale up to the 99th percentile, so that one big city does
    not wash out the rest; when a value lies above it the last tick says so (« ≥ 27 »).
    """
    if entry.classes != "capped":
        classed = _classed_scale(z, entry, lang)
        if classed is not None:
            return classed
    finite = z[z.notna()]
    zmax = float(finite.quantile(0.99)) if len(finite) else 1.0
    if entry.whole:
        zmax = max(math.ceil(zmax), 2.0)
    if zmax <= 0:
        zmax = float(finite.max()) if len(finite) and finite.max() > 0 else 1.0
    zmax = round(zmax, 4)
    capped = bool(len(finite) and finite.max() > zmax)
    step = _nice_step(zmax, entry.whole)
    ticks = [round(i * step, 6) for i in range(int(zmax / step + 1e-9) + 1)]
    if capped:
        ticks = [v for v in ticks if v <= zmax - step / 2]
    digits = _step_digits(step)
    text = [format_decimal(v, lang, digits) for v in ticks]
    if capped:
        ticks.append(zmax)
        text.append(f"≥\u00a0{format_decimal(zmax, lang, 0 if entry.whole else entry.digits)}")
    # the scale's colours, not its name: plotly.js reads « YlGnBu » dark-to-light where
    # plotly.py reads it light-to-dark, so a Patch carrying the name reversed the map
    return {"zmin": 0.0, "zmax": zmax, "capped": capped, "tickvals": ticks, "ticktext": text,
            "colorscale": _scale_list(entry.colorscale), "classes": "capped"}


# --------------------------------------------------------------------------- choropleth

def _hover(entry: Indicator, lang: str, *, unknown: bool = False, flat: bool = False) -> str:
    """Hover of a territory: name and population from the GeoJSON, the value from ``z``.

    With ``unknown`` (some territories have no value) the value comes from ``customdata``:
    ``[value]``, or ``[]`` where it is unknown, which plotly.js replaces by the trace's
    ``hovertemplatefallback`` (the indicator's missing text, « sans lieu »…). A template
    cannot drop the unit for those only, so it follows the indicator's name. ``flat``:
    ``customdata`` holds the value itself, ``undefined`` where it is unknown (the packed
    arrays, unpacked by the browser: JSON has no ``undefined``).
    """
    head = (f"<b>%{{properties.name}}</b><br>{t('hover.population', lang)} : "
            "%{properties.population:,.0f}")
    if unknown:
        return (f"{head}<br>{entry.label(lang)} ({entry.unit(lang)}) : "
                f"%{{customdata{'' if flat else '[0]'}:{entry.d3_format}}}<extra></extra>")
    return (f"{head}<br>{entry.label(lang)} : "
            f"%{{z:{entry.d3_format}}} {entry.unit(lang)}<extra></extra>")


def _with_unknown(scale: dict) -> dict:
    """``scale`` whose colours start with the base grey at zero width: a territory with no
    value gets ``z = zmin - 1``, below the colour range, which plotly.js draws in the
    scale's first colour (it clamps), so it stays grey — and hoverable — while the colour
    bar is unchanged."""
    colorscale = [[0.0, BASE_FILL], *[[float(v), c] for v, c in scale["colorscale"]]]
    below = scale["zmin"] - 1
    return {**scale, "colorscale": colorscale,
            "unknown_z": int(below) if float(below).is_integer() else below}


def choropleth_update(values: pd.DataFrame, indicator: str, lang: str, *,
                      packed: bool = False, color_by: str = "label",
                      measures: LayerMeasures | None = None) -> dict:
    """Properties of the ``choropleth`` trace (the indicator) for one selection, under
    ``value``.

    ``values`` (from ``aggregate_level``) is indexed by territory id. A territory with no
    value is drawn grey and its hover says why (never 0): ``z`` below the colour range,
    whose first colour is the base grey, and ``customdata`` ``[]`` where the others hold
    ``[value]`` (``_with_unknown``, ``_hover``); with no unknown value ``customdata`` is
    empty and the hover reads ``z``. Names and populations come
    from the GeoJSON properties. An indicator absent from ``values`` (a level it does not
    claim) is refused with ``IndicatorNotApplicable``.

    ``packed``: no ``locations``, ``z`` nor ``customdata`` lists; instead, under
    ``packed``, ``z`` (and ``customdata``) packed for the browser (``_packed``: the same
    numbers), at the choropleth's index for ``color_by``; the browser adds them, and the
    ``locations`` from the layer's ids. One colour scale computed for both. ``measures``
    (the level's ``LayerMeasures``): a venue ratio may be sent as its venue counts, for the
    browser to divide (« ratio », when that is smaller).
    """
    entry, z, scale, unknown = _scaled(values, indicator, lang)
    if packed:
        arrays = {"packed": _packed(z.to_numpy(), entry, scale, unknown,
                                    trace_index("choropleth", color_by=color_by),
                                    values=values, measures=measures)}
    else:
        numbers = _numbers(z.to_numpy())
        customdata = []  # not None: dcc.Graph's click data reads customdata[i] when set
        if unknown:
            customdata = [[] if v is None else [v] for v in numbers]
            numbers = [scale["unknown_z"] if v is None else v for v in numbers]
        arrays = {"locations": values.index.astype(str).tolist(), "z": numbers,
                  "customdata": customdata}
    return {
        "value": {
            **arrays,
            "hovertemplatefallback": t(entry.missing_key, lang),
            "zmin": scale["zmin"],
            "zmax": scale["zmax"],
            "capped": scale["capped"],
            "tickvals": scale["tickvals"],
            "ticktext": scale["ticktext"],
            "hovertemplate": _hover(entry, lang, unknown=unknown, flat=packed),
            "colorscale": scale["colorscale"],
            "colorbar_title": entry.unit(lang),
            "classes_label": "" if scale["classes"] == "capped" else
            t(f"map.classes.{scale['classes']}", lang),
            "name": entry.label(lang),
        },
    }


# Above this many characters a dense array of 4-decimal values is sent rounded to the
# indicator's digits instead (distances per commune nationally: 100 kB → 45 kB).
_PACKED_BUDGET = 16_000


def _packed(z: np.ndarray, entry: Indicator, scale: dict, unknown: bool, trace: int, *,
            values: pd.DataFrame | None = None,
            measures: LayerMeasures | None = None) -> list[dict]:
    """``z`` packed (``dashboard/packed_arrays.py`` « numbers »): the numbers of ``_numbers``
    (4 decimals). When that is big, the smaller of: the values rounded to the indicator's
    digits as the hover writes them — the few that would then change colour class stay
    exact; or, for a venue ratio with the layer's ``measures``, its operand from ``values``
    (the venue counts, say) for the browser to divide (« ratio »: the same 4-decimal
    numbers). Unknown: the browser puts ``unknown_z`` in ``z`` and the values, unknown left
    ``undefined``, in ``customdata`` (the hover's fallback text)."""
    extra = ({"unknown": scale["unknown_z"], "copy": ["data", trace, "customdata"]}
             if unknown else {})
    path = ["data", trace, "z"]
    spec = pack_numbers(z, path, **extra)
    if len(spec["bdata"]) <= _PACKED_BUDGET:
        return [spec]
    candidates = [spec]
    if entry.digits < 4:
        edges = (scale["tickvals"] if scale["classes"] != "capped"
                 else [scale["zmin"], scale["zmax"]])
        candidates.append(pack_numbers(z, path, decimals=entry.digits, edges=edges, **extra))
    ratio = _ratio_spec(z, entry, values, measures, path, extra)
    if ratio is not None:
        candidates.append(ratio)
    return [min(candidates, key=lambda c: len(json.dumps(c)))]


def _ratio_spec(z: np.ndarray, entry: Indicator, values: pd.DataFrame | None,
                measures: LayerMeasures | None, path: list, extra: dict) -> dict | None:
    """``z`` as a « ratio » (``packed_arrays.pack_ratio``) when it is one of a measure
    ``values`` holds and of a measure of the layer, and ``values``' territories are the
    layer's in its order; else None."""
    ratio = entry.compute
    if measures is None or values is None or not isinstance(ratio, Ratio):
        return None
    operands = ["sent" if name not in MEASURES else name
                for name in (ratio.numerator, ratio.denominator)]
    sent = [name for name in (ratio.numerator, ratio.denominator) if name not in MEASURES]
    if len(sent) != 1 or sent[0] not in values:
        return None
    positions = measures.ids.get_indexer(values.index.astype(str))
    if (positions < 0).any() or (np.diff(positions) <= 0).any():
        return None
    return pack_ratio(z, values[sent[0]].to_numpy(dtype=float, na_value=np.nan), positions,
                      measures, operands, ratio.scale, path, **extra)


def _scaled(values: pd.DataFrame, indicator: str, lang: str) -> tuple:
    """(indicator entry, its values, colour scale, whether some are unknown)."""
    entry = get_indicator(indicator)
    if indicator not in values:
        raise IndicatorNotApplicable(f"indicateur {indicator!r} absent de ces agrégats")
    z = values[indicator].astype(float)
    scale = color_scale(z, entry, lang)
    unknown = bool(z.isna().any())
    return entry, z, _with_unknown(scale) if unknown else scale, unknown


def _numbers(z: np.ndarray) -> list:
    """``z`` as JSON numbers: whole values as integers, others to 4 decimals, NaN as None."""
    rounded = np.round(z, 4)
    return [None if v != v else (int(v) if v.is_integer() else v) for v in rounded.tolist()]


def venue_updates(venues: pd.DataFrame, color_by: str, lang: str) -> list[dict]:
    """One dict of marker-trace properties per category, in vocabulary order (the order of
    the ``venues-<code>`` roles)."""
    if color_by == "usage":
        groups = main_usage(venues["usages"])
        names = [schema.usage_label(c, lang) for c in schema.USAGE_CODES]
    else:
        groups = venues["label_status"]
        names = [schema.label_status_label(c, lang) for c in schema.LABEL_CODES]
    custom = np.array(hover_rows(venues, lang), dtype=object).reshape(len(venues), 5)
    hover = (f"<b>%{{customdata[0]}}</b><br>{t('hover.commune', lang)} : %{{customdata[1]}}"
             f"<br>{t('hover.usages', lang)} : %{{customdata[2]}}"
             f"<br>{t('hover.label', lang)} : %{{customdata[3]}}<extra></extra>")
    out = []
    for code, name in zip(_marker_codes(color_by), names):
        mask = (groups == code).to_numpy()
        out.append({"lat": venues["lat"].to_numpy()[mask].tolist(),
                    "lon": venues["lon"].to_numpy()[mask].tolist(),
                    "customdata": custom[mask].tolist(), "name": name,
                    "hovertemplate": hover})
    return out


def _colorbar(value: dict) -> dict:
    return {"title": {"text": value["colorbar_title"]}, "thickness": 14, "len": 0.75,
            "tickmode": "array", "tickvals": value["tickvals"], "ticktext": value["ticktext"],
            "x": 1.0, "xanchor": "right", "bgcolor": "rgba(255,255,255,0.8)"}


def set_arrays(fig: go.Figure, arrays: list[dict]) -> go.Figure:
    """Put the big per-territory and per-venue arrays into ``fig``'s traces (in order) without
    plotly's element-by-element validation: they are lists of numbers, strings and ``None``
    built here, and validating them took half of a whole figure's server time. Every other
    property still goes through the validated constructors."""
    for trace, props in zip(fig.data, arrays):
        trace._validate = False
        try:
            for key, value in props.items():
                trace[key] = value
        finally:
            trace._validate = True
    return fig


def _choropleth_trace(chor: dict, geojson_url: str) -> tuple[go.Choroplethmap, dict]:
    """The trace and its arrays (empty when ``chor`` is packed: the browser adds them)."""
    value = chor["value"]
    trace = go.Choroplethmap(
        geojson=geojson_url, featureidkey="properties.id", showlegend=False,
        zmin=value["zmin"], zmax=value["zmax"], colorscale=value["colorscale"],
        hovertemplate=value["hovertemplate"], colorbar=_colorbar(value),
        hovertemplatefallback=value["hovertemplatefallback"],
        marker={"line": {"width": 0.3, "color": "#ffffff"}, "opacity": 0.85},
        name=value["name"], uid="choropleth")
    return trace, {k: value.get(k, []) for k in ("locations", "z", "customdata")}


def marker_traces(venues: pd.DataFrame, color_by: str, lang: str) -> tuple[list, list[dict]]:
    """The ``venues-<code>`` traces and the ``selected`` one, and their arrays (for
    ``set_arrays``): ``venues`` drawn (none in the dashboard, whose browser fills them)."""
    colors = USAGE_COLORS if color_by == "usage" else LABEL_COLORS
    traces, arrays = [], []
    for code, props in zip(_marker_codes(color_by), venue_updates(venues, color_by, lang)):
        traces.append(go.Scattermap(
            mode="markers", uid=f"venues-{code}", name=props["name"],
            hovertemplate=props["hovertemplate"],
            marker={"size": 9, "color": colors[code], "opacity": 0.9}))
        arrays.append({k: props[k] for k in ("lat", "lon", "customdata")})
    # the venue selected in the table (empty until a row is selected)
    traces.append(go.Scattermap(
        mode="markers", lat=[], lon=[], name=t("map.selected", lang), showlegend=False,
        marker={"size": 26, "color": "#CC79A7", "opacity": 0.55}, hoverinfo="skip",
        uid="selected"))
    return traces, [*arrays, {}]


def make_map_figure(
    values: pd.DataFrame,
    venues: pd.DataFrame,
    *,
    geojson_url: str,
    indicator: str,
    color_by: str,
    lang: str,
    view: dict,
    tiles_url: str | None = None,
    uirevision: str = "map",
    packed: bool = False,
    chor: dict | None = None,
) -> go.Figure:
    """The whole map figure (sent when the level, indicator, marker colouring or language
    changes), its traces in the order of ``trace_roles(color_by)``, the grey base a layer
    under them. ``venues`` are drawn as markers (the dashboard passes none: its browser
    draws them from the points served once). ``packed``: the choropleth's ``locations``,
    ``z`` and ``customdata`` left empty, for the browser to add from the packed arrays and
    a subset of the layer's ids (the dashboard); else the lists (documents). ``chor``: the
    ``choropleth_update`` of these arguments when the caller has it (it reads the packed
    arrays from it)."""
    chor = chor or choropleth_update(values, indicator, lang, packed=packed, color_by=color_by)
    chor_trace, chor_arrays = _choropleth_trace(chor, geojson_url)
    markers, marker_arrays = marker_traces(venues, color_by, lang)
    layout = view_layout(view, map_style(tiles_url))
    layout["map"]["layers"] = [base_layer(geojson_url)]
    layout.update(
        margin={"l": 0, "r": 0, "t": 0, "b": 0}, autosize=True, uirevision=uirevision,
        legend={"orientation": "h", "yanchor": "bottom", "y": 0.01, "xanchor": "left",
                "x": 0.01, "bgcolor": "rgba(255,255,255,0.85)"})
    # the layout as a plain dict (``figures/plain.py``): ``update_layout`` with the
    # template validated and deep-copied every property, 7 of a whole map's 9 ms
    fig = plain_figure([trace.to_plotly_json() for trace in (chor_trace, *markers)], layout,
                       lang=lang)
    return set_arrays(fig, [chor_arrays, *marker_arrays])


def map_update(values, *, indicator: str, color_by: str, lang: str,
               view: dict | None, restyle: bool = False, packed: bool = False,
               chor: dict | None = None) -> dict:
    """Only what changes with the filters: values, colour bar and, if given, the map view
    (then also the territories coloured, which follow the departments). With ``restyle``
    (another indicator on the same polygons) also the texts that name the indicator: hover,
    colour-bar title, trace name. No marker: the browser draws them from the points served
    once (``dashboard/venue_points.py``).

    Keys are property paths (``data.0.z``…) for a ``dash.Patch``. ``packed``: no ``z``,
    ``locations`` nor ``customdata`` values (``customdata`` emptied): the browser adds them
    from the packed arrays and the layer's ids. ``chor``: as for ``make_map_figure``.
    """
    chor = chor or choropleth_update(values, indicator, lang, packed=packed, color_by=color_by)
    value = chor["value"]
    data = f"data.{trace_index('choropleth', color_by=color_by)}"
    upd = {} if packed else {f"{data}.z": value["z"]}
    upd.update({f"{data}.zmax": value["zmax"],
           f"{data}.zmin": value["zmin"], f"{data}.colorscale": value["colorscale"],
           f"{data}.colorbar.tickvals": value["tickvals"],
           f"{data}.colorbar.ticktext": value["ticktext"],
           # unknown values come and go with the filters: their hover follows
           f"{data}.customdata": value.get("customdata", []),
           f"{data}.hovertemplate": value["hovertemplate"]})
    if restyle:
        upd.update({f"{data}.hovertemplatefallback": value["hovertemplatefallback"],
                    f"{data}.colorbar.title.text": value["colorbar_title"],
                    f"{data}.name": value["name"]})
    if view is not None:
        if not packed:
            upd[f"{data}.locations"] = value["locations"]
        upd.update(view_updates(view))
    return upd


def marker_draw(points_url: str, all_venues: pd.DataFrame, visible: pd.DataFrame, *,
                color_by: str) -> dict:
    """What the browser needs to fill the ``venues-<code>`` traces with ``visible`` (venues of
    the dataset ``all_venues``, whose points it fetches from ``points_url``): a bit mask and
    the trace of each label status or main usage (``venue_points.marker_spec``)."""
    traces = {c: trace_index(f"venues-{c}", color_by=color_by)
              for c in _marker_codes(color_by)}
    return marker_spec(points_url, all_venues, visible, traces=traces,
                       group="usage" if color_by == "usage" else "label",
                       fields={"customdata": "hover"})
