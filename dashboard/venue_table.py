"""Rows of the venue table, and the export of exactly the rows a user sees."""

from __future__ import annotations

import re

import pandas as pd

from dashboard import schema
from dashboard.i18n import t

__all__ = ["venue_rows", "export_frame", "EXPORT_FIELDS"]

_SAFE_URL = re.compile(r"^https?://[^\s<>()\[\]]+$", re.IGNORECASE)
EXPORT_FIELDS = (("venue_id", "venue_id"), ("name", "col.name"), ("commune", "col.commune"),
                 ("dep_code", "col.dep"), ("usages", "col.usages"), ("label", "col.label"),
                 ("label_year", "col.label_year"), ("opened_year", "col.opened_year"),
                 ("funding_eur", "col.funding"), ("url", "col.url"))


def _markdown_escape(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]()#+\-.!<>|])", r"\\\1", text)


def _link(url: str) -> str:
    """A markdown link only for a plain http(s) address; anything else shows nothing."""
    if not isinstance(url, str) or not _SAFE_URL.match(url):
        return ""
    shown = re.sub(r"^https?://", "", url).rstrip("/")
    return f"[{_markdown_escape(shown)}]({url})"


def venue_rows(venues: pd.DataFrame, funding: pd.DataFrame, lang: str, *,
               funding_recorded: bool = True) -> list[dict]:
    """One dict per venue, values as shown (labels in ``lang``), for the grid; funding is
    left empty (unknown), not 0, when the registry records no grant."""
    money = funding.groupby("venue_id")["amount_eur"].sum()
    rows = []
    for v in venues.itertuples(index=False):
        usages = [c for c in str(v.usages or "").split(schema.USAGE_SEPARATOR) if c]
        rows.append({
            "venue_id": v.venue_id,
            "name": v.name,
            "commune": v.commune_name if isinstance(v.commune_name, str) else "",
            "dep_code": v.dep_code if isinstance(v.dep_code, str) else "",
            "usages": ", ".join(schema.usage_label(c, lang) for c in usages)
            or t("hover.usages_unknown", lang),
            "label": schema.label_status_label(v.label_status, lang),
            "label_year": None if pd.isna(v.label_year) else int(v.label_year),
            "opened_year": None if pd.isna(v.opened_year) else int(v.opened_year),
            "funding_eur": float(money.get(v.venue_id, 0.0)) if funding_recorded else None,
            "url": v.url if isinstance(v.url, str) else "",
            "url_link": _link(v.url),
        })
    return rows


def export_frame(rows: list[dict] | None, lang: str) -> pd.DataFrame:
    """The rows the grid shows (after its search, filters and sort), with translated headers."""
    frame = pd.DataFrame(rows or [], columns=[f for f, _ in EXPORT_FIELDS])
    return frame.rename(columns={f: (t(k, lang) if k.startswith("col.") else k)
                                 for f, k in EXPORT_FIELDS})
