"""What the browser's mapping step shows before importing: the file's first rows, the sheet
and header row used, and each column with the field it was matched to and how.

Pure data (no Dash): ``callbacks/importing.py`` turns it into components.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.i18n import t
from dashboard.importing.columns import FIELDS
from dashboard.importing.inference import Vocabulary, missing_required
from dashboard.importing.mapping import (
    ColumnMapping,
    ColumnPlan,
    missing_message,
    plan_columns,
)
from dashboard.importing.reading import RawTable, ReadOptions, read_table_any
from dashboard.importing.venues import how_found
from dashboard.reference import ReferenceLayers

__all__ = ["Preview", "preview_file", "field_options", "missing_for", "PREVIEW_ROWS",
           "IGNORED"]

PREVIEW_ROWS = 8
IGNORED = ""  # the dropdown value of « ignorée »


@dataclass(frozen=True)
class Preview:
    raw: RawTable
    plan: ColumnPlan
    columns: list[str]  # the file's columns, in order
    rows: list[dict[str, str]]  # the first rows, cut to 60 characters a cell

    def mapping(self) -> ColumnMapping:
        """The mapping the step starts from (every column: its field or None)."""
        return self.plan.as_mapping(self.raw.sheet or None, self.raw.header_row, self.columns)

    def how(self, lang: str) -> dict[str, str]:
        """{column: how its field was found} for the columns that got one."""
        return {i.column: how_found(i, lang) for i in self.plan.fields.values()}


def preview_file(data: bytes, file: str, reference: ReferenceLayers,
                 mapping: ColumnMapping | None = None) -> Preview:
    """Read ``data`` with the mapping's sheet and header row, and plan its columns; raises
    ``ImportFileError`` for a file that cannot be read at all."""
    mapping = mapping or ColumnMapping()
    raw = read_table_any(data, file, ReadOptions(mapping.sheet, mapping.header_row))
    vocab = Vocabulary.from_reference(reference.communes, reference.gazetteer)
    plan = plan_columns(raw.frame, vocab, mapping)
    columns = [c for c in raw.frame.columns if c != "source_row"]
    head = raw.frame.head(PREVIEW_ROWS)
    rows = [{"source_row": str(r["source_row"]),
             **{c: _cut(r[c]) for c in columns}} for _, r in head.iterrows()]
    return Preview(raw, plan, columns, rows)


def _cut(value, width: int = 60) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= width else text[:width - 1] + "…"


def field_options(lang: str) -> list[dict]:
    """The fields a column can be given, and « ignorée »."""
    return [{"label": t("mapping.ignored", lang), "value": IGNORED}] + [
        {"label": t(f"field.{f}", lang), "value": f} for f in FIELDS]


def missing_for(columns: dict[str, str | None], file: str, lang: str) -> str:
    """The one message for what a chosen mapping lacks (empty when nothing is missing)."""
    chosen = {f for f in columns.values() if f}
    missing = missing_required(chosen)
    if not missing:
        return ""
    plan = ColumnPlan({}, [], missing)
    return missing_message(plan, file, list(columns), lang)
