"""What a registry records at all: unknown is not zero.

A registry that has no usage, no label status or no grant for any venue does not record that
field (the CGET census has no label column; a file imported without a funding file has no
grants). The panels then say « non renseigné » instead of showing 0, 0 % or 0,00 €.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["RECORDABLE", "recorded_fields"]

RECORDABLE = ("usages", "label_status", "label_year", "opened_year", "funding")


def recorded_fields(venues: pd.DataFrame, funding: pd.DataFrame) -> frozenset[str]:
    """The fields of ``RECORDABLE`` that at least one venue (or grant) gives."""
    found = set()
    if venues["usages"].fillna("").astype(str).str.strip().ne("").any():
        found.add("usages")
    if venues["label_status"].fillna("inconnu").ne("inconnu").any():
        found.add("label_status")
    for year in ("label_year", "opened_year"):
        if venues[year].notna().any():
            found.add(year)
    if len(funding):
        found.add("funding")
    return frozenset(found)
