"""Background callbacks (imports) run in a thread of the worker, their state in the store.

Dash's ``DiskcacheManager`` runs each job in a forked process and keeps results in a
diskcache folder; ``CeleryManager`` needs a Celery worker and broker. Neither fits here: a
forked job cannot put the user's tables into the in-process session store of
``python app.py``, and we want nothing on disk and no extra service. ``ThreadJobManager``
keeps Dash's job protocol (``_make_job_fn``: progress, result, ``set_props``) but runs the
job in a thread of the worker that received the upload, and keeps job state, progress and
results in a handle that every worker reaches: Redis when the session store is Redis
(several gunicorn workers poll the same job), a dict otherwise (one process).

Cancelling is cooperative: the job stops at its next progress step (and never stores a
dataset after a cancel); a step already running finishes in the background and is
discarded. Entries expire after ``ttl`` seconds if nobody collects them.
"""

from __future__ import annotations

import contextlib
import pickle
import secrets
import threading
import time

from dash.background_callback.managers import BaseBackgroundCallbackManager
from dash.background_callback.managers.diskcache_manager import (
    DiskcacheManager,
    _make_job_fn,
)

__all__ = ["ThreadJobManager", "MemoryJobHandle", "RedisJobHandle", "JobCancelled",
           "make_job_manager"]

_current = threading.local()


class JobCancelled(Exception):
    """The user cancelled the job: stop at this step."""


class MemoryJobHandle:
    """The subset of a diskcache.Cache that Dash's job protocol uses, in a dict."""

    def __init__(self, ttl: float = 3600):
        self.ttl = ttl
        self._items: dict = {}
        self._lock = threading.Lock()

    def get(self, key, default=None):
        with self._lock:
            item = self._items.get(key)
            if item is None or item[1] < time.monotonic():
                return default
            return item[0]

    def set(self, key, value, expire=None, **_):
        now = time.monotonic()
        with self._lock:
            if len(self._items) > 1000:
                self._items = {k: v for k, v in self._items.items() if v[1] >= now}
            self._items[key] = (value, now + (expire or self.ttl))
        return True

    def add(self, key, value, expire=None, **_):
        with self._lock:
            present = key in self._items and self._items[key][1] >= time.monotonic()
        return False if present else self.set(key, value, expire)

    def delete(self, key, **_):
        with self._lock:
            return self._items.pop(key, None) is not None

    def touch(self, key, expire=None, **_):
        value = self.get(key, self)
        return value is not self and self.set(key, value, expire)

    def transact(self):
        return contextlib.nullcontext()


class RedisJobHandle(MemoryJobHandle):
    """The same in Redis (values pickled: Redis is ours, on 127.0.0.1 or a private network)."""

    PREFIX = "tierslieux:job:"

    def __init__(self, client, ttl: int = 3600):
        self.ttl, self._redis = int(ttl), client

    def get(self, key, default=None):
        raw = self._redis.get(self.PREFIX + key)
        return default if raw is None else pickle.loads(raw)

    def set(self, key, value, expire=None, **_):
        return bool(self._redis.set(self.PREFIX + key, pickle.dumps(value),
                                    ex=int(expire or self.ttl)))

    def add(self, key, value, expire=None, **_):
        return bool(self._redis.set(self.PREFIX + key, pickle.dumps(value),
                                    ex=int(expire or self.ttl), nx=True))

    def delete(self, key, **_):
        return bool(self._redis.delete(self.PREFIX + key))

    def touch(self, key, expire=None, **_):
        return bool(self._redis.expire(self.PREFIX + key, int(expire or self.ttl)))


class ThreadJobManager(DiskcacheManager):
    """Dash background callbacks run in threads, state in a shared handle (see above)."""

    def __init__(self, handle):
        self.handle, self.expire = handle, None
        BaseBackgroundCallbackManager.__init__(self, None)  # not diskcache's: no folder

    def build_cache_key(self, fn, args, cache_args_to_ignore, triggered):
        # no result caching: two users uploading the same file must not share one job
        return super().build_cache_key(fn, args, cache_args_to_ignore, triggered) + \
            secrets.token_hex(8)

    def make_job_fn(self, fn, progress, key=None):
        handle = self.handle

        def cancelled() -> bool:
            job = getattr(_current, "job", None)
            return bool(job and handle.get(f"job:{job}:cancel"))

        def guarded(*args, **kwargs):
            if progress:
                set_progress, *args = args

                def checked_progress(value):
                    if cancelled():
                        raise JobCancelled
                    set_progress(value)
                args = [checked_progress, *args]
            result = fn(*args, **kwargs)
            if cancelled():
                raise JobCancelled
            return result

        return _make_job_fn(guarded, handle, progress)

    def call_job_fn(self, key, job_fn, args, context):
        job = secrets.token_hex(12)
        self.handle.set(f"job:{job}", "running")

        def run():
            _current.job = job
            try:
                job_fn(key, self._make_progress_key(key), args, context)
            finally:
                self.handle.set(f"job:{job}", "done")
                _current.job = None

        threading.Thread(target=run, name=f"import-{job[:6]}", daemon=True).start()
        return job

    def job_running(self, job):
        return bool(job) and self.handle.get(f"job:{job}") == "running"

    def terminate_job(self, job):
        if job and self.job_running(job):
            self.handle.set(f"job:{job}:cancel", True)

    def terminate_unhealthy_job(self, job):
        return False


def make_job_manager(settings) -> ThreadJobManager:
    if settings.redis_url:
        import redis

        return ThreadJobManager(RedisJobHandle(redis.Redis.from_url(settings.redis_url)))
    return ThreadJobManager(MemoryJobHandle())
