"""One small cache interface: a thread-safe LRU bounded by a number of items and/or bytes.

    cache = ViewCache(max_items=64)
    value = cache.get_or_compute(key, compute)   # compute() runs on a miss
    cache.clear(); cache.stats()                 # {"items", "bytes", "hits", "misses", ...}

Used for the views a ``Dataset`` computes, for the datasets a worker has materialised from the
session store, and for the in-process session store itself (bounded by memory, not by count).
The benchmark and the tests use only this public interface.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import pandas as pd

__all__ = ["ViewCache", "nbytes"]

_MISSING = object()


def nbytes(value: Any) -> int:
    """Approximate memory held by a value: DataFrames and Series by their buffers (exact for
    numbers and pandas' Arrow-backed strings; an object column counts its pointers only, so
    geometries shared with the reference layers are not counted again), containers and
    dataclasses through their fields, anything else by ``sys.getsizeof``."""
    return _nbytes(value, set())


def _nbytes(value: Any, seen: set[int]) -> int:
    if id(value) in seen:
        return 0
    seen.add(id(value))
    if isinstance(value, pd.DataFrame):  # the columns' buffers (memory_usage is 3x slower)
        return int(sum(col.array.nbytes for _, col in value.items()) + value.index.nbytes)
    if isinstance(value, pd.Series):
        return int(value.array.nbytes + value.index.nbytes)
    if isinstance(value, (bytes, bytearray, str)):
        return sys.getsizeof(value)
    if isinstance(value, dict):
        return sum(_nbytes(k, seen) + _nbytes(v, seen) for k, v in value.items()) + 64
    if isinstance(value, (list, tuple, set, frozenset)):
        return sum(_nbytes(v, seen) for v in value) + 56
    fields = getattr(value, "__dataclass_fields__", None)
    if fields:
        return sum(_nbytes(getattr(value, f, None), seen) for f in fields) + 64
    if hasattr(value, "__dict__") and not isinstance(value, type):
        return sum(_nbytes(v, seen) for v in vars(value).values()) + 64
    return sys.getsizeof(value)


class ViewCache:
    """Least-recently-used values under hashable keys, dropped past ``max_items`` entries or
    ``max_bytes`` (as measured by ``sizeof``, ``nbytes`` by default). A value larger than
    ``max_bytes`` on its own is computed and returned but not kept."""

    def __init__(self, max_items: int | None = 64, max_bytes: int | None = None,
                 sizeof: Callable[[Any], int] = nbytes):
        self.max_items = max_items
        self.max_bytes = max_bytes
        self._sizeof = sizeof
        self._items: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._bytes = 0
        self._hits = self._misses = self._evictions = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable, default: Any = None) -> Any:
        with self._lock:
            item = self._items.get(key, _MISSING)
            if item is _MISSING:
                self._misses += 1
                return default
            self._items.move_to_end(key)
            self._hits += 1
            return item[0]

    def put(self, key: Hashable, value: Any) -> None:
        size = self._sizeof(value) if self.max_bytes is not None else 0
        with self._lock:
            self._discard(key)
            if self.max_bytes is not None and size > self.max_bytes:
                return
            self._items[key] = (value, size)
            self._bytes += size
            self._trim()

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        value = self.get(key, _MISSING)
        if value is _MISSING:
            value = compute()
            self.put(key, value)
        return value

    def pop(self, key: Hashable) -> None:
        with self._lock:
            self._discard(key)

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._items

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0

    def stats(self) -> dict:
        with self._lock:
            return {"items": len(self._items), "bytes": self._bytes, "hits": self._hits,
                    "misses": self._misses, "evictions": self._evictions,
                    "max_items": self.max_items, "max_bytes": self.max_bytes}

    def _discard(self, key: Hashable) -> None:
        item = self._items.pop(key, None)
        if item is not None:
            self._bytes -= item[1]

    def _trim(self) -> None:
        while self._items and (
                (self.max_items is not None and len(self._items) > self.max_items)
                or (self.max_bytes is not None and self._bytes > self.max_bytes)):
            _, (_, size) = self._items.popitem(last=False)
            self._bytes -= size
            self._evictions += 1
