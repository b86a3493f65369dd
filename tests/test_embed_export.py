"""Exports (issue 13, item 4): /embed shows one chart alone and is the only framable route;
charts download at presentation resolution with a file name built from what they show and an
image that names the filters, the source and the date."""

from __future__ import annotations

import json
import re

import pytest


@pytest.fixture(scope="module")
def client():
    import app as app_module

    return app_module.app.server.test_client()


def _spec(page: bytes, chart: str) -> dict:
    match = re.search(rf'id="tl-embed-{chart}-spec"[^>]*>(.*?)</script>', page.decode(), re.S)
    return json.loads(match.group(1).replace("<\\/", "</"))


def test_embed_shows_one_chart_with_its_filters_source_and_date(client):
    page = client.get("/embed?graphique=hybridation&departement=31,81")
    assert page.status_code == 200
    text = page.data.decode()
    assert text.count('class="tl-chart"') == 1
    assert "Haute-Garonne, Tarn" in text and "Données de démonstration" in text
    assert "Source" in text or "Lieux" in text
    spec = _spec(page.data, "hybridation")
    assert spec["data"] and spec["data"][0]["type"] == "bar"
    # no request to another host
    assert not re.search(r'(src|href)="(https?:)?//', text)


def test_embed_map_points_at_the_served_polygons_and_speaks_english(client):
    page = client.get("/embed?graphique=carte&departement=09&lang=en")
    assert page.status_code == 200 and b'<html lang="en">' in page.data
    spec = _spec(page.data, "carte")
    assert any("geojson" in tr for tr in spec["data"])


def test_only_embed_may_be_framed(client):
    embedded = client.get("/embed?graphique=financements")
    assert "X-Frame-Options" not in embedded.headers
    assert "frame-ancestors *" in embedded.headers["Content-Security-Policy"]
    for path in ("/", "/presentation", "/portrait"):
        page = client.get(path)
        assert page.headers["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]


def test_an_unknown_chart_is_named_in_french(client):
    page = client.get("/embed?graphique=camembert")
    assert page.status_code == 404
    assert "Graphique inconnu : camembert" in page.data.decode()
