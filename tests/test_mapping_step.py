"""The browser's mapping step, its callbacks called as plain functions."""

from __future__ import annotations

import base64
import io
import json

import openpyxl

from callbacks.importing import update_session_dataset
from callbacks.kpis import update_kpis
from callbacks.mapping import (
    download_template,
    export_mapping,
    preview_venue_file,
    update_mapping,
)
from dashboard.filters import ViewState, state_to_dict
from dashboard.importing.mapping import ColumnMapping
from layouts import ids
from tests.test_callbacks import run_in_context

UNRECOGNISABLE = ("A;B;C;D\n"
                  "La Grange;81004;43.9289;2.1464\n"
                  "Le Hangar;12202;44.3506;2.5750\n"
                  "Cowork Sud;32013;43.6465;0.5855\n")


def _data_url(data: bytes) -> str:
    return "data:application/octet-stream;base64," + base64.b64encode(data).decode()


def _preview(data: bytes, name: str, sheet=None, header=None, trigger=ids.IMPORT_VENUES_UPLOAD):
    return run_in_context(preview_venue_file, _data_url(data), sheet, header, name, "fr",
                          triggered=trigger)


def test_a_dropped_file_is_previewed_with_each_field_and_how(occitanie):
    style, sheet_box, sheets, sheet, header, table, mapping, message, show = _preview(
        UNRECOGNISABLE.encode(), "lieux.csv")
    assert style == {} and show is False and sheets == [] and header == 1
    assert sheet_box == {"display": "none"}  # a CSV file has no sheet to choose
    assert mapping["columns"] == {"A": "name", "B": "commune_insee", "C": "lat", "D": "lon"}
    text = str(table)
    assert "des valeurs sont des codes INSEE de communes" in text
    assert "La Grange" in text  # the first values are shown


def test_a_workbook_opens_on_its_venue_sheet_and_another_can_be_chosen(occitanie):
    book = openpyxl.Workbook()
    book.active.title = "Lisez-moi"
    book.active.append(["Ce classeur recense les lieux."])
    venues = book.create_sheet("Lieux")
    for row in [["x"], [], ["nom", "ville", "code postal"], ["La Grange", "Albi", "81000"]]:
        venues.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    style, sheet_box, sheets, sheet, header, _, mapping, *_ = _preview(buffer.getvalue(),
                                                                       "r.xlsx")
    assert sheet_box == {}
    assert [o["value"] for o in sheets] == ["Lisez-moi", "Lieux"] and sheet == "Lieux"
    assert header == 3 and mapping["columns"]["nom"] == "name"
    # the user picks the readme sheet: read again, it holds no table; the step stays open so
    # that another sheet can be chosen
    style, _, options, *_, mapping, message, show = _preview(
        buffer.getvalue(), "r.xlsx", sheet="Lisez-moi", trigger=ids.IMPORT_SHEET)
    assert style == {} and mapping is None and show and "aucun tableau trouvé" in message


def test_an_unreadable_file_says_why_without_a_mapping_step(occitanie):
    style, *_, message, show = _preview(b"\x00\x01\x02" * 40, "photo.csv")
    assert style == {"display": "none"} and show is True and "photo.csv" in message


def test_choices_are_checked_before_importing(occitanie):
    mapping = {"sheet": None, "header_row": 1,
               "columns": {"A": "name", "B": "commune_insee", "C": "lat", "D": "lon"}}
    store, problem, show, disabled = update_mapping(["name", "commune_insee", "", ""],
                                                    mapping, "lieux.csv", "fr")
    assert store["columns"] == {"A": "name", "B": "commune_insee", "C": None, "D": None}
    assert (problem, show, disabled) == ("", False, False)
    _, problem, show, disabled = update_mapping(["", "commune_insee", "lat", "lon"], mapping,
                                                "lieux.csv", "fr")
    assert show and disabled and "le nom du lieu" in problem and "« A »" in problem
    _, problem, _, disabled = update_mapping(["name", "name", "lat", "lon"], mapping,
                                             "lieux.csv", "fr")
    assert disabled and "Plusieurs colonnes désignent le même champ (Nom du lieu)" in problem


def test_the_mapping_downloads_as_the_command_line_json():
    mapping = {"sheet": None, "header_row": 1, "columns": {"A": "name", "B": None}}
    sent = export_mapping(1, mapping, "lieux.csv")
    assert sent["filename"] == "correspondance_lieux.json"
    assert ColumnMapping.from_json(json.loads(sent["content"])) == ColumnMapping(
        None, 1, {"A": "name", "B": None})


def test_importing_uses_the_users_mapping_and_keeps_matching_grants(occitanie):
    mapping = {"sheet": None, "header_row": 1,
               "columns": {"A": "name", "B": "commune_insee", "C": None, "D": None}}
    key, message, show, summary, *_ = run_in_context(
        update_session_dataset, _data_url(UNRECOGNISABLE.encode()), None, None, "lieux.csv",
        None, None, "fr", mapping, [], triggered=ids.IMPORT_APPLY)
    assert key and show is False
    state = {**state_to_dict(ViewState()), "dataset": key}
    assert update_kpis(state)[0] == "3"
    funding = "Lieu;Appel;Montant\nLa Grange;FabRégion 2016;1000\nLe Hangar;label_2018;500\n"
    key2, *_ = run_in_context(update_session_dataset, None, _data_url(funding.encode()), None,
                              "lieux.csv", "fin.csv", key, "fr",
                              triggered=ids.IMPORT_FUNDING_UPLOAD)
    # the venue file again, without « Le Hangar »: its grant cannot stay, and the page says so
    fewer = "\n".join(line for line in UNRECOGNISABLE.splitlines() if "Hangar" not in line)
    key3, _, _, summary, *_ = run_in_context(
        update_session_dataset, _data_url(fewer.encode()), None, None, "lieux.csv", None, key2,
        "fr", None, [], triggered=ids.IMPORT_APPLY)
    assert summary[1].children.startswith(
        "1 financement(s) déjà importé(s) conservé(s) ; 1 ne correspondent plus")
    # La Grange keeps its 1 000 € although « Cowork Sud » now sits on Le Hangar's old row
    assert update_kpis({**state, "dataset": key3})[4] == "1\u202f000\u00a0€"


def test_templates_download_in_both_formats():
    csv_sent = run_in_context(download_template, 1, None, "fr", triggered=ids.IMPORT_TEMPLATE_CSV)
    xlsx_sent = run_in_context(download_template, None, 1, "fr",
                               triggered=ids.IMPORT_TEMPLATE_XLSX)
    assert csv_sent["filename"] == "modele_registre_tiers-lieux.csv"
    assert xlsx_sent["filename"] == "modele_registre_tiers-lieux.xlsx"
    assert base64.b64decode(xlsx_sent["content"])[:2] == b"PK"
