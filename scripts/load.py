"""Bounded load test: simulated users changing filters, some on their own uploaded registry,
against ``tierslieux serve --workers N`` with Redis, all on 127.0.0.1.

    .venv/bin/python scripts/load.py [--users 40] [--seconds 60] [--workers 4] [--uploaders 10]

Starts its own redis-server and app on free loopback ports, stops them at the end. Every
response is checked: the key figure shown must be the one of the user's dataset (their
upload, or the published data), computed here independently. Reports requests per second,
latency percentiles, errors and wrong-dataset answers. Bounded: at most 100 users and
300 seconds; loopback only.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard.dataset import dataset_from_import, get_published_dataset  # noqa: E402
from dashboard.filters import ViewState, state_to_dict  # noqa: E402
from dashboard.i18n import format_int  # noqa: E402
from dashboard.importing.venues import import_venues  # noqa: E402
from tests.servers import DashClient, app_server, csv_upload, redis_server  # noqa: E402

MAX_USERS, MAX_SECONDS = 100, 300
DEPARTEMENTS = ("09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82")


def user_registry(i: int) -> str:
    """A small registry of its own for uploader ``i`` (its size tells it apart)."""
    published = get_published_dataset().registry.venues
    rows = published.iloc[: 20 + 7 * i]
    lines = ["Nom;Code INSEE;Latitude;Longitude;Typologie"]
    lines += [f"Lieu {i}-{n};{r.commune_insee};{r.lat};{r.lon};FabLab"
              for n, r in enumerate(rows.itertuples())]
    return "\n".join(lines) + "\n"


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.errors = self.wrong = self.uploads = 0

    def add(self, seconds: float, ok: bool, right: bool):
        with self.lock:
            self.latencies.append(seconds)
            self.errors += not ok
            self.wrong += ok and not right


def simulate(base: str, index: int, uploader: bool, stop: float, tally: Tally):
    rng = random.Random(index)
    client = DashClient(base)
    published = get_published_dataset()
    key, data = None, published
    if uploader:
        text = user_registry(index)
        status, out = client.call("dataset-key.data", {
            "import-venues-upload.contents": csv_upload(text),
            "import-venues-upload.filename": f"lieux_{index}.csv", "lang.data": "fr"},
            trigger="import-venues-upload.contents")
        key = out.get("dataset-key", {}).get("data") if status == 200 else None
        if key is None:
            tally.add(0.0, False, False)
            return
        venues = import_venues(text.encode(), published.reference).venues
        data = dataset_from_import(published.reference, venues, published.registry.calls,
                                   None, "x")
        with tally.lock:
            tally.uploads += 1
    while time.monotonic() < stop:
        deps = tuple(sorted(rng.sample(DEPARTEMENTS, rng.randint(0, 3))))
        state = ViewState(departements=deps)
        start = time.perf_counter()
        try:
            status, out = client.call("kpi-venues.children", {
                "view-state.data": {**state_to_dict(state), "dataset": key}})
        except Exception:  # noqa: BLE001 — a refused connection or a timeout is an error
            tally.add(time.perf_counter() - start, False, False)
            continue
        shown = out.get("kpi-venues", {}).get("children")
        tally.add(time.perf_counter() - start, status == 200 and shown is not None,
                  shown == format_int(data.view(state).kpis["venues"]))
        time.sleep(rng.uniform(0.2, 1.0))  # a person looks at the result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--uploaders", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    if not (1 <= args.users <= MAX_USERS and 0 < args.seconds <= MAX_SECONDS):
        parser.error(f"at most {MAX_USERS} users and {MAX_SECONDS} s")
    get_published_dataset()
    with redis_server() as url, app_server({"TIERSLIEUX_REDIS_URL": url},
                                           workers=args.workers) as base:
        assert base.startswith("http://127.0.0.1:")
        DashClient(base).call("kpi-venues.children", {"view-state.data": None})  # warm up
        tally, stop = Tally(), time.monotonic() + args.seconds
        started = time.monotonic()
        threads = [threading.Thread(target=simulate, args=(base, i, i < args.uploaders, stop,
                                                           tally)) for i in range(args.users)]
        for th in threads:
            th.start()
        for th in threads:
            th.join(args.seconds + 120)
        elapsed = time.monotonic() - started
    lat = sorted(tally.latencies) or [0.0]

    def pct(p):
        return 1000 * lat[min(len(lat) - 1, int(p / 100 * len(lat)))]
    print(f"{time.strftime('%Y-%m-%d %H:%M')} · {os.cpu_count()} cores · "
          f"{args.workers} workers · Redis · {args.users} users ({tally.uploads} with their "
          f"own upload) · {elapsed:.0f} s")
    print(f"requests {len(tally.latencies)} · {len(tally.latencies) / elapsed:.1f} req/s · "
          f"p50 {pct(50):.0f} ms · p95 {pct(95):.0f} ms · p99 {pct(99):.0f} ms · "
          f"mean {1000 * statistics.fmean(lat):.0f} ms")
    print(f"errors {tally.errors} · wrong dataset {tally.wrong}")
    return 0 if tally.errors == 0 and tally.wrong == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
