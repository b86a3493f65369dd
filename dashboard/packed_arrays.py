"""Per-territory numbers packed for the browser (issue 12): a map's values in a few bytes each.

A packed array is a dict the browser (``assets/packed_arrays.js``) turns back into a plain
array and assigns at ``path`` of the figure, in the Patch it applies:

- ``{"kind": "tenths", "dtype": "u2", "bdata", "missing", "over_mark", "over"}``: numbers
  rounded to 0.1 (distances in km, times in minutes), stored as unsigned 16-bit tenths,
  little-endian, base64; ``missing`` (65535) stands for an unknown value, which the browser
  turns into ``undefined`` so that the hover shows its ``hovertemplatefallback`` (plotly.js
  formats ``null`` as 0: unknown is not zero); ``over_mark`` (65534) says the value is in
  ``over``, ``[position, tenths]`` pairs (6553.4 or more: overseas to mainland);
- ``{"kind": "bits", "n", "bdata"}``: 0 / 1 per territory, one bit each (bit ``i`` is bit
  ``i % 8`` of byte ``i // 8``, least significant first, as ``venue_points.encode_mask``);
- ``{"kind": "subset", "url", "n", "bdata"}``: the ids a map shows (its ``locations``), as
  the bits of those kept among the ``n`` ids the browser fetches once from ``url``
  (``config.ids_url``): 34,871 commune codes are 280 kB of JSON, their bits 5.8 kB;
- ``{"kind": "list", "values"}``: a plain list, not packed.

Base64 is the URL-safe alphabet (``-`` and ``_``): Dash serialises callback answers with
plotly's JSON encoder, which writes every ``/`` as ``\u002f`` (6 bytes), and a run of
covered communes is a run of ``/``. 34,871 communes: tenths take 93 kB (u2) instead of
200 kB of decimal text, bits 5.8 kB instead of 70 kB. ``unpack`` is the browser's decoding
in Python, for the tests.
"""

from __future__ import annotations

import base64
import hashlib

import numpy as np

__all__ = ["pack_tenths", "pack_bits", "pack_subset", "unpack", "digest"]

_U2 = np.dtype("<u2")
_MISSING = 65535  # unknown
_OVER = 65534  # 6553.4 or more: the value is in ``over`` (overseas to mainland, 9,000 km)


def pack_tenths(values, path: list) -> dict:
    """``values`` (NaN: unknown) rounded to 0.1 as unsigned 16-bit tenths; the few of 6553.4
    or more (an overseas commune whose nearest venue is on the mainland) stored apart, in
    ``over`` (``[position, tenths]`` pairs), so that 34,871 communes stay at 2 bytes each.
    Negative values are an error."""
    v = np.asarray(values, dtype=float)
    known = np.isfinite(v)
    if (v[known] < 0).any():
        raise ValueError("negative values cannot be packed as tenths")
    tenths = np.full(len(v), _MISSING, dtype=np.int64)
    tenths[known] = np.rint(v[known] * 10)
    big = np.flatnonzero(known & (tenths >= _OVER))
    over = [[int(i), int(tenths[i])] for i in big]
    tenths[big] = _OVER
    return {"path": list(path), "kind": "tenths", "dtype": "u2", "missing": _MISSING,
            "over_mark": _OVER, "over": over,
            "bdata": base64.urlsafe_b64encode(tenths.astype(_U2).tobytes()).decode("ascii")}


def pack_bits(flags, path: list) -> dict:
    """Booleans (or 0 / 1) as one bit each."""
    bits = np.asarray(flags, dtype=bool)
    return {"path": list(path), "kind": "bits", "n": int(len(bits)),
            "bdata": base64.urlsafe_b64encode(np.packbits(bits, bitorder="little").tobytes())
            .decode("ascii")}


def pack_subset(url: str, positions, n: int, path: list) -> dict:
    """Some of the ``n`` ids the browser fetches once from ``url`` (a JSON list): those at
    ``positions``, in that list's order, as bits."""
    flags = np.zeros(n, dtype=bool)
    flags[np.asarray(positions, dtype=np.int64)] = True
    return {**pack_bits(flags, path), "kind": "subset", "url": url}


def unpack(spec: dict, ids=None) -> np.ndarray:
    """The values a packed array stands for: floats with NaN for unknown (tenths), 0 / 1
    integers (bits), or the ids (the list at ``spec["url"]``, given) a subset keeps."""
    if spec["kind"] == "list":  # not packed
        return np.asarray(spec["values"])
    raw = base64.urlsafe_b64decode(spec["bdata"])
    if spec["kind"] == "subset":
        return np.asarray(ids)[unpack({**spec, "kind": "bits"}).astype(bool)]
    if spec["kind"] == "bits":
        return np.unpackbits(np.frombuffer(raw, dtype=np.uint8), count=spec["n"],
                             bitorder="little").astype(np.int64)
    if spec["kind"] == "tenths":
        stored = np.frombuffer(raw, dtype=_U2).astype(np.int64)
        for i, value in spec["over"]:
            stored[i] = value
        return np.where(stored == spec["missing"], np.nan, stored / 10.0)
    raise ValueError(f"unknown packed array kind {spec['kind']!r}")


def digest(spec: dict) -> str:
    """A short fingerprint of a packed array's values (what the browser already holds)."""
    return hashlib.blake2b(spec["bdata"].encode("ascii"), digest_size=8).hexdigest()
