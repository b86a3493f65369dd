"""Importing a venue file of any usual shape into the canonical registry, losing nothing.

Every input data row ends in the report with its spreadsheet row number, a status
(``accepted``, ``repaired``, ``rejected``) and a French message naming the column and the
problem; accepted + repaired + rejected = rows read. Columns that are not recognised are kept
aside (``ImportResult.aside``) and named in the report's summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from dashboard import schema
from dashboard.importing.columns import normalise, recognise_columns
from dashboard.importing.locating import (
    Gazetteer,
    normalise_postcode,
    parse_coordinate,
)
from dashboard.importing.reading import RawTable, read_table_any
from dashboard.importing.repairs import fix_mojibake, map_label_status, map_usages
from dashboard.reference import ReferenceLayers, locate_points, metric_crs_for_department
from dashboard.registry import (
    ACCEPTED,
    REJECTED,
    REPAIRED,
    normalise_url,
    validate_venues,
)

__all__ = ["ImportResult", "import_venues", "find_duplicates", "report_summary",
           "DUPLICATE_DISTANCE_M", "AGREEMENT_DISTANCE_M"]

DUPLICATE_DISTANCE_M = 200.0
# a point this close to the commune its row names is taken as agreeing (outlines are
# generalised by ~500 m)
AGREEMENT_DISTANCE_M = 1_000.0
_STOPWORDS = {"de", "du", "des", "la", "le", "les", "l", "d", "a", "au", "aux", "et", "en"}


@dataclass
class ImportResult:
    venues: pd.DataFrame  # canonical columns + source_row (accepted and repaired rows)
    report: pd.DataFrame  # source_row, status, detail, venue_id, duplicate_group
    aside: pd.DataFrame  # source_row + columns not recognised
    columns: dict  # field → column in the file
    raw: RawTable
    duplicate_groups: list[list[int]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        vc = self.report["status"].value_counts()
        return {s: int(vc.get(s, 0)) for s in (ACCEPTED, REPAIRED, REJECTED)}

    def canonical(self) -> pd.DataFrame:
        cols = list(schema.VENUE_COLUMNS)
        out = self.venues[cols].copy()
        out["label_year"] = out["label_year"].astype("Int64")
        out["opened_year"] = out["opened_year"].astype("Int64")
        return out


def _year(text: str) -> tuple[int | None, str | None]:
    raw = str(text).strip()
    if not raw:
        return None, None
    match = re.search(r"(19|20)\d{2}", raw)
    if not match:
        return None, f"année « {raw} » illisible : laissée vide"
    year = int(match.group(0))
    return year, (None if raw == str(year) else f"« {raw} » lu comme l'année {year}")


def _tokens(name: str) -> set[str]:
    return {w for w in normalise(name).split() if w not in _STOPWORDS}


def _similar(ta: frozenset, tb: frozenset) -> bool:
    if not ta or not tb:
        return False
    return ta <= tb or tb <= ta or "".join(sorted(ta)) == "".join(sorted(tb))


def find_duplicates(names: list[str], lat: np.ndarray, lon: np.ndarray,
                    own_point: np.ndarray | None = None) -> list[list[int]]:
    """Groups of row indices that are probably the same venue: the same coordinates (when both
    rows gave them: a commune's reference point filled in is not a venue's place), or names
    that match (one's words within the other's) less than 200 m apart."""
    own_point = np.ones(len(names), dtype=bool) if own_point is None else own_point
    tokens = [frozenset(_tokens(name)) for name in names]
    n = len(names)
    parent = list(range(n))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    ok = np.flatnonzero(~(np.isnan(lat) | np.isnan(lon)))
    if len(ok) > 1:
        from shapely import STRtree, points

        pts = gpd.GeoSeries(points(lon[ok], lat[ok]), crs=4326).to_crs(2154)
        tree = STRtree(pts.to_numpy())
        left, right = tree.query(pts.to_numpy(), predicate="dwithin",
                                 distance=DUPLICATE_DISTANCE_M)
        for a, b in zip(ok[left], ok[right]):
            if a >= b:
                continue
            same_point = (own_point[a] and own_point[b] and abs(lat[a] - lat[b]) < 1e-5
                          and abs(lon[a] - lon[b]) < 1e-5)
            if same_point or _similar(tokens[a], tokens[b]):
                parent[find(b)] = find(a)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return [g for g in groups.values() if len(g) > 1]


def import_venues(
    source: Path | str | bytes | RawTable,
    reference: ReferenceLayers,
    mapping: dict[str, str] | None = None,
    merge_duplicates: bool = False,
    file: str | None = None,
) -> ImportResult:
    """Read, recognise, repair, locate and validate a venue file."""
    raw = source if isinstance(source, RawTable) else read_table_any(source, file)
    table = raw.frame
    cols, aside_cols = recognise_columns([c for c in table.columns if c != "source_row"],
                                         mapping)
    n = len(table)
    rows = table["source_row"].to_numpy()
    notes: list[list[tuple[str, str, str]]] = [[] for _ in range(n)]  # (status, column, msg)

    values_of = {f: ([""] * n if c is None else
                     ["" if v is None else str(v) for v in table[c].tolist()])
                 for f, c in ((f, cols.get(f)) for f in
                              ("venue_id", "name", "city", "usages", "label_status", "url",
                               "source", "lat", "lon", "commune_insee", "postcode",
                               "label_year", "opened_year"))}

    def cell(field_name: str, i: int) -> str:
        return values_of[field_name][i]

    def note(i, status, column, message):
        notes[i].append((status, column, message))

    # text cells: mojibake
    texts: dict[str, list[str]] = {}
    for field_name in ("venue_id", "name", "city", "usages", "label_status", "url", "source"):
        values = []
        for i in range(n):
            value, changed = fix_mojibake(cell(field_name, i))
            if changed:
                note(i, REPAIRED, cols[field_name],
                     f"caractères mal encodés réparés : « {cell(field_name, i)} » → « {value} »")
            values.append(value)
        texts[field_name] = values

    # coordinates, with swapped latitude / longitude detected
    lat = np.full(n, np.nan)
    lon = np.full(n, np.nan)
    for i in range(n):
        a, ra = parse_coordinate(cell("lat", i))
        b, rb = parse_coordinate(cell("lon", i))
        if a is None or b is None:
            if cell("lat", i).strip() or cell("lon", i).strip():
                note(i, REPAIRED, "lat/lon", f"coordonnées incomplètes ou illisibles "
                                             f"(« {cell('lat', i)} », « {cell('lon', i)} ») : "
                                             "ignorées")
            continue
        if ra or rb:
            note(i, REPAIRED, "lat/lon", "virgule décimale convertie en point")
        lat[i], lon[i] = a, b
    communes = reference.communes
    in_point = locate_points(lon, lat, communes)
    swapped = locate_points(lat, lon, communes)
    for i in np.flatnonzero(~np.isnan(lat) & (in_point == "")):
        if swapped[i]:
            note(i, REPAIRED, "lat/lon", f"latitude et longitude inversées ({lat[i]}, {lon[i]})"
                                         " : remises dans l'ordre")
            lat[i], lon[i] = lon[i], lat[i]
            in_point[i] = swapped[i]
        else:
            note(i, REPAIRED, "lat/lon", f"point ({lat[i]}, {lon[i]}) hors de la région : "
                                         "coordonnées ignorées")
            lat[i] = lon[i] = np.nan

    # commune by INSEE code, or postcode + name
    gaz = Gazetteer(reference.gazetteer, communes)
    com = communes.set_index("insee")
    insee_out = [""] * n
    for i in range(n):
        code = re.sub(r"\s", "", cell("commune_insee", i)).upper()
        named, how = None, ""
        if code:
            if re.fullmatch(r"\d{4}", code):
                note(i, REPAIRED, cols["commune_insee"], f"code INSEE « {code} » complété en "
                                                         f"« 0{code} »")
                code = "0" + code
            if code in com.index:
                named = code
            else:
                note(i, REPAIRED, cols["commune_insee"],
                     f"code INSEE « {code} » inconnu dans la région : ignoré")
        postcode, pc_fixed = normalise_postcode(cell("postcode", i))
        if pc_fixed and cell("postcode", i).strip():
            note(i, REPAIRED, cols["postcode"], f"code postal « {cell('postcode', i)} » lu "
                                                f"« {postcode} »")
        city = texts["city"][i]
        if named is None and (city or postcode):
            named, how = gaz.resolve(city, postcode)
            if named and how:
                note(i, REPAIRED, cols.get("city", cols.get("postcode", "")), how)
            elif named is None and city:
                detail = f" ({how})" if how else ""
                note(i, REPAIRED, cols.get("city", ""),
                     f"commune « {city} » ({postcode or 'sans code postal'}) introuvable"
                     f"{detail}")
        point = in_point[i]
        if point and named and point != named:
            dep = com.at[named, "dep_code"]
            crs = metric_crs_for_department(dep)
            poly = gpd.GeoSeries([com.at[named, "geometry"]], crs=4326).to_crs(crs)
            pt = gpd.GeoSeries(gpd.points_from_xy([lon[i]], [lat[i]]), crs=4326).to_crs(crs)
            gap = float(pt.distance(poly.iloc[0]).iloc[0])
            if gap <= AGREEMENT_DISTANCE_M:
                insee_out[i] = named  # on the generalised border: the named commune holds
            else:
                note(i, REPAIRED, "lat/lon",
                     f"coordonnées dans {com.at[point, 'name']} ({point}), à "
                     f"{gap / 1000:.1f} km de {com.at[named, 'name']} ({named}) indiquée : "
                     "commune des coordonnées retenue")
                insee_out[i] = point
        else:
            insee_out[i] = point or named or ""

    # usages, label, years
    usages, labels, label_years, opened_years, urls = [], [], [], [], []
    for i in range(n):
        codes, unknown, changed = map_usages(texts["usages"][i])
        if unknown:
            note(i, REPAIRED, cols["usages"], f"usage(s) non reconnu(s) ignoré(s) : "
                                              f"{', '.join(unknown)}")
        if changed and codes:
            note(i, REPAIRED, cols["usages"], f"« {texts['usages'][i]} » lu comme "
                                              f"{', '.join(codes)}")
        usages.append(schema.USAGE_SEPARATOR.join(codes))
        status, changed = map_label_status(texts["label_status"][i])
        if status is None:
            note(i, REPAIRED, cols["label_status"], f"statut « {texts['label_status'][i]} » "
                                                    "non reconnu : « inconnu »")
            status = "inconnu"
        elif changed:
            note(i, REPAIRED, cols["label_status"], f"« {texts['label_status'][i]} » lu comme "
                                                    f"« {status} »")
        labels.append(status)
        for field_name, out in (("label_year", label_years), ("opened_year", opened_years)):
            year, msg = _year(cell(field_name, i))
            if msg:
                note(i, REPAIRED, cols[field_name], msg)
            out.append("" if year is None else str(year))
        url, msg = normalise_url(texts["url"][i])
        if msg:
            note(i, REPAIRED, cols["url"], msg)
        urls.append(url)

    has_id = "venue_id" in cols
    ids = [texts["venue_id"][i].strip() if has_id and texts["venue_id"][i].strip()
           else f"IMP-{rows[i]:05d}" for i in range(n)]
    canonical = pd.DataFrame({
        "venue_id": ids, "name": texts["name"], "commune_insee": insee_out,
        "lat": ["" if np.isnan(v) else repr(round(float(v), 7)) for v in lat],
        "lon": ["" if np.isnan(v) else repr(round(float(v), 7)) for v in lon],
        "usages": usages, "label_status": labels, "label_year": label_years,
        "opened_year": opened_years, "url": urls,
        "source": [texts["source"][i] or raw.file for i in range(n)],
    })
    validated, vreport = validate_venues(canonical, communes, reference.departements,
                                         file=raw.file)
    for p in vreport.problems:
        i = p.source_row - 2  # validate_venues numbers its own rows from 2
        if p.column == "lat/lon" and "point de référence de la commune utilisé" in p.message:
            note(i, REPAIRED, "lat/lon", "coordonnées absentes : point de référence de la "
                                         "commune utilisé")
        elif p.column == "name" and p.message == "espaces superflus supprimés":
            continue  # trimming spaces is not worth a line in the report
        else:
            note(i, p.status, cols.get(p.column, p.column), p.message)
    validated["source_row"] = rows[validated["source_row"].to_numpy() - 2]
    row_position = {int(r): i for i, r in enumerate(rows)}

    # duplicates, among the rows kept
    kept = validated.reset_index(drop=True)
    kept_rows = kept["source_row"].to_numpy()
    own = ~np.isnan(lat[[row_position[r] for r in kept_rows]])
    groups_idx = find_duplicates(list(kept["name"]), kept["lat"].to_numpy(float),
                                 kept["lon"].to_numpy(float), own)
    groups = [[int(kept_rows[j]) for j in g] for g in groups_idx]
    group_of = {r: k for k, g in enumerate(groups, start=1) for r in g}
    row_index = {int(r): i for i, r in enumerate(rows)}
    merged_away = set()
    for k, g in enumerate(groups, start=1):
        for r in g:
            others = ", ".join(str(o) for o in g if o != r)
            if merge_duplicates and r != g[0]:
                note(row_index[r], REJECTED, cols.get("name", "name"),
                     f"doublon du lieu de la ligne {g[0]} (groupe D{k}) : fusionné avec lui")
                merged_away.add(r)
            else:
                note(row_index[r], "flag", cols.get("name", "name"),
                     f"doublon probable (groupe D{k}) avec la ligne {others}")
    if merged_away:
        validated = validated[~validated["source_row"].isin(merged_away)]

    aside = table[["source_row", *aside_cols]].copy().reset_index(drop=True)
    for column in aside_cols:
        for i, value in enumerate(aside[column]):
            fixed, changed = fix_mojibake(str(value))
            if changed:
                note(i, REPAIRED, column,
                     f"caractères mal encodés réparés : « {value} » → « {fixed} »")
                aside.at[i, column] = fixed

    report_rows = []
    for i in range(n):
        statuses = [s for s, _, _ in notes[i]]
        status = REJECTED if REJECTED in statuses else REPAIRED if REPAIRED in statuses \
            else ACCEPTED
        detail = " ; ".join(f"{c} : {m}" if c else m for _, c, m in notes[i])
        report_rows.append({"source_row": int(rows[i]), "status": status, "detail": detail,
                            "venue_id": ids[i] if status != REJECTED else "",
                            "duplicate_group": f"D{group_of[rows[i]]}" if rows[i] in group_of
                            else ""})
    report = pd.DataFrame(report_rows, columns=["source_row", "status", "detail", "venue_id",
                                                "duplicate_group"])
    return ImportResult(validated.reset_index(drop=True), report, aside, cols, raw, groups)


def report_summary(result: ImportResult) -> str:
    c = result.counts()
    lines = [f"{result.raw.file} ({result.raw.format}"
             + (f", {result.raw.encoding}" if result.raw.encoding else "")
             + (f", séparateur « {result.raw.separator} »" if result.raw.separator else "")
             + f", en-tête ligne {result.raw.header_row}) : {len(result.report)} lignes lues — "
             f"{c[ACCEPTED]} acceptées, {c[REPAIRED]} réparées, {c[REJECTED]} rejetées"]
    lines.append("colonnes reconnues : " + ", ".join(f"{v} → {k}"
                                                     for k, v in result.columns.items()))
    aside = [c for c in result.aside.columns if c != "source_row"]
    if aside:
        lines.append("colonnes non reconnues, conservées à part : " + ", ".join(aside))
    if result.duplicate_groups:
        lines.append(f"doublons probables : {len(result.duplicate_groups)} groupes "
                     "(fusion seulement sur demande : --merge-duplicates)")
    return "\n".join(lines)

