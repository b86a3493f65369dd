/* One wrapper of Plotly.react for the assets that must see a graph before plotly.js redraws
 * it (image_name.js: the image file name; map_redraw.js: the map's redraw). Loaded first
 * (assets load in name order): each registers a function called with Plotly.react's
 * arguments, in order, before plotly.js runs. plotly.js is loaded by dcc.Graph after the
 * assets: the wrapper is put in place as soon as it is there.
 */
(function () {
  "use strict";
  var hooks = [];

  function wrap() {
    var P = window.Plotly;
    if (!P || !P.react) { return false; }
    if (P.react.tlBeforeReact) { return true; }
    var react = P.react;
    var wrapped = function () {
      var args = arguments;
      hooks.forEach(function (hook) { hook.apply(null, args); });
      return react.apply(this, args);
    };
    Object.keys(react).forEach(function (k) { wrapped[k] = react[k]; });
    wrapped.tlBeforeReact = true;
    P.react = wrapped;
    return true;
  }

  window.tierslieuxBeforeReact = function (hook) { hooks.push(hook); };
  if (!wrap()) {
    var timer = window.setInterval(function () {
      if (wrap()) { window.clearInterval(timer); }
    }, 20);
  }
})();
