"""Upload limits, one number each, shared by the browser, the server and the messages.

- ``UPLOAD_MAX_BYTES``: the largest file a user may drop (``dcc.Upload(max_size=…)``, the
  drop-zone text and the error messages all say it).
- ``REQUEST_MAX_BYTES``: Flask's ``MAX_CONTENT_LENGTH``, derived from it: the upload callback's
  request carries both drop zones' contents, base64-encoded (4/3 of the bytes), plus JSON.
  A larger request is refused (413) before its body is read.
- ``WORKBOOK_MAX_UNCOMPRESSED`` and ``MAX_ROWS``: checked *before* a workbook is
  decompressed, from its zip central directory and the sheet's declared dimension, so that
  a small file that inflates to gigabytes is refused in milliseconds.

``check_file(data, file)`` raises the importer's ``ImportFileError`` with a French message
(texts ``limits.*`` in the catalogues).
"""

from __future__ import annotations

import io
import re
import zipfile

from dashboard.i18n import format_decimal, format_int, t

__all__ = ["UPLOAD_MAX_BYTES", "UPLOAD_MAX_MB", "REQUEST_MAX_BYTES",
           "WORKBOOK_MAX_UNCOMPRESSED", "MAX_ROWS", "check_file", "file_problem",
           "too_large_message"]

UPLOAD_MAX_MB = 20
UPLOAD_MAX_BYTES = UPLOAD_MAX_MB * 1024 * 1024
REQUEST_MAX_BYTES = 2 * (UPLOAD_MAX_BYTES * 4 // 3 + 4) + 1024 * 1024
WORKBOOK_MAX_UNCOMPRESSED = 160 * 1024 * 1024
MAX_ROWS = 200_000

_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="[A-Z]*\d*:?[A-Z]*(\d+)"')
_HEAD_BYTES = 4096


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f}"


def file_problem(data: bytes, file: str) -> str | None:
    """The French message saying which limit ``data`` exceeds, or ``None``. (The byte size
    itself is bounded before: by the browser and the server for uploads, by the reader's
    own limit for files on disk.)"""
    if data[:4] == b"PK\x03\x04":
        return _workbook_problem(data, file)
    rows = data.count(b"\n")
    if rows > MAX_ROWS + 1:
        return _too_many_rows(file, rows)
    return None


def check_file(data: bytes, file: str) -> None:
    """Raise ``ImportFileError`` if ``data`` exceeds a limit (before anything is parsed)."""
    problem = file_problem(data, file)
    if problem:
        from dashboard.importing.reading import ImportFileError  # (reading imports us)

        raise ImportFileError(problem)


def too_large_message(file: str, size: int, lang: str = "fr") -> str:
    """What the page says when the browser refuses a dropped file over ``UPLOAD_MAX_BYTES``
    (``dcc.Upload`` itself drops it silently: plotly/dash#2638)."""
    return t("limits.too_large", lang, file=file,
             size=format_decimal(size / 1024 / 1024, lang, 1), limit=UPLOAD_MAX_MB)


def _too_many_rows(file: str, rows: int, lang: str = "fr") -> str:
    return t("limits.rows", lang, file=file, rows=format_int(rows, lang),
             limit=format_int(MAX_ROWS, lang))


def _workbook_problem(data: bytes, file: str) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()  # the central directory: nothing is inflated
            total = sum(m.file_size for m in members)
            if total > WORKBOOK_MAX_UNCOMPRESSED:
                return t("limits.inflated", "fr", file=file, size=_mb(total),
                         limit=_mb(WORKBOOK_MAX_UNCOMPRESSED))
            rows = _declared_rows(archive, members)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # not a readable zip: the reader says what it is
    if rows is not None and rows > MAX_ROWS + 1:
        return _too_many_rows(file, rows)
    return None


def _declared_rows(archive: zipfile.ZipFile, members) -> int | None:
    """Rows the largest worksheet declares (``<dimension ref="A1:K200000">``), read from
    its first few kilobytes only."""
    sheets = [m for m in members if m.filename.startswith("xl/worksheets/")
              and m.filename.endswith(".xml")]
    if not sheets:
        return None
    sheet = max(sheets, key=lambda m: m.file_size)
    with archive.open(sheet) as stream:
        head = stream.read(_HEAD_BYTES)
    match = _DIMENSION.search(head)
    return int(match.group(1)) if match else None
