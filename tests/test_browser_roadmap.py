"""The roadmap in headless Chromium: a two-site scenario built by clicking the coverage map,
its before / after figures checked against a recomputation."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By

from dashboard import coverage, roadmap
from dashboard.dataset import get_published_dataset
from dashboard.i18n import format_int, format_percent
from dashboard.roadmap_state import CURVE_SITES
from tests.test_browser import POLYGONS_DRAWN, app, open_app, severe_errors, shot  # noqa: F401

pytestmark = pytest.mark.browser

SCREEN_POINT = """
const gd = document.querySelector('#coverage-map .js-plotly-plot');
const map = gd._fullLayout.map._subplot.map;
const p = map.project([arguments[0], arguments[1]]);
const r = map.getCanvas().getBoundingClientRect();
return [r.left + p.x, r.top + p.y, r.top, r.bottom];
"""


SITES_DRAWN = """
const gd = document.querySelector('#coverage-map .js-plotly-plot');
const t = gd && gd._fullData && gd._fullData[arguments[0]];
return t && t.visible === true && t.lat ? t.lat.length : 0;
"""


SCROLL_BY = "window.scrollBy({top: arguments[0], behavior: 'instant'});"  # not smooth


def point_on_screen(driver, lon, lat):
    """(x, y, map top, map bottom, window height) of (lon, lat) on the coverage map, the
    page scrolled until the point is well inside the window."""
    for _ in range(4):
        x, y, top, bottom = driver.execute_script(SCREEN_POINT, lon, lat)
        height = driver.execute_script("return window.innerHeight;")
        if 40 < y < height - 40:
            break
        driver.execute_script(SCROLL_BY, y - height / 2)
    return x, y, top, bottom, height


def click_at(driver, lon, lat):
    """Hover then click the coverage map where a point lies, as a mouse would."""
    x, y, top, bottom, height = point_on_screen(driver, lon, lat)
    assert top < y < bottom and 0 < y < height, "the point is not on screen"
    action = ActionBuilder(driver)
    action.pointer_action.move_to_location(x - 3, y)
    action.pointer_action.pause(0.4)
    action.pointer_action.move_to_location(x, y)
    action.pointer_action.pause(0.6)
    action.pointer_action.click()
    action.perform()


def scenario_tokens(driver) -> list[str]:
    query = parse_qs(urlparse(driver.current_url).query)
    return [s for s in query.get("scenario", [""])[0].split(",") if s]


def test_two_site_scenario_by_clicking_the_map(dash_duo, app):  # noqa: F811
    open_app(dash_duo, app, "?vue=couverture&rayon=10&k=3")
    data = get_published_dataset()
    until(lambda: (dash_duo.driver.execute_script(
        POLYGONS_DRAWN.replace("#map-graph", "#coverage-map")) or 0) > 0, timeout=90)
    # two large communes beyond 10 km of any venue: Auch (32) and Saint-Affrique (12)
    ref = data.communes.set_index("insee")
    targets = ["32013", "12208"]
    for n, code in enumerate(targets, start=1):
        # the map has drawn the sites so far (a click while it redraws may be lost)
        until(lambda n=n: dash_duo.driver.execute_script(SITES_DRAWN, CURVE_SITES) == n - 1,
              timeout=30, msg=f"the map never drew {n - 1} site(s)")
        for _attempt in range(2):  # a click lost under load changes nothing: click again
            click_at(dash_duo.driver, ref.at[code, "ref_lon"], ref.at[code, "ref_lat"])
            try:
                until(lambda n=n: len(scenario_tokens(dash_duo.driver)) >= n, timeout=30)
                break
            except Exception:  # noqa: BLE001
                continue
        assert len(scenario_tokens(dash_duo.driver)) == n, f"click {n} did not add a site"
    tokens = scenario_tokens(dash_duo.driver)
    assert tokens == targets  # each click added the commune under the mouse
    until(lambda: len(dash_duo.driver.find_elements(
        By.CSS_SELECTOR, "#roadmap-sites .roadmap-site")) == 2, timeout=30,
        msg="the scenario does not list its two sites")

    # recompute without the dashboard's cache: distances to the network plus the two sites
    venues = data.registry.venues
    before = coverage.commune_distances(data.communes, venues)
    network = roadmap.scenario_network(venues, venues, data.communes,
                                       roadmap.Scenario(add=tuple(tokens)))
    after = coverage.commune_distances(data.communes, network)
    deps = dict(zip(data.reference.departements["code"], data.reference.departements["name"]))
    b, a = (coverage.coverage_summary(d, 10, deps) for d in (before, after))
    newly = a["covered_population"] - b["covered_population"]
    assert newly > 0
    until(lambda: dash_duo.find_element("#roadmap-newly-covered").text
          == "+" + format_int(newly), timeout=30)
    assert dash_duo.find_element("#roadmap-rate-after").text == (
        f"{format_percent(b['coverage_rate'])} → {format_percent(a['coverage_rate'])}")
    left = coverage.zones_blanches(after, 10, "commune")
    assert format_int(len(left)) in dash_duo.find_element("#roadmap-zones-left").text
    # department rows: the two departments of the sites gain, the others are unchanged
    rows = dash_duo.driver.find_elements(By.CSS_SELECTOR, "#roadmap-scenario-table tbody tr")
    cells = {r.find_elements(By.TAG_NAME, "td")[0].text: [
        c.text for c in r.find_elements(By.TAG_NAME, "td")[1:]] for r in rows}
    dep_after = {d["code"]: d for d in a["departments"]}
    for d in b["departments"]:
        row = cells[f"{d['code']} {d['name']}"]
        gain = dep_after[d["code"]]["covered_population"] - d["covered_population"]
        assert row == [format_percent(d["coverage_rate"]),
                       format_percent(dep_after[d["code"]]["coverage_rate"]),
                       "+" + format_int(gain)]
        assert (gain > 0) == (d["code"] in {"32", "12"})
    # the scenario lives in the link: reopening it shows the same figures
    dash_duo.driver.execute_script("document.querySelector('#coverage-map').scrollIntoView("
                                   "{block: 'start', behavior: 'instant'});")
    shot(dash_duo, "feuille-de-route-scenario")
    link = dash_duo.driver.current_url
    dash_duo.driver.get(link)
    until(lambda: dash_duo.find_element("#roadmap-newly-covered").text
          == "+" + format_int(newly), timeout=30)
    assert severe_errors(dash_duo) == []
