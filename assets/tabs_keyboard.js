/* The dashboard's tab bar by keyboard (issue 13, item 5): dash-bootstrap-components renders
 * each tab as an <a> without href, which the Tab key skips. Here each becomes a focusable
 * ARIA tab: Tab reaches the bar, Enter or Space opens a tab, Left/Right/Home/End move
 * between tabs (WAI-ARIA « tabs » pattern). */
(function () {
  "use strict";

  function links(bar) { return Array.prototype.slice.call(bar.querySelectorAll(".nav-link")); }

  function prepare(bar) {
    if (!bar.getAttribute("role")) { bar.setAttribute("role", "tablist"); }
    links(bar).forEach(function (a) {
      var active = a.classList.contains("active");
      a.setAttribute("role", "tab");
      a.setAttribute("aria-selected", active ? "true" : "false");
      a.setAttribute("tabindex", active ? "0" : "-1");
    });
    if (!bar.querySelector('.nav-link[tabindex="0"]') && links(bar).length) {
      links(bar)[0].setAttribute("tabindex", "0");
    }
    if (bar._tlKeys) { return; }
    bar._tlKeys = true;
    bar.addEventListener("keydown", function (event) {
      var all = links(bar), i = all.indexOf(document.activeElement);
      if (i < 0) { return; }
      var next = {ArrowRight: (i + 1) % all.length, ArrowLeft: (i - 1 + all.length) % all.length,
                  Home: 0, End: all.length - 1}[event.key];
      if (next !== undefined) {
        event.preventDefault();
        all.forEach(function (a, k) { a.setAttribute("tabindex", k === next ? "0" : "-1"); });
        all[next].focus();
      } else if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        all[i].click();
      }
    });
  }

  window.setInterval(function () {
    document.querySelectorAll(".app .nav-tabs").forEach(prepare);
  }, 400);
})();
