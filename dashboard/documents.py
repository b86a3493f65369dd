"""A report for a set of filters, written to an HTML or a PDF file.

Used by ``tierslieux report`` and by the dashboard's « Télécharger le rapport » links: the
state comes from the command's options (those of ``tierslieux coverage``) or from the page's
query string; the fact sheets are the chosen territory's (``--territoire``, ``territoire=``),
else one per selected department, else the region's.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from dashboard import schema
from dashboard.coverage import RADIUS_RANGE_KM as RADIUS_BOUNDS
from dashboard.filters import DEFAULT_RADIUS, ViewState
from dashboard.portrait import Territory, parse_territories
from dashboard.report_html import make_report, report_filename

__all__ = ["ReportOptionError", "state_from_options", "report_sheets", "report_scope",
           "write_report", "report_name", "sheets_for"]


class ReportOptionError(ValueError):
    """An option value the dataset does not know (``option``, ``values``)."""

    def __init__(self, option: str, values: list[str]):
        super().__init__(f"{option} : valeur(s) inconnue(s) : {', '.join(values)}")
        self.option, self.values = option, values


def state_from_options(data, *, departements=(), usages=(), usage_mode="any", labels=(),
                       radius_km: float = DEFAULT_RADIUS, lang: str = "fr") -> ViewState:
    """The view state of the command-line filters; an unknown value raises
    ``ReportOptionError`` (a command is not a link: nothing is dropped silently)."""
    known = set(data.reference.departements["code"])
    for option, values, allowed in (("--departement", departements, known),
                                    ("--usage", usages, set(schema.USAGE_CODES)),
                                    ("--label", labels, set(schema.LABEL_CODES))):
        bad = sorted(set(values) - allowed)
        if bad:
            raise ReportOptionError(option, bad)
    radius = int(round(radius_km))
    if not RADIUS_BOUNDS[0] <= radius <= RADIUS_BOUNDS[1]:
        raise ReportOptionError("--radius-km", [str(radius_km)])
    return ViewState(departements=tuple(sorted(set(departements))),
                     usages=tuple(c for c in schema.USAGE_CODES if c in usages),
                     usage_mode="all" if usage_mode == "all" else "any",
                     labels=tuple(c for c in schema.LABEL_CODES if c in labels),
                     radius_km=radius, lang=lang)


def report_sheets(data, state: ViewState, territoire: str | None = None,
                  comparer: str | None = None) -> list[tuple]:
    """(territory, comparison) of each fact sheet; an unknown territory raises."""
    query = "&".join(f"{k}={v}" for k, v in (("territoire", territoire),
                                              ("comparer", comparer)) if v)
    territory, compare, ignored = parse_territories(query, data)
    if ignored:
        raise ReportOptionError("--" + ignored[0][0], [ignored[0][1]])
    return sheets_for(state, territory, compare)


def sheets_for(state: ViewState, territory: Territory | None,
               compare: Territory | None) -> list[tuple]:
    """The chosen territory's sheet, else one per selected department, else the region's."""
    if territory:
        return [(territory, compare)]
    if state.departements:
        return [(Territory("departement", code), compare) for code in state.departements]
    return [(None, compare)]


def report_scope(state: ViewState, sheets: list[tuple]) -> str:
    """``31-81``, ``epci-200066223`` or ``occitanie`` (for file names)."""
    territory = sheets[0][0] if sheets else None
    if territory and territory.level != "departement":
        return f"{territory.level}-{territory.code}"
    return "-".join(state.departements) or "occitanie"


def report_name(state: ViewState, sheets: list[tuple], suffix: str,
                today: dt.date | None = None) -> str:
    filters = ("-".join(state.usages), "-".join(state.labels))  # the usage and label filters
    return report_filename(report_scope(state, sheets), (today or dt.date.today()).isoformat(),
                           suffix, filters)


def write_report(data, state: ViewState, sheets: list[tuple], out: Path,
                 today: dt.date | None = None, extra_pages: tuple = ()) -> Path:
    """Write the report to ``out`` (``.html``: the self-contained file; ``.pdf``: printed by
    headless Chromium from it)."""
    from dashboard.pdf import print_pdf

    out = Path(out)
    text = make_report(data, state, sheets, today=today, extra_pages=extra_pages)
    if out.suffix.lower() == ".html":
        out.write_text(text, encoding="utf-8")
        return out
    with tempfile.TemporaryDirectory(prefix="tierslieux-report-") as folder:
        page = Path(folder) / "rapport.html"
        page.write_text(text, encoding="utf-8")
        return print_pdf(page, out)
