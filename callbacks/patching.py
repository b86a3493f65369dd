"""Turn ``{"data.1.z": …}`` property paths into a ``dash.Patch``."""

from __future__ import annotations

from dash import Patch


def apply_updates(patch: Patch, updates: dict) -> Patch:
    for path, value in updates.items():
        target = patch
        *parents, last = path.split(".")
        for part in parents:
            target = target[int(part) if part.isdigit() else part]
        target[last] = value
    return patch
