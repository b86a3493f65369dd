"""Benchmark of duplicate detection on 200,000 venues in one commune (issue 11, item 4).

    python scripts/bench_duplicates.py [--rows 200000] [--full-import]

Three layouts, all in Toulouse: every row without coordinates (all drawn at the commune's
reference point), every row scattered in a 2 km square, and every row at one of 50 addresses.
Names are « Tiers-lieu N » with 1 % repeated and 1 % longer variants of another row's name.
``--full-import`` also times ``import_venues`` on the first layout written as a CSV file.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from dashboard.importing.duplicates import find_duplicates  # noqa: E402

LAT, LON = 43.6047, 1.4442  # Toulouse


def make_names(n: int, rng) -> list[str]:
    names = [f"Tiers-lieu {i}" for i in range(n)]
    for i in rng.choice(n, n // 100, replace=False):
        names[i] = names[rng.integers(0, n)]
    for i in rng.choice(n, n // 100, replace=False):
        names[i] = names[rng.integers(0, n)] + " Coworking Toulouse"
    return names


def layouts(n: int, rng):
    yield "no coordinates (reference point)", np.full(n, LAT), np.full(n, LON), \
        np.zeros(n, dtype=bool)
    yield "scattered in 2 km", LAT + rng.uniform(0, 0.018, n), LON + rng.uniform(0, 0.025, n), \
        np.ones(n, dtype=bool)
    spots = rng.integers(0, 50, n)
    yield "at 50 addresses", LAT + spots * 1e-3, LON + spots * 1e-3, np.ones(n, dtype=bool)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--full-import", action="store_true")
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    names = make_names(args.rows, rng)
    print(f"{args.rows} rows, {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f} (wall time grows with the load; CPU time does not)")
    for label, lat, lon, own in layouts(args.rows, rng):
        start, cpu = time.perf_counter(), time.process_time()
        groups = find_duplicates(names, lat, lon, own)
        print(f"  {label:34s} {time.perf_counter() - start:6.1f} s "
              f"(CPU {time.process_time() - cpu:5.1f} s), {len(groups)} groups, "
              f"largest {max((len(g) for g in groups), default=0)}")
    if args.full_import:
        import pandas as pd

        from dashboard import config
        from dashboard.importing.venues import import_venues
        from dashboard.reference import load_reference

        reference = load_reference(config.load_settings().cache_dir, "76")
        data = pd.DataFrame({"nom": names, "code insee": "31555"}).to_csv(index=False)
        start, cpu = time.perf_counter(), time.process_time()
        result = import_venues(data.encode(), reference, file="bench.csv")
        print(f"  import_venues, whole pipeline      {time.perf_counter() - start:6.1f} s "
              f"(CPU {time.process_time() - cpu:5.1f} s), {result.counts()}")


if __name__ == "__main__":
    main()
