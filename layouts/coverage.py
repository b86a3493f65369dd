"""The coverage panel: radius, map of covered communes, rates, zones blanches, suggestions."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.coverage import RADIUS_RANGE_KM
from dashboard.figures.theme import GRAPH_CONFIG, MAP_GRAPH_CONFIG
from dashboard.filters import DEFAULT_K, DEFAULT_RADIUS, K_BOUNDS
from dashboard.i18n import t
from layouts import ids
from layouts.panels import chart_downloads
from layouts.roadmap import make_roadmap_controls, make_scenario_card, make_timeline_card
from layouts.text import i18n_text as _text

__all__ = ["make_coverage_panel", "coverage_mode_options"]




def coverage_mode_options(lang: str) -> list[dict]:
    return [{"label": t(f"coverage.mode.{m}", lang), "value": m}
            for m in ("couverture", "distance")]


def _stat(stat_id: str, key: str, lang: str):
    return dbc.Col(dbc.Card(className="kpi h-100", body=True, children=[
        _text(key, lang, html.Div, className="kpi-label"),
        html.Div("–", id=stat_id, className="kpi-value", **{"aria-live": "polite"}),
    ]), xs=4)


def _card(title_key: str, body, lang: str, export_id: str | None = None):
    header = [_text(title_key, lang, html.H3, className="h6 mb-0")]
    if export_id:
        header.append(dbc.Button(_text("coverage.export", lang, place=export_id), id=export_id,
                                 size="sm",
                                 color="outline-primary", className="ms-auto"))
    return dbc.Card([
        dbc.CardHeader(html.Div(header, className="d-flex align-items-center gap-2")),
        dbc.CardBody(body, className="p-2 table-scroll"),
    ], className="h-100")


def _coverage_controls(lang: str):
    """Radius, number of suggestions and what the map shows."""
    lo, hi = RADIUS_RANGE_KM
    return dbc.Row(className="g-3 align-items-end mb-2", children=[
        dbc.Col(md=6, children=[
            dbc.Label(t("coverage.radius", lang), id=ids.i18n("coverage.radius"),
                      html_for=ids.COVERAGE_RADIUS, className="fw-semibold small"),
            dcc.Slider(id=ids.COVERAGE_RADIUS, min=lo, max=hi, step=1, value=DEFAULT_RADIUS,
                       marks={r: f"{r} km" for r in range(lo, hi + 1, 5)},
                       tooltip={"placement": "bottom", "always_visible": False}),
        ]),
        dbc.Col(md=2, children=[
            dbc.Label(t("coverage.k", lang), id=ids.i18n("coverage.k"),
                      html_for=ids.COVERAGE_K, className="fw-semibold small"),
            dbc.Input(id=ids.COVERAGE_K, type="number", min=K_BOUNDS[0], max=K_BOUNDS[1],
                      step=1, value=DEFAULT_K, debounce=True, size="sm"),
        ]),
        dbc.Col(md=4, children=[
            dbc.Label(t("coverage.mode", lang), id=ids.i18n("coverage.mode"),
                      html_for=ids.COVERAGE_MAP_MODE, className="fw-semibold small"),
            dbc.RadioItems(id=ids.COVERAGE_MAP_MODE, options=coverage_mode_options(lang),
                           value="couverture", className="small"),
        ]),
    ])


def make_coverage_panel(lang: str = "fr"):
    controls = _coverage_controls(lang)
    stats = dbc.Row(className="g-2 mb-2", children=[
        _stat(ids.COVERAGE_RATE, "coverage.rate", lang),
        _stat(ids.COVERAGE_COVERED, "coverage.covered_pop", lang),
        _stat(ids.COVERAGE_UNCOVERED, "coverage.uncovered_pop", lang),
    ])
    return dbc.Card(body=True, children=[
        dcc.Store(id=ids.COVERAGE_META),
        dcc.Store(id=ids.COVERAGE_DRAW),
        dcc.Store(id=ids.ROADMAP_STORE),
        dcc.Store(id=ids.COVERAGE_ROADMAP_OPTIONS),
        dcc.Download(id=ids.COVERAGE_DOWNLOAD),
        dcc.Download(id=ids.ROADMAP_DOWNLOAD),
        controls,
        make_roadmap_controls(lang),
        stats,
        dbc.Row(className="g-2 mb-2", children=[
            dbc.Col(lg=8, children=[dcc.Loading(type="circle", delay_show=300, children=dcc.Graph(
                id=ids.COVERAGE_MAP, className="map-graph", responsive=True,
                style={"height": "max(430px, calc(100vh - 420px))"},
                config=MAP_GRAPH_CONFIG)), chart_downloads(ids.COVERAGE_MAP, lang)]),
            dbc.Col(lg=4, children=[dcc.Graph(id=ids.COVERAGE_BY_DEP, config=GRAPH_CONFIG),
                                    chart_downloads(ids.COVERAGE_BY_DEP, lang)]),
        ]),
        _text("coverage.definition", lang, html.P, className="small text-body-secondary"),
        make_scenario_card(lang),
        dbc.Row(className="g-2 mb-2", children=[
            dbc.Col(lg=12, children=_card("coverage.suggestions", [
                html.P(id=ids.ROADMAP_SUGGESTIONS_HELP,
                       className="small text-body-secondary mb-1"),
                html.Div(id=ids.COVERAGE_SUGGESTIONS)], lang, ids.COVERAGE_EXPORT_SUGGESTIONS)),
        ]),
        dbc.Row(className="g-2", children=[
            dbc.Col(lg=6, children=_card("coverage.zones_epci",
                                         html.Div(id=ids.COVERAGE_ZONES_EPCI), lang,
                                         ids.COVERAGE_EXPORT_ZONES)),
            dbc.Col(lg=6, children=_card("coverage.zones_communes",
                                         html.Div(id=ids.COVERAGE_ZONES_COMMUNES), lang,
                                         ids.COVERAGE_EXPORT_COMMUNES)),
        ]),
        html.Div(className="mt-2", children=make_timeline_card(lang)),
    ])
