"""National coverage values coded along a spatial order (issue 12, ``packed_arrays``:
``pack_spatial``, ``pack_places``): random arrays come back unchanged (unknown, zero, overseas
values, empty, one commune, any subset of the layer), the order is the route's, and the
coverage map's callback sends the distances the dataset computes, in under 60 kB for the
whole of France."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from plotly.io.json import to_json_plotly

from dashboard import config
from dashboard import coverage as cov
from dashboard.dataset import RoadmapOptions, get_published_dataset
from dashboard.figures.coverage import coverage_arrays
from dashboard.figures.roadmap import ROADMAP_TRACES, roadmap_trace_props
from dashboard.filters import ViewState, state_to_dict
from dashboard.packed_arrays import (
    SpatialOrder,
    _from_varints,
    _varints,
    order_body,
    pack_json,
    pack_places,
    pack_spatial,
    runs_of,
    spatial_order,
    unpack,
)
from tests.test_fast_aggregates import random_registry


def _tenths(values) -> np.ndarray:
    v = np.asarray(values, dtype=float)
    return np.where(np.isfinite(v), np.rint(v * 10) / 10, np.nan)


def _random_layer(rng, n):
    return SpatialOrder.of("/o", rng.uniform(-5, 9, n), rng.uniform(41, 51, n))


@pytest.mark.parametrize("seed", range(6))
def test_random_values_and_subsets_round_trip(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 3000))
    layer = _random_layer(rng, n)
    positions = np.flatnonzero(rng.random(n) < rng.uniform(0.05, 1))
    values = rng.exponential(20, len(positions))
    values[rng.random(len(positions)) < 0.1] = np.nan  # unknown
    values[rng.random(len(positions)) < 0.05] = 0.0
    values[rng.random(len(positions)) < 0.01] = 9300.44  # overseas to mainland
    spec = pack_spatial(values, positions, n, layer, ["data", 0, "customdata"])
    back = unpack(spec, order=layer.order)
    np.testing.assert_array_equal(back, _tenths(values))  # NaN where unknown, never 0
    flags = rng.random(len(positions)) < 0.4
    bits = pack_spatial(flags, positions, n, layer, ["z"], of="bits")
    assert unpack(bits, order=layer.order).tolist() == flags.astype(int).tolist()
    ids = np.array([f"c{i}" for i in range(n)])
    places = pack_places("/ids", pd.Index(ids), ids[positions], ["l"])
    assert unpack(places, ids).tolist() == ids[positions].tolist()


def test_edge_cases_empty_one_all_unknown_huge():
    rng = np.random.default_rng(1)
    layer = _random_layer(rng, 50)
    empty = pack_spatial([], [], 50, layer, ["z"])
    assert len(unpack(empty, order=layer.order)) == 0
    one = pack_spatial([12.35], [7], 50, layer, ["z"])
    np.testing.assert_array_equal(unpack(one, order=layer.order), [12.4])
    unknown = pack_spatial(np.full(50, np.nan), np.arange(50), 50, layer, ["z"])
    assert np.isnan(unpack(unknown, order=layer.order)).all()
    huge = [0.0, 1e6, 0.04, 20015.1]  # no ceiling, unlike 16-bit tenths
    spec = pack_spatial(huge, [0, 1, 2, 49], 50, layer, ["z"])
    np.testing.assert_array_equal(unpack(spec, order=layer.order), [0.0, 1e6, 0.0, 20015.1])
    with pytest.raises(ValueError):
        pack_spatial([-1.0], [0], 50, layer, ["z"])
    with pytest.raises(ValueError):  # a layer of another size
        pack_spatial([1.0], [0], 51, layer, ["z"])
    with pytest.raises(ValueError):  # the wrong order for the spec
        unpack(spec, order=np.arange(49))


def test_json_round_trip():
    for value in ([], ["31555", "09122"] * 300, [1, 2, 3], ["Sainte-Énimie", "Bédarieux"]):
        spec = pack_json(value, ["data", 3, "locations"])
        assert unpack(spec).tolist() == value
    codes = [f"{i:05d}" for i in range(1800)]
    assert len(json.dumps(pack_json(codes, ["l"]))) < len(json.dumps(codes)) / 2


def test_varints_and_runs():
    u = np.array([0, 1, 127, 128, 16383, 16384, 2**40, 5])
    assert _from_varints(_varints(u)).tolist() == u.tolist()
    assert len(_varints(np.array([127, 128]))) == 3
    assert runs_of([3, 4, 5, 9, 10, 20]) == [[3, 6], [9, 11], [20, 21]]
    assert runs_of([]) == []
    with pytest.raises(ValueError):
        runs_of([2, 1])


def test_spatial_order_follows_the_ground(occitanie):
    """A permutation of the layer whose consecutive communes are close (Hilbert curve)."""
    com = occitanie.communes
    order = spatial_order(com["ref_lon"], com["ref_lat"])
    assert sorted(order.tolist()) == list(range(len(com)))
    step = cov.geodesic_km(com["ref_lon"].to_numpy()[order[:-1]],
                           com["ref_lat"].to_numpy()[order[:-1]],
                           com["ref_lon"].to_numpy()[order[1:]],
                           com["ref_lat"].to_numpy()[order[1:]])
    assert np.median(step) < 6  # km: neighbours (the layer's own order jumps across towns)
    missing = spatial_order([1.0, np.nan, 2.0], [43.0, 43.0, np.nan])
    assert missing[0] == 0 and set(missing[1:]) == {1, 2}  # points with no position last


def test_the_order_route_serves_the_datasets_order(occitanie):
    import app as app_module

    data = get_published_dataset()
    client = app_module.server.test_client()
    got = client.get(config.order_url("76", "commune"))
    assert got.status_code == 200 and got.headers.get("ETag")
    body = json.loads(got.get_data())
    assert body == json.loads(order_body(data.commune_order))
    assert body["key"] == data.commune_order.key and len(body["order"]) == len(data.communes)
    again = client.get(config.order_url("76", "commune"),
                       headers={"If-None-Match": got.headers["ETag"]})
    assert again.status_code == 304
    assert client.get(config.order_url("76", "epci")).status_code == 404
    assert client.get(config.order_url("11", "commune")).status_code == 404


@pytest.mark.parametrize("state", [ViewState(tab="couverture", usages=("fablab",)),
                                   ViewState(tab="couverture", radius_km=10,
                                             departements=("09", "31", "82"))])
def test_the_callback_codes_the_datasets_distances(occitanie, monkeypatch, state):
    """With the spatial code on from any size (a region here), the map's arrays unpack to
    ``Dataset.roadmap_distances`` and covered at the radius."""
    import callbacks.coverage as callback

    monkeypatch.setattr(callback, "SPATIAL_FROM", 0)
    monkeypatch.setattr(callback, "PACK_LISTS_FROM", 1)
    data = get_published_dataset()
    fig, meta, draw = callback.update_coverage_map(state_to_dict(state), "couverture", None)
    places, z, custom, *lists = draw["arrays"]
    assert z["kind"] == custom["kind"] == "spatial" and places["kind"] == "places"
    dist = data.roadmap_distances(state, RoadmapOptions())
    d = dist["distance_km"].to_numpy()
    assert unpack(places, data.communes["insee"].astype(str)).tolist() == list(dist.index)
    order = data.commune_order.order
    np.testing.assert_array_equal(unpack(custom, order=order), _tenths(d))
    assert unpack(z, order=order).tolist() == cov.covered(d, state.radius_km).astype(int).tolist()
    # the communes the suggested sites would cover: out of the figure, deflated beside it
    sugg = data.roadmap_suggestions(state, RoadmapOptions())
    props = roadmap_trace_props(sugg, None, data.names("commune"), state.lang)
    trace = ROADMAP_TRACES[0]
    assert len(props[trace]["locations"]) > 0 and fig.data[trace].locations == ()
    assert _trace_lists(lists, data) == _by_commune(props[trace])
    # a Patch (another radius): the same lists travel packed, not in the Patch
    wider = state_to_dict(replace(state, radius_km=state.radius_km + 10))
    _, _, draw = callback.update_coverage_map(wider, "couverture", meta)
    sugg = data.roadmap_suggestions(replace(state, radius_km=state.radius_km + 10),
                                    RoadmapOptions())
    props = roadmap_trace_props(sugg, None, data.names("commune"), state.lang)[trace]
    lists = [a for a in draw["arrays"] if a["path"][:2] == ["data", trace]]
    assert _trace_lists(lists, data) == _by_commune(props)
    assert not any(op["location"][:2] == ["data", trace] and op["location"][-1] in
                   ("locations", "z", "customdata") for op in draw["patch"]["operations"])


def _trace_lists(specs, data) -> dict:
    """A roadmap trace's packed lists as the browser unpacks them: its communes (« places »
    of the layer, in its order) each with its z and site rank."""
    got = {a["path"][-1]: a for a in specs}
    assert got["locations"]["kind"] in ("places", "subset")
    assert got["z"]["kind"] == got["customdata"]["kind"] == "json"
    codes = unpack(got["locations"], data.communes["insee"].astype(str)).tolist()
    positions = data.layer_ids("commune").get_indexer(codes)
    assert (np.diff(positions) > 0).all()  # the layer's order
    return _by_commune({"locations": codes, "z": unpack(got["z"]).tolist(),
                        "customdata": unpack(got["customdata"]).tolist()})


def _by_commune(props: dict) -> dict:
    """{commune: (z, site rank)}: what a choropleth draws, whatever the order of its lists."""
    assert len(set(props["locations"])) == len(props["locations"])
    return dict(zip(props["locations"], zip(props["z"], props["customdata"])))



def test_national_distances_come_back_in_under_half_the_bytes(france):
    """34,871 communes, 1,500 random venues: the distances and covered, coded along the
    national order, unpack to the distances and take less than half the 16-bit tenths."""
    communes = france.communes
    venues, _ = random_registry(communes, 5, 1500)
    dist = cov.commune_distances(communes, venues)
    d = dist["distance_km"].to_numpy().copy()
    d[::997] = np.nan  # a few unknown
    dist = dist.assign(distance_km=d)
    layer = SpatialOrder.of("/o", communes["ref_lon"], communes["ref_lat"])
    positions = np.arange(len(communes))
    z, custom = coverage_arrays(dist, 15, "couverture",
                                spatial=(positions, len(communes), layer))
    np.testing.assert_array_equal(unpack(custom, order=layer.order), _tenths(d))
    assert unpack(z, order=layer.order).tolist() == cov.covered(d, 15).astype(int).tolist()
    (zd,) = coverage_arrays(dist, 15, "distance", spatial=(positions, len(communes), layer))
    np.testing.assert_array_equal(unpack(zd, order=layer.order), _tenths(d))
    two_bytes = 4 * -(-2 * len(d) // 3)
    assert len(to_json_plotly([z, custom])) < two_bytes / 2
    # one department: its communes only, as one run
    dep = communes["dep_code"].to_numpy() == "2A"
    sub = dist[dep]
    (one,) = coverage_arrays(sub, 15, "distance",
                             spatial=(np.flatnonzero(dep), len(communes), layer))
    assert len(one["runs"]) == 1
    np.testing.assert_array_equal(unpack(one, order=layer.order), _tenths(d[dep]))
