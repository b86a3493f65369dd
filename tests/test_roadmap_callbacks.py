"""Roadmap permalink, edits and callbacks (called as functions with a fake context)."""

from __future__ import annotations

import base64
import datetime as dt
from contextvars import copy_context

import dash
import pytest
from dash._callback_context import context_value
from dash._utils import AttributeDict

from callbacks.roadmap import (
    export_roadmap,
    update_roadmap_panel,
    update_roadmap_state,
    update_roadmap_timeline,
)
from callbacks.state import update_view_state
from dashboard import coverage, roadmap
from dashboard import roadmap_state as rs
from dashboard.dataset import RoadmapOptions, get_published_dataset, session_travel_times
from dashboard.filters import ViewState, state_to_dict
from dashboard.i18n import format_int, format_percent
from layouts import ids

NNBSP = "\u202f"


def in_context(func, *args, trigger=None, value=None):
    def run():
        prop = (f"{trigger}.value" if isinstance(trigger, str) else
                f"{dash._utils.stringify_id(trigger)}.n_clicks") if trigger else "."
        context_value.set(AttributeDict(triggered_inputs=[{"prop_id": prop, "value": value}],
                                        outputs_list=[]))
        return func(*args)
    return copy_context().run(run)


def state_call(search, current=None, trigger=None, value=None, tt=None, filename=None):
    controls = [None] * 12
    names = [c for c, _ in __import__("callbacks.roadmap", fromlist=["x"])._CONTROL_INPUTS]
    if trigger in names:
        controls[names.index(trigger)] = value
    return in_context(update_roadmap_state, search, *controls, [], [], filename, current, None,
                      "fr", trigger=trigger, value=value)


# ----------------------------------------------------------------- permalink and edits

def test_roadmap_link_round_trip_and_unknown_values(occitanie):
    venues = get_published_dataset().registry.venues["venue_id"]
    state, ignored = rs.parse_roadmap_query(
        "?vue=couverture&candidats=les_deux&popmin=500&annee=2019"
        "&scenario=31555,v:demo-042,-v:DEMO-001,99999&nom=Priorité Gers&scenario2=32013"
        "&annee_x=1", occitanie.communes["insee"], venues)
    assert state.candidates == "both" and state.min_population == 500 and state.year == 2019
    assert state.scenarios[0] == roadmap.Scenario(add=("31555", "v:DEMO-042"),
                                                  remove=("v:DEMO-001",), name="Priorité Gers")
    assert state.scenarios[1].add == ("32013",)
    assert ignored == [("scenario", "99999")]
    again, _ = rs.parse_roadmap_query("?" + "&".join(f"{k}={v}" for k, v in
                                                     rs.roadmap_query(state)),
                                      occitanie.communes["insee"], venues)
    assert again == state
    bad, ignored = rs.parse_roadmap_query("?candidats=tous&popmin=-3&annee=1850",
                                          occitanie.communes["insee"], venues)
    assert bad == rs.RoadmapState()
    assert ignored == [("candidats", "tous"), ("popmin", "-3"), ("annee", "1850")]


def test_filters_link_keeps_the_roadmap_and_does_not_report_it(occitanie):
    search = "?vue=couverture&rayon=20&scenario=31555&annee=2019"
    out = in_context(update_view_state, search, dict.fromkeys(ids.CONTROLS), None, None, None,
                     None, None, trigger=ids.URL)
    link, store, shown = out["search"], out["store"], out["show_notice"]
    assert shown is False and store["radius_km"] == 20
    assert link == "?vue=couverture&rayon=20&scenario=31555&annee=2019"
    assert rs.strip_roadmap_params(search) == "?vue=couverture&rayon=20"


def test_clicks_toggle_sites():
    s = rs.RoadmapState()
    s = rs.click_site(s, {"curveNumber": 0, "location": "31555"})
    s = rs.click_site(s, {"curveNumber": rs.CURVE_SUGGESTIONS, "customdata": "v:DEMO-042"})
    s = rs.click_site(s, {"curveNumber": rs.CURVE_VENUES, "customdata": "v:DEMO-001"})
    assert s.scenario.add == ("31555", "v:DEMO-042") and s.scenario.remove == ("v:DEMO-001",)
    s = rs.click_site(s, {"curveNumber": 3, "location": "31555"})  # again: taken out
    s = rs.click_site(s, {"curveNumber": rs.CURVE_SITES, "customdata": "v:DEMO-001"})  # back
    assert s.scenario.add == ("v:DEMO-042",) and s.scenario.remove == ()
    s = rs.new_scenario(rs.new_scenario(rs.new_scenario(s)))
    assert len(s.scenarios) == rs.MAX_SCENARIOS and s.active == 2


def test_site_list_file():
    text = "site\n31555\nv:DEMO-042;ignored\n\n32013,32208,v:DEMO-001\n".encode()
    assert rs.read_site_list(text) == ["site", "31555", "v:DEMO-042", "32013", "32208",
                                       "v:DEMO-001"]


# ----------------------------------------------------------------- callbacks

def test_state_callback_from_link_then_suggestion_button(occitanie):
    out = state_call("?vue=couverture&scenario=31555&nom=Essai", trigger=ids.URL)
    store, link, notice, shown = out[:4]
    assert store["scenarios"] == [{"add": ["31555"], "remove": [], "name": "Essai"}]
    assert link is dash.no_update and shown is False
    out = state_call("?vue=couverture&scenario=31555&nom=Essai", current=store,
                     trigger={"type": ids.ROADMAP_ADD, "site": "32013"}, value=1)
    assert out[0]["scenarios"][0]["add"] == ["31555", "32013"]
    assert out[1] == "?vue=couverture&scenario=31555,32013&nom=Essai"
    # a button that only appeared (n_clicks None) changes nothing
    out = state_call("", current=store, trigger={"type": ids.ROADMAP_ADD, "site": "1"},
                     value=None)
    assert all(o is dash.no_update for o in out)


def test_panel_before_after_matches_the_domain(occitanie):
    data = get_published_dataset()
    view = state_to_dict(ViewState(tab="couverture", radius_km=10, usages=("fablab",)))
    road = rs.roadmap_to_dict(rs.RoadmapState(scenarios=(
        roadmap.Scenario(add=("32013", "12202")), roadmap.Scenario(add=("81105",)))))
    chips, newly, rate, zones, table, compare, measure, as_of = update_roadmap_panel(view, road)
    reach = data.registry.venues[data.registry.venues["usages"].str.contains("fablab")]
    before = coverage.commune_distances(occitanie.communes, reach)
    ref = occitanie.communes.set_index("insee")
    pts = list(zip(reach["lon"], reach["lat"])) + [
        (ref.at[c, "ref_lon"], ref.at[c, "ref_lat"]) for c in ("32013", "12202")]
    after = coverage.commune_distances(occitanie.communes, coverage_sites(pts))
    b, a = coverage.coverage_summary(before, 10), coverage.coverage_summary(after, 10)
    assert newly.replace(NNBSP, "") == "+" + str(a["covered_population"]
                                                 - b["covered_population"])
    assert rate == f"{format_percent(b['coverage_rate'])} → {format_percent(a['coverage_rate'])}"
    left = coverage.zones_blanches(after, 10, "commune")
    assert format_int(len(left)) in zones
    assert "Distance à vol d'oiseau" in measure and as_of == ""
    head = [c.children for c in compare.children[0].children.children]
    assert head[2:] == ["Scénario 1", "Scénario 2"]


def coverage_sites(points):
    import pandas as pd

    return pd.DataFrame({"venue_id": [str(i) for i in range(len(points))],
                         "lon": [p[0] for p in points], "lat": [p[1] for p in points]})


def test_year_and_travel_times_through_the_callbacks(occitanie):
    """A travel-time table uploaded by the session: the panel measures in minutes and says
    where the table comes from; the year control shows the network as it stood."""
    table = ("origin_insee,destination_insee,minutes\n31069,31555,15\n31149,31555,22\n"
             "31555,abc,3\n").encode()
    contents = "data:text/csv;base64," + base64.b64encode(table).decode()
    out = state_call("?vue=couverture", current=rs.roadmap_to_dict(rs.RoadmapState()),
                     trigger=ids.ROADMAP_TT_UPLOAD, value=contents, filename="temps.csv")
    store = out[0]
    assert store["travel_times"] and out[8] is False  # minutes control enabled
    store["year"] = 2015
    view = state_to_dict(ViewState(tab="couverture"))
    *_, measure, as_of = update_roadmap_panel(view, store)
    assert "temps.csv" in measure and "à moins de 20 min" in measure
    assert "ligne 4, colonne destination_insee" in measure
    assert as_of.startswith("Situation au 31/12/2015")
    data = get_published_dataset()
    tt = session_travel_times(store["travel_times"])
    report = data.roadmap_coverage(ViewState(tab="couverture"),
                                   RoadmapOptions(year=2015, minutes=20,
                                                  travel_times=store["travel_times"]), tt)
    venues, _ = roadmap.venues_as_of(data.registry.venues, 2015)
    expected = coverage.coverage_summary(coverage.commune_distances(
        occitanie.communes, venues, tt), 20)
    assert report.summary["covered_population"] == expected["covered_population"] > 0
    assert report.summary["minutes"] == 20
    fig, waves = update_roadmap_timeline(view, store)
    assert fig.data[0].x[-1] == 2015
    out = in_context(export_roadmap, None, 1, view, store, trigger=ids.ROADMAP_TIMELINE_EXPORT)
    assert out["filename"] == f"couverture-par-annee_20-min_occitanie_{dt.date.today()}.csv"
    header = base64.b64decode(out["content"]).decode("utf-8-sig").splitlines()[0]
    assert header == ("Année;Échelle;Code département;Département;Lieux;Population;"
                      "Population couverte;Taux de couverture (%)")


def test_scenario_export_lists_every_scenario(occitanie):
    view = state_to_dict(ViewState(tab="couverture"))
    road = rs.roadmap_to_dict(rs.RoadmapState(scenarios=(
        roadmap.Scenario(add=("32013",), name="Auch"), roadmap.Scenario(remove=("v:DEMO-001",)))))
    out = in_context(export_roadmap, 1, None, view, road, trigger=ids.ROADMAP_EXPORT)
    text = base64.b64decode(out["content"]).decode("utf-8-sig").splitlines()
    assert text[0].startswith("Scénario;Sites (codes);Échelle;Code;Territoire;Population;"
                              "Population couverte avant;Taux de couverture avant (%)")
    assert sum(line.startswith("Auch;32013;") for line in text) == 14  # region + 13
    assert any(line.startswith("Scénario 2;'-v:DEMO-001;Région") for line in text)
    assert out["filename"] == f"scenarios_occitanie_{dt.date.today()}.csv"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_timeline_of_a_registry_without_years_says_so(occitanie, real_registry_path, lang):
    """The 2017 census has no opening year: no curve, and the chart says why."""
    from dashboard import registry
    from dashboard.dataset import dataset_from_import

    data = get_published_dataset()
    venues, _ = registry.validate_venues(_census(real_registry_path), occitanie.communes,
                                         data.reference.departements)
    imported = dataset_from_import(data.reference, venues, data.registry.calls, None, "census")
    by_year, waves, counts = imported.roadmap_timeline(ViewState(), RoadmapOptions())
    assert by_year.empty and counts["without_opened_year"] == len(venues)
    assert waves["wave_id"].tolist() == [""]  # no call, no label year: one row, outside waves
    from dashboard.dataset import save_session_dataset

    view = {**state_to_dict(ViewState(tab="couverture", lang=lang)),
            "dataset": save_session_dataset(imported)}
    fig, _ = update_roadmap_timeline(view, rs.roadmap_to_dict(rs.RoadmapState()))
    assert len(fig.data) == 0
    note = fig.layout.annotations[0].text
    assert note.startswith(f"{len(venues)} ") and ("courbe" if lang == "fr" else "curve") in note


def _census(path):
    import pandas as pd

    raw = pd.read_csv(path, dtype=str)
    return pd.DataFrame({"venue_id": raw["member_id"], "name": raw["nom"], "lat": raw["lat"],
                         "lon": raw["lng"], "commune_insee": ""})


@pytest.mark.parametrize("kind, lang, words", [
    ("communes", "fr", "communes d'au moins 500 habitants"),
    ("venues", "fr", "lieux existants du territoire qui ne correspondent pas aux filtres"),
    ("both", "en", "at least 500 inhabitants with no venue and existing venues"),
])
def test_suggestion_help_follows_the_candidates(kind, lang, words):
    from callbacks.roadmap import update_suggestions_help

    road = rs.roadmap_to_dict(rs.RoadmapState(candidates=kind, min_population=500))
    assert words in update_suggestions_help(road, lang)


def test_a_scenario_from_other_data_keeps_only_known_sites(tiny):
    from tests.test_roadmap import venues_frame

    venues = venues_frame([("V1", "31001", "labellise", 2018, 2015)])
    net = roadmap.scenario_network(venues, venues, tiny.communes, roadmap.Scenario(
        add=("v:GONE", "99999", "32001")))
    assert net["site_id"].tolist() == ["v:V1", "32001"]


def test_roadmap_controls_follow_the_language():
    from callbacks.roadmap import update_roadmap_texts

    road = rs.roadmap_to_dict(rs.RoadmapState(scenarios=(roadmap.Scenario(name="Plan A"),
                                                         roadmap.Scenario())))
    options, placeholder, scenarios = update_roadmap_texts("en", road)
    assert [o["label"] for o in options] == [
        "Communes without a venue", "Existing venues outside the filters (to label)", "Both"]
    assert placeholder == "today"
    assert [o["label"] for o in scenarios] == ["Plan A", "Scenario 2"]


def test_uploading_a_site_list_adds_to_the_scenario_and_names_what_it_ignored(occitanie):
    contents = "data:text/plain;base64," + base64.b64encode(
        b"site\n32013\nv:demo-042\n99999\n").decode()
    current = rs.roadmap_to_dict(rs.RoadmapState(scenarios=(roadmap.Scenario(add=("31555",)),)))
    out = state_call("?vue=couverture&scenario=31555", current=current,
                     trigger=ids.ROADMAP_SITES_UPLOAD, value=contents)
    assert out[0]["scenarios"][0]["add"] == ["31555", "32013", "v:DEMO-042"]
    assert out[3] is True and "site, 99999" in out[2]
    assert out[1] == "?vue=couverture&scenario=31555,32013,v:DEMO-042"


def test_the_report_carries_the_scenarios_of_the_link(occitanie):
    """The header's report link holds the scenarios; the report file gets a roadmap page
    whose figures are the panel's (same Dataset method), listed in the contents."""
    import app as app_module
    from callbacks.presentation import update_document_links

    view = state_to_dict(ViewState(tab="couverture", radius_km=10))
    road = rs.roadmap_to_dict(rs.RoadmapState(scenarios=(
        roadmap.Scenario(add=("32013",), name="Auch"), roadmap.Scenario(add=("12208",)))))
    _, report_link, pdf_link = update_document_links(view, road)
    assert report_link == "/rapport?vue=couverture&rayon=10&scenario=32013&nom=Auch&scenario2=12208"
    assert pdf_link == report_link + "&format=pdf"
    body = app_module.app.server.test_client().get(report_link).get_data(as_text=True)
    data = get_published_dataset()
    result = data.roadmap_scenario(ViewState(tab="couverture", radius_km=10),
                                   RoadmapOptions(), roadmap.Scenario(add=("32013",)))
    assert body.count("Feuille de route : scénarios") == 2  # contents and page title
    newly = format_int(result["newly_covered_population"])
    assert f"Population nouvellement couverte : {newly}" in body
    assert "Auch" in body and "Scénario 2" in body
    plain = app_module.app.server.test_client().get("/rapport?rayon=10").get_data(as_text=True)
    assert "Feuille de route" not in plain
