"""Header links to the documents that leave the dashboard: presentation, fact sheet, report.

Plain links (``<a>``) to Flask routes: their addresses follow the view state
(``callbacks/presentation.py``, ``callbacks/portrait.py``).
"""

from __future__ import annotations

from dash import html

from dashboard.i18n import t
from layouts import ids
from layouts.text import i18n_text

__all__ = ["make_document_links"]

_BUTTON = "btn btn-sm btn-outline-primary"


def make_document_links(lang: str):
    return html.Div(className="d-flex flex-wrap gap-2 ms-auto document-links", children=[
        html.A(i18n_text("slides.open", lang, place="header"), id=ids.PRESENTATION_LINK,
               href="/presentation", className=_BUTTON, title=t("slides.open.title", lang)),
        html.A(t("portrait.title", lang), id=ids.PORTRAIT_LINK, href="/portrait",
               className=_BUTTON, title=t("portrait.open.title", lang)),
        html.A(i18n_text("report.download", lang, place="header"), id=ids.REPORT_LINK,
               href="/rapport", className=_BUTTON, download="",
               title=t("report.download.title", lang)),
        html.A("PDF", id=ids.REPORT_PDF_LINK, href="/rapport?format=pdf", className=_BUTTON,
               download=""),
    ])
