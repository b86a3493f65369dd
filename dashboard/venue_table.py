"""Rows of the venue table, served a page at a time, and the export of every row a user's
search, column filters and sort select.

The grid (AG Grid's infinite row model, ``callbacks/venues.py``) asks for rows ``start`` to
``end`` with its column filters and sort; the server answers with those rows and how many
match, whatever the size of the registry (issue 12: 400 venues sent 59 kB, 40,000 would
send 6 MB). ``venue_table`` builds the rows of a selection as shown (labels in the
language, a link only for a plain http(s) address) without a Python loop per venue;
``query_table`` applies the quick search, the column filters (``filterModel``) and the sort
(``sortModel``) as AG Grid would; ``shown_table`` keeps both in the dataset's view cache so
that turning pages costs only the slice.
"""

from __future__ import annotations

import json
import re
import unicodedata

import numpy as np
import pandas as pd

from dashboard import schema
from dashboard.i18n import t

__all__ = ["venue_rows", "venue_table", "query_table", "shown_table", "page_rows", "records",
           "export_frame", "EXPORT_FIELDS", "SEARCHED_FIELDS", "GRID_FIELDS"]

_SAFE_URL = re.compile(r"^https?://[^\s<>()\[\]]+$", re.IGNORECASE)
EXPORT_FIELDS = (("venue_id", "csv.venue_id"), ("name", "col.name"), ("commune", "col.commune"),
                 ("insee", "col.insee"), ("dep_code", "col.dep"), ("lat", "col.lat"),
                 ("lon", "col.lon"), ("usages", "col.usages"), ("label", "col.label"),
                 ("label_year", "col.label_year"), ("opened_year", "col.opened_year"),
                 ("funding_eur", "col.funding"), ("url", "col.url"))
# what the quick search looks into: the grid's columns as shown
SEARCHED_FIELDS = ("name", "commune", "dep_code", "usages", "label", "label_year",
                   "opened_year", "funding_eur", "url")
_COLUMNS = ("venue_id", "name", "commune", "insee", "dep_code", "lat", "lon", "usages",
            "label", "label_year", "opened_year", "funding_eur", "url", "url_link")
_YEAR_FIELDS = ("label_year", "opened_year")
# what a page sends the grid: its columns and the row's id (the export has the rest)
GRID_FIELDS = ("venue_id", "name", "commune", "dep_code", "usages", "label", "label_year",
               "opened_year", "funding_eur", "url_link")


def _markdown_escape(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]()#+\-.!<>|])", r"\\\1", text)


def _link(url: str) -> str:
    """A markdown link only for a plain http(s) address; anything else shows nothing."""
    if not isinstance(url, str) or not _SAFE_URL.match(url):
        return ""
    shown = re.sub(r"^https?://", "", url).rstrip("/")
    return f"[{_markdown_escape(shown)}]({url})"


def _per_distinct(values: pd.Series, shown) -> pd.Series:
    """``shown(value)`` for each value, computed once per distinct value."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    table = np.array([shown(u) for u in uniques] + [None], dtype=object)[:len(uniques)]
    return pd.Series(table[codes] if len(values) else [], index=values.index, dtype=object)


def _text(values: pd.Series) -> pd.Series:
    """Strings as they are; anything else (unknown) an empty string."""
    return _per_distinct(values, lambda v: v if isinstance(v, str) else "")


def _usages_shown(text, lang: str) -> str:
    codes = [c for c in str(text if isinstance(text, str) else "").split(
        schema.USAGE_SEPARATOR) if c]
    return ", ".join(schema.usage_label(c, lang) for c in codes) or t(
        "hover.usages_unknown", lang)


def _years(values: pd.Series):
    """Whole years (an unknown one stays unknown)."""
    number = pd.to_numeric(values, errors="coerce").astype("float64").to_numpy()
    return pd.array(np.trunc(number), dtype="Int64")


def _column(venues: pd.DataFrame, name: str) -> pd.Series:
    return venues[name] if name in venues else pd.Series(None, index=venues.index,
                                                         dtype=object)


def venue_table(venues: pd.DataFrame, funding: pd.DataFrame, lang: str, *,
                funding_recorded: bool = True) -> pd.DataFrame:
    """One row per venue, values as shown (labels in ``lang``), in the registry's order;
    funding is left empty (unknown), not 0, when the registry records no grant;
    coordinates to 5 decimals (about 1 m)."""
    money = funding.groupby("venue_id")["amount_eur"].sum()
    index = venues.index
    table = pd.DataFrame({
        "venue_id": venues["venue_id"].astype(object),
        "name": venues["name"].astype(object),
        "commune": _text(venues["commune_name"]),
        "insee": _text(_column(venues, "commune_insee")),
        "dep_code": _text(venues["dep_code"]),
        "lat": pd.to_numeric(_column(venues, "lat"), errors="coerce").round(5),
        "lon": pd.to_numeric(_column(venues, "lon"), errors="coerce").round(5),
        "usages": _per_distinct(venues["usages"], lambda u: _usages_shown(u, lang)),
        "label": _per_distinct(venues["label_status"],
                               lambda s: schema.label_status_label(s, lang)),
        "label_year": _years(venues["label_year"]),
        "opened_year": _years(venues["opened_year"]),
        "funding_eur": (venues["venue_id"].map(money).fillna(0.0).astype(float)
                        if funding_recorded else pd.Series(np.nan, index=index)),
        "url": _text(venues["url"]),
        "url_link": _per_distinct(venues["url"], _link),
    }, index=index)
    return table.reset_index(drop=True)


def records(table: pd.DataFrame) -> list[dict]:
    """Rows as JSON-ready dicts: unknown values ``None``, whole numbers ``int``."""
    out = table.astype(object).where(table.notna(), None).to_dict("records")
    for row in out:
        for key, value in row.items():
            if isinstance(value, np.generic):
                row[key] = value.item()
    return out


def venue_rows(venues: pd.DataFrame, funding: pd.DataFrame, lang: str, *,
               funding_recorded: bool = True) -> list[dict]:
    """``venue_table`` as a list of dicts."""
    return records(venue_table(venues, funding, lang, funding_recorded=funding_recorded))


# --------------------------------------------------------------------------- search, filters, sort

def _fold(values: pd.Series) -> pd.Series:
    """Text for comparing: lower case, as AG Grid's text filters compare."""
    text = values.astype(object).where(values.notna(), "")
    return text.map(str).str.lower()


def _sort_key(values: pd.Series) -> pd.Series:
    """Text sorted as a reader expects: case and accents do not split « Écluse » from
    « eau »."""
    if not (values.dtype == object or pd.api.types.is_string_dtype(values)):
        return values
    return _per_distinct(values, lambda v: None if not isinstance(v, str) or v == "" else
                         unicodedata.normalize("NFKD", v).encode("ascii", "ignore")
                         .decode().casefold())


def _text_condition(values: pd.Series, cond: dict) -> pd.Series:
    kind, wanted = cond.get("type", "contains"), str(cond.get("filter") or "").lower()
    text = _fold(values)
    blank = text == ""
    tests = {"contains": lambda: text.str.contains(wanted, regex=False),
             "notContains": lambda: ~text.str.contains(wanted, regex=False),
             "equals": lambda: text == wanted, "notEqual": lambda: text != wanted,
             "startsWith": lambda: text.str.startswith(wanted),
             "endsWith": lambda: text.str.endswith(wanted),
             "blank": lambda: blank, "notBlank": lambda: ~blank}
    return tests.get(kind, tests["contains"])()


def _number_condition(values: pd.Series, cond: dict) -> pd.Series:
    kind = cond.get("type", "equals")
    number = pd.to_numeric(values, errors="coerce").astype("float64")
    known = number.notna()
    if kind in ("blank", "notBlank"):
        return ~known if kind == "blank" else known
    low = float(cond["filter"]) if cond.get("filter") is not None else np.nan
    high = float(cond["filterTo"]) if cond.get("filterTo") is not None else np.nan
    tests = {"equals": number == low, "notEqual": (number != low) | ~known,
             "lessThan": number < low, "lessThanOrEqual": number <= low,
             "greaterThan": number > low, "greaterThanOrEqual": number >= low,
             "inRange": (number > low) & (number < high)}
    return tests.get(kind, tests["equals"]).fillna(False).astype(bool)


def _filter_mask(values: pd.Series, model: dict) -> pd.Series:
    """One column's filter model (a condition, or two joined by ``operator``)."""
    if "conditions" in model:
        masks = [_filter_mask(values, {"filterType": model.get("filterType"), **c})
                 for c in model["conditions"]]
        join = np.logical_or if model.get("operator") == "OR" else np.logical_and
        out = masks[0]
        for mask in masks[1:]:
            out = join(out, mask)
        return out
    if model.get("filterType") == "number":
        return _number_condition(values, model)
    return _text_condition(values, model)


def query_table(table: pd.DataFrame, *, search: str = "", filter_model: dict | None = None,
                sort_model: list | None = None) -> pd.DataFrame:
    """The rows of ``table`` the grid shows: every word of the quick ``search`` in one of
    the shown columns (any case), each column filter of ``filter_model`` (AG Grid's text and
    number filters), sorted by ``sort_model`` (unknown values first when ascending, as AG
    Grid puts them); the registry's order otherwise."""
    keep = pd.Series(True, index=table.index)
    words = (search or "").lower().split()
    if words:
        haystack = _fold(table[SEARCHED_FIELDS[0]])
        for field in SEARCHED_FIELDS[1:]:
            haystack = haystack + "\n" + _fold(table[field])
        for word in words:
            keep &= haystack.str.contains(word, regex=False)
    for column, model in (filter_model or {}).items():
        if column in table:
            keep &= _filter_mask(table[column], model).to_numpy()
    shown = table[keep.to_numpy()]
    sorts = [s for s in (sort_model or []) if s.get("colId") in table and s.get("sort")]
    if sorts and len(shown):
        keys, ascending = {}, []
        for i, s in enumerate(sorts):
            key, up = _sort_key(shown[s["colId"]]), s["sort"] == "asc"
            keys[f"u{i}"], keys[f"k{i}"] = key.isna(), key  # unknown first when ascending
            ascending += [not up, up]
        order = pd.DataFrame(keys, index=shown.index).sort_values(
            list(keys), ascending=ascending, kind="stable")
        shown = shown.loc[order.index]
    return shown


def shown_table(data, state, lang: str, *, search: str = "", filter_model: dict | None = None,
                sort_model: list | None = None) -> pd.DataFrame:
    """``query_table`` of the venues ``state`` selects in ``data`` (a ``Dataset``), kept in
    its view cache: the next page of the same query is a slice."""
    def table():
        view = data.view(state)
        return venue_table(view.venues, view.funding, lang,
                           funding_recorded="funding" in data.recorded)

    def query():
        base = data.cache.get_or_compute(("venue_table", lang) + state.filter_key(), table)
        return query_table(base, search=search, filter_model=filter_model,
                           sort_model=sort_model)

    key = ("venue_query", lang, search or "", json.dumps(filter_model or {}, sort_keys=True),
           json.dumps(sort_model or [], sort_keys=True)) + state.filter_key()
    return data.cache.get_or_compute(key, query)


def page_rows(table: pd.DataFrame, start: int, end: int) -> list[dict]:
    """Rows ``start`` (included) to ``end`` (excluded) as the grid takes them (its columns
    only)."""
    start = max(0, int(start or 0))
    return records(table.iloc[start:max(start, int(end or 0))][list(GRID_FIELDS)])


def export_frame(rows, lang: str) -> pd.DataFrame:
    """The rows the grid shows (after its search, filters and sort; a table or dicts),
    with translated headers; years stay whole numbers (``2021``, not ``2021,0``), an unknown
    one an empty cell."""
    columns = [f for f, _ in EXPORT_FIELDS]
    if isinstance(rows, pd.DataFrame):
        frame = rows.reindex(columns=columns).reset_index(drop=True)
    else:
        frame = pd.DataFrame(rows or [], columns=columns)
    for column in _YEAR_FIELDS:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").round().astype("Int64")
    return frame.rename(columns={f: t(k, lang) for f, k in EXPORT_FIELDS})
