"""A text that the language callback translates (its id names the text's key)."""

from __future__ import annotations

from dash import html

from dashboard.i18n import t
from layouts import ids

__all__ = ["i18n_text"]


def i18n_text(key: str, lang: str, tag=html.Span, place: str = "", **kwargs):
    return tag(t(key, lang), id=ids.i18n(key, place), **kwargs)
