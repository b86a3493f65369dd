"""Flask route of the venue points the maps draw (``dashboard/venue_points.py``).

``/points/<lang>.json?session=KEY`` serves the points of the session's uploaded dataset (the
key is the secret the session store gave that browser tab: whoever does not hold it cannot
name the dataset), ``?donnees=SOURCE`` those of a published registry, neither the default
published registry. An unknown key or source is refused (410 / 404), never answered with
other data. The body is built, gzipped and hashed once per dataset and language (kept in the
dataset's own cache), then served with its ETag; the browser revalidates it.
"""

from __future__ import annotations

import json

from flask import Response, abort, request

from callbacks.compressed import compress_once, compressed_response
from dashboard import config
from dashboard.dataset import get_published_dataset, session_dataset
from dashboard.i18n import LANGS, t
from dashboard.sources import published_sources
from dashboard.venue_points import POINTS_ROUTE, points_payload

__all__ = ["register_points", "points_body"]


def points_body(data, lang: str) -> tuple[bytes, bytes, str]:
    """(JSON body, gzipped body, ETag) of ``data``'s venue points in ``lang`` (cached)."""
    def build():
        return compress_once(json.dumps(points_payload(data.registry.venues, lang),
                                        ensure_ascii=False, separators=(",", ":")).encode("utf-8"))

    return data.cache.get_or_compute(("points", lang), build)


def _dataset(lang: str):
    key = request.args.get("session")
    if key:
        data = session_dataset(key)
        if data is None:
            abort(Response(t("report.session_lost", lang), status=410,
                           mimetype="text/plain; charset=utf-8"))
        return data
    source = request.args.get("donnees")
    if source and source not in {s.key for s in published_sources(config.load_settings())}:
        abort(404)
    return get_published_dataset(source)


def serve_points(lang: str):
    if lang not in LANGS:
        abort(404)
    # private: a session's points are that session's; no_cache: revalidated (304) on each load
    return compressed_response(points_body(_dataset(lang), lang), "application/json",
                               private=True, no_cache=True)


def register_points(server) -> None:
    server.add_url_rule(POINTS_ROUTE, "points", serve_points)
