/* Printing the dashboard (issue 13, item 5; the stylesheet is app.css, « @media print »).
 * Two things CSS alone cannot do, done just before printing and undone after:
 * - a MapLibre map is drawn by WebGL into a buffer the browser does not keep, so it prints
 *   blank: each map is redrawn and copied into a picture laid over its canvas;
 * - a plotly chart keeps the pixel width it has on screen, wider than the printed column: it
 *   would be cut on the right. Each chart is zoomed by the ratio of the printed column to the
 *   one on screen (A4 landscape, 10 mm margins: 277 mm; the main column: 78 % of it). */
(function () {
  "use strict";
  var PRINT_WIDTH_PX = 277 / 25.4 * 96;

  function plots() {
    return Array.prototype.filter.call(document.querySelectorAll(".app .js-plotly-plot"),
      function (gd) { return gd.offsetParent !== null && gd._fullLayout; });
  }

  function snapshot(gd) {
    var subplot = gd._fullLayout.map && gd._fullLayout.map._subplot;
    if (!subplot || !subplot.map) {
      return;
    }
    var map = subplot.map, canvas = map.getCanvas();
    try {
      map.redraw();  // draw now: the buffer is read before the browser clears it
      var img = document.createElement("img");
      img.className = "tl-print-snapshot";
      img.alt = "";
      img.src = canvas.toDataURL("image/png");
      img.style.cssText = "position:absolute;left:0;top:0;width:" + canvas.clientWidth +
        "px;height:" + canvas.clientHeight + "px;";
      canvas.parentNode.appendChild(img);
    } catch (error) {  // a map that cannot be read stays as it is
      return;
    }
  }

  function beforePrint() {
    var main = document.querySelector(".app .row > [class*='col-lg-9']");
    var zoom = main ? Math.min(1, (PRINT_WIDTH_PX - 24) / main.clientWidth) : 1;
    plots().forEach(function (gd) {
      snapshot(gd);
      gd.classList.add("tl-print-zoomed");
      gd.style.zoom = String(zoom);
    });
  }

  function afterPrint() {
    document.querySelectorAll(".tl-print-snapshot").forEach(function (img) { img.remove(); });
    document.querySelectorAll(".tl-print-zoomed").forEach(function (gd) {
      gd.classList.remove("tl-print-zoomed");
      gd.style.zoom = "";
    });
  }

  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  window.tierslieuxPrint = {before: beforePrint, after: afterPrint};
})();
