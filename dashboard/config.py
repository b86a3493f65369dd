"""Settings, read from environment variables when asked (never at import time).

| variable | meaning | default |
|---|---|---|
| ``TIERSLIEUX_CACHE_DIR`` | where built reference layers go | ``data/cache`` in the project |
| ``TIERSLIEUX_REGION`` | INSEE region code of the reference layer, or ``all`` | ``76`` |
| ``TIERSLIEUX_VENUES`` | venue registry (canonical CSV) | ``data/demo/venues.csv`` |
| ``TIERSLIEUX_FUNDING`` | funding table (canonical CSV) | ``data/demo/funding.csv`` |
| ``TIERSLIEUX_CALLS`` | calls for projects | ``data/calls.csv`` |
| ``TIERSLIEUX_TILES_URL`` | optional raster tile URL template (online use only) | none |
| ``HOST`` / ``PORT`` | where ``python app.py`` listens | ``127.0.0.1`` / ``8050`` |
| ``TIERSLIEUX_REDIS_URL`` | shared session store, needed by several workers | in-process |
| ``TIERSLIEUX_SESSION_TTL`` | seconds an upload stays after its last use | ``28800`` (8 h) |
| ``TIERSLIEUX_SESSION_MEMORY_MB`` | bound of the in-process session store | ``512`` |
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["PROJECT_DIR", "DATA_DIR", "DEMO_DIR", "Settings", "load_settings", "geojson_url",
           "GEOJSON_ROUTE", "IDS_ROUTE", "ids_url", "ORDER_ROUTE", "order_url",
           "MEASURES_ROUTE", "measures_url"]

PROJECT_DIR = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT_DIR / "data"
DEMO_DIR = DATA_DIR / "demo"


@dataclass(frozen=True)
class Settings:
    cache_dir: Path
    region: str
    venues_path: Path
    funding_path: Path
    calls_path: Path
    tiles_url: str | None
    host: str
    port: int
    redis_url: str | None = None
    session_ttl: int = 8 * 3600
    session_memory_bytes: int = 512 * 1024 * 1024


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    return Settings(
        cache_dir=Path(env.get("TIERSLIEUX_CACHE_DIR") or DATA_DIR / "cache"),
        region=env.get("TIERSLIEUX_REGION") or "76",
        venues_path=Path(env.get("TIERSLIEUX_VENUES") or DEMO_DIR / "venues.csv"),
        funding_path=Path(env.get("TIERSLIEUX_FUNDING") or DEMO_DIR / "funding.csv"),
        calls_path=Path(env.get("TIERSLIEUX_CALLS") or DATA_DIR / "calls.csv"),
        tiles_url=env.get("TIERSLIEUX_TILES_URL") or None,
        host=env.get("HOST") or "127.0.0.1",
        port=int(env.get("PORT") or 8050),
        redis_url=env.get("TIERSLIEUX_REDIS_URL") or None,
        session_ttl=int(env.get("TIERSLIEUX_SESSION_TTL") or 8 * 3600),
        session_memory_bytes=int(float(env.get("TIERSLIEUX_SESSION_MEMORY_MB") or 512)
                                 * 1024 * 1024),
    )


# Polygons of one level, served as a static (browser-cached) file by app.py.
GEOJSON_ROUTE = "/geo/<region>/<level>.geojson"


def geojson_url(region: str, level: str) -> str:
    return f"/geo/{region}/{level}.geojson"


IDS_ROUTE = "/geo/<region>/<level>-ids.json"


def ids_url(region: str, level: str) -> str:
    """The ids of a level's territories in the layer's order (a JSON list), fetched once by
    the browser: the coverage map's ``locations`` are a bit mask of them."""
    return f"/geo/{region}/{level}-ids.json"


ORDER_ROUTE = "/geo/<region>/<level>-order.json"


def order_url(region: str, level: str) -> str:
    """A level's spatial order (``packed_arrays.SpatialOrder``), fetched once by the browser:
    a national territory's coverage values are coded along it."""
    return f"/geo/{region}/{level}-order.json"


MEASURES_ROUTE = "/geo/<region>/<level>-measures.json"


def measures_url(region: str, level: str) -> str:
    """A level's population and area per territory (``packed_arrays.LayerMeasures``), fetched
    once by the browser when the map shows a venue ratio it computes itself."""
    return f"/geo/{region}/{level}-measures.json"
