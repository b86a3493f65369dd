"""The network's roadmap: candidate sites, suggestions with near-ties, scenarios, the network
as of a year and the contribution of each call / label wave.

Every figure is computed with the functions of ``dashboard.coverage`` (one definition of
coverage), given a measure: straight-line km by default, or a travel-time table
(``dashboard.traveltimes.TravelTimes``) in minutes.

A *site* is a row with ``site_id`` (an INSEE code for a commune, ``v:VENUE_ID`` for a
venue), ``kind`` (``commune`` / ``venue``), ``venue_id``, ``commune_insee``, ``name``,
``dep_code``, ``population`` (of the commune where it stands), ``lon``, ``lat``. A commune
site stands at the commune's reference point.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard import coverage
from dashboard.coverage import STRAIGHT_LINE, StraightLine, covered, measure_column

__all__ = ["CANDIDATE_KINDS", "VENUE_PREFIX", "ALTERNATIVE_TOLERANCE", "SITE_COLUMNS",
           "commune_sites", "layer_sites", "venue_sites", "candidate_sites", "suggest", "Scenario",
           "parse_sites", "scenario_network", "compare_scenario", "scenario_rows",
           "venues_as_of", "coverage_by_year", "venue_waves", "wave_contributions",
           "scenario_site_list"]

CANDIDATE_KINDS = ("communes", "venues", "both")
VENUE_PREFIX = "v:"
ALTERNATIVE_TOLERANCE = 0.05
SITE_COLUMNS = ["site_id", "kind", "venue_id", "commune_insee", "name", "dep_code",
                "population", "lon", "lat"]


# --------------------------------------------------------------------------- sites

def commune_sites(communes: pd.DataFrame, codes) -> pd.DataFrame:
    """Sites at the reference point of each commune of ``codes`` (in that order; a code the
    layer lacks is a ``KeyError``). By position: not ``set_index``, which copies the layer's
    polygons, nor ``.loc`` of a list, which converts each code."""
    codes = pd.Index(codes).astype(str)
    at = pd.Index(communes["insee"]).get_indexer(codes)
    if (at < 0).any():
        raise KeyError(f"communes not in the layer: {list(codes[at < 0])[:5]}")
    return _commune_frame(codes, communes["name"].to_numpy()[at],
                          communes["dep_code"].to_numpy()[at],
                          communes["population"].to_numpy(dtype=np.int64)[at],
                          communes["ref_lon"].to_numpy(dtype=float)[at],
                          communes["ref_lat"].to_numpy(dtype=float)[at])


def layer_sites(layer: coverage.CommuneLayer, at: np.ndarray) -> pd.DataFrame:
    """``commune_sites`` of the communes at positions ``at`` of a ``coverage.CommuneLayer``
    (its arrays read once per layer, no code looked up)."""
    return _commune_frame(layer.codes.take(at), layer.names.take(at),
                          layer.dep_codes.take(at), layer.population.astype(np.int64)[at],
                          layer.points.lon[at], layer.points.lat[at])


def _commune_frame(codes, names, dep_codes, population, lon, lat) -> pd.DataFrame:
    return pd.DataFrame({
        "site_id": codes, "kind": "commune", "venue_id": "", "commune_insee": codes,
        "name": names, "dep_code": dep_codes, "population": population, "lon": lon, "lat": lat,
    }, columns=SITE_COLUMNS).reset_index(drop=True)


def venue_sites(venues: pd.DataFrame, communes: pd.DataFrame) -> pd.DataFrame:
    """Sites at each venue's coordinates."""
    pop = communes.set_index("insee")["population"]
    insee = venues["commune_insee"].astype(str)
    return pd.DataFrame({
        "site_id": (VENUE_PREFIX + venues["venue_id"].astype(str)).to_numpy(), "kind": "venue",
        "venue_id": venues["venue_id"].astype(str).to_numpy(), "commune_insee": insee.to_numpy(),
        "name": venues["name"].astype(str).to_numpy(),
        "dep_code": venues["dep_code"].astype(str).to_numpy() if "dep_code" in venues
        else "", "population": insee.map(pop).fillna(0).to_numpy(dtype=np.int64),
        "lon": venues["lon"].to_numpy(dtype=float), "lat": venues["lat"].to_numpy(dtype=float),
    }, columns=SITE_COLUMNS).reset_index(drop=True)


def candidate_sites(kind: str, distances: pd.DataFrame, communes: pd.DataFrame,
                    reach: pd.DataFrame, all_venues: pd.DataFrame,
                    min_population: int = 1000, *, layer: coverage.CommuneLayer | None = None,
                    rows: np.ndarray | None = None) -> pd.DataFrame:
    """Candidates of one kind: ``communes`` (of the territory, at least ``min_population``
    inhabitants, no matching venue), ``venues`` (venues of the territory that do not match
    the current filters, e.g. non-labelled or applicant venues when ``label=labellise``), or
    ``both`` (communes first). With ``layer`` (``coverage.CommuneLayer`` of ``communes``)
    and ``rows`` (its positions of ``distances``' rows), the communes are found by position:
    the same frame, without looking codes up."""
    if kind not in CANDIDATE_KINDS:
        raise ValueError(f"candidate kind {kind!r} not in {CANDIDATE_KINDS}")
    parts = []
    if kind in ("communes", "both"):
        if layer is not None and rows is not None and len(rows) == len(distances):
            parts.append(layer_sites(layer, _candidate_rows(layer, rows, reach,
                                                            min_population)))
        else:
            codes = coverage.default_candidates(distances, reach, min_population)
            parts.append(commune_sites(communes, codes))
    if kind in ("venues", "both"):
        others = all_venues[~all_venues["venue_id"].isin(reach["venue_id"])
                            & all_venues["commune_insee"].isin(distances.index)]
        parts.append(venue_sites(others, communes))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=SITE_COLUMNS)


def _candidate_rows(layer: coverage.CommuneLayer, rows: np.ndarray, reach: pd.DataFrame,
                    min_population: int) -> np.ndarray:
    """``coverage.default_candidates`` as layer positions: the communes of ``rows`` with at
    least ``min_population`` inhabitants and no venue of ``reach``."""
    with_venue = np.zeros(len(layer), dtype=bool)
    if len(reach):
        at = layer.positions(pd.unique(reach["commune_insee"].astype(str).to_numpy()))
        with_venue[at[at >= 0]] = True
    return rows[(layer.population[rows] >= min_population) & ~with_venue[rows]]


# --------------------------------------------------------------------------- suggestions

SUGGESTION_COLUMNS = ["rank", "kind", "site_id", "venue_id", "insee", "name", "dep_code",
                      "population", "population_added", "cumulative", "lon", "lat",
                      "covered_insee", "alternatives"]


def suggest(distances: pd.DataFrame, communes: pd.DataFrame, candidates: pd.DataFrame,
            threshold: float, k: int, *, metric=None, layer: coverage.CommuneLayer | None = None,
            rows: np.ndarray | None = None, min_population: int = 0,
            tolerance: float = ALTERNATIVE_TOLERANCE, max_alternatives: int = 3) -> pd.DataFrame:
    """Up to ``k`` candidate sites chosen greedily (``coverage.greedy_steps``) for the
    population they would newly cover within ``threshold``.

    Each row lists ``covered_insee`` (the communes it newly covers, largest first) and
    ``alternatives``: the other candidates that would add at least ``1 − tolerance`` of its
    gain at that step (best first), each ``{site_id, kind, venue_id, insee, name,
    population_added, gap}`` with ``gap`` the relative shortfall.

    ``layer`` (``coverage.CommuneLayer`` of ``communes``, optional) finds the communes by
    position from its index (or ``rows``: the layer positions of ``distances``' rows, its
    ``territory``) and, in straight line with commune candidates of at least
    ``min_population`` inhabitants, reads the pairs from its table for the radius (each
    measured once per layer): the same pairs, so the same suggestions.
    """
    metric = metric or STRAIGHT_LINE
    column = measure_column(distances)
    out = ~covered(distances[column].to_numpy(), threshold)
    uncovered = distances.index[out]
    if rows is not None and len(rows) == len(distances):
        at = rows[out]
    else:
        ids = layer.ids if layer is not None else pd.Index(communes["insee"])
        at = ids.get_indexer(uncovered)  # by position: no copy of the layer
    if (at < 0).any():
        raise KeyError(f"communes not in the layer: {list(uncovered[at < 0])[:5]}")
    cand = candidates.reset_index(drop=True)
    pairs = (_layer_pairs(layer, cand, at, threshold, min_population)
             if layer is not None and isinstance(metric, StraightLine) else None)
    if pairs is None:
        pairs = metric.pairs(cand, communes.iloc[at].reset_index(drop=True), threshold)
    # the candidates' fields as plain arrays: a row of Arrow columns (``cand.iloc[i]``) is
    # slow to read, field by field (half of this function's time)
    site_of = _Rows(cand)
    weights = communes["population"].to_numpy(dtype=float)[at]
    picked, total = [], 0
    steps = coverage.greedy_steps(pairs, weights, len(cand), k)
    for rank, (best, gains, newly) in enumerate(steps, start=1):
        gain = int(gains[best])
        total += gain
        site = site_of[best]
        newly = newly[np.argsort(-weights[newly], kind="stable")]
        picked.append({
            "rank": rank, "kind": site["kind"], "site_id": site["site_id"],
            "venue_id": site["venue_id"], "insee": site["commune_insee"], "name": site["name"],
            "dep_code": site["dep_code"], "population": int(site["population"]),
            "population_added": gain, "cumulative": total, "lon": float(site["lon"]),
            "lat": float(site["lat"]),
            "covered_insee": uncovered[newly].astype(str).tolist(),
            "alternatives": _alternatives(site_of, gains, best, tolerance, max_alternatives),
        })
    return pd.DataFrame(picked, columns=SUGGESTION_COLUMNS)


def _layer_pairs(layer, cand: pd.DataFrame, communes: np.ndarray, threshold: float,
                 min_population: int):
    """The pairs of commune candidates ``cand`` and the communes at layer positions
    ``communes`` from the layer's table; None when the table cannot say (a venue
    candidate, a commune twice or under ``min_population``)."""
    if len(cand) == 0 or not (cand["kind"] == "commune").all():
        return None
    at = layer.positions(cand["commune_insee"].astype(str))
    if (at < 0).any() or len(np.unique(at)) != len(at):
        return None
    return layer.pairs(threshold, min_population, at, communes)


class _Rows:
    """``frame``'s rows read by position as dicts, from its columns converted once."""

    def __init__(self, frame: pd.DataFrame):
        self._columns = {c: frame[c].to_numpy() for c in frame.columns}

    def __getitem__(self, i: int) -> dict:
        return {c: values[i] for c, values in self._columns.items()}


def _alternatives(cand: _Rows, gains: np.ndarray, best: int, tolerance: float,
                  limit: int) -> list[dict]:
    floor = (1 - tolerance) * gains[best]
    near = np.flatnonzero((gains >= floor) & (gains > 0))  # sorted alone: not every gain
    out = []
    for j in near[np.lexsort((near, -gains[near]))]:  # largest gain first, then lowest index
        if len(out) >= limit:
            break
        if j == best:
            continue
        site = cand[j]
        out.append({"site_id": site["site_id"], "kind": site["kind"],
                    "venue_id": site["venue_id"], "insee": site["commune_insee"],
                    "name": site["name"], "population_added": int(gains[j]),
                    "gap": float(1 - gains[j] / gains[best])})
    return out


# --------------------------------------------------------------------------- scenarios

@dataclass(frozen=True)
class Scenario:
    """Sites added (``31555`` or ``v:DEMO-042``) and venues removed (``v:DEMO-001``)."""

    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()
    name: str = ""

    def tokens(self) -> list[str]:
        """The URL form: added sites, then removed ones prefixed with ``-``."""
        return list(self.add) + ["-" + r for r in self.remove]

    @property
    def is_empty(self) -> bool:
        return not self.add and not self.remove


def parse_sites(tokens, commune_codes, venue_ids) -> tuple[tuple, tuple, list[str]]:
    """(added, removed, ignored tokens) from ``31555``, ``v:ID`` and ``-v:ID`` tokens.

    Venue ids match case-insensitively (``v:demo-042`` is ``v:DEMO-042``); a commune cannot
    be removed (only venues stand in the network); repeats are dropped."""
    codes = set(map(str, commune_codes))
    by_lower = {str(v).lower(): str(v) for v in venue_ids}
    add, remove, ignored = [], [], []
    for raw in tokens:
        token = str(raw).strip()
        if not token:
            continue
        minus = token.startswith("-")
        body = token[1:].strip() if minus else token
        if body[:2].lower() == VENUE_PREFIX:
            vid = by_lower.get(body[2:].strip().lower())
            site = VENUE_PREFIX + vid if vid else None
        else:
            code = body.zfill(5) if body.isdigit() and len(body) == 4 else body.upper()
            site = code if code in codes and not minus else None
        if site is None:
            ignored.append(token)
        elif minus and site not in remove:
            remove.append(site)
        elif not minus and site not in add:
            add.append(site)
    return tuple(add), tuple(remove), ignored


def scenario_network(reach: pd.DataFrame, all_venues: pd.DataFrame, communes: pd.DataFrame,
                     scenario: Scenario) -> pd.DataFrame:
    """The sites of the network once the scenario is applied: the matching venues, minus the
    removed ones, plus the added venues (at their coordinates) and communes (at their
    reference point). ``venue_id`` is the venue's id or the added commune's code."""
    removed = {s[len(VENUE_PREFIX):] for s in scenario.remove}
    base = reach[~reach["venue_id"].astype(str).isin(removed)]
    added_venues = [s[len(VENUE_PREFIX):] for s in scenario.add if s.startswith(VENUE_PREFIX)]
    by_id = all_venues.set_index(all_venues["venue_id"].astype(str))
    in_base = set(base["venue_id"].astype(str))
    # sites unknown to this dataset (a link made on other data) are left out
    added_venues = [v for v in added_venues if v not in in_base and v in by_id.index]
    codes = set(communes["insee"])
    parts = [venue_sites(base, communes),
             venue_sites(by_id.loc[added_venues].reset_index(drop=True), communes),
             commune_sites(communes, [s for s in scenario.add
                                      if not s.startswith(VENUE_PREFIX) and s in codes])]
    sites = pd.concat(parts, ignore_index=True)
    sites["venue_id"] = np.where(sites["kind"] == "commune", sites["site_id"],
                                 sites["venue_id"])
    return sites


def compare_scenario(before: pd.DataFrame, after: pd.DataFrame, threshold: float,
                     dep_names: dict | None = None) -> dict:
    """Before / after: the coverage summaries, the population newly covered (and no longer
    covered, when venues are removed), and the zones blanches that remain."""
    column = measure_column(before)
    cov_b = covered(before[column].to_numpy(), threshold)
    cov_a = covered(after.reindex(before.index)[column].to_numpy(), threshold)
    pop = before["population"].to_numpy()
    after_summary = coverage.coverage_summary(after, threshold, dep_names)
    remaining = coverage.zones_blanches(after, threshold, "commune")
    return {
        "before": coverage.coverage_summary(before, threshold, dep_names),
        "after": after_summary,
        "newly_covered_population": int(pop[cov_a & ~cov_b].sum()),
        "newly_covered_insee": before.index[cov_a & ~cov_b].astype(str).tolist(),
        "no_longer_covered_population": int(pop[cov_b & ~cov_a].sum()),
        "zones_blanches_communes": int(len(remaining)),
        "zones_blanches_population": int(remaining["uncovered_population"].sum()),
    }


def scenario_rows(comparison: dict, region_code: str, region_name: str) -> pd.DataFrame:
    """One row for the region and one per department: before, after and the change."""
    b, a = comparison["before"], comparison["after"]
    rows = [("region", region_code, region_name, b, a)]
    after_deps = {d["code"]: d for d in a["departments"]}
    rows += [("departement", d["code"], d["name"], d, after_deps[d["code"]])
             for d in b["departments"]]
    return pd.DataFrame([{
        "scope": scope, "code": code, "name": name, "population": x["population"],
        "covered_before": x["covered_population"], "rate_before": x["coverage_rate"],
        "covered_after": y["covered_population"], "rate_after": y["coverage_rate"],
        "newly_covered": y["covered_population"] - x["covered_population"],
    } for scope, code, name, x, y in rows])


# --------------------------------------------------------------------------- the network over time

def venues_as_of(venues: pd.DataFrame, year: int) -> tuple[pd.DataFrame, dict]:
    """The venues open by 31 December ``year`` with their label status as of then, and the
    counts of what could not be dated (never guessed).

    A venue without ``opened_year`` is left out and counted. A labelled venue whose
    ``label_year`` is later than ``year`` was not labelled yet (``non_labellise``); one whose
    ``label_year`` is missing cannot be placed (``inconnu``, counted)."""
    opened = pd.to_numeric(venues["opened_year"], errors="coerce")
    label_year = pd.to_numeric(venues["label_year"], errors="coerce")
    keep = (opened <= year).fillna(False).to_numpy(dtype=bool)
    out = venues[keep].copy()
    ly = label_year[keep]
    labelled = (out["label_status"] == "labellise").to_numpy()
    later = labelled & (ly > year).fillna(False).to_numpy(dtype=bool)
    undated = labelled & ly.isna().to_numpy()
    out.loc[later, "label_status"] = "non_labellise"
    out.loc[later, "label_year"] = pd.NA
    out.loc[undated, "label_status"] = "inconnu"
    return out, {
        "year": int(year), "venues": int(len(venues)), "open": int(keep.sum()),
        "opened_later": int((opened > year).fillna(False).sum()),
        "without_opened_year": int(opened.isna().sum()),
        "labelled_later": int(later.sum()), "label_without_year": int(undated.sum()),
    }


def coverage_by_year(communes: pd.DataFrame, venues: pd.DataFrame, years, threshold: float, *,
                     select=None, metric=None, dep_names: dict | None = None) -> pd.DataFrame:
    """Coverage of the region and of each department as of each year (venues open by then,
    label status as of then, then ``select`` — the current filters — applied)."""
    rows = []
    for year in years:
        network, counts = venues_as_of(venues, int(year))
        network = select(network) if select else network
        dist = coverage.commune_distances(communes, network, metric)
        s = coverage.coverage_summary(dist, threshold, dep_names)
        rows.append({"year": int(year), "scope": "region", "code": "", "name": "",
                     "venues": int(len(network)), "population": s["population"],
                     "covered_population": s["covered_population"],
                     "coverage_rate": s["coverage_rate"]})
        rows += [{"year": int(year), "scope": "departement", "code": d["code"],
                  "name": d["name"], "venues": int((network["dep_code"] == d["code"]).sum()),
                  "population": d["population"],
                  "covered_population": d["covered_population"],
                  "coverage_rate": d["coverage_rate"]} for d in s["departments"]]
    return pd.DataFrame(rows, columns=["year", "scope", "code", "name", "venues", "population",
                                       "covered_population", "coverage_rate"])


def venue_waves(venues: pd.DataFrame, funding: pd.DataFrame,
                calls: pd.DataFrame) -> pd.DataFrame:
    """Each venue's first wave: the earliest call that funded it, or the label wave of its
    ``label_year`` (the call ``label_YYYY`` when the calls table has it). Columns
    ``venue_id, wave_id, wave_name, wave_year``; venues in no wave are absent."""
    names = dict(zip(calls["call_id"], calls["name"]))
    years = dict(zip(calls["call_id"], pd.to_numeric(calls["year"], errors="coerce")))
    funded = funding[funding["call_id"].isin(names) & funding["venue_id"].isin(
        venues["venue_id"])][["venue_id", "call_id"]]
    labelled = venues[(venues["label_status"] == "labellise") & venues["label_year"].notna()]
    label_calls = pd.DataFrame({"venue_id": labelled["venue_id"].to_numpy(),
                                "call_id": [f"label_{int(y)}" for y in labelled["label_year"]]})
    members = pd.concat([funded, label_calls], ignore_index=True).drop_duplicates()
    members["wave_year"] = [years.get(c, np.nan) if c in years else float(c[6:])
                            for c in members["call_id"]]
    members["wave_name"] = [names.get(c, c) for c in members["call_id"]]
    members = members.sort_values(["wave_year", "call_id", "venue_id"], kind="stable")
    first = members.drop_duplicates("venue_id").rename(columns={"call_id": "wave_id"})
    return first[["venue_id", "wave_id", "wave_name", "wave_year"]].reset_index(drop=True)


def wave_contributions(communes: pd.DataFrame, venues: pd.DataFrame, funding: pd.DataFrame,
                       calls: pd.DataFrame, threshold: float, *, metric=None) -> pd.DataFrame:
    """Population newly covered by the venues of each wave, waves taken in order (a venue
    counts in its first wave only), then by the venues in no wave (``wave_id`` empty).
    The rows add up to the population covered by all ``venues``."""
    waves = venue_waves(venues, funding, calls)
    order = waves.drop_duplicates("wave_id")[["wave_id", "wave_name", "wave_year"]]
    steps = [(r.wave_id, r.wave_name, r.wave_year,
              set(waves.loc[waves["wave_id"] == r.wave_id, "venue_id"]))
             for r in order.itertuples()]
    steps.append(("", "", np.nan, set(venues["venue_id"]) - set(waves["venue_id"])))
    rows, network, before = [], set(), 0
    total_pop = int(communes["population"].sum())
    for wave_id, name, year, members in steps:
        network |= members
        dist = coverage.commune_distances(communes, venues[venues["venue_id"].isin(network)],
                                          metric)
        now = coverage.coverage_summary(dist, threshold)["covered_population"]
        rows.append({"wave_id": wave_id, "wave_name": name, "wave_year": year,
                     "venues": len(members), "population_added": now - before,
                     "covered_population": now,
                     "coverage_rate": now / total_pop if total_pop else 0.0})
        before = now
    return pd.DataFrame(rows, columns=["wave_id", "wave_name", "wave_year", "venues",
                                       "population_added", "covered_population",
                                       "coverage_rate"])


def scenario_site_list(scenario: Scenario, network: pd.DataFrame,
                       venues: pd.DataFrame) -> list[dict]:
    """The scenario's sites to show: ``{site, change (add / remove), name, lon, lat}``."""
    net = network.drop_duplicates("site_id").set_index("site_id")
    by_id = venues.drop_duplicates("venue_id").set_index(venues["venue_id"].astype(str))
    out = []
    for site in scenario.add:
        if site in net.index:
            row = net.loc[site]
            out.append({"site": site, "change": "add", "name": str(row["name"]),
                        "lon": float(row["lon"]), "lat": float(row["lat"])})
    for site in scenario.remove:
        vid = site[len(VENUE_PREFIX):]
        if vid in by_id.index:
            row = by_id.loc[vid]
            out.append({"site": site, "change": "remove", "name": str(row["name"]),
                        "lon": float(row["lon"]), "lat": float(row["lat"])})
    return out
