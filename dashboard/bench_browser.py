"""The benchmark's browser part (``tierslieux bench --browser``): headless Chromium (Debian's,
with the flags of tests/conftest.py: software WebGL) against the app served in a thread.

- navigation → first map: from the navigation start to the map figure drawn with its venues'
  markers (drawn by assets/venue_points.js) and MapLibre loaded;
- filter change → map redrawn: a department chosen through Dash's ``set_props`` (as the
  dropdown does), to plotly's ``plotly_afterplot`` and to the map's ``idle`` event.

Imports the app and selenium: only the bench loads it.
"""

from __future__ import annotations

import logging
import os
import statistics
import threading
import time

__all__ = ["browser_timings"]

FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-unsafe-swiftshader", "--window-size=1366,768")

_READY = """
const gd = document.querySelector('#map-graph .js-plotly-plot');
const sub = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
if (!sub || !gd._fullData || gd._fullData.length < 2 || !sub.map.loaded()) return null;
// the venues' markers too: the browser draws them from the points it fetches, after the map
if (!gd._fullData.some(t => t.type === 'scattermap' && t.lat && t.lat.length)) return null;
return performance.now();
"""

_FILTER = """
const [dep, done] = [arguments[0], arguments[arguments.length - 1]];
const gd = document.querySelector('#map-graph .js-plotly-plot');
const t0 = performance.now();
let after = null;
const timer = setTimeout(() => done(after === null ? null : [after, null]), 30000);
gd.once('plotly_afterplot', () => {
  after = performance.now() - t0;
  const map = gd._fullLayout.map._subplot.map;
  const finish = () => { clearTimeout(timer); done([after, performance.now() - t0]); };
  if (!map.isMoving() && map.loaded() && map.areTilesLoaded() && !map._frameRequest) {
    map.once('idle', finish); map.triggerRepaint();
  } else { map.once('idle', finish); }
});
window.dash_clientside.set_props('filter-departement', {value: dep});
"""


def _driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options

    options = Options()
    for flag in FLAGS:
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(options=options)


def _serve(port: int):
    from werkzeug.serving import make_server

    import app as app_module

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = make_server("127.0.0.1", port, app_module.server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _first_map_ms(driver, url: str) -> float:
    driver.get(url)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        ready = driver.execute_script(_READY)
        if ready is not None:
            return float(ready)
        time.sleep(0.05)
    raise TimeoutError("the map was not drawn within 90 s")


def _summary(values: list[float]) -> dict:
    return {"median_ms": round(statistics.median(values), 1), "min_ms": round(min(values), 1),
            "max_ms": round(max(values), 1)}


def browser_timings(repeat: int = 3, port: int | None = None) -> dict:
    """Medians (ms) of navigation → first map and filter change → map redrawn."""
    port = port or int(os.environ.get("TIERSLIEUX_BENCH_PORT", "8102"))
    server = _serve(port)
    driver = _driver()
    driver.set_script_timeout(40)
    try:
        url = f"http://127.0.0.1:{port}/"
        first = [_first_map_ms(driver, url) for _ in range(max(1, repeat))]
        after, idle = [], []
        for i in range(max(1, repeat) + 1):
            dep = [["31"], ["34", "30"], ["12"], []][i % 4]
            got = driver.execute_async_script(_FILTER, dep)
            if got is not None and i:  # the first change is the warm-up
                after.append(got[0])
                if got[1] is not None:
                    idle.append(got[1])
        out = {"navigation_to_first_map": _summary(first)}
        if after:
            out["filter_change_to_afterplot"] = _summary(after)
        if idle:
            out["filter_change_to_map_idle"] = _summary(idle)
        return out
    finally:
        driver.quit()
        server.shutdown()
