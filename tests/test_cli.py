"""The ``tierslieux`` command: output formats and exit statuses."""

from __future__ import annotations

import csv
import io
import json

import pytest

from dashboard import cli, config


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_data_build_json_summary_is_the_last_line(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("TIERSLIEUX_CACHE_DIR", str(tmp_path))
    code, out, _ = run(capsys, "data", "build", "--format", "json")
    assert code == 0
    summary = json.loads(out.strip().splitlines()[-1])
    assert {k: summary[k] for k in ("communes", "departments", "epcis", "population")} == {
        "communes": 4446, "departments": 13, "epcis": 163, "population": 5_845_102}
    assert (tmp_path / "reference" / "region-76" / "communes.parquet").exists()


def test_data_build_text_reports_the_fallback(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("TIERSLIEUX_CACHE_DIR", str(tmp_path))
    code, out, _ = run(capsys, "data", "build", "--region", "76")
    assert code == 0
    assert "4\u202f446" in out and "5\u202f845\u202f102" in out  # narrow no-break spaces
    assert "180 communes sans mairie fiable (dont 5 sans point de mairie)" in out


def test_data_build_unknown_region_exits_2(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("TIERSLIEUX_CACHE_DIR", str(tmp_path))
    code, _, err = run(capsys, "data", "build", "--region", "99")
    assert code == 2 and "Région « 99 » inconnue" in err


def test_data_check_valid_file_exits_0(capsys, occitanie):
    code, out, _ = run(capsys, "data", "check", str(config.DEMO_DIR / "venues.csv"))
    assert code == 0
    assert "400 lignes lues — 400 acceptées, 0 réparées, 0 rejetées" in out


def test_data_check_lists_each_problem_and_exits_1(capsys, tmp_path, occitanie):
    path = tmp_path / "lieux.csv"
    path.write_text(
        "venue_id,name,commune_insee,lat,lon,usages,label_status\n"
        "A,Lieu A,31555,43.6045,1.4440,coworking,labellise\n"
        "B,Lieu B,31555,43.6045,1.4440,bowling,labellise\n"
        "A,Lieu C,31555,,,coworking,labellise\n", encoding="utf-8")
    code, out, _ = run(capsys, "data", "check", str(path))
    assert code == 1
    lines = out.strip().splitlines()
    assert lines[0].endswith("3 lignes lues — 1 acceptées, 1 réparées, 1 rejetées")
    assert "ligne 3, colonne usages (réparée) : usage(s) inconnu(s) ignoré(s) : bowling" in out
    assert "ligne 4, colonne venue_id (rejetée) : identifiant « A » en double" in out


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02binary", b"nom,ville\nA,B\n",
                                     b"venue_id,name,commune_insee\nA,,99999\n"])
def test_data_check_unusable_file_exits_2(capsys, tmp_path, content, occitanie):
    path = tmp_path / "lieux.csv"
    path.write_bytes(content)
    code, _, err = run(capsys, "data", "check", str(path))
    assert code == 2 and err.startswith("Erreur :")


def test_data_check_funding_file(capsys, tmp_path, occitanie):
    path = tmp_path / "financements.csv"
    path.write_text("venue_id,call_id,amount_eur\nDEMO-001,label_2018,1000\n"
                    "DEMO-001,appel_inconnu,1000\nDEMO-002,label_2019,-5\n", encoding="utf-8")
    code, out, _ = run(capsys, "data", "check", str(path), "--venues",
                       str(config.DEMO_DIR / "venues.csv"))
    assert code == 1
    assert "appel à projets « appel_inconnu » inconnu" in out
    assert "montant négatif (-5 €)" in out


def test_data_check_json(capsys, tmp_path, occitanie):
    path = tmp_path / "lieux.csv"
    path.write_text("venue_id,name,commune_insee\nA,Lieu,31555\n", encoding="utf-8")
    code, out, _ = run(capsys, "data", "check", str(path), "--format", "json")
    payload = json.loads(out)
    assert code == 1  # coordinates were filled from the commune: a repair
    assert payload["repaired"] == 1 and payload["rows"] == 1


def test_coverage_json_format(capsys, occitanie):
    code, out, _ = run(capsys, "coverage", "--radius-km", "15", "--format", "json")
    assert code == 0
    payload = json.loads(out)
    assert set(payload) == {"radius_km", "population", "covered_population", "coverage_rate",
                            "departments"}
    assert payload["radius_km"] == 15 and payload["population"] == 5_845_102
    assert len(payload["departments"]) == 13
    assert set(payload["departments"][0]) == {"code", "name", "population",
                                              "covered_population", "coverage_rate"}
    assert sum(d["covered_population"] for d in payload["departments"]) == payload[
        "covered_population"]
    assert payload["coverage_rate"] == pytest.approx(
        payload["covered_population"] / payload["population"])


def test_coverage_filters_and_csv(capsys, occitanie):
    code, out, _ = run(capsys, "coverage", "--radius-km", "10", "--usage", "fablab",
                       "--departement", "31", "32", "--format", "csv")
    assert code == 0
    assert out.splitlines()[0] == ("radius_km,scope,code,name,population,covered_population,"
                                   "coverage_rate")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["code"] for r in rows] == ["76", "31", "32"]
    assert rows[0]["name"] == "Haute-Garonne, Gers"
    assert int(rows[0]["population"]) == 1_362_672 + 191_091
    assert int(rows[0]["covered_population"]) == sum(int(r["covered_population"])
                                                      for r in rows[1:])


def test_coverage_grows_with_the_radius_on_the_command_line(capsys, occitanie):
    rates = []
    for radius in ("5", "15", "30"):
        _, out, _ = run(capsys, "coverage", "--radius-km", radius, "--label", "labellise")
        rates.append(json.loads(out)["covered_population"])
    assert rates == sorted(rates) and rates[0] < rates[-1]


def test_suggest_json_format(capsys, occitanie):
    code, out, _ = run(capsys, "suggest", "--k", "4", "--radius-km", "15", "--format", "json")
    assert code == 0
    payload = json.loads(out)
    sugg = payload["suggestions"]
    assert len(sugg) == 4
    assert all({"insee", "name", "population_added"} <= set(s) for s in sugg)
    gains = [s["population_added"] for s in sugg]
    assert gains == sorted(gains, reverse=True)  # greedy gains never increase
    assert [s["rank"] for s in sugg] == [1, 2, 3, 4]


def test_suggest_csv_and_own_venues(capsys, tmp_path, occitanie):
    path = tmp_path / "lieux.csv"
    path.write_text("venue_id,name,commune_insee\nA,Lieu à Toulouse,31555\n", encoding="utf-8")
    code, out, err = run(capsys, "suggest", "--k", "2", "--radius-km", "20", "--venues",
                         str(path), "--format", "csv")
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0] == "rank,insee,name,dep_code,population,population_added,cumulative"
    assert len(lines) == 3
    # one venue in Toulouse: the best next site is far from it, Montpellier's area first
    assert lines[1].split(",")[3] in {"34", "30"}
    assert "1 lignes réparées" in err  # coordinates filled from the commune


def test_coverage_unknown_filter_value_exits_2(capsys, occitanie):
    code, _, err = run(capsys, "coverage", "--departement", "75")
    assert code == 2 and "--departement : valeur(s) inconnue(s) : 75" in err


def test_the_app_module_is_importable_from_anywhere(tmp_path):
    """`tierslieux bench` (a console script: the repository is not on its path) imports the
    Dash app: the install must make `app` importable outside the repository."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", "import app, sys; print(app.server.name)"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env={k: v for k, v in __import__("os").environ.items()
                               if k != "PYTHONPATH"})
    assert done.returncode == 0, done.stderr[-2000:]
