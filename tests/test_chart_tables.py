"""The CSV behind the hybridation and funding charts (issue 13, item 4): its numbers equal a
count made another way — the demo registry's raw files read with the ``csv`` module, the
department taken from the INSEE code — and the charts' own totals; French headers and
separators, English in English; unknown stays unknown; formulas stay text."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from dash import no_update

from callbacks.exports import chart_csv, download_chart_data, update_csv_buttons
from callbacks.funding import update_funding
from callbacks.hybridation import update_hybridation
from dashboard.chart_tables import CHART_TABLES, chart_table
from dashboard.dataset import dataset_from_import, get_published_dataset
from dashboard.export import to_csv_bytes
from dashboard.filters import ViewState, state_to_dict
from layouts import ids
from tests.test_unknown import _bare_registry_key

DEMO = Path(__file__).parent.parent / "data"
DAY = dt.date(2026, 11, 29)


def _raw(name: str) -> list[dict]:
    with open(DEMO / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def raw():
    """The demo registry as written on disk: venue → (department, usages), grants, calls."""
    venues = {v["venue_id"]: (v["commune_insee"][:2], [u for u in v["usages"].split("|") if u])
              for v in _raw("demo/venues.csv")}
    grants = [(g["venue_id"], g["call_id"], float(g["amount_eur"]))
              for g in _raw("demo/funding.csv")]
    calls = {c["call_id"]: c for c in _raw("calls.csv")}
    return venues, grants, calls


def _read(payload: bytes, sep: str = ";") -> list[dict]:
    assert payload.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(payload.decode("utf-8-sig")), delimiter=sep))


def _csv(graph: str, state: ViewState, stack_by: str = "departement", key: str | None = None):
    data = state_to_dict(state) | ({"dataset": key} if key else {})
    return chart_csv(graph, data, stack_by, DAY)


def _number(cell: str) -> float:
    return float(cell.replace(",", ".")) if cell else float("nan")


def test_funding_by_call_for_two_departments_equals_a_count_of_the_raw_grants(occitanie, raw):
    venues, grants, calls = raw
    payload, name = _csv(ids.FUND_BY_CALL, ViewState(departements=("31", "81")))
    assert name == "financements_par-appel_31-81_2026-11-29.csv"
    rows = _read(payload)
    expected = defaultdict(lambda: defaultdict(float))
    for venue, call, amount in grants:
        expected[call][venues[venue][0]] += amount
    assert [r["Appel à projets"] for r in rows] == [
        c["name"] for c in sorted(calls.values(), key=lambda c: int(c["year"]))]
    for row in rows:
        call = next(c for c in calls.values() if c["name"] == row["Appel à projets"])
        by_dep = expected[call["call_id"]]
        assert int(row["31 Haute-Garonne (€)"]) == round(by_dep["31"])
        assert int(row["81 Tarn (€)"]) == round(by_dep["81"])
        assert int(row["Total enregistré (€)"]) == round(by_dep["31"] + by_dep["81"])
        # the published envelope: the region's, whole euros; unknown stays an empty cell
        assert row["Enveloppe publiée (€)"] == (str(int(call["envelope_eur"]))
                                                if call["envelope_eur"] else "")


def test_the_funding_charts_totals_equal_the_csvs(occitanie):
    state = ViewState(departements=("31", "81"), tab="financements")
    for stack in ("departement", "usage"):
        by_call, cumulative, per_capita, _ = update_funding(state_to_dict(state), stack)
        rows = _read(_csv(ids.FUND_BY_CALL, state, stack)[0])
        bars = [tr for tr in by_call.data if tr.type == "bar"]
        parts = [k for k in rows[0] if k.endswith("(€)") and k not in (
            "Total enregistré (€)", "Enveloppe publiée (€)")]
        assert len(parts) == len(bars)
        for i, row in enumerate(rows):
            shown = sum(float(tr.y[i]) for tr in bars)
            assert int(row["Total enregistré (€)"]) == round(shown)
            # each stacked part rounded alone: the parts add up to the total within 1 € each
            assert abs(sum(int(row[p]) for p in parts) - shown) <= len(parts)
    years = _read(_csv(ids.FUND_CUMULATIVE, state)[0])
    assert [int(r["Cumul (€)"]) for r in years] == [round(v) for v in cumulative.data[1].y]
    capita = _read(_csv(ids.FUND_PER_CAPITA, state)[0])
    shown = dict(zip(per_capita.data[0].y, per_capita.data[0].x))
    for row in capita:
        label = f"{row['Code département']} {row['Département']}"
        assert _number(row["€ par habitant"]) == pytest.approx(shown[label], abs=0.005)
        assert _number(row["€ par habitant"]) == pytest.approx(
            int(row["Financements (€)"]) / int(row["Population"]), abs=0.006)


def test_hybridation_csvs_equal_a_count_of_the_raw_usages(occitanie, raw):
    venues, _, _ = raw
    state = ViewState(departements=("31",), tab="hybridation")
    mine = [u for dep, u in venues.values() if dep == "31"]
    known = [u for u in mine if u]
    count = {r["Nombre d'usages"]: int(r["Lieux"]) for r in _read(_csv(ids.HYB_COUNT, state)[0])}
    expected = Counter(str(len(u)) if u else "non renseignés" for u in mine)
    assert count == dict(expected)
    shares = {r["Usage"]: r for r in _read(_csv(ids.HYB_NATIONAL, state)[0])}
    coworking = sum("coworking" in u for u in known) / len(known)
    assert shares["Coworking"]["Part des lieux de la sélection (%)"] == \
        f"{round(coworking * 100, 1):.1f}".replace(".", ",")
    assert shares["Coworking"]["Part nationale (%)"] == "55,0"
    assert shares["Médiation numérique"]["Part nationale (%)"] == ""  # not reported: empty
    pairs = {(r["Usage"], r["Usage associé"]): r for r in _read(_csv(ids.HYB_COOC, state)[0])}
    both = sum("coworking" in u and "fablab" in u for u in known)
    row = pairs[("Coworking", "Fablab / makerspace")]
    assert int(row["Lieux avec les deux usages"]) == both
    assert int(row["Lieux avec l'usage"]) == sum("coworking" in u for u in known)
    combos = {r["Combinaison d'usages"]: int(r["Lieux"])
              for r in _read(_csv(ids.HYB_UPSET, state)[0])}
    assert combos["Coworking"] == sum(u == ["coworking"] for u in known)
    mix = _read(_csv(ids.HYB_MIX, state)[0])
    assert [r["Code département"] for r in mix] == ["31"]
    mentions = sum(len(u) for u in known)
    assert _number(mix[0]["Coworking (% des usages)"]) == round(
        100 * sum("coworking" in u for u in known) / mentions, 1)
    # and what the charts draw
    figures = update_hybridation(state_to_dict(state))
    assert sum(figures[0].data[0].y) == sum(count.values())
    assert [int(v) for v in figures[3].data[0].y] == list(combos.values())


def test_english_headers_and_separators_and_unknown_is_no_file(occitanie):
    payload, name = _csv(ids.FUND_CUMULATIVE, ViewState(lang="en"))
    rows = _read(payload, ",")
    assert name == "financements_cumul_occitanie_2026-11-29.csv"
    assert list(rows[0]) == ["Year", "Amount of the year (€)", "Cumulative (€)"]
    bare = _bare_registry_key()  # no grant, no usage recorded: no CSV of zeros
    for graph in CHART_TABLES:
        if graph != ids.MAP_GRAPH:  # the map counts venues: always recorded
            assert _csv(graph, ViewState(), key=bare) is None
    per_capita, _ = _csv(ids.MAP_GRAPH, ViewState(indicator="funding_per_capita"), key=bare)
    cells = [list(row.values())[-1] for row in _read(per_capita, ";")]
    assert cells and set(cells) == {""}  # grants not recorded: empty, not 0 €
    assert download_chart_data(1, {"type": ids.CHART_CSV, "graph": ids.FUND_BY_CALL},
                               {**state_to_dict(ViewState()), "dataset": bare}, None) \
        is no_update
    buttons = [{"type": ids.CHART_CSV, "graph": g} for g in (ids.HYB_COUNT, ids.FUND_BY_CALL)]
    assert update_csv_buttons({**state_to_dict(ViewState()), "dataset": bare}, buttons) == [
        True, True]
    assert update_csv_buttons(state_to_dict(ViewState()), buttons) == [False, False]


def test_a_call_named_like_a_formula_stays_text(occitanie):
    published = get_published_dataset()
    calls = published.registry.calls.copy()
    calls.loc[calls.index[0], "name"] = '=HYPERLINK("http://x.example","clic")'
    data = dataset_from_import(published.reference, published.registry.venues, calls,
                               published.registry.funding, "lieux.csv")
    rows = _read(to_csv_bytes(chart_table(ids.FUND_BY_CALL, data, ViewState()), "fr"))
    assert rows[0]["Appel à projets"] == '\'=HYPERLINK("http://x.example","clic")'
