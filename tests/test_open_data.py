"""The CGET 2019 census (Licence Ouverte 2.0), shipped in data/open/, imports with no mapping."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard import config
from dashboard.importing.venues import import_venues
from dashboard.reference import locate_points

OPEN = config.DATA_DIR / "open" / "cget-2019"


@pytest.mark.parametrize("file, rows", [("cget_tierslieux_2019_occitanie.csv", 165),
                                        ("cget_tierslieux_2019_france.csv", 1512)])
def test_the_census_imports_with_no_mapping(occitanie, file, rows):
    source = pd.read_csv(OPEN / file, dtype=str, keep_default_na=False)
    result = import_venues(OPEN / file, occitanie)
    counts = result.counts()
    assert sum(counts.values()) == rows == len(source)  # every row accounted for
    assert result.plan.columns == {
        "venue_id": "ID", "name": "NOM_TL", "postcode": "CP", "commune_insee": "INSEECOM",
        "city": "NOMCOM", "url": "WEB", "usages": "TYPO", "lat": "LAT", "lon": "LONG"}
    venues = result.venues.set_index("venue_id")
    given = source.set_index("ID")
    occitan = given[given["INSEEREG"] == "76"]
    assert set(occitan.index) <= set(venues.index)  # every Occitanie venue kept
    # the rows that give an INSEE code keep it
    coded = occitan[occitan["INSEECOM"] != "0"]
    assert (venues.loc[coded.index, "commune_insee"] == coded["INSEECOM"]).all()
    # the rows with INSEECOM = 0 are placed by their coordinates
    zero = occitan[occitan["INSEECOM"] == "0"]
    assert len(zero) == 84
    by_point = locate_points(zero["LONG"].astype(float).to_numpy(),
                             zero["LAT"].astype(float).to_numpy(), occitanie.communes)
    assert (venues.loc[zero.index, "commune_insee"].to_numpy() == by_point).all()
    # usages from TYPO; nothing invented where TYPO is empty
    expected = occitan["TYPO"].map({"Tiers lieux à dominante coworking": "coworking",
                                    "Tiers lieux à dominante fablab": "fablab", "": ""})
    assert (venues.loc[occitan.index, "usages"] == expected).all()
    assert (venues["label_status"] == "inconnu").all()  # the census records no label
    # the rest of France is outside the region: rejected with its reason, never silently
    outside = result.report[result.report["status"] == "rejected"]
    assert len(outside) == rows - len(result.venues)
    assert outside["detail"].str.contains("hors de la région").all()


def test_headerless_census_is_mapped_from_its_values(occitanie):
    """The same file with its header removed: the values alone find name, codes, points."""
    text = (OPEN / "cget_tierslieux_2019_occitanie.csv").read_text(encoding="utf-8")
    body = text.split("\n", 1)[1]
    result = import_venues(body.encode(), occitanie, file="sans_entete.csv")
    assert result.raw.header_row == 0
    found = {f: int(i.column.split("_")[1]) - 1 for f, i in result.plan.fields.items()}
    header = text.split("\n", 1)[0].split(",")
    named = {f: header[i] for f, i in found.items()}
    assert named["name"] == "NOM_TL"
    assert (named["lat"], named["lon"]) == ("LAT", "LONG")
    assert named["commune_insee"] == "INSEECOM"
    assert sum(result.counts().values()) == 165
    assert result.counts()["rejected"] == 0
    assert np.isin(result.venues["usages"], ["coworking", "fablab", ""]).all()


def test_the_shipped_conversion_is_what_the_command_makes(occitanie):
    """data/open/cget-2019/venues-76.csv is reproducible: `tierslieux data open` rebuilds it
    byte for byte (and it passes the strict canonical check)."""
    from dashboard.sources import cget_output, convert_cget

    venues, report = convert_cget(occitanie, "76")
    made = venues.to_csv(index=False, lineterminator="\n")
    assert made == cget_output("76").read_text(encoding="utf-8")
    assert len(report) == 165 and set(report["statut"]) <= {"acceptée", "réparée"}


def test_users_switch_to_the_census_by_permalink(occitanie):
    from callbacks.importing import update_provenance
    from callbacks.kpis import update_kpis
    from dashboard.dataset import get_published_dataset
    from dashboard.filters import parse_query, state_to_dict
    from dashboard.viewstate import Domain

    demo = get_published_dataset()
    state, ignored = parse_query("?donnees=cget-2019&departement=31", Domain.of(demo))
    assert ignored == [] and state.source == "cget-2019"
    census = get_published_dataset("cget-2019")
    assert len(census.registry.venues) == 165 and not census.is_demo
    assert "label_status" not in census.recorded and "funding" not in census.recorded
    k = update_kpis(state_to_dict(state))
    assert k[0] == "54"  # Haute-Garonne's census venues (data/open README: 31: 54)
    assert k[1] == k[4] == "non renseigné"
    badge, color, _, note, provenance = update_provenance(None, "fr", state_to_dict(state))
    assert badge == "Recensement 2019 (CGET) — lieux réels" and color == "success"
    assert "CGET (ANCT), base Mission Coworking, 2019 — Licence Ouverte 2.0" in str(provenance)
    assert "ne renseigne ni le label" in note
    # an unknown registry in a link is reported, never fatal
    _, ignored = parse_query("?donnees=inconnu", Domain.of(demo))
    assert ignored == [("donnees", "inconnu")]


def test_documents_follow_the_chosen_registry_and_credit_it(occitanie):
    import app as app_module

    client = app_module.app.server.test_client()
    page = client.get("/presentation?donnees=cget-2019&departement=31")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Recensement 2019 (CGET)" in text and "Licence Ouverte 2.0" in text
    assert "Données de démonstration" not in text


def test_the_usage_panel_says_what_the_census_does_not_record(occitanie):
    from callbacks.hybridation import update_source_note
    from dashboard.filters import ViewState, state_to_dict

    census = state_to_dict(ViewState(tab="hybridation", source="cget-2019"))
    text, shown = update_source_note(census)
    assert shown and "un seul usage dominant par lieu" in text
    assert update_source_note(state_to_dict(ViewState(tab="hybridation"))) == ("", False)
