"""A scenario edit redraws the coverage map, not the coverage tables (issue 12): the tables
listen to the roadmap's options only (``callbacks/coverage.py``), so adding a site sends no
request for them, and changing an option does."""

from __future__ import annotations

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.by import By

from layouts import ids
from tests.test_browser import app, click, open_app
from tests.test_browser_roadmap import scenario_tokens
from tests.test_browser_tabs import RECORD_REQUESTS, _posts

pytestmark = pytest.mark.browser
__all__ = ["app"]

TABLES = f"..{ids.COVERAGE_BY_DEP}.figure"  # the first output of update_coverage_tables
MAP = f"..{ids.COVERAGE_MAP}.figure"


def test_a_scenario_edit_does_not_recompute_the_tables(dash_duo, app):
    open_app(dash_duo, app, "?vue=couverture&rayon=10&k=3")
    add = "#coverage-suggestions button"
    until(lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, add), timeout=60,
          msg="no suggestion to add")
    dash_duo.driver.execute_script(RECORD_REQUESTS)
    _posts(dash_duo)  # the first page's requests are not this test's
    click(dash_duo, dash_duo.driver.find_elements(By.CSS_SELECTOR, add)[0])
    until(lambda: len(scenario_tokens(dash_duo.driver)) == 1, timeout=30,
          msg="the button did not add a site")
    posts = _posts(dash_duo)
    assert any(o.startswith(MAP) for o in posts), posts  # the map shows the scenario
    assert not any(o.startswith(TABLES) for o in posts), posts
    # an option the tables depend on: they are computed again
    dash_duo.driver.execute_script(
        "window.dash_clientside.set_props('roadmap-candidates', {value: 'both'});")
    until(lambda: any(o.startswith(TABLES) for o in dash_duo.driver.execute_script(
        "return window.__posts;")), timeout=30, msg="the tables ignored an option change")
    _posts(dash_duo)  # let the requests finish before the server stops
