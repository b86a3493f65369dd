"""Importing users' files: the real 2017 registry, and nasty files built by the tests."""

from __future__ import annotations

import io
import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import cli
from dashboard.importing.columns import recognise_columns
from dashboard.importing.funding import import_funding, parse_amount
from dashboard.importing.locating import Gazetteer, name_key
from dashboard.importing.reading import ImportFileError, read_table_any
from dashboard.importing.repairs import fix_mojibake, map_usages
from dashboard.importing.venues import import_venues

# ----------------------------------------------------------------- the real 2017 registry


@pytest.fixture(scope="module")
def real(occitanie, request):
    from tests.conftest import REAL_REGISTRY

    if not REAL_REGISTRY.exists():
        pytest.skip(f"{REAL_REGISTRY} absent (the shared reference data sits beside the repo)")
    return import_venues(REAL_REGISTRY, occitanie), pd.read_csv(REAL_REGISTRY, dtype=str,
                                                                keep_default_na=False)


def test_every_row_of_the_real_registry_is_accounted_for(real):
    result, source = real
    assert len(source) == 104
    report = result.report
    assert report["source_row"].tolist() == list(range(2, 106))
    counts = result.counts()
    assert sum(counts.values()) == 104
    assert counts["accepted"] + counts["repaired"] == len(result.venues)
    assert set(result.aside.columns) == {"source_row", "member_id", "adresse"}


README_DUPLICATES = [
    ("HarryCow", "HarryCow"),
    ("Les Imaginations Fertiles", "Les Imaginations Fertiles"),
    ("Lab'Oïkos", "LAB'OIKOS  Saint AUBIN"),
    ("WAW ! Work Another Way", "WAW! Work Another Way"),
    ("Médiathèque Lo Gal", "Mediathèque Lo Gal"),
    ("La Cantine du Quai", "La  Cantine du Quai"),
    ("Télécentre Solozère de Meyrueis", "Télécentre de Meyrueis"),
    ("Etincelle", "Etincelle Coworking Toulouse Wilson"),
    ("Pépinière d'entreprises de Lomagne", "PEPINIERE D'ENTREPRISES"),
]


@pytest.mark.parametrize("first, second", README_DUPLICATES)
def test_the_known_duplicate_pairs_are_flagged_together(real, first, second):
    result, source = real
    rows = dict(zip(source.index + 2, source["nom"]))
    group = dict(zip(result.report["source_row"], result.report["duplicate_group"]))
    a = [r for r, n in rows.items() if n == first]
    b = [r for r, n in rows.items() if n == second]
    groups = {group[r] for r in a + b}
    assert len(groups) == 1 and groups != {""}, (first, second, groups)


def test_no_other_duplicates_than_the_known_ones(real):
    result, _ = real
    assert len(result.duplicate_groups) == len(README_DUPLICATES)
    assert all(len(g) == 2 for g in result.duplicate_groups)


def test_mojibake_is_repaired_and_said(real):
    result, _ = real
    addresses = " ".join(result.aside["adresse"])
    assert "Rue des Écoles" in addresses and "Rue Hermès" in addresses
    assert "Ã" not in addresses
    detail = result.report.set_index("source_row")["detail"]
    assert "adresse : caractères mal encodés réparés" in detail[4]
    assert "→ « 17 Rue des Écoles »" in detail[4]


def test_urls_repaired_or_dropped(real):
    result, source = real
    urls = dict(zip(result.venues["source_row"], result.venues["url"]))
    relative = [r for r, u in zip(source.index + 2, source["url"]) if u == "/working_places"]
    assert relative and all(urls[r] == "" for r in relative)
    bare = [r for r, u in zip(source.index + 2, source["url"]) if u == "www.laboikos.com"][0]
    assert urls[bare] == "https://www.laboikos.com"


def test_every_accepted_row_is_in_the_right_commune(real, occitanie):
    """Two independent routes: point in polygon on the raw coordinates, and postcode + name
    through the gazetteer. Where they agree, the import says the same; where they disagree,
    the report flags the row."""
    result, source = real
    pts = gpd.GeoDataFrame(source, geometry=gpd.points_from_xy(
        source["lng"].astype(float), source["lat"].astype(float)), crs=4326)
    joined = gpd.sjoin(pts, occitanie.communes[["insee", "geometry"]], how="left",
                       predicate="within")
    by_point = joined["insee"].groupby(level=0).first()
    gaz = Gazetteer(occitanie.gazetteer, occitanie.communes)
    by_name = [gaz.resolve(c, p.zfill(5))[0] for c, p in zip(source["ville"],
                                                              source["code_postal"])]
    imported = dict(zip(result.venues["source_row"], result.venues["commune_insee"]))
    detail = dict(zip(result.report["source_row"], result.report["detail"]))
    agree = disagree = 0
    for i in range(len(source)):
        row = i + 2
        p, n = by_point.get(i), by_name[i]
        if isinstance(p, str) and n and p == n:
            assert imported[row] == p
            agree += 1
        elif isinstance(p, str) and n:
            # near a generalised border the named commune holds; otherwise it is flagged
            assert imported[row] in (p, n)
            if imported[row] == p:
                assert "coordonnées dans" in detail[row]
            disagree += 1
    assert agree >= 95
    assert agree + disagree >= 100


def test_cedex_and_business_postcodes_are_resolved_by_name(real):
    result, source = real
    imported = dict(zip(result.venues["source_row"], result.venues["commune_insee"]))
    expected = {"31676": "31254", "30032": "30189", "34935": "34172", "82003": "82121"}
    for i, code in enumerate(source["code_postal"]):
        if code in expected:
            assert imported[i + 2] == expected[code]


def test_unknown_usages_and_labels_are_not_invented(real):
    result, _ = real
    assert (result.venues["usages"] == "").all()
    assert (result.venues["label_status"] == "inconnu").all()


# ----------------------------------------------------------------- nasty files, built here


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_windows_1252_semicolon_csv_with_decimal_commas(tmp_path, occitanie):
    text = ("Nom du lieu;Code postal;Ville;Latitude;Longitude;Typologie;Statut\n"
            "Café des Sciences;81000;Albi;43,9289;2,1464;Télécentre, FabLab;Labellisé\n"
            "L'Épicerie numérique;12000;Rodez;44,3506;2,5750;EPN;candidat\n")
    path = write(tmp_path, "lieux.csv", text.encode("cp1252"))
    raw = read_table_any(path)
    assert (raw.encoding, raw.separator) == ("windows-1252", ";")
    result = import_venues(raw, occitanie)
    v = result.venues.set_index("source_row")
    assert v.at[2, "name"] == "Café des Sciences"
    assert v.at[2, "commune_insee"] == "81004" and v.at[3, "commune_insee"] == "12202"
    assert v.at[2, "lat"] == pytest.approx(43.9289)
    assert v.at[2, "usages"] == "coworking|fablab"
    assert v.at[3, "usages"] == "mediation_numerique"
    assert v.at[2, "label_status"] == "labellise" and v.at[3, "label_status"] == "candidat"
    detail = result.report.set_index("source_row")["detail"]
    assert "virgule décimale convertie en point" in detail[2]
    assert "« Télécentre, FabLab » lu comme coworking, fablab" in detail[2]


def test_title_row_and_empty_row_above_the_header(tmp_path, occitanie):
    text = ("Recensement des tiers-lieux — export du 3 mars\n\n"
            "Nom,CP,Commune,Site web\nLa Forge,32000,Auch,laforge.example\n")
    raw = read_table_any(write(tmp_path, "export.csv", text.encode("utf-8")))
    assert raw.header_row == 3
    result = import_venues(raw, occitanie)
    assert result.report["source_row"].tolist() == [4]  # the row number the user sees
    assert result.venues.iloc[0]["commune_insee"] == "32013"
    assert result.venues.iloc[0]["url"] == "https://laforge.example"


def test_swapped_coordinates_are_detected(tmp_path, occitanie):
    text = "name,lat,lon\nLieu inversé,1.4442,43.6047\nLieu correct,43.6047,1.4442\n"
    result = import_venues(write(tmp_path, "x.csv", text.encode()), occitanie)
    v = result.venues.set_index("source_row")
    assert v.at[2, "lat"] == pytest.approx(43.6047) and v.at[2, "commune_insee"] == "31555"
    assert "latitude et longitude inversées" in result.report.set_index(
        "source_row").at[2, "detail"]
    assert result.report.set_index("source_row").at[3, "status"] == "accepted"


def test_postcodes_names_old_names_and_saint(tmp_path, occitanie):
    text = ("Nom,Code postal,Ville\n"
            "A,9300,LAVELANET\n"  # lost leading zero, upper case
            "B,48200,St Chely d'Apcher\n"  # « St », no accents, no hyphens
            "C,12320,Conques\n"  # former commune, merged into Conques-en-Rouergue
            "D,11000,Narbonne Cedex\n"
            "E,99999,Nulle-Part\n")
    result = import_venues(write(tmp_path, "x.csv", text.encode()), occitanie)
    insee = dict(zip(result.venues["source_row"], result.venues["commune_insee"]))
    assert insee == {2: "09160", 3: "48140", 4: "12218", 5: "11262"}
    report = result.report.set_index("source_row")
    assert "« 9300 » lu « 09300 »" in report.at[2, "detail"]
    assert "ancienne commune « Conques », fusionnée dans Conques-en-Rouergue" in report.at[
        4, "detail"]
    assert report.at[6, "status"] == "rejected"
    assert "introuvable" in report.at[6, "detail"]


def test_xlsx_that_openpyxl_refuses_is_read_by_calamine(tmp_path, occitanie):
    from tests.golden_cases import xlsx_refused_by_openpyxl

    path = write(tmp_path, "classeur.xlsx", xlsx_refused_by_openpyxl())
    with pytest.raises(Exception):
        pd.read_excel(path, engine="openpyxl")
    result = import_venues(path, occitanie)
    assert result.raw.format == "xlsx"
    assert result.venues["commune_insee"].tolist() == ["46042", "65440"]
    assert result.venues["usages"].tolist() == ["fablab", "atelier_partage"]


def test_ods_file(tmp_path, occitanie):
    """An ODS sheet (written with odfpy, a test dependency), read by content."""
    frame = pd.DataFrame({"Titre": ["Inventaire 2024", "", "Nom", "Tiers-lieu du Lot"],
                          "B": ["", "", "Commune", "Cahors"],
                          "C": ["", "", "Code postal", "46000"]})
    path = tmp_path / "inventaire.bin"  # the name says nothing: the content does
    frame.to_excel(path, index=False, header=False, engine="odf")
    result = import_venues(path, occitanie)
    assert result.raw.format == "ods" and result.raw.header_row == 3
    assert result.venues["commune_insee"].tolist() == ["46042"]
    assert result.report["source_row"].tolist() == [4]


def test_geojson_file(tmp_path, occitanie):
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [3.8767, 43.6108]},
         "properties": {"nom": "Lieu SIG", "label": "oui", "ouverture": "2019-05-01"}},
        {"type": "Feature", "geometry": None, "properties": {"nom": "Sans géométrie"}}]}
    result = import_venues(write(tmp_path, "lieux.geojson", json.dumps(doc).encode()),
                           occitanie)
    assert result.raw.format == "geojson"
    v = result.venues.set_index("source_row")
    assert v.at[1, "commune_insee"] == "34172" and v.at[1, "label_status"] == "labellise"
    assert v.at[1, "opened_year"] == 2019
    assert result.report.set_index("source_row").at[2, "status"] == "rejected"


@pytest.mark.parametrize("content, message", [
    (b"", "le fichier est vide"),
    (b"   \n\n", "le fichier est vide"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "format inconnu"),
    (b"juste une phrase sans tableau\n", "aucun tableau trouvé"),
])
def test_unusable_files_raise_a_french_message(tmp_path, content, message):
    with pytest.raises(ImportFileError, match=message) as err:
        read_table_any(write(tmp_path, "lieux.csv", content))
    assert "lieux.csv" in str(err.value)


def test_explicit_mapping_and_columns_kept_aside():
    cols, aside = recognise_columns(["Intitulé", "Ville", "Remarque"], {"Intitulé": "name"})
    assert cols == {"name": "Intitulé", "city": "Ville"}
    assert aside == ["Remarque"]


def test_fifty_thousand_rows_lose_nothing(tmp_path, occitanie):
    rng = np.random.default_rng(0)
    communes = occitanie.communes.sample(50_000, replace=True, random_state=1)
    frame = pd.DataFrame({"id": [f"V{i}" for i in range(50_000)],
                          "nom": [f"Lieu {i}" for i in range(50_000)],
                          "code insee": communes["insee"].to_numpy(),
                          "usages": rng.choice(["coworking", "fablab|culture", "EPN", "?"],
                                               50_000)})
    frame.loc[::997, "code insee"] = "00000"  # some rows cannot be placed
    path = write(tmp_path, "gros.csv", frame.to_csv(index=False).encode())
    result = import_venues(path, occitanie)
    counts = result.counts()
    assert sum(counts.values()) == 50_000 == len(result.report)
    assert counts["rejected"] == len(frame.loc[::997])
    assert len(result.venues) == 50_000 - counts["rejected"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)),
                                 max_size=12), min_size=3, max_size=3),
                min_size=1, max_size=25))
def test_random_tables_never_crash_nor_lose_a_row(occitanie, rows):
    """Any table under a recognisable header: every data row ends in the report, once."""
    frame = pd.DataFrame(rows, columns=["nom", "ville", "lat"])
    data = frame.to_csv(index=False).encode("utf-8")
    try:
        result = import_venues(data, occitanie, file="aleatoire.csv")
    except ImportFileError:
        return  # a file that is not a table is refused as a whole, with a message
    expected = result.raw.frame["source_row"].tolist()
    assert result.report["source_row"].tolist() == expected
    assert set(result.report["status"]) <= {"accepted", "repaired", "rejected"}
    assert len(result.venues) == int((result.report["status"] != "rejected").sum())


# ----------------------------------------------------------------- cells


def test_name_keys():
    assert name_key("ST-CHÉLY D'APCHER") == name_key("Saint-Chély-d'Apcher")
    assert name_key("Aiguillon (L')") == name_key("L'Aiguillon") == "aiguillon"
    assert name_key("Toulouse Cedex 9") == "toulouse"


def test_mojibake_and_usage_words():
    assert fix_mojibake("HermÃ¨s") == ("Hermès", True)
    assert fix_mojibake("Hermès") == ("Hermès", False)
    assert map_usages("Espace public numérique + Fab Lab")[0] == ["fablab",
                                                                  "mediation_numerique"]
    assert map_usages("coworking|fablab") == (["coworking", "fablab"], [], False)
    assert map_usages("bowling")[1] == ["bowling"]


@pytest.mark.parametrize("text, value", [("12 500,00 €", 12500.0), ("12500.5", 12500.5),
                                         ("12.500,50", 12500.5), ("3,5 k€", 3500.0),
                                         ("abc", None)])
def test_amounts(text, value):
    assert parse_amount(text)[0] == value


def test_funding_import(occitanie):
    from tests.golden_cases import FUNDING_CALLS as calls
    from tests.golden_cases import FUNDING_VENUES as venues

    text = ("Lieu;Ville;Appel;Année;Montant\n"
            "La Forge;Auch;FabRégion;2016;12 500,00 €\n"
            "Le Hangar;;Label Tiers Lieux;2018;3000\n"
            "La Forge;;label_2018;;100\n"  # two venues of that name: rejected
            "Le Hangar;Rodez;Appel inconnu;2030;5\n"
            "Le Hangar;Rodez;label_2018;;-5\n")
    result = import_funding(text.encode("utf-8"), venues, calls, file="fin.csv")
    rep = result.report.set_index("source_row")
    assert rep["status"].tolist() == ["repaired", "repaired", "rejected", "rejected",
                                      "rejected"]
    assert result.funding[["venue_id", "call_id", "amount_eur"]].values.tolist() == [
        ["V1", "fabregion_2016", 12500.0], ["V3", "label_2018", 3000.0]]
    assert "plusieurs lieux de ce nom" in rep.at[4, "detail"]
    assert "non reconnu" in rep.at[5, "detail"] and "montant négatif" in rep.at[6, "detail"]


# ----------------------------------------------------------------- command line


def test_cli_import_venues_writes_registry_and_report(capsys, tmp_path, occitanie):
    src = write(tmp_path, "in.csv", "Nom,Ville,CP\nLa Forge,Auch,32000\nX,,\n".encode())
    out, rep = tmp_path / "out.csv", tmp_path / "rep.csv"
    code = cli.main(["import", "venues", str(src), "--out", str(out), "--report", str(rep)])
    assert code == 0
    report = pd.read_csv(rep, dtype=str, keep_default_na=False)
    # French titles, statuses in words and the venue's name on each line (issue 10)
    assert list(report.columns) == ["ligne", "statut", "nom", "détail", "identifiant",
                                    "doublon"]
    assert report["statut"].tolist() == ["réparée", "rejetée"]
    assert report["nom"].tolist() == ["La Forge", "X"]
    assert report["ligne"].tolist() == ["2", "3"]
    registry_out = pd.read_csv(out, dtype=str)
    assert registry_out["commune_insee"].tolist() == ["32013"]
    assert cli.main(["data", "check", str(out)]) == 0


@pytest.mark.parametrize("content", [b"", b"\x00\x01binary\x02"])
def test_cli_import_unreadable_exits_2(capsys, tmp_path, content, occitanie):
    code = cli.main(["import", "venues", str(write(tmp_path, "x.csv", content))])
    assert code == 2 and "Erreur : Fichier x.csv" in capsys.readouterr().err


# ----------------------------------------------------------------- one pipeline, codes


def test_probable_duplicates_are_a_note_not_a_status(real):
    """A probable duplicate is the declared annotation ``duplicate.probable``: the row keeps
    the status its other problems give it; only accepted / repaired / rejected exist."""
    from dashboard.report import NOTE, PROBLEMS

    result, _ = real
    report = result.report
    assert set(report["status"]) <= {"accepted", "repaired", "rejected"}
    flagged = report[report["duplicate_group"] != ""]
    assert len(flagged) == 2 * len(README_DUPLICATES)
    notes = [p for p in result.problems.problems if p.code == "duplicate.probable"]
    assert PROBLEMS["duplicate.probable"] == NOTE
    assert sorted(p.row for p in notes) == sorted(flagged["source_row"])
    other = {p.row for p in result.problems.problems if p.code != "duplicate.probable"}
    alone = flagged[~flagged["source_row"].isin(other)]
    assert (alone["status"] == "accepted").all() and len(alone) > 0


def test_merged_duplicates_are_rejected_with_their_own_code(occitanie, real_registry_path):
    result = import_venues(real_registry_path, occitanie, merge_duplicates=True)
    merged = [p for p in result.problems.problems if p.code == "duplicate.merged"]
    assert len(merged) == len(README_DUPLICATES)
    assert len(result.venues) == result.counts()["accepted"] + result.counts()["repaired"]


def test_the_import_report_speaks_english_too(tmp_path, occitanie):
    text = "Nom,Code INSEE,Typologie\nLa Forge,9160,bowling\n,31555,\n"
    result = import_venues(text.encode(), occitanie, file="x.csv")
    fr = result.report_in("fr").set_index("source_row")["detail"]
    en = result.report_in("en").set_index("source_row")["detail"]
    assert "Code INSEE : code INSEE « 9160 » complété en « 09160 »" in fr[2]
    assert "Code INSEE: INSEE code “9160” completed as “09160”" in en[2]
    assert "; Typologie: unrecognised usage(s) ignored: bowling" in en[2]
    assert en[3] == "Nom: venue name missing"


def test_the_same_check_for_venues_whichever_way_they_come_in(tmp_path, occitanie):
    """A canonical file imported gives the problem codes the canonical check gives (the
    import repairs first, then validates with the same steps)."""
    from dashboard.canonical import validate_venues

    text = ("venue_id,name,commune_insee,lat,lon,usages,label_status,label_year\n"
            "A,Lieu A,31555,43.6045,1.4440,coworking,labellise,2012\n"
            "A,Lieu B,31555,,,coworking,labellise,\n"
            "C,,31555,,,coworking,labellise,\n")
    imported = import_venues(text.encode(), occitanie, file="x.csv")
    table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    _, checked = validate_venues(table, occitanie.communes, occitanie.departements)
    assert [(p.row, p.code) for p in imported.problems.problems] == [
        (p.row, p.code) for p in checked.problems]
    assert imported.report["status"].tolist() == checked.row_status()["status"].tolist()


def test_the_same_check_for_funding_whichever_way_it_comes_in():
    """Imported funding goes through canonical.check_funding: same codes as data check."""
    from dashboard.canonical import validate_funding

    venues = pd.DataFrame({"venue_id": ["V1", "V2"], "name": ["A", "B"]})
    calls = pd.DataFrame({"call_id": ["c1", "c2"], "programme": ["P", "P"],
                          "name": ["Un", "Deux"], "year": [2018, 2019]})
    text = ("venue_id,call_id,amount_eur\nV1,c1,1000\nV1,c1,7\nV2,c2,-3\nV2,c1,\n")
    imported = import_funding(text.encode(), venues, calls, file="f.csv")
    table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    funding, checked = validate_funding(table, {"V1", "V2"}, {"c1", "c2"})
    assert [(p.row, p.code) for p in imported.problems.problems] == [
        (p.row, p.code) for p in checked.problems] == [
        (3, "funding.duplicate"), (4, "funding.amount_negative"),
        (5, "funding.amount_unreadable")]
    assert imported.report["status"].tolist() == checked.row_status()["status"].tolist()
    assert imported.funding["amount_eur"].tolist() == funding["amount_eur"].tolist()


def test_summary_counts_rows_with_plurals(tmp_path, occitanie):
    from dashboard.importing.venues import report_summary

    one = import_venues("Nom,Ville\nLa Forge,Auch\n".encode(), occitanie, file="un.csv")
    assert "1 ligne lue — 0 acceptées, 1 réparées" in report_summary(one)


def test_cli_data_check_json_gives_each_problem_code(capsys, tmp_path, occitanie):
    path = write(tmp_path, "lieux.csv", (
        "venue_id,name,commune_insee,lat,lon,usages\n"
        "A,Lieu A,31555,43.6045,1.4440,bowling\nA,Lieu B,9160,,,\n").encode())
    code = cli.main(["data", "check", str(path), "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1 and out["rows"] == 2
    assert [(p["source_row"], p["code"], p["status"]) for p in out["problems"]] == [
        (3, "id.duplicate", "rejected"), (3, "insee.padded", "repaired"),
        (2, "usages.unknown", "repaired")]


# ----------------------------------------------------------------- duplicates, blocked


def _duplicates_by_brute_force(names, lat, lon, own):
    """Every pair compared: the definition the blocked search must agree with."""
    from shapely import points

    from dashboard.importing.duplicates import DUPLICATE_DISTANCE_M, _similar, _tokens

    n = len(names)
    parent = list(range(n))

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i

    ok = [i for i in range(n) if not (np.isnan(lat[i]) or np.isnan(lon[i]))]
    xy = gpd.GeoSeries(points(lon[ok], lat[ok]), crs=4326).to_crs(2154)
    pos = {i: k for k, i in enumerate(ok)}
    for a in ok:
        for b in ok:
            if a >= b:
                continue
            near = xy.iloc[pos[a]].distance(xy.iloc[pos[b]]) <= DUPLICATE_DISTANCE_M
            same = (own[a] and own[b] and abs(lat[a] - lat[b]) < 1e-5
                    and abs(lon[a] - lon[b]) < 1e-5)
            if near and (same or _similar(_tokens(names[a]), _tokens(names[b]))):
                parent[find(b)] = find(a)
    groups = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return [g for g in groups.values() if len(g) > 1]


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=2**32 - 1), st.integers(min_value=2, max_value=40),
       st.sampled_from([0.0005, 0.003, 0.01]))
def test_blocked_duplicates_find_the_brute_force_groups(seed, n, spread):
    """Random small files, packed in a few hundred metres (many pairs near the 200 m and
    1e-5° limits, shared words, repeated points, rows without coordinates)."""
    from dashboard.importing.duplicates import find_duplicates

    rng = np.random.default_rng(seed)
    words = ["forge", "la", "atelier", "gare", "tiers", "lieu", "cafe", "du", "ab", "c", "a b"]
    names = [" ".join(rng.choice(words, rng.integers(0, 4))) for _ in range(n)]
    lat = 43.6 + rng.uniform(0, spread, n)
    lon = 1.44 + rng.uniform(0, spread, n)
    copy = rng.random(n) < 0.3  # some rows at (nearly) another row's point
    src = rng.integers(0, n, n)
    jitter = rng.choice([0.0, 4e-6, 9.9e-6, 1.2e-5], n)
    lat[copy], lon[copy] = lat[src[copy]] + jitter[copy], lon[src[copy]]
    lat[rng.random(n) < 0.1] = np.nan
    own = rng.random(n) < 0.8
    assert find_duplicates(names, lat, lon, own) == _duplicates_by_brute_force(
        names, lat, lon, own)


def test_ten_thousand_rows_in_one_commune_are_one_cell_not_fifty_million_pairs():
    """Rows without coordinates all sit at the commune's reference point: names decide."""
    from dashboard.importing.duplicates import find_duplicates

    n = 10_000
    names = [f"Lieu {i}" for i in range(n)]
    names[5], names[7] = "Atelier de la Gare", "atelier gare"
    lat, lon = np.full(n, 43.6047), np.full(n, 1.4442)
    assert find_duplicates(names, lat, lon, np.zeros(n, dtype=bool)) == [[5, 7]]
