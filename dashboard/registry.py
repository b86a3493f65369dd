"""The registry as the dashboard holds it: validated venues, calls for projects and funding.

Reading and validating files is elsewhere: ``canonical.py`` (the strict canonical format),
``importing/`` (users' files of any usual shape), both through ``pipeline.py``; problems and
row reports are ``report.py``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard import schema
from dashboard.report import RegistryFileError, Report

__all__ = ["Registry", "usage_matrix", "empty_funding", "RegistryFileError"]


@dataclass
class Registry:
    venues: pd.DataFrame
    calls: pd.DataFrame
    funding: pd.DataFrame
    reports: dict[str, Report]

    @property
    def is_demo(self) -> bool:
        return bool(len(self.venues)) and bool((self.venues["source"] == "demo").all())


def empty_funding() -> pd.DataFrame:
    return pd.DataFrame({"venue_id": [], "call_id": [], "amount_eur": []})


def usage_matrix(venues: pd.DataFrame) -> pd.DataFrame:
    """Boolean venue × usage table (columns in vocabulary order).

    Venues share few distinct ``usages`` strings (a combination of codes): each distinct one
    is split once and its row taken for every venue that has it (40,000 venues: 2 ms, where
    splitting every venue's string took 110 ms)."""
    position, distinct = pd.factorize(venues["usages"].fillna(""), use_na_sentinel=False)
    table = np.array([[code in codes for code in schema.USAGE_CODES]
                      for codes in (set(str(u).split(schema.USAGE_SEPARATOR))
                                    for u in distinct)], dtype=bool)
    table = table.reshape(len(distinct), len(schema.USAGE_CODES))
    return pd.DataFrame(table[position], columns=list(schema.USAGE_CODES), index=venues.index)


# Thin compatibility for callers outside the venue pipeline's files (tests of other panels):
# these names moved to ``canonical.py``.
_MOVED = {name: "dashboard.canonical" for name in (
    "read_table", "validate_venues", "validate_calls", "validate_funding", "load_registry")}


def __getattr__(name: str):
    if name in _MOVED:
        return getattr(importlib.import_module(_MOVED[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
