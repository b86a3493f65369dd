"""Key-figure cards."""

from __future__ import annotations

from dash import Input, Output, callback

from dashboard.dataset import get_dataset
from dashboard.filters import state_from_dict
from dashboard.i18n import format_eur, format_int, format_percent, t
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
    unknown = t("kpi.not_recorded", lang)
    has_label, has_funding = "label_status" in recorded, "funding" in recorded
    values = (format_int(k["venues"], lang),
              format_int(k["labelled"], lang) if has_label else unknown,
              format_int(k["communes_with_venue"], lang),
              format_percent(k["population_share"], lang),
              format_eur(k["funding"], lang) if has_funding else unknown,
              format_eur(k["funding_per_capita"], lang) if has_funding else unknown)
    subs = ("", "" if has_label else t("kpi.no_label_column", lang),
            t("kpi.of_total", lang, total=format_int(k["communes"], lang)),
            t("kpi.of_total", lang, total=format_int(k["population"], lang)),
            "" if has_funding else t("kpi.no_funding", lang), "")
    return (*values, *subs)
