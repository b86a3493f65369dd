"""Guessing what a column holds from its values, for files whose headers say nothing we know.

Each column is profiled on its non-empty cells (placeholders such as « 0 », « - », « NC » count
as empty): the share of INSEE commune codes, postcodes, latitudes and longitudes of France,
commune names of the gazetteer, web addresses, years, usage or label words, and how much it
looks like a list of names. ``infer_columns`` then gives each still-unmatched field the column
that fits it best, with a confidence (the share that fits) and a reason code with parameters
(rendered in French or English by ``dashboard.i18n``: « 98 % des valeurs sont des codes
INSEE »). Header matches always win over content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from dashboard.importing.columns import normalise
from dashboard.importing.locating import name_key
from dashboard.importing.repairs import LABEL_WORDS, map_usages

__all__ = ["Vocabulary", "Inference", "ColumnProfile", "profile_column", "infer_columns",
           "missing_required", "looks_like_data", "PLACEHOLDERS"]

SAMPLE_ROWS = 2_000
PLACEHOLDERS = frozenset({"0", "-", "--", "nc", "na", "n a", "nan", "null", "none", "x", "?",
                          "non renseigne", "inconnu", "sans objet"})
# metropolitan France and Corsica
LAT_RANGE, LON_RANGE = (41.0, 51.6), (-5.6, 9.9)
MIN_SHARE = {"commune_insee": 0.8, "postcode": 0.8, "lat": 0.9, "lon": 0.9, "city": 0.5,
             "url": 0.6, "usages": 0.7, "label_status": 0.8, "opened_year": 0.9}
_DECIMAL = re.compile(r"^-?\d{1,3}[.,]\d+$")
_CODE = re.compile(r"^(\d{5}|2[AB]\d{3}|\d{4})$")
_URL = re.compile(r"^(https?://|www\.)\S+$|^[\w-]+(\.[\w-]+)*\.[a-z]{2,}(/\S*)?$", re.I)
_YEAR = re.compile(r"^(19|20)\d{2}$")
_STREET = re.compile(r"\b(rue|avenue|av|bd|boulevard|chemin|route|place|allee|impasse|quai|"
                     r"cours|lieu dit|lieudit|zone|za|zi|zac|bp|rond point|faubourg|"
                     r"residence|hameau)\b")
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


@dataclass(frozen=True)
class Vocabulary:
    """What the values are compared against: the reference layer's codes and names."""

    insee: frozenset[str]
    postcodes: frozenset[str]
    commune_keys: frozenset[str]
    dep_prefixes: frozenset[str]

    @classmethod
    def from_reference(cls, communes: pd.DataFrame, gazetteer: pd.DataFrame) -> Vocabulary:
        postcodes = {code for codes in gazetteer["postcodes"] for code in str(codes).split(",")
                     if code}
        return cls(insee=frozenset(communes["insee"]), postcodes=frozenset(postcodes),
                   commune_keys=frozenset(gazetteer["name"].map(name_key)),
                   dep_prefixes=frozenset(c[:2] for c in communes["insee"]))


@dataclass(frozen=True)
class Inference:
    field: str
    column: str
    confidence: float  # 0..1
    reason: str  # « header » or « content.<kind> »: an i18n key suffix
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ColumnProfile:
    column: str
    filled: int  # non-empty, non-placeholder cells in the sample
    distinct: float  # distinct values / filled
    shares: dict  # kind → share of the filled cells that fit it


def _filled(values: list[str]) -> list[str]:
    out = []
    for v in values:
        text = str(v).strip()
        if text and normalise(text) not in PLACEHOLDERS:
            out.append(text)
    return out


def _decimal(text: str) -> float | None:
    if not _DECIMAL.match(text):
        return None
    return float(text.replace(",", "."))


def _code_shares(cells: list[str], vocab: Vocabulary) -> dict:
    """INSEE codes and postcodes look alike (five digits): told apart by the reference's sets,
    judged on the values that fall in the region's departments."""
    codes = [c.zfill(5) for c in cells if _CODE.match(c)]
    pattern = len(codes) / len(cells)
    local = [c for c in codes if c[:2] in vocab.dep_prefixes]
    if not local:
        return {"commune_insee": 0.0, "postcode": 0.0}
    insee = sum(c in vocab.insee for c in local) / len(local)
    post = sum(c in vocab.postcodes for c in local) / len(local)
    if insee == post:  # the same numbers are both (31555 is no postcode; 31000 no code)
        return {"commune_insee": 0.0, "postcode": 0.0}
    winner = "commune_insee" if insee > post else "postcode"
    return {winner: pattern * max(insee, post),
            ("postcode" if winner == "commune_insee" else "commune_insee"): 0.0}


def _label_share(cells: list[str], distinct: int) -> float:
    words = [normalise(c) for c in cells]
    if distinct > 12 or all(w.isdigit() for w in words):  # 0/1 flags say nothing of a label
        return 0.0
    return sum(w in LABEL_WORDS or w.startswith("label") for w in words) / len(words)


def _usage_share(cells: list[str], distinct: int) -> float:
    if distinct > max(30, len(cells) // 3):  # a list of names, not a typology
        return 0.0
    fits = 0
    for text in set(cells):
        codes, unknown, _ = map_usages(text)
        if codes and not unknown:
            fits += cells.count(text)
    return fits / len(cells)


def profile_column(column: str, values: list[str], vocab: Vocabulary) -> ColumnProfile:
    """Shares of the column's filled cells that fit each kind of content."""
    cells = _filled(values[:SAMPLE_ROWS])
    if not cells:
        return ColumnProfile(column, 0, 0.0, {})
    n, distinct = len(cells), len(set(cells))
    numbers = [_decimal(c) for c in cells]
    shares = {
        **_code_shares(cells, vocab),
        "lat": sum(x is not None and LAT_RANGE[0] <= x <= LAT_RANGE[1] for x in numbers) / n,
        "lon": sum(x is not None and LON_RANGE[0] <= x <= LON_RANGE[1] for x in numbers) / n,
        "city": sum(name_key(c) in vocab.commune_keys for c in cells) / n,
        "url": sum(bool(_URL.match(c)) for c in cells) / n,
        "opened_year": sum(bool(_YEAR.match(c)) for c in cells) / n,
        "usages": _usage_share(cells, distinct),
        "label_status": _label_share(cells, distinct),
        "text": sum(bool(_LETTERS.search(c)) for c in cells) / n,
        "address": sum(bool(_STREET.search(normalise(c))) or bool(re.match(r"^\d+\s*\w", c))
                       for c in cells) / n,
    }
    return ColumnProfile(column, n, distinct / n, shares)


def _name_score(p: ColumnProfile) -> float:
    s = p.shares
    if s.get("text", 0) < 0.9 or s.get("address", 0) >= 0.3 or s.get("city", 0) >= 0.5 \
            or s.get("url", 0) >= 0.2 or p.distinct < 0.6:
        return 0.0
    return p.distinct * s["text"]


def infer_columns(frame: pd.DataFrame, vocab: Vocabulary,
                  known: dict[str, str] | None = None) -> dict[str, Inference]:
    """{field: Inference} for the fields ``known`` (field → column matched by its header)
    leaves open, each from a column that nothing else took; header matches are returned too,
    with reason « header »."""
    known = dict(known or {})
    result = {f: Inference(f, c, 1.0, "header") for f, c in known.items()}
    free = [c for c in frame.columns if c != "source_row" and c not in known.values()]
    profiles = [profile_column(c, frame[c].astype(str).tolist(), vocab) for c in free]
    taken: set[str] = set()
    for kind, minimum in MIN_SHARE.items():
        if kind in result or (kind == "opened_year" and "label_year" in result):
            continue
        # best share (to the percent), then the leftmost column
        ranked = sorted((p for p in profiles if p.column not in taken and p.filled),
                        key=lambda p: -round(p.shares.get(kind, 0), 2))
        if ranked and ranked[0].shares.get(kind, 0) >= minimum:
            best = ranked[0]
            share = best.shares[kind]
            result[kind] = Inference(kind, best.column, round(share, 3), f"content.{kind}",
                                     {"share": share})
            taken.add(best.column)
    if "name" not in result:
        scored = [(p, _name_score(p)) for p in profiles if p.column not in taken]
        scored = [(p, s) for p, s in scored if s > 0]
        if scored:
            best, score = max(scored, key=lambda ps: ps[1])  # max keeps the leftmost tie
            result["name"] = Inference("name", best.column, round(score, 3), "content.name",
                                       {"share": best.distinct})
    return result


def missing_required(fields: set[str]) -> list[str]:
    """What a venue file must give, missing from ``fields``: a name, and a place (coordinates,
    an INSEE code, or a commune name or postcode)."""
    missing = [] if "name" in fields else ["name"]
    has_place = {"lat", "lon"} <= fields or "commune_insee" in fields \
        or "city" in fields or "postcode" in fields
    return missing + ([] if has_place else ["place"])


def looks_like_data(row: list[str]) -> bool:
    """Whether a table's first row holds values rather than column names (a file without
    header): a quarter or more of its filled cells are numbers, codes or web addresses, which
    column names never are."""
    cells = [str(c).strip() for c in row if str(c).strip()]
    if len(cells) < 2:
        return False
    valued = sum(bool(_DECIMAL.match(c) or re.fullmatch(r"-?\d+", c) or _CODE.match(c)
                      or (_URL.match(c) and "." in c)) for c in cells)
    return valued >= max(1, len(cells) / 4)
