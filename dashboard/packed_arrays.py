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
- ``{"kind": "list", "values"}``: a plain list, not packed;
- ``{"kind": "runs", "url", "n", "runs"}``: like ``subset``, the ids kept given as
  ``[start, stop)`` runs of positions (a few departments, or the whole layer: one run);
- ``{"kind": "spatial", "of": "tenths" | "bits", "order_url", "order_key", "n", "runs",
  "bdata"}``: a national territory's values (``pack_spatial``) in a spatial order of the
  layer (a Hilbert curve through the communes' reference points, ``spatial_order``), which
  the browser fetches once from ``order_url`` (``{"key", "order"}``: the layer's positions
  in that order; ``order_key`` must match). The values are those of the positions in
  ``runs`` (in the layer's order), visited along the curve. ``tenths``: each value's
  successor-coded symbol (0 unknown, else tenths + 1) minus the previous one's, zigzag,
  as base-128 varints; ``bits``: one bit each along the curve. Either stream is compressed
  with raw deflate (the browser's ``DecompressionStream("deflate-raw")``). Distances are
  1-Lipschitz (two neighbouring communes differ by at most their distance apart), so the
  differences are small: 34,871 communes take about 42 kB of base64 instead of 93 kB, and
  covered / not covered about 3 kB instead of 5.9 kB;
- ``{"kind": "json", "bdata"}``: any JSON value (a list of commune codes, ranks) compressed
  with raw deflate (``pack_json``): the communes suggested sites would cover, 16 kB of codes
  nationally at 30 km, take 6 kB.

Base64 is the URL-safe alphabet (``-`` and ``_``): Dash serialises callback answers with
plotly's JSON encoder, which writes every ``/`` as ``\u002f`` (6 bytes), and a run of
covered communes is a run of ``/``. 34,871 communes: tenths take 93 kB (u2) instead of
200 kB of decimal text, bits 5.8 kB instead of 70 kB. ``unpack`` is the browser's decoding
in Python, for the tests.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zlib
from dataclasses import dataclass

import numpy as np

__all__ = ["pack_tenths", "pack_bits", "pack_subset", "unpack", "digest",
           "pack_runs", "runs_of", "spatial_order", "SpatialOrder", "pack_spatial",
           "order_body", "pack_json"]

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


def unpack(spec: dict, ids=None, order=None) -> np.ndarray:
    """The values a packed array stands for: floats with NaN for unknown (tenths), 0 / 1
    integers (bits), or the ids (the list at ``spec["url"]``, given) a subset keeps;
    ``order``: the layer's spatial order (what ``spec["order_url"]`` serves) for ``spatial``."""
    if spec["kind"] == "list":  # not packed
        return np.asarray(spec["values"])
    if spec["kind"] in ("runs", "spatial"):
        return _unpack_ordered(spec, ids, order)
    if spec["kind"] == "json":
        return np.asarray(json.loads(zlib.decompress(base64.urlsafe_b64decode(spec["bdata"]),
                                                     -15)))
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


# --------------------------------------------------------------------------- spatial code

_HILBERT_BITS = 16


def spatial_order(lon, lat) -> np.ndarray:
    """Positions of the points in the order of a Hilbert curve over their bounding box
    (longitudes scaled by the cosine of the mean latitude); points with no position last.
    Neighbours on the curve are neighbours on the ground, nearly always."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    known = np.isfinite(lon) & np.isfinite(lat)
    key = np.full(len(lon), np.iinfo(np.int64).max, dtype=np.int64)
    if known.any():
        x = lon[known] * np.cos(np.radians(np.mean(lat[known])))
        y = lat[known]
        key[known] = _hilbert(_grid(x), _grid(y))
    return np.argsort(key, kind="stable")


def _grid(v: np.ndarray) -> np.ndarray:
    top = (1 << _HILBERT_BITS) - 1
    span = float(v.max() - v.min()) or 1.0
    return np.clip(np.rint((v - v.min()) / span * top), 0, top).astype(np.int64)


def _hilbert(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Distance along the Hilbert curve of side 2**_HILBERT_BITS (the classic xy2d)."""
    side = 1 << _HILBERT_BITS
    x, y, d = x.copy(), y.copy(), np.zeros(len(x), dtype=np.int64)
    s = side // 2
    while s > 0:
        rx, ry = (x & s) > 0, (y & s) > 0
        d += s * s * ((3 * rx.astype(np.int64)) ^ ry.astype(np.int64))
        turn = ~ry
        flip = turn & rx
        x[flip], y[flip] = side - 1 - x[flip], side - 1 - y[flip]
        x[turn], y[turn] = y[turn], x[turn].copy()
        s //= 2
    return d


@dataclass(frozen=True)
class SpatialOrder:
    """A layer's spatial order as the browser gets it: ``url`` serves ``order_body``."""
    url: str
    order: np.ndarray  # the layer's positions along the curve
    key: str  # a digest of ``order``: the browser checks it holds that one

    @classmethod
    def of(cls, url: str, lon, lat) -> SpatialOrder:
        order = spatial_order(lon, lat)
        return cls(url, order, hashlib.blake2b(order.astype("<i4").tobytes(),
                                                digest_size=8).hexdigest())


def order_body(spatial: SpatialOrder) -> bytes:
    """What ``spatial.url`` serves: ``{"key", "order"}`` as JSON."""
    return json.dumps({"key": spatial.key, "order": spatial.order.tolist()},
                      separators=(",", ":")).encode("ascii")


def runs_of(positions) -> list[list[int]]:
    """Increasing ``positions`` as ``[start, stop)`` runs of consecutive ones."""
    p = np.asarray(positions, dtype=np.int64)
    if len(p) == 0:
        return []
    if (np.diff(p) <= 0).any():
        raise ValueError("positions must increase")
    cut = np.flatnonzero(np.diff(p) != 1) + 1
    starts, stops = p[np.r_[0, cut]], p[np.r_[cut - 1, len(p) - 1]] + 1
    return [[int(a), int(b)] for a, b in zip(starts, stops)]


def pack_runs(url: str, positions, n: int, path: list) -> dict:
    """Like ``pack_subset``, the positions as runs (a department is one or two)."""
    return {"path": list(path), "kind": "runs", "url": url, "n": int(n),
            "runs": runs_of(positions)}


def pack_spatial(values, positions, n: int, spatial: SpatialOrder, path: list,
                 of: str = "tenths") -> dict:
    """``values`` of the layer's ``positions`` (increasing; the layer has ``n``), coded along
    ``spatial``'s curve: tenths (NaN: unknown; negative values are an error) or bits."""
    v = np.asarray(values, dtype=float)
    pos = np.asarray(positions, dtype=np.int64)
    if len(v) != len(pos) or len(spatial.order) != n:
        raise ValueError("values, positions and the layer's order do not match")
    rank = np.full(n, -1, dtype=np.int64)
    rank[pos] = np.arange(len(pos))
    along = rank[spatial.order]
    along = along[along >= 0]  # the values' indices in the curve's order
    if of == "bits":
        raw = np.packbits(v[along] != 0, bitorder="little").tobytes()
    elif of == "tenths":
        known = np.isfinite(v)
        if (v[known] < 0).any():
            raise ValueError("negative values cannot be packed as tenths")
        symbol = np.zeros(len(v), dtype=np.int64)  # 0: unknown
        symbol[known] = np.rint(v[known] * 10).astype(np.int64) + 1
        step = np.diff(symbol[along], prepend=0)
        raw = _varints(np.where(step >= 0, 2 * step, -2 * step - 1))
    else:
        raise ValueError(f"unknown spatial kind {of!r}")
    deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
    packed = deflate.compress(raw) + deflate.flush()
    return {"path": list(path), "kind": "spatial", "of": of, "order_url": spatial.url,
            "order_key": spatial.key, "n": int(n), "runs": runs_of(pos),
            "bdata": base64.urlsafe_b64encode(packed).decode("ascii")}


def _varints(u: np.ndarray) -> bytes:
    """Unsigned integers as base-128 varints (7 bits a byte, the high bit: more follows)."""
    u = np.asarray(u, dtype=np.int64)
    size = np.ones(len(u), dtype=np.int64)
    for k in range(1, 9):
        size += u >= (1 << (7 * k))
    out = np.zeros(int(size.sum()), dtype=np.uint8)
    start = np.cumsum(size) - size
    for k in range(int(size.max(initial=0))):
        on = size > k
        more = (size[on] > k + 1).astype(np.int64) << 7
        out[start[on] + k] = ((u[on] >> (7 * k)) & 0x7F) | more
    return out.tobytes()


def _from_varints(raw: bytes) -> np.ndarray:
    b = np.frombuffer(raw, dtype=np.uint8).astype(np.int64)
    last = (b & 0x80) == 0
    which = np.cumsum(last) - last  # the number each byte belongs to
    shift = np.arange(len(b)) - np.r_[0, np.flatnonzero(last) + 1][which]
    out = np.zeros(int(last.sum()), dtype=np.int64)
    np.add.at(out, which, (b & 0x7F) << (7 * shift))
    return out


def _unpack_ordered(spec: dict, ids, order) -> np.ndarray:
    positions = np.concatenate([np.arange(a, b) for a, b in spec["runs"]] or
                               [np.zeros(0, dtype=np.int64)]).astype(np.int64)
    if spec["kind"] == "runs":
        return np.asarray(ids)[positions]
    order = np.asarray(order, dtype=np.int64)
    if len(order) != spec["n"]:
        raise ValueError("the spatial order does not match the layer")
    rank = np.full(spec["n"], -1, dtype=np.int64)
    rank[positions] = np.arange(len(positions))
    along = rank[order]
    along = along[along >= 0]
    raw = zlib.decompress(base64.urlsafe_b64decode(spec["bdata"]), -15)
    if spec["of"] == "bits":
        out = np.zeros(len(positions), dtype=np.int64)
        out[along] = np.unpackbits(np.frombuffer(raw, dtype=np.uint8), count=len(along),
                                   bitorder="little")
        return out
    u = _from_varints(raw)
    symbol = np.cumsum(np.where(u % 2 == 0, u // 2, -(u + 1) // 2))
    out = np.full(len(positions), np.nan)
    out[along] = np.where(symbol == 0, np.nan, (symbol - 1) / 10.0)
    return out


def pack_json(value, path: list) -> dict:
    """A JSON value (lists of codes, numbers) compressed with raw deflate."""
    deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
    body = json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    packed = deflate.compress(body) + deflate.flush()
    return {"path": list(path), "kind": "json",
            "bdata": base64.urlsafe_b64encode(packed).decode("ascii")}
