/* Maps frame the selected territory to their real size (issue 13, item 5).
 *
 * The server computes a centre and zoom for a nominal size (dashboard/figures/map.py
 * fit_view) and puts the framed bounds in layout.meta.frame. Here, whenever the frame or the
 * map's size changes (window resize, tab shown, zoom of the page), the zoom is recomputed for
 * the map's real width and height: the same Web-Mercator formula as fit_view. The map is
 * refitted when the frame changes, when the server redraws it at its nominal zoom
 * (layout.meta.zoom), or when its size changes while nobody has zoomed; a user's zoom and a
 * venue's close-up (zoom 11) are left alone.
 * Also: a click removes the hover label (it used to stay on screen after a click).
 */
(function () {
  "use strict";
  var TILE = 512;
  var CLOSE_UP = 11;  // the zoom callbacks/venues.py centres a chosen venue at

  function merc(lat) { return Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360)); }

  function frameView(bounds, width, height) {
    var minx = bounds[0], miny = bounds[1], maxx = bounds[2], maxy = bounds[3];
    var lonSpan = Math.max(maxx - minx, 1e-3);
    var ySpan = Math.max(merc(maxy) - merc(miny), 1e-5);
    var zx = Math.log2(width * 360 / (TILE * lonSpan));
    var zy = Math.log2(height * 2 * Math.PI / (TILE * ySpan));
    var cy = (merc(miny) + merc(maxy)) / 2;
    var lat = (2 * Math.atan(Math.exp(cy)) - Math.PI / 2) * 180 / Math.PI;
    return {center: {lon: (minx + maxx) / 2, lat: lat}, zoom: Math.min(zx, zy) - 0.15};
  }

  function fit(gd) {
    var meta = gd.layout && gd.layout.meta;
    var full = gd._fullLayout;
    if (!meta || !meta.frame || !full || !full.map || !window.Plotly) { return; }
    var w = Math.round(full._size.w * (full.map.domain.x[1] - full.map.domain.x[0]));
    var h = Math.round(full._size.h * (full.map.domain.y[1] - full.map.domain.y[0]));
    if (w < 50 || h < 50) { return; }  // hidden tab: wait until shown
    var frame = JSON.stringify(meta.frame), size = w + "x" + h, zoom = full.map.zoom;
    var fresh = Math.abs(zoom - meta.zoom) < 1e-6;  // as the server drew it
    var untouched = gd._tlZoom !== undefined && Math.abs(zoom - gd._tlZoom) < 1e-6;
    if (!fresh && Math.abs(zoom - CLOSE_UP) < 1e-6) {  // a venue's close-up: keep it
      gd._tlFrame = frame; gd._tlSize = size;
      return;
    }
    var refit = frame !== gd._tlFrame || fresh || (size !== gd._tlSize && untouched);
    if (!refit) { return; }
    var v = frameView(meta.frame, w, h);
    gd._tlFrame = frame; gd._tlSize = size; gd._tlZoom = Math.round(v.zoom * 100) / 100;
    if (Math.abs(gd._tlZoom - meta.zoom) < 1e-6) { gd._tlZoom += 0.001; }  // never "fresh"
    window.Plotly.relayout(gd, {"map.center": v.center, "map.zoom": gd._tlZoom});
  }

  function unhoverOnClick(gd) {
    if (gd._tlUnhover || !gd.on) { return; }
    gd._tlUnhover = true;
    gd.on("plotly_click", function () {
      window.setTimeout(function () { window.Plotly.Fx.unhover(gd); }, 0);
    });
  }

  function tick() {
    document.querySelectorAll(".map-graph .js-plotly-plot").forEach(function (gd) {
      unhoverOnClick(gd);
      fit(gd);
    });
  }

  window.tierslieuxFrameView = frameView;  // for the browser tests
  window.setInterval(tick, 300);
})();
