"""Fact sheets: their figures are the dashboard's for the same territory and filters."""

from __future__ import annotations

import math

import pytest

from dashboard.dataset import get_published_dataset
from dashboard.filters import ViewState
from dashboard.portrait import (
    Territory,
    make_portrait,
    parse_territories,
    region_figures,
    territory_query,
)

KPI_KEYS = ("venues", "labelled", "communes_with_venue", "communes", "population",
            "population_with_venue", "population_share", "funding", "funding_per_capita")


@pytest.fixture(scope="module")
def data():
    return get_published_dataset()


def test_parse_keeps_known_territories_and_reports_the_others(data):
    territory, compare, ignored = parse_territories(
        "?territoire=epci:200066223&comparer=departement:31&usage=fablab", data)
    assert territory == Territory("epci", "200066223")
    assert compare == Territory("departement", "31")
    assert ignored == []
    territory, compare, ignored = parse_territories(
        "?territoire=departement:99&comparer=canton:1", data)
    assert territory is None and compare is None
    assert ignored == [("territoire", "departement:99"), ("comparer", "canton:1")]
    assert territory_query(Territory("commune", "31555"), Territory("departement", "31")) == \
        "territoire=commune:31555&comparer=departement:31"


@pytest.mark.parametrize("state", [
    ViewState(),
    ViewState(usages=("fablab", "coworking"), labels=("labellise",), radius_km=10),
    ViewState(call="label_2021"),
])
def test_a_department_sheet_equals_the_dashboard_filtered_on_it(data, state):
    for code in ("31", "48"):
        sheet = make_portrait(data, state, Territory("departement", code))
        dash_state = ViewState(**{**state.__dict__, "departements": (code,)})
        kpis = data.view(dash_state).kpis
        for key in KPI_KEYS:
            a, b = sheet.figures[key], kpis[key]
            assert (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b), (code, key)
        summary = data.coverage_report(dash_state).summary
        assert sheet.figures["covered_population"] == summary["covered_population"]
        assert sheet.figures["coverage_rate"] == pytest.approx(summary["coverage_rate"])
        row = data.level_values(dash_state, "departement").loc[code]
        assert sheet.figures["venues_per_10k"] == pytest.approx(row["venues_per_10k"])
        assert len(sheet.venues) == kpis["venues"]


@pytest.mark.parametrize("level, code", [("epci", "243100518"), ("epci", "200066223"),
                                         ("commune", "31555"), ("commune", "34172")])
def test_an_epci_or_commune_sheet_equals_the_map_values(data, level, code):
    state = ViewState(usages=("coworking",))
    sheet = make_portrait(data, state, Territory(level, code))
    row = data.level_values(state, level).loc[code]
    assert sheet.figures["venues"] == row["venues"]
    assert sheet.figures["population"] == row["population"]
    assert sheet.figures["funding"] == pytest.approx(row["funding"])
    assert sheet.figures["venues_per_10k"] == pytest.approx(row["venues_per_10k"])
    by_epci = data.coverage_report(state).distances
    if level == "epci":
        part = by_epci[by_epci["epci_siren"] == code]
        cov = part["distance_km"].le(state.radius_km)
        assert sheet.figures["covered_population"] == int(part.loc[cov, "population"].sum())
    # the nearest venue from the main town is the one the coverage distances name
    insee, _ = sheet.main_town
    nearest = by_epci.loc[insee]
    assert sheet.nearest["distance_km"].iloc[0] == pytest.approx(nearest["distance_km"])
    assert sheet.nearest["venue_id"].iloc[0] == nearest["nearest_venue"]
    assert list(sheet.nearest["distance_km"]) == sorted(sheet.nearest["distance_km"])


def test_funding_per_call_adds_up_and_the_region_is_the_dashboard_default(data):
    sheet = make_portrait(data, ViewState(), Territory("departement", "34"))
    assert sheet.calls["recorded_eur"].sum() == pytest.approx(sheet.figures["funding"])
    region = region_figures(data, ViewState())
    kpis = data.view(ViewState()).kpis
    assert region["venues"] == kpis["venues"] and region["funding"] == kpis["funding"]
    assert region["coverage_rate"] == pytest.approx(
        data.coverage_report(ViewState()).summary["coverage_rate"])
    whole = make_portrait(data, ViewState(), None)
    assert whole.figures["venues"] == kpis["venues"] and whole.name == "Occitanie"
