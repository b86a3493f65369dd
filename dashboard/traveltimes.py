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
        n = len(codes)
        dist, idx = np.full(n, np.nan), np.full(n, -1, dtype=np.int64)
        found = self._site_pairs(sites, codes)
        if found.empty:
            return dist, idx
        best = found.sort_values(["c", "minutes", "s"]).drop_duplicates("c")
        dist[best["c"].to_numpy()] = best["minutes"].to_numpy()
        idx[best["c"].to_numpy()] = best["s"].to_numpy()
        return dist, idx

    def pairs(self, sites: pd.DataFrame, communes: pd.DataFrame, threshold: float):
        """(site index, commune index) pairs at most ``threshold`` minutes apart."""
        found = self._site_pairs(sites, communes["insee"].astype(str).to_numpy())
        found = found[found["minutes"] <= threshold]
        return (found["s"].to_numpy(dtype=np.int64), found["c"].to_numpy(dtype=np.int64))

    def _site_pairs(self, sites: pd.DataFrame, codes: np.ndarray) -> pd.DataFrame:
        """Rows (commune position ``c``, site position ``s``, minutes) known in the table."""
        where = pd.DataFrame({"origin": codes, "c": np.arange(len(codes))})
        at = pd.DataFrame({"destination": sites["commune_insee"].astype(str).to_numpy(),
                           "s": np.arange(len(sites))})
        rows = self.table.merge(where, on="origin").merge(at, on="destination")
        return rows[["c", "s", "minutes"]]


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


def _code(value: str) -> str:
    value = str(value).strip()
    return value.zfill(5) if value.isdigit() and len(value) == 4 else value.upper()


def _validated_rows(frame: pd.DataFrame, known: set, problems: list) -> pd.DataFrame:
    origin = frame["origin_insee"].map(_code)
    dest = frame["destination_insee"].map(_code)
    minutes = pd.to_numeric(frame["minutes"].astype(str).str.strip().str.replace(",", "."),
                            errors="coerce")
    keep = np.ones(len(frame), dtype=bool)
    for i in range(len(frame)):
        row = i + 2  # the header is line 1
        for column, code in (("origin_insee", origin.iat[i]), ("destination_insee", dest.iat[i])):
            if code not in known:
                problems.append(("roadmap.tt.unknown_commune", row, column, {"value": code}))
                keep[i] = False
        m = minutes.iat[i]
        if not (m >= 0):  # NaN or negative
            problems.append(("roadmap.tt.bad_minutes", row, "minutes",
                             {"value": str(frame["minutes"].iat[i])}))
            keep[i] = False
    return pd.DataFrame({"origin": origin[keep].to_numpy(), "destination": dest[keep].to_numpy(),
                         "minutes": minutes[keep].to_numpy(dtype=float)})


def _complete(clean: pd.DataFrame, problems: list) -> pd.DataFrame:
    """One row per ordered pair: duplicates keep the shortest time (reported), a missing
    direction borrows the other, a commune reaches itself in 0 min unless the table says."""
    dup = clean.duplicated(["origin", "destination"], keep=False)
    if dup.any():
        pairs = clean.loc[dup, ["origin", "destination"]].drop_duplicates()
        problems.append(("roadmap.tt.duplicates", None, None, {"count": len(pairs)}))
    given = clean.groupby(["origin", "destination"], as_index=False)["minutes"].min()
    reverse = given.rename(columns={"origin": "destination", "destination": "origin"})
    keys = set(zip(given["origin"], given["destination"]))
    borrowed = reverse[[(o, d) not in keys for o, d in zip(reverse["origin"],
                                                           reverse["destination"])]]
    table = pd.concat([given, borrowed[["origin", "destination", "minutes"]]],
                      ignore_index=True)
    codes = sorted(set(table["origin"]) | set(table["destination"]))
    has_self = set(table.loc[table["origin"] == table["destination"], "origin"])
    selves = [c for c in codes if c not in has_self]
    table = pd.concat([table, pd.DataFrame({"origin": selves, "destination": selves,
                                            "minutes": 0.0})], ignore_index=True)
    return table.sort_values(["origin", "destination"], kind="stable").reset_index(drop=True)


def travel_time_notes(table: TravelTimes, lang: str) -> list[str]:
    """The table's source, its problems and the communes it leaves out, as sentences."""
    from dashboard.i18n import format_int, t

    lines = [t("roadmap.tt.source", lang, file=table.source,
               rows=format_int(table.rows_read, lang))]
    for code, row, column, params in table.problems:
        where = t("roadmap.tt.where", lang, row=row, column=column) if row else ""
        lines.append(where + t(code, lang, **params))
    if table.communes_missing:
        lines.append(t("roadmap.tt.communes_missing", lang,
                       n=format_int(len(table.communes_missing), lang)))
    return lines
