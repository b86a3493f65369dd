"""Text files as users' spreadsheets write them: the encoding told from the bytes, and CSV
records read so that every physical line is accounted for.

Encodings: UTF-8 (with or without BOM), UTF-16 with a BOM or without one (Excel's « Texte
Unicode »), Windows-1252, MacRoman (old Mac Excel) and Latin-1, the single-byte candidates
ranked by how French the decoded text looks. Text whose decoding yields another script (e.g.
Japanese Shift-JIS bytes read as Latin letters) is refused rather than « repaired ».

Records: a quote left open (``"Chez Paul;Toulouse``) would make a CSV parser swallow every
following line into one cell. ``read_records`` notices it — the open field runs into lines that
look like whole records of their own, or past ``MAX_FIELD_LINES`` — and reads that line with
its quote taken literally, so the next lines stay rows. Each record keeps the number of the
physical line it starts on.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

__all__ = ["UndecodableText", "decode_text", "Record", "read_records", "sniff_separator",
           "MAX_FIELD_LINES"]

# a quoted cell may hold line breaks (an address over two lines), not a whole file
MAX_FIELD_LINES = 20
_PLAUSIBLE = set("àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ€«»’‘“”–—…°·²\u00a0\u202fñÑáíóúÁÍÓÚãõßøØåÅ")
_SINGLE_BYTE = ("cp1252", "mac_roman", "latin-1")


class UndecodableText(ValueError):
    """The bytes are no text in a Latin script; ``sample`` shows what a decoding gave."""

    def __init__(self, sample: str):
        super().__init__(sample)
        self.sample = sample


def _implausible(text: str) -> list[str]:
    return [c for c in text if ord(c) > 127 and c not in _PLAUSIBLE]


def _other_script(text: str, implausible: int) -> bool:
    """Bytes of another script read as Latin letters: many unlikely characters, or accented
    letters mostly in runs of three or more (French puts one between plain letters; a
    two-byte Asian encoding makes runs)."""
    non_ascii = sum(1 for c in text if ord(c) > 127)
    if not non_ascii:
        return False
    in_runs = sum(len(run) for run in re.findall(r"[^\x00-\x7f]{3,}", text))
    return implausible > 0.3 * non_ascii or in_runs > 0.5 * non_ascii


def _utf16(data: bytes) -> str | None:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    head = data[:4096]
    if len(head) >= 4:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if odd > 0.3 * len(head) / 2 and even < 0.05 * len(head) / 2:
            return "utf-16-le"
        if even > 0.3 * len(head) / 2 and odd < 0.05 * len(head) / 2:
            return "utf-16-be"
    return None


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding name); raises ``UndecodableText`` for another script."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    wide = _utf16(data)
    if wide:
        text = data.decode(wide, errors="replace")
        return text.lstrip("\ufeff"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    decoded = []
    for encoding in _SINGLE_BYTE:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        decoded.append((len(_implausible(text)), encoding, text))
    bad, encoding, text = min(decoded, key=lambda d: d[0])  # latin-1 always decodes
    if _other_script(text, bad):
        sample = max(re.findall(r"\S*[^\x00-\x7f]{2,}\S*", text) or [text[:30]], key=len)
        raise UndecodableText(sample[:30])
    return text, {"cp1252": "windows-1252", "mac_roman": "macroman"}.get(encoding, encoding)


def sniff_separator(text: str) -> str:
    """The separator under which the first lines agree best on one width: « ; » (French
    Excel), « , », tab or « | ». A line that does not read as well-formed CSV under a
    separator (a quote left open, or one inside an unquoted cell) counts half, with its cells
    split literally: a stray quote must not make « , » win over the header's « ; ».

    The score is how many lines agree (then the width they agree on, for a tie): lines full
    of commas inside « ; »-separated cells agree on a wider split under « , », but the header
    has none, so « ; » gathers one line more (found by hypothesis: width × lines let
    « Lieu 1;,,,;,,,;81004 » twice outweigh the header)."""
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    best, best_score = ",", (0.0, 0)
    for sep in (";", ",", "\t", "|"):
        weights: dict[int, float] = {}
        for line in lines:
            width, clean = _scan(line, sep)
            weights[width] = weights.get(width, 0.0) + (1.0 if clean else 0.5)
        score = max(((n, w) for w, n in weights.items() if w >= 2), default=(0.0, 0))
        if score > best_score:
            best, best_score = sep, score
    return best


def _scan(line: str, sep: str) -> tuple[int, bool]:
    """(cells, well-formed) of one line read as CSV with ``sep``; the literal split's width
    when it is not well formed."""
    cells, i, n = 1, 0, len(line)
    while i < n:
        if line[i] == '"':  # a quoted cell: up to its closing quote ("" is a quote)
            i += 1
            while True:
                j = line.find('"', i)
                if j < 0:
                    return len(_literal_cells(line, sep)), False
                if line[j + 1:j + 2] == '"':
                    i = j + 2
                    continue
                i = j + 1
                break
            if i < n and line[i] != sep:
                return len(_literal_cells(line, sep)), False
        else:
            j = line.find(sep, i)
            cell = line[i:] if j < 0 else line[i:j]
            if '"' in cell:
                return len(_literal_cells(line, sep)), False
            i = n if j < 0 else j
        if i < n:  # at a separator
            cells += 1
            i += 1
    return cells, True


@dataclass(frozen=True)
class Record:
    line: int  # physical line (1-based) the record starts on
    cells: list[str]
    stray_quote: bool = False  # a quote left open, read literally


def _literal_cells(line: str, sep: str) -> list[str]:
    return next(csv.reader([line.rstrip("\r\n")], delimiter=sep, quoting=csv.QUOTE_NONE),
                [])


def _complete(buffer: str, sep: str) -> list[str] | None:
    """The one record ``buffer`` holds, or None while a quoted field is still open."""
    try:
        rows = list(csv.reader(io.StringIO(buffer, newline=""), delimiter=sep, strict=True))
    except csv.Error:
        return None
    return rows[0] if len(rows) == 1 else None


def _width(lines: list[str], sep: str) -> int:
    counts: dict[int, int] = {}
    for line in lines[:50]:
        if line.strip():
            n = len(_literal_cells(line, sep))
            counts[n] = counts.get(n, 0) + 1
    return max(counts, key=lambda n: (counts[n], n)) if counts else 1


def read_records(text: str, sep: str) -> list[Record]:
    """Every physical line of ``text`` in exactly one record (blank lines included, as empty
    records); quoted fields may span lines, an unclosed quote does not swallow the rest."""
    lines = text.splitlines(keepends=True)
    width = _width(lines, sep)
    records, i = [], 0
    while i < len(lines):
        record, end = _record_at(lines, i, sep, width)
        records.append(record)
        i = end
    return records


def _record_at(lines: list[str], i: int, sep: str, width: int) -> tuple[Record, int]:
    """The record starting on line ``i`` and the index of the line after it: a quoted field
    may run over a few lines if it closes into a record no wider than the file's rows and
    none of the lines it runs into looks like a whole row itself (in a file of three columns
    or more); otherwise the quote on line ``i`` was left open and is read literally."""
    buffer = lines[i]
    for j in range(i, min(i + MAX_FIELD_LINES, len(lines))):
        if j > i:
            if width >= 3 and len(_literal_cells(lines[j], sep)) >= width:
                break  # the quote would swallow a row
            buffer += lines[j]
        cells = _complete(buffer, sep)
        if not buffer.strip():
            return Record(i + 1, []), j + 1
        if cells is not None:
            if j == i or len(cells) <= width:
                return Record(i + 1, cells), j + 1
            break
    return Record(i + 1, _literal_cells(lines[i], sep), stray_quote=True), i + 1
