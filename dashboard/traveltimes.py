"""Travel-time tables: coverage « à moins de M minutes » instead of straight-line km.

A table has three columns, ``origin_insee, destination_insee, minutes`` (as produced by a
routing engine's matrix — OSRM ``table``, Valhalla ``sources_to_targets`` — or INSEE's
« distancier » Metric), one row per pair of communes. Conventions (shown in the interface):

- a commune (origin) is served by a site standing in a destination commune reachable in at
  most M minutes; a site serves its own commune (0 min unless the table says otherwise);
- a pair given in one direction only borrows that time for the other direction; a pair given
  in neither direction is not reachable within any threshold (not guessed);
- rows whose codes are not communes of the reference, whose minutes are not a number ≥ 0, or
  that repeat a pair (the shortest time is kept) are reported as problems, by code.

``TravelTimes`` offers ``nearest`` and ``pairs`` like ``coverage.StraightLine``, so the same
coverage, zones-blanches, suggestion and scenario functions run in minutes.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["TravelTimes", "TravelTimeError", "read_travel_times", "travel_times_from_frame",
           "travel_time_notes",
           "COLUMNS", "MINUTES_RANGE", "DEFAULT_MINUTES"]

COLUMNS = ("origin_insee", "destination_insee", "minutes")
MINUTES_RANGE = (5, 90)
DEFAULT_MINUTES = 20


class TravelTimeError(ValueError):
    """A table that cannot be used at all: ``code`` and ``params`` render the message."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code, self.params = code, params


@dataclass(frozen=True, eq=False)
class TravelTimes:
    """A completed travel-time table (``origin``, ``destination``, ``minutes``)."""

    table: pd.DataFrame
    source: str
    rows_read: int
    problems: tuple = ()
    communes_missing: tuple = ()
    unit = "min"
    column = "minutes"

    def nearest(self, communes: pd.DataFrame, sites: pd.DataFrame):
        """(minutes to the nearest site, its index) per commune; NaN / -1 where none."""
        codes = communes["insee"].astype(str).to_numpy()
        dist, idx = np.full(len(codes), np.nan), np.full(len(codes), -1, dtype=np.int64)
        o, d, m = self._rows_to(sites)
        if len(o) == 0:
            return dist, idx
        first_site = self._first_site(sites)
        order = np.lexsort((first_site[d], m, o))
        o, d, m = o[order], d[order], m[order]
        keep = np.r_[True, o[1:] != o[:-1]]  # the shortest row of each origin
        where = self._index.get_indexer(codes)
        best = pd.Series(np.arange(keep.sum()), index=o[keep])
        pos = best.reindex(where).to_numpy()
        found = ~np.isnan(pos)
        pos = pos[found].astype(np.int64)
        dist[found] = m[keep][pos]
        idx[found] = first_site[d[keep][pos]]
        return dist, idx

    def pairs(self, sites: pd.DataFrame, communes: pd.DataFrame, threshold: float):
        """(site index, commune index) pairs at most ``threshold`` minutes apart."""
        o, d, m = self._rows_to(sites)
        near = m <= threshold
        rows = pd.DataFrame({"o": o[near], "d": d[near]})
        where = pd.DataFrame({"o": self._index.get_indexer(
            communes["insee"].astype(str).to_numpy()), "c": np.arange(len(communes))})
        at = pd.DataFrame({"d": self._index.get_indexer(
            sites["commune_insee"].astype(str).to_numpy()), "s": np.arange(len(sites))})
        found = rows.merge(where[where["o"] >= 0], on="o").merge(at[at["d"] >= 0], on="d")
        return found["s"].to_numpy(dtype=np.int64), found["c"].to_numpy(dtype=np.int64)

    @functools.cached_property
    def _index(self) -> pd.Index:
        return pd.Index(pd.unique(self.table["origin"]))  # every code has its self row

    @functools.cached_property
    def _arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(origin, destination, minutes) with codes as positions in ``_index``."""
        return (self._index.get_indexer(self.table["origin"].to_numpy(dtype=str)),
                self._index.get_indexer(self.table["destination"].to_numpy(dtype=str)),
                self.table["minutes"].to_numpy(dtype=float))

    def _first_site(self, sites: pd.DataFrame) -> np.ndarray:
        """Per code position, the first site standing in that commune (-1 if none)."""
        first = np.full(len(self._index), -1, dtype=np.int64)
        where = self._index.get_indexer(sites["commune_insee"].astype(str).to_numpy())
        for s in range(len(where) - 1, -1, -1):  # the lowest index wins
            if where[s] >= 0:
                first[where[s]] = s
        return first

    def _rows_to(self, sites: pd.DataFrame):
        """The table's rows whose destination holds a site."""
        o, d, m = self._arrays
        where = self._index.get_indexer(sites["commune_insee"].astype(str).to_numpy())
        mask = np.isin(d, where[where >= 0])
        return o[mask], d[mask], m[mask]


def read_travel_times(source, known_insee, *, name: str | None = None) -> TravelTimes:
    """Read a CSV (path or bytes; comma or semicolon; UTF-8) into a ``TravelTimes``."""
    if isinstance(source, (bytes, bytearray)):
        raw, label = bytes(source), name or "table"
    else:
        raw, label = Path(source).read_bytes(), name or Path(source).name
    text = raw.decode("utf-8-sig", errors="replace")
    first = text.split("\n", 1)[0]
    sep = ";" if first.count(";") > first.count(",") else ","
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise TravelTimeError("roadmap.tt.unreadable", file=label, error=str(exc)) from exc
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise TravelTimeError("roadmap.tt.missing_columns", file=label,
                              columns=", ".join(missing))
    return travel_times_from_frame(frame[list(COLUMNS)], known_insee, source=label)


def travel_times_from_frame(frame: pd.DataFrame, known_insee, *, source: str) -> TravelTimes:
    """Validate and complete an ``origin_insee, destination_insee, minutes`` frame."""
    known = set(map(str, known_insee))
    problems: list[tuple] = []
    clean = _validated_rows(frame, known, problems)
    if clean.empty:
        raise TravelTimeError("roadmap.tt.no_valid_row", file=source)
    table = _complete(clean, problems)
    present = set(table["origin"])
    missing = tuple(sorted(known - present))
    return TravelTimes(table=table, source=source, rows_read=len(frame),
                       problems=tuple(problems), communes_missing=missing)


def _codes(values: pd.Series) -> pd.Series:
    """Trimmed, upper-case codes; a 4-digit code (a spreadsheet dropped its leading 0) is
    padded to 5."""
    v = values.astype(str).str.strip()
    short = v.str.fullmatch(r"\d{4}")
    return v.where(~short, v.str.zfill(5)).str.upper()


def _validated_rows(frame: pd.DataFrame, known: set, problems: list) -> pd.DataFrame:
    origin, dest = _codes(frame["origin_insee"]), _codes(frame["destination_insee"])
    minutes = pd.to_numeric(frame["minutes"].astype(str).str.strip().str.replace(",", "."),
                            errors="coerce")
    bad_o, bad_d = ~origin.isin(known).to_numpy(), ~dest.isin(known).to_numpy()
    bad_m = ~(minutes >= 0).to_numpy()  # NaN or negative
    for i in np.flatnonzero(bad_o | bad_d | bad_m):
        row = int(i) + 2  # the header is line 1
        if bad_o[i]:
            problems.append(("roadmap.tt.unknown_commune", row, "origin_insee",
                             {"value": origin.iat[i]}))
        if bad_d[i]:
            problems.append(("roadmap.tt.unknown_commune", row, "destination_insee",
                             {"value": dest.iat[i]}))
        if bad_m[i]:
            problems.append(("roadmap.tt.bad_minutes", row, "minutes",
                             {"value": str(frame["minutes"].iat[i])}))
    keep = ~(bad_o | bad_d | bad_m)
    return pd.DataFrame({"origin": origin[keep].to_numpy(), "destination": dest[keep].to_numpy(),
                         "minutes": minutes[keep].to_numpy(dtype=float)})


def _complete(clean: pd.DataFrame, problems: list) -> pd.DataFrame:
    """One row per ordered pair: duplicates keep the shortest time (reported), a missing
    direction borrows the other, a commune reaches itself in 0 min unless the table says."""
    codes, uniques = pd.factorize(pd.concat([clean["origin"], clean["destination"]],
                                            ignore_index=True))
    n = len(clean)
    o, d = codes[:n].astype(np.int64), codes[n:].astype(np.int64)
    key = o * len(uniques) + d
    given = pd.Series(clean["minutes"].to_numpy(dtype=float)).groupby(key).min()
    repeated = int((pd.Series(key).value_counts() > 1).sum())
    if repeated:
        problems.append(("roadmap.tt.duplicates", None, None, {"count": repeated}))
    g_key = given.index.to_numpy()
    g_o, g_d = g_key // len(uniques), g_key % len(uniques)
    reverse_key = g_d * len(uniques) + g_o
    borrow = ~np.isin(reverse_key, g_key)  # the other direction is not given
    selves = np.setdiff1d(np.arange(len(uniques)), g_o[g_o == g_d])
    origin = np.concatenate([g_o, g_d[borrow], selves])
    dest = np.concatenate([g_d, g_o[borrow], selves])
    minutes = np.concatenate([given.to_numpy(), given.to_numpy()[borrow],
                              np.zeros(len(selves))])
    names = np.asarray(uniques, dtype=object)
    return pd.DataFrame({"origin": names[origin], "destination": names[dest],
                         "minutes": minutes})


def travel_time_notes(table: TravelTimes, lang: str, limit: int = 10) -> list[str]:
    """The table's source, its first ``limit`` problems (then how many more) and the
    communes it leaves out, as sentences."""
    from dashboard.i18n import format_int, t

    lines = [t("roadmap.tt.source", lang, file=table.source,
               rows=format_int(table.rows_read, lang))]
    for code, row, column, params in table.problems[:limit]:
        where = t("roadmap.tt.where", lang, row=row, column=column) if row else ""
        lines.append(where + t(code, lang, **params))
    if len(table.problems) > limit:
        lines.append(t("roadmap.tt.more", lang,
                       n=format_int(len(table.problems) - limit, lang)))
    if table.communes_missing:
        lines.append(t("roadmap.tt.communes_missing", lang,
                       n=format_int(len(table.communes_missing), lang)))
    return lines
