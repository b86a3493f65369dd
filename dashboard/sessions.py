"""Where the tables a user uploads live between requests: a store every worker reaches.

A session entry is a few validated tables (a venue registry, a funding table, an import
report) and a label (the file name), under an unguessable key the browser keeps. Reference
layers are shared and never stored per session. Two backends, chosen by settings:

- ``RedisSessionStore`` when ``TIERSLIEUX_REDIS_URL`` is set: tables as Parquet bytes (zstd)
  in one Redis hash per key, with a sliding expiry (``TIERSLIEUX_SESSION_TTL``, 8 h by
  default). Redis keeps them in memory; nothing is written to the data folder. Every worker
  and every restart of the app sees the same entries while Redis lives.
- ``MemorySessionStore`` otherwise (``python app.py``, ``make run``, one process): the tables
  themselves, the least recently used dropped past a memory bound
  (``TIERSLIEUX_SESSION_MEMORY_MB``), with the same sliding expiry.

A key the store does not know (expired, evicted, restarted, garbage) is ``None`` here; the
caller says so to the user (``SessionLost``), it never substitutes other data silently.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import re
import secrets
import threading
import time
from dataclasses import dataclass, field

import pandas as pd

from dashboard import config
from dashboard.cache import ViewCache, nbytes

__all__ = ["SessionLost", "SessionStoreUnavailable", "SessionEntry", "SessionStore",
           "MemorySessionStore", "RedisSessionStore", "make_session_store", "is_session_key"]

_KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


class SessionLost(LookupError):
    """A session key the server no longer knows: its data must not be replaced silently."""


class SessionStoreUnavailable(RuntimeError):
    """The session store does not answer (Redis down or unreachable): the user's data may
    still be there, so the key is kept and the page says the panels are not up to date."""


def is_session_key(key) -> bool:
    return isinstance(key, str) and bool(_KEY_PATTERN.match(key))


def _new_key() -> str:
    return secrets.token_urlsafe(24)


def frame_to_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, compression="zstd")
    return buffer.getvalue()


def frame_from_bytes(data: bytes) -> pd.DataFrame:
    """The frame ``frame_to_bytes`` wrote, dtypes included: a text column that was of
    ``object`` dtype comes back as ``object`` (pandas would read it as ``str``)."""
    import pyarrow.parquet as pq

    frame = pd.read_parquet(io.BytesIO(data))
    columns = (pq.read_schema(io.BytesIO(data)).pandas_metadata or {}).get("columns", [])
    objects = [c["name"] for c in columns
               if c.get("numpy_type") == "object" and c.get("name") in frame.columns]
    return frame.astype({name: object for name in objects}) if objects else frame


@dataclass(frozen=True)
class SessionEntry:
    """What a key holds: a label, a kind, named tables and a digest of their content (the
    key of every per-worker cache derived from them)."""

    label: str
    kind: str
    tables: dict[str, pd.DataFrame] = field(repr=False)
    digest: str = ""

    @classmethod
    def create(cls, label: str, kind: str, tables: dict[str, pd.DataFrame]) -> SessionEntry:
        blobs = {name: frame_to_bytes(frame) for name, frame in tables.items()}
        return cls(label, kind, dict(tables), _digest(label, kind, blobs))


def _digest(label: str, kind: str, blobs: dict[str, bytes]) -> str:
    h = hashlib.sha256(f"{kind}\0{label}".encode())
    for name in sorted(blobs):
        h.update(name.encode() + b"\0" + hashlib.sha256(blobs[name]).digest())
    return h.hexdigest()[:32]


class SessionStore:
    """The interface: ``put`` an entry and get its new key, ``get`` it back (renewing its
    expiry) or ``None``, ``drop`` it, ``stats`` for the benchmark and the tests."""

    backend = "abstract"

    def put(self, entry: SessionEntry) -> str:
        raise NotImplementedError

    def get(self, key) -> SessionEntry | None:
        raise NotImplementedError

    def drop(self, key) -> None:
        raise NotImplementedError

    def stats(self) -> dict:
        raise NotImplementedError


class MemorySessionStore(SessionStore):
    """Entries in this process's memory, bounded by bytes, with a sliding expiry."""

    backend = "memory"

    def __init__(self, max_bytes: int = 512 * 1024 * 1024, ttl: float = 8 * 3600,
                 clock=time.monotonic):
        self.ttl = ttl
        self._clock = clock
        self._entries = ViewCache(max_items=None, max_bytes=max_bytes,
                                  sizeof=lambda item: nbytes(item[0].tables))
        self._lock = threading.Lock()

    def put(self, entry: SessionEntry) -> str:
        key = _new_key()
        self._entries.put(key, (entry, [self._clock()]))
        return key

    def get(self, key) -> SessionEntry | None:
        if not is_session_key(key):
            return None
        item = self._entries.get(key)
        if item is None:
            return None
        entry, last_used = item
        now = self._clock()
        with self._lock:
            if now - last_used[0] > self.ttl:
                self._entries.pop(key)
                return None
            last_used[0] = now
        return entry

    def drop(self, key) -> None:
        if is_session_key(key):
            self._entries.pop(key)

    def stats(self) -> dict:
        return {"backend": self.backend, **self._entries.stats()}


class RedisSessionStore(SessionStore):
    """Entries in Redis (one hash per key: ``meta`` JSON and one Parquet blob per table),
    expiring ``ttl`` seconds after their last use. The tables are fetched only when this
    worker has not already materialised the same content (``digest``)."""

    backend = "redis"
    PREFIX = "tierslieux:session:"

    def __init__(self, url: str, ttl: int = 8 * 3600, client=None, local_items: int = 64,
                 local_bytes: int = 512 * 1024 * 1024):
        import redis

        self.url, self.ttl = url, int(ttl)
        self._redis = client or redis.Redis.from_url(url, socket_timeout=10,
                                                     socket_connect_timeout=5)
        # entries already read by this worker, by digest (content never changes under one)
        self._local = ViewCache(max_items=local_items, max_bytes=local_bytes)

    def ping(self) -> bool:
        return bool(self._redis.ping())

    def put(self, entry: SessionEntry) -> str:
        with self._answering():
            return self._put(entry)

    def get(self, key) -> SessionEntry | None:
        with self._answering():
            return self._get(key)

    def drop(self, key) -> None:
        if is_session_key(key):
            with self._answering():
                self._redis.delete(self.PREFIX + key)

    @contextlib.contextmanager
    def _answering(self):
        import redis

        try:
            yield
        except redis.exceptions.RedisError as err:
            raise SessionStoreUnavailable(type(err).__name__) from err

    def _put(self, entry: SessionEntry) -> str:
        key = _new_key()
        meta = json.dumps({"label": entry.label, "kind": entry.kind, "digest": entry.digest,
                           "tables": sorted(entry.tables)}, ensure_ascii=False)
        mapping = {"meta": meta, **{f"table:{name}": frame_to_bytes(frame)
                                    for name, frame in entry.tables.items()}}
        pipe = self._redis.pipeline()
        pipe.hset(self.PREFIX + key, mapping=mapping)
        pipe.expire(self.PREFIX + key, self.ttl)
        pipe.execute()
        self._local.put(entry.digest, entry)
        return key

    def _get(self, key) -> SessionEntry | None:
        if not is_session_key(key):
            return None
        pipe = self._redis.pipeline()
        pipe.hget(self.PREFIX + key, "meta")
        pipe.expire(self.PREFIX + key, self.ttl)
        raw, _ = pipe.execute()
        if raw is None:
            return None
        meta = json.loads(raw)
        cached = self._local.get(meta["digest"])
        if cached is not None:
            return cached
        names = meta["tables"]
        blobs = self._redis.hmget(self.PREFIX + key, [f"table:{n}" for n in names])
        if any(b is None for b in blobs):
            return None  # expired between the two reads
        entry = SessionEntry(meta["label"], meta["kind"],
                             {n: frame_from_bytes(b) for n, b in zip(names, blobs)},
                             meta["digest"])
        self._local.put(entry.digest, entry)
        return entry

    def stats(self) -> dict:
        return {"backend": self.backend, "ttl": self.ttl, "local": self._local.stats()}


def make_session_store(settings: config.Settings) -> SessionStore:
    if settings.redis_url:
        return RedisSessionStore(settings.redis_url, ttl=settings.session_ttl)
    return MemorySessionStore(max_bytes=settings.session_memory_bytes, ttl=settings.session_ttl)
