"""The canonical venue template a user downloads from the import tab: a CSV and a workbook
(an « À lire » sheet describing each column and the vocabularies, then the « Lieux » sheet
with drop-down lists for usages and label statuses). Example rows say they are examples."""

from __future__ import annotations

import io

from dashboard import schema
from dashboard.i18n import t

__all__ = ["template_csv", "template_xlsx", "EXAMPLE_ROWS", "COLUMN_HELP_KEYS"]

# two example rows (fictitious, marked as such in their name and source)
EXAMPLE_ROWS: tuple[dict[str, str], ...] = (
    {"venue_id": "EX-001", "name": "Exemple — La Grange numérique", "commune_insee": "81004",
     "lat": "43.9289", "lon": "2.1464", "usages": "coworking|fablab",
     "label_status": "labellise", "label_year": "2019", "opened_year": "2016",
     "url": "https://example.org", "source": "exemple"},
    {"venue_id": "EX-002", "name": "Exemple — Atelier partagé du bourg",
     "commune_insee": "12202", "lat": "", "lon": "", "usages": "atelier_partage|culture",
     "label_status": "candidat", "label_year": "", "opened_year": "2021", "url": "",
     "source": "exemple"},
)
COLUMN_HELP_KEYS = {c: f"template.column.{c}" for c in schema.VENUE_COLUMNS}
_MAX_ROWS = 5_000  # rows given the drop-down lists


def template_csv(lang: str = "fr") -> bytes:
    """Header of the canonical format and the example rows, UTF-8 with BOM (Excel opens it
    with its accents)."""
    lines = [",".join(schema.VENUE_COLUMNS)]
    for row in EXAMPLE_ROWS:
        lines.append(",".join(_csv_cell(row[c]) for c in schema.VENUE_COLUMNS))
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def _csv_cell(value: str) -> str:
    return f'"{value}"' if any(ch in value for ch in ',"\n') else value


def template_xlsx(lang: str = "fr") -> bytes:
    # openpyxl is imported when a workbook is asked for: at start-up it cost 0.13 s
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    _help_sheet(book.active, lang)
    venues = book.create_sheet(t("template.sheet.venues", lang))
    venues.append(list(schema.VENUE_COLUMNS))
    for cell in venues[1]:
        cell.font = Font(bold=True)
    for row in EXAMPLE_ROWS:
        venues.append([row[c] for c in schema.VENUE_COLUMNS])
    _lists(book, venues, lang)
    book.active = 1
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _help_sheet(sheet, lang: str) -> None:
    from openpyxl.styles import Font

    sheet.title = t("template.sheet.help", lang)
    sheet.append([t("template.help.title", lang)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([t("template.help.intro", lang)])
    sheet.append([])
    sheet.append([t("template.help.column", lang), t("template.help.meaning", lang)])
    for column in schema.VENUE_COLUMNS:
        sheet.append([column, t(COLUMN_HELP_KEYS[column], lang)])
    sheet.append([])
    sheet.append([t("template.help.usages", lang)])
    for code in schema.USAGE_CODES:
        sheet.append([code, schema.usage_label(code, lang)])
    sheet.append([])
    sheet.append([t("template.help.labels", lang)])
    for code in schema.LABEL_CODES:
        sheet.append([code, schema.label_status_label(code, lang)])
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 90


def _lists(book, venues, lang: str) -> None:
    """A hidden sheet of codes and drop-down lists on the label column (usages may hold
    several codes, so their column only gets an input message)."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    codes = book.create_sheet("codes")
    codes.sheet_state = "hidden"
    for i, code in enumerate(schema.LABEL_CODES, start=1):
        codes.cell(row=i, column=1, value=code)
    column = {c: get_column_letter(i)
              for i, c in enumerate(schema.VENUE_COLUMNS, start=1)}
    label = DataValidation(type="list", formula1=f"=codes!$A$1:$A${len(schema.LABEL_CODES)}",
                           allow_blank=True)
    label.add(f"{column['label_status']}2:{column['label_status']}{_MAX_ROWS}")
    usages = DataValidation(type="custom", formula1="TRUE", allow_blank=True,
                            promptTitle="usages", prompt=t("template.help.usages_prompt", lang))
    usages.add(f"{column['usages']}2:{column['usages']}{_MAX_ROWS}")
    venues.add_data_validation(label)
    venues.add_data_validation(usages)
