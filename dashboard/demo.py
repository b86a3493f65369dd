"""Seeded generator of the demo registry (``data/demo/venues.csv`` and ``funding.csv``).

The demo network is calibrated on public facts (``data/README.md``): about 400 venues (11 % of
France's ~3,500 tiers-lieux), usages drawn with the national observatory's shares, 120 labelled
venues (51 in 2018, 36 in 2019, 33 in 2021), FabRégion 2016 grants that add up to the real
1 068 000 € over 8 fablabs. Every row says ``source = demo`` and every name starts with
« Démo »: none of these places exists. Same seed and same reference layer → same bytes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from dashboard import schema

__all__ = ["DEMO_SEED", "USAGE_SHARES", "LABEL_YEARS", "FUNDED_CALLS", "generate_demo",
           "write_demo"]

DEMO_SEED = 20181016
N_VENUES = 400
# Share of venues offering each usage. National observatory 2023 for the first seven; the
# others are assumptions of the demo (the Occitanie network of 2019 counted 12 médiation spaces
# out of 111).
USAGE_SHARES = {
    "coworking": 0.55,
    "culture": 0.31,
    "fablab": 0.28,
    "atelier_partage": 0.16,
    "living_lab": 0.15,
    "nourricier": 0.10,
    "cuisine_partagee": 0.06,
    "mediation_numerique": 0.20,
    "formation": 0.15,
    "autre": 0.04,
}
LABEL_YEARS = {2018: 51, 2019: 36, 2021: 33}
N_CANDIDATES, N_NOT_LABELLED = 25, 205
# call -> (number of fablab winners, total € or None when the envelope is not public, € range)
FUNDED_CALLS = {
    "fabregion_2016": (8, 1_068_000, (90_000, 180_000)),
    # « more than 2.5 M€ » over the first two calls: 2 500 000 − 1 068 000, a floor.
    "fabregion_2017": (15, 1_432_000, (60_000, 140_000)),
    "fabregion_2018": (10, None, (40_000, 120_000)),
}
# label call -> (label year, share of its labelled venues funded, € range)
LABEL_GRANTS = {
    "label_2018": (2018, 0.7, (10_000, 60_000)),
    "label_2019": (2019, 0.7, (10_000, 60_000)),
    "label_2021": (2021, 0.8, (15_000, 80_000)),
}
_KIND = {
    "coworking": "Coworking", "fablab": "Fablab", "mediation_numerique": "Espace numérique",
    "culture": "Lieu culturel", "atelier_partage": "Atelier partagé", "living_lab": "Living lab",
    "nourricier": "Tiers-lieu nourricier", "cuisine_partagee": "Cuisine partagée",
    "formation": "Lieu de formation", "autre": "Tiers-lieu",
}


def _amounts(rng: np.random.Generator, n: int, total: int | None, low: int, high: int):
    raw = rng.uniform(low, high, n)
    if total is None:
        return (np.round(raw / 100) * 100).astype(np.int64)
    scaled = np.floor(raw / raw.sum() * total / 100).astype(np.int64) * 100
    scaled[np.argmax(scaled)] += total - int(scaled.sum())
    return scaled


def _place(rng, communes, idx):
    """A point near the commune's reference point, inside its (display) polygon."""
    lat, lon = [], []
    for i in idx:
        c = communes.iloc[i]
        x, y = float(c["ref_lon"]), float(c["ref_lat"])
        for _ in range(20):
            px, py = x + rng.normal(0, 0.004), y + rng.normal(0, 0.003)
            if c.geometry.contains(_point(px, py)):
                x, y = px, py
                break
        lat.append(round(y, 5))
        lon.append(round(x, 5))
    return lat, lon


def _point(x, y):
    from shapely import Point

    return Point(x, y)


def generate_demo(communes, seed: int = DEMO_SEED) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(venues, funding) in the canonical schema, from a commune layer and a seed."""
    rng = np.random.default_rng(seed)
    communes = communes.sort_values("insee").reset_index(drop=True)
    weight = communes["population"].to_numpy(dtype=float) ** 0.85
    idx = rng.choice(len(communes), size=N_VENUES, replace=True, p=weight / weight.sum())
    idx.sort(kind="stable")
    lat, lon = _place(rng, communes, idx)
    usage_sets = _draw_usages(rng)
    status, label_year = _draw_labels(rng, usage_sets)
    opened = [int(rng.integers(2008, label_year[i])) if label_year[i] is not None  # open
              else int(rng.integers(2006, 2026)) for i in range(N_VENUES)]  # a year first
    funding_rows = _draw_funding(rng, usage_sets, label_year, opened)
    venue_ids = [f"DEMO-{i + 1:03d}" for i in range(N_VENUES)]
    venues = pd.DataFrame(
        {
            "venue_id": venue_ids,
            "name": _names(communes, idx, usage_sets),
            "commune_insee": communes["insee"].to_numpy()[idx],
            "lat": lat,
            "lon": lon,
            "usages": [schema.USAGE_SEPARATOR.join(c for c in schema.USAGE_CODES if c in u)
                       for u in usage_sets],
            "label_status": status,
            "label_year": pd.array(label_year, dtype="Int64"),
            "opened_year": opened,
            "url": [f"https://example.org/tiers-lieu-demo-{i + 1:03d}" for i in range(N_VENUES)],
            "source": "demo",
        },
        columns=list(schema.VENUE_COLUMNS),
    )
    funding = pd.DataFrame(
        [(venue_ids[i], call, amount) for i, call, amount in funding_rows],
        columns=list(schema.FUNDING_COLUMNS),
    ).sort_values(["call_id", "venue_id"], kind="stable").reset_index(drop=True)
    return venues, funding


def _draw_usages(rng) -> list[list[str]]:
    codes = list(USAGE_SHARES)
    draws = rng.random((N_VENUES, len(codes))) < np.array([USAGE_SHARES[c] for c in codes])
    shares = np.array([USAGE_SHARES[c] for c in codes])
    for i in np.flatnonzero(~draws.any(axis=1)):  # every venue offers at least one usage
        draws[i, rng.choice(len(codes), p=shares / shares.sum())] = True
    return [[c for c, d in zip(codes, row) if d] for row in draws]


def _draw_labels(rng, usage_sets):
    """Labels: labelled venues mostly coworking / fablab / médiation (the 2019 network)."""
    core = np.array([bool({"coworking", "fablab", "mediation_numerique"} & set(u))
                     for u in usage_sets])
    p = np.where(core, 3.0, 1.0)
    order = rng.choice(N_VENUES, size=N_VENUES, replace=False, p=p / p.sum())
    status = np.array(["inconnu"] * N_VENUES, dtype=object)
    label_year = np.full(N_VENUES, None, dtype=object)
    pos = 0
    for year, n in LABEL_YEARS.items():
        chosen = order[pos:pos + n]
        status[chosen], label_year[chosen] = "labellise", year
        pos += n
    status[order[pos:pos + N_CANDIDATES]] = "candidat"
    pos += N_CANDIDATES
    status[order[pos:pos + N_NOT_LABELLED]] = "non_labellise"
    return status, label_year


def _draw_funding(rng, usage_sets, label_year, opened) -> list[tuple[int, str, int]]:
    """FabRégion winners are fablabs, each funded once (open by then); label grants go to a
    share of each year's labelled venues."""
    fablabs = [i for i, u in enumerate(usage_sets) if "fablab" in u]
    winners = rng.permutation(fablabs)
    funding_rows, pos = [], 0
    for call_id, (n, total, (low, high)) in FUNDED_CALLS.items():
        chosen = sorted(winners[pos:pos + n])
        pos += n
        for i, amount in zip(chosen, _amounts(rng, n, total, low, high)):
            funding_rows.append((i, call_id, int(amount)))
            opened[i] = min(opened[i], int(call_id[-4:]))
    for call_id, (year, share, (low, high)) in LABEL_GRANTS.items():
        labelled = np.flatnonzero(label_year == year)
        chosen = sorted(rng.choice(labelled, size=round(share * len(labelled)), replace=False))
        for i, amount in zip(chosen, _amounts(rng, len(chosen), None, low, high)):
            funding_rows.append((i, call_id, int(amount)))
    return funding_rows


def _names(communes, idx, usage_sets) -> list[str]:
    names = []
    for i, c in enumerate(idx):
        kind = _KIND[usage_sets[i][0]] if usage_sets[i][0] != "coworking" or len(
            usage_sets[i]) == 1 else "Tiers-lieu"
        names.append(f"Démo {i + 1:03d} · {kind} fictif — {communes.at[c, 'name']}")
    return names


def write_demo(venues: pd.DataFrame, funding: pd.DataFrame, folder: Path) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / "venues.csv", folder / "funding.csv"]
    for frame, path in zip((venues, funding), paths):
        frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
    return paths
