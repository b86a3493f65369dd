"""Language switch: every visible text follows the ``lang`` store."""

from __future__ import annotations

from dash import ALL, Input, Output, callback, clientside_callback, ctx

from dashboard.i18n import t
from dashboard.viewstate import VIEWS
from layouts import ids
from layouts.coverage import coverage_mode_options
from layouts.page import DROPDOWNS, control_options, dropdown_labels
from layouts.panels import stack_options

PLACEHOLDERS = {ids.FILTER_DEPARTEMENT: "filters.departement.placeholder",
                ids.FILTER_USAGE: "filters.usage.placeholder",
                ids.FILTER_LABEL: "filters.label.placeholder",
                ids.FILTER_CALL: "filters.call.placeholder"}
TRANSLATED_OPTIONS = (ids.FILTER_USAGE, ids.FILTER_LABEL, ids.FILTER_USAGE_MODE, ids.MAP_LEVEL,
                      ids.MAP_COLOR_BY, ids.FILTER_SOURCE)


@callback(
    Output(ids.i18n(ALL, ALL), "children"),
    *[Output(c, "placeholder") for c in PLACEHOLDERS],
    Output(ids.FILTER_SOURCE, "placeholder"),  # the default registry's name
    *[Output(c, "options") for c in TRANSLATED_OPTIONS],
    Output(ids.LANG_TOGGLE, "children"),
    *[Output(ids.tab(name), "label") for name in VIEWS],
    Output(ids.COVERAGE_MAP_MODE, "options"),
    Output(ids.FUND_STACK, "options"),
    Output(ids.VENUES_SEARCH, "placeholder"),
    *[Output(c, "labels") for c in DROPDOWNS],
    Input(ids.LANG, "data"),
)
def update_texts(lang):
    lang = lang or "fr"
    texts = [t(o["id"]["key"], lang) for o in ctx.outputs_list[0]]
    options = control_options(lang)
    return (texts, *[t(k, lang) for k in PLACEHOLDERS.values()],
            options[ids.FILTER_SOURCE][0]["label"],
            *[options[c] for c in TRANSLATED_OPTIONS], t("filters.lang", lang),
            *[t(f"tab.{name}", lang) for name in VIEWS],
            coverage_mode_options(lang), stack_options(lang), t("table.search", lang),
            *[dropdown_labels(lang)] * len(DROPDOWNS))


@callback(Output(ids.MAP_INDICATOR, "options"), Input(ids.LANG, "data"),
          Input(ids.MAP_LEVEL, "value"))
def update_indicator_options(lang, level):
    return control_options(lang or "fr", level or "commune")[ids.MAP_INDICATOR]


# <html lang> and the window title follow the language (screen readers, browser tabs)
clientside_callback(
    """function (lang, title) {
        document.documentElement.lang = lang || "fr";
        if (title) { document.title = title; }
        return window.dash_clientside.no_update;
    }""",
    Output(ids.LANG, "modified_timestamp"),
    Input(ids.LANG, "data"), Input(ids.i18n("app.title"), "children"),
)
