"""The spatial code in headless Chromium (issue 12): ``assets/packed_arrays.js`` decodes what
``packed_arrays.pack_spatial`` / ``pack_runs`` send (the order fetched from the app's route,
raw deflate by the browser's ``DecompressionStream``), and the coverage map shows the domain's
distances when the callback uses it."""

from __future__ import annotations

import numpy as np
import pytest
from dash.testing.wait import until

from dashboard import coverage as cov
from dashboard.dataset import get_published_dataset
from dashboard.packed_arrays import pack_json, pack_runs, pack_spatial, unpack
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
    runs = pack_runs(spec["order_url"].replace("-order", "-ids"), np.arange(100, 900), n, ["l"])
    assert _browser(dash_duo, runs) == list(ids.iloc[100:900])
    names = ["Sainte-Énimie", "31555", 3] * 100  # the roadmap traces' lists, deflated
    assert _browser(dash_duo, pack_json(names, ["data", 3, "locations"])) == names
    wrong = {**spec, "order_key": "0" * 16}
    assert _browser(dash_duo, wrong).startswith("error: ")  # never another layer's order


def test_the_coverage_map_shows_the_distances_coded_spatially(dash_duo, app, monkeypatch):
    import callbacks.coverage as callback

    monkeypatch.setattr(callback, "SPATIAL_FROM", 0)
    open_app(dash_duo, app, "?vue=couverture&rayon=10&usage=fablab")
    dist, d, covered10 = _expected(10)
    until(lambda: (_values(dash_duo) or {}).get("z") == covered10, timeout=60,
          msg="the coverage map's values at 10 km are not the domain's")
    got = _values(dash_duo)
    assert got["locations"] == list(dist.index)
    np.testing.assert_array_equal(np.array(got["custom"], dtype=float), np.round(d, 1))
    dash_duo.driver.execute_script(
        "window.dash_clientside.set_props('coverage-radius', {value: 30});")
    covered30 = cov.covered(d, 30).astype(int).tolist()
    until(lambda: (_values(dash_duo) or {}).get("z") == covered30, timeout=60,
          msg="after the radius change the map's values are not the domain's at 30 km")
