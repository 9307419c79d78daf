"""A closed station database is freed: nothing global keeps it (or its engine and caches) alive.

The desk opens a database more than once in a run (the start screen's quick read, the desk itself, a backup
check), and the test suite opens hundreds; each one that is never freed keeps its engine, its statement cache
and every widget that held it, and makes each later cycle collection slower.
"""

from __future__ import annotations

import gc
import weakref

from sqlalchemy import select

from liaison_desk.db.models import OutboxEntry
from liaison_desk.services.admin.setup import init_station
from liaison_desk.services.context import open_station_database


def _station(path, code):
    db = open_station_database(path)
    init_station(db, name=f"{code}联络站", code=code, township="河口镇", admin_pin="2468")  # ORM writes: capture
    return db


def test_a_disposed_database_is_freed_once_dropped(tmp_path):
    db = _station(tmp_path / "a", "LX01")
    db.dispose()
    alive = weakref.ref(db)
    del db
    gc.collect()
    assert alive() is None


def test_two_open_databases_each_capture_into_their_own_outbox(tmp_path):
    first, second = _station(tmp_path / "a", "LX01"), _station(tmp_path / "b", "LX02")
    try:
        for db in (first, second):
            with db.session(write=False) as s:
                origins = set(s.scalars(select(OutboxEntry.origin_station_id)))
            assert origins == {db.station_id()}
    finally:
        first.dispose()
        second.dispose()
