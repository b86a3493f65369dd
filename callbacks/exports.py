"""Chart downloads (issue 13, item 4): every graph's camera button gives a PNG at
presentation resolution named from what it shows; maps carry their title, the filters, the
source and the date in the image (charts get theirs from their own callbacks)."""

from __future__ import annotations

import datetime as dt

from dash import ALL, MATCH, Input, Output, Patch, State, callback, dcc, no_update

from dashboard.chart_tables import CHART_TABLES, chart_table, recorded_for
from dashboard.dataset import get_dataset
from dashboard.export import to_csv_bytes
from dashboard.export_names import export_filename
from dashboard.figures.exporting import chart_filename, export_caption, export_config, map_captions
from dashboard.figures.theme import GRAPH_CONFIG, MAP_GRAPH_CONFIG
from dashboard.filters import state_from_dict
from dashboard.i18n import in_sentence, t
from dashboard.indicators import get_indicator
from dashboard.slides import document_meta
from layouts import ids

__all__ = ["EXPORTED_GRAPHS", "graph_configs", "update_export_configs", "map_caption",
           "update_coverage_caption", "coverage_bars_caption", "chart_csv",
           "download_chart_data",
           "update_csv_buttons"]

# graph id → (base config, file kind, what it shows or None for the map's indicator)
EXPORTED_GRAPHS = {
    ids.MAP_GRAPH: (MAP_GRAPH_CONFIG, "carte", None),
    ids.COVERAGE_MAP: (MAP_GRAPH_CONFIG, "carte-couverture", "radius"),
    ids.COVERAGE_BY_DEP: (GRAPH_CONFIG, "couverture-departements", "radius"),
    ids.HYB_COUNT: (GRAPH_CONFIG, "hybridation", "nombre d'usages"),
    ids.HYB_NATIONAL: (GRAPH_CONFIG, "hybridation", "comparaison nationale"),
    ids.HYB_COOC: (GRAPH_CONFIG, "hybridation", "usages associes"),
    ids.HYB_UPSET: (GRAPH_CONFIG, "hybridation", "combinaisons"),
    ids.HYB_MIX: (GRAPH_CONFIG, "hybridation", "usages par departement"),
    ids.FUND_BY_CALL: (GRAPH_CONFIG, "financements", "par appel"),
    ids.FUND_CUMULATIVE: (GRAPH_CONFIG, "financements", "cumul"),
    ids.FUND_PER_CAPITA: (GRAPH_CONFIG, "financements", "par habitant"),
}


def _what(graph: str, state) -> str:
    shows = EXPORTED_GRAPHS[graph][2]
    return (t(f"indicator.{state.indicator}", "fr") if shows is None
            else f"{state.radius_km:g} km" if shows == "radius" else shows)


def graph_configs(state, day: dt.date) -> dict:
    """Config of every exported graph for ``state`` (pure): its file name, and plotly's
    mode bar in the page's language (``assets/plotly_locale_fr.js``)."""
    return {graph: {**export_config(base, chart_filename(
        kind, day=day, departements=state.departements, indicator=_what(graph, state))),
        "locale": state.lang}
        for graph, (base, kind, _) in EXPORTED_GRAPHS.items()}


def chart_csv(graph: str, state_data, stack_by: str | None, day: dt.date):
    """``(bytes, file name)`` of the CSV behind ``graph`` — the same name as its image, in
    ``.csv`` — or ``None`` when the registry does not record what the chart counts."""
    state = state_from_dict(state_data)
    frame = chart_table(graph, get_dataset(state_data), state,
                        stack_by=stack_by or "departement")
    if frame is None:
        return None
    name = export_filename(EXPORTED_GRAPHS[graph][1], ".csv", day=day,
                           indicator=_what(graph, state), departements=state.departements)
    return to_csv_bytes(frame, state.lang), name


@callback(Output({"type": ids.CHART_DOWNLOAD, "graph": MATCH}, "data"),
          Input({"type": ids.CHART_CSV, "graph": MATCH}, "n_clicks"),
          State({"type": ids.CHART_CSV, "graph": MATCH}, "id"),
          State(ids.VIEW_STATE, "data"), State(ids.FUND_STACK, "value"),
          prevent_initial_call=True)
def download_chart_data(_clicks, button, state_data, stack_by):
    """The numbers behind one hybridation or funding chart, as CSV."""
    if button["graph"] not in CHART_TABLES:
        return no_update
    out = chart_csv(button["graph"], state_data, stack_by, dt.date.today())
    return no_update if out is None else dcc.send_bytes(out[0], out[1])


@callback(
    *[Output(g, "config") for g in EXPORTED_GRAPHS],
    Input(ids.VIEW_STATE, "data"),
    *[State(g, "config") for g in EXPORTED_GRAPHS],
)
def update_export_configs(state_data, *current):
    """New configs only where the file name changes (a new config redraws the graph)."""
    configs = graph_configs(state_from_dict(state_data), dt.date.today())
    return tuple(no_update if now == new else new
                 for now, new in zip(current or [None] * len(configs), configs.values()))


def _caption(state_data) -> tuple:
    state = state_from_dict(state_data)
    return state, export_caption(document_meta(get_dataset(state_data), state))


def map_caption(state_data) -> list[dict]:
    """The main map's title and caption (``layout.annotations``). callbacks/map.py sends
    them with the map's own figure or Patch: a callback of its own made plotly.js
    recompute the whole map a second time after every change (a new annotation text is a
    « calc » change for plotly.js)."""
    state, caption = _caption(state_data)
    title = t("slides.map.title", state.lang, indicator=t(f"indicator.{state.indicator}",
                                                          state.lang),
              level=in_sentence(t(f"level.{state.level}", state.lang)))
    classes = get_indicator(state.indicator).classes
    if classes != "capped":  # the colour bar's flat steps are classes: say which
        title = f"{title} — {t(f'map.classes.{classes}', state.lang)}"
    return map_captions(title, caption)


@callback(Output(ids.COVERAGE_MAP, "figure", allow_duplicate=True),
          Input(ids.COVERAGE_META, "data"), State(ids.VIEW_STATE, "data"),
          prevent_initial_call=True)
def update_coverage_caption(coverage_meta, state_data):
    if not coverage_meta:
        return no_update
    state, caption = _caption(state_data)
    title = t("slides.coverage.title", state.lang, radius=f"{state.radius_km:g}")
    patch = Patch()
    patch["layout"]["annotations"] = map_captions(title, caption)
    return patch


def coverage_bars_caption(state_data) -> dict:
    """The coverage bars' caption (filters, source, date) and the top margin it needs, as
    ``make_coverage_bars`` options: given to the bars by
    the callback drawing them (``callbacks/coverage.py``): a caption patched from another
    callback could arrive before the bars and be lost."""
    _, caption = _caption(state_data)
    return {"subtitle": {"text": caption, "font": {"size": 11, "color": "#495057"}},
            "top_margin": 74 + 14 * (caption.count("<br>") + 1)}


@callback(Output({"type": ids.CHART_CSV, "graph": ALL}, "disabled"),
          Input(ids.VIEW_STATE, "data"), State({"type": ids.CHART_CSV, "graph": ALL}, "id"))
def update_csv_buttons(state_data, buttons):
    """A chart's CSV button is off when the registry does not record what it counts
    (its chart says so; a file of zeros would say otherwise)."""
    recorded = get_dataset(state_data).recorded
    return [not recorded_for(b["graph"], recorded) for b in buttons]
