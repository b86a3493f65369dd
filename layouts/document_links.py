"""Header links to the documents that leave the dashboard: presentation, fact sheet, report.

Plain links (``<a>``) to Flask routes: their addresses follow the view state
(``callbacks/presentation.py``, ``callbacks/portrait.py``).
"""

from __future__ import annotations

from dash import html

from dashboard.i18n import t
from layouts import ids
from layouts.text import i18n_text

__all__ = ["make_document_links", "make_territory_card"]

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


def make_territory_card(lang: str):
    """The card a click on a territory opens over the map (``callbacks/portrait.py``): its
    name, « Ouvrir son portrait » (same tab) or in a new tab, a note that the dashboard now
    filters on its department, and × (or Escape) to close it. Links and buttons: reachable
    by keyboard; announced to screen readers when it opens."""
    return html.Div(
        id=ids.MAP_CARD, hidden=True, role="dialog", className="tl-territory-card card shadow",
        **{"aria-label": t("map.card.label", lang), "aria-live": "polite"},
        children=html.Div(className="card-body p-2", children=[
            html.Div(className="d-flex align-items-start gap-2", children=[
                html.Div(id=ids.MAP_CARD_TITLE, className="flex-grow-1 lh-sm"),
                html.Button(type="button", id=ids.MAP_CARD_CLOSE, className="btn-close",
                            title=t("map.card.close", lang),
                            **{"aria-label": t("map.card.close", lang)}),
            ]),
            html.Div(className="d-flex flex-wrap align-items-baseline gap-2 mt-2", children=[
                html.A(t("map.card.open", lang), id=ids.MAP_CARD_OPEN, href="/portrait",
                       className="btn btn-sm btn-primary"),
                html.A(i18n_text("map.card.new_tab", lang), id=ids.MAP_CARD_NEW_TAB,
                       href="/portrait", target="_blank", rel="noopener",
                       className="small"),
            ]),
            html.P(id=ids.MAP_CARD_NOTE, className="small text-body-secondary mb-0 mt-1"),
        ]))
