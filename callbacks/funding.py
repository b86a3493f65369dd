"""Funding panel."""

from __future__ import annotations

from dash import Input, Output, callback, no_update

from dashboard import funding
from dashboard.dataset import get_dataset
from dashboard.figures.exporting import export_caption
from dashboard.figures.funding import (
    call_rows,
    make_cumulative,
    make_funding_by_call,
    make_per_capita,
)
from dashboard.figures.theme import message_figure
from dashboard.filters import state_from_dict
from dashboard.i18n import t
from dashboard.slides import document_meta
from layouts import ids
from layouts.tables import make_table


@callback(
    Output(ids.FUND_BY_CALL, "figure"), Output(ids.FUND_CUMULATIVE, "figure"),
    Output(ids.FUND_PER_CAPITA, "figure"), Output(ids.FUND_CALLS, "children"),
    Input(ids.panel_state("financements"), "data"), Input(ids.FUND_STACK, "value"),
    prevent_initial_call=True,
)
def update_funding(state_data, stack_by):
    state = state_from_dict(state_data)
    if state.tab != "financements":
        return (no_update,) * 4
    data, lang, by = get_dataset(state_data), state.lang, stack_by or "departement"
    view = data.view(state)
    if "funding" not in data.recorded or view.venues.empty:
        key = "fund.not_recorded" if "funding" not in data.recorded else "map.empty"
        empty = message_figure(t(key, lang), lang=lang)
        summary = funding.call_summary(view.funding, data.registry.calls)
        return empty, empty, empty, make_table(*call_rows(summary, lang, recorded=False))
    tables, names = funding.panel_tables(data, state, by), data.names("departement").to_dict()
    options = {"lang": lang, "caption": export_caption(document_meta(data, state))}
    return (
        make_funding_by_call(tables["by_call"], tables["summary"], names, by=by, **options),
        make_cumulative(tables["cumulative"], **options),
        make_per_capita(tables["per_capita"], names, **options),
        make_table(*call_rows(tables["summary"], lang)))
