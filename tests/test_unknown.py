"""Unknown is not zero: a registry without usages, label statuses or grants says so."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from callbacks.funding import update_funding
from callbacks.hybridation import update_hybridation
from callbacks.kpis import update_kpis
from callbacks.venues import update_venue_rows
from dashboard.completeness import recorded_fields
from dashboard.dataset import (
    dataset_from_import,
    get_published_dataset,
    save_session_dataset,
    session_dataset,
)
from dashboard.filters import ViewState, state_to_dict

NO_GRANT = pd.DataFrame({"venue_id": [], "call_id": [], "amount_eur": []})


def _bare_registry_key() -> str:
    """The demo venues stripped of usages and label statuses, with no funding file: what a
    census such as CGET's gives."""
    published = get_published_dataset()
    venues = published.registry.venues.assign(usages="", label_status="inconnu",
                                              label_year=pd.NA, opened_year=pd.NA)
    data = dataset_from_import(published.reference, venues, published.registry.calls, None,
                               "recensement.csv")
    return save_session_dataset(data)


def _state(tab: str, key: str) -> dict:
    return {**state_to_dict(ViewState(tab=tab)), "dataset": key}


def test_recorded_fields_are_read_from_the_values():
    venues = pd.DataFrame({"usages": ["", "coworking"], "label_status": ["inconnu", "inconnu"],
                           "label_year": [pd.NA, pd.NA], "opened_year": [pd.NA, 2019]})
    assert recorded_fields(venues, NO_GRANT) == {"usages", "opened_year"}
    grants = pd.DataFrame({"venue_id": ["a"], "call_id": ["c"], "amount_eur": [0.0]})
    assert "funding" in recorded_fields(venues, grants)  # a recorded 0 € grant is known


def test_key_figures_say_not_recorded_instead_of_zero(occitanie):
    key = _bare_registry_key()
    venues, labelled, communes, share, money, per_capita, *subs = update_kpis(
        _state("carte", key))
    assert venues == "400"
    assert labelled == money == per_capita == "non renseigné"
    assert subs[1] == "ce registre ne renseigne pas le label"
    assert subs[4] == "aucun financement dans ce registre"
    published = update_kpis(state_to_dict(ViewState()))
    assert published[1] == "120" and "non renseigné" not in published


def test_hybridation_and_funding_panels_explain_instead_of_drawing_zeros(occitanie):
    key = _bare_registry_key()
    figures = update_hybridation(_state("hybridation", key))
    texts = {f.layout.annotations[0].text for f in figures}
    assert texts == {"Ce registre ne renseigne pas les usages des lieux : pas d'hybridation à "
                     "montrer."}
    by_call, cumulative, per_capita, table = update_funding(_state("financements", key), None)
    assert all(not f.data for f in (by_call, cumulative, per_capita))  # no bar, no envelope
    assert "Aucun financement" in by_call.layout.annotations[0].text
    cells = str(table)
    assert "non renseigné" in cells and "0,00" not in cells
    response, _ = update_venue_rows({"startRow": 0, "endRow": 1000}, _state("lieux", key), "")
    rows = response["rowData"]
    assert len(rows) == 400 and all(r["funding_eur"] is None for r in rows)


def test_an_empty_selection_says_so_in_every_panel(occitanie):
    nothing = ViewState(tab="hybridation", usages=("cuisine_partagee",), labels=("candidat",),
                        departements=("48",))
    assert get_published_dataset().view(nothing).venues.empty
    figures = update_hybridation(state_to_dict(nothing))
    assert {f.layout.annotations[0].text for f in figures} == {
        "Aucun lieu ne correspond à ces filtres."}
    funding_figures = update_funding(state_to_dict(replace(nothing, tab="financements")),
                                     None)[:3]
    assert {f.layout.annotations[0].text for f in funding_figures} == {
        "Aucun lieu ne correspond à ces filtres."}


def test_slides_and_fact_sheets_say_not_recorded_too(occitanie):
    from dashboard.report_html import _figure_rows
    from dashboard.slides import build_slides, document_meta

    data = session_dataset(_bare_registry_key())
    state = ViewState()
    _, slides = build_slides(data, state, geojson=lambda level: {"type": "FeatureCollection",
                                                                  "features": []})
    figures = {f.label: f.value for s in slides for f in s.figures if s.key == "chiffres"}
    assert figures["Lieux labellisés"] == figures["Financements des lieux affichés"] \
        == "non renseigné"
    assert figures["Lieux affichés"] == "400"
    texts = {s.key: s.subtitle for s in slides}
    assert texts["hybridation"].startswith("Ce registre ne renseigne pas les usages")
    assert texts["financements"].startswith("Aucun financement")
    assert document_meta(data, state).recorded == data.recorded
    from dashboard.portrait import Territory, make_portrait, region_figures

    sheet = make_portrait(data, state, Territory("departement", "31"))
    rows = {r[0]: r[1:] for r in _figure_rows([sheet], region_figures(data, state), "fr",
                                              data.recorded)}
    assert rows["Lieux labellisés"] == ["non renseigné", "non renseigné"]
    assert rows["Financements par habitant"] == ["non renseigné", "non renseigné"]


def test_the_map_of_grants_per_inhabitant_is_unknown_without_grants(occitanie):
    """A registry with no funding file: the map's « financements par habitant » has no
    value anywhere (grey, « non renseigné »), not 0 € in every commune."""
    from dashboard.dataset import session_dataset

    data = session_dataset(_bare_registry_key())
    values = data.level_values(ViewState(), "commune", distance=False)
    assert values["funding_per_capita"].isna().all() and values["funding"].isna().all()
    assert (values["venues"] > 0).any()  # the venues themselves are known
    published = get_published_dataset().level_values(ViewState(), "commune", distance=False)
    assert published["funding_per_capita"].notna().all()  # grants recorded: 0 € is a value
