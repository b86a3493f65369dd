"""The benchmark's browser part (``tierslieux bench --browser``): headless Chromium (Debian's,
with the flags of tests/conftest.py: software WebGL) against the app served in a thread.

- navigation → first map: from the navigation start to the map figure drawn with its venues'
  markers (drawn by assets/venue_points.js) and MapLibre loaded;
- filter change → map redrawn (issue 12's own measure): a usage or label filter changed
  through Dash's ``set_props`` (as the dropdown does; the camera does not move), to plotly's
  ``plotly_afterplot`` and to the map's ``idle`` event, with the number of ``Plotly.react``
  calls it caused;
- department change → map redrawn: the same for a department, which also moves the camera
  (the server's view, then assets/map_frame.js's framing to the map's real size).

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

# counts the Plotly.react calls on the map (installed once per page; image_name.js may wrap
# Plotly.react too: this wraps whatever is there when it runs)
_COUNT_REACTS = """
const P = window.Plotly;
if (!P.react.tlCounted) {
  const react = P.react;
  const counted = function (gd) {
    const div = typeof gd === 'string' ? document.getElementById(gd) : gd;
    if (div && div.closest && div.closest('#map-graph')) { window.tlMapReacts += 1; }
    return react.apply(this, arguments);
  };
  counted.tlCounted = true;
  window.tlMapReacts = 0;
  P.react = counted;
}
"""

# arguments: component id, value; answers [to afterplot, to idle, Plotly.react calls] in ms
_CHANGE = """
const [id, value, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const gd = document.querySelector('#map-graph .js-plotly-plot');
const t0 = performance.now(), reacts0 = window.tlMapReacts;
let after = null;
const timer = setTimeout(() => done(after === null ? null : [after, null, null]), 30000);
gd.once('plotly_afterplot', () => {
  after = performance.now() - t0;
  const map = gd._fullLayout.map._subplot.map;
  const finish = () => {
    clearTimeout(timer);
    const idle = performance.now() - t0;
    // what follows the redraw (map_frame.js's framing every 300 ms) is counted too
    setTimeout(() => done([after, idle, window.tlMapReacts - reacts0]), 700);
  };
  if (!map.isMoving() && map.loaded() && map.areTilesLoaded() && !map._frameRequest) {
    map.once('idle', finish); map.triggerRepaint();
  } else { map.once('idle', finish); }
});
window.dash_clientside.set_props(id, {value: value});
"""

# (component id, values in turn): the first value is the warm-up
CHANGES = {
    "filter_change": ("filter-usage", [["fablab"], ["coworking"], ["fablab", "culture"], [],
                                        ["coworking", "formation"], []]),
    "label_change": ("filter-label", [["labellise"], ["candidat", "labellise"], []]),
    "department_change": ("filter-departement", [["31"], ["34", "30"], ["12"], []]),
}


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


def _changes(driver, component: str, values: list, repeat: int) -> dict:
    """``repeat`` changes of ``component`` (after one warm-up): medians of the times to
    ``plotly_afterplot`` and to the map's idle, and of the ``Plotly.react`` calls."""
    after, idle, reacts = [], [], []
    for i in range(repeat + 1):
        got = driver.execute_async_script(_CHANGE, component, values[i % len(values)])
        if got is not None and i:  # the first change is the warm-up
            after.append(got[0])
            if got[1] is not None:
                idle.append(got[1])
                reacts.append(got[2])
    if values[repeat % len(values)]:  # back to no filter for what follows (not measured)
        driver.execute_async_script(_CHANGE, component, [])
    out = {}
    if after:
        out["to_afterplot"] = _summary(after)
    if idle:
        out["to_map_idle"] = _summary(idle)
        out["plotly_react_calls"] = {"median": statistics.median(reacts), "min": min(reacts),
                                     "max": max(reacts)}
    return out


def browser_timings(repeat: int = 3, port: int | None = None,
                    changes: tuple[str, ...] = ("filter_change", "department_change")) -> dict:
    """Medians (ms) of navigation → first map and, for each of ``changes`` (keys of
    ``CHANGES``), a change → map redrawn."""
    port = port or int(os.environ.get("TIERSLIEUX_BENCH_PORT", "8102"))
    server = _serve(port)
    driver = _driver()
    driver.set_script_timeout(40)
    try:
        url = f"http://127.0.0.1:{port}/"
        first = [_first_map_ms(driver, url) for _ in range(max(1, repeat))]
        driver.execute_script(_COUNT_REACTS)
        out = {"navigation_to_first_map": _summary(first)}
        for name in changes:
            component, values = CHANGES[name]
            for key, summary in _changes(driver, component, values, max(1, repeat)).items():
                out[f"{name}_{key}"] = summary
        return out
    finally:
        driver.quit()
        server.shutdown()
