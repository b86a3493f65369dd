"""The view state reaches a tab's panel only while the tab is shown.

``view-state`` changes on every filter change; each panel's callbacks take the store
``ids.panel_state(view)`` as input instead, which this clientside callback (no server round
trip) fills with the view state only for the tab shown (``state.tab``) and only when it differs
from what the store holds. Hidden panels do not fire at all; showing a tab brings its panel up
to date with the filters chosen meanwhile. Key figures and header items, always visible, keep
``view-state``.
"""

from __future__ import annotations

import json

from dash import Input, Output, State, clientside_callback

from dashboard.viewstate import VIEWS
from layouts import ids

__all__ = ["SYNC_PANELS"]

SYNC_PANELS = """function (state, ...held) {
    const views = %s;
    const skip = window.dash_clientside.no_update;
    if (!state) { return views.map(() => skip); }
    const now = JSON.stringify(state);
    return views.map((view, i) =>
        view === state.tab && JSON.stringify(held[i]) !== now ? state : skip);
}""" % json.dumps(list(VIEWS))

clientside_callback(
    SYNC_PANELS,
    *[Output(ids.panel_state(view), "data") for view in VIEWS],
    Input(ids.VIEW_STATE, "data"),
    *[State(ids.panel_state(view), "data") for view in VIEWS],
)
