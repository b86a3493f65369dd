"""Decoding users' text files and reading CSV records without losing a line."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.importing.textfile import (
    MAX_FIELD_LINES,
    UndecodableText,
    decode_text,
    read_records,
    sniff_separator,
)

FRENCH = "nom;ville\nCafé de la Gare;Béziers\nÉcole créée;Saint-Chély-d'Apcher\nŒuvre;Nîmes\n"


@pytest.mark.parametrize("encoding, data, name", [
    ("utf-8", FRENCH.encode("utf-8"), "utf-8"),
    ("utf-8 BOM", b"\xef\xbb\xbf" + FRENCH.encode("utf-8"), "utf-8-sig"),
    ("Excel « Texte Unicode » (UTF-16 LE with BOM)", FRENCH.encode("utf-16"), "utf-16"),
    ("UTF-16 LE without BOM", FRENCH.encode("utf-16-le"), "utf-16"),
    ("UTF-16 BE without BOM", FRENCH.encode("utf-16-be"), "utf-16"),
    ("Windows-1252", FRENCH.encode("cp1252"), "windows-1252"),
    ("MacRoman (old Mac Excel)", FRENCH.encode("mac_roman"), "macroman"),
])
def test_french_text_comes_back_whatever_the_encoding(encoding, data, name):
    text, found = decode_text(data)
    assert text == FRENCH, encoding
    assert found == name


@pytest.mark.parametrize("codec", ["shift_jis", "gb18030"])
def test_another_script_is_refused_not_repaired(codec):
    data = "名前;住所\n東京タワー;東京都港区芝公園\nカフェ;大阪\n".encode(codec)
    with pytest.raises(UndecodableText) as info:
        decode_text(data)
    assert info.value.sample  # shown to the user


def _rows(n: int) -> list[str]:
    return ["nom;ville;lat"] + [f"Lieu {i};Toulouse;43.{i}" for i in range(1, n + 1)]


def test_an_unclosed_quote_at_row_11_of_1000_swallows_nothing():
    rows = _rows(1000)
    rows[10] = '"Chez Paul;Toulouse;43.5'  # spreadsheet row 11
    records = read_records("\n".join(rows) + "\n", ";")
    assert len(records) == 1001
    assert [r.line for r in records] == list(range(1, 1002))
    stray = [r for r in records if r.stray_quote]
    assert [(r.line, r.cells) for r in stray] == [(11, ['"Chez Paul', "Toulouse", "43.5"])]
    assert records[-1].cells == ["Lieu 1000", "Toulouse", "43.1000"]


def test_a_quoted_cell_over_two_lines_stays_one_record():
    text = 'nom,adresse\n"La Grange","2 rue X\nBP 12"\n"Le Hangar",""\n'
    records = read_records(text, ",")
    assert [(r.line, r.cells, r.stray_quote) for r in records] == [
        (1, ["nom", "adresse"], False),
        (2, ["La Grange", "2 rue X\nBP 12"], False),
        (4, ["Le Hangar", ""], False),
    ]


def test_a_quote_closing_far_below_is_not_taken_as_one_cell():
    rows = _rows(60)
    rows[5] = '"Open;Toulouse;43.5'
    rows[5 + MAX_FIELD_LINES + 5] = 'Close";Albi;43.9'
    records = read_records("\n".join(rows) + "\n", ";")
    assert len(records) == 61 and [r.line for r in records if r.stray_quote] == [6]
    assert records[5 + MAX_FIELD_LINES + 5].cells == ['Close"', "Albi", "43.9"]


@pytest.mark.parametrize("sep", [";", ",", "\t", "|"])
def test_separator_is_sniffed(sep):
    text = "\n".join(sep.join(cells) for cells in
                     (["nom", "ville", "cp"], ["A, B", "Albi", "81000"], ["C", "Rodez", "12000"]))
    assert sniff_separator(text) == sep or (sep == "," and sniff_separator(text) == ",")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.text(alphabet='ab;" \n', max_size=6), min_size=3, max_size=3),
                min_size=1, max_size=30))
def test_every_physical_line_is_in_exactly_one_record(rows):
    """Whatever the quotes do, the records' first lines increase and, with the lines each
    spans, cover the file with no gap and no overlap."""
    text = "\n".join(";".join(cells) for cells in rows) + "\n"
    records = read_records(text, ";")
    n_lines = len(text.splitlines())
    starts = [r.line for r in records]
    assert starts == sorted(set(starts))
    assert starts[0] == 1 and starts[-1] <= n_lines
    spans = [b - a for a, b in zip(starts, starts[1:] + [n_lines + 1])]
    assert all(s >= 1 for s in spans) and sum(spans) == n_lines
    assert all(s <= MAX_FIELD_LINES for s in spans)


@pytest.mark.parametrize("text, sep", [
    # a stray quote in a data line must not beat the header's « ; »
    ('nom;note;autre;code insee\nLieu 1;";,,;81004\nLieu 2;";,,;81004\n', ";"),
    ('nom;note;autre;code insee\nLieu 1;,,";",,;81004\n', ";"),
    # « ; » inside quoted cells of a comma file (usages listed in one cell)
    ('nom,usages,code\n' + 'X,"fablab;coworking;culture;atelier",31555\n' * 5, ","),
    ('nom;adresse;code\nX;"1 rue A; bât. B";31555\nY;"2, place C";31555\n', ";"),
    ('nom\tcode\nA\t31555\nB\t32013\n', "\t"),
])
def test_the_separator_is_the_one_the_lines_agree_on(text, sep):
    assert sniff_separator(text) == sep
