"""Distances from communes to the nearest venue, and coverage at a radius.

Definitions (shown in the interface and the README):

- a commune's reference point is the reference layer's (town hall where it lies inside the
  commune's polygon or within 1 km of it, otherwise a point inside the polygon);
- distances are straight lines on the WGS84 ellipsoid (geodesic, ``pyproj.Geod``);
- a commune is covered at radius R when a venue lies within R km of its reference point.

The nearest venue is found with a spatial index (shapely ``STRtree``) in Lambert-93, then the
distance is measured on the ellipsoid among every venue whose projected distance is within
0.5 % of the projected nearest (Lambert-93 departs from geodesic by up to ~0.12 % in
Occitanie, measured in tests/test_coverage.py), so the
result is the exact geodesic nearest distance.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyproj
import shapely

__all__ = ["GEOD", "nearest_venue_km", "geodesic_km", "covered"]

GEOD = pyproj.Geod(ellps="WGS84")
_TO_L93 = pyproj.Transformer.from_crs(4326, 2154, always_xy=True)
_MARGIN = 1.005


def geodesic_km(lon1, lat1, lon2, lat2) -> np.ndarray:
    """Geodesic distance in km between paired points (arrays or scalars)."""
    _, _, metres = GEOD.inv(np.asarray(lon1, float), np.asarray(lat1, float),
                            np.asarray(lon2, float), np.asarray(lat2, float))
    return np.asarray(metres) / 1000.0


def nearest_venue_km(
    ref_lon: np.ndarray, ref_lat: np.ndarray, venue_lon: np.ndarray, venue_lat: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(distance in km, index of the nearest venue) for every reference point.

    NaN and -1 when there is no venue.
    """
    ref_lon, ref_lat = np.asarray(ref_lon, float), np.asarray(ref_lat, float)
    venue_lon, venue_lat = np.asarray(venue_lon, float), np.asarray(venue_lat, float)
    n = len(ref_lon)
    if len(venue_lon) == 0 or n == 0:
        return np.full(n, np.nan), np.full(n, -1, dtype=np.int64)
    vx, vy = _TO_L93.transform(venue_lon, venue_lat)
    cx, cy = _TO_L93.transform(ref_lon, ref_lat)
    tree = shapely.STRtree(shapely.points(vx, vy))
    communes = shapely.points(cx, cy)
    _, proj = tree.query_nearest(communes, return_distance=True, all_matches=False)
    # every venue within the margin of the projected nearest is a candidate
    radius = proj * _MARGIN + 1.0
    pairs = tree.query(communes, predicate="dwithin", distance=radius)
    ci, vi = pairs
    d = geodesic_km(ref_lon[ci], ref_lat[ci], venue_lon[vi], venue_lat[vi])
    frame = pd.DataFrame({"c": ci, "v": vi, "d": d}).sort_values(["c", "d", "v"])
    best = frame.drop_duplicates("c")
    dist = np.full(n, np.nan)
    idx = np.full(n, -1, dtype=np.int64)
    dist[best["c"].to_numpy()] = best["d"].to_numpy()
    idx[best["c"].to_numpy()] = best["v"].to_numpy()
    return dist, idx


def covered(distance_km: np.ndarray, radius_km: float) -> np.ndarray:
    """Covered at ``radius_km``: a venue at most that far (no venue → not covered)."""
    d = np.asarray(distance_km, float)
    return np.where(np.isnan(d), False, d <= radius_km)
