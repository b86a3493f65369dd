"""Key figures and per-territory aggregates, against hand counts and independent methods."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from dash import Patch

from callbacks.patching import apply_updates
from dashboard import config, indicators, registry
from dashboard.figures import map as fmap
from dashboard.filters import ViewState, select_funding, select_venues
from layouts import ids
from layouts.page import control_options


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


# ----------------------------------------------------------------- the indicator registry

def test_every_indicator_is_declared_consistently():
    from plotly.colors import get_colorscale

    from dashboard.i18n import LANGS, catalogue

    assert len(set(indicators.INDICATOR_IDS)) == len(indicators.INDICATORS)
    assert indicators.DEFAULT_INDICATOR in indicators.INDICATOR_IDS
    for entry in indicators.INDICATORS:
        assert entry.levels and set(entry.levels) <= set(indicators.LEVEL_KEYS), entry.id
        assert get_colorscale(entry.colorscale), entry.id  # a plotly scale name
        assert entry.d3_format == f",.{entry.digits}f"
        for lang in LANGS:  # texts in every catalogue
            for key in (entry.label_key, entry.unit_key, entry.missing_key):
                assert catalogue(lang).get(key), (lang, key)


@pytest.fixture
def tiny_unknown_area(tiny):
    """The tiny layer with Beta's area unknown (as for a commune without an outline): its
    EPCI and department then have an unknown area too, never a smaller one."""
    communes = tiny.communes.copy()
    communes.loc[communes["insee"] == "31002", "area_km2"] = np.nan
    return communes


# territories whose value is unknown in the tiny fixture (Beta and Gamma have no venue;
# Beta's area is unknown); every other value must be finite
UNKNOWN = {("pop_per_venue", "commune"): {"31002", "32001"},
           ("venues_per_100km2", "commune"): {"31002"},
           ("venues_per_100km2", "epci"): {"200000001"},
           ("venues_per_100km2", "departement"): {"31"}}
CLAIMED = [(e.id, lv) for e in indicators.INDICATORS for lv in e.levels]
UNCLAIMED = [(e.id, lv) for e in indicators.INDICATORS for lv in indicators.LEVEL_KEYS
             if lv not in e.levels]


def entry_missing(indicator: str) -> str:
    from dashboard.i18n import t

    return t(indicators.get_indicator(indicator).missing_key, "fr")


@pytest.mark.parametrize("indicator, level", CLAIMED)
def test_every_indicator_renders_at_every_level_it_claims(tiny_registry, tiny_unknown_area,
                                                          indicator, level):
    venues, funding = tiny_registry
    values = indicators.aggregate_level(venues, funding, tiny_unknown_area, level)
    expected = values[indicator]
    unknown = set(expected.index[expected.isna()])
    assert unknown == UNKNOWN.get((indicator, level), set())
    assert np.isfinite(expected.drop(list(unknown))).all()
    kwargs = dict(indicator=indicator, color_by="label", lang="fr")
    fig = fmap.make_map_figure(values, venues, geojson_url="/geo/x.geojson",
                               view=fmap.fit_view((1.0, 43.0, 1.2, 43.2)), **kwargs)
    choropleth = fig.data[fmap.trace_index("choropleth", color_by="label")]
    z = dict(zip(choropleth.locations, choropleth.z))
    # unknown: grey (below the colour range) and its hover says why, never a number or 0
    hover = dict(zip(choropleth.locations, choropleth.customdata or [[v] for v in z.values()]))
    assert {k for k, v in hover.items() if len(v) == 0} == unknown
    assert all(z[k] < choropleth.zmin for k in unknown)
    assert (choropleth.hovertemplatefallback == entry_missing(indicator)) or not unknown
    for key, value in expected.drop(list(unknown)).items():
        assert z[key] == pytest.approx(value, rel=1e-3)
    entry = indicators.get_indicator(indicator)
    assert entry.unit("fr") in choropleth.hovertemplate
    assert fig.layout.map.layers[0].name == "base"  # unknown territories: grey, not 0
    update = fmap.map_update(values, view=None, **kwargs)
    path = f"data.{fmap.trace_index('choropleth', color_by='label')}.z"
    assert update[path] == list(choropleth.z)
    assert apply_updates(Patch(), update).to_plotly_json()["operations"]


@pytest.mark.parametrize("indicator, level", UNCLAIMED)
def test_levels_an_indicator_does_not_claim_are_refused(tiny_registry, tiny, indicator,
                                                        level):
    venues, funding = tiny_registry
    values = indicators.aggregate_level(venues, funding, tiny.communes, level)
    assert indicator not in values  # not computed, not a column of NaN or 0
    assert not indicators.applies_at(indicator, level)
    with pytest.raises(indicators.IndicatorNotApplicable):
        indicators.get_indicator(indicator, level)
    with pytest.raises(indicators.IndicatorNotApplicable):
        fmap.map_update(values, indicator=indicator, color_by="label", lang="fr", view=None)
    options = {o["value"]: o for o in control_options("fr", level)[ids.MAP_INDICATOR]}
    assert options[indicator]["disabled"] is True


def test_dropdown_lists_every_indicator_in_both_languages():
    for lang in ("fr", "en"):
        options = control_options(lang, "commune")[ids.MAP_INDICATOR]
        assert [o["value"] for o in options] == list(indicators.INDICATOR_IDS)
        assert all(not o["disabled"] for o in options)  # every indicator claims communes
    labels = [o["label"] for o in control_options("fr", "epci")[ids.MAP_INDICATOR]]
    assert "Lieux pour 100 km²" in labels


# ----------------------------------------------------------------- « lieux pour 100 km² »

def _geodesic_km2(geometry) -> float:
    """Area on the WGS84 ellipsoid (an independent route from the projected areas)."""
    from pyproj import Geod

    area, _ = Geod(ellps="WGS84").geometry_area_perimeter(geometry)
    return abs(area) / 1e6


def test_venues_per_100km2_against_hand_counts_and_geodesic_areas(tiny, tiny_registry):
    """Alpha (31001) holds two venues, La Delta (32002) one; each commune is a 0.1° square
    (Delta: two 0.05° halves), about 90.5 km² at 43° N."""
    import shapely

    venues, funding = tiny_registry
    box = {code: shapely.box(*b) for code, b in {
        "31001": (1.0, 43.0, 1.1, 43.1), "31002": (1.1, 43.0, 1.2, 43.1),
        "32001": (1.0, 43.1, 1.1, 43.2), "32002": (1.1, 43.1, 1.2, 43.2)}.items()}
    km2 = {code: _geodesic_km2(g) for code, g in box.items()}
    assert 90 < km2["31001"] < 91
    com = indicators.aggregate_level(venues, funding, tiny.communes, "commune")
    per = com["venues_per_100km2"]
    assert per["31001"] == pytest.approx(2 * 100 / km2["31001"], rel=5e-3)
    assert per["32002"] == pytest.approx(1 * 100 / km2["32002"], rel=5e-3)
    assert per["31002"] == 0 and per["32001"] == 0  # known area, no venue: a true zero
    epci = indicators.aggregate_level(venues, funding, tiny.communes, "epci")
    assert epci.at["200000001", "venues_per_100km2"] == pytest.approx(
        2 * 100 / (km2["31001"] + km2["31002"]), rel=5e-3)
    dep = indicators.aggregate_level(venues, funding, tiny.communes, "departement")
    assert dep.at["32", "venues_per_100km2"] == pytest.approx(
        1 * 100 / (km2["32001"] + km2["32002"]), rel=5e-3)


def test_venues_per_100km2_of_departments_matches_point_in_polygon(occitanie, demo):
    venues, funding = demo
    agg = indicators.aggregate_level(venues, funding, occitanie.communes, "departement")
    deps = occitanie.departements.set_index("code")
    counts = _spatial_counts(venues, occitanie.departements, "code").reindex(deps.index,
                                                                             fill_value=0)
    # the dissolved (generalised) outlines, measured on the ellipsoid
    areas = deps.geometry.map(_geodesic_km2)
    expected = counts / areas * 100
    got = agg["venues_per_100km2"].reindex(deps.index)
    assert got.to_numpy() == pytest.approx(expected.to_numpy(), rel=1e-2)
    assert 4_000 < areas["31"] < 7_000  # Haute-Garonne: 6,309 km²


def test_indicator_texts_and_formats():
    entry = indicators.get_indicator("venues_per_100km2")
    assert entry.label("fr") == "Lieux pour 100 km²"
    assert entry.label("en") == "Venues per 100 km²"
    assert entry.format(2.2066, "fr") == "2,21\u00a0lieux / 100 km²"
    assert entry.format(1234.5, "en") == "1,234.50\u00a0venues / 100 km²"
    assert entry.format(float("nan"), "fr") == "surface inconnue"
    assert indicators.get_indicator("pop_per_venue").format(None, "fr") == "sans lieu"
    assert indicators.get_indicator("venues").format(1234, "fr", with_unit=False) == \
        "1\u202f234"
