/* Printing the dashboard (issue 13, item 5; the stylesheet is app.css, « @media print »).
 * Two things CSS alone cannot do, done just before printing and undone after:
 * - a MapLibre map is drawn by WebGL into a buffer the browser does not keep, so it prints
 *   blank: each map is redrawn and copied into a picture laid over its canvas;
 * - a plotly chart keeps the pixel width it has on screen, wider than the printed column: it
 *   would be cut on the right. A chart is laid out again at its share of the printed column
 *   (A4 landscape, 10 mm margins: 277 mm, the view's column takes it all), its type kept:
 *   zoomed instead, a 1920 px wide chart's 12 px type came out at 4 pt. A map (a picture of
 *   its canvas, see above) is zoomed by that ratio, and to at most 110 mm high (the key
 *   figures and the map on one page), and its box takes the zoomed height. */
(function () {
  "use strict";
  var PX_PER_MM = 96 / 25.4;
  var PRINT_WIDTH_PX = 277 * PX_PER_MM;
  var MAP_HEIGHT_PX = 110 * PX_PER_MM;
  var PRINT_CELL_TEXT_PX = 10;  // 7.5 pt on paper

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

  function zoomFor(gd, main) {
    // the chart's share of the view's column is kept on paper; its drawn width (plotly's,
    // which may lag behind its column while it resizes) is brought to that share
    var column = gd.parentElement ? gd.parentElement.clientWidth : gd.clientWidth;
    var share = main && main.clientWidth ? Math.min(1, column / main.clientWidth) : 1;
    var drawn = gd._fullLayout.width || gd.clientWidth || 1;
    var zoom = Math.min(1, (PRINT_WIDTH_PX - 24) * share / drawn);
    if (gd._fullLayout.map) {
      zoom = Math.min(zoom, MAP_HEIGHT_PX / (gd._fullLayout.height || MAP_HEIGHT_PX));
    }
    return zoom;
  }

  function isMap(gd) { return Boolean(gd._fullLayout.map); }

  function relayoutFor(gd, main) {
    // a chart (not a map) drawn wider than its share of the printed column: drawn again at
    // that width, with the same type sizes; put back after printing
    var column = gd.parentElement ? gd.parentElement.clientWidth : gd.clientWidth;
    var share = main && main.clientWidth ? Math.min(1, column / main.clientWidth) : 1;
    var target = Math.floor(PRINT_WIDTH_PX * share - 48);  // the card's padding and gutter
    var drawn = gd._fullLayout.width || gd.clientWidth || 0;
    if (drawn <= target) { return; }
    gd.classList.add("tl-print-relaid");
    gd.setAttribute("data-tl-autosize", String(gd.layout.autosize !== false));
    gd.setAttribute("data-tl-width", gd.layout.width == null ? "" : String(gd.layout.width));
    gd.setAttribute("data-tl-height",
                    gd.layout.height == null ? "" : String(gd.layout.height));
    gd.setAttribute("data-tl-uniformtext", JSON.stringify(gd.layout.uniformtext || null));
    // the height it has on screen (its card's), and no text shrunk under 7.5 pt: plotly fits
    // a bar's value to the bar, narrower on paper; one that would be smaller is left out
    Plotly.relayout(gd, {width: target, height: gd._fullLayout.height, autosize: false,
                         uniformtext: {minsize: PRINT_CELL_TEXT_PX, mode: "hide"}});
    // a heatmap sizes its cells' texts to the cells: narrower, they fell to 3 pt
    var cells = [];
    gd.data.forEach(function (trace, i) {
      if (trace.type === "heatmap" && trace.texttemplate) { cells.push(i); }
    });
    if (cells.length) {
      gd.setAttribute("data-tl-cells", cells.join(","));
      Plotly.restyle(gd, {"textfont.size": PRINT_CELL_TEXT_PX}, cells);
    }
  }

  function beforePrint() {
    var main = document.querySelector(".app .row > [class*='col-lg-9']");
    plots().forEach(function (gd) {
      if (!isMap(gd) && window.Plotly) {
        relayoutFor(gd, main);
        return;
      }
      var zoom = zoomFor(gd, main);
      var box = gd.closest(".dash-graph") || gd.parentElement;
      snapshot(gd);
      gd.classList.add("tl-print-zoomed");
      gd.style.zoom = String(zoom);
      box.setAttribute("data-tl-height", box.style.height);
      box.classList.add("tl-print-box");
      box.style.height = Math.ceil((gd._fullLayout.height || gd.clientHeight) * zoom) + "px";
    });
  }

  function afterPrint() {
    document.querySelectorAll(".tl-print-snapshot").forEach(function (img) { img.remove(); });
    document.querySelectorAll(".tl-print-zoomed").forEach(function (gd) {
      gd.classList.remove("tl-print-zoomed");
      gd.style.zoom = "";
    });
    document.querySelectorAll(".tl-print-relaid").forEach(function (gd) {
      var width = gd.getAttribute("data-tl-width");
      var cells = gd.getAttribute("data-tl-cells");
      gd.classList.remove("tl-print-relaid");
      if (cells) {
        gd.removeAttribute("data-tl-cells");
        Plotly.restyle(gd, {"textfont.size": null}, cells.split(",").map(Number));
      }
      var height = gd.getAttribute("data-tl-height");
      Plotly.relayout(gd, {width: width ? Number(width) : null,
                           height: height ? Number(height) : null,
                           uniformtext: JSON.parse(gd.getAttribute("data-tl-uniformtext")),
                           autosize: gd.getAttribute("data-tl-autosize") === "true"});
      if (!width) { Plotly.Plots.resize(gd); }
    });
    document.querySelectorAll(".tl-print-box").forEach(function (box) {
      box.classList.remove("tl-print-box");
      box.style.height = box.getAttribute("data-tl-height") || "";
      box.removeAttribute("data-tl-height");
    });
  }

  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  window.tierslieuxPrint = {before: beforePrint, after: afterPrint};
})();
