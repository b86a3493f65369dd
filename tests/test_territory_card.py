"""The card a click on the map opens (callbacks/portrait.py): that territory's fact sheet
with the current filters, language and dataset; nothing for a click on a venue."""

from __future__ import annotations

import pytest

from callbacks.portrait import clicked_territory, update_territory_card
from dashboard.dataset import get_published_dataset, save_session_dataset
from dashboard.filters import ViewState, state_to_dict
from dashboard.portrait import Territory


def _state(**kw):
    return state_to_dict(ViewState(**kw))


@pytest.mark.parametrize("level, clicked, territory", [
    ("commune", "31555", Territory("commune", "31555")),
    ("epci", "243100518", Territory("epci", "243100518")),
    ("departement", "31", Territory("departement", "31")),
    ("epci", "31555", Territory("commune", "31555")),  # an id of another level: found there
])
def test_the_clicked_territory_and_its_fact_sheet(level, clicked, territory):
    state = {**_state(level=level, departements=("31",), usages=("fablab",), lang="en"),
             "dataset": save_session_dataset(get_published_dataset())}
    found, href = clicked_territory(state, {"points": [{"location": clicked}]})
    assert found == territory
    niveau = "" if level == "commune" else f"&niveau={level}"  # communes: the default
    assert href == (f"/portrait?departement=31&usage=fablab{niveau}&lang=en"
                    f"&session={state['dataset']}&territoire={territory.key}")


def test_a_click_opens_the_card_with_the_name_the_link_and_the_filter():
    state = _state(level="epci", departements=("31",))
    hidden, title, href, label, new_tab, note = update_territory_card(
        {"points": [{"location": "243100518"}]}, state, None, True)
    assert hidden is False and href == new_tab and href.endswith("territoire=epci:243100518")
    assert title[0].children == "Toulouse Métropole"
    assert title[2].children == "Intercommunalité (EPCI)"
    assert label == "Ouvrir son portrait"
    assert note == "Le tableau de bord est filtré sur : Haute-Garonne."


def test_a_click_on_a_venue_or_nowhere_closes_it():
    for click in ({"points": [{"lat": 43.6, "lon": 1.44}]}, None, {"points": []}):
        assert update_territory_card(click, _state(), None, False)[0] is True
