"""Migration 0003 (its desk part): an upgraded station's old cases are indexed; downgrade and upgrade again are clean."""

from __future__ import annotations

from alembic import command

from liaison_desk import paths
from liaison_desk.db import cipher
from liaison_desk.db.migrate import alembic_config
from liaison_desk.services.cases.search import search_cases
from liaison_desk.services.context import open_station_database

from .helpers import walk_in


def test_downgrade_then_upgrade_reindexes_existing_cases(db, deputy_actor):
    a = walk_in(db, deputy_actor, "灌溉渠堵了")
    path = paths.database_path(db.path.parent)
    db.dispose()
    cfg = alembic_config(f"sqlite:///{path}")
    command.downgrade(cfg, "0002")
    con = cipher.connect_station(path)  # encrypted: opened with this PC's key
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    con.close()
    assert not {"case_search", "holidays", "search_positions", "case_search_ai"} & names
    command.upgrade(cfg, "head")
    again = open_station_database(db.path.parent)
    try:
        assert [r.number for r in search_cases(again, "灌溉")] == [a.case_number]
    finally:
        again.dispose()
