"""The dashboard's view state, its permalink (URL query string) and venue selection.

Query parameters: ``departement`` (comma-separated codes), ``usage`` (codes), ``mode``
(``tous`` = venues offering all the usages; default: at least one), ``label`` (statuses),
``appel`` (call id), ``annees`` (``2018-2021``), ``niveau`` (``commune``, ``epci``,
``departement``), ``indicateur``, ``couleur`` (``label``, ``usage``), ``lang`` (``fr``,
``en``), ``vue`` (``carte``, ``couverture``, ``hybridation``, ``financements``,
``lieux``, ``import``), ``rayon`` (coverage radius in km, 5–50),
``k`` (number of site suggestions, 1–20). Unknown values are dropped and reported, never
fatal.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import parse_qsl, urlencode

import pandas as pd

from dashboard import schema
from dashboard.indicators import DEFAULT_INDICATOR, INDICATOR_IDS, applies_at
from dashboard.registry import usage_matrix

__all__ = ["LEVELS", "COLOR_BY", "ViewState",
           "parse_query", "to_query", "select_venues", "select_funding"]

LEVELS = ("commune", "epci", "departement")
COLOR_BY = ("label", "usage")
USAGE_MODES = ("any", "all")
TABS = ("carte", "couverture", "hybridation", "financements", "lieux", "import")
RADIUS_BOUNDS, DEFAULT_RADIUS = (5, 50), 15
K_BOUNDS, DEFAULT_K = (1, 20), 10


@dataclass(frozen=True)
class ViewState:
    departements: tuple[str, ...] = ()
    usages: tuple[str, ...] = ()
    usage_mode: str = "any"
    labels: tuple[str, ...] = ()
    call: str | None = None
    years: tuple[int, int] | None = None
    level: str = "commune"
    indicator: str = "venues"
    color_by: str = "label"
    lang: str = "fr"
    tab: str = "carte"
    radius_km: int = DEFAULT_RADIUS
    k: int = DEFAULT_K

    def filter_key(self) -> tuple:
        """What selects venues (the map level, indicator and language do not)."""
        return (self.departements, self.usages, self.usage_mode, self.labels, self.call,
                self.years)

    def reach_key(self) -> tuple:
        """What selects the venues that can serve a commune: every filter but departments
        (a venue across a department border still serves)."""
        return self.filter_key()[1:]


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def parse_query(
    search: str,
    departements: set[str],
    calls: set[str],
    year_bounds: tuple[int, int],
) -> tuple[ViewState, list[tuple[str, str]]]:
    """ViewState from ``?departement=31,32&…``, plus the (parameter, value) pairs ignored."""
    params: dict[str, str] = {}
    for key, value in parse_qsl((search or "").lstrip("?"), keep_blank_values=True):
        params[key] = f"{params[key]},{value}" if key in params else value
    ignored: list[tuple[str, str]] = []

    def pick(key: str, allowed) -> tuple[str, ...]:
        kept = []
        for v in _split(params.get(key, "")):
            if v in allowed:
                kept.append(v)
            else:
                ignored.append((key, v))
        return tuple(dict.fromkeys(kept))

    def one(key: str, allowed, default):
        value = params.get(key)
        if value is None or value == "":
            return default
        if value in allowed:
            return value
        ignored.append((key, value))
        return default

    usages, labels = pick("usage", schema.USAGES), pick("label", schema.LABEL_CODES)
    state = ViewState(
        departements=tuple(sorted(pick("departement", departements))),
        usages=tuple(c for c in schema.USAGE_CODES if c in usages),
        usage_mode="all" if one("mode", ("tous", "un"), "un") == "tous" else "any",
        labels=tuple(c for c in schema.LABEL_CODES if c in labels),
        call=one("appel", calls, None),
        years=_parse_years(params.get("annees"), year_bounds, ignored),
        level=one("niveau", LEVELS, "commune"),
        indicator=one("indicateur", INDICATOR_IDS, DEFAULT_INDICATOR),
        color_by=one("couleur", COLOR_BY, "label"),
        lang=one("lang", ("fr", "en"), "fr"),
        tab=one("vue", TABS, "carte"),
        radius_km=_parse_int(params.get("rayon"), RADIUS_BOUNDS, DEFAULT_RADIUS, "rayon",
                             ignored),
        k=_parse_int(params.get("k"), K_BOUNDS, DEFAULT_K, "k", ignored),
    )
    if not applies_at(state.indicator, state.level):
        ignored.append(("indicateur", state.indicator))
        state = replace(state, indicator=DEFAULT_INDICATOR)
    known = {"departement", "usage", "mode", "label", "appel", "annees", "niveau",
             "indicateur", "couleur", "lang", "vue", "rayon", "k"}
    ignored.extend((k, v) for k, v in params.items() if k not in known)
    return state, ignored


def _parse_int(value, bounds, default, key, ignored):
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        ignored.append((key, value))
        return default
    if not bounds[0] <= number <= bounds[1]:
        ignored.append((key, value))
        return default
    return number


def _parse_years(value, bounds, ignored):
    if not value:
        return None
    try:
        lo, hi = (int(v) for v in value.split("-", 1))
    except ValueError:
        ignored.append(("annees", value))
        return None
    lo, hi = max(lo, bounds[0]), min(hi, bounds[1])
    if lo > hi:
        ignored.append(("annees", value))
        return None
    return None if (lo, hi) == tuple(bounds) else (lo, hi)


def to_query(state: ViewState) -> str:
    """The canonical query string of a state (default values left out)."""
    pairs = []
    if state.departements:
        pairs.append(("departement", ",".join(state.departements)))
    if state.usages:
        pairs.append(("usage", ",".join(state.usages)))
        if state.usage_mode == "all":
            pairs.append(("mode", "tous"))
    if state.labels:
        pairs.append(("label", ",".join(state.labels)))
    if state.call:
        pairs.append(("appel", state.call))
    if state.years:
        pairs.append(("annees", f"{state.years[0]}-{state.years[1]}"))
    if state.level != "commune":
        pairs.append(("niveau", state.level))
    if state.indicator != "venues":
        pairs.append(("indicateur", state.indicator))
    if state.color_by != "label":
        pairs.append(("couleur", state.color_by))
    if state.lang != "fr":
        pairs.append(("lang", state.lang))
    if state.tab != "carte":
        pairs.append(("vue", state.tab))
    if state.radius_km != DEFAULT_RADIUS:
        pairs.append(("rayon", str(state.radius_km)))
    if state.k != DEFAULT_K:
        pairs.append(("k", str(state.k)))
    return "?" + urlencode(pairs, safe=",") if pairs else ""


def select_venues(venues: pd.DataFrame, funding: pd.DataFrame, state: ViewState) -> pd.DataFrame:
    """The venues that match the state's filters (a new frame; the input is untouched)."""
    keep = pd.Series(True, index=venues.index)
    if state.departements:
        keep &= venues["dep_code"].isin(state.departements)
    if state.usages:
        matrix = usage_matrix(venues)[list(state.usages)]
        keep &= matrix.all(axis=1) if state.usage_mode == "all" else matrix.any(axis=1)
    if state.labels:
        keep &= venues["label_status"].isin(state.labels)
    if state.call:
        keep &= venues["venue_id"].isin(funding.loc[funding["call_id"] == state.call,
                                                    "venue_id"])
    if state.years:
        years = venues["label_year"]
        keep &= (years >= state.years[0]).fillna(False) & (years <= state.years[1]).fillna(False)
    return venues[keep].copy()


def select_funding(funding: pd.DataFrame, venues: pd.DataFrame, state: ViewState):
    """Grants of the selected venues (of the selected call only, when one is chosen)."""
    keep = funding["venue_id"].isin(venues["venue_id"])
    if state.call:
        keep &= funding["call_id"] == state.call
    return funding[keep].copy()


def state_to_dict(state: ViewState) -> dict:
    """JSON-friendly form (for a dcc.Store)."""
    return {
        "departements": list(state.departements), "usages": list(state.usages),
        "usage_mode": state.usage_mode, "labels": list(state.labels), "call": state.call,
        "years": list(state.years) if state.years else None, "level": state.level,
        "indicator": state.indicator, "color_by": state.color_by, "lang": state.lang,
        "tab": state.tab, "radius_km": state.radius_km, "k": state.k,
    }


def state_from_dict(data: dict | None) -> ViewState:
    if not data:
        return ViewState()
    return ViewState(
        departements=tuple(data.get("departements") or ()),
        usages=tuple(data.get("usages") or ()),
        usage_mode=data.get("usage_mode") or "any",
        labels=tuple(data.get("labels") or ()),
        call=data.get("call"),
        years=tuple(data["years"]) if data.get("years") else None,
        level=data.get("level") or "commune",
        indicator=data.get("indicator") or "venues",
        color_by=data.get("color_by") or "label",
        lang=data.get("lang") or "fr",
        tab=data.get("tab") or "carte",
        radius_km=int(data.get("radius_km") or DEFAULT_RADIUS),
        k=int(data.get("k") or DEFAULT_K),
    )


def state_from_controls(
    *, departements, usages, usage_mode, labels, call, years, level, indicator, color_by,
    tab="carte", radius_km=DEFAULT_RADIUS, k=DEFAULT_K, lang: str,
    year_bounds: tuple[int, int],
) -> ViewState:
    """The state the sidebar and map controls show (None/[] mean « no filter »)."""
    years = tuple(int(y) for y in years) if years else None
    if years == tuple(year_bounds):
        years = None
    level = level if level in LEVELS else "commune"
    indicator = indicator if applies_at(indicator, level) else DEFAULT_INDICATOR
    return ViewState(
        departements=tuple(sorted(departements or ())),
        usages=tuple(c for c in schema.USAGE_CODES if c in (usages or ())),
        usage_mode="all" if usage_mode == "all" else "any",
        labels=tuple(c for c in schema.LABEL_CODES if c in (labels or ())),
        call=call or None, years=years, level=level, indicator=indicator,
        color_by=color_by if color_by in COLOR_BY else "label", lang=lang,
        tab=tab if tab in TABS else "carte",
        radius_km=_clamp(radius_km, RADIUS_BOUNDS, DEFAULT_RADIUS),
        k=_clamp(k, K_BOUNDS, DEFAULT_K),
    )


def _clamp(value, bounds, default) -> int:
    try:
        return min(max(int(value), bounds[0]), bounds[1])
    except (TypeError, ValueError):
        return default


def controls_of(state: ViewState, year_bounds: tuple[int, int]) -> dict:
    """Control values that show ``state`` (inverse of ``state_from_controls``)."""
    return {
        "departements": list(state.departements), "usages": list(state.usages),
        "usage_mode": state.usage_mode, "labels": list(state.labels), "call": state.call,
        "years": list(state.years or year_bounds), "level": state.level,
        "indicator": state.indicator, "color_by": state.color_by, "tab": state.tab,
        "radius_km": state.radius_km, "k": state.k,
    }


def department_of(communes: pd.DataFrame, level: str, feature_id: str) -> str | None:
    """Department of a clicked territory (an EPCI spanning several: the most populous part)."""
    key = {"commune": "insee", "epci": "epci_siren", "departement": "dep_code"}[level]
    rows = communes[communes[key] == feature_id]
    if rows.empty:
        return None
    return str(rows.groupby("dep_code")["population"].sum().idxmax())
