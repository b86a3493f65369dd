"""In Chromium against ``tierslieux serve --workers 2`` with a real Redis: an uploaded registry
stays the user's through ten filter changes (each request may reach either worker), and when
the server loses it the page says so and shows the published data under the published badge."""

from __future__ import annotations

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.by import By

from dashboard.dataset import dataset_from_import, get_published_dataset
from dashboard.filters import ViewState
from dashboard.i18n import format_int, format_percent
from dashboard.importing.venues import import_venues
from tests.servers import app_server, redis_server

pytestmark = pytest.mark.browser

DEPARTMENT_CHANGES = [("31",), ("34",), ("31", "34"), ("12",), ("09",), (), ("30", "48"),
                      ("81",), ("11", "66"), ("32", "46", "65", "82")]

# a filter change without reloading the page: the permalink changes, dcc.Location follows
PUSH_SEARCH = """
window.history.pushState({}, '', arguments[0]);
window.dispatchEvent(new PopStateEvent('popstate'));
"""


def kpis_shown(br):
    return tuple(br.find_element(f"#kpi-{k}").text
                 for k in ("venues", "communes", "population-share"))


def notice_shown(br) -> bool:
    """A closed dbc.Alert is not in the page at all."""
    return any(e.is_displayed() for e in br.driver.find_elements(By.ID, "session-notice"))


def kpis_expected(data, state):
    k = data.view(state).kpis
    return (format_int(k["venues"]), format_int(k["communes_with_venue"]),
            format_percent(k["population_share"]))


def test_an_upload_against_two_workers_keeps_its_figures_then_a_loss_is_said(
        dash_br, real_registry_path, occitanie):
    published = get_published_dataset()
    mine = import_venues(real_registry_path, published.reference).venues
    expected = dataset_from_import(published.reference, mine, published.registry.calls, None,
                                   real_registry_path.name)
    assert len(mine) != len(published.registry.venues)  # figures tell the datasets apart
    with redis_server() as url, app_server({"TIERSLIEUX_REDIS_URL": url}, workers=2) as base:
        dash_br.driver.get(base + "/?vue=import")
        dash_br.wait_for_element("#kpi-venues", timeout=60)
        until(lambda: dash_br.find_element("#kpi-venues").text == "400", timeout=60)
        field = dash_br.driver.find_element(By.CSS_SELECTOR,
                                            "#import-venues-upload input[type=file]")
        field.send_keys(str(real_registry_path))
        until(lambda: dash_br.find_element("#import-mapping-box").is_displayed(), timeout=60)
        apply = dash_br.find_element("#import-apply")
        dash_br.driver.execute_script(
            "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", apply)
        apply.click()
        until(lambda: kpis_shown(dash_br) == kpis_expected(expected, ViewState()), timeout=60)
        badge = f"Vos données : {real_registry_path.name}"
        for departements in DEPARTMENT_CHANGES:
            search = "?vue=import" + (f"&departement={','.join(departements)}"
                                      if departements else "")
            dash_br.driver.execute_script(PUSH_SEARCH, search)
            want = kpis_expected(expected, ViewState(departements=departements))
            until(lambda w=want: kpis_shown(dash_br) == w, timeout=30,
                  msg=f"figures for {departements}")
            assert badge in dash_br.find_element("#header-demo-badge").text
            assert not notice_shown(dash_br)
        # the server loses the data (expiry, eviction, a flushed Redis): the page says so
        import redis

        redis.Redis.from_url(url).flushall()
        dash_br.driver.execute_script(PUSH_SEARCH, "?vue=import&departement=31")
        until(lambda: notice_shown(dash_br), timeout=30)
        assert "Vos données ne sont plus disponibles sur le serveur — réimportez le fichier" \
            in dash_br.find_element("#session-notice").text
        want = kpis_expected(published, ViewState(departements=("31",)))
        until(lambda: kpis_shown(dash_br) == want, timeout=30)
        until(lambda: "Données de démonstration" in dash_br.find_element(
            "#header-demo-badge").text, timeout=30)
        assert badge not in dash_br.driver.find_element(By.TAG_NAME, "body").text
