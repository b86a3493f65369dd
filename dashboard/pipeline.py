"""The venue pipeline: one table of rows going through named steps.

    read → columns → [repairs and location, for a user's file] → coordinates → validate
         → [duplicates] → report

Two entry points share it: ``canonical.check_venues`` (the strict canonical format: canonical
column names, no fuzzy repair) and ``importing.venues.import_venues`` (any usual file: its
repair and location steps turn the user's cells into canonical values first). Every problem
is recorded as a code (``dashboard.report``); the validation steps below are the same for
both.

A step is a function of ``VenueRows`` that reads and rewrites its cells or values and records
problems with ``rows.add(code, position, field, **params)``. A new check or repair is one
step in the right tuple (``VALIDATION_STEPS`` here, ``importing.venues.IMPORT_STEPS``), its
code declared in ``report.PROBLEMS`` and its sentence in each ``locales`` catalogue. Column
inference or a mapping chosen in the browser change only the ``columns`` given to the rows.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from dashboard import schema
from dashboard.reference import locate_points, metric_crs_for_department
from dashboard.report import Report

__all__ = ["VenueRows", "run_steps", "this_year", "parse_decimal", "parse_year",
           "normalise_url", "parse_coordinates", "VALIDATION_STEPS", "DEPARTMENT_TOLERANCE_M"]

# A point this far outside its commune's department is moved (outlines are generalised).
DEPARTMENT_TOLERANCE_M = 2_000.0
_BARE_DOMAIN = re.compile(r"^(www\.)?[\w-]+(\.[\w-]+)*\.[a-z]{2,}(/\S*)?$", re.IGNORECASE)
_HTTP = re.compile(r"^https?://[^\s/]+\.[^\s]+$", re.IGNORECASE)


def this_year() -> int:
    """The last year a venue may give (tests pin it)."""
    return _dt.date.today().year


# --------------------------------------------------------------------------- cells


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


def parse_year(value: str, low: int, high: int) -> tuple[int | None, str | None]:
    """(year, problem code): ``year.unreadable``, ``year.out_of_range`` or None."""
    text = value.strip()
    if not text:
        return None, None
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return None, "year.unreadable"
    if number != int(number) or not low <= number <= high:
        return None, "year.out_of_range"
    return int(number), None


def normalise_url(value: str) -> tuple[str, str | None]:
    """(web address, problem code): ``url.completed`` (https:// added), ``url.dropped``."""
    text = value.strip()
    if not text:
        return "", None
    if _HTTP.match(text):
        return text, None
    if _BARE_DOMAIN.match(text):
        return "https://" + text, "url.completed"
    return "", "url.dropped"


# --------------------------------------------------------------------------- the rows


@dataclass
class VenueRows:
    """The rows of one venue file on their way through the pipeline.

    ``cells`` holds each canonical field's text per row; the repair steps of an import
    rewrite it into canonical values before validation. ``columns`` names each field as the
    user's file does (the report speaks of the user's columns)."""

    report: Report
    cells: dict[str, list[str]]
    reference: object  # ReferenceLayers (or anything with communes / departements)
    columns: dict[str, str] = field(default_factory=dict)
    quiet_trim: bool = False  # an import does not report trimmed spaces in names
    lat: np.ndarray = field(default=None)
    lon: np.ndarray = field(default=None)
    blank_coordinates: np.ndarray = field(default=None)  # the row gave no coordinates
    insee: list[str] = field(default_factory=list)
    rejected: np.ndarray = field(default=None)
    values: dict[str, list] = field(default_factory=dict)  # validated values by field
    venues: pd.DataFrame | None = None
    extra: dict = field(default_factory=dict)  # what entry-specific steps pass along

    def __post_init__(self):
        n = len(self.report.rows)
        for name in ("lat", "lon"):
            if getattr(self, name) is None:
                setattr(self, name, np.full(n, np.nan))
        if self.rejected is None:
            self.rejected = np.zeros(n, dtype=bool)
        if self.blank_coordinates is None:
            self.blank_coordinates = np.array(
                [not a.strip() and not b.strip()
                 for a, b in zip(self.cells["lat"], self.cells["lon"])], dtype=bool)

    @property
    def n(self) -> int:
        return len(self.report.rows)

    @property
    def rows(self) -> list[int]:
        return self.report.rows

    @property
    def communes(self) -> gpd.GeoDataFrame:
        return self.reference.communes

    def column(self, name: str) -> str:
        return self.columns.get(name, name)

    def add(self, code: str, i: int, name: str, /, **params) -> None:
        """Record problem ``code`` on row ``i`` (position), field ``name``."""
        self.report.add(code, self.rows[i], self.column(name),
                        self.cells["venue_id"][i].strip(), **params)


def run_steps(rows: VenueRows, steps: Iterable[Callable[[VenueRows], None]]) -> VenueRows:
    for step in steps:
        step(rows)
    return rows


# --------------------------------------------------------------------------- coordinates


def parse_coordinates(rows: VenueRows, bounds: bool = True) -> None:
    """Latitude and longitude as numbers; a decimal comma is a repair, an incomplete or
    unreadable pair (or, with ``bounds``, one off the globe) is ignored."""
    for i, (la, lo) in enumerate(zip(rows.cells["lat"], rows.cells["lon"])):
        (a, ra), (b, rb) = parse_decimal(la), parse_decimal(lo)
        if a is None and b is None:
            continue
        if a is None or b is None or np.isnan(a) or np.isnan(b):
            rows.add("coordinates.unreadable", i, "lat/lon", lat=la, lon=lo)
            continue
        if bounds and not (-90 <= a <= 90 and -180 <= b <= 180):
            rows.add("coordinates.out_of_range", i, "lat/lon", lat=la, lon=lo)
            continue
        if ra or rb:
            rows.add("decimal.comma", i, "lat/lon")
        rows.lat[i], rows.lon[i] = a, b


# --------------------------------------------------------------------------- validation


def check_identity(rows: VenueRows) -> None:
    """Row by row: an identifier of its own, a name, a commune (code, else coordinates)."""
    com = rows.communes.set_index("insee")
    located = locate_points(rows.lon, rows.lat, rows.communes)
    rows.insee = [""] * rows.n
    seen: dict[str, int] = {}
    for i in range(rows.n):
        _check_id(rows, i, seen)
        _check_name(rows, i)
        code = rows.cells["commune_insee"][i].strip()
        if re.fullmatch(r"\d{4}", code):
            rows.add("insee.padded", i, "commune_insee", code=code, padded="0" + code)
            code = "0" + code
        rows.insee[i] = _commune_of_row(rows, i, code.upper(), located[i], com)


def _check_id(rows: VenueRows, i: int, seen: dict[str, int]) -> None:
    vid = rows.cells["venue_id"][i].strip()
    if not vid:
        rows.add("id.missing", i, "venue_id")
        rows.rejected[i] = True
    elif vid in seen:
        rows.add("id.duplicate", i, "venue_id", id=vid, first=seen[vid])
        rows.rejected[i] = True
    else:
        seen[vid] = rows.rows[i]


def _check_name(rows: VenueRows, i: int) -> None:
    name = rows.cells["name"][i]
    if not name.strip():
        rows.add("name.missing", i, "name")
        rows.rejected[i] = True
    elif " ".join(name.split()) != name and not rows.quiet_trim:
        rows.add("name.spaces", i, "name")


def _commune_of_row(rows: VenueRows, i: int, code: str, found: str, com) -> str:
    if code and code in com.index:
        return code
    if code and found:
        rows.add("insee.unknown_replaced", i, "commune_insee", code=code, found=found,
                 name=com.at[found, "name"])
        return found
    if found:
        rows.add("insee.deduced", i, "commune_insee", found=found, name=com.at[found, "name"])
        return found
    rows.rejected[i] = True
    if code:
        rows.add("insee.unknown", i, "commune_insee", code=code)
    elif not np.isnan(rows.lat[i]):
        rows.add("point.outside_territory", i, "lat/lon", lat=rows.lat[i], lon=rows.lon[i])
    else:
        rows.add("place.missing", i, "commune_insee")
    return ""


def check_departments(rows: VenueRows) -> None:
    """A point far outside its commune's department is replaced by the commune's reference
    point (the commune code is trusted over the coordinates)."""
    com = rows.communes.set_index("insee")
    insee = pd.Series(rows.insee, dtype=object)
    dep = insee.map(com["dep_code"]).fillna("")
    has_point = ~np.isnan(rows.lat) & (insee != "").to_numpy()
    points = gpd.GeoSeries(gpd.points_from_xy(rows.lon, rows.lat), crs=4326)
    dist = _distance_to_department_m(points[has_point], dep[has_point],
                                     rows.reference.departements)
    for i in dist.index[dist > DEPARTMENT_TOLERANCE_M]:
        rows.add("point.outside_department", i, "lat/lon", lat=rows.lat[i], lon=rows.lon[i],
                 km=dist[i] / 1000, dep=dep[i], insee=insee[i])
        rows.lat[i] = rows.lon[i] = np.nan


def _distance_to_department_m(points: gpd.GeoSeries, dep_codes: pd.Series,
                              departements: gpd.GeoDataFrame) -> pd.Series:
    """Metres from each point to its department (0 inside it). A point inside its department
    in longitude / latitude is at 0 without projecting anything (the department's polygon is
    projected only for the few points outside it: nationally, projecting a hundred detailed
    polygons took a quarter of the cold start)."""
    xs, ys = points.x.to_numpy(), points.y.to_numpy()
    dist = np.full(len(points), np.nan)
    geometries = dict(zip(departements["code"], departements.geometry))
    for code, pos in pd.Series(dep_codes.to_numpy()).groupby(dep_codes.to_numpy()).indices.items():
        geometry = geometries.get(code)
        if geometry is None:
            continue
        inside = shapely.contains_xy(geometry, xs[pos], ys[pos])
        dist[pos[inside]] = 0.0
        outside = pos[~inside]
        if not len(outside):
            continue
        crs = metric_crs_for_department(code)
        poly = gpd.GeoSeries([geometry], crs=departements.crs).to_crs(crs).iloc[0]
        far = gpd.GeoSeries(gpd.points_from_xy(xs[outside], ys[outside]), crs=points.crs)
        dist[outside] = far.to_crs(crs).distance(poly).to_numpy()
    return pd.Series(dist, index=points.index)


def fill_reference_points(rows: VenueRows) -> None:
    """A venue without coordinates is drawn at its commune's reference point (said when the
    row gave none)."""
    com = rows.communes.set_index("insee")
    insee = pd.Series(rows.insee, dtype=object)
    placed = (insee != "").to_numpy()
    for i in np.flatnonzero(np.isnan(rows.lat) & placed & ~rows.rejected):
        if rows.blank_coordinates[i]:
            rows.add("point.reference_used", i, "lat/lon")
    fill = np.isnan(rows.lat) & placed
    rows.lat[fill] = insee[fill].map(com["ref_lat"]).to_numpy(dtype=float)
    rows.lon[fill] = insee[fill].map(com["ref_lon"]).to_numpy(dtype=float)


def check_values(rows: VenueRows) -> None:
    """Row by row: usages and label status from the vocabularies, years in their range, web
    addresses with a protocol; what cannot be read is left empty."""
    for name in ("usages", "label_status", "label_year", "opened_year", "url"):
        rows.values[name] = []
    for i in range(rows.n):
        rows.values["usages"].append(_usages(rows, i))
        rows.values["label_status"].append(_label(rows, i))
        for name, low in (("label_year", schema.FIRST_CALL_YEAR), ("opened_year", 1900)):
            rows.values[name].append(_year(rows, i, name, low))
        rows.values["url"].append(_url(rows, i))


def _usages(rows: VenueRows, i: int) -> str:
    codes, unknown = [], []
    for part in re.split(r"[|;,]", rows.cells["usages"][i]):
        word = part.strip().lower()
        if word:
            (codes if word in schema.USAGES else unknown).append(word)
    if unknown:
        rows.add("usages.unknown", i, "usages", words=", ".join(unknown))
    return schema.USAGE_SEPARATOR.join(c for c in schema.USAGE_CODES if c in codes)


def _label(rows: VenueRows, i: int) -> str:
    status = rows.cells["label_status"][i].strip().lower() or "inconnu"
    if status not in schema.LABEL_STATUSES:
        rows.add("label.unknown", i, "label_status", status=status)
        status = "inconnu"
    return status


def _year(rows: VenueRows, i: int, name: str, low: int) -> int | None:
    text, high = rows.cells[name][i], this_year()
    year, code = parse_year(text, low, high)
    if code:
        rows.add(code, i, name, text=text.strip(), low=low, high=high)
    return year


def _url(rows: VenueRows, i: int) -> str:
    url, code = normalise_url(rows.cells["url"][i])
    if code:
        rows.add(code, i, "url", url=rows.cells["url"][i].strip())
    return url


def build_venues(rows: VenueRows) -> None:
    """The validated venues (rows not rejected), with their commune's names and codes."""
    com = rows.communes.set_index("insee")
    cells = rows.cells
    venues = pd.DataFrame({
        "venue_id": [v.strip() for v in cells["venue_id"]],
        "name": [" ".join(s.split()) for s in cells["name"]],
        "commune_insee": pd.Series(rows.insee, dtype=object),
        "lat": rows.lat.round(6),
        "lon": rows.lon.round(6),
        "usages": rows.values["usages"],
        "label_status": rows.values["label_status"],
        "label_year": pd.array(rows.values.get("label_year", []), dtype="Int64"),
        "opened_year": pd.array(rows.values.get("opened_year", []), dtype="Int64"),
        "url": rows.values["url"],
        "source": [s.strip() for s in cells["source"]],
        "source_row": rows.rows,
    })[~rows.rejected].reset_index(drop=True)
    for name, column in (("commune_name", "name"), ("dep_code", "dep_code"),
                         ("epci_siren", "epci_siren")):
        venues[name] = venues["commune_insee"].map(com[column])
    rows.venues = venues


# The validation of the canonical format, shared by both entry points, in this order.
VALIDATION_STEPS = (check_identity, check_departments, fill_reference_points, check_values,
                    build_venues)
