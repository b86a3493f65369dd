"""Flask routes of the documents that leave the dashboard: presentation, fact sheet, report.

Each view unpacks the query string (the dashboard's parameters, plus ``territoire`` /
``comparer`` for fact sheets and ``session`` for a session's uploaded dataset), calls
``dashboard`` functions and returns the page or the file. ``register_routes(server)`` is called
once by ``app.py``.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlencode

from flask import Response, abort, redirect, request, send_file

from dashboard.dataset import get_published_dataset, session_dataset
from dashboard.filters import parse_query, to_query
from dashboard.i18n import t
from dashboard.portrait import make_portrait, parse_territories, region_figures, territory_query
from dashboard.report_html import PLOTLY_JS, render_portrait
from dashboard.roadmap_state import PARAMS as ROADMAP_PARAMS
from dashboard.slides import build_slides, document_meta
from dashboard.viewstate import Domain
from layouts.portrait import make_portrait_page, territory_options
from layouts.presentation import make_presentation_page

__all__ = ["register_routes", "DATASET_PARAM", "request_dataset", "request_state"]

# key of a session's uploaded dataset (server memory only); ``donnees`` is the view state's
# published registry, passed on with the other dashboard parameters
DATASET_PARAM = "session"
_OWN_PARAMS = ("territoire", "comparer", DATASET_PARAM, "format", *sorted(ROADMAP_PARAMS))


def request_dataset():
    """The session's dataset named by ``session``, else the published registry the link names
    (``donnees``); a key that is gone is an error page, never a silent switch to other data."""
    key = request.args.get(DATASET_PARAM)
    if not key:
        return get_published_dataset(request.args.get("donnees"))
    data = session_dataset(key)
    if data is None:
        abort(Response(t("report.session_lost", request.args.get("lang", "fr")), status=410,
                       mimetype="text/plain; charset=utf-8"))
    return data


def request_state(data):
    """(view state, the dashboard parameters that were not understood)."""
    search = "?" + urlencode([(k, v) for k, v in request.args.items(multi=True)
                              if k not in _OWN_PARAMS])
    return parse_query(search, Domain.of(data))


def _with_dataset(query: str) -> str:
    key = request.args.get(DATASET_PARAM)
    if not key:
        return query
    extra = urlencode({DATASET_PARAM: key})
    return f"{query}&{extra}" if query else f"?{extra}"


def _html(text: str) -> Response:
    return Response(text, mimetype="text/html; charset=utf-8")


def presentation():
    data = request_dataset()
    state, _ignored = request_state(data)
    meta, slides = build_slides(data, state, geojson=lambda level: (
        f"/geo/{data.reference.region}/{level}.geojson"))
    return _html(make_presentation_page(meta, slides, back_href="/" + _with_dataset(
        to_query(state))))


def portrait():
    data = request_dataset()
    dashboard_state, ignored = request_state(data)
    # the territory replaces the department filter; the other filters apply
    state = replace(dashboard_state, departements=())
    territory, compare, bad = parse_territories(request.query_string.decode(), data)
    meta = document_meta(data, state)
    items = ", ".join(f"{k}={v}" for k, v in [*ignored, *bad])
    sheet_html = None
    if territory:
        sheet = make_portrait(data, state, territory)
        other = make_portrait(data, state, compare) if compare else None
        sheet_html = render_portrait(sheet, other, region_figures(data, state), meta)
    query = to_query(state)
    hidden = [tuple(p.split("=", 1)) for p in query.lstrip("?").split("&") if p]
    if request.args.get(DATASET_PARAM):
        hidden.append((DATASET_PARAM, request.args[DATASET_PARAM]))
    own = territory_query(territory, compare)
    permalink = "/portrait" + _with_dataset(query + ("&" if query else "?") + own
                                            if own else query)
    return _html(make_portrait_page(
        meta, groups=territory_options(data, state.lang),
        territory=territory.key if territory else None,
        compare=compare.key if compare else None, hidden=hidden, sheet_html=sheet_html,
        notice=t("notice.ignored", state.lang, items=items) if items else "",
        back_href="/" + _with_dataset(to_query(dashboard_state)), permalink=permalink))


def report():
    from dashboard.documents import report_name, sheets_for, write_report
    from dashboard.pdf import PdfError
    from dashboard.roadmap_report import scenario_pages

    data = request_dataset()
    state, _ignored = request_state(data)
    territory, compare, _bad = parse_territories(request.query_string.decode(), data)
    sheets = sheets_for(state, territory, compare)
    suffix = "pdf" if request.args.get("format") == "pdf" else "html"
    today = dt.date.today()
    name = report_name(state, sheets, suffix, today)
    with tempfile.TemporaryDirectory(prefix="tierslieux-dl-") as folder:
        out = Path(folder) / name
        try:
            write_report(data, state, sheets, out, today=today, extra_pages=scenario_pages(
                data, state, request.query_string.decode()))
        except PdfError as exc:
            return Response(t("report.pdf_failed", state.lang, reason=exc.code), status=503,
                            mimetype="text/plain; charset=utf-8")
        body = out.read_bytes()
    mimetype = "application/pdf" if suffix == "pdf" else "text/html; charset=utf-8"
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def plotly_js():
    return send_file(PLOTLY_JS, mimetype="text/javascript", max_age=86400)


def territory_permalink():
    """A dashboard address naming a territory (``/?territoire=epci:…&comparer=…``, the form a
    fact sheet's permalink takes) opens that fact sheet, with every parameter kept."""
    if request.path == "/" and request.args.get("territoire"):
        return redirect("/portrait?" + request.query_string.decode(), code=302)
    return None


def register_routes(server) -> None:
    server.before_request(territory_permalink)
    server.add_url_rule("/presentation", "presentation", presentation)
    server.add_url_rule("/portrait", "portrait", portrait)
    server.add_url_rule("/rapport", "rapport", report)
    server.add_url_rule("/vendor/plotly.min.js", "plotly_js", plotly_js)
