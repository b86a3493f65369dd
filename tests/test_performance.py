"""The faster paths give the same numbers as the simple ones (issue 12): coverage pairs with
exact geodesics only near the radius against every pair measured, suggestions and coverage
against brute force on random registries, at regional scale (the real Occitanie communes) and
national scale (a synthetic national-size set of points: mainland France and the overseas
departments, where Lambert-93's scale factor reaches 1.9); the coverage Patch's hover numbers;
the GeoJSON compressed once."""

from __future__ import annotations

import gzip

import numpy as np
import pandas as pd
import pytest

from dashboard import coverage
from dashboard.coverage import GEOD


def brute_pairs(cand_lon, cand_lat, dem_lon, dem_lat, radius_km):
    """Every candidate–demand pair measured on the ellipsoid."""
    ci, di = np.meshgrid(np.arange(len(cand_lon)), np.arange(len(dem_lon)), indexing="ij")
    ci, di = ci.ravel(), di.ravel()
    d = GEOD.inv(np.asarray(cand_lon)[ci], np.asarray(cand_lat)[ci], np.asarray(dem_lon)[di],
                 np.asarray(dem_lat)[di])[2] / 1000
    keep = d <= radius_km
    return set(zip(ci[keep].tolist(), di[keep].tolist()))


def national_points(n, seed):
    """Random points over mainland France, Corsica and the five overseas departments."""
    rng = np.random.default_rng(seed)
    boxes = [(-4.8, 8.2, 42.4, 51.0, 0.9), (8.5, 9.6, 41.4, 43.0, 0.02),
             (-61.8, -61.0, 15.9, 16.5, 0.02), (-61.2, -60.8, 14.4, 14.9, 0.02),
             (-54.5, -51.6, 2.1, 5.7, 0.01), (55.2, 55.8, -21.4, -20.9, 0.02),
             (45.0, 45.3, -13.0, -12.6, 0.01)]
    weights = np.array([b[4] for b in boxes])
    which = rng.choice(len(boxes), n, p=weights / weights.sum())
    lon = np.array([rng.uniform(boxes[w][0], boxes[w][1]) for w in which])
    lat = np.array([rng.uniform(boxes[w][2], boxes[w][3]) for w in which])
    return lon, lat


@pytest.mark.parametrize("radius", [5, 15, 50])
def test_coverage_pairs_equal_every_pair_measured_regional(occitanie, radius):
    c = occitanie.communes.sample(900, random_state=radius)
    cand, dem = c.iloc[:150], c.iloc[150:]
    fast = coverage.coverage_pairs(cand["ref_lon"], cand["ref_lat"], dem["ref_lon"],
                                   dem["ref_lat"], radius)
    assert set(zip(*(a.tolist() for a in fast))) == brute_pairs(
        cand["ref_lon"].to_numpy(), cand["ref_lat"].to_numpy(), dem["ref_lon"].to_numpy(),
        dem["ref_lat"].to_numpy(), radius)


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("radius", [15, 50])
def test_coverage_pairs_equal_every_pair_measured_national(seed, radius):
    """Overseas included: the projected bound must widen by the local scale factor."""
    clon, clat = national_points(300, seed)
    dlon, dlat = national_points(4000, seed + 10)
    fast = coverage.coverage_pairs(clon, clat, dlon, dlat, radius)
    expected = brute_pairs(clon, clat, dlon, dlat, radius)
    assert len(expected) > 100
    assert set(zip(*(a.tolist() for a in fast))) == expected


def brute_distances(ref_lon, ref_lat, venue_lon, venue_lat):
    return np.array([np.min(GEOD.inv(np.full(len(venue_lon), x), np.full(len(venue_lon), y),
                                     venue_lon, venue_lat)[2]) / 1000
                     for x, y in zip(ref_lon, ref_lat)])


@pytest.mark.parametrize("seed", [3, 4])
def test_nearest_distances_and_coverage_against_brute_force_on_random_registries(occitanie,
                                                                                 seed):
    rng = np.random.default_rng(seed)
    communes = occitanie.communes.sample(500, random_state=seed)
    venues = occitanie.communes.sample(int(rng.integers(5, 80)), random_state=seed + 1)
    venues = pd.DataFrame({"venue_id": [f"v{i}" for i in range(len(venues))],
                           "lon": venues["ref_lon"].to_numpy() + rng.normal(0, 0.02, len(venues)),
                           "lat": venues["ref_lat"].to_numpy() + rng.normal(0, 0.02, len(venues)),
                           "commune_insee": venues["insee"].to_numpy()})
    dist = coverage.commune_distances(communes, venues)
    brute = brute_distances(communes["ref_lon"].to_numpy(), communes["ref_lat"].to_numpy(),
                            venues["lon"].to_numpy(), venues["lat"].to_numpy())
    np.testing.assert_allclose(dist["distance_km"].to_numpy(), brute, atol=1e-6)
    for radius in (5, 15, 30):
        summary = coverage.coverage_summary(dist, radius)
        pop = communes["population"].to_numpy()
        assert summary["covered_population"] == int(pop[brute <= radius].sum())


@pytest.mark.parametrize("radius", [15, 50])
def test_suggestions_equal_greedy_on_every_pair_measured(occitanie, radius):
    """suggest_sites (fast pairs) chooses exactly what greedy chooses on brute-force pairs."""
    rng = np.random.default_rng(radius)
    communes = occitanie.communes[occitanie.communes["dep_code"].isin(["12", "46", "48"])]
    pick = communes.sample(25 if radius < 30 else 3, random_state=radius)
    venues = pd.DataFrame({"venue_id": [f"v{i}" for i in range(len(pick))],
                           "lon": pick["ref_lon"].to_numpy() + rng.normal(0, 0.01, len(pick)),
                           "lat": pick["ref_lat"].to_numpy(), "commune_insee": pick["insee"]})
    dist = coverage.commune_distances(communes, venues)
    candidates = coverage.default_candidates(dist, venues, 300)
    sugg = coverage.suggest_sites(dist, occitanie.communes, radius, 8, candidates)
    ref = occitanie.communes.set_index("insee")
    uncovered = dist.index[~coverage.covered(dist["distance_km"].to_numpy(), radius)]
    cand, dem = ref.loc[list(candidates)], ref.loc[uncovered]
    pairs = brute_pairs(cand["ref_lon"].to_numpy(), cand["ref_lat"].to_numpy(),
                        dem["ref_lon"].to_numpy(), dem["ref_lat"].to_numpy(), radius)
    ci, di = (np.array(x, dtype=np.int64) for x in zip(*sorted(pairs)))
    chosen = coverage.greedy_max_cover((ci, di), dem["population"].to_numpy(), len(cand), 8)
    assert len(sugg) >= 3
    assert list(sugg["insee"]) == [cand.index[i] for i, _ in chosen]
    assert list(sugg["population_added"]) == [int(g) for _, g in chosen]


def test_coverage_patch_sends_numbers_formatted_by_the_hover(occitanie):
    from dashboard.figures.coverage import coverage_arrays, coverage_update
    from dashboard.packed_arrays import unpack

    communes = occitanie.communes.iloc[:300]
    venues = pd.DataFrame({"venue_id": ["a", "b"], "lon": [1.44, 3.88], "lat": [43.6, 43.61],
                           "commune_insee": ["31555", "34172"], "name": ["A", "B"]})
    dist = coverage.commune_distances(communes, venues)
    empty = pd.DataFrame(columns=["rank", "insee", "name", "population_added", "lat", "lon"])
    upd = coverage_update(dist, empty, radius_km=15, mode="couverture", lang="fr", view=None)
    z, custom = (unpack(a) for a in coverage_arrays(dist, 15, "couverture"))
    np.testing.assert_allclose(custom, dist["distance_km"].round(1), atol=1e-9)
    assert z.tolist() == [int(v <= 15) for v in dist["distance_km"]]
    assert "(km) : %{customdata:.1f}" in upd["data.0.hovertemplate"]
    assert upd["data.0.hovertemplatefallback"] == "aucun lieu"  # unknown is not 0
    assert "data.0.z" not in upd and "data.0.customdata" not in upd  # packed apart
    none = coverage.commune_distances(communes, venues.iloc[:0])
    upd = coverage_update(none, empty, radius_km=15, mode="couverture", lang="fr", view=None)
    assert "aucun lieu" in upd["data.0.hovertemplate"] and "customdata:" not in \
        upd["data.0.hovertemplate"]


def test_geojson_is_compressed_once_and_answers_its_etag():
    import app as app_module

    client = app_module.server.test_client()
    raw = client.get("/geo/76/departement.geojson")
    gz = client.get("/geo/76/departement.geojson", headers={"Accept-Encoding": "gzip"})
    assert gz.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(gz.data) == raw.data
    assert gz.headers["ETag"] == raw.headers["ETag"]
    again = client.get("/geo/76/departement.geojson",
                       headers={"If-None-Match": raw.headers["ETag"]})
    assert again.status_code == 304


def test_figures_with_unvalidated_arrays_pass_plotly_validation(occitanie):
    """set_arrays skips plotly's element checks: the same figure validated in full is equal."""
    import json

    import plotly.graph_objects as go

    from dashboard.dataset import get_published_dataset
    from dashboard.figures.coverage import make_coverage_map
    from dashboard.figures.map import make_map_figure
    from dashboard.filters import ViewState

    data = get_published_dataset()
    state = ViewState(departements=("31", "81"))
    fig = make_map_figure(data.level_values(state, "commune"), data.view(state).venues,
                          geojson_url="/g", indicator="venues_per_10k", color_by="usage",
                          lang="fr", view=data.view_bounds(state))
    report = data.coverage_report(state)
    cov = make_coverage_map(report.distances, data.reach_venues(state), report.suggestions,
                            radius_km=15, mode="couverture", lang="fr", geojson_url="/g",
                            view=data.view_bounds(state))
    for figure in (fig, cov):
        checked = go.Figure(figure.to_dict())  # validated element by element
        assert json.loads(checked.to_json()) == json.loads(figure.to_json())
    assert len(fig.data[0].z) == len(fig.data[0].locations) > 800
    assert sum(len(tr.lat) for tr in fig.data[1:-1]) == len(data.view(state).venues)


def test_a_department_change_resends_the_places_with_as_many_values_and_no_base(occitanie):
    from dashboard.dataset import get_published_dataset
    from dashboard.figures.map import map_update
    from dashboard.filters import ViewState

    data = get_published_dataset()
    state = ViewState(departements=("48",))
    upd = map_update(data.level_values(state, "commune"), indicator="venues",
                     color_by="label", lang="fr", view=data.view_bounds(state))
    assert len(upd["data.0.z"]) == len(upd["data.0.locations"]) > 100
    assert all(k.startswith(("data.0.", "layout.")) for k in upd)  # the base is a layer


def test_serve_preloads_the_data_before_forking_the_workers():
    import app as app_module
    from dashboard import cli, config

    argv = cli.gunicorn_argv(config.load_settings(), 4)
    assert "--preload" in argv
    app_module._GEOJSON_CACHE.clear()
    app_module.preload()
    assert {level for _, level in app_module._GEOJSON_CACHE} == {"commune", "epci",
                                                                  "departement"}
