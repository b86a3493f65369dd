"""« Vos données »: importing a venue or funding file into this browser session's dataset."""

from __future__ import annotations

import base64

from dash import Input, Output, State, callback, ctx, dcc, no_update

from dashboard.dataset import dataset_from_import, get_dataset, session_datasets
from dashboard.export import to_csv_bytes
from dashboard.i18n import format_int, t
from dashboard.importing.funding import import_funding
from dashboard.importing.reading import ImportFileError
from dashboard.importing.venues import import_venues
from dashboard.report import REJECTED
from layouts import ids
from layouts.tables import make_table

REPORT_ROWS_SHOWN = 300


def _decode(contents: str) -> bytes:
    return base64.b64decode(contents.split(",", 1)[1]) if "," in contents else b""


def _report_table(report, lang):
    shown = report[report["detail"] != ""].head(REPORT_ROWS_SHOWN)
    columns = [("source_row", t("col.source_row", lang)), ("status", t("col.status", lang)),
               ("detail", t("col.detail", lang))]
    rows = [{"source_row": str(r.source_row), "status": t(f"status.{r.status}", lang),
             "detail": r.detail} for r in shown.itertuples()]
    return make_table(columns, rows)


def _summary(file, report, lang):
    counts = report["status"].value_counts()
    return t("import.summary", lang, file=file, rows=len(report),
             accepted=int(counts.get("accepted", 0)), repaired=int(counts.get("repaired", 0)),
             rejected=int(counts.get(REJECTED, 0)))


@callback(
    Output(ids.DATASET_KEY, "data"),
    Output(ids.IMPORT_MESSAGE, "children"), Output(ids.IMPORT_MESSAGE, "is_open"),
    Output(ids.IMPORT_SUMMARY, "children"), Output(ids.IMPORT_REPORT, "children"),
    Output(ids.IMPORT_LAST_REPORT, "data"),
    Input(ids.IMPORT_VENUES_UPLOAD, "contents"), Input(ids.IMPORT_FUNDING_UPLOAD, "contents"),
    Input(ids.IMPORT_RESET, "n_clicks"),
    State(ids.IMPORT_VENUES_UPLOAD, "filename"), State(ids.IMPORT_FUNDING_UPLOAD, "filename"),
    State(ids.DATASET_KEY, "data"), State(ids.LANG, "data"),
    prevent_initial_call=True,
)
def update_session_dataset(venue_file, funding_file, _reset, venue_name, funding_name, key,
                           lang):
    lang = lang or "fr"
    store = session_datasets()
    if ctx.triggered_id == ids.IMPORT_RESET:
        store.drop(key)
        return None, "", False, "", "", None
    current = get_dataset(key)
    try:
        if ctx.triggered_id == ids.IMPORT_VENUES_UPLOAD:
            result = import_venues(_decode(venue_file), current.reference, file=venue_name)
            report, name = result.report_in(lang), venue_name
            if result.venues.empty:
                return (no_update, t("import.none_valid", lang, file=name), True,
                        _summary(name, report, lang), _report_table(report, lang),
                        report.to_dict(orient="records"))
            dataset = dataset_from_import(current.reference, result.venues,
                                          current.registry.calls, None, name)
        else:
            if store.get(key) is None:
                return no_update, t("import.no_venues", lang), True, no_update, no_update, \
                    no_update
            result = import_funding(_decode(funding_file), current.registry.venues,
                                    current.registry.calls, file=funding_name)
            report, name = result.report_in(lang), funding_name
            dataset = dataset_from_import(current.reference, current.registry.venues,
                                          current.registry.calls, result.funding,
                                          current.source_label)
    except ImportFileError as exc:
        return no_update, str(exc), True, no_update, no_update, no_update
    store.drop(key)
    new_key = store.add(dataset)
    return (new_key, "", False, _summary(name, report, lang), _report_table(report, lang),
            report.to_dict(orient="records"))


@callback(
    Output(ids.IMPORT_REPORT_DOWNLOAD, "data"),
    Input(ids.IMPORT_REPORT_EXPORT, "n_clicks"),
    State(ids.IMPORT_LAST_REPORT, "data"), State(ids.LANG, "data"),
    prevent_initial_call=True,
)
def export_import_report(_clicks, records, lang):
    import pandas as pd

    if not records:
        return no_update
    frame = pd.DataFrame(records)[["source_row", "status", "detail", "venue_id"]]
    return dcc.send_bytes(to_csv_bytes(frame, lang or "fr"), "rapport_import.csv")


@callback(
    Output(ids.DEMO_BADGE, "children"), Output(ids.DEMO_BADGE, "color"),
    Output(ids.DEMO_BADGE, "text_color"), Output(ids.DEMO_BADGE, "title"),
    Output(ids.PROVENANCE, "children"),
    Input(ids.DATASET_KEY, "data"), Input(ids.LANG, "data"),
)
def update_provenance(key, lang):
    lang = lang or "fr"
    data = get_dataset(key)
    session = session_datasets().get(key) is not None
    if session:
        badge, color, text, title = (t("badge.session", lang, file=data.source_label), "info",
                                     "dark", t("import.privacy", lang))
    elif data.is_demo:
        badge, color, text, title = (t("badge.demo", lang), "warning", "dark",
                                     t("badge.demo.title", lang))
    else:
        badge, color, text, title = (t("badge.published", lang), "success", None,
                                     data.source_label)
    provenance = t("provenance", lang, venues=data.source_label,
                   communes=format_int(len(data.communes), lang))
    return badge, color, text, title, provenance
