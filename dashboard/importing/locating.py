"""Finding a venue's commune: from coordinates (point in polygon), an INSEE code, or a
postcode and a commune name (accents, case, « St », hyphens, articles, former names of merged
communes, postcodes that lost their leading zero, CEDEX codes resolved by name). The point in
polygon is ``reference.locate_points``; decimals are read by ``pipeline.parse_decimal``."""

from __future__ import annotations

import difflib
import re

import numpy as np
import pandas as pd

from dashboard.importing.columns import normalise
from dashboard.pipeline import parse_decimal

__all__ = ["Gazetteer", "parse_coordinate", "normalise_postcode", "name_key"]

_ARTICLE = re.compile(r"^(le|la|les|l)\s+")
_SUFFIX_ARTICLE = re.compile(r"\s*\((le|la|les|l'?)\)$")


def name_key(name: str) -> str:
    """Comparison key of a commune name: « ST-CHELY D'APCHER » → « saint chely d apcher »,
    « L'Aiguillon » and « Aiguillon (L') » → « aiguillon »."""
    text = str(name).strip().lower()
    text = _SUFFIX_ARTICLE.sub("", text.replace("’", "'"))
    text = normalise(text)
    text = re.sub(r"\bste\b", "sainte", re.sub(r"\bst\b", "saint", text))
    text = _ARTICLE.sub("", text)
    text = re.sub(r"\bcedex\b.*$", "", text).strip()
    return re.sub(r"\s+\d+$", "", text)  # « Toulouse 31 », « Montpellier 2 »


def parse_coordinate(text: str) -> tuple[float | None, bool]:
    """(value, repaired): decimal comma accepted (a repair); None when empty or unreadable."""
    value, repaired = parse_decimal(str(text))
    if value is None or np.isnan(value):
        return None, False
    return value, repaired


def normalise_postcode(text: str) -> tuple[str, bool]:
    """(five-digit postcode or "", repaired): « 9300 » → « 09300 », « 31 000 » → « 31000 »."""
    digits = re.sub(r"\D", "", str(text))
    if len(digits) == 4:
        return "0" + digits, True
    if len(digits) == 5:
        return digits, digits != str(text).strip()
    return "", False


class Gazetteer:
    """Commune lookup by name and postcode over a reference layer's gazetteer."""

    def __init__(self, gazetteer: pd.DataFrame, communes: pd.DataFrame):
        g = gazetteer.copy()
        g["key"] = g["name"].map(name_key)
        parent_postcodes = g[g["kind"] == "actuelle"].set_index("insee")["postcodes"]
        g["postcodes"] = np.where(g["postcodes"] == "", g["insee"].map(parent_postcodes),
                                  g["postcodes"])
        self.table = g
        self.by_key = g.groupby("key")
        self.names = communes.set_index("insee")["name"]
        self.by_postcode: dict[str, set[str]] = {}
        for insee, codes in zip(g["insee"], g["postcodes"]):
            for code in str(codes).split(","):
                if code:
                    self.by_postcode.setdefault(code, set()).add(insee)

    def resolve(self, city: str, postcode: str) -> tuple[str | None, tuple | None]:
        """(INSEE code or None, how): how is ``(problem code, params)`` for an ambiguous or
        indirect match (``commune.former``, ``commune.completed``, ``commune.spelling``,
        ``commune.from_postcode``; ``commune.ambiguous`` when the code is None), else None."""
        key = name_key(city) if city else ""
        in_postcode = self.by_postcode.get(postcode, set())
        if key and key in self.by_key.groups:
            found = self._by_name(key, postcode, in_postcode)
            if len(found) == 1:
                return self._named(key, found.pop())
            if len(found) > 1:
                return None, ("commune.ambiguous", {"codes": ", ".join(sorted(found))})
        if key and in_postcode:
            return self._within_postcode(key, city, in_postcode)
        if not key and len(in_postcode) == 1:
            code = next(iter(in_postcode))
            return code, ("commune.from_postcode", {"postcode": postcode})
        return None, None

    def _by_name(self, key: str, postcode: str, in_postcode: set[str]) -> set[str]:
        found = set(self.by_key.get_group(key)["insee"])
        if len(found) > 1 and in_postcode:
            found &= in_postcode
        if len(found) > 1 and postcode:
            found = {c for c in found if c.startswith(postcode[:2])}
        return found

    def _named(self, key: str, code: str) -> tuple[str, tuple | None]:
        rows = self.by_key.get_group(key)
        row = rows[rows["insee"] == code].iloc[0]
        if row["kind"] == "ancienne":
            return code, ("commune.former", {"former": row["name"],
                                             "name": self.names.get(code, code), "code": code})
        return code, None

    def _within_postcode(self, key: str, city: str, in_postcode: set[str]
                         ) -> tuple[str | None, tuple | None]:
        """A name that starts a commune's name, or a spelling slip (« Vabre l'Abbaye » for
        Vabres-l'Abbaye), among the communes of the postcode."""
        prefixed = {c for c in in_postcode
                    if any(k.startswith(key) for k in
                           self.table.loc[self.table["insee"] == c, "key"])}
        if len(prefixed) == 1:
            code = prefixed.pop()
            return code, ("commune.completed", {"city": city,
                                                "name": self.names.get(code, code)})
        candidates = self.table[self.table["insee"].isin(in_postcode)]
        close = difflib.get_close_matches(key, list(candidates["key"]), n=2, cutoff=0.85)
        found = set(candidates.loc[candidates["key"].isin(close), "insee"])
        if len(found) == 1:
            code = found.pop()
            return code, ("commune.spelling", {"city": city,
                                               "name": self.names.get(code, code)})
        return None, None
