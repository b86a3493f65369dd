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
- ``{"kind": "numbers", …}``: the main map's values (any indicator), dense or sparse, in
  the fewest bytes (``pack_numbers``, described at its section below);
- ``{"kind": "places", "url", "n", "bdata"}``: a subset whose bits are deflated (a
  territory is runs of the layer's order: all of France 5.8 kB → 60 B);
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
- ``{"kind": "ratio", …}``: a venue ratio per territory, computed by the browser from the
  venue counts and the layer's populations or areas (``pack_ratio``, its section below);
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
           "runs_of", "spatial_order", "SpatialOrder", "pack_spatial",
           "order_body", "pack_json", "pack_numbers", "unpack_numbers", "shown_round",
           "pack_places", "unpack_places", "b85_text", "b85_bytes", "LayerMeasures",
           "measures_body", "round4", "pack_ratio", "unpack_ratio"]

_U2 = np.dtype("<u2")


def _deflate(data: bytes) -> bytes:
    """Raw deflate (no zlib header), level 9: what the browser's
    ``DecompressionStream("deflate-raw")`` inflates (``assets/packed_arrays.js`` ``inflate``)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def _inflate(data: bytes) -> bytes:
    return zlib.decompress(data, -15)


def _deflated_text(data: bytes) -> str:
    """``data`` deflated (``_deflate``), as URL-safe base64: the ``bdata`` of « places »,
    « spatial » and « json », and a « ratio »'s ``places``."""
    return base64.urlsafe_b64encode(_deflate(data)).decode("ascii")


def _inflated(text: str) -> bytes:
    """What ``_deflated_text`` made ``text`` of."""
    return _inflate(base64.urlsafe_b64decode(text))

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


def unpack(spec: dict, ids=None, order=None, measures=None) -> np.ndarray:
    """The values a packed array stands for: floats with NaN for unknown (tenths), 0 / 1
    integers (bits), or the ids (the list at ``spec["url"]``, given) a subset keeps;
    ``order``: the layer's spatial order (what ``spec["order_url"]`` serves) for ``spatial``;
    ``measures``: the layer's ``LayerMeasures`` for « ratio »."""
    if spec["kind"] == "list":  # not packed
        return np.asarray(spec["values"])
    if spec["kind"] == "ratio":
        return unpack_ratio(spec, measures)
    if spec["kind"] == "spatial":
        return _unpack_spatial(spec, order)
    if spec["kind"] == "numbers":
        return unpack_numbers(spec)
    if spec["kind"] == "places":
        return unpack_places(spec, ids)
    if spec["kind"] == "json":
        return np.asarray(json.loads(_inflated(spec["bdata"])))
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


# --------------------------------------------------------------------------- numbers
# A map's values (issue 12, the main map): ``{"kind": "numbers", "n", "scale", "fill",
# "sparse", "dtype", "missing", "deflate", "bdata", "exact"}``, and optionally ``unknown``
# and ``copy``. The values are integers / ``scale`` (``scale`` = 10 ** decimals, the fewest
# decimals that hold them all), so that the browser computes the very doubles the server
# rounded. ``sparse``: most values equal ``fill`` (``None``: unknown) — the bytes start with
# one bit per value (``pack_bits``' order) set where it differs, then those values only;
# else every value. Values are little-endian ``u1`` / ``u2`` / ``u4`` integers (``missing``,
# the type's largest, stands for unknown; ``bdata`` is base85, ``text``: ``b85``, see
# ``b85_text``), or ``f8`` (NaN: unknown) when integers do not
# fit. ``deflate``: the bytes are compressed (``_deflate``: raw deflate),
# multi-byte values stored byte plane by byte plane first (the high bytes of small numbers
# are mostly 0 and compress to nearly nothing). ``exact``: ``[position, value]`` pairs that
# override (see ``pack_numbers``' ``edges``), or, when there are many, a « numbers » array
# of those values, unknown elsewhere (sparse: their bits, then their values). In the
# browser an unknown value is ``undefined`` at ``path`` — or ``unknown`` when given (a
# number: a choropleth's ``z`` must stay numeric to be drawn and hovered) — and ``copy``,
# when given, is a second path that receives the same values with unknown left
# ``undefined`` (the hover's ``customdata``).

_WIDTHS = (("u1", np.dtype("<u1")), ("u2", np.dtype("<u2")), ("u4", np.dtype("<u4")))


def shown_round(values, decimals: int) -> np.ndarray:
    """``values`` rounded to ``decimals`` the way the browser's number format does
    (``Number.prototype.toFixed``: the nearest, a tie going up), as integers × 10 **
    ``decimals`` (NaN stays NaN, as float). numpy's ``rint`` sends exact ties (2.25 → 2.2)
    to the even one, where the browser writes 2.3."""
    from decimal import Decimal

    v = np.asarray(values, dtype=float)
    scaled = v * 10 ** decimals
    out = np.floor(scaled + 0.5)
    near = np.flatnonzero(np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6)
    for i in near:  # close to a tie: decide on the exact value of the double
        exact = Decimal(float(v[i])) * 10 ** decimals
        low = Decimal(int(np.floor(scaled[i])))
        out[i] = float(low + 1 if exact - low >= Decimal("0.5") else low)
    return out


def _decimals(v: np.ndarray, most: int) -> int:
    """The fewest decimals (up to ``most``) that write every finite value of ``v``."""
    finite = v[np.isfinite(v)]
    for k in range(most + 1):
        if np.array_equal(np.round(finite, k), finite):  # the very doubles ints / 10 ** k
            return k
    return most


def _stored(v: np.ndarray, k: int) -> tuple[str, int | None, bytes, int]:
    """(dtype, missing, bytes, width) of the values ``v`` (NaN unknown) × 10 ** ``k``."""
    known = np.isfinite(v)
    ints = np.rint(v[known] * 10 ** k) if known.any() else np.zeros(0)
    if len(ints) == 0 or (ints.min() >= 0 and ints.max() < 2 ** 32 - 1):
        top = ints.max() if len(ints) else 0
        name, dt = next((n, d) for n, d in _WIDTHS if top < np.iinfo(d).max)
        missing = int(np.iinfo(dt).max)
        out = np.full(len(v), missing, dtype=np.int64)
        out[known] = ints
        return name, missing, out.astype(dt).tobytes(), dt.itemsize
    return "f8", None, np.where(known, v, np.nan).astype("<f8").tobytes(), 8


def _planes(raw: bytes, width: int) -> bytes:
    """Byte ``j`` of every value, then byte ``j + 1``… (undone by the browser)."""
    if width == 1:
        return raw
    return np.frombuffer(raw, dtype=np.uint8).reshape(-1, width).T.tobytes()


def pack_numbers(values, path: list, *, decimals: int = 4, edges=None,
                 unknown: float | None = None, copy: list | None = None) -> dict:
    """``values`` (NaN: unknown) rounded to ``decimals`` — with ``decimals`` 4, exactly the
    numbers of ``figures/map._numbers`` — in the fewest bytes among dense and sparse,
    compressed or not (the module's « numbers »).

    Rounded to fewer decimals (the indicator's, ``shown_round``: what the hover writes),
    a value could cross one of the colour classes' ``edges``: those values travel exactly
    (4 decimals) in ``exact``, so that each territory keeps its colour."""
    v = np.asarray(values, dtype=float)
    exact = []
    if decimals < 4:
        fine = np.round(v, 4)
        rounded = shown_round(fine, decimals) / 10 ** decimals
        if edges is not None and len(edges):
            e = np.asarray(edges, dtype=float)
            moved = np.flatnonzero(np.isfinite(fine) & np.logical_or.reduce([
                np.searchsorted(e, fine, side=side) != np.searchsorted(e, rounded, side=side)
                for side in ("left", "right")]))
            exact = [[int(i), _number(fine[i])] for i in moved]
            if len(moved) > 20:
                kept = np.full(len(v), np.nan)
                kept[moved] = fine[moved]
                packed = pack_numbers(kept, [])
                if len(json.dumps(packed)) < len(json.dumps(exact)):
                    exact = packed
        v = rounded
    else:
        v = np.round(v, decimals)
    k = _decimals(v, decimals)
    n = len(v)
    fill, sparse_at = _fill(v)
    candidates = []
    for sparse in (False, True):
        if sparse and fill is _NOT_SPARSE:
            continue
        differs = (~_same(v, fill)) if sparse else np.ones(n, dtype=bool)
        name, missing, raw, width = _stored(v[differs], k)
        body = _planes(raw, width)
        if sparse:
            body = np.packbits(differs, bitorder="little").tobytes() + body
        for deflate in (False, True):
            data = _deflate(body) if deflate else body
            candidates.append((len(data), sparse, deflate, name, missing, data))
    size, sparse, deflate, name, missing, data = min(candidates, key=lambda c: c[0])
    spec = {"path": list(path), "kind": "numbers", "n": n, "scale": 10 ** k,
            "fill": None if not sparse or fill is None else _number(fill),
            "sparse": sparse, "dtype": name, "missing": missing, "deflate": deflate,
            "exact": exact, "text": "b85", "bdata": b85_text(data)}
    if unknown is not None:
        spec["unknown"] = unknown
    if copy is not None:
        spec["copy"] = list(copy)
    return spec


_NOT_SPARSE = object()
# base85 (RFC 1924's alphabet, Python's ``b85encode``) with « < » and « > » written « , »
# and « . »: Dash's JSON encoder writes those two as ``\u003c`` / ``\u003e`` (6 bytes).
# Five characters for four bytes where base64 takes 5⅓: 53 → 50 kB for the distances.
_B85_SAFE = str.maketrans({"<": ",", ">": "."})
_B85_BACK = str.maketrans({",": "<", ".": ">"})


def b85_text(data: bytes) -> str:
    return base64.b85encode(data).decode("ascii").translate(_B85_SAFE)


def b85_bytes(text: str) -> bytes:
    return base64.b85decode(text.translate(_B85_BACK))


def _fill(v: np.ndarray):
    """The most frequent value of ``v`` (None: unknown), if it is a quarter of them at
    least (else ``_NOT_SPARSE``), and how many hold it."""
    if not len(v):
        return _NOT_SPARSE, 0
    unknown = int(np.isnan(v).sum())
    values, counts = np.unique(v[~np.isnan(v)], return_counts=True)
    best = (None, unknown)
    if len(counts) and counts.max() > unknown:
        best = (float(values[counts.argmax()]), int(counts.max()))
    return (best[0] if best[1] * 4 >= len(v) else _NOT_SPARSE), best[1]


def _same(v: np.ndarray, fill) -> np.ndarray:
    return np.isnan(v) if fill is None else (v == fill)


def _number(x: float):
    """A JSON number: whole values as integers."""
    x = float(x)
    return int(x) if x.is_integer() else x


def unpack_numbers(spec: dict) -> np.ndarray:
    """The values of a « numbers » array, NaN for unknown (the browser's decoding; its
    ``unknown`` and ``copy`` are for the browser to apply)."""
    raw = (b85_bytes(spec["bdata"]) if spec.get("text") == "b85"
           else base64.urlsafe_b64decode(spec["bdata"]))
    if spec["deflate"]:
        raw = _inflate(raw)
    n = spec["n"]
    if spec["sparse"]:
        head = (n + 7) // 8
        differs = np.unpackbits(np.frombuffer(raw[:head], dtype=np.uint8), count=n,
                                bitorder="little").astype(bool)
        raw = raw[head:]
    else:
        differs = np.ones(n, dtype=bool)
    width = 8 if spec["dtype"] == "f8" else np.dtype("<" + spec["dtype"]).itemsize
    m = int(differs.sum())
    if width > 1:  # byte planes back to values
        raw = np.frombuffer(raw, dtype=np.uint8).reshape(width, m).T.tobytes()
    if spec["dtype"] == "f8":
        stored = np.frombuffer(raw, dtype="<f8").copy()
    else:
        ints = np.frombuffer(raw, dtype="<" + spec["dtype"]).astype(np.int64)
        stored = np.where(ints == spec["missing"], np.nan, ints / spec["scale"])
    fill = np.nan if spec["fill"] is None else float(spec["fill"])
    out = np.full(n, fill)
    out[differs] = stored
    if isinstance(spec["exact"], dict):  # a « numbers » array, unknown where not kept
        kept = unpack_numbers(spec["exact"])
        out = np.where(np.isnan(kept), out, kept)
    else:
        for i, value in spec["exact"]:
            out[i] = value
    return out


def pack_places(url: str, layer_ids, ids, path: list, *, positions=None) -> dict:
    """A map's ``locations`` (``ids``) as a subset of ``layer_ids`` (the ids the browser
    fetches once from ``url``; a ``pd.Index`` of strings is used as it is), its bits
    deflated when that is smaller (kind « places »), or as a plain list when they are not
    all in the layer or not in its order (the subset keeps the layer's order).
    ``positions``: ``ids``' positions in ``layer_ids`` (-1: absent) when the caller has
    looked them up already."""
    import pandas as pd

    layer = layer_ids if isinstance(layer_ids, pd.Index) else pd.Index(
        [str(i) for i in layer_ids])
    if positions is None:
        positions = layer.get_indexer(pd.Index(ids).astype(str))
    if (positions < 0).any() or (np.diff(positions) <= 0).any():
        return {"path": list(path), "kind": "list", "values": [str(i) for i in ids]}
    subset = pack_subset(url, positions, len(layer), path)
    raw = base64.urlsafe_b64decode(subset["bdata"])
    deflated = _deflated_text(raw)
    if len(deflated) >= len(subset["bdata"]):
        return subset
    # a territory is runs of the layer's order (its departments' codes): its bits deflate
    # to a few dozen bytes (all of France: 5.8 kB → 60 B)
    return {**subset, "kind": "places", "bdata": deflated}


def unpack_places(spec: dict, ids) -> np.ndarray:
    """The ids a « places » array keeps (a subset whose bits are deflated)."""
    raw = _inflated(spec["bdata"])
    return unpack({**spec, "kind": "subset",
                   "bdata": base64.urlsafe_b64encode(raw).decode("ascii")}, ids)


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
    return {"path": list(path), "kind": "spatial", "of": of, "order_url": spatial.url,
            "order_key": spatial.key, "n": int(n), "runs": runs_of(pos),
            "bdata": _deflated_text(raw)}


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


def _unpack_spatial(spec: dict, order) -> np.ndarray:
    positions = np.concatenate([np.arange(a, b) for a, b in spec["runs"]] or
                               [np.zeros(0, dtype=np.int64)]).astype(np.int64)
    order = np.asarray(order, dtype=np.int64)
    if len(order) != spec["n"]:
        raise ValueError("the spatial order does not match the layer")
    rank = np.full(spec["n"], -1, dtype=np.int64)
    rank[positions] = np.arange(len(positions))
    along = rank[order]
    along = along[along >= 0]
    raw = _inflated(spec["bdata"])
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
    body = json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return {"path": list(path), "kind": "json", "bdata": _deflated_text(body)}


# --------------------------------------------------------------------------- ratio
# A venue ratio per commune of France (venues per 10,000 inhabitants, per 100 km²,
# inhabitants per venue) has as many distinct values as communes: 40,000 venues spread over
# every commune made 44–50 kB of « numbers ». Its operands are small: the venue counts
# (12 kB) and the layer's populations or areas, which never change. So the browser is sent
# the counts and fetches the layer's measures once (``LayerMeasures``, at ``url``), then
# divides as ``indicators._ratio`` and rounds as ``numpy.round(x, 4)`` (``round4``): the
# very doubles of the « numbers » of the same values. ``{"kind": "ratio", "n", "places",
# "sent", "operands", "scale", "measures_url", "measures_key", "exact"}``: ``places``, the
# territories' positions among the layer's ``n`` (deflated bits, as « places »); ``sent``,
# a « numbers » array (no path) of the operand that is not a layer measure, one per
# territory; ``operands``, (numerator, denominator), each ``"sent"`` or a measure's name
# (``population``, ``area_km2``); ``exact``, ``[position, value or null]`` pairs that
# override where the layer's measure is not the territory's (a group cut by the selected
# departments) — the server runs the browser's computation (``unpack_ratio``) to find them.

MEASURES = ("population", "area_km2")


@dataclass(frozen=True)
class LayerMeasures:
    """A level's population and area per territory, in the layer's order (NaN: none), as the
    browser fetches them once from ``url`` (``measures_body``); ``key``: their digest."""
    url: str
    ids: object  # pd.Index of the layer's ids as strings
    population: np.ndarray
    area_km2: np.ndarray
    key: str

    @classmethod
    def of(cls, url: str, ids, population, area_km2) -> LayerMeasures:
        pop, area = np.asarray(population, dtype=float), np.asarray(area_km2, dtype=float)
        digest_ = hashlib.blake2b(pop.tobytes() + area.tobytes(), digest_size=8).hexdigest()
        return cls(url, ids, pop, area, digest_)


def measures_body(measures: LayerMeasures) -> bytes:
    """What ``measures.url`` serves: ``{"key", "population", "area_km2"}``, unknown as null;
    JSON numbers are the shortest text of each double, which the browser reads back exactly."""
    def listed(v):
        return [None if x != x else (int(x) if x.is_integer() else x) for x in v.tolist()]

    return json.dumps({"key": measures.key, "population": listed(measures.population),
                       "area_km2": listed(measures.area_km2)},
                      separators=(",", ":")).encode("ascii")


def round4(x: np.ndarray) -> np.ndarray:
    """``numpy.round(x, 4)`` spelt out as the browser computes it (``assets/packed_arrays.js``
    ``round4``): × 10,000, to the nearest integer (a tie to the even one), ÷ 10,000."""
    return np.rint(np.asarray(x, dtype=float) * 10_000.0) / 10_000.0


def _ratio_values(sent: np.ndarray, positions: np.ndarray, measures: LayerMeasures,
                  operands, scale: float) -> np.ndarray:
    """The browser's division: ``numerator / denominator × scale`` rounded by ``round4``,
    NaN (unknown) where the denominator is not positive or an operand is unknown."""
    def operand(name):
        return sent if name == "sent" else getattr(measures, name)[positions]

    num, den = operand(operands[0]), operand(operands[1])
    with np.errstate(divide="ignore", invalid="ignore"):
        out = round4(num / den * scale)
    return np.where(den > 0, out, np.nan)


def pack_ratio(target, sent, positions, measures: LayerMeasures, operands, scale: float,
               path: list, *, unknown: float | None = None, copy: list | None = None) -> dict:
    """The values ``target`` (one per territory at ``positions`` of the layer, increasing;
    NaN unknown) as the ratio of ``sent`` (one per territory) and a layer measure, which the
    browser computes (the module's « ratio »). Where the result would not be
    ``round4(target)`` the value travels in ``exact``."""
    pos = np.asarray(positions, dtype=np.int64)
    if len(pos) and ((np.diff(pos) <= 0).any() or pos[0] < 0):
        raise ValueError("positions must increase within the layer")
    if not set(operands) <= {"sent", *MEASURES} or list(operands).count("sent") != 1:
        raise ValueError(f"operands {operands!r}: one sent, one layer measure")
    numbers = pack_numbers(sent, [])
    del numbers["path"]
    got = _ratio_values(unpack_numbers(numbers), pos, measures, operands, scale)
    want = round4(target)
    differs = np.flatnonzero(~((got == want) | (np.isnan(got) & np.isnan(want))))
    flags = np.zeros(len(measures.ids), dtype=bool)
    flags[pos] = True
    spec = {"path": list(path), "kind": "ratio", "n": len(flags),
            "places": _deflated_text(np.packbits(flags, bitorder="little").tobytes()),
            "sent": numbers, "operands": list(operands), "scale": _number(scale),
            "measures_url": measures.url, "measures_key": measures.key,
            "exact": [[int(i), None if want[i] != want[i] else _number(want[i])]
                      for i in differs]}
    if unknown is not None:
        spec["unknown"] = unknown
    if copy is not None:
        spec["copy"] = list(copy)
    return spec


def unpack_ratio(spec: dict, measures: LayerMeasures) -> np.ndarray:
    """The values of a « ratio » array (the browser's computation), NaN for unknown."""
    if measures.key != spec["measures_key"] or len(measures.ids) != spec["n"]:
        raise ValueError("the layer's measures do not match")
    flags = np.unpackbits(np.frombuffer(_inflated(spec["places"]), dtype=np.uint8),
                          count=spec["n"], bitorder="little")
    out = _ratio_values(unpack_numbers(spec["sent"]), np.flatnonzero(flags), measures,
                        spec["operands"], spec["scale"])
    for i, value in spec["exact"]:
        out[i] = np.nan if value is None else value
    return out
