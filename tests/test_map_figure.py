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
    assert [tr.type for tr in fig.data].count("choroplethmap") == 1  # one choropleth only
    assert fig.data[0].geojson == "/geo/76/commune.geojson"
    base = fig.layout.map.layers[0]  # the grey of every territory: a layer of the same URL
    assert (base.source, base.sourcetype, base.type) == ("/geo/76/commune.geojson", "geojson",
                                                         "fill")
    assert base.below == "traces" and base.color == fmap.BASE_FILL
    assert len(pio.to_json(fig)) < 20_000


def test_values_and_missing_values(values, venues):
    fig = make(values, venues, indicator="pop_per_venue")
    assert list(fig.data[0].locations) == ["31001", "31002", "32001"]
    # no venue: drawn grey (below the colour range, whose first colour is the base grey)
    # and its hover says so from the missing text, never a number: customdata is [] there
    chor = fig.data[0]
    assert list(chor.z)[0::2] == [500.0, 200.0] and chor.z[1] < chor.zmin
    assert chor.colorscale[0][1] == fmap.BASE_FILL and chor.colorscale[0][0] == 0
    assert chor.colorscale[1][0] == 0 and chor.colorscale[1][1] != fmap.BASE_FILL
    assert [list(c) for c in chor.customdata] == [[500], [], [200]]
    assert "%{customdata[0]:,.0f}" in chor.hovertemplate and "%{z" not in chor.hovertemplate
    assert chor.hovertemplatefallback == "sans lieu"
    full = make(values, venues, indicator="venues")  # nothing unknown: the hover reads z
    assert not full.data[0].customdata and "%{z:,.0f} lieux" in full.data[0].hovertemplate


def test_markers_one_trace_per_label_status_with_escaped_names(values, venues):
    fig = make(values, venues)
    markers = fig.data[1:-1]
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
    names = [m.name for m in fig.data[1:-1]]
    assert names[0] == "Coworking" and len(names) == 10
    assert len(fig.data[1].lat) == 1  # main usage = first code in vocabulary order


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
    upd = fmap.map_update(values, indicator="venues", color_by="label", lang="fr", view=None)
    assert upd["data.0.z"] == [2.0, 0.0, 1.0]
    assert not any("geojson" in k or "locations" in k for k in upd)
    assert not any(k.endswith((".lat", ".lon", ".customdata")) and not k.startswith("data.0.")
                   for k in upd)  # no marker (the choropleth's hover data is its own)
    moved = fmap.map_update(values, indicator="venues", color_by="label", lang="fr",
                            view=fmap.fit_view((1, 43, 2, 44)))
    assert "data.0.locations" in moved and "layout.map.zoom" in moved


def test_french_separators_and_units(values, venues):
    fig = make(values, venues, indicator="pop_per_venue")
    # separators come from the language's template (dashboard/figures/theme.py)
    assert fig.layout.template.layout.separators == ",\u202f"
    assert "hab. / lieu" in fig.data[0].hovertemplate
    assert fig.data[0].colorbar.title.text == "hab. / lieu"
    en = make(values, venues, indicator="pop_per_venue", lang="en")
    assert en.layout.template.layout.separators == ".,"
    assert "inh. / venue" in en.data[0].hovertemplate


@pytest.mark.parametrize("color_by", ["label", "usage"])
def test_traces_carry_their_role_and_patches_find_them_by_role(values, venues, color_by):
    fig = make(values, venues, color_by=color_by)
    assert tuple(tr.uid for tr in fig.data) == fmap.trace_roles(color_by)
    upd = fmap.map_update(values, indicator="venues", color_by=color_by, lang="fr", view=None)
    selected = fmap.trace_index("selected", color_by=color_by)
    assert fig.data[selected].name == "Lieu sélectionné"
    for path in upd:
        index = int(path.split(".")[1])
        assert fig.data[index].uid != "selected"  # the highlight is the table's, not ours
        assert path.split(".")[2] in fig.data[index]  # a property of that trace


def test_colour_scale_says_when_it_is_capped():
    """One big city (Toulouse-like, 18 venues) among 199 communes of 0-3: the scale stops at
    the 99th percentile and its last tick reads « ≥ 3 »."""
    from dashboard.indicators import get_indicator

    z = pd.Series([18.0] + [float(i % 4) for i in range(199)])
    scale = fmap.color_scale(z, get_indicator("venues"), "fr")
    assert scale["capped"] and scale["zmax"] == 3
    assert scale["ticktext"][-1] == "≥\u00a03" and scale["tickvals"][-1] == 3
    assert all(float(v).is_integer() for v in scale["tickvals"])  # whole venues
    even = fmap.color_scale(pd.Series([0.5, 1.25] + [2.0] * 99),
                            get_indicator("venues_per_10k"), "fr")
    assert not even["capped"] and not any("≥" in s for s in even["ticktext"])
    assert even["ticktext"] == ["0,0", "0,5", "1,0", "1,5", "2,0"] and even["zmax"] == 2
    unknown = fmap.color_scale(pd.Series([float("nan")] * 3), get_indicator("venues_per_10k"),
                               "fr")
    assert unknown["zmax"] == 1.0 and not unknown["capped"]


def test_figures_inherit_the_language_template(values, venues):
    import plotly.io as pio

    from dashboard.figures import theme

    fig = make(values, venues, lang="en")
    assert fig.layout.template.layout.font.family == theme.FONT_FAMILY
    assert fig.layout.template == pio.templates[theme.template_name("en")]
    assert fig.layout.separators is None and fig.layout.font.family is None  # not its own
    assert theme.template_name("xx") == theme.template_name("fr")
    assert len(pio.to_json(fig)) < 10_000  # the template is small (plotly's is 6 kB)


@pytest.mark.parametrize("color_by, packed, tiles", [("label", False, None),
                                                     ("usage", True, "https://t/{z}/{x}/{y}")])
def test_the_whole_map_built_unvalidated_is_the_validated_figure(values, venues, color_by,
                                                                packed, tiles):
    """The whole map's layout goes in as a plain dict (``figures/plain.py``): the validated
    figure built from it, and the one ``update_layout`` makes, are the same figure (a
    misspelt property or a wrong value fails here)."""
    import plotly.graph_objects as go
    from plotly.io.json import to_json_plotly

    from dashboard.figures.theme import template_name

    fig = make(values, venues, color_by=color_by, packed=packed, tiles_url=tiles)
    assert json.loads(to_json_plotly(go.Figure(fig.to_dict()))) == json.loads(
        to_json_plotly(fig))
    view = fmap.fit_view((1.0, 43.0, 1.2, 43.2))
    validated = go.Figure(data=fig.data).update_layout(
        template=template_name("fr"), **fmap.view_layout(view, fmap.map_style(tiles)),
        map_layers=[fmap.base_layer("/geo/76/commune.geojson")],
        margin={"l": 0, "r": 0, "t": 0, "b": 0}, autosize=True, uirevision="map",
        legend={"orientation": "h", "yanchor": "bottom", "y": 0.01, "xanchor": "left",
                "x": 0.01, "bgcolor": "rgba(255,255,255,0.85)"})
    assert json.loads(to_json_plotly(validated)) == json.loads(to_json_plotly(fig))
    fig.update_layout(annotations=[{"text": "légende", "x": 0, "y": 0}])  # validated again
    with pytest.raises(ValueError):
        fig.update_layout(mapp={"zoom": 3})
