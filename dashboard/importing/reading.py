"""Reading users' files as tables of text: CSV (any separator; UTF-8, UTF-16, Windows-1252,
MacRoman, Latin-1), workbooks (XLSX, XLS, ODS: every sheet listed, the venue sheet chosen)
and GeoJSON. The format is told by content, not by the file name; the header row is found at
any depth in the first 50 rows, and a file without header is read as data.

Every data row keeps ``source_row``: its row number as the user sees it in a spreadsheet (the
physical line of a text file, the feature number of a GeoJSON file). What reading itself had
to repair (a quote left open, a GeoJSON feature that is not an object) is kept in
``RawTable.notes`` as problem codes, and goes into the report with the row.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard.export import restore_frame
from dashboard.i18n import t
from dashboard.importing.columns import header_score
from dashboard.importing.inference import looks_like_data
from dashboard.importing.textfile import (
    UndecodableText,
    decode_text,
    read_records,
    sniff_separator,
)
from dashboard.importing.workbook import (
    Sheet,
    WorkbookError,
    cell_text,
    choose_sheet,
    list_sheets,
    sheet_rows,
)
from dashboard.limits import check_file

__all__ = ["ImportFileError", "RawTable", "ReadOptions", "read_table_any", "MAX_BYTES",
           "HEADER_SCAN_ROWS"]

MAX_BYTES = 50 * 1024 * 1024
HEADER_SCAN_ROWS = 50
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary Excel (.xls)


class ImportFileError(ValueError):
    """The file cannot be read as a table (French message naming the file)."""


@dataclass(frozen=True)
class ReadOptions:
    """What the user chose in the mapping step (or on the command line)."""

    sheet: str | int | None = None  # a sheet's name, or its position (1 = first)
    header_row: int | None = None  # the header's row number; 0 = the file has no header


@dataclass
class RawTable:
    frame: pd.DataFrame  # text cells, columns as in the file, plus ``source_row``
    file: str
    format: str  # csv | xlsx | xls | ods | geojson
    encoding: str = ""
    separator: str = ""
    header_row: int = 1  # 0: no header (columns named colonne_1, colonne_2…)
    sheets: list[Sheet] = field(default_factory=list)
    sheet: str = ""
    notes: list[tuple[int, str, dict]] = field(default_factory=list)  # (row, code, params)


def _fail(key: str, file: str, **values) -> ImportFileError:
    return ImportFileError(t(f"read.{key}", "fr", file=file, **values))


def _detect_format(data: bytes) -> str:
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
                if "mimetype" in names and b"opendocument.spreadsheet" in z.read("mimetype"):
                    return "ods"
                if any(n.startswith("xl/") for n in names):
                    return "xlsx"
        except zipfile.BadZipFile:
            return "binary"
        return "binary"
    if data[:8] == _OLE2:
        return "xls"
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "csv"  # UTF-16 with its BOM (Excel's « Texte Unicode »)
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] in (b"{", b"["):
        return "geojson"
    if b"\x00" in data[:8192] and not _looks_utf16(data[:8192]):
        return "binary"
    return "csv"


def _looks_utf16(head: bytes) -> bool:
    """Text in UTF-16 without BOM: a NUL in every other byte."""
    half = len(head) // 2
    return half > 0 and max(head[0::2].count(0), head[1::2].count(0)) > 0.4 * half


# --------------------------------------------------------------------------- header


def _find_header(rows: list[list[str]]) -> int:
    """Index of the header row among the first rows: the one with the most known column
    names, else the first row with two filled cells."""
    best, best_score = None, 0.0
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        filled = [c for c in row if str(c).strip()]
        if len(filled) < 2:
            continue
        score = header_score(filled)
        if score > best_score:
            best, best_score = i, score
    if best is not None:
        return best
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        if sum(1 for c in row if str(c).strip()) >= 2:
            return i
    raise ValueError("no header")


def _header_index(rows: list[list[str]], lines: list[int], header_row: int | None,
                  file: str) -> int:
    """Index of the header among ``rows`` (-1: no header)."""
    if header_row == 0:
        return -1
    if header_row is not None:
        if header_row not in lines:
            raise _fail("header_row_missing", file, row=header_row)
        return lines.index(header_row)
    try:
        h = _find_header(rows)
    except ValueError:
        raise _fail("no_table", file) from None
    filled = [c for c in rows[h] if str(c).strip()]
    return -1 if h == 0 and not header_score(filled) and looks_like_data(filled) else h


def _column_names(header: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    names = []
    for i, name in enumerate(header):
        name = str(name).strip() or f"colonne_{i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name}_{seen[name]}"
        else:
            seen[name] = 1
        names.append(name)
    return names


def _frame_from_rows(rows: list[list[str]], lines: list[int], file: str,
                     header_row: int | None = None) -> tuple[pd.DataFrame, int]:
    """One text column per header cell (or per position without header); ``source_row`` =
    the row's line. Empty rows are no data rows; cells beyond the header join the last
    column, so nothing is lost."""
    h = _header_index(rows, lines, header_row, file)
    if h < 0:
        width = max((len(r) for r in rows[:HEADER_SCAN_ROWS]), default=1)
        names = [f"colonne_{i + 1}" for i in range(max(width, 1))]
    else:
        names = _column_names(rows[h])
    data, numbers = [], []
    for row, line in zip(rows[h + 1:], lines[h + 1:]):
        cells = ["" if c is None else str(c) for c in row]
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(names):
            cells = cells[:len(names) - 1] + [",".join(cells[len(names) - 1:])]
        data.append(cells + [""] * (len(names) - len(cells)))
        numbers.append(line)
    frame = restore_frame(pd.DataFrame(data, columns=names, dtype=object))  # '=… as exported
    frame.insert(0, "source_row", numbers)
    return frame, (lines[h] if h >= 0 else 0)


# --------------------------------------------------------------------------- formats


def _read_csv(data: bytes, file: str, options: ReadOptions) -> RawTable:
    try:
        text, encoding = decode_text(data)
    except UndecodableText as exc:
        raise _fail("other_script", file, sample=exc.sample) from exc
    if not text.strip():
        raise _fail("empty", file)
    sep = sniff_separator(text)
    records = read_records(text, sep)
    lines = [r.line for r in records]
    frame, header_row = _frame_from_rows([r.cells for r in records], lines, file,
                                         options.header_row)
    kept = set(frame["source_row"])
    notes = [(r.line, "read.quote_unclosed", {}) for r in records
             if r.stray_quote and r.line in kept]
    return RawTable(frame, file, "csv", encoding, sep, header_row, notes=notes)


def _pick_sheet(sheets: list[Sheet], wanted: str | int | None, file: str) -> Sheet:
    if wanted is None or wanted == "":
        return choose_sheet(sheets)
    for sheet in sheets:
        if sheet.name == str(wanted):
            return sheet
    if str(wanted).isdigit() and 1 <= int(wanted) <= len(sheets):
        return sheets[int(wanted) - 1]
    raise _fail("sheet_missing", file, sheet=wanted,
                sheets=", ".join(f"« {s.name} »" for s in sheets))


def _read_workbook(data: bytes, fmt: str, file: str, options: ReadOptions) -> RawTable:
    try:
        sheets = list_sheets(data)
        sheet = _pick_sheet(sheets, options.sheet, file)
        rows = sheet_rows(data, sheet.index)
    except WorkbookError as exc:
        if fmt != "xlsx":
            raise _fail("workbook", file, reason=str(exc)) from exc
        sheets, sheet, rows = [], None, _openpyxl_rows(data, file, str(exc))
    frame, header_row = _frame_from_rows(rows, list(range(1, len(rows) + 1)), file,
                                         options.header_row)
    return RawTable(frame, file, fmt, "", "", header_row, sheets=sheets,
                    sheet=sheet.name if sheet else "")


def _openpyxl_rows(data: bytes, file: str, first_error: str) -> list[list[str]]:
    """The first sheet by openpyxl, for a workbook calamine could not open."""
    try:
        sheet = pd.read_excel(io.BytesIO(data), sheet_name=0, header=None, dtype=object,
                              engine="openpyxl")
    except Exception as exc:  # noqa: BLE001 — any reader failure is the file's
        raise _fail("workbook", file, reason=f"{first_error} ; openpyxl : {exc}") from exc
    return [[cell_text(v) for v in row] for row in sheet.itertuples(index=False)]


def _geojson_value(value) -> str:
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)[:500]
    return cell_text(value)


def _feature_record(i: int, feat, notes: list) -> dict:
    if not isinstance(feat, dict):
        notes.append((i, "read.feature_invalid", {}))
        return {"source_row": i}
    props = feat.get("properties")
    if props is not None and not isinstance(props, dict):
        notes.append((i, "read.properties_invalid", {}))
        props = None
    rec = {str(k): _geojson_value(v) for k, v in (props or {}).items()}
    geom = feat.get("geometry") if isinstance(feat.get("geometry"), dict) else {}
    coords = geom.get("coordinates") if geom.get("type") == "Point" else None
    if isinstance(coords, list) and len(coords) >= 2 and \
            all(isinstance(c, (int, float)) for c in coords[:2]):
        rec["longitude"], rec["latitude"] = str(coords[0]), str(coords[1])
    rec["source_row"] = i
    return rec


def _read_geojson(data: bytes, file: str) -> RawTable:
    try:
        doc = json.loads(decode_text(data)[0])
    except RecursionError as exc:
        raise _fail("json", file, reason=t("read.json_too_deep", "fr")) from exc
    except (ValueError, UndecodableText) as exc:
        raise _fail("json", file, reason=str(exc)[:200]) from exc
    features = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(features, list):
        raise _fail("not_geojson", file)
    notes: list[tuple[int, str, dict]] = []
    records = [_feature_record(i, feat, notes) for i, feat in enumerate(features, start=1)]
    frame = pd.DataFrame(records, dtype=object).fillna("")
    if "source_row" not in frame:
        frame["source_row"] = []
    cols = ["source_row"] + [c for c in frame.columns if c != "source_row"]
    return RawTable(frame[cols], file, "geojson", "utf-8", "", 0, notes=notes)


def _read_bytes(source: Path | str | bytes, file: str | None) -> tuple[bytes, str]:
    if isinstance(source, (bytes, bytearray)):
        return bytes(source), file or "fichier"
    path = Path(source)
    file = file or path.name
    try:
        return path.read_bytes(), file
    except OSError as exc:
        raise _fail("unreadable", file, reason=exc.strerror or exc) from exc


def read_table_any(source: Path | str | bytes, file: str | None = None,
                   options: ReadOptions | None = None) -> RawTable:
    """Read a user's file (path or bytes) into a ``RawTable``; raises ``ImportFileError``."""
    data, file = _read_bytes(source, file)
    options = options or ReadOptions()
    if len(data) > MAX_BYTES:
        raise _fail("too_big", file, size=len(data) // 1_000_000, limit=MAX_BYTES // 1_000_000)
    if not data.strip():
        raise _fail("empty", file)
    check_file(data, file)  # limits checked before anything is decompressed or parsed
    fmt = _detect_format(data)
    if fmt == "binary":
        raise _fail("unknown_format", file)
    if fmt == "geojson":
        return _read_geojson(data, file)
    if fmt == "csv":
        return _read_csv(data, file, options)
    return _read_workbook(data, fmt, file, options)
