"""The spatial code in headless Chromium (issue 12): ``assets/packed_arrays.js`` decodes what
``packed_arrays.pack_spatial`` / ``pack_places`` send (the order fetched from the app's route,
raw deflate by the browser's ``DecompressionStream``), and the coverage map shows the domain's
distances when the callback uses it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from dash.testing.wait import until

from dashboard import coverage as cov
from dashboard.dataset import get_published_dataset
from dashboard.packed_arrays import pack_json, pack_places, pack_spatial, unpack
from tests.test_browser import app, open_app
from tests.test_browser_coverage import _expected, _values

pytestmark = pytest.mark.browser
__all__ = ["app"]

UNPACK_ASYNC = """
const done = arguments[arguments.length - 1];
window.dash_clientside.packedArrays.unpackAsync(arguments[0])
  .then(v => done(v.map(x => x === undefined ? 'undefined' : x)))
  .catch(e => done('error: ' + e.message));
"""


def _browser(dash_duo, spec):
    return dash_duo.driver.execute_async_script(UNPACK_ASYNC, spec)


def _python(spec, **kw):
    return [("undefined" if isinstance(v, float) and np.isnan(v) else v)
            for v in unpack(spec, **kw).tolist()]


def test_the_browser_decodes_what_the_server_codes(dash_duo, app):
    open_app(dash_duo, app, "?vue=couverture")
    data = get_published_dataset()
    layer, n = data.commune_order, len(data.communes)
    rng = np.random.default_rng(3)
    positions = np.flatnonzero(rng.random(n) < 0.6)
    values = rng.exponential(20, len(positions))
    values[1::17] = np.nan
    values[2::23] = 0.0
    values[3::101] = 9300.44
    spec = pack_spatial(values, positions, n, layer, ["z"])
    got = _browser(dash_duo, spec)
    assert got == _python(spec, order=layer.order)
    assert got[1] == "undefined" and got[2] == 0 and got[3] == 9300.4  # unknown is not 0
    bits = pack_spatial(rng.random(len(positions)) < 0.3, positions, n, layer, ["z"], of="bits")
    assert _browser(dash_duo, bits) == _python(bits, order=layer.order)
    ids = data.communes["insee"].astype(str)
    places = pack_places(spec["order_url"].replace("-order", "-ids"), pd.Index(ids),
                         ids.iloc[100:900], ["l"])
    assert places["kind"] == "places" and _browser(dash_duo, places) == list(ids.iloc[100:900])
    names = ["Sainte-Énimie", "31555", 3] * 100  # the roadmap traces' lists, deflated
    assert _browser(dash_duo, pack_json(names, ["data", 3, "locations"])) == names
    wrong = {**spec, "order_key": "0" * 16}
    assert _browser(dash_duo, wrong).startswith("error: ")  # never another layer's order


def test_the_coverage_map_shows_the_distances_coded_spatially(dash_duo, app, monkeypatch):
    import callbacks.coverage as callback

    monkeypatch.setattr(callback, "SPATIAL_FROM", 0)
    monkeypatch.setattr(callback, "PACK_LISTS_FROM", 1)  # the suggestions' communes packed
    open_app(dash_duo, app, "?vue=couverture&rayon=10&usage=fablab")
    dist, d, covered10 = _expected(10)
    until(lambda: (_values(dash_duo) or {}).get("z") == covered10, timeout=60,
          msg="the coverage map's values at 10 km are not the domain's")
    got = _values(dash_duo)
    assert got["locations"] == list(dist.index)
    np.testing.assert_array_equal(np.array(got["custom"], dtype=float), np.round(d, 1))
    until(lambda: _suggested(dash_duo) == _suggested_expected(10), timeout=30,
          msg="the communes suggested sites would cover (10 km) are not the domain's")
    dash_duo.driver.execute_script(
        "window.dash_clientside.set_props('coverage-radius', {value: 30});")
    covered30 = cov.covered(d, 30).astype(int).tolist()
    until(lambda: (_values(dash_duo) or {}).get("z") == covered30, timeout=60,
          msg="after the radius change the map's values are not the domain's at 30 km")
    until(lambda: _suggested(dash_duo) == _suggested_expected(30), timeout=30,
          msg="the communes suggested sites would cover (30 km) are not the domain's")


SUGGESTED = """
const gd = document.querySelector('#coverage-map .js-plotly-plot');
const t = gd && gd.data && gd.data[3];
if (!t) return null;
return [Array.from(t.locations || []), Array.from(t.z || []), Array.from(t.customdata || [])];
"""


def _suggested(dash_duo) -> dict | None:
    """{commune: (z, site rank)} of the coverage map's trace of communes suggested sites
    would cover, as the browser holds it."""
    got = dash_duo.driver.execute_script(SUGGESTED)
    return None if got is None else dict(zip(got[0], zip(got[1], got[2])))


def _suggested_expected(radius: int) -> dict:
    from dashboard.dataset import RoadmapOptions
    from dashboard.figures.roadmap import ROADMAP_TRACES, roadmap_trace_props
    from dashboard.filters import ViewState

    data = get_published_dataset()
    state = ViewState(tab="couverture", radius_km=radius, usages=("fablab",))
    props = roadmap_trace_props(data.roadmap_suggestions(state, RoadmapOptions()), None,
                                data.names("commune"), "fr")[ROADMAP_TRACES[0]]
    assert len(props["locations"]) > 1
    return dict(zip(props["locations"], zip(props["z"], props["customdata"])))


def test_the_browser_computes_ratios_as_the_server(dash_duo, app):
    """« ratio »: the browser divides the sent operand by the layer's measures (fetched from
    the app's route) and rounds as numpy — on random counts with unknowns and zeros, both
    operand orders, the area, values that must travel exactly; and its round4 is numpy's
    round to 4 decimals on ties."""
    from dashboard import packed_arrays as pa

    open_app(dash_duo, app)
    data = get_published_dataset()
    measures = data.layer_measures("commune")
    n = len(measures.ids)
    rng = np.random.default_rng(7)
    specs = []
    for operands, scale in ((["sent", "population"], 10_000), (["population", "sent"], 1),
                            (["sent", "area_km2"], 100)):
        positions = np.flatnonzero(rng.random(n) < 0.7)
        sent = rng.poisson(0.8, len(positions)).astype(float)
        sent[5::97] = np.nan
        target = pa._ratio_values(sent, positions, measures, operands, scale)
        target[11::131] = 3.1416  # not the layer's: travels in « exact »
        target[12::131] = np.nan
        spec = pa.pack_ratio(target, sent, positions, measures, operands, scale, ["z"])
        assert len(spec["exact"]) > 10
        specs.append(spec)
    for spec in specs:
        got = _browser(dash_duo, spec)
        assert got == _python(spec, measures=measures)
        assert "undefined" in got and 3.1416 in got  # unknown is not 0; exact values kept
        assert (0 in got) == (spec["operands"][0] == "sent")  # no venue: 0 per 10,000
    k = rng.integers(0, 10**8, 5000)
    ties = np.concatenate([(k + 0.5) / 1e4, k / 1e4 + 5e-5, rng.exponential(30, 5000)])
    got = dash_duo.driver.execute_script(
        "return arguments[0].map(window.dash_clientside.packedArrays.round4);", ties.tolist())
    assert got == np.round(ties, 4).tolist()
