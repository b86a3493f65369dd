"""The coverage map in headless Chromium (issue 12): its values travel packed
(``dashboard/packed_arrays.py``) and the browser unpacks them (``assets/packed_arrays.js``);
after a radius change the figure and the hover show the distances and coverage the domain
functions compute, and an unknown distance is never shown as 0."""

from __future__ import annotations

import numpy as np
import pytest
from dash.testing.wait import until
from selenium.webdriver.common.actions.action_builder import ActionBuilder

from dashboard import coverage as cov
from dashboard.dataset import RoadmapOptions, get_published_dataset
from dashboard.filters import ViewState
from dashboard.i18n import format_decimal, format_percent
from tests.test_browser import POLYGONS_DRAWN, app, open_app, shot
from tests.test_browser_roadmap import point_on_screen

pytestmark = pytest.mark.browser
__all__ = ["app"]

VALUES = """
const gd = document.querySelector('#coverage-map .js-plotly-plot');
if (!gd || !gd._fullData) return null;
const trace = gd.data.find(t => t.uid === 'choropleth');
if (!trace || !trace.z || !trace.customdata) return null;
return {locations: Array.from(trace.locations), z: Array.from(trace.z),
        custom: Array.from(trace.customdata, v => v === undefined ? 'undefined' : v)};
"""
HOVER_TEXT = """
const h = document.querySelectorAll('#coverage-map .hovertext');
return Array.from(h).map(x => x.textContent).join(' | ');
"""
MARKERS_OFF = """
const gd = document.querySelector('#coverage-map .js-plotly-plot');
const others = gd.data.map((t, i) => i).filter(i => i > 0);
return Plotly.restyle(gd, {visible: false}, others).then(() => true);
"""
FORGET = """
const gd = document.querySelector('#coverage-map .js-plotly-plot');
const custom = Array.from(gd.data[0].customdata);
custom[arguments[0]] = undefined;
return Plotly.restyle(gd, {customdata: [custom]}, [0]).then(() => true);
"""
UNPACK = "return window.dash_clientside.packedArrays.unpack(arguments[0])" \
         ".map(v => v === undefined ? 'undefined' : v);"


def _values(dash_duo):
    return dash_duo.driver.execute_script(VALUES)


def _expected(radius, usages=("fablab",)):
    data = get_published_dataset()
    reach = data.registry.venues[data.registry.venues["usages"].str.contains(usages[0])]
    dist = cov.commune_distances(data.communes, reach)
    d = dist["distance_km"].to_numpy()
    return dist, d, cov.covered(d, radius).astype(int).tolist()


def _hover(dash_duo, lon, lat):
    """The hover text where the mouse rests over (lon, lat) of the coverage map."""
    driver = dash_duo.driver
    x, y = point_on_screen(driver, lon, lat)[:2]
    text = ""
    for dx in (3, -3, 2):  # move onto the point until a hover label shows
        action = ActionBuilder(driver)
        action.pointer_action.move_to_location(x + dx, y)
        action.pointer_action.pause(0.4)
        action.pointer_action.move_to_location(x, y)
        action.pointer_action.pause(0.8)
        action.perform()
        text = driver.execute_script(HOVER_TEXT) or ""
        if text:
            break
    return text


def _quiet_commune(dist, d, radius, sites):
    """A commune covered at ``radius`` but far from any venue and suggested site (so that
    no marker lies over it): the one farthest from the sites among those 12 km or more
    from a venue."""
    ref = get_published_dataset().communes.set_index("insee").loc[dist.index]
    ok = (d >= 12) & (d <= radius - 2)
    far = np.full(len(d), np.inf)
    for lon, lat in zip(sites["lon"], sites["lat"]):
        far = np.minimum(far, cov.geodesic_km(ref["ref_lon"], ref["ref_lat"],
                                              np.full(len(d), lon), np.full(len(d), lat)))
    i = int(np.argmax(np.where(ok, far, -1)))
    return i, float(ref["ref_lon"].iloc[i]), float(ref["ref_lat"].iloc[i])


def test_coverage_values_and_hover_after_a_radius_change(dash_duo, app):
    open_app(dash_duo, app, "?vue=couverture&rayon=10&usage=fablab")
    dist, d, covered10 = _expected(10)
    until(lambda: (_values(dash_duo) or {}).get("z") == covered10, timeout=60,
          msg="the coverage map's values at 10 km are not the domain's")
    until(lambda: (dash_duo.driver.execute_script(
        POLYGONS_DRAWN.replace("#map-graph", "#coverage-map")) or 0) > 0, timeout=60)
    got = _values(dash_duo)
    assert got["locations"] == list(dist.index)
    np.testing.assert_array_equal(np.array(got["custom"], dtype=float), np.round(d, 1))

    # the radius changes: only covered / not covered travels, the distances stay right
    dash_duo.driver.execute_script(
        "window.dash_clientside.set_props('coverage-radius', {value: 30});")
    _, _, covered30 = _expected(30)
    until(lambda: (_values(dash_duo) or {}).get("z") == covered30, timeout=60,
          msg="after the radius change the map's values are not the domain's at 30 km")
    summary = cov.coverage_summary(dist, 30)
    until(lambda: dash_duo.find_element("#coverage-rate").text == format_percent(
        summary["coverage_rate"]), timeout=30)
    got = _values(dash_duo)
    np.testing.assert_array_equal(np.array(got["custom"], dtype=float), np.round(d, 1))
    # hover: a commune's distance in French, then « aucun lieu » once its value is unknown
    data = get_published_dataset()
    state = ViewState(tab="couverture", radius_km=30, usages=("fablab",))
    sites = data.roadmap_suggestions(state, RoadmapOptions())
    i, lon, lat = _quiet_commune(dist, d, 30, sites)
    # markers hide nearby polygons from the hover (plotly picks the closest point)
    assert dash_duo.driver.execute_script(MARKERS_OFF)
    text = _hover(dash_duo, lon, lat)
    assert f"(km) : {format_decimal(d[i], 'fr', 1)}" in text, (text, dist.index[i])
    assert dash_duo.driver.execute_script(FORGET, i)
    text = _hover(dash_duo, lon, lat)
    assert "(km) : aucun lieu" in text and "0,0" not in text, text
    shot(dash_duo, "couverture-30km-fablab")


def test_unknown_distances_unpack_to_undefined_not_zero(dash_duo, app):
    """The browser's decoding equals ``unpack``; the missing value is ``undefined``, which
    the hover shows as its fallback text (plotly.js formats null as 0)."""
    from dashboard.packed_arrays import pack_bits, pack_tenths, unpack

    open_app(dash_duo, app, "?vue=couverture")
    values = [0.0, 12.34, np.nan, 6553.3, 0.05]
    spec = pack_tenths(values, ["data", 0, "customdata"])
    got = dash_duo.driver.execute_script(UNPACK, spec)
    assert got[2] == "undefined"
    expected = unpack(spec)
    assert [v for i, v in enumerate(got) if i != 2] == [float(v) for i, v in
                                                       enumerate(expected) if i != 2]
    flags = [True, False, True] * 7
    assert dash_duo.driver.execute_script(UNPACK, pack_bits(flags, ["z"])) == \
        [int(f) for f in flags]
    big = pack_tenths([9300.4, np.nan, 6553.4, 1.5], ["z"])  # set apart in ``over``
    assert dash_duo.driver.execute_script(UNPACK, big) == [9300.4, "undefined", 6553.4, 1.5]
