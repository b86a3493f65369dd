"""The map in headless Chromium: markers drawn by the browser from points served once, the
grey base as a MapLibre layer, the selected venue's marker (issue 12)."""

from __future__ import annotations

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
