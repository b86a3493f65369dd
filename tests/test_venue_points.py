"""Venue points served once, visible venues as a bit mask (issue 12): the encoding round-trips
(Python and the browser's algorithm), the route serves the right columns only for a dataset
the caller names by its secret, a map callback stays small with 40,000 venues."""

from __future__ import annotations

import base64
import gzip
import json
from pathlib import Path

import dash
import numpy as np
import pandas as pd
import pytest

from dashboard import venue_points as vp
from dashboard.figures import coverage as fcov
from dashboard.figures import map as fmap

ASSET = Path(__file__).resolve().parents[1] / "assets" / "venue_points.js"
DECODER = Path(__file__).resolve().parents[1] / "assets" / "packed_arrays.js"


def js_decode(b64: str, n: int) -> list[int]:
    """``decodeMask`` of assets/venue_points.js with the bits of assets/packed_arrays.js
    (``bytesOf``, ``unpack``), line for line."""
    data = base64.b64decode(b64.replace("-", "+").replace("_", "/"))  # atob
    return [i for i in range(n) if (data[i >> 3] >> (i & 7)) & 1]


@pytest.mark.parametrize("n", [0, 1, 7, 8, 9, 40_000])
def test_mask_round_trips_for_every_size(n):
    rng = np.random.default_rng(n)
    masks = [np.arange(0), np.arange(n)]
    masks += [np.flatnonzero(rng.random(n) < p) for p in (0.01, 0.5, 0.99)]
    for positions in masks:
        text = vp.encode_mask(positions, n)
        assert vp.decode_mask(text, n).tolist() == sorted(positions.tolist())
        if n <= 9 or len(positions) in (0, n) or n == 40_000:
            assert js_decode(text, n) == sorted(positions.tolist())
    assert len(vp.encode_mask(np.arange(n), n)) <= 4 * ((n + 7) // 8 + 2) // 3  # n/6 chars


def test_the_browser_decodes_the_way_the_server_encodes():
    """The JS file holds the very bit order this module documents (bit i of byte i >> 3,
    least significant first)."""
    assert "packedArrays.unpack({kind: \"bits\"" in ASSET.read_text()  # one decoder
    assert "out[i] = (bytes[i >> 3] >> (i & 7)) & 1;" in DECODER.read_text()
    assert 'replace(/-/g, "+").replace(/_/g, "/")' in DECODER.read_text()  # URL-safe
    assert vp.encode_mask([0], 8) == "AQ=="  # bytes [1]
    assert vp.encode_mask([7, 8], 9) == "gAE="  # bytes [128, 1]
    # URL-safe: bytes [251, 255] are "+/8=" in standard base64
    assert vp.encode_mask([0, 1, 3, 4, 5, 6, 7, *range(8, 16)], 16) == "-_8="
    assert vp.decode_mask("-_8=", 16).tolist() == [0, 1, 3, 4, 5, 6, 7, *range(8, 16)]


def test_visible_positions_match_by_id_and_refuse_strangers():
    every = pd.DataFrame({"venue_id": ["a", "b", "c", "d"]})
    assert vp.visible_positions(every, every.iloc[[3, 1]]).tolist() == [1, 3]
    with pytest.raises(KeyError):
        vp.visible_positions(every, pd.DataFrame({"venue_id": ["a", "zz"]}))


def venues_frame(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "venue_id": [f"V{i}" for i in range(n)], "name": [f"<i>Lieu</i> {i}" for i in range(n)],
        "commune_name": ["Alpha"] * n, "lat": 43 + rng.random(n), "lon": 1 + rng.random(n),
        "usages": rng.choice(["coworking|fablab", "", "culture"], n),
        "label_status": rng.choice(["labellise", "candidat", "non_labellise"], n),
        "label_year": pd.array([2019] * n, dtype="Int64")})


def test_payload_columns_agree_with_the_figure_markers():
    venues = venues_frame(30)
    pts = vp.points_payload(venues, "fr")
    assert set(pts) == {"n", "lon", "lat", "label", "usage", "hover", "name", "id"}
    assert pts["n"] == 30 and all(len(pts[k]) == 30 for k in set(pts) - {"n"})
    assert pts["name"][0] == "&lt;i&gt;Lieu&lt;/i&gt; 0" and pts["id"][0] == "v:V0"
    # what the browser builds from the points (assets/venue_points.js: the decoded venues,
    # grouped by ``group`` into ``traces``) equals the markers a figure of them would carry
    visible = venues.iloc[::3]
    for color_by in ("label", "usage"):
        fig = fmap.make_map_figure(pd.DataFrame({"venues": [1]}, index=["31001"]), visible,
                                   geojson_url="/g", indicator="venues", color_by=color_by,
                                   lang="fr", view=fmap.fit_view((1, 43, 2, 44)))
        spec = fmap.marker_draw("/p", venues, visible, color_by=color_by)
        shown = vp.decode_mask(spec["mask"], spec["n"])
        assert len(spec["traces"]) == len(fig.data) - 2  # every marker trace but « selected »
        for code, index in spec["traces"].items():
            mine = [i for i in shown if pts[spec["group"]][i] == code]
            assert fig.data[index].uid == f"venues-{code}"
            assert [pts["hover"][i] for i in mine] == [list(r) for r in
                                                       fig.data[index].customdata or []]
            assert [pts["lat"][i] for i in mine] == pytest.approx(list(fig.data[index].lat))


def test_coverage_draw_names_the_venues_trace():
    venues = venues_frame(5)
    spec = fcov.venue_draw("/p", venues, venues.iloc[[0, 4]])
    assert spec["traces"] == {"": fcov.TRACE_ROLES.index("venues")} and spec["group"] is None
    assert spec["fields"] == {"text": "name", "customdata": "id"}
    assert vp.decode_mask(spec["mask"], 5).tolist() == [0, 4]


def test_curve_numbers_of_clicks_are_the_coverage_map_traces():
    from dashboard import roadmap_state as rs
    from dashboard.figures.roadmap import ROADMAP_TRACES

    assert fcov.TRACE_ROLES.index("venues") == rs.CURVE_VENUES
    assert fcov.TRACE_ROLES.index("suggestions") == rs.CURVE_SUGGESTIONS
    assert ROADMAP_TRACES[-1] == rs.CURVE_SITES == len(fcov.TRACE_ROLES) + 2


# ----------------------------------------------------------------- the route


@pytest.fixture(scope="module")
def client():
    import app as app_module

    return app_module.server.test_client()


def test_points_route_serves_the_published_registry_once_compressed(client, occitanie):
    from dashboard.dataset import get_published_dataset

    raw = client.get("/points/fr.json")
    assert raw.status_code == 200
    pts = json.loads(raw.data)
    venues = get_published_dataset().registry.venues
    assert pts["n"] == len(venues) and pts["id"] == ["v:" + v for v in venues["venue_id"]]
    assert set(pts) == {"n", "lon", "lat", "label", "usage", "hover", "name", "id"}
    gz = client.get("/points/fr.json", headers={"Accept-Encoding": "gzip"})
    assert gz.headers["Content-Encoding"] == "gzip" and gzip.decompress(gz.data) == raw.data
    assert client.get("/points/fr.json", headers={"If-None-Match": raw.headers["ETag"]}
                      ).status_code == 304
    assert "private" in raw.headers["Cache-Control"]
    en = json.loads(client.get("/points/en.json").data)
    assert en["hover"][0][3] != pts["hover"][0][3] or en["hover"][0][2] != pts["hover"][0][2]


def test_points_route_refuses_unknown_sources_keys_and_languages(client, occitanie):
    assert client.get("/points/fr.json?donnees=nope").status_code == 404
    assert client.get("/points/xx.json").status_code == 404
    lost = client.get("/points/fr.json?session=not-a-key-anyone-was-given")
    assert lost.status_code == 410 and b"demo" not in lost.data.lower()


def test_points_route_serves_a_session_only_to_its_key(client, occitanie):
    from dashboard.dataset import (
        dataset_from_import,
        get_published_dataset,
        save_session_dataset,
        save_travel_times,
    )

    published = get_published_dataset()
    mine = published.registry.venues.head(3).assign(venue_id=["M1", "M2", "M3"])
    key = save_session_dataset(dataset_from_import(
        published.reference, mine, published.registry.calls, None, "mes_lieux.csv"))
    pts = json.loads(client.get(vp.points_url("fr", session=key)).data)
    assert pts["id"] == ["v:M1", "v:M2", "v:M3"]  # the session's venues, no one else's
    other = key[:-2] + ("AA" if not key.endswith("AA") else "BB")
    assert client.get(vp.points_url("fr", session=other)).status_code == 410
    # a key of another kind of session entry (travel times) is not a dataset
    from dashboard.traveltimes import TravelTimes

    tt_key = save_travel_times(TravelTimes(
        table=pd.DataFrame({"origin": [], "destination": [], "minutes": []}), source="t.csv",
        rows_read=0, problems=(), communes_missing=()))
    assert client.get(vp.points_url("fr", session=tt_key)).status_code == 410


# ----------------------------------------------------------------- 40,000 venues


def test_a_map_patch_stays_small_with_40000_venues(occitanie):
    from plotly.io.json import to_json_plotly

    from callbacks.map import update_map
    from dashboard.bench import synthetic_session
    from dashboard.dataset import get_published_dataset, session_dataset
    from dashboard.filters import ViewState, state_to_dict

    key = synthetic_session(get_published_dataset(), 40_000)
    big = session_dataset(key)
    state = ViewState(usages=("coworking",))
    meta = {"level": "commune", "color_by": "label", "lang": "fr", "indicator": "venues",
            "departements": []}
    out = update_map({**state_to_dict(state), "dataset": key}, meta)
    body = to_json_plotly([o for o in out if o is not dash.no_update])
    assert len(body.encode()) <= 60_000, len(body)
    draw = out[3]
    shown = vp.decode_mask(draw["markers"]["mask"], draw["markers"]["n"])
    visible = big.view(state).venues
    assert 1000 < len(shown) == len(visible) < 40_000
    assert set(big.registry.venues["venue_id"].iloc[shown]) == set(visible["venue_id"])
    # the same for the coverage panel, whose reach is every venue but the departments
    from callbacks.coverage import update_coverage_map

    cov = update_coverage_map({**state_to_dict(ViewState(tab="couverture")), "dataset": key},
                          "couverture", {"mode": "couverture", "lang": "fr",
                                         "departements": []})
    assert len(json.dumps(cov[-1]["markers"])) < 7_000  # the venues: 6.7 kB whatever they are
    paths = {tuple(op["location"][:2]) for op in cov[-1]["patch"]["operations"]}
    assert ("data", fcov.TRACE_ROLES.index("venues")) not in paths  # never resent
