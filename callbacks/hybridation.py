"""Usage hybridation panel."""

from __future__ import annotations

from dash import Input, Output, callback, no_update

from dashboard import hybridation
from dashboard.dataset import get_dataset
from dashboard.figures.exporting import export_caption
from dashboard.figures.hybridation import (
    make_cooccurrence_heatmap,
    make_national_comparison,
    make_upset,
    make_usage_count_bars,
    make_usage_mix,
)
from dashboard.figures.theme import message_figure
from dashboard.filters import state_from_dict
from dashboard.i18n import t
from dashboard.slides import document_meta
from layouts import ids


@callback(
    Output(ids.HYB_COUNT, "figure"), Output(ids.HYB_NATIONAL, "figure"),
    Output(ids.HYB_COOC, "figure"), Output(ids.HYB_UPSET, "figure"),
    Output(ids.HYB_MIX, "figure"),
    Input(ids.panel_state("hybridation"), "data"),
    prevent_initial_call=True,
)
def update_hybridation(state_data):
    state = state_from_dict(state_data)
    if state.tab != "hybridation":
        return (no_update,) * 5
    data, lang = get_dataset(state_data), state.lang
    venues = data.view(state).venues
    if "usages" not in data.recorded or venues.empty:
        key = "hyb.not_recorded" if "usages" not in data.recorded else "map.empty"
        return (message_figure(t(key, lang), lang=lang),) * 5
    tables = hybridation.panel_tables(data, state)
    names = data.names("departement").to_dict()
    options = {"lang": lang, "caption": export_caption(document_meta(data, state))}
    return (
        make_usage_count_bars(tables["count"], **options),
        make_national_comparison(tables["shares"], hybridation.NATIONAL_SHARES, **options),
        make_cooccurrence_heatmap(*tables["cooccurrence"], **options),
        make_upset(tables["combinations"], **options),
        make_usage_mix(tables["mix"], names, **options))


@callback(Output(ids.HYB_SOURCE_NOTE, "children"), Output(ids.HYB_SOURCE_NOTE, "is_open"),
          Input(ids.panel_state("hybridation"), "data"), prevent_initial_call=True)
def update_source_note(state_data):
    """Over the usage charts, what the published registry does not record (the CGET census
    gives one dominant usage per venue: its « 0 % » of culture is not a count)."""
    state = state_from_dict(state_data)
    data = get_dataset(state_data)
    if not data.note_key:
        return "", False
    return t(data.note_key, state.lang), True
