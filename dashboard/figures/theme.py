"""The figures' look, once: one plotly template per language, the graphs' configuration.

``register_templates()`` adds ``tierslieux-fr`` and ``tierslieux-en`` to ``plotly.io.templates``
(the app calls it at start; ``template_name`` calls it too, so that a figure built by a test
or the CLI finds its template). Every figure passes ``template=template_name(lang)`` and sets
only what is its own (title, height, axes). The templates carry the font, the number
separators of the language (French: decimal comma, thousands grouped by a narrow no-break
space U+202F), margins, the Okabe-Ito colourway, white backgrounds and the hover label.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from dashboard import schema
from dashboard.i18n import DEFAULT_LANG, LANGS

__all__ = ["FONT_FAMILY", "COLORWAY", "SEPARATORS", "LABEL_COLORS", "USAGE_COLORS",
           "GRAPH_CONFIG", "MAP_GRAPH_CONFIG", "make_template", "register_templates",
           "template_name", "apply_template", "message_figure"]

FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
# Okabe-Ito: distinguishable with the common colour-vision deficiencies
COLORWAY = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
            "#000000"]
# plotly's ``separators``: decimal mark then thousands separator
SEPARATORS = {"fr": ",\u202f", "en": ".,"}
GRID = "#e9ecef"
# map markers: label statuses and main usages (Okabe-Ito first, then distinct darks)
LABEL_COLORS = {"labellise": "#D55E00", "candidat": "#E69F00", "non_labellise": "#222222",
                "inconnu": "#9e9e9e"}
USAGE_COLORS = dict(zip(schema.USAGE_CODES, [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8c6d1f", "#000000",
    "#7f7f7f", "#b15928"]))
# dcc.Graph / plotly.js configuration shared by every chart: no plotly logo, no link to
# Chart Studio (« edit in chart studio », « send to cloud »)
GRAPH_CONFIG = {"displayModeBar": False, "displaylogo": False, "showSendToCloud": False,
                "showEditInChartStudio": False}
# maps keep their mode bar (zoom, reset, PNG) but not the selection tools, which do nothing
MAP_GRAPH_CONFIG = {**GRAPH_CONFIG, "displayModeBar": "hover", "scrollZoom": True,
                    "modeBarButtonsToRemove": ["select2d", "lasso2d"]}
_PREFIX = "tierslieux"


def make_template(lang: str) -> go.layout.Template:
    """The template of one language (a new object each call)."""
    axis = {"gridcolor": GRID, "zerolinecolor": GRID, "linecolor": "#adb5bd",
            "automargin": True, "title": {"standoff": 8}}
    return go.layout.Template(layout={
        "font": {"family": FONT_FAMILY, "size": 13, "color": "#212529"},
        "title": {"font": {"size": 15}, "x": 0.01, "xanchor": "left"},
        "separators": SEPARATORS.get(lang, SEPARATORS[DEFAULT_LANG]),
        "margin": {"l": 10, "r": 10, "t": 50, "b": 40},
        "colorway": COLORWAY,
        "paper_bgcolor": "white", "plot_bgcolor": "white",
        "hoverlabel": {"bgcolor": "white", "font": {"size": 13}},
        "xaxis": axis, "yaxis": axis,
    })


def register_templates() -> None:
    """Add (or refresh) one template per language to ``plotly.io.templates``."""
    for lang in LANGS:
        pio.templates[f"{_PREFIX}-{lang}"] = make_template(lang)


def apply_template(fig: go.Figure, lang: str, *, title: str | None = None,
                   height: int | None = None) -> go.Figure:
    """Give ``fig`` the template of ``lang``, and its title and height if any."""
    fig.update_layout(template=template_name(lang), height=height,
                      **({"title": {"text": title}} if title is not None else {}))
    return fig


def template_name(lang: str) -> str:
    """The registered template of ``lang`` (registering the templates on first need)."""
    name = f"{_PREFIX}-{lang if lang in LANGS else DEFAULT_LANG}"
    if name not in pio.templates:
        register_templates()
    return name


def message_figure(message: str, *, lang: str, height: int = 300) -> go.Figure:
    """A figure that says why there is nothing to draw (no matching venue, a field the
    registry does not record) instead of empty axes."""
    fig = go.Figure()
    fig.add_annotation(text=message, x=0.5, y=0.5, xref="paper", yref="paper",
                       showarrow=False, font={"size": 15, "color": "#495057"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return apply_template(fig, lang, height=height)
