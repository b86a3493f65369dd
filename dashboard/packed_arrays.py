"""Per-territory numbers packed for the browser (issue 12): a map's values in a few bytes each.

A packed array is a dict the browser (``assets/packed_arrays.js``) turns back into a plain
array and assigns at ``path`` of the figure, in the Patch it applies:

- ``{"kind": "tenths", "dtype": "u2" | "u4", "bdata", "missing"}``: numbers rounded to 0.1
  (distances in km, times in minutes), stored as unsigned tenths, little-endian, base64;
  ``missing`` (the dtype's largest value) stands for an unknown value, which the browser
  turns into ``undefined`` so that the hover shows its ``hovertemplatefallback`` (plotly.js
  formats ``null`` as 0: unknown is not zero);
- ``{"kind": "bits", "n", "bdata"}``: 0 / 1 per territory, one bit each (bit ``i`` is bit
  ``i % 8`` of byte ``i // 8``, least significant first, as ``venue_points.encode_mask``).

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

__all__ = ["pack_tenths", "pack_bits", "unpack", "digest"]

_DTYPES = (("u2", np.dtype("<u2")), ("u4", np.dtype("<u4")))


def pack_tenths(values, path: list) -> dict:
    """``values`` (NaN: unknown) rounded to 0.1 as unsigned tenths, in the smallest dtype
    that holds them with its largest value left for unknown. Negative values are an error."""
    v = np.asarray(values, dtype=float)
    known = np.isfinite(v)
    if (v[known] < 0).any():
        raise ValueError("negative values cannot be packed as tenths")
    tenths = np.rint(v[known] * 10)
    for name, dtype in _DTYPES:
        missing = np.iinfo(dtype).max
        if not len(tenths) or tenths.max() < missing:
            out = np.full(len(v), missing, dtype=dtype)
            out[known] = tenths
            return {"path": list(path), "kind": "tenths", "dtype": name, "missing": int(missing),
                    "bdata": base64.urlsafe_b64encode(out.tobytes()).decode("ascii")}
    raise ValueError(f"values up to {tenths.max() / 10} cannot be packed as tenths")


def pack_bits(flags, path: list) -> dict:
    """Booleans (or 0 / 1) as one bit each."""
    bits = np.asarray(flags, dtype=bool)
    return {"path": list(path), "kind": "bits", "n": int(len(bits)),
            "bdata": base64.urlsafe_b64encode(np.packbits(bits, bitorder="little").tobytes())
            .decode("ascii")}


def unpack(spec: dict) -> np.ndarray:
    """The values a packed array stands for: floats with NaN for unknown (tenths), or 0 / 1
    integers (bits)."""
    raw = base64.urlsafe_b64decode(spec["bdata"])
    if spec["kind"] == "bits":
        return np.unpackbits(np.frombuffer(raw, dtype=np.uint8), count=spec["n"],
                             bitorder="little").astype(np.int64)
    if spec["kind"] == "tenths":
        stored = np.frombuffer(raw, dtype=dict(_DTYPES)[spec["dtype"]])
        return np.where(stored == spec["missing"], np.nan, stored / 10.0)
    raise ValueError(f"unknown packed array kind {spec['kind']!r}")


def digest(spec: dict) -> str:
    """A short fingerprint of a packed array's values (what the browser already holds)."""
    return hashlib.blake2b(spec["bdata"].encode("ascii"), digest_size=8).hexdigest()
