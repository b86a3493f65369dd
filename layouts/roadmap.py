"""The roadmap pieces of the coverage panel: candidate and year controls, travel-time upload,
the scenario builder (sites, before / after, comparison) and the network over time."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import numpy as np
import pandas as pd
from dash import dcc, html

from dashboard import limits
from dashboard.figures.roadmap import alternatives_text, covered_text
from dashboard.figures.theme import GRAPH_CONFIG
from dashboard.i18n import format_int, t
from dashboard.roadmap_state import (
    DEFAULT_MIN_POPULATION,
    MAX_SCENARIOS,
    MIN_POPULATION_BOUNDS,
    YEAR_BOUNDS,
)
from dashboard.traveltimes import DEFAULT_MINUTES, MINUTES_RANGE
from layouts import ids
from layouts.tables import make_table
from layouts.text import i18n_text as _text

__all__ = ["make_roadmap_controls", "make_scenario_card", "make_timeline_card",
           "candidate_options", "suggestion_table", "site_chips", "scenario_options"]


def candidate_options(lang: str) -> list[dict]:
    return [{"label": t(f"roadmap.candidates.{k}", lang), "value": k}
            for k in ("communes", "venues", "both")]


def scenario_options(names: list[str], lang: str) -> list[dict]:
    return [{"label": n or t("roadmap.scenario.default_name", lang, n=i + 1), "value": i}
            for i, n in enumerate(names)]


def _label(key: str, for_id: str, lang: str):
    return dbc.Label(t(key, lang), id=ids.i18n(key), html_for=for_id,
                     className="fw-semibold small mb-1")


def make_roadmap_controls(lang: str = "fr"):
    """Candidates, population threshold, « situation au 31/12/AAAA », travel times."""
    return dbc.Row(className="g-3 align-items-end mb-2", children=[
        dbc.Col(md=3, children=[
            _label("roadmap.candidates", ids.ROADMAP_CANDIDATES, lang),
            dbc.RadioItems(id=ids.ROADMAP_CANDIDATES, options=candidate_options(lang),
                           value="communes", className="small"),
        ]),
        dbc.Col(md=2, children=[
            _label("roadmap.min_population", ids.ROADMAP_MIN_POP, lang),
            dbc.Input(id=ids.ROADMAP_MIN_POP, type="number", min=MIN_POPULATION_BOUNDS[0],
                      max=MIN_POPULATION_BOUNDS[1], step=100, value=DEFAULT_MIN_POPULATION,
                      debounce=True, size="sm"),
        ]),
        dbc.Col(md=2, children=[
            _label("roadmap.year", ids.ROADMAP_YEAR, lang),
            dbc.Input(id=ids.ROADMAP_YEAR, type="number", min=YEAR_BOUNDS[0],
                      max=YEAR_BOUNDS[1], step=1, debounce=True, size="sm",
                      placeholder=t("roadmap.year.today", lang)),
        ]),
        dbc.Col(md=5, children=[
            _label("roadmap.measure", ids.ROADMAP_TT_UPLOAD, lang),
            html.Div(className="d-flex gap-2 align-items-center", children=[
                dcc.Upload(id=ids.ROADMAP_TT_UPLOAD, accept=".csv,.txt",
                           max_size=limits.UPLOAD_MAX_BYTES,
                           className="btn btn-sm btn-outline-primary",
                           children=_text("roadmap.tt.upload", lang)),
                dbc.InputGroup(size="sm", style={"maxWidth": "9rem"}, children=[
                    dbc.Input(id=ids.ROADMAP_MINUTES, type="number", min=MINUTES_RANGE[0],
                              max=MINUTES_RANGE[1], step=1, value=DEFAULT_MINUTES,
                              debounce=True, disabled=True),
                    dbc.InputGroupText("min"),
                ]),
                dbc.Button(_text("roadmap.tt.clear", lang), id=ids.ROADMAP_TT_CLEAR,
                           size="sm", color="link", className="p-0"),
            ]),
        ]),
        dbc.Col(xs=12, children=[
            html.Div(id=ids.ROADMAP_MEASURE, className="small text-body-secondary"),
            html.Div(id=ids.ROADMAP_AS_OF_NOTE, className="small text-body-secondary"),
            dbc.Alert(id=ids.ROADMAP_NOTICE, color="warning", is_open=False, dismissable=True,
                      className="small py-1 px-2 mb-0 mt-1"),
        ]),
    ])


def _stat(stat_id: str, key: str, lang: str):
    return dbc.Col(dbc.Card(className="kpi h-100", body=True, children=[
        _text(key, lang, html.Div, className="kpi-label"),
        html.Div("–", id=stat_id, className="kpi-value", **{"aria-live": "polite"}),
    ]), xs=4)


def make_scenario_card(lang: str = "fr"):
    """Sites added or removed, before / after by territory, comparison, export."""
    header = html.Div(className="d-flex align-items-center gap-2 flex-wrap", children=[
        _text("roadmap.scenario.title", lang, html.H3, className="h6 mb-0"),
        dbc.RadioItems(id=ids.ROADMAP_SCENARIO_PICK, inline=True, value=0,
                       options=scenario_options([""], lang), className="small ms-2"),
        dbc.Button(_text("roadmap.scenario.new", lang), id=ids.ROADMAP_SCENARIO_NEW,
                   size="sm", color="outline-secondary",
                   title=t("roadmap.scenario.new_help", lang, n=MAX_SCENARIOS)),
        dbc.Button(_text("coverage.export", lang, place=ids.ROADMAP_EXPORT),
                   id=ids.ROADMAP_EXPORT, size="sm", color="outline-primary",
                   className="ms-auto"),
    ])
    body = [
        _text("roadmap.scenario.help", lang, html.P, className="small text-body-secondary mb-2"),
        dbc.Row(className="g-2 align-items-end mb-2", children=[
            dbc.Col(md=4, children=[
                _label("roadmap.scenario.name", ids.ROADMAP_SCENARIO_NAME, lang),
                dbc.Input(id=ids.ROADMAP_SCENARIO_NAME, type="text", maxLength=60,
                          debounce=True, size="sm"),
            ]),
            dbc.Col(md="auto", children=dcc.Upload(
                id=ids.ROADMAP_SITES_UPLOAD, accept=".csv,.txt", max_size=limits.UPLOAD_MAX_BYTES,
                className="btn btn-sm btn-outline-primary",
                children=_text("roadmap.scenario.upload", lang))),
            dbc.Col(md="auto", children=dbc.Button(
                _text("roadmap.scenario.clear", lang), id=ids.ROADMAP_SCENARIO_CLEAR,
                size="sm", color="link")),
        ]),
        html.Div(id=ids.ROADMAP_SITES, className="mb-2"),
        dbc.Row(className="g-2 mb-2", children=[
            _stat(ids.ROADMAP_NEWLY, "roadmap.scenario.newly", lang),
            _stat(ids.ROADMAP_RATE_AFTER, "roadmap.scenario.rate", lang),
            _stat(ids.ROADMAP_ZONES_LEFT, "roadmap.scenario.zones_left", lang),
        ]),
        dbc.Row(className="g-2", children=[
            dbc.Col(lg=6, children=html.Div(id=ids.ROADMAP_SCENARIO_TABLE,
                                            className="table-scroll")),
            dbc.Col(lg=6, children=[
                _text("roadmap.scenario.compare", lang, html.Div,
                      className="fw-semibold small mb-1"),
                html.Div(id=ids.ROADMAP_COMPARE, className="table-scroll")]),
        ]),
    ]
    return dbc.Card([dbc.CardHeader(header), dbc.CardBody(body, className="p-2")],
                    className="mb-2")


def make_timeline_card(lang: str = "fr"):
    """Coverage by year and the contribution of each call / label wave."""
    header = html.Div(className="d-flex align-items-center gap-2", children=[
        _text("roadmap.timeline.card", lang, html.H3, className="h6 mb-0"),
        dbc.Button(_text("coverage.export", lang, place=ids.ROADMAP_TIMELINE_EXPORT),
                   id=ids.ROADMAP_TIMELINE_EXPORT, size="sm", color="outline-primary",
                   className="ms-auto"),
    ])
    body = dbc.Row(className="g-2", children=[
        dbc.Col(lg=7, children=dcc.Graph(id=ids.ROADMAP_TIMELINE, config=GRAPH_CONFIG)),
        dbc.Col(lg=5, children=[
            _text("roadmap.waves.title", lang, html.Div, className="fw-semibold small mb-1"),
            _text("roadmap.waves.help", lang, html.P,
                  className="small text-body-secondary mb-1"),
            html.Div(id=ids.ROADMAP_WAVES, className="table-scroll")]),
    ])
    return dbc.Card([dbc.CardHeader(header), dbc.CardBody(body, className="p-2")],
                    className="mb-2")


def suggestion_table(sugg: pd.DataFrame, names: pd.Series, lang: str):
    """Suggestions with what each would be, what it adds, the communes it covers (on hover),
    its alternatives within 5 % and a button adding it to the scenario."""
    columns = [("rank", t("col.rank", lang)), ("name", t("roadmap.col.site", lang)),
               ("population_added", t("col.population_added", lang)),
               ("covered", t("roadmap.col.covered", lang)),
               ("alternatives", t("roadmap.col.alternatives", lang)),
               ("cumulative", t("col.cumulative", lang)), ("add", "")]
    rows = []
    names = _names_of(sugg, names)
    for r in sugg.itertuples():
        what = (t("roadmap.kind.venue", lang, name=r.name, commune=names.get(r.insee, r.insee))
                if r.kind == "venue" else f"{r.name} ({r.insee})")
        covered = covered_text(r.covered_insee, names, lang, limit=40)
        rows.append({
            "rank": str(r.rank), "name": what,
            "population_added": "+" + format_int(r.population_added, lang),
            "covered": html.Span(format_int(len(r.covered_insee), lang), title=covered,
                                 className="text-decoration-underline",
                                 style={"textDecorationStyle": "dotted", "cursor": "help"}),
            "alternatives": alternatives_text(r.alternatives, lang) or "–",
            "cumulative": format_int(r.cumulative, lang),
            "add": dbc.Button("+", id={"type": ids.ROADMAP_ADD, "site": r.site_id}, size="sm",
                              color="outline-primary", className="py-0 px-2",
                              title=t("roadmap.add", lang)),
        })
    return make_table(columns, rows, t("coverage.none", lang))


def _names_of(sugg: pd.DataFrame, names: pd.Series, limit: int = 40) -> dict:
    """The names the table shows (each site's commune, the first ``limit`` it covers) as a
    dict: looking each one up in the whole layer's Series was a third of the table's time."""
    codes = pd.unique(np.array([c for r in sugg.itertuples()
                                for c in [r.insee, *r.covered_insee[:limit]]], dtype=object))
    at = names.index.get_indexer(codes)
    found = at >= 0
    return dict(zip(codes[found], names.to_numpy()[at[found]]))


def site_chips(sites: list[dict], lang: str):
    """The scenario's sites, each with a button undoing it."""
    if not sites:
        return html.Span(t("roadmap.scenario.empty", lang), className="small text-body-secondary")
    chips = []
    for s in sites:
        sign = "+" if s["change"] == "add" else "−"
        color = "primary" if s["change"] == "add" else "danger"
        chips.append(dbc.Badge([
            f"{sign} {s['name']} ",
            html.Button("×", id={"type": ids.ROADMAP_DROP, "site": s["site"]},
                        className="btn-close-white border-0 bg-transparent text-white p-0 ms-1",
                        title=t("roadmap.scenario.undo", lang), **{"aria-label": "×"}),
        ], color=color, className="me-1 mb-1 roadmap-site", pill=True))
    return html.Div(chips)
