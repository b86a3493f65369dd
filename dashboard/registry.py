"""The registry as the dashboard holds it: validated venues, calls for projects and funding.

Reading and validating files is elsewhere: ``canonical.py`` (the strict canonical format),
``importing/`` (users' files of any usual shape), both through ``pipeline.py``; problems and
row reports are ``report.py``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

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
    """Boolean venue × usage table (columns in vocabulary order)."""
    split = venues["usages"].fillna("").str.split(schema.USAGE_SEPARATOR)
    return pd.DataFrame(
        {code: split.map(lambda codes, c=code: c in codes) for code in schema.USAGE_CODES},
        index=venues.index,
    )


# Thin compatibility for callers outside the venue pipeline's files (tests of other panels):
# these names moved to ``canonical.py``.
_MOVED = {name: "dashboard.canonical" for name in (
    "read_table", "validate_venues", "validate_calls", "validate_funding", "load_registry")}


def __getattr__(name: str):
    if name in _MOVED:
        return getattr(importlib.import_module(_MOVED[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
