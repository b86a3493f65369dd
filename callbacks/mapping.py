"""The mapping step of « Vos données »: a dropped venue file is previewed (sheet, header row,
each column with its field and how it was found) and imported only on « Importer »."""

from __future__ import annotations

import base64

import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, ctx, dcc, html, no_update

from dashboard.dataset import get_published_dataset
from dashboard.i18n import t
from dashboard.importing.mapping import ColumnMapping
from dashboard.importing.preview import IGNORED, field_options, missing_for, preview_file
from dashboard.importing.reading import ImportFileError
from dashboard.importing.template import template_csv, template_xlsx
from layouts import ids
from layouts.text import dropdown_labels

HIDDEN, SHOWN = {"display": "none"}, {}


def _decode(contents: str) -> bytes:
    return base64.b64decode(contents.split(",", 1)[1]) if "," in (contents or "") else b""


def _sheet_options(raw, lang) -> list[dict]:
    return [{"label": t("mapping.sheet.hidden", lang, sheet=s.name) if s.hidden else s.name,
             "value": s.name} for s in raw.sheets]


def _mapping_table(preview, lang):
    """One line per column of the file: its name, a field dropdown, how, first values."""
    chosen, how, options = preview.mapping().columns, preview.how(lang), field_options(lang)
    head = html.Thead(html.Tr([html.Th(t(k, lang), scope="col") for k in
                               ("mapping.column", "mapping.field", "mapping.how",
                                "mapping.preview")]))
    body = []
    for i, column in enumerate(preview.columns):
        samples = " · ".join(r[column] for r in preview.rows[:3] if r[column].strip())
        body.append(html.Tr([
            html.Td(html.Code(column)),
            html.Td(dcc.Dropdown(id={"type": ids.IMPORT_FIELD, "index": i}, options=options,
                                 value=chosen.get(column) or IGNORED, clearable=False,
                                 labels=dropdown_labels(lang),
                                 style={"minWidth": "14rem"})),
            html.Td(how.get(column, ""), className="small text-body-secondary"),
            html.Td(samples, className="small"),
        ]))
    return dbc.Table([head, html.Tbody(body)], size="sm", className="mb-0 small align-middle")


@callback(
    Output(ids.IMPORT_MAPPING_BOX, "style"), Output(ids.IMPORT_SHEET_BOX, "style"),
    Output(ids.IMPORT_SHEET, "options"),
    Output(ids.IMPORT_SHEET, "value"), Output(ids.IMPORT_HEADER_ROW, "value"),
    Output(ids.IMPORT_MAPPING_TABLE, "children"), Output(ids.IMPORT_MAPPING, "data"),
    Output(ids.IMPORT_MESSAGE, "children", allow_duplicate=True),
    Output(ids.IMPORT_MESSAGE, "is_open", allow_duplicate=True),
    Input(ids.IMPORT_VENUES_UPLOAD, "contents"), Input(ids.IMPORT_SHEET, "value"),
    Input(ids.IMPORT_HEADER_ROW, "value"),
    State(ids.IMPORT_VENUES_UPLOAD, "filename"), State(ids.LANG, "data"),
    prevent_initial_call=True,
)
def preview_venue_file(contents, sheet, header_row, filename, lang):
    """A new file is read with the sheet and header found by itself; a changed sheet or header
    row reads it again that way. Nothing is imported here."""
    lang = lang or "fr"
    if ctx.triggered_id == ids.IMPORT_VENUES_UPLOAD:
        sheet = header_row = None
    elif ctx.triggered_id == ids.IMPORT_SHEET:
        header_row = None
    mapping = ColumnMapping(sheet or None, None if header_row in (None, "") else int(header_row))
    try:
        preview = preview_file(_decode(contents), filename or "fichier",
                               get_published_dataset().reference, mapping)
    except ImportFileError as exc:  # a new file: no step; another sheet: choose again
        if ctx.triggered_id == ids.IMPORT_VENUES_UPLOAD:
            return HIDDEN, HIDDEN, [], None, None, "", None, str(exc), True
        return SHOWN, no_update, no_update, no_update, no_update, "", None, str(exc), True
    raw = preview.raw
    return (SHOWN, SHOWN if raw.sheets else HIDDEN, _sheet_options(raw, lang),
            raw.sheet or None, raw.header_row,
            _mapping_table(preview, lang), preview.mapping().to_json(), "", False)


@callback(
    Output(ids.IMPORT_MAPPING, "data", allow_duplicate=True),
    Output(ids.IMPORT_MAPPING_MISSING, "children"), Output(ids.IMPORT_MAPPING_MISSING, "is_open"),
    Output(ids.IMPORT_APPLY, "disabled"),
    Input({"type": ids.IMPORT_FIELD, "index": ALL}, "value"),
    State(ids.IMPORT_MAPPING, "data"), State(ids.IMPORT_VENUES_UPLOAD, "filename"),
    State(ids.LANG, "data"),
    prevent_initial_call="initial_duplicate",
)
def update_mapping(fields, mapping, filename, lang):
    """The user's field for each column; « Importer » waits until a name and a place are
    given, each field by one column only."""
    if not mapping:
        return no_update, "", False, True
    columns = list(mapping["columns"])
    chosen = {c: (f or None) for c, f in zip(columns, fields)} if len(fields) == len(columns) \
        else mapping["columns"]
    lang = lang or "fr"
    taken = [f for f in chosen.values() if f]
    twice = sorted({t(f"field.{f}", lang) for f in taken if taken.count(f) > 1})
    problem = t("mapping.duplicate_field", lang, fields=", ".join(twice)) if twice else \
        missing_for(chosen, filename or "fichier", lang)
    return {**mapping, "columns": chosen}, problem, bool(problem), bool(problem)


@callback(Output(ids.IMPORT_MAPPING_DOWNLOAD, "data"), Input(ids.IMPORT_MAPPING_EXPORT, "n_clicks"),
          State(ids.IMPORT_MAPPING, "data"), State(ids.IMPORT_VENUES_UPLOAD, "filename"),
          prevent_initial_call=True)
def export_mapping(_clicks, mapping, filename):
    """The mapping as the JSON that ``tierslieux import venues --mapping`` reads."""
    if not mapping:
        return no_update
    stem = (filename or "fichier").rsplit(".", 1)[0]
    text = ColumnMapping.from_json(mapping).dumps() + "\n"
    return dcc.send_string(text, f"correspondance_{stem}.json")


@callback(Output(ids.IMPORT_TEMPLATE_DOWNLOAD, "data"),
          Input(ids.IMPORT_TEMPLATE_CSV, "n_clicks"), Input(ids.IMPORT_TEMPLATE_XLSX, "n_clicks"),
          State(ids.LANG, "data"), prevent_initial_call=True)
def download_template(_csv, _xlsx, lang):
    """The canonical template (CSV or workbook with its « À lire » sheet)."""
    lang = lang or "fr"
    if ctx.triggered_id == ids.IMPORT_TEMPLATE_XLSX:
        return dcc.send_bytes(template_xlsx(lang), f"{t('template.file', lang)}.xlsx")
    return dcc.send_bytes(template_csv(lang), f"{t('template.file', lang)}.csv")
