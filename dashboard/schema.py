"""Vocabularies and column definitions of the canonical registry (venues, calls, funding).

The same definitions drive validation (``registry.py``), the demo generator, the template
documented in ``data/README.md`` and the labels shown in the interface.
"""

from __future__ import annotations

__all__ = [
    "USAGES",
    "USAGE_CODES",
    "LABEL_STATUSES",
    "LABEL_CODES",
    "VENUE_COLUMNS",
    "REQUIRED_VENUE_COLUMNS",
    "CALL_COLUMNS",
    "FUNDING_COLUMNS",
    "USAGE_SEPARATOR",
    "FIRST_CALL_YEAR",
    "usage_label",
    "label_status_label",
]

USAGE_SEPARATOR = "|"
FIRST_CALL_YEAR = 2016

# code -> (French label, English label). Order is the display order.
USAGES: dict[str, tuple[str, str]] = {
    "coworking": ("Coworking", "Coworking"),
    "fablab": ("Fablab / makerspace", "Fablab / makerspace"),
    "mediation_numerique": ("Médiation numérique", "Digital inclusion"),
    "culture": ("Culture", "Culture"),
    "atelier_partage": ("Atelier partagé", "Shared workshop"),
    "living_lab": ("Living lab / innovation sociale", "Living lab / social innovation"),
    "nourricier": ("Tiers-lieu nourricier", "Food-related"),
    "cuisine_partagee": ("Cuisine partagée", "Shared kitchen"),
    "formation": ("Formation", "Training"),
    "autre": ("Autre usage", "Other"),
}
USAGE_CODES: tuple[str, ...] = tuple(USAGES)

LABEL_STATUSES: dict[str, tuple[str, str]] = {
    "labellise": ("Labellisé", "Labelled"),
    "candidat": ("Candidat", "Applicant"),
    "non_labellise": ("Non labellisé", "Not labelled"),
    "inconnu": ("Statut inconnu", "Unknown status"),
}
LABEL_CODES: tuple[str, ...] = tuple(LABEL_STATUSES)

VENUE_COLUMNS: tuple[str, ...] = (
    "venue_id",
    "name",
    "commune_insee",
    "lat",
    "lon",
    "usages",
    "label_status",
    "label_year",
    "opened_year",
    "url",
    "source",
)
# A venue needs an identifier, a name and a place (commune code or coordinates).
REQUIRED_VENUE_COLUMNS: tuple[str, ...] = ("venue_id", "name")

CALL_COLUMNS: tuple[str, ...] = (
    "call_id",
    "programme",
    "name",
    "year",
    "envelope_eur",
    "winners",
    "source_url",
)
FUNDING_COLUMNS: tuple[str, ...] = ("venue_id", "call_id", "amount_eur")


def usage_label(code: str, lang: str = "fr") -> str:
    fr, en = USAGES.get(code, (code, code))
    return en if lang == "en" else fr


def label_status_label(code: str, lang: str = "fr") -> str:
    fr, en = LABEL_STATUSES.get(code, (code, code))
    return en if lang == "en" else fr
