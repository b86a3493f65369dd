"""Callback registration: importing this package registers every callback (dash.callback)."""

from callbacks import i18n, kpis, map, state  # noqa: F401
