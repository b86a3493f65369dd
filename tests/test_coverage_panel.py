"""The coverage panel's two callbacks (issue 12): the map and the tables give the numbers the
domain functions give, computed here independently; the map's values travel packed and
unpack to the distances, regionally and nationally."""

from __future__ import annotations

import json
from dataclasses import replace

import dash
import numpy as np
import pandas as pd
import pytest
from plotly.io.json import to_json_plotly

from callbacks.coverage import update_coverage_map, update_coverage_tables
from dashboard import coverage as cov
from dashboard.dataset import RoadmapOptions, get_published_dataset
from dashboard.figures.coverage import coverage_arrays, coverage_update, make_coverage_map
from dashboard.filters import ViewState, select_venues, state_to_dict
from dashboard.i18n import format_decimal, format_int, format_percent, t
from dashboard.packed_arrays import digest, pack_bits, pack_subset, pack_tenths, unpack
from tests.test_fast_aggregates import random_registry

STATES = [ViewState(tab="couverture", radius_km=12, usages=("fablab",), k=4),
          ViewState(tab="couverture", radius_km=25, departements=("48", "12")),
          ViewState(tab="couverture", radius_km=5, labels=("labellise",), lang="en", k=3)]


def _expected(state):
    """Distances, summary and zones computed from the registry, not through the dataset."""
    data = get_published_dataset()
    reg = data.registry
    reach = select_venues(reg.venues, reg.funding,
                          ViewState(usages=state.usages, labels=state.labels))
    communes = data.communes
    if state.departements:
        communes = communes[communes["dep_code"].isin(state.departements)]
    dist = cov.commune_distances(communes, reach)
    return dist, cov.coverage_summary(dist, state.radius_km), reach


def _cells(table) -> list[list[str]]:
    body = table.children[1].children
    return [[cell.children for cell in row.children] for row in body]


@pytest.mark.parametrize("state", STATES, ids=["fablab", "lozere-aveyron", "labelled-en"])
def test_the_two_callbacks_give_the_numbers_of_the_domain_functions(occitanie, state):
    lang = state.lang
    fig, meta, draw = update_coverage_map(state_to_dict(state), "couverture", None)
    bars, rate, covered, uncovered, sugg, epci, communes = update_coverage_tables(
        state_to_dict(state))
    dist, summary, reach = _expected(state)
    d = dist["distance_km"].to_numpy()
    # key numbers
    assert rate == format_percent(summary["coverage_rate"], lang)
    assert covered == format_int(summary["covered_population"], lang)
    assert uncovered == format_int(summary["population"] - summary["covered_population"], lang)
    # the map: its polygons, and its values unpacked as the browser does
    ids = get_published_dataset().communes["insee"].astype(str)
    places, z, custom = draw["arrays"]
    assert places["url"] == "/geo/76/commune-ids.json" and fig.data[0].locations == ()
    assert unpack(places, ids).tolist() == list(dist.index)  # the layer's ids it keeps
    z, custom = unpack(z), unpack(custom)
    assert z.tolist() == cov.covered(d, state.radius_km).astype(int).tolist()
    np.testing.assert_array_equal(custom, np.round(d, 1))
    assert fig.data[0].z == ()  # the values come packed, not twice
    # zones blanches by commune: names and distances as the domain orders them
    zones = cov.zones_blanches(dist, state.radius_km, "commune").head(15)
    rows = _cells(communes) if len(zones) else []
    assert [r[0] for r in rows] == list(zones["name"])
    assert [r[3] for r in rows] == [format_decimal(v, lang, 1) for v in zones["distance_km"]]
    by_epci = cov.zones_blanches(dist, state.radius_km, "epci").head(15)
    assert [r[0] for r in _cells(epci)] == list(by_epci["name"])
    # bars: one per department, the rate of each
    by_dep = cov.coverage_by(dist, state.radius_km, "dep_code")
    assert sorted(bars.data[0].x) == sorted(by_dep["coverage_rate"])
    assert bars.layout.title.subtitle.text  # the caption travels with the bars
    # suggestions: the table's rows are the report's
    report = get_published_dataset().roadmap_coverage(state, RoadmapOptions())
    assert len(sugg.children[1].children) == len(report.suggestions) <= state.k
    assert len(fig.data[2].lat) == len(report.suggestions)
    assert meta["held"] == {str(a["path"]): digest(a) for a in draw["arrays"][1:]}


def test_a_radius_change_sends_only_what_changed(occitanie):
    state = STATES[0]
    _, meta, _ = update_coverage_map(state_to_dict(state), "couverture", None)
    wider = state_to_dict(replace(state, radius_km=40))
    figure, meta2, draw = update_coverage_map(wider, "couverture", meta)
    assert figure is dash.no_update
    dist, _, _ = _expected(state)
    # the distances are held by the browser: only covered / not covered travels
    assert [a["path"] for a in draw["arrays"]] == [["data", 0, "z"]]
    assert unpack(draw["arrays"][0]).tolist() == \
        cov.covered(dist["distance_km"].to_numpy(), 40).astype(int).tolist()
    # a filter change sends them again, as many as the selected departments' communes
    other = state_to_dict(ViewState(tab="couverture", radius_km=40, departements=("09",)))
    _, _, draw = update_coverage_map(other, "couverture", meta2)
    assert [a["path"][-1] for a in draw["arrays"]] == ["locations", "z", "customdata"]
    ariege = occitanie.communes[occitanie.communes["dep_code"] == "09"]
    assert unpack(draw["arrays"][0], occitanie.communes["insee"]).tolist() == \
        list(ariege["insee"])
    assert len(unpack(draw["arrays"][2])) == len(ariege)
    body = to_json_plotly([o for o in (figure, meta2, draw) if o is not dash.no_update])
    assert len(body) < 25_000


def test_the_tables_reuse_what_the_map_computed(occitanie):
    """Both callbacks of one change share the cached distances and suggestions."""
    data = get_published_dataset()
    data.cache.clear()
    state = state_to_dict(STATES[1])
    update_coverage_map(state, "couverture", None)
    misses = data.cache.stats()["misses"]
    update_coverage_tables(state)
    new = data.cache.stats()["misses"] - misses
    assert new == 1  # the report itself, assembled from the map's distances and suggestions


def test_packed_tenths_and_bits_round_trip():
    values = np.array([0.0, 0.04, 0.05, 12.349, 12.35, np.nan, 6553.3, 1e-9])
    spec = pack_tenths(values, ["data", 0, "customdata"])
    assert spec["dtype"] == "u2" and spec["missing"] == 65535
    back = unpack(spec)
    np.testing.assert_array_equal(np.isnan(back), np.isnan(values))
    known = ~np.isnan(values)
    np.testing.assert_allclose(back[known], np.rint(values[known] * 10) / 10)
    assert back[1] == 0.0 and back[5] != 0  # unknown is not zero
    # Réunion to Paris: set apart, not clipped; still two bytes per value
    big = pack_tenths([9300.4, np.nan, 6553.3, 6553.4, 12.0], ["z"])
    assert big["over"] == [[0, 93004], [3, 65534]]
    np.testing.assert_array_equal(unpack(big), [9300.4, np.nan, 6553.3, 6553.4, 12.0])
    assert len(big["bdata"]) == 16  # 5 × 2 bytes in base64
    with pytest.raises(ValueError):
        pack_tenths([-1.0], ["z"])
    flags = np.random.default_rng(0).random(1003) < 0.3
    assert unpack(pack_bits(flags, ["z"])).tolist() == flags.astype(int).tolist()
    assert len(pack_tenths([], ["z"])["bdata"]) == 0


def test_no_venue_at_all_is_unknown_not_zero(occitanie):
    dist = cov.commune_distances(occitanie.communes.iloc[:50],
                                 pd.DataFrame({"venue_id": [], "lon": [], "lat": []}))
    z, custom = (unpack(a) for a in coverage_arrays(dist, 15, "couverture"))
    assert z.sum() == 0 and np.isnan(custom).all()
    (distance,) = coverage_arrays(dist, 15, "distance")
    assert np.isnan(unpack(distance)).all()



def test_national_values_unpack_to_the_distances_and_stay_small(france):
    """34,871 communes, 1,500 venues: the radius change's payload is under 60 kB (bits);
    the distances of a filter change, packed, are under half their decimal text."""
    communes = france.communes
    venues, _ = random_registry(communes, 5, 1500)
    dist = cov.commune_distances(communes, venues)
    d = dist["distance_km"].to_numpy()
    assert len(d) > 34_000
    z, custom = coverage_arrays(dist, 15, "couverture")
    assert unpack(z).tolist() == cov.covered(d, 15).astype(int).tolist()
    np.testing.assert_array_equal(unpack(custom), np.round(d, 1))
    assert len(custom["bdata"]) == 4 * -(-2 * len(d) // 3)  # two bytes per commune
    empty = pd.DataFrame(columns=["rank", "insee", "name", "population_added", "lat", "lon"])
    patch = coverage_update(dist, empty, radius_km=15, mode="couverture", lang="fr", view=None)
    radius_change = len(to_json_plotly([patch, z]))
    assert radius_change < 10_000, radius_change
    decimal = len(json.dumps(np.where(np.isnan(d), None, np.round(d, 1)).tolist()))
    assert len(json.dumps(custom)) < decimal / 2
    (zd,) = coverage_arrays(dist, 15, "distance")
    np.testing.assert_array_equal(unpack(zd), np.round(d, 1))
    none = pd.DataFrame(columns=["venue_id", "name", "lat", "lon"])
    fig = make_coverage_map(dist, none, empty, radius_km=15, mode="couverture",
                            lang="fr", geojson_url="/g", view={"center": {"lat": 46, "lon": 2},
                                                               "zoom": 4}, packed=True)
    assert fig.data[0].z == () and fig.data[0].locations == ()  # both packed
    assert t("coverage.no_venue", "fr") == fig.data[0].hovertemplatefallback
    codes = communes["insee"].astype(str)
    places = pack_subset("/ids", np.arange(len(codes)), len(codes), ["locations"])
    assert len(json.dumps(places)) < 6_000 < len(json.dumps(list(codes))) / 40
    assert unpack(places, codes).tolist() == list(codes)


def test_the_ids_route_serves_the_layer_once_with_its_etag(occitanie):
    import app as app_module

    client = app_module.server.test_client()
    first = client.get("/geo/76/commune-ids.json")
    assert first.status_code == 200 and first.json == list(occitanie.communes["insee"])
    again = client.get("/geo/76/commune-ids.json", headers={"If-None-Match": first.headers[
        "ETag"].strip('"')})
    assert again.status_code == 304
    assert client.get("/geo/75/commune-ids.json").status_code == 404


def test_format_decimal_with_its_parsed_pattern_kept_equals_babel():
    """``i18n.format_decimal`` keeps CLDR's parsed pattern (the tables' formatting took
    13 ms parsing it again for every cell): the same texts as babel's own call."""
    from babel import numbers

    from dashboard.i18n import format_decimal

    rng = np.random.default_rng(7)
    values = [*rng.normal(0, 1e5, 300), *rng.uniform(-1, 1, 100), 0, 0.04, -0.04, 12.35, 2.5,
              1e12]
    for lang in ("fr", "en"):
        for digits in (0, 1, 2):
            pattern = "#,##0" + ("." + "0" * digits if digits else "")
            for v in values:
                ref = numbers.format_decimal(v, format=pattern, locale=lang,
                                             decimal_quantization=True)
                if float(v) != 0 and not any(c in "123456789" for c in ref):
                    ref = ref.lstrip("-")  # « -0,0 » is « 0,0 »
                assert format_decimal(v, lang, digits) == ref, (v, lang, digits)
