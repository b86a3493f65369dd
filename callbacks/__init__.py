"""Callback registration: importing this package registers every callback (dash.callback)."""

from callbacks import (  # noqa: F401
    coverage,
    exports,
    funding,
    hybridation,
    i18n,
    importing,
    kpis,
    map,
    mapping,
    portrait,
    presentation,
    roadmap,
    state,
    tabs,
    venues,
)
