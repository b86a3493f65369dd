"""Benchmark of the dashboard's server side on the Occitanie data (demo registry).

    make bench            # or: .venv/bin/python scripts/bench.py [--repeat 15]

Prints medians over repeated runs, and ratios against a baseline measured in the same run
(the machine is shared and noisy: compare ratios, not absolute times). Byte counts are the
response bodies as the server sends them (gzip where the browser asks for it).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from contextvars import copy_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dash._callback_context import context_value  # noqa: E402
from dash._utils import AttributeDict  # noqa: E402
from plotly.io.json import to_json_plotly  # noqa: E402

import app as app_module  # noqa: E402
from callbacks.kpis import update_kpis  # noqa: E402
from callbacks.map import update_map  # noqa: E402
from callbacks.state import update_view_state  # noqa: E402
from dashboard.dataset import get_published_dataset  # noqa: E402
from dashboard.filters import ViewState, state_to_dict  # noqa: E402
from layouts import ids  # noqa: E402

STATES = [
    ViewState(usages=("fablab",)),
    ViewState(departements=("31",)),
    ViewState(labels=("labellise",)),
    ViewState(usages=("coworking", "culture"), usage_mode="all"),
    ViewState(departements=("34", "30"), usages=("mediation_numerique",)),
    ViewState(call="label_2018"),
]


def median_ms(func, repeat: int) -> float:
    times = []
    for i in range(repeat):
        start = time.perf_counter()
        func(i)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def clear_caches():
    get_published_dataset().cache.clear()


def in_context(func, *args, trigger):
    def run():
        context_value.set(AttributeDict(
            triggered_inputs=[{"prop_id": f"{trigger}.value", "value": None}],
            outputs_list=[]))
        return func(*args)
    return copy_context().run(run)


def size(obj) -> int:
    return len(to_json_plotly(obj).encode("utf-8"))


def gz_size(obj) -> int:
    return len(gzip.compress(to_json_plotly(obj).encode("utf-8")))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    n = args.repeat
    data = get_published_dataset()
    print(f"Dataset: {len(data.registry.venues)} venues, {len(data.communes)} communes; "
          f"median of {n} runs\n")

    # ---------------------------------------------------------------- server time
    rows = []
    controls = dict(zip(ids.CONTROLS, [["31"], ["fablab"], "any", [], None, [2016, 2021],
                                       "commune", "venues", "label", "carte", 15, 10]))
    current = state_to_dict(ViewState())
    rows.append(("update_view_state (URL/controls → store)", median_ms(
        lambda i: in_context(update_view_state, "", controls, None, None, None, None,
                             current, trigger=ids.FILTER_DEPARTEMENT), n)))

    def kpis_cold(i):
        clear_caches()
        update_kpis(state_to_dict(STATES[i % len(STATES)]))
    rows.append(("update_kpis, new filters (cache cold)", median_ms(kpis_cold, n)))
    rows.append(("update_kpis, same filters (cache warm)", median_ms(
        lambda i: update_kpis(state_to_dict(STATES[0])), n)))

    _, meta, _ = update_map(state_to_dict(ViewState()), None)

    def map_full(i):
        clear_caches()
        update_map(state_to_dict(STATES[i % len(STATES)]), None)

    def map_patch(i):
        clear_caches()
        update_map(state_to_dict(STATES[i % len(STATES)]), meta)

    full_ms, patch_ms = median_ms(map_full, n), median_ms(map_patch, n)
    rows.append(("update_map, whole figure (baseline)", full_ms))
    rows.append(("update_map, Patch after a filter change (cache cold)", patch_ms))
    rows.append(("update_map, Patch, same filters (cache warm)", median_ms(
        lambda i: update_map(state_to_dict(STATES[0]), meta), n)))

    def distances(i):
        clear_caches()
        data.level_values(STATES[i % len(STATES)], "commune")
    rows.append(("commune aggregates incl. geodesic nearest-venue distance", median_ms(
        distances, n)))
    from dashboard import coverage as cov

    venues_all = data.registry.venues

    def coverage_after_filter(i):
        clear_caches()
        reach = data.reach_venues(STATES[i % len(STATES)])
        dist = cov.commune_distances(data.communes, reach)
        cov.coverage_summary(dist, 15)
    rows.append(("coverage of 4,446 communes after a filter change (R = 15 km)",
                 median_ms(coverage_after_filter, n)))
    dist_all = cov.commune_distances(data.communes, venues_all)
    cands = cov.default_candidates(dist_all, venues_all)
    rows.append((f"10 suggestions, greedy ({len(cands)} candidates, R = 15 km)", median_ms(
        lambda i: cov.suggest_sites(dist_all, data.communes, 15, 10, cands), n)))
    rows.append(("10 suggestions, R = 50 km", median_ms(
        lambda i: cov.suggest_sites(dist_all, data.communes, 50, 10, cands), n)))

    def coverage_panel(i):
        clear_caches()
        data.coverage_report(ViewState(tab="couverture", radius_km=10 + i % 20, k=10))
    rows.append(("whole coverage panel (distances, rates, zones, 10 suggestions)",
                 median_ms(coverage_panel, n)))
    from dashboard.sessions import SessionEntry, frame_from_bytes, frame_to_bytes

    tables = {"venues": data.registry.venues, "funding": data.registry.funding}
    rows.append(("session entry → Parquet (400 venues + grants, what Redis stores)", median_ms(
        lambda i: SessionEntry.create("x.csv", "dataset", tables), n)))
    blob = frame_to_bytes(data.registry.venues)
    rows.append((f"Parquet → venues table ({len(blob):,} bytes)", median_ms(
        lambda i: frame_from_bytes(blob), n)))
    width = max(len(r[0]) for r in rows)
    print("Server time per callback (ms, median)")
    for name, ms in rows:
        print(f"  {name:<{width}}  {ms:8.1f}")
    print(f"  ratio Patch / whole figure: {patch_ms / full_ms:.2f}")
    stats = data.cache.stats()
    print(f"  view cache: {stats['items']} items, {stats['bytes']:,} bytes, "
          f"{stats['hits']} hits, {stats['misses']} misses\n")

    # ---------------------------------------------------------------- bytes
    client = app_module.server.test_client()
    gz = {"Accept-Encoding": "gzip"}
    index = client.get("/", headers=gz)
    html = gzip.decompress(index.data).decode() if index.content_encoding == "gzip" else \
        index.data.decode()
    assets = re.findall(r'(?:src|href)="(/[^"]+)"', html)
    static = 0
    for url in assets:
        static += len(client.get(url, headers=gz).data)
    lazy = ["/_dash-component-suites/dash/dcc/async-dropdown.js",
            "/_dash-component-suites/dash/dcc/async-slider.js",
            "/_dash-component-suites/dash/dcc/async-graph.js",
            "/_dash-component-suites/plotly/package_data/plotly.min.js"]
    lazy_bytes = sum(len(client.get(u + "?", headers=gz).data) for u in lazy)
    layout = len(client.get("/_dash-layout", headers=gz).data)
    deps = len(client.get("/_dash-dependencies", headers=gz).data)
    geo = {lv: (len(client.get(f"/geo/76/{lv}.geojson").data),
                len(client.get(f"/geo/76/{lv}.geojson", headers=gz).data))
           for lv in ("commune", "epci", "departement")}
    fig, meta, _ = update_map(state_to_dict(ViewState()), None)
    first_callbacks = size(fig) + size(update_kpis(state_to_dict(ViewState())))
    print("Bytes on first load (gzip where the browser accepts it)")
    print(f"  index + scripts + CSS         {len(index.data) + static:>10,}")
    print(f"  lazy bundles (plotly.js, dcc) {lazy_bytes:>10,}")
    print(f"  layout + dependencies         {layout + deps:>10,}")
    print(f"  commune GeoJSON               {geo['commune'][1]:>10,}  "
          f"(uncompressed {geo['commune'][0]:,}; cached by the browser)")
    print(f"  first map figure + key figures{first_callbacks:>10,}  (JSON, uncompressed)")
    print("Bytes per filter change (JSON, uncompressed / gzip as sent)")
    for state in STATES[:4]:
        clear_caches()
        patch, _, _ = update_map(state_to_dict(state), meta)
        whole, _, _ = update_map(state_to_dict(state), None)
        label = json.dumps(state.usages or state.departements or state.labels)
        p = patch.to_plotly_json()
        print(f"  {label:<26} Patch {size(p):>8,} / {gz_size(p):>7,}"
              f"   whole figure {size(whole):>8,} / {gz_size(whole):>7,}")
    print("  GeoJSON per level, gzip: " + ", ".join(f"{k} {v[1]:,}" for k, v in geo.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
