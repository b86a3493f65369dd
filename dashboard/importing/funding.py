"""Importing a funding file: amounts like « 12 500,00 € », calls named by id or by a
recognisable name and year, venues matched by id or by name + commune. Once resolved, every
row goes through ``canonical.check_funding``, the validation of the canonical funding file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.canonical import FundingRows, check_funding
from dashboard.i18n import DEFAULT_LANG
from dashboard.importing.columns import normalise, recognise_columns
from dashboard.importing.locating import name_key
from dashboard.importing.reading import RawTable, read_table_any
from dashboard.importing.repairs import fix_mojibake
from dashboard.report import Report

__all__ = ["carry_funding", "FundingImport", "import_funding", "parse_amount"]


@dataclass
class FundingImport:
    funding: pd.DataFrame  # venue_id, call_id, amount_eur, source_row
    problems: Report
    columns: dict
    raw: RawTable
    venue_ids: list[str]  # the venue each row was matched to

    def report_in(self, lang: str = DEFAULT_LANG) -> pd.DataFrame:
        """source_row, status, detail (in ``lang``), venue_id."""
        return self.problems.row_status(lang, venue_ids=self.venue_ids)

    @property
    def report(self) -> pd.DataFrame:
        return self.report_in(DEFAULT_LANG)

    def counts(self) -> dict[str, int]:
        return self.problems.counts()


def parse_amount(text: str) -> tuple[float | None, bool]:
    """(euros, reformatted): « 12 500,00 € », « 12.500,50 », « 12500.5 », « 1,5 k€ »."""
    raw = str(text).strip()
    if not raw:
        return None, False
    t = raw.replace("\u00a0", " ").replace("\u202f", " ").replace("€", "").replace("EUR", "")
    t = t.replace("eur", "").strip()
    factor = 1.0
    if re.search(r"\s*k\s*$", t, re.IGNORECASE):
        factor, t = 1_000.0, re.sub(r"\s*k\s*$", "", t, flags=re.IGNORECASE)
    elif re.search(r"\s*m\s*$", t, re.IGNORECASE):
        factor, t = 1_000_000.0, re.sub(r"\s*m\s*$", "", t, flags=re.IGNORECASE)
    t = t.replace(" ", "").replace("'", "")
    if "," in t and "." in t:  # the last one is the decimal mark
        t = t.replace(".", "").replace(",", ".") if t.rfind(",") > t.rfind(".") else \
            t.replace(",", "")
    elif t.count(",") == 1:  # French decimal comma: « 12500,5 », « 12,500 » = 12,5
        t = t.replace(",", ".")
    elif t.count(",") > 1:  # « 1,250,000 »
        t = t.replace(",", "")
    elif t.count(".") > 1:  # « 1.250.000 »
        t = t.replace(".", "")
    try:
        value = float(t) * factor
    except ValueError:
        return None, False
    return value, t != raw


def _call_lookup(calls: pd.DataFrame):
    by_id = {normalise(c): c for c in calls["call_id"]}

    def find(text: str, year_text: str) -> tuple[str | None, bool]:
        """(call id or None, found by its name rather than its id)."""
        key = normalise(text)
        if key in by_id:
            return by_id[key], False
        year_match = re.search(r"(19|20)\d{2}", f"{text} {year_text}")
        year = int(year_match.group(0)) if year_match else None
        words = set(key.split()) - {"appel", "a", "projets", "projet", "de", "du", "la", "le"}
        scored = []
        for row in calls.itertuples():
            if year is not None and int(row.year) != year:
                continue
            target = set(normalise(f"{row.programme} {row.name} {row.call_id}").split())
            overlap = len(words & target)
            if overlap:
                scored.append((overlap, row.call_id))
        scored.sort(reverse=True)
        if scored and (len(scored) == 1 or scored[0][0] > scored[1][0]):
            return scored[0][1], True
        return None, False

    return find


def _venue_lookup(venues: pd.DataFrame):
    ids = set(venues["venue_id"])
    by_name: dict[str, list[tuple[str, str]]] = {}
    communes = venues.get("commune_name", pd.Series([""] * len(venues), index=venues.index))
    for vid, name, commune in zip(venues["venue_id"], venues["name"], communes):
        by_name.setdefault(normalise(name), []).append((vid, name_key(commune or "")))

    def find(vid: str, name: str, city: str) -> tuple[str, str]:
        """(venue id or what the row says, how: "" | "id" | "name" | "ambiguous")."""
        if vid in ids:
            return vid, "id"
        matches = by_name.get(normalise(name), [])
        if city:
            matches = [m for m in matches if m[1] == name_key(city)] or matches
        if len(matches) == 1 and name:
            return matches[0][0], "name"
        return vid or name or "(vide)", "ambiguous" if len(matches) > 1 else ""

    return find


def import_funding(source: Path | str | bytes | RawTable, venues: pd.DataFrame,
                   calls: pd.DataFrame, mapping: dict[str, str] | None = None,
                   file: str | None = None) -> FundingImport:
    """Read a funding file, resolve each row's venue, call and amount, then validate it as a
    canonical funding row (``canonical.check_funding``)."""
    raw = source if isinstance(source, RawTable) else read_table_any(source, file)
    table = raw.frame
    cols, _aside = recognise_columns([c for c in table.columns if c != "source_row"], mapping,
                                     funding=True)
    report = Report(file=raw.file, rows=[int(r) for r in table["source_row"]])
    # the report of an import names no column (its sentences say which cell they speak of)
    rows = FundingRows(report, [], [], [], [], [], dict.fromkeys(
        ("venue_id", "call_id", "amount_eur"), ""), {})
    find_venue, find_call = _venue_lookup(venues), _call_lookup(calls)
    for i, rec in enumerate(table.to_dict(orient="records")):
        cell = _cells(rec, cols)
        _resolve_venue(rows, i, find_venue, cell)
        _resolve_call(rows, i, find_call, cell)
        _read_amount(rows, cell("amount_eur"))
    keep = check_funding(rows, set(venues["venue_id"]), set(calls["call_id"]))
    funding = pd.DataFrame({"venue_id": rows.venue_id, "call_id": rows.call_id,
                            "amount_eur": rows.amount, "source_row": report.rows},
                           columns=["venue_id", "call_id", "amount_eur", "source_row"])
    funding = funding[keep].reset_index(drop=True)
    return FundingImport(funding, report, cols, raw, rows.venue_id)


def _cells(rec: dict, cols: dict):
    def cell(name: str) -> str:
        column = cols.get(name)
        return fix_mojibake(str(rec.get(column, "") or ""))[0] if column else ""

    return cell


def _resolve_venue(rows: FundingRows, i: int, find_venue, cell) -> None:
    vid, how = find_venue(cell("venue_id").strip(), cell("name"), cell("city"))
    rows.venue_id.append(vid)
    if how == "name":
        rows.resolved[(i, "venue_id")] = ("funding.venue_recognised",
                                          {"name": cell("name"), "venue": vid})
    elif how == "ambiguous":
        rows.resolved[(i, "venue_id")] = ("funding.venue_ambiguous", {"venue": vid})
    elif not how:  # neither an id nor a name of the registry
        rows.resolved[(i, "venue_id")] = ("funding.venue_unknown", {"venue": vid})


def _resolve_call(rows: FundingRows, i: int, find_call, cell) -> None:
    call, by_name = find_call(cell("call"), cell("year"))
    rows.call_id.append(call or cell("call"))
    if call is None:
        rows.resolved[(i, "call_id")] = ("funding.call_not_recognised", {"call": cell("call")})
    elif by_name:
        rows.resolved[(i, "call_id")] = ("funding.call_recognised",
                                         {"text": cell("call"), "call": call})


def _read_amount(rows: FundingRows, text: str) -> None:
    amount, reformatted = parse_amount(text)
    rows.amount.append(amount)
    rows.amount_text.append(text)
    rows.amount_repair.append(("funding.amount_reformatted", {"text": text, "amount": amount})
                              if reformatted and amount is not None else None)


def carry_funding(funding: pd.DataFrame, old_venues: pd.DataFrame,
                  new_venues: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The grants of a session that stay when its venue file is imported again: each follows
    its venue, found again by name and commune (identifiers made from row numbers change when
    rows move); (grants kept, re-keyed to the new identifiers; how many found no venue)."""
    def keys(venues):
        return venues["name"].map(normalise) + "|" + venues["commune_insee"].astype(str)

    new_ids = pd.Series(new_venues["venue_id"].to_numpy(), index=keys(new_venues))
    new_ids = new_ids[~new_ids.index.duplicated(keep=False)]  # an ambiguous name: no match
    old_key = pd.Series(keys(old_venues).to_numpy(), index=old_venues["venue_id"])
    moved = funding["venue_id"].map(old_key).map(new_ids)
    kept = funding[moved.notna()].assign(venue_id=moved[moved.notna()])
    return kept.reset_index(drop=True), int(moved.isna().sum())
