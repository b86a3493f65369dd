"""Key-figure cards."""

from __future__ import annotations

from dash import Input, Output, callback

from dashboard.dataset import get_dataset
from dashboard.filters import state_from_dict
from dashboard.i18n import format_int, t
from dashboard.keyfigures import format_figure
from layouts import ids


@callback(
    *[Output(k, "children") for k in ids.KPI_IDS],
    *[Output(ids.i18n_sub(k), "children") for k in ids.KPI_IDS],
    Input(ids.VIEW_STATE, "data"),
)
def update_kpis(state_data):
    state = state_from_dict(state_data)
    data, lang = get_dataset(state_data), state.lang
    k, recorded = data.view(state).kpis, data.recorded
    has_label, has_funding = "label_status" in recorded, "funding" in recorded
    values = tuple(format_figure(name, k[name], lang, recorded) for name in (
        "venues", "labelled", "communes_with_venue", "population_share", "funding",
        "funding_per_capita"))
    subs = ("", "" if has_label else t("kpi.no_label_column", lang),
            t("kpi.of_total", lang, total=format_int(k["communes"], lang)),
            t("kpi.of_total", lang, total=format_int(k["population"], lang)),
            "" if has_funding else t("kpi.no_funding", lang), "")
    return (*values, *subs)
