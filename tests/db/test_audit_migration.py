"""Migration 0007 (issue 17): the audit trail's table. A 0006 station upgrades with an empty trail that starts
its chain at once; a 0007 station's chain still verifies after upgrading to the newest schema."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, inspect, select

from liaison_desk.db.models_audit import AuditEntry
from liaison_desk.services.admin import audit
from liaison_desk.services.context import SYSTEM_ADMIN, open_station_database
from tests.db.test_migrations import unpack

SCHEMAS = Path(__file__).resolve().parent.parent / "fixtures" / "schemas"


def test_a_0006_station_upgrades_and_starts_its_trail(tmp_path):
    data = tmp_path / "station"
    unpack(SCHEMAS / "0006.sqlite3.gz", data)
    db = open_station_database(data)
    try:
        with db.session(write=False) as s:
            assert "audit_entries" in inspect(s.connection()).get_table_names()
            assert s.scalar(select(func.count()).select_from(AuditEntry)) == 0
        audit.record(db, SYSTEM_ADMIN, "export", "全部记录")
        check = audit.verify(db)
        assert check.ok and check.entries == 1
    finally:
        db.dispose()


def test_a_0007_stations_chain_survives_the_upgrade(tmp_path):
    data = tmp_path / "station"
    unpack(SCHEMAS / "0007.sqlite3.gz", data)
    db = open_station_database(data)
    try:
        check = audit.verify(db)
        assert check.ok and check.entries == 3
        audit.record(db, SYSTEM_ADMIN, "export", "全部记录")
        assert audit.verify(db).entries == 4 and audit.verify(db).ok
    finally:
        db.dispose()
