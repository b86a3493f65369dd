"""The inputs behind the golden files of ``tests/golden/``: the real 2017 registry, the demo
registry through the canonical check, and nasty files built here (most of them those of
``test_importing.py``, ``test_registry.py``, ``test_cli.py`` and ``test_callbacks.py``).

The golden files were written by the venue pipeline as it stood *before* it was rebuilt
(registry.validate_venues + importing.venues.import_venues); ``test_golden.py`` checks that
the pipeline gives the same rows, statuses, details, venues and funding today.

    python -m tests.test_golden             # rewrite tests/golden/ (only on purpose, and
                                            # then empty test_golden.WORDING_CHANGES)
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

GOLDEN_DIR = Path(__file__).parent / "golden"
# The validators accept years up to the current one: the golden files were made in 2026.
GOLDEN_YEAR = 2026

VENUE_COLUMNS = ["venue_id", "name", "commune_insee", "lat", "lon", "usages", "label_status",
                 "label_year", "opened_year", "url", "source"]
GOOD = dict(venue_id="V1", name="Lieu A", commune_insee="31001", lat="43.05", lon="1.05",
            usages="coworking|fablab", label_status="labellise", label_year="2018",
            opened_year="2015", url="https://example.org/a", source="test")
# test_registry.BAD_ROWS, one row each, plus a few more
BAD_CHANGES = [
    {"usages": "coworking|brasserie"},
    {"commune_insee": "99999", "lat": "", "lon": ""},
    {"commune_insee": "99999"},
    {"lat": "43.2", "lon": "1.05"},
    {"commune_insee": "", "lat": "", "lon": ""},
    {"commune_insee": "", "lat": "48.85", "lon": "2.35"},
    {"commune_insee": ""},
    {"name": "  "},
    {"venue_id": ""},
    {"label_status": "super"},
    {"label_year": "2012"},
    {"opened_year": "l'an dernier"},
    {"url": "example.org"},
    {"url": "/working_places"},
    {"url": "javascript:alert(1)"},
    {"lat": "43,05", "lon": "1,05"},
    {"lat": "", "lon": ""},
    {"lat": "95", "lon": "1.05"},
    {"commune_insee": "9001"},
    {"venue_id": "V1", "name": "Autre"},  # id used twice
    {"name": "  Lieu   espacé "},
    {"lat": "abc", "lon": "1.05"},
    {"lat": "43.05", "lon": ""},
    {"label_year": "2019.5", "opened_year": "1850"},
    {"usages": "FabLab | coworking | xx", "commune_insee": "32002", "lat": "", "lon": ""},
    {"lat": "43.15", "lon": "1.15", "commune_insee": "31001"},  # in Delta, declared Alpha
]


def bad_rows_table() -> pd.DataFrame:
    rows = [{**GOOD, "venue_id": f"V{i}", **change} for i, change in enumerate(BAD_CHANGES)]
    return pd.DataFrame(rows, columns=VENUE_COLUMNS)


CLI_CHECK = ("venue_id,name,commune_insee,lat,lon,usages,label_status\n"
             "A,Lieu A,31555,43.6045,1.4440,coworking,labellise\n"
             "B,Lieu B,31555,43.6045,1.4440,bowling,labellise\n"
             "A,Lieu C,31555,,,coworking,labellise\n")

# ----------------------------------------------------------------- nasty files (bytes)

CP1252 = ("Nom du lieu;Code postal;Ville;Latitude;Longitude;Typologie;Statut\n"
          "Café des Sciences;81000;Albi;43,9289;2,1464;Télécentre, FabLab;Labellisé\n"
          "L'Épicerie numérique;12000;Rodez;44,3506;2,5750;EPN;candidat\n").encode("cp1252")
TITLE_ROW = ("Recensement des tiers-lieux — export du 3 mars\n\n"
             "Nom,CP,Commune,Site web\nLa Forge,32000,Auch,laforge.example\n").encode()
SWAPPED = "name,lat,lon\nLieu inversé,1.4442,43.6047\nLieu correct,43.6047,1.4442\n".encode()
POSTCODES = ("Nom,Code postal,Ville\nA,9300,LAVELANET\nB,48200,St Chely d'Apcher\n"
             "C,12320,Conques\nD,11000,Narbonne Cedex\nE,99999,Nulle-Part\n").encode()
CALLBACK_UPLOAD = ("Nom;Code postal;Ville;Typologie;Label\nLa Forge;32000;Auch;FabLab;oui\n"
                   "Le Hangar;12000;Rodez;Télécentre;non\n"
                   "Nulle part;99999;Atlantide;;\n").encode("cp1252")
CLI_IMPORT = "Nom,Ville,CP\nLa Forge,Auch,32000\nX,,\n".encode()
# every kind of problem the import meets, one or two per row
MIXED = (
    "Identifiant,Nom,Code INSEE,Code postal,Ville,Latitude,Longitude,Typologie,Label,"
    "Année de labellisation,Année d'ouverture,Site web,Remarque\n"
    "T1,La Forge,32013,,,43.6460,0.5857,fablab,oui,2019,2015,https://forge.example,ok\n"
    "T1,Doublon d'identifiant,31555,,,,,coworking,,,,,\n"
    ",Sans identifiant,31555,,,,,coworking,,,,,\n"
    "T3,,31555,,,,,coworking,,,,,\n"
    "T4,  Espaces   en trop ,31555,,,,,Coworking,,,,,\n"
    "T5,Code court,9160,,,,,,,,,,\n"
    "T6,Code inconnu placé,99999,,,43.6047,1.4442,,,,,,\n"
    "T7,Code inconnu seul,99999,,,,,,,,,,\n"
    "T8,Hors région,,,,48.85,2.35,,,,,,\n"
    "T9,Loin de sa commune,31555,,,43.9289,2.1464,,,,,,\n"
    "T10,Années bizarres,31555,,,,,,,2012,vers 2010,,\n"
    "T11,Années illisibles,31555,,,,,,,bientôt,1850,,\n"
    "T12,Adresses,31555,,,,,,,,,www.exemple.fr,\n"
    "T13,Adresse relative,31555,,,,,,,,,/lieux/13,\n"
    "T14,CafÃ© mal encodÃ©,31555,,,,,,,,,,RÃ©sumÃ©\n"
    "T15,Usages inconnus,31555,,,,,bowling; Fab Lab,,,,,\n"
    "T16,Label inconnu,31555,,,,,,peut-être,,,,\n"
    "T17,Label en cours,31555,,,,,,en cours,,,,\n"
    "T18,Coordonnées incomplètes,31555,,,43.6,,,,,,,\n"
    "T19,Coordonnées illisibles,31555,,,abc,def,,,,,,\n"
    "T20,Virgules,,,,\"43,6047\",\"1,4442\",,,,,,\n"
    "T21,Le Hangar,,12000,Rodez,,,,,,,,\n"
    "T22,Le Hangar,,12000,Rodez,,,,,,,,\n"
    "T23,Atelier Gare,31555,,,43.61100,1.45400,,,,,,\n"
    "T24,Atelier de la Gare,31555,,,43.61105,1.45405,,,,,,\n"
    "T25,Autre chose,31555,,,43.61100,1.45400,,,,,,\n"
    "T26,Sans lieu,,,,,,,,,,,\n"
    "T27,Commune ambiguë,,,Saint-Paul,,,,,,,,\n"
    "T28,Code postal seul,,46100,,,,,,,,,\n"
    "T29,Code postal espacé,,31 000,Toulouse,,,,,,,,\n"
    "T30,Orthographe,,81320,Vabre l'Abbaye,,,,,,,,\n"
    "T31,Préfixe,,34160,Castries Saint,,,,,,,,\n"
    "T32,Code minuscule,2a004,,,,,,,,,,\n"
).encode("utf-8")


def xlsx_refused_by_openpyxl() -> bytes:
    frame = pd.DataFrame({"Nom": ["Atelier A", "Atelier B"], "Code INSEE": ["46042", "65440"],
                          "Usages": ["Fablab", "Atelier partagé"]})
    buf = io.BytesIO()
    frame.to_excel(buf, index=False)
    good = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in good.namelist():
            z.writestr(name, b"<cp:coreProperties><broken" if name == "docProps/core.xml"
                       else good.read(name))
    return out.getvalue()


def ods_with_title() -> bytes:
    frame = pd.DataFrame({"Titre": ["Inventaire 2024", "", "Nom", "Tiers-lieu du Lot"],
                          "B": ["", "", "Commune", "Cahors"],
                          "C": ["", "", "Code postal", "46000"]})
    buf = io.BytesIO()
    frame.to_excel(buf, index=False, header=False, engine="odf")
    return buf.getvalue()


def geojson() -> bytes:
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [3.8767, 43.6108]},
         "properties": {"nom": "Lieu SIG", "label": "oui", "ouverture": "2019-05-01"}},
        {"type": "Feature", "geometry": None, "properties": {"nom": "Sans géométrie"}}]}
    return json.dumps(doc).encode()


def many_rows(communes: pd.DataFrame, n: int = 400) -> bytes:
    """A smaller cousin of test_importing's 50,000-row file."""
    rng = np.random.default_rng(0)
    picked = communes.sample(n, replace=True, random_state=1)
    frame = pd.DataFrame({"id": [f"V{i}" for i in range(n)],
                          "nom": [f"Lieu {i}" for i in range(n)],
                          "code insee": picked["insee"].to_numpy(),
                          "usages": rng.choice(["coworking", "fablab|culture", "EPN", "?"], n)})
    frame.loc[::37, "code insee"] = "00000"
    return frame.to_csv(index=False).encode()


def random_table(seed: int) -> bytes:
    """Like test_importing's hypothesis test: any text under a recognisable header."""
    rng = np.random.default_rng(seed)
    alphabet = list("abcdeéèàçXYZ 0123456789,.;-'\"«»|/\t") + ["Ã©", "43.6", "1.44", "31555"]
    cells = [["".join(rng.choice(alphabet, rng.integers(0, 6))) for _ in range(3)]
             for _ in range(25)]
    return pd.DataFrame(cells, columns=["nom", "ville", "lat"]).to_csv(index=False).encode()


FUNDING_VENUES = pd.DataFrame({"venue_id": ["V1", "V2", "V3"],
                               "name": ["La Forge", "La Forge", "Le Hangar"],
                               "commune_name": ["Auch", "Albi", "Rodez"]})
FUNDING_CALLS = pd.DataFrame({"call_id": ["fabregion_2016", "label_2018"],
                              "programme": ["FabRégion", "Tiers Lieux Occitanie"],
                              "name": ["FabRégion — 1er appel à projets",
                                       "Label « Tiers Lieux Occitanie » — 1er appel"],
                              "year": [2016, 2018]})
FUNDING_IMPORT = ("Lieu;Ville;Appel;Année;Montant\n"
                  "La Forge;Auch;FabRégion;2016;12 500,00 €\n"
                  "Le Hangar;;Label Tiers Lieux;2018;3000\n"
                  "La Forge;;label_2018;;100\n"
                  "Le Hangar;Rodez;Appel inconnu;2030;5\n"
                  "Le Hangar;Rodez;label_2018;;-5\n"
                  "Le Hangar;Rodez;label_2018;;7\n"
                  "V3;;label_2018;;8\n"
                  "V2;;label_2018;;1.250.000\n"
                  "V2;;label_2018;;abc\n").encode()
FUNDING_CHECK = pd.DataFrame({
    "venue_id": ["V1", "V9", "V1", "V1", "V1", "V2", "V2", ""],
    "call_id": ["c1", "c1", "cX", "c1", "c2", "c2", "c1", "c1"],
    "amount_eur": ["1000", "5", "5", "7", "-3", "12 500,50 €", "", "1"],
})


# ----------------------------------------------------------------- the cases

IMPORT_CASES: dict[str, Callable] = {
    "import_cp1252": lambda ref: CP1252,
    "import_title_row": lambda ref: TITLE_ROW,
    "import_swapped": lambda ref: SWAPPED,
    "import_postcodes": lambda ref: POSTCODES,
    "import_xlsx_calamine": lambda ref: xlsx_refused_by_openpyxl(),
    "import_ods": lambda ref: ods_with_title(),
    "import_geojson": lambda ref: geojson(),
    "import_callback_upload": lambda ref: CALLBACK_UPLOAD,
    "import_cli": lambda ref: CLI_IMPORT,
    "import_mixed": lambda ref: MIXED,
    "import_many_rows": lambda ref: many_rows(ref.communes),
    **{f"import_random_{seed}": (lambda ref, s=seed: random_table(s)) for seed in range(4)},
}


def csv_text(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n")
