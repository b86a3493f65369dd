"""The whole app in headless Chromium (dash[testing]): filters, permalinks, language, map."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from dashboard.dataset import get_published_dataset
from dashboard.filters import ViewState
from dashboard.i18n import format_int, format_percent

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).parent / "artifacts"

POLYGONS_DRAWN = """
const gd = document.querySelector('#map-graph .js-plotly-plot');
if (!gd || !gd._fullLayout || !gd._fullLayout.map) return -1;
// the values' trace, once its packed arrays have arrived (before, plotly hides it: no data)
const values = gd._fullData && gd._fullData[0];
if (!values || values.visible !== true || !(values.locations || []).length) return -1;
const map = gd._fullLayout.map._subplot.map;
const layers = map.getStyle().layers.filter(l => l.type === 'fill').map(l => l.id);
return map.queryRenderedFeatures({layers: layers}).length;
"""
TRACE_INFO = """
const gd = document.querySelector('#map-graph .js-plotly-plot');
return gd && gd._fullData ? {locations: gd._fullData[0].locations.length,
  z: Array.from(gd._fullData[0].z).filter(v => v !== null && !Number.isNaN(v))
      .reduce((a, b) => a + b, 0),
  markers: gd._fullData.slice(1).reduce((n, t) => n + (t.lat ? t.lat.length : 0), 0)} : null;
"""


# several checkouts may run browser tests at once on one machine
BROWSER_TEST_PORT = int(os.environ.get("TIERSLIEUX_TEST_PORT") or 8050)


@pytest.fixture(scope="module")
def app():
    import app as app_module

    return app_module.app


def open_app(dash_duo, app, search=""):
    dash_duo.start_server(app, port=BROWSER_TEST_PORT)
    if search:
        dash_duo.driver.get(dash_duo.server_url + "/" + search)
    dash_duo.wait_for_element("#kpi-venues", timeout=20)


def kpi(dash_duo, name):
    return dash_duo.find_element(f"#kpi-{name}").text


def expected(state):
    return get_published_dataset().view(state).kpis


def wait_map(dash_duo, timeout=60):
    until(lambda: (dash_duo.driver.execute_script(POLYGONS_DRAWN) or 0) > 0, timeout=timeout,
          msg="the choropleth's polygons were never drawn")


LEGEND_TOGGLE = """
const gd = document.querySelector(arguments[0] + ' .js-plotly-plot');
const shown = gd._fullData.filter((t, i) => i >= 1 && t.showlegend && t.visible === true);
if (!shown.length) return null;
const item = [...gd.querySelectorAll('.legend .traces')]
  .find(g => g.querySelector('.legendtext').textContent === shown[0].name);
item.scrollIntoView({block: 'center', behavior: 'instant'});
return item.querySelector('.legendtoggle');
"""


MARKERS_SHOWN = """
const gd = document.querySelector(arguments[0] + ' .js-plotly-plot');
return gd._fullData.some((t, i) => i >= 1 && t.showlegend && t.visible === true);
"""


def hide_venue_markers(dash_duo, graph="#map-graph"):
    """Hide the venues' markers as a reader does, by clicking their legend entries, once
    they are drawn (plotly hides a trace until its arrays arrive): plotly keeps a reader's
    change through the map's later redraws (same ``uirevision``), where a script's
    ``Plotly.restyle`` is undone by the next ``Plotly.react`` (the framing's second one)
    and the markers come back under the pointer."""
    until(lambda: dash_duo.driver.execute_script(MARKERS_SHOWN, graph), timeout=30,
          msg="the venues' markers were never drawn")
    for _ in range(8):
        toggle = dash_duo.driver.execute_script(LEGEND_TOGGLE, graph)
        if toggle is None:
            return
        ActionChains(dash_duo.driver).move_to_element(toggle).click().perform()
        time.sleep(0.5)  # plotly waits for a possible double click before it toggles
    raise AssertionError("the venues' legend entries did not hide their markers")


def click(dash_duo, element):
    """Scroll until the element is on screen, then click, as a person would. A sticky sidebar
    only scrolls its own content once the page itself has scrolled, so scroll both; instantly,
    since Bootstrap makes page scrolling smooth (a click during the animation lands on
    whatever passes under the pointer)."""
    in_view = ("const r = arguments[0].getBoundingClientRect();"
               "return r.top >= 0 && r.bottom <= window.innerHeight;")
    for _ in range(4):
        dash_duo.driver.execute_script(
            "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});"
            "const r = arguments[0].getBoundingClientRect();"
            "if (r.bottom > window.innerHeight || r.top < 0)"
            "  window.scrollBy({top: r.top - window.innerHeight / 2, behavior: 'instant'});",
            element)
        if dash_duo.driver.execute_script(in_view, element):
            break
    element.click()


def shot(dash_duo, name):
    ARTIFACTS.mkdir(exist_ok=True)
    dash_duo.driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def severe_errors(dash_duo):
    return [e for e in dash_duo.driver.get_log("browser") if e["level"] == "SEVERE"]


def test_opens_on_demo_data_with_key_figures_and_a_drawn_map(dash_duo, app):
    open_app(dash_duo, app)
    k = expected(ViewState())
    until(lambda: kpi(dash_duo, "venues") == format_int(k["venues"]), timeout=20)
    assert kpi(dash_duo, "labelled") == "120"
    assert kpi(dash_duo, "communes") == format_int(k["communes_with_venue"])
    assert kpi(dash_duo, "population-share") == format_percent(k["population_share"])
    assert kpi(dash_duo, "funding").replace("\u00a0", " ") == "6,51 M€"
    assert "Données de démonstration" in dash_duo.find_element("#header-demo-badge").text
    wait_map(dash_duo)
    # the markers follow the polygons: the browser draws them from the points it fetches
    until(lambda: dash_duo.driver.execute_script(TRACE_INFO)["markers"] == 400, timeout=30)
    info = dash_duo.driver.execute_script(TRACE_INFO)
    assert info["locations"] == 4446 and info["z"] == 400 and info["markers"] == 400
    shot(dash_duo, "carte-fr")
    assert severe_errors(dash_duo) == []  # nothing fetched from outside, nothing broken


def test_permalink_reopens_the_same_view(dash_duo, app):
    search = "?departement=31,81&usage=fablab,coworking&mode=tous&niveau=epci"
    open_app(dash_duo, app, search)
    state = ViewState(departements=("31", "81"), usages=("coworking", "fablab"),
                      usage_mode="all", level="epci")
    until(lambda: kpi(dash_duo, "venues") == format_int(expected(state)["venues"]),
          timeout=20)
    assert kpi(dash_duo, "population-share") == format_percent(
        expected(state)["population_share"])
    wait_map(dash_duo)
    info = dash_duo.driver.execute_script(TRACE_INFO)
    epcis = get_published_dataset().level_values(state, "epci")
    assert info["locations"] == len(epcis) and info["z"] == expected(state)["venues"]
    assert "mode=tous" in dash_duo.driver.current_url


def test_a_link_with_unknown_values_shows_a_notice(dash_duo, app):
    open_app(dash_duo, app, "?departement=31,99&indicateur=bonheur")
    until(lambda: "departement=99" in dash_duo.find_element("#header-url-notice").text,
          timeout=20)
    until(lambda: kpi(dash_duo, "venues") == format_int(
        expected(ViewState(departements=("31",)))["venues"]), timeout=20)


def test_changing_filters_updates_figures_and_url_then_reset(dash_duo, app):
    open_app(dash_duo, app, "?usage=fablab,coworking")
    any_state = ViewState(usages=("coworking", "fablab"))
    until(lambda: kpi(dash_duo, "venues") == format_int(expected(any_state)["venues"]),
          timeout=20)
    wait_map(dash_duo)
    # switch « tous ces usages »
    click(dash_duo, dash_duo.driver.find_element(
        By.XPATH, "//label[contains(., 'tous ces usages')]"))
    all_state = ViewState(usages=("coworking", "fablab"), usage_mode="all")
    until(lambda: kpi(dash_duo, "venues") == format_int(expected(all_state)["venues"]),
          timeout=20)
    until(lambda: "mode=tous" in dash_duo.driver.current_url, timeout=10)
    until(lambda: dash_duo.driver.execute_script(TRACE_INFO)["z"] == expected(
        all_state)["venues"], timeout=30)
    click(dash_duo, dash_duo.find_element("#filter-reset"))
    until(lambda: kpi(dash_duo, "venues") == "400", timeout=20)
    until(lambda: "usage=" not in dash_duo.driver.current_url, timeout=10)


def test_language_switch_covers_labels_and_numbers(dash_duo, app):
    open_app(dash_duo, app, "?departement=31")
    until(lambda: kpi(dash_duo, "venues") == format_int(
        expected(ViewState(departements=("31",)))["venues"]), timeout=20)
    click(dash_duo, dash_duo.find_element("#header-lang-toggle"))
    until(lambda: "Venues shown" in dash_duo.find_element(".kpi-label").text, timeout=20)
    k = expected(ViewState(departements=("31",)))
    until(lambda: kpi(dash_duo, "population-share") == format_percent(
        k["population_share"], "en"), timeout=20)
    assert "Demo data" in dash_duo.find_element("#header-demo-badge").text
    assert "lang=en" in dash_duo.driver.current_url
    assert dash_duo.find_element("#header-lang-toggle").text == "Français"
    wait_map(dash_duo)
    shot(dash_duo, "carte-en-31")


def test_department_level_draws_thirteen_departments(dash_duo, app):
    open_app(dash_duo, app, "?niveau=departement&indicateur=venues_per_10k")
    wait_map(dash_duo)
    until(lambda: dash_duo.driver.execute_script(TRACE_INFO)["locations"] == 13, timeout=20)
    shot(dash_duo, "carte-departements")


def test_coverage_view_from_a_permalink_then_radius_change(dash_duo, app):
    from dashboard import coverage as cov

    open_app(dash_duo, app, "?vue=couverture&rayon=10&k=4")
    data = get_published_dataset()
    report = data.coverage_report(ViewState(tab="couverture", radius_km=10, k=4))
    until(lambda: dash_duo.find_element("#coverage-rate").text == format_percent(
        report.summary["coverage_rate"]), timeout=30)
    rows = dash_duo.driver.find_elements(By.CSS_SELECTOR, "#coverage-suggestions tbody tr")
    assert len(rows) == 4
    assert report.suggestions["name"].iloc[0] in rows[0].text
    until(lambda: (dash_duo.driver.execute_script(
        POLYGONS_DRAWN.replace("#map-graph", "#coverage-map")) or 0) > 0, timeout=60)
    shot(dash_duo, "couverture-10km")
    # the radius follows the URL: reopen at 30 km, the rate goes up
    dash_duo.driver.get(dash_duo.server_url + "/?vue=couverture&rayon=30&k=4")
    wider = cov.coverage_summary(report.distances, 30)
    until(lambda: dash_duo.find_element("#coverage-rate").text == format_percent(
        wider["coverage_rate"]), timeout=30)
    assert wider["coverage_rate"] > report.summary["coverage_rate"]


def test_panels_follow_filters_and_the_table_exports_what_it_shows(dash_duo, app):
    import csv
    import io
    import time

    from tests.conftest import DOWNLOADS

    state = ViewState(departements=("31",))
    open_app(dash_duo, app, "?departement=31")
    n = expected(state)["venues"]
    until(lambda: kpi(dash_duo, "venues") == format_int(n), timeout=20)

    click(dash_duo, dash_duo.driver.find_element(By.LINK_TEXT, "Hybridation des usages"))
    until(lambda: dash_duo.driver.execute_script(
        "const g = document.querySelector('#hybridation-count .js-plotly-plot');"
        "return g && g._fullData && g._fullData.length ?"
        " Array.from(g._fullData[0].y).reduce((a, b) => a + b, 0)"
        " : -1;") == n, timeout=30)
    assert "vue=hybridation" in dash_duo.driver.current_url
    shot(dash_duo, "hybridation-31")

    click(dash_duo, dash_duo.driver.find_element(By.LINK_TEXT, "Financements"))
    total = get_published_dataset().view(state).funding["amount_eur"].sum()
    until(lambda: abs((dash_duo.driver.execute_script(
        "const g = document.querySelector('#funding-by-call .js-plotly-plot');"
        "if (!g || !g._fullData || !g._fullData.length) return -1;"
        "return g._fullData.filter(t => t.type === 'bar')"
        "  .reduce((s, t) => s + Array.from(t.y).reduce((a, b) => a + b, 0), 0);") or -1)
        - total) < 0.5, timeout=30)
    shot(dash_duo, "financements-31")

    click(dash_duo, dash_duo.driver.find_element(By.LINK_TEXT, "Lieux"))
    until(lambda: dash_duo.find_element("#venues-count").text.startswith(format_int(n)),
          timeout=30)
    search = dash_duo.find_element("#venues-search")
    search.send_keys("Toulouse")
    venues = get_published_dataset().view(state).venues
    shown = int((venues["name"].str.contains("Toulouse")
                 | venues["commune_name"].str.contains("Toulouse")).sum())
    until(lambda: dash_duo.find_element("#venues-count").text.startswith(str(shown)),
          timeout=20)
    shot(dash_duo, "lieux-toulouse")
    for old in DOWNLOADS.glob("lieux*.csv"):
        old.unlink()
    dash_duo.driver.execute_cdp_cmd("Page.setDownloadBehavior",
                                    {"behavior": "allow", "downloadPath": str(DOWNLOADS)})
    click(dash_duo, dash_duo.find_element("#venues-export-csv"))
    deadline = time.time() + 20
    while time.time() < deadline and not list(DOWNLOADS.glob("lieux*.csv")):
        time.sleep(0.2)
    files = list(DOWNLOADS.glob("lieux*.csv"))
    assert files, "the CSV export was not downloaded"
    text = files[0].read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert len(rows) == shown
    assert all("Toulouse" in (r["Nom"] + r["Commune"]) for r in rows)


def test_uploading_a_registry_switches_the_dashboard_to_it(dash_duo, app, tmp_path):
    path = tmp_path / "mes_lieux.csv"
    path.write_bytes(("Nom;Code postal;Ville;Latitude;Longitude;Typologie;Label\n"
                      "La Forge;32000;Auch;43,6465;0,5855;FabLab;oui\n"
                      "Le Hangar;12000;Rodez;44,3506;2,5750;Télécentre;non\n"
                      "Tiers-lieu du Causse;46000;Cahors;;;EPN, culture;labellisé\n")
                     .encode("cp1252"))
    open_app(dash_duo, app, "?vue=import")
    until(lambda: kpi(dash_duo, "venues") == "400", timeout=20)
    field = dash_duo.driver.find_element(By.CSS_SELECTOR, "#import-venues-upload input[type=file]")
    field.send_keys(str(path))
    # the mapping step first: nothing is imported before « Importer »
    until(lambda: dash_duo.find_element("#import-mapping-box").is_displayed(), timeout=30)
    assert kpi(dash_duo, "venues") == "400"
    click(dash_duo, dash_duo.find_element("#import-apply"))
    until(lambda: "3 lignes lues" in dash_duo.find_element("#import-summary").text, timeout=30)
    until(lambda: kpi(dash_duo, "venues") == "3", timeout=20)
    assert kpi(dash_duo, "labelled") == "2"
    assert kpi(dash_duo, "communes") == "3"
    assert "Vos données : mes_lieux.csv" in dash_duo.find_element("#header-demo-badge").text
    shot(dash_duo, "import-session")
    click(dash_duo, dash_duo.driver.find_element(By.LINK_TEXT, "Carte"))
    wait_map(dash_duo)
    until(lambda: dash_duo.driver.execute_script(TRACE_INFO)["markers"] == 3, timeout=30)
    click(dash_duo, dash_duo.driver.find_element(By.LINK_TEXT, "Vos données"))
    click(dash_duo, dash_duo.find_element("#import-reset"))
    until(lambda: kpi(dash_duo, "venues") == "400", timeout=20)
    assert "Données de démonstration" in dash_duo.find_element("#header-demo-badge").text


def test_a_file_over_the_size_limit_is_refused_with_a_message(dash_duo, app, tmp_path):
    """dcc.Upload drops a file over max_size without a word (plotly/dash#2638): the page says
    which file and the limit, and the data shown stay the same."""
    from dashboard.limits import UPLOAD_MAX_BYTES

    path = tmp_path / "registre_enorme.csv"
    with open(path, "wb") as out:
        out.write(b"Nom;Code postal\n")
        out.truncate(UPLOAD_MAX_BYTES + 1024)
    open_app(dash_duo, app, "?vue=import")
    until(lambda: kpi(dash_duo, "venues") == "400", timeout=20)
    field = dash_duo.driver.find_element(By.CSS_SELECTOR, "#import-venues-upload input[type=file]")
    field.send_keys(str(path))
    alert = until(lambda: dash_duo.find_element("#upload-too-large"), timeout=20)
    until(lambda: "registre_enorme.csv" in alert.text, timeout=20)
    assert "limite 20 Mo" in alert.text and "20,0 Mo" in alert.text
    assert not dash_duo.find_element("#import-mapping-box").is_displayed()
    assert kpi(dash_duo, "venues") == "400"


def choose_option(dash_duo, dropdown, text):
    """Open a dcc.Dropdown, type in its search box and take the option, as a person would."""
    click(dash_duo, dropdown)
    search = until(lambda: dash_duo.driver.find_element(
        By.CSS_SELECTOR, "input.dash-dropdown-search"), timeout=10)
    search.send_keys(text)
    option = until(lambda: dash_duo.driver.find_element(
        By.XPATH, f"//*[@role='option'][contains(., '{text}')]"), timeout=10)
    option.click()


def _field_dropdown(dash_duo, index):
    return dash_duo.driver.find_element(
        By.XPATH, f"//*[@id='{{\"index\":{index},\"type\":\"import-field\"}}']")


def test_a_file_with_unknown_headers_goes_through_the_mapping_step(dash_duo, app, tmp_path):
    """Headers that say nothing: the step shows the fields found from the values, the user
    changes one (the latitude column is ignored: each venue then stands at its commune's
    reference point), imports, and the figures are those of the file."""
    path = tmp_path / "export.csv"
    path.write_text("A;B;C;D\n"
                    "La Grange;81004;43.9289;2.1464\n"
                    "Le Hangar;12202;44.3506;2.5750\n"
                    "Cowork Sud;32013;43.6465;0.5855\n", encoding="utf-8")
    open_app(dash_duo, app, "?vue=import")
    until(lambda: kpi(dash_duo, "venues") == "400", timeout=20)
    dash_duo.driver.find_element(By.CSS_SELECTOR, "#import-venues-upload input[type=file]"
                                 ).send_keys(str(path))
    until(lambda: dash_duo.find_element("#import-mapping-box").is_displayed(), timeout=30)
    table = dash_duo.find_element("#import-mapping-table").text
    for shown in ("Nom du lieu", "Code INSEE de la commune", "Latitude", "Longitude",
                  "des valeurs sont des codes INSEE de communes"):
        assert shown in table
    click(dash_duo, dash_duo.find_element("#import-mapping-table"))
    shot(dash_duo, "import-mapping-step")
    choose_option(dash_duo, _field_dropdown(dash_duo, 2), "ignorée")
    until(lambda: "ignorée" in _field_dropdown(dash_duo, 2).text, timeout=10)
    assert dash_duo.find_element("#import-apply").is_enabled()
    click(dash_duo, dash_duo.find_element("#import-apply"))
    until(lambda: "3 lignes lues" in dash_duo.find_element("#import-summary").text, timeout=30)
    until(lambda: kpi(dash_duo, "venues") == "3", timeout=20)
    assert kpi(dash_duo, "communes") == "3"
    assert "Vos données : export.csv" in dash_duo.find_element("#header-demo-badge").text
    # the ignored column: no coordinates read, so each venue got its commune's point
    assert "point de référence de la commune" in dash_duo.find_element("#import-report").text
