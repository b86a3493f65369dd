"""Probable duplicates among imported venues: the same coordinates, or names that match less
than 200 m apart — found in linear-ish time, never by comparing every pair.

Two rows are linked when both gave their own coordinates and these differ by less than 1e-5°
in latitude and in longitude, or when they are at most ``DUPLICATE_DISTANCE_M`` apart and
their names match (the words of one within the other's, stop words aside, or the same
letters once the words are sorted). Groups are the connected rows.

Blocking keeps it fast when a whole file sits in one commune (rows without coordinates all
drawn at the commune's reference point): points are put in grid cells small enough that any
two points of a cell are linked by distance, rows of a cell with the same words are joined at
once, and only cells at most two apart are searched, through an index of (cell, rarest word)
and (cell, sorted letters).
"""

from __future__ import annotations

from collections import Counter, defaultdict

import geopandas as gpd
import numpy as np
from shapely import STRtree, points

from dashboard.importing.columns import normalise

__all__ = ["find_duplicates", "DUPLICATE_DISTANCE_M"]

DUPLICATE_DISTANCE_M = 200.0
SAME_POINT_DEG = 1e-5
_STOPWORDS = {"de", "du", "des", "la", "le", "les", "l", "d", "a", "au", "aux", "et", "en"}
# Cells: two points of one cell are always linked (diagonal < the distance), and points that
# can be linked are at most two cells apart.
_NAME_CELL_M = DUPLICATE_DISTANCE_M / 2 ** 0.5 - 0.5
_POINT_CELL_DEG = SAME_POINT_DEG / 2
_AROUND = [(dx, dy) for dx in range(-2, 3) for dy in range(-2, 3)]
_SMALL = 64  # pairs of cells with fewer points than this are compared directly


def _tokens(name: str) -> frozenset[str]:
    return frozenset(w for w in normalise(name).split() if w not in _STOPWORDS)


def _similar(ta: frozenset, tb: frozenset) -> bool:
    if not ta or not tb:
        return False
    return ta <= tb or tb <= ta or "".join(sorted(ta)) == "".join(sorted(tb))


class _Groups:
    """Union-find over row positions."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def join_all(self, members) -> None:
        first = members[0]
        for other in members[1:]:
            self.join(first, other)

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            out.setdefault(self.find(i), []).append(i)
        return [g for g in out.values() if len(g) > 1]


def find_duplicates(names: list[str], lat: np.ndarray, lon: np.ndarray,
                    own_point: np.ndarray | None = None) -> list[list[int]]:
    """Groups of row indices that are probably the same venue (see the module's docstring):
    ``own_point`` says which rows gave their coordinates (a commune's reference point filled
    in is not a venue's place). Groups are in order of their first row."""
    lat, lon = np.asarray(lat, dtype=float), np.asarray(lon, dtype=float)
    own_point = np.ones(len(names), dtype=bool) if own_point is None else own_point
    groups = _Groups(len(names))
    ok = np.flatnonzero(~(np.isnan(lat) | np.isnan(lon)))
    if len(ok) > 1:
        _join_same_points(groups, ok[np.asarray(own_point, dtype=bool)[ok]], lat, lon)
        xy = gpd.GeoSeries(points(lon[ok], lat[ok]), crs=4326).to_crs(2154)
        _join_similar_names(groups, ok, np.column_stack([xy.x, xy.y]),
                            [_tokens(names[i]) for i in ok])
    return groups.groups()


def _join_same_points(groups: _Groups, rows: np.ndarray, lat: np.ndarray, lon: np.ndarray):
    """Rows giving (nearly) the same coordinates: identical ones joined at once, then cells of
    half the tolerance joined whole, then neighbouring cells compared point by point."""
    if len(rows) < 2:
        return
    _, first, inverse = np.unique(np.column_stack([lat[rows], lon[rows]]), axis=0,
                                  return_index=True, return_inverse=True)
    inverse = inverse.ravel()
    for k in np.flatnonzero(first[inverse] != np.arange(len(rows))):
        groups.join(int(rows[first[inverse[k]]]), int(rows[k]))
    reps = rows[first]  # one row per distinct point
    keys = _cell_keys(lat[reps] / _POINT_CELL_DEG, lon[reps] / _POINT_CELL_DEG)
    cells = _members_by_key(keys, reps)
    for members in cells.values():
        groups.join_all([int(m) for m in members])
    for a, b in _neighbour_cells(np.fromiter(cells, dtype=np.int64, count=len(cells))):
        for i in cells[a]:
            near = (np.abs(lat[cells[b]] - lat[i]) < SAME_POINT_DEG) & (
                np.abs(lon[cells[b]] - lon[i]) < SAME_POINT_DEG)
            for j in cells[b][near]:
                groups.join(int(i), int(j))


_SHIFT = 2 ** 28  # cell keys: x * _SHIFT + y + _SHIFT / 2 (|y| < 2**27 cells)


def _cell_keys(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return np.floor(x).astype(np.int64) * _SHIFT + np.floor(y).astype(np.int64) + _SHIFT // 2


def _members_by_key(keys: np.ndarray, members: np.ndarray) -> dict[int, np.ndarray]:
    order = np.argsort(keys, kind="stable")
    unique, starts = np.unique(keys[order], return_index=True)
    return {int(k): part for k, part in zip(unique, np.split(members[order], starts[1:]))}


def _neighbour_cells(keys: np.ndarray):
    """Pairs of occupied cells at most two apart (each pair once)."""
    keys = np.sort(keys)
    for dx, dy in _AROUND:
        if (dx, dy) <= (0, 0):
            continue
        target = keys + dx * _SHIFT + dy
        pos = np.minimum(np.searchsorted(keys, target), len(keys) - 1)
        for k in np.flatnonzero(keys[pos] == target):
            yield int(keys[k]), int(target[k])


def _join_similar_names(groups: _Groups, rows: np.ndarray, xy: np.ndarray,
                        tokens: list[frozenset]) -> None:
    """Rows with matching names at most 200 m apart, searched cell by cell: each group of
    rows sharing a cell and the same words (a node) looks for nodes containing its rarest
    word, or with the same letters, in the cells around."""
    keys = _cell_keys(xy[:, 0] / _NAME_CELL_M, xy[:, 1] / _NAME_CELL_M).tolist()
    nodes: dict[tuple, list[int]] = defaultdict(list)  # (cell key, words) → positions
    for k, words in enumerate(tokens):
        if words:
            nodes[(keys[k], words)].append(k)
    frequency = Counter(w for (_, words) in nodes for w in words)
    index: dict[str, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for node in nodes:
        groups.join_all([int(rows[k]) for k in nodes[node]])
        for term in (*node[1], "".join(sorted(node[1])) + " "):  # words, then letters
            index[term][node[0]].append(node)
    for node in nodes:
        key, words = node
        rarest = min(words, key=lambda w: (frequency[w], w))
        for term in (rarest, "".join(sorted(words)) + " "):
            for other, same_cell in _around(index[term], key):
                if other != node and _similar(words, other[1]) and (
                        same_cell or _near(nodes[node], nodes[other], xy)):
                    groups.join(int(rows[nodes[node][0]]), int(rows[nodes[other][0]]))


def _around(postings: dict[int, list], key: int):
    """(node, in the same cell) for the nodes of ``postings`` (cell key → nodes) at most two
    cells from ``key``: whichever is shorter, the postings or the 25 cells around."""
    if len(postings) <= len(_AROUND):
        cells = [k for k in postings if _cells_apart(k, key) <= 2]
    else:
        cells = [key + dx * _SHIFT + dy for dx, dy in _AROUND]
    for cell in cells:
        for other in postings.get(cell, ()):
            yield other, cell == key


def _cells_apart(a: int, b: int) -> int:
    (ax, ay), (bx, by) = divmod(a, _SHIFT), divmod(b, _SHIFT)
    return max(abs(ax - bx), abs(ay - by))


def _near(a: list[int], b: list[int], xy: np.ndarray) -> bool:
    """Is some point of ``a`` at most the duplicate distance from some point of ``b``?"""
    if len(a) * len(b) <= _SMALL:
        diff = xy[a][:, None, :] - xy[b][None, :, :]
        return bool((np.hypot(diff[..., 0], diff[..., 1]) <= DUPLICATE_DISTANCE_M).any())
    tree = STRtree(points(xy[b]))
    hits = tree.query_nearest(points(xy[a]), max_distance=DUPLICATE_DISTANCE_M,
                              all_matches=False)
    return hits.shape[1] > 0
