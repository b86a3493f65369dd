/* Chart downloads (issue 13, item 4): the « PNG » and « SVG » buttons under a chart
 * (layouts/panels.py, chart_downloads) draw its image with plotly's own export, under the
 * file name and at the size of the graph's config (callbacks/exports.py sets
 * toImageButtonOptions: the name from the filters and the date, 960×540 drawn twice as
 * large). The image holds what the figure shows: title, filters, source and date.
 * One listener on the document: the buttons may be redrawn by Dash at any time. */
(function () {
  "use strict";

  function graphDiv(id) {
    var wrap = document.getElementById(id);
    return wrap ? wrap.querySelector(".js-plotly-plot") : null;
  }

  function download(button) {
    var gd = graphDiv(button.getAttribute("data-tl-graph"));
    if (!gd || !gd._context || !window.Plotly) {
      return null;
    }
    var options = Object.assign({}, gd._context.toImageButtonOptions || {});
    options.format = button.getAttribute("data-tl-download");
    button.setAttribute("aria-busy", "true");
    return window.Plotly.downloadImage(gd, options).then(function (name) {
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
