"""Hidden tabs do not fire (issue 12): a filter change on the map tab asks the server only for
what is shown; showing the coverage tab then brings it up to date with the filters."""

from __future__ import annotations

import time

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.by import By

from dashboard.dataset import get_published_dataset
from dashboard.filters import ViewState
from dashboard.i18n import format_int, format_percent
from layouts import ids
from tests.test_browser import POLYGONS_DRAWN, TRACE_INFO, app, click, kpi, open_app, wait_map

pytestmark = pytest.mark.browser
__all__ = ["app"]  # the module-scoped fixture, shared with test_browser

# every callback request the page sends: the outputs it asks for, and how many are in flight
RECORD_REQUESTS = """
if (window.__posts) return;
window.__posts = []; window.__pending = 0; window.__last = Date.now();
const original = window.fetch;
window.fetch = function (url, options) {
  if (String(url).includes('_dash-update-component')) {
    window.__posts.push(JSON.parse(options.body).output);
    window.__pending += 1; window.__last = Date.now();
    return original.apply(this, arguments).finally(() => {
      window.__pending -= 1; window.__last = Date.now(); });
  }
  return original.apply(this, arguments);
};
"""
QUIET = "return window.__pending === 0 && Date.now() - window.__last > 1500;"
# the first output of each hidden panel's callbacks (roadmap-state is the roadmap's part of
# the link, read on every change of the address like the view state)
HIDDEN_PANELS = (f"{ids.COVERAGE_MAP}.figure", f"{ids.COVERAGE_BY_DEP}.figure", "roadmap-sites.",
                 "roadmap-timeline.",
                 "hybridation-", "funding-", "venues-grid.rowData")
# the venue grid asks for its rows a page at a time (getRowsRequest → getRowsResponse)
HIDDEN_PANELS += ("venues-grid.getRowsResponse",)
COVERAGE_Z = """
const gd = document.querySelector('#coverage-map .js-plotly-plot');
if (!gd || !gd._fullData) return null;
const trace = gd._fullData.find(t => t.uid === 'choropleth');
return trace ? Array.from(trace.z).reduce((a, b) => a + b, 0) : null;
"""


def _posts(dash_duo):
    until(lambda: dash_duo.driver.execute_script(QUIET), timeout=30)
    return dash_duo.driver.execute_script("return window.__posts.splice(0);")


def test_a_filter_change_fires_only_what_is_shown_and_the_coverage_tab_catches_up(dash_duo,
                                                                                 app):
    open_app(dash_duo, app, "?departement=31")
    wait_map(dash_duo)
    dash_duo.driver.execute_script(RECORD_REQUESTS)
    _posts(dash_duo)  # the first page's requests are not this test's

    state = ViewState(departements=("31",), usages=("fablab",))
    dash_duo.driver.execute_script(
        "window.dash_clientside.set_props('filter-usage', {value: ['fablab']});")
    data = get_published_dataset()
    n = data.view(state).kpis["venues"]
    until(lambda: kpi(dash_duo, "venues") == format_int(n), timeout=20)
    until(lambda: dash_duo.driver.execute_script(TRACE_INFO)["z"] == n, timeout=30)
    posts = _posts(dash_duo)
    print("filter change on the map tab:", len(posts), [o[:60] for o in posts])
    assert any(o.startswith("..map-graph.figure") for o in posts), posts
    hidden = [o for o in posts if o.lstrip(".").startswith(HIDDEN_PANELS)]
    assert hidden == [], hidden
    assert len(posts) == len(set(posts)), posts  # each callback once

    # the coverage tab, shown now, shows the filters chosen while it was hidden
    click(dash_duo, dash_duo.driver.find_element(By.LINK_TEXT, "Couverture et zones blanches"))
    report = data.coverage_report(ViewState(departements=("31",), usages=("fablab",),
                                            tab="couverture"))
    until(lambda: dash_duo.find_element("#coverage-rate").text == format_percent(
        report.summary["coverage_rate"]), timeout=30)
    covered = int((report.distances["distance_km"] <= 15).sum())
    until(lambda: dash_duo.driver.execute_script(COVERAGE_Z) == covered, timeout=60)
    rows = dash_duo.driver.find_elements(By.CSS_SELECTOR, "#coverage-suggestions tbody tr")
    assert len(rows) == len(report.suggestions)
    assert report.suggestions["name"].iloc[0] in rows[0].text
    until(lambda: (dash_duo.driver.execute_script(
        POLYGONS_DRAWN.replace("#map-graph", "#coverage-map")) or 0) > 0, timeout=60)
    posts = _posts(dash_duo)
    assert any(o.startswith("..coverage-map.figure") for o in posts), posts
    assert not any(o.startswith("..map-graph.figure") for o in posts), posts

    # back to the map with nothing changed: the map's panel has nothing new to ask for
    time.sleep(0.5)
    click(dash_duo, dash_duo.driver.find_element(By.LINK_TEXT, "Carte"))
    posts = _posts(dash_duo)
    assert not any(o.lstrip(".").startswith(("map-graph.figure", "coverage-map.figure"))
                   for o in posts), posts
