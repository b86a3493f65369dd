"""Tiny reference layers built in code, through the real ``build_reference``.

Region 76 holds departments 31 and 32; region 75 holds department 33 (must be left out).

    lat 43.2 +---------+----+----+
             | 32001   |32002 (La Delta = two
             | Gamma   | delegated halves)|
    lat 43.1 +---------+---------+
             | 31001   | 31002   |   33001 far east (region 75)
             | Alpha   | Beta    |
    lat 43.0 +---------+---------+
           lon 1.0    1.1       1.2
"""

from __future__ import annotations

import pandas as pd
import shapely

from dashboard.reference import build_reference


def _square(x0, y0, x1, y1):
    return shapely.MultiPolygon([shapely.box(x0, y0, x1, y1)])


def _hex(geom):
    return None if geom is None else shapely.to_wkb(geom, hex=True)


def tiny_tables() -> dict[str, pd.DataFrame]:
    communes = [
        # id, code, type, nom, type_nom, pop, dep_id, parent, epci_id, geometry, townhall
        ("0", "31001", "COM", "Alpha", "0", "1000", "0", None, "0",
         _square(1.0, 43.0, 1.1, 43.1), shapely.Point(1.05, 43.05)),
        # town hall 0.5 km outside the outline: still trusted
        ("1", "31002", "COM", "Beta", "0", "500", "0", None, "0",
         _square(1.1, 43.0, 1.2, 43.1), shapely.Point(1.15, 42.9955)),
        # town hall missing
        ("2", "32001", "COM", "Gamma", "0", "200", "1", None, "1",
         _square(1.0, 43.1, 1.1, 43.2), None),
        # no geometry of its own; town hall 50 km away (wrong)
        ("3", "32002", "COM", "Delta", "3", "300", "1", None, "1",
         None, shapely.Point(1.8, 43.15)),
        ("4", "32002a", "COMD", "Delta-Nord", "0", "100", "1", "3", None,
         _square(1.1, 43.15, 1.2, 43.2), None),
        ("5", "32002b", "COMD", "Delta-Sud", "0", "200", "1", "3", None,
         _square(1.1, 43.1, 1.2, 43.15), None),
        ("6", "33001", "COM", "Omega", "0", "9999", "2", None, "2",
         _square(5.0, 43.0, 5.1, 43.1), shapely.Point(5.05, 43.05)),
    ]
    cols = ["id", "code", "type", "nom", "type_nom", "population_municipale",
            "departement_id", "commune_parent_id", "epci_id", "geometry",
            "mairie_localisation"]
    frame = pd.DataFrame(communes, columns=cols)
    frame["geometry"] = frame["geometry"].map(_hex)
    frame["mairie_localisation"] = frame["mairie_localisation"].map(_hex)
    return {
        "communes": frame,
        "departements": pd.DataFrame(
            {"id": ["0", "1", "2"], "code": ["31", "32", "33"],
             "nom": ["Haute-Garonne", "Gers", "Gironde"], "type_nom": ["3", "2", "3"],
             "chef_lieu_id": ["0", "2", "6"], "region_id": ["14", "14", "13"]}),
        "regions": pd.DataFrame({"id": ["13", "14"], "code": ["75", "76"],
                                 "nom": ["Nouvelle-Aquitaine", "Occitanie"],
                                 "type_nom": ["3", "5"], "chef_lieu_id": ["6", "0"]}),
        "epci": pd.DataFrame({"id": ["0", "1", "2"],
                              "code": ["200000001", "200000002", "200000003"],
                              "nom": ["CC Alpha-Beta", "CC Gamma-Delta", "CC Omega"],
                              "type": ["CC", "CC", "CC"]}),
    }


def tiny_reference():
    return build_reference(tiny_tables(), "76", tolerance=0.001)
