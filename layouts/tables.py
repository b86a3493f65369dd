"""A plain, accessible table from pre-formatted rows (user text rendered as text)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

__all__ = ["make_table"]

NUMERIC = {"uncovered_population", "uncovered_communes", "max_distance_km", "distance_km",
           "population", "population_added", "cumulative", "rank"}


def make_table(columns: list[tuple[str, str]], rows: list[dict], empty_text: str = ""):
    if not rows:
        return html.P(empty_text, className="text-body-secondary small mb-0")
    head = html.Thead(html.Tr([html.Th(label, scope="col",
                                       className="text-end" if key in NUMERIC else None)
                               for key, label in columns]))
    body = html.Tbody([html.Tr([html.Td(row[key],
                                        className="text-end" if key in NUMERIC else None)
                                for key, _ in columns]) for row in rows])
    return dbc.Table([head, body], size="sm", striped=True, hover=True, responsive=True,
                     className="mb-0 small")
