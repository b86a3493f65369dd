"""Observatoire des tiers-lieux d'Occitanie — the one place where the app is wired.

    python app.py          # serves on 127.0.0.1:8050 (HOST and PORT override)
    gunicorn app:server    # production
"""

from __future__ import annotations

import hashlib
import logging

import dash
import dash_bootstrap_components as dbc
from dash import html
from flask import Flask, Response, abort, request

import callbacks  # noqa: F401  (registers every callback)
from callbacks.routes import register_routes
from dashboard import config
from dashboard.dataset import get_published_dataset
from dashboard.figures.map import level_geojson
from dashboard.figures.theme import register_templates
from dashboard.indicators import LEVEL_KEYS
from dashboard.reference import ReferenceError_
from dashboard.registry import RegistryFileError
from layouts.page import PageMeta, make_layout

log = logging.getLogger("tierslieux")

INDEX = """<!DOCTYPE html>
<html lang="fr">
<head>{%metas%}<title>{%title%}</title>{%favicon%}{%css%}</head>
<body>{%app_entry%}<footer>{%config%}{%scripts%}{%renderer%}</footer></body>
</html>"""


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


_GEOJSON_CACHE: dict[tuple[str, str], tuple[bytes, str]] = {}


def serve_geojson(region: str, level: str):
    data = get_published_dataset()
    if region != data.reference.region or level not in LEVEL_KEYS:
        abort(404)
    key = (region, level)
    if key not in _GEOJSON_CACHE:
        layer = {"commune": data.reference.communes, "epci": data.reference.epcis,
                 "departement": data.reference.departements}[level]
        id_col = {"commune": "insee", "epci": "siren", "departement": "code"}[level]
        body = level_geojson(layer, id_col).encode("utf-8")
        _GEOJSON_CACHE[key] = (body, hashlib.sha1(body).hexdigest()[:16])
    body, etag = _GEOJSON_CACHE[key]
    if request.if_none_match and etag in request.if_none_match:
        return Response(status=304)
    resp = Response(body, mimetype="application/geo+json")
    resp.set_etag(etag)
    resp.cache_control.public = True
    resp.cache_control.max_age = 3600
    return resp


def create_app() -> dash.Dash:
    register_templates()  # one plotly template per language, used by every figure
    server = Flask(__name__)
    server.config["COMPRESS_MIMETYPES"] = [
        "text/html", "text/css", "application/javascript", "text/javascript",
        "application/json", "application/geo+json"]
    app = dash.Dash(
        __name__,
        server=server,
        title="Observatoire des tiers-lieux d'Occitanie",
        serve_locally=True,
        compress=True,  # gzip (flask-compress): the commune GeoJSON goes from 2.1 MB to ~0.6 MB
        update_title=None,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.index_string = INDEX
    app.layout = serve_layout
    app.server.add_url_rule(config.GEOJSON_ROUTE, "geojson", serve_geojson)
    register_routes(app.server)  # /presentation, /portrait, /rapport (issue 13)
    return app


app = create_app()
server = app.server

if __name__ == "__main__":
    import sys

    settings = config.load_settings()
    try:  # load (and build the reference layer if missing) before serving
        get_published_dataset()
    except (RegistryFileError, ReferenceError_) as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        sys.exit(2)
    app.run(host=settings.host, port=settings.port, debug=False)
