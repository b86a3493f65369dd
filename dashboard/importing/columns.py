"""Recognising columns: French and English header synonyms, case- and accent-insensitive, or
an explicit mapping ``{"header in the file": "field"}`` given by the user.

Fields beyond the canonical schema that help locate a venue: ``postcode``, ``city``.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalise", "SYNONYMS", "FIELDS", "recognise_columns", "header_score",
           "FUNDING_SYNONYMS"]


def normalise(text: str) -> str:
    """Lower case, no accents, punctuation as spaces: « Année de labellisation » → « annee de
    labellisation »."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("œ", "oe").replace("æ", "ae")
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


SYNONYMS: dict[str, tuple[str, ...]] = {
    "venue_id": ("venue id", "id", "identifiant", "id lieu", "identifiant du lieu",
                 "identifiant lieu", "ref", "reference"),
    "name": ("name", "nom", "nom du lieu", "nom lieu", "lieu", "tiers lieu", "structure",
             "denomination", "raison sociale", "venue", "venue name",
             # national schemas: CGET census (NOM_TL), France Services (lib_fs)
             "nom tl", "lib fs", "nom de la structure", "nom du tiers lieu", "intitule"),
    "commune_insee": ("commune insee", "code insee", "insee", "code commune", "cog",
                      "code officiel geographique", "insee code", "code insee commune",
                      "inseecom", "insee com", "codgeo", "depcom", "code geo", "com insee"),
    "postcode": ("code postal", "cp", "postcode", "postal code", "zip", "zip code",
                 "code postale", "codpost", "code post", "cp com"),
    "city": ("ville", "commune", "city", "town", "localite", "nom commune", "nom de la commune",
             "municipality", "nomcom", "nom com", "libcom", "lib com", "libelle commune"),
    "lat": ("lat", "latitude", "y", "lat wgs84", "latitude wgs84"),
    "lon": ("lon", "lng", "long", "longitude", "x", "lon wgs84", "longitude wgs84"),
    "usages": ("usages", "usage", "typologie", "typologies", "type", "types", "activites",
               "activite", "services", "type de lieu", "categorie", "categories",
               "typo", "typologie du lieu", "type de structure"),
    "label_status": ("label", "statut", "label status", "statut label", "statut du label",
                     "labellise", "labellisation", "label tiers lieux occitanie"),
    "label_year": ("annee de labellisation", "annee labellisation", "annee du label",
                   "annee label", "label year", "date de labellisation"),
    "opened_year": ("annee d ouverture", "annee ouverture", "ouverture", "date d ouverture",
                    "opened", "opened year", "annee de creation", "creation", "year opened"),
    "url": ("url", "site", "site web", "site internet", "website", "web", "lien",
            "internet", "site internet du lieu", "www"),
    "source": ("source",),
}
FIELDS = tuple(SYNONYMS)

FUNDING_SYNONYMS: dict[str, tuple[str, ...]] = {
    "venue_id": SYNONYMS["venue_id"],
    "name": SYNONYMS["name"],
    "city": SYNONYMS["city"],
    "commune_insee": SYNONYMS["commune_insee"],
    "call": ("call id", "call", "appel", "appel a projets", "aap", "dispositif", "programme",
             "appel a projet"),
    "year": ("annee", "year", "millesime", "annee de l appel"),
    "amount_eur": ("amount eur", "amount", "montant", "montant eur", "subvention",
                   "montant de la subvention", "aide", "montant accorde", "financement"),
}

_LOOKUP = {normalise(s): field for field, syns in SYNONYMS.items() for s in syns}
_FUNDING_LOOKUP = {normalise(s): field for field, syns in FUNDING_SYNONYMS.items() for s in syns}


def header_score(cells: list[str]) -> float:
    """How much a row looks like a header: share of cells that are known column names."""
    known = sum(1 for c in cells if normalise(c) in _LOOKUP or normalise(c) in _FUNDING_LOOKUP)
    return known + 0.01 * len(cells) if known else 0.0


def recognise_columns(columns: list[str], mapping: dict[str, str] | None = None,
                      funding: bool = False) -> tuple[dict[str, str], list[str]]:
    """({field: column in the file}, [columns kept aside]). An explicit ``mapping`` wins; the
    first column matching a field wins over later ones (which are kept aside)."""
    lookup = _FUNDING_LOOKUP if funding else _LOOKUP
    fields = tuple(FUNDING_SYNONYMS) if funding else FIELDS
    found: dict[str, str] = {}
    mapping = mapping or {}
    for column, field in mapping.items():
        if column in columns and field in fields:
            found[field] = column
    for column in columns:
        if column in found.values():
            continue
        field = lookup.get(normalise(column))
        if field and field not in found:
            found[field] = column
    aside = [c for c in columns if c not in found.values() and c != "source_row"]
    return found, aside
