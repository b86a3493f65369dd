"""The map in headless Chromium: markers drawn by the browser from points served once, the
grey base as a MapLibre layer, the selected venue's marker (issue 12)."""

from __future__ import annotations

import time

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.by import By

from dashboard.dataset import get_published_dataset
from dashboard.filters import ViewState
from dashboard.i18n import format_int
from tests.test_browser import (
    ARTIFACTS,
    app,  # noqa: F401  (fixture)
    choose_option,
    click,
    expected,
    hide_venue_markers,
    kpi,
    open_app,
    severe_errors,
    wait_map,
)

pytestmark = pytest.mark.browser

# the venue ids behind the markers of every venues-<code> trace (customdata[4]), and the
# number of coloured territories
MARKERS = """
const gd = document.querySelector(arguments[0] + ' .js-plotly-plot');
if (!gd || !gd._fullData) return null;
const traces = gd._fullData.filter(t => t.uid && t.uid.startsWith(arguments[1]));
return {ids: traces.flatMap(t => Array.from(t.customdata || []).map(
          c => Array.isArray(c) ? c[4] : c)),
        lat: traces.reduce((n, t) => n + (t.lat ? t.lat.length : 0), 0),
        selected: (gd._fullData.find(t => t.uid === 'selected') || {lat: []}).lat.length};
"""
# grey base: a fill layer of plotly's layout layers, drawn (rendered features)
BASE_DRAWN = """
const gd = document.querySelector(arguments[0] + ' .js-plotly-plot');
if (!gd || !gd._fullLayout || !gd._fullLayout.map) return -1;
const map = gd._fullLayout.map._subplot.map;
const ids = map.getStyle().layers.filter(l => l.id.startsWith('plotly-layout-layer'))
  .map(l => l.id);
return ids.length ? map.queryRenderedFeatures({layers: ids}).length : 0;
"""


def venue_ids(state):
    return sorted(get_published_dataset().view(state).venues["venue_id"])


def markers(dash_duo, graph="#map-graph", prefix="venues-"):
    """The markers drawn (empty before the graph exists)."""
    return dash_duo.driver.execute_script(MARKERS, graph, prefix) or {"ids": [], "lat": 0,
                                                                       "selected": 0}


def test_markers_are_the_filtered_venues_after_a_department_change(dash_duo, app):  # noqa: F811
    open_app(dash_duo, app)
    wait_map(dash_duo)
    everything = venue_ids(ViewState())
    until(lambda: sorted(markers(dash_duo)["ids"]) == everything, timeout=30,
          msg="the markers are not the registry's venues")
    until(lambda: dash_duo.driver.execute_script(BASE_DRAWN, "#map-graph") > 0, timeout=30,
          msg="the grey base layer was never drawn")
    choose_option(dash_duo, dash_duo.find_element("#filter-departement"), "Lozère")
    lozere = ViewState(departements=("48",))
    until(lambda: kpi(dash_duo, "venues") == format_int(expected(lozere)["venues"]),
          timeout=20)
    wanted = venue_ids(lozere)
    assert 0 < len(wanted) < len(everything)
    until(lambda: sorted(markers(dash_duo)["ids"]) == wanted, timeout=30,
          msg="after the department change the markers are not Lozère's venues")
    got = markers(dash_duo)
    assert got["lat"] == len(wanted) == len(set(got["ids"]))  # each venue once
    until(lambda: dash_duo.driver.execute_script(BASE_DRAWN, "#map-graph") > 0, timeout=30)
    ARTIFACTS.mkdir(exist_ok=True)
    dash_duo.driver.set_window_size(1366, 768)
    dash_duo.driver.save_screenshot(str(ARTIFACTS / "carte-lozere-base-grise.png"))
    assert severe_errors(dash_duo) == []


def test_the_selected_venue_is_marked_on_the_map(dash_duo, app):  # noqa: F811
    open_app(dash_duo, app, "?vue=lieux")
    # the first row once its data has come (the grid shows a loading row before)
    first = ".ag-center-cols-container .ag-row[row-index='0'] .ag-cell[col-id='name']"
    until(lambda: dash_duo.driver.execute_script(
        f"const c = document.querySelector(\"{first}\"); return c && c.innerText.trim();"),
        timeout=30)
    click(dash_duo, dash_duo.find_element(first))
    click(dash_duo, dash_duo.driver.find_element(By.LINK_TEXT, "Carte"))
    wait_map(dash_duo)
    until(lambda: markers(dash_duo)["selected"] == 1, timeout=30,
          msg="the selected venue has no marker")
    until(lambda: len(markers(dash_duo)["ids"]) == 400, timeout=30)  # the others still drawn
    # chosen before the map was drawn, the venue is centred when it draws (« marqué et
    # centré », as the grid says)
    until(lambda: dash_duo.driver.execute_script(
        "const g = document.querySelector('#map-graph .js-plotly-plot');"
        "const sel = g.data.find(tr => tr.name === 'selected' || (tr.meta || {}).role"
        " === 'selected') || g.data.filter(tr => tr.type === 'scattermap' && tr.lat"
        " && tr.lat.length === 1).pop();"
        "const c = g.layout.map.center;"
        "return sel && g.layout.map.zoom === 11 && Math.abs(c.lat - sel.lat[0]) < 1e-6"
        " && Math.abs(c.lon - sel.lon[0]) < 1e-6;"), timeout=30,
          msg="the map is not centred on the selected venue")


def test_coverage_map_draws_the_reachable_venues(dash_duo, app):  # noqa: F811
    open_app(dash_duo, app, "?vue=couverture&usage=fablab")
    state = ViewState(tab="couverture", usages=("fablab",))
    reach = sorted("v:" + v for v in get_published_dataset().reach_venues(state)["venue_id"])
    until(lambda: sorted(markers(dash_duo, "#coverage-map", "venues")["ids"]) == reach,
          timeout=60, msg="the coverage map's venues are not the reachable venues")
    until(lambda: dash_duo.driver.execute_script(BASE_DRAWN, "#coverage-map") > 0, timeout=30)
    assert severe_errors(dash_duo) == []


# the hover label plotly.js shows where the pointer is (a territory's centre, in pixels)
HOVER_AT = """
const [lon, lat, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const gd = document.querySelector('#map-graph .js-plotly-plot');
const map = gd._fullLayout.map._subplot.map;
const p = map.project([lon, lat]);
const canvas = map.getCanvas(), box = canvas.getBoundingClientRect();
const at = {clientX: box.left + p.x, clientY: box.top + p.y, bubbles: true};
canvas.dispatchEvent(new MouseEvent('mousemove', at));
setTimeout(() => {
  const label = document.querySelector('#map-graph .hoverlayer .hovertext');
  done({text: label ? label.textContent : null, x: p.x, y: p.y});
}, 300);
"""


def unknown_and_known_communes(data, indicator):
    """The largest commune whose value of ``indicator`` is unknown, the largest whose value
    is known, a point inside each, and the values."""
    values = data.level_values(ViewState(indicator=indicator), "commune")[indicator]
    communes = data.communes.set_index("insee").loc[values.index]
    big = communes.sort_values("area_km2", ascending=False)
    unknown = next(c for c in big.index if values[c] != values[c])
    known = next(c for c in big.index if values[c] == values[c])
    places = communes.loc[[unknown, known], ["name", "geometry"]]
    inside = places["geometry"].representative_point()
    return places[["name"]].assign(lon=inside.x, lat=inside.y), values


def hover_text(dash_duo, row, timeout=30):
    """The hover label over ``row`` (``lon``, ``lat``), once it names ``row["name"]``."""
    deadline, got = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        got = dash_duo.driver.execute_async_script(HOVER_AT, row["lon"], row["lat"])
        if got["text"] and row["name"] in got["text"]:
            return got["text"]
        time.sleep(0.5)
    raise AssertionError(f"no hover over {row['name']} ({row['lon']}, {row['lat']}): {got}")


def test_a_territory_with_no_value_is_grey_and_says_so_on_hover(dash_duo, app):  # noqa: F811
    """Unknown is not zero: a commune with no venue has no « inhabitants per venue »; it stays
    in the one choropleth trace, grey, and its hover says « sans lieu », never a number."""
    data = get_published_dataset()
    places, values = unknown_and_known_communes(data, "pop_per_venue")
    open_app(dash_duo, app, "?indicateur=pop_per_venue")
    wait_map(dash_duo)
    until(lambda: len(markers(dash_duo)["ids"]) == 400, timeout=30)
    # the venues hidden from the legend, as a reader may: their markers would take the hover
    hide_venue_markers(dash_duo)
    texts = {}
    for insee, row in places.iterrows():
        texts[insee] = hover_text(dash_duo, row)
    unknown, known = places.index
    assert "sans lieu" in texts[unknown], texts[unknown]
    assert not any(ch.isdigit() for ch in texts[unknown].split("Habitants par lieu")[1])
    assert format_int(round(values[known])) in texts[known], texts[known]
    assert "sans lieu" not in texts[known]
    # drawn in the base grey: z below the colour range, whose first colour is the grey
    trace = dash_duo.driver.execute_script(
        "const t = document.querySelector('#map-graph .js-plotly-plot')._fullData[0];"
        "const i = Array.from(t.locations).indexOf(arguments[0]);"
        "return {z: t.z[i], zmin: t.zmin, first: t.colorscale[0][1]};", unknown)
    assert trace["z"] < trace["zmin"] and trace["first"] == "#e9ecef"


# the MapLibre map behind the graph, tagged to tell whether plotly.js made a new one
TAG_MAP = """
const gd = document.querySelector('#map-graph .js-plotly-plot');
const map = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot.map;
if (!map) return null;
if (arguments[0]) { map.tlTag = arguments[0]; }
return {tag: map.tlTag || null, name: gd._context.toImageButtonOptions.filename};
"""


def test_a_department_change_redraws_the_map_without_making_a_new_one(dash_duo, app):  # noqa: F811,E501
    """The image's file name follows the departments (its graph config), but a new config
    no longer makes plotly.js throw the MapLibre map away and build another."""
    open_app(dash_duo, app)
    wait_map(dash_duo)
    until(lambda: len(markers(dash_duo)["ids"]) == 400, timeout=30)
    before = until(lambda: dash_duo.driver.execute_script(TAG_MAP, "kept"), timeout=10)
    assert "31" not in before["name"]
    choose_option(dash_duo, dash_duo.find_element("#filter-departement"), "Haute-Garonne")
    wanted = venue_ids(ViewState(departements=("31",)))
    until(lambda: sorted(markers(dash_duo)["ids"]) == wanted, timeout=30,
          msg="the markers never became Haute-Garonne's")
    until(lambda: "31" in dash_duo.driver.execute_script(TAG_MAP, None)["name"], timeout=20,
          msg="the image's name does not follow the department")
    time.sleep(1)  # what follows the change (caption, framing) has landed
    assert dash_duo.driver.execute_script(TAG_MAP, None)["tag"] == "kept"
    assert severe_errors(dash_duo) == []


# the choropleth's arrays as plotly.js holds them (undefined → null through selenium)
CHOROPLETH = """
const gd = document.querySelector('#map-graph .js-plotly-plot');
if (!gd || !gd.data || !gd.data[0]) return null;
const t = gd.data[0];
return {locations: Array.from(t.locations || []), z: Array.from(t.z || []),
        customdata: Array.from(t.customdata || []).map(v => v === undefined ? 'undefined' : v),
        hovertemplate: t.hovertemplate};
"""


def test_the_packed_values_are_the_simple_lists_after_a_filter_change(dash_duo, app):  # noqa: F811,E501
    """The map's z, customdata and locations travel packed (dashboard/packed_arrays.py);
    unpacked by the browser they are the simple path's lists, number for number, and an
    unknown value is undefined (the hover's fallback), never 0."""
    from tests.test_map_packed import flat, same_numbers, simple_figure

    data = get_published_dataset()
    open_app(dash_duo, app, "?indicateur=pop_per_venue")
    wait_map(dash_duo)
    for deps, option in [((), None), (("48",), "Lozère")]:  # a whole figure, then a Patch
        if option:
            choose_option(dash_duo, dash_duo.find_element("#filter-departement"), option)
        state = ViewState(departements=deps, indicator="pop_per_venue")
        simple = simple_figure(data, state)["data"][0]
        until(lambda: (dash_duo.driver.execute_script(CHOROPLETH) or {}).get("locations")
              == simple["locations"], timeout=30, msg=f"locations of {deps}")
        got = dash_duo.driver.execute_script(CHOROPLETH)
        assert same_numbers(got["z"], simple["z"])
        custom = [float("nan") if v == "undefined" else v for v in got["customdata"]]
        assert same_numbers(custom, flat(simple["customdata"]))
        assert "undefined" in got["customdata"] and None not in got["customdata"]
        assert got["hovertemplate"] == simple["hovertemplate"].replace(
            "%{customdata[0]:", "%{customdata:")
    assert severe_errors(dash_duo) == []


def test_a_ratio_the_browser_divides_is_the_simple_lists(dash_duo, app, monkeypatch):  # noqa: F811,E501
    """A venue ratio sent as its venue counts (« ratio »: nationally, where its values are
    many; here forced with no size budget), divided in the browser by the layer's measures
    fetched once: z and the hover's customdata are the simple path's, for a whole figure
    then a filter change (a Patch), unknown left undefined."""
    import callbacks.map
    from dashboard.figures import map as fmap
    from dashboard.filters import state_to_dict
    from tests.test_map_packed import flat, same_numbers, simple_figure

    monkeypatch.setattr(fmap, "_PACKED_BUDGET", 0)
    data = get_published_dataset()
    every = ViewState(indicator="pop_per_venue")
    cowork = ViewState(usages=("coworking",), indicator="pop_per_venue")
    for state in (every, cowork):  # what the server sends for these states
        draw = callbacks.map.update_map(state_to_dict(state), None)[3]
        assert [a["kind"] for a in draw["arrays"]] == ["places", "ratio"]
    open_app(dash_duo, app, "?indicateur=pop_per_venue")
    wait_map(dash_duo)
    for state in (every, cowork):
        if state is cowork:
            choose_option(dash_duo, dash_duo.find_element("#filter-usage"), "Coworking")
        simple = simple_figure(data, state)["data"][0]
        until(lambda: same_numbers((dash_duo.driver.execute_script(CHOROPLETH) or {}).get(
            "z", []), simple["z"]), timeout=30, msg=f"z of {state.usages}")
        got = dash_duo.driver.execute_script(CHOROPLETH)
        assert got["locations"] == simple["locations"]
        custom = [float("nan") if v == "undefined" else v for v in got["customdata"]]
        assert same_numbers(custom, flat(simple["customdata"]))
        assert "undefined" in got["customdata"] and None not in got["customdata"]
    assert severe_errors(dash_duo) == []


def test_the_browser_unpacks_numbers_as_the_server_packs_them(dash_duo, app):  # noqa: F811
    """packedArrays.unpackNumbers (deflated or not, dense or sparse, u1…f8, exact values
    as pairs or as a packed array) against dashboard/packed_arrays.py on random arrays."""
    import json

    import numpy as np

    from dashboard import packed_arrays as pa
    from tests.test_map_packed import random_arrays, same_numbers

    open_app(dash_duo, app)
    specs = [pa.pack_numbers(v, ["z"]) for v in random_arrays(5).values()]
    rng = np.random.default_rng(2)
    near = np.round(np.concatenate([rng.random(3000) * 40, 12.3456 + rng.normal(0, .02, 300)]),
                    4)
    specs.append(pa.pack_numbers(near, ["z"], decimals=1, edges=[0, 12.3456, 20, 40]))
    specs.append(pa.pack_numbers(near[:400], ["z"], decimals=1, edges=[0, 12.3456, 20, 40]))
    kinds = {(s["sparse"], s["deflate"], s["dtype"], type(s["exact"]).__name__) for s in specs}
    assert len(kinds) >= 6, kinds
    got = dash_duo.driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "Promise.all(JSON.parse(arguments[0]).map(window.dash_clientside.packedArrays"
        ".unpackNumbers)).then(all => done(all.map(a => a.map(v => v === undefined ? null"
        " : v))), e => done(String(e)));", json.dumps(specs))
    assert isinstance(got, list), got
    for spec, values in zip(specs, got):
        expected = pa.unpack_numbers(spec)
        assert same_numbers([np.nan if v is None else v for v in values], expected), spec
