"""The map's redraw after a filter change, in headless Chromium (issue 12): one Plotly.react
per change (the measure of ``tierslieux bench --browser``), every commune painted by MapLibre
in the colour plotly.js computed for its new value, the polygons not handed to MapLibre again
when only the values change (assets/map_redraw.js), and no error after many changes."""

from __future__ import annotations

import time

import pytest
from dash.testing.wait import until

from dashboard.bench_browser import _CHANGE, _COUNT_REACTS
from dashboard.dataset import get_published_dataset
from dashboard.filters import ViewState
from dashboard.i18n import format_int
from tests.test_browser import (
    app,  # noqa: F401  (fixture)
    expected,
    kpi,
    open_app,
    severe_errors,
    shot,
    wait_map,
)
from tests.test_browser_map import markers

pytestmark = pytest.mark.browser

# For every commune MapLibre draws in the choropleth's fill layer: the colour it paints (the
# layer's fill colour evaluated for that feature, as queryRenderedFeatures reports it) against
# the colour plotly.js computed from the trace's new z for that commune (its calcdata, matched
# by the centroid plotly.js stores in both); ``painted``: the colour of each commune (to
# compare before and after a change).
COLOURS = """
const gd = document.querySelector('#map-graph .js-plotly-plot');
const map = gd._fullLayout.map._subplot.map;
const rgb = c => c.match(/[0-9.]+/g).slice(0, 3).map(Number).join(',');
const want = {};
gd.calcdata[0].forEach(c => {
  if (c.fOut) { want[JSON.stringify(c.ct)] = [c.loc, rgb(c.fOut.properties.fc)]; } });
const layer = map.getStyle().layers.find(l => l.id.endsWith('choropleth-fill'));
const wrong = [], communes = new Set(), colours = new Set();
const painted = {};
map.queryRenderedFeatures({layers: [layer.id]}).forEach(f => {
  const [loc, fc] = want[JSON.stringify(f.properties.ct)] || [null, null];
  const p = f.layer.paint['fill-color'];
  const shown = [p.r, p.g, p.b].map(v => Math.round(v * 255)).join(',');
  communes.add(loc); colours.add(shown);
  if (loc === null || shown !== fc) { wrong.push([loc, shown, fc]); }
  painted[loc] = shown;
});
return {communes: communes.size, wrong: wrong.slice(0, 5), n_wrong: wrong.length,
        colours: colours.size, painted: painted, expected: Object.keys(want).length};
"""

# how often assets/map_redraw.js sent the choropleth's polygons to MapLibre, and recoloured it
# through feature state
SENT = """
const gd = document.querySelector('#map-graph .js-plotly-plot');
const g = gd.calcdata[0][0].trace._glTrace;
return [g.tlDataSent || 0, g.tlRecoloured || 0];
"""


def change(dash_duo, component, value):
    """``component`` set to ``value`` as its control does; [to afterplot, to idle, reacts]."""
    got = dash_duo.driver.execute_async_script(_CHANGE, component, value)
    assert got is not None and got[1] is not None, (value, got, severe_errors(dash_duo))
    return got


def test_a_filter_change_recolours_the_map_in_one_redraw(dash_duo, app):  # noqa: F811
    open_app(dash_duo, app)
    wait_map(dash_duo)
    dash_duo.driver.set_script_timeout(60)
    until(lambda: len(markers(dash_duo)["ids"]) == 400, timeout=30)
    dash_duo.driver.execute_script(_COUNT_REACTS)
    region = len(get_published_dataset().communes)
    # the first change is the warm-up: the page's first draws may still land in its redraw
    change(dash_duo, "filter-usage", ["coworking"])
    before = dash_duo.driver.execute_script(COLOURS)
    assert before["n_wrong"] == 0, before["wrong"]
    for usages in (["fablab"], ["fablab", "culture"], []):
        state = ViewState(usages=tuple(usages))
        sent = dash_duo.driver.execute_script(SENT)
        reacts = change(dash_duo, "filter-usage", usages)[2]
        assert reacts == 1, f"{usages}: {reacts} Plotly.react for one filter change"
        # the same polygons: recoloured, not sent again
        now = dash_duo.driver.execute_script(SENT)
        assert now[0] == sent[0] and now[1] > sent[1], (sent, now)
        until(lambda: kpi(dash_duo, "venues") == format_int(expected(state)["venues"]),
              timeout=20)
        got = dash_duo.driver.execute_script(COLOURS)
        # every commune of the region drawn, in the colour of its new value
        assert got["communes"] == region and got["n_wrong"] == 0, got["wrong"]
        # some communes changed colour (the check is not vacuous)
        changed = sum(got["painted"][c] != before["painted"][c] for c in got["painted"])
        assert changed > 0 and got["colours"] > 1, (usages, changed, got["colours"])
        before = got
    # a department (other territories, the camera moves: at most two redraws), then a filter
    assert change(dash_duo, "filter-departement", ["48"])[2] <= 2
    assert change(dash_duo, "filter-usage", ["coworking"])[2] == 1
    lozere = ViewState(departements=("48",), usages=("coworking",))
    until(lambda: kpi(dash_duo, "venues") == format_int(expected(lozere)["venues"]),
          timeout=20)
    got = dash_duo.driver.execute_script(COLOURS)
    n_lozere = int((get_published_dataset().communes["dep_code"] == "48").sum())
    assert got["n_wrong"] == 0 and got["communes"] == n_lozere, got["wrong"]
    assert severe_errors(dash_duo) == []


# a reader's session: values, territories, levels and indicators in turn (32 changes)
STRESS = [("filter-usage", ["fablab"]), ("filter-departement", ["31"]),
          ("map-indicator", "venues_per_10k"), ("filter-usage", ["coworking", "culture"]),
          ("map-level", "epci"), ("filter-usage", []), ("filter-departement", ["34", "30"]),
          ("map-indicator", "pop_per_venue"), ("filter-usage", ["fablab"]),
          ("map-level", "departement"), ("filter-departement", []),
          ("filter-usage", ["coworking"]), ("map-indicator", "venues"),
          ("map-level", "commune"), ("filter-usage", ["fablab", "formation"]),
          ("filter-departement", ["12"]), ("map-indicator", "distance_km"),
          ("filter-usage", []), ("filter-departement", ["11", "66"]),
          ("filter-label", ["labellise"]), ("map-indicator", "venues_per_100km2"),
          ("filter-departement", []), ("filter-usage", ["culture"]),
          ("map-level", "epci"), ("filter-label", []), ("map-indicator", "venues"),
          ("filter-departement", ["48"]), ("map-level", "commune"),
          ("filter-usage", ["coworking"]), ("filter-departement", []),
          ("filter-usage", []), ("map-indicator", "funding_per_capita")]


def test_many_changes_leave_every_territory_in_its_colour_and_no_error(dash_duo, app):  # noqa: F811
    open_app(dash_duo, app)
    wait_map(dash_duo)
    dash_duo.driver.set_script_timeout(60)
    until(lambda: len(markers(dash_duo)["ids"]) == 400, timeout=30)
    got = None
    for i, (component, value) in enumerate(STRESS):
        change(dash_duo, component, value)
        deadline = time.monotonic() + 30
        while True:  # the whole figure of a new level, then its values, may take two redraws
            got = dash_duo.driver.execute_script(COLOURS)
            if got["n_wrong"] == 0 and 0 < got["expected"] == got["communes"]:
                break
            late = time.monotonic() > deadline
            assert not late, (i, component, value, got["n_wrong"], got["wrong"],
                              got["communes"], got["expected"])
            time.sleep(0.2)
        assert severe_errors(dash_duo) == [], (i, component, value)
        if i in (12, len(STRESS) - 1):
            shot(dash_duo, f"redraw-stress-{i}")
    # the session ends on the region's communes: every one of them drawn
    assert got["communes"] == len(get_published_dataset().communes)
