"""What happens when a callback fails: a lost session says so, anything else is no update.

``on_callback_error`` is the app's ``on_error`` handler (wired in app.py). A session key the
server no longer knows (``SessionLost``: expired, evicted, server restarted) opens the
``session-notice``, clears the key and the import report, so that the view state, the badge
and every panel switch to the published data and the page says so; the failed callback
itself updates nothing (the user's file name never stays over other data). A store that does
not answer (``SessionStoreUnavailable``: Redis down) keeps the key — the data may come back —
and opens ``session-down``: the panels are not up to date. Any other error
(a hand-made payload with wrong types, a bug) is logged and answered with « no update »
instead of an HTTP 500.
"""

from __future__ import annotations

import logging

from dash import ctx, set_props

from dashboard.sessions import SessionLost, SessionStoreUnavailable
from layouts import ids

__all__ = ["on_callback_error"]

log = logging.getLogger("tierslieux")


def on_callback_error(err: Exception):
    if isinstance(err, SessionLost):
        log.info("session inconnue du serveur : les données publiées sont affichées")
        set_props(ids.SESSION_NOTICE, {"is_open": True})
        set_props(ids.DATASET_KEY, {"data": None})
        set_props(ids.IMPORT_SUMMARY, {"children": ""})
        set_props(ids.IMPORT_REPORT, {"children": ""})
        set_props(ids.IMPORT_LAST_REPORT, {"data": None})
        return None
    if isinstance(err, SessionStoreUnavailable):
        log.warning("le magasin de sessions ne répond pas (%s) : panneaux non mis à jour", err)
        set_props(ids.SESSION_DOWN, {"is_open": True})
        return None
    outputs = getattr(ctx, "outputs_list", None)
    log.error("rappel en échec (%s) : %r", _names(outputs), err, exc_info=err)
    return None


def _names(outputs) -> str:
    flat = []
    for o in outputs or []:
        flat.extend(o if isinstance(o, list) else [o])
    return ", ".join(f"{o.get('id')}.{o.get('property')}" for o in flat if isinstance(o, dict))
