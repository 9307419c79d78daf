"""The Chinese full-text index's health: checked once per open database, rebuilt when incomplete. Below both
the case list (``listing``, which filters by text) and search (``search``, which builds on the list)."""

from __future__ import annotations

import logging
import threading
import weakref

from ...db.database import Database
from ...db.models_desk import install_search_index, search_index_ok

log = logging.getLogger(__name__)

_checked: weakref.WeakSet[Database] = weakref.WeakSet()
_lock = threading.Lock()


def ensure_search_index(db: Database) -> bool:
    """Check once per open database that the index is whole; rebuild it when not (returns True then).

    It can only be missing if something rebuilt the ``cases`` table without re-creating the triggers (a
    batch-mode migration, say); rebuilding takes about a minute per million cases.
    """
    with _lock:
        if db in _checked:
            return False
        with db.engine.connect() as conn:
            ok = search_index_ok(conn)
            conn.rollback()
        if not ok:
            log.warning("search index incomplete: rebuilding it")
            with db.session() as s:
                install_search_index(s.connection(), rebuild=True)
        _checked.add(db)
        return not ok
