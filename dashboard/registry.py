"""Reading and validating the canonical registry: venues, calls for projects, funding.

Every input row ends up ``accepted``, ``repaired`` (each repair said) or ``rejected`` (with its
reason); nothing is dropped silently. Only a file that cannot be read at all raises
``RegistryFileError``, with a French message naming the file.

Row numbers are the ones a user sees in a spreadsheet: the header is row 1, the first data row
is row 2.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from dashboard import schema
from dashboard.export import restore_frame
from dashboard.reference import locate_points, metric_crs_for_department

__all__ = [
    "RegistryFileError",
    "Problem",
    "ValidationReport",
    "Registry",
    "read_table",
    "validate_venues",
    "validate_calls",
    "validate_funding",
    "load_registry",
    "usage_matrix",
    "normalise_url",
    "parse_decimal",
    "DEPARTMENT_TOLERANCE_M",
]

# A point this far outside its commune's department is flagged (outlines are generalised).
DEPARTMENT_TOLERANCE_M = 2_000.0
ACCEPTED, REPAIRED, REJECTED = "accepted", "repaired", "rejected"
_BARE_DOMAIN = re.compile(r"^(www\.)?[\w-]+(\.[\w-]+)*\.[a-z]{2,}(/\S*)?$", re.IGNORECASE)
_HTTP = re.compile(r"^https?://[^\s/]+\.[^\s]+$", re.IGNORECASE)


class RegistryFileError(ValueError):
    """A registry file that cannot be used at all."""


@dataclass(frozen=True)
class Problem:
    file: str
    source_row: int
    column: str
    status: str  # repaired | rejected
    message: str
    venue_id: str = ""


@dataclass
class ValidationReport:
    """What happened to every input row of one file."""

    file: str
    rows_read: int = 0
    problems: list[Problem] = field(default_factory=list)

    def add(self, row: int, column: str, status: str, message: str, venue_id: str = "") -> None:
        self.problems.append(Problem(self.file, row, column, status, message, venue_id))

    def problems_frame(self) -> pd.DataFrame:
        cols = ["file", "source_row", "column", "status", "message", "venue_id"]
        return pd.DataFrame([p.__dict__ for p in self.problems], columns=cols)

    def row_status(self) -> pd.DataFrame:
        """One line per input row: ``source_row, status, detail, venue_id``."""
        rows = pd.DataFrame({"source_row": np.arange(2, self.rows_read + 2)})
        probs = self.problems_frame()
        if probs.empty:
            rows["status"], rows["detail"], rows["venue_id"] = ACCEPTED, "", ""
            return rows
        rank = probs["status"].map({REPAIRED: 1, REJECTED: 2})
        grouped = probs.assign(rank=rank).groupby("source_row")
        worst = grouped["rank"].max().map({1: REPAIRED, 2: REJECTED})
        detail = grouped.apply(
            lambda g: " ; ".join(f"{c} : {m}" for c, m in zip(g["column"], g["message"])),
            include_groups=False,
        )
        vid = grouped["venue_id"].first()
        rows["status"] = rows["source_row"].map(worst).fillna(ACCEPTED)
        rows["detail"] = rows["source_row"].map(detail).fillna("")
        rows["venue_id"] = rows["source_row"].map(vid).fillna("")
        return rows

    def counts(self) -> dict[str, int]:
        status = self.row_status()["status"].value_counts()
        return {s: int(status.get(s, 0)) for s in (ACCEPTED, REPAIRED, REJECTED)}


@dataclass
class Registry:
    venues: pd.DataFrame
    calls: pd.DataFrame
    funding: pd.DataFrame
    reports: dict[str, ValidationReport]

    @property
    def is_demo(self) -> bool:
        return bool(len(self.venues)) and bool((self.venues["source"] == "demo").all())


# --------------------------------------------------------------------------- reading


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
        from io import StringIO

        table = pd.read_csv(StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise RegistryFileError(f"Fichier {path} : tableau CSV illisible ({exc}).") from exc
    table.columns = [str(c).strip() for c in table.columns]
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise RegistryFileError(
            f"Fichier {path} : colonne(s) obligatoire(s) absente(s) : {', '.join(missing)}."
        )
    return restore_frame(table)  # cells the command line neutralised ('=…) come back as they were


# --------------------------------------------------------------------------- venues


def parse_decimal(value: str) -> tuple[float | None, bool]:
    """(number, repaired) — accepts a decimal comma, which counts as a repair; None when
    empty, NaN when unreadable."""
    text = value.strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None, False
    repaired = "," in text and "." not in text
    try:
        return float(text.replace(",", ".") if repaired else text), repaired
    except ValueError:
        return np.nan, False


def _parse_year(value: str, low: int, high: int) -> tuple[int | None, str | None]:
    text = value.strip()
    if not text:
        return None, None
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return None, f"année « {text} » illisible : laissée vide"
    if number != int(number) or not low <= number <= high:
        return None, f"année « {text} » hors de {low}–{high} : laissée vide"
    return int(number), None


def normalise_url(value: str) -> tuple[str, str | None]:
    text = value.strip()
    if not text:
        return "", None
    if _HTTP.match(text):
        return text, None
    if _BARE_DOMAIN.match(text):
        return "https://" + text, f"« {text} » sans protocole : complété en https://"
    return "", f"adresse web « {text} » ni http ni https : supprimée"


def _distance_to_department_m(
    points: gpd.GeoSeries, dep_codes: pd.Series, departements: gpd.GeoDataFrame
) -> pd.Series:
    dist = pd.Series(np.nan, index=points.index)
    deps = departements.set_index("code")
    for code, idx in dep_codes.groupby(dep_codes).groups.items():
        if code not in deps.index:
            continue
        crs = metric_crs_for_department(code)
        poly = gpd.GeoSeries([deps.loc[code, "geometry"]], crs=departements.crs).to_crs(crs)
        pts = points.loc[idx].to_crs(crs)
        dist.loc[idx] = pts.distance(poly.iloc[0]).to_numpy()
    return dist


def validate_venues(
    table: pd.DataFrame,
    communes: gpd.GeoDataFrame,
    departements: gpd.GeoDataFrame,
    file: str = "venues.csv",
) -> tuple[pd.DataFrame, ValidationReport]:
    """Validate a venue table (text columns) against the commune reference layer."""
    report = ValidationReport(file=file, rows_read=len(table))
    t = table.reindex(columns=list(schema.VENUE_COLUMNS), fill_value="").fillna("").astype(str)
    t = t.reset_index(drop=True)
    rows = t.index + 2
    # plain lists: scalar access to pandas' string columns is slow (50,000-row files)
    col = {c: t[c].tolist() for c in schema.VENUE_COLUMNS}
    com = communes.set_index("insee")
    this_year = _dt.date.today().year

    lat = np.full(len(t), np.nan)
    lon = np.full(len(t), np.nan)
    for i, (la, lo) in enumerate(zip(t["lat"], t["lon"])):
        vid = col["venue_id"][i].strip()
        (a, ra), (b, rb) = parse_decimal(la), parse_decimal(lo)
        if a is None and b is None:
            continue
        if a is None or b is None or np.isnan(a) or np.isnan(b):
            report.add(rows[i], "lat/lon", REPAIRED,
                       f"coordonnées incomplètes ou illisibles (« {la} », « {lo} ») : "
                       "ignorées", vid)
            continue
        if not (-90 <= a <= 90 and -180 <= b <= 180):
            report.add(rows[i], "lat/lon", REPAIRED,
                       f"coordonnées hors limites ({la}, {lo}) : ignorées", vid)
            continue
        if ra or rb:
            report.add(rows[i], "lat/lon", REPAIRED, "virgule décimale convertie en point", vid)
        lat[i], lon[i] = a, b
    points = gpd.GeoSeries(gpd.points_from_xy(lon, lat), crs=4326)
    points[np.isnan(lat)] = None
    located = locate_points(lon, lat, communes)

    out_insee = [""] * len(t)
    seen: dict[str, int] = {}
    rejected = np.zeros(len(t), dtype=bool)
    for i in range(len(t)):
        row, vid = rows[i], col["venue_id"][i].strip()
        if not vid:
            report.add(row, "venue_id", REJECTED, "identifiant manquant")
            rejected[i] = True
        elif vid in seen:
            report.add(row, "venue_id", REJECTED,
                       f"identifiant « {vid} » en double (déjà utilisé ligne {seen[vid]})", vid)
            rejected[i] = True
        else:
            seen[vid] = row
        name = col["name"][i]
        if not name.strip():
            report.add(row, "name", REJECTED, "nom du lieu manquant", vid)
            rejected[i] = True
        elif " ".join(name.split()) != name:
            report.add(row, "name", REPAIRED, "espaces superflus supprimés", vid)
        code = col["commune_insee"][i].strip()
        if re.fullmatch(r"\d{4}", code):
            report.add(row, "commune_insee", REPAIRED,
                       f"code « {code} » complété en « 0{code} » (zéro initial perdu)", vid)
            code = "0" + code
        code = code.upper()
        found = located[i]
        if code and code in com.index:
            out_insee[i] = code
        elif code and found:
            report.add(row, "commune_insee", REPAIRED,
                       f"code INSEE « {code} » inconnu : remplacé par {found} "
                       f"({com.at[found, 'name']}) d'après les coordonnées", vid)
            out_insee[i] = found
        elif code:
            report.add(row, "commune_insee", REJECTED,
                       f"code INSEE « {code} » : aucune commune de ce code dans le référentiel",
                       vid)
            rejected[i] = True
        elif found:
            report.add(row, "commune_insee", REPAIRED,
                       f"code INSEE absent : {found} ({com.at[found, 'name']}) "
                       "déduit des coordonnées", vid)
            out_insee[i] = found
        elif not np.isnan(lat[i]):
            report.add(row, "lat/lon", REJECTED,
                       f"coordonnées ({lat[i]}, {lon[i]}) hors du territoire et code INSEE absent",
                       vid)
            rejected[i] = True
        else:
            report.add(row, "commune_insee", REJECTED,
                       "ni code INSEE ni coordonnées : lieu impossible à situer", vid)
            rejected[i] = True

    insee = pd.Series(out_insee)
    dep = insee.map(com["dep_code"]).fillna("")
    has_point = ~np.isnan(lat) & (insee != "")
    dist = _distance_to_department_m(points[has_point], dep[has_point], departements)
    for i in dist.index[dist > DEPARTMENT_TOLERANCE_M]:
        report.add(rows[i], "lat/lon", REPAIRED,
                   f"coordonnées ({lat[i]:.5f}, {lon[i]:.5f}) à {dist[i] / 1000:.0f} km du "
                   f"département {dep[i]} de la commune {insee[i]} : remplacées par le point "
                   "de référence de la commune", col["venue_id"][i].strip())
        lat[i] = lon[i] = np.nan
    for i in np.flatnonzero(np.isnan(lat) & (insee != "").to_numpy() & ~rejected):
        if col["lat"][i].strip() == "" and col["lon"][i].strip() == "":
            report.add(rows[i], "lat/lon", REPAIRED,
                       "coordonnées absentes : point de référence de la commune utilisé",
                       col["venue_id"][i].strip())
    fill = np.isnan(lat) & (insee != "").to_numpy()
    lat[fill] = insee[fill].map(com["ref_lat"]).to_numpy(dtype=float)
    lon[fill] = insee[fill].map(com["ref_lon"]).to_numpy(dtype=float)

    usages, labels, label_years, opened_years, urls = [], [], [], [], []
    for i in range(len(t)):
        row, vid = rows[i], col["venue_id"][i].strip()
        codes, unknown = [], []
        for part in re.split(r"[|;,]", col["usages"][i]):
            p = part.strip().lower()
            if not p:
                continue
            (codes if p in schema.USAGES else unknown).append(p)
        if unknown:
            report.add(row, "usages", REPAIRED,
                       f"usage(s) inconnu(s) ignoré(s) : {', '.join(unknown)}", vid)
        usages.append(schema.USAGE_SEPARATOR.join(c for c in schema.USAGE_CODES if c in codes))
        status = col["label_status"][i].strip().lower()
        if not status:
            status = "inconnu"
        elif status not in schema.LABEL_STATUSES:
            report.add(row, "label_status", REPAIRED,
                       f"statut « {status} » inconnu : remplacé par « inconnu »", vid)
            status = "inconnu"
        labels.append(status)
        year, msg = _parse_year(col["label_year"][i], schema.FIRST_CALL_YEAR, this_year)
        if msg:
            report.add(row, "label_year", REPAIRED, msg, vid)
        label_years.append(year)
        year, msg = _parse_year(col["opened_year"][i], 1900, this_year)
        if msg:
            report.add(row, "opened_year", REPAIRED, msg, vid)
        opened_years.append(year)
        url, msg = normalise_url(col["url"][i])
        if msg:
            report.add(row, "url", REPAIRED, msg, vid)
        urls.append(url)

    venues = pd.DataFrame(
        {
            "venue_id": t["venue_id"].str.strip(),
            "name": t["name"].map(lambda s: " ".join(s.split())),
            "commune_insee": insee,
            "lat": lat.round(6),
            "lon": lon.round(6),
            "usages": usages,
            "label_status": labels,
            "label_year": pd.array(label_years, dtype="Int64"),
            "opened_year": pd.array(opened_years, dtype="Int64"),
            "url": urls,
            "source": t["source"].str.strip(),
            "source_row": rows,
        }
    )[~rejected].reset_index(drop=True)
    venues["commune_name"] = venues["commune_insee"].map(com["name"])
    venues["dep_code"] = venues["commune_insee"].map(com["dep_code"])
    venues["epci_siren"] = venues["commune_insee"].map(com["epci_siren"])
    return venues, report


def usage_matrix(venues: pd.DataFrame) -> pd.DataFrame:
    """Boolean venue × usage table (columns in vocabulary order)."""
    split = venues["usages"].fillna("").str.split(schema.USAGE_SEPARATOR)
    return pd.DataFrame(
        {code: split.map(lambda codes, c=code: c in codes) for code in schema.USAGE_CODES},
        index=venues.index,
    )


# --------------------------------------------------------------------------- calls, funding


def validate_calls(table: pd.DataFrame, file: str = "calls.csv"):
    report = ValidationReport(file=file, rows_read=len(table))
    t = table.reindex(columns=list(schema.CALL_COLUMNS), fill_value="").fillna("").astype(str)
    keep, seen = [], set()
    envelope, winners, years = [], [], []
    for i in range(len(t)):
        row, cid = i + 2, t.at[i, "call_id"].strip()
        ok = True
        if not cid or cid in seen:
            report.add(row, "call_id", REJECTED,
                       "identifiant d'appel manquant" if not cid else f"« {cid} » en double")
            ok = False
        seen.add(cid)
        year, msg = _parse_year(t.at[i, "year"], 2000, 2100)
        if year is None:
            report.add(row, "year", REJECTED, msg or "année manquante")
            ok = False
        env, _ = parse_decimal(t.at[i, "envelope_eur"])
        if env is not None and (np.isnan(env) or env < 0):
            report.add(row, "envelope_eur", REPAIRED, "enveloppe illisible : laissée vide")
            env = None
        win, _ = parse_decimal(t.at[i, "winners"])
        if win is not None and (np.isnan(win) or win < 0 or win != int(win)):
            report.add(row, "winners", REPAIRED, "nombre de lauréats illisible : laissé vide")
            win = None
        keep.append(ok)
        envelope.append(env)
        winners.append(None if win is None else int(win))
        years.append(year)
    calls = t.assign(
        call_id=t["call_id"].str.strip(),
        year=pd.array(years, dtype="Int64"),
        envelope_eur=pd.array(envelope, dtype="Float64"),
        winners=pd.array(winners, dtype="Int64"),
    )[keep].reset_index(drop=True)
    return calls, report


def validate_funding(
    table: pd.DataFrame,
    venue_ids: set[str],
    call_ids: set[str],
    file: str = "funding.csv",
) -> tuple[pd.DataFrame, ValidationReport]:
    report = ValidationReport(file=file, rows_read=len(table))
    t = table.reindex(columns=list(schema.FUNDING_COLUMNS), fill_value="").fillna("").astype(str)
    keep, amounts, seen = [], [], {}
    for i in range(len(t)):
        row = i + 2
        vid, cid = t.at[i, "venue_id"].strip(), t.at[i, "call_id"].strip()
        ok = True
        if vid not in venue_ids:
            report.add(row, "venue_id", REJECTED,
                       f"lieu « {vid} » absent du registre des lieux (ou rejeté)", vid)
            ok = False
        if cid not in call_ids:
            report.add(row, "call_id", REJECTED, f"appel à projets « {cid} » inconnu", vid)
            ok = False
        raw = t.at[i, "amount_eur"].replace("€", "")
        amount, repaired = parse_decimal(raw)
        if amount is None or np.isnan(amount):
            report.add(row, "amount_eur", REJECTED,
                       f"montant « {t.at[i, 'amount_eur']} » manquant ou illisible", vid)
            ok = False
        elif amount < 0:
            report.add(row, "amount_eur", REJECTED, f"montant négatif ({amount:g} €)", vid)
            ok = False
        elif repaired:
            report.add(row, "amount_eur", REPAIRED, "virgule décimale convertie en point", vid)
        if ok and (vid, cid) in seen:
            report.add(row, "venue_id", REJECTED,
                       f"financement de « {vid} » par « {cid} » en double "
                       f"(déjà ligne {seen[(vid, cid)]})", vid)
            ok = False
        seen.setdefault((vid, cid), row)
        keep.append(ok)
        amounts.append(amount if ok else np.nan)
    funding = pd.DataFrame(
        {"venue_id": t["venue_id"].str.strip(), "call_id": t["call_id"].str.strip(),
         "amount_eur": amounts}
    )[keep].reset_index(drop=True)
    return funding, report


def load_registry(
    venues_path: Path,
    funding_path: Path | None,
    calls_path: Path,
    communes: gpd.GeoDataFrame,
    departements: gpd.GeoDataFrame,
) -> Registry:
    """Read and validate the three tables; raises only for a file unusable as a whole."""
    venues, vrep = validate_venues(
        read_table(venues_path, schema.REQUIRED_VENUE_COLUMNS), communes, departements,
        file=Path(venues_path).name,
    )
    calls, crep = validate_calls(read_table(calls_path, ("call_id",)), Path(calls_path).name)
    reports = {"venues": vrep, "calls": crep}
    if funding_path is not None:
        funding, frep = validate_funding(
            read_table(funding_path, schema.FUNDING_COLUMNS),
            set(venues["venue_id"]), set(calls["call_id"]), Path(funding_path).name,
        )
        reports["funding"] = frep
    else:
        funding = pd.DataFrame({"venue_id": [], "call_id": [], "amount_eur": []})
    return Registry(venues, calls, funding, reports)
