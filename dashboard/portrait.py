"""Portrait de territoire: the fact sheet of one department, EPCI or commune.

Every figure is taken from the functions the dashboard uses (``Dataset.view``,
``Dataset.coverage_report``, ``indicators.compute_kpis``, ``coverage.coverage_summary``,
``hybridation``, ``funding``) over the territory's communes, so that a fact sheet shows what the
dashboard shows for the same filters. The territory replaces the department filter: the other
filters (usages, labels, call, years, radius) apply.

Query parameters (the conventions of ``dashboard/filters.py``: unknown values are dropped and
reported, never fatal): ``territoire=<niveau>:<code>`` and ``comparer=<niveau>:<code>``, where
``niveau`` is ``commune`` (INSEE code), ``epci`` (SIREN) or ``departement`` (code).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import parse_qsl

import pandas as pd

from dashboard import coverage, funding, hybridation, indicators
from dashboard.filters import ViewState
from dashboard.viewstate import LEVELS

__all__ = ["Territory", "Portrait", "parse_territories", "territory_query", "territory_name",
           "territory_communes", "make_portrait", "region_figures", "NEAREST_COUNT"]

NEAREST_COUNT = 5
_LAYER_ID = {"commune": "insee", "epci": "siren", "departement": "code"}


@dataclass(frozen=True)
class Territory:
    level: str
    code: str

    @property
    def key(self) -> str:
        return f"{self.level}:{self.code}"


@dataclass(frozen=True)
class Portrait:
    """What a fact sheet shows. ``figures`` holds the key figures (``indicators.compute_kpis``
    plus ``venues_per_10k`` and the coverage at the state's radius)."""

    territory: Territory | None  # None: the region
    name: str
    figures: dict
    venues: pd.DataFrame
    usage_shares: pd.Series
    usages_unknown: int
    calls: pd.DataFrame
    main_town: tuple[str, str] | None
    nearest: pd.DataFrame


def _layer(data, level: str) -> pd.DataFrame:
    ref = data.reference
    return {"commune": ref.communes, "epci": ref.epcis, "departement": ref.departements}[level]


def _parse_one(value: str, data) -> Territory | None:
    level, _, code = value.partition(":")
    if level not in LEVELS or not code:
        return None
    if code not in set(_layer(data, level)[_LAYER_ID[level]]):
        return None
    return Territory(level, code)


def parse_territories(search: str, data) -> tuple[Territory | None, Territory | None,
                                                  list[tuple[str, str]]]:
    """(territory, comparison, ignored pairs) from ``?territoire=…&comparer=…``."""
    params = dict(parse_qsl((search or "").lstrip("?"), keep_blank_values=True))
    found, ignored = {}, []
    for key in ("territoire", "comparer"):
        value = params.get(key)
        if not value:
            found[key] = None
            continue
        found[key] = _parse_one(value, data)
        if found[key] is None:
            ignored.append((key, value))
    return found["territoire"], found["comparer"], ignored


def territory_query(territory: Territory | None, compare: Territory | None = None) -> str:
    """``territoire=…&comparer=…`` (without ``?``), empty when there is no territory."""
    pairs = [(k, t.key) for k, t in (("territoire", territory), ("comparer", compare)) if t]
    return "&".join(f"{k}={v}" for k, v in pairs)


def territory_name(data, territory: Territory | None, region_name: str = "Occitanie") -> str:
    if territory is None:
        return region_name
    return str(data.names(territory.level).get(territory.code, territory.code))


def territory_communes(data, territory: Territory | None) -> pd.DataFrame:
    """The communes of a territory (every commune of the region for None)."""
    communes = data.reference.communes
    if territory is None:
        return communes
    return communes[communes[indicators.LEVEL_KEYS[territory.level]] == territory.code]


def _region_state(state: ViewState) -> ViewState:
    return replace(state, departements=())


def _with_coverage(kpis: dict, summary: dict) -> dict:
    population = kpis["population"]
    return {**kpis,
            "venues_per_10k": kpis["venues"] / population * 10_000 if population else
            float("nan"),
            "radius_km": summary["radius_km"],
            "covered_population": summary["covered_population"],
            "uncovered_population": summary["population"] - summary["covered_population"],
            "coverage_rate": summary["coverage_rate"] if summary["population"] else
            float("nan")}


def region_figures(data, state: ViewState) -> dict:
    """The region's key figures for the state's filters (what the dashboard shows with no
    department selected)."""
    region = _region_state(state)
    return _with_coverage(data.view(region).kpis, data.coverage_report(region).summary)


def _nearest(data, state: ViewState, communes: pd.DataFrame) -> tuple[tuple | None,
                                                                       pd.DataFrame]:
    """The main town (most populous commune) and its nearest venues among those that can serve
    it (every filter but the departments), by geodesic distance from its reference point."""
    columns = ["venue_id", "name", "commune_name", "distance_km"]
    if communes.empty:
        return None, pd.DataFrame(columns=columns)
    town = communes.sort_values(["population", "insee"], ascending=[False, True]).iloc[0]
    reach = data.reach_venues(state)
    n = len(reach)
    dist = coverage.geodesic_km([town["ref_lon"]] * n, [town["ref_lat"]] * n,
                                reach["lon"].to_numpy(), reach["lat"].to_numpy())
    table = reach.assign(distance_km=dist)[columns]
    table = table.sort_values(["distance_km", "venue_id"], kind="stable").head(NEAREST_COUNT)
    return (str(town["insee"]), str(town["name"])), table.reset_index(drop=True)


def make_portrait(data, state: ViewState, territory: Territory | None,
                  region_name: str = "Occitanie") -> Portrait:
    """The fact sheet of ``territory`` (None: the region) for the state's filters."""
    region = _region_state(state)
    view = data.view(region)
    communes = territory_communes(data, territory)
    venues = view.venues[view.venues["commune_insee"].isin(communes["insee"])]
    grants = view.funding[view.funding["venue_id"].isin(venues["venue_id"])]
    kpis = indicators.compute_kpis(venues, grants, communes)
    distances = data.coverage_report(region).distances
    summary = coverage.coverage_summary(distances.loc[communes["insee"]], state.radius_km)
    counts = hybridation.usage_count_distribution(venues)
    calls = funding.call_summary(grants, data.registry.calls)
    main_town, nearest = _nearest(data, state, communes)
    return Portrait(
        territory=territory, name=territory_name(data, territory, region_name),
        figures=_with_coverage(kpis, summary),
        venues=venues.sort_values(["commune_name", "name"], kind="stable"),
        usage_shares=hybridation.usage_shares(venues),
        usages_unknown=int(counts.get(0, 0)),
        calls=calls[["name", "year", "recorded_eur", "venues_funded"]],
        main_town=main_town, nearest=nearest,
    )
