"""Probable duplicates among imported venues: the same coordinates, or names that match less
than 200 m apart."""

from __future__ import annotations

import geopandas as gpd
import numpy as np

from dashboard.importing.columns import normalise

__all__ = ["find_duplicates", "DUPLICATE_DISTANCE_M"]

DUPLICATE_DISTANCE_M = 200.0
_STOPWORDS = {"de", "du", "des", "la", "le", "les", "l", "d", "a", "au", "aux", "et", "en"}


def _tokens(name: str) -> set[str]:
    return {w for w in normalise(name).split() if w not in _STOPWORDS}


def _similar(ta: frozenset, tb: frozenset) -> bool:
    if not ta or not tb:
        return False
    return ta <= tb or tb <= ta or "".join(sorted(ta)) == "".join(sorted(tb))


def find_duplicates(names: list[str], lat: np.ndarray, lon: np.ndarray,
                    own_point: np.ndarray | None = None) -> list[list[int]]:
    """Groups of row indices that are probably the same venue: the same coordinates (when both
    rows gave them: a commune's reference point filled in is not a venue's place), or names
    that match (one's words within the other's) less than 200 m apart."""
    own_point = np.ones(len(names), dtype=bool) if own_point is None else own_point
    tokens = [frozenset(_tokens(name)) for name in names]
    n = len(names)
    parent = list(range(n))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    ok = np.flatnonzero(~(np.isnan(lat) | np.isnan(lon)))
    if len(ok) > 1:
        from shapely import STRtree, points

        pts = gpd.GeoSeries(points(lon[ok], lat[ok]), crs=4326).to_crs(2154)
        tree = STRtree(pts.to_numpy())
        left, right = tree.query(pts.to_numpy(), predicate="dwithin",
                                 distance=DUPLICATE_DISTANCE_M)
        for a, b in zip(ok[left], ok[right]):
            if a >= b:
                continue
            same_point = (own_point[a] and own_point[b] and abs(lat[a] - lat[b]) < 1e-5
                          and abs(lon[a] - lon[b]) < 1e-5)
            if same_point or _similar(tokens[a], tokens[b]):
                parent[find(b)] = find(a)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return [g for g in groups.values() if len(g) > 1]
