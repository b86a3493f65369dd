"""Venue selection for a view state, and the territory a map click designates.

The view state itself (fields, permalink, store, controls, cache keys) is declared in
``dashboard.viewstate``; its public names are re-exported here for the callers that select
venues with it.
"""

from __future__ import annotations

import pandas as pd

from dashboard.indicators import isin
from dashboard.registry import usage_matrix
from dashboard.viewstate import (
    VIEW,
    ViewState,
    parse_query,
    state_from_dict,
    state_to_dict,
    to_query,
)

__all__ = ["ViewState", "parse_query", "to_query", "state_to_dict", "state_from_dict",
           "select_venues", "select_funding", "department_of", "DEFAULT_RADIUS", "DEFAULT_K",
           "K_BOUNDS"]

# coverage controls' defaults and bounds, as the view-state table declares them
DEFAULT_RADIUS = VIEW.field["radius_km"].default
DEFAULT_K = VIEW.field["k"].default
K_BOUNDS = VIEW.field["k"].kind.bounds


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
        keep &= isin(venues["venue_id"], funding.loc[funding["call_id"] == state.call,
                                                     "venue_id"])
    if state.years:
        years = venues["label_year"]
        keep &= (years >= state.years[0]).fillna(False) & (years <= state.years[1]).fillna(False)
    return venues[keep].copy()


def select_funding(funding: pd.DataFrame, venues: pd.DataFrame, state: ViewState):
    """Grants of the selected venues (of the selected call only, when one is chosen)."""
    keep = isin(funding["venue_id"], venues["venue_id"])
    if state.call:
        keep &= funding["call_id"] == state.call
    return funding[keep].copy()


def department_of(communes: pd.DataFrame, level: str, feature_id: str) -> str | None:
    """Department of a clicked territory (an EPCI spanning several: the most populous part)."""
    key = {"commune": "insee", "epci": "epci_siren", "departement": "dep_code"}[level]
    rows = communes[communes[key] == feature_id]
    if rows.empty:
        return None
    return str(rows.groupby("dep_code")["population"].sum().idxmax())
