"""« Vos données »: importing a venue or funding file into this browser session's dataset."""

from __future__ import annotations

import base64

from dash import Input, Output, State, callback, ctx, dcc, html, no_update, set_props

from dashboard import limits
from dashboard.dataset import (
    dataset_from_import,
    get_dataset,
    get_published_dataset,
    save_session_dataset,
    session_store,
)
from dashboard.export import to_csv_bytes
from dashboard.i18n import format_int, t
from dashboard.importing.funding import carry_funding, import_funding
from dashboard.importing.reading import ImportFileError
from dashboard.importing.venues import import_venues
from dashboard.report import REJECTED
from dashboard.sessions import SessionEntry, SessionLost
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


def update_session_dataset(venue_file, funding_file, _reset, venue_name, funding_name, key,
                           lang, mapping=None, merge=None, progress=None):
    """Import a file into this session's dataset (kept in the session store, never on disk).
    The report stays on the server: the browser gets its key, a summary and the first rows.
    ``progress(percent)`` is called between steps (a cancel stops the job there)."""
    lang = lang or "fr"
    step = progress or (lambda percent: None)
    if ctx.triggered_id == ids.IMPORT_RESET:
        session_store().drop(key)
        return None, "", False, "", "", None
    step(5)
    try:
        dataset, report, name, note = _import(venue_file, funding_file, venue_name,
                                              funding_name, key, lang, mapping, bool(merge))
    except ImportFileError as exc:
        return no_update, str(exc), True, no_update, no_update, no_update
    except SessionLost:  # funding for venues the server no longer has
        set_props(ids.SESSION_NOTICE, {"is_open": True})
        return None, t("session.lost", lang), True, "", "", None
    step(85)
    report_key = session_store().put(SessionEntry.create(name, "report", {"report": report}))
    summary = _summary(name, report, lang)
    shown = ([summary, html.P(note, className="small mb-0")] if note else summary,
             _report_table(report, lang), report_key)
    if dataset is None:
        return (no_update, t("import.none_valid", lang, file=name), True, *shown)
    step(95)  # the last point a cancel takes effect: nothing stored after it
    session_store().drop(key)
    return (save_session_dataset(dataset), "", False, *shown)


@callback(
    Output(ids.DATASET_KEY, "data"),
    Output(ids.IMPORT_MESSAGE, "children"), Output(ids.IMPORT_MESSAGE, "is_open"),
    Output(ids.IMPORT_SUMMARY, "children"), Output(ids.IMPORT_REPORT, "children"),
    Output(ids.IMPORT_LAST_REPORT, "data"),
    Input(ids.IMPORT_APPLY, "n_clicks"), Input(ids.IMPORT_FUNDING_UPLOAD, "contents"),
    Input(ids.IMPORT_RESET, "n_clicks"),
    State(ids.IMPORT_VENUES_UPLOAD, "filename"), State(ids.IMPORT_FUNDING_UPLOAD, "filename"),
    State(ids.DATASET_KEY, "data"), State(ids.LANG, "data"), State(ids.IMPORT_MAPPING, "data"),
    State(ids.IMPORT_MERGE, "value"), State(ids.IMPORT_VENUES_UPLOAD, "contents"),
    background=True, interval=500,
    progress=[Output(ids.IMPORT_PROGRESS, "value"), Output(ids.IMPORT_PROGRESS, "label")],
    progress_default=[0, ""],
    running=[(Output(ids.IMPORT_PROGRESS_BOX, "style"), {}, {"display": "none"}),
             (Output(ids.IMPORT_CANCEL, "disabled"), False, True)],
    cancel=[Input(ids.IMPORT_CANCEL, "n_clicks")],
    prevent_initial_call=True,
)
def run_session_import(set_progress, _apply, funding_file, reset, venue_name, funding_name, key,
                       lang, mapping, merge, venue_file):
    """The import as a background job (callbacks/background.py): progress bar and cancel.
    A venue file is imported on « Importer », with the mapping step's choices."""
    return update_session_dataset(venue_file, funding_file, reset, venue_name, funding_name,
                                  key, lang, mapping, merge,
                                  progress=lambda p: set_progress((p, f"{p} %")))


VENUE_TRIGGERS = (ids.IMPORT_APPLY, ids.IMPORT_VENUES_UPLOAD)


def _import(venue_file, funding_file, venue_name, funding_name, key, lang, mapping=None,
            merge=False):
    """(new dataset or None if no row is usable, report, file name, a note or ""); raises
    ImportFileError."""
    if ctx.triggered_id in VENUE_TRIGGERS:
        return _import_venues(venue_file, venue_name, key, lang, mapping, merge)
    if not key:
        raise ImportFileError(t("import.no_venues", lang))
    current = get_dataset(key)  # a lost key raises SessionLost: the page says so
    result = import_funding(_decode(funding_file), current.registry.venues,
                            current.registry.calls, file=funding_name)
    return (dataset_from_import(current.reference, current.registry.venues,
                                current.registry.calls, result.funding, current.source_label),
            result.report_in(lang), funding_name, "")


def _import_venues(venue_file, venue_name, key, lang, mapping, merge):
    """A venue file with the mapping step's choices; grants already imported in this session
    stay when their venue is still there, and the others are counted, never dropped
    silently."""
    published = get_published_dataset()  # reference layers and calls: shared
    result = import_venues(_decode(venue_file), published.reference, mapping=mapping or None,
                           merge_duplicates=merge, file=venue_name)
    if result.venues.empty:
        return None, result.report_in(lang), venue_name, ""
    funding, note = None, ""
    previous = get_dataset(key).registry if key else None
    if previous is not None and len(previous.funding):
        funding, lost = carry_funding(previous.funding, previous.venues, result.venues)
        note = t("import.funding_kept", lang, kept=format_int(len(funding), lang),
                 lost=format_int(lost, lang))
    return (dataset_from_import(published.reference, result.venues, published.registry.calls,
                                funding, venue_name), result.report_in(lang), venue_name, note)


@callback(
    Output(ids.IMPORT_REPORT_DOWNLOAD, "data"),
    Input(ids.IMPORT_REPORT_EXPORT, "n_clicks"),
    State(ids.IMPORT_LAST_REPORT, "data"), State(ids.LANG, "data"),
    prevent_initial_call=True,
)
def export_import_report(_clicks, report_key, lang):
    entry = session_store().get(report_key) if report_key else None
    if entry is None or entry.kind != "report":
        if report_key:
            set_props(ids.IMPORT_MESSAGE, {"children": t("import.report_gone", lang or "fr"),
                                           "is_open": True})
        return no_update
    frame = entry.tables["report"][["source_row", "status", "detail", "venue_id"]]
    return dcc.send_bytes(to_csv_bytes(frame, lang or "fr"), "rapport_import.csv")


@callback(Output(ids.UPLOAD_TOO_LARGE, "children"), Output(ids.UPLOAD_TOO_LARGE, "is_open"),
          Input(ids.UPLOAD_REJECTED, "data"), State(ids.LANG, "data"),
          prevent_initial_call=True)
def say_upload_too_large(rejected, lang):
    """The browser refused a file over the limit (assets/upload_limit.js): say which."""
    if not isinstance(rejected, dict) or not isinstance(rejected.get("size"), (int, float)):
        return no_update, no_update
    name = str(rejected.get("name") or "?")[:200]
    return limits.too_large_message(name, int(rejected["size"]), lang or "fr"), True


@callback(Output(ids.SESSION_NOTICE, "is_open"), Input(ids.DATASET_KEY, "data"),
          prevent_initial_call=True)
def close_session_notice(key):
    """A new import closes the « data no longer available » notice."""
    return False if key else no_update


@callback(
    Output(ids.DEMO_BADGE, "children"), Output(ids.DEMO_BADGE, "color"),
    Output(ids.DEMO_BADGE, "text_color"), Output(ids.DEMO_BADGE, "title"),
    Output(ids.PROVENANCE, "children"),
    Input(ids.DATASET_KEY, "data"), Input(ids.LANG, "data"), Input(ids.VIEW_STATE, "data"),
)
def update_provenance(key, lang, state=None):
    """The header's badge and provenance line: whose data the panels show, and under which
    licence (a published source's attribution, and what it does not record)."""
    lang = lang or "fr"
    source = (state or {}).get("source")
    data = get_dataset(key, source)  # a lost key raises SessionLost: notice, key cleared
    if key:
        badge, color, text, title = (t("badge.session", lang, file=data.source_label), "info",
                                     "dark", t("import.privacy", lang))
    elif data.is_demo:
        badge, color, text, title = (t("badge.demo", lang), "warning", "dark",
                                     t("badge.demo.title", lang))
    else:
        badge, color, text, title = (data.display_name(lang) if data.label_key
                                     else t("badge.published", lang), "success", None,
                                     t(data.note_key, lang) if data.note_key
                                     else data.source_label)
    communes = format_int(len(data.communes), lang)
    provenance = t("provenance.source", lang, venues=data.display_name(lang),
                   attribution=t(data.attribution_key, lang), communes=communes) \
        if data.attribution_key and not key else \
        t("provenance", lang, venues=data.source_label, communes=communes)
    if data.note_key and not key:
        provenance = [provenance, html.Br(), html.Small(t(data.note_key, lang))]
    return badge, color, text, title, provenance
