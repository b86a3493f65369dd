"""Coverage, roadmap and map tables as a spreadsheet reads them (dashboard/table_exports.py):
headers in the interface's language, numbers rounded as the issue asks, unknown left empty,
the values the domain computed — checked against a plain recomputation."""

from __future__ import annotations

import io
import math

import pandas as pd
import pytest

from dashboard.chart_tables import chart_table
from dashboard.dataset import get_published_dataset
from dashboard.export import to_csv_bytes
from dashboard.filters import ViewState
from dashboard.table_exports import map_table, suggestions_table, zones_table


@pytest.fixture(scope="module")
def data():
    return get_published_dataset()


def _read(frame, lang):
    """The CSV as a spreadsheet would read it back (all text)."""
    raw = to_csv_bytes(frame, lang).decode("utf-8-sig")
    return pd.read_csv(io.StringIO(raw), sep=";" if lang == "fr" else ",", dtype=str,
                       keep_default_na=False)


def test_zones_by_epci_in_french_rounded_and_the_same_people(data):
    state = ViewState(departements=("81", "12"), radius_km=10)
    report = data.coverage_report(state)
    table = _read(zones_table(report.zones_epci, "epci", "fr"), "fr")
    assert list(table.columns[:3]) == ["SIREN", "Intercommunalité", "Départements"]
    # the same uncovered people as a plain count over the communes beyond the radius
    dist = report.distances
    beyond = dist[dist["distance_km"] > 10]
    plain = beyond.groupby("epci_siren")["population"].sum()
    got = table.set_index("SIREN")["Population non couverte"].astype(int)
    assert got.to_dict() == {k: int(v) for k, v in plain.items()}
    # distances to 0.1 km with a decimal comma, shares in % with one decimal
    far = table["Distance maximale au lieu le plus proche (km)"]
    assert all(len(v.split(",")[1]) <= 1 for v in far if "," in v)
    first = report.zones_epci.iloc[0]
    row = table.iloc[0]
    assert row["Distance maximale au lieu le plus proche (km)"] == \
        f"{round(first['max_distance_km'], 1):g}".replace(".", ",")
    assert float(row["Part de la population non couverte (%)"].replace(",", ".")) == \
        round(first["uncovered_share"] * 100, 1)


def test_zones_by_commune_and_suggestions_in_english(data):
    state = ViewState(departements=("48",))
    report = data.coverage_report(state)
    communes = zones_table(report.zones_communes, "commune", "en")
    assert list(communes.columns) == ["INSEE code", "Commune", "Department code",
                                      "EPCI", "Population",
                                      "Distance to the nearest venue (km)"]
    assert communes["Distance to the nearest venue (km)"].tolist() == \
        report.zones_communes["distance_km"].round(1).tolist()
    sugg = suggestions_table(report.suggestions, "en")
    assert sugg["Rank"].tolist() == list(range(1, len(report.suggestions) + 1))
    assert sugg["Population added"].sum() == report.suggestions["population_added"].sum()


@pytest.mark.parametrize("level, indicator", [("commune", "distance_km"),
                                              ("epci", "pop_per_venue"),
                                              ("departement", "venues_per_10k")])
def test_the_map_csv_is_what_the_map_colours(data, level, indicator):
    state = ViewState(level=level, indicator=indicator, departements=("31", "09"))
    table = chart_table("map-graph", data, state)
    values = data.level_values(state, level, distance=indicator == "distance_km")
    assert len(table) == len(values)
    assert table["Code"].tolist() == [str(c) for c in values.index]
    names = data.names(level)
    assert table["Territoire"].tolist() == [names.get(c, c) for c in values.index]
    shown = table.iloc[:, -1]
    for got, raw in zip(shown, values[indicator]):
        if raw is None or (isinstance(raw, float) and math.isnan(raw)):
            assert pd.isna(got)  # unknown stays empty, never 0
        else:
            assert abs(float(got) - raw) <= 0.5 + 1e-9
    text = _read(table, "fr")
    if indicator == "pop_per_venue":  # an EPCI without a venue has no ratio
        assert (text.iloc[:, -1] == "").any()
        assert (table["Lieux"] == 0).sum() == (text.iloc[:, -1] == "").sum()


def test_map_table_rounds_as_the_map_shows(data):
    values = pd.DataFrame({"population": [1000, 0], "venues": [3, 0], "funding": [0, 0],
                           "area_km2": [12.0, 3.0], "distance_km": [2.345, float("nan")]},
                          index=pd.Index(["A", "B"], name="insee"))
    out = map_table(values, pd.Series({"A": "Aa"}), "venues_per_10k", "fr")
    assert out.iloc[:, -1].tolist()[0] == 30.0 and pd.isna(out.iloc[1, -1])
    assert out["Territoire"].tolist() == ["Aa", "B"]
    km = map_table(values, pd.Series(dtype=str), "distance_km", "fr")
    assert km.iloc[0, -1] == 2.3 and pd.isna(km.iloc[1, -1])


def test_the_venue_export_reads_back_as_the_same_venues(data, occitanie):
    """Every header of the venue CSV in French — the identifier too — and the file imports
    again with no mapping: the same identifiers, names and communes."""
    from dashboard.importing.venues import import_venues
    from dashboard.venue_table import export_frame

    venues = data.registry.venues.head(25)
    frame = export_frame(venues, "fr")
    assert frame.columns[0] == "Identifiant du lieu"
    result = import_venues(to_csv_bytes(frame, "fr"), occitanie, file="lieux.csv")
    back = result.venues.set_index("venue_id")
    assert sorted(back.index) == sorted(venues["venue_id"])
    assert back.loc[venues["venue_id"], "commune_insee"].tolist() == \
        venues["commune_insee"].tolist()
    assert back.loc[venues["venue_id"], "name"].tolist() == venues["name"].tolist()
