"""Finding a venue's commune: from coordinates (point in polygon), an INSEE code, or a
postcode and a commune name (accents, case, « St », hyphens, articles, former names of merged
communes, postcodes that lost their leading zero, CEDEX codes resolved by name). The point in
polygon is ``reference.locate_points``; decimals are read by ``registry.parse_decimal``."""

from __future__ import annotations

import difflib
import re

import numpy as np
import pandas as pd

from dashboard.importing.columns import normalise
from dashboard.registry import parse_decimal

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

    def resolve(self, city: str, postcode: str) -> tuple[str | None, str]:
        """(INSEE code or None, how): how explains ambiguous or indirect matches."""
        key = name_key(city) if city else ""
        in_postcode = self.by_postcode.get(postcode, set())
        if key and key in self.by_key.groups:
            rows = self.by_key.get_group(key)
            found = set(rows["insee"])
            if len(found) > 1 and in_postcode:
                found &= in_postcode
            if len(found) > 1 and postcode:
                found = {c for c in found if c.startswith(postcode[:2])}
            if len(found) == 1:
                code = found.pop()
                row = rows[rows["insee"] == code].iloc[0]
                if row["kind"] == "ancienne":
                    return code, (f"ancienne commune « {row['name']} », fusionnée dans "
                                  f"{self.names.get(code, code)} ({code})")
                return code, ""
            if len(found) > 1:
                return None, (f"« {city} » désigne plusieurs communes "
                              f"({', '.join(sorted(found))})")
        if key and in_postcode:
            prefixed = {c for c in in_postcode
                        if any(k.startswith(key) for k in
                               self.table.loc[self.table["insee"] == c, "key"])}
            if len(prefixed) == 1:
                code = prefixed.pop()
                return code, (f"« {city} » complété en {self.names.get(code, code)} "
                              "d'après le code postal")
        if key and in_postcode:  # a spelling slip: « Vabre l'Abbaye » for Vabres-l'Abbaye
            candidates = self.table[self.table["insee"].isin(in_postcode)]
            close = difflib.get_close_matches(key, list(candidates["key"]), n=2, cutoff=0.85)
            found = set(candidates.loc[candidates["key"].isin(close), "insee"])
            if len(found) == 1:
                code = found.pop()
                return code, (f"« {city} » lu comme {self.names.get(code, code)} (orthographe "
                              "proche, même code postal)")
        if not key and len(in_postcode) == 1:
            code = next(iter(in_postcode))
            return code, f"commune déduite du code postal {postcode}"
        return None, ""
