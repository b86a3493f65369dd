"""The coverage map: a MapLibre choropleth of one indicator at one level, venues on top.

Pure functions of data. The polygons are not in the figure: each choropleth trace points at
the level's GeoJSON URL, which the browser fetches once and caches; a filter change only sends
``map_update`` (values, not polygons) as a ``dash.Patch``.

Traces: 0 = every territory of the selection in grey (also those with no value), 1 = the
indicator, 2… = venues, one trace per label status or per main usage (for the legend).
"""

from __future__ import annotations

import html
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import schema
from dashboard.i18n import format_decimal, format_eur, format_int, format_km, t

__all__ = ["INDICATOR_STYLE", "LABEL_COLORS", "USAGE_COLORS", "level_geojson", "map_style",
           "fit_view", "choropleth_update", "venue_updates", "make_map_figure", "map_update",
           "format_indicator"]

# Sequential ColorBrewer scales (colour-blind safe); markers use the Okabe-Ito palette.
INDICATOR_STYLE = {
    "venues": "YlGnBu",
    "venues_per_10k": "YlGnBu",
    "pop_per_venue": "Purples",
    "funding_per_capita": "Greens",
    "distance_km": "PuBu",
}
LABEL_COLORS = {"labellise": "#D55E00", "candidat": "#E69F00", "non_labellise": "#222222",
                "inconnu": "#9e9e9e"}
USAGE_COLORS = dict(zip(schema.USAGE_CODES, [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8c6d1f", "#000000",
    "#7f7f7f", "#b15928"]))
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


def fit_view(bounds: tuple[float, float, float, float],
             width_px: int = MAP_WIDTH_PX, height_px: int = MAP_HEIGHT_PX) -> dict:
    """Center and zoom showing ``bounds`` (minx, miny, maxx, maxy) in a map of that size."""
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
            "zoom": round(min(zoom_x, zoom_y) - 0.15, 2)}


def format_indicator(value: float, indicator: str, lang: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("hover.no_value", lang)
    if indicator == "venues":
        return format_int(value, lang)
    if indicator == "venues_per_10k":
        return format_decimal(value, lang, 2)
    if indicator == "pop_per_venue":
        return format_int(value, lang)
    if indicator == "funding_per_capita":
        return format_eur(value, lang)
    return format_km(value, lang)


Z_FORMATS = {"venues": ",.0f", "venues_per_10k": ",.2f", "pop_per_venue": ",.0f",
             "funding_per_capita": ",.2f", "distance_km": ",.1f"}


def _hover(indicator: str, lang: str, with_value: bool = True) -> str:
    """Hover of a territory: name and population from the GeoJSON, the value from ``z``."""
    head = (f"<b>%{{properties.name}}</b><br>{t('hover.population', lang)} : "
            "%{properties.population:,.0f}")
    if not with_value:
        return f"{head}<br>{t('hover.no_value', lang)}<extra></extra>"
    unit = t(f"unit.{indicator}", lang)
    return (f"{head}<br>{t(f'indicator.{indicator}', lang)} : "
            f"%{{z:{Z_FORMATS[indicator]}}} {unit}<extra></extra>")


def choropleth_update(values: pd.DataFrame, indicator: str, lang: str) -> dict:
    """Properties of traces 0 (every territory) and 1 (the indicator) for one selection.

    ``values`` is indexed by territory id; missing values are ``None`` in ``z`` (not drawn,
    the grey base shows through). Names and populations come from the GeoJSON properties.
    """
    z = values[indicator].astype(float)
    finite = z[z.notna()]
    # the 99th percentile, so that one big city does not wash out the rest
    zmax = float(finite.quantile(0.99)) if len(finite) else 1.0
    if indicator == "venues":
        zmax = max(math.ceil(zmax), 2.0)
    if zmax <= 0:
        zmax = float(finite.max()) if len(finite) and finite.max() > 0 else 1.0
    locations = [str(i) for i in values.index]
    return {
        "base": {"locations": locations, "hovertemplate": _hover(indicator, lang, False)},
        "value": {
            "locations": locations,
            "z": [None if math.isnan(v) else (int(v) if v == int(v) else round(v, 4))
                  for v in z],
            "zmin": 0.0,
            "zmax": round(zmax, 4),
            "hovertemplate": _hover(indicator, lang),
            "colorscale": INDICATOR_STYLE[indicator],
            "colorbar_title": t(f"unit.{indicator}", lang),
            # whole ticks for counts of venues
            "dtick": max(1, math.ceil(zmax / 5)) if indicator == "venues" else None,
        },
    }


def _main_usage(usages: pd.Series) -> pd.Series:
    return usages.fillna("").str.split(schema.USAGE_SEPARATOR).str[0].replace("", "autre")


def venue_updates(venues: pd.DataFrame, color_by: str, lang: str) -> list[dict]:
    """One dict of marker-trace properties per category, in vocabulary order."""
    if color_by == "usage":
        groups, codes = _main_usage(venues["usages"]), schema.USAGE_CODES
        names = [schema.usage_label(c, lang) for c in codes]
    else:
        groups, codes = venues["label_status"], schema.LABEL_CODES
        names = [schema.label_status_label(c, lang) for c in codes]
    usage_text = venues["usages"].fillna("").map(
        lambda u: ", ".join(schema.usage_label(c, lang) for c in u.split("|") if c)
        or t("hover.usages_unknown", lang))
    label_text = venues["label_status"].map(lambda s: schema.label_status_label(s, lang))
    year = venues["label_year"].map(lambda y: "" if pd.isna(y) else f" ({int(y)})")
    custom = np.column_stack([
        venues["name"].map(html.escape), venues["commune_name"].fillna("").map(html.escape),
        usage_text.map(html.escape), label_text + year, venues["venue_id"].map(html.escape),
    ]) if len(venues) else np.empty((0, 5))
    hover = (f"<b>%{{customdata[0]}}</b><br>{t('hover.commune', lang)} : %{{customdata[1]}}"
             f"<br>{t('hover.usages', lang)} : %{{customdata[2]}}"
             f"<br>{t('hover.label', lang)} : %{{customdata[3]}}<extra></extra>")
    out = []
    for code, name in zip(codes, names):
        mask = (groups == code).to_numpy()
        out.append({"lat": venues["lat"].to_numpy()[mask].tolist(),
                    "lon": venues["lon"].to_numpy()[mask].tolist(),
                    "customdata": custom[mask].tolist(), "name": name,
                    "hovertemplate": hover})
    return out


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
) -> go.Figure:
    """The whole map figure (sent when the level or the marker colouring changes)."""
    chor = choropleth_update(values, indicator, lang)
    base = chor["base"]
    fig = go.Figure()
    fig.add_trace(go.Choroplethmap(
        geojson=geojson_url, featureidkey="properties.id", locations=base["locations"],
        z=[0] * len(base["locations"]), colorscale=[[0, BASE_FILL], [1, BASE_FILL]],
        showscale=False, hovertemplate=base["hovertemplate"],
        marker={"line": {"width": 0.3, "color": "#adb5bd"}}, showlegend=False, name="base",
    ))
    value = chor["value"]
    fig.add_trace(go.Choroplethmap(
        geojson=geojson_url, featureidkey="properties.id", locations=value["locations"],
        z=value["z"], zmin=value["zmin"], zmax=value["zmax"], colorscale=value["colorscale"],
        hovertemplate=value["hovertemplate"],
        marker={"line": {"width": 0.3, "color": "#ffffff"}, "opacity": 0.85},
        colorbar={"title": {"text": value["colorbar_title"]}, "thickness": 14, "len": 0.75,
                  "tickformat": Z_FORMATS[indicator].replace(".2f", ".1f"),
                  "tick0": 0, "dtick": value["dtick"],
                  "x": 1.0, "xanchor": "right", "bgcolor": "rgba(255,255,255,0.8)"},
        showlegend=False, name=t(f"indicator.{indicator}", lang),
    ))
    colors = USAGE_COLORS if color_by == "usage" else LABEL_COLORS
    for code, props in zip(colors, venue_updates(venues, color_by, lang)):
        fig.add_trace(go.Scattermap(
            mode="markers", marker={"size": 9, "color": colors[code], "opacity": 0.9},
            **props,
        ))
    # last trace: the venue selected in the table (empty until a row is selected)
    fig.add_trace(go.Scattermap(
        mode="markers", lat=[], lon=[], name=t("map.selected", lang), showlegend=False,
        marker={"size": 26, "color": "#CC79A7", "opacity": 0.55}, hoverinfo="skip"))
    fig.update_layout(
        map={"style": map_style(tiles_url), **view},
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        autosize=True,
        uirevision=uirevision,
        separators=",\u202f" if lang == "fr" else ".,",
        legend={"orientation": "h", "yanchor": "bottom", "y": 0.01, "xanchor": "left",
                "x": 0.01, "bgcolor": "rgba(255,255,255,0.85)"},
        hoverlabel={"bgcolor": "white", "font": {"size": 13}},
        font={"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"},
    )
    return fig


def map_update(values, venues, *, indicator: str, color_by: str, lang: str,
               view: dict | None) -> dict:
    """Only what changes with the filters: values, markers and, if given, the map view
    (then also the territories drawn, which follow the departments).

    Keys are property paths (``data.1.z``…) for a ``dash.Patch``.
    """
    chor = choropleth_update(values, indicator, lang)
    upd = {"data.1.z": chor["value"]["z"], "data.1.zmax": chor["value"]["zmax"],
           "data.1.colorbar.dtick": chor["value"]["dtick"]}
    for i, props in enumerate(venue_updates(venues, color_by, lang), start=2):
        for k in ("lat", "lon", "customdata"):
            upd[f"data.{i}.{k}"] = props[k]
    if view is not None:
        upd["data.0.locations"] = chor["base"]["locations"]
        upd["data.1.locations"] = chor["value"]["locations"]
        upd["layout.map.center"] = view["center"]
        upd["layout.map.zoom"] = view["zoom"]
    return upd
