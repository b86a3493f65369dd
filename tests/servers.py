"""Real servers for the serving tests: a Redis server, the app under gunicorn, and a client
that calls Dash callbacks over HTTP as the browser does (``/_dash-update-component``).

Ports: free ones by default; ``TIERSLIEUX_TEST_REDIS_PORT`` and ``TIERSLIEUX_TEST_APP_PORT``
pin them (several checkouts on one machine). Everything listens on 127.0.0.1 only.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import requests

from dashboard import config

__all__ = ["free_port", "redis_server", "app_server", "DashClient", "csv_upload"]


def free_port(preferred: int | None = None) -> int:
    for port in ([preferred] if preferred else []) + [0]:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError("no free port")


def _env_port(name: str, offset: int = 0) -> int | None:
    value = os.environ.get(name)
    return int(value) + offset if value else None


@contextlib.contextmanager
def redis_server(offset: int = 0):
    """A throw-away redis-server (no persistence: nothing written to disk) → its URL."""
    exe = shutil.which("redis-server")
    if not exe:
        pytest.fail("redis-server est absent : `make test` l'installe (Debian : apt-get install "
                    "redis-server). Les tests du magasin de sessions en ont besoin.")
    port = free_port(_env_port("TIERSLIEUX_TEST_REDIS_PORT", offset))
    with tempfile.TemporaryDirectory() as folder:
        proc = subprocess.Popen([exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                 "--appendonly", "no", "--dir", folder],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"redis://127.0.0.1:{port}/0"
        try:
            import redis

            client = redis.Redis.from_url(url)
            deadline = time.monotonic() + 10
            while True:
                try:
                    client.ping()
                    break
                except redis.ConnectionError:
                    if time.monotonic() > deadline or proc.poll() is not None:
                        raise RuntimeError("redis-server did not start") from None
                    time.sleep(0.05)
            client.close()
            yield url
        finally:
            proc.terminate()
            proc.wait(10)


@contextlib.contextmanager
def app_server(env: dict[str, str], workers: int = 1, offset: int = 0, timeout: float = 90):
    """``tierslieux serve --workers N`` (gunicorn) on a free port → its base URL."""
    port = free_port(_env_port("TIERSLIEUX_TEST_APP_PORT", offset))
    full_env = {**os.environ, **env, "PYTHONPATH": str(config.PROJECT_DIR)}
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(
        [sys.executable, "-m", "dashboard.cli", "serve", "--workers", str(workers),
         "--host", "127.0.0.1", "--port", str(port)],
        cwd=config.PROJECT_DIR, env=full_env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"serve exited: {log.read().decode()[-2000:]}")
            try:
                if requests.get(base + "/_dash-layout", timeout=30).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the app did not answer")
            time.sleep(0.2)
        yield base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
        log.close()


def _parse_outputs(output: str) -> list[dict] | dict:
    """The ``outputs`` the renderer sends: a list for a multi-output callback, else one."""
    multi = output.startswith("..")
    parts = output[2:-2].split("...") if multi else [output]
    outs = []
    for part in parts:
        ident, prop = part.rsplit(".", 1)
        outs.append({"id": json.loads(ident) if ident.startswith("{") else ident,
                     "property": prop})
    return outs if multi else outs[0]


class DashClient:
    """Calls one callback the way dash-renderer does: POST /_dash-update-component."""

    def __init__(self, base: str | None = None, flask_client=None):
        self.base, self.flask = base, flask_client
        self.deps = self._get("/_dash-dependencies")

    def _get(self, path):
        if self.flask is not None:
            return self.flask.get(path).get_json()
        return requests.get(self.base + path, timeout=60).json()

    def post(self, body, query: dict | None = None) -> tuple[int, dict | None]:
        if self.flask is not None:
            r = self.flask.post("/_dash-update-component", json=body, query_string=query)
            return r.status_code, (r.get_json(silent=True) if r.data else None)
        r = requests.post(self.base + "/_dash-update-component", json=body, params=query,
                          timeout=120)
        return r.status_code, (r.json() if r.content and r.status_code == 200 else None)

    def post_and_wait(self, body, timeout: float = 120) -> tuple[int, dict | None]:
        """A background callback answers with a job handle: poll it as the renderer does
        until the result comes."""
        status, payload = self.post(body)
        if not (payload and "cacheKey" in payload):
            return status, payload
        query = {"cacheKey": payload["cacheKey"], "job": payload["job"]}
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status, answer = self.post(body, query)
            if status != 200 or (answer and "response" in answer) or (
                    answer and "sideUpdate" in answer and "progress" not in answer):
                return status, answer
            time.sleep(0.1)
        raise TimeoutError("background callback never answered")

    def dependency(self, output_part: str) -> dict:
        return next(d for d in self.deps if output_part in d["output"])

    def call(self, output_part: str, values: dict, trigger: str | None = None):
        """(status, {component id: {prop: value}} including side updates) of the callback
        whose output names ``output_part``; ``values`` by ``"id.prop"``."""
        dep = self.dependency(output_part)
        inputs = [{**i, "value": values.get(f"{i['id']}.{i['property']}")}
                  for i in dep["inputs"]]
        state = [{**s, "value": values.get(f"{s['id']}.{s['property']}")}
                 for s in dep["state"]]
        changed = trigger or f"{dep['inputs'][0]['id']}.{dep['inputs'][0]['property']}"
        status, payload = self.post_and_wait({"output": dep["output"],
                                     "outputs": _parse_outputs(dep["output"]),
                                     "inputs": inputs, "state": state,
                                     "changedPropIds": [changed]})
        if payload is None:
            return status, {}
        merged = dict(payload.get("response") or {})
        for side in payload.get("sideUpdate") or {}:
            merged.setdefault(side, {}).update(payload["sideUpdate"][side])
        return status, merged


def csv_upload(text: str) -> str:
    return "data:text/csv;base64," + base64.b64encode(text.encode("utf-8")).decode()


PROJECT = Path(config.PROJECT_DIR)
