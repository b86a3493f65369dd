"""Nearest-venue distances: spatial index + geodesic, against a brute-force loop."""

from __future__ import annotations

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
