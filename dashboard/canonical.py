"""The canonical registry format, strictly: CSV files in UTF-8, comma-separated, with the
canonical column names (``schema.py``), read and validated without guessing.

Every input row ends up ``accepted``, ``repaired`` (each repair said) or ``rejected`` (with its
reason) in a ``report.Report``; nothing is dropped silently. Only a file that cannot be read at
all raises ``RegistryFileError``, with a French message naming the file. A user's file of any
other shape goes through ``importing`` instead, which shares the validation steps
(``pipeline.py``) and, for funding, ``check_funding``.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from dashboard import schema
from dashboard.export import restore_frame
from dashboard.pipeline import (
    VALIDATION_STEPS,
    VenueRows,
    parse_coordinates,
    parse_decimal,
    parse_year,
    run_steps,
)
from dashboard.registry import Registry, empty_funding
from dashboard.report import PROBLEMS, REJECTED, RegistryFileError, Report

__all__ = ["RegistryFileError", "read_table", "check_venues", "validate_venues",
           "validate_calls", "validate_funding", "check_funding", "FundingRows",
           "load_registry"]


def read_table(path: Path | str, required: tuple[str, ...] = ()) -> pd.DataFrame:
    """A canonical CSV (UTF-8, comma-separated) as text columns; raises RegistryFileError."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RegistryFileError(f"Fichier {path} illisible : {exc.strerror or exc}.") from exc
    if b"\x00" in raw[:4096]:
        raise RegistryFileError(f"Fichier {path} : ce n'est pas un fichier texte CSV.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RegistryFileError(
            f"Fichier {path} : encodage non UTF-8 (octet {exc.start}) ; "
            "enregistrez-le en UTF-8 ou utilisez « tierslieux import »."
        ) from exc
    if not text.strip():
        raise RegistryFileError(f"Fichier {path} : le fichier est vide.")
    try:
        table = pd.read_csv(StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise RegistryFileError(f"Fichier {path} : tableau CSV illisible ({exc}).") from exc
    table.columns = [str(c).strip() for c in table.columns]
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise RegistryFileError(
            f"Fichier {path} : colonne(s) obligatoire(s) absente(s) : {', '.join(missing)}."
        )
    return restore_frame(table)  # cells the command line neutralised ('=…) as they were


def _text_columns(table: pd.DataFrame, columns) -> dict[str, list[str]]:
    t = table.reindex(columns=list(columns), fill_value="").fillna("").astype(str)
    # plain lists: scalar access to pandas' string columns is slow (50,000-row files)
    return {c: t[c].tolist() for c in columns}


# --------------------------------------------------------------------------- venues


def check_venues(table: pd.DataFrame, reference, file: str = "venues.csv"
                 ) -> tuple[pd.DataFrame, Report]:
    """The strict entry point of the venue pipeline: canonical columns (text), the reference
    layers (``communes``, ``departements``). Returns the venues kept and the report."""
    report = Report(file=file, rows=list(range(2, len(table) + 2)))
    rows = VenueRows(report, _text_columns(table, schema.VENUE_COLUMNS), reference)
    run_steps(rows, (parse_coordinates, *VALIDATION_STEPS))
    return rows.venues, report


@dataclass
class _Layers:
    communes: gpd.GeoDataFrame
    departements: gpd.GeoDataFrame


def validate_venues(table: pd.DataFrame, communes: gpd.GeoDataFrame,
                    departements: gpd.GeoDataFrame, file: str = "venues.csv"
                    ) -> tuple[pd.DataFrame, Report]:
    """``check_venues`` given the two layers it uses."""
    return check_venues(table, _Layers(communes, departements), file)


# --------------------------------------------------------------------------- calls


def validate_calls(table: pd.DataFrame, file: str = "calls.csv") -> tuple[pd.DataFrame, Report]:
    report = Report(file=file, rows=list(range(2, len(table) + 2)))
    t = table.reindex(columns=list(schema.CALL_COLUMNS), fill_value="").fillna("").astype(str)
    seen: set[str] = set()
    keep, envelope, winners, years = [], [], [], []
    for i in range(len(t)):
        row, cid = i + 2, t.at[i, "call_id"].strip()
        ok = _check_call_id(report, row, cid, seen)
        year, ok_year = _call_year(report, row, t.at[i, "year"])
        keep.append(ok and ok_year)
        envelope.append(_count(report, row, t.at[i, "envelope_eur"], "envelope_eur",
                               "call.envelope_unreadable", integer=False))
        winners.append(_count(report, row, t.at[i, "winners"], "winners",
                              "call.winners_unreadable", integer=True))
        years.append(year)
    calls = t.assign(
        call_id=t["call_id"].str.strip(),
        year=pd.array(years, dtype="Int64"),
        envelope_eur=pd.array(envelope, dtype="Float64"),
        winners=pd.array(winners, dtype="Int64"),
    )[keep].reset_index(drop=True)
    return calls, report


def _check_call_id(report: Report, row: int, cid: str, seen: set[str]) -> bool:
    ok = bool(cid) and cid not in seen
    if not cid:
        report.add("call.id_missing", row, "call_id")
    elif cid in seen:
        report.add("call.id_duplicate", row, "call_id", id=cid)
    seen.add(cid)
    return ok


def _call_year(report: Report, row: int, text: str) -> tuple[int | None, bool]:
    year, code = parse_year(text, 2000, 2100)
    if year is None:
        code = {None: "call.year_missing", "year.unreadable": "call.year_unreadable",
                "year.out_of_range": "call.year_out_of_range"}[code]
        report.add(code, row, "year", text=text.strip(), low=2000, high=2100)
    return year, year is not None


def _count(report: Report, row: int, text: str, column: str, code: str, integer: bool):
    value, _ = parse_decimal(text)
    if value is not None and (np.isnan(value) or value < 0
                              or (integer and value != int(value))):
        report.add(code, row, column)
        return None
    return None if value is None else (int(value) if integer else value)


# --------------------------------------------------------------------------- funding


@dataclass
class FundingRows:
    """Funding rows with their venue and call identifiers and amounts already read (by the
    canonical reader or by an import's resolution step). ``resolved`` holds how that step
    read a cell, keyed ``(position, "venue_id" | "call_id")``: a problem code and its
    params, reported in its place; a rejecting one settles the cell."""

    report: Report
    venue_id: list[str]
    call_id: list[str]
    amount: list[float | None]  # None when missing or unreadable
    amount_text: list[str]
    amount_repair: list[tuple[str, dict] | None]  # (code, params) of a reformatted amount
    columns: dict[str, str]
    resolved: dict[tuple[int, str], tuple[str, dict]]


def check_funding(rows: FundingRows, venue_ids: set[str], call_ids: set[str]) -> list[bool]:
    """The validation every funding row goes through, whichever way it entered: a known
    venue, a known call, a positive amount, one grant per venue and call. Returns which rows
    are kept."""
    keep, first = [], {}
    for i, row in enumerate(rows.report.rows):
        ok = _known(rows, i, "venue_id", venue_ids, "funding.venue_unknown", "venue")
        ok = _known(rows, i, "call_id", call_ids, "funding.call_unknown", "call") and ok
        ok = _amount_ok(rows, i) and ok
        pair = (rows.venue_id[i], rows.call_id[i])
        if ok and pair in first:
            _add_funding(rows, "funding.duplicate", i, "venue_id", venue=pair[0],
                         call=pair[1], first=first[pair])
            ok = False
        if ok:
            first[pair] = row
        keep.append(ok)
    return keep


def _known(rows: FundingRows, i: int, column: str, known: set[str], code: str, param: str
           ) -> bool:
    value = getattr(rows, column)[i]
    if (i, column) in rows.resolved:
        how, params = rows.resolved[(i, column)]
        _add_funding(rows, how, i, column, **params)
        if PROBLEMS[how] == REJECTED:
            return False
    if value not in known:
        _add_funding(rows, code, i, column, **{param: value})
        return False
    return True


def _amount_ok(rows: FundingRows, i: int) -> bool:
    amount = rows.amount[i]
    if amount is None:
        _add_funding(rows, "funding.amount_unreadable", i, "amount_eur",
                     text=rows.amount_text[i])
        return False
    if amount < 0:
        _add_funding(rows, "funding.amount_negative", i, "amount_eur", amount=amount)
        return False
    if rows.amount_repair[i]:
        code, params = rows.amount_repair[i]
        _add_funding(rows, code, i, "amount_eur", **params)
    return True


def _add_funding(rows: FundingRows, code: str, i: int, column: str, /, **params) -> None:
    rows.report.add(code, rows.report.rows[i], rows.columns.get(column, column),
                    rows.venue_id[i], **params)


def validate_funding(table: pd.DataFrame, venue_ids: set[str], call_ids: set[str],
                     file: str = "funding.csv") -> tuple[pd.DataFrame, Report]:
    """The canonical funding file: exact identifiers, amounts with a decimal point (a decimal
    comma and a « € » are accepted as repairs)."""
    report = Report(file=file, rows=list(range(2, len(table) + 2)))
    cells = _text_columns(table, schema.FUNDING_COLUMNS)
    amounts, repairs = [], []
    for text in cells["amount_eur"]:
        amount, comma = parse_decimal(text.replace("€", ""))
        amounts.append(None if amount is None or np.isnan(amount) else amount)
        repairs.append(("decimal.comma", {}) if comma else None)
    rows = FundingRows(report, [v.strip() for v in cells["venue_id"]],
                       [c.strip() for c in cells["call_id"]], amounts, cells["amount_eur"],
                       repairs, {}, {})
    keep = check_funding(rows, venue_ids, call_ids)
    funding = pd.DataFrame({"venue_id": rows.venue_id, "call_id": rows.call_id,
                            "amount_eur": [a if k else np.nan for a, k in zip(amounts, keep)]}
                           )[keep].reset_index(drop=True)
    return funding, report


# --------------------------------------------------------------------------- the registry


def load_registry(venues_path: Path, funding_path: Path | None, calls_path: Path,
                  communes: gpd.GeoDataFrame, departements: gpd.GeoDataFrame) -> Registry:
    """Read and validate the three tables; raises only for a file unusable as a whole."""
    venues, vrep = validate_venues(read_table(venues_path, schema.REQUIRED_VENUE_COLUMNS),
                                   communes, departements, file=Path(venues_path).name)
    calls, crep = validate_calls(read_table(calls_path, ("call_id",)), Path(calls_path).name)
    reports = {"venues": vrep, "calls": crep}
    if funding_path is not None:
        funding, reports["funding"] = validate_funding(
            read_table(funding_path, schema.FUNDING_COLUMNS),
            set(venues["venue_id"]), set(calls["call_id"]), Path(funding_path).name)
    else:
        funding = empty_funding()
    return Registry(venues, calls, funding, reports)
