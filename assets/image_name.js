/* A graph's image file name changes without redrawing the graph (issue 12).
 *
 * callbacks/exports.py names each graph's PNG from what it shows (departments, indicator),
 * in its dcc.Graph config (toImageButtonOptions). On the next figure, dcc.Graph calls
 * Plotly.react with that config, and plotly.js redraws from scratch when a config differs
 * (Plotly.newPlot): for the map, a new MapLibre map, its WebGL context, style and GeoJSON,
 * on every department change — the largest part of the map's redraw. The image options are
 * only read when an image is made (the mode bar's camera, assets/chart_downloads.js), so
 * they are copied into the graph's current context before plotly.js compares the configs:
 * the name follows, and any other config change still redraws the graph.
 */
(function () {
  "use strict";

  function imageOptions(figure, config) {
    var cfg = figure && !Array.isArray(figure) && figure.data !== undefined
      ? figure.config : config;
    return cfg && cfg.toImageButtonOptions;
  }

  window.tierslieuxBeforeReact(function (gd, figure, layout, config) {  // 00-before_react.js
    var div = typeof gd === "string" ? document.getElementById(gd) : gd;
    var options = imageOptions(figure, config);
    if (div && div._context && options) {
      div._context.toImageButtonOptions = JSON.parse(JSON.stringify(options));
    }
  });
})();
