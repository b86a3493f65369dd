"""Reading users' files as tables of text: CSV (any separator, UTF-8 with or without BOM,
Windows-1252, Latin-1), XLSX (openpyxl, then python-calamine for files openpyxl refuses), ODS
and GeoJSON. The format is told by content, not by the file name; the header row is found
even under a title row or empty rows.

Every data row keeps ``source_row``: its row number as the user sees it in a spreadsheet
(the feature number for GeoJSON).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.export import restore_frame
from dashboard.importing.columns import header_score
from dashboard.limits import check_file

__all__ = ["ImportFileError", "RawTable", "read_table_any", "MAX_BYTES"]

MAX_BYTES = 50 * 1024 * 1024
_HEADER_SCAN_ROWS = 15


class ImportFileError(ValueError):
    """The file cannot be read as a table (French message naming the file)."""


@dataclass
class RawTable:
    frame: pd.DataFrame  # text cells, columns as in the file, plus ``source_row``
    file: str
    format: str  # csv | xlsx | ods | geojson
    encoding: str = ""
    separator: str = ""
    header_row: int = 1


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
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] in (b"{", b"["):
        return "geojson"
    if b"\x00" in data[:8192]:
        return "binary"
    return "csv"


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _sniff_separator(text: str) -> str:
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    best, best_score = ",", -1.0
    for sep in (";", ",", "\t", "|"):
        counts = []
        for line in lines:
            try:
                counts.append(len(next(csv.reader([line], delimiter=sep))))
            except (csv.Error, StopIteration):
                counts.append(1)
        if not counts:
            continue
        widest = max(counts)
        if widest < 2:
            continue
        # rows that share the widest width, weighted by that width
        score = sum(1 for c in counts if c == widest) * widest
        if score > best_score:
            best, best_score = sep, score
    return best


def _find_header(rows: list[list[str]]) -> int:
    """Index of the header row among the first rows (the best-scoring one)."""
    best, best_score = None, 0.0
    for i, row in enumerate(rows[:_HEADER_SCAN_ROWS]):
        filled = [c for c in row if str(c).strip()]
        if len(filled) < 2:
            continue
        score = header_score(filled)
        if score > best_score:
            best, best_score = i, score
    if best is not None:
        return best
    for i, row in enumerate(rows):
        if sum(1 for c in row if str(c).strip()) >= 2:
            return i
    raise ValueError("no header")


def _frame_from_rows(rows: list[list[str]], file: str, first_line: int = 1):
    """Header detection, then one text column per header cell; source_row = spreadsheet row."""
    try:
        h = _find_header(rows)
    except ValueError:
        raise ImportFileError(f"Fichier {file} : aucun tableau trouvé (pas de ligne d'en-tête)."
                              ) from None
    header = [str(c).strip() for c in rows[h]]
    seen: dict[str, int] = {}
    names = []
    for i, name in enumerate(header):
        name = name or f"colonne_{i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name}_{seen[name]}"
        else:
            seen[name] = 1
        names.append(name)
    data, numbers = [], []
    for offset, row in enumerate(rows[h + 1:], start=h + 1):
        cells = [("" if c is None else str(c)) for c in row]
        if not any(c.strip() for c in cells):
            continue  # empty line: not a data row
        cells = (cells + [""] * len(names))[:len(names)] if len(cells) <= len(names) else \
            cells[:len(names) - 1] + [",".join(cells[len(names) - 1:])]
        data.append(cells)
        numbers.append(offset + first_line)
    frame = restore_frame(pd.DataFrame(data, columns=names, dtype=object))  # '=… as exported
    frame.insert(0, "source_row", numbers)
    return frame, h + first_line


def _read_csv(data: bytes, file: str) -> RawTable:
    text, encoding = _decode(data)
    if not text.strip():
        raise ImportFileError(f"Fichier {file} : le fichier est vide.")
    sep = _sniff_separator(text)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    except csv.Error as exc:
        raise ImportFileError(f"Fichier {file} : tableau CSV illisible ({exc}).") from exc
    frame, header_row = _frame_from_rows(rows, file)
    return RawTable(frame, file, "csv", encoding, sep, header_row)


def _excel_cell(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _read_sheet_rows(data: bytes, fmt: str, file: str) -> list[list[str]]:
    errors = []
    engines = ["openpyxl", "calamine"] if fmt == "xlsx" else ["calamine"]
    for engine in engines:
        try:
            sheet = pd.read_excel(io.BytesIO(data), sheet_name=0, header=None, dtype=object,
                                  engine=engine)
            return [[_excel_cell(v) for v in row] for row in sheet.itertuples(index=False)]
        except Exception as exc:  # noqa: BLE001 — any reader failure: try the next reader
            errors.append(f"{engine} : {exc}")
    raise ImportFileError(f"Fichier {file} : classeur illisible ({' ; '.join(errors)}).")


def _read_geojson(data: bytes, file: str) -> RawTable:
    try:
        doc = json.loads(_decode(data)[0])
    except ValueError as exc:
        raise ImportFileError(f"Fichier {file} : JSON invalide ({exc}).") from exc
    features = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(features, list):
        raise ImportFileError(f"Fichier {file} : ce n'est pas une FeatureCollection GeoJSON.")
    records = []
    for i, feat in enumerate(features, start=1):
        props = dict((feat or {}).get("properties") or {})
        geom = (feat or {}).get("geometry") or {}
        rec = {k: _excel_cell(v) for k, v in props.items()}
        coords = geom.get("coordinates") if geom.get("type") == "Point" else None
        if isinstance(coords, list) and len(coords) >= 2:
            rec["longitude"], rec["latitude"] = str(coords[0]), str(coords[1])
        rec["source_row"] = i
        records.append(rec)
    frame = pd.DataFrame(records, dtype=object).fillna("")
    if "source_row" not in frame:
        frame["source_row"] = []
    cols = ["source_row"] + [c for c in frame.columns if c != "source_row"]
    return RawTable(frame[cols], file, "geojson", "utf-8", "", 0)


def read_table_any(source: Path | str | bytes, file: str | None = None) -> RawTable:
    """Read a user's file (path or bytes) into a ``RawTable``; raises ``ImportFileError``."""
    if isinstance(source, (bytes, bytearray)):
        data, file = bytes(source), file or "fichier"
    else:
        path = Path(source)
        file = file or path.name
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ImportFileError(f"Fichier {file} illisible : {exc.strerror or exc}.") from exc
    if len(data) > MAX_BYTES:
        raise ImportFileError(f"Fichier {file} : trop volumineux ({len(data) // 1_000_000} Mo, "
                              f"limite {MAX_BYTES // 1_000_000} Mo).")
    if not data.strip():
        raise ImportFileError(f"Fichier {file} : le fichier est vide.")
    check_file(data, file)  # limits checked before anything is decompressed or parsed
    fmt = _detect_format(data)
    if fmt == "binary":
        raise ImportFileError(f"Fichier {file} : format inconnu (ni CSV, ni XLSX, ni ODS, "
                              "ni GeoJSON).")
    if fmt == "geojson":
        return _read_geojson(data, file)
    if fmt == "csv":
        return _read_csv(data, file)
    rows = _read_sheet_rows(data, fmt, file)
    frame, header_row = _frame_from_rows(rows, file)
    return RawTable(frame, file, fmt, "", "", header_row)
