"""The mapping step: each field's column and how it was found; one message for a file that
lacks a name or a place; the mapping saved and read back as JSON (browser and --mapping)."""

from __future__ import annotations

import json

import pytest

from dashboard import cli
from dashboard.importing.mapping import ColumnMapping, MappingError
from dashboard.importing.venues import MissingColumnsError, import_venues

UNRECOGNISABLE = ("A;B;C;D\n"
                  "La Grange;81004;43.9289;2.1464\n"
                  "Le Hangar;12202;44.3506;2.5750\n"
                  "Cowork Sud;32013;43.6465;0.5855\n").encode()


def test_unrecognisable_headers_are_mapped_from_the_values(occitanie):
    result = import_venues(UNRECOGNISABLE, occitanie, file="x.csv")
    plan = result.plan
    assert plan.columns == {"name": "A", "commune_insee": "B", "lat": "C", "lon": "D"}
    assert plan.fields["commune_insee"].reason == "content.commune_insee"
    assert result.counts()["rejected"] == 0
    assert list(result.venues["commune_insee"]) == ["81004", "12202", "32013"]


def test_a_user_choice_wins_and_an_ignored_column_is_left_aside(occitanie):
    mapping = ColumnMapping(columns={"A": "city", "C": None, "D": None})
    with pytest.raises(MissingColumnsError):  # no name left, once A is a commune
        import_venues(UNRECOGNISABLE, occitanie, mapping=mapping, file="x.csv")
    mapping = ColumnMapping(columns={"C": None, "D": None})
    result = import_venues(UNRECOGNISABLE, occitanie, mapping=mapping, file="x.csv")
    assert "lat" not in result.plan.columns and set(result.plan.aside) == {"C", "D"}
    assert result.venues["lat"].tolist() != ["43.9289"]  # reference points instead


def test_a_file_without_name_or_place_is_told_once_naming_its_columns(occitanie):
    data = "Effectif;Budget annuel\n12;3000\n3;150\n".encode()
    with pytest.raises(MissingColumnsError) as info:
        import_venues(data, occitanie, file="liste.csv")
    message = str(info.value)
    assert message.count("liste.csv") == 1
    assert "le nom du lieu ni sa localisation" in message
    assert "« Effectif », « Budget annuel »" in message
    assert info.value.raw.frame.shape[0] == 2  # the preview is still there


def test_mapping_json_round_trip_and_refusals():
    mapping = ColumnMapping("Lieux", 20, {"NOM_TL": "name", "METRO": None})
    assert ColumnMapping.from_json(json.loads(mapping.dumps())) == mapping
    assert ColumnMapping.from_json({"NOM_TL": "name"}).columns == {"NOM_TL": "name"}
    with pytest.raises(MappingError, match="champ\\(s\\) inconnu\\(s\\) nom"):
        ColumnMapping.from_json({"columns": {"NOM_TL": "nom"}})
    with pytest.raises(MappingError):
        ColumnMapping.from_json(["name"])


def test_cli_prints_saves_and_reuses_the_mapping(tmp_path, capsys, occitanie):
    src = tmp_path / "sans_noms.csv"
    src.write_bytes(UNRECOGNISABLE)
    saved = tmp_path / "correspondance.json"
    assert cli.main(["import", "venues", str(src), "--save-mapping", str(saved)]) == 0
    out = capsys.readouterr().out
    assert ("B → commune_insee (100\u202f% des valeurs sont des codes INSEE de communes)"
            in out)
    mapping = json.loads(saved.read_text(encoding="utf-8"))
    assert mapping == {"sheet": None, "header_row": 1,
                       "columns": {"A": "name", "B": "commune_insee", "C": "lat", "D": "lon"}}
    mapping["columns"]["B"] = None  # the user drops the code column
    saved.write_text(json.dumps(mapping), encoding="utf-8")
    assert cli.main(["import", "venues", str(src), "--mapping", str(saved)]) == 0
    assert "B → commune_insee" not in capsys.readouterr().out
    # a header row that is not there, and a file with nothing to map: exit 2, in French
    assert cli.main(["import", "venues", str(src), "--header-row", "40"]) == 2
    assert "la ligne d'en-tête 40 n'existe pas" in capsys.readouterr().err
    empty = tmp_path / "rien.csv"
    empty.write_text("a;b\n1;2\n", encoding="utf-8")
    assert cli.main(["import", "venues", str(empty)]) == 2
    assert "aucune colonne n'a été reconnue" in capsys.readouterr().err


def test_cli_header_row_zero_reads_a_headerless_file(tmp_path, capsys, occitanie):
    src = tmp_path / "brut.csv"
    src.write_bytes(UNRECOGNISABLE.split(b"\n", 1)[1])
    assert cli.main(["import", "venues", str(src), "--header-row", "0"]) == 0
    assert "sans en-tête) : 3 lignes lues" in capsys.readouterr().out
