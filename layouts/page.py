"""The page: header, filter sidebar, key figures and the map panel.

Functions take what they show as parameters (ids, options, texts); they load nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import config, schema
from dashboard.figures.theme import MAP_GRAPH_CONFIG
from dashboard.i18n import format_int, t
from dashboard.indicators import INDICATOR_IDS, applies_at
from dashboard.limits import UPLOAD_MAX_BYTES
from dashboard.sources import published_sources
from dashboard.viewstate import (
    COLOR_BY,
    LEVELS,
    USAGE_MODES,
    VIEW,
    VIEWS,
    Domain,
    ViewState,
)
from layouts import ids
from layouts.coverage import make_coverage_panel
from layouts.document_links import make_document_links, make_territory_card
from layouts.import_panel import make_import_panel, make_session_notice
from layouts.panels import (
    chart_downloads,
    make_funding_panel,
    make_hybridation_panel,
    make_venues_panel,
)
from layouts.text import dropdown_labels
from layouts.text import i18n_text as _text

__all__ = ["PageMeta", "make_layout", "control_options", "dropdown_labels", "DROPDOWNS"]

DEFAULT = ViewState()  # what the controls show before the link is read


@dataclass(frozen=True)
class PageMeta:
    """What the page needs to know of the loaded dataset."""

    departements: tuple[tuple[str, str], ...]
    calls: tuple[tuple[str, str], ...]
    year_bounds: tuple[int, int]
    is_demo: bool
    source_label: str
    n_communes: int




# every dropdown of the page (their own texts — « Rechercher », « Tout sélectionner »… —
# follow the language through ``dropdown_labels``)
DROPDOWNS = (ids.FILTER_DEPARTEMENT, ids.FILTER_USAGE, ids.FILTER_LABEL, ids.FILTER_CALL,
             ids.MAP_LEVEL, ids.MAP_INDICATOR, ids.MAP_COLOR_BY, ids.FILTER_SOURCE,
             ids.IMPORT_SHEET)


def control_options(lang: str, level: str = "commune") -> dict:
    """Translated options of every control, by component id."""
    return {
        ids.FILTER_USAGE: [{"label": schema.usage_label(c, lang), "value": c}
                           for c in schema.USAGE_CODES],
        ids.FILTER_LABEL: [{"label": schema.label_status_label(c, lang), "value": c}
                           for c in schema.LABEL_CODES],
        ids.FILTER_USAGE_MODE: [{"label": t(f"filters.usage_mode.{m}", lang), "value": m}
                                for m in USAGE_MODES],
        ids.MAP_LEVEL: [{"label": t(f"level.{lv}", lang), "value": lv} for lv in LEVELS],
        ids.MAP_INDICATOR: [
            {"label": t(f"indicator.{i}", lang), "value": i,
             "disabled": not applies_at(i, level)}
            for i in INDICATOR_IDS],
        ids.MAP_COLOR_BY: [{"label": t(f"map.color_by.{c}", lang), "value": c}
                           for c in COLOR_BY],
        ids.FILTER_SOURCE: source_options(lang),
    }


def source_options(lang: str) -> list[dict]:
    """The published registries to choose from (``dashboard.sources``)."""
    return [{"label": s.label_key if s.label_is_text else t(s.label_key, lang), "value": s.key}
            for s in published_sources(config.load_settings())]


def _header(meta: PageMeta, lang: str):
    badge = dbc.Badge(
        t("badge.demo", lang) if meta.is_demo else t("badge.published", lang),
        id=ids.DEMO_BADGE, color="warning" if meta.is_demo else "success",
        text_color="dark" if meta.is_demo else None, className="ms-2 badge-demo",
        title=t("badge.demo.title", lang) if meta.is_demo else meta.source_label,
    )
    return html.Header(className="app-header", children=[
        html.Div(className="d-flex align-items-center flex-wrap gap-2", children=[
            html.Div(children=[
                html.H1([_text("app.title", lang), badge], className="h4 mb-0"),
                html.Div(className="small text-body-secondary", children=[
                    _text("app.subtitle", lang), " · ",
                    html.Span(t("provenance", lang, venues=meta.source_label,
                                communes=format_int(meta.n_communes, lang)),
                              id=ids.PROVENANCE),
                ]),
            ]),
            make_document_links(lang),
            dbc.Button(t("filters.lang", lang), id=ids.LANG_TOGGLE, color="secondary",
                       outline=True, size="sm",
                       title="Switch language / Changer de langue"),
        ]),
    ])


def _field(label_key: str, control, lang: str, control_id: str):
    return html.Div(className="mb-3", children=[
        dbc.Label(t(label_key, lang), id=ids.i18n(label_key), html_for=control_id,
                  className="fw-semibold small mb-1"),
        control,
    ])


def _sidebar(meta: PageMeta, lang: str):
    opts = control_options(lang)
    lo, hi = meta.year_bounds
    shown = VIEW.to_controls(DEFAULT, Domain([c for c, _ in meta.departements],
                                             [c for c, _ in meta.calls], meta.year_bounds))
    return dbc.Card(className="sidebar", body=True, children=[
        html.H2(t("filters.title", lang), id=ids.i18n("filters.title"), className="h6"),
        _field("filters.source", dcc.Dropdown(
            id=ids.FILTER_SOURCE, value=shown["source"], options=opts[ids.FILTER_SOURCE],
            labels=dropdown_labels(lang),
            clearable=False, searchable=False,
            placeholder=opts[ids.FILTER_SOURCE][0]["label"]), lang, ids.FILTER_SOURCE),
        _field("filters.departement", dcc.Dropdown(
            id=ids.FILTER_DEPARTEMENT, labels=dropdown_labels(lang), multi=True,
            value=shown["departements"],
            options=[{"label": f"{code} – {name}", "value": code}
                     for code, name in meta.departements],
            placeholder=t("filters.departement.placeholder", lang)), lang,
            ids.FILTER_DEPARTEMENT),
        _field("filters.usage", html.Div([
            dcc.Dropdown(id=ids.FILTER_USAGE, labels=dropdown_labels(lang), multi=True,
                         options=opts[ids.FILTER_USAGE],
                         value=shown["usages"], placeholder=t("filters.usage.placeholder", lang)),
            dbc.RadioItems(id=ids.FILTER_USAGE_MODE, options=opts[ids.FILTER_USAGE_MODE],
                           value=shown["usage_mode"], className="small mt-1"),
        ]), lang, ids.FILTER_USAGE),
        _field("filters.label", dcc.Dropdown(
            id=ids.FILTER_LABEL, labels=dropdown_labels(lang), multi=True,
            options=opts[ids.FILTER_LABEL],
            value=shown["labels"], placeholder=t("filters.label.placeholder", lang)), lang,
            ids.FILTER_LABEL),
        _field("filters.call", dcc.Dropdown(
            id=ids.FILTER_CALL, labels=dropdown_labels(lang), value=shown["call"],
            options=[{"label": name, "value": cid} for cid, name in meta.calls],
            placeholder=t("filters.call.placeholder", lang)), lang, ids.FILTER_CALL),
        _field("filters.years", html.Div([
            dcc.RangeSlider(id=ids.FILTER_YEARS, min=lo, max=hi, step=1, value=shown["years"],
                            marks={y: str(y) for y in range(lo, hi + 1)
                                   if (y - lo) % 2 == 0 or y == hi},
                            allowCross=False, tooltip={"placement": "bottom"}),
            html.Div(t("filters.years.help", lang), id=ids.i18n("filters.years.help"),
                     className="form-text"),
        ]), lang, ids.FILTER_YEARS),
        dbc.Button(_text("filters.reset", lang), id=ids.FILTER_RESET,
                   color="outline-secondary", size="sm", className="w-100"),
    ])


def _kpi(kpi_id: str, label_key: str, lang: str):
    return dbc.Col(dbc.Card(className="kpi h-100", body=True, children=[
        html.Div(t(label_key, lang), id=ids.i18n(label_key), className="kpi-label"),
        html.Div("–", id=kpi_id, className="kpi-value", **{"aria-live": "polite"}),
        html.Div("", id=ids.i18n_sub(kpi_id), className="kpi-sub"),
    ]), xs=6, md=4, xl=2)


def _kpis(lang: str):
    keys = ("kpi.venues", "kpi.labelled", "kpi.communes", "kpi.population_share",
            "kpi.funding", "kpi.funding_per_capita")
    return dbc.Row([_kpi(i, k, lang) for i, k in zip(ids.KPI_IDS, keys)],
                   className="g-2 mb-2")


def _map_panel(lang: str):
    opts = control_options(lang)

    def select(key, control_id, value):
        return dbc.Col(xs=12, md=4, children=_field(key, dcc.Dropdown(
            id=control_id, options=opts[control_id], value=value, clearable=False,
            labels=dropdown_labels(lang),
            searchable=False), lang, control_id))

    controls = dbc.Row(className="g-2 map-controls", children=[
        select("map.level", ids.MAP_LEVEL, DEFAULT.level),
        select("map.indicator", ids.MAP_INDICATOR, DEFAULT.indicator),
        select("map.color_by", ids.MAP_COLOR_BY, DEFAULT.color_by),
    ])
    return dbc.Card(body=True, className="map-card", children=[
        controls,
        dbc.Alert(t("map.empty", lang), id=ids.MAP_EMPTY, color="info", is_open=False,
                  className="py-2 mb-2"),
        html.Div(className="position-relative", children=[
            dcc.Loading(type="circle", delay_show=300, children=dcc.Graph(
                id=ids.MAP_GRAPH, className="map-graph", responsive=True,
                style={"height": "max(430px, calc(100vh - 345px))"},
                config=MAP_GRAPH_CONFIG)),
            make_territory_card(lang)]),
        html.Div(className="d-flex flex-wrap justify-content-between column-gap-3 mt-1",
                 children=[html.Div(className="small text-body-secondary", children=[
                     html.Span([_text("map.click_hint", lang), " "], className="screen-only"),
                     _text("map.distance_note", lang)]),
                     chart_downloads(ids.MAP_GRAPH, lang, csv=True)]),
    ])


# the panel of each view (``dashboard.viewstate.VIEWS``), in tab order
_PANELS = {"carte": _map_panel, "couverture": make_coverage_panel,
           "hybridation": make_hybridation_panel, "financements": make_funding_panel,
           "lieux": make_venues_panel, "import": make_import_panel}


def _upload_limit():
    """Where assets/upload_limit.js reads the size limit and writes a refused file."""
    return html.Div(**{"data-upload-max-bytes": str(UPLOAD_MAX_BYTES), "aria-live": "assertive"},
                    children=[dcc.Store(id=ids.UPLOAD_REJECTED),
                              dbc.Alert(id=ids.UPLOAD_TOO_LARGE, color="danger", is_open=False,
                                        dismissable=True, className="py-2 my-2")])


def make_layout(meta: PageMeta, lang: str = "fr"):
    return dbc.Container(fluid=True, className="app", children=[
        dcc.Location(id=ids.URL, refresh=False),
        dcc.Store(id=ids.VIEW_STATE),
        # the view state each tab's panel shows (copied only while the tab is shown)
        *[dcc.Store(id=ids.panel_state(view)) for view in VIEWS],
        dcc.Store(id=ids.MAP_META),
        dcc.Store(id=ids.MAP_CENTRED),
        dcc.Store(id=ids.MAP_DRAW),
        dcc.Store(id=ids.LANG, data=lang),
        # key of this browser tab's uploaded dataset (server memory only)
        dcc.Store(id=ids.DATASET_KEY, storage_type="session"),
        _header(meta, lang),
        dbc.Alert(id=ids.URL_NOTICE, color="warning", is_open=False, dismissable=True,
                  className="py-2 my-2"),
        make_session_notice(lang),
        _upload_limit(),
        dbc.Row(className="g-3 mt-1", children=[
            dbc.Col(_sidebar(meta, lang), lg=3, xxl=2),
            dbc.Col(lg=9, xxl=10, children=[
                _kpis(lang),
                dbc.Tabs(id=ids.VIEW_TABS, active_tab=DEFAULT.tab, children=[
                    dbc.Tab(_PANELS[view](lang), label=t(f"tab.{view}", lang), tab_id=view,
                            id=ids.tab(view))
                    for view in VIEWS]),
            ]),
        ]),
    ])
