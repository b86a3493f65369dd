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

  /* A report's page whose content is taller than its box (a long territory name, many
     usages): lower the page body's font size (every text size there is in em) until it fits,
     down to 6.5 pt, so that each section stays on its own A4 page. Returns the pages fitted. */
  var FIT_MAX_PT = 10, FIT_MIN_PT = 6.5, FIT_STEP_PT = 0.25;

  function overflows(body) { return body.scrollHeight > body.clientHeight + 1; }

  function fitPages() {
    var fitted = [];
    document.querySelectorAll(".tl-print .page-body").forEach(function (body) {
      var size = FIT_MAX_PT;
      body.style.fontSize = size + "pt";
      while (overflows(body) && size > FIT_MIN_PT) {
        size -= FIT_STEP_PT;
        body.style.fontSize = size + "pt";
      }
      if (size < FIT_MAX_PT) {
        body.dataset.fitPt = String(size);
        fitted.push(body.parentNode.dataset.section);
      }
    });
    return fitted;
  }

  window.tlDocuments = {draw: draw, fitPages: fitPages};
  window.addEventListener("beforeprint", function () {
    if (document.body.classList.contains("tl-print")) { fitPages(); }
  });

  function start() {
    if (!document.body.classList.contains("tl-doc")) { return; }
    window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};
    window.PlotlyGeoAssets.topojson = window.PlotlyGeoAssets.topojson || {};
    window.PlotlyGeoAssets.topojson.world_110m = EMPTY_TOPOJSON;
    if (document.body.classList.contains("tl-slides")) { return; }  /* drawn when shown */
    var charts = Array.prototype.slice.call(document.querySelectorAll(".tl-chart"));
    Promise.all(charts.map(draw)).then(function () {
      fitPages();
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
