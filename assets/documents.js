/* Slides, fact sheets and reports (pages whose <body> has the class tl-doc): draw each chart
   from its JSON block with plotly.js. Maps whose geojson is "embedded:<name>" take the
   polygons from the page's #tl-geo-<name> block; the base topojson of geo maps is an empty
   one, so that nothing is requested from any host. Does nothing in the dashboard. */
(function () {
  "use strict";
  var EMPTY_TOPOJSON = {type: "Topology", objects: {}, arcs: []};
  var geoCache = {};

  function embedded(name) {
    if (!(name in geoCache)) {
      var el = document.getElementById("tl-geo-" + name);
      geoCache[name] = el ? JSON.parse(el.textContent) : null;
    }
    return geoCache[name];
  }

  function resolveGeo(traces) {
    traces.forEach(function (trace) {
      if (typeof trace.geojson === "string" && trace.geojson.indexOf("embedded:") === 0) {
        trace.geojson = embedded(trace.geojson.slice(9));
      }
    });
  }

  function draw(el) {
    if (el.dataset.drawn) { return el.tlDrawn || Promise.resolve(el); }
    el.dataset.drawn = "1";
    var spec = JSON.parse(document.getElementById(el.dataset.spec).textContent);
    resolveGeo(spec.data);
    var print = document.body.classList.contains("tl-print");
    el.tlDrawn = Plotly.newPlot(el, spec.data, spec.layout, {
      displaylogo: false, responsive: !print, displayModeBar: false, scrollZoom: false,
      staticPlot: print
    });
    return el.tlDrawn;
  }

  window.tlDocuments = {draw: draw};

  function start() {
    if (!document.body.classList.contains("tl-doc")) { return; }
    window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};
    window.PlotlyGeoAssets.topojson = window.PlotlyGeoAssets.topojson || {};
    window.PlotlyGeoAssets.topojson.world_110m = EMPTY_TOPOJSON;
    if (document.body.classList.contains("tl-slides")) { return; }  /* drawn when shown */
    var charts = Array.prototype.slice.call(document.querySelectorAll(".tl-chart"));
    Promise.all(charts.map(draw)).then(function () {
      document.body.dataset.ready = String(charts.length);
    }, function (err) {
      document.body.dataset.ready = "error";
      document.body.dataset.error = String(err);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
