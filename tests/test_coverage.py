"""Nearest-venue distances: spatial index + geodesic, against a brute-force loop."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd
import pyproj
import pytest

from dashboard import config, coverage

GEOD = pyproj.Geod(ellps="WGS84")


def test_hand_made_distances_along_a_meridian():
    """Venues 0.1° and 0.3° north of a point on the 2° E meridian: nearest is 0.1° away."""
    d, idx = coverage.nearest_venue_km([2.0], [43.0], [2.0, 2.0], [43.3, 43.1])
    assert idx.tolist() == [1]
    # 0.1° of latitude at 43° N on WGS84 is 11.1 km (meridian arc, about 111.1 km per degree)
    assert d[0] == pytest.approx(11.10, abs=0.02)


def test_no_venue_gives_nan():
    d, idx = coverage.nearest_venue_km([2.0, 3.0], [43.0, 44.0], [], [])
    assert np.isnan(d).all() and (idx == -1).all()


def test_equidistant_venues_in_projection_are_resolved_on_the_ellipsoid():
    """Two venues at nearly the same distance: the geodesic nearest wins."""
    lon, lat = 2.0, 43.0
    east_lon, east_lat, _ = GEOD.fwd(lon, lat, 90, 20_000)
    north_lon, north_lat, _ = GEOD.fwd(lon, lat, 0, 20_010)
    d, idx = coverage.nearest_venue_km([lon], [lat], [north_lon, east_lon],
                                       [north_lat, east_lat])
    assert idx[0] == 1 and d[0] == pytest.approx(20.0, abs=1e-6)


def test_matches_brute_force_geodesic_loop_on_the_real_communes(occitanie):
    venues = pd.read_csv(config.DEMO_DIR / "venues.csv").sample(60, random_state=1)
    communes = occitanie.communes.sample(300, random_state=2)
    d, idx = coverage.nearest_venue_km(communes["ref_lon"], communes["ref_lat"],
                                       venues["lon"], venues["lat"])
    for k, (clon, clat) in enumerate(zip(communes["ref_lon"], communes["ref_lat"])):
        best = min(GEOD.inv(clon, clat, vlon, vlat)[2]
                   for vlon, vlat in zip(venues["lon"], venues["lat"]))
        assert d[k] == pytest.approx(best / 1000, abs=1e-6)


def test_lambert93_error_is_within_the_candidate_margin(occitanie):
    """Lambert-93 distances differ from geodesic by up to ~0.12 % in Occitanie (measured):
    too much to report them (the issue asks 0.1 %), so distances are geodesic; but well under
    the 0.5 % margin within which the index collects candidates."""
    c = occitanie.communes.sample(400, random_state=3)
    to_l93 = pyproj.Transformer.from_crs(4326, 2154, always_xy=True)
    x, y = to_l93.transform(c["ref_lon"].to_numpy(), c["ref_lat"].to_numpy())
    i, j = np.arange(0, 200), np.arange(200, 400)
    proj = np.hypot(x[i] - x[j], y[i] - y[j])
    geo = GEOD.inv(c["ref_lon"].to_numpy()[i], c["ref_lat"].to_numpy()[i],
                   c["ref_lon"].to_numpy()[j], c["ref_lat"].to_numpy()[j])[2]
    error = np.max(np.abs(proj / geo - 1))
    assert 0.0005 < error < coverage._MARGIN - 1


def test_covered_at_radius():
    assert coverage.covered(np.array([1.0, 15.0, 15.1, np.nan]), 15).tolist() == [
        True, True, False, False]


# ----------------------------------------------------------------- coverage at a radius





def tiny_distances(tiny, venue_points):
    venues = pd.DataFrame({"venue_id": [f"v{i}" for i in range(len(venue_points))],
                           "lon": [p[0] for p in venue_points],
                           "lat": [p[1] for p in venue_points],
                           "commune_insee": ["" for _ in venue_points]})
    return coverage.commune_distances(tiny.communes, venues), venues


def test_hand_made_coverage(tiny):
    """One venue at Alpha's town hall: Alpha (0 km), Beta (10.1 km), Gamma (11.1 km) and
    Delta (16.1 km, from its inside point) are covered in that order as the radius grows."""
    dist, _ = tiny_distances(tiny, [(1.05, 43.05)])
    d = dist["distance_km"]
    assert d["31001"] == pytest.approx(0, abs=1e-9)
    assert 9.5 < d["31002"] < 10.5 and 10.9 < d["32001"] < 11.5 and 15.5 < d["32002"] < 16.5
    expected = {5: 1000, 10.6: 1500, 12: 1700, 20: 2000}
    for radius, pop in expected.items():
        s = coverage.coverage_summary(dist, radius)
        assert s["covered_population"] == pop
        assert s["coverage_rate"] == pytest.approx(pop / 2000)
    by_dep = {d["code"]: d["covered_population"]
              for d in coverage.coverage_summary(dist, 12)["departments"]}
    assert by_dep == {"31": 1500, "32": 200}


def test_no_venue_means_nothing_covered(tiny):
    dist, _ = tiny_distances(tiny, [])
    assert coverage.coverage_summary(dist, 50)["covered_population"] == 0
    ranked = coverage.zones_blanches(dist, 50, "commune")
    assert ranked.index.tolist() == ["31001", "31002", "32002", "32001"]  # by population


def test_coverage_grows_with_the_radius(occitanie):
    venues = pd.read_csv(config.DEMO_DIR / "venues.csv", dtype={"commune_insee": str})
    dist = coverage.commune_distances(occitanie.communes, venues)
    covered_pop = [coverage.coverage_summary(dist, r)["covered_population"]
                   for r in range(5, 51, 5)]
    assert covered_pop == sorted(covered_pop)
    assert covered_pop[0] < covered_pop[-1] <= 5_845_102


def test_region_coverage_matches_a_brute_force_count(occitanie):
    """Covered population by a plain geodesic loop over a sample of communes."""
    venues = pd.read_csv(config.DEMO_DIR / "venues.csv", dtype={"commune_insee": str})
    sample = occitanie.communes.sample(250, random_state=5)
    dist = coverage.commune_distances(sample, venues)
    expected = 0
    for c in sample.itertuples():
        nearest = min(GEOD.inv(c.ref_lon, c.ref_lat, v.lon, v.lat)[2] for v in
                      venues.itertuples()) / 1000
        expected += c.population if nearest <= 15 else 0
    assert coverage.coverage_summary(dist, 15)["covered_population"] == expected


def test_zones_blanches_by_epci_add_up(occitanie):
    venues = pd.read_csv(config.DEMO_DIR / "venues.csv", dtype={"commune_insee": str})
    dist = coverage.commune_distances(occitanie.communes, venues)
    summary = coverage.coverage_summary(dist, 15)
    epci = coverage.zones_blanches(dist, 15, "epci")
    communes = coverage.zones_blanches(dist, 15, "commune")
    uncovered = summary["population"] - summary["covered_population"]
    assert epci["uncovered_population"].sum() == uncovered
    assert communes["uncovered_population"].sum() == uncovered
    assert epci["uncovered_population"].is_monotonic_decreasing
    assert (communes["distance_km"] > 15).all()


# ----------------------------------------------------------------- greedy site suggestions


def exhaustive_best(pairs, weights, n_candidates, k):
    ci, di = pairs
    best = 0.0
    for combo in combinations(range(n_candidates), k):
        covered_set = set(di[np.isin(ci, combo)])
        best = max(best, sum(weights[d] for d in covered_set))
    return best


def test_greedy_finds_the_obvious_unique_optimum():
    """Candidate 0 covers A=100 and D=5, 1 covers B=60, 2 covers C=50, 3 covers D only.
    With k=2 the unique optimum is {0, 1} = 165 (next best {0, 2} = 155)."""
    weights = np.array([100.0, 60.0, 50.0, 5.0])
    ci = np.array([0, 0, 1, 2, 3])
    di = np.array([0, 3, 1, 2, 3])
    chosen = coverage.greedy_max_cover((ci, di), weights, 4, 2)
    assert chosen == [(0, 105.0), (1, 60.0)]
    assert exhaustive_best((ci, di), weights, 4, 2) == 165.0


def test_greedy_stops_when_nothing_is_left_to_cover():
    chosen = coverage.greedy_max_cover((np.array([0, 1]), np.array([0, 0])),
                                       np.array([5.0]), 2, 5)
    assert chosen == [(0, 5.0)]


@pytest.mark.parametrize("seed", range(25))
def test_greedy_is_within_1_minus_1_over_e_of_exhaustive_search(seed):
    rng = np.random.default_rng(seed)
    n_cand, n_dem, k = 9, 30, 3
    weights = rng.integers(1, 100, n_dem).astype(float)
    ci, di = np.nonzero(rng.random((n_cand, n_dem)) < 0.2)
    greedy = sum(g for _, g in coverage.greedy_max_cover((ci, di), weights, n_cand, k))
    best = exhaustive_best((ci, di), weights, n_cand, k)
    assert greedy <= best + 1e-9
    assert greedy >= (1 - 1 / np.e) * best - 1e-9


def test_suggestions_on_the_tiny_map(tiny):
    """No venue; candidates of at least 250 inhabitants: Alpha, Beta, Delta."""
    dist, venues = tiny_distances(tiny, [])
    candidates = coverage.default_candidates(dist, venues, min_population=250)
    assert list(candidates) == ["31001", "31002", "32002"]
    five = coverage.suggest_sites(dist, tiny.communes, 5, 2, candidates)
    assert five["insee"].tolist() == ["31001", "31002"]
    assert five["population_added"].tolist() == [1000, 500]
    twelve = coverage.suggest_sites(dist, tiny.communes, 12, 3, candidates)
    # Alpha reaches Beta (10.1 km) and Gamma (11.1 km); then only Delta is left
    assert twelve["insee"].tolist() == ["31001", "32002"]
    assert twelve["population_added"].tolist() == [1700, 300]
    assert twelve["cumulative"].tolist() == [1700, 2000]


def test_suggestions_match_exhaustive_search_on_a_real_department(occitanie):
    """Lozère with the demo's fablabs only: greedy's 3 sites against all triples."""
    venues = pd.read_csv(config.DEMO_DIR / "venues.csv", dtype={"commune_insee": str})
    venues = venues[venues["usages"].str.contains("fablab")]
    lozere = occitanie.communes[occitanie.communes["dep_code"] == "48"]
    dist = coverage.commune_distances(lozere, venues)
    candidates = coverage.default_candidates(dist, venues, 500)
    sugg = coverage.suggest_sites(dist, occitanie.communes, 15, 3, candidates)
    ref = occitanie.communes.set_index("insee")
    uncovered = dist.index[~coverage.covered(dist["distance_km"].to_numpy(), 15)]
    cand, dem = ref.loc[list(candidates)], ref.loc[uncovered]
    pairs = coverage.coverage_pairs(cand["ref_lon"], cand["ref_lat"], dem["ref_lon"],
                                    dem["ref_lat"], 15)
    best = exhaustive_best(pairs, dem["population"].to_numpy(dtype=float), len(cand), 3)
    assert sugg["population_added"].sum() >= (1 - 1 / np.e) * best
    assert sugg["population_added"].sum() <= best
    # each suggestion's gain is what it really adds: recount with a geodesic loop
    covered_now = set()
    for row in sugg.itertuples():
        gain = 0
        for code in uncovered:
            if code in covered_now:
                continue
            if GEOD.inv(row.lon, row.lat, ref.at[code, "ref_lon"],
                        ref.at[code, "ref_lat"])[2] <= 15_000:
                covered_now.add(code)
                gain += ref.at[code, "population"]
        assert gain == row.population_added


