"""``tierslieux suggest --candidates`` and ``coverage --add-site / --as-of / --travel-times``:
each figure checked against another command or a hand count (same definitions)."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest

from dashboard import cli, config


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def covered_population(capsys, *argv):
    code, out, err = run(capsys, "coverage", *argv, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def test_suggest_shows_the_near_tie_of_the_issue(capsys, occitanie):
    """Pavie first (33,660 more people), Auch 3 % behind: Auch is listed as its alternative,
    and the communes Pavie covers add up to its gain."""
    code, out, _ = run(capsys, "suggest", "--k", "2", "--format", "json")
    assert code == 0
    payload = json.loads(out)
    first = payload["suggestions"][0]
    assert (first["name"], first["population_added"], first["kind"]) == ("Pavie", 33660,
                                                                        "commune")
    assert "venue_id" not in first
    auch = [a for a in first["alternatives"] if a["insee"] == "32013"]
    assert auch and auch[0]["population_added"] == 32598
    assert auch[0]["gap"] == pytest.approx(1 - 32598 / 33660, abs=1e-6)
    pop = occitanie.communes.set_index("insee")["population"]
    assert pop[first["covered_insee"]].sum() == first["population_added"]
    # the two suggestions added as sites: coverage grows by exactly their cumulative gain
    sites = [s["insee"] for s in payload["suggestions"]]
    cov = covered_population(capsys, "--add-site", *sites)
    assert cov["covered_population"] - cov["baseline"]["covered_population"] == payload[
        "suggestions"][1]["cumulative"]
    assert cov["baseline"] == covered_population(capsys)


def test_suggest_venue_candidates_recounted_by_coverage(capsys, occitanie):
    """With label=labellise the candidates are the other venues; labelling the first
    suggested venue raises coverage (nearest-distance method) by its greedy gain."""
    code, out, _ = run(capsys, "suggest", "--k", "3", "--label", "labellise",
                       "--candidates", "venues", "--format", "json")
    assert code == 0
    sugg = json.loads(out)["suggestions"]
    venues = pd.read_csv(config.DEMO_DIR / "venues.csv").set_index("venue_id")
    assert [s["kind"] for s in sugg] == ["venue"] * 3
    assert all(venues.at[s["venue_id"], "label_status"] != "labellise" for s in sugg)
    cov = covered_population(capsys, "--label", "labellise",
                             "--add-site", *[f"v:{s['venue_id'].lower()}" for s in sugg])
    assert (cov["covered_population"] - cov["baseline"]["covered_population"]
            == sugg[-1]["cumulative"])
    assert cov["sites_added"] == [f"v:{s['venue_id']}" for s in sugg]


def test_suggest_both_kinds_csv(capsys, occitanie):
    code, out, _ = run(capsys, "suggest", "--k", "3", "--label", "labellise", "--candidates",
                       "both", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0])[:3] == ["rank", "kind", "venue_id"]
    assert "covered_insee" in rows[0] and "alternatives" in rows[0]
    assert all((r["kind"] == "venue") == bool(r["venue_id"]) for r in rows)


def test_remove_site_and_department_rows(capsys, occitanie):
    """Removing every venue of Lozère from the network: coverage of Lozère can only drop,
    other departments far from it keep theirs (CSV: before / after per department)."""
    venues = pd.read_csv(config.DEMO_DIR / "venues.csv", dtype={"commune_insee": str})
    loz = venues.loc[venues["commune_insee"].str[:2] == "48", "venue_id"]
    code, out, _ = run(capsys, "coverage", "--remove-site", *[f"v:{v}" for v in loz],
                       "--format", "csv")
    assert code == 0
    rows = {r["code"]: r for r in csv.DictReader(io.StringIO(out))}
    assert int(rows["48"]["covered_after"]) < int(rows["48"]["covered_before"])
    assert rows["66"]["covered_after"] == rows["66"]["covered_before"]
    assert int(rows["76"]["newly_covered"]) == sum(
        int(r["newly_covered"]) for c, r in rows.items() if c != "76")


def test_as_of_against_a_registry_cut_by_hand(capsys, tmp_path, occitanie):
    """--as-of 2015 on the demo equals the coverage of a file keeping only the venues opened
    by 2015; a venue without a year is counted and said, not guessed."""
    venues = pd.read_csv(config.DEMO_DIR / "venues.csv", dtype=str)
    venues.loc[0, "opened_year"] = ""
    full, cut = tmp_path / "all.csv", tmp_path / "cut.csv"
    venues.to_csv(full, index=False)
    years = pd.to_numeric(venues["opened_year"])
    venues[years <= 2015].to_csv(cut, index=False)
    code, out, err = run(capsys, "coverage", "--venues", str(full), "--as-of", "2015",
                         "--format", "json")
    assert code == 0
    payload = json.loads(out)
    assert payload["as_of"]["without_opened_year"] == 1
    assert payload["as_of"]["open"] == int((years <= 2015).sum())
    assert "1 sans année d'ouverture (non comptés)" in err
    assert payload["covered_population"] == covered_population(
        capsys, "--venues", str(cut))["covered_population"]
    # labelled as of 2018: only venues labelled by 2018 (label_year ≤ 2018) count
    labelled = venues[(venues["label_status"] == "labellise")
                      & (pd.to_numeric(venues["label_year"]) <= 2018) & (years <= 2018)]
    labelled.to_csv(cut, index=False)
    as_of = covered_population(capsys, "--venues", str(full), "--as-of", "2018",
                               "--label", "labellise")
    assert as_of["covered_population"] == covered_population(
        capsys, "--venues", str(cut))["covered_population"]


def test_travel_times_against_a_hand_made_table(capsys, tmp_path, occitanie):
    """One venue in Toulouse; Blagnac 15 min away, Colomiers 22 min (given the other way
    round), Auch absent: coverage at 20 and 25 min counted by hand."""
    venues = tmp_path / "lieux.csv"
    venues.write_text("venue_id,name,commune_insee\nT,Lieu à Toulouse,31555\n",
                      encoding="utf-8")
    table = tmp_path / "temps.csv"
    table.write_text("origin_insee,destination_insee,minutes\n31069,31555,15\n"
                     "31555,31149,22\n31555,99999,5\n", encoding="utf-8")
    pop = occitanie.communes.set_index("insee")["population"]
    at20 = covered_population(capsys, "--venues", str(venues), "--travel-times", str(table),
                              "--minutes", "20")
    assert at20["covered_population"] == pop["31555"] + pop["31069"]
    assert at20["minutes"] == 20 and at20["travel_times"] == "temps.csv"
    assert "radius_km" not in at20
    code, out, err = run(capsys, "coverage", "--venues", str(venues), "--travel-times",
                         str(table), "--minutes", "25", "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("minutes,scope,")
    region = next(csv.DictReader(io.StringIO(out)))
    assert int(region["covered_population"]) == pop["31555"] + pop["31069"] + pop["31149"]
    assert "ligne 4, colonne destination_insee" in err and "Temps de trajet : temps.csv" in err
    # suggestions in minutes: Blagnac's commune would serve itself and Toulouse... which is
    # covered; from Colomiers (22 min from Toulouse) nothing else is within 10 min
    code, out, _ = run(capsys, "suggest", "--venues", str(venues), "--travel-times",
                       str(table), "--minutes", "10", "--k", "2", "--format", "json")
    payload = json.loads(out)
    assert payload["minutes"] == 10
    assert [s["population_added"] for s in payload["suggestions"]] == sorted(
        [s["population_added"] for s in payload["suggestions"]], reverse=True)
    assert all(s["covered_insee"] == [s["insee"]] for s in payload["suggestions"])


def test_bad_options_exit_2(capsys, occitanie):
    code, _, err = run(capsys, "coverage", "--minutes", "20")
    assert code == 2 and "--minutes demande une table" in err
    code, _, err = run(capsys, "coverage", "--add-site", "99999", "v:nope")
    assert code == 2 and "site(s) inconnu(s) : 99999, v:nope" in err
