"""Importing a venue file of any usual shape: the lenient entry point of the venue pipeline.

    read (any format) → columns (synonyms or a mapping) → repairs (mojibake) → coordinates
    → region (swapped, outside) → communes (code, postcode, name, point) → vocabularies
    → canonical values → validation (``pipeline.VALIDATION_STEPS``, as ``data check``)
    → duplicates → columns kept aside → report

Every input data row ends in the report with its spreadsheet row number, a status
(``accepted``, ``repaired``, ``rejected``) and the problems found (codes, rendered in French
or English, naming the user's columns); accepted + repaired + rejected = rows read. Columns
that are not recognised are kept aside (``ImportResult.aside``) and named in the summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from dashboard import schema
from dashboard.i18n import DEFAULT_LANG, format_percent, t, t_plural
from dashboard.importing.duplicates import DUPLICATE_DISTANCE_M, find_duplicates
from dashboard.importing.inference import Vocabulary
from dashboard.importing.locating import Gazetteer, normalise_postcode
from dashboard.importing.mapping import ColumnMapping, ColumnPlan, missing_message, plan_columns
from dashboard.importing.reading import ImportFileError, RawTable, ReadOptions, read_table_any
from dashboard.importing.repairs import fix_mojibake, map_label_status, map_usages
from dashboard.pipeline import (
    VALIDATION_STEPS,
    VenueRows,
    normalise_url,
    parse_coordinates,
    run_steps,
)
from dashboard.reference import ReferenceLayers, locate_points, metric_crs_for_department
from dashboard.report import ACCEPTED, REJECTED, REPAIRED, Report

__all__ = ["ImportResult", "MissingColumnsError", "import_venues", "find_duplicates",
           "report_summary", "report_table", "how_found", "DUPLICATE_DISTANCE_M",
           "AGREEMENT_DISTANCE_M", "IMPORT_STEPS"]

# a point this close to the commune its row names is taken as agreeing (outlines are
# generalised by ~500 m)
AGREEMENT_DISTANCE_M = 1_000.0
_FIELDS = ("venue_id", "name", "city", "usages", "label_status", "url", "source", "lat",
           "lon", "commune_insee", "postcode", "label_year", "opened_year")
_TEXT_FIELDS = ("venue_id", "name", "city", "usages", "label_status", "url", "source")


@dataclass
class ImportResult:
    venues: pd.DataFrame  # canonical columns + source_row (accepted and repaired rows)
    problems: Report  # every problem, as codes
    aside: pd.DataFrame  # source_row + columns not recognised
    columns: dict  # field → column in the file
    raw: RawTable
    duplicate_groups: list[list[int]] = field(default_factory=list)
    venue_ids: list[str] = field(default_factory=list)  # the id given to each row read
    plan: ColumnPlan | None = None  # each field's column and how it was found

    def report_in(self, lang: str = DEFAULT_LANG) -> pd.DataFrame:
        """source_row, status, detail (in ``lang``), venue_id, duplicate_group."""
        groups = {r: f"D{k}" for k, g in enumerate(self.duplicate_groups, start=1) for r in g}
        return self.problems.row_status(lang, venue_ids=self.venue_ids, groups=groups)

    @property
    def report(self) -> pd.DataFrame:
        return self.report_in(DEFAULT_LANG)

    def counts(self) -> dict[str, int]:
        return self.problems.counts()

    def cells_of(self, field_name: str) -> dict[int, str]:
        """{source_row: the file's cell} of a field's column (empty when none)."""
        column = self.columns.get(field_name)
        if column is None:
            return {}
        frame = self.raw.frame
        return dict(zip(frame["source_row"].astype(int), frame[column].astype(str)))

    def canonical(self) -> pd.DataFrame:
        out = self.venues[list(schema.VENUE_COLUMNS)].copy()
        out["label_year"] = out["label_year"].astype("Int64")
        out["opened_year"] = out["opened_year"].astype("Int64")
        return out


class MissingColumnsError(ImportFileError):
    """No column gives a venue's name, or its place: said once for the file, before any row
    (never one rejected line per row for the same cause); ``plan`` and ``raw`` let the
    mapping step show what was found."""

    def __init__(self, message: str, plan: ColumnPlan, raw: RawTable):
        super().__init__(message)
        self.plan, self.raw = plan, raw


def import_venues(
    source: Path | str | bytes | RawTable,
    reference: ReferenceLayers,
    mapping: ColumnMapping | dict | None = None,
    merge_duplicates: bool = False,
    file: str | None = None,
) -> ImportResult:
    """Read, recognise, repair, locate and validate a venue file. ``mapping``: the user's
    choices (a ``ColumnMapping`` or its JSON form); what it leaves open is inferred."""
    mapping = _as_mapping(mapping)
    raw = source if isinstance(source, RawTable) else read_table_any(
        source, file, ReadOptions(mapping.sheet, mapping.header_row))
    table = raw.frame
    plan = plan_columns(table, Vocabulary.from_reference(reference.communes,
                                                         reference.gazetteer), mapping)
    if plan.missing:
        columns = [c for c in table.columns if c != "source_row"]
        raise MissingColumnsError(missing_message(plan, raw.file, columns), plan, raw)
    cols, aside_cols = plan.columns, plan.aside
    report = Report(file=raw.file, rows=[int(r) for r in table["source_row"]])
    for row, code, params in raw.notes:  # what reading had to repair
        report.add(code, row, "", **params)
    cells = {f: ([""] * len(table) if cols.get(f) is None else
                 ["" if v is None else str(v) for v in table[cols[f]].tolist()])
             for f in _FIELDS}
    rows = VenueRows(report, cells, reference, columns=cols, quiet_trim=True)
    rows.extra.update(file=raw.file, merge=merge_duplicates,
                      aside=table[["source_row", *aside_cols]].copy().reset_index(drop=True))
    run_steps(rows, IMPORT_STEPS)
    return ImportResult(rows.venues, report, rows.extra["aside"], cols, raw,
                        rows.extra["groups"], rows.extra["ids"], plan)


def _as_mapping(mapping: ColumnMapping | dict | None) -> ColumnMapping:
    if isinstance(mapping, ColumnMapping):
        return mapping
    return ColumnMapping.from_json(mapping) if mapping else ColumnMapping()


# --------------------------------------------------------------------------- repairs


def repair_texts(rows: VenueRows) -> None:
    """Mojibake (UTF-8 read as Latin-1) in text cells, fixed and said."""
    for name in _TEXT_FIELDS:
        fixed = []
        for i, value in enumerate(rows.cells[name]):
            new, changed = fix_mojibake(value)
            if changed:
                rows.add("text.mojibake", i, name, before=value, after=new)
            fixed.append(new)
        rows.cells[name] = fixed


def parse_user_coordinates(rows: VenueRows) -> None:
    parse_coordinates(rows, bounds=False)  # a point off the globe is outside the region


def check_region(rows: VenueRows) -> None:
    """A point outside the region is put back when latitude and longitude were swapped,
    else ignored."""
    in_point = locate_points(rows.lon, rows.lat, rows.communes)
    swapped = locate_points(rows.lat, rows.lon, rows.communes)
    for i in np.flatnonzero(~np.isnan(rows.lat) & (in_point == "")):
        lat, lon = rows.lat[i], rows.lon[i]
        if swapped[i]:
            rows.add("coordinates.swapped", i, "lat/lon", lat=lat, lon=lon)
            rows.lat[i], rows.lon[i] = lon, lat
            in_point[i] = swapped[i]
        else:
            rows.add("point.outside_region", i, "lat/lon", lat=lat, lon=lon)
            rows.lat[i] = rows.lon[i] = np.nan
    rows.extra["in_point"] = in_point


def resolve_communes(rows: VenueRows) -> None:
    """Each row's commune: its INSEE code, else its postcode and commune name; a point in
    another commune more than 1 km away wins (said)."""
    gaz = Gazetteer(rows.reference.gazetteer, rows.communes)
    com = rows.communes.set_index("insee")
    in_point = rows.extra["in_point"]
    rows.extra["insee"] = [_resolve_row(rows, i, gaz, com, in_point[i]) for i in range(rows.n)]


def _resolve_row(rows: VenueRows, i: int, gaz: Gazetteer, com, point: str) -> str:
    named = _named_by_code(rows, i, com)
    cell = rows.cells["postcode"][i]
    postcode, reformatted = normalise_postcode(cell)
    if reformatted and cell.strip():
        rows.add("postcode.reformatted", i, "postcode", text=cell, postcode=postcode)
    city = rows.cells["city"][i]
    if named is None and (city or postcode):
        named = _named_by_place(rows, i, gaz, city, postcode)
    if not (point and named and point != named):
        return point or named or ""
    gap = _distance_to_commune_m(com, named, rows.lon[i], rows.lat[i])
    if gap <= AGREEMENT_DISTANCE_M:
        return named  # on the generalised border: the named commune holds
    rows.add("point.outside_commune", i, "lat/lon", found_name=com.at[point, "name"],
             found=point, km=gap / 1000, named_name=com.at[named, "name"], named=named)
    return point


def _named_by_code(rows: VenueRows, i: int, com) -> str | None:
    code = re.sub(r"\s", "", rows.cells["commune_insee"][i]).upper()
    if not code:
        return None
    if re.fullmatch(r"\d{4}", code):
        rows.add("insee.padded", i, "commune_insee", code=code, padded="0" + code)
        code = "0" + code
    if code in com.index:
        return code
    rows.add("insee.unknown_ignored", i, "commune_insee", code=code)
    return None


def _named_by_place(rows: VenueRows, i: int, gaz: Gazetteer, city: str, postcode: str):
    named, how = gaz.resolve(city, postcode)
    if named and how:
        code, params = how
        rows.add(code, i, "city" if "city" in rows.columns else "postcode", **params)
    elif named is None and city:
        suffix = "" if postcode else "_no_postcode"
        code, params = ("commune.ambiguous", how[1]) if how else ("commune.not_found", {})
        rows.add(code + suffix, i, "city", city=city, postcode=postcode, **params)
    return named


def _distance_to_commune_m(com, insee: str, lon: float, lat: float) -> float:
    crs = metric_crs_for_department(com.at[insee, "dep_code"])
    poly = gpd.GeoSeries([com.at[insee, "geometry"]], crs=4326).to_crs(crs)
    pt = gpd.GeoSeries(gpd.points_from_xy([lon], [lat]), crs=4326).to_crs(crs)
    return float(pt.distance(poly.iloc[0]).iloc[0])


def read_vocabularies(rows: VenueRows) -> None:
    """Usage and label words to codes, years found in dates, web addresses completed."""
    for i in range(rows.n):
        rows.cells["usages"][i] = _read_usages(rows, i)
        rows.cells["label_status"][i] = _read_label(rows, i)
        for name in ("label_year", "opened_year"):
            rows.cells[name][i] = _read_year(rows, i, name)
        url, code = normalise_url(rows.cells["url"][i])
        if code:
            rows.add(code, i, "url", url=rows.cells["url"][i].strip())
        rows.cells["url"][i] = url


def _read_usages(rows: VenueRows, i: int) -> str:
    text = rows.cells["usages"][i]
    codes, unknown, changed = map_usages(text)
    if unknown:
        rows.add("usages.unrecognised", i, "usages", words=", ".join(unknown))
    if changed and codes:
        rows.add("usages.read_as", i, "usages", text=text, codes=", ".join(codes))
    return schema.USAGE_SEPARATOR.join(codes)


def _read_label(rows: VenueRows, i: int) -> str:
    text = rows.cells["label_status"][i]
    status, changed = map_label_status(text)
    if status is None:
        rows.add("label.unrecognised", i, "label_status", text=text)
        return "inconnu"
    if changed:
        rows.add("label.read_as", i, "label_status", text=text, status=status)
    return status


def _read_year(rows: VenueRows, i: int, name: str) -> str:
    raw = rows.cells[name][i].strip()
    if not raw:
        return ""
    match = re.search(r"(19|20)\d{2}", raw)
    if not match:
        rows.add("year.unreadable", i, name, text=raw)
        return ""
    if raw != match.group(0):
        rows.add("year.read_as", i, name, text=raw, year=int(match.group(0)))
    return match.group(0)


def to_canonical(rows: VenueRows) -> None:
    """The repaired rows as the canonical format holds them: identifiers (``IMP-00012`` for a
    row without one), communes, coordinates to 7 decimals, the file as default source."""
    has_id = "venue_id" in rows.columns
    ids = [v.strip() if has_id and v.strip() else f"IMP-{row:05d}"
           for v, row in zip(rows.cells["venue_id"], rows.rows)]
    rows.cells["venue_id"] = rows.extra["ids"] = ids
    rows.cells["commune_insee"] = rows.extra.pop("insee")
    rows.cells["source"] = [s or rows.extra["file"] for s in rows.cells["source"]]
    rows.lat = np.array([round(float(v), 7) for v in rows.lat], dtype=float)
    rows.lon = np.array([round(float(v), 7) for v in rows.lon], dtype=float)
    rows.blank_coordinates = np.isnan(rows.lat)


# --------------------------------------------------------------------------- after validation


def mark_duplicates(rows: VenueRows) -> None:
    """Probable duplicates among the venues kept: a note on each row of a group, or, when
    asked, every row but the first of a group rejected as merged into it."""
    kept = rows.venues
    own = ~rows.blank_coordinates[~rows.rejected]
    found = find_duplicates(list(kept["name"]), kept["lat"].to_numpy(float),
                            kept["lon"].to_numpy(float), own)
    source_rows = kept["source_row"].to_numpy()
    groups = [[int(source_rows[j]) for j in g] for g in found]
    position = {r: i for i, r in enumerate(rows.rows)}
    merged = set()
    for k, group in enumerate(groups, start=1):
        for r in group:
            if rows.extra["merge"] and r != group[0]:
                rows.add("duplicate.merged", position[r], "name", first=group[0],
                         group=f"D{k}")
                merged.add(r)
            else:
                rows.add("duplicate.probable", position[r], "name", group=f"D{k}",
                         others=", ".join(str(o) for o in group if o != r))
    rows.venues = kept[~kept["source_row"].isin(merged)].reset_index(drop=True)
    rows.extra["groups"] = groups


def repair_aside(rows: VenueRows) -> None:
    """Columns not recognised are kept aside, their mojibake repaired too."""
    aside = rows.extra["aside"]
    for column in aside.columns[1:]:
        for i, value in enumerate(aside[column]):
            fixed, changed = fix_mojibake(str(value))
            if changed:
                rows.report.add("text.mojibake", rows.rows[i], column, before=value,
                                after=fixed)
                aside.at[i, column] = fixed


IMPORT_STEPS = (repair_texts, parse_user_coordinates, check_region, resolve_communes,
                read_vocabularies, to_canonical, *VALIDATION_STEPS, mark_duplicates,
                repair_aside)


def how_found(inference, lang: str = DEFAULT_LANG) -> str:
    """Why a column was taken for its field, in words (« 98 % des valeurs sont des codes
    INSEE de communes »)."""
    share = inference.params.get("share")
    values = {"share": format_percent(share, lang, 0)} if share is not None else {}
    return t(f"mapping.how.{inference.reason}", lang, **values)


def report_summary(result: ImportResult) -> str:
    """The command line's summary of an import (in French, as the command line speaks)."""
    c, raw = result.counts(), result.raw
    where = (f", feuille « {raw.sheet} »" if raw.sheet else "") + (
        f", en-tête ligne {raw.header_row}" if raw.header_row else ", sans en-tête")
    lines = [f"{raw.file} ({raw.format}" + (f", {raw.encoding}" if raw.encoding else "")
             + (f", séparateur « {raw.separator} »" if raw.separator else "")
             + f"{where}) : " + t_plural("rows_read", len(result.problems.rows))
             + f" — {c[ACCEPTED]} acceptées, {c[REPAIRED]} réparées, {c[REJECTED]} rejetées"]
    lines.append("colonnes reconnues : " + ", ".join(
        f"{i.column} → {f} ({how_found(i)})" for f, i in result.plan.fields.items()))
    aside = [c for c in result.aside.columns if c != "source_row"]
    if aside:
        lines.append("colonnes non reconnues, conservées à part : " + ", ".join(aside))
    if result.duplicate_groups:
        lines.append(f"doublons probables : {len(result.duplicate_groups)} groupes "
                     "(fusion seulement sur demande : --merge-duplicates)")
    return "\n".join(lines)


REPORT_COLUMNS = ("ligne", "statut", "nom", "détail", "identifiant", "doublon")


def report_table(result: ImportResult, lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """The row report as a user downloads it: French (or English) column titles and
    statuses, the venue's name as the file gives it on each line."""
    report = result.report_in(lang)
    names = result.cells_of("name")
    frame = pd.DataFrame({
        "ligne": report["source_row"], "statut": [t(f"status.{s}", lang)
                                                   for s in report["status"]],
        "nom": report["source_row"].map(names).fillna(""), "détail": report["detail"],
        "identifiant": report["venue_id"], "doublon": report["duplicate_group"]})
    if lang != "fr":
        frame.columns = [t(f"report.col.{c}", lang) for c in REPORT_COLUMNS]
    return frame
