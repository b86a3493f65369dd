/* Chart downloads (issue 13, item 4): the « PNG » and « SVG » buttons under a chart
 * (layouts/panels.py, chart_downloads) draw its image with plotly's own export, under the
 * file name and at the size of the graph's config (callbacks/exports.py sets
 * toImageButtonOptions: the name from the filters and the date, 960×540 drawn twice as
 * large). The image holds what the figure shows: title, filters, source and date.
 *
 * A map's SVG: plotly.js would put the MapLibre (WebGL) map into an SVG as a picture, so the
 * map on screen is redrawn off screen as geo traces, which plotly.js draws as vector paths —
 * the same conversion as dashboard/static_map.py ``to_geo`` for slides and reports: every
 * choroplethmap becomes a choropleth, every scattermap a scattergeo (same data, colours and
 * caption), the grey base layer a grey choropleth of every territory of its GeoJSON, and the
 * frame the PNG's (the map's centre and zoom at the image's size). What is exported is what
 * the user sees: filters, indicator, coverage mode, suggested sites, visible venues.
 * One listener on the document: the buttons may be redrawn by Dash at any time. */
(function () {
  "use strict";

  function graphDiv(id) {
    var wrap = document.getElementById(id);
    return wrap ? wrap.querySelector(".js-plotly-plot") : null;
  }

  var EMPTY_TOPOJSON = {type: "Topology", objects: {}, arcs: []};
  var DROP = {choroplethmap: ["below", "subplot"], scattermap: ["below", "subplot", "cluster"]};
  var TYPE = {choroplethmap: "choropleth", scattermap: "scattergeo"};

  function isMap(gd) {
    return (gd.data || []).some(function (trace) { return trace.type in TYPE; });
  }

  function geoTrace(trace) {
    if (!(trace.type in TYPE)) {
      return trace;
    }
    var out = {};
    Object.keys(trace).forEach(function (key) {
      if (DROP[trace.type].indexOf(key) < 0) { out[key] = trace[key]; }
    });
    out.type = TYPE[trace.type];
    if (trace.type === "choroplethmap") { out.locationmode = "geojson-id"; }
    return out;
  }

  function fetchJson(url) {
    return fetch(url, {credentials: "same-origin"}).then(function (response) {
      if (!response.ok) { throw new Error(url + ": " + response.status); }
      return response.json();
    });
  }

  /* The grey of every territory (the map's « base » layer) as a choropleth under the values. */
  function baseLayer(gd) {
    var layers = ((gd.layout.map || {}).layers || []);
    return layers.filter(function (l) { return l.name === "base"; })[0];
  }

  function baseTrace(gd) {
    var base = baseLayer(gd);
    var chor = gd.data.filter(function (tr) { return tr.type === "choroplethmap"; })[0];
    if (!base || !chor || typeof base.source !== "string") {
      return Promise.resolve(null);
    }
    var key = (chor.featureidkey || "id").split(".");
    return fetchJson(base.source).then(function (geo) {
      var ids = geo.features.map(function (f) {
        return key.reduce(function (v, k) { return v == null ? v : v[k]; }, f);
      });
      return {type: "choropleth", locationmode: "geojson-id", geojson: geo,
              featureidkey: chor.featureidkey, locations: ids,
              z: ids.map(function () { return 0; }),
              colorscale: [[0, base.color], [1, base.color]], showscale: false,
              hoverinfo: "skip", showlegend: false, name: "base",
              marker: {line: {width: 0.3, color: (base.fill || {}).outlinecolor}}};
    });
  }

  /* The frame the PNG shows: the map's centre and zoom, at the image's size (MapLibre's
   * world is 512 px wide at zoom 0, in Web Mercator) — so the geo map fills the same area
   * as the picture, with nothing cut square at its edges. */
  function exportedRanges(gd, width, height) {
    var sub = gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
    var live = sub && sub.map && sub.map.getCenter ? sub.map : null;
    var full = (gd._fullLayout && gd._fullLayout.map) || {};
    var center = live ? live.getCenter() : {lng: (full.center || {}).lon, lat: (full.center || {}).lat};
    var zoom = live ? live.getZoom() : full.zoom;
    if (center.lng == null || center.lat == null || zoom == null) {
      return null;
    }
    var m = gd._fullLayout.margin || {l: 0, r: 0, t: 0, b: 0};
    var plotW = Math.max(width - m.l - m.r, 1), plotH = Math.max(height - m.t - m.b, 1);
    var world = 512 * Math.pow(2, zoom);
    var rad = Math.PI / 180;
    var yc = Math.log(Math.tan(Math.PI / 4 + center.lat * rad / 2));
    var dy = plotH * Math.PI / world;  /* half the height, in Mercator units (2π per world) */
    function lat(y) { return (2 * Math.atan(Math.exp(y)) - Math.PI / 2) / rad; }
    var dx = plotW * 180 / world;
    return {lonaxis: {range: [center.lng - dx, center.lng + dx]},
            lataxis: {range: [lat(yc - dy), lat(yc + dy)]}};
  }

  /* The map as a geo figure drawn off screen, exported as SVG, then removed. */
  function downloadMapSvg(gd, options) {
    window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};
    window.PlotlyGeoAssets.topojson = window.PlotlyGeoAssets.topojson || {};
    window.PlotlyGeoAssets.topojson.world_110m = EMPTY_TOPOJSON;
    var layout = {};
    Object.keys(gd.layout).forEach(function (key) {
      if (key !== "map") { layout[key] = gd.layout[key]; }
    });
    var ranges = exportedRanges(gd, options.width, options.height);
    layout.geo = Object.assign({visible: false, projection: {type: "mercator"},
                                bgcolor: "rgba(0,0,0,0)"},
                               ranges || {fitbounds: "locations"});
    layout.width = options.width;
    layout.height = options.height;
    layout.autosize = false;
    var traces = gd.data.map(geoTrace);
    var div = document.createElement("div");
    div.className = "tl-offscreen-map";
    div.style.cssText = "position:fixed;left:-20000px;top:0;width:" + options.width +
      "px;height:" + options.height + "px;";
    document.body.appendChild(div);
    function done() { window.Plotly.purge(div); div.remove(); }
    return baseTrace(gd).then(function (base) {
      var source = base && baseLayer(gd).source;
      traces.forEach(function (tr) {  // the values' polygons are the base's: parsed once
        if (source && tr.type === "choropleth" && tr.geojson === source) {
          tr.geojson = base.geojson;
        }
      });
      return window.Plotly.newPlot(div, base ? [base].concat(traces) : traces, layout,
                                   {staticPlot: true});
    }).then(function () {
      return window.Plotly.downloadImage(div, options);
    }).then(function (name) { done(); return name; },
            function (error) { done(); throw error; });
  }

  function download(button) {
    var gd = graphDiv(button.getAttribute("data-tl-graph"));
    if (!gd || !gd._context || !window.Plotly) {
      return null;
    }
    var options = Object.assign({}, gd._context.toImageButtonOptions || {});
    options.format = button.getAttribute("data-tl-download");
    button.setAttribute("aria-busy", "true");
    var image = options.format === "svg" && isMap(gd) ? downloadMapSvg(gd, options)
      : window.Plotly.downloadImage(gd, options);
    return image.then(function (name) {
      button.removeAttribute("aria-busy");
      return name;
    }, function (error) {
      button.removeAttribute("aria-busy");
      throw error;
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-tl-download]") : null;
    if (button) {
      event.preventDefault();
      download(button);
    }
  });
  window.tierslieuxDownloadChart = download;
})();
