"""The project's benchmark: ``tierslieux bench [--scale region|france] [--browser]``.

    result = run_bench(scale="region", repeat=5)      # a JSON-able dict
    print(format_table(result))

Every interaction is measured the way the server runs it: the registered callback function is
called with the view state a control change produces, and its return value is serialised as
Dash does (``plotly.io.json.to_json_plotly``); bytes are that JSON, raw and gzipped. Each
interaction is timed after one warm-up, ``repeat`` times, on states that cycle so that the view
cache is cold where a real filter change would find it cold; medians and spread (min–max).
The naive way of the same interaction — a whole figure whose GeoJSON is rebuilt and embedded
on every call — is timed in the same run, so that ratios hold on a shared, noisy machine.

``--scale france`` uses the national reference layer (``TIERSLIEUX_REGION=all``, built once
into the cache folder) and the CGET 2019 census (data/open/cget-2019), imported with no
mapping and cached as a canonical CSV beside the reference layer.

This module imports the app (Dash): only the ``bench`` sub-command loads it.
"""

from __future__ import annotations

import gzip
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

__all__ = ["run_bench", "format_table", "prepare_scale", "SCALES", "synthetic_session",
           "SYNTHETIC_VENUES"]

SCALES = ("region", "france")
SYNTHETIC_VENUES = 40_000
CGET_FRANCE = Path("data/open/cget-2019/cget_tierslieux_2019_france.csv")


# --------------------------------------------------------------------------- scale set-up

def prepare_scale(scale: str) -> None:
    """Set the environment for ``scale`` before the app is imported (France: national layer
    and the CGET census as the published registry, both built once into the cache)."""
    from dashboard import config

    if scale == "region":
        return
    os.environ["TIERSLIEUX_REGION"] = "all"
    settings = config.load_settings()
    out = Path(settings.cache_dir) / "bench" / "cget-2019-france.csv"
    if not out.exists():
        from dashboard.export import write_csv
        from dashboard.importing.venues import import_venues
        from dashboard.reference import load_reference

        layers = load_reference(settings.cache_dir, "all")
        result = import_venues(config.PROJECT_DIR / CGET_FRANCE, layers)
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8", newline="") as stream:
            write_csv(result.canonical(), stream)
    os.environ["TIERSLIEUX_VENUES"] = str(out)
    os.environ["TIERSLIEUX_FUNDING"] = ""


# --------------------------------------------------------------------------- measuring

@dataclass
class Timing:
    name: str
    times_ms: list[float] = field(default_factory=list)
    raw: int = 0
    gz: int = 0

    def as_dict(self) -> dict:
        t = self.times_ms
        return {"median_ms": round(statistics.median(t), 2), "min_ms": round(min(t), 2),
                "max_ms": round(max(t), 2), "bytes": self.raw, "gzip_bytes": self.gz}


def _serialise(output) -> bytes:
    """The JSON Dash sends for a callback's return value (``no_update`` left out)."""
    from dash import no_update
    from plotly.io.json import to_json_plotly

    outputs = output if isinstance(output, tuple) else (output,)
    kept = [o for o in outputs if o is not no_update]
    return to_json_plotly(kept).encode("utf-8")


def _measure(name: str, call: Callable[[int], object], repeat: int,
             before: Callable[[], None] | None = None) -> Timing:
    """Warm up once, then time ``call(i)`` + its serialisation ``repeat`` times."""
    timing = Timing(name)
    for i in range(repeat + 1):
        if before:
            before()
        start = time.perf_counter()
        body = _serialise(call(i))
        elapsed = (time.perf_counter() - start) * 1000
        if i:  # the first run is the warm-up
            timing.times_ms.append(elapsed)
            if len(body) >= timing.raw:  # the largest answer of the runs (states differ)
                timing.raw, timing.gz = len(body), len(gzip.compress(body))
    return timing


# --------------------------------------------------------------------------- interactions

def _states(data):
    """Filter states that cycle (different selections, so the view cache misses)."""
    from dashboard.filters import ViewState

    deps = list(data.reference.departements["code"])
    first, second = deps[0], deps[len(deps) // 2]
    return [ViewState(usages=("fablab",)), ViewState(departements=(first,)),
            ViewState(labels=("labellise",)), ViewState(usages=("coworking", "culture"),
                                                        usage_mode="all"),
            ViewState(departements=(second, first), usages=("mediation_numerique",)),
            ViewState(usages=("coworking",), departements=(second,))]


def _naive_map(data, state, geojson_cache: dict | None = None):
    """The naive pattern: a whole figure with its GeoJSON rebuilt and embedded."""
    from dashboard.figures.map import level_geojson, make_map_figure

    layer, id_col = data.level_layer(state.level)
    geojson = json.loads(level_geojson(layer, id_col))
    return make_map_figure(data.level_values(state, state.level), data.view(state).venues,
                           geojson_url=geojson, indicator=state.indicator,
                           color_by=state.color_by, lang=state.lang,
                           view=data.view_bounds(state))


def _naive_coverage(data, state):
    from dashboard.figures.coverage import make_coverage_map
    from dashboard.figures.map import level_geojson

    layer, id_col = data.level_layer("commune")
    report = data.coverage_report(state)
    return make_coverage_map(report.distances, data.reach_venues(state), report.suggestions,
                             radius_km=state.radius_km, mode="couverture", lang=state.lang,
                             geojson_url=json.loads(level_geojson(layer, id_col)),
                             view=data.view_bounds(state))


def _map_interactions(data, states, to_dict):
    """(name, callback call, naive call) for the map tab."""
    from callbacks.map import update_map

    def meta_of(state):
        return {"level": state.level, "color_by": state.color_by, "lang": state.lang,
                "indicator": state.indicator, "departements": list(state.departements)}

    levels = ["commune", "epci", "departement"]
    indicators = ["venues", "venues_per_10k", "pop_per_venue"]

    def level_state(i):
        return replace(states[i % len(states)], level=levels[i % 3])

    def indicator_state(i):
        return replace(states[i % len(states)], indicator=indicators[i % 3])

    def filter_change(i):
        state = replace(states[i % len(states)], departements=())
        return update_map(to_dict(state), meta_of(state))

    return [
        ("map: filter change (Patch)", filter_change,
         lambda i: _naive_map(data, replace(states[i % len(states)], departements=()))),
        ("map: department change (Patch + framing)",
         lambda i: update_map(to_dict(states[i % len(states)]), meta_of(states[0])),
         lambda i: _naive_map(data, states[i % len(states)])),
        ("map: level change (whole figure)",
         lambda i: update_map(to_dict(level_state(i)), meta_of(level_state(i + 1))),
         lambda i: _naive_map(data, level_state(i))),
        ("map: indicator change (Patch)",
         lambda i: update_map(to_dict(indicator_state(i)), meta_of(indicator_state(i + 1))),
         lambda i: _naive_map(data, indicator_state(i))),
    ]


def synthetic_session(data, n: int = SYNTHETIC_VENUES, seed: int = 0, *,
                      spread: bool = False) -> str:
    """Session key of a registry of ``n`` synthetic venues: rows of ``data``'s registry
    drawn with replacement, renamed and moved by about 1 km — or, ``spread``, moved to
    communes of the layer drawn at random (every commune has its own numbers: the most
    distinct values a map can have) —, stored as an upload is (the callbacks then read it
    like a user's file)."""
    import numpy as np

    from dashboard.dataset import dataset_from_import, save_session_dataset

    rng = np.random.default_rng(seed)
    venues = data.registry.venues.sample(n, replace=True, random_state=seed)
    venues = venues.reset_index(drop=True).assign(
        venue_id=[f"SYN-{i:05d}" for i in range(n)],
        name=[f"Lieu synthétique {i}" for i in range(n)])
    if spread:
        at = data.communes.sample(n, replace=True, random_state=seed)
        venues = venues.assign(
            commune_insee=at["insee"].to_numpy(), commune_name=at["name"].to_numpy(),
            dep_code=at["dep_code"].to_numpy(), epci_siren=at["epci_siren"].to_numpy(),
            lat=at["ref_lat"].to_numpy(), lon=at["ref_lon"].to_numpy())
    venues = venues.assign(lat=venues["lat"] + rng.normal(0, 0.01, n),
                           lon=venues["lon"] + rng.normal(0, 0.01, n))
    name = f"synthetique_{n}{'_partout' if spread else ''}.csv"
    return save_session_dataset(dataset_from_import(
        data.reference, venues, data.registry.calls, None, name))


def _synthetic_interactions(data, states, to_dict, n: int = SYNTHETIC_VENUES):
    """The map's filter change on a registry of ``n`` synthetic venues (a session)."""
    from callbacks.map import update_map
    from dashboard.dataset import session_dataset

    key = synthetic_session(data, n)
    big = session_dataset(key)

    def state(i):
        return replace(states[i % len(states)], departements=())

    def filter_change(i):
        s = state(i)
        return update_map({**to_dict(s), "dataset": key},
                          {"level": s.level, "color_by": s.color_by, "lang": s.lang,
                           "indicator": s.indicator, "departements": []})

    spread_key = synthetic_session(data, n, spread=True)
    spread = session_dataset(spread_key)
    ratios = ("venues_per_10k", "pop_per_venue", "venues_per_100km2")

    def ratio_state(i):  # a ratio per commune: as many values as communes
        return replace(state(i), level="commune", indicator=ratios[i % len(ratios)])

    def ratio_figure(i):
        return update_map({**to_dict(ratio_state(i)), "dataset": spread_key}, None)

    return [(f"map: filter change with {len(big.registry.venues):,} venues", filter_change,
             lambda i: _naive_map(big, state(i)), big.cache.clear),
            (f"map: whole commune figure, a ratio, {len(spread.registry.venues):,} venues "
             "over every commune", ratio_figure, lambda i: _naive_map(spread, ratio_state(i)),
             spread.cache.clear)]


def _coverage_interactions(data, states, to_dict):
    """The coverage panel's two callbacks (map; bars, numbers and tables). Each change fires
    both: the tables are timed after the map's call on the same state (its distances and
    suggestions cached, as when both requests reach one worker in turn), and once cold (two
    workers, or both at once). A radius change finds the distances of its filters cached."""
    from callbacks.coverage import update_coverage_map, update_coverage_tables

    def cov(i, radius=15):
        return replace(states[i % len(states)], tab="couverture", radius_km=radius)

    def meta(state):
        return {"mode": "couverture", "lang": state.lang,
                "departements": list(state.departements)}

    radii = [5, 15, 30, 50]
    shown = update_coverage_map(to_dict(cov(0)), "couverture", None)[1]  # the browser holds

    def radius_state(i):
        return cov(0, radii[i % 4])

    def prepared(state_of, warm):
        """A ``before`` for the i-th run (runs are numbered in the order ``_measure`` makes
        them): clear the cache, then compute what ``warm(state)`` computes."""
        runs = iter(range(10**6))

        def before():
            data.cache.clear()
            warm(state_of(next(runs)))
        return before

    def after_map(state):
        update_coverage_map(to_dict(state), "couverture", meta(state))

    def distances(state):
        data.distances(state)

    return [
        ("coverage: map, filter change (Patch)",
         lambda i: update_coverage_map(to_dict(cov(i)), "couverture", meta(cov(i))),
         lambda i: _naive_coverage(data, cov(i))),
        ("coverage: tables, filter change",
         lambda i: update_coverage_tables(to_dict(cov(i))), None,
         prepared(cov, after_map)),
        ("coverage: tables, filter change, cold",
         lambda i: update_coverage_tables(to_dict(cov(i))), None),
        ("coverage: map, radius change",
         lambda i: update_coverage_map(to_dict(radius_state(i)), "couverture", shown),
         lambda i: _naive_coverage(data, radius_state(i)), prepared(radius_state, distances)),
        ("coverage: tables, radius change",
         lambda i: update_coverage_tables(to_dict(radius_state(i))), None,
         prepared(radius_state, after_map)),
        ("coverage: map, tab shown (whole figure)",
         lambda i: update_coverage_map(to_dict(cov(i)), "couverture", None),
         lambda i: _naive_coverage(data, cov(i))),
    ]


def _other_interactions(states, to_dict):
    from callbacks.funding import update_funding
    from callbacks.hybridation import update_hybridation
    from callbacks.kpis import update_kpis
    from callbacks.venues import update_venue_rows

    def tab(i, name):
        return to_dict(replace(states[i % len(states)], tab=name))

    shown = [
        ("key figures: filter change", lambda i: update_kpis(to_dict(states[i % len(states)]))),
        ("hybridation: tab shown", lambda i: update_hybridation(tab(i, "hybridation"))),
        ("funding: tab shown", lambda i: update_funding(tab(i, "financements"), "departement")),
        ("venues: tab shown", lambda i: update_venue_rows(_FIRST_PAGE, tab(i, "lieux"), "")),
    ]
    hidden = [
        ("hybridation (hidden tab)", lambda i: update_hybridation(to_dict(states[i % 6]))),
        ("funding (hidden tab)", lambda i: update_funding(to_dict(states[i % 6]), "departement")),
        ("venues (hidden tab)",
         lambda i: update_venue_rows(_FIRST_PAGE, to_dict(states[i % 6]), "")),
    ]
    return shown, hidden


# what the venue grid asks for when its tab is shown: the first page, no sort, no filter
_FIRST_PAGE = {"startRow": 0, "endRow": 50, "sortModel": [], "filterModel": {}}


def _synthetic_tabs(data, states, to_dict, n: int = SYNTHETIC_VENUES):
    """(name, call, cache to clear) of the venues and hybridation tabs shown on a registry
    of ``n`` synthetic venues (its grants are none: the funding tab would only say so)."""
    from callbacks.hybridation import update_hybridation
    from callbacks.venues import update_venue_rows
    from dashboard.dataset import session_dataset

    key = synthetic_session(data, n)  # the same rows as the map's: the same built dataset
    big = session_dataset(key)

    def tab(i, name):
        return {**to_dict(replace(states[i % len(states)], tab=name, departements=())),
                "dataset": key}

    label = f"{len(big.registry.venues):,} venues"
    return [(f"venues: tab shown, {label}",
             lambda i: update_venue_rows(_FIRST_PAGE, tab(i, "lieux"), ""), big.cache.clear),
            (f"hybridation: tab shown, {label}",
             lambda i: update_hybridation(tab(i, "hybridation")), big.cache.clear)]


def _computations(data, repeat: int) -> list[dict]:
    """Coverage and suggestions alone (no figure), at 15 and 50 km."""
    from dashboard import coverage as cov
    from dashboard.filters import ViewState

    venues = data.registry.venues
    dist = cov.commune_distances(data.communes, venues)
    cands = cov.default_candidates(dist, venues)
    out = []
    for name, call in (
        ("nearest-venue distances, all communes",
         lambda i: cov.commune_distances(data.communes, venues)),
        ("coverage summary (R = 15 km)", lambda i: cov.coverage_summary(dist, 15)),
        (f"10 suggestions, R = 15 km ({len(cands)} candidates)",
         lambda i: cov.suggest_sites(dist, data.communes, 15, 10, cands)),
        ("10 suggestions, R = 50 km", lambda i: cov.suggest_sites(dist, data.communes, 50, 10,
                                                                  cands)),
        ("whole coverage report (R = 15 km, k = 10)", lambda i: data.coverage_report(
            ViewState(tab="couverture", usages=("fablab",) if i % 2 else ()))),
    ):
        t = _measure(name, lambda i, c=call: (c(i), None)[1], repeat, data.cache.clear)
        out.append({"name": name, **{k: v for k, v in t.as_dict().items() if "bytes" not in k}})
    return out


def _callbacks(data, repeat: int, synthetic: int) -> tuple[list[dict], list[dict]]:
    from dashboard.filters import state_to_dict

    states = _states(data)
    clear = data.cache.clear
    rows, hidden_rows = [], []
    for name, call, naive, *cache in (_map_interactions(data, states, state_to_dict)
                                      + _synthetic_interactions(data, states, state_to_dict,
                                                                synthetic)
                                      + _coverage_interactions(data, states, state_to_dict)):
        clear_this = cache[0] if cache else clear
        t = _measure(name, call, repeat, clear_this)
        b = _measure(name, naive, repeat, clear_this) if naive else None
        rows.append({"name": name, **t.as_dict(),
                     "baseline_median_ms": b.as_dict()["median_ms"] if b else None,
                     "baseline_bytes": b.raw if b else None,
                     "baseline_gzip_bytes": b.gz if b else None})
    shown, hidden = _other_interactions(states, state_to_dict)
    for name, call, *cache in shown + _synthetic_tabs(data, states, state_to_dict, synthetic):
        rows.append({"name": name, **_measure(name, call, repeat,
                                              cache[0] if cache else clear).as_dict(),
                     "baseline_median_ms": None, "baseline_bytes": None,
                     "baseline_gzip_bytes": None})
    for name, call in hidden:
        hidden_rows.append({"name": name, **_measure(name, call, repeat, clear).as_dict()})
    return rows, hidden_rows


# --------------------------------------------------------------------------- whole process

_COLD = """
import time, sys
start = float(sys.argv[1])
import app
client = app.server.test_client()
assert client.get("/").status_code == 200
from callbacks.map import update_map
from dashboard.filters import ViewState, state_to_dict
update_map(state_to_dict(ViewState()), None)
print(time.time() - start)
"""


def cold_start_s() -> float:
    """Seconds from a fresh interpreter to the first page and first map figure."""
    from dashboard import config

    done = subprocess.run([sys.executable, "-c", _COLD, repr(time.time())],
                          cwd=config.PROJECT_DIR, capture_output=True, text=True,
                          env=os.environ.copy(), check=True)
    return round(float(done.stdout.strip().splitlines()[-1]), 2)


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _geojson_bytes(data) -> dict:
    import app as app_module

    client = app_module.server.test_client()
    out = {}
    for level in ("commune", "epci", "departement"):
        url = f"/geo/{data.reference.region}/{level}.geojson"
        start = time.perf_counter()
        raw = client.get(url)
        first = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        gz = client.get(url, headers={"Accept-Encoding": "gzip"})
        again = (time.perf_counter() - start) * 1000
        out[level] = {"bytes": len(raw.data), "gzip_bytes": len(gz.data),
                      "first_request_ms": round(first, 1),
                      "gzip_request_ms": round(again, 1)}
    return out


def run_bench(scale: str = "region", repeat: int = 5, browser: bool = False,
              cold: bool = True, synthetic: int = SYNTHETIC_VENUES) -> dict:
    """Measure every interaction; a JSON-able dict (see the module docstring). ``synthetic``:
    venues of the large synthetic registry (the test suite uses a small one: its naive
    baseline is a whole figure of every marker)."""
    if scale not in SCALES:
        raise ValueError(f"scale {scale!r}: {SCALES}")
    prepare_scale(scale)
    import app as app_module  # noqa: F401  (registers callbacks, templates)
    from dashboard.dataset import get_dataset
    from dashboard.filters import ViewState, state_to_dict

    data = get_dataset(state_to_dict(ViewState()))  # the very dataset the callbacks use
    rows, hidden = _callbacks(data, repeat, synthetic)
    result = {
        "scale": scale, "repeat": repeat, "cores": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "communes": len(data.communes), "venues": len(data.registry.venues),
        "callbacks": rows, "hidden_tab_callbacks": hidden,
        "computations": _computations(data, repeat),
        "geojson": _geojson_bytes(data),
        "cold_start_s": cold_start_s() if cold else None,
    }
    if browser:
        from dashboard.bench_browser import browser_timings

        result["browser"] = browser_timings(repeat)
    result["peak_rss_mb"] = _peak_rss_mb()
    return result


# --------------------------------------------------------------------------- table

def _ratio(a, b) -> str:
    return f"{b / a:6.1f}×" if a and b else "      "


def format_table(result: dict) -> str:
    lines = [f"tierslieux bench — {result['scale']}: {result['communes']:,} communes, "
             f"{result['venues']:,} venues; {result['date']}; {result['cores']} cores, load "
             f"{result['load_average']}; medians of {result['repeat']} (min–max)", "",
             f"{'callback':<42} {'ms':>8} {'min–max':>13} {'bytes':>10} {'gzip':>8} "
             f"{'naive ms':>9} {'naive bytes':>12} {'time':>7} {'bytes':>7}"]
    for r in result["callbacks"]:
        lines.append(
            f"{r['name']:<42} {r['median_ms']:8.1f} {r['min_ms']:6.1f}–{r['max_ms']:<6.1f} "
            f"{r['bytes']:>10,} {r['gzip_bytes']:>8,} "
            f"{r['baseline_median_ms'] or 0:9.1f} {r['baseline_bytes'] or 0:>12,} "
            f"{_ratio(r['median_ms'], r['baseline_median_ms'])} "
            f"{_ratio(r['bytes'], r['baseline_bytes'])}")
    lines += ["", "hidden tabs on a filter change (the browser no longer calls them: their "
              "panel store is written only while the tab is shown, callbacks/tabs.py):"]
    lines += [f"  {r['name']:<40} {r['median_ms']:8.1f} ms" for r in result["hidden_tab_callbacks"]]
    lines += ["", "computations:"]
    lines += [f"  {r['name']:<50} {r['median_ms']:8.1f} ms  ({r['min_ms']:.1f}–{r['max_ms']:.1f})"
              for r in result["computations"]]
    lines += ["", "GeoJSON (first request builds it; gzip request):"]
    lines += [f"  {k:<12} {v['bytes']:>12,} B  {v['gzip_bytes']:>10,} B gzip  "
              f"{v['first_request_ms']:8.1f} ms / {v['gzip_request_ms']:6.1f} ms"
              for k, v in result["geojson"].items()]
    if result.get("browser"):
        lines += ["", "browser (headless Chromium, software WebGL):"]
        lines += [f"  {k:<44} {v}" for k, v in result["browser"].items()]
    lines += ["", f"cold start to first page and map: {result['cold_start_s']} s; "
              f"peak RSS of the bench: {result['peak_rss_mb']} MB"]
    return "\n".join(lines)
