"""The venue grid served a page at a time (issue 12), in Chromium, on a synthetic registry of
3,000 venues (a session, as an upload is): the pages and the sort the grid shows are the
server's query, and no answer grows with the registry."""

from __future__ import annotations

import json

import pytest
from dash.testing.wait import until

from dashboard.bench import synthetic_session
from dashboard.dataset import get_published_dataset, session_dataset
from dashboard.i18n import format_int
from dashboard.venue_table import query_table, venue_table
from tests.test_browser import app, click, open_app

pytestmark = pytest.mark.browser
__all__ = ["app"]  # the module-scoped fixture, shared with test_browser

# the size of every answer carrying grid rows, as the page receives it
RECORD_ROWS = """
if (window.__rowBytes) return;
window.__rowBytes = [];
const original = window.fetch;
window.fetch = function (url, options) {
  const call = original.apply(this, arguments);
  if (String(url).includes('_dash-update-component')
      && JSON.parse(options.body).output.includes('venues-grid.getRowsResponse')) {
    call.then(r => r.clone().text()).then(t => window.__rowBytes.push(t.length));
  }
  return call;
};
"""
# the venue ids of the rows the grid holds on its current page (null: not loaded yet)
PAGE_IDS = """
const api = window.dash_ag_grid && window.dash_ag_grid.getApi('venues-grid');
if (!api) return null;
const first = api.paginationGetCurrentPage() * api.paginationGetPageSize();
const ids = [];
for (let i = first; i < first + api.paginationGetPageSize(); i++) {
  const node = api.getDisplayedRowAtIndex(i);
  if (!node || !node.data) return null;
  ids.push(node.data.venue_id);
}
return [first, ids];
"""
N = 3000


def _page(dash_duo, first):
    got = dash_duo.driver.execute_script(PAGE_IDS)
    return got[1] if got and got[0] == first else None


def test_the_grid_pages_and_sorts_thousands_of_venues_with_small_answers(dash_duo, app):
    key = synthetic_session(get_published_dataset(), N)
    big = session_dataset(key)
    table = venue_table(big.registry.venues, big.registry.funding, "fr")
    open_app(dash_duo, app, "?vue=lieux")
    dash_duo.driver.execute_script(RECORD_ROWS)
    dash_duo.driver.execute_script(
        f"window.dash_clientside.set_props('dataset-key', {{data: {json.dumps(key)}}});")
    until(lambda: dash_duo.find_element("#venues-count").text.startswith(format_int(N)),
          timeout=60, msg="the grid never counted the synthetic registry's venues")
    until(lambda: _page(dash_duo, 0) == list(table["venue_id"][:50]), timeout=30,
          msg="the first page is not the registry's first 50 venues")

    # sort by name as a person does (a click on the header), then the next page
    click(dash_duo, dash_duo.find_element(".ag-header-cell[col-id='name'] .ag-header-cell-label"))
    by_name = list(query_table(table, sort_model=[{"colId": "name", "sort": "asc"}])["venue_id"])
    assert by_name[:50] != list(table["venue_id"][:50])
    until(lambda: _page(dash_duo, 0) == by_name[:50], timeout=30,
          msg="after the sort the first page is not the first 50 names")
    dash_duo.driver.execute_script(
        "window.dash_ag_grid.getApi('venues-grid').paginationGoToNextPage();")
    until(lambda: _page(dash_duo, 50) == by_name[50:100], timeout=30,
          msg="the second page is not names 51 to 100")
    paging = dash_duo.driver.execute_script(
        "return document.querySelector('.ag-paging-panel').innerText;")
    assert format_int(N) in paging  # « 51 à 100 sur 3 000 »

    sizes = dash_duo.driver.execute_script("return window.__rowBytes;")
    print("grid answers (bytes):", sizes)
    assert len(sizes) >= 3 and max(sizes) < 30_000  # 50 rows, whatever the registry's size
