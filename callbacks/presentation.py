"""Presentation and report links: they open the current view (same filters, language and
session dataset)."""

from __future__ import annotations

from urllib.parse import urlencode

from dash import Input, Output, callback

from callbacks.routes import DATASET_PARAM
from dashboard.filters import state_from_dict, to_query
from dashboard.roadmap_state import roadmap_from_dict, roadmap_query
from layouts import ids


def document_query(state_data, extra: str = "") -> str:
    """The view's query string, plus the session dataset's key and ``extra`` pairs."""
    query = to_query(state_from_dict(state_data)).lstrip("?")
    pairs = [p for p in (query, f"{DATASET_PARAM}={state_data['dataset']}"
                         if (state_data or {}).get("dataset") else "", extra) if p]
    return "?" + "&".join(pairs) if pairs else ""


@callback(
    Output(ids.PRESENTATION_LINK, "href"),
    Output(ids.REPORT_LINK, "href"),
    Output(ids.REPORT_PDF_LINK, "href"),
    Input(ids.VIEW_STATE, "data"),
    Input(ids.ROADMAP_STORE, "data"),
)
def update_document_links(state_data, roadmap_data=None):
    """The report also carries the roadmap's scenarios (its link parameters)."""
    road = urlencode(roadmap_query(roadmap_from_dict(roadmap_data)), safe=",:")
    report = "&".join(p for p in (road,) if p)
    return ("/presentation" + document_query(state_data), "/rapport" + document_query(
        state_data, report), "/rapport" + document_query(
        state_data, "&".join(p for p in (report, "format=pdf") if p)))
