"""Observatoire des tiers-lieux d'Occitanie — the one place where the app is wired.

    python app.py                      # serves on 127.0.0.1:8050 (HOST and PORT override)
    tierslieux serve --workers 4       # production: gunicorn, sessions in Redis
                                       # (TIERSLIEUX_REDIS_URL; see README)

Wired here: the session store (Redis or in-process, from the settings), the callback error
handler (a lost session says so; a malformed payload is « no update »), the request size
limit and the security headers.
"""

from __future__ import annotations

import json
import logging
import os

import dash
import dash_bootstrap_components as dbc
from dash import html
from flask import Flask, Response, abort, request

import callbacks  # noqa: F401  (registers every callback)
from callbacks.background import make_job_manager
from callbacks.compressed import Compressed, compress_once, compressed_response
from callbacks.embed import register_embed
from callbacks.points import register_points
from callbacks.routes import register_routes
from callbacks.sessions import on_callback_error
from dashboard import config, packed_arrays
from dashboard.dataset import get_published_dataset, session_store
from dashboard.figures.map import level_geojson
from dashboard.figures.theme import register_templates
from dashboard.i18n import LANGS, t
from dashboard.indicators import LEVEL_KEYS
from dashboard.limits import REQUEST_MAX_BYTES
from dashboard.reference import ReferenceError_
from dashboard.registry import RegistryFileError
from layouts.page import PageMeta, make_layout

log = logging.getLogger("tierslieux")

INDEX = """<!DOCTYPE html>
<html lang="{lang}">
<head>{%metas%}<title>{%title%}</title>{%favicon%}{%css%}</head>
<body>{%app_entry%}<footer>{%config%}{%scripts%}{%renderer%}</footer></body>
</html>"""


class ObservatoryDash(dash.Dash):
    """Dash whose page says its language from the first byte: ``<html lang>`` and the
    title follow the link's ``lang`` (the browser then keeps them in step with the switch,
    callbacks/i18n.py), so a screen reader or a browser tab never starts in the wrong one."""

    def interpolate_index(self, **kwargs):
        lang = request.args.get("lang") if request else None
        lang = lang if lang in LANGS else "fr"
        kwargs["title"] = t("app.title", lang)
        return super().interpolate_index(**kwargs).replace('lang="{lang}"', f'lang="{lang}"', 1)


def page_meta() -> PageMeta:
    data = get_published_dataset()
    deps = data.reference.departements
    calls = data.registry.calls
    return PageMeta(
        departements=tuple(zip(deps["code"], deps["name"])),
        calls=tuple(zip(calls["call_id"], calls["name"])),
        year_bounds=data.label_year_bounds,
        is_demo=data.is_demo,
        source_label=data.source_label,
        n_communes=len(data.communes),
    )


def serve_layout():
    try:
        return make_layout(page_meta())
    except (RegistryFileError, ReferenceError_) as exc:  # a configured file is unusable
        log.error("registre inutilisable : %s", exc)
        return dbc.Container(dbc.Alert([html.H1("Données indisponibles", className="h4"),
                                        html.P(str(exc))], color="danger"), className="mt-4")


# (region, level) → (body, gzipped body, ETag): built and compressed once per worker (with
# --preload, once before the workers fork), then every request sends the stored bytes.
_GEOJSON_CACHE: dict[tuple[str, str], Compressed] = {}


def geojson_body(region: str, level: str) -> Compressed:
    key = (region, level)
    if key not in _GEOJSON_CACHE:
        layer = get_published_dataset().level_layer(level)
        _GEOJSON_CACHE[key] = compress_once(level_geojson(*layer).encode("utf-8"))
    return _GEOJSON_CACHE[key]


_IDS_CACHE: dict[tuple[str, str], Compressed] = {}


def ids_body(region: str, level: str) -> Compressed:
    """The ids of a level's territories, in the layer's (and the GeoJSON's) order: the very
    index the packed ``locations`` are positions in (``Dataset.layer_ids``)."""
    key = (region, level)
    if key not in _IDS_CACHE:
        ids = get_published_dataset().layer_ids(level).tolist()
        _IDS_CACHE[key] = compress_once(json.dumps(ids, separators=(",", ":")).encode())
    return _IDS_CACHE[key]


_ORDER_CACHE: dict[str, Compressed] = {}


def order_body(region: str, level: str) -> Compressed:
    """The communes' spatial order (``Dataset.commune_order``): national coverage values are
    coded along it. Communes only."""
    if level != "commune":
        abort(404)
    if region not in _ORDER_CACHE:
        _ORDER_CACHE[region] = compress_once(
            packed_arrays.order_body(get_published_dataset().commune_order))
    return _ORDER_CACHE[region]


_MEASURES_CACHE: dict[tuple[str, str], Compressed] = {}


def measures_body(region: str, level: str) -> Compressed:
    """A level's population and area per territory (``Dataset.layer_measures``): the browser
    divides the venue counts by them for a venue ratio (``packed_arrays.pack_ratio``)."""
    key = (region, level)
    if key not in _MEASURES_CACHE:
        _MEASURES_CACHE[key] = compress_once(
            packed_arrays.measures_body(get_published_dataset().layer_measures(level)))
    return _MEASURES_CACHE[key]


def _serve_layer(body, mimetype: str, region: str, level: str):
    """A layer's file, for the region served and a known level only (else 404)."""
    if region != get_published_dataset().reference.region or level not in LEVEL_KEYS:
        abort(404)
    return compressed_response(body(region, level), mimetype, public=True, max_age=3600)


def serve_geojson(region: str, level: str):
    return _serve_layer(geojson_body, "application/geo+json", region, level)


def serve_ids(region: str, level: str):
    return _serve_layer(ids_body, "application/json", region, level)


def serve_order(region: str, level: str):
    return _serve_layer(order_body, "application/json", region, level)


def serve_measures(region: str, level: str):
    return _serve_layer(measures_body, "application/json", region, level)


# Where this page may load things from. No 'unsafe-eval': older Dash and plotly.js needed it
# (plotly/dash#1794, plotly.js#897), dash 4.4 / plotly.js 4.1 do not — the browser tests run
# with this policy and fail on any console error, a CSP violation included. Styles are
# injected by the renderer ('unsafe-inline' for styles only); MapLibre runs its workers from
# blob: URLs. The only inline script is Dash's renderer start-up, allowed by its hash.
# Nothing comes from another origin unless a tile server is configured.
def content_security_policy(app: dash.Dash, tiles_url: str | None = None) -> str:
    from urllib.parse import urlsplit

    extra = ""
    if tiles_url:
        parts = urlsplit(tiles_url.replace("{", "").replace("}", ""))
        extra = f" {parts.scheme}://{parts.netloc}"
    directives = {
        "default-src": "'self'",
        "script-src": "'self' " + " ".join(app.csp_hashes()),
        "style-src": "'self' 'unsafe-inline'",
        "img-src": "'self' data: blob:" + extra,
        "font-src": "'self' data:",
        "connect-src": "'self'" + extra,
        "worker-src": "'self' blob:",
        "child-src": "'self' blob:",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{k} {v}" for k, v in directives.items())


EMBED_PREFIX = "/embed"  # callbacks/embed.py: the only route another site may frame


def add_security_headers(app: dash.Dash, tiles_url: str | None = None) -> None:
    policy = {}

    @app.server.after_request
    def _headers(response: Response) -> Response:
        if "csp" not in policy:
            policy["csp"] = content_security_policy(app, tiles_url)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        csp = policy["csp"]
        if request.path.startswith(EMBED_PREFIX):
            csp = csp.replace("frame-ancestors 'none'", "frame-ancestors *")
        else:
            response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Content-Security-Policy", csp)
        return response


def create_app() -> dash.Dash:
    settings = config.load_settings()
    session_store()  # the store of uploaded data every worker shares (Redis if configured)
    register_templates()  # one plotly template per language, used by every figure
    server = Flask(__name__)
    server.config["MAX_CONTENT_LENGTH"] = REQUEST_MAX_BYTES  # refused (413) before reading
    server.config["COMPRESS_MIMETYPES"] = [
        "text/html", "text/css", "application/javascript", "text/javascript",
        "application/json", "application/geo+json"]
    app = ObservatoryDash(
        __name__,
        server=server,
        title="Observatoire des tiers-lieux d'Occitanie",
        serve_locally=True,
        compress=True,  # gzip (flask-compress): the commune GeoJSON goes from 2.1 MB to ~0.6 MB
        update_title=None,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
        on_error=on_callback_error,
        # imports run as background jobs: threads, state in Redis or memory (no disk)
        background_callback_manager=make_job_manager(settings),
    )
    app.index_string = INDEX
    app.layout = serve_layout
    app.server.add_url_rule(config.GEOJSON_ROUTE, "geojson", serve_geojson)
    app.server.add_url_rule(config.IDS_ROUTE, "territory_ids", serve_ids)
    app.server.add_url_rule(config.ORDER_ROUTE, "territory_order", serve_order)
    app.server.add_url_rule(config.MEASURES_ROUTE, "territory_measures", serve_measures)
    add_security_headers(app, settings.tiles_url)
    register_routes(app.server)  # /presentation, /portrait, /rapport (issue 13)
    register_embed(app.server)  # /embed: one chart for another site's iframe
    register_points(app.server)  # /points: venue markers, served once (callbacks/points.py)
    return app


def preload() -> None:
    """Under ``tierslieux serve`` (gunicorn ``--preload``) the master process loads the
    published dataset and compresses the GeoJSON before forking, so that the workers share
    those pages (copy-on-write) instead of each building its own copy; and imports what the
    coverage needs (scipy's k-d tree, imported lazily for a quick cold start) and what a
    map in classes needs (mapclassify, likewise: a worker's first such map took 0.5 s more)
    once for all, and answers the coverage tab's default state once: the communes' projected
    points, the distances and the candidate–commune pairs of the default radius are then
    every worker's (nationally the first coverage answer of a worker took 353 + 133 ms,
    168 + 43 ms with the rest preloaded; 19 + 16 ms once warm)."""
    import mapclassify  # noqa: F401  (the classes of a quantile or natural-breaks map: 0.5 s)
    import scipy.spatial  # noqa: F401

    from callbacks.coverage import update_coverage_map, update_coverage_tables
    from dashboard.filters import ViewState, state_to_dict

    data = get_published_dataset()
    for level in LEVEL_KEYS:
        geojson_body(data.reference.region, level)
        ids_body(data.reference.region, level)
        measures_body(data.reference.region, level)
    default = state_to_dict(ViewState(tab="couverture"))
    update_coverage_map(default, "couverture", None)
    update_coverage_tables(default)
    frozen()


def frozen() -> None:
    """Move what is loaded so far out of the garbage collector's sight: the dataset's
    millions of objects never die, yet a full collection walked them all (80–90 ms in a
    national worker, on random requests), and under gunicorn walking them also copied the
    master's shared pages into each worker."""
    import gc

    gc.collect()
    gc.freeze()


app = create_app()
server = app.server
if os.environ.get("TIERSLIEUX_PRELOAD") == "1":
    preload()

if __name__ == "__main__":
    import sys

    settings = config.load_settings()
    try:  # load (and build the reference layer if missing) before serving
        get_published_dataset()
    except (RegistryFileError, ReferenceError_) as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        sys.exit(2)
    frozen()
    app.run(host=settings.host, port=settings.port, debug=False)
