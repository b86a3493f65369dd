"""Problems found in users' rows, as codes, and the report of what became of every row.

A problem is ``(code, row, column, params)``: a stable code declared in ``PROBLEMS`` with the
status it gives its row (``repaired``, ``rejected``) or ``note`` (an annotation, such as a
probable duplicate, that leaves the row's status alone). Sentences are rendered from the code
by ``dashboard.i18n`` (``problem.<code>`` in each catalogue); nothing reads them back.

Row numbers are the ones a user sees in a spreadsheet (header = row 1) or the feature number
of a GeoJSON file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dashboard.i18n import DEFAULT_LANG, t

__all__ = ["ACCEPTED", "REPAIRED", "REJECTED", "NOTE", "STATUSES", "PROBLEMS",
           "RegistryFileError", "Problem", "Report"]

ACCEPTED, REPAIRED, REJECTED = "accepted", "repaired", "rejected"
NOTE = "note"  # an annotation: says something about the row, does not change its status
STATUSES = (ACCEPTED, REPAIRED, REJECTED)

# code → status it gives the row. The sentence is ``problem.<code>`` in dashboard/locales.
PROBLEMS: dict[str, str] = {
    # text cells
    "text.mojibake": REPAIRED,
    "name.missing": REJECTED,
    "name.spaces": REPAIRED,
    "id.missing": REJECTED,
    "id.duplicate": REJECTED,
    # coordinates
    "coordinates.unreadable": REPAIRED,
    "coordinates.out_of_range": REPAIRED,
    "coordinates.swapped": REPAIRED,
    "decimal.comma": REPAIRED,
    "point.outside_region": REPAIRED,
    "point.outside_commune": REPAIRED,
    "point.outside_department": REPAIRED,
    "point.outside_territory": REJECTED,
    "point.reference_used": REPAIRED,
    # commune
    "insee.padded": REPAIRED,
    "insee.unknown": REJECTED,
    "insee.unknown_ignored": REPAIRED,
    "insee.unknown_replaced": REPAIRED,
    "insee.deduced": REPAIRED,
    "place.missing": REJECTED,
    "postcode.reformatted": REPAIRED,
    "commune.former": REPAIRED,
    "commune.completed": REPAIRED,
    "commune.spelling": REPAIRED,
    "commune.from_postcode": REPAIRED,
    "commune.not_found": REPAIRED,
    "commune.not_found_no_postcode": REPAIRED,
    "commune.ambiguous": REPAIRED,
    "commune.ambiguous_no_postcode": REPAIRED,
    # vocabularies
    "usages.unknown": REPAIRED,
    "usages.unrecognised": REPAIRED,
    "usages.read_as": REPAIRED,
    "label.unknown": REPAIRED,
    "label.unrecognised": REPAIRED,
    "label.read_as": REPAIRED,
    "year.unreadable": REPAIRED,
    "year.out_of_range": REPAIRED,
    "year.read_as": REPAIRED,
    "url.completed": REPAIRED,
    "url.dropped": REPAIRED,
    # duplicates
    "duplicate.probable": NOTE,
    "duplicate.merged": REJECTED,
    # reading (dashboard/importing/reading.py)
    "read.quote_unclosed": REPAIRED,
    "read.feature_invalid": REJECTED,
    "read.properties_invalid": REPAIRED,
    # calls
    "call.id_missing": REJECTED,
    "call.id_duplicate": REJECTED,
    "call.year_missing": REJECTED,
    "call.year_unreadable": REJECTED,
    "call.year_out_of_range": REJECTED,
    "call.envelope_unreadable": REPAIRED,
    "call.winners_unreadable": REPAIRED,
    # funding
    "funding.venue_unknown": REJECTED,
    "funding.venue_recognised": REPAIRED,
    "funding.venue_ambiguous": REJECTED,
    "funding.call_unknown": REJECTED,
    "funding.call_not_recognised": REJECTED,
    "funding.call_recognised": REPAIRED,
    "funding.amount_unreadable": REJECTED,
    "funding.amount_negative": REJECTED,
    "funding.amount_reformatted": REPAIRED,
    "funding.duplicate": REJECTED,
}
_RANK = {ACCEPTED: 0, NOTE: 0, REPAIRED: 1, REJECTED: 2}


class RegistryFileError(ValueError):
    """A registry file that cannot be used at all (French message naming the file)."""


@dataclass(frozen=True)
class Problem:
    code: str
    row: int  # the row number the user sees
    column: str  # the column as the user's file names it ("lat/lon" for the coordinates)
    params: tuple = ()  # (name, value) pairs for the sentence
    venue_id: str = ""

    @property
    def status(self) -> str:
        return PROBLEMS[self.code]

    def message(self, lang: str = DEFAULT_LANG) -> str:
        return t(f"problem.{self.code}", lang, **dict(self.params))


@dataclass
class Report:
    """What happened to every input row of one file: ``rows`` are the row numbers read."""

    file: str
    rows: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        return len(self.rows)

    def add(self, code: str, row: int, column: str, venue_id: str = "", /, **params) -> None:
        if code not in PROBLEMS:
            raise KeyError(f"undeclared problem code {code!r}")
        self.problems.append(Problem(code, int(row), column, tuple(params.items()), venue_id))

    def problems_frame(self, lang: str = DEFAULT_LANG) -> pd.DataFrame:
        cols = ["file", "source_row", "column", "status", "code", "message", "venue_id"]
        return pd.DataFrame([(self.file, p.row, p.column, p.status, p.code, p.message(lang),
                              p.venue_id) for p in self.problems], columns=cols)

    def by_row(self) -> dict[int, list[Problem]]:
        out: dict[int, list[Problem]] = {}
        for p in self.problems:
            out.setdefault(p.row, []).append(p)
        return out

    def statuses(self) -> dict[int, str]:
        """Each row's status: the worst of its problems' (notes aside)."""
        worst = {row: ACCEPTED for row in self.rows}
        for p in self.problems:
            if _RANK[p.status] > _RANK[worst.get(p.row, ACCEPTED)]:
                worst[p.row] = p.status
        return worst

    def row_status(self, lang: str = DEFAULT_LANG, venue_ids: list[str] | None = None,
                   groups: dict[int, str] | None = None) -> pd.DataFrame:
        """One line per input row: ``source_row, status, detail, venue_id`` (+
        ``duplicate_group`` when ``groups`` is given). The venue id is ``venue_ids[i]`` for
        rows kept when given, else the one the row's first problem names."""
        by_row, status = self.by_row(), self.statuses()
        frame = pd.DataFrame({"source_row": self.rows})
        frame["status"] = [status[r] for r in self.rows]
        frame["detail"] = [_detail(by_row.get(r, []), lang) for r in self.rows]
        if venue_ids is None:
            frame["venue_id"] = [by_row[r][0].venue_id if r in by_row else ""
                                 for r in self.rows]
        else:
            frame["venue_id"] = [v if s != REJECTED else ""
                                 for v, s in zip(venue_ids, frame["status"])]
        if groups is not None:
            frame["duplicate_group"] = [groups.get(r, "") for r in self.rows]
        return frame

    def counts(self) -> dict[str, int]:
        values = list(self.statuses().values())
        return {s: values.count(s) for s in STATUSES}


def _detail(problems: list[Problem], lang: str) -> str:
    """The row's problems in one sentence: « Code INSEE : code … ; lat/lon : … »."""
    return t("report.joiner", lang).join(
        t("report.detail", lang, column=p.column, message=p.message(lang)) if p.column
        else p.message(lang) for p in problems)
