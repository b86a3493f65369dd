"""Validation of the canonical registry, on the tiny hand-made reference layer."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import canonical, registry

COLUMNS = ["venue_id", "name", "commune_insee", "lat", "lon", "usages", "label_status",
           "label_year", "opened_year", "url", "source"]
GOOD = dict(venue_id="V1", name="Lieu A", commune_insee="31001", lat="43.05", lon="1.05",
            usages="coworking|fablab", label_status="labellise", label_year="2018",
            opened_year="2015", url="https://example.org/a", source="test")


def venues_table(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame([{**GOOD, **r} for r in rows], columns=COLUMNS)


def validate(tiny, *rows):
    return canonical.validate_venues(venues_table(*rows), tiny.communes, tiny.departements,
                                    file="lieux.csv")


def test_a_clean_row_is_accepted_and_typed(tiny):
    venues, report = validate(tiny, {})
    assert report.counts() == {"accepted": 1, "repaired": 0, "rejected": 0}
    v = venues.iloc[0]
    assert (v["commune_insee"], v["dep_code"], v["epci_siren"]) == ("31001", "31", "200000001")
    assert v["usages"] == "coworking|fablab" and v["label_year"] == 2018
    assert v["commune_name"] == "Alpha"


# The table of bad rows and the message each gets (row 2 is the first data row).
BAD_ROWS = [
    ({"usages": "coworking|brasserie"}, "repaired", "usages",
     "usage(s) inconnu(s) ignoré(s) : brasserie"),
    ({"commune_insee": "99999", "lat": "", "lon": ""}, "rejected", "commune_insee",
     "code INSEE « 99999 » : aucune commune de ce code dans le référentiel"),
    ({"commune_insee": "99999"}, "repaired", "commune_insee",
     "code INSEE « 99999 » inconnu : remplacé par 31001 (Alpha) d'après les coordonnées"),
    # In Gamma's department (32) while declared in Alpha (31), 11 km north of dept 31
    ({"lat": "43.2", "lon": "1.05"}, "repaired", "lat/lon",
     "à 11 km du département 31 de la commune 31001 : remplacées par le point de référence"),
    ({"commune_insee": "", "lat": "", "lon": ""}, "rejected", "commune_insee",
     "ni code INSEE ni coordonnées"),
    ({"commune_insee": "", "lat": "48.85", "lon": "2.35"}, "rejected", "lat/lon",
     "hors du territoire et code INSEE absent"),
    ({"commune_insee": ""}, "repaired", "commune_insee",
     "code INSEE absent : 31001 (Alpha) déduit des coordonnées"),
    ({"name": "  "}, "rejected", "name", "nom du lieu manquant"),
    ({"venue_id": ""}, "rejected", "venue_id", "identifiant manquant"),
    ({"label_status": "super"}, "repaired", "label_status",
     "statut « super » inconnu : remplacé par « inconnu »"),
    ({"label_year": "2012"}, "repaired", "label_year", "hors de 2016–"),
    ({"opened_year": "l'an dernier"}, "repaired", "opened_year", "illisible"),
    ({"url": "example.org"}, "repaired", "url", "complété en https://"),
    ({"url": "/working_places"}, "repaired", "url", "ni http ni https : supprimée"),
    ({"url": "javascript:alert(1)"}, "repaired", "url", "ni http ni https : supprimée"),
    ({"lat": "43,05", "lon": "1,05"}, "repaired", "lat/lon", "virgule décimale"),
    ({"lat": "", "lon": ""}, "repaired", "lat/lon", "point de référence de la commune utilisé"),
    ({"lat": "95", "lon": "1.05"}, "repaired", "lat/lon", "hors limites"),
    ({"commune_insee": "9001"}, "repaired", "commune_insee", "complété en « 09001 »"),
]


@pytest.mark.parametrize("change, status, column, message", BAD_ROWS)
def test_bad_rows_get_a_french_message_naming_row_and_column(tiny, change, status, column,
                                                             message):
    venues, report = validate(tiny, change)
    problems = report.problems_frame()
    hit = problems[(problems["column"] == column) & problems["message"].str.contains(
        message, regex=False)]
    assert len(hit) == 1, problems.to_string()
    assert hit.iloc[0]["source_row"] == 2 and hit.iloc[0]["status"] == status
    assert hit.iloc[0]["file"] == "lieux.csv"
    rows = report.row_status()
    assert rows["status"].tolist() == [status]
    assert len(venues) == (0 if status == "rejected" else 1)


def test_duplicate_venue_id_rejects_the_second_and_names_the_first(tiny):
    venues, report = validate(tiny, {}, {"name": "Autre"}, {"venue_id": "V3"})
    rows = report.row_status()
    assert rows["status"].tolist() == ["accepted", "rejected", "accepted"]
    assert "identifiant « V1 » en double (déjà utilisé ligne 2)" in rows.at[1, "detail"]
    assert venues["venue_id"].tolist() == ["V1", "V3"]


def test_repaired_values_are_the_ones_kept(tiny):
    venues, _ = validate(tiny, {"url": "example.org", "usages": "FabLab | coworking | xx",
                                "lat": "", "lon": "", "commune_insee": "32002"})
    v = venues.iloc[0]
    assert v["url"] == "https://example.org"
    assert v["usages"] == "coworking|fablab"  # vocabulary order, unknown dropped
    c = tiny.communes.set_index("insee")
    assert (v["lat"], v["lon"]) == (c.at["32002", "ref_lat"], c.at["32002", "ref_lon"])


def test_no_row_is_lost(tiny):
    rows = [dict(r[0], venue_id=f"V{i}") if "venue_id" not in r[0] else r[0]
            for i, r in enumerate(BAD_ROWS)]
    venues, report = validate(tiny, *rows)
    counts = report.counts()
    assert sum(counts.values()) == len(rows) == report.rows_read
    assert counts["accepted"] + counts["repaired"] == len(venues)


def test_funding_rows_are_checked_against_venues_and_calls():
    table = pd.DataFrame({
        "venue_id": ["V1", "V9", "V1", "V1", "V1", "V2"],
        "call_id": ["c1", "c1", "cX", "c1", "c2", "c2"],
        "amount_eur": ["1000", "5", "5", "7", "-3", "12 500,50 €"],
    })
    funding, report = canonical.validate_funding(table, {"V1", "V2"}, {"c1", "c2"})
    rows = report.row_status()
    assert rows["status"].tolist() == ["accepted", "rejected", "rejected", "rejected",
                                       "rejected", "repaired"]
    assert "lieu « V9 » absent du registre" in rows.at[1, "detail"]
    assert "appel à projets « cX » inconnu" in rows.at[2, "detail"]
    assert "en double (déjà ligne 2)" in rows.at[3, "detail"]
    assert "montant négatif (-3 €)" in rows.at[4, "detail"]
    assert funding["amount_eur"].tolist() == [1000.0, 12500.5]


def test_calls_file_of_the_project_is_valid():
    from dashboard import config

    calls, report = canonical.validate_calls(canonical.read_table(config.DATA_DIR / "calls.csv"))
    assert report.problems == []
    c = calls.set_index("call_id")
    assert c.at["fabregion_2016", "envelope_eur"] == 1_068_000
    assert c.at["fabregion_2016", "winners"] == 8
    assert c.at["label_2018", "winners"] == 51 and c.at["label_2019", "winners"] == 36


@pytest.mark.parametrize("content, message", [
    (b"", "le fichier est vide"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "ce n'est pas un fichier texte CSV"),
    ("name;ville\nCaf\xe9;Albi\n".encode("cp1252"), "encodage non UTF-8"),
    (b"nom,ville\nA,B\n", "colonne(s) obligatoire(s) absente(s) : venue_id, name"),
])
def test_unreadable_files_raise_a_french_message_naming_the_file(tmp_path, content, message):
    path = tmp_path / "lieux.csv"
    path.write_bytes(content)
    with pytest.raises(canonical.RegistryFileError) as err:
        canonical.read_table(path, ("venue_id", "name"))
    assert message in str(err.value) and str(path) in str(err.value)


def test_usage_matrix_counts_by_hand():
    venues = pd.DataFrame({"usages": ["coworking|fablab", "fablab", ""]})
    m = registry.usage_matrix(venues)
    assert m["fablab"].tolist() == [True, True, False]
    assert m.sum().sum() == 3


# ----------------------------------------------------------------- problems as codes

CODES = [
    ({"usages": "coworking|brasserie"}, "usages.unknown", "repaired"),
    ({"commune_insee": "99999", "lat": "", "lon": ""}, "insee.unknown", "rejected"),
    ({"commune_insee": "99999"}, "insee.unknown_replaced", "repaired"),
    ({"lat": "43.2", "lon": "1.05"}, "point.outside_department", "repaired"),
    ({"commune_insee": "", "lat": "", "lon": ""}, "place.missing", "rejected"),
    ({"commune_insee": "", "lat": "48.85", "lon": "2.35"}, "point.outside_territory",
     "rejected"),
    ({"commune_insee": ""}, "insee.deduced", "repaired"),
    ({"name": "  "}, "name.missing", "rejected"),
    ({"venue_id": ""}, "id.missing", "rejected"),
    ({"label_year": "2012"}, "year.out_of_range", "repaired"),
    ({"url": "/working_places"}, "url.dropped", "repaired"),
    ({"lat": "43,05", "lon": "1,05"}, "decimal.comma", "repaired"),
    ({"lat": "95", "lon": "1.05"}, "coordinates.out_of_range", "repaired"),
    ({"commune_insee": "9001"}, "insee.padded", "repaired"),
]


@pytest.mark.parametrize("change, code, status", CODES)
def test_each_problem_has_a_stable_code_and_its_declared_status(tiny, change, code, status):
    from dashboard.report import PROBLEMS

    _, report = validate(tiny, change)
    codes = [p.code for p in report.problems]
    assert code in codes
    assert PROBLEMS[code] == status == report.row_status()["status"].iloc[0]


def test_problems_are_rendered_in_french_and_english_from_their_code(tiny):
    _, report = validate(tiny, {"commune_insee": "9001", "url": "example.org"})
    fr = report.row_status("fr").at[0, "detail"]
    en = report.row_status("en").at[0, "detail"]
    assert "code INSEE « 9001 » complété en « 09001 » (zéro initial perdu)" in fr
    assert "INSEE code “9001” completed as “09001” (leading zero lost)" in en
    assert "“example.org” without protocol: https:// added" in en
    frame = report.problems_frame("en")
    assert set(frame["code"]) == {"insee.padded", "insee.unknown_replaced", "url.completed"}


def test_every_declared_problem_has_a_sentence_in_every_language():
    from dashboard.i18n import LANGS, catalogue
    from dashboard.report import NOTE, PROBLEMS, REJECTED, REPAIRED

    assert set(PROBLEMS.values()) <= {REPAIRED, REJECTED, NOTE}
    for lang in LANGS:
        keys = {k.removeprefix("problem.") for k in catalogue(lang) if k.startswith("problem.")}
        assert keys == set(PROBLEMS), lang


def test_an_undeclared_code_cannot_be_recorded():
    from dashboard.report import Report

    with pytest.raises(KeyError):
        Report("x.csv", [2]).add("made.up", 2, "name")


def test_funding_duplicate_of_a_rejected_row_is_kept():
    """The first grant of a (venue, call) pair is the first one *kept*: a later valid row is
    not rejected as the duplicate of a row that was itself rejected."""
    table = pd.DataFrame({"venue_id": ["V1", "V1"], "call_id": ["c1", "c1"],
                          "amount_eur": ["-5", "100"]})
    funding, report = canonical.validate_funding(table, {"V1"}, {"c1"})
    assert report.row_status()["status"].tolist() == ["rejected", "accepted"]
    assert funding["amount_eur"].tolist() == [100.0]


def test_distance_to_department_skips_projection_only_for_points_inside(occitanie):
    """The fast distance (0 without projecting for a point inside its department) equals the
    distance of every point projected, on points scattered across department borders."""
    import geopandas as gpd
    import numpy as np

    from dashboard.pipeline import _distance_to_department_m
    from dashboard.reference import metric_crs_for_department

    rng = np.random.default_rng(7)
    pick = occitanie.communes.sample(600, replace=True, random_state=7)
    points = gpd.GeoSeries(gpd.points_from_xy(
        pick["ref_lon"].to_numpy() + rng.normal(0, 0.08, 600),
        pick["ref_lat"].to_numpy() + rng.normal(0, 0.08, 600)), crs=4326)
    codes = pd.Series(pick["dep_code"].to_numpy())
    points.index = codes.index = np.arange(600) * 3 + 5  # rows of a registry, some skipped
    deps = occitanie.departements.set_index("code")
    projected = pd.Series([
        gpd.GeoSeries([p], crs=4326).to_crs(metric_crs_for_department(c)).distance(
            gpd.GeoSeries([deps.loc[c, "geometry"]], crs=4326)
            .to_crs(metric_crs_for_department(c)).iloc[0]).iloc[0]
        for p, c in zip(points, codes)], index=points.index)
    fast = _distance_to_department_m(points, codes, occitanie.departements)
    assert (projected > 0).sum() > 50 and (projected == 0).sum() > 300  # both kinds present
    assert fast.index.equals(points.index)
    assert np.allclose(fast.to_numpy(), projected.to_numpy(), atol=1e-6)
