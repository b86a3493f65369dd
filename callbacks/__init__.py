"""Callback registration: importing this package registers every callback (dash.callback)."""

from callbacks import coverage, i18n, kpis, map, state  # noqa: F401
