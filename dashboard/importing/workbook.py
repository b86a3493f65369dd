"""Workbooks (XLSX, XLS, ODS) with several sheets: which sheets there are, which one holds the
venues, and its rows as text.

Real exports put a « Lisez-moi » sheet first, or hide a sheet of lists: each sheet is scored on
its first ``SCAN_ROWS`` rows (the best header row's known column names, then its width and
length), visible sheets first. The user can always choose another sheet.
"""

from __future__ import annotations

import datetime as _dt
import io
from dataclasses import dataclass

import python_calamine as calamine

from dashboard.importing.columns import header_score

__all__ = ["Sheet", "WorkbookError", "list_sheets", "choose_sheet", "sheet_rows", "cell_text",
           "SCAN_ROWS"]

SCAN_ROWS = 50


class WorkbookError(ValueError):
    """The workbook cannot be opened (the reader's own words in ``args[0]``)."""


@dataclass(frozen=True)
class Sheet:
    index: int
    name: str
    hidden: bool
    rows: int  # rows holding at least one value, within the scan
    width: int  # widest such row
    score: float  # how much the sheet looks like a venue table


def cell_text(value) -> str:
    """A cell as the user reads it: integers without « .0 », dates as ISO text."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (_dt.date, _dt.datetime, _dt.time)):
        return value.isoformat()
    return str(value)


def _open(data: bytes) -> calamine.CalamineWorkbook:
    try:
        return calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 — calamine raises several kinds
        raise WorkbookError(str(exc)) from exc


def _rows(book: calamine.CalamineWorkbook, index: int, limit: int | None) -> list[list[str]]:
    sheet = book.get_sheet_by_index(index)
    out = []
    for row in sheet.iter_rows():
        out.append([cell_text(v) for v in row])
        if limit is not None and len(out) >= limit:
            break
    return out


def _score(rows: list[list[str]]) -> tuple[int, int, float]:
    filled = [[c for c in row if c.strip()] for row in rows]
    used = [f for f in filled if f]
    width = max((len(f) for f in used), default=0)
    best_header = max((header_score(f) for f in used if len(f) >= 2), default=0.0)
    # known headers first; then a real table (several columns, many rows) over a note
    score = best_header + (0.5 if width >= 2 else 0.0) + 0.001 * min(len(used), SCAN_ROWS)
    return len(used), width, score


def list_sheets(data: bytes) -> list[Sheet]:
    """Every worksheet of the workbook, in its order, with its score."""
    book = _open(data)
    sheets = []
    for index, meta in enumerate(book.sheets_metadata):
        if str(meta.typ) != str(calamine.SheetTypeEnum.WorkSheet):
            continue
        rows, width, score = _score(_rows(book, index, SCAN_ROWS))
        hidden = str(meta.visible) != str(calamine.SheetVisibleEnum.Visible)
        sheets.append(Sheet(index, meta.name, hidden, rows, width, score))
    return sheets


def choose_sheet(sheets: list[Sheet]) -> Sheet:
    """The sheet that looks most like a venue table; hidden sheets only when no visible one
    holds anything; the first one on a tie."""
    if not sheets:
        raise WorkbookError("aucune feuille de calcul")
    return max(sheets, key=lambda s: (not s.hidden and s.rows > 0, s.score, -s.index))


def sheet_rows(data: bytes, index: int, limit: int | None = None) -> list[list[str]]:
    """The rows of sheet ``index`` as text (``limit`` rows at most)."""
    return _rows(_open(data), index, limit)
