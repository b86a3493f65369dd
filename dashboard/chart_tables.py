"""The data behind the hybridation and funding charts, as tables to export (issue 13, item 4).

One public function, ``chart_table``: the chart's numbers computed by the same functions the
chart uses (``dashboard.hybridation``, ``dashboard.funding``), rounded for a spreadsheet —
shares as percentages with one decimal, euros whole (euros per inhabitant to the cent) — with
headers in the interface's language. Unknown stays empty, never 0: a published envelope that
is not known, a national share the observatory does not report.

Pure: no Dash, no clock. The CSV itself is written by ``dashboard.export.to_csv_bytes`` (BOM,
``;`` and decimal comma in French, formulas neutralised).
"""

from __future__ import annotations

import pandas as pd

from dashboard import funding, hybridation, schema
from dashboard.i18n import t
from dashboard.table_exports import map_table

__all__ = ["CHART_TABLES", "chart_table", "recorded_for"]


def _pct(values) -> pd.Series:
    """Shares (0–1) as percentages with one decimal; unknown stays empty."""
    return (pd.to_numeric(pd.Series(values), errors="coerce") * 100).round(1)


def _eur(values) -> pd.Series:
    """Whole euros as integers; unknown stays empty."""
    return pd.to_numeric(pd.Series(values), errors="coerce").round().astype("Int64")


def _frame(columns: dict, lang: str) -> pd.DataFrame:
    """``{locale key: values}`` → a frame whose headers are the keys' texts in ``lang``."""
    return pd.DataFrame({t(key, lang): pd.Series(values).reset_index(drop=True)
                         for key, values in columns.items()})


def _usage_name(code: str, lang: str) -> str:
    return t("fund.unknown_usage", lang) if code == funding.UNKNOWN_USAGE \
        else schema.usage_label(code, lang)


def _count(view, data, state, _by) -> pd.DataFrame:
    lang = state.lang
    dist = hybridation.usage_count_distribution(view.venues)
    labels = [t("hyb.unknown", lang) if n == 0 else str(n) for n in dist.index]
    return _frame({"csv.n_usages": labels, "csv.venues": dist.to_numpy(),
                   "csv.share_of_venues": _pct(dist.to_numpy() / max(int(dist.sum()), 1))},
                  lang)


def _national(view, data, state, _by) -> pd.DataFrame:
    lang = state.lang
    shares = hybridation.usage_shares(view.venues)
    codes = [c for c in schema.USAGE_CODES
             if c in hybridation.NATIONAL_SHARES or shares.get(c, 0) > 0]
    return _frame({"csv.usage": [schema.usage_label(c, lang) for c in codes],
                   "csv.share_selection": _pct([shares.get(c, 0.0) for c in codes]),
                   "csv.share_national": _pct([hybridation.NATIONAL_SHARES.get(c)
                                               for c in codes])}, lang)


def _cooccurrence(view, data, state, _by) -> pd.DataFrame:
    lang = state.lang
    counts, shares = hybridation.cooccurrence(view.venues)
    codes = [c for c in schema.USAGE_CODES if c in counts.index and counts.at[c, c] > 0]
    pairs = [(a, b) for a in codes for b in codes if a != b]
    return _frame({"csv.usage": [schema.usage_label(a, lang) for a, _ in pairs],
                   "csv.also": [schema.usage_label(b, lang) for _, b in pairs],
                   "csv.venues_both": [int(counts.at[a, b]) for a, b in pairs],
                   "csv.venues_usage": [int(counts.at[a, a]) for a, _ in pairs],
                   "csv.share_also": _pct([shares.at[a, b] for a, b in pairs])}, lang)


def _combinations(view, data, state, _by) -> pd.DataFrame:
    lang = state.lang
    combos = hybridation.top_combinations(view.venues)
    return _frame({"csv.combination": [" + ".join(schema.usage_label(c, lang) for c in u)
                                       for u in combos["usages"]],
                   "csv.n_usages": combos["size"].astype(int),
                   "csv.venues": combos["venues"].astype(int)}, lang)


def _mix(view, data, state, _by) -> pd.DataFrame:
    lang = state.lang
    mix = hybridation.usage_mix_by_department(view.venues)
    names = data.names("departement")
    columns = {"csv.dep_code": list(mix.index),
               "csv.departement": [names.get(d, d) for d in mix.index]}
    out = _frame(columns, lang)
    for code in [c for c in schema.USAGE_CODES if c in mix.columns]:
        out[t("csv.usage_pct", lang, usage=schema.usage_label(code, lang))] = \
            _pct(mix[code].to_numpy()).to_numpy()
    return out


def _by_call(view, data, state, by) -> pd.DataFrame:
    lang = state.lang
    summary = funding.call_summary(view.funding, data.registry.calls)
    table = funding.funding_by_call(view.funding, view.venues, by).reindex(
        summary.index).fillna(0.0)
    names = data.names("departement")
    out = _frame({"csv.call": summary["name"], "csv.programme": summary["programme"],
                  "csv.year": summary["year"].astype(int)}, lang)
    for col in table.columns:
        part = f"{col} {names.get(col, col)}" if by == "departement" else _usage_name(col, lang)
        out[t("csv.eur_of", lang, part=part)] = _eur(table[col].to_numpy()).array
    out[t("csv.recorded_eur", lang)] = _eur(summary["recorded_eur"].to_numpy()).array
    out[t("csv.envelope_eur", lang)] = _eur(summary["envelope_eur"].to_numpy()).array
    return out


def _cumulative(view, data, state, _by) -> pd.DataFrame:
    lang = state.lang
    cum = funding.cumulative_by_year(view.funding, data.registry.calls)
    return _frame({"csv.year": [int(y) for y in cum.index],
                   "csv.year_eur": _eur(cum["amount_eur"].to_numpy()),
                   "csv.cumulative_eur": _eur(cum["cumulative_eur"].to_numpy())}, lang)


def _per_capita(view, data, state, _by) -> pd.DataFrame:
    lang = state.lang
    table = funding.funding_per_capita_by_department(view.funding, view.venues,
                                                     view.communes)
    names = data.names("departement")
    return _frame({"csv.dep_code": list(table.index),
                   "csv.departement": [names.get(d, d) for d in table.index],
                   "csv.funding_eur": _eur(table["funding_eur"].to_numpy()),
                   "csv.population": table["population"].astype("Int64"),
                   "csv.per_capita_eur": table["per_capita_eur"].round(2)}, lang)


def _map(view, data, state, _by) -> pd.DataFrame:
    """What the map colours, per territory: the level and indicator shown (grants not
    recorded: ``level_values`` leaves them unknown, so the cells stay empty)."""
    values = data.level_values(state, state.level,
                               distance=state.indicator == "distance_km")
    return map_table(values, data.names(state.level), state.indicator, state.lang)


# chart (the id of its graph in the dashboard) → (field the registry must record, builder)
CHART_TABLES = {
    "hybridation-count": ("usages", _count),
    "hybridation-national": ("usages", _national),
    "hybridation-cooccurrence": ("usages", _cooccurrence),
    "hybridation-upset": ("usages", _combinations),
    "hybridation-mix": ("usages", _mix),
    "funding-by-call": ("funding", _by_call),
    "funding-cumulative": ("funding", _cumulative),
    "funding-per-capita": ("funding", _per_capita),
    "map-graph": (None, _map),  # the map counts venues: always recorded
}


def recorded_for(chart: str, recorded) -> bool:
    """Whether the registry records what ``chart`` counts (the map counts venues: always)."""
    needs = CHART_TABLES[chart][0]
    return needs is None or needs in recorded


def chart_table(chart: str, data, state, *, stack_by: str = "departement") -> pd.DataFrame | None:
    """The table behind ``chart`` (a key of ``CHART_TABLES``) for ``state``; ``None`` when
    the registry does not record what the chart counts (unknown is not zero)."""
    if not recorded_for(chart, data.recorded):
        return None
    return CHART_TABLES[chart][1](data.view(state), data, state, stack_by)
