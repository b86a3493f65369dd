/* plotly.js in French: the mode bar's tooltips (« Télécharger le graphique en PNG »,
 * « Déplacer », « Zoom avant »…) for graphs whose config says locale: "fr"
 * (callbacks/exports.py graph_configs, from the page's language). Only the words: numbers
 * keep the separators the figures set. Written here because plotly's locale files are
 * served by a CDN, and the dashboard fetches nothing from the internet. plotly.js reads
 * window.PlotlyLocales when it loads (it is loaded after the assets). */
(function () {
  "use strict";
  var locale = {
    moduleType: "locale",
    name: "fr",
    dictionary: {
      "Autoscale": "Échelle automatique",
      "Box Select": "Sélection rectangulaire",
      "Compare data on hover": "Comparer les données au survol",
      "Double-click to zoom back out": "Double-cliquez pour dézoomer",
      "Download plot": "Télécharger le graphique",
      "Download plot as a PNG": "Télécharger le graphique en PNG",
      "Download plot as JSON": "Télécharger le graphique en JSON",
      "Draw line": "Tracer une ligne",
      "Erase active shape": "Effacer la forme active",
      "Lasso Select": "Sélection lasso",
      "Orbital rotation": "Rotation orbitale",
      "Pan": "Déplacer",
      "Produced with Plotly.js": "Généré avec Plotly.js",
      "Reset": "Réinitialiser",
      "Reset axes": "Réinitialiser les axes",
      "Reset camera to default": "Caméra par défaut",
      "Reset camera to last save": "Dernière caméra enregistrée",
      "Reset view": "Réinitialiser la vue",
      "Show closest data on hover": "Donnée la plus proche au survol",
      "Snapshot succeeded": "Image créée",
      "Taking snapshot - this may take a few seconds": "Création de l'image, quelques secondes…",
      "Toggle Spike Lines": "Afficher les lignes de repère",
      "Toggle show closest data on hover": "Donnée la plus proche au survol",
      "Turntable rotation": "Rotation plateau",
      "Zoom": "Zoom",
      "Zoom in": "Zoom avant",
      "Zoom out": "Zoom arrière"
    }
  };
  if (typeof window.Plotly === "undefined" || !window.Plotly.register) {
    window.PlotlyLocales = window.PlotlyLocales || [];
    window.PlotlyLocales.push(locale);
  } else {
    window.Plotly.register(locale);
  }
})();
