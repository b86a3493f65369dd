"""The venue grid served a page at a time (issue 12): the server's search, column filters
and sort against a plain loop over the rows, on the demo registry."""

from __future__ import annotations

import unicodedata

import pytest

from dashboard.dataset import get_published_dataset
from dashboard.venue_table import (
    SEARCHED_FIELDS,
    page_rows,
    query_table,
    records,
    venue_rows,
    venue_table,
)


@pytest.fixture(scope="module")
def table():
    demo = get_published_dataset("demo")
    return venue_table(demo.registry.venues, demo.registry.funding, "fr")


def _ids(frame):
    return list(frame["venue_id"])


def _shown(value) -> str:
    return "" if value is None else str(value).lower()


def test_the_table_is_the_rows_of_venue_rows(table):
    demo = get_published_dataset("demo")
    assert records(table) == venue_rows(demo.registry.venues, demo.registry.funding, "fr")


def test_quick_search_needs_every_word_somewhere_in_the_row(table):
    rows = records(table)
    for search in ("fablab", "Toulouse coworking", "LABELLISÉ 31", "nothing-like-this"):
        words = search.lower().split()
        expected = [r["venue_id"] for r in rows
                    if all(any(w in _shown(r[f]) for f in SEARCHED_FIELDS) for w in words)]
        assert _ids(query_table(table, search=search)) == expected, search
    assert 0 < len(query_table(table, search="Toulouse coworking")) < len(table)


def test_column_filters_as_ag_grid_sends_them(table):
    rows = records(table)
    model = {"name": {"filterType": "text", "type": "contains", "filter": "FAB"},
             "label_year": {"filterType": "number", "operator": "OR", "conditions": [
                 {"filterType": "number", "type": "lessThanOrEqual", "filter": 2018},
                 {"filterType": "number", "type": "inRange", "filter": 2018,
                  "filterTo": 2021}]}}
    expected = [r["venue_id"] for r in rows if "fab" in r["name"].lower()
                and r["label_year"] is not None
                and (r["label_year"] <= 2018 or 2018 < r["label_year"] < 2021)]
    assert {r["label_year"] for r in rows if r["venue_id"] in expected} == {2018, 2019}
    assert expected and _ids(query_table(table, filter_model=model)) == expected
    blank = {"label_year": {"filterType": "number", "type": "blank"},
             "commune": {"filterType": "text", "type": "startsWith", "filter": "saint"}}
    expected = [r["venue_id"] for r in rows if r["label_year"] is None
                and r["commune"].lower().startswith("saint")]
    assert expected and _ids(query_table(table, filter_model=blank)) == expected


def _fold(text) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def test_sort_by_two_columns_unknown_first_when_ascending(table):
    rows = records(table)
    sort = [{"colId": "label_year", "sort": "desc"}, {"colId": "name", "sort": "asc"}]
    known = sorted((r for r in rows if r["label_year"] is not None),
                   key=lambda r: (-r["label_year"], _fold(r["name"])))
    unknown = sorted((r for r in rows if r["label_year"] is None), key=lambda r: _fold(r["name"]))
    got = query_table(table, sort_model=sort)
    assert _ids(got) == [r["venue_id"] for r in known + unknown]  # descending: unknown last
    up = query_table(table, sort_model=[{"colId": "funding_eur", "sort": "asc"}])
    assert up["funding_eur"].is_monotonic_increasing
    # a page is a slice of the sorted rows, as JSON-ready dicts
    page = page_rows(got, 50, 100)
    assert [r["venue_id"] for r in page] == [r["venue_id"] for r in (known + unknown)[50:100]]
    assert page_rows(got, len(got) + 10, len(got) + 60) == []
