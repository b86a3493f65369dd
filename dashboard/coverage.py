"""Distances from communes to the nearest venue, and coverage at a radius.

Definitions (shown in the interface and the README):

- a commune's reference point is the reference layer's (town hall where it lies inside the
  commune's polygon or within 1 km of it, otherwise a point inside the polygon);
- distances are straight lines on the WGS84 ellipsoid (geodesic, ``pyproj.Geod``);
- a commune is covered at radius R when a venue lies within R km of its reference point.

The nearest venue is found with a spatial index (scipy's k-d tree) in Lambert-93, then the
distance is measured on the ellipsoid among every venue whose projected distance is within
0.5 % of the projected nearest (Lambert-93 departs from geodesic by up to ~0.12 % in
Occitanie, measured in tests/test_coverage.py), so the
result is the exact geodesic nearest distance.

Site suggestions weigh candidate–commune pairs within the radius. A layer's pairs are kept
per radius (``CommuneLayer``, ``PairTable``: each commune's measured once, when a filter
state first leaves it uncovered), so a filter change only reads the pairs of its uncovered
communes and masks them by its candidates; tests/test_coverage_pair_tables.py checks they
are the pairs measured directly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyproj

from dashboard.cache import ViewCache

__all__ = ["GEOD", "nearest_venue_km", "geodesic_km", "covered", "commune_distances",
           "coverage_summary", "coverage_by", "zones_blanches", "default_candidates",
           "coverage_pairs", "greedy_max_cover", "greedy_steps", "suggest_sites",
           "DEFAULT_RADIUS_KM", "RADIUS_RANGE_KM", "StraightLine", "STRAIGHT_LINE",
           "measure_column", "threshold_key", "Points", "points_pairs", "PairTable",
           "CommuneLayer", "PAIR_TABLES_BYTES"]

GEOD = pyproj.Geod(ellps="WGS84")
_TO_L93 = pyproj.Transformer.from_crs(4326, 2154, always_xy=True)
_L93 = pyproj.Proj("EPSG:2154")
_MARGIN = 1.005


def geodesic_km(lon1, lat1, lon2, lat2) -> np.ndarray:
    """Geodesic distance in km between paired points (arrays or scalars)."""
    _, _, metres = GEOD.inv(np.asarray(lon1, float), np.asarray(lat1, float),
                            np.asarray(lon2, float), np.asarray(lat2, float))
    return np.asarray(metres) / 1000.0


def nearest_venue_km(
    ref_lon: np.ndarray, ref_lat: np.ndarray, venue_lon: np.ndarray, venue_lat: np.ndarray,
    ref_points: Points | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(distance in km, index of the nearest venue) for every reference point.

    NaN and -1 when there is no venue. ``ref_points``: the reference points already
    projected (``Points`` of the same lon / lat), if known.
    """
    ref_lon, ref_lat = np.asarray(ref_lon, float), np.asarray(ref_lat, float)
    venue_lon, venue_lat = np.asarray(venue_lon, float), np.asarray(venue_lat, float)
    n = len(ref_lon)
    if len(venue_lon) == 0 or n == 0:
        return np.full(n, np.nan), np.full(n, -1, dtype=np.int64)
    vx, vy = _TO_L93.transform(venue_lon, venue_lat)
    cx, cy = ((ref_points.x, ref_points.y) if ref_points is not None
              else _TO_L93.transform(ref_lon, ref_lat))
    placed = np.flatnonzero(np.isfinite(vx) & np.isfinite(vy))  # a venue with no position
    points = np.column_stack([cx, cy])
    known = np.isfinite(points).all(axis=1)
    dist = np.full(n, np.nan)
    idx = np.full(n, -1, dtype=np.int64)
    if len(placed) == 0 or not known.any():
        return dist, idx
    from scipy.spatial import cKDTree  # imported when first used: 0.2 s of the cold start

    tree = cKDTree(np.column_stack([vx[placed], vy[placed]]))
    rows = np.flatnonzero(known)
    ci, vi = _near_pairs(tree, points[rows], len(placed))
    ci, vi = rows[ci], placed[vi]
    d = geodesic_km(ref_lon[ci], ref_lat[ci], venue_lon[vi], venue_lat[vi])
    order = np.lexsort((vi, d, ci))  # per commune: nearest first, then the lowest index
    ci, vi, d = ci[order], vi[order], d[order]
    first = np.flatnonzero(np.r_[True, ci[1:] != ci[:-1]])
    dist[ci[first]] = d[first]
    idx[ci[first]] = vi[first]
    return dist, idx


_NEAREST_K = (2, 8)


def _near_pairs(tree, points: np.ndarray, n_venues: int) -> tuple[np.ndarray, np.ndarray]:
    """(point index, venue index) of every venue whose projected distance is within the
    margin of the point's projected nearest (``_MARGIN``, + 1 m): the candidates for the
    geodesic nearest. The 2 projected nearest first (most points have one venue within the
    margin); a point whose 2nd is within it asks for its 8 nearest, and one whose 8th still
    is asks the tree for all of them."""
    rows = np.arange(len(points))
    found_c, found_v = [], []
    radius = None
    for k in _NEAREST_K:
        k = min(k, n_venues)
        dk, ik = tree.query(points[rows], k=k)
        dk, ik = dk.reshape(len(rows), k), ik.reshape(len(rows), k)
        if radius is None:
            radius = dk[:, 0] * _MARGIN + 1.0
        inside = dk <= radius[rows][:, None]
        full = inside[:, -1] if k < n_venues else np.zeros(len(rows), dtype=bool)
        ci, col = np.nonzero(inside & ~full[:, None])  # those whose k-th is out are done
        found_c.append(rows[ci])
        found_v.append(ik[ci, col])
        rows = rows[full]
        if len(rows) == 0:
            break
    if len(rows):
        balls = tree.query_ball_point(points[rows], r=radius[rows])
        found_c.append(np.repeat(rows, [len(b) for b in balls]))
        found_v.append(np.concatenate([np.asarray(b, dtype=np.int64) for b in balls]))
    return (np.concatenate(found_c).astype(np.int64),
            np.concatenate(found_v).astype(np.int64))


def covered(distance_km: np.ndarray, radius_km: float) -> np.ndarray:
    """Covered at ``radius_km``: a venue at most that far (no venue → not covered)."""
    d = np.asarray(distance_km, float)
    return np.where(np.isnan(d), False, d <= radius_km)


# --------------------------------------------------------------------------- coverage at R

DEFAULT_RADIUS_KM = 15.0
RADIUS_RANGE_KM = (5, 50)


class StraightLine:
    """The default measure: straight-line (geodesic) km from a commune's reference point to a
    site's coordinates. A travel-time table (``dashboard.traveltimes.TravelTimes``) offers the
    same two methods in minutes, so every coverage function below serves both."""

    unit = "km"
    column = "distance_km"
    source = None

    def __init__(self, points: Points | None = None):
        # the communes' reference points projected (a layer's), when the caller has them
        self.points = points

    def nearest(self, communes: pd.DataFrame, sites: pd.DataFrame):
        """(value, index of the nearest site) per commune; NaN / -1 where there is none."""
        known = self.points if self.points is not None and len(self.points) == len(
            communes) else None
        return nearest_venue_km(communes["ref_lon"], communes["ref_lat"], sites["lon"],
                                sites["lat"], known)

    def pairs(self, sites: pd.DataFrame, communes: pd.DataFrame, threshold: float):
        """(site index, commune index) pairs within ``threshold``."""
        return coverage_pairs(sites["lon"], sites["lat"], communes["ref_lon"],
                              communes["ref_lat"], threshold)


STRAIGHT_LINE = StraightLine()


def measure_column(distances: pd.DataFrame) -> str:
    """``minutes`` for a frame measured with a travel-time table, else ``distance_km``."""
    return "minutes" if "minutes" in distances.columns else "distance_km"


def threshold_key(distances: pd.DataFrame) -> str:
    """How the threshold is named in summaries: ``radius_km`` or ``minutes``."""
    return "minutes" if measure_column(distances) == "minutes" else "radius_km"


def commune_distances(communes: pd.DataFrame, venues: pd.DataFrame,
                      metric=None) -> pd.DataFrame:
    """Per commune (index: INSEE): population, department, EPCI and ``distance_km`` to the
    nearest venue, with that venue's id (empty where there is none).

    With a ``metric`` other than straight lines (a travel-time table), the column is that
    metric's (``minutes``) and every function below reads it."""
    metric = metric or STRAIGHT_LINE
    dist, idx = metric.nearest(communes, venues)
    ids = venues["venue_id"].to_numpy()
    # the text columns keep their (Arrow) arrays: no conversion through Python objects
    out = communes[["name", "dep_code", "epci_siren", "epci_name", "population"]].set_axis(
        pd.Index(communes["insee"].to_numpy(), name="insee"), axis=0)
    return out.assign(**{
        metric.column: dist,
        "nearest_venue": np.where(idx >= 0, ids[np.clip(idx, 0, None)] if len(ids) else "", ""),
    })


def coverage_summary(distances: pd.DataFrame, radius_km: float,
                     dep_names: dict[str, str] | None = None) -> dict:
    """Population, covered population and rate of the whole territory and of each department."""
    cov = covered(distances[measure_column(distances)].to_numpy(), radius_km)
    pop = distances["population"].to_numpy()
    total, covered_pop = int(pop.sum()), int(np.where(cov, pop, 0).sum())
    codes, dep_pop, dep_cov = _sums_by(distances, cov, "dep_code")
    return {
        threshold_key(distances): float(radius_km),
        "population": total,
        "covered_population": covered_pop,
        "coverage_rate": covered_pop / total if total else 0.0,
        "departments": [
            {"code": code, "name": (dep_names or {}).get(code, code),
             "population": int(p), "covered_population": int(c),
             "coverage_rate": float(c / p) if p else 0.0}
            for code, p, c in zip(codes, dep_pop.tolist(), dep_cov.tolist())
        ],
    }


def coverage_by(distances: pd.DataFrame, radius_km: float, key: str) -> pd.DataFrame:
    """Coverage per department (``dep_code``) or EPCI (``epci_siren``)."""
    cov = covered(distances[measure_column(distances)].to_numpy(), radius_km)
    codes, pop, cov_pop = _sums_by(distances, cov, key)
    out = pd.DataFrame({"population": pop, "covered_population": cov_pop},
                       index=pd.Index(codes, name=key, dtype=distances[key].dtype))
    out["uncovered_population"] = out["population"] - out["covered_population"]
    out["coverage_rate"] = np.where(out["population"] > 0,
                                    out["covered_population"] / out["population"].clip(lower=1),
                                    0.0)
    return out


def _sums_by(distances: pd.DataFrame, cov: np.ndarray, key: str):
    """(values of ``key`` sorted, population, population where ``cov``) per value, rows
    whose ``key`` is missing left out — pandas' ``groupby(key).sum()``, counted by position
    (``np.bincount``) when populations are whole numbers (exact), else by pandas."""
    pop = distances["population"].to_numpy()
    if pop.dtype.kind not in "iu":
        frame = pd.DataFrame({"key": distances[key], "pop": distances["population"],
                              "cov": np.where(cov, pop, 0)})
        sums = frame.groupby("key")[["pop", "cov"]].sum()
        return list(sums.index), sums["pop"].to_numpy(), sums["cov"].to_numpy()
    group, values = pd.factorize(distances[key], sort=True)
    known = group >= 0
    n = len(values)
    total = np.bincount(group[known], weights=pop[known], minlength=n)
    part = known & cov
    in_reach = np.bincount(group[part], weights=pop[part], minlength=n)
    return list(values), total.astype(pop.dtype), in_reach.astype(pop.dtype)


def zones_blanches(distances: pd.DataFrame, radius_km: float, level: str = "epci",
                   limit: int | None = None) -> pd.DataFrame:
    """Territories ranked by the population living beyond ``radius_km`` of any venue.

    ``level="commune"``: uncovered communes with their distance to the nearest venue.
    ``level="epci"``: EPCIs with their uncovered population and communes, and the largest and
    the population-weighted mean distance of their uncovered communes.
    """
    column = measure_column(distances)
    if column != "distance_km":  # same table, named in the metric's unit
        table = zones_blanches(distances.rename(columns={column: "distance_km"}), radius_km,
                               level, limit)
        return table.rename(columns=lambda c: c.replace("distance_km", column))
    d = distances["distance_km"]
    out_mask = ~covered(d.to_numpy(), radius_km)
    if level == "commune":
        rows = np.flatnonzero(out_mask)
        rows = rows[_descending(distances["population"].to_numpy()[rows],
                                d.to_numpy(dtype=float)[rows])]
        # column by column: a frame's ``take`` costs twice as much
        table = pd.DataFrame({("uncovered_population" if c == "population" else c):
                              distances[c].array.take(rows)
                              for c in ("name", "dep_code", "epci_name", "population",
                                        "distance_km")}, index=distances.index.take(rows))
    else:
        table = _zones_by_epci(distances, out_mask)
        table = table.take(_descending(table["uncovered_population"].to_numpy(),
                                       table["max_distance_km"].to_numpy(dtype=float)))
    return table.head(limit) if limit else table


def _descending(first: np.ndarray, then: np.ndarray) -> np.ndarray:
    """Positions ordering by ``first``, then ``then``, largest first, NaN last, ties in
    their order: pandas' ``sort_values(ascending=[False, False], kind="stable")`` by
    ``np.lexsort`` on the arrays (no frame sorted, one take)."""
    def key(values):
        values = np.asarray(values)
        if values.dtype.kind in "iu":
            return -values.astype(np.int64)
        values = values.astype(float)
        return np.where(np.isnan(values), np.inf, -values)

    return np.lexsort((key(then), key(first)))


def _zones_by_epci(distances: pd.DataFrame, out_mask: np.ndarray) -> pd.DataFrame:
    """Per EPCI with uncovered communes (``out_mask``), in SIREN order: its name, departments,
    uncovered population and communes, largest and population-weighted mean distance of
    those communes (NaN distances left out of the largest, counted as 0 in the mean, as
    pandas' groupby did), whole population and uncovered share. Counted by position
    (``np.bincount``), not a pandas group per EPCI."""
    group, sirens = pd.factorize(distances["epci_siren"], sort=True)  # -1: no EPCI
    pop = distances["population"].to_numpy()
    d = distances["distance_km"].to_numpy(dtype=float)
    n = len(sirens)
    known = group >= 0
    totals = np.bincount(group[known], weights=pop[known], minlength=n)
    rows = np.flatnonzero(out_mask & known)
    g = group[rows]
    present = np.flatnonzero(np.bincount(g, minlength=n) > 0)
    count = np.bincount(g, minlength=n)[present]
    upop = np.bincount(g, weights=pop[rows], minlength=n)[present]
    weighted = np.bincount(g, weights=np.nan_to_num(d[rows]) * pop[rows], minlength=n)[present]
    largest = np.full(n, np.nan)
    np.fmax.at(largest, g, d[rows])  # fmax: NaN only where every distance is NaN
    _, first = np.unique(g, return_index=True)  # each EPCI's first uncovered commune
    index = pd.Index(np.asarray(sirens)[present], name="epci_siren",
                     dtype=distances["epci_siren"].dtype)
    int_pop = pop.dtype.kind in "iu"
    upop_col = upop.astype(pop.dtype) if int_pop else upop
    whole = totals[present].astype(pop.dtype) if int_pop else totals[present]
    table = pd.DataFrame({
        "name": distances["epci_name"].array.take(rows[first]),
        "dep_code": _departments_of(distances["dep_code"], rows, g, present),
        "uncovered_population": upop_col,
        "uncovered_communes": count.astype(np.int64),
        "max_distance_km": largest[present],
        "mean_distance_km": weighted / np.clip(upop, 1, None),
        "population": whole,
        "uncovered_share": upop_col / np.clip(whole, 1, None),
    }, index=index)
    table["name"] = table["name"].astype(distances["epci_name"].dtype)
    table["dep_code"] = table["dep_code"].astype(distances["dep_code"].dtype)
    return table


def _departments_of(dep_code: pd.Series, rows: np.ndarray, group: np.ndarray,
                    present: np.ndarray) -> list[str]:
    """For each EPCI of ``present`` (in that order), the departments of its communes among
    ``rows`` (``group``: their EPCI's number), sorted and joined by commas."""
    dep_of, deps = pd.factorize(dep_code, sort=True)
    codes = np.asarray(deps, dtype=object)
    pairs = np.unique(group * len(codes) + dep_of[rows])  # (EPCI, department), sorted
    epci, dep = pairs // len(codes), pairs % len(codes)
    starts = np.flatnonzero(np.r_[True, epci[1:] != epci[:-1]]) if len(epci) else epci
    ends = np.r_[starts[1:], len(epci)]
    joined = codes[dep[starts]]  # most EPCIs lie in one department
    for i in np.flatnonzero(ends - starts > 1):
        joined[i] = ",".join(codes[dep[starts[i]:ends[i]]])
    return list(joined[np.searchsorted(epci[starts], present)])


# --------------------------------------------------------------------------- site suggestions


def default_candidates(distances: pd.DataFrame, venues: pd.DataFrame,
                       min_population: int = 1000) -> pd.Index:
    """Communes of at least ``min_population`` inhabitants with no matching venue."""
    with_venue = distances.index.isin(venues["commune_insee"]) if len(venues) else False
    mask = (distances["population"] >= min_population) & ~with_venue
    return distances.index[mask]


def _scale_factors(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Lambert-93's point scale factor (conformal: the same in every direction): about 1 ±
    0.3 % in mainland France, but 1.1–1.9 overseas (Réunion 1.88)."""
    if len(lon) == 0:
        return np.empty(0)
    return np.asarray(_L93.get_factors(lon, lat).parallel_scale, float)


def coverage_pairs(cand_lon, cand_lat, dem_lon, dem_lat, radius_km: float):
    """(candidate index, demand index) pairs within ``radius_km`` on the ellipsoid.

    A Lambert-93 distance is the geodesic one times the scale factor along the way, which lies
    between the two ends' factors (``_scale_factors``) give or take ``_MARGIN`` (0.5 %; the
    factor changes by less than 0.01 % over 50 km). So a pair whose projected distance
    divided by the smaller factor (and the margin) is within the radius is in; one whose
    distance divided by the larger factor (times the margin) is beyond it is out: the geodesic
    is computed only for the pairs in between (a few per cent), the same answer as measuring
    every pair, overseas too.
    """
    if len(cand_lon) == 0 or len(dem_lon) == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    return points_pairs(Points.of(cand_lon, cand_lat), Points.of(dem_lon, dem_lat), radius_km)


@dataclass(frozen=True)
class Points:
    """Points in longitude / latitude with their Lambert-93 coordinates and scale factors,
    projected once (a layer's reference points are projected once per layer: ``Layer``)."""

    lon: np.ndarray
    lat: np.ndarray
    x: np.ndarray
    y: np.ndarray
    k: np.ndarray

    @classmethod
    def of(cls, lon, lat) -> Points:
        lon, lat = np.asarray(lon, float), np.asarray(lat, float)
        x, y = _TO_L93.transform(lon, lat)
        return cls(lon, lat, np.asarray(x, float), np.asarray(y, float),
                   _scale_factors(lon, lat))

    def take(self, at: np.ndarray) -> Points:
        return Points(self.lon[at], self.lat[at], self.x[at], self.y[at], self.k[at])

    def __len__(self) -> int:
        return len(self.lon)


def points_pairs(cand: Points, dem: Points, radius_km: float):
    """``coverage_pairs`` of points already projected."""
    empty = np.empty(0, dtype=np.int64)
    if len(cand) == 0 or len(dem) == 0:
        return empty, empty
    metres = radius_km * 1000
    kc, kd = cand.k, dem.k
    # a pair within the radius is within radius × its scale factor (the candidate's, give or
    # take the margin: the factor varies by < 0.01 % over 100 km) once projected
    ci, di, projected = _pairs_within(np.column_stack([cand.x, cand.y]),
                                      np.column_stack([dem.x, dem.y]),
                                      metres * kc * _MARGIN + 1)
    ci, di = ci.astype(np.int64), di.astype(np.int64)
    low, high = np.minimum(kc[ci], kd[di]) / _MARGIN, np.maximum(kc[ci], kd[di]) * _MARGIN
    keep = projected / low < metres - 1  # surely within the radius
    near = np.flatnonzero(~keep & (projected / high <= metres + 1))  # not surely out
    d = geodesic_km(cand.lon[ci[near]], cand.lat[ci[near]], dem.lon[di[near]],
                    dem.lat[di[near]])
    keep[near] = d <= radius_km
    return ci[keep], di[keep]


def _pairs_within(queries: np.ndarray, points: np.ndarray, reach: np.ndarray):
    """(query index, point index, projected metres) of the points within ``reach`` (metres,
    per query) of each query point; points or queries with no position are in no pair. The
    queries are taken in groups of similar reach (one for mainland France, a few overseas),
    each group's pairs found at once by the trees (no Python object per pair)."""
    q_ok = np.flatnonzero(np.isfinite(queries).all(axis=1))
    p_ok = np.flatnonzero(np.isfinite(points).all(axis=1))
    empty = np.empty(0, dtype=np.int64)
    if len(q_ok) == 0 or len(p_ok) == 0:
        return empty, empty, np.empty(0)
    from scipy.spatial import cKDTree

    tree = cKDTree(points[p_ok])
    group = np.ceil(np.log(reach[q_ok]) / np.log(1.02))  # reaches within 2 % of each other
    parts = []
    for g in np.unique(group):
        qi = q_ok[group == g]
        found = cKDTree(queries[qi]).sparse_distance_matrix(
            tree, float(reach[qi].max()), output_type="ndarray")
        keep = found["v"] <= reach[qi][found["i"]]
        parts.append((qi[found["i"][keep]], p_ok[found["j"][keep]], found["v"][keep]))
    if len(parts) == 1:  # mainland France: 5 million pairs at 50 km, not copied again
        return parts[0]
    return tuple(np.concatenate([p[n] for p in parts]) for n in range(3))


# --------------------------------------------------------------------------- pairs per radius

# the candidate–commune pairs a layer keeps, all radii together (4 bytes a pair: the whole of
# France at 50 km, every commune uncovered, is 5 million pairs, 20 MB)
PAIR_TABLES_BYTES = 48 * 1024 * 1024


@dataclass(frozen=True)
class PairTable:
    """The candidate–commune pairs within ``radius_km`` of a layer's communes, for the
    candidates of ``universe`` and the communes marked ``done``: ``ci`` (the candidates'
    layer positions) by commune, commune ``j``'s from ``first[j]`` to ``first[j + 1]``. It
    grows by the communes a filter state asks for (``extended``: those it leaves uncovered),
    each measured once per radius; a state's pairs are then read by its communes and masked
    by its candidates (``select``): the same pairs as ``coverage_pairs`` of its candidates
    and communes, since whether a pair is in depends on its two points only."""

    radius_km: float
    universe: np.ndarray
    done: np.ndarray
    ci: np.ndarray
    first: np.ndarray

    @classmethod
    def empty(cls, radius_km: float, universe: np.ndarray, n: int) -> PairTable:
        return cls(float(radius_km), np.asarray(universe, dtype=np.int64),
                   np.zeros(n, dtype=bool), np.empty(0, dtype=np.int32),
                   np.zeros(n + 1, dtype=np.int64))

    def extended(self, points: Points, communes: np.ndarray) -> PairTable:
        """This table with the pairs of ``communes`` (layer positions) it lacks."""
        new = np.unique(communes[~self.done[communes]])
        if len(new) == 0:
            return self
        ci, di = points_pairs(points.take(self.universe), points.take(new), self.radius_km)
        # by commune: a radix sort on 16 bits (5 million pairs: 200 → 60 ms) when ``new``
        # has fewer than 65,536 communes (France has 34,871)
        order = np.argsort(di.astype(np.uint16) if len(new) <= 1 << 16 else di, kind="stable")
        ci, di = self.universe[ci[order]].astype(np.int32), new[di[order]]
        done = self.done.copy()
        done[new] = True
        # a new commune had no pair: its block goes where the table's next one starts
        counts = np.diff(self.first) + np.bincount(di, minlength=len(done))
        return PairTable(self.radius_km, self.universe, done,
                         np.insert(self.ci, self.first[di], ci),
                         np.concatenate([[0], np.cumsum(counts)]))

    def select(self, candidates: np.ndarray, communes: np.ndarray):
        """(candidate index, commune index) pairs, indices into ``candidates`` and
        ``communes`` (distinct layer positions; the candidates among ``universe``, the
        communes ``done``), by commune: only the pairs of ``communes`` are read."""
        n = len(self.done)
        communes = np.asarray(communes)
        rank = np.full(n, -1, dtype=np.int32)  # 32 bits: half the memory read per pair
        rank[candidates] = np.arange(len(candidates), dtype=np.int32)
        starts = self.first[communes]
        counts = self.first[communes + 1] - starts
        if len(communes) == n and (np.diff(communes) > 0).all():  # every commune, in order
            c = rank[self.ci]
        else:
            rows = np.repeat((starts - np.cumsum(np.r_[0, counts[:-1]])).astype(np.int64),
                             counts) + np.arange(counts.sum())
            c = rank[self.ci[rows]]
        d = np.repeat(np.arange(len(communes), dtype=np.int32), counts)
        keep = c >= 0
        return c[keep], d[keep]

    @property
    def nbytes(self) -> int:
        return int(self.ci.nbytes + self.first.nbytes + self.done.nbytes
                   + self.universe.nbytes)


class CommuneLayer:
    """A reference layer's communes as the coverage computations read them, built once per
    layer and shared by every dataset on it: their ids (an index whose hash table is built
    once), reference points projected once, populations, and the candidate–commune pairs
    per radius and minimum population (``PairTable``), kept within ``max_bytes``."""

    def __init__(self, communes: pd.DataFrame, max_bytes: int = PAIR_TABLES_BYTES):
        self.ids = pd.Index(communes["insee"].astype(str))
        self.points = Points.of(communes["ref_lon"], communes["ref_lat"])
        self.population = communes["population"].to_numpy()
        # pandas arrays (Arrow strings for text): taken by position without converting
        self.codes = communes["insee"].astype(str).array
        self.names = communes["name"].array
        self.dep_codes = communes["dep_code"].array
        self._tables = ViewCache(max_items=None, max_bytes=max_bytes,
                                 sizeof=lambda table: table.nbytes)
        self._territories = ViewCache(max_items=64)

    def __len__(self) -> int:
        return len(self.ids)

    def positions(self, codes) -> np.ndarray:
        """Positions of ``codes`` in the layer (-1 for a code it lacks)."""
        return self.ids.get_indexer(codes)

    def territory(self, departements: tuple[str, ...]) -> np.ndarray:
        """Positions of the communes of ``departements`` (every commune when none), in the
        layer's order: the rows ``indicators.territory`` keeps."""
        def compute():
            if not departements:
                return np.arange(len(self))
            return np.flatnonzero(pd.Series(self.dep_codes).isin(departements).to_numpy(bool))

        return self._territories.get_or_compute(tuple(departements), compute)

    def pairs(self, radius_km: float, min_population: int, candidates: np.ndarray,
              communes: np.ndarray):
        """``coverage_pairs`` of the communes at layer positions ``candidates`` (each of at
        least ``min_population`` inhabitants, distinct) and ``communes`` (distinct) at
        ``radius_km``, from the radius' table (measured once per commune); None when a
        candidate is not among those the table measures."""
        key = (float(radius_km), min_population)
        table = self._tables.get(key)
        if table is None:
            universe = np.flatnonzero(self.population >= min_population)
            table = PairTable.empty(radius_km, universe, len(self))
        if not (self.population[candidates] >= min_population).all():
            return None
        grown = table.extended(self.points, np.asarray(communes, dtype=np.int64))
        if grown is not table or key not in self._tables:
            self._tables.put(key, grown)
        return grown.select(candidates, communes)


def greedy_max_cover(pairs: tuple[np.ndarray, np.ndarray], weights: np.ndarray, n_candidates: int,
                     k: int) -> list[tuple[int, float]]:
    """Greedy maximal covering: ``k`` candidates, each the one adding the most weight.

    Returns (candidate index, weight added) in the order chosen; stops early when no candidate
    adds anything. Greedy achieves at least (1 − 1/e) ≈ 63 % of the optimal covered weight
    (Nemhauser, Wolsey & Fisher 1978); ties go to the lowest candidate index.
    """
    return [(best, float(gains[best])) for best, gains, _ in
            greedy_steps(pairs, weights, n_candidates, k)]


def greedy_steps(pairs: tuple[np.ndarray, np.ndarray], weights: np.ndarray, n_candidates: int,
                 k: int):
    """The steps of ``greedy_max_cover``: (candidate chosen, every candidate's gain at that
    step (chosen ones −1), demand indices the chosen one newly covers).

    With whole-number weights (populations) the gains are counted once, then each step
    takes off the weight of the demand it covers from the candidates that reached it
    (``_greedy_by_updates``): exact sums, so the same gains and choices as counting every
    live pair again at each step (``_greedy_by_recount``, kept for fractional weights)."""
    ci, di = (np.asarray(a) for a in pairs)
    ci, di = (a if a.dtype.kind in "iu" else a.astype(np.int64) for a in (ci, di))
    weights = np.asarray(weights, float)
    whole = (np.isfinite(weights).all() and (weights == np.round(weights)).all()
             and np.abs(weights).sum() < 2 ** 52)
    steps = _greedy_by_updates if whole else _greedy_by_recount
    yield from steps(ci, di, weights, n_candidates, k)


def _greedy_by_recount(ci, di, weights, n_candidates: int, k: int):
    done = np.zeros(len(weights), dtype=bool)
    chosen: list[int] = []
    for _ in range(k):
        live = ~done[di]
        ci, di = ci[live], di[live]  # pairs of communes already covered never count again
        gains = np.bincount(ci, weights=weights[di], minlength=n_candidates)
        gains[chosen] = -1.0
        best = int(np.argmax(gains)) if n_candidates else -1
        if best < 0 or gains[best] <= 0:
            break
        newly = np.unique(di[ci == best])
        chosen.append(best)
        done[newly] = True
        yield best, gains, newly


def _greedy_by_updates(ci, di, weights, n_candidates: int, k: int):
    if len(di) > 1 and (di[1:] < di[:-1]).any():  # the pairs by demand (a table's already are)
        order = np.argsort(di, kind="stable")
        ci, di = ci[order], di[order]
    first = np.searchsorted(di, np.arange(len(weights) + 1))  # each demand's first pair
    remaining = np.bincount(ci, weights=weights[di], minlength=n_candidates)
    done = np.zeros(len(weights), dtype=bool)
    chosen: list[int] = []
    for _ in range(k):
        gains = remaining.copy()
        gains[chosen] = -1.0
        best = int(np.argmax(gains)) if n_candidates else -1
        if best < 0 or gains[best] <= 0:
            break
        reached = di[ci == best]
        newly = np.unique(reached[~done[reached]])
        chosen.append(best)
        done[newly] = True
        # every pair of a newly covered demand: its candidate gains that weight no more
        counts = first[newly + 1] - first[newly]
        rows = np.repeat(first[newly] - np.cumsum(np.r_[0, counts[:-1]]), counts) + \
            np.arange(counts.sum())
        remaining -= np.bincount(ci[rows], weights=weights[di[rows]], minlength=n_candidates)
        yield best, gains, newly


def suggest_sites(distances: pd.DataFrame, communes: pd.DataFrame, radius_km: float, k: int,
                  candidates: pd.Index) -> pd.DataFrame:
    """Up to ``k`` candidate communes that would add the most covered population at
    ``radius_km`` if a venue opened at their reference point, chosen greedily.

    Columns: ``rank, insee, name, dep_code, population, population_added, cumulative``.
    """
    ref = communes.set_index("insee")
    uncovered = distances.index[~covered(distances[measure_column(distances)].to_numpy(),
                                         radius_km)]
    cand = ref.loc[list(candidates)]
    dem = ref.loc[uncovered]
    pairs = coverage_pairs(cand["ref_lon"], cand["ref_lat"], dem["ref_lon"], dem["ref_lat"],
                           radius_km)
    chosen = greedy_max_cover(pairs, dem["population"].to_numpy(), len(cand), k)
    rows = []
    total = 0
    for rank, (i, gain) in enumerate(chosen, start=1):
        code = cand.index[i]
        total += int(gain)
        rows.append({"rank": rank, "insee": code, "name": cand.at[code, "name"],
                     "dep_code": cand.at[code, "dep_code"],
                     "population": int(cand.at[code, "population"]),
                     "population_added": int(gain), "cumulative": total,
                     "lon": float(cand.at[code, "ref_lon"]),
                     "lat": float(cand.at[code, "ref_lat"])})
    return pd.DataFrame(rows, columns=["rank", "insee", "name", "dep_code", "population",
                                       "population_added", "cumulative", "lon", "lat"])
