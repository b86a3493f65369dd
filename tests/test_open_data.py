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
