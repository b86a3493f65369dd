"""The fact sheet from the map: a click on a territory opens a card over the map — its name,
« Ouvrir le portrait » (the fact sheet with the current filters, language and dataset), the
same in a new tab — and the header link follows the territory last clicked (else the one
selected department, else the chooser)."""

from __future__ import annotations

from dash import Input, Output, State, callback, ctx, html, no_update
from dash.exceptions import MissingCallbackContextException

from callbacks.presentation import document_query
from dashboard.dataset import get_dataset
from dashboard.filters import state_from_dict
from dashboard.i18n import t
from dashboard.portrait import parse_territories, territory_name
from layouts import ids

__all__ = ["clicked_territory", "update_portrait_link", "update_territory_card"]


def clicked_territory(state_data, click):
    """``(territory, fact-sheet address)`` of the territory under ``click`` — its id looked
    up at the map's level, else at the level where it exists — or ``(None, None)`` (a click
    on a venue's marker, or nowhere)."""
    state, data = state_from_dict(state_data), get_dataset(state_data)
    clicked = str(((click or {}).get("points") or [{}])[0].get("location", "") or "")
    for level in dict.fromkeys((state.level, "commune", "epci", "departement")):
        pair = f"territoire={level}:{clicked}"
        territory = parse_territories(pair, data)[0] if clicked else None
        if territory:
            return territory, "/portrait" + document_query(state_data, pair)
    return None, None


@callback(
    Output(ids.PORTRAIT_LINK, "href"),
    Output(ids.PORTRAIT_LINK, "children"),
    Input(ids.VIEW_STATE, "data"),
    Input(ids.MAP_GRAPH, "clickData"),
)
def update_portrait_link(state_data, click):
    state, data = state_from_dict(state_data), get_dataset(state_data)
    territory, href = clicked_territory(state_data, click)
    if territory is None and len(state.departements) == 1:
        territory, href = clicked_territory(state_data, {"points": [
            {"location": state.departements[0]}]})
    if territory is None:
        return "/portrait" + document_query(state_data), t("portrait.title", state.lang)
    return href, t("portrait.open", state.lang, name=territory_name(data, territory))


def _opened_by_click() -> bool:
    try:
        return f"{ids.MAP_GRAPH}.clickData" in ctx.triggered_prop_ids
    except MissingCallbackContextException:  # called as a plain function (tests)
        return True


@callback(
    Output(ids.MAP_CARD, "hidden"), Output(ids.MAP_CARD_TITLE, "children"),
    Output(ids.MAP_CARD_OPEN, "href"), Output(ids.MAP_CARD_OPEN, "children"),
    Output(ids.MAP_CARD_NEW_TAB, "href"), Output(ids.MAP_CARD_NOTE, "children"),
    Input(ids.MAP_GRAPH, "clickData"), Input(ids.VIEW_STATE, "data"),
    Input(ids.MAP_CARD_CLOSE, "n_clicks"), State(ids.MAP_CARD, "hidden"),
    prevent_initial_call=True,
)
def update_territory_card(click, state_data, _close, hidden):
    """Opened by a click on a territory (closed by a click elsewhere or its × button);
    while open its addresses follow the filters."""
    state, data = state_from_dict(state_data), get_dataset(state_data)
    territory, href = clicked_territory(state_data, click)
    opened = _opened_by_click()
    if territory is None or (not opened and (hidden or ctx.triggered_id == ids.MAP_CARD_CLOSE)):
        return True, no_update, no_update, no_update, no_update, no_update
    name = territory_name(data, territory)
    where = ", ".join(str(data.names("departement").get(d, d)) for d in state.departements)
    title = [html.Strong(name), html.Br(),
             html.Small(t(f"map.card.kind.{territory.level}", state.lang),
                        className="text-body-secondary")]
    return (False, title,
            href, t("map.card.open", state.lang), href,
            t("map.card.filtered", state.lang, where=where) if where else "")
