"""Every component id, defined once and prefixed by its panel."""

URL = "url"
VIEW_STATE = "view-state"
LANG = "lang"
MAP_META = "map-meta"
LANG_TOGGLE = "header-lang-toggle"
DEMO_BADGE = "header-demo-badge"
PROVENANCE = "header-provenance"
URL_NOTICE = "header-url-notice"

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

TABS = "view-tabs"


def i18n(key: str) -> dict:
    """Id of a text translated by the language callback."""
    return {"type": "i18n", "key": key}


def i18n_sub(key: str) -> dict:
    """Id of a secondary text (a KPI's « out of … » line) filled by the KPI callback."""
    return {"type": "kpi-sub", "key": key}


def tab(name: str) -> str:
    return f"tab-{name}"
