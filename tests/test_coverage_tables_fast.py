"""The coverage tables' faster paths (issue 12) give the simple paths' numbers: zones blanches
by EPCI counted by position against a plain loop over the communes (random registries, the
real Occitanie and national layers, unknown distances), the bars built as a plain dict against
the validated figure, the names of a level against the layer's own."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from plotly.io.json import to_json_plotly

from dashboard import config
from dashboard import coverage as cov
from dashboard.dataset import RoadmapOptions, get_published_dataset
from dashboard.figures.coverage import make_coverage_bars
from dashboard.figures.theme import register_templates
from dashboard.filters import ViewState
from tests.test_fast_aggregates import random_registry


def _zones_by_loop(dist: pd.DataFrame, radius: float) -> dict:
    """Per EPCI with an uncovered commune: the table's row, counted one commune at a time."""
    out: dict[str, dict] = {}
    totals: dict[str, int] = {}
    for code, r in zip(dist.index, dist.itertuples()):
        totals[r.epci_siren] = totals.get(r.epci_siren, 0) + int(r.population)
        d = r.distance_km
        if not math.isnan(d) and d <= radius:
            continue
        row = out.setdefault(r.epci_siren, {"name": r.epci_name, "deps": set(), "pop": 0,
                                            "n": 0, "max": math.nan, "weighted": 0.0})
        row["deps"].add(r.dep_code)
        row["pop"] += int(r.population)
        row["n"] += 1
        if not math.isnan(d):
            row["max"] = d if math.isnan(row["max"]) else max(row["max"], d)
            row["weighted"] += d * r.population
    for siren, row in out.items():
        row["total"] = totals[siren]
    return out


def _assert_zones(dist, radius):
    table = cov.zones_blanches(dist, radius, "epci")
    slow = _zones_by_loop(dist, radius)
    assert sorted(table.index) == sorted(slow)
    for siren, r in table.iterrows():
        s = slow[siren]
        assert r["name"] == s["name"] and r["dep_code"] == ",".join(sorted(s["deps"]))
        assert r["uncovered_population"] == s["pop"] and r["uncovered_communes"] == s["n"]
        assert r["population"] == s["total"]
        if math.isnan(s["max"]):
            assert math.isnan(r["max_distance_km"])
        else:
            assert r["max_distance_km"] == s["max"]
        assert r["mean_distance_km"] == pytest.approx(s["weighted"] / max(s["pop"], 1))
        assert r["uncovered_share"] == pytest.approx(s["pop"] / max(s["total"], 1))
    # ranked by uncovered population, then the largest distance (ties: SIREN order)
    keys = list(zip(-table["uncovered_population"], -table["max_distance_km"].fillna(-1)))
    assert all(a <= b for a, b in zip(keys, keys[1:]) if not (a[0] == b[0] and
                                                                  np.isnan(a[1])))


@pytest.mark.parametrize("seed, n, radius", [(0, 30, 15), (1, 300, 5), (2, 5, 40)])
def test_zones_by_epci_match_a_loop_regionally(occitanie, seed, n, radius):
    venues, _ = random_registry(occitanie.communes, seed, n)
    dist = cov.commune_distances(occitanie.communes, venues)
    d = dist["distance_km"].to_numpy().copy()
    d[np.random.default_rng(seed).random(len(d)) < 0.05] = np.nan  # unknown (travel times)
    _assert_zones(dist.assign(distance_km=d), radius)


def test_zones_by_epci_with_no_venue_at_all(occitanie):
    communes = occitanie.communes[occitanie.communes["dep_code"].isin(["09", "31"])]
    dist = cov.commune_distances(communes, pd.DataFrame({"venue_id": [], "lon": [],
                                                         "lat": []}))
    _assert_zones(dist, 15)  # every commune uncovered, every distance unknown
    table = cov.zones_blanches(dist, 15, "epci")
    assert table["max_distance_km"].isna().all()
    assert (table["dep_code"].str.contains(",") == table.index.isin(
        communes.groupby("epci_siren")["dep_code"].nunique().loc[lambda s: s > 1].index)).all()


def test_zones_by_epci_match_a_loop_nationally():
    from dashboard.reference import ReferenceError_, load_reference

    try:
        france = load_reference(config.load_settings().cache_dir, "all", build_if_missing=False)
    except (FileNotFoundError, ReferenceError_):
        pytest.fail("Référentiel national absent : `make test` le construit.")
    venues, _ = random_registry(france.communes, 4, 1500)
    _assert_zones(cov.commune_distances(france.communes, venues), 15)


@pytest.mark.parametrize("options", [{}, {"minutes": True},
                                     {"subtitle": {"text": "Source : x"}, "top_margin": 90}])
def test_the_bars_are_the_validated_figure(options):
    """Built as a plain dict: the same JSON as the figure plotly validates."""
    register_templates()
    by_dep = pd.DataFrame({"coverage_rate": [0.5, 0.25, 1.0], "covered_population": [5, 1, 3],
                           "population": [10, 4, 3], "uncovered_population": [5, 3, 0]},
                          index=["31", "09", "12"])
    names = pd.Series({"31": "Haute-Garonne", "09": "Ariège"})
    fig = make_coverage_bars(by_dep, names, radius_km=15, lang="fr", **options)
    validated = go.Figure(fig.to_dict())
    assert json.loads(to_json_plotly(fig)) == json.loads(to_json_plotly(validated))
    assert list(fig.data[0].y) == ["09 Ariège", "31 Haute-Garonne", "12 12"]
    assert fig.layout.template.layout.separators == ",\u202f"


def test_names_are_the_layers(occitanie):
    data = get_published_dataset()
    ref = data.reference
    for level, frame, key in (("commune", ref.communes, "insee"), ("epci", ref.epcis, "siren"),
                              ("departement", ref.departements, "code")):
        pd.testing.assert_series_equal(data.names(level), frame.set_index(key)["name"])
        assert data.names(level) is data.names(level)  # built once


@pytest.mark.parametrize("state", [ViewState(usages=("fablab",)),
                                   ViewState(labels=("labellise",), k=5, lang="en")])
def test_the_suggestion_table_names_the_communes_as_the_layer(occitanie, monkeypatch, state):
    """The table looks names up in a small dict: the same table as from the whole layer."""
    import layouts.roadmap as layout

    data = get_published_dataset()
    sugg = data.roadmap_suggestions(state, RoadmapOptions())
    assert len(sugg)
    names = data.names("commune")
    fast = to_json_plotly(layout.suggestion_table(sugg, names, state.lang))
    monkeypatch.setattr(layout, "_names_of", lambda _sugg, names: names)
    assert fast == to_json_plotly(layout.suggestion_table(sugg, names, state.lang))
    assert str(names[sugg["insee"].iloc[0]]) in json.dumps(json.loads(fast), ensure_ascii=False)
