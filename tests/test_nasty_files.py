"""Real exports are dirtier than our own files: each one below is read with every data line
accounted for (accepted + repaired + rejected = data lines), or refused with one clear French
message naming the file."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dashboard.importing.reading import ImportFileError, ReadOptions, read_table_any
from dashboard.importing.venues import import_venues

COMMUNES = [("Albi", "81000", "43.9289", "2.1464"), ("Rodez", "12000", "44.3506", "2.5750"),
            ("Auch", "32000", "43.6465", "0.5855"), ("Cahors", "46000", "44.4475", "1.4419")]


def _rows(n: int) -> list[list[str]]:
    return [[f"Lieu numéro {i}", *COMMUNES[i % 4]] for i in range(1, n + 1)]


def _csv(rows, sep=";", header=("nom", "ville", "code postal", "lat", "lon")) -> str:
    return "\n".join(sep.join(r) for r in [list(header), *rows]) + "\n"


def _accounted(result) -> int:
    counts = result.counts()
    return counts["accepted"] + counts["repaired"] + counts["rejected"]


def test_an_unclosed_quote_at_row_11_of_1000_loses_no_venue(occitanie):
    rows = _rows(1000)
    rows[9][0] = '"Chez Paul'  # spreadsheet row 11 (header on row 1)
    result = import_venues(_csv(rows).encode(), occitanie, file="lieux.csv")
    assert _accounted(result) == 1000
    assert len(result.venues) == 1000
    report = result.report.set_index("source_row")
    assert report.loc[11, "status"] == "repaired"
    assert "guillemet ouvert sans guillemet fermant" in report.loc[11, "detail"]
    assert report.loc[1001, "status"] == "accepted"


def test_a_header_on_row_20_under_a_title_and_notes(occitanie):
    top = [["Tiers-lieux du Tarn"], ["Source : enquête 2025"]] + [[""]] * 17
    text = "\n".join(";".join(r) for r in top) + "\n" + _csv(_rows(5))
    raw = read_table_any(text.encode(), "tarn.csv")
    assert raw.header_row == 20
    assert list(raw.frame["source_row"]) == [21, 22, 23, 24, 25]
    assert _accounted(import_venues(raw, occitanie)) == 5


def _workbook(*sheets) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows, hidden in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        if hidden:
            sheet.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


VENUE_SHEET = [["nom", "ville", "code postal", "lat", "lon"], *_rows(6)]


def test_a_readme_sheet_first_and_a_hidden_first_sheet(occitanie):
    readme = [["Lisez-moi"], ["Ce classeur recense les tiers-lieux du réseau."]]
    data = _workbook(("Lisez-moi", readme, False), ("Lieux", VENUE_SHEET, False))
    result = import_venues(data, occitanie, file="reseau.xlsx")
    assert result.raw.sheet == "Lieux"
    assert [s.name for s in result.raw.sheets] == ["Lisez-moi", "Lieux"]
    assert _accounted(result) == 6 and len(result.venues) == 6
    hidden_first = _workbook(("ancien", VENUE_SHEET[:3], True), ("Lieux", VENUE_SHEET, False))
    assert read_table_any(hidden_first, "b.xlsx").sheet == "Lieux"
    # the user can still choose another sheet, by name or position
    assert len(read_table_any(hidden_first, "b.xlsx", ReadOptions(sheet="ancien")).frame) == 2
    assert len(read_table_any(hidden_first, "b.xlsx", ReadOptions(sheet=1)).frame) == 2
    with pytest.raises(ImportFileError, match="pas de feuille « Feuil9 »"):
        read_table_any(hidden_first, "b.xlsx", ReadOptions(sheet="Feuil9"))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "mac_roman", "cp1252"])
def test_excel_unicode_text_and_old_mac_exports(occitanie, encoding):
    rows = [["Café de la Gare", *COMMUNES[0]], ["L'Œuvre à Rodez", *COMMUNES[1]]]
    data = _csv(rows, sep="\t").encode(encoding)
    result = import_venues(data, occitanie, file="export.txt")
    assert list(result.venues["name"]) == ["Café de la Gare", "L'Œuvre à Rodez"]
    assert result.raw.separator == "\t"


def test_shift_jis_is_refused_not_repaired(occitanie):
    data = "名前;住所\n東京タワー;東京都港区芝公園\nカフェ;大阪\n".encode("shift_jis")
    with pytest.raises(ImportFileError, match="japon|alphabet latin"):
        import_venues(data, occitanie, file="tokyo.csv")


def test_a_file_without_header_is_read_as_data(occitanie):
    text = "\n".join(";".join(r) for r in _rows(4)) + "\n"
    raw = read_table_any(text.encode(), "sans_entete.csv")
    assert raw.header_row == 0
    assert list(raw.frame.columns) == ["source_row"] + [f"colonne_{i}" for i in range(1, 6)]
    assert list(raw.frame["source_row"]) == [1, 2, 3, 4]


def _geojson(features) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


POINT = {"type": "Feature", "properties": {"nom": "La Grange"},
         "geometry": {"type": "Point", "coordinates": [2.1464, 43.9289]}}


def test_malformed_geojson_gives_a_clean_report(occitanie):
    features = [POINT, "pas un objet", 42,
                {"type": "Feature", "properties": ["liste"], "geometry": None},
                {"type": "Feature", "properties": {"nom": {"imbriqué": [1, 2]}},
                 "geometry": {"type": "Point", "coordinates": ["a", "b"]}}]
    result = import_venues(_geojson(features), occitanie, file="lieux.geojson")
    assert _accounted(result) == 5
    report = result.report.set_index("source_row")
    assert report.loc[1, "status"] == "accepted"
    assert report.loc[2, "status"] == report.loc[3, "status"] == "rejected"
    assert "n'est pas un objet GeoJSON" in report.loc[2, "detail"]
    assert "« properties » n'est pas un objet" in report.loc[4, "detail"]


@pytest.mark.parametrize("data, message", [
    (b"[" * 100_000 + b"]" * 100_000, "trop profonde"),
    (b'{"type": "FeatureCollection", "features": {"a": 1}}', "FeatureCollection"),
    (b'{"type": "Feature", ', "JSON invalide"),
])
def test_hostile_json_is_refused_cleanly(occitanie, data, message):
    with pytest.raises(ImportFileError, match=message):
        import_venues(data, occitanie, file="x.geojson")


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.text(alphabet='ab "\'é,', max_size=8), min_size=2, max_size=2),
                min_size=1, max_size=40))
# found by hypothesis: « , » was taken for the separator over the header's « ; »
@example(cells=[['"', ',,'], ['"', ',,']])
@example(cells=[[',,"', '",,']])
@example(cells=[[",,,", ",,,"], [",,,", ",,,"]])  # more commas than the header has « ; »
def test_every_data_line_is_accounted_for_whatever_the_quotes(occitanie, cells):
    """One venue a line, with quotes anywhere (opened, closed, doubled, stray): accepted +
    repaired + rejected = the data lines of the file, each under its own line number."""
    lines = [f"Lieu {i};{a};{b};81004" for i, (a, b) in enumerate(cells, start=1)]
    data = ("nom;note;autre;code insee\n" + "\n".join(lines) + "\n").encode("utf-8")
    result = import_venues(data, occitanie, file="guillemets.csv")
    assert _accounted(result) == len(lines)
    assert sorted(result.report["source_row"]) == list(range(2, len(lines) + 2))
