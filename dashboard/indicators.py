"""Key figures, per-territory aggregates and the map indicators, each declared once.

The territory is the region, or the selected departments: every share and every « per
inhabitant » figure is relative to the population of that territory.

A map indicator is one ``Indicator`` entry of ``INDICATORS`` (its computation from the
per-territory measures, digits, colour scale, levels) plus its texts in each catalogue of
``dashboard/locales`` (``indicator.<id>`` for its name, ``unit.<id>`` for its unit). The
aggregation, the map, its colour bar and hover, the dropdown and the exports read them here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.coverage import nearest_venue_km
from dashboard.i18n import format_decimal, t

__all__ = ["LEVEL_KEYS", "Indicator", "INDICATORS", "CLASSIFICATIONS", "INDICATOR_IDS",
           "DEFAULT_INDICATOR", "Ratio", "isin",
           "IndicatorNotApplicable", "get_indicator", "applies_at", "territory",
           "compute_kpis", "LevelUnits", "level_units", "aggregate_level",
           "with_distances"]

# level -> column of the commune layer that names the territory it belongs to
LEVEL_KEYS = {"commune": "insee", "epci": "epci_siren", "departement": "dep_code"}
ALL_LEVELS = tuple(LEVEL_KEYS)


class IndicatorNotApplicable(ValueError):
    """An indicator asked for at a level it does not claim (or an unknown indicator)."""


def _ratio(numerator: pd.Series, denominator: pd.Series, scale: float = 1.0) -> pd.Series:
    """``numerator / denominator × scale``, NaN (unknown, never 0) where the denominator is
    0 or unknown."""
    num = numerator.to_numpy(dtype=float, na_value=np.nan)
    den = denominator.to_numpy(dtype=float, na_value=np.nan)
    ok = den > 0
    return pd.Series(np.where(ok, num / np.where(ok, den, 1.0) * scale, np.nan),
                     index=numerator.index)


@dataclass(frozen=True)
class Ratio:
    """An indicator that is ``numerator / denominator × scale`` of two measures
    (``_ratio``: unknown where the denominator is 0 or unknown). Callable as an
    ``Indicator.compute``; the main map's packing (``figures/map._packed``) reads its
    operands to let the browser divide the venue counts by the layer's populations or areas
    (``packed_arrays.pack_ratio``)."""

    numerator: str
    denominator: str
    scale: float = 1.0

    def __call__(self, measures: pd.DataFrame) -> pd.Series:
        return _ratio(measures[self.numerator], measures[self.denominator], self.scale)


@dataclass(frozen=True)
class Indicator:
    """One map indicator.

    ``compute`` takes the per-territory measures of ``aggregate_level`` (``population``,
    ``venues``, ``funding`` in €, ``area_km2`` and, per commune only, ``distance_km``) and
    returns one value per territory, NaN where it is unknown. ``digits`` is the number of
    decimals shown (hover, colour bar, exports); ``whole`` marks counts (whole ticks).
    ``missing_key`` is the text shown for a territory without a value. ``classes`` is how
    the map colours it (``CLASSIFICATIONS``): ``capped`` a continuous scale up to the 99th
    percentile whose last tick says « ≥ x » when values lie above; ``quantiles`` five
    classes of equal counts; ``jenks`` five natural-breaks classes (Jenks–Caspall), both
    computed by mapclassify on the values shown.
    """

    id: str
    compute: Callable[[pd.DataFrame], pd.Series]
    digits: int
    colorscale: str
    levels: tuple[str, ...] = ALL_LEVELS
    whole: bool = False
    missing_key: str = "hover.no_value"
    classes: str = "capped"

    @property
    def label_key(self) -> str:
        return f"indicator.{self.id}"

    @property
    def unit_key(self) -> str:
        return f"unit.{self.id}"

    @property
    def d3_format(self) -> str:
        """The number format for plotly (hover template, colour bar)."""
        return f",.{self.digits}f"

    def label(self, lang: str) -> str:
        return t(self.label_key, lang)

    def unit(self, lang: str) -> str:
        return t(self.unit_key, lang)

    def applies_at(self, level: str) -> bool:
        return level in self.levels

    def format(self, value: float | None, lang: str, *, with_unit: bool = True) -> str:
        """``value`` as text (CLDR grouping and decimals), or the missing-value text."""
        if value is None or value != value:
            return t(self.missing_key, lang)
        number = format_decimal(value, lang, self.digits)
        return f"{number}\u00a0{self.unit(lang)}" if with_unit else number


CLASSIFICATIONS = ("capped", "quantiles", "jenks")

INDICATORS: tuple[Indicator, ...] = (
    # Sequential ColorBrewer scales (colour-blind safe). Counts are few and small: a capped
    # continuous scale, and so is the density of venues (read against the counts); money and
    # area ratios are skewed by small communes: natural breaks; populations per venue and
    # distances spread evenly: quantiles.
    Indicator("venues", lambda m: m["venues"], digits=0, colorscale="YlGnBu", whole=True),
    Indicator("venues_per_10k", Ratio("venues", "population", 10_000),
              digits=2, colorscale="YlGnBu"),
    Indicator("pop_per_venue", Ratio("population", "venues"),
              digits=0, colorscale="Purples", classes="quantiles"),
    Indicator("funding_per_capita", Ratio("funding", "population"),
              digits=2, colorscale="Greens", classes="jenks"),
    # straight-line distance from the commune's reference point: meaningless for a group
    Indicator("distance_km", lambda m: m["distance_km"], digits=1, colorscale="PuBu",
              levels=("commune",), classes="quantiles"),
    Indicator("venues_per_100km2", Ratio("venues", "area_km2", 100),
              digits=2, colorscale="BuGn", missing_key="indicator.area_unknown",
              classes="jenks"),
)
INDICATOR_IDS = tuple(i.id for i in INDICATORS)
DEFAULT_INDICATOR = "venues"
_BY_ID = {i.id: i for i in INDICATORS}


def get_indicator(indicator: str, level: str | None = None) -> Indicator:
    """The registry entry of ``indicator``; with ``level``, refused where it does not apply."""
    entry = _BY_ID.get(indicator)
    if entry is None or (level is not None and not entry.applies_at(level)):
        raise IndicatorNotApplicable(f"indicateur {indicator!r} indisponible "
                                     f"à la maille {level!r}")
    return entry


def applies_at(indicator: str, level: str) -> bool:
    """Whether a map indicator can be shown at a level (distances only per commune)."""
    entry = _BY_ID.get(indicator)
    return entry is not None and entry.applies_at(level)


def territory(communes: pd.DataFrame, departements: tuple[str, ...]) -> pd.DataFrame:
    """Communes of the selected departments (all when none is selected)."""
    if not departements:
        return communes
    return communes[communes["dep_code"].isin(departements)]


def isin(column: pd.Series, values) -> pd.Series:
    """``column.isin(values)`` through a hash table of the distinct values: pandas' string
    ``isin`` converts every value in Python (40,000 venue ids: 290 ms, here 14 ms; the
    communes of 40,000 venues spread over a region: 14 → 1 ms)."""
    table = pd.Index(pd.unique(np.asarray(values, dtype=object)))
    return pd.Series(table.get_indexer(column) >= 0, index=column.index)


def compute_kpis(venues: pd.DataFrame, funding: pd.DataFrame, communes: pd.DataFrame) -> dict:
    """Key figures of selected venues and grants over a territory's communes."""
    population = int(communes["population"].sum())
    with_venue = isin(communes["insee"], venues["commune_insee"])
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


@dataclass(frozen=True)
class LevelUnits:
    """The territories of one level over a set of communes, what does not depend on the
    selection: their ids (sorted), population and area, and the position of each commune's
    territory. Built once per level and territory (``Dataset`` caches it), so that a filter
    change only counts venues and sums grants."""

    ids: pd.Index  # territory ids, sorted
    population: np.ndarray  # int64, per territory
    area_km2: np.ndarray  # float, NaN where a commune's area is unknown
    communes: pd.Index  # INSEE code of every commune belonging to a territory
    unit_of_commune: np.ndarray  # position in ``ids`` of each commune's territory


def level_units(communes: pd.DataFrame, level: str) -> LevelUnits:
    """``LevelUnits`` of ``level`` over ``communes`` (those with no territory left out)."""
    key = LEVEL_KEYS[level]
    units = communes[communes[key] != ""]
    codes, ids = pd.factorize(units[key], sort=True)
    n = len(ids)
    population = np.bincount(codes, weights=units["population"].to_numpy(dtype=float),
                             minlength=n).round().astype("int64")
    if "area_km2" in units:
        area = units["area_km2"].to_numpy(dtype=float)
        unknown = np.bincount(codes, weights=np.isnan(area).astype(float), minlength=n) > 0
        total = np.bincount(codes, weights=np.nan_to_num(area), minlength=n)
        area_km2 = np.where(unknown, np.nan, total)
    else:
        area_km2 = np.full(n, np.nan)
    return LevelUnits(pd.Index(ids, name=key), population, area_km2,
                      pd.Index(units["insee"].to_numpy()), codes.astype(np.int64))


def _measures(venues, funding, units: LevelUnits) -> pd.DataFrame:
    """Population, venues, funding (€) and area (km²) of each territory."""
    n = len(units.ids)
    at = units.communes.get_indexer(venues["commune_insee"])
    venue_unit = np.where(at >= 0, units.unit_of_commune[np.clip(at, 0, None)], -1)
    inside = venue_unit >= 0
    count = np.bincount(venue_unit[inside], minlength=n)
    of_grant = pd.Index(venues["venue_id"]).get_indexer(funding["venue_id"])
    grant_unit = np.where(of_grant >= 0, venue_unit[np.clip(of_grant, 0, None)], -1) \
        if len(venues) else np.full(len(funding), -1)
    paid = grant_unit >= 0
    amounts = np.nan_to_num(funding["amount_eur"].to_numpy(dtype=float)[paid])
    money = np.bincount(grant_unit[paid], weights=amounts, minlength=n)
    return pd.DataFrame({
        "population": units.population,
        "venues": count.astype("int64"),
        "funding": money.astype(float),
        "area_km2": units.area_km2,
    }, index=units.ids)


def aggregate_level(
    venues: pd.DataFrame,
    funding: pd.DataFrame,
    communes: pd.DataFrame,
    level: str,
    reach_venues: pd.DataFrame | None = None,
    *,
    with_distance: bool = True,
    units: LevelUnits | None = None,
) -> pd.DataFrame:
    """One row per territory of ``level`` (index: INSEE code, EPCI SIREN or department code)
    with population, venues, funding, area and one column per indicator claiming ``level``.

    ``distance_km`` (commune level only) is the geodesic distance from the commune's
    reference point to the nearest venue of ``reach_venues`` (default: the selected venues;
    the dashboard passes the venues matching every filter but the departments, since a
    venue across a border still serves). ``with_distance=False`` leaves it out (column and
    indicator absent, not NaN: it was not computed; ``with_distances`` adds it later).
    ``units`` is ``level_units(communes, level)`` when the caller keeps it. Indicators are
    NaN where unknown, never 0.
    """
    units = level_units(communes, level) if units is None else units
    out = _measures(venues, funding, units)
    for entry in INDICATORS:
        if entry.applies_at(level) and entry.id != "distance_km":
            out[entry.id] = entry.compute(out)
    if level == "commune" and with_distance:
        ordered = communes.set_index("insee").loc[out.index]
        reach = venues if reach_venues is None else reach_venues
        dist, _ = nearest_venue_km(ordered["ref_lon"], ordered["ref_lat"], reach["lon"],
                                   reach["lat"])
        out = with_distances(out, pd.Series(dist, index=out.index))
    return out


def with_distances(values: pd.DataFrame, distance_km: pd.Series) -> pd.DataFrame:
    """Commune aggregates (``aggregate_level(..., with_distance=False)``) with the distance to
    the nearest venue (``distance_km``, indexed by INSEE code, NaN where no venue is
    reachable: unknown, never 0) as a measure and as the ``distance_km`` indicator, in the
    columns' usual place (after ``area_km2``). A new frame."""
    out = values.drop(columns="distance_km", errors="ignore")
    out.insert(out.columns.get_loc("area_km2") + 1, "distance_km",
               distance_km.reindex(out.index).astype(float))
    return out
