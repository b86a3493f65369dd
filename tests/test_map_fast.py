"""The main map's faster paths give what the simple ones give (issue 12).

- the venue × usage table from each distinct ``usages`` string against splitting every
  venue's own string; ``isin`` through a hash table against pandas' ``isin``; the visible
  venues' positions from row labels against matching ids;
- an indicator change is a ``Patch`` (the polygons stay) and, applied to the figure shown,
  it gives the whole figure of the new indicator, property for property.
"""

from __future__ import annotations

import copy
import json

import dash
import numpy as np
import pandas as pd
import pytest
from plotly.io.json import to_json_plotly

from dashboard import schema
from dashboard import venue_points as vp
from dashboard.indicators import isin
from dashboard.registry import usage_matrix

# --------------------------------------------------------------------------- simple paths


def split_every_venue(venues: pd.DataFrame) -> pd.DataFrame:
    """The simple usage table: each venue's string split on its own."""
    rows = [set(str(u).split(schema.USAGE_SEPARATOR)) if u == u else set()
            for u in venues["usages"]]
    return pd.DataFrame({c: pd.Series([c in r for r in rows], dtype=bool, index=venues.index)
                         for c in schema.USAGE_CODES},
                        index=venues.index)


def random_usages(seed: int, n: int) -> pd.DataFrame:
    """Usage strings of 0–4 codes (some repeated, some empty, some missing), on a shuffled
    index that is not 0…n-1."""
    rng = np.random.default_rng(seed)
    codes = list(schema.USAGE_CODES)
    values = ["|".join(rng.choice(codes, size=rng.integers(0, 5), replace=False))
              for _ in range(n)]
    frame = pd.DataFrame({"usages": pd.array(values, dtype="str")},
                         index=rng.permutation(n) * 3 + 7)
    frame.loc[frame.index[rng.random(n) < 0.1], "usages"] = None
    return frame


@pytest.mark.parametrize("seed,n", [(0, 0), (1, 1), (2, 50), (3, 5_000)])
def test_usage_table_from_distinct_strings_equals_splitting_every_venue(seed, n):
    venues = random_usages(seed, n)
    fast = usage_matrix(venues)
    assert list(fast.columns) == list(schema.USAGE_CODES)
    pd.testing.assert_frame_equal(fast, split_every_venue(venues))


@pytest.mark.parametrize("seed", range(4))
def test_isin_by_hash_table_equals_pandas_isin(seed):
    rng = np.random.default_rng(seed)
    pool = [f"V{i}" for i in rng.integers(0, 300, 400)]  # repeats
    column = pd.Series(pd.array([f"V{i}" for i in rng.integers(0, 600, 1_000)], dtype="str"),
                       index=rng.permutation(1_000))
    for values in (pool, pd.Series(pool, dtype="str"), pd.Series(pool, dtype=object), []):
        got = isin(column, values)
        assert got.index.equals(column.index)
        assert got.tolist() == column.isin(list(values)).tolist()


def positions_by_id(all_venues, visible):
    ids = list(all_venues["venue_id"].astype(str))
    return sorted(ids.index(str(v)) for v in visible["venue_id"])


@pytest.mark.parametrize("seed", range(3))
def test_visible_positions_from_row_labels_equal_matching_ids(seed):
    rng = np.random.default_rng(seed)
    n = 2_000
    every = pd.DataFrame({"venue_id": pd.array([f"V{i}" for i in rng.permutation(n)],
                                               dtype="str")}, index=rng.permutation(n) + 100)
    visible = every[rng.random(n) < 0.3]
    expected = positions_by_id(every, visible)
    assert vp.visible_positions(every, visible).tolist() == expected  # row labels kept
    # labels lost or pointing at other venues: matched by id all the same
    assert vp.visible_positions(every, visible.reset_index(drop=True)).tolist() == expected
    shuffled = visible.set_axis(rng.permutation(visible.index.to_numpy()))
    assert vp.visible_positions(every, shuffled).tolist() == expected
    with pytest.raises(KeyError):
        vp.visible_positions(every, pd.concat(
            [visible, pd.DataFrame({"venue_id": ["stranger"]}, index=[visible.index[0]])]))


def test_the_dataset_selects_with_the_fast_paths_as_the_simple_filters(occitanie):
    """A view of a random state equals selecting with the plain pandas operations."""
    from dashboard.dataset import get_published_dataset
    from dashboard.filters import ViewState

    data = get_published_dataset()
    reg = data.registry
    matrix = split_every_venue(reg.venues)
    for usages, mode, labels in [(("fablab",), "any", ()), (("coworking", "culture"), "all",
                                                             ("labellise",)), ((), "any", ())]:
        state = ViewState(usages=usages, usage_mode=mode, labels=labels)
        keep = pd.Series(True, index=reg.venues.index)
        if usages:
            m = matrix[list(usages)]
            keep &= m.all(axis=1) if mode == "all" else m.any(axis=1)
        if labels:
            keep &= reg.venues["label_status"].isin(labels)
        expected = reg.venues[keep]
        view = data.view(state)
        assert view.venues["venue_id"].tolist() == expected["venue_id"].tolist()
        assert sorted(view.funding["venue_id"]) == sorted(
            reg.funding.loc[reg.funding["venue_id"].isin(list(expected["venue_id"])),
                            "venue_id"])
        communes = data.communes
        assert view.kpis["communes_with_venue"] == int(
            communes["insee"].isin(list(expected["commune_insee"])).sum())


# --------------------------------------------------------------------------- indicator change


def apply_patch(figure: dict, operations: list[dict]) -> dict:
    """A dash ``Patch``'s ``Assign`` operations applied to a figure dict, as the browser
    does."""
    out = copy.deepcopy(figure)
    for op in operations:
        assert op["operation"] == "Assign", op
        *parents, last = op["location"]
        target = out
        for part in parents:
            target = target.setdefault(part, {}) if isinstance(part, str) else target[part]
        target[last] = op["params"]["value"]
    return out


META_KEYS = ("level", "color_by", "lang", "indicator", "departements")


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("before,after,deps", [
    ("venues", "pop_per_venue", ()), ("pop_per_venue", "funding_per_capita", ("31",)),
    ("venues_per_10k", "distance_km", ()), ("distance_km", "venues", ("09", "11")),
])
def test_an_indicator_change_patches_what_the_whole_figure_would_show(occitanie, before,
                                                                      after, deps, lang):
    from callbacks.map import update_map
    from dashboard.dataset import get_published_dataset
    from dashboard.filters import ViewState, state_to_dict
    from tests.test_map_packed import apply_draw

    data = get_published_dataset()
    state = ViewState(indicator=before, departements=deps, lang=lang, usages=("fablab",))
    shown, meta, _, shown_draw = update_map(state_to_dict(state), None)
    new = ViewState(indicator=after, departements=deps, lang=lang, usages=("fablab",))
    same, new_meta, _, draw = update_map(state_to_dict(new), meta)
    assert same is dash.no_update and draw["patch"] is not None  # no new figure
    assert new_meta["indicator"] == after
    ops = draw["patch"]["operations"]
    assert not any("geojson" in op["location"] or "locations" in op["location"] for op in ops)
    assert not any(a["kind"] == "subset" for a in draw["arrays"])  # the places stay
    whole, _, _, whole_draw = update_map(state_to_dict(new), None)
    # as the browser applies them: the figure, its packed arrays, then the Patch and its own
    patched = apply_draw(apply_draw(json.loads(to_json_plotly(shown)), shown_draw, data),
                         draw, data)
    expected = apply_draw(json.loads(to_json_plotly(whole)), whole_draw, data)
    assert len(expected["data"][0]["z"]) > 0
    assert json.dumps(patched["data"][0]) == json.dumps(expected["data"][0])  # NaN too
    assert patched["layout"] == expected["layout"]
    body = to_json_plotly([o for o in (same, new_meta, draw) if o is not dash.no_update])
    assert len(body.encode()) < 45_000


def test_an_indicator_change_with_a_department_change_sends_the_places_too(occitanie):
    from callbacks.map import update_map
    from dashboard.filters import ViewState, state_to_dict

    _, meta, _, _ = update_map(state_to_dict(ViewState()), None)
    _, _, _, draw = update_map(state_to_dict(ViewState(indicator="venues_per_10k",
                                                       departements=("48",))), meta)
    paths = {tuple(op["location"]) for op in draw["patch"]["operations"]}
    paths |= {tuple(a["path"]) for a in draw["arrays"]}  # packed (tests/test_map_packed.py)
    assert {("data", 0, "locations"), ("data", 0, "hovertemplate"), ("data", 0, "z"),
            ("layout", "map", "zoom")} <= paths


# --------------------------------------------------------------------------- one redraw


def test_the_map_caption_travels_with_the_map_not_in_a_second_redraw(occitanie):
    """The title and caption are in the whole figure and in each Patch (one plotly.js redraw
    per change); no other callback patches the map when the map changes."""
    from callbacks.map import update_map
    from callbacks.venues import highlight_selected_venue
    from dashboard.filters import ViewState, state_to_dict
    from layouts import ids
    from tests.test_callbacks import run_in_context

    fig, meta, _, _ = update_map(state_to_dict(ViewState()), None)
    (band,) = fig.layout.annotations
    assert band.name == "export-caption" and "Nombre de lieux" in band.text
    state = ViewState(departements=("31",), indicator="pop_per_venue")
    _, meta2, _, draw = update_map(state_to_dict(state), meta)
    ops = {tuple(op["location"]): op["params"]["value"] for op in draw["patch"]["operations"]}
    (caption,) = ops[("layout", "annotations")]
    assert "Haute-Garonne" in caption["text"] and "Habitants par lieu" in caption["text"]
    # nothing selected in the venue table: the redrawn map is left alone
    assert run_in_context(highlight_selected_venue, None, state_to_dict(state), meta2,
                          triggered=ids.MAP_META) == (dash.no_update, dash.no_update)
    from dash._callback import GLOBAL_CALLBACK_MAP

    import app  # noqa: F401  (registers every callback)

    registered = {**GLOBAL_CALLBACK_MAP, **app.app.callback_map}  # before / after setup
    patching_the_map = [key for key, cb in registered.items()
                        if f"{ids.MAP_GRAPH}.figure" in key
                        and {"id": ids.MAP_META, "property": "data"} in cb["inputs"]]
    assert len(patching_the_map) == 1  # the selected venue's highlight only
