"""The coverage, roadmap and map tables as a spreadsheet reads them (issue 13, item 4).

The domain computes tables with internal English column names and full precision
(``coverage.zones_blanches``, ``coverage.suggest_sites``, ``Dataset.roadmap_timeline``,
``Dataset.level_values``); a user's CSV has headers in the interface's language and rounded
numbers: distances to 0.1 km, travel times to the minute, shares as percentages with one
decimal, people and venues whole. Unknown stays empty, never 0. Each table is described by a
list of ``(column, header key, kind)``; ``localise`` applies it.

Pure: no Dash, no clock. The CSV itself is written by ``dashboard.export.to_csv_bytes``.
"""

from __future__ import annotations

import pandas as pd

from dashboard.i18n import t
from dashboard.indicators import get_indicator

__all__ = ["localise", "zones_table", "suggestions_table", "timeline_table", "scenario_table",
           "map_table"]


def _number(values: pd.Series, digits: int) -> pd.Series:
    numbers = pd.to_numeric(values, errors="coerce")
    return numbers.round().astype("Int64") if digits == 0 else numbers.round(digits)


_KINDS = {
    "text": lambda v, lang: v.astype("string"),
    "int": lambda v, lang: _number(v, 0),
    "km": lambda v, lang: _number(v, 1),
    "min": lambda v, lang: _number(v, 0),
    "pct": lambda v, lang: (pd.to_numeric(v, errors="coerce") * 100).round(1),
    "coord": lambda v, lang: _number(v, 5),
    "scope": lambda v, lang: v.map(lambda s: t(f"csv.scope.{s}", lang)),
}


def localise(frame: pd.DataFrame, spec: list[tuple[str, str, str]], lang: str
             ) -> pd.DataFrame:
    """The columns of ``spec`` present in ``frame``, in its order, each under its header's
    text in ``lang`` and rounded as its kind says."""
    return pd.DataFrame({t(key, lang): _KINDS[kind](frame[col], lang).reset_index(drop=True)
                         for col, key, kind in spec if col in frame.columns})


def _in_minutes(table: pd.DataFrame) -> bool:
    return any("minutes" in c for c in table.columns)


def zones_table(table: pd.DataFrame, level: str, lang: str) -> pd.DataFrame:
    """``coverage.zones_blanches`` (``level`` ``epci`` or ``commune``, indexed by SIREN or
    INSEE code), in kilometres or, for travel times, minutes."""
    minutes = _in_minutes(table)
    unit, suffix = ("min", "_minutes") if minutes else ("km", "_km")
    frame = table.rename(columns=lambda c: c.replace("minutes", "distance_km")
                         if minutes else c).reset_index()
    if level == "epci":
        spec = [("epci_siren", "csv.siren", "text"), ("name", "col.epci", "text"),
                ("dep_code", "csv.dep_codes", "text"), ("population", "col.population", "int"),
                ("uncovered_population", "col.uncovered_population", "int"),
                ("uncovered_share", "csv.uncovered_share", "pct"),
                ("uncovered_communes", "col.uncovered_communes", "int"),
                ("max_distance_km", f"csv.max{suffix}", unit),
                ("mean_distance_km", f"csv.mean{suffix}", unit)]
    else:
        spec = [("insee", "col.insee", "text"), ("name", "col.commune", "text"),
                ("dep_code", "csv.dep_code", "text"), ("epci_name", "col.epci", "text"),
                ("uncovered_population", "col.population", "int"),
                ("distance_km", f"csv.nearest{suffix}", unit)]
    return localise(frame, spec, lang)


def suggestions_table(sugg: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The suggested sites: rank, commune, population added, and the communes each would
    cover and its alternatives as text (codes separated by spaces)."""
    frame = sugg.copy()
    if "covered_insee" in frame:
        frame["covered_insee"] = [" ".join(c) for c in frame["covered_insee"]]
    if "alternatives" in frame:
        frame["alternatives"] = [" ".join(f"{a['site_id']}:{a['population_added']}"
                                          for a in alts) for alts in frame["alternatives"]]
    spec = [("rank", "col.rank", "int"), ("insee", "col.insee", "text"),
            ("name", "col.commune", "text"), ("dep_code", "csv.dep_code", "text"),
            ("population", "col.population", "int"),
            ("population_added", "col.population_added", "int"),
            ("cumulative", "col.cumulative", "int"), ("kind", "csv.site_kind", "text"),
            ("venue_id", "csv.venue_id", "text"), ("lon", "col.lon", "coord"),
            ("lat", "col.lat", "coord"), ("covered_insee", "csv.covered_insee", "text"),
            ("alternatives", "csv.alternatives", "text")]
    return localise(frame, spec, lang)


def timeline_table(by_year: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The network over time (``Dataset.roadmap_timeline``), the region's rows and each
    department's."""
    spec = [("year", "csv.year", "int"), ("scope", "csv.scope", "scope"),
            ("code", "csv.dep_code", "text"), ("name", "csv.departement", "text"),
            ("venues", "csv.venues", "int"), ("population", "col.population", "int"),
            ("covered_population", "csv.covered_population", "int"),
            ("coverage_rate", "csv.coverage_rate", "pct")]
    return localise(by_year, spec, lang)


def scenario_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Scenarios' before / after rows (``Dataset.roadmap_scenario``), each named with its
    sites, for the region and each department."""
    spec = [("scenario", "csv.scenario", "text"), ("sites", "csv.sites", "text"),
            ("scope", "csv.scope", "scope"), ("code", "csv.code", "text"),
            ("name", "csv.territory", "text"), ("population", "col.population", "int"),
            ("covered_before", "csv.covered_before", "int"),
            ("rate_before", "csv.rate_before", "pct"),
            ("covered_after", "csv.covered_after", "int"),
            ("rate_after", "csv.rate_after", "pct"),
            ("newly_covered", "csv.newly_covered", "int")]
    return localise(rows, spec, lang)


def map_table(values: pd.DataFrame, names: pd.Series, indicator: str, lang: str
              ) -> pd.DataFrame:
    """What the map colours, per territory (``Dataset.level_values``, indexed by INSEE
    code, SIREN or department code): its name, population, venues and the indicator shown,
    rounded to the decimals the map shows; a territory without a value stays empty."""
    ind = get_indicator(indicator)
    frame = values.copy()
    frame["code"] = frame.index.astype(str)
    frame["territory"] = [names.get(c, c) for c in frame.index]
    raw = values[indicator] if indicator in values else ind.compute(values)
    frame["value"] = _number(raw, ind.digits)
    out = localise(frame, [("code", "csv.code", "text"), ("territory", "csv.territory", "text"),
                           ("population", "col.population", "int"),
                           ("venues", "csv.venues", "int")], lang)
    out[t(f"indicator.{indicator}", lang)] = frame["value"].array
    return out
