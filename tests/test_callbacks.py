"""Callbacks called as plain functions (with a fake callback context where they read it)."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
from contextvars import copy_context

import dash
import pandas as pd
import plotly.graph_objects as go
import pytest
from dash._callback_context import context_value
from dash._utils import AttributeDict

from callbacks.coverage import export_coverage, update_coverage_map, update_coverage_tables
from callbacks.funding import update_funding
from callbacks.hybridation import update_hybridation
from callbacks.i18n import update_indicator_options, update_texts
from callbacks.importing import update_provenance, update_session_dataset
from callbacks.kpis import update_kpis
from callbacks.map import update_map
from callbacks.state import update_view_state
from callbacks.venues import export_venues, highlight_selected_venue, update_venue_rows
from dashboard import config
from dashboard import coverage as cov
from dashboard.dataset import SessionLost, get_published_dataset, session_store
from dashboard.figures.map import trace_index
from dashboard.filters import ViewState, state_from_dict, state_to_dict, to_query
from dashboard.i18n import format_percent
from dashboard.packed_arrays import unpack
from dashboard.venue_points import decode_mask
from dashboard.viewstate import VIEW, Domain
from layouts import ids
from tests.test_viewstate import example

NNBSP = "\u202f"


def run_in_context(func, *args, triggered=None, outputs_list=None):
    def run():
        prop = f"{triggered}.value" if triggered else "."
        context_value.set(AttributeDict(
            triggered_inputs=[{"prop_id": prop, "value": None}],
            outputs_list=outputs_list or []))
        return func(*args)
    return copy_context().run(run)


NO_CONTROLS = dict.fromkeys(ids.CONTROLS)


def view_state_call(search="", controls=NO_CONTROLS, current=None, trigger=None, click=None,
                    dataset_key=None):
    return run_in_context(update_view_state, search, controls, None, None, click, dataset_key,
                          current, triggered=trigger)


def state_call(*args, **kwargs):
    """The outputs in order: search, store, lang, notice, show_notice, then the controls."""
    out = view_state_call(*args, **kwargs)
    return (out["search"], out["store"], out["lang"], out["notice"], out["show_notice"],
            *out["controls"].values())


def test_url_sets_the_controls_and_the_store(occitanie):
    out = view_state_call("?departement=31&usage=fablab&niveau=epci&lang=en", trigger=ids.URL)
    assert out["search"] == "?departement=31&usage=fablab&niveau=epci&lang=en"
    assert out["store"]["departements"] == ["31"] and out["store"]["level"] == "epci"
    assert out["lang"] == "en" and out["show_notice"] is False
    assert out["controls"]["departements"] == ["31"]
    assert out["controls"]["level"] == "epci"


def test_a_bad_link_opens_with_a_notice_not_a_crash(occitanie):
    search, store, _, notice, show, *_ = state_call("?departement=31,99&usage=bowling",
                                                    trigger=ids.URL)
    assert show is True
    assert "departement=99" in notice and "usage=bowling" in notice
    assert store["departements"] == ["31"] and store["usages"] == []
    assert search == "?departement=31"


def test_controls_write_the_permalink(occitanie):
    controls = dict(zip(ids.CONTROLS, [
        ["81", "31"], ["coworking"], "all", ["labellise"], None, [2016, 2021], "commune",
        "distance_km", "usage", "couverture", 25, 5]))
    current = state_to_dict(ViewState(lang="en"))
    search, store, lang, *_ = state_call("", controls, current, trigger=ids.FILTER_USAGE)
    assert search == ("?departement=31,81&usage=coworking&mode=tous&label=labellise"
                      "&indicateur=distance_km&couleur=usage&lang=en&vue=couverture&rayon=25"
                      "&k=5")
    assert lang is dash.no_update


@pytest.mark.parametrize("name", list(ids.CONTROLS))
def test_each_control_writes_the_store_and_the_link(occitanie, name):
    """Generated from the view-state table: any bound control, moved alone."""
    domain = Domain.of(get_published_dataset())
    expected = ViewState(**{name: example(VIEW.field[name], domain)})
    controls = VIEW.to_controls(expected, domain, ids.CONTROLS)
    out = view_state_call("", controls, state_to_dict(ViewState()),
                          trigger=ids.CONTROLS[name][0])
    assert state_from_dict(out["store"]) == expected
    assert out["search"] == to_query(expected)
    assert out["search"].startswith(f"?{VIEW.field[name].param}=")
    assert all(v is dash.no_update for v in out["controls"].values())


def test_an_indicator_the_level_refuses_is_written_back_to_its_control(occitanie):
    controls = {**NO_CONTROLS, "level": "epci", "indicator": "distance_km"}
    out = view_state_call("", controls, state_to_dict(ViewState()), trigger=ids.MAP_INDICATOR)
    assert out["store"]["indicator"] == "venues" and out["controls"]["indicator"] == "venues"
    assert all(v is dash.no_update for k, v in out["controls"].items() if k != "indicator")


def test_a_new_dataset_keeps_the_view_and_leaves_the_controls(occitanie):
    current = state_to_dict(ViewState(departements=("31",), tab="lieux"))
    out = view_state_call("", NO_CONTROLS, current, trigger=ids.DATASET_KEY,
                          dataset_key="no-such-key")
    assert out["store"] == {**current, "dataset": "no-such-key"}
    assert out["search"] == "?departement=31&vue=lieux" and out["lang"] is dash.no_update
    assert all(v is dash.no_update for v in out["controls"].values())


def test_language_toggle_flips_and_keeps_filters(occitanie):
    current = state_to_dict(ViewState(departements=("31",)))
    search, store, lang, *_ = state_call("", NO_CONTROLS, current, trigger=ids.LANG_TOGGLE)
    assert lang == "en" and store["departements"] == ["31"]
    assert search == "?departement=31&lang=en"


def test_reset_keeps_only_the_language(occitanie):
    current = state_to_dict(ViewState(departements=("31",), usages=("fablab",), lang="en"))
    out = view_state_call("", NO_CONTROLS, current, trigger=ids.FILTER_RESET)
    assert out["search"] == "?lang=en" and out["store"]["departements"] == []
    assert out["controls"]["usages"] == []


def test_clicking_a_territory_filters_on_its_department(occitanie):
    current = state_to_dict(ViewState(level="commune"))
    click = {"points": [{"location": "34172"}]}  # Montpellier
    search, store, *_ = state_call("", NO_CONTROLS, current, trigger=ids.MAP_GRAPH,
                                   click=click)
    assert store["departements"] == ["34"] and search == "?departement=34"


def test_kpis_in_french_and_english(occitanie):
    fr = update_kpis(state_to_dict(ViewState()))
    assert fr[:2] == ("400", "120")
    assert fr[8] == f"sur 4{NNBSP}446"
    en = update_kpis(state_to_dict(ViewState(lang="en", departements=("48",))))
    assert en[9].startswith("out of 76,601")  # Lozère's population


def drawn_paths(draw) -> set:
    """Paths the browser assigns from a map's draw store: the Patch's and the packed
    arrays' (tests/test_map_packed.py)."""
    return ({tuple(op["location"]) for op in (draw["patch"] or {}).get("operations", [])}
            | {tuple(a["path"]) for a in draw.get("arrays", [])})


def drawn_figure(fig, draw) -> dict:
    from plotly.io.json import to_json_plotly

    from dashboard.dataset import get_published_dataset
    from tests.test_map_packed import apply_draw

    return apply_draw(json.loads(to_json_plotly(fig)), draw, get_published_dataset())


def test_map_sends_a_figure_then_patches(occitanie):
    fig, meta, empty, draw = update_map(state_to_dict(ViewState()), None)
    assert isinstance(fig, go.Figure) and draw["patch"] is None
    assert fig.data[0].geojson == "/geo/76/commune.geojson"
    assert len(drawn_figure(fig, draw)["data"][0]["locations"]) == 4446 and empty is False
    same, meta2, _, draw = update_map(state_to_dict(ViewState(usages=("fablab",))), meta)
    assert same is dash.no_update  # the browser applies the patch with the markers
    paths = drawn_paths(draw)
    assert ("data", 0, "z") in paths
    assert not any("geojson" in p or "locations" in p for p in paths)
    _, _, _, moved = update_map(state_to_dict(ViewState(departements=("31",))), meta2)
    moved_paths = drawn_paths(moved)
    assert ("data", 0, "locations") in moved_paths and ("layout", "map", "zoom") in moved_paths


def test_map_empty_state(occitanie):
    state = ViewState(departements=("48",), usages=("cuisine_partagee", "nourricier",
                                                    "living_lab"), usage_mode="all")
    _, _, empty, draw = update_map(state_to_dict(state), None)
    assert empty is True and draw["markers"]["mask"].strip("A=") == ""  # no bit set


def test_level_change_sends_a_new_figure_with_that_level_polygons(occitanie):
    _, meta, _, _ = update_map(state_to_dict(ViewState()), None)
    fig, _, _, draw = update_map(state_to_dict(ViewState(level="departement")), meta)
    assert fig.data[0].geojson == "/geo/76/departement.geojson"
    assert fig.layout.map.layers[0].source == "/geo/76/departement.geojson"
    assert len(drawn_figure(fig, draw)["data"][0]["locations"]) == 13


def test_texts_follow_the_language(occitanie):
    outputs = [[{"id": ids.i18n("kpi.venues"), "property": "children"},
                {"id": ids.i18n("filters.reset"), "property": "children"}]]
    out = run_in_context(update_texts, "en", outputs_list=outputs)
    assert out[0] == ["Venues shown", "Reset filters"]
    placeholders = out[1:1 + 5]  # four filters, then the registry chosen by default
    assert placeholders[-1] == "Demo data"
    assert run_in_context(update_texts, "fr", outputs_list=outputs)[1 + 4] == \
        "Données de démonstration"
    badge, color, *_ = update_provenance(None, "en")
    assert badge == "Demo data" and color == "warning"


@pytest.mark.parametrize("level, disabled", [("commune", False), ("epci", True)])
def test_distance_indicator_only_at_commune_level(level, disabled):
    opts = {o["value"]: o for o in update_indicator_options("fr", level)}
    assert opts["distance_km"]["disabled"] is disabled


# ----------------------------------------------------------------- coverage panel



def test_coverage_panel_waits_until_shown(occitanie):
    hidden = state_to_dict(ViewState(tab="carte"))
    out = update_coverage_map(hidden, "couverture", None) + update_coverage_tables(hidden)
    assert len(out) == 10 and all(o is dash.no_update for o in out)


def test_coverage_panel_numbers_match_the_domain_functions(occitanie):
    state = ViewState(tab="couverture", radius_km=10, usages=("fablab",), k=5)
    fig, meta, draw = update_coverage_map(state_to_dict(state), "couverture", None)
    bars, rate, covered, uncovered, sugg, epci, communes = update_coverage_tables(
        state_to_dict(state))
    data = get_published_dataset()
    reach = data.registry.venues[data.registry.venues["usages"].str.contains("fablab")]
    dist = cov.commune_distances(occitanie.communes, reach)
    summary = cov.coverage_summary(dist, 10)
    assert rate == format_percent(summary["coverage_rate"])
    assert covered.replace(NNBSP, "") == str(summary["covered_population"])
    assert len(fig.data[2].lat) == 5  # five suggested sites on the map
    _, z, custom = (unpack(a, occitanie.communes["insee"]) for a in draw["arrays"])  # packed
    assert z.sum() == int(cov.covered(dist["distance_km"].to_numpy(), 10).sum())
    shown = decode_mask(draw["markers"]["mask"], draw["markers"]["n"])  # the venues drawn
    assert sorted(data.registry.venues["venue_id"].iloc[shown]) == sorted(reach["venue_id"])
    assert len(bars.data[0].y) == 13
    rows = sugg.children[1].children
    assert len(rows) == 5  # suggestion table body
    _, _, draw = update_coverage_map(state_to_dict(ViewState(tab="couverture", radius_km=30)),
                                     "couverture", meta)
    every = cov.commune_distances(occitanie.communes, data.registry.venues)["distance_km"]
    assert draw["arrays"][0]["path"] == ["data", 0, "z"]
    assert unpack(draw["arrays"][0]).sum() == int(cov.covered(every, 30).sum())


def test_coverage_follows_the_department_filter_but_counts_venues_across_borders(occitanie):
    state = ViewState(tab="couverture", departements=("48",), radius_km=20)
    data = get_published_dataset()
    report = data.coverage_report(state)
    assert set(report.distances["dep_code"]) == {"48"}
    # distances measured to every venue of the region, not only Lozère's
    all_venues = cov.commune_distances(
        occitanie.communes[occitanie.communes["dep_code"] == "48"], data.registry.venues)
    assert report.distances["distance_km"].equals(all_venues["distance_km"])


def test_export_of_suggestions_is_a_french_csv(occitanie):
    state = state_to_dict(ViewState(tab="couverture", k=3))
    out = run_in_context(export_coverage, None, None, 1, state,
                         triggered=ids.COVERAGE_EXPORT_SUGGESTIONS)
    assert out["filename"] == f"sites-suggeres_15-km_occitanie_{dt.date.today()}.csv"
    text = base64.b64decode(out["content"]).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("Rang;Code INSEE;Commune;Code département;Population;"
                               "Population ajoutée;Cumul")
    assert len(lines) == 4


# ----------------------------------------------------------------- hybridation, funding, table


def test_hybridation_panel_follows_the_filters(occitanie):
    assert all(o is dash.no_update for o in update_hybridation(state_to_dict(ViewState())))
    state = ViewState(tab="hybridation", departements=("31",))
    count, national, cooc, upset, mix = update_hybridation(state_to_dict(state))
    venues = get_published_dataset().view(state).venues
    assert sum(count.data[0].y) == len(venues)
    assert [tr.name for tr in national.data][1].startswith("Observatoire national")
    assert list(mix.data[0].y) == ["31 Haute-Garonne"]


def test_funding_panel_sums_match_the_grants(occitanie):
    state = ViewState(tab="financements", labels=("labellise",))
    by_call, cumulative, per_capita, table = update_funding(state_to_dict(state),
                                                           "departement")
    view = get_published_dataset().view(state)
    bars = [tr for tr in by_call.data if tr.type == "bar"]
    assert sum(sum(tr.y) for tr in bars) == pytest.approx(view.funding["amount_eur"].sum())
    assert cumulative.data[1].y[-1] == pytest.approx(view.funding["amount_eur"].sum())
    by_usage, *_ = update_funding(state_to_dict(state), "usage")
    assert sum(sum(tr.y) for tr in by_usage.data if tr.type == "bar") == pytest.approx(
        view.funding["amount_eur"].sum())


def test_fabregion_2016_bar_matches_its_envelope(occitanie):
    by_call, *_ = update_funding(state_to_dict(ViewState(tab="financements")), "departement")
    first = sum(tr.y[0] for tr in by_call.data if tr.type == "bar")
    envelope = [tr for tr in by_call.data if tr.type == "scatter"][0].y[0]
    assert first == envelope == 1_068_000


def test_venue_rows_a_page_at_a_time_and_export_of_every_row_shown(occitanie):
    state = state_to_dict(ViewState(tab="lieux", departements=("48",)))
    venues = get_published_dataset().view(state_from_dict(state)).venues
    request = {"startRow": 0, "endRow": 3, "sortModel": [], "filterModel": {}}
    response, count = update_venue_rows(request, state, None)
    assert response["rowCount"] == len(venues) > 3 and len(response["rowData"]) == 3
    assert [r["venue_id"] for r in response["rowData"]] == list(venues["venue_id"][:3])
    assert count.startswith(f"{len(venues)} lieux")
    assert update_venue_rows(request, None, None) == (dash.no_update, dash.no_update)
    # the export holds every row of the search, not only the page the grid received
    word = venues["commune_name"].iloc[0].lower()
    searched = venues[venues["name"].str.lower().str.contains(word, regex=False)
                      | venues["commune_name"].str.lower().str.contains(word, regex=False)]
    assert 0 < len(searched) < len(venues)
    out = run_in_context(export_venues, 1, None, request, state, word,
                         triggered=ids.VENUES_EXPORT_CSV)
    text = base64.b64decode(out["content"]).decode("utf-8-sig").strip().splitlines()
    assert len(text) == len(searched) + 1 and text[0].startswith("Identifiant du lieu;Nom;Commune")
    xlsx = run_in_context(export_venues, None, 1, request, state, None,
                          triggered=ids.VENUES_EXPORT_XLSX)
    assert xlsx["filename"] == "lieux.xlsx"
    frame = pd.read_excel(io.BytesIO(base64.b64decode(xlsx["content"])), engine="openpyxl")
    assert frame["Identifiant du lieu"].tolist() == list(venues["venue_id"])


def test_selecting_a_row_patches_the_highlight_trace(occitanie):
    meta = {"level": "commune", "color_by": "label", "lang": "fr", "indicator": "venues",
            "departements": []}
    patch, centred = highlight_selected_venue([{"venue_id": "DEMO-001"}],
                                              state_to_dict(ViewState()), meta)
    ops = {tuple(op["location"]): op["params"]["value"]
           for op in patch.to_plotly_json()["operations"]}
    index = trace_index("selected", color_by="label")
    assert ("data", index, "lat") in ops and ops[("layout", "map", "zoom")] == 11
    assert centred == ["DEMO-001", None]
    assert highlight_selected_venue([{"venue_id": "DEMO-001"}], None, None) == \
        (dash.no_update, dash.no_update)


# ----------------------------------------------------------------- session uploads

UPLOAD = ("Nom;Code postal;Ville;Typologie;Label\n"
          "La Forge;32000;Auch;FabLab;oui\n"
          "Le Hangar;12000;Rodez;Télécentre;non\n"
          "Nulle part;99999;Atlantide;;\n")


def upload(text: str) -> str:
    return "data:text/csv;base64," + base64.b64encode(text.encode("cp1252")).decode()


def test_an_upload_switches_this_session_only(occitanie):
    before = sorted(p.name for p in config.DATA_DIR.rglob("*") if "cache" not in p.parts)
    key, message, show, summary, table, records = run_in_context(
        update_session_dataset, upload(UPLOAD), None, None, "mes_lieux.csv", None, None, "fr",
        triggered=ids.IMPORT_VENUES_UPLOAD)
    assert key and show is False
    assert "3 lignes lues — 0 acceptées, 2 réparées, 1 rejetées" in summary
    report = session_store().get(records).tables["report"]  # the report stays server-side
    assert list(report["status"]) == ["repaired", "repaired", "rejected"]
    mine = update_kpis({**state_to_dict(ViewState()), "dataset": key})
    assert mine[:2] == ("2", "1")
    assert update_kpis(state_to_dict(ViewState()))[:2] == ("400", "120")  # others: published
    badge, color, *_ = update_provenance(key, "fr")
    assert badge == "Vos données : mes_lieux.csv" and color == "info"
    after = sorted(p.name for p in config.DATA_DIR.rglob("*") if "cache" not in p.parts)
    assert before == after  # nothing written to the data folder
    # a funding file now refers to these venues
    funding = "Lieu;Appel;Montant\nLa Forge;FabRégion 2016;12 500,00 €\n"
    key2, *_ = run_in_context(update_session_dataset, upload(UPLOAD), upload(funding), None,
                              "mes_lieux.csv", "fin.csv", key, "fr",
                              triggered=ids.IMPORT_FUNDING_UPLOAD)
    assert update_kpis({**state_to_dict(ViewState()), "dataset": key2})[4] == "12,5\u00a0k€"
    reset = run_in_context(update_session_dataset, None, None, 1, None, None, key2, "fr",
                           triggered=ids.IMPORT_RESET)
    assert reset[0] is None
    assert update_kpis(state_to_dict(ViewState()))[0] == "400"
    with pytest.raises(SessionLost):  # a dropped key is never silently the published data
        update_kpis({**state_to_dict(ViewState()), "dataset": key2})


def test_an_unreadable_upload_says_why_and_keeps_the_data(occitanie):
    binary = "data:application/octet-stream;base64," + base64.b64encode(
        b"\x00\x01\x02" * 50).decode()
    key, message, show, *_ = run_in_context(
        update_session_dataset, binary, None, None, "photo.csv", None, None, "fr",
        triggered=ids.IMPORT_VENUES_UPLOAD)
    assert key is dash.no_update and show is True
    assert "photo.csv" in message and "format inconnu" in message


def test_funding_before_venues_is_refused(occitanie):
    out = run_in_context(update_session_dataset, None, upload("a;b\n1;2\n"), None, None,
                         "fin.csv", None, "fr", triggered=ids.IMPORT_FUNDING_UPLOAD)
    assert out[2] is True and "fichier de lieux" in out[1]


def test_an_untouched_year_slider_does_not_filter_an_upload(occitanie):
    """Regression: the slider's bounds come from the calls, not from the registry, so an
    uploaded registry without label years is not filtered out by the untouched slider."""
    key, *_ = run_in_context(update_session_dataset, upload(UPLOAD), None, None, "l.csv", None,
                             None, "fr", triggered=ids.IMPORT_VENUES_UPLOAD)
    controls = dict(zip(ids.CONTROLS, [
        [], [], "any", [], None, [2016, 2021], "commune", "venues", "label", "carte", 15, 10]))
    store = view_state_call("", controls, state_to_dict(ViewState()), trigger=ids.FILTER_USAGE,
                            dataset_key=key)["store"]
    assert store["years"] is None and store["dataset"] == key
    assert update_kpis(store)[0] == "2"


def test_a_refused_file_is_named_with_its_size_and_the_limit():
    from callbacks.importing import say_upload_too_large

    text, shown = say_upload_too_large({"name": "gros.xlsx", "size": 25 * 1024 * 1024}, "fr")
    assert shown is True
    assert text == ("Fichier gros.xlsx : trop volumineux (25,0 Mo ; limite 20 Mo). Il n'a pas "
                    "été envoyé. Découpez-le ou enregistrez seulement la feuille utile en CSV.")
    text, _ = say_upload_too_large({"name": "big.csv", "size": 21_500_000}, "en")
    assert text.startswith("File big.csv: too large (20.5 MB; limit 20 MB).")
    assert say_upload_too_large({"name": "x"}, "fr") == (dash.no_update, dash.no_update)
    assert say_upload_too_large("junk", "fr") == (dash.no_update, dash.no_update)
