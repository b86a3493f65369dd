/* The main map redrawn after a filter change without redoing what did not change (issue 12).
 *
 * In headless Chromium (software WebGL) a usage filter change took 1.1–1.4 s after the
 * server's answer: plotly.js handed MapLibre the 4,446 commune polygons again, removed and
 * added again the layers of every trace (so MapLibre rebuilt every tile of every source), and
 * MapLibre drew the whole map two or three times while the venues' sources reloaded, each
 * frame a few hundred ms of software rendering. Three parts, each only where plotly.js's
 * private objects have the shape they are written for (else plotly.js does as it always did):
 *
 * 1. Colours as feature state. When a choropleth's territories are the ones MapLibre already
 *    holds (same geometry objects, same order), its new colours go to MapLibre as feature
 *    state and the GeoJSON is not sent again; the fill colour reads the state, then the
 *    property. Other territories (a department, another level): the polygons are sent,
 *    numbered by position (feature i has id i + 1; plotly's own features are left as they are),
 *    and the old states cleared.
 * 2. Layers kept in place (see inPlace): when plotly.js would remove and add the layers only
 *    to put them back in the order they already are in.
 * 3. One frame per update (see holdFrames).
 *
 * Why a layer is never remade under live tiles: a tile built with the state-reading colour
 * updates its paint arrays from the style's layer of that id; a layer removed and added again
 * under the same id is, until MapLibre's next frame, a new object with default (constant)
 * paint, and a tile arriving then while feature state is set raised « this.expression.
 * evaluate is not a function » (Map error, map stuck: a first version of this file remade the
 * layers on new territories, and plotly.js remakes them on every update, see 2). So the fill
 * reads the state from the layer's creation (_addLayers), and when the layers must be remade
 * the source is remade with them: no tile and no state outlive them.
 *
 * Hover, click, colour bar and plotly's own data are untouched (plotly.js computes them first).
 */
(function () {
  "use strict";
  var STATE_COLOR = ["coalesce", ["feature-state", "fc"], ["get", "fc"]];

  function identityFc(color) {
    return !!color && color.type === "identity" && color.property === "fc";
  }

  /* The fill of ``opts`` made to read the state; false when it is not plotly's usual fill. */
  function adopt(opts) {
    var paint = opts && opts.fill && opts.fill.paint;
    if (!paint || !(identityFc(paint["fill-color"]) || paint["fill-color"] === STATE_COLOR)) {
      return false;
    }
    paint["fill-color"] = STATE_COLOR;
    return true;
  }

  /* What MapLibre receives: feature i has id i + 1, its state's key (MapLibre paints a
   * feature of id 0 from its properties, never from its state); geometry and properties are
   * plotly's own objects (MapLibre copies them to its worker). */
  function numbered(features) {
    return {type: "FeatureCollection", features: features.map(function (f, i) {
      return {type: "Feature", id: i + 1, geometry: f.geometry, properties: f.properties};
    })};
  }

  function sameGeometries(before, features) {
    if (!before || before.length !== features.length) { return false; }
    for (var i = 0; i < features.length; i++) {
      if (before[i] !== features[i].geometry) { return false; }
    }
    return true;
  }

  function withoutSetData(src, fn) {  // plotly's update, its setData left out
    var own = Object.prototype.hasOwnProperty.call(src, "setData"), setData = src.setData;
    src.setData = function () { return src; };
    try {
      return fn();
    } finally {
      if (own) { src.setData = setData; } else { delete src.setData; }
    }
  }

  /* plotly.js is about to remove and add the layers again: the source too, so that no tile
   * built for the old layers and no state outlives them. */
  function remake(trace, map, data, opts, below) {
    for (var i = trace.layerList.length - 1; i >= 0; i--) {
      if (map.getLayer(trace.layerList[i][1])) { map.removeLayer(trace.layerList[i][1]); }
    }
    if (map.getSource(trace.sourceId)) { map.removeSource(trace.sourceId); }
    map.addSource(trace.sourceId, {type: "geojson", data: data});
    trace._addLayers(opts, below);
    trace.below = below;
    return map.getSource(trace.sourceId);
  }

  function layersThere(trace, map) {
    return trace.layerList.every(function (item) { return !!map.getLayer(item[1]); });
  }

  /* Where plotly.js would remove the layers and add them again (before « below », or on top),
   * the same layer objects are moved there: the same order, nothing rebuilt. */
  function moveLayers(trace, map, below) {
    var before = below && map.getLayer(below) ? below : undefined;
    trace.layerList.forEach(function (item) { map.moveLayer(item[1], before); });
    trace.below = below;
  }

  function patchedUpdate(update) {
    return function (opts) {
      var self = this, args = arguments;
      var plain = function () { return update.apply(self, args); };
      var map = this.subplot && this.subplot.map;
      var src = map && map.getSource && map.getSource(this.sourceId);
      if (!src || typeof src.setData !== "function" || !Array.isArray(this.layerList)) {
        this.tlSent = null;
        return plain();
      }
      var features = opts && opts.geojson && opts.geojson.features;
      var shown = opts && opts.fill && opts.fill.layout && opts.fill.layout.visibility;
      var ours = !!features && features.length > 0 && shown === "visible" && adopt(opts);
      var below = this.subplot.belowLookup && this.subplot.belowLookup["trace-" + this.uid];
      var fresh = false;
      if (below !== this.below && layersThere(this, map)) {
        moveLayers(this, map, below);
      } else if (below !== this.below) {  // plotly.js would add the layers: see remake
        src = remake(this, map, ours ? numbered(features) : opts.geojson, opts, below);
        fresh = true;
      }
      if (!ours) {  // not ours to follow: plotly.js's own update; the next one sends polygons
        this.tlSent = null;
        return plain();
      }
      var colours = features.map(function (f) { return f.properties.fc; });
      if (!fresh && this.tlSent && sameGeometries(this.tlSent.geometries, features)) {
        var before = this.tlSent.colours;  // the same polygons: the colours that changed
        for (var i = 0; i < colours.length; i++) {
          if (colours[i] !== before[i]) {
            map.setFeatureState({source: this.sourceId, id: i + 1}, {fc: colours[i]});
          }
        }
        this.tlSent.colours = colours;
        this.tlRecoloured = (this.tlRecoloured || 0) + 1;
        return withoutSetData(src, plain);
      }
      if (!fresh) {  // other polygons: sent, numbered, the old states cleared
        map.removeFeatureState({source: this.sourceId});
        src.setData(numbered(features));
      }
      this.tlSent = {geometries: features.map(function (f) { return f.geometry; }),
                     colours: colours};
      this.tlDataSent = (this.tlDataSent || 0) + 1;
      return withoutSetData(src, plain);
    };
  }

  function patchedAddLayers(addLayers) {
    return function (opts) {
      adopt(opts);  // the state-reading colour from the layer's creation
      return addLayers.apply(this, arguments);
    };
  }

  /* Layers kept in place. To keep the traces' layers in trace order, plotly.js's map subplot
   * forgets the « below » of every trace sharing one (fillBelowLookup), and updateData then
   * removes and adds all their layers again, on every update: MapLibre rebuilds every tile of
   * their sources (a second copy of the polygons' work). Here the order that would give is
   * worked out first — the layers of each trace plotly.js moves, in its order, put last —
   * and when it is the order already there, the traces get their « below » back and nothing
   * is removed. Any other case (a trace shown, hidden, added, clustered, another « below »)
   * is left to plotly.js. */
  var TYPE_ORDER = {choroplethmap: 0, densitymap: 1, scattermap: 2};  // plotly's updateData
  var SCATTER_LAYERS = ["fill", "line", "circle", "symbol"];  // plotly's non-clustered ones

  /* The layers plotly.js would move to the top for this trace ([] none), or null: a change
   * it has to make itself. */
  function movedLayers(glTrace, trace, lookup) {
    var below = lookup["trace-" + trace.uid];
    if (glTrace.type !== trace.type) { return null; }
    if (glTrace.below === below) { return []; }  // not forgotten: not moved
    if (glTrace.below !== null || below !== "") { return null; }
    if (trace.type === "choroplethmap" && Array.isArray(glTrace.layerList)) {
      return glTrace.layerList.map(function (item) { return item[1]; });
    }
    if (trace.type === "scattermap" && glTrace.layerIds) {
      var hidden = trace.visible !== true;
      var cluster = !!(trace.cluster && trace.cluster.enabled);
      if (cluster || glTrace.clusterEnabled) { return null; }
      if (hidden && glTrace.isHidden) { return []; }  // stays hidden: untouched
      if (hidden || glTrace.isHidden) { return null; }  // shown or hidden now
      return SCATTER_LAYERS.map(function (k) { return glTrace.layerIds[k]; });
    }
    return null;
  }

  function inPlace(subplot, calcData) {
    var hash = subplot.traceHash || {}, lookup = subplot.belowLookup || {};
    var traces = calcData.map(function (cd, i) { return [cd[0].trace, i]; });
    if (traces.length !== Object.keys(hash).length) { return false; }
    traces.sort(function (a, b) {
      return (TYPE_ORDER[a[0].type] - TYPE_ORDER[b[0].type]) || (a[1] - b[1]);
    });
    var moved = [];
    for (var i = 0; i < traces.length; i++) {
      var trace = traces[i][0], glTrace = hash[trace.uid];
      var ids = glTrace && TYPE_ORDER[trace.type] !== undefined &&
        movedLayers(glTrace, trace, lookup);
      if (!ids) { return false; }
      moved = moved.concat(ids);
    }
    var style = subplot.getMapLayers().map(function (l) { return l.id; });
    if (!moved.every(function (id) { return style.indexOf(id) >= 0; })) { return false; }
    var after = style.filter(function (id) { return moved.indexOf(id) < 0; }).concat(moved);
    return after.every(function (id, k) { return id === style[k]; });
  }

  /* One frame per update. Software WebGL (SwiftShader) takes a few hundred ms to draw the
   * map once, and the page waits for each frame; after an update MapLibre draws at once (the
   * venues' sources still loading), then again as their tiles arrive: two or three whole
   * frames before the last. So for a short while after plotly.js updates the map (HOLD_MS),
   * a frame is put off while a source is still loading: the map is drawn once, complete.
   * A user's pan or zoom is not an update: never held. */
  var HOLD_MS = 350;

  function sourcesLoading(map) {
    var sources = (map.getStyle() || {}).sources || {};
    return Object.keys(sources).some(function (id) { return map.isSourceLoaded(id) === false; });
  }

  function holdFrames(map) {
    if (map.tlHolding !== undefined || typeof map._render !== "function" ||
        typeof map.triggerRepaint !== "function") {
      return;
    }
    var render = map._render;
    map.tlHolding = 0;
    map._render = function () {
      if (this.tlHolding > performance.now() && this.style && sourcesLoading(this)) {
        this.triggerRepaint();  // the next animation frame looks again
        return this;
      }
      this.tlHolding = 0;
      return render.apply(this, arguments);
    };
  }

  function patchSubplot(subplot) {
    var proto = subplot && Object.getPrototypeOf(subplot);
    if (!proto || proto.tlLayersKept || typeof proto.fillBelowLookup !== "function" ||
        typeof proto.getMapLayers !== "function") {
      return;
    }
    var fillBelowLookup = proto.fillBelowLookup;
    proto.fillBelowLookup = function (calcData) {
      var out = fillBelowLookup.apply(this, arguments);
      if (this.map) {  // an update of the map's data follows: see holdFrames
        holdFrames(this.map);
        if (this.map.tlHolding !== undefined) { this.map.tlHolding = performance.now() + HOLD_MS; }
      }
      if (inPlace(this, calcData || [])) {
        var hash = this.traceHash, lookup = this.belowLookup;
        Object.keys(hash).forEach(function (uid) { hash[uid].below = lookup["trace-" + uid]; });
        this.tlKept = (this.tlKept || 0) + 1;
      }
      return out;
    };
    proto.tlLayersKept = true;
  }

  function patch(gd) {
    var full = gd && gd._fullLayout;
    Object.keys(full || {}).forEach(function (key) {
      if (/^map[0-9]*$/.test(key) && full[key] && full[key]._subplot) {
        patchSubplot(full[key]._subplot);
      }
    });
    (gd && gd.calcdata || []).forEach(function (cd) {
      var glTrace = cd && cd[0] && cd[0].trace && cd[0].trace._glTrace;
      if (!glTrace || glTrace.type !== "choroplethmap") { return; }
      var proto = Object.getPrototypeOf(glTrace);
      if (proto.tlStatePatched || typeof proto._update !== "function" ||
          typeof proto._addLayers !== "function" || typeof proto._removeLayers !== "function" ||
          typeof glTrace.sourceId !== "string") { return; }
      proto._update = patchedUpdate(proto._update);
      proto._addLayers = patchedAddLayers(proto._addLayers);
      proto.tlStatePatched = true;
    });
  }

  window.tierslieuxBeforeReact(function (gd) {  // 00-before_react.js
    patch(typeof gd === "string" ? document.getElementById(gd) : gd);
  });
})();
