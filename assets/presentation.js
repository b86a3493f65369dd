/* Presentation mode (body.tl-slides): one slide at a time, each with its own fragment (#3).
   → ↓ space PageDown Enter or a click: next; ← ↑ PageUp Backspace or a click on the left
   fifth: previous; Home / End: first / last; Escape: back to the dashboard, same filters. */
(function () {
  "use strict";

  function start() {
    if (!document.body.classList.contains("tl-slides")) { return; }
    var slides = Array.prototype.slice.call(document.querySelectorAll(".tl-slide"));
    var n = slides.length;
    var back = document.getElementById("tl-back");

    function current() {
      var m = /^#(\d+)$/.exec(window.location.hash);
      var i = m ? parseInt(m[1], 10) : 1;
      return Math.min(Math.max(i, 1), n);
    }

    function show() {
      var i = current();
      if (window.location.hash !== "#" + i) {  /* every slide has its own address */
        window.history.replaceState(null, "", "#" + i);
      }
      slides.forEach(function (s, k) {
        var on = k === i - 1;
        s.classList.toggle("is-active", on);
        s.setAttribute("aria-hidden", on ? "false" : "true");
      });
      document.body.dataset.slide = String(i);
      slides[i - 1].querySelectorAll(".tl-chart").forEach(function (el) {
        window.tlDocuments.draw(el).then(function () { Plotly.Plots.resize(el); });
      });
    }

    function go(i) {
      i = Math.min(Math.max(i, 1), n);
      if (window.location.hash === "#" + i) { show(); } else { window.location.hash = "#" + i; }
    }

    document.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) { return; }
      var i = current();
      switch (e.key) {
        case "ArrowRight": case "ArrowDown": case "PageDown": case " ": case "Enter":
          go(i + 1); break;
        case "ArrowLeft": case "ArrowUp": case "PageUp": case "Backspace":
          go(i - 1); break;
        case "Home": go(1); break;
        case "End": go(n); break;
        case "Escape": window.location.href = back.href; break;
        default: return;
      }
      e.preventDefault();
    });
    document.querySelector(".tl-deck").addEventListener("click", function (e) {
      if (e.target.closest("a, button")) { return; }
      go(current() + (e.clientX < window.innerWidth / 5 ? -1 : 1));
    });
    window.addEventListener("hashchange", show);
    show();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
