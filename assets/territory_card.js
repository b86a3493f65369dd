/* The card a click on a territory opens over the map (layouts/document_links.py,
 * make_territory_card): Escape closes it, as its × button does, and gives the focus back to
 * the page when it was inside the card. */
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var card = document.getElementById("map-territory-card");
    var close = document.getElementById("map-territory-card-close");
    if (!card || card.hidden || !close) {
      return;
    }
    var inside = card.contains(document.activeElement);
    close.click();
    if (inside) {
      document.activeElement.blur();
    }
  });
})();
