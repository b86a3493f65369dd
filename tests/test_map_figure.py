"""The map figure builders (pure functions)."""

from __future__ import annotations

import json

import pandas as pd
import plotly.io as pio
import pytest

from dashboard.figures import map as fmap


@pytest.fixture
def values():
    return pd.DataFrame({"population": [1000, 500, 200],
                         "venues": [2, 0, 1],
                         "pop_per_venue": [500.0, float("nan"), 200.0]},
                        index=pd.Index(["31001", "31002", "32001"]))


@pytest.fixture
def venues():
    return pd.DataFrame({
        "venue_id": ["v1", "v2", "v3"], "name": ["<b>Evil</b> & co", "Deux", "Trois"],
        "commune_name": ["Alpha", "Alpha", "Gamma"], "lat": [43.05, 43.06, 43.15],
        "lon": [1.05, 1.06, 1.05], "usages": ["coworking|fablab", "", "culture"],
        "label_status": ["labellise", "candidat", "labellise"],
        "label_year": pd.array([2018, None, 2019], dtype="Int64"),
    })


def make(values, venues, **kw):
    args = dict(geojson_url="/geo/76/commune.geojson", indicator="venues", color_by="label",
                lang="fr", view=fmap.fit_view((1.0, 43.0, 1.2, 43.2)))
    args.update(kw)
    return fmap.make_map_figure(values, venues, **args)


def test_polygons_are_referenced_by_url_not_embedded(values, venues):
    fig = make(values, venues)
    assert [tr.type for tr in fig.data[:2]] == ["choroplethmap", "choroplethmap"]
    assert fig.data[0].geojson == fig.data[1].geojson == "/geo/76/commune.geojson"
    assert len(pio.to_json(fig)) < 20_000


def test_values_and_missing_values(values, venues):
    fig = make(values, venues, indicator="pop_per_venue")
    assert list(fig.data[1].locations) == ["31001", "31002", "32001"]
    assert list(fig.data[1].z) == [500.0, None, 200.0]  # no venue: not coloured
    assert list(fig.data[0].locations) == ["31001", "31002", "32001"]  # grey base under it


def test_markers_one_trace_per_label_status_with_escaped_names(values, venues):
    fig = make(values, venues)
    markers = fig.data[2:-1]
    assert fig.data[-1].name == "Lieu sélectionné" and len(fig.data[-1].lat) == 0
    assert [m.name for m in markers] == ["Labellisé", "Candidat", "Non labellisé",
                                         "Statut inconnu"]
    assert [len(m.lat) for m in markers] == [2, 1, 0, 0]
    first = markers[0].customdata[0]
    assert first[0] == "&lt;b&gt;Evil&lt;/b&gt; &amp; co"
    assert first[2] == "Coworking, Fablab / makerspace" and first[3] == "Labellisé (2018)"
    assert markers[1].customdata[0][2] == "non renseignés"


def test_markers_by_main_usage(values, venues):
    fig = make(values, venues, color_by="usage", lang="en")
    names = [m.name for m in fig.data[2:-1]]
    assert names[0] == "Coworking" and len(names) == 10
    assert len(fig.data[2].lat) == 1  # main usage = first code in vocabulary order


def test_style_fetches_nothing_offline():
    style = fmap.map_style()
    assert "glyphs" not in style and "sprite" not in style
    assert style["sources"]  # an empty sources dict breaks MapLibre patches
    assert "http" not in json.dumps(style)
    assert "tiles" in fmap.map_style("https://tile.example/{z}/{x}/{y}.png")["sources"]


def test_fit_view_frames_the_bounds():
    view = fmap.fit_view((-0.33, 42.33, 4.85, 45.05))  # Occitanie
    assert 1.0 < view["center"]["lon"] < 3.0 and 43.0 < view["center"]["lat"] < 44.5
    assert 5.0 < view["zoom"] < 7.0
    assert fmap.fit_view((1.0, 43.0, 1.5, 43.5))["zoom"] > view["zoom"]


def test_update_carries_values_only(values, venues):
    upd = fmap.map_update(values, venues, indicator="venues", color_by="label", lang="fr",
                          view=None)
    assert upd["data.1.z"] == [2.0, 0.0, 1.0]
    assert not any("geojson" in k or "locations" in k for k in upd)
    moved = fmap.map_update(values, venues, indicator="venues", color_by="label", lang="fr",
                            view=fmap.fit_view((1, 43, 2, 44)))
    assert "data.1.locations" in moved and "layout.map.zoom" in moved


def test_french_separators_and_units(values, venues):
    fig = make(values, venues, indicator="pop_per_venue")
    # separators come from the language's template (dashboard/figures/theme.py)
    assert fig.layout.template.layout.separators == ",\u202f"
    assert "hab. / lieu" in fig.data[1].hovertemplate
    assert fig.data[1].colorbar.title.text == "hab. / lieu"
    en = make(values, venues, indicator="pop_per_venue", lang="en")
    assert en.layout.template.layout.separators == ".," and "inh. / venue" in en.data[1].hovertemplate
