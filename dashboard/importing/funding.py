"""Importing a funding file: amounts like « 12 500,00 € », calls named by id or by a
recognisable name and year, venues matched by id or by name + commune."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.importing.columns import normalise, recognise_columns
from dashboard.importing.locating import name_key
from dashboard.importing.reading import RawTable, read_table_any
from dashboard.importing.repairs import fix_mojibake
from dashboard.registry import ACCEPTED, REJECTED, REPAIRED

__all__ = ["FundingImport", "import_funding", "parse_amount"]


@dataclass
class FundingImport:
    funding: pd.DataFrame  # venue_id, call_id, amount_eur, source_row
    report: pd.DataFrame  # source_row, status, detail, venue_id
    columns: dict
    raw: RawTable

    def counts(self) -> dict[str, int]:
        vc = self.report["status"].value_counts()
        return {s: int(vc.get(s, 0)) for s in (ACCEPTED, REPAIRED, REJECTED)}


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

    def find(text: str, year_text: str) -> tuple[str | None, str]:
        key = normalise(text)
        if key in by_id:
            return by_id[key], ""
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
            return scored[0][1], f"« {text} » reconnu comme l'appel {scored[0][1]}"
        return None, ""

    return find


def import_funding(source: Path | str | bytes | RawTable, venues: pd.DataFrame,
                   calls: pd.DataFrame, mapping: dict[str, str] | None = None,
                   file: str | None = None) -> FundingImport:
    raw = source if isinstance(source, RawTable) else read_table_any(source, file)
    table = raw.frame
    cols, _aside = recognise_columns([c for c in table.columns if c != "source_row"], mapping,
                                     funding=True)
    ids = set(venues["venue_id"])
    by_name: dict[str, list[str]] = {}
    communes = venues.get("commune_name", pd.Series([""] * len(venues), index=venues.index))
    for vid, name, commune in zip(venues["venue_id"], venues["name"], communes):
        by_name.setdefault(normalise(name), []).append((vid, name_key(commune or "")))
    find_call = _call_lookup(calls)
    out, report = [], []
    for i, row in enumerate(table.itertuples(index=False)):
        rec = dict(zip(table.columns, row))
        source_row = int(rec["source_row"])
        notes, status = [], ACCEPTED

        def cell(field_name):
            column = cols.get(field_name)
            return fix_mojibake(str(rec.get(column, "") or ""))[0] if column else ""

        vid = cell("venue_id").strip()
        if vid not in ids:
            name, city = cell("name"), cell("city")
            matches = by_name.get(normalise(name), [])
            if city:
                matches = [m for m in matches if m[1] == name_key(city)] or matches
            if len(matches) == 1 and name:
                notes.append(f"lieu « {name} » reconnu : {matches[0][0]}")
                vid, status = matches[0][0], REPAIRED
            else:
                what = vid or name or "(vide)"
                notes.append(f"lieu « {what} » introuvable dans le registre"
                             + (" (plusieurs lieux de ce nom)" if len(matches) > 1 else ""))
                status = REJECTED
        call, how = find_call(cell("call"), cell("year"))
        if call is None:
            notes.append(f"appel à projets « {cell('call')} » non reconnu")
            status = REJECTED
        elif how:
            notes.append(how)
            status = REPAIRED if status == ACCEPTED else status
        amount, reformatted = parse_amount(cell("amount_eur"))
        if amount is None:
            notes.append(f"montant « {cell('amount_eur')} » illisible")
            status = REJECTED
        elif amount < 0:
            notes.append(f"montant négatif ({amount:g} €)")
            status = REJECTED
        elif reformatted:
            notes.append(f"montant « {cell('amount_eur')} » lu {amount:.2f} €")
            status = REPAIRED if status == ACCEPTED else status
        report.append({"source_row": source_row, "status": status,
                       "detail": " ; ".join(notes) if notes else "",
                       "venue_id": vid if status != REJECTED else ""})
        if status != REJECTED:
            out.append({"venue_id": vid, "call_id": call, "amount_eur": amount,
                        "source_row": source_row})
    funding = pd.DataFrame(out, columns=["venue_id", "call_id", "amount_eur", "source_row"])
    dup = funding.duplicated(["venue_id", "call_id"], keep="first")
    rep = pd.DataFrame(report, columns=["source_row", "status", "detail", "venue_id"])
    for r in funding.loc[dup, "source_row"]:
        idx = rep.index[rep["source_row"] == r][0]
        rep.at[idx, "status"] = REJECTED
        rep.at[idx, "detail"] = (rep.at[idx, "detail"] + " ; " if rep.at[idx, "detail"] else "") \
            + "même lieu et même appel qu'une ligne précédente : doublon"
        rep.at[idx, "venue_id"] = ""
    funding = funding[~dup].reset_index(drop=True)
    return FundingImport(funding, rep, cols, raw)
