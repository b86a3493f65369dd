"""Bodies compressed once and served with their ETag (the GeoJSON of a level, the venue points
of a dataset): built and gzipped once, then every request sends the stored bytes, and a
browser that holds them gets a 304."""

from __future__ import annotations

import gzip
import hashlib

from flask import Response, request

__all__ = ["Compressed", "compress_once", "compressed_response"]

Compressed = tuple[bytes, bytes, str]  # (body, gzipped body, ETag)


def compress_once(body: bytes) -> Compressed:
    return body, gzip.compress(body, compresslevel=6, mtime=0), hashlib.sha1(body).hexdigest()[:16]


def compressed_response(parts: Compressed, mimetype: str, **cache_control) -> Response:
    """304 when the browser's ETag matches, else the gzipped body when it accepts gzip (the
    plain one otherwise), with ``cache_control`` (e.g. ``public=True, max_age=3600``)."""
    body, gz, etag = parts
    if request.if_none_match and etag in request.if_none_match:
        return Response(status=304)
    zipped = "gzip" in request.headers.get("Accept-Encoding", "")
    resp = Response(gz if zipped else body, mimetype=mimetype)
    if zipped:  # already compressed: flask-compress leaves a response with an encoding alone
        resp.headers["Content-Encoding"] = "gzip"
    resp.headers["Vary"] = "Accept-Encoding"
    resp.set_etag(etag)
    for name, value in cache_control.items():
        setattr(resp.cache_control, name, value)
    return resp
