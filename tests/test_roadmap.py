"""Roadmap domain: candidates of three kinds, near-ties, scenarios, the network over time and
travel-time coverage, each against a hand count or an independent recomputation.

Geodesic distances between the tiny map's reference points (km, tests/fixtures.py):
Alpha–Beta 10.15, Alpha–Gamma 11.11, Alpha–Delta 16.1, Beta–Gamma 19.0, Beta–Delta 19.94,
Gamma–Delta 8.59. Populations: Alpha 1000, Beta 500, Gamma 200, Delta 300.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd
import pyproj
import pytest

from dashboard import config, coverage, roadmap, traveltimes

GEOD = pyproj.Geod(ellps="WGS84")
A, B, G, D = "31001", "31002", "32001", "32002"


def venues_frame(rows):
    """rows: (venue_id, commune, label_status, label_year, opened_year) on the tiny map,
    each venue at its commune's reference point."""
    from tests.fixtures import tiny_reference

    ref = tiny_reference().communes.set_index("insee")
    return pd.DataFrame({
        "venue_id": [r[0] for r in rows], "name": [f"Lieu {r[0]}" for r in rows],
        "commune_insee": [r[1] for r in rows], "dep_code": [r[1][:2] for r in rows],
        "lon": [ref.at[r[1], "ref_lon"] for r in rows],
        "lat": [ref.at[r[1], "ref_lat"] for r in rows],
        "usages": "coworking", "label_status": [r[2] for r in rows],
        "label_year": pd.array([r[3] for r in rows], dtype="Int64"),
        "opened_year": pd.array([r[4] for r in rows], dtype="Int64"),
    })


def brute_covered(communes, sites_lonlat, radius_km):
    """Covered population by a plain geodesic loop (no index, no coverage module)."""
    total = 0
    for c in communes.itertuples():
        if any(GEOD.inv(c.ref_lon, c.ref_lat, lon, lat)[2] <= radius_km * 1000
               for lon, lat in sites_lonlat):
            total += c.population
    return total


def exhaustive_optimum(communes, uncovered, candidates, radius_km, k):
    """Best population newly covered by any k candidates, by geodesic loops."""
    dem = communes[communes["insee"].isin(uncovered)]
    best = 0
    for combo in combinations(range(len(candidates)), k):
        pts = [(candidates.iloc[i]["lon"], candidates.iloc[i]["lat"]) for i in combo]
        best = max(best, brute_covered(dem, pts, radius_km))
    return best


# ----------------------------------------------------------------- candidates and suggestions

def test_commune_candidates_known_optimum_and_tie(tiny):
    """No venue, 10.5 km: Alpha and Beta each cover {Alpha, Beta} = 1,500; Gamma and Delta
    each {Gamma, Delta} = 500. Optimum for k = 2 is 2,000; Beta is Alpha's exact tie."""
    empty = venues_frame([])
    dist = coverage.commune_distances(tiny.communes, empty)
    cand = roadmap.candidate_sites("communes", dist, tiny.communes, empty, empty, 0)
    assert cand["site_id"].tolist() == [A, B, G, D]
    sugg = roadmap.suggest(dist, tiny.communes, cand, 10.5, 2)
    assert sugg["site_id"].tolist() == [A, G]
    assert sugg["population_added"].tolist() == [1500, 500]
    assert sugg["population_added"].sum() == exhaustive_optimum(
        tiny.communes, dist.index, cand, 10.5, 2) == 2000
    assert sorted(sugg.loc[0, "covered_insee"]) == [A, B]
    assert sugg.loc[0, "covered_insee"][0] == A  # largest first
    assert [a["site_id"] for a in sugg.loc[0, "alternatives"]] == [B]
    assert sugg.loc[0, "alternatives"][0]["gap"] == 0.0
    assert [a["site_id"] for a in sugg.loc[1, "alternatives"]] == [D]
    assert set(sugg["kind"]) == {"commune"} and (sugg["venue_id"] == "").all()


def test_alternatives_stop_at_five_percent(tiny):
    """12 km: Alpha adds 1,700; Beta and Gamma 1,500 each (12 % less): no alternative.
    With a 15 % tolerance both are listed, best first, with their gap."""
    empty = venues_frame([])
    dist = coverage.commune_distances(tiny.communes, empty)
    cand = roadmap.candidate_sites("communes", dist, tiny.communes, empty, empty, 0)
    first = roadmap.suggest(dist, tiny.communes, cand, 12, 1).iloc[0]
    assert first["site_id"] == A and first["population_added"] == 1700
    assert first["alternatives"] == []
    wide = roadmap.suggest(dist, tiny.communes, cand, 12, 1, tolerance=0.15).iloc[0]
    alts = wide["alternatives"]
    assert [a["site_id"] for a in alts] == [B, G]
    assert alts[0]["gap"] == pytest.approx(1 - 1500 / 1700)


def test_venue_candidates_known_optimum(tiny):
    """A labelled venue at Alpha covers Alpha and Beta at 10.5 km. With label=labellise the
    candidates are the other venues: at Gamma (covers Gamma, Delta = 500), at Delta (same),
    at Beta (adds nothing). The best single venue adds 500; the other is its tie."""
    venues = venues_frame([("L1", A, "labellise", 2018, 2015), ("N1", G, "non_labellise", None,
                           2016), ("C1", D, "candidat", None, 2017),
                           ("N2", B, "non_labellise", None, 2018)])
    reach = venues[venues["label_status"] == "labellise"]
    dist = coverage.commune_distances(tiny.communes, reach)
    cand = roadmap.candidate_sites("venues", dist, tiny.communes, reach, venues)
    assert cand["site_id"].tolist() == ["v:N1", "v:C1", "v:N2"]
    sugg = roadmap.suggest(dist, tiny.communes, cand, 10.5, 3)
    assert sugg["site_id"].tolist() == ["v:N1"]  # then nothing is left to cover
    assert sugg.loc[0, "kind"] == "venue" and sugg.loc[0, "venue_id"] == "N1"
    assert sorted(sugg.loc[0, "covered_insee"]) == [G, D]
    assert [a["site_id"] for a in sugg.loc[0, "alternatives"]] == ["v:C1"]
    uncovered = dist.index[~coverage.covered(dist["distance_km"].to_numpy(), 10.5)]
    assert sugg["population_added"].sum() == exhaustive_optimum(
        tiny.communes, uncovered, cand, 10.5, 1) == 500


def test_both_kinds_known_optimum(tiny):
    """Same venues, 12 km, candidates of both kinds (communes of 250+ inhabitants without a
    matching venue: Beta, Delta): Delta commune or venue N1 (at Gamma) cover Gamma and Delta."""
    venues = venues_frame([("L1", A, "labellise", 2018, 2015),
                           ("N1", G, "non_labellise", None, 2016)])
    reach = venues[venues["label_status"] == "labellise"]
    dist = coverage.commune_distances(tiny.communes, reach)
    cand = roadmap.candidate_sites("both", dist, tiny.communes, reach, venues, 250)
    assert cand["site_id"].tolist() == [B, D, "v:N1"]
    sugg = roadmap.suggest(dist, tiny.communes, cand, 12, 2)
    assert sugg["population_added"].tolist() == [300]  # Gamma is already covered from Alpha
    assert sugg.loc[0, "site_id"] == D
    assert [a["site_id"] for a in sugg.loc[0, "alternatives"]] == ["v:N1"]
    uncovered = dist.index[~coverage.covered(dist["distance_km"].to_numpy(), 12)]
    assert exhaustive_optimum(tiny.communes, uncovered, cand, 12, 1) == 300


@pytest.mark.parametrize("kind", roadmap.CANDIDATE_KINDS)
def test_suggestions_recount_on_a_real_department(occitanie, kind):
    """Gers, labelled demo venues only: each suggestion's gain and covered communes are
    recounted by a geodesic loop; greedy ≥ (1 − 1/e) of the exhaustive optimum for k = 2."""
    venues = pd.read_csv(config.DEMO_DIR / "venues.csv", dtype={"commune_insee": str})
    venues["dep_code"] = venues["commune_insee"].str[:2]
    reach = venues[venues["label_status"] == "labellise"]
    gers = occitanie.communes[occitanie.communes["dep_code"] == "32"]
    dist = coverage.commune_distances(gers, reach)
    cand = roadmap.candidate_sites(kind, dist, occitanie.communes, reach, venues, 1000)
    sugg = roadmap.suggest(dist, occitanie.communes, cand, 15, 2)
    ref = occitanie.communes.set_index("insee")
    uncovered = list(dist.index[~coverage.covered(dist["distance_km"].to_numpy(), 15)])
    done = set()
    for row in sugg.itertuples():
        newly = {c for c in uncovered if c not in done and GEOD.inv(
            row.lon, row.lat, ref.at[c, "ref_lon"], ref.at[c, "ref_lat"])[2] <= 15_000}
        assert set(row.covered_insee) == newly
        assert row.population_added == sum(ref.at[c, "population"] for c in newly)
        done |= newly
        for alt in row.alternatives:
            assert alt["population_added"] >= 0.95 * row.population_added
    if len(cand) <= 60:
        best = exhaustive_optimum(occitanie.communes, uncovered, cand, 15, 2)
        assert (1 - 1 / np.e) * best <= sugg["population_added"].sum() <= best


# ----------------------------------------------------------------- scenarios

def test_parse_sites_tokens(tiny):
    add, remove, ignored = roadmap.parse_sites(
        ["31001", "v:demo-042", "-v:DEMO-001", "99999", "v:nope", "-31002", "1001", "31001"],
        tiny.communes["insee"], ["DEMO-042", "DEMO-001"])
    assert add == ("31001", "v:DEMO-042")
    assert remove == ("v:DEMO-001",)
    assert ignored == ["99999", "v:nope", "-31002", "1001"]


def test_scenario_on_the_tiny_map(tiny):
    """Venue at Beta only, 10.5 km: Alpha and Beta covered (1,500). Adding Delta (commune)
    covers Gamma and Delta (+500); removing the Beta venue and adding venue N1 at Gamma
    leaves Gamma and Delta only."""
    venues = venues_frame([("B1", B, "labellise", 2018, 2015),
                           ("N1", G, "non_labellise", None, 2016)])
    reach = venues[venues["label_status"] == "labellise"]
    before = coverage.commune_distances(tiny.communes, reach)
    scen = roadmap.Scenario(add=(D,))
    after = coverage.commune_distances(
        tiny.communes, roadmap.scenario_network(reach, venues, tiny.communes, scen))
    cmp = roadmap.compare_scenario(before, after, 10.5, {"31": "HG", "32": "Gers"})
    assert cmp["before"]["covered_population"] == 1500
    assert cmp["after"]["covered_population"] == 2000
    assert cmp["newly_covered_population"] == 500
    assert sorted(cmp["newly_covered_insee"]) == [G, D]
    assert cmp["zones_blanches_communes"] == 0
    rows = roadmap.scenario_rows(cmp, "76", "Occitanie").set_index("code")
    assert rows.loc["32", "covered_before"] == 0 and rows.loc["32", "covered_after"] == 500
    assert rows.loc["76", "newly_covered"] == 500

    swap = roadmap.Scenario(add=("v:N1",), remove=("v:B1",))
    net = roadmap.scenario_network(reach, venues, tiny.communes, swap)
    assert net["venue_id"].tolist() == ["N1"]
    cmp = roadmap.compare_scenario(
        before, coverage.commune_distances(tiny.communes, net), 10.5)
    assert cmp["after"]["covered_population"] == 500
    assert cmp["no_longer_covered_population"] == 1500
    assert cmp["zones_blanches_population"] == 1500


def test_scenario_against_a_brute_force_recount(occitanie):
    """Hérault + Gard with the demo's fablabs; add two communes and a non-fablab venue,
    remove a fablab: every figure recounted by geodesic loops over the final site list."""
    venues = pd.read_csv(config.DEMO_DIR / "venues.csv", dtype={"commune_insee": str})
    venues["dep_code"] = venues["commune_insee"].str[:2]
    reach = venues[venues["usages"].str.contains("fablab")]
    other = venues[~venues["usages"].str.contains("fablab")
                   & venues["commune_insee"].str[:2].isin(["34", "30"])].iloc[0]
    removed = reach[reach["commune_insee"].str[:2] == "34"].iloc[0]
    communes = occitanie.communes[occitanie.communes["dep_code"].isin(["34", "30"])]
    scen = roadmap.Scenario(add=("34172", "30189", "v:" + other["venue_id"]),
                            remove=("v:" + removed["venue_id"],))
    before = coverage.commune_distances(communes, reach)
    net = roadmap.scenario_network(reach, venues, occitanie.communes, scen)
    after = coverage.commune_distances(communes, net)
    cmp = roadmap.compare_scenario(before, after, 15)
    ref = occitanie.communes.set_index("insee")
    points = [(v.lon, v.lat) for v in reach.itertuples() if v.venue_id != removed["venue_id"]]
    points += [(ref.at[c, "ref_lon"], ref.at[c, "ref_lat"]) for c in ("34172", "30189")]
    points += [(other["lon"], other["lat"])]
    assert len(net) == len(points)
    expected_after = brute_covered(communes, points, 15)
    expected_before = brute_covered(communes, list(zip(reach["lon"], reach["lat"])), 15)
    assert cmp["after"]["covered_population"] == expected_after
    assert cmp["before"]["covered_population"] == expected_before
    assert (cmp["newly_covered_population"] - cmp["no_longer_covered_population"]
            == expected_after - expected_before)
    assert cmp["zones_blanches_population"] == communes["population"].sum() - expected_after
    herault = communes[communes["dep_code"] == "34"]
    dep = {d["code"]: d for d in cmp["after"]["departments"]}
    assert dep["34"]["covered_population"] == brute_covered(herault, points, 15)


# ----------------------------------------------------------------- the network over time

def dated_registry():
    return venues_frame([
        ("V1", A, "labellise", 2018, 2015),
        ("V2", G, "labellise", 2019, 2019),
        ("V3", B, "non_labellise", None, 2021),
        ("V4", D, "labellise", 2018, None),      # no opening year: left out, counted
        ("V5", D, "labellise", None, 2017),      # labelled, year unknown
    ])


def test_as_of_hand_made_registry():
    venues = dated_registry()
    net, counts = roadmap.venues_as_of(venues, 2018)
    assert net["venue_id"].tolist() == ["V1", "V5"]
    assert net.set_index("venue_id")["label_status"].to_dict() == {
        "V1": "labellise", "V5": "inconnu"}
    assert counts == {"year": 2018, "venues": 5, "open": 2, "opened_later": 2,
                      "without_opened_year": 1, "labelled_later": 0, "label_without_year": 1}
    net, counts = roadmap.venues_as_of(venues, 2017)
    assert net.set_index("venue_id")["label_status"].to_dict() == {
        "V1": "non_labellise", "V5": "inconnu"}
    assert counts["labelled_later"] == 1
    assert venues["label_status"].tolist()[0] == "labellise"  # input untouched


def test_coverage_by_year_hand_made(tiny):
    """10.5 km: V1 (Alpha, 2015) covers Alpha + Beta; V5 (Delta, 2017) Gamma + Delta."""
    venues = dated_registry()
    table = roadmap.coverage_by_year(tiny.communes, venues, range(2014, 2022), 10.5)
    region = table[table["scope"] == "region"].set_index("year")["covered_population"]
    assert region.to_dict() == {2014: 0, 2015: 1500, 2016: 1500, 2017: 2000, 2018: 2000,
                                2019: 2000, 2020: 2000, 2021: 2000}
    labelled = roadmap.coverage_by_year(
        tiny.communes, venues, [2017, 2018, 2019], 10.5,
        select=lambda v: v[v["label_status"] == "labellise"])
    region = labelled[labelled["scope"] == "region"].set_index("year")
    # 2017: V1 labelled only in 2018; 2019: V2 at Gamma labelled (Gamma + Delta)
    assert region["covered_population"].to_dict() == {2017: 0, 2018: 1500, 2019: 2000}
    assert region["venues"].to_dict() == {2017: 0, 2018: 1, 2019: 2}


def test_coverage_by_year_matches_first_covered_year(occitanie):
    """Every demo venue, 10 km: coverage in year Y equals the population of communes whose
    earliest-opened venue within 10 km opened by Y (a per-commune computation)."""
    venues = pd.read_csv(config.DEMO_DIR / "venues.csv", dtype={"commune_insee": str})
    venues["dep_code"] = venues["commune_insee"].str[:2]
    communes = occitanie.communes[occitanie.communes["dep_code"].isin(["09", "11"])]
    years = range(2008, 2026, 3)
    table = roadmap.coverage_by_year(communes, venues, years, 10)
    ci, vi = coverage.coverage_pairs(communes["ref_lon"], communes["ref_lat"], venues["lon"],
                                     venues["lat"], 10)
    first = pd.Series(venues["opened_year"].to_numpy()[vi]).groupby(ci).min()
    first_year = np.full(len(communes), np.inf)
    first_year[first.index.to_numpy()] = first.to_numpy()
    pop = communes["population"].to_numpy()
    region = table[table["scope"] == "region"].set_index("year")["covered_population"]
    for year in years:
        assert region[year] == pop[first_year <= year].sum()
    deps = table[(table["scope"] == "departement")].groupby("year")["covered_population"].sum()
    assert (deps == region).all()


def test_wave_contributions_hand_made(tiny):
    """Waves: fund_2016 funds V3 (Beta); label 2018: V1 (Alpha, also funded again in 2019)
    and V4 (Delta); label 2019: V2 (Gamma); V5 (label year unknown) in no wave. 10.5 km."""
    venues = dated_registry()
    calls = pd.DataFrame({"call_id": ["fund_2016", "label_2018", "label_2019"],
                          "name": ["Fonds 2016", "Label 1", "Label 2"],
                          "year": [2016, 2018, 2019]})
    funding = pd.DataFrame({"venue_id": ["V3", "V1"], "call_id": ["fund_2016", "label_2019"],
                            "amount_eur": [1.0, 2.0]})
    waves = roadmap.venue_waves(venues, funding, calls).set_index("venue_id")
    assert waves["wave_id"].to_dict() == {"V3": "fund_2016", "V1": "label_2018",
                                          "V4": "label_2018", "V2": "label_2019"}
    table = roadmap.wave_contributions(tiny.communes, venues, funding, calls, 10.5)
    assert table["wave_id"].tolist() == ["fund_2016", "label_2018", "label_2019", ""]
    assert table["venues"].tolist() == [1, 2, 1, 1]
    # Beta's venue covers Alpha + Beta; Delta's adds Gamma + Delta; Gamma's adds nothing
    assert table["population_added"].tolist() == [1500, 500, 0, 0]
    all_sites = list(zip(venues["lon"], venues["lat"]))
    assert table["population_added"].sum() == brute_covered(tiny.communes, all_sites, 10.5)


# ----------------------------------------------------------------- travel times

def hand_matrix():
    """Alpha→Beta 12, Alpha→Gamma 25, Gamma→Delta 9, Beta→Delta 40 (one direction only),
    Alpha–Delta absent in both directions."""
    return pd.DataFrame({"origin_insee": [A, A, G, B], "destination_insee": [B, G, D, D],
                         "minutes": ["12", "25", "9", "40"]})


def test_travel_time_coverage_against_the_hand_matrix(tiny):
    tt = traveltimes.travel_times_from_frame(hand_matrix(), tiny.communes["insee"],
                                             source="main")
    venue_at_alpha = venues_frame([("V", A, "labellise", 2018, 2015)])
    dist = coverage.commune_distances(tiny.communes, venue_at_alpha, tt)
    assert "minutes" in dist.columns and "distance_km" not in dist.columns
    assert dist["minutes"].to_dict() == pytest.approx({A: 0.0, B: 12.0, G: 25.0, D: np.nan},
                                                      nan_ok=True)
    for minutes, pop in {10: 1000, 15: 1500, 30: 1700, 90: 1700}.items():
        s = coverage.coverage_summary(dist, minutes)
        assert s["covered_population"] == pop and s["minutes"] == minutes
    zones = coverage.zones_blanches(dist, 15, "commune")
    assert zones.index.tolist() == [D, G] and "minutes" in zones.columns
    epci = coverage.zones_blanches(dist, 15, "epci")
    assert "max_minutes" in epci.columns and epci["uncovered_population"].sum() == 500
    # a venue at Delta reaches Beta by the borrowed direction (40 min)
    at_delta = coverage.commune_distances(tiny.communes, venues_frame(
        [("W", D, "labellise", 2018, 2015)]), tt)
    assert at_delta.at[B, "minutes"] == 40.0 and at_delta.at[A, "minutes"] != at_delta.at[
        A, "minutes"]


def test_suggestions_and_scenarios_in_minutes(tiny):
    """15 min, no venue: Alpha and Beta each reach {Alpha, Beta}; Gamma and Delta each
    {Gamma, Delta}: greedy takes Alpha then Gamma, 2,000 in all."""
    tt = traveltimes.travel_times_from_frame(hand_matrix(), tiny.communes["insee"],
                                             source="main")
    empty = venues_frame([])
    dist = coverage.commune_distances(tiny.communes, empty, tt)
    cand = roadmap.candidate_sites("communes", dist, tiny.communes, empty, empty, 0)
    sugg = roadmap.suggest(dist, tiny.communes, cand, 15, 2, metric=tt)
    assert sugg["site_id"].tolist() == [A, G]
    assert sugg["population_added"].tolist() == [1500, 500]
    assert [a["site_id"] for a in sugg.loc[0, "alternatives"]] == [B]
    net = roadmap.scenario_network(empty, empty, tiny.communes, roadmap.Scenario(add=(A,)))
    cmp = roadmap.compare_scenario(dist, coverage.commune_distances(tiny.communes, net, tt), 30)
    assert cmp["after"]["covered_population"] == 1700 and cmp["after"]["minutes"] == 30


def test_read_travel_times_reports_problems(tiny, tmp_path):
    path = tmp_path / "temps.csv"
    path.write_text("origin_insee;destination_insee;minutes\n31001;31002;12,5\n"
                    "31001;99999;3\n31001;32001;-4\n31001;32001;abc\n31001;31002;11\n"
                    "1001;32002;7\n", encoding="utf-8")
    tt = traveltimes.read_travel_times(path, tiny.communes["insee"])
    assert tt.source == "temps.csv" and tt.rows_read == 6
    codes = [(p[0], p[1]) for p in tt.problems]
    assert ("roadmap.tt.unknown_commune", 3) in codes
    assert ("roadmap.tt.bad_minutes", 4) in codes and ("roadmap.tt.bad_minutes", 5) in codes
    assert ("roadmap.tt.duplicates", None) in codes
    table = tt.table.set_index(["origin", "destination"])["minutes"]
    assert table[(A, B)] == 11.0 and table[(B, A)] == 11.0  # shortest kept, then borrowed
    assert ("roadmap.tt.unknown_commune", 7) in codes  # 1001 padded to 01001: not ours
    assert (A, D) not in table.index and table[(A, A)] == 0.0
    assert tt.communes_missing == (G, D)  # in no valid row


def test_read_travel_times_refuses_a_table_without_its_columns(tiny):
    with pytest.raises(traveltimes.TravelTimeError) as err:
        traveltimes.read_travel_times(b"from,to,time\n31001,31002,3\n", tiny.communes["insee"])
    assert err.value.code == "roadmap.tt.missing_columns"
    assert err.value.params["columns"] == "origin_insee, destination_insee, minutes"


def test_travel_time_nearest_and_pairs_against_a_plain_lookup(occitanie):
    """A random table over 120 communes of Gers (some pairs one way only, some repeated);
    25 venues, two in the same commune: nearest minutes and pairs within 30 min equal a
    dictionary lookup over every (commune, venue)."""
    rng = np.random.default_rng(7)
    gers = occitanie.communes[occitanie.communes["dep_code"] == "32"].head(120)
    codes = gers["insee"].to_numpy()
    o, d = rng.integers(0, 120, 3000), rng.integers(0, 120, 3000)
    frame = pd.DataFrame({"origin_insee": codes[o], "destination_insee": codes[d],
                          "minutes": rng.integers(1, 80, 3000).astype(str)})
    tt = traveltimes.travel_times_from_frame(frame, occitanie.communes["insee"], source="r")
    given = {}
    for a, b, m in zip(codes[o], codes[d], frame["minutes"].astype(float)):
        given[(a, b)] = min(m, given.get((a, b), np.inf))
    def minutes(a, b):
        if (a, b) in given:
            return given[(a, b)]
        if (b, a) in given:
            return given[(b, a)]
        return 0.0 if a == b else np.nan
    sites = pd.DataFrame({"commune_insee": list(codes[rng.integers(0, 120, 24)]) + [codes[5]],
                          "lon": 0.0, "lat": 0.0})
    sites.loc[0, "commune_insee"] = codes[5]
    dist, idx = tt.nearest(gers, sites)
    for k, c in enumerate(codes):
        times = [minutes(c, s) for s in sites["commune_insee"]]
        best = np.nanmin(times) if not np.isnan(times).all() else np.nan
        assert (np.isnan(best) and np.isnan(dist[k])) or best == dist[k]
        if not np.isnan(best):
            assert times[idx[k]] == best and idx[k] == int(np.nanargmin(times))
    si, ci = tt.pairs(sites, gers, 30)
    got = set(zip(si.tolist(), ci.tolist()))
    expected = {(s, k) for s, sc in enumerate(sites["commune_insee"])
                for k, c in enumerate(codes) if minutes(c, sc) <= 30}
    assert got == expected


def test_travel_time_notes_name_the_source_and_cap_the_problems(tiny):
    rows = "".join(f"31001;9999{i};{i}\n" for i in range(14))
    tt = traveltimes.read_travel_times(
        ("origin_insee;destination_insee;minutes\n31001;31002;7\n" + rows).encode(),
        tiny.communes["insee"], name="t.csv")
    notes = traveltimes.travel_time_notes(tt, "fr")
    assert notes[0] == "Temps de trajet : t.csv (15 lignes lues)"
    assert notes[1] == ("ligne 3, colonne destination_insee : code « 99990 » hors du "
                        "référentiel : ligne ignorée")
    assert notes[11] == "… et 4 autres problèmes"
    assert notes[12].startswith("2 communes absentes de la table")
