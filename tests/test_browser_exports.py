"""Downloads, the map's territory card and the dashboard's print stylesheet in headless
Chromium (issue 13, items 2, 4 and 5): files really land in the download folder, a click on
a territory opens that territory's fact sheet, a printed page keeps what it promises."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import html
import io
import re
import struct
import subprocess
import time
from pathlib import Path

import pytest
from dash.testing.wait import until
from plotly.colors import sequential
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from dashboard.dataset import get_published_dataset
from dashboard.export_names import export_filename
from dashboard.filters import ViewState
from dashboard.i18n import format_int, t
from dashboard.roadmap_state import CURVE_VENUES
from dashboard.slides import document_meta
from tests.conftest import DOWNLOADS
from tests.test_browser import (
    ARTIFACTS,
    BROWSER_TEST_PORT,
    click,
    hide_venue_markers,
    kpi,
    severe_errors,
    shot,
)
from tests.test_browser import wait_map as wait_polygons
from tests.test_browser_documents import MAP_POINT, _sheet_cells

pytestmark = pytest.mark.browser
DAY = time.strftime("%Y-%m-%d")


@pytest.fixture(scope="module")
def app():
    import app as app_module

    return app_module.app


def open_at(dash_duo, app, search, width=1366, height=768):
    dash_duo.driver.set_window_size(width, height)
    dash_duo.start_server(app, port=BROWSER_TEST_PORT)
    dash_duo.driver.get(dash_duo.server_url + "/" + search)
    dash_duo.wait_for_element("#kpi-venues", timeout=20)
    dash_duo.driver.execute_cdp_cmd("Page.setDownloadBehavior",
                                    {"behavior": "allow", "downloadPath": str(DOWNLOADS)})


def fresh(name: str) -> Path:
    target = DOWNLOADS / name
    target.unlink(missing_ok=True)
    return target


def landed(target: Path, timeout: float = 60) -> Path:
    until(lambda: target.exists() and target.stat().st_size > 0, timeout=timeout,
          msg=f"{target.name} never downloaded: {sorted(p.name for p in DOWNLOADS.iterdir())}")
    time.sleep(0.5)  # Chromium renames the finished file: let it settle
    return target


def wait_drawn(dash_duo, graph):
    until(lambda: dash_duo.driver.execute_script(
        "const g = document.querySelector(arguments[0] + ' .js-plotly-plot');"
        "return !!(g && g._fullData && g._fullData.length &&"
        " g._context.toImageButtonOptions.filename)", f"#{graph}"), timeout=60,
        msg=f"{graph} never drawn with its export name")


def button(dash_duo, graph, label):
    return dash_duo.driver.execute_script(
        "return [...document.querySelectorAll('.tl-chart-downloads button')].find(b =>"
        " (b.dataset.tlGraph === arguments[0] || (b.id || '').includes(arguments[0])) &&"
        " b.innerText.trim() === arguments[1])", graph, label)


def svg_text(path: Path) -> str:
    """The words an SVG shows (its <text> and <tspan> contents), entities decoded."""
    body = path.read_text(encoding="utf-8")
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def png_size(path: Path):
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_a_chart_downloads_as_svg_with_its_title_filters_source_and_date(dash_duo, app):
    state = ViewState(departements=("31", "81"))
    meta = document_meta(get_published_dataset(), state)
    target = fresh(f"hybridation_nombre-d-usages_31-81_{DAY}.svg")
    open_at(dash_duo, app, "?vue=hybridation&departement=31,81")
    wait_drawn(dash_duo, "hybridation-count")
    click(dash_duo, button(dash_duo, "hybridation-count", "SVG"))
    body = landed(target).read_text(encoding="utf-8")
    root = re.search(r"<svg[^>]*>", body).group(0)
    assert 'width="1920"' in root and 'height="1080"' in root and "viewBox" in root
    assert "<image" not in body  # vector only: no picture inside
    words = svg_text(target)
    assert t("hyb.count_title", "fr") in words
    for part in ("Données de démonstration", "Haute-Garonne, Tarn", meta.date,
                 t("slides.source", "fr", venues=get_published_dataset().display_name("fr"))):
        assert part.split()[0] in words and all(w in words for w in part.split()), part
    # the bars' numbers are in the file (the count of venues with one usage)
    ones = str(int(get_published_dataset().view(state).venues["usages"].fillna("")
                   .map(lambda u: len([c for c in u.split("|") if c]) == 1).sum()))
    assert re.search(rf">\s*{ones}\s*<", target.read_text(encoding="utf-8"))
    shot(dash_duo, "downloads-hybridation-1366")
    # plotly's mode bar speaks the page's language (assets/plotly_locale_fr.js)
    titles = dash_duo.driver.execute_script(
        "return [...document.querySelectorAll('#hybridation-count .modebar-btn')]"
        ".map(b => b.getAttribute('data-title'))")
    assert "Télécharger le graphique en PNG" in titles, titles
    assert not any(title.startswith("Download") for title in titles), titles


def _map_counts(dash_duo, graph):
    """(values drawn, venue markers drawn) on the map on screen."""
    return dash_duo.driver.execute_script(
        "const g = document.querySelector(arguments[0] + ' .js-plotly-plot');"
        "const chor = g.data.filter(tr => tr.type === 'choroplethmap');"
        "const pts = g.data.filter(tr => tr.type === 'scattermap')"
        "  .reduce((n, tr) => n + (tr.lat ? tr.lat.length : 0), 0);"
        "return [chor.reduce((n, tr) => n + tr.locations.length, 0), pts];", f"#{graph}")


def _vector_map(path: Path, territories: int, markers: int) -> str:
    """The SVG's text, after checking it is a vector map: a path per territory drawn (the
    grey base and the values), a marker per venue shown, no picture inside."""
    body = path.read_text(encoding="utf-8")
    assert "<image" not in body  # no WebGL snapshot: paths only
    drawn = len(re.findall(r'class="choroplethlocation"', body))
    assert drawn >= territories + 1, (drawn, territories)
    assert len(re.findall(r'class="point"', body)) == markers
    return svg_text(path)


def test_a_map_downloads_as_full_hd_png_and_as_a_vector_svg_with_its_caption(dash_duo, app):
    state = ViewState(departements=("31",))
    indicator = t(f"indicator.{state.indicator}", "fr")
    name = export_filename("carte", ".png", day=dt.date.today(), indicator=indicator,
                           departements=("31",))
    target, vector = fresh(name), fresh(name.removesuffix(".png") + ".svg")
    open_at(dash_duo, app, "?departement=31", 1920, 1080)
    wait_polygons(dash_duo)
    until(lambda: dash_duo.driver.execute_script(
        "const g = document.querySelector('#map-graph .js-plotly-plot');"
        "return (g.layout.annotations || []).some(a => a.name === 'export-caption')"),
        timeout=30, msg="the map never got its caption")
    caption = dash_duo.driver.execute_script(
        "return document.querySelector('#map-graph .js-plotly-plot').layout.annotations"
        ".find(a => a.name === 'export-caption').text")
    assert "Haute-Garonne" in caption and "Données de démonstration" in caption
    shot(dash_duo, "downloads-map-1920")
    click(dash_duo, button(dash_duo, "map-graph", "PNG"))
    assert png_size(landed(target, timeout=120)) == (1920, 1080)
    territories, markers = _map_counts(dash_duo, "map-graph")
    assert territories > 0 and markers == len(get_published_dataset().view(state).venues)
    click(dash_duo, button(dash_duo, "map-graph", "SVG"))
    words = _vector_map(landed(vector, timeout=120), territories, markers)
    meta = document_meta(get_published_dataset(), state)
    for part in ("Données de démonstration", "Haute-Garonne", meta.date, indicator):
        assert all(w in words for w in part.split()), part
    assert not dash_duo.driver.find_elements("css selector", ".tl-offscreen-map")
    # the numbers behind the map: one row per territory coloured, the value it shows
    table = fresh(name.removesuffix(".png") + ".csv")
    click(dash_duo, button(dash_duo, "map-graph", "Données (CSV)"))
    rows = list(csv.reader(io.StringIO(landed(table).read_text(encoding="utf-8-sig")),
                           delimiter=";"))
    assert rows[0] == ["Code", "Territoire", "Population", "Lieux", indicator]
    assert len(rows) - 1 == territories
    assert sum(int(r[-1]) for r in rows[1:]) == markers  # venues per commune add up
    assert severe_errors(dash_duo) == []


def test_the_coverage_map_downloads_as_a_vector_svg(dash_duo, app):
    name = export_filename("carte-couverture", ".svg", day=dt.date.today(), indicator="15 km",
                           departements=("81",))
    vector = fresh(name)
    open_at(dash_duo, app, "?vue=couverture&departement=81")
    wait_drawn(dash_duo, "coverage-map")
    # the venues' markers, which the browser adds after the figure (its suggestions' come
    # with it): counted before they arrive, the SVG has more markers than the count
    until(lambda: dash_duo.driver.execute_script(
        "const g = document.querySelector('#coverage-map .js-plotly-plot');"
        "return ((g.data[arguments[0]] || {}).lat || []).length;", CURVE_VENUES) > 0,
        timeout=30, msg="the coverage map never drew its venues")
    until(lambda: dash_duo.driver.execute_script(
        "const g = document.querySelector('#coverage-map .js-plotly-plot');"
        "return (g.layout.annotations || []).some(a => a.name === 'export-caption')"),
        timeout=30, msg="the coverage map never got its caption")
    territories, markers = _map_counts(dash_duo, "coverage-map")
    click(dash_duo, button(dash_duo, "coverage-map", "SVG"))
    words = _vector_map(landed(vector, timeout=120), territories, markers)
    assert "Tarn" in words and t("coverage.covered", "fr") in words


def _bar_totals(dash_duo, graph):
    """Per x label, the sum of the chart's stacked bars (what the eye reads as its total)."""
    return dash_duo.driver.execute_script(
        "const g = document.querySelector(arguments[0] + ' .js-plotly-plot');"
        "const out = {};"
        "g._fullData.filter(tr => tr.type === 'bar').forEach(tr => Array.from(tr.x)"
        ".forEach((x, i) => { out[x] = (out[x] || 0) + Number(tr.y[i]); }));"
        "return out;", f"#{graph}")


def test_funding_csv_downloads_with_the_charts_totals(dash_duo, app):
    target = fresh(f"financements_par-appel_31_{DAY}.csv")
    open_at(dash_duo, app, "?vue=financements&departement=31")
    wait_drawn(dash_duo, "funding-by-call")
    click(dash_duo, button(dash_duo, "funding-by-call", "Données (CSV)"))
    raw = landed(target).read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    shown = _bar_totals(dash_duo, "funding-by-call")
    assert len(rows) == len(shown) == len(get_published_dataset().registry.calls)
    for row, (label, total) in zip(rows, shown.items()):
        assert label.split("<br>") == [row["Programme"], row["Année"]]
        assert int(row["Total enregistré (€)"]) == round(total)
        assert int(row["31 Haute-Garonne (€)"]) == round(total)


def _territory_spot(data, siren):
    """A commune of the EPCI as far as possible from any venue: a click there lands on the
    territory, not on a venue's marker."""
    far = data.level_values(ViewState(), "commune")["distance_km"]
    members = data.communes[data.communes["epci_siren"] == siren].set_index("insee")
    spot = members.loc[far.reindex(members.index).idxmax()]
    return float(spot["ref_lon"]), float(spot["ref_lat"]), siren


@pytest.mark.parametrize("width, height", [(1366, 768), (1920, 1080)])
def test_clicking_a_territory_opens_a_card_then_that_territorys_fact_sheet(dash_duo, app, width,
                                                                            height):
    open_at(dash_duo, app, "?niveau=epci&usage=coworking", width, height)
    wait_polygons(dash_duo)
    hide_venue_markers(dash_duo)
    data = get_published_dataset()
    card = dash_duo.find_element("#map-territory-card")
    assert not card.is_displayed()
    assert dash_duo.driver.execute_script(  # no sideways scroll bar
        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    args = _territory_spot(data, "200066223")  # the CC Arize Lèze, in Ariège
    for _attempt in range(3):  # the map may still be settling
        point = dash_duo.driver.execute_script(MAP_POINT, *args)
        dash_duo.driver.execute_script(
            "window.scrollBy({top: arguments[0] - innerHeight / 2, behavior: 'instant'})",
            point["y"])
        point = dash_duo.driver.execute_script(MAP_POINT, *args)
        ActionChains(dash_duo.driver).move_to_location(int(point["x"]),
                                                       int(point["y"])).click().perform()
        try:
            until(lambda: card.is_displayed(), timeout=8)
            break
        except Exception:  # noqa: BLE001 - try the click again
            continue
    name = str(data.names("epci")["200066223"])
    title = dash_duo.find_element("#map-territory-card-title")
    until(lambda: title.text.startswith(name), timeout=10)
    assert "Intercommunalité (EPCI)" in title.text
    state = ViewState(departements=("09",), usages=("coworking",), level="epci")
    until(lambda: kpi(dash_duo, "venues") == format_int(data.view(state).kpis["venues"]),
          timeout=20)  # the click also filtered on the department, and the card says so
    assert "Ariège" in dash_duo.find_element("#map-territory-card-note").text
    shown = dash_duo.driver.execute_script(MAP_POINT, *args)["z"]  # the map's value
    # the patched map keeps its colours' direction: few venues light, many dark
    assert dash_duo.driver.execute_script(
        "const s = document.querySelector('#map-graph .js-plotly-plot')._fullData[0]"
        ".colorscale; return [s[0][1], s[s.length - 1][1]];") == [
        sequential.YlGnBu[0], sequential.YlGnBu[-1]]
    assert shown == data.level_values(state, "epci").loc["200066223", "venues"]
    opener = dash_duo.find_element("#map-territory-card-open")
    until(lambda: "territoire=epci:200066223" in opener.get_attribute("href")
          and "departement=09" in opener.get_attribute("href"), timeout=10)
    assert "usage=coworking" in opener.get_attribute("href")
    new_tab = dash_duo.find_element("#map-territory-card-new-tab")
    assert new_tab.get_attribute("target") == "_blank"
    assert new_tab.get_attribute("href") == opener.get_attribute("href")
    shot(dash_duo, f"map-card-{width}")
    # Escape closes it; a second click opens it again; its link is reached by keyboard
    opener.send_keys(Keys.ESCAPE)
    until(lambda: not card.is_displayed(), timeout=5)
    point = dash_duo.driver.execute_script(MAP_POINT, *args)
    ActionChains(dash_duo.driver).move_to_location(int(point["x"]),
                                                   int(point["y"])).click().perform()
    until(lambda: card.is_displayed(), timeout=10)
    dash_duo.find_element("#map-territory-card-close").send_keys(Keys.SHIFT, Keys.TAB)
    ActionChains(dash_duo.driver).send_keys(Keys.TAB).perform()
    assert dash_duo.driver.switch_to.active_element.get_attribute("id") == \
        "map-territory-card-close"
    ActionChains(dash_duo.driver).send_keys(Keys.TAB).perform()
    assert dash_duo.driver.switch_to.active_element.get_attribute("id") == \
        "map-territory-card-open"
    ActionChains(dash_duo.driver).send_keys(Keys.ENTER).perform()
    until(lambda: "/portrait?" in dash_duo.driver.current_url, timeout=20)
    dash_duo.wait_for_element(".tl-figures", timeout=20)
    assert dash_duo.find_element(".tl-sheet-title").text.startswith(name)
    assert _sheet_cells(dash_duo, "Lieux affichés")[0] == format_int(shown)
    assert "usage=coworking" in dash_duo.driver.current_url
    assert severe_errors(dash_duo) == []


PRINT_LAYOUT = """
const box = el => { if (!el) return null; const r = el.getBoundingClientRect();
  return {w: r.width, h: r.height, right: r.right, shown: getComputedStyle(el).display !== 'none'
          && r.width > 0}; };
return {page: document.documentElement.scrollWidth,
  header: box(document.querySelector('.app-header h1')),
  links: box(document.querySelector('.document-links')),
  tabs: box(document.querySelector('.nav-tabs')),
  buttons: [...document.querySelectorAll('.btn, .tl-chart-downloads')]
    .filter(b => box(b).shown).length,
  modebar: [...document.querySelectorAll('.modebar')].filter(b => box(b).shown).length,
  sidebar: box(document.querySelector('.sidebar')),
  kpis: [...document.querySelectorAll('.kpi-value')].map(e => e.innerText),
  map: box(document.querySelector('#map-graph')),
  canvas: box(document.querySelector('#map-graph canvas')),
  widest: Math.max(...[...document.querySelectorAll('.app *')].filter(e => box(e).shown)
    .map(e => e.getBoundingClientRect().right))};
"""


def _kilobytes(size: str) -> float:
    return float(size[:-1]) * {"B": 1 / 1024, "K": 1, "M": 1024}[size[-1]]


def _pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))


@pytest.mark.parametrize("width, height", [(1366, 768), (1920, 1080)])
def test_the_dashboard_prints_its_view_without_controls_on_a4(dash_duo, app, width, height):
    state = ViewState(departements=("31",))
    open_at(dash_duo, app, "?departement=31", width, height)
    wait_polygons(dash_duo)
    until(lambda: kpi(dash_duo, "venues") == format_int(
        get_published_dataset().view(state).kpis["venues"]), timeout=20)
    driver = dash_duo.driver
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": True,
                                                     "preferCSSPageSize": True})
    target = ARTIFACTS / f"dashboard-print-{width}.pdf"
    ARTIFACTS.mkdir(exist_ok=True)
    for old in ARTIFACTS.glob(f"dashboard-print-{width}-*.png"):
        old.unlink()
    target.write_bytes(base64.b64decode(pdf["data"]))
    assert _pdf_pages(target) == 1  # header, key figures and the map on one A4 page
    # the map's WebGL canvas is on paper as a picture of its size, not blank (a blank
    # picture of that size compresses to a few kilobytes)
    canvas = dash_duo.driver.execute_script(PRINT_LAYOUT)["canvas"]
    pictures = [(int(w), _kilobytes(size)) for w, size in re.findall(
        r"^\s*1\s+\d+\s+image\s+(\d+)\s+\d+.*?(\d+(?:\.\d+)?[KMB])\s+\S+%$",
        subprocess.run(["pdfimages", "-list", str(target)], capture_output=True, text=True,
                       check=True).stdout, re.M)]
    assert any(abs(w - canvas["w"]) <= 2 and kb > 20 for w, kb in pictures), pictures
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(target),
                    str(ARTIFACTS / f"dashboard-print-{width}")], check=True)
    first = sorted(ARTIFACTS.glob(f"dashboard-print-{width}-*.png"))[0]
    width, height = png_size(first)
    assert width > height  # A4 landscape, as the stylesheet's @page says
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    time.sleep(1)
    layout = driver.execute_script(PRINT_LAYOUT)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert layout["header"]["shown"] and not layout["links"]["shown"]
    assert not layout["tabs"]["shown"] and layout["buttons"] == 0 and layout["modebar"] == 0
    assert not layout["sidebar"]["shown"]  # the captions say the filters in words
    assert layout["map"]["shown"] and layout["canvas"]["shown"]
    assert layout["kpis"][0] == format_int(get_published_dataset().view(state).kpis["venues"])
    assert layout["widest"] <= layout["page"] + 1  # nothing sticks out on the right


PRINTED_TEXT = """
// every chart text's size on paper (CSS px × the zoom print.js gave its chart, in points),
// and the controls still shown
const texts = [...document.querySelectorAll('.app .js-plotly-plot text')].filter(el => {
  const r = el.getBoundingClientRect(); return r.width > 0 && el.textContent.trim(); });
const pt = texts.map(el => {
  const gd = el.closest('.js-plotly-plot');
  const zoom = parseFloat(gd.style.zoom || '1') || 1;
  let px = parseFloat(getComputedStyle(el).fontSize);
  const r = el.getBoundingClientRect(), b = el.getBBox();  // plotly shrinks bar values
  if (b.height) px *= Math.min(r.height, r.width) / Math.min(b.height, b.width) / zoom;
  return [px * zoom * 0.75, el.textContent.slice(0, 30)];
});
pt.sort((a, b) => a[0] - b[0]);
const shown = el => getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().width > 0;
return {smallest: pt.slice(0, 5), n: pt.length,
        controls: [...document.querySelectorAll('.app input, .app select, .app .form-check')]
          .filter(shown).map(el => el.id || el.className),
        widest: Math.max(...[...document.querySelectorAll('.app *')].filter(shown)
          .map(e => e.getBoundingClientRect().right)),
        page: document.documentElement.scrollWidth};
"""


@pytest.mark.parametrize("vue, charts, pages", [("financements", 3, 2), ("hybridation", 5, 3)])
def test_a_tab_prints_readable_at_1920_without_its_controls(dash_duo, app, vue, charts, pages):
    """At 1920 px the funding charts were zoomed to the A4 column with their 12 px type: about
    4 pt on paper (the co-occurrence matrix's cells 3 pt). They are laid out again at the
    printed width, type kept (≥ 7 pt), on a few pages; « Empiler par » and its radio
    buttons are not printed."""
    state = ViewState(departements=("31",))
    open_at(dash_duo, app, f"?vue={vue}&departement=31", 1920, 1080)
    until(lambda: kpi(dash_duo, "venues") == format_int(
        get_published_dataset().view(state).kpis["venues"]), timeout=20)
    until(lambda: dash_duo.driver.execute_script(
        "return [...document.querySelectorAll('.app .js-plotly-plot')]"
        ".filter(gd => gd.offsetParent && gd._fullData && gd._fullData.length).length")
          >= charts, timeout=40)
    driver = dash_duo.driver
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": True,
                                                     "preferCSSPageSize": True})
    target = ARTIFACTS / f"dashboard-print-{vue}-1920.pdf"
    ARTIFACTS.mkdir(exist_ok=True)
    target.write_bytes(base64.b64decode(pdf["data"]))
    assert 1 <= _pdf_pages(target) <= pages
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Empiler par" not in text
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(target),
                    str(ARTIFACTS / f"dashboard-print-{vue}-1920")], check=True)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    driver.execute_script("window.tierslieuxPrint.before()")
    time.sleep(1)
    printed = driver.execute_script(PRINTED_TEXT)
    driver.execute_script("window.tierslieuxPrint.after()")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert printed["n"] > 20 and printed["smallest"][0][0] >= 7, printed["smallest"]
    assert printed["controls"] == []
    assert printed["widest"] <= printed["page"] + 1
