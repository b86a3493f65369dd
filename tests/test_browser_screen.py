"""The screen in headless Chromium (issue 13, items 4 and 5): the map frames the region at the
size it has, no tab wrap and the map above the fold at 1366×768, tabs usable by keyboard, the
language reaching <html lang>, the title, the dropdowns and the grid, a chart's download."""

from __future__ import annotations

import struct
import time

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.conftest import DOWNLOADS
from tests.test_browser import BROWSER_TEST_PORT, click, wait_map

pytestmark = pytest.mark.browser

FRAME = """
const gd = document.querySelector('#map-graph .js-plotly-plot');
if (!gd || !gd._fullLayout || !gd._fullLayout.map || !gd.layout.meta) return null;
const map = gd._fullLayout.map._subplot.map, f = gd.layout.meta.frame;
const a = map.project([f[0], f[3]]), b = map.project([f[2], f[1]]);
const c = map.getCanvas();
const w = c.clientWidth, h = c.clientHeight;
return {w: w, h: h, zoom: map.getZoom(),
        expected: window.tierslieuxFrameView(f, w, h).zoom,
        left: a.x, top: a.y, right: b.x, bottom: b.y};
"""


@pytest.fixture(scope="module")
def app():
    import app as app_module

    return app_module.app


def open_at(dash_duo, app, width, height, search=""):
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    dash_duo.start_server(app, port=BROWSER_TEST_PORT)
    dash_duo.driver.get(dash_duo.server_url + "/" + search)
    dash_duo.wait_for_element("#kpi-venues", timeout=20)


def framed(dash_duo):
    def fitted():
        f = dash_duo.driver.execute_script(FRAME)
        return f if f and abs(f["zoom"] - f["expected"]) < 0.02 else None
    try:  # the frame that was seen fitted (a second reading raced the markers' redraw)
        return until(fitted, timeout=30)
    except Exception as exc:
        raise AssertionError(f"not framed: {dash_duo.driver.execute_script(FRAME)}") from exc


@pytest.mark.parametrize("width, height", [(1920, 1080), (1366, 768)])
def test_the_map_frames_the_region_to_its_own_size(dash_duo, app, width, height):
    open_at(dash_duo, app, width, height)
    wait_map(dash_duo)
    f = framed(dash_duo)
    # the region's bounds lie inside the map and fill its width or its height (≥ 85 %)
    assert f["left"] >= -1 and f["top"] >= -1 and f["right"] <= f["w"] + 1
    assert f["bottom"] <= f["h"] + 1
    fill = max((f["right"] - f["left"]) / f["w"], (f["bottom"] - f["top"]) / f["h"])
    assert fill >= 0.85, f


def test_1366x768_tabs_on_one_line_and_the_map_above_the_fold(dash_duo, app):
    open_at(dash_duo, app, 1366, 768)
    wait_map(dash_duo)
    layout = dash_duo.driver.execute_script("""
        const tops = [...document.querySelectorAll('#view-tabs .nav-item')]
            .map(e => Math.round(e.getBoundingClientRect().top));
        const tabs = document.querySelector('#view-tabs');
        const links = document.querySelector('.document-links').getBoundingClientRect();
        const title = document.querySelector('.app-header h1').getBoundingClientRect();
        const map = document.querySelector('#map-graph').getBoundingClientRect();
        return {tops: tops, overflow: tabs.scrollWidth - tabs.clientWidth,
                linksTop: links.top, titleTop: title.top, mapTop: map.top,
                mapBottom: map.bottom, vh: innerHeight};""")
    assert len(set(layout["tops"])) == 1 and layout["overflow"] <= 0, layout
    assert abs(layout["linksTop"] - layout["titleTop"]) < 30, layout  # header on one row
    visible = min(layout["mapBottom"], layout["vh"]) - layout["mapTop"]
    assert visible >= 400, layout


def test_tabs_are_reached_and_used_by_keyboard(dash_duo, app):
    open_at(dash_duo, app, 1366, 768)
    body = dash_duo.find_element("body")
    body.click()
    seen = []
    for _ in range(80):  # Tab through the page until the tab bar
        dash_duo.driver.switch_to.active_element.send_keys(Keys.TAB)
        text = dash_duo.driver.execute_script(
            "const e = document.activeElement; return e.closest('#view-tabs') ? "
            "e.textContent : null;")
        if text:
            seen.append(text)
            break
    assert seen, "the tab bar is never reached with the Tab key"
    for _ in range(6):  # arrows move along the bar (WAI-ARIA tabs)
        if dash_duo.driver.switch_to.active_element.text == "Financements":
            break
        dash_duo.driver.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
    assert dash_duo.driver.switch_to.active_element.text == "Financements"
    dash_duo.driver.switch_to.active_element.send_keys(Keys.ENTER)
    until(lambda: "vue=financements" in dash_duo.driver.current_url, timeout=10)
    until(lambda: dash_duo.driver.execute_script(
        "return document.querySelector('#funding-by-call .js-plotly-plot') !== null"),
        timeout=20)


def paging(driver) -> str:
    return driver.execute_script("const p = document.querySelector('.ag-paging-panel'); "
                                 "return p ? p.innerText : '';")


def test_language_reaches_html_lang_title_dropdowns_and_grid(dash_duo, app):
    open_at(dash_duo, app, 1366, 768, "?vue=lieux")
    driver = dash_duo.driver
    until(lambda: driver.execute_script("return document.documentElement.lang") == "fr",
          timeout=10)
    dropdown = dash_duo.find_element("#filter-departement")
    click(dash_duo, dropdown)
    until(lambda: "Rechercher" in (driver.execute_script(
        "const i = document.querySelector('input.dash-dropdown-search');"
        "return i ? (i.placeholder || '') : document.body.innerText;") or ""), timeout=10)
    assert "Tout sélectionner" in driver.find_element(By.TAG_NAME, "body").text
    assert "Select All" not in driver.find_element(By.TAG_NAME, "body").text
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    until(lambda: "Lignes par page" in paging(driver) and " sur " in paging(driver),
          timeout=20)
    click(dash_duo, dash_duo.find_element("#header-lang-toggle"))
    until(lambda: driver.execute_script("return document.documentElement.lang") == "en",
          timeout=10)
    until(lambda: driver.title == "Occitanie tiers-lieux observatory", timeout=10)
    until(lambda: "Page size" in paging(driver) and " of " in paging(driver), timeout=20)
    assert "sur" not in paging(driver)


def _png_size(path):
    with open(path, "rb") as fh:
        head = fh.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_a_chart_downloads_as_a_named_full_hd_png(dash_duo, app):
    for old in DOWNLOADS.glob("hybridation_*"):
        old.unlink()
    open_at(dash_duo, app, 1366, 768, "?vue=hybridation&departement=31,81")
    driver = dash_duo.driver
    driver.execute_cdp_cmd("Page.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": str(DOWNLOADS)})
    until(lambda: driver.execute_script(
        "const g = document.querySelector('#hybridation-count .js-plotly-plot');"
        "return g && g._context.toImageButtonOptions.filename ? true : false"), timeout=30)
    driver.execute_script(
        "document.querySelector('#hybridation-count .modebar-btn[data-title*=\"PNG\"]')"
        ".click()")
    day = time.strftime("%Y-%m-%d")
    target = DOWNLOADS / f"hybridation_nombre-d-usages_31-81_{day}.png"
    until(lambda: target.exists(), timeout=30, msg=f"{target.name} never downloaded")
    time.sleep(0.5)
    assert _png_size(target) == (1920, 1080)
