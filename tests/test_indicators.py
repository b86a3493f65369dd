"""Key figures and per-territory aggregates, against hand counts and independent methods."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from dashboard import config, indicators, registry
from dashboard.filters import ViewState, select_funding, select_venues


@pytest.fixture
def tiny_registry(tiny):
    """Two venues in Alpha (31001, pop 1000), one in La Delta (32002, pop 300)."""
    table = pd.DataFrame({
        "venue_id": ["v1", "v2", "v3"], "name": ["Un", "Deux", "Trois"],
        "commune_insee": ["31001", "31001", "32002"],
        "lat": ["43.05", "43.06", "43.15"], "lon": ["1.05", "1.06", "1.15"],
        "usages": ["coworking", "fablab", "coworking|culture"],
        "label_status": ["labellise", "candidat", "inconnu"],
    })
    venues, report = registry.validate_venues(table, tiny.communes, tiny.departements)
    assert report.problems == []
    funding = pd.DataFrame({"venue_id": ["v1", "v3"], "call_id": ["c", "c"],
                            "amount_eur": [1000.0, 500.0]})
    return venues, funding


def test_kpis_of_the_whole_region_by_hand(tiny, tiny_registry):
    venues, funding = tiny_registry
    k = indicators.compute_kpis(venues, funding, tiny.communes)
    assert k == {
        "venues": 3, "labelled": 1, "communes_with_venue": 2, "communes": 4,
        "population": 2000, "population_with_venue": 1300, "population_share": 0.65,
        "funding": 1500.0, "funding_per_capita": 0.75,
    }


def test_kpis_of_one_department_by_hand(tiny, tiny_registry):
    venues, funding = tiny_registry
    state = ViewState(departements=("31",))
    chosen = select_venues(venues, funding, state)
    k = indicators.compute_kpis(chosen, select_funding(funding, chosen, state),
                                indicators.territory(tiny.communes, state.departements))
    assert (k["venues"], k["communes_with_venue"], k["communes"]) == (2, 1, 2)
    assert k["population_share"] == pytest.approx(1000 / 1500)
    assert k["funding_per_capita"] == pytest.approx(1000 / 1500)


def test_aggregates_by_hand(tiny, tiny_registry):
    venues, funding = tiny_registry
    dep = indicators.aggregate_level(venues, funding, tiny.communes, "departement")
    assert dep["venues"].to_dict() == {"31": 2, "32": 1}
    assert dep["venues_per_10k"]["31"] == pytest.approx(2 / 1500 * 10_000)
    assert dep["pop_per_venue"].to_dict() == {"31": 750.0, "32": 500.0}
    assert dep["funding_per_capita"]["32"] == pytest.approx(500 / 500)
    com = indicators.aggregate_level(venues, funding, tiny.communes, "commune")
    assert com["venues"].to_dict() == {"31001": 2, "31002": 0, "32001": 0, "32002": 1}
    assert np.isnan(com.at["31002", "pop_per_venue"])
    assert com.at["31001", "distance_km"] == pytest.approx(0.0, abs=1e-6)
    # Gamma's reference point is its polygon's inside point; v1 is 0.05° away at most
    assert 0 < com.at["32001", "distance_km"] < 12


@pytest.fixture(scope="module")
def demo(occitanie):
    reg = registry.load_registry(config.DEMO_DIR / "venues.csv", config.DEMO_DIR / "funding.csv",
                                 config.DATA_DIR / "calls.csv", occitanie.communes,
                                 occitanie.departements)
    return reg.venues, reg.funding


def _spatial_counts(venues, layer, key):
    """Venues per polygon by point-in-polygon (an independent route from the INSEE codes)."""
    pts = gpd.GeoDataFrame(venues, geometry=gpd.points_from_xy(venues["lon"], venues["lat"]),
                           crs=4326)
    joined = gpd.sjoin(pts, layer[[key, "geometry"]], predicate="within")
    return joined.groupby(key).size()


@pytest.mark.parametrize("level, layer_name, key", [
    ("commune", "communes", "insee"), ("epci", "epcis", "siren"),
    ("departement", "departements", "code")])
def test_venue_counts_match_point_in_polygon(occitanie, demo, level, layer_name, key):
    venues, funding = demo
    agg = indicators.aggregate_level(venues, funding, occitanie.communes, level)
    layer = getattr(occitanie, layer_name)
    spatial = _spatial_counts(venues, layer, key).reindex(agg.index, fill_value=0)
    assert (agg["venues"] == spatial).all()
    assert agg["venues"].sum() == len(venues)
    # populations come from the dissolved layer, computed apart
    assert (agg["population"] == layer.set_index(key)["population"].reindex(agg.index)).all()


def test_funding_per_department_matches_a_merge(occitanie, demo):
    venues, funding = demo
    agg = indicators.aggregate_level(venues, funding, occitanie.communes, "departement")
    merged = funding.merge(venues[["venue_id", "dep_code"]], on="venue_id")
    expected = merged.groupby("dep_code")["amount_eur"].sum()
    assert agg["funding"].reindex(expected.index).to_numpy() == pytest.approx(expected.to_numpy())
    assert agg["funding"].sum() == pytest.approx(funding["amount_eur"].sum())


def test_population_share_matches_point_in_polygon(occitanie, demo):
    venues, funding = demo
    k = indicators.compute_kpis(venues, funding, occitanie.communes)
    with_venue = _spatial_counts(venues, occitanie.communes, "insee").index
    pop = occitanie.communes.set_index("insee")["population"]
    assert k["population_with_venue"] == pop.loc[with_venue].sum()
    assert k["population_share"] == pytest.approx(pop.loc[with_venue].sum() / 5_845_102)
    assert k["communes_with_venue"] == len(with_venue)
