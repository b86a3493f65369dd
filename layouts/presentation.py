"""The presentation page: every slide of a view state, one shown at a time.

A plain HTML document (not a Dash layout): the slides are server-rendered by
``dashboard.report_html`` and driven by ``assets/presentation.js``; plotly.js and the styles
come from this server, so the page works offline like the dashboard.
"""

from __future__ import annotations

from dashboard.i18n import t
from dashboard.report_html import html_page, render_slides

__all__ = ["make_presentation_page"]


def make_presentation_page(meta, slides, *, back_href: str) -> str:
    body = render_slides(meta, slides, back_href)
    return html_page(t("slides.page_title", meta.lang), body, meta.lang, inline=False,
                     body_class="tl-slides", scripts=("presentation.js",))
