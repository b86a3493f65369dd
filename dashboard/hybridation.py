"""How venues combine usages (« hybridation des usages »).

Venues whose usages are unknown (empty) are counted apart and left out of every share.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard import schema
from dashboard.registry import usage_matrix

__all__ = ["NATIONAL_SHARES", "usage_count_distribution", "usage_shares", "cooccurrence",
           "top_combinations", "usage_mix_by_department", "panel_tables"]

# Observatoire national des tiers-lieux, 2023: share of tiers-lieux offering each usage
# (emploilr.com, « Les tiers-lieux en Occitanie »). Usages it does not report are absent.
NATIONAL_SHARES = {
    "coworking": 0.55, "culture": 0.31, "fablab": 0.28, "atelier_partage": 0.16,
    "living_lab": 0.15, "nourricier": 0.10, "cuisine_partagee": 0.06,
}


def _known(venues: pd.DataFrame) -> pd.DataFrame:
    return usage_matrix(venues)[lambda m: m.any(axis=1)]


def usage_count_distribution(venues: pd.DataFrame) -> pd.Series:
    """Number of venues by number of usages offered (index 0 = usages unknown)."""
    counts = usage_matrix(venues).sum(axis=1)
    return counts.value_counts().sort_index().rename("venues")


def usage_shares(venues: pd.DataFrame) -> pd.Series:
    """Share of venues (with known usages) offering each usage; sums to more than 1."""
    known = _known(venues)
    if known.empty:
        return pd.Series(0.0, index=list(schema.USAGE_CODES))
    return known.mean()


def cooccurrence(venues: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(counts, shares): ``counts[a][b]`` venues offering both a and b (the diagonal: a);
    ``shares[a][b] = counts[a][b] / counts[a][a]``, read « x % des a sont aussi des b »."""
    m = _known(venues).astype(int)
    counts = m.T @ m
    diag = pd.Series([counts.at[c, c] for c in counts.index], index=counts.index)
    shares = counts.div(diag.where(diag > 0), axis=0)
    return counts, shares


def top_combinations(venues: pd.DataFrame, top: int = 12) -> pd.DataFrame:
    """The most frequent exact combinations of usages: ``usages`` (tuple), ``size``,
    ``venues`` (count), sorted by count then size (for an UpSet chart); ties keep the order
    in which the registry first lists them."""
    m = _known(venues)
    if m.empty:
        return pd.DataFrame(columns=["usages", "size", "venues"])
    # one integer per combination (a bit per usage), counted without a Python row loop
    bits = pd.Series(m.to_numpy() @ (1 << np.arange(m.shape[1])), index=m.index)
    counts = bits.value_counts(sort=False)  # in order of first appearance
    codes = list(m.columns)
    table = pd.DataFrame({
        "usages": [tuple(c for j, c in enumerate(codes) if combo >> j & 1)
                   for combo in counts.index],
        "venues": counts.to_numpy()})
    table["size"] = table["usages"].map(len)
    table = table.sort_values(["venues", "size"], ascending=[False, True], kind="stable")
    return table[["usages", "size", "venues"]].head(top).reset_index(drop=True)


def usage_mix_by_department(venues: pd.DataFrame) -> pd.DataFrame:
    """Per department (rows), each usage's share of the usages offered there (rows sum
    to 1): the « mix » of a department's network."""
    m = _known(venues)
    if m.empty:
        return pd.DataFrame(columns=list(schema.USAGE_CODES))
    per_dep = m.astype(int).groupby(venues.loc[m.index, "dep_code"]).sum()
    return per_dep.div(per_dep.sum(axis=1), axis=0)


def panel_tables(data, state) -> dict:
    """Every table of the hybridation panel for the venues ``state`` selects in ``data`` (a
    ``Dataset``), computed once per selection in its view cache: a change of language only
    redraws the charts."""
    def compute():
        venues = data.view(state).venues
        return {"count": usage_count_distribution(venues), "shares": usage_shares(venues),
                "cooccurrence": cooccurrence(venues), "combinations": top_combinations(venues),
                "mix": usage_mix_by_department(venues)}

    return data.cache.get_or_compute(("hybridation",) + state.filter_key(), compute)
