"""A loaded dataset (reference layers + validated registry) and its cached views.

``load_dataset`` reads files; ``Dataset.view`` computes what every panel needs for one filter
state and keeps the last results (a ``ViewCache``, one per dataset), so a level or language
change re-uses the aggregates of the same filters.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard import config, coverage, indicators
from dashboard.cache import ViewCache, nbytes
from dashboard.canonical import load_registry
from dashboard.completeness import recorded_fields
from dashboard.figures.map import fit_view
from dashboard.filters import ViewState, select_funding, select_venues
from dashboard.i18n import t
from dashboard.packed_arrays import LayerMeasures, SpatialOrder
from dashboard.reference import ReferenceLayers, load_reference
from dashboard.registry import Registry
from dashboard.sessions import SessionEntry, SessionLost, SessionStore, make_session_store
from dashboard.sources import Source, published_sources, source_by_key

__all__ = ["Dataset", "View", "CoverageReport", "load_dataset", "get_published_dataset",
           "session_store", "save_session_dataset", "session_dataset", "get_dataset",
           "dataset_from_import", "SessionLost", "RoadmapOptions", "save_travel_times",
           "session_travel_times", "drop_travel_times"]

# views, level aggregates, reach selections, distances and coverage reports of one dataset
_VIEW_CACHE_ITEMS = 192
_VIEW_CACHE_BYTES = 256 * 1024 * 1024  # a large upload's selections are not kept by the 192
# session datasets a worker keeps built (derived from the store, rebuilt on a miss): by count
# and by memory, each counted as its tables plus the most its view cache may hold. A count
# smaller than the sessions in use makes every request a miss (an LRU visited in a cycle
# larger than itself): 8 here made the load test's p99 1 s with 10 uploaders.
_SESSION_DATASETS = 64
_SESSION_DATASETS_BYTES = 1024 * 1024 * 1024
_SESSION_VIEW_CACHE_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class View:
    state: ViewState
    venues: pd.DataFrame
    funding: pd.DataFrame
    communes: pd.DataFrame
    kpis: dict


@dataclass(frozen=True)
class CoverageReport:
    """Everything the coverage panel and CLI show for one state."""

    distances: pd.DataFrame
    summary: dict
    by_departement: pd.DataFrame
    zones_epci: pd.DataFrame
    zones_communes: pd.DataFrame
    suggestions: pd.DataFrame


@dataclass(frozen=True)
class RoadmapOptions:
    """What the roadmap adds to a view state: candidate kind and threshold, the year the
    network stands as of (None: today), and the measure (``minutes`` with the session's
    travel-time table ``travel_times``, else ``state.radius_km`` in straight line)."""

    candidates: str = "communes"
    min_population: int = 1000
    year: int | None = None
    minutes: int = 20
    travel_times: str | None = None


@dataclass
class Dataset:
    reference: ReferenceLayers
    registry: Registry
    source_label: str
    is_demo: bool
    tiles_url: str | None = None
    source_key: str = ""  # the published registry it is (``sources``); "" for an upload
    label_key: str = ""  # i18n key of its name (a published registry), else source_label
    attribution_key: str = ""  # i18n key of the attribution its licence asks for
    note_key: str = ""  # i18n key: what the source does not record
    cache: ViewCache = field(
        default_factory=lambda: ViewCache(_VIEW_CACHE_ITEMS, _VIEW_CACHE_BYTES), repr=False,
        compare=False)
    # the communes as coverage reads them, with the pairs per radius: they depend on the
    # reference layer only, so a session's dataset shares its published dataset's
    layer: coverage.CommuneLayer | None = field(default=None, repr=False, compare=False)

    def display_name(self, lang: str) -> str:
        """How the interface names the registry: a published source's name, else its file."""
        return t(self.label_key, lang) if self.label_key else self.source_label

    @functools.cached_property
    def recorded(self) -> frozenset[str]:
        """Fields the registry records at all: unknown is not zero."""
        return recorded_fields(self.registry.venues, self.registry.funding)

    @property
    def communes(self) -> pd.DataFrame:
        return self.reference.communes

    @property
    def commune_layer(self) -> coverage.CommuneLayer:
        """The communes as the coverage computations read them (``coverage.CommuneLayer``:
        ids, projected reference points, candidate–commune pairs per radius), built once for
        the reference layer, not per filter state: a filter change masks its pairs."""
        if self.layer is None:
            self.layer = coverage.CommuneLayer(self.reference.communes)
        return self.layer

    @functools.cached_property
    def commune_order(self) -> SpatialOrder:
        """The communes' spatial order (a Hilbert curve through their reference points), which
        the browser fetches once from its URL: the coverage map codes national values along
        it (``packed_arrays.pack_spatial``)."""
        com = self.reference.communes
        return SpatialOrder.of(config.order_url(self.reference.region, "commune"),
                               com["ref_lon"], com["ref_lat"])

    @property
    def label_year_bounds(self) -> tuple[int, int]:
        """Range of the label-year slider: the years of the calls for projects (the same for
        every dataset, so that a slider left untouched never filters an uploaded registry)."""
        years = self.registry.calls["year"].dropna()
        if years.empty:
            return (2016, 2021)
        return (int(years.min()), int(years.max()))

    def names(self, level: str) -> pd.Series:
        """Display name of every territory of a level, indexed by its id (built once per
        level: read it, do not change it)."""
        frame, key = self.level_layer(level)
        # not ``set_index``: that copies the layer, polygons included (up to 120 ms)
        return self._of_layer(("names", level), lambda: frame["name"].set_axis(
            pd.Index(frame[key], name=key)))

    def layer_ids(self, level: str) -> pd.Index:
        """The ids of a level's territories as strings, in the layer's (and the GeoJSON's and
        the ids file's) order: what the maps' packed ``locations`` are positions in."""
        frame, key = self.level_layer(level)
        return self._of_layer(("ids", level), lambda: pd.Index(frame[key].astype(str)))

    def layer_measures(self, level: str) -> LayerMeasures:
        """A level's population and area per territory, in the layer's order, over the whole
        layer (a group cut by the selected departments counts here in full): what the
        browser divides the venue counts by (``packed_arrays.pack_ratio``)."""
        def compute():
            units = indicators.level_units(self.reference.communes, level)
            ids = self.layer_ids(level)
            at = ids.get_indexer(units.ids.astype(str))
            population, area = np.full(len(ids), np.nan), np.full(len(ids), np.nan)
            kept = at >= 0
            population[at[kept]] = units.population[kept]
            area[at[kept]] = units.area_km2[kept]
            return LayerMeasures.of(config.measures_url(self.reference.region, level), ids,
                                    population, area)

        return self._of_layer(("measures", level), compute)

    def _of_layer(self, key: tuple, compute):
        """What depends on the reference layer only (its names, ids, measures), computed once
        per dataset and kept: not in the view cache, whose bound would evict it and whose
        clearing (a new registry, the bench) would have it computed again."""
        if key not in self._layer_values:
            self._layer_values[key] = compute()
        return self._layer_values[key]

    @functools.cached_property
    def _layer_values(self) -> dict:
        return {}

    def level_layer(self, level: str) -> tuple:
        """(the reference layer of ``level``, its id column)."""
        ref = self.reference
        return {"commune": (ref.communes, "insee"), "epci": (ref.epcis, "siren")}.get(
            level, (ref.departements, "code"))

    def view_bounds(self, state: ViewState, width_px: int | None = None) -> dict:
        """Map center and zoom framing the selected departments (or the region)."""
        deps = self.reference.departements
        if state.departements:
            deps = deps[deps["code"].isin(state.departements)]
        size = {"width_px": width_px} if width_px else {}
        return fit_view(tuple(deps.total_bounds), **size)

    def coverage_report(self, state: ViewState, min_population: int = 1000) -> CoverageReport:
        """Coverage at ``state.radius_km``, zones blanches and ``state.k`` suggestions."""
        def compute():
            dist = self.distances(state)
            radius = state.radius_km
            names = dict(zip(self.reference.departements["code"],
                             self.reference.departements["name"]))
            reach = self.reach_venues(state)
            candidates = coverage.default_candidates(dist, reach, min_population)
            return CoverageReport(
                distances=dist,
                summary=coverage.coverage_summary(dist, radius, names),
                by_departement=coverage.coverage_by(dist, radius, "dep_code"),
                zones_epci=coverage.zones_blanches(dist, radius, "epci"),
                zones_communes=coverage.zones_blanches(dist, radius, "commune"),
                suggestions=coverage.suggest_sites(dist, self.reference.communes, radius,
                                                   state.k, candidates),
            )

        key = ("coverage", min_population, state.radius_km, state.k) + state.filter_key()
        return self.cache.get_or_compute(key, compute)

    # ----------------------------------------------------------------- roadmap (issue 14)

    def roadmap_venues(self, state: ViewState, year: int | None):
        """(every venue as of ``year``, those matching the filters but departments, the
        counts of what could not be dated) — today's registry when ``year`` is None."""
        from dashboard import roadmap

        def compute():
            reg = self.registry
            if year is None:  # today's network: the venues the map and coverage reach
                return reg.venues, self.reach_venues(state), None
            venues, counts = roadmap.venues_as_of(reg.venues, year)
            reach = select_venues(venues, reg.funding, replace(state, departements=()))
            return venues, reach, counts

        return self.cache.get_or_compute(("roadmap_venues", year) + state.reach_key(), compute)

    def roadmap_coverage(self, state: ViewState, opts: RoadmapOptions,
                         metric=None) -> CoverageReport:
        """``coverage_report`` for the roadmap: as of ``opts.year``, measured by ``metric``
        (a travel-time table, in ``opts.minutes``) or straight lines, with suggestions of
        ``opts.candidates`` (covered communes and alternatives within 5 %)."""

        def compute():
            dist = self.roadmap_distances(state, opts, metric)
            limit = self._threshold(state, opts, metric)
            names = dict(zip(self.reference.departements["code"],
                             self.reference.departements["name"]))
            return CoverageReport(
                distances=dist, summary=coverage.coverage_summary(dist, limit, names),
                by_departement=coverage.coverage_by(dist, limit, "dep_code"),
                zones_epci=coverage.zones_blanches(dist, limit, "epci"),
                zones_communes=coverage.zones_blanches(dist, limit, "commune"),
                suggestions=self.roadmap_suggestions(state, opts, metric))

        key = ("roadmap", opts, self._threshold(state, opts, metric), state.k) + \
            state.filter_key()
        return self.cache.get_or_compute(key, compute)

    def roadmap_suggestions(self, state: ViewState, opts: RoadmapOptions,
                            metric=None) -> pd.DataFrame:
        """The suggestions of ``roadmap_coverage`` alone (cached apart): the coverage map
        needs them and the distances, not the zones and rates its tables show."""
        from dashboard import roadmap

        def compute():
            venues, reach, _ = self.roadmap_venues(state, opts.year)
            dist = self.roadmap_distances(state, opts, metric)
            layer = self.commune_layer
            rows = layer.territory(state.departements)  # ``dist``'s rows in the layer
            cand = roadmap.candidate_sites(opts.candidates, dist, self.reference.communes,
                                           reach, venues, opts.min_population, layer=layer,
                                           rows=rows)
            return roadmap.suggest(dist, self.reference.communes, cand,
                                   self._threshold(state, opts, metric), state.k, metric=metric,
                                   layer=layer, rows=rows, min_population=opts.min_population)

        key = ("roadmap_suggestions", opts, self._threshold(state, opts, metric), state.k) + \
            state.filter_key()
        return self.cache.get_or_compute(key, compute)

    def roadmap_distances(self, state: ViewState, opts: RoadmapOptions,
                          metric=None) -> pd.DataFrame:
        """Distances (or minutes) from each commune of the territory to the nearest venue of
        the network as of ``opts.year``: computed once per set of reachable venues and
        measure, whatever the radius, threshold or number of suggestions; today's network
        in straight line is ``distances`` (shared with the map)."""
        if opts.year is None and metric is None:
            return self.distances(state)

        def compute():
            reach = self.roadmap_venues(state, opts.year)[1]
            communes = indicators.territory(self.reference.communes, state.departements)
            return coverage.commune_distances(communes, reach, metric)

        measure = None if metric is None else (type(metric).__name__, opts.travel_times,
                                               id(metric))
        return self.cache.get_or_compute(("roadmap_distances", opts.year, measure)
                                         + state.filter_key(), compute)

    @staticmethod
    def _threshold(state: ViewState, opts: RoadmapOptions, metric) -> float:
        return float(opts.minutes) if metric is not None else float(state.radius_km)

    def roadmap_scenario(self, state: ViewState, opts: RoadmapOptions, scenario,
                         metric=None) -> dict:
        """Before / after a scenario (``roadmap.compare_scenario``) plus ``rows`` (region and
        departments) and the scenario's ``distances``."""
        from dashboard import roadmap

        def compute():
            venues, reach, _ = self.roadmap_venues(state, opts.year)
            before = self.roadmap_distances(state, opts, metric)
            communes = indicators.territory(self.reference.communes, state.departements)
            network = roadmap.scenario_network(reach, venues, self.reference.communes,
                                               scenario)
            after = coverage.commune_distances(communes, network, metric)
            deps = self.reference.departements
            names = dict(zip(deps["code"], deps["name"]))
            cmp = roadmap.compare_scenario(before, after, self._threshold(state, opts, metric),
                                           names)
            scope = ", ".join(names[d] for d in state.departements) or self.reference.summary.get(
                "region_name", "")
            rows = roadmap.scenario_rows(cmp, self.reference.region, scope)
            return {**cmp, "rows": rows, "distances": after, "network": network}

        key = ("scenario", opts, scenario.add, scenario.remove,
               self._threshold(state, opts, metric), state.filter_key())
        return self.cache.get_or_compute(key, compute)

    def roadmap_timeline(self, state: ViewState, opts: RoadmapOptions, metric=None):
        """(coverage by year, contribution of each wave, counts of undated venues): the
        network as it stood at the end of each year up to ``opts.year`` (or the last year
        recorded)."""
        from dashboard import roadmap

        def compute():
            reg = self.registry
            opened = pd.to_numeric(reg.venues["opened_year"], errors="coerce").dropna()
            last = opts.year or int(max(opened.max() if len(opened) else 0,
                                        pd.Timestamp.today().year - 1))
            # no opening year at all: no curve (unknown is not zero), only the counts
            first = int(opened.min()) if len(opened) else last + 1
            communes = indicators.territory(self.reference.communes, state.departements)
            limit = self._threshold(state, opts, metric)
            names = dict(zip(self.reference.departements["code"],
                             self.reference.departements["name"]))
            reach_state = replace(state, departements=())
            by_year = roadmap.coverage_by_year(
                communes, reg.venues, range(first, last + 1), limit, metric=metric,
                dep_names=names, select=lambda v: select_venues(v, reg.funding, reach_state))
            _, reach, counts = self.roadmap_venues(state, last)
            waves = roadmap.wave_contributions(communes, reach, reg.funding, reg.calls, limit,
                                               metric=metric)
            return by_year, waves, counts

        key = ("timeline", opts, self._threshold(state, opts, metric)) + state.filter_key()
        return self.cache.get_or_compute(key, compute)

    def view(self, state: ViewState) -> View:
        """Selected venues, grants, territory communes and key figures for ``state``."""
        def compute():
            reg = self.registry
            venues = select_venues(reg.venues, reg.funding, state)
            funding = select_funding(reg.funding, venues, state)
            communes = indicators.territory(self.reference.communes, state.departements)
            kpis = indicators.compute_kpis(venues, funding, communes)
            return View(state, venues, funding, communes, kpis)

        return self.cache.get_or_compute(("view",) + state.filter_key(), compute)

    def level_values(self, state: ViewState, level: str, *,
                     distance: bool = True) -> pd.DataFrame:
        """Per-territory aggregates of the state's selection at ``level`` (cached). At commune
        level they include the distance to the nearest reachable venue (``distances``,
        computed once per set of reachable venues) unless ``distance=False``: the map asks
        for it only when it shows it."""
        def compute():
            v = self.view(state)
            units = self.cache.get_or_compute(
                ("units", level, state.departements),
                lambda: indicators.level_units(v.communes, level))
            values = indicators.aggregate_level(v.venues, v.funding, v.communes, level,
                                                with_distance=False, units=units)
            if "funding" not in self.recorded:  # no grant recorded: unknown, not 0 €
                values[["funding", "funding_per_capita"]] = np.nan
            return values

        base = self.cache.get_or_compute(("level", level) + state.filter_key(), compute)
        if level != "commune" or not distance:
            return base
        return self.cache.get_or_compute(
            ("level", level, "distance") + state.filter_key(),
            lambda: indicators.with_distances(base, self.distances(state)["distance_km"]))

    def reach_venues(self, state: ViewState) -> pd.DataFrame:
        """Venues matching every filter but the departments: those that can serve a commune
        of the selected departments from across a border."""
        def compute():
            reg = self.registry
            return select_venues(reg.venues, reg.funding, replace(state, departements=()))

        return self.cache.get_or_compute(("venues",) + state.reach_key(), compute)

    def distances(self, state: ViewState) -> pd.DataFrame:
        """Distance from each commune of the territory to its nearest reachable venue."""
        def compute():
            communes = indicators.territory(self.reference.communes, state.departements)
            layer = self.commune_layer  # its reference points projected once
            measure = coverage.StraightLine(layer.points.take(layer.territory(
                state.departements)))
            return coverage.commune_distances(communes, self.reach_venues(state), measure)

        return self.cache.get_or_compute(("distances",) + state.filter_key(), compute)


def load_dataset(settings: config.Settings, source: Source | None = None) -> Dataset:
    """The published registry ``source`` (default: the settings' first) on the reference
    layer of the settings' region (loaded once, shared by every source)."""
    source = source or published_sources(settings)[0]
    reference = _reference(settings.cache_dir, settings.region)
    registry = load_registry(source.venues, source.funding, settings.calls_path,
                             reference.communes, reference.departements)
    return Dataset(reference, registry, source_label=Path(source.venues).name,
                   is_demo=registry.is_demo, tiles_url=settings.tiles_url,
                   source_key=source.key, attribution_key=source.attribution_key,
                   note_key=source.note_key,
                   label_key="" if source.label_is_text or source.key == "demo"
                   else source.label_key)


@functools.lru_cache(maxsize=2)
def _reference(cache_dir, region) -> ReferenceLayers:
    return load_reference(cache_dir, region)


def get_published_dataset(source: str | None = None) -> Dataset:
    """A published registry (``sources``: ``demo``, ``cget-2019``…; None: the default one),
    loaded on first use from the settings. Every source shares the reference layers, and each
    is loaded once whatever name it is asked by."""
    settings = config.load_settings()
    return _published(source_by_key(settings, source).key)


@functools.lru_cache(maxsize=8)
def _published(key: str) -> Dataset:
    settings = config.load_settings()
    return load_dataset(settings, source_by_key(settings, key))


@functools.lru_cache(maxsize=1)
def session_store() -> SessionStore:
    """The store of uploaded tables chosen by the settings (Redis when
    ``TIERSLIEUX_REDIS_URL`` is set); app.py asks for it at start."""
    return make_session_store(config.load_settings())


@functools.lru_cache(maxsize=1)
def _session_datasets() -> ViewCache:
    """Datasets this worker has built from session entries, by content digest: a key whose
    tables are the same on every worker gives the same dataset (and its cached views)."""
    return ViewCache(max_items=_SESSION_DATASETS, max_bytes=_SESSION_DATASETS_BYTES,
                     sizeof=_session_dataset_bytes)


def _session_dataset_bytes(data) -> int:
    """A built dataset: its tables and the most its view cache may hold; the other entries
    kept there (a session's travel-time table) by their own size."""
    if not isinstance(data, Dataset):
        return nbytes(data)
    tables = data.registry.venues, data.registry.funding
    return sum(nbytes(t) for t in tables) + (data.cache.max_bytes or 0)


def save_session_dataset(dataset: Dataset) -> str:
    """Store the user's validated tables (never the shared reference layers); the new key."""
    tables = {"venues": dataset.registry.venues}
    if len(dataset.registry.funding):
        tables["funding"] = dataset.registry.funding
    return session_store().put(SessionEntry.create(dataset.source_label, "dataset", tables))


def session_dataset(key) -> Dataset | None:
    """The dataset of a session key, or ``None`` if the store does not know the key."""
    entry = session_store().get(key)
    if entry is None or entry.kind != "dataset":
        return None
    published = get_published_dataset()
    return _session_datasets().get_or_compute(entry.digest, lambda: dataset_from_import(
        published.reference, entry.tables["venues"], published.registry.calls,
        entry.tables.get("funding"), entry.label, layer=published.commune_layer))


def save_travel_times(table) -> str:
    """Keep a session's travel-time table (``traveltimes.TravelTimes``) in the session store
    (Redis when configured: every worker reaches it); the new key."""
    import json

    problems = pd.DataFrame({
        "code": [p[0] for p in table.problems],
        "row": pd.array([p[1] for p in table.problems], dtype="Int64"),
        "column": [p[2] or "" for p in table.problems],
        "params": [json.dumps(p[3], ensure_ascii=False) for p in table.problems]})
    tables = {"pairs": table.table, "problems": problems,
              "missing": pd.DataFrame({"insee": list(table.communes_missing)}),
              "rows": pd.DataFrame({"rows_read": [table.rows_read]})}
    return session_store().put(SessionEntry.create(table.source, "traveltimes", tables))


def session_travel_times(key):
    """The travel-time table of a session key (``None`` when there is none or the store lost
    it: the caller says so)."""
    import json

    from dashboard.traveltimes import TravelTimes

    if not key:
        return None
    entry = session_store().get(key)
    if entry is None or entry.kind != "traveltimes":
        return None

    def build():
        p = entry.tables["problems"]
        problems = tuple((c, None if pd.isna(r) else int(r), col or None, json.loads(par))
                         for c, r, col, par in zip(p["code"], p["row"], p["column"],
                                                   p["params"]))
        return TravelTimes(table=entry.tables["pairs"], source=entry.label,
                           rows_read=int(entry.tables["rows"]["rows_read"].iloc[0]),
                           problems=problems,
                           communes_missing=tuple(entry.tables["missing"]["insee"]))

    return _session_datasets().get_or_compute(("traveltimes", entry.digest), build)


def drop_travel_times(key) -> None:
    if key:
        session_store().drop(key)


def get_dataset(key: str | dict | None = None, source: str | None = None) -> Dataset:
    """The session's uploaded dataset for ``key`` (or a view-state dict holding it under
    ``dataset``, and the published registry chosen under ``source``); the published registry
    ``source`` when there is no key. A key the server no longer knows raises ``SessionLost``:
    the caller tells the user, never shows other data in its place."""
    if isinstance(key, dict):
        key, source = key.get("dataset"), key.get("source")
    if key is None or key == "":
        return get_published_dataset(source)
    data = session_dataset(key)
    if data is None:
        raise SessionLost(str(key)[:64])
    return data


def dataset_from_import(reference: ReferenceLayers, venues: pd.DataFrame, calls: pd.DataFrame,
                        funding: pd.DataFrame | None, source_label: str,
                        layer: coverage.CommuneLayer | None = None) -> Dataset:
    """A dataset from imported (already validated) tables (``layer``: the reference layer's
    ``commune_layer``, shared, if one is built)."""
    funding = funding if funding is not None else pd.DataFrame(
        {"venue_id": [], "call_id": [], "amount_eur": []})
    registry = Registry(venues, calls, funding[["venue_id", "call_id", "amount_eur"]], {})
    return Dataset(reference, registry, source_label=source_label, is_demo=registry.is_demo,
                   cache=ViewCache(_VIEW_CACHE_ITEMS, _SESSION_VIEW_CACHE_BYTES), layer=layer)
