"""What each call for projects funded, and where.

Grants are the funding rows of the selected venues. When stacked by usage, a grant is split
equally among its venue's usages (so that stacks add up to the call's total); venues whose
usages are unknown go to « usages non renseignés ».
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard import schema

__all__ = ["UNKNOWN_USAGE", "call_summary", "funding_by_call", "cumulative_by_year",
           "funding_per_capita_by_department", "panel_tables"]

UNKNOWN_USAGE = "_inconnu"


def call_summary(funding: pd.DataFrame, calls: pd.DataFrame) -> pd.DataFrame:
    """Per call (in year order): recorded total, venues funded, median grant, the published
    envelope and winners, and the gap between recorded and published envelope."""
    grouped = funding.groupby("call_id")["amount_eur"]
    table = calls.set_index("call_id")[["programme", "name", "year", "envelope_eur",
                                        "winners", "source_url"]].copy()
    table["envelope_eur"] = table["envelope_eur"].astype("float64")  # NaN: not published
    table["winners"] = table["winners"].astype("float64")
    table["year"] = table["year"].astype("int64")
    table["recorded_eur"] = grouped.sum().reindex(table.index).fillna(0.0)
    table["venues_funded"] = funding.groupby("call_id")["venue_id"].nunique().reindex(
        table.index).fillna(0).astype(int)
    table["median_grant_eur"] = grouped.median().reindex(table.index)
    envelope = table["envelope_eur"].astype(float)
    table["gap_eur"] = table["recorded_eur"] - envelope
    table["envelope_status"] = np.select(
        [envelope.isna(), np.isclose(table["recorded_eur"], envelope.fillna(-1), atol=0.5),
         table["recorded_eur"] > envelope], ["unknown", "equal", "over"], "under")
    return table.sort_values(["year", "programme"], kind="stable")


def funding_by_call(funding: pd.DataFrame, venues: pd.DataFrame, by: str) -> pd.DataFrame:
    """Amounts per call (rows) and department or usage (columns)."""
    merged = funding.merge(venues[["venue_id", "dep_code", "usages"]], on="venue_id",
                           how="left")
    if by == "departement":
        return merged.pivot_table(index="call_id", columns="dep_code", values="amount_eur",
                                  aggfunc="sum", fill_value=0.0)
    parts = merged.assign(usage=merged["usages"].fillna("").str.split(schema.USAGE_SEPARATOR))
    parts["usage"] = parts["usage"].map(lambda u: [c for c in u if c] or [UNKNOWN_USAGE])
    parts["share"] = parts["amount_eur"] / parts["usage"].map(len)
    exploded = parts.explode("usage")
    table = exploded.pivot_table(index="call_id", columns="usage", values="share",
                                 aggfunc="sum", fill_value=0.0)
    order = [c for c in (*schema.USAGE_CODES, UNKNOWN_USAGE) if c in table.columns]
    return table[order]


def cumulative_by_year(funding: pd.DataFrame, calls: pd.DataFrame) -> pd.DataFrame:
    """Amount recorded per call year and its running total."""
    years = funding["call_id"].map(calls.set_index("call_id")["year"])
    per_year = funding["amount_eur"].groupby(years).sum().sort_index()
    return pd.DataFrame({"amount_eur": per_year, "cumulative_eur": per_year.cumsum()})


def funding_per_capita_by_department(funding: pd.DataFrame, venues: pd.DataFrame,
                                     communes: pd.DataFrame) -> pd.DataFrame:
    """Funding, population and funding per inhabitant of each department of the territory."""
    population = communes.groupby("dep_code")["population"].sum()
    dep = funding["venue_id"].map(venues.set_index("venue_id")["dep_code"])
    amount = funding["amount_eur"].groupby(dep).sum().reindex(population.index,
                                                              fill_value=0.0)
    return pd.DataFrame({"funding_eur": amount, "population": population,
                         "per_capita_eur": amount / population.where(population > 0)})


def panel_tables(data, state, by: str) -> dict:
    """The funding panel's tables for the grants ``state`` selects in ``data`` (a
    ``Dataset``), stacked ``by`` department or usage, computed once per selection in its view
    cache (the stacking apart): a change of language only redraws the charts."""
    def common():
        view, calls = data.view(state), data.registry.calls
        return {"summary": call_summary(view.funding, calls),
                "cumulative": cumulative_by_year(view.funding, calls),
                "per_capita": funding_per_capita_by_department(view.funding, view.venues,
                                                               view.communes)}

    def stacked():
        view = data.view(state)
        return funding_by_call(view.funding, view.venues, by)

    key = state.filter_key()
    return {**data.cache.get_or_compute(("funding",) + key, common),
            "by_call": data.cache.get_or_compute(("funding_by", by) + key, stacked)}
