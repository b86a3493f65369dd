"""Tables exported to CSV and XLSX, safe to open in a spreadsheet.

Text cells that start with ``=``, ``+``, ``-`` or ``@`` (or a tab / carriage return) are
prefixed with an apostrophe so that a spreadsheet shows them as text instead of running them
as formulas (« CSV injection »). Numbers are left as numbers. The readers undo exactly that
(``restore``): a neutralised file read back gives the original cells, so a registry written by
the command line and served again is unchanged.
"""

from __future__ import annotations

import io

import pandas as pd

__all__ = ["neutralise", "neutralise_frame", "restore", "restore_frame", "to_csv_bytes",
           "to_xlsx_bytes", "write_csv"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_SIGNS = ("=", "+", "-", "@")


def neutralise(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _map_text_cells(frame: pd.DataFrame, change) -> pd.DataFrame:
    """A copy of ``frame`` with ``change`` applied to every cell of its text columns."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(change)
    return out


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    return _map_text_cells(frame, neutralise)


def restore(value):
    """The cell ``neutralise`` protected: ``'=A1`` → ``=A1`` (nothing else changes). Only
    the formula signs: the tables the command line writes hold no cell that starts with a
    tab or a carriage return (text is trimmed), and ``'`` + blank stays as the user typed."""
    if isinstance(value, str) and value[:1] == "'" and value[1:2] in _FORMULA_SIGNS:
        return value[1:]
    return value


def restore_frame(frame: pd.DataFrame) -> pd.DataFrame:
    return _map_text_cells(frame, restore)


def write_csv(frame: pd.DataFrame, target) -> None:
    """A canonical CSV (UTF-8, comma, ``\n``) as the command line writes it, formulas
    neutralised; ``target`` is a path or a text stream."""
    neutralise_frame(frame).to_csv(target, index=False, lineterminator="\n")


def to_csv_bytes(frame: pd.DataFrame, lang: str = "fr") -> bytes:
    """UTF-8 with BOM; French: ``;`` and decimal comma (what a French Excel expects)."""
    sep, dec = (";", ",") if lang == "fr" else (",", ".")
    text = neutralise_frame(frame).to_csv(index=False, sep=sep, decimal=dec,
                                          lineterminator="\r\n")
    return ("\ufeff" + text).encode("utf-8")


def to_xlsx_bytes(frame: pd.DataFrame, sheet: str = "export") -> bytes:
    buffer = io.BytesIO()
    neutralise_frame(frame).to_excel(buffer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()
