"""View state: query string round trip, unknown values, venue selection."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.filters import (
    ViewState,
    department_of,
    parse_query,
    select_funding,
    select_venues,
    state_from_dict,
    state_to_dict,
    to_query,
)
from dashboard.viewstate import Domain, controls_of, state_from_controls

DEPS = {"09", "31", "32", "81"}
CALLS = {"label_2018", "fabregion_2016"}
BOUNDS = (2016, 2021)
DOMAIN = Domain(DEPS, CALLS, BOUNDS)


def parse(search):
    return parse_query(search, DOMAIN)


def test_defaults_have_an_empty_query():
    state, ignored = parse("")
    assert state == ViewState() and ignored == [] and to_query(state) == ""


def test_full_query_round_trip():
    search = ("?departement=31,09&usage=fablab,coworking&mode=tous&label=labellise"
              "&appel=label_2018&annees=2018-2019&niveau=epci&indicateur=venues_per_10k"
              "&couleur=usage&lang=en")
    state, ignored = parse(search)
    assert ignored == []
    assert state.departements == ("09", "31")
    assert state.usages == ("coworking", "fablab")  # vocabulary order
    assert state.usage_mode == "all" and state.labels == ("labellise",)
    assert state.call == "label_2018" and state.years == (2018, 2019)
    assert (state.level, state.indicator, state.color_by, state.lang) == (
        "epci", "venues_per_10k", "usage", "en")
    again, _ = parse(to_query(state))
    assert again == state
    assert state_from_dict(state_to_dict(state)) == state


@pytest.mark.parametrize("search, ignored", [
    ("?departement=31,99", [("departement", "99")]),
    ("?usage=fablab,bowling", [("usage", "bowling")]),
    ("?label=gold", [("label", "gold")]),
    ("?niveau=canton", [("niveau", "canton")]),
    ("?indicateur=bonheur", [("indicateur", "bonheur")]),
    ("?lang=de", [("lang", "de")]),
    ("?appel=fabregion_2099", [("appel", "fabregion_2099")]),
    ("?annees=abc", [("annees", "abc")]),
    ("?niveau=epci&indicateur=distance_km", [("indicateur", "distance_km")]),
    ("?utm_source=mail", [("utm_source", "mail")]),
])
def test_unknown_values_are_ignored_and_reported(search, ignored):
    state, got = parse(search)
    assert got == ignored
    assert state.indicator in ("venues", "venues_per_10k")  # never the invalid one


def test_full_year_range_is_no_filter():
    assert parse("?annees=2010-2030")[0].years is None
    assert parse("?annees=2019-2030")[0].years == (2019, 2021)


def test_controls_to_state():
    state, rewrite = state_from_controls(
        dict(departements=["32", "31"], usages=["fablab"], usage_mode="any", labels=[],
             call=None, years=[2016, 2021], level="epci", indicator="distance_km",
             color_by="label"), DOMAIN, ViewState(lang="en"))
    assert state.departements == ("31", "32") and state.years is None
    assert state.indicator == "venues"  # distance only at commune level
    assert rewrite == ("indicator",)  # ... so its control must be written back
    assert state.lang == "en"  # no control shows the language: kept from the base state


@pytest.fixture
def venues():
    """Five venues, hand-made: id, department, usages, label, label year."""
    return pd.DataFrame({
        "venue_id": ["a", "b", "c", "d", "e"],
        "dep_code": ["31", "31", "32", "81", "81"],
        "usages": ["coworking|fablab", "fablab", "coworking", "", "culture|fablab"],
        "label_status": ["labellise", "candidat", "labellise", "inconnu", "labellise"],
        "label_year": pd.array([2018, None, 2019, None, 2021], dtype="Int64"),
    })


FUNDING = pd.DataFrame({"venue_id": ["a", "b", "e", "a"],
                        "call_id": ["fabregion_2016", "fabregion_2016", "label_2018",
                                    "label_2018"],
                        "amount_eur": [100.0, 50.0, 20.0, 5.0]})


@pytest.mark.parametrize("state, expected", [
    (ViewState(), "abcde"),
    (ViewState(departements=("31",)), "ab"),
    (ViewState(usages=("fablab",)), "abe"),
    (ViewState(usages=("coworking", "fablab")), "abce"),
    (ViewState(usages=("coworking", "fablab"), usage_mode="all"), "a"),
    (ViewState(labels=("labellise",)), "ace"),
    (ViewState(call="fabregion_2016"), "ab"),
    (ViewState(years=(2019, 2021)), "ce"),
    (ViewState(departements=("81",), usages=("fablab",), labels=("labellise",)), "e"),
    (ViewState(departements=("09",)), ""),
])
def test_select_venues_by_hand(venues, state, expected):
    assert "".join(select_venues(venues, FUNDING, state)["venue_id"]) == expected


def test_select_funding_keeps_the_chosen_call_only(venues):
    state = ViewState(call="label_2018")
    chosen = select_venues(venues, FUNDING, state)
    assert select_funding(FUNDING, chosen, state)["amount_eur"].sum() == 25.0
    assert select_funding(FUNDING, venues, ViewState())["amount_eur"].sum() == 175.0


def test_selection_does_not_modify_the_input(venues):
    before = venues.copy()
    select_venues(venues, FUNDING, ViewState(usages=("fablab",)))
    pd.testing.assert_frame_equal(venues, before)


def test_department_of_a_clicked_territory(tiny):
    c = tiny.communes
    assert department_of(c, "commune", "32001") == "32"
    assert department_of(c, "departement", "31") == "31"
    assert department_of(c, "epci", "200000002") == "32"
    assert department_of(c, "commune", "nope") is None


def test_coverage_parameters():
    state, ignored = parse("?vue=couverture&rayon=25&k=5")
    assert (state.tab, state.radius_km, state.k) == ("couverture", 25, 5) and ignored == []
    assert to_query(state) == "?vue=couverture&rayon=25&k=5"
    state, ignored = parse("?vue=tableau&rayon=500&k=x")
    assert (state.tab, state.radius_km, state.k) == ("carte", 15, 10)
    assert ignored == [("vue", "tableau"), ("rayon", "500"), ("k", "x")]


def test_state_to_controls():
    state = ViewState(departements=("31",), usages=("fablab",), usage_mode="all",
                      years=(2018, 2019), tab="couverture", k=3)
    assert controls_of(state, DOMAIN) == {
        "departements": ["31"], "usages": ["fablab"], "usage_mode": "all", "labels": [],
        "call": None, "years": [2018, 2019], "level": "commune", "indicator": "venues",
        "color_by": "label", "lang": "fr", "tab": "couverture", "radius_km": 15, "k": 3,
        "source": None}
    assert controls_of(ViewState(), DOMAIN)["years"] == [2016, 2021]  # no filter: full slider


def test_controls_are_clamped_and_normalised():
    state, rewrite = state_from_controls(
        dict(departements=["99", "31"], years=[2010, 2019], radius_km=80, k="x", tab="tableau",
             call=""), DOMAIN, ViewState())
    assert (state.departements, state.years, state.radius_km, state.k, state.tab,
            state.call) == (("31",), (2016, 2019), 50, 10, "carte", None)
    assert rewrite == ()
