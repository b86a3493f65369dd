"""Which column of a user's file gives which field: the mapping step.

A mapping is what the user settles in the browser's mapping step or passes with
``--mapping``: the sheet, the header row and, for each column, its field or nothing (the
column is ignored). It is saved and read as JSON::

    {"sheet": "Lieux", "header_row": 20,
     "columns": {"NOM_TL": "name", "INSEECOM": "commune_insee", "METRO": null}}

(the older flat form ``{"NOM_TL": "name"}`` is read too). ``plan_columns`` completes it: the
user's choices first, then header synonyms, then what the values say (``inference``), each
field with how it was found.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pandas as pd

from dashboard.i18n import t
from dashboard.importing.columns import FIELDS, recognise_columns
from dashboard.importing.inference import (
    Inference,
    Vocabulary,
    infer_columns,
    missing_required,
)

__all__ = ["ColumnMapping", "ColumnPlan", "MappingError", "plan_columns", "missing_message",
           "REQUIRED_LABEL_KEYS"]

REQUIRED_LABEL_KEYS = {"name": "mapping.required.name", "place": "mapping.required.place"}


class MappingError(ValueError):
    """A mapping file that cannot be used (French message)."""


@dataclass(frozen=True)
class ColumnMapping:
    sheet: str | int | None = None
    header_row: int | None = None
    columns: dict[str, str | None] = field(default_factory=dict)  # column → field, None

    @classmethod
    def from_json(cls, data) -> ColumnMapping:
        """From the saved form (or the older flat ``{column: field}``)."""
        if not isinstance(data, dict):
            raise MappingError(t("mapping.error.not_object", "fr"))
        if "columns" not in data:
            data = {"columns": data}
        columns = data.get("columns") or {}
        if not isinstance(columns, dict):
            raise MappingError(t("mapping.error.not_object", "fr"))
        unknown = sorted({str(f) for f in columns.values() if f not in (None, "", *FIELDS)})
        if unknown:
            raise MappingError(t("mapping.error.fields", "fr", fields=", ".join(unknown),
                                 known=", ".join(FIELDS)))
        header = data.get("header_row")
        if header is not None and (not isinstance(header, int) or header < 0):
            raise MappingError(t("mapping.error.header_row", "fr"))
        return cls(data.get("sheet"), header,
                   {str(c): (f or None) for c, f in columns.items()})

    def to_json(self) -> dict:
        return {"sheet": self.sheet, "header_row": self.header_row, "columns": self.columns}

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=1)


@dataclass(frozen=True)
class ColumnPlan:
    fields: dict[str, Inference]  # field → column, confidence and how
    aside: list[str]  # columns of the file that give no field (kept aside in the report)
    missing: list[str]  # « name », « place »: what the file must give and does not

    @property
    def columns(self) -> dict[str, str]:
        return {f: i.column for f, i in self.fields.items()}

    def as_mapping(self, sheet=None, header_row=None, all_columns=()) -> ColumnMapping:
        """The plan as a mapping (every column: its field or None), to save or edit."""
        by_column = {i.column: f for f, i in self.fields.items()}
        return ColumnMapping(sheet, header_row,
                             {c: by_column.get(c) for c in all_columns or by_column})


def plan_columns(frame: pd.DataFrame, vocab: Vocabulary,
                 mapping: ColumnMapping | None = None) -> ColumnPlan:
    """Each field's column: the user's mapping, then header synonyms, then the values."""
    mapping = mapping or ColumnMapping()
    columns = [c for c in frame.columns if c != "source_row"]
    ignored = {c for c, f in mapping.columns.items() if f is None}
    chosen = {c: f for c, f in mapping.columns.items() if f and c in columns}
    usable = [c for c in columns if c not in ignored]
    found, _ = recognise_columns(usable, chosen)
    user = {f for c, f in chosen.items() if found.get(f) == c}
    inferred = infer_columns(frame[usable], vocab, known=found)
    fields = {f: (Inference(f, i.column, 1.0, "mapping") if f in user else i)
              for f, i in inferred.items()}
    used = {i.column for i in fields.values()}
    aside = [c for c in columns if c not in used]
    return ColumnPlan(fields, aside, missing_required(set(fields)))


def missing_message(plan: ColumnPlan, file: str, columns: list[str], lang: str = "fr") -> str:
    """One sentence for everything the file lacks, naming its columns."""
    what = t("mapping.and", lang).join(t(REQUIRED_LABEL_KEYS[m], lang) for m in plan.missing)
    shown = ", ".join(f"« {c} »" for c in columns[:30]) + (" …" if len(columns) > 30 else "")
    return t("mapping.missing", lang, file=file, what=what, columns=shown)
