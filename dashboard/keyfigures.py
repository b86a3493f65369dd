"""Key figures as text, the same on the dashboard's cards, slides, fact sheets and reports.

A figure that needs a field the registry does not record (label status, grants) reads
« non renseigné », never 0 or 0,00 € (``completeness.recorded_fields``).
"""

from __future__ import annotations

from collections.abc import Callable

from dashboard.i18n import format_decimal, format_eur, format_int, format_percent, t

__all__ = ["FIGURES", "NEEDS", "format_figure"]

FIGURES: dict[str, Callable[[float, str], str]] = {
    "venues": format_int,
    "labelled": format_int,
    "communes_with_venue": format_int,
    "communes": format_int,
    "population": format_int,
    "population_with_venue": format_int,
    "population_share": format_percent,
    "funding": format_eur,
    "funding_per_capita": format_eur,
    "venues_per_10k": lambda v, lang: format_decimal(v, lang, 2),
    "coverage_rate": format_percent,
    "uncovered_population": format_int,
}
# figure → the field it needs the registry to record
NEEDS = {"labelled": "label_status", "funding": "funding", "funding_per_capita": "funding"}


def format_figure(name: str, value: float, lang: str,
                  recorded: frozenset[str] | set[str] | None = None) -> str:
    """``value`` of key figure ``name`` in ``lang``; « non renseigné » when ``recorded``
    (the fields the registry records; None: all) lacks what the figure needs."""
    need = NEEDS.get(name)
    if recorded is not None and need is not None and need not in recorded:
        return t("kpi.not_recorded", lang)
    return FIGURES[name](value, lang)
