"""The database file: pragmas, change capture, the clock, migrations and refusing newer files."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest
from sqlalchemy import select, text

from liaison_desk import paths
from liaison_desk.db import cipher
from liaison_desk.db.changes import tombstone
from liaison_desk.db.database import get_local
from liaison_desk.db.migrate import DatabaseTooNew, NotOurDatabase, current_revision, head_revision
from liaison_desk.db.models import Category, OutboxEntry, Station
from liaison_desk.domain.hlc import HLC
from liaison_desk.services.context import open_station_database


def test_every_connection_has_the_pragmas(db):
    with db.session(write=False) as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_outbox_rows_carry_random_ids_and_payload_hashes(db):
    with db.session(write=False) as s:
        rows = s.scalars(select(OutboxEntry)).all()
    assert rows, "init must have logged its records"
    assert len({r.change_id for r in rows}) == len(rows)
    for r in rows:
        assert hashlib.sha256(r.payload.encode()).hexdigest() == r.payload_hash
        body = json.loads(r.payload)
        assert body["id"] == str(r.entity_id) and body["hlc"] == r.hlc and body["op"] == "insert"
        assert r.acked_at is None
        assert "pin_hash" not in body["fields"], "secrets never leave the station"


def test_an_edit_logs_only_the_changed_fields_with_a_newer_clock(db):
    with db.session() as s:
        cat = s.scalars(select(Category).where(Category.code == "IRR")).one()
        before = cat.hlc
        cat.name = "农田水利"
    with db.session(write=False) as s:
        last = s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq.desc())).first()
    body = json.loads(last.payload)
    assert body["op"] == "update" and body["fields"] == {"name": "农田水利"}
    assert HLC.decode(last.hlc) > HLC.decode(before)


def test_tombstone_is_logged_as_delete(db):
    with db.session() as s:
        cat = s.scalars(select(Category).where(Category.code == "OTHER")).one()
        tombstone(cat)
    with db.session(write=False) as s:
        last = s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq.desc())).first()
        cat = s.scalars(select(Category).where(Category.code == "OTHER")).one()
    assert last.op == "delete" and cat.deleted_hlc == last.hlc


def test_a_failed_action_leaves_no_outbox_row(db):
    with db.session(write=False) as s:
        n = len(s.scalars(select(OutboxEntry.seq)).all())
    with pytest.raises(RuntimeError), db.session() as s:
        s.add(Category(code="NEW", name="新类别"))
        s.flush()
        raise RuntimeError("power cut")
    with db.session(write=False) as s:
        assert len(s.scalars(select(OutboxEntry.seq)).all()) == n


def test_clock_survives_restart_with_the_wall_clock_set_back(db, data_dir):
    with db.session(write=False) as s:
        last = HLC.decode(get_local(s, "hlc_last"))
    db.dispose()
    again = open_station_database(data_dir)
    again.clock._wall = lambda: last.wall_ms - 3_600_000  # the PC's clock went back an hour
    stamp = HLC.decode(again.stamp())
    assert stamp > last
    again.dispose()


def test_new_database_is_at_head_and_upgrade_is_idempotent(data_dir):
    db = open_station_database(data_dir)
    db.dispose()
    path = paths.database_path(data_dir)
    assert current_revision(path) == head_revision()
    open_station_database(data_dir).dispose()
    assert not (data_dir / "backups").exists(), "nothing to upgrade, nothing copied"


def test_newer_database_is_refused_and_left_untouched(data_dir):
    open_station_database(data_dir).dispose()
    path = paths.database_path(data_dir)
    con = cipher.connect_station(path)  # encrypted: opened with this PC's key
    con.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNew) as err:
        open_station_database(data_dir)
    assert "更新版本" in err.value.message and "没有被改动" in err.value.message
    assert path.read_bytes() == before


def test_a_file_that_is_not_ours_is_refused(data_dir):
    data_dir.mkdir(parents=True)
    path = paths.database_path(data_dir)
    path.write_bytes(b"this is a spreadsheet, not a database" * 100)
    with pytest.raises(NotOurDatabase):
        open_station_database(data_dir)
    con = sqlite3.connect(data_dir / "other.sqlite3")
    con.execute("CREATE TABLE t (x)")
    con.close()
    (data_dir / "other.sqlite3").replace(path)
    with pytest.raises(NotOurDatabase):
        open_station_database(data_dir)


def test_station_row_records_its_own_origin(db):
    with db.session(write=False) as s:
        st = s.get(Station, db.station_id())
    assert st.origin_station_id == st.id and st.code == "LX01"
