"""The coverage suggestions' precomputed paths (issue 12) give the direct paths' answers: the
candidate–commune pairs a layer keeps per radius, grown state after state and masked, equal
the pairs measured directly (and every pair measured, brute force); the greedy choice by gain
updates equals the one that counts every live pair again; candidates, suggestions and
nearest distances found by layer position equal those found by code — on random registries,
regionally (the real Occitanie layer) and nationally (the real national layer: the
``france`` fixture, overseas included)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard import coverage, roadmap
from dashboard.dataset import RoadmapOptions, dataset_from_import, get_published_dataset
from dashboard.filters import ViewState
from tests.test_fast_aggregates import brute_nearest_km, random_registry
from tests.test_performance import brute_pairs


def _pair_set(ci, di, cand_at, dem_at) -> set:
    """Pairs as (candidate's layer position, commune's layer position)."""
    return set(zip(np.asarray(cand_at)[ci].tolist(), np.asarray(dem_at)[di].tolist()))


def _direct(communes, cand_at, dem_at, radius):
    lon, lat = communes["ref_lon"].to_numpy(), communes["ref_lat"].to_numpy()
    ci, di = coverage.coverage_pairs(lon[cand_at], lat[cand_at], lon[dem_at], lat[dem_at],
                                     radius)
    return _pair_set(ci, di, cand_at, dem_at)


def _random_states(layer, rng, n_states, min_population, share):
    """(candidates, communes) of random « filter states »: candidates among the communes of
    at least ``min_population`` inhabitants, communes a random ``share`` of the layer (the
    uncovered ones of some state), both sorted as a territory keeps them."""
    pool = np.flatnonzero(layer.population >= min_population)
    for _ in range(n_states):
        cand = np.sort(rng.choice(pool, int(len(pool) * rng.uniform(0.3, 1.0)), replace=False))
        dem = np.sort(rng.choice(len(layer), int(len(layer) * rng.uniform(share / 3, share)),
                                 replace=False))
        yield cand, dem


@pytest.mark.parametrize("radius", [5, 15, 50])
def test_masked_table_pairs_equal_pairs_measured_directly_regional(occitanie, radius):
    communes = occitanie.communes
    layer = coverage.CommuneLayer(communes)
    rng = np.random.default_rng(radius)
    for cand, dem in _random_states(layer, rng, 4, 500, 0.9):
        ci, di = layer.pairs(radius, 500, cand, dem)
        assert np.all(np.diff(di) >= 0)  # by commune, as the greedy reads them
        assert _pair_set(ci, di, cand, dem) == _direct(communes, cand, dem, radius)
    table = layer._tables.get((float(radius), 500))
    assert table.done.sum() < len(layer)  # only the communes asked for were measured


def test_table_pairs_equal_every_pair_measured_regional(occitanie):
    communes = occitanie.communes
    layer = coverage.CommuneLayer(communes)
    rng = np.random.default_rng(7)
    cand = np.sort(rng.choice(np.flatnonzero(layer.population >= 2000), 60, replace=False))
    dem = np.sort(rng.choice(len(layer), 700, replace=False))
    ci, di = layer.pairs(30, 2000, cand, dem)
    lon, lat = communes["ref_lon"].to_numpy(), communes["ref_lat"].to_numpy()
    brute = brute_pairs(lon[cand], lat[cand], lon[dem], lat[dem], 30)
    assert len(brute) > 500
    assert set(zip(ci.tolist(), di.tolist())) == brute


@pytest.mark.parametrize("radius", [15, 50])
def test_masked_table_pairs_equal_pairs_measured_directly_national(france, radius):
    """The whole of France, overseas included (Lambert-93's scale factor up to 1.9)."""
    communes = france.communes
    layer = coverage.CommuneLayer(communes)
    rng = np.random.default_rng(radius + 100)
    share = 0.5 if radius < 30 else 0.12
    for cand, dem in _random_states(layer, rng, 3, 3000 if radius > 30 else 1000, share):
        ci, di = layer.pairs(radius, 3000 if radius > 30 else 1000, cand, dem)
        assert _pair_set(ci, di, cand, dem) == _direct(communes, cand, dem, radius)
    overseas = np.flatnonzero(communes["dep_code"].astype(str).str.startswith("97").to_numpy())
    cand = overseas[layer.population[overseas] >= 1000]
    ci, di = layer.pairs(radius, 1000, cand, overseas)
    lon, lat = communes["ref_lon"].to_numpy(), communes["ref_lat"].to_numpy()
    assert set(zip(ci.tolist(), di.tolist())) == brute_pairs(
        lon[cand], lat[cand], lon[overseas], lat[overseas], radius)


def test_a_table_under_its_memory_bound_gives_the_same_pairs(occitanie):
    """Tables dropped past the layer's bytes are measured again, to the same pairs; a
    candidate under the table's minimum population is not answered (None), never wrong."""
    communes = occitanie.communes
    small = coverage.CommuneLayer(communes, max_bytes=200_000)
    rng = np.random.default_rng(3)
    for radius in (10, 40, 10, 40):
        for cand, dem in _random_states(small, rng, 2, 1000, 0.9):
            ci, di = small.pairs(radius, 1000, cand, dem)
            assert _pair_set(ci, di, cand, dem) == _direct(communes, cand, dem, radius)
    assert small._tables.stats()["bytes"] <= 200_000
    under = np.flatnonzero(small.population < 1000)[:3]
    assert small.pairs(10, 1000, under, np.arange(50)) is None


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_greedy_by_updates_equals_greedy_by_recount(seed):
    """Random pairs (duplicates included) and whole-number weights with many ties."""
    rng = np.random.default_rng(seed)
    n_cand, n_dem, n_pairs = 300, 2000, 20_000
    ci = rng.integers(0, n_cand, n_pairs)
    di = rng.integers(0, n_dem, n_pairs)
    weights = rng.integers(0, 5, n_dem).astype(float)  # small values: ties everywhere
    fast = list(coverage._greedy_by_updates(ci, di, weights, n_cand, 40))
    slow = list(coverage._greedy_by_recount(ci, di, weights, n_cand, 40))
    assert len(fast) == len(slow) == 40
    for (b1, g1, n1), (b2, g2, n2) in zip(fast, slow):
        assert b1 == b2
        np.testing.assert_array_equal(g1, g2)
        np.testing.assert_array_equal(n1, n2)
    # greedy_steps takes the updates for whole numbers, the recount for fractions
    fractions = weights + rng.uniform(0, 1, n_dem)
    assert [b for b, _, _ in coverage.greedy_steps((ci, di), fractions, n_cand, 10)] == [
        b for b, _, _ in coverage._greedy_by_recount(ci, di, fractions, n_cand, 10)]


def test_greedy_stops_when_nothing_is_left_to_cover():
    ci, di = np.array([0, 0, 1, 2]), np.array([0, 1, 1, 2])
    steps = list(coverage._greedy_by_updates(ci, di, np.array([5.0, 3.0, 0.0]), 3, 5))
    assert [(b, list(n)) for b, _, n in steps] == [(0, [0, 1])]


def _suggest_both_ways(communes, venues, state_dist, radius, k, min_population, rows):
    """(direct, by layer) candidates and suggestions of one state."""
    layer = coverage.CommuneLayer(communes)
    slow_c = roadmap.candidate_sites("communes", state_dist, communes, venues, venues,
                                     min_population)
    fast_c = roadmap.candidate_sites("communes", state_dist, communes, venues, venues,
                                     min_population, layer=layer, rows=rows)
    pd.testing.assert_frame_equal(fast_c, slow_c)
    slow = roadmap.suggest(state_dist, communes, slow_c, radius, k)
    fast = roadmap.suggest(state_dist, communes, fast_c, radius, k, layer=layer, rows=rows,
                           min_population=min_population)
    return slow, fast, layer


@pytest.mark.parametrize("seed", [21, 22])
def test_suggestions_by_layer_equal_the_direct_ones_regional(occitanie, seed):
    communes = occitanie.communes
    rng = np.random.default_rng(seed)
    venues, _ = random_registry(communes, seed, int(rng.integers(10, 150)))
    for deps in ((), ("12", "81")):
        part = communes[communes["dep_code"].isin(deps)] if deps else communes
        rows = np.flatnonzero(communes["dep_code"].isin(deps).to_numpy()) if deps else \
            np.arange(len(communes))
        dist = coverage.commune_distances(part, venues)
        for radius in (8, 25):
            slow, fast, _ = _suggest_both_ways(communes, venues, dist, radius, 8, 500, rows)
            assert len(slow) >= 3
            pd.testing.assert_frame_equal(fast, slow)


@pytest.mark.parametrize("seed", [31, 32])
def test_suggestions_by_layer_equal_the_direct_ones_national(france, seed):
    communes = france.communes
    rng = np.random.default_rng(seed)
    venues, _ = random_registry(communes, seed, int(rng.integers(80, 400)))
    dist = coverage.commune_distances(communes, venues)
    for radius in (15, 40):
        slow, fast, _ = _suggest_both_ways(communes, venues, dist, radius, 10, 1000,
                                           np.arange(len(communes)))
        assert len(slow) == 10
        pd.testing.assert_frame_equal(fast, slow)


def test_nearest_with_many_venues_at_one_point_against_brute_force(occitanie):
    """Ten venues at one point and pairs at equal distance: the 2nd and the 8th nearest
    within the margin send a commune to the next query; the lowest index wins a tie."""
    communes = occitanie.communes.sample(400, random_state=4)
    rng = np.random.default_rng(4)
    lon = np.r_[np.full(10, 1.44), np.full(3, 3.0), 2.0 + rng.uniform(0, 1, 30)]
    lat = np.r_[np.full(10, 43.6), np.full(3, 44.0), 43.0 + rng.uniform(0, 1, 30)]
    venues = pd.DataFrame({"venue_id": [f"v{i}" for i in range(len(lon))], "lon": lon,
                           "lat": lat, "commune_insee": "31555"})
    dist, idx = coverage.nearest_venue_km(communes["ref_lon"], communes["ref_lat"], lon, lat)
    np.testing.assert_allclose(dist, brute_nearest_km(communes, venues), atol=1e-6)
    every = coverage.GEOD.inv(
        np.repeat(communes["ref_lon"].to_numpy(), len(lon)),
        np.repeat(communes["ref_lat"].to_numpy(), len(lon)),
        np.tile(lon, len(communes)), np.tile(lat, len(communes)))[2].reshape(
        len(communes), len(lon)) / 1000
    assert (idx == np.argmin(every, axis=1)).all()  # argmin: the first of equal values
    assert (idx == 0).sum() > 0 and not np.isin(idx, np.arange(1, 10)).any()


def test_distances_with_the_layers_projected_points_equal_the_plain_ones(occitanie):
    communes = occitanie.communes[occitanie.communes["dep_code"].isin(["09", "65"])]
    venues, _ = random_registry(occitanie.communes, 8, 120)
    layer = coverage.CommuneLayer(occitanie.communes)
    rows = layer.territory(("09", "65"))
    assert (layer.ids[rows] == communes["insee"].to_numpy()).all()
    fast = coverage.commune_distances(communes, venues,
                                      coverage.StraightLine(layer.points.take(rows)))
    pd.testing.assert_frame_equal(fast, coverage.commune_distances(communes, venues))


@pytest.mark.parametrize("state", [ViewState(usages=("fablab",), radius_km=20),
                                   ViewState(departements=("31", "81"), k=6),
                                   ViewState(labels=("labellise",), radius_km=45)])
def test_the_datasets_suggestions_equal_the_direct_path(occitanie, state):
    """``Dataset.roadmap_suggestions`` (layer table, positions) against ``roadmap.suggest``
    on the same distances and candidates found by code; the layer outlives the view cache
    and a session's dataset shares it."""
    data = get_published_dataset()
    data.cache.clear()
    sugg = data.roadmap_suggestions(state, RoadmapOptions())
    dist = data.distances(state)
    reach = data.reach_venues(state)
    cand = roadmap.candidate_sites("communes", dist, data.communes, reach, data.registry.venues)
    direct = roadmap.suggest(dist, data.communes, cand, state.radius_km, state.k)
    assert len(direct)
    pd.testing.assert_frame_equal(sugg, direct)
    layer = data.commune_layer
    data.cache.clear()
    assert data.commune_layer is layer
    session = dataset_from_import(data.reference, data.registry.venues, data.registry.calls,
                                  None, "copie.csv", layer=layer)
    assert session.commune_layer is layer
    pd.testing.assert_frame_equal(session.roadmap_suggestions(state, RoadmapOptions()), direct)


# --------------------------------------------------------------------------- sums by territory


def _summary_by_groupby(distances, radius, dep_names=None):
    """The summary as pandas computed it before (a groupby, rows read one by one)."""
    cov = coverage.covered(distances["distance_km"].to_numpy(), radius)
    pop = distances["population"].to_numpy()
    frame = pd.DataFrame({"dep": distances["dep_code"], "pop": distances["population"],
                          "cov": np.where(cov, pop, 0)})
    by_dep = frame.groupby("dep")[["pop", "cov"]].sum()
    total, covered_pop = int(pop.sum()), int(frame["cov"].sum())
    return {"radius_km": float(radius), "population": total,
            "covered_population": covered_pop,
            "coverage_rate": covered_pop / total if total else 0.0,
            "departments": [{"code": code, "name": (dep_names or {}).get(code, code),
                             "population": int(row["pop"]),
                             "covered_population": int(row["cov"]),
                             "coverage_rate": float(row["cov"] / row["pop"]) if row["pop"]
                             else 0.0} for code, row in by_dep.iterrows()]}


def _by_groupby(distances, radius, key):
    cov = coverage.covered(distances["distance_km"].to_numpy(), radius)
    frame = distances.assign(covered_population=np.where(cov, distances["population"], 0))
    out = frame.groupby(key).agg(population=("population", "sum"),
                                 covered_population=("covered_population", "sum"))
    out["uncovered_population"] = out["population"] - out["covered_population"]
    out["coverage_rate"] = np.where(out["population"] > 0,
                                    out["covered_population"] / out["population"].clip(lower=1),
                                    0.0)
    return out


@pytest.mark.parametrize("where", ["occitanie", "france"])
def test_sums_by_position_equal_pandas_groupby(where, request):
    """Rates by department and EPCI counted by position against pandas' groupby: random
    registries, a territory with communes in no EPCI and no department (left out), and
    fractional populations (pandas' path)."""
    communes = request.getfixturevalue(where).communes
    rng = np.random.default_rng(len(communes))
    venues, _ = random_registry(communes, 5, int(rng.integers(30, 300)))
    dist = coverage.commune_distances(communes, venues)
    odd = dist.copy()
    some = rng.random(len(odd)) < 0.05
    odd.loc[some, "epci_siren"] = None
    odd.loc[rng.random(len(odd)) < 0.02, "dep_code"] = None
    names = {"31": "Haute-Garonne", "75": "Paris"}
    for frame in (dist, odd, dist.astype({"population": float})):
        for radius in (5, 20):
            assert coverage.coverage_summary(frame, radius, names) == _summary_by_groupby(
                frame, radius, names)
            for key in ("dep_code", "epci_siren"):
                pd.testing.assert_frame_equal(coverage.coverage_by(frame, radius, key),
                                              _by_groupby(frame, radius, key))


def _zones_by_sort(distances, radius, level):
    """The zones blanches' rows put back in their first order (the communes', the EPCIs' by
    SIREN), then ordered as pandas' stable ``sort_values`` ordered them before."""
    table = coverage.zones_blanches(distances, radius, level)
    first = (table.reindex(distances.index[distances.index.isin(table.index)])
             if level == "commune" else table.sort_index())
    by = ["uncovered_population", "distance_km" if level == "commune" else "max_distance_km"]
    return first.sort_values(by, ascending=[False, False], kind="stable")


@pytest.mark.parametrize("where", ["occitanie", "france"])
def test_zones_ordered_by_position_equal_pandas_sort(where, request):
    """Ties of population everywhere (rounded to hundreds) and unknown distances (no venue
    within reach of a territory): the same rows in the same order as a stable sort, the
    departments of each EPCI as the joined set of its uncovered communes'."""
    communes = request.getfixturevalue(where).communes
    rng = np.random.default_rng(len(communes) + 1)
    venues, _ = random_registry(communes, 6, int(rng.integers(20, 200)))
    dist = coverage.commune_distances(communes, venues)
    tied = dist.assign(population=(dist["population"] // 100) * 100)
    unknown = dist.assign(distance_km=np.where(rng.random(len(dist)) < 0.3, np.nan,
                                               dist["distance_km"]))
    for frame in (dist, tied, unknown):
        for level in ("commune", "epci"):
            table = coverage.zones_blanches(frame, 12, level)
            assert len(table) > 10
            pd.testing.assert_frame_equal(table, _zones_by_sort(frame, 12, level))
    epci = coverage.zones_blanches(unknown, 12, "epci")
    out = ~coverage.covered(unknown["distance_km"].to_numpy(), 12)
    deps = unknown[out].groupby("epci_siren")["dep_code"].agg(lambda s: ",".join(sorted(set(s))))
    assert epci["dep_code"].to_dict() == deps.to_dict()
    assert (epci["dep_code"].str.contains(",")).any() == (deps.str.contains(",")).any()
