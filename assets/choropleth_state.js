/* A choropleth recoloured without handing its polygons to MapLibre again (issue 12).
 *
 * On every change plotly.js's choroplethmap trace recomputes each territory's colour (the
 * feature property "fc") and calls setData with the whole GeoJSON of its territories: MapLibre
 * serialises the 4,446 commune polygons to its worker, which indexes them again (geojson-vt)
 * and rebuilds every tile's fill and outline buckets — most of a filter change's redraw,
 * while the polygons are the same ones and only the colours changed.
 *
 * Here the trace's update gives MapLibre the colours as feature state when its territories are
 * the same features as last time (same geometry objects, in the same order): the fill colour
 * reads the state first, then the property (an expression equivalent to plotly's identity
 * function on "fc"), and the GeoJSON is not sent again. When the territories change (a
 * department chosen, another level) the trace updates as plotly.js does, the source numbering
 * its features (generateId: feature i has id i) and the old states cleared. Hover, colour bar
 * and plotly's own data are untouched (plotly.js computes them before). The trace's prototype
 * is private to plotly.js: it is patched only when it has the expected shape, else left alone.
 */
(function () {
  "use strict";
  var STATE_COLOR = ["coalesce", ["feature-state", "fc"], ["get", "fc"]];

  function isIdentityFc(color) {
    return color && color.type === "identity" && color.property === "fc";
  }

  function sameFeatures(before, features) {
    if (!before || before.length !== features.length) { return false; }
    for (var i = 0; i < features.length; i++) {
      if (before[i] !== features[i].geometry) { return false; }
    }
    return true;
  }

  function withoutSetData(src, fn) {  // the trace's update, its setData left out
    var own = Object.prototype.hasOwnProperty.call(src, "setData"), setData = src.setData;
    src.setData = function () { return Promise.resolve(src); };
    try {
      return fn();
    } finally {
      if (own) { src.setData = setData; } else { delete src.setData; }
    }
  }

  function patchedUpdate(update) {
    return function (opts) {
      var self = this, args = arguments;
      var map = this.subplot && this.subplot.map;
      var src = map && map.getSource && map.getSource(this.sourceId);
      var features = opts && opts.geojson && opts.geojson.features;
      var vt = src && src.workerOptions && src.workerOptions.geojsonVtOptions;
      var fill = opts && opts.fill && opts.fill.paint;
      if (!features || !vt || !fill || !(isIdentityFc(fill["fill-color"]) ||
          fill["fill-color"] === STATE_COLOR)) {
        return update.apply(this, args);
      }
      fill["fill-color"] = STATE_COLOR;
      var original = function () { return update.apply(self, args); };
      var colours = features.map(function (f) { return f.properties.fc; });
      var same = sameFeatures(this.tlGeometries, features), shown = this.tlColours;
      if (same && colours.every(function (c, i) { return c === shown[i]; })) {
        return withoutSetData(src, original);  // a camera move: nothing new to draw
      }
      // new territories, or MapLibre still loading the last ones (its tiles' buckets are
      // not yet those of the colour expression): the polygons and colours as data
      if (!same || !map.isSourceLoaded(this.sourceId)) {
        vt.generateId = true;
        map.removeFeatureState({source: this.sourceId});
        this.tlGeometries = features.map(function (f) { return f.geometry; });
        this.tlColours = colours;
        this.tlDataSent = (this.tlDataSent || 0) + 1;
        this.below = undefined;  // its layers made again: no tile keeps a bucket of the old ones
        return original();
      }
      for (var i = 0; i < colours.length; i++) {  // same polygons: new colours as state
        if (colours[i] !== shown[i]) {
          map.setFeatureState({source: this.sourceId, id: i}, {fc: colours[i]});
        }
      }
      this.tlColours = colours;
      this.tlRecoloured = (this.tlRecoloured || 0) + 1;
      return withoutSetData(src, original);
    };
  }

  function patch(gd) {
    (gd && gd.calcdata || []).forEach(function (cd) {
      var glTrace = cd && cd[0] && cd[0].trace && cd[0].trace._glTrace;
      if (!glTrace || glTrace.type !== "choroplethmap") { return; }
      var proto = Object.getPrototypeOf(glTrace);
      if (proto.tlStatePatched || typeof proto._update !== "function") { return; }
      proto._update = patchedUpdate(proto._update);
      proto.tlStatePatched = true;
    });
  }

  function wrap() {
    var P = window.Plotly;
    if (!P || !P.react) { return false; }
    if (P.react.tlChoroplethState) { return true; }
    var react = P.react;
    var wrapped = function (gd) {
      patch(typeof gd === "string" ? document.getElementById(gd) : gd);
      return react.apply(this, arguments);
    };
    Object.keys(react).forEach(function (k) { wrapped[k] = react[k]; });  // others' flags
    wrapped.tlChoroplethState = true;
    P.react = wrapped;
    return true;
  }

  // plotly.js is loaded by dcc.Graph after the assets: wrap it as soon as it is there
  if (!wrap()) {
    var timer = window.setInterval(function () {
      if (wrap()) { window.clearInterval(timer); }
    }, 20);
  }
})();
