"""Key figures and per-territory aggregates of a selection of venues.

The territory is the region, or the selected departments: every share and every « per
inhabitant » figure is relative to the population of that territory.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.coverage import nearest_venue_km

__all__ = ["LEVEL_KEYS", "INDICATOR_IDS", "DEFAULT_INDICATOR", "applies_at", "territory",
           "compute_kpis", "aggregate_level"]

# level -> column of the commune layer that names the territory it belongs to
LEVEL_KEYS = {"commune": "insee", "epci": "epci_siren", "departement": "dep_code"}
INDICATOR_IDS = ("venues", "venues_per_10k", "pop_per_venue", "funding_per_capita", "distance_km")
DEFAULT_INDICATOR = "venues"
_COMMUNE_ONLY = ("distance_km",)


def applies_at(indicator: str, level: str) -> bool:
    """Whether a map indicator can be shown at a level (distances only per commune)."""
    return indicator in INDICATOR_IDS and (indicator not in _COMMUNE_ONLY or level == "commune")


def territory(communes: pd.DataFrame, departements: tuple[str, ...]) -> pd.DataFrame:
    """Communes of the selected departments (all when none is selected)."""
    if not departements:
        return communes
    return communes[communes["dep_code"].isin(departements)]


def compute_kpis(venues: pd.DataFrame, funding: pd.DataFrame, communes: pd.DataFrame) -> dict:
    """Key figures of selected venues and grants over a territory's communes."""
    population = int(communes["population"].sum())
    with_venue = communes["insee"].isin(venues["commune_insee"])
    covered_pop = int(communes.loc[with_venue, "population"].sum())
    total = float(funding["amount_eur"].sum())
    return {
        "venues": int(len(venues)),
        "labelled": int((venues["label_status"] == "labellise").sum()),
        "communes_with_venue": int(with_venue.sum()),
        "communes": int(len(communes)),
        "population": population,
        "population_with_venue": covered_pop,
        "population_share": covered_pop / population if population else float("nan"),
        "funding": total,
        "funding_per_capita": total / population if population else float("nan"),
    }


def aggregate_level(
    venues: pd.DataFrame,
    funding: pd.DataFrame,
    communes: pd.DataFrame,
    level: str,
    reach_venues: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per territory of ``level`` (index: INSEE code, EPCI SIREN or department code)
    with population, venues, funding and the map indicators.

    ``pop_per_venue`` is NaN where there is no venue; ``distance_km`` (commune level only) is
    the geodesic distance from the commune's reference point to the nearest venue of
    ``reach_venues`` (default: the selected venues; the dashboard passes the venues matching
    every filter but the departments, since a venue across a border still serves).
    """
    key = LEVEL_KEYS[level]
    units = communes[communes[key] != ""]
    population = units.groupby(key)["population"].sum()
    unit_of = pd.Series(units[key].to_numpy(), index=units["insee"].to_numpy())
    venue_units = venues["commune_insee"].map(unit_of)
    count = venue_units.value_counts().reindex(population.index, fill_value=0)
    grant_units = funding["venue_id"].map(venues.set_index("venue_id")["commune_insee"]).map(
        unit_of)
    money = funding["amount_eur"].groupby(grant_units).sum().reindex(population.index,
                                                                     fill_value=0.0)
    pop = population.astype(float)
    out = pd.DataFrame({
        "population": population,
        "venues": count.astype("int64"),
        "funding": money.astype(float),
    })
    out["venues_per_10k"] = np.where(pop > 0, out["venues"] / pop * 10_000, np.nan)
    out["pop_per_venue"] = np.where(out["venues"] > 0, pop / out["venues"].clip(lower=1),
                                    np.nan)
    out["funding_per_capita"] = np.where(pop > 0, out["funding"] / pop, np.nan)
    if level == "commune":
        ordered = units.set_index("insee").loc[out.index]
        reach = venues if reach_venues is None else reach_venues
        dist, _ = nearest_venue_km(ordered["ref_lon"], ordered["ref_lat"], reach["lon"],
                                   reach["lat"])
        out["distance_km"] = dist
    else:
        out["distance_km"] = np.nan
    return out
