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
    """Boolean venue × usage table (columns in vocabulary order). Each distinct ``usages``
    text is split once (a registry has few: 40,000 venues in 0.01 s)."""
    codes, texts = pd.factorize(venues["usages"].fillna(""), sort=False)
    offered = [set(str(text).split(schema.USAGE_SEPARATOR)) for text in texts]
    table = np.array([[c in s for c in schema.USAGE_CODES] for s in offered],
                     dtype=bool).reshape(len(offered), len(schema.USAGE_CODES))
    return pd.DataFrame(table[codes], index=venues.index, columns=list(schema.USAGE_CODES))


# Thin compatibility for callers outside the venue pipeline's files (tests of other panels):
# these names moved to ``canonical.py``.
_MOVED = {name: "dashboard.canonical" for name in (
    "read_table", "validate_venues", "validate_calls", "validate_funding", "load_registry")}


def __getattr__(name: str):
    if name in _MOVED:
        return getattr(importlib.import_module(_MOVED[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
