"""Repairs of users' cells, each returning what it changed so the report can say it:
mojibake (ftfy), usage words → vocabulary codes, label words → statuses."""

from __future__ import annotations

import functools
import re

import ftfy

from dashboard import schema
from dashboard.importing.columns import normalise

__all__ = ["fix_mojibake", "map_usages", "map_label_status", "USAGE_WORDS"]

# normalised word or phrase → usage code
USAGE_WORDS: dict[str, str] = {
    **{normalise(code): code for code in schema.USAGE_CODES},
    **{normalise(fr): code for code, (fr, _en) in schema.USAGES.items()},
    **{normalise(en): code for code, (_fr, en) in schema.USAGES.items()},
    "coworking": "coworking", "co working": "coworking", "espace de coworking": "coworking",
    "espace de travail collaboratif": "coworking", "espace de travail partage": "coworking",
    "telecentre": "coworking", "tele centre": "coworking", "bureaux partages": "coworking",
    "centre d affaires": "coworking", "pepiniere": "coworking",
    "pepiniere d entreprises": "coworking", "hotel d entreprises": "coworking",
    "relais d entreprises": "coworking", "incubateur": "coworking",
    "fablab": "fablab", "fab lab": "fablab", "makerspace": "fablab", "maker space": "fablab",
    "hackerspace": "fablab", "atelier de fabrication numerique": "fablab",
    "epn": "mediation_numerique", "espace public numerique": "mediation_numerique",
    "mediation numerique": "mediation_numerique", "inclusion numerique": "mediation_numerique",
    "cyberbase": "mediation_numerique", "cyber base": "mediation_numerique",
    "france services": "mediation_numerique", "point numerique": "mediation_numerique",
    "culture": "culture", "culturel": "culture", "lieu culturel": "culture",
    "mediatheque": "culture", "bibliotheque": "culture", "friche culturelle": "culture",
    "atelier partage": "atelier_partage", "ateliers partages": "atelier_partage",
    "atelier": "atelier_partage", "artisanat": "atelier_partage",
    "living lab": "living_lab", "livinglab": "living_lab", "innovation sociale": "living_lab",
    "laboratoire d innovation": "living_lab",
    "nourricier": "nourricier", "tiers lieu nourricier": "nourricier",
    "alimentation": "nourricier", "agriculture": "nourricier",
    "cuisine partagee": "cuisine_partagee", "cuisine": "cuisine_partagee",
    "formation": "formation", "campus connecte": "formation", "ecole": "formation",
    "autre": "autre", "other": "autre",
}

LABEL_WORDS: dict[str, str] = {
    "labellise": "labellise", "labellisee": "labellise", "label": "labellise",
    "oui": "labellise", "yes": "labellise", "labelled": "labellise", "labeled": "labellise",
    "x": "labellise", "1": "labellise", "true": "labellise", "vrai": "labellise",
    "candidat": "candidat", "candidate": "candidat", "candidature": "candidat",
    "en cours": "candidat", "applicant": "candidat",
    "non labellise": "non_labellise", "non": "non_labellise", "no": "non_labellise",
    "0": "non_labellise", "false": "non_labellise", "faux": "non_labellise",
    "not labelled": "non_labellise",
    "inconnu": "inconnu", "unknown": "inconnu", "nc": "inconnu", "ne sait pas": "inconnu",
    "non labellise e": "non_labellise", "labellise e": "labellise",
}


def fix_mojibake(text: str) -> tuple[str, bool]:
    """UTF-8 read as Latin-1 (« Rue des Ã‰coles ») fixed with ftfy; (text, changed)."""
    if not text or text.isascii():
        return text, False
    fixed = ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False,
                          fix_latin_ligatures=False, fix_character_width=False)
    return fixed, fixed != text


_LONG_WORDS = [(re.compile(rf"\b{re.escape(w)}\b"), c)
               for w, c in sorted(USAGE_WORDS.items(), key=lambda kv: -len(kv[0])) if len(w) > 3]


def map_usages(text: str) -> tuple[list[str], list[str], bool]:
    """(codes in vocabulary order, words not understood, changed): « Télécentre, FabLab »
    → [coworking, fablab]. ``changed`` is False when the cell already held codes."""
    codes, unknown, changed = _map_usages(str(text))
    return list(codes), list(unknown), changed


@functools.lru_cache(maxsize=4096)
def _map_usages(text: str) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    parts = [p.strip() for p in re.split(r"[|;,/+\n]|\bet\b", str(text)) if p.strip()]
    codes, unknown = [], []
    for part in parts:
        code = USAGE_WORDS.get(normalise(part))
        if code is None:  # a longer phrase containing a known word
            words = normalise(part)
            code = next((c for pattern, c in _LONG_WORDS if pattern.search(words)), None)
        (codes.append(code) if code else unknown.append(part))
    ordered = tuple(c for c in schema.USAGE_CODES if c in codes)
    changed = [p.lower() for p in parts] != list(ordered)
    return ordered, tuple(unknown), changed


def map_label_status(text: str) -> tuple[str | None, bool]:
    """(status or None when not understood, changed)."""
    raw = str(text).strip()
    if not raw:
        return "inconnu", False
    code = LABEL_WORDS.get(normalise(raw))
    if code is None and normalise(raw).startswith("label"):
        code = "labellise"
    return code, code is not None and code != raw
