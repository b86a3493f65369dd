"""« Vos données »: upload a venue file and a funding file for this browser session."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.limits import UPLOAD_MAX_BYTES
from layouts import ids
from layouts.text import dropdown_labels
from layouts.text import i18n_text as _text

__all__ = ["make_import_panel", "make_mapping_step", "make_session_notice", "UPLOAD_MAX_BYTES"]


def make_session_notice(lang: str = "fr"):
    """Opened when this tab's uploaded data are no longer on the server (callbacks/sessions)."""
    return html.Div([
        dbc.Alert(_text("session.lost", lang), id=ids.SESSION_NOTICE, color="warning",
                  is_open=False, dismissable=True, className="py-2 my-2"),
        dbc.Alert(_text("session.unavailable", lang), id=ids.SESSION_DOWN, color="danger",
                  is_open=False, dismissable=True, duration=20000, className="py-2 my-2")])


def _upload(upload_id: str, title_key: str, lang: str):
    return dbc.Card(className="h-100", children=[
        dbc.CardHeader(_text(title_key, lang, html.H3, className="h6 mb-0")),
        dbc.CardBody(dcc.Upload(
            id=upload_id, max_size=UPLOAD_MAX_BYTES, multiple=False,
            className="upload-area",
            children=html.Div([_text("import.drop", lang, place=upload_id)]),
        )),
    ])


def make_mapping_step(lang: str = "fr"):
    """Shown once a venue file is dropped: sheet, header row, a field for each column (the
    table is filled by callbacks/importing.py), what is missing, then « Importer »."""
    return html.Div(id=ids.IMPORT_MAPPING_BOX, style={"display": "none"}, className="mb-2",
                    children=dbc.Card([
        dbc.CardHeader(_text("mapping.title", lang, html.H3, className="h6 mb-0")),
        dbc.CardBody([
            _text("mapping.intro", lang, html.P, className="small mb-2"),
            dbc.Row(className="g-2 mb-2 align-items-end", children=[
                dbc.Col(id=ids.IMPORT_SHEET_BOX, md=6, children=[
                    dbc.Label(_text("mapping.sheet", lang), html_for=ids.IMPORT_SHEET,
                              className="small mb-0"),
                    dcc.Dropdown(id=ids.IMPORT_SHEET, clearable=False, searchable=False,
                                 labels=dropdown_labels(lang))]),
                dbc.Col([dbc.Label(_text("mapping.header_row", lang),
                                   html_for=ids.IMPORT_HEADER_ROW, className="small mb-0"),
                         dbc.Input(id=ids.IMPORT_HEADER_ROW, type="number", min=0, step=1,
                                   debounce=True, size="sm")], md=3),
            ]),
            html.Div(id=ids.IMPORT_MAPPING_TABLE, className="table-scroll mb-2"),
            html.Div(dbc.Alert(id=ids.IMPORT_MAPPING_MISSING, is_open=False, color="warning",
                               className="py-2"), **{"aria-live": "polite"}),
            dbc.Checklist(id=ids.IMPORT_MERGE, switch=True, className="small mb-2",
                          options=[{"label": _text("mapping.merge", lang), "value": "merge"}],
                          value=[]),
            html.Div(className="d-flex gap-2", children=[
                dbc.Button(_text("mapping.apply", lang), id=ids.IMPORT_APPLY, color="primary",
                           size="sm"),
                dbc.Button(_text("mapping.download", lang), id=ids.IMPORT_MAPPING_EXPORT,
                           color="outline-secondary", size="sm"),
            ]),
            dcc.Store(id=ids.IMPORT_MAPPING),
            dcc.Download(id=ids.IMPORT_MAPPING_DOWNLOAD),
        ]),
    ]))


def _templates(lang: str):
    return html.Div(className="small d-flex gap-2 align-items-center mb-2", children=[
        _text("import.template", lang),
        dbc.Button(_text("import.template_csv", lang), id=ids.IMPORT_TEMPLATE_CSV,
                   color="link", size="sm", className="p-0"),
        dbc.Button(_text("import.template_xlsx", lang), id=ids.IMPORT_TEMPLATE_XLSX,
                   color="link", size="sm", className="p-0"),
        dcc.Download(id=ids.IMPORT_TEMPLATE_DOWNLOAD),
    ])


def make_import_panel(lang: str = "fr"):
    return html.Div(className="pt-2", children=[
        dcc.Download(id=ids.IMPORT_REPORT_DOWNLOAD),
        dcc.Store(id=ids.IMPORT_LAST_REPORT),
        _text("import.privacy", lang, html.P, className="small text-body-secondary"),
        dbc.Row(className="g-2 mb-2", children=[
            dbc.Col(_upload(ids.IMPORT_VENUES_UPLOAD, "import.venues_title", lang), md=6),
            dbc.Col(_upload(ids.IMPORT_FUNDING_UPLOAD, "import.funding_title", lang), md=6),
        ]),
        _templates(lang),
        make_mapping_step(lang),
        # hidden by its style between imports (Bootstrap's d-flex is !important: kept inside)
        html.Div(id=ids.IMPORT_PROGRESS_BOX, style={"display": "none"}, className="mb-2",
                 children=html.Div(className="d-flex gap-2 align-items-center", children=[
            dbc.Progress(id=ids.IMPORT_PROGRESS, value=0, max=100, striped=True,
                         animated=True, className="flex-grow-1", style={"height": "1.2rem"}),
            dbc.Button(_text("import.cancel", lang), id=ids.IMPORT_CANCEL, size="sm",
                       color="outline-danger", disabled=True),
        ])),
        dbc.Alert(id=ids.IMPORT_MESSAGE, is_open=False, color="danger", className="py-2"),
        html.Div(id=ids.IMPORT_SUMMARY, className="mb-2", **{"aria-live": "polite"}),
        html.Div(className="d-flex gap-2 mb-2", children=[
            dbc.Button(_text("import.export_report", lang), id=ids.IMPORT_REPORT_EXPORT,
                       size="sm", color="outline-primary"),
            dbc.Button(_text("import.reset", lang), id=ids.IMPORT_RESET, size="sm",
                       color="outline-secondary"),
        ]),
        html.Div(id=ids.IMPORT_REPORT, className="table-scroll"),
        _text("import.help", lang, html.P, className="small text-body-secondary mt-2"),
    ])
