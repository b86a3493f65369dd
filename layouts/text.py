"""A text that the language callback translates (its id names the text's key)."""

from __future__ import annotations

from dash import html

from dashboard.i18n import t
from layouts import ids

__all__ = ["i18n_text", "dropdown_labels"]

_DROPDOWN_TEXTS = ("select_all", "deselect_all", "selected_count", "search", "clear_search",
                   "clear_selection", "no_options_found")


def i18n_text(key: str, lang: str, tag=html.Span, place: str = "", **kwargs):
    return tag(t(key, lang), id=ids.i18n(key, place), **kwargs)


def dropdown_labels(lang: str) -> dict:
    """``dcc.Dropdown(labels=…)`` in ``lang`` (Dash's own are English)."""
    return {k: t(f"dropdown.{k}", lang, num_selected="{num_selected}")
            for k in _DROPDOWN_TEXTS}
