"""Imports as background jobs: threads whose state lives in a handle every worker reaches;
progress reported, a cancel stops the job at its next step and nothing is stored after it."""

from __future__ import annotations

import time

import pytest

from callbacks.background import (
    JobCancelled,
    MemoryJobHandle,
    RedisJobHandle,
    ThreadJobManager,
)
from tests.servers import redis_server


def wait(predicate, timeout=10):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError
        time.sleep(0.02)


def slow_job(set_progress, steps, record):
    for i in range(steps):
        set_progress((i, f"{i} %"))
        record.append(i)
        time.sleep(0.05)
    return "fini"


def run(manager, fn, *args):
    job_fn = manager.make_job_fn(fn, True)
    key = manager.build_cache_key(fn, list(args), [], None)
    job = manager.call_job_fn(key, job_fn, list(args), {"triggered_inputs": []})
    return key, job


@pytest.fixture(params=["memory", "redis"])
def manager(request):
    if request.param == "memory":
        yield ThreadJobManager(MemoryJobHandle())
        return
    import redis

    with redis_server(offset=6) as url:
        yield ThreadJobManager(RedisJobHandle(redis.Redis.from_url(url)))


def test_a_job_reports_progress_then_its_result(manager):
    record = []
    key, job = run(manager, slow_job, 5, record)
    assert manager.job_running(job)
    wait(lambda: manager.get_progress(key) is not None or manager.result_ready(key))
    wait(lambda: manager.result_ready(key))
    assert manager.get_result(key, job) == "fini"
    assert record == [0, 1, 2, 3, 4] and not manager.job_running(job)


def test_another_worker_sees_the_same_job(manager):
    """A second manager on the same handle (another gunicorn worker polling)."""
    other = ThreadJobManager(manager.handle)
    key, job = run(manager, slow_job, 3, [])
    assert other.job_running(job)
    wait(lambda: other.result_ready(key))
    assert other.get_result(key, job) == "fini"


def test_cancel_stops_at_the_next_step(manager):
    record = []
    key, job = run(manager, slow_job, 200, record)
    wait(lambda: len(record) >= 2)
    manager.terminate_job(job)
    wait(lambda: not manager.job_running(job))
    done = len(record)
    assert done < 200
    time.sleep(0.2)
    assert len(record) == done  # nothing ran after the cancel
    result = manager.get_result(key, job)
    assert "background_callback_error" in result  # the renderer has stopped polling anyway


def test_two_identical_uploads_get_two_jobs(manager):
    args = ["data:text/csv;base64,AAAA", None, None, "a.csv", None, None, "fr"]
    first = manager.build_cache_key(slow_job, args, [], None)
    assert first != manager.build_cache_key(slow_job, args, [], None)


def test_a_cancelled_import_stores_nothing(occitanie):
    """update_session_dataset's last progress step comes before anything is stored."""
    import base64

    from callbacks.importing import update_session_dataset
    from dashboard.dataset import session_store
    from layouts import ids
    from tests.test_callbacks import run_in_context

    stored = []
    store = session_store()
    put = store.put
    store.put = lambda entry: stored.append(entry.kind) or put(entry)

    def progress(percent):
        if percent >= 95:
            raise JobCancelled

    text = "Nom;Code postal;Ville\nLa Forge;32000;Auch\n"
    contents = "data:text/csv;base64," + base64.b64encode(text.encode()).decode()
    try:
        with pytest.raises(JobCancelled):
            run_in_context(update_session_dataset, contents, None, None, "l.csv", None, None,
                           "fr", None, None, progress, triggered=ids.IMPORT_APPLY)
    finally:
        del store.put
    assert "dataset" not in stored
