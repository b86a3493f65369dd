"""One callback owns the view state: URL ⇄ controls ⇄ ``view-state`` store."""

from __future__ import annotations

from dash import Input, Output, State, callback, ctx, no_update

from dashboard.dataset import get_dataset
from dashboard.filters import (
    ViewState,
    controls_of,
    department_of,
    parse_query,
    state_from_controls,
    state_from_dict,
    state_to_dict,
    to_query,
)
from dashboard.i18n import t
from dashboard.roadmap_state import merge_query, strip_roadmap_params
from layouts import ids

# (component id, property, ViewState field) of every control the state is shown in
CONTROL_SPECS = (
    (ids.FILTER_DEPARTEMENT, "value", "departements"),
    (ids.FILTER_USAGE, "value", "usages"),
    (ids.FILTER_USAGE_MODE, "value", "usage_mode"),
    (ids.FILTER_LABEL, "value", "labels"),
    (ids.FILTER_CALL, "value", "call"),
    (ids.FILTER_YEARS, "value", "years"),
    (ids.MAP_LEVEL, "value", "level"),
    (ids.MAP_INDICATOR, "value", "indicator"),
    (ids.MAP_COLOR_BY, "value", "color_by"),
    (ids.TABS, "active_tab", "tab"),
    (ids.COVERAGE_RADIUS, "value", "radius_km"),
    (ids.COVERAGE_K, "value", "k"),
)
CONTROLS = tuple(c for c, _, _ in CONTROL_SPECS)
CONTROL_KEYS = tuple(k for _, _, k in CONTROL_SPECS)


def _notice(ignored, lang):
    if not ignored:
        return "", False
    items = ", ".join(f"{k}={v}" for k, v in ignored)
    return t("notice.ignored", lang, items=items), True


@callback(
    Output(ids.URL, "search"),
    Output(ids.VIEW_STATE, "data"),
    Output(ids.LANG, "data"),
    Output(ids.URL_NOTICE, "children"),
    Output(ids.URL_NOTICE, "is_open"),
    *[Output(c, prop) for c, prop, _ in CONTROL_SPECS],
    Input(ids.URL, "search"),
    *[Input(c, prop) for c, prop, _ in CONTROL_SPECS],
    Input(ids.LANG_TOGGLE, "n_clicks"),
    Input(ids.FILTER_RESET, "n_clicks"),
    Input(ids.MAP_GRAPH, "clickData"),
    Input(ids.DATASET_KEY, "data"),
    State(ids.VIEW_STATE, "data"),
)
def update_view_state(search, *args):
    """URL → controls on load; controls, language, reset and map clicks → URL and store.
    The store also carries the key of the session's dataset, so that every panel follows an
    import."""
    values, rest = args[:len(CONTROLS)], args[len(CONTROLS):]
    _lang_clicks, _reset, click, dataset_key, current = rest
    data = get_dataset(dataset_key)
    bounds = data.label_year_bounds
    trigger = ctx.triggered_id
    old = state_from_dict(current)
    notice, show = no_update, no_update
    set_controls = True
    if trigger in (None, ids.URL) or current is None:  # first call: the link decides
        state, ignored = parse_query(strip_roadmap_params(search),
                                     set(data.reference.departements["code"]),
                                     set(data.registry.calls["call_id"]), bounds)
        notice, show = _notice(ignored, state.lang)
    elif trigger == ids.LANG_TOGGLE:
        state = ViewState(**{**old.__dict__, "lang": "en" if old.lang == "fr" else "fr"})
        set_controls = False
    elif trigger == ids.FILTER_RESET:
        state = ViewState(lang=old.lang)
    elif trigger == ids.DATASET_KEY:
        state, set_controls = old, False
    elif trigger == ids.MAP_GRAPH:
        point = (click or {}).get("points", [{}])[0]
        dep = department_of(data.communes, old.level, str(point.get("location", "")))
        if dep is None:
            return (no_update,) * (5 + len(CONTROLS))
        state = ViewState(**{**old.__dict__, "departements": (dep,)})
    else:
        state = state_from_controls(**dict(zip(CONTROL_KEYS, values)), lang=old.lang,
                                    year_bounds=bounds)
        set_controls = state.indicator != values[CONTROL_KEYS.index("indicator")]
    controls = controls_of(state, bounds)
    outs = [controls[k] for k in CONTROL_KEYS] if set_controls else [no_update] * len(CONTROLS)
    lang = state.lang if state.lang != old.lang or current is None else no_update
    store = {**state_to_dict(state), "dataset": dataset_key}
    return (merge_query(to_query(state), search), store, lang, notice, show, *outs)
