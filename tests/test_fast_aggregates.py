"""The faster paths give the same numbers as the simple ones (issue 12), for what
tests/test_performance.py does not cover yet: per-level aggregates (territories kept once,
counts by position) and the nearest-venue distances they carry, against a plain Python loop
on random registries; coverage and suggestions at national scale; and the dataset's cached
path (distances computed once, only when shown) against the simple computation.

Regional scale: the real Occitanie communes. National scale: a synthetic national-like layer
(35,000 communes over mainland France, Corsica and the overseas departments, with communes
outside any EPCI and unknown areas), always built in the test; and the real national layer
(``make test`` builds it: ``tierslieux data build --region all``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from dashboard import config, coverage, indicators
from dashboard.coverage import GEOD
from dashboard.indicators import LEVEL_KEYS
from tests.test_performance import brute_pairs, national_points

# --------------------------------------------------------------------------- brute force


def brute_nearest_km(communes, venues):
    """Nearest venue of every commune, one geodesic per commune–venue pair (NaN: none)."""
    vlon, vlat = venues["lon"].to_numpy(float), venues["lat"].to_numpy(float)
    if len(vlon) == 0:
        return np.full(len(communes), np.nan)
    return np.array([np.min(GEOD.inv(np.full(len(vlon), x), np.full(len(vlon), y),
                                     vlon, vlat)[2]) / 1000
                     for x, y in zip(communes["ref_lon"], communes["ref_lat"])])


def brute_aggregate(venues, funding, communes, level) -> pd.DataFrame:
    """Population, venues, funding, area and the indicators of each territory, by a loop."""
    key = LEVEL_KEYS[level]
    unit, pop, area, unknown = {}, defaultdict(int), defaultdict(float), set()
    for insee, u, p, a in zip(communes["insee"], communes[key], communes["population"],
                              communes["area_km2"]):
        if u == "":
            continue
        unit[insee] = u
        pop[u] += int(p)
        if a != a:
            unknown.add(u)
        else:
            area[u] += float(a)
    count = Counter(unit[c] for c in venues["commune_insee"] if c in unit)
    venue_unit = {v: unit.get(c) for v, c in zip(venues["venue_id"], venues["commune_insee"])}
    money = defaultdict(float)
    for v, amount in zip(funding["venue_id"], funding["amount_eur"]):
        if venue_unit.get(v) is not None and amount == amount:
            money[venue_unit[v]] += float(amount)
    rows = {}
    for u in sorted(pop):
        p, n, m = pop[u], count[u], money[u]
        a = np.nan if u in unknown else area[u]
        rows[u] = {"population": p, "venues": n, "funding": m, "area_km2": a,
                   "venues_per_10k": n / p * 10_000 if p > 0 else np.nan,
                   "pop_per_venue": p / n if n > 0 else np.nan,
                   "funding_per_capita": m / p if p > 0 else np.nan,
                   "venues_per_100km2": n / a * 100 if a > 0 else np.nan}
    return pd.DataFrame.from_dict(rows, orient="index")


def random_registry(communes, seed, n_venues):
    """Venues near random communes (some in a commune outside the layer), grants of them and
    of venues not in the registry, some amounts unknown."""
    rng = np.random.default_rng(seed)
    at = communes.sample(n_venues, replace=True, random_state=seed)
    insee = at["insee"].to_numpy().astype(object)
    insee[rng.random(n_venues) < 0.05] = "99999"  # a commune the layer does not have
    venues = pd.DataFrame({
        "venue_id": [f"v{i}" for i in range(n_venues)],
        "lon": at["ref_lon"].to_numpy() + rng.normal(0, 0.02, n_venues),
        "lat": at["ref_lat"].to_numpy() + rng.normal(0, 0.02, n_venues),
        "commune_insee": insee})
    n_grants = 2 * n_venues
    grant_of = rng.integers(0, n_venues + 10, n_grants)  # ids ≥ n_venues are not selected
    amounts = rng.uniform(1_000, 90_000, n_grants).round(2)
    amounts[rng.random(n_grants) < 0.1] = np.nan
    funding = pd.DataFrame({"venue_id": [f"v{i}" for i in grant_of], "amount_eur": amounts})
    return venues, funding


def assert_aggregates_match(venues, funding, communes, level, distance_sample=0):
    fast = indicators.aggregate_level(venues, funding, communes, level,
                                      with_distance=bool(distance_sample))
    slow = brute_aggregate(venues, funding, communes, level)
    assert list(fast.index) == list(slow.index)
    for column in slow.columns:
        np.testing.assert_allclose(fast[column].to_numpy(float), slow[column].to_numpy(float),
                                   rtol=1e-12, equal_nan=True, err_msg=f"{level}: {column}")
    if distance_sample:
        some = communes[communes["insee"].isin(fast.index)].sample(
            distance_sample, random_state=len(venues))
        np.testing.assert_allclose(fast.loc[some["insee"], "distance_km"].to_numpy(),
                                   brute_nearest_km(some, venues), atol=1e-6)
    else:
        assert "distance_km" not in fast.columns  # not computed: absent, never 0 or NaN
    return fast


# --------------------------------------------------------------------------- layers


def synthetic_national(n=35_000, seed=5) -> pd.DataFrame:
    """A national-like commune layer: dense mainland, sparse overseas, 2 % of communes in no
    EPCI, some areas unknown, some communes without inhabitants."""
    rng = np.random.default_rng(seed)
    lon, lat = national_points(n, seed)
    dep = np.where(lon < -50, "97" + (np.abs(lon).astype(int) % 5).astype(str),
                   np.char.zfill((np.floor((lon + 5) * 7).astype(int) % 95 + 1).astype(str), 2))
    epci = np.array([f"2{d}{int(x * 3) % 40:06d}" for d, x in zip(dep, lat)], dtype=object)
    epci[rng.random(n) < 0.02] = ""
    area = rng.uniform(2, 80, n)
    area[rng.random(n) < 0.01] = np.nan
    return pd.DataFrame({
        "insee": [f"{i:05d}" for i in range(n)], "name": [f"C{i}" for i in range(n)],
        "dep_code": dep, "epci_siren": epci, "epci_name": epci,
        "population": np.where(rng.random(n) < 0.01, 0, rng.integers(50, 20_000, n)),
        "ref_lon": lon, "ref_lat": lat, "area_km2": area})


@pytest.fixture(scope="module")
def national_layer():
    return synthetic_national()


# --------------------------------------------------------------------------- regional


@pytest.mark.parametrize("seed", [11, 12])
@pytest.mark.parametrize("level", ["commune", "epci", "departement"])
def test_aggregates_against_a_loop_on_random_registries_regional(occitanie, level, seed):
    communes = occitanie.communes
    venues, funding = random_registry(communes, seed, int(np.random.default_rng(seed).integers(
        20, 400)))
    assert_aggregates_match(venues, funding, communes, level,
                            distance_sample=300 if level == "commune" else 0)
    # one department selected: venues and grants elsewhere count for nothing
    part = indicators.territory(communes, ("12",))
    assert_aggregates_match(venues, funding, part, level)


def test_aggregates_of_an_empty_selection_are_zero_counts_and_unknown_ratios(occitanie):
    venues, funding = random_registry(occitanie.communes, 3, 10)
    fast = assert_aggregates_match(venues.iloc[:0], funding.iloc[:0], occitanie.communes,
                                   "commune", distance_sample=20)
    assert (fast["venues"] == 0).all() and fast["pop_per_venue"].isna().all()
    assert fast["distance_km"].isna().all()  # no venue: unknown, never 0


# --------------------------------------------------------------------------- national


@pytest.mark.parametrize("level", ["commune", "epci", "departement"])
def test_aggregates_against_a_loop_on_a_national_like_layer(national_layer, level):
    venues, funding = random_registry(national_layer, 21, 1500)
    fast = assert_aggregates_match(venues, funding, national_layer, level,
                                   distance_sample=400 if level == "commune" else 0)
    if level == "epci":  # communes in no EPCI are left out, not grouped under ""
        assert "" not in fast.index


def test_aggregates_against_a_loop_on_the_real_national_layer():
    from dashboard.reference import ReferenceError_, load_reference

    try:
        layers = load_reference(config.load_settings().cache_dir, "all",
                                build_if_missing=False)
    except (FileNotFoundError, ReferenceError_):
        pytest.fail("Référentiel national absent : `make test` le construit (tierslieux data "
                    "build --region all, 20 s).")
    communes = layers.communes
    venues, funding = random_registry(communes, 31, 1500)
    for level in ("commune", "epci", "departement"):
        assert_aggregates_match(venues, funding, communes, level,
                                distance_sample=300 if level == "commune" else 0)


@pytest.mark.parametrize("seed", [41, 42])
def test_national_distances_coverage_and_suggestions_against_brute_force(national_layer,
                                                                         seed):
    """Nearest venue and coverage over the whole layer (overseas included); suggestions
    chosen exactly as greedy chooses on every candidate–commune pair measured."""
    rng = np.random.default_rng(seed)
    communes = national_layer.sample(3000, random_state=seed)
    venues, _ = random_registry(communes, seed, int(rng.integers(30, 120)))
    dist = coverage.commune_distances(communes, venues)
    brute = brute_nearest_km(communes, venues)
    np.testing.assert_allclose(dist["distance_km"].to_numpy(), brute, atol=1e-6)
    pop = communes["population"].to_numpy()
    for radius in (5, 15, 50):
        summary = coverage.coverage_summary(dist, radius)
        assert summary["covered_population"] == int(pop[brute <= radius].sum())
    radius = 50
    candidates = coverage.default_candidates(dist, venues, 2_000)
    sugg = coverage.suggest_sites(dist, national_layer, radius, 6, candidates)
    ref = national_layer.set_index("insee")
    uncovered = dist.index[~coverage.covered(dist["distance_km"].to_numpy(), radius)]
    cand, dem = ref.loc[list(candidates)], ref.loc[uncovered]
    pairs = brute_pairs(cand["ref_lon"].to_numpy(), cand["ref_lat"].to_numpy(),
                        dem["ref_lon"].to_numpy(), dem["ref_lat"].to_numpy(), radius)
    ci, di = (np.array(x, dtype=np.int64) for x in zip(*sorted(pairs)))
    chosen = coverage.greedy_max_cover((ci, di), dem["population"].to_numpy(), len(cand), 6)
    assert len(sugg) >= 3
    assert list(sugg["insee"]) == [cand.index[i] for i, _ in chosen]
    assert list(sugg["population_added"]) == [int(g) for _, g in chosen]


# --------------------------------------------------------------------------- dataset path


def test_the_dataset_computes_distances_once_and_only_when_shown(monkeypatch):
    """``level_values`` (territories kept, distances shared with coverage) equals the simple
    computation; the distance is not computed for a map that does not show it, and once for
    the map and every radius of the coverage tab."""
    from dashboard.dataset import RoadmapOptions, get_published_dataset
    from dashboard.filters import ViewState

    data = get_published_dataset()
    calls = []
    original = coverage.nearest_venue_km
    monkeypatch.setattr(coverage, "nearest_venue_km",
                        lambda *args: calls.append(1) or original(*args))
    data.cache.clear()
    for state in (ViewState(usages=("fablab",)), ViewState(departements=("31", "81")),
                  ViewState(labels=("labellise",), departements=("48",))):
        view, reach = data.view(state), data.reach_venues(state)
        simple = {level: indicators.aggregate_level(view.venues, view.funding, view.communes,
                                                    level, reach_venues=reach)
                  for level in ("commune", "epci", "departement")}
        calls.clear()
        for level, frame in simple.items():
            shown = data.level_values(state, level, distance=False)
            pd.testing.assert_frame_equal(shown, frame.drop(columns="distance_km",
                                                            errors="ignore"))
        assert calls == []  # no map shows the distance yet
        pd.testing.assert_frame_equal(data.level_values(state, "commune"), simple["commune"])
        for radius in (10, 30):
            cov = replace(state, tab="couverture", radius_km=radius)
            data.coverage_report(cov)
            data.roadmap_coverage(cov, RoadmapOptions())
        assert len(calls) == 1
    data.cache.clear()
