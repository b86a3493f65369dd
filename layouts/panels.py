"""The hybridation, funding and venue-table panels."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.figures.theme import GRAPH_CONFIG
from dashboard.i18n import t
from layouts import ids
from layouts.text import i18n_text as _text

__all__ = ["make_hybridation_panel", "make_funding_panel", "make_venues_panel",
           "stack_options", "venue_columns", "AG_GRID_FR", "AG_GRID_EN", "grid_locale",
           "make_venue_grid", "chart_downloads", "VENUES_PAGE_SIZE"]

# AG Grid's own texts in French (pagination, filters)
AG_GRID_FR = {
    "page": "Page", "of": "sur", "to": "à", "more": "plus", "next": "Suivante",
    "last": "Dernière", "first": "Première", "previous": "Précédente", "pageSizeSelectorLabel":
    "Lignes par page :", "filterOoo": "Filtrer…", "equals": "Égal à", "notEqual": "Différent de",
    "contains": "Contient", "notContains": "Ne contient pas", "startsWith": "Commence par",
    "endsWith": "Se termine par", "blank": "Vide", "notBlank": "Non vide", "lessThan":
    "Inférieur à", "greaterThan": "Supérieur à", "lessThanOrEqual": "Inférieur ou égal à",
    "greaterThanOrEqual": "Supérieur ou égal à", "inRange": "Entre", "andCondition": "ET",
    "orCondition": "OU", "noRowsToShow": "Aucun lieu ne correspond à ces filtres.",
    "loadingOoo": "Chargement…", "ariaRowSelect": "Sélectionner la ligne",
    # numbers of the paging panel (« 51 à 100 sur 3 000 »), as format_int writes them
    "thousandSeparator": "\u202f", "decimalSeparator": ",",
}
# the same keys in English: AG Grid keeps a text it was once given, so each one is reset
AG_GRID_EN = {
    "page": "Page", "of": "of", "to": "to", "more": "more", "next": "Next", "last": "Last",
    "first": "First", "previous": "Previous", "pageSizeSelectorLabel": "Page size:",
    "filterOoo": "Filter…", "equals": "Equals", "notEqual": "Does not equal",
    "contains": "Contains", "notContains": "Does not contain", "startsWith": "Begins with",
    "endsWith": "Ends with", "blank": "Blank", "notBlank": "Not blank",
    "lessThan": "Less than", "greaterThan": "Greater than",
    "lessThanOrEqual": "Less than or equal to",
    "greaterThanOrEqual": "Greater than or equal to", "inRange": "Between",
    "andCondition": "AND", "orCondition": "OR",
    "noRowsToShow": "No venue matches these filters.", "loadingOoo": "Loading…",
    "ariaRowSelect": "Select row", "thousandSeparator": ",", "decimalSeparator": ".",
}


def grid_locale(lang: str) -> dict:
    return AG_GRID_FR if lang == "fr" else AG_GRID_EN




_DOWNLOAD_BUTTON = "btn btn-link btn-sm p-0 tl-download"


def chart_downloads(graph_id: str, lang: str, *, csv: bool = False):
    """The download bar under a chart, reachable by keyboard: PNG and SVG drawn in the
    browser by plotly (``assets/chart_downloads.js``, with the graph's file name and size
    from its config; a map's SVG is the map redrawn as vector geo traces), and the CSV of the
    numbers behind it (``callbacks/exports.py``)."""
    def image(fmt):
        return html.Button(fmt.upper(), type="button", className=_DOWNLOAD_BUTTON,
                           title=t(f"export.{fmt}.title", lang),
                           **{"data-tl-download": fmt, "data-tl-graph": graph_id})

    items = [_text("export.download", lang, place=graph_id), image("png"), image("svg")]
    if csv:
        items += [html.Button(_text("export.csv", lang, place=graph_id), type="button",
                              id={"type": ids.CHART_CSV, "graph": graph_id},
                              className=_DOWNLOAD_BUTTON, title=t("export.csv.title", lang)),
                  dcc.Download(id={"type": ids.CHART_DOWNLOAD, "graph": graph_id})]
    return html.Div(items, className="tl-chart-downloads d-flex flex-wrap justify-content-end "
                                     "align-items-baseline column-gap-2 small px-1")


def _graph(graph_id, lang: str = "fr"):
    return dbc.Card(dbc.CardBody([dcc.Loading(dcc.Graph(id=graph_id, config=GRAPH_CONFIG),
                                              type="circle", delay_show=300),
                                  chart_downloads(graph_id, lang, csv=True)],
                                 className="p-1"), className="h-100")


def make_hybridation_panel(lang: str = "fr"):
    return html.Div(className="pt-2", children=[
        _text("hyb.note", lang, html.P, className="small text-body-secondary mb-2"),
        dbc.Alert(id=ids.HYB_SOURCE_NOTE, is_open=False, color="info", className="py-2 small"),
        dbc.Row(className="g-2 mb-2", children=[
            dbc.Col(_graph(ids.HYB_COUNT, lang), lg=5),
            dbc.Col(_graph(ids.HYB_NATIONAL, lang), lg=7),
        ]),
        dbc.Row(className="g-2 mb-2", children=[
            dbc.Col(_graph(ids.HYB_COOC, lang), lg=6),
            dbc.Col(_graph(ids.HYB_UPSET, lang), lg=6),
        ]),
        dbc.Row(className="g-2", children=[dbc.Col(_graph(ids.HYB_MIX, lang), lg=12)]),
    ])


def stack_options(lang: str) -> list[dict]:
    return [{"label": t(f"fund.stack.{k}", lang), "value": k} for k in ("departement", "usage")]


def make_funding_panel(lang: str = "fr"):
    return html.Div(className="pt-2", children=[
        dbc.Row(className="g-2 mb-2 align-items-center", children=[
            dbc.Col(dbc.Label(t("fund.stack_by", lang), id=ids.i18n("fund.stack_by"),
                              html_for=ids.FUND_STACK, className="fw-semibold small mb-0"),
                    width="auto"),
            dbc.Col(dbc.RadioItems(id=ids.FUND_STACK, options=stack_options(lang),
                                   value="departement", inline=True, className="small")),
        ]),
        dbc.Row(className="g-2 mb-2", children=[dbc.Col(_graph(ids.FUND_BY_CALL, lang), lg=12)]),
        dbc.Row(className="g-2 mb-2", children=[
            dbc.Col(_graph(ids.FUND_CUMULATIVE, lang), lg=6),
            dbc.Col(_graph(ids.FUND_PER_CAPITA, lang), lg=6),
        ]),
        dbc.Card([
            dbc.CardHeader(_text("fund.calls_title", lang, html.H3, className="h6 mb-0")),
            dbc.CardBody(html.Div(id=ids.FUND_CALLS), className="p-2"),
        ]),
        _text("fund.demo_note", lang, html.P, className="small text-body-secondary mt-2"),
    ])


def venue_columns(lang: str) -> list[dict]:
    """Column definitions of the venue grid (user text rendered as plain text; the web site
    as a markdown link, built only from http(s) addresses)."""
    def col(field, key, **kw):
        return {"field": field, "headerName": t(key, lang), **kw}

    return [
        col("name", "col.name", minWidth=260, flex=2),
        col("commune", "col.commune", minWidth=140, flex=1),
        col("dep_code", "col.dep", width=90),
        col("usages", "col.usages", minWidth=220, flex=2),
        col("label", "col.label", width=150),
        col("label_year", "col.label_year", width=120, filter="agNumberColumnFilter"),
        col("opened_year", "col.opened_year", width=110, filter="agNumberColumnFilter"),
        col("funding_eur", "col.funding", width=140, filter="agNumberColumnFilter",
            type="rightAligned",
            valueFormatter={"function": "d3.format(',.0f')(params.value)"}),
        col("url_link", "col.url", minWidth=200, flex=1, cellRenderer="markdown",
            cellRendererParams={"linkTarget": "_blank"}, filter=False, sortable=False),
    ]


# rows per page, and per request: the grid asks the server for one page at a time
VENUES_PAGE_SIZE = 50


def make_venue_grid(lang: str):
    """The venue grid in ``lang``. AG Grid reads its own texts (pagination, filters) only
    when it starts, so a language change replaces the grid (``callbacks/venues.py``). Its
    rows come from the server a page at a time (infinite row model: search, column filters
    and sort are applied there), so what it receives does not grow with the registry."""
    return dag.AgGrid(
        id=ids.VENUES_GRID, columnDefs=venue_columns(lang), rowModelType="infinite",
        defaultColDef={"sortable": True, "filter": True, "floatingFilter": True,
                       "resizable": True},
        dashGridOptions={"rowSelection": {"mode": "singleRow", "checkboxes": False,
                                          "enableClickSelection": True},
                         "pagination": True, "paginationPageSize": VENUES_PAGE_SIZE,
                         "cacheBlockSize": VENUES_PAGE_SIZE, "maxBlocksInCache": 20,
                         "animateRows": False, "localeText": grid_locale(lang)},
        getRowId="params.data.venue_id",
        style={"height": "max(420px, calc(100vh - 360px))"},
    )


def make_venues_panel(lang: str = "fr"):
    return html.Div(className="pt-2", children=[
        dcc.Download(id=ids.VENUES_DOWNLOAD), dcc.Store(id=ids.VENUES_GRID_REFRESH),
        dbc.Row(className="g-2 mb-2 align-items-center", children=[
            dbc.Col([dbc.Label(t("table.search", lang), html_for=ids.VENUES_SEARCH,
                               className="visually-hidden"),
                     dbc.Input(id=ids.VENUES_SEARCH, type="search", debounce=250,
                               placeholder=t("table.search", lang), size="sm")], md=4),
            dbc.Col(html.Span(id=ids.VENUES_COUNT, className="small text-body-secondary"),
                    md=4),
            dbc.Col(md=4, className="text-end", children=[
                dbc.Button(_text("table.export_csv", lang), id=ids.VENUES_EXPORT_CSV,
                           size="sm", color="outline-primary", className="me-2"),
                dbc.Button(_text("table.export_xlsx", lang), id=ids.VENUES_EXPORT_XLSX,
                           size="sm", color="outline-primary"),
            ]),
        ]),
        html.Div(make_venue_grid(lang), id=ids.VENUES_GRID_WRAP),
        _text("table.select_hint", lang, html.P, className="small text-body-secondary mt-1"),
    ])
