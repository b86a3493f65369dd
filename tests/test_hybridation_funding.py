"""Hybridation and funding numbers, on hand-made fixtures with hand counts."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from dashboard import funding, hybridation
from dashboard.export import neutralise, to_csv_bytes
from dashboard.venue_table import export_frame, venue_rows


@pytest.fixture
def venues():
    """Six venues. Usages: a coworking+fablab, b fablab+coworking+culture, c coworking,
    d fablab, e unknown, f culture+fablab. Departments 31, 31, 32, 32, 32, 81."""
    return pd.DataFrame({
        "venue_id": list("abcdef"),
        "name": ['=HYPERLINK("x")', "B", "C", "D", "E", "F"],
        "commune_name": ["Toulouse", "Muret", "Auch", "Condom", "Lectoure", "Albi"],
        "dep_code": ["31", "31", "32", "32", "32", "81"],
        "usages": ["coworking|fablab", "coworking|fablab|culture", "coworking", "fablab", "",
                   "fablab|culture"],
        "label_status": ["labellise"] * 3 + ["candidat", "inconnu", "non_labellise"],
        "label_year": pd.array([2018, 2019, 2021, None, None, None], dtype="Int64"),
        "opened_year": pd.array([2010, 2012, 2015, 2020, None, 2019], dtype="Int64"),
        "url": ["https://a.example", "javascript:alert(1)", "", "http://d.example/x",
                "https://e.example/a)b", ""],
    })


def test_usage_count_distribution(venues):
    dist = hybridation.usage_count_distribution(venues)
    assert dist.to_dict() == {0: 1, 1: 2, 2: 2, 3: 1}


def test_usage_shares_leave_unknown_out(venues):
    shares = hybridation.usage_shares(venues)
    assert shares["fablab"] == pytest.approx(4 / 5)
    assert shares["coworking"] == pytest.approx(3 / 5)
    assert shares["culture"] == pytest.approx(2 / 5)


def test_cooccurrence_against_a_pairwise_count(venues):
    counts, shares = hybridation.cooccurrence(venues)
    sets = [set(u.split("|")) - {""} for u in venues["usages"]]
    for a, b in itertools.product(["coworking", "fablab", "culture"], repeat=2):
        assert counts.at[a, b] == sum(1 for s in sets if a in s and b in s)
    # « 50 % des fablabs sont aussi des espaces de coworking » (2 of 4)
    assert shares.at["fablab", "coworking"] == pytest.approx(0.5)
    assert shares.at["coworking", "fablab"] == pytest.approx(2 / 3)
    assert np.isnan(shares.at["living_lab", "fablab"])  # no living lab: no share


def test_top_combinations_counted_by_hand(venues):
    combos = hybridation.top_combinations(venues)
    as_dict = {c: n for c, n in zip(combos["usages"], combos["venues"])}
    assert as_dict == {("coworking", "fablab"): 1, ("coworking", "fablab", "culture"): 1,
                       ("coworking",): 1, ("fablab",): 1, ("fablab", "culture"): 1}
    assert combos["venues"].sum() == 5  # every venue with known usages, once


def test_usage_mix_rows_sum_to_one(venues):
    mix = hybridation.usage_mix_by_department(venues)
    assert mix.sum(axis=1).to_numpy() == pytest.approx([1, 1, 1])
    # department 31: coworking 2, fablab 2, culture 1 → 2/5, 2/5, 1/5
    assert mix.loc["31", ["coworking", "fablab", "culture"]].tolist() == pytest.approx(
        [0.4, 0.4, 0.2])


CALLS = pd.DataFrame({
    "call_id": ["c16", "c18", "c21"], "programme": ["FabRégion", "Label", "Label"],
    "name": ["Appel 2016", "Appel 2018", "Appel 2021"],
    "year": pd.array([2016, 2018, 2021], dtype="Int64"),
    "envelope_eur": pd.array([1000.0, 500.0, None], dtype="Float64"),
    "winners": pd.array([2, None, None], dtype="Int64"),
    "source_url": ["https://s.example"] * 3,
})
GRANTS = pd.DataFrame({"venue_id": ["a", "b", "c", "d", "e"],
                       "call_id": ["c16", "c16", "c18", "c18", "c21"],
                       "amount_eur": [600.0, 400.0, 300.0, 100.0, 90.0]})


def test_call_summary(venues):
    s = funding.call_summary(GRANTS, CALLS)
    assert s["recorded_eur"].tolist() == [1000.0, 400.0, 90.0]
    assert s["venues_funded"].tolist() == [2, 2, 1]
    assert s["median_grant_eur"].tolist() == [500.0, 200.0, 90.0]
    assert s["envelope_status"].tolist() == ["equal", "under", "unknown"]
    assert s.at["c18", "gap_eur"] == -100.0


def test_funding_by_department_and_by_usage_add_up(venues):
    by_dep = funding.funding_by_call(GRANTS, venues, "departement")
    assert by_dep.loc["c16"].to_dict() == {"31": 1000.0, "32": 0.0}
    assert by_dep.loc["c18"].to_dict() == {"31": 0.0, "32": 400.0}
    by_usage = funding.funding_by_call(GRANTS, venues, "usage")
    assert by_usage.sum(axis=1).to_dict() == pytest.approx(by_dep.sum(axis=1).to_dict())
    # b (400) is split three ways among coworking, fablab and culture
    assert by_usage.at["c16", "culture"] == pytest.approx(400 / 3)
    assert by_usage.at["c16", "coworking"] == pytest.approx(300 + 400 / 3)
    assert by_usage.at["c21", funding.UNKNOWN_USAGE] == 90.0  # e: usages unknown


def test_cumulative_and_per_capita(venues):
    cum = funding.cumulative_by_year(GRANTS, CALLS)
    assert cum["cumulative_eur"].tolist() == [1000.0, 1400.0, 1490.0]
    communes = pd.DataFrame({"dep_code": ["31", "31", "32", "81"],
                             "population": [1000, 1000, 490, 10]})
    pc = funding.funding_per_capita_by_department(GRANTS, venues, communes)
    assert pc["per_capita_eur"].to_dict() == pytest.approx({"31": 0.5, "32": 1.0, "81": 0.0})


def test_venue_rows_render_links_only_for_http(venues):
    rows = {r["venue_id"]: r for r in venue_rows(venues, GRANTS, "fr")}
    assert rows["a"]["url_link"] == r"[a\.example](https://a.example)"
    assert rows["b"]["url_link"] == ""  # javascript: never becomes a link
    assert rows["e"]["url_link"] == ""  # parentheses could break out of the markdown link
    assert rows["a"]["funding_eur"] == 600.0 and rows["f"]["funding_eur"] == 0.0
    assert rows["e"]["usages"] == "non renseignés"
    assert rows["a"]["usages"] == "Coworking, Fablab / makerspace"


@pytest.mark.parametrize("value, expected", [
    ("=SUM(A1)", "'=SUM(A1)"), ("+33 1", "'+33 1"), ("-5", "'-5"), ("@x", "'@x"),
    ("Lieu", "Lieu"), (12.5, 12.5)])
def test_formula_injection_is_neutralised(value, expected):
    assert neutralise(value) == expected


def test_export_is_exactly_the_rows_shown(venues):
    shown = [r for r in venue_rows(venues, GRANTS, "fr") if r["dep_code"] == "32"]
    frame = export_frame(shown, "fr")
    assert frame["Identifiant du lieu"].tolist() == ["c", "d", "e"]
    assert list(frame.columns)[:3] == ["Identifiant du lieu", "Nom", "Commune"]
    text = to_csv_bytes(export_frame(venue_rows(venues, GRANTS, "fr"), "fr")).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ";600,0;" in text


# ----------------------------------------------------------------- one look for every figure

def _every_chart(venues, lang):
    from dashboard.figures import coverage as fcov
    from dashboard.figures import funding as ffund
    from dashboard.figures import hybridation as fhyb

    names = {"31": "Haute-Garonne", "32": "Gers", "81": "Tarn"}
    counts, shares = hybridation.cooccurrence(venues)
    summary = funding.call_summary(GRANTS, CALLS)
    communes = pd.DataFrame({"dep_code": ["31", "32", "81"], "population": [10, 20, 30]})
    by_dep = pd.DataFrame({"coverage_rate": [0.5], "covered_population": [5],
                           "population": [10], "uncovered_population": [5]}, index=["31"])
    return [
        fhyb.make_usage_count_bars(hybridation.usage_count_distribution(venues), lang=lang),
        fhyb.make_cooccurrence_heatmap(counts, shares, lang=lang),
        fhyb.make_upset(hybridation.top_combinations(venues), lang=lang),
        fhyb.make_usage_mix(hybridation.usage_mix_by_department(venues), names, lang=lang),
        fhyb.make_national_comparison(hybridation.usage_shares(venues),
                                      hybridation.NATIONAL_SHARES, lang=lang),
        ffund.make_funding_by_call(funding.funding_by_call(GRANTS, venues, "departement"),
                                   summary, names, by="departement", lang=lang),
        ffund.make_cumulative(funding.cumulative_by_year(GRANTS, CALLS), lang=lang),
        ffund.make_per_capita(funding.funding_per_capita_by_department(GRANTS, venues,
                                                                       communes),
                              names, lang=lang),
        fcov.make_coverage_bars(by_dep, pd.Series(names), radius_km=10, lang=lang),
    ]


@pytest.mark.parametrize("lang, separators", [("fr", ",\u202f"), ("en", ".,")])
def test_every_chart_takes_the_template_of_its_language(venues, lang, separators):
    import plotly.io as pio

    from dashboard.figures.theme import template_name

    for fig in _every_chart(venues, lang):
        layout = fig.layout
        assert layout.template == pio.templates[template_name(lang)]
        assert layout.template.layout.separators == separators
        # nothing the template says is repeated by the figure
        assert layout.separators is None and layout.font.family is None
        assert layout.plot_bgcolor is None and layout.title.text


def test_every_graph_of_the_page_hides_the_cloud_links():
    from dash import dcc

    from layouts.page import PageMeta, make_layout

    meta = PageMeta(departements=(("31", "Haute-Garonne"),), calls=(("c", "Appel"),),
                    year_bounds=(2016, 2021), is_demo=True, source_label="demo.csv",
                    n_communes=4)
    graphs = []

    def walk(node):
        if isinstance(node, dcc.Graph):
            graphs.append(node)
        children = getattr(node, "children", None)
        for child in children if isinstance(children, (list, tuple)) else [children]:
            if child is not None and hasattr(child, "to_plotly_json"):
                walk(child)

    walk(make_layout(meta))
    assert len(graphs) >= 10  # map, coverage map and bars, hybridation, funding
    for graph in graphs:
        assert graph.config["showSendToCloud"] is False, graph.id
        assert graph.config["displaylogo"] is False, graph.id


# ----------------------------------------------------------------- fast paths (issue 12)

def _random_venues(n: int, seed: int) -> pd.DataFrame:
    """``n`` venues with random usage sets (a fifth unknown) over four departments."""
    from dashboard import schema

    rng = np.random.default_rng(seed)
    codes = list(schema.USAGE_CODES)
    usages = ["|".join(c for c in codes if rng.random() < 0.3) if rng.random() > 0.2 else ""
              for _ in range(n)]
    return pd.DataFrame({"venue_id": [f"v{i}" for i in range(n)],
                         "dep_code": rng.choice(["09", "31", "32", "81"], n),
                         "usages": usages})


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_usage_tables_against_a_plain_loop_on_random_registries(seed):
    from collections import Counter

    from dashboard import schema
    from dashboard.registry import usage_matrix

    venues = _random_venues(500, seed)
    sets = [[c for c in schema.USAGE_CODES if c in u.split("|")] for u in venues["usages"]]
    m = usage_matrix(venues)
    assert m.to_numpy().tolist() == [[c in s for c in schema.USAGE_CODES] for s in sets]
    # combinations: counted by a Counter (first appearance first among ties)
    seen = Counter(tuple(s) for s in sets if s)
    expected = sorted(seen.items(), key=lambda kv: (-kv[1], len(kv[0])))[:12]
    combos = hybridation.top_combinations(venues)
    assert list(zip(combos["usages"], combos["venues"])) == expected
    assert combos["size"].tolist() == [len(u) for u, _ in expected]
    mix = hybridation.usage_mix_by_department(venues)
    for dep in mix.index:
        offered = Counter(c for s, d in zip(sets, venues["dep_code"]) if d == dep for c in s)
        total = sum(offered.values())
        assert mix.loc[dep].to_dict() == pytest.approx(
            {c: offered[c] / total for c in mix.columns})


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_plain_charts_equal_the_validated_figures(venues, lang):
    """The charts skip plotly's validation: the validated figure built from the same dict
    is the same figure (a misspelt property or a wrong value would fail here)."""
    import json

    import plotly.graph_objects as go
    from plotly.io.json import to_json_plotly

    for fig in _every_chart(venues, lang)[:-1]:  # the last one, coverage, is validated
        validated = go.Figure(fig.to_dict())
        assert json.loads(to_json_plotly(validated)) == json.loads(to_json_plotly(fig))


def test_a_chart_built_with_its_caption_equals_the_chart_captioned_afterwards(venues):
    from dashboard.figures import funding as ffund
    from dashboard.figures import hybridation as fhyb
    from dashboard.figures.exporting import with_caption

    caption = "Haute-Garonne · usages : Fablab<br>Source : venues.csv · le 29 novembre 2026"
    counts, shares = hybridation.cooccurrence(venues)
    for make in (lambda **kw: fhyb.make_cooccurrence_heatmap(counts, shares, **kw),
                 lambda **kw: fhyb.make_usage_mix(hybridation.usage_mix_by_department(
                     venues), {}, **kw),
                 lambda **kw: ffund.make_cumulative(funding.cumulative_by_year(GRANTS, CALLS),
                                                    **kw)):
        assert make(lang="fr", caption=caption).to_dict() == with_caption(
            make(lang="fr"), caption).to_dict()


def test_panel_tables_are_computed_once_per_selection():
    """The tables behind the hybridation and funding charts are those of the selection,
    kept per selection: the other language (or the other stacking's common tables) reuses
    them."""
    from dataclasses import replace

    from dashboard.dataset import get_published_dataset
    from dashboard.filters import ViewState

    data = get_published_dataset("demo")
    data.cache.clear()
    state = ViewState(tab="hybridation", departements=("31", "81"), usages=("fablab",))
    view = data.view(state)
    tables = hybridation.panel_tables(data, state)
    pd.testing.assert_frame_equal(tables["combinations"],
                                  hybridation.top_combinations(view.venues))
    pd.testing.assert_frame_equal(tables["mix"], hybridation.usage_mix_by_department(view.venues))
    assert hybridation.panel_tables(data, replace(state, lang="en")) is tables
    money = funding.panel_tables(data, state, "usage")
    pd.testing.assert_frame_equal(money["by_call"],
                                  funding.funding_by_call(view.funding, view.venues, "usage"))
    pd.testing.assert_frame_equal(money["summary"],
                                  funding.call_summary(view.funding, data.registry.calls))
    other = funding.panel_tables(data, replace(state, lang="en"), "departement")
    assert other["summary"] is money["summary"] and other["by_call"] is not money["by_call"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_usage_mix_hover_writes_format_percents_text(venues, lang):
    """The usage mix sends each bar's percent as a whole number, its sign in the hover
    template: the hover reads exactly what ``format_percent`` writes (ties included), and
    the bars are the shares (single precision)."""
    from dashboard import schema
    from dashboard.figures import hybridation as fhyb
    from dashboard.i18n import format_percent

    mix = hybridation.usage_mix_by_department(venues)
    mix.iloc[0, :3] = [0.125, 0.135, 0.74]  # ties at the unit: the rounding is format_percent's
    fig = fhyb.make_usage_mix(mix, {"31": "Haute-Garonne"}, lang=lang)
    for trace in fig.data:
        code = next(c for c in mix.columns if schema.usage_label(c, lang) == trace.name)
        template = trace.hovertemplate
        shown = [template.split(" : ")[1].replace("%{customdata}", str(v))
                 .removesuffix("<extra></extra>") for v in trace.customdata]
        assert shown == [format_percent(v, lang, 0) for v in mix[code]]
        np.testing.assert_allclose(np.asarray(trace.x, dtype=float), mix[code], rtol=1e-7)


def test_funding_by_call_stacks_the_largest_departments_and_the_others_together():
    """20 departments (a national registry) for 13 colours: the 9 largest by total, in
    their order, and « autres départements (11) », each call's total unchanged; 13 or fewer
    (Occitanie) stack as they are."""
    from dashboard.figures import funding as ffund

    rng = np.random.default_rng(3)
    codes = [f"{i:02d}" for i in range(1, 21)]
    table = pd.DataFrame(rng.integers(0, 1000, (3, 20)).astype(float), index=CALLS["call_id"],
                         columns=codes)
    summary = funding.call_summary(GRANTS, CALLS)
    names = {c: f"Département {c}" for c in codes}
    fig = ffund.make_funding_by_call(table, summary, names, by="departement", lang="fr")
    bars = [tr for tr in fig.data if tr.type == "bar"]
    largest = table.sum().sort_values(ascending=False, kind="stable").index[:9]
    assert [b.name for b in bars[:9]] == [f"{c} Département {c}"
                                           for c in codes if c in set(largest)]
    assert bars[9].name == "autres départements (11)" and len(bars) == 10
    others = [c for c in codes if c not in set(largest)]
    np.testing.assert_allclose(bars[9].y, table[others].sum(axis=1))
    np.testing.assert_allclose(np.sum([b.y for b in bars], axis=0), table.sum(axis=1))
    fig13 = ffund.make_funding_by_call(table.iloc[:, :13], summary, names, by="departement",
                                       lang="en")
    assert [b.name for b in fig13.data if b.type == "bar"] == [f"{c} Département {c}"
                                                              for c in codes[:13]]
