"""File names of exported charts, tables and reports (issue 13, item 4): built from what the
file shows, so that a folder of exports sorts and reads by itself.

    export_filename("carte", ".png", indicator="Lieux pour 10 000 habitants",
                    departements=("31", "81"), day=date(2026, 11, 29))
    → "carte_lieux-pour-10000-hab_31-81_2026-11-29.png"

Pure: no clock, no state. Words are lower-cased ASCII (accents dropped), digits grouped by a
space or a no-break space joined (« 10 000 » → ``10000``), « habitants » shortened to ``hab``,
everything else between words becomes ``-``; parts are joined by ``_``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

__all__ = ["slug", "export_filename", "REGION_SCOPE", "MAX_SLUG"]

REGION_SCOPE = "occitanie"
MAX_SLUG = 40
_GROUPED_DIGITS = re.compile(r"(?<=\d)[\s\u00a0\u202f](?=\d{3}\b)")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae", "ß": "ss"})
_ABBREVIATIONS = {"habitants": "hab", "habitant": "hab", "inhabitants": "inh",
                  "inhabitant": "inh"}


def slug(text: str, max_length: int = MAX_SLUG) -> str:
    """``Lieux pour 10 000 habitants`` → ``lieux-pour-10000-hab``; cut at a word boundary
    within ``max_length`` characters."""
    text = _GROUPED_DIGITS.sub("", str(text)).translate(_LIGATURES)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = [w for w in re.split(r"[^a-z0-9]+", ascii_text.lower()) if w]
    words = [_ABBREVIATIONS.get(w, w) for w in words]
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > max_length:
            break
        out = candidate
    return out or (words[0][:max_length] if words else "")


def export_filename(kind: str, extension: str, *, day: dt.date, indicator: str | None = None,
                    departements: tuple[str, ...] = (), extra: tuple[str, ...] = ()) -> str:
    """``<kind>_<indicator>_<departments or occitanie>[_<extra>…]_<YYYY-MM-DD><extension>``;
    empty parts are left out. ``extension`` with or without its dot."""
    scope = "-".join(sorted(departements)) if departements else REGION_SCOPE
    parts = [slug(kind), slug(indicator) if indicator else "", scope,
             *(slug(e) for e in extra), day.isoformat()]
    ext = extension if extension.startswith(".") else f".{extension}"
    return "_".join(p for p in parts if p) + ext.lower()
