"""Workbooks with several sheets: the venue sheet is found, hidden and note sheets come last."""

from __future__ import annotations

import io

import openpyxl
import pytest

from dashboard.importing.workbook import WorkbookError, choose_sheet, list_sheets, sheet_rows


def _xlsx(build) -> bytes:
    book = openpyxl.Workbook()
    build(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _readme_then_venues(book):
    """A « Lisez-moi » sheet first, a hidden sheet of lists, then the venues under a title
    and 18 empty rows (header on row 20)."""
    readme = book.active
    readme.title = "Lisez-moi"
    readme.append(["Recensement des tiers-lieux — lisez-moi"])
    readme.append(["Une ligne par lieu dans la feuille « Lieux »."])
    lists = book.create_sheet("listes")
    lists.sheet_state = "hidden"
    lists.append(["usage", "code"])
    lists.append(["Coworking", "coworking"])
    venues = book.create_sheet("Lieux")
    venues.append(["Tiers-lieux du Tarn, état au 1er janvier"])
    for _ in range(18):
        venues.append([])
    venues.append(["nom", "ville", "code postal"])
    venues.append(["La Grange", "Albi", 81000])
    venues.append(["Le Hangar", "Castres", 81100.0])


def test_the_venue_sheet_is_chosen_over_a_readme_and_a_hidden_sheet():
    data = _xlsx(_readme_then_venues)
    sheets = list_sheets(data)
    assert [(s.name, s.hidden) for s in sheets] == [
        ("Lisez-moi", False), ("listes", True), ("Lieux", False)]
    chosen = choose_sheet(sheets)
    assert chosen.name == "Lieux"
    rows = sheet_rows(data, chosen.index)
    assert rows[19] == ["nom", "ville", "code postal"]  # spreadsheet row 20
    assert rows[20:] == [["La Grange", "Albi", "81000"], ["Le Hangar", "Castres", "81100"]]


def test_a_hidden_first_sheet_comes_after_the_visible_one():
    def build(book):
        hidden = book.active
        hidden.title = "brouillon"
        hidden.append(["nom", "ville"])
        hidden.append(["Ancien", "Albi"])
        hidden.sheet_state = "hidden"
        shown = book.create_sheet("Données")
        shown.append(["nom", "ville"])
        shown.append(["Nouveau", "Rodez"])

    assert choose_sheet(list_sheets(_xlsx(build))).name == "Données"


def test_rows_can_be_limited_and_broken_workbooks_say_so():
    data = _xlsx(_readme_then_venues)
    assert len(sheet_rows(data, 2, limit=5)) == 5
    with pytest.raises(WorkbookError):
        list_sheets(b"PK\x03\x04 not really a zip")
