"""The fact-sheet link: the territory last clicked on the map (else the one selected
department, else the chooser)."""

from __future__ import annotations

from dash import Input, Output, callback

from callbacks.presentation import document_query
from dashboard.dataset import get_dataset
from dashboard.filters import state_from_dict
from dashboard.i18n import t
from dashboard.portrait import parse_territories, territory_name
from layouts import ids


@callback(
    Output(ids.PORTRAIT_LINK, "href"),
    Output(ids.PORTRAIT_LINK, "children"),
    Input(ids.VIEW_STATE, "data"),
    Input(ids.MAP_GRAPH, "clickData"),
)
def update_portrait_link(state_data, click):
    state, data = state_from_dict(state_data), get_dataset(state_data)
    clicked = str(((click or {}).get("points") or [{}])[0].get("location", ""))
    levels = (state.level, "commune", "epci", "departement")
    wanted = [f"territoire={lv}:{clicked}" for lv in levels if clicked]
    if not wanted and len(state.departements) == 1:
        wanted = [f"territoire=departement:{state.departements[0]}"]
    for pair in wanted:  # the clicked id at the map's level, else at the level it exists
        territory, _, _ = parse_territories(pair, data)
        if territory:
            return ("/portrait" + document_query(state_data, pair),
                    t("portrait.open", state.lang, name=territory_name(data, territory)))
    return "/portrait" + document_query(state_data), t("portrait.title", state.lang)
