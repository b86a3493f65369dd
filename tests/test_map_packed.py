"""The main map's values packed for the browser (issue 12): what the browser unpacks equals
the simple path's lists (``make_map_figure`` without packing), on random arrays and on the
callback's answers at regional and national scale; each map answer stays under 60 kB."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

import dash
import numpy as np
import pandas as pd
import pytest
from plotly.io.json import to_json_plotly

from dashboard import config
from dashboard import packed_arrays as pa
from dashboard.filters import state_to_dict
from dashboard.indicators import INDICATOR_IDS, applies_at
from tests.test_map_fast import apply_patch

# --------------------------------------------------------------------------- the browser

def layer_ids(data, url: str) -> list[str]:
    """What ``/geo/<region>/<level>-ids.json`` serves (``app.ids_body``)."""
    level = url.rsplit("/", 1)[1].removesuffix("-ids.json")
    ref = data.reference
    layer, column = {"commune": (ref.communes, "insee"), "epci": (ref.epcis, "siren"),
                     "departement": (ref.departements, "code")}[level]
    assert url == config.ids_url(ref.region, level)
    return [str(i) for i in layer[column]]


def layer_measures(data, url: str):
    """What ``/geo/<region>/<level>-measures.json`` serves (``app.measures_body``)."""
    level = url.rsplit("/", 1)[1].removesuffix("-measures.json")
    assert url == config.measures_url(data.reference.region, level)
    return data.layer_measures(level)


def browser_values(spec: dict, ids=None, measures=None) -> tuple[list, list | None]:
    """(values at ``spec["path"]``, values at ``spec["copy"]`` or None) as
    ``assets/packed_arrays.js`` assigns them; NaN stands for ``undefined``."""
    if spec["kind"] == "places":
        return pa.unpack_places(spec, ids).tolist(), None
    if spec["kind"] not in ("numbers", "ratio"):
        return pa.unpack(spec, ids).tolist(), None
    values = pa.unpack(spec, measures=measures)
    shown = [spec["unknown"] if v != v and "unknown" in spec else float(v) for v in values]
    return shown, (values.tolist() if "copy" in spec else None)


def apply_draw(figure: dict, draw: dict, data) -> dict:
    """The map's draw store applied to the figure shown, as the browser does it (the Patch,
    then the packed arrays; the markers are left out)."""
    ops = list((draw["patch"] or {}).get("operations", []))
    for spec in draw.get("arrays", []):
        ids = layer_ids(data, spec["url"]) if spec["kind"] in ("subset", "places") else None
        measures = layer_measures(data, spec["measures_url"]) if spec["kind"] == "ratio" \
            else None
        shown, copied = browser_values(spec, ids, measures)
        ops.append({"operation": "Assign", "location": spec["path"],
                    "params": {"value": shown}})
        if copied is not None:
            ops.append({"operation": "Assign", "location": spec["copy"],
                        "params": {"value": copied}})
    return apply_patch(figure, ops)


def flat(customdata: list) -> list:
    """The simple path's ``customdata`` (``[value]``, ``[]`` unknown) as the packed one's."""
    return [float(c[0]) if c else float("nan") for c in customdata]


def same_numbers(a, b) -> bool:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.array_equal(a, b, equal_nan=True))


# --------------------------------------------------------------------------- random arrays

def random_arrays(seed: int):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 3000))
    sparse = np.zeros(n)
    some = rng.random(n) < 0.05
    sparse[some] = rng.integers(1, 40, some.sum())
    with_nan = np.where(rng.random(n) < 0.9, np.nan, rng.random(n) * 1e4)
    dense = rng.random(n) * 80
    dense[rng.random(n) < 0.1] = np.nan
    return {"empty": np.zeros(0), "unknown": np.full(n, np.nan), "zeros": np.zeros(n),
            "sparse counts": sparse, "mostly unknown": with_nan, "dense": dense,
            "big": rng.random(n) * 1e11, "negative": rng.normal(0, 5, n),
            "one": np.array([3.14159265]), "halves": rng.integers(0, 9, n) / 4}


@pytest.mark.parametrize("seed", range(4))
def test_numbers_unpack_to_the_simple_paths_numbers(seed):
    """4 decimals, as ``figures/map._numbers`` writes them in JSON (NaN: unknown)."""
    from dashboard.figures.map import _numbers

    for name, values in random_arrays(seed).items():
        spec = pa.pack_numbers(values, ["data", 0, "z"])
        expected = [np.nan if v is None else v for v in _numbers(values)]
        got = pa.unpack_numbers(spec)
        assert same_numbers(got, expected), name
        assert json.loads(json.dumps(spec)) == spec  # plain JSON
        if name in ("zeros", "unknown", "sparse counts", "mostly unknown"):
            assert len(spec["bdata"]) < len(json.dumps(_numbers(values))) / 4 + 8, name


def test_smallest_encoding_is_chosen():
    zeros = pa.pack_numbers(np.zeros(34_871), ["z"])
    assert zeros["sparse"] and zeros["fill"] == 0 and len(zeros["bdata"]) < 200
    counts = np.zeros(34_871)
    counts[::35] = 3
    spec = pa.pack_numbers(counts, ["z"])
    assert spec["dtype"] == "u1" and spec["scale"] == 1 and len(spec["bdata"]) < 1_000
    unknown = pa.pack_numbers(np.full(5, np.nan), ["z"])
    assert unknown["fill"] is None and np.isnan(pa.unpack_numbers(unknown)).all()
    huge = pa.pack_numbers(np.array([1e12, 2.5]), ["z"])
    assert huge["dtype"] == "f8" and pa.unpack_numbers(huge).tolist() == [1e12, 2.5]


def js_to_fixed(x: float, digits: int) -> int:
    """``Number.prototype.toFixed``: the exact value of the double, a tie going up."""
    return int((Decimal(x) * 10 ** digits).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def test_rounding_as_the_browser_writes_numbers():
    cases = [0.25, 0.35, 2.675, 0.125, 1.005, 12.25, 0.05, 7.45, 1e-9, 99.95]
    rng = np.random.default_rng(1)
    cases += list(np.round(rng.random(2000) * 100, 4))
    for digits in (0, 1, 2):
        got = pa.shown_round(cases, digits)
        assert got.tolist() == [js_to_fixed(x, digits) for x in cases], digits
    assert pa.shown_round([0.25], 1).tolist() == [3]  # numpy's rint says 2


def test_values_rounded_to_the_digits_keep_their_colour_class():
    rng = np.random.default_rng(3)
    values = np.round(rng.random(500) * 40, 4)
    values[:4] = [12.3456, 12.35, 19.96, 12.3449]  # the last stays in its class
    edges = [0.0, 12.3456, 20.0, 40.0]
    spec = pa.pack_numbers(values, ["z"], decimals=1, edges=edges)
    got = pa.unpack_numbers(spec)
    for side in ("left", "right"):
        assert (np.searchsorted(edges, got, side) == np.searchsorted(edges, values, side)).all()
    exact = {i for i, _ in spec["exact"]}
    assert {0, 1, 2} <= exact and 3 not in exact and len(exact) < 100
    # many values on the edges: the exact ones travel as a sparse « numbers » array
    crowded = np.round(np.concatenate([values, 12.3456 + rng.normal(0, 0.02, 400)]), 4)
    spec = pa.pack_numbers(crowded, ["z"], decimals=1, edges=edges)
    got = pa.unpack_numbers(spec)
    assert isinstance(spec["exact"], dict) and spec["exact"]["sparse"]
    for side in ("left", "right"):
        assert (np.searchsorted(edges, got, side) == np.searchsorted(edges, crowded, side)).all()
    kept = ~np.isnan(pa.unpack_numbers(spec["exact"]))
    assert (got[kept] == crowded[kept]).all() and 20 < kept.sum() < 400
    rest = np.setdiff1d(np.arange(len(values)), list(exact))
    assert (np.rint(got[rest] * 10) == [js_to_fixed(v, 1) for v in values[rest]]).all()


# --------------------------------------------------------------------------- the callback

def simple_figure(data, state) -> dict:
    """The map of ``state`` the simple way (lists, no packing)."""
    from dashboard.config import geojson_url
    from dashboard.figures.map import make_map_figure

    values = data.level_values(state, state.level, distance=state.indicator == "distance_km")
    fig = make_map_figure(values, data.view(state).venues.iloc[:0], geojson_url=geojson_url(
        data.reference.region, state.level), view=data.view_bounds(state),
        indicator=state.indicator, color_by=state.color_by, lang=state.lang)
    return json.loads(to_json_plotly(fig))


def same_shown(got, simple, digits: int, edges) -> bool:
    """The same numbers, or (an array sent rounded to the indicator's digits) numbers the
    hover writes the same and that fall in the same colour class."""
    if same_numbers(got, simple):
        return True
    g, s = np.asarray(got, dtype=float), np.asarray(simple, dtype=float)
    known = ~np.isnan(s)
    assert np.array_equal(np.isnan(g), ~known)
    assert [js_to_fixed(x, digits) for x in g[known]] == [js_to_fixed(x, digits)
                                                          for x in s[known]]
    for side in ("left", "right"):
        assert (np.searchsorted(edges, g[known], side)
                == np.searchsorted(edges, s[known], side)).all()
    return True


def check_against_simple(data, state, shown: dict) -> None:
    from dashboard.indicators import get_indicator

    simple = simple_figure(data, state)["data"][0]
    got = shown["data"][0]
    assert got["locations"] == simple["locations"]
    digits, edges = get_indicator(state.indicator).digits, simple["colorbar"]["tickvals"]
    assert same_shown(got["z"], simple["z"], digits, edges)
    if simple.get("customdata"):
        assert same_shown(got["customdata"], flat(simple["customdata"]), digits, edges)
        assert got["hovertemplate"] == simple["hovertemplate"].replace(
            "%{customdata[0]:", "%{customdata:")
    else:
        assert got["customdata"] == [] and got["hovertemplate"] == simple["hovertemplate"]
    for key in ("zmin", "zmax", "colorscale", "colorbar", "hovertemplatefallback", "name"):
        assert got[key] == simple[key], key


def run_states(data, states, *, limit: int) -> None:
    from callbacks.map import update_map

    previous = None
    for state in states:
        fig, meta, _, draw = update_map({**state_to_dict(state)}, None)
        shown = apply_draw(json.loads(to_json_plotly(fig)), draw, data)
        check_against_simple(data, state, shown)
        size = len(to_json_plotly([fig, meta, draw]).encode())
        assert size < limit, (state, size)
        if previous is not None:  # the same state reached by a Patch from the previous one
            prev_fig, prev_meta, _, prev_draw = previous
            base = apply_draw(json.loads(to_json_plotly(prev_fig)), prev_draw, data)
            same, _, _, patch_draw = update_map(state_to_dict(state), prev_meta)
            if same is dash.no_update:
                patched = apply_draw(base, patch_draw, data)
                check_against_simple(data, state, patched)
                size = len(to_json_plotly([prev_meta, patch_draw]).encode())
                assert size < limit, (state, size)
        previous = (fig, meta, None, draw)


def regional_states():
    from dashboard.filters import ViewState

    states = []
    for level in ("commune", "epci", "departement"):
        for indicator in INDICATOR_IDS:
            if applies_at(indicator, level):
                states.append(ViewState(level=level, indicator=indicator))
                states.append(ViewState(level=level, indicator=indicator,
                                        departements=("31", "09"), usages=("fablab",)))
    return states


def test_the_callback_unpacks_to_the_simple_lists_regionally(occitanie):
    from dashboard.dataset import get_published_dataset

    run_states(get_published_dataset(), regional_states(), limit=60_000)


def test_the_callback_computes_one_colour_scale_per_answer(occitanie, monkeypatch):
    """The packed arrays and the Patch's colour bar come from one colour scale (its class
    breaks cost milliseconds): a whole figure and a Patch each compute it once."""
    from callbacks.map import update_map
    from dashboard.figures import map as fmap
    from dashboard.filters import ViewState

    calls = []
    real = fmap.color_scale
    monkeypatch.setattr(fmap, "color_scale", lambda *a, **k: calls.append(1) or real(*a, **k))
    state = ViewState(indicator="pop_per_venue")
    _, meta, _, _ = update_map(state_to_dict(state), None)
    assert len(calls) == 1
    _, _, _, draw = update_map(state_to_dict(ViewState(indicator="pop_per_venue",
                                                       usages=("fablab",))), meta)
    assert len(calls) == 2 and draw["patch"] is not None


def test_natural_breaks_end_where_mapclassify_loops_for_ever():
    """Eight EPCI values (Haute-Garonne and Ariège, fab labs, funding per inhabitant): a
    class empties and mapclassify's JenksCaspall never returns; elsewhere the same bins."""
    import mapclassify

    from dashboard.figures.map import _jenks_caspall

    stuck = np.array([0.51171524, 1.48035011, 1.63845388, 1.64216058, 2.66908852,
                      2.93817328, 3.19607925, 20.85744096])
    bins = _jenks_caspall(stuck, 5)
    assert bins[-1] == stuck.max() and len(bins) <= 5 and (np.diff(bins) > 0).all()
    rng = np.random.default_rng(0)
    for _ in range(30):
        x = np.unique(np.round(rng.lognormal(0, 1, rng.integers(20, 2000)), 3))
        assert np.array_equal(_jenks_caspall(x, 5), mapclassify.JenksCaspall(x, k=5).bins)


# --------------------------------------------------------------------------- national scale

def national_dataset(n_venues: int, seed: int = 0, n_communes: int | None = None):
    """The national layer (34,871 communes, overseas included) with ``n_venues`` venues: the
    published registry's rows drawn with replacement and moved to random communes of France
    (their codes, department, EPCI and reference point; among ``n_communes`` drawn first
    when given, as the bench's synthetic registry draws the census' places), with grants on
    some of them."""
    from dashboard.dataset import dataset_from_import, get_published_dataset
    from dashboard.reference import ReferenceError_, load_reference

    try:
        ref = load_reference(config.load_settings().cache_dir, "all", build_if_missing=False)
    except (FileNotFoundError, ReferenceError_):
        pytest.fail("Référentiel national absent : `make test` le construit (tierslieux data "
                    "build --region all, 20 s).")
    published = get_published_dataset()
    rng = np.random.default_rng(seed)
    pool = ref.communes if n_communes is None else ref.communes.sample(
        n_communes, random_state=seed)
    at = pool.sample(n_venues, replace=True, random_state=seed)
    venues = published.registry.venues.sample(n_venues, replace=True, random_state=seed)
    venues = venues.reset_index(drop=True).assign(
        venue_id=[f"N{i:05d}" for i in range(n_venues)],
        commune_insee=at["insee"].to_numpy(), commune_name=at["name"].to_numpy(),
        dep_code=at["dep_code"].to_numpy(), epci_siren=at["epci_siren"].to_numpy(),
        lon=at["ref_lon"].to_numpy() + rng.normal(0, 0.01, n_venues),
        lat=at["ref_lat"].to_numpy() + rng.normal(0, 0.01, n_venues))
    grants = venues.sample(n_venues // 3, random_state=seed)
    funding = pd.DataFrame({"venue_id": grants["venue_id"].to_numpy(),
                            "call_id": published.registry.calls["call_id"].iloc[0],
                            "amount_eur": rng.uniform(1_000, 90_000, len(grants)).round(2)})
    return dataset_from_import(ref, venues, published.registry.calls, funding, "national.csv")


@pytest.fixture(scope="module")
def france_1500():
    return national_dataset(1_500)


def test_the_callback_unpacks_to_the_simple_lists_nationally(france_1500, monkeypatch):
    """Whole France at commune level, every indicator: each whole figure and each filter
    change (a Patch) unpacks to the simple lists and stays under 60 kB."""
    import callbacks.map
    from dashboard.filters import ViewState

    monkeypatch.setattr(callbacks.map, "get_dataset", lambda *a, **k: france_1500)
    states = []
    for indicator in INDICATOR_IDS:
        states += [ViewState(indicator=indicator),
                   ViewState(indicator=indicator, labels=("labellise",))]
    states += [ViewState(level="epci", indicator="pop_per_venue"),
               ViewState(level="departement", indicator="funding_per_capita")]
    run_states(france_1500, states, limit=60_000)


def test_forty_thousand_venues_stay_under_60_kb_nationally(monkeypatch):
    """40,000 venues in 1,500 places (as the bench's synthetic registry: the census' rows
    drawn again)."""
    import callbacks.map
    from dashboard.filters import ViewState

    big = national_dataset(40_000, seed=4, n_communes=1_500)
    monkeypatch.setattr(callbacks.map, "get_dataset", lambda *a, **k: big)
    run_states(big, [ViewState(indicator=i) for i in INDICATOR_IDS]
               + [ViewState(indicator="venues", usages=("fablab",))], limit=60_000)


@pytest.fixture(scope="module")
def france_spread():
    """40,000 venues spread over all of France's communes (the most distinct values)."""
    return national_dataset(40_000, seed=4)


def test_forty_thousand_venues_over_every_commune_stay_under_60_kb(france_spread,
                                                                  monkeypatch):
    """40,000 venues spread over all of France's communes: a ratio per commune has 23,000
    distinct values (44–50 kB of « numbers », whole figures 63–72 kB); it travels as the
    venue counts, which the browser divides by the layer's measures (« ratio »). Each whole
    figure and filter change unpacks to the simple lists and stays under 60 kB."""
    import callbacks.map
    from dashboard.filters import ViewState

    big = france_spread
    monkeypatch.setattr(callbacks.map, "get_dataset", lambda *a, **k: big)
    states = []
    for indicator in INDICATOR_IDS:
        states += [ViewState(indicator=indicator),
                   ViewState(indicator=indicator, usages=("fablab", "coworking"))]
    run_states(big, states, limit=60_000)
    _, _, _, draw = callbacks.map.update_map(
        {**state_to_dict(ViewState(indicator="venues_per_10k"))}, None)
    assert [a["kind"] for a in draw["arrays"]] == ["places", "ratio"]


def test_base85_text_has_no_character_json_escapes():
    """« < », « > » (and « / », « \\ », « " ») would cost 6 bytes each in Dash's JSON."""
    data = bytes(range(256)) * 40
    text = pa.b85_text(data)
    assert not set(text) & set('<>/\\"') and {",", "."} <= set(text)
    assert pa.b85_bytes(text) == data and len(text) == 5 * len(data) // 4
    assert len(to_json_plotly(text)) == len(text) + 2
    for n in range(1, 9):  # a last group of 1 to 3 bytes
        assert pa.b85_bytes(pa.b85_text(data[:n])) == data[:n]


def test_every_tab_with_forty_thousand_venues_over_every_commune_stays_under_60_kb(
        france_spread, monkeypatch):
    """The other panels' answers with the same registry, nationally: key figures, the
    coverage map (whole figure and Patch, 15 and 50 km) and its tables, hybridation (its
    usage mix has 101 departments: 71 kB before its percents went as whole numbers),
    funding and the venue grid's first page."""
    import importlib

    from dashboard.filters import ViewState

    for name in ("coverage", "roadmap", "hybridation", "funding", "venues", "kpis"):
        module = importlib.import_module(f"callbacks.{name}")
        if hasattr(module, "get_dataset"):
            monkeypatch.setattr(module, "get_dataset", lambda *a, **k: france_spread)
    from callbacks.coverage import update_coverage_map, update_coverage_tables
    from callbacks.funding import update_funding
    from callbacks.hybridation import update_hybridation
    from callbacks.kpis import update_kpis
    from callbacks.venues import update_venue_rows

    def size(answer) -> int:
        return len(to_json_plotly(answer).encode())

    sizes = {}
    meta = None
    for radius, usages in ((15, ()), (15, ("fablab",)), (50, ()), (50, ("coworking",))):
        state = state_to_dict(ViewState(tab="couverture", radius_km=radius, usages=usages))
        whole = update_coverage_map(state, "couverture", None)
        sizes[f"coverage map {radius} {usages}"] = size(whole)
        if meta is not None:
            sizes[f"coverage Patch {radius} {usages}"] = size(
                update_coverage_map(state, "couverture", meta))
        meta = whole[1]
        sizes[f"coverage tables {radius} {usages}"] = size(update_coverage_tables(state))
    for lang in ("fr", "en"):
        sizes[f"hybridation {lang}"] = size(update_hybridation(
            state_to_dict(ViewState(tab="hybridation", lang=lang))))
    sizes["funding"] = size(update_funding(state_to_dict(ViewState(tab="financements")),
                                           "departement"))
    sizes["venues"] = size(update_venue_rows(
        {"startRow": 0, "endRow": 50, "sortModel": [], "filterModel": {}},
        state_to_dict(ViewState(tab="lieux")), ""))
    sizes["key figures"] = size(update_kpis(state_to_dict(ViewState())))
    assert max(sizes.values()) < 60_000, sizes
