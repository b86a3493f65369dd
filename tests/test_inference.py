"""Column inference from content: files whose headers say nothing we know."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.importing.inference import (
    Vocabulary,
    infer_columns,
    looks_like_data,
    missing_required,
    profile_column,
)
from tests.conftest import SHARED_DATA

OPEN = SHARED_DATA / "open"


@pytest.fixture(scope="module")
def vocab(occitanie):
    return Vocabulary.from_reference(occitanie.communes, occitanie.gazetteer)


def _frame(columns: dict[str, list[str]]) -> pd.DataFrame:
    return pd.DataFrame(columns, dtype=object)


def test_each_kind_is_found_by_its_values_alone(vocab):
    """Headers « A »…« H » say nothing; every field comes from the values (hand-made rows:
    Toulouse, Montpellier, Albi, Cahors)."""
    frame = _frame({
        "A": ["La Serre", "La Fabrique", "Le Lab Albi", "Quai des Savoirs"],
        "B": ["27 allée Maurice Sarraut", "10 rue Chaptal", "3 place du Vigan", "2 rue X"],
        "C": ["31555", "34172", "81004", "46042"],
        "D": ["31300", "34000", "81000", "46000"],
        "E": ["43.594005", "43.605128", "43.92", "44.45"],
        "F": ["1.421281", "3.870167", "2.14", "1.44"],
        "G": ["www.la-serre.org", "https://lafabrique.net", "", "quai.fr"],
        "H": ["Coworking", "FabLab", "coworking, fablab", "Médiathèque"],
        "I": ["2018", "2019", "2017", "2021"],
        "J": ["Toulouse", "Montpellier", "Albi", "Cahors"],
    })
    found = infer_columns(frame, vocab)
    assert {f: i.column for f, i in found.items()} == {
        "name": "A", "commune_insee": "C", "postcode": "D", "lat": "E", "lon": "F",
        "url": "G", "usages": "H", "opened_year": "I", "city": "J"}
    assert found["commune_insee"].reason == "content.commune_insee"
    assert found["commune_insee"].params["share"] == 1.0
    assert found["url"].confidence == 1.0  # the empty cell is not counted


def test_header_matches_win_and_are_not_reassigned(vocab):
    frame = _frame({"nom": ["x", "y"], "C": ["31555", "34172"], "D": ["31555", "34172"]})
    found = infer_columns(frame, vocab, known={"name": "nom", "commune_insee": "D"})
    assert found["commune_insee"].column == "D" and found["commune_insee"].reason == "header"
    assert found["name"].reason == "header"
    assert "C" not in {i.column for i in found.values()}


def test_placeholders_do_not_count_and_the_leftmost_of_equals_wins(vocab):
    """CGET's INSEECOM holds « 0 » for half its rows: still INSEE codes, and it stands left of
    a second column of codes (the metropole's)."""
    frame = _frame({"INSEECOM": ["31555", "0", "0", "34172"],
                    "INSEEMETRO": ["31555", "31555", "34172", "34172"]})
    found = infer_columns(frame, vocab)
    assert found["commune_insee"].column == "INSEECOM"


def test_flags_and_department_codes_are_not_labels_or_coordinates(vocab):
    frame = _frame({"METRO": ["0", "1", "1", "0"] * 5, "DEP": ["46", "48", "31", "34"] * 5,
                    "POP": ["275318", "466297", "58826", "75701"] * 5})
    found = infer_columns(frame, vocab)
    assert not set(found) & {"label_status", "lat", "lon", "commune_insee", "postcode"}


def test_addresses_and_commune_names_are_not_taken_for_venue_names(vocab):
    frame = _frame({"ville": ["Toulouse", "Albi", "Rodez", "Auch"],
                    "adr": ["1 rue A", "2 avenue B", "chemin C", "3 place D"],
                    "lieu": ["Atelier Un", "La Grange", "Le Hangar", "Cowork Sud"]})
    assert infer_columns(frame, vocab)["name"].column == "lieu"


def test_label_words_are_found_in_a_low_cardinality_column(vocab):
    frame = _frame({"statut": ["Labellisé", "candidat", "Labellisé", "non labellisé"] * 3})
    assert infer_columns(frame, vocab)["label_status"].column == "statut"
    assert profile_column("statut", ["1", "0"] * 6, vocab).shares["label_status"] == 0.0


@pytest.mark.parametrize("fields, missing", [
    ({"name", "lat", "lon"}, []),
    ({"name", "city"}, []),
    ({"name", "lat"}, ["place"]),
    ({"commune_insee"}, ["name"]),
    (set(), ["name", "place"]),
])
def test_missing_required_fields(fields, missing):
    assert missing_required(fields) == missing


@pytest.mark.parametrize("file", ["cget_tierslieux_2019_occitanie.csv",
                                  "cget_tierslieux_2019_france.csv"])
def test_the_cget_census_without_its_headers(vocab, file):
    """The real census with its header row replaced by « c0 … c27 »: name, commune code,
    coordinates, web site and typology all come back from the values."""
    path = OPEN / file
    if not path.exists():
        pytest.skip(f"{path} absent (the shared reference data sits beside the repo)")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    headers = list(frame.columns)
    frame.columns = [f"c{i}" for i in range(len(headers))]
    found = {f: headers[int(i.column[1:])] for f, i in infer_columns(frame, vocab).items()}
    assert found["name"] == "NOM_TL"
    assert found["commune_insee"] == "INSEECOM"
    assert (found["lat"], found["lon"]) == ("LAT", "LONG")
    assert found["url"] == "WEB"
    assert found["usages"] == "TYPO"
    assert found["postcode"] == "CP"


@pytest.mark.parametrize("row, headerless", [
    (["13", "La Fabrique", "10 Rue Chaptal", "34000", "Montpellier", "43.605128"], True),
    (["La Serre", "Toulouse", "www.la-serre.org"], True),
    (["ID", "NOM_TL", "ADRESSE", "CP", "LAT", "LONG"], False),
    (["nom du lieu", "commune", "année 2019"], False),
    (["Liste des lieux", "", ""], False),
])
def test_a_first_row_of_values_means_no_header(row, headerless):
    assert looks_like_data(row) is headerless
