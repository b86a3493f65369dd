"""Presentation mode and fact sheets in headless Chromium (dash[testing])."""

from __future__ import annotations

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashboard.dataset import get_published_dataset
from dashboard.filters import ViewState
from dashboard.i18n import format_int
from dashboard.portrait import Territory, make_portrait
from dashboard.slides import build_slides
from tests.test_browser import (
    BROWSER_TEST_PORT,
    click,
    hide_venue_markers,
    kpi,
    open_app,
    severe_errors,
    shot,
    wait_map,
)

pytestmark = pytest.mark.browser

ACTIVE = """
const s = document.querySelector('.tl-slide.is-active');
if (!s) return null;
const charts = [...s.querySelectorAll('.tl-chart')].map(el => el._fullData ? {
  types: el._fullData.map(t => t.type),
  locations: el._fullData[1] && el._fullData[1].locations ? el._fullData[1].locations.length : 0,
  paths: el.querySelectorAll('path.choroplethlocation, g.trace.bars path, .point').length
} : null);
return {n: Number(document.body.dataset.slide), title: s.querySelector('h1').innerText,
        key: s.dataset.key, values: [...s.querySelectorAll('.tl-kpi-value')].map(e => e.innerText),
        footer: s.querySelector('.tl-footer').innerText, charts: charts,
        hash: location.hash};
"""


@pytest.fixture(scope="module")
def app():
    import app as app_module

    return app_module.app


def _press(dash_duo, key):
    ActionChains(dash_duo.driver).send_keys(key).perform()


def _active(dash_duo):
    return dash_duo.driver.execute_script(ACTIVE)


def test_presentation_opens_from_the_header_and_walks_every_slide_by_keyboard(dash_duo, app):
    search = "?departement=31,81&usage=fablab,coworking"
    open_app(dash_duo, app, search)
    state = ViewState(departements=("31", "81"), usages=("coworking", "fablab"))
    until(lambda: kpi(dash_duo, "venues") == format_int(
        get_published_dataset().view(state).kpis["venues"]), timeout=20)
    link = dash_duo.find_element("#header-presentation-link")
    until(lambda: "departement=31,81" in (link.get_attribute("href") or ""), timeout=10)
    dash_duo.driver.get(link.get_attribute("href"))  # same tab, as a click would
    data = get_published_dataset()
    meta, slides = build_slides(data, state, geojson=lambda lv: lv)
    dash_duo.driver.set_window_size(1280, 720)
    until(lambda: (_active(dash_duo) or {}).get("n") == 1, timeout=30)
    for i, slide in enumerate(slides, start=1):
        until(lambda i=i: _active(dash_duo)["n"] == i, timeout=10)
        if slide.charts:  # every chart of the slide drawn
            until(lambda: all(c and c["paths"] > 0 for c in _active(dash_duo)["charts"]),
                  timeout=60, msg=f"slide {i} ({slide.key}) not drawn")
        info = _active(dash_duo)
        assert info["title"] == slide.title and info["key"] == slide.key
        assert info["hash"] == f"#{i}"
        assert info["values"] == [f.value for f in slide.figures]
        assert "Données de démonstration" in info["footer"] and "venues.csv" in info["footer"]
        assert info["footer"].strip().endswith(f"{i} / {len(slides)}")
        if slide.key == "carte":
            chart = info["charts"][0]
            assert chart["types"][:2] == ["choropleth", "choropleth"]
            assert chart["locations"] == len(data.level_values(state, "commune"))
        if slide.key in ("titre", "chiffres", "carte", "dep-31"):
            shot(dash_duo, f"slide-{i}-{slide.key}-1280")
        _press(dash_duo, Keys.ARROW_RIGHT if i % 2 else Keys.SPACE)
    until(lambda: _active(dash_duo)["n"] == len(slides), timeout=5)  # stays on the last
    _press(dash_duo, Keys.HOME)
    until(lambda: _active(dash_duo)["n"] == 1, timeout=5)
    _press(dash_duo, Keys.END)
    until(lambda: _active(dash_duo)["n"] == len(slides), timeout=5)
    _press(dash_duo, Keys.ARROW_LEFT)
    until(lambda: _active(dash_duo)["n"] == len(slides) - 1, timeout=5)
    # a slide's own address reopens it
    dash_duo.driver.get(dash_duo.server_url + "/presentation" + search + "#4")
    until(lambda: (_active(dash_duo) or {}).get("key") == slides[3].key, timeout=30)
    assert severe_errors(dash_duo) == []  # nothing fetched from outside
    _press(dash_duo, Keys.ESCAPE)
    until(lambda: dash_duo.driver.current_url.split("#")[0].endswith(
        "/?departement=31,81&usage=coworking,fablab"), timeout=10)
    dash_duo.wait_for_element("#kpi-venues", timeout=20)
    until(lambda: kpi(dash_duo, "venues") == format_int(data.view(state).kpis["venues"]),
          timeout=20)


MAP_POINT = """
const gd = document.querySelector('#map-graph .js-plotly-plot');
const map = gd._fullLayout.map._subplot.map;
const p = map.project([arguments[0], arguments[1]]);
const r = map.getCanvas().getBoundingClientRect();
const i = Array.from(gd._fullData[0].locations).indexOf(arguments[2]);
return {x: r.left + p.x, y: r.top + p.y, z: i < 0 ? null : gd._fullData[0].z[i]};
"""


def _sheet_cells(dash_duo, row_label):
    """The cells after the label of one row of the fact sheet's key-figure table."""
    return dash_duo.driver.execute_script(
        "const rows = [...document.querySelectorAll('table.tl-figures tbody tr')];"
        "const row = rows.find(r => r.cells[0].innerText.trim() === arguments[0]);"
        "return row ? [...row.cells].slice(1).map(c => c.innerText.replace(/\u00a0/g, ' ').trim())"
        " : null;", row_label)


def test_clicking_a_territory_opens_its_fact_sheet_with_the_dashboards_figures(dash_duo, app):
    open_app(dash_duo, app, "?niveau=epci&departement=31")
    wait_map(dash_duo)
    # hide the venues' markers (as clicking their legend entries does): the click must land
    # on the territory
    hide_venue_markers(dash_duo)
    data = get_published_dataset()
    # a commune of Toulouse Métropole as far as possible from any venue: the click lands on
    # the territory, not on a venue's marker
    far = data.level_values(ViewState(), "commune")["distance_km"]
    members = data.communes[data.communes["epci_siren"] == "243100518"].set_index("insee")
    spot = members.loc[far.reindex(members.index).idxmax()]
    args = (float(spot["ref_lon"]), float(spot["ref_lat"]), "243100518")
    link = dash_duo.find_element("#header-portrait-link")
    state = ViewState(departements=("31",), level="epci")
    for _attempt in range(3):  # the map may still be settling (fit to the department)
        point = dash_duo.driver.execute_script(MAP_POINT, *args)
        # bring the spot to the middle of the window, as a person scrolling to it would
        dash_duo.driver.execute_script(
            "window.scrollBy({top: arguments[0] - innerHeight / 2, behavior: 'instant'})",
            point["y"])
        point = dash_duo.driver.execute_script(MAP_POINT, *args)
        shown = point["z"]  # what the dashboard's map shows for Toulouse Métropole
        assert shown == data.level_values(state, "epci").loc["243100518", "venues"]
        ActionChains(dash_duo.driver).move_to_location(int(point["x"]),
                                                       int(point["y"])).click().perform()
        try:
            until(lambda: link.text == "Portrait : Toulouse Métropole", timeout=8)
            break
        except Exception:  # noqa: BLE001 - try the click again
            continue
    assert link.text == "Portrait : Toulouse Métropole"
    assert "territoire=epci:243100518" in link.get_attribute("href")
    dash_duo.driver.execute_script("window.scrollTo({top: 0, behavior: 'instant'})")
    click(dash_duo, link)
    until(lambda: "/portrait?" in dash_duo.driver.current_url, timeout=20)
    dash_duo.wait_for_element(".tl-figures", timeout=20)
    assert dash_duo.find_element(".tl-sheet-title").text.startswith("Toulouse Métropole")
    assert _sheet_cells(dash_duo, "Lieux affichés")[0] == format_int(shown)
    # the region column is what the dashboard shows with no department selected
    region = data.view(ViewState()).kpis
    assert _sheet_cells(dash_duo, "Lieux affichés")[-1] == format_int(region["venues"])
    assert "Données de démonstration" in dash_duo.find_element(".tl-footer").text
    dash_duo.driver.set_window_size(1366, 768)
    shot(dash_duo, "portrait-toulouse-metropole")


def test_a_fact_sheet_permalink_compares_two_territories_like_the_dashboard(dash_duo, app):
    open_app(dash_duo, app, "?departement=31&usage=coworking")
    state = ViewState(departements=("31",), usages=("coworking",))
    data = get_published_dataset()
    until(lambda: kpi(dash_duo, "venues") == format_int(data.view(state).kpis["venues"]),
          timeout=20)
    dashboard = {name: kpi(dash_duo, name) for name in ("venues", "labelled", "communes",
                                                        "population-share", "funding")}
    dash_duo.driver.get(dash_duo.server_url + "/portrait?territoire=departement:31"
                        "&comparer=epci:200066223&usage=coworking&lang=fr&bidule=1")
    dash_duo.wait_for_element(".tl-figures", timeout=20)
    assert _sheet_cells(dash_duo, "Lieux affichés")[0] == dashboard["venues"]
    assert _sheet_cells(dash_duo, "Lieux labellisés")[0] == dashboard["labelled"]
    assert _sheet_cells(dash_duo, "Communes avec au moins un lieu")[0].startswith(
        dashboard["communes"] + " /")
    assert _sheet_cells(dash_duo, "Population vivant dans une commune dotée d'un lieu")[0] \
        == dashboard["population-share"]
    assert _sheet_cells(dash_duo, "Financements des lieux affichés")[0] == dashboard["funding"]
    other = make_portrait(data, state, Territory("epci", "200066223"))
    assert _sheet_cells(dash_duo, "Lieux affichés")[1] == format_int(other.figures["venues"])
    assert "bidule=1" in dash_duo.find_element("#tl-notice").text
    # the chooser keeps the filters and the comparison
    chooser = dash_duo.find_element("#tl-territoire")
    assert chooser.get_attribute("value") == "departement:31"
    assert dash_duo.find_element("#tl-comparer").get_attribute("value") == "epci:200066223"
    dash_duo.driver.execute_script(
        "document.getElementById('tl-territoire').value = 'departement:48';")
    dash_duo.find_element("#tl-chooser button").click()
    until(lambda: "territoire=departement%3A48" in dash_duo.driver.current_url, timeout=20)
    lozere = make_portrait(data, state, Territory("departement", "48"))
    until(lambda: _sheet_cells(dash_duo, "Lieux affichés")[0] == format_int(
        lozere.figures["venues"]), timeout=20)
    assert "usage=coworking" in dash_duo.driver.current_url
    assert severe_errors(dash_duo) == []


def test_presentation_in_english_names_source_and_date(dash_duo, app):
    dash_duo.start_server(app, port=BROWSER_TEST_PORT)
    dash_duo.driver.get(dash_duo.server_url + "/presentation?lang=en&departement=09#2")
    until(lambda: (_active(dash_duo) or {}).get("n") == 2, timeout=30)
    info = _active(dash_duo)
    assert info["title"] == "Key figures" and "Demo data" in info["footer"]
    assert dash_duo.driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"


def test_the_report_file_draws_every_chart_and_requests_nothing(dash_duo, tmp_path):
    from dashboard.documents import report_sheets, write_report

    data = get_published_dataset()
    state = ViewState(departements=("48",))
    page = write_report(data, state, report_sheets(data, state), tmp_path / "rapport.html")
    dash_duo.driver.get(page.resolve().as_uri())
    until(lambda: dash_duo.driver.execute_script("return document.body.dataset.ready"),
          timeout=60)
    charts = dash_duo.driver.execute_script(
        "return [...document.querySelectorAll('.tl-chart')].map(el => el._fullData ?"
        " el.querySelectorAll('path.choroplethlocation, g.trace.bars path').length : -1)")
    assert dash_duo.driver.execute_script("return document.body.dataset.ready") == str(
        len(charts)) and all(n > 0 for n in charts)
    # not one request: no script, style, font, topojson or polygon fetched from anywhere
    assert dash_duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)") == []
    assert severe_errors(dash_duo) == []


SLIDE_AUDIT = """
const s = document.querySelector('.tl-slide.is-active');
const W = innerWidth, H = innerHeight, out = [], small = [];
function seen(el) {  // the part of an element not clipped by the chart's own SVG
  let r = el.getBoundingClientRect();
  const svg = el.closest('svg.main-svg');
  if (svg && svg !== el) {
    const b = svg.getBoundingClientRect();
    r = {left: Math.max(r.left, b.left), top: Math.max(r.top, b.top),
         right: Math.min(r.right, b.right), bottom: Math.min(r.bottom, b.bottom)};
  }
  return r;
}
for (const el of [...s.querySelectorAll('*'), ...document.querySelectorAll('.tl-slide-nav *')]) {
  const r = el.getBoundingClientRect();
  if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') continue;
  if (el.closest('defs, clipPath, .hoverlayer')) continue;
  const v = seen(el);
  if (v.right <= v.left || v.bottom <= v.top) continue;  // wholly clipped by its chart
  if (v.right > W + 0.5 || v.bottom > H + 0.5 || v.left < -0.5 || v.top < -0.5)
    out.push((el.getAttribute('class') || el.tagName) + ' «' + el.textContent.slice(0, 20)
             + '» ' + Math.round(v.left) + '–' + Math.round(v.right) + ' × '
             + Math.round(v.top) + '–' + Math.round(v.bottom));
}
for (const el of [...s.querySelectorAll('.tl-chart text'),
                  ...document.querySelectorAll('.tl-slide-nav a')]) {
  const r = el.getBoundingClientRect();
  if (!r.width || !el.textContent.trim()) continue;
  let px = parseFloat(getComputedStyle(el).fontSize);
  if (el.getBBox) {  // plotly shrinks some texts (bar values) with a transform
    const b = el.getBBox();
    if (b.height) px *= Math.min(r.height, r.width) / Math.min(b.height, b.width);
  }
  if (px < 23.5) small.push(el.textContent.slice(0, 30) + ' ' + px.toFixed(1) + ' px');
}
function box(sel) {
  const rs = [...s.querySelectorAll(sel)].map(e => e.getBoundingClientRect())
    .filter(r => r.width && r.height);
  if (!rs.length) return null;
  return {left: Math.min(...rs.map(r => r.left)), right: Math.max(...rs.map(r => r.right)),
          top: Math.min(...rs.map(r => r.top)), bottom: Math.max(...rs.map(r => r.bottom))};
}
return {key: s.dataset.key, out: out, small: [...new Set(small)],
        territory: box('path.choroplethlocation'), colorbar: box('.colorbar'),
        legend: box('.legend')};
"""


def _overlap(a, b):
    return bool(a and b and a["left"] < b["right"] - 1 and b["left"] < a["right"] - 1
                and a["top"] < b["bottom"] - 1 and b["top"] < a["bottom"] - 1)


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_every_slide_fits_the_screen_in_type_readable_from_the_back(dash_duo, app, size):
    """Nothing outside the window (the counter « 10 / 20 » was cut to « 10 / 2 »), no text
    under 24 px (legends were 22 px, the way back 16 px), and on the maps the colour bar and
    the legend beside the territory, never over it."""
    dash_duo.start_server(app, port=BROWSER_TEST_PORT)
    dash_duo.driver.set_window_size(*size)
    width, height = dash_duo.driver.execute_script("return [innerWidth, innerHeight]")
    dash_duo.driver.set_window_size(2 * size[0] - width, 2 * size[1] - height)
    dash_duo.driver.get(dash_duo.server_url + "/presentation#1")
    until(lambda: (_active(dash_duo) or {}).get("n") == 1, timeout=30)
    total = dash_duo.driver.execute_script(
        "return document.querySelectorAll('.tl-slide').length")
    for i in range(1, total + 1):
        dash_duo.driver.execute_script(f"location.hash = '#{i}'")
        until(lambda i=i: _active(dash_duo)["n"] == i, timeout=10)
        until(lambda: all(c and c["paths"] > 0 for c in _active(dash_duo)["charts"]),
              timeout=60, msg=f"slide {i} not drawn")
        dash_duo.driver.execute_script(
            "return new Promise(r => requestAnimationFrame(() => setTimeout(r, 300)))")
        audit = dash_duo.driver.execute_script(SLIDE_AUDIT)
        assert audit["out"] == [], (i, audit["key"], audit["out"][:5])
        assert audit["small"] == [], (i, audit["key"], audit["small"][:5])
        assert not _overlap(audit["territory"], audit["colorbar"]), (i, audit["key"])
        assert not _overlap(audit["territory"], audit["legend"]), (i, audit["key"])
        if audit["key"] in ("zones", "financements", "dep-31"):
            shot(dash_duo, f"slide-{i}-{audit['key']}-{size[0]}")
