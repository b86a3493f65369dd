"""One callback owns the view state: URL ⇄ controls ⇄ ``view-state`` store.

Its inputs and outputs are named (Dash's flexible callback signatures): ``controls`` is a dict
field name → value, built from ``ids.CONTROLS``, so that a new control needs no edit here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from dash import Input, Output, State, callback, ctx, no_update
from dash.exceptions import PreventUpdate

from dashboard.dataset import get_published_dataset
from dashboard.filters import department_of
from dashboard.i18n import LANGS, t
from dashboard.roadmap_state import merge_query, strip_roadmap_params
from dashboard.viewstate import VIEW, Domain
from layouts import ids

__all__ = ["control_dependencies", "update_view_state"]


def control_dependencies(dependency, controls=ids.CONTROLS) -> dict:
    """``{field name: dependency(component id, property)}`` for every control."""
    return {name: dependency(component, prop) for name, (component, prop) in controls.items()}


@dataclass(frozen=True)
class _Change:
    """A new state, the controls to write it back to, and the link notice (if any)."""

    state: object
    rewrite: tuple[str, ...] = ()
    notice: object = no_update
    show_notice: object = no_update


def _notice(ignored, lang):
    if not ignored:
        return "", False
    items = ", ".join(f"{k}={v}" for k, v in ignored)
    return t("notice.ignored", lang, items=items), True


def _from_link(search, domain):
    # the roadmap's parameters are read by callbacks/roadmap.py (until they join the table)
    state, ignored = VIEW.parse_query(strip_roadmap_params(search), domain)
    return _Change(state, tuple(ids.CONTROLS), *_notice(ignored, state.lang))


def _from_click(click, data, old):
    point = (click or {}).get("points", [{}])[0]
    dep = department_of(data.communes, old.level, str(point.get("location", "")))
    if dep is None:
        raise PreventUpdate
    return _Change(replace(old, departements=(dep,)), tuple(ids.CONTROLS))


def _change(trigger, inputs, data, domain, old, first: bool) -> _Change:
    if first:  # first call: the link decides
        return _from_link(inputs["search"], domain)
    if trigger == ids.LANG_TOGGLE:
        return _Change(replace(old, lang=LANGS[(LANGS.index(old.lang) + 1) % len(LANGS)]))
    if trigger == ids.FILTER_RESET:
        return _Change(VIEW.reset(old), tuple(ids.CONTROLS))
    if trigger == ids.DATASET_KEY:
        return _Change(old)
    if trigger == ids.MAP_GRAPH:
        return _from_click(inputs["click"], data, old)
    return _Change(*VIEW.from_controls(inputs["controls"], domain, old))


@callback(
    output=dict(search=Output(ids.URL, "search"), store=Output(ids.VIEW_STATE, "data"),
                lang=Output(ids.LANG, "data"), notice=Output(ids.URL_NOTICE, "children"),
                show_notice=Output(ids.URL_NOTICE, "is_open"),
                controls=control_dependencies(Output)),
    inputs=dict(search=Input(ids.URL, "search"), controls=control_dependencies(Input),
                lang_clicks=Input(ids.LANG_TOGGLE, "n_clicks"),
                reset_clicks=Input(ids.FILTER_RESET, "n_clicks"),
                click=Input(ids.MAP_GRAPH, "clickData"),
                dataset_key=Input(ids.DATASET_KEY, "data")),
    state=dict(current=State(ids.VIEW_STATE, "data")),
)
def update_view_state(search, controls, lang_clicks, reset_clicks, click, dataset_key,
                      current):
    """URL → controls on load; controls, language, reset and map clicks → URL and store.
    The store also carries the key of the session's dataset, so that every panel follows an
    import."""
    data = get_published_dataset()  # reference, calls, year bounds: shared by every dataset
    domain, old = Domain.of(data), VIEW.from_store(current)
    first = ctx.triggered_id in (None, ids.URL) or current is None
    change = _change(ctx.triggered_id, {"search": search, "controls": controls, "click": click},
                     data, domain, old, first)
    state, shown = change.state, VIEW.to_controls(change.state, domain, change.rewrite)
    return dict(search=merge_query(VIEW.to_query(state), search),
                store={**VIEW.to_store(state), "dataset": dataset_key},
                lang=state.lang if state.lang != old.lang or current is None else no_update,
                notice=change.notice, show_notice=change.show_notice,
                controls={name: shown.get(name, no_update) for name in ids.CONTROLS})
