"""The canonical template downloaded from the import tab imports as it is."""

from __future__ import annotations

import io

import openpyxl
import pytest

from dashboard import schema
from dashboard.importing.template import EXAMPLE_ROWS, template_csv, template_xlsx
from dashboard.importing.venues import import_venues


@pytest.mark.parametrize("make, name", [(template_csv, "modele.csv"),
                                        (template_xlsx, "modele.xlsx")])
def test_the_template_imports_its_example_rows_unchanged(occitanie, make, name):
    result = import_venues(make("fr"), occitanie, file=name)
    assert result.counts()["rejected"] == 0
    venues = result.canonical().set_index("venue_id")
    assert list(venues.index) == [r["venue_id"] for r in EXAMPLE_ROWS]
    assert venues.loc["EX-001", "commune_insee"] == "81004"  # Albi, by its point
    assert venues.loc["EX-002", "commune_insee"] == "12202"  # Rodez, by its code
    assert venues.loc["EX-001", "usages"] == "coworking|fablab"
    assert venues.loc["EX-002", "label_status"] == "candidat"
    assert all(name.startswith("Exemple") for name in venues["name"])


def test_the_workbook_opens_on_the_venue_sheet_with_help_and_lists():
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx("fr")))
    assert book.sheetnames == ["À lire", "Lieux", "codes"]
    assert book.active.title == "Lieux"
    assert [c.value for c in book["Lieux"][1]] == list(schema.VENUE_COLUMNS)
    assert book["codes"].sheet_state == "hidden"
    helped = {row[0].value for row in book["À lire"].iter_rows() if row[0].value}
    assert set(schema.VENUE_COLUMNS) <= helped and set(schema.USAGE_CODES) <= helped
    english = openpyxl.load_workbook(io.BytesIO(template_xlsx("en")))
    assert english.sheetnames == ["Read me", "Venues", "codes"]
