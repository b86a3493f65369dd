"""Every component id, defined once and prefixed by its panel; and ``CONTROLS``, the
component that shows each view-state field (``dashboard.viewstate.FIELDS``)."""

URL = "url"
VIEW_STATE = "view-state"
LANG = "lang"
MAP_META = "map-meta"
MAP_CENTRED = "map-centred"  # the venue the map was last centred on (grid selection)
MAP_DRAW = "map-draw"  # values patch + visible venues, drawn by assets/venue_points.js
LANG_TOGGLE = "header-lang-toggle"
DEMO_BADGE = "header-demo-badge"
PROVENANCE = "header-provenance"
URL_NOTICE = "header-url-notice"
# a dropped file over the size limit (set by assets/upload_limit.js) and what the page says
UPLOAD_REJECTED = "upload-rejected"
UPLOAD_TOO_LARGE = "upload-too-large"

FILTER_SOURCE = "filter-source"  # the published registry shown (donnees=)
FILTER_DEPARTEMENT = "filter-departement"
FILTER_USAGE = "filter-usage"
FILTER_USAGE_MODE = "filter-usage-mode"
FILTER_LABEL = "filter-label"
FILTER_CALL = "filter-call"
FILTER_YEARS = "filter-years"
FILTER_RESET = "filter-reset"

KPI_VENUES = "kpi-venues"
KPI_LABELLED = "kpi-labelled"
KPI_COMMUNES = "kpi-communes"
KPI_POPULATION_SHARE = "kpi-population-share"
KPI_FUNDING = "kpi-funding"
KPI_FUNDING_PER_CAPITA = "kpi-funding-per-capita"
KPI_IDS = (KPI_VENUES, KPI_LABELLED, KPI_COMMUNES, KPI_POPULATION_SHARE, KPI_FUNDING,
           KPI_FUNDING_PER_CAPITA)

MAP_GRAPH = "map-graph"
MAP_LEVEL = "map-level"
MAP_INDICATOR = "map-indicator"
MAP_COLOR_BY = "map-color-by"
MAP_EMPTY = "map-empty"

# the tab bar: one tab per view (``dashboard.viewstate.VIEWS``)
VIEW_TABS = "view-tabs"

COVERAGE_RADIUS = "coverage-radius"
COVERAGE_K = "coverage-k"
COVERAGE_MAP_MODE = "coverage-map-mode"
COVERAGE_MAP = "coverage-map"
COVERAGE_META = "coverage-meta"
COVERAGE_DRAW = "coverage-draw"
COVERAGE_BY_DEP = "coverage-by-departement"
COVERAGE_RATE = "coverage-rate"
COVERAGE_COVERED = "coverage-covered-population"
COVERAGE_UNCOVERED = "coverage-uncovered-population"
COVERAGE_ZONES_EPCI = "coverage-zones-epci"
COVERAGE_ZONES_COMMUNES = "coverage-zones-communes"
COVERAGE_SUGGESTIONS = "coverage-suggestions"
COVERAGE_EXPORT_ZONES = "coverage-export-zones"
COVERAGE_EXPORT_SUGGESTIONS = "coverage-export-suggestions"
COVERAGE_EXPORT_COMMUNES = "coverage-export-communes"
COVERAGE_DOWNLOAD = "coverage-download"

# view-state field -> (component id, property) of the control that shows it; the state
# callback's inputs and outputs are built from this (a field not listed here, the language,
# is set otherwise)
CONTROLS: dict[str, tuple[str, str]] = {
    "departements": (FILTER_DEPARTEMENT, "value"),
    "usages": (FILTER_USAGE, "value"),
    "usage_mode": (FILTER_USAGE_MODE, "value"),
    "labels": (FILTER_LABEL, "value"),
    "call": (FILTER_CALL, "value"),
    "years": (FILTER_YEARS, "value"),
    "level": (MAP_LEVEL, "value"),
    "indicator": (MAP_INDICATOR, "value"),
    "color_by": (MAP_COLOR_BY, "value"),
    "tab": (VIEW_TABS, "active_tab"),
    "radius_km": (COVERAGE_RADIUS, "value"),
    "k": (COVERAGE_K, "value"),
    "source": (FILTER_SOURCE, "value"),
}


def i18n(key: str, place: str = "") -> dict:
    """Id of a text translated by the language callback (``place`` tells apart two
    occurrences of the same text)."""
    return {"type": "i18n", "key": key, "place": place}


def i18n_sub(key: str) -> dict:
    """Id of a secondary text (a KPI's « out of … » line) filled by the KPI callback."""
    return {"type": "kpi-sub", "key": key}


def tab(name: str) -> str:
    return f"tab-{name}"


def panel_state(view: str) -> str:
    """The store holding the view state as the panel of ``view`` last showed it: written only
    while that tab is shown (callbacks/tabs.py), so hidden panels' callbacks do not fire."""
    return f"panel-state-{view}"

HYB_COUNT = "hybridation-count"
HYB_COOC = "hybridation-cooccurrence"
HYB_UPSET = "hybridation-upset"
HYB_MIX = "hybridation-mix"
HYB_SOURCE_NOTE = "hybridation-source-note"  # what the published registry does not record
HYB_NATIONAL = "hybridation-national"

FUND_BY_CALL = "funding-by-call"
FUND_STACK = "funding-stack-by"
FUND_CUMULATIVE = "funding-cumulative"
FUND_PER_CAPITA = "funding-per-capita"
FUND_CALLS = "funding-calls"

VENUES_GRID = "venues-grid"
VENUES_GRID_WRAP = "venues-grid-wrap"  # replaced with a new grid when the language changes
VENUES_SEARCH = "venues-search"
VENUES_COUNT = "venues-count"
VENUES_EXPORT_CSV = "venues-export-csv"
VENUES_EXPORT_XLSX = "venues-export-xlsx"
VENUES_DOWNLOAD = "venues-download"
# written by nobody: the output of the clientside callback that makes the grid ask again
VENUES_GRID_REFRESH = "venues-grid-refresh"

DATASET_KEY = "dataset-key"
IMPORT_VENUES_UPLOAD = "import-venues-upload"
IMPORT_FUNDING_UPLOAD = "import-funding-upload"
IMPORT_RESET = "import-reset"
IMPORT_MESSAGE = "import-message"
IMPORT_SUMMARY = "import-summary"
IMPORT_REPORT = "import-report"
IMPORT_REPORT_DOWNLOAD = "import-report-download"
IMPORT_REPORT_EXPORT = "import-report-export"
IMPORT_LAST_REPORT = "import-last-report"

# shown when this tab's uploaded dataset is no longer on the server (callbacks/sessions.py)
SESSION_DOWN = "session-down"  # the session store does not answer
SESSION_NOTICE = "session-notice"
IMPORT_PROGRESS = "import-progress"
IMPORT_PROGRESS_BOX = "import-progress-box"
IMPORT_CANCEL = "import-cancel"
# the mapping step (issue 10): preview, a field per column, then « Importer »
IMPORT_MAPPING_BOX = "import-mapping-box"
IMPORT_SHEET = "import-sheet"
IMPORT_SHEET_BOX = "import-sheet-box"  # shown for workbooks only
IMPORT_HEADER_ROW = "import-header-row"
IMPORT_MAPPING_TABLE = "import-mapping-table"
IMPORT_MAPPING = "import-mapping"  # store: {sheet, header_row, columns: {column: field}}
IMPORT_FIELD = "import-field"  # pattern-matching type: {"type": IMPORT_FIELD, "index": i}
IMPORT_MAPPING_MISSING = "import-mapping-missing"
IMPORT_MERGE = "import-merge"
IMPORT_APPLY = "import-apply"
IMPORT_MAPPING_EXPORT = "import-mapping-export"
IMPORT_MAPPING_DOWNLOAD = "import-mapping-download"
IMPORT_TEMPLATE_CSV = "import-template-csv"
IMPORT_TEMPLATE_XLSX = "import-template-xlsx"
IMPORT_TEMPLATE_DOWNLOAD = "import-template-download"

# issue 13: documents that leave the dashboard (links in the header)
PRESENTATION_LINK = "header-presentation-link"
REPORT_LINK = "header-report-link"
REPORT_PDF_LINK = "header-report-pdf-link"
PORTRAIT_LINK = "header-portrait-link"

# --- roadmap (issue 14), in the coverage panel ---
ROADMAP_STORE = "roadmap-state"
# the roadmap's options without its scenarios: what the coverage tables depend on
COVERAGE_ROADMAP_OPTIONS = "coverage-roadmap-options"
ROADMAP_NOTICE = "roadmap-notice"
ROADMAP_CANDIDATES = "roadmap-candidates"
ROADMAP_MIN_POP = "roadmap-min-population"
ROADMAP_YEAR = "roadmap-year"
ROADMAP_TT_UPLOAD = "roadmap-travel-times-upload"
ROADMAP_TT_CLEAR = "roadmap-travel-times-clear"
ROADMAP_MINUTES = "roadmap-minutes"
ROADMAP_MEASURE = "roadmap-measure"
ROADMAP_AS_OF_NOTE = "roadmap-as-of-note"
ROADMAP_SCENARIO_PICK = "roadmap-scenario-pick"
ROADMAP_SCENARIO_NEW = "roadmap-scenario-new"
ROADMAP_SCENARIO_NAME = "roadmap-scenario-name"
ROADMAP_SCENARIO_CLEAR = "roadmap-scenario-clear"
ROADMAP_SITES = "roadmap-sites"
ROADMAP_SITES_UPLOAD = "roadmap-sites-upload"
ROADMAP_NEWLY = "roadmap-newly-covered"
ROADMAP_RATE_AFTER = "roadmap-rate-after"
ROADMAP_ZONES_LEFT = "roadmap-zones-left"
ROADMAP_SCENARIO_TABLE = "roadmap-scenario-table"
ROADMAP_COMPARE = "roadmap-compare"
ROADMAP_EXPORT = "roadmap-export"
ROADMAP_DOWNLOAD = "roadmap-download"
ROADMAP_TIMELINE = "roadmap-timeline"
ROADMAP_WAVES = "roadmap-waves"
ROADMAP_TIMELINE_EXPORT = "roadmap-timeline-export"
ROADMAP_SUGGESTIONS_HELP = "roadmap-suggestions-help"
ROADMAP_ADD = "roadmap-add"  # pattern {"type": ROADMAP_ADD, "site": …}
ROADMAP_DROP = "roadmap-drop"  # pattern {"type": ROADMAP_DROP, "site": …}

# chart downloads (issue 13, item 4): pattern ids {"type": CHART_CSV, "graph": <graph id>}
CHART_CSV = "chart-csv"
CHART_DOWNLOAD = "chart-download"
# the card a click on the map opens: the territory's fact sheet, filter on its department
MAP_CARD = "map-territory-card"
MAP_CARD_TITLE = "map-territory-card-title"
MAP_CARD_OPEN = "map-territory-card-open"
MAP_CARD_CLOSE = "map-territory-card-close"
MAP_CARD_NEW_TAB = "map-territory-card-new-tab"
MAP_CARD_NOTE = "map-territory-card-note"
