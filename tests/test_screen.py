"""The screen (issue 13, item 5): framing bounds, map configuration, French widgets, the
funding colours, the venue export and the map highlight of a row chosen before the map."""

from __future__ import annotations

import io
import math

import dash
import pandas as pd
import plotly.graph_objects as go
import pytest

from callbacks.i18n import update_texts
from callbacks.venues import highlight_selected_venue, update_grid_language
from dashboard import funding as fund
from dashboard.dataset import get_published_dataset
from dashboard.export import to_csv_bytes
from dashboard.figures import map as fmap
from dashboard.figures.funding import DEP_COLORS, ENVELOPE_COLOR, make_funding_by_call
from dashboard.figures.theme import GRAPH_CONFIG, MAP_GRAPH_CONFIG
from dashboard.filters import ViewState, state_to_dict
from dashboard.venue_table import export_frame, venue_rows
from layouts import ids
from layouts.page import DROPDOWNS, dropdown_labels
from layouts.panels import AG_GRID_EN, AG_GRID_FR
from tests.test_callbacks import run_in_context

OCCITANIE = (-0.33, 42.33, 4.85, 45.05)


@pytest.fixture
def demo(occitanie):
    """The published (demo) dataset on the real reference layers."""
    return get_published_dataset()


def test_fit_view_carries_the_bounds_for_the_browser_fit():
    view = fmap.fit_view(OCCITANIE)
    assert view["bounds"] == list(OCCITANIE)
    layout = fmap.view_layout(view, fmap.map_style())
    assert layout["meta"] == {"frame": list(OCCITANIE), "zoom": view["zoom"]}
    assert set(layout["map"]) == {"style", "center", "zoom"}  # no MapLibre "bounds" limit
    assert fmap.view_updates(view)["layout.meta.frame"] == list(OCCITANIE)


def test_frame_zoom_grows_with_the_container():
    """The browser recomputes the zoom with fit_view's formula: twice the width and height
    is one zoom level more (the JS copy is checked in the browser test)."""
    small = fmap.fit_view(OCCITANIE, width_px=600, height_px=400)
    big = fmap.fit_view(OCCITANIE, width_px=1200, height_px=800)
    assert math.isclose(big["zoom"] - small["zoom"], 1.0, abs_tol=0.011)


def test_map_figure_and_patch_say_what_they_frame(demo):
    values = demo.level_values(ViewState(), "departement")
    view = demo.view_bounds(ViewState(departements=("31",)))
    fig = fmap.make_map_figure(values, demo.registry.venues.head(3), geojson_url="/g",
                               indicator="venues", color_by="label", lang="fr", view=view)
    assert list(fig.layout.meta["frame"]) == view["bounds"]
    assert fig.layout.map.zoom == view["zoom"]
    upd = fmap.map_update(values, indicator="venues", color_by="label", lang="fr", view=view)
    assert upd["layout.meta.frame"] == view["bounds"]


def test_maps_do_not_capture_the_page_scroll_nor_offer_dead_selection_tools():
    assert MAP_GRAPH_CONFIG["scrollZoom"] is False
    assert {"select2d", "lasso2d"} <= set(MAP_GRAPH_CONFIG["modeBarButtonsToRemove"])
    assert GRAPH_CONFIG["displaylogo"] is False


def test_dropdowns_speak_french_and_follow_the_language():
    fr = dropdown_labels("fr")
    assert fr["search"] == "Rechercher" and fr["select_all"] == "Tout sélectionner"
    assert fr["no_options_found"] == "Aucune option trouvée"
    assert fr["selected_count"] == "{num_selected} sélectionnés"  # Dash fills the number
    outputs = [[{"id": ids.i18n("kpi.venues")}]]
    out = run_in_context(update_texts, "en", outputs_list=outputs)
    labels = out[-len(DROPDOWNS):]
    assert all(lab["search"] == "Search" for lab in labels)
    out = run_in_context(update_texts, "fr", outputs_list=outputs)
    assert all(lab["search"] == "Rechercher" for lab in out[-len(DROPDOWNS):])


def test_grid_pagination_follows_the_language(demo):
    grid = update_grid_language("en")
    assert grid.dashGridOptions["localeText"]["next"] == "Next"
    assert grid.rowModelType == "infinite"  # the new grid asks the server for its rows
    assert set(AG_GRID_EN) == set(AG_GRID_FR)  # every French text has its English reset
    grid = update_grid_language("fr")
    assert grid.dashGridOptions["localeText"]["next"] == "Suivante"


def test_no_department_is_drawn_in_the_envelope_black(demo):
    assert ENVELOPE_COLOR not in DEP_COLORS and "#000000" not in DEP_COLORS
    calls = demo.registry.calls
    summary = fund.call_summary(demo.registry.funding, calls)
    table = fund.funding_by_call(demo.registry.funding, demo.registry.venues,
                                 "departement")
    fig = make_funding_by_call(table, summary, {}, by="departement", lang="fr")
    bars = [tr for tr in fig.data if isinstance(tr, go.Bar)]
    assert len(bars) == 13
    colors = [b.marker.color for b in bars]
    assert len(set(colors)) == 13 and all(c.lower() not in ("#000000", "#222222")
                                          for c in colors)


def test_venue_export_has_whole_years_insee_and_coordinates(demo):
    venues = demo.registry.venues
    labelled = venues[venues["label_year"].notna()].head(5)
    rows = venue_rows(labelled, demo.registry.funding, "fr")
    text = to_csv_bytes(export_frame(rows, "fr"), "fr").decode("utf-8-sig")
    frame = pd.read_csv(io.StringIO(text), sep=";", dtype=str)
    assert {"Code INSEE", "Latitude", "Longitude", "Année du label"} <= set(frame.columns)
    years = frame["Année du label"].tolist()
    assert years == [str(int(y)) for y in labelled["label_year"]]  # 2021, never 2021,0
    assert frame["Code INSEE"].tolist() == labelled["commune_insee"].tolist()
    lat = frame["Latitude"].str.replace(",", ".").astype(float)
    assert lat.round(5).tolist() == labelled["lat"].round(5).tolist()


def test_export_leaves_unknown_years_empty():
    frame = export_frame([{"venue_id": "x", "label_year": None, "opened_year": 2019.0}], "fr")
    text = to_csv_bytes(frame, "fr").decode("utf-8-sig").splitlines()[1].split(";")
    header = to_csv_bytes(frame, "fr").decode("utf-8-sig").splitlines()[0].split(";")
    row = dict(zip(header, text))
    assert row["Année du label"] == "" and row["Ouverture"] == "2019"


@pytest.mark.parametrize("trigger, before, centred", [
    (ids.VENUES_GRID, None, True),  # chosen on a drawn map: centred
    (ids.MAP_META, None, True),  # chosen before the map was drawn (?vue=lieux): centred then
    (ids.MAP_META, ["DEMO-001", "f1"], False),  # the same figure patched: framing kept
    (ids.MAP_META, ["DEMO-001", "f0"], True),  # a new whole figure (answers crossing): again
    (ids.MAP_META, ["DEMO-002", "f1"], True),  # another venue centred before
])
def test_a_row_chosen_before_the_map_is_marked_and_centred_when_the_map_draws(
        trigger, before, centred):
    meta = {"level": "commune", "color_by": "label", "lang": "fr", "indicator": "venues",
            "departements": [], "figure": "f1"}
    patch, now = run_in_context(highlight_selected_venue, [{"venue_id": "DEMO-001"}],
                                state_to_dict(ViewState()), meta, before, triggered=trigger)
    ops = {tuple(op["location"]): op["params"]["value"]
           for op in patch.to_plotly_json()["operations"]}
    index = fmap.trace_index("selected", color_by="label")
    assert len(ops[("data", index, "lat")]) == 1
    assert (("layout", "map", "zoom") in ops) is centred
    assert now == (["DEMO-001", "f1"] if centred else dash.no_update)


def test_the_map_meta_names_each_whole_figure_and_keeps_it_through_patches(occitanie):
    """``MAP_META``'s ``figure``: new with each whole figure, the same through a Patch (what
    tells the highlight a map to centre from a map to leave framed)."""
    from callbacks.map import update_map

    _, first, _, _ = update_map(state_to_dict(ViewState()), None)
    _, again, _, _ = update_map(state_to_dict(ViewState()), None)
    _, patched, _, draw = update_map(state_to_dict(ViewState(usages=("fablab",))), first)
    assert draw["patch"] is not None
    assert first["figure"] != again["figure"] and patched["figure"] == first["figure"]


# ----------------------------------------------------------------- colour classes


def test_each_indicator_declares_a_known_classification():
    from dashboard.indicators import CLASSIFICATIONS, INDICATORS

    assert {i.classes for i in INDICATORS} <= set(CLASSIFICATIONS)
    assert {i.classes for i in INDICATORS} == set(CLASSIFICATIONS)  # each one used


def test_quantile_classes_hold_equal_counts_and_flat_colours():
    from dashboard.indicators import get_indicator

    entry = get_indicator("pop_per_venue")
    assert entry.classes == "quantiles"
    z = pd.Series([float(v) for v in range(1, 101)])
    scale = fmap.color_scale(z, entry, "fr")
    edges = scale["tickvals"]
    assert len(edges) == fmap.N_CLASSES + 1 and edges[-1] == scale["zmax"] == 100
    counts = [int(((z > lo) & (z <= hi)).sum()) for lo, hi in zip(edges, edges[1:])]
    assert max(counts) - min(counts) <= 1  # quantiles: equal counts
    steps = scale["colorscale"]  # two stops per class, one colour each
    assert len(steps) == 2 * fmap.N_CLASSES
    assert all(a[1] == b[1] for a, b in zip(steps[::2], steps[1::2]))
    assert len({s[1] for s in steps}) == fmap.N_CLASSES
    assert scale["capped"] is False and not any("≥" in x for x in scale["ticktext"])


def test_jenks_classes_separate_groups_and_degenerate_values_fall_back():
    from dashboard.indicators import get_indicator

    entry = get_indicator("funding_per_capita")
    assert entry.classes == "jenks"
    groups = [1.0] * 20 + [10.0] * 20 + [50.0] * 5
    scale = fmap.color_scale(pd.Series(groups), entry, "fr")
    edges = scale["tickvals"]
    # each natural group lies in one class of its own
    for value in (1.0, 10.0, 50.0):
        assert sum(lo < value <= hi for lo, hi in zip(edges, edges[1:])) == 1
    assert len({next(i for i, (lo, hi) in enumerate(zip(edges, edges[1:])) if lo < v <= hi)
                for v in (1.0, 10.0, 50.0)}) == 3
    one = fmap.color_scale(pd.Series([3.0, 3.0, float("nan")]), entry, "fr")
    assert one["classes"] == "capped"  # a single value cannot be classed


def test_a_capped_scale_says_so_on_its_last_tick():
    from dashboard.indicators import get_indicator

    z = pd.Series([1.0] * 200 + [18.0])  # Toulouse's 18 venues among communes with one
    scale = fmap.color_scale(z, get_indicator("venues"), "fr")
    assert scale["capped"] and scale["ticktext"][-1].startswith("≥")
    assert scale["zmax"] < 18


def test_filters_patch_the_classes_too(demo):
    values = demo.level_values(ViewState(), "commune")
    upd = fmap.map_update(values, indicator="pop_per_venue", color_by="label", lang="fr",
                          view=None)
    i = fmap.trace_index("choropleth", color_by="label")
    assert isinstance(upd[f"data.{i}.colorscale"], list)  # stepped classes, resent
    assert upd[f"data.{i}.colorbar.tickvals"][-1] == upd[f"data.{i}.zmax"]


# ----------------------------------------------------------------- exports


def test_export_config_and_file_names_follow_the_view():
    import datetime as dt

    from callbacks.exports import graph_configs
    from dashboard.figures.exporting import EXPORT_SIZE

    state = ViewState(departements=("31", "81"), indicator="venues_per_10k")
    configs = graph_configs(state, dt.date(2026, 11, 29))
    opts = configs[ids.MAP_GRAPH]["toImageButtonOptions"]
    assert opts["filename"] == "carte_lieux-pour-10000-hab_31-81_2026-11-29"
    assert opts["width"] * opts["scale"] == 1920 and opts["height"] * opts["scale"] == 1080
    assert opts == {"format": "png", "filename": opts["filename"], **EXPORT_SIZE}
    # the charts that had no mode bar get one, with the download only
    funding = configs[ids.FUND_BY_CALL]
    assert funding["displayModeBar"] == "hover" and funding["modeBarButtons"] == [["toImage"]]
    assert funding["toImageButtonOptions"]["filename"].startswith("financements_par-appel_31-81")
    assert configs[ids.MAP_GRAPH]["scrollZoom"] is False
    names = [c["toImageButtonOptions"]["filename"] for c in configs.values()]
    assert len(set(names)) == len(names)  # no two graphs download under the same name


def test_captions_name_filters_source_date_and_demo(demo):
    import datetime as dt

    from dashboard.figures.exporting import export_caption, map_captions, with_caption
    from dashboard.slides import document_meta

    meta = document_meta(demo, ViewState(departements=("31",)), dt.date(2026, 11, 29))
    caption = export_caption(meta)
    assert "Haute-Garonne" in caption and "29 novembre 2026" in caption
    assert caption.startswith("Données de démonstration")
    assert all(len(line) <= 80 for line in caption.split("<br>"))
    fig = with_caption(go.Figure(go.Bar(x=[1], y=[1])), caption, title="Titre")
    assert fig.layout.title.text == "Titre" and fig.layout.title.subtitle.text == caption
    own = go.Figure().update_layout(title={"text": "T", "subtitle": {"text": "explication"}})
    assert with_caption(own, caption).layout.title.subtitle.text.startswith("explication<br>")
    (band,) = map_captions("Carte", caption)
    assert "Carte" in band["text"] and caption in band["text"]


def test_hybridation_and_funding_charts_carry_the_caption(demo):
    from callbacks.funding import update_funding
    from callbacks.hybridation import update_hybridation

    state = state_to_dict(ViewState(tab="hybridation", departements=("09",)))
    for fig in update_hybridation(state):
        assert "Ariège" in fig.layout.title.subtitle.text
    state = state_to_dict(ViewState(tab="financements", departements=("09",)))
    *figs, _table = update_funding(state, "departement")
    for fig in figs:
        assert "Ariège" in fig.layout.title.subtitle.text
