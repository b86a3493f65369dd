"""A venue ratio the browser computes (issue 12, « ratio » in ``dashboard/packed_arrays.py``):
the venue counts travel, the layer's populations and areas are fetched once, and the browser
divides and rounds as numpy does. Checked here against numpy's ``round``, against the layer's
measures summed another way, and against the indicators' own values (what the simple map
shows), with the groups cut by a department selection as the case where they differ."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from dashboard import packed_arrays as pa
from dashboard.indicators import INDICATORS, LEVEL_KEYS, Ratio

RATIOS = [e for e in INDICATORS if isinstance(e.compute, Ratio)]


def test_round4_is_numpys_round():
    rng = np.random.default_rng(1)
    k = rng.integers(0, 10**8, 20_000)
    values = np.concatenate([
        (k + 0.5) / 1e4,  # ties, or the nearest doubles to them
        k / 1e4 + 5e-5, rng.exponential(30, 20_000), rng.random(2000) * 1e-3,
        np.array([0.0, 0.00005, 0.00015, 0.00025, 2.5, 1e9 + 0.00005, np.nan])])
    assert np.array_equal(pa.round4(values), np.round(values, 4), equal_nan=True)


def _measures(n: int, population, area) -> pa.LayerMeasures:
    ids = pd.Index([f"T{i}" for i in range(n)])
    return pa.LayerMeasures.of("/geo/x/commune-measures.json", ids, population, area)


def test_a_hand_counted_ratio():
    """Four territories, three shown: 3 venues for 100 inhabitants are 300 per 10,000; no
    inhabitant or no known area is unknown (never 0); a value the layer's measure would get
    wrong (here a target of 7) travels exactly."""
    layer = _measures(4, [100, 0, 80, 50], [10.0, 5.0, np.nan, 4.0])
    per_10k = pa.pack_ratio([300.0, np.nan, 400.0], [3, 1, 2], [0, 1, 3], layer,
                            ["sent", "population"], 10_000, ["z"])
    assert per_10k["exact"] == []
    np.testing.assert_array_equal(pa.unpack(per_10k, measures=layer), [300.0, np.nan, 400.0])
    per_area = pa.pack_ratio([30.0, 20.0, 7.0], [3, 1, 2], [0, 1, 2], layer,
                             ["sent", "area_km2"], 100, ["z"])
    assert per_area["exact"] == [[2, 7]]  # 2 / unknown area: the layer cannot say 7
    np.testing.assert_array_equal(pa.unpack(per_area, measures=layer), [30.0, 20.0, 7.0])
    inhabitants = pa.pack_ratio([100 / 3, np.nan, 25.0], [3, 0, 2], [0, 1, 3], layer,
                                ["population", "sent"], 1, ["z"])
    got = pa.unpack(inhabitants, measures=layer)
    np.testing.assert_array_equal(got, [33.3333, np.nan, 25.0])  # 4 decimals, as the map
    with pytest.raises(ValueError):
        pa.unpack(inhabitants, measures=_measures(4, [100, 1, 80, 50], [1.0] * 4))  # not these


def _by_groupby(communes: pd.DataFrame, level: str, ids: pd.Index) -> tuple:
    """Population and area per territory of ``level`` summed by pandas' groupby (the area
    unknown when one of its communes' is), in the order of ``ids``."""
    key = LEVEL_KEYS[level]
    kept = communes[communes[key] != ""]
    groups = kept.groupby(key)
    population = groups["population"].sum().round()
    area = groups["area_km2"].sum().where(~groups["area_km2"].apply(
        lambda a: a.isna().any()))
    return (population.reindex(ids).to_numpy(dtype=float),
            area.reindex(ids).to_numpy(dtype=float))


@pytest.mark.parametrize("level", list(LEVEL_KEYS))
def test_layer_measures_are_their_communes_sums(occitanie, level):
    from dashboard.dataset import get_published_dataset

    data = get_published_dataset()
    measures = data.layer_measures(level)
    assert list(measures.ids) == data.layer_ids(level).tolist()
    population, area = _by_groupby(data.reference.communes, level, measures.ids)
    np.testing.assert_allclose(measures.population, population, equal_nan=True)
    np.testing.assert_allclose(measures.area_km2, area, rtol=1e-12, equal_nan=True)
    served = json.loads(pa.measures_body(measures))  # the doubles read back exactly
    assert served["key"] == measures.key
    for name in pa.MEASURES:
        back = np.array([np.nan if v is None else v for v in served[name]], dtype=float)
        assert np.array_equal(back, getattr(measures, name), equal_nan=True)


def _ratio_states():
    from dashboard.filters import ViewState

    for level in LEVEL_KEYS:
        for entry in RATIOS:
            for deps in ((), ("12", "81", "82")):
                yield ViewState(level=level, indicator=entry.id, departements=deps)
                yield ViewState(level=level, indicator=entry.id, departements=deps,
                                usages=("fablab",))


def test_the_browser_computes_the_indicators_own_numbers(occitanie):
    """Every venue ratio at every level, for the region and for three departments (a group
    crossing their border is cut: its population is not the layer's): what the browser
    computes is the indicator's value to 4 decimals, unknown where it is unknown."""
    from dashboard.dataset import get_published_dataset
    from dashboard.figures.map import _ratio_spec
    from dashboard.indicators import get_indicator

    data = get_published_dataset()
    exact = {}
    for state in _ratio_states():
        values = data.level_values(state, state.level, distance=False)
        z = values[state.indicator].to_numpy(dtype=float)
        entry = get_indicator(state.indicator)
        spec = _ratio_spec(z, entry, values, data.layer_measures(state.level), ["z"], {})
        got = pa.unpack(spec, measures=data.layer_measures(state.level))
        assert np.array_equal(got, np.round(z, 4), equal_nan=True), state
        exact[(state.level, bool(state.departements))] = \
            exact.get((state.level, bool(state.departements)), 0) + len(spec["exact"])
    # a commune and a department are whole in any selection; some groups are cut
    assert exact[("commune", True)] == exact[("departement", True)] == 0
    assert exact[("commune", False)] == exact[("epci", False)] == 0
    assert exact[("epci", True)] > 0


def test_a_ratio_is_sent_only_where_it_is_smaller(occitanie):
    """Regionally the values are small (« numbers »); a ratio spec is kept only when it is
    the smallest, and never for an indicator that is not a ratio of a layer measure."""
    from dashboard.dataset import get_published_dataset
    from dashboard.figures.map import _ratio_spec, choropleth_update
    from dashboard.filters import ViewState
    from dashboard.indicators import get_indicator

    data = get_published_dataset()
    state = ViewState(indicator="venues")
    values = data.level_values(state, "commune", distance=False)
    measures = data.layer_measures("commune")
    assert _ratio_spec(values["venues"].to_numpy(float), get_indicator("venues"), values,
                       measures, ["z"], {}) is None
    for entry in RATIOS:
        chor = choropleth_update(values, entry.id, "fr", packed=True, measures=measures)
        assert [a["kind"] for a in chor["value"]["packed"]] == ["numbers"]


def test_the_measures_route_serves_each_level_once_with_its_etag(occitanie):
    """What the browser fetches at ``measures_url``: the published layer's measures (the
    key a ratio spec names), 304 when held, 404 for another region or level."""
    import app as app_module
    from dashboard.config import measures_url
    from dashboard.dataset import get_published_dataset

    client = app_module.server.test_client()
    for level in LEVEL_KEYS:
        measures = get_published_dataset().layer_measures(level)
        first = client.get(measures_url("76", level))
        assert first.status_code == 200 and first.json["key"] == measures.key
        assert first.json == json.loads(pa.measures_body(measures))
        again = client.get(measures_url("76", level), headers={
            "If-None-Match": first.headers["ETag"].strip('"')})
        assert again.status_code == 304
    assert client.get(measures_url("75", "commune")).status_code == 404
    assert client.get(measures_url("76", "canton")).status_code == 404
