"""``/embed?graphique=carte&<the dashboard's parameters>``: one chart or map alone, for an
iframe in another site (issue 13, item 4). The only route another origin may frame (app.py's
security headers: ``frame-ancestors *`` and no ``X-Frame-Options`` under ``/embed``).

The chart is the presentation's slide of the same name (``dashboard.slides``), so an embedded
chart shows what the dashboard shows for those filters, with its title, the filters in words,
the source, the date and the demo mention.
"""

from __future__ import annotations

import html

from flask import Response, request

from callbacks.routes import request_dataset, request_state
from dashboard.i18n import t
from dashboard.report_html import figure_block, html_page
from dashboard.slides import build_slides

__all__ = ["EMBED_CHARTS", "EMBED_PARAM", "embed", "register_embed"]

EMBED_PARAM = "graphique"
EMBED_CHARTS = ("carte", "couverture", "zones", "hybridation", "financements")


def _footer(meta) -> str:
    parts = [meta.demo, meta.filters, meta.source, meta.date]
    return ('<footer class="tl-embed-footer">'
            + " · ".join(html.escape(p) for p in parts if p) + "</footer>")


def embed():
    data = request_dataset()
    state, _ignored = request_state(data)
    chart = request.args.get(EMBED_PARAM, "carte")
    if chart not in EMBED_CHARTS:
        return Response(t("embed.unknown", state.lang, chart=chart,
                          charts=", ".join(EMBED_CHARTS)), status=404,
                        mimetype="text/plain; charset=utf-8")
    meta, slides = build_slides(data, state, geojson=lambda level: (
        f"/geo/{data.reference.region}/{level}.geojson"))
    slide = next(s for s in slides if s.key == chart)
    body = (f'<main class="tl-embed-main"><h1 class="tl-embed-title">'
            f"{html.escape(slide.title)}</h1>"
            + figure_block(slide.charts[0], f"tl-embed-{chart}") + _footer(meta) + "</main>")
    page = html_page(slide.title, body, state.lang, inline=False, body_class="tl-embed")
    return Response(page, mimetype="text/html; charset=utf-8")


def register_embed(server) -> None:
    server.add_url_rule("/embed", "embed", embed)
