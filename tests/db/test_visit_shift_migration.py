"""Migration 0004: visits registered during a duty shift (before the desk recorded it) get that shift, and the
hub learns it (issue 12)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import uuid
from types import ModuleType
from typing import Any

from sqlalchemy import select, update

from liaison_desk.db.database import Database
from liaison_desk.db.migrate import MIGRATIONS_DIR, current_revision
from liaison_desk.db.models import Deputy, DutyShift, LocalState, OutboxEntry, Station, Visit
from liaison_desk.domain.timeutil import to_utc
from liaison_desk.services.admin.integrity import run_check
from liaison_desk.services.cases.actions import VisitInput, register_visit
from liaison_desk.services.context import SYSTEM_ADMIN, open_station_database
from liaison_desk.services.desk import lookups, shifts
from liaison_desk.services.duty import deputies
from liaison_desk.services.printing.record_book import record_book_data
from tests.db.test_migrations import SCHEMAS, unpack

DAY = dt.date(2026, 7, 6)  # a Monday after the fixture's demo data ends (2026-06-30): no shifts of its own


def _utc(hhmm: str, day: dt.date = DAY) -> dt.datetime:
    h, m = map(int, hhmm.split(":"))
    return to_utc(dt.datetime.combine(day, dt.time(h, m)))


def _migration_0004() -> ModuleType:
    (path,) = (MIGRATIONS_DIR / "versions").glob("0004_*.py")
    spec = importlib.util.spec_from_file_location("migration_0004", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _add_desk_records(db: Database) -> tuple[dict[uuid.UUID, uuid.UUID | None], uuid.UUID, uuid.UUID]:
    """Shifts and visits as the desk before 0004 left them (no visit knows its shift). Returns the shift each
    visit must end up with, and deputies A and C."""
    with db.session(write=False) as s:
        station = s.scalar(select(Station.id))
        a, b, c = s.scalars(select(Deputy.id).order_by(Deputy.id).limit(3)).all()
    sh = {name: uuid.uuid4() for name in ("a_am", "a_pm", "b_am", "c_am")}
    shift_rows = [
        # A's morning: signed in 08:10, out 11:30; A's afternoon: in 14:05, never signed out (window to midnight)
        {"id": sh["a_am"], "deputy_id": a, "slot": "am", "signed_in_at": _utc("08:10"), "signed_out_at": _utc("11:30")},
        {"id": sh["a_pm"], "deputy_id": a, "slot": "pm", "signed_in_at": _utc("14:05"), "signed_out_at": None},
        # B was planned for the morning and never came: no window
        {"id": sh["b_am"], "deputy_id": b, "slot": "am", "signed_in_at": None, "signed_out_at": None},
        # C's morning, never signed out: the window ends at 13:00
        {"id": sh["c_am"], "deputy_id": c, "slot": "am", "signed_in_at": _utc("08:00"), "signed_out_at": None},
    ]
    for row in shift_rows:
        row.update(station_id=station, date=DAY, handover_note="")
    other_station = uuid.uuid4()
    visits: list[tuple[str, dt.datetime, uuid.UUID | None, dict[str, Any], uuid.UUID | None]] = [
        # (name, time, received by, extra columns, expected shift)
        ("a_during", _utc("09:00"), a, {}, sh["a_am"]),
        ("a_at_sign_out", _utc("11:30"), a, {}, sh["a_am"]),
        ("a_after_sign_out", _utc("11:45"), a, {}, None),
        ("a_before_sign_in", _utc("07:50"), a, {}, None),
        ("a_afternoon", _utc("16:00"), a, {}, sh["a_pm"]),
        ("a_late_evening", _utc("23:30"), a, {}, sh["a_pm"]),
        ("a_next_day", _utc("00:30", DAY + dt.timedelta(days=1)), a, {}, None),
        ("b_never_signed_in", _utc("09:00"), b, {}, None),
        ("nobody_received", _utc("09:00"), None, {}, None),
        ("a_already_linked", _utc("09:05"), a, {"shift_id": sh["a_pm"]}, sh["a_pm"]),  # kept as it is
        ("a_deleted", _utc("09:10"), a, {"deleted_hlc": "0"}, None),
        ("a_other_stations", _utc("09:15"), a, {"origin_station_id": other_station}, None),
        ("c_before_noon", _utc("12:59"), c, {}, sh["c_am"]),
        ("c_afternoon", _utc("13:30"), c, {}, None),
    ]
    ids = {name: uuid.uuid4() for name, *_ in visits}
    rows = [{"id": ids[name], "station_id": station, "occurred_at": when, "channel": "walk_in",
             "visitor_names": "张三", "headcount": 1, "received_by_id": who, "shift_id": None, **extra}
            for name, when, who, extra, _ in visits]
    with db.bulk() as w:
        w.insert(DutyShift, shift_rows)
        w.insert(Visit, rows)
    with db.session() as s:  # a tombstone's stamp, as db.changes.tombstone would leave it
        s.execute(update(Visit).where(Visit.id == ids["a_deleted"]).values(deleted_hlc=Visit.hlc))
    return {ids[name]: expected for name, *_, expected in visits}, a, c


def _visits(db: Database) -> dict[uuid.UUID, tuple[uuid.UUID | None, str]]:
    with db.session(write=False) as s:
        return {r.id: (r.shift_id, r.hlc) for r in s.execute(select(Visit.id, Visit.shift_id, Visit.hlc))}


def test_0003_station_upgrade_links_visits_to_the_shift_they_happened_in(tmp_path):
    data = tmp_path / "station"
    db_file = unpack(SCHEMAS / "0003.sqlite3.gz", data)
    old = Database(db_file)  # the program of 0003's time, at work: the desk registered visits without shifts
    try:
        expected, dep_a, dep_c = _add_desk_records(old)
        before = _visits(old)
        with old.session(write=False) as s:
            last_seq = s.scalar(select(OutboxEntry.seq).order_by(OutboxEntry.seq.desc()).limit(1))
    finally:
        old.dispose()
    assert current_revision(db_file) == "0003"

    db = open_station_database(data)  # the new program upgrades the file
    try:
        assert current_revision(db_file) != "0003"
        after = _visits(db)
        assert {v: after[v][0] for v in expected} == expected
        filled = {v for v in expected if before[v][0] is None and after[v][0] is not None}
        assert len(filled) == 5
        # the demo's own visits already had their shifts: untouched, as is every visit not filled
        assert {v: after[v] for v in before if v not in filled} == {v: before[v] for v in before if v not in filled}
        with db.session(write=False) as s:
            changes = s.execute(select(OutboxEntry).where(OutboxEntry.seq > last_seq)
                                .order_by(OutboxEntry.seq)).scalars().all()
            hlc_last = s.scalar(select(LocalState.value).where(LocalState.key == "hlc_last"))
        # one update per filled visit, telling the hub the shift, stamped above what the visit had
        assert {c.entity_id for c in changes} == filled and len(changes) == len(filled)
        for c in changes:
            body = json.loads(c.payload)
            assert (c.entity, c.op, c.acked_at) == ("visits", "update", None)
            assert body["fields"] == {"shift_id": str(after[c.entity_id][0])}
            assert body["base"] == before[c.entity_id][1] < c.hlc == after[c.entity_id][1]
            assert hlc_last is not None and c.hlc <= hlc_last
        report = run_check(db)
        assert report.ok, report.problems[:5]
        # and the 履职登记册 counts them in the shift's row
        book = {row[1]: row[4] for row in next(sec for sec in record_book_data(db, dep_a, 2026).sections
                                               if sec.key == "shifts").rows if row[0] == DAY.isoformat()}
        assert book == {"上午": "2", "下午": "3"}  # a_am: during + at sign-out; a_pm: 2 filled + the linked one
        rows_c = [row for sec in record_book_data(db, dep_c, 2026).sections if sec.key == "shifts"
                  for row in sec.rows if row[0] == DAY.isoformat()]
        assert [row[4] for row in rows_c] == ["1"]
    finally:
        db.dispose()


def test_the_migration_fills_nothing_twice_and_nothing_on_an_empty_database(tmp_path):
    db = open_station_database(tmp_path / "empty")
    try:
        with db.engine.begin() as conn:
            assert _migration_0004().fill_visit_shifts(conn) == 0
    finally:
        db.dispose()


def test_the_hub_learns_the_filled_shift(tmp_path):
    """A station synced before 0004: its visit reached the hub with no shift. After the fill, the next round
    sends the shift, the digests agree, and the hub's copy equals the station's."""
    from liaison_desk.hub.database import make_engine
    from tests.sync.harness import County, assert_converged

    county = County(tmp_path, lambda: make_engine(f"sqlite:///{tmp_path / 'hub.sqlite3'}"))
    try:
        db = county.add_station("LX01")
        view = deputies.create_deputy(db, SYSTEM_ADMIN, deputies.DeputyInput(name="王𠮷明", level="county",
                                                                             code="D001"))
        deputy_id = uuid.UUID(str(view.id))
        lookups.add_account(db, SYSTEM_ADMIN, name="王𠮷明", pin="1357", deputy_id=deputy_id)
        signed = shifts.sign_in(db, "1357", code="D001", at=dt.datetime.now(dt.UTC).replace(tzinfo=None)
                                - dt.timedelta(minutes=5))
        # as the old desk did: registered during the shift, by an actor that does not carry it
        visit = register_visit(db, SYSTEM_ADMIN, VisitInput("张三", received_by_id=deputy_id)).visit_id
        assert county.sync("LX01").agreed
        hub_visit = next(json.loads(line) for line in county.hub_export("LX01") if str(visit) in line)
        assert "shift_id" in json.dumps(hub_visit) and str(signed.shift_id) not in json.dumps(hub_visit)

        with db.engine.begin() as conn:
            assert _migration_0004().fill_visit_shifts(conn) == 1
        with db.session(write=False) as s:
            assert s.scalar(select(Visit.shift_id).where(Visit.id == visit)) == signed.shift_id
        report = county.sync("LX01")
        assert report.agreed, report.notes
        hub_visit = next(json.loads(line) for line in county.hub_export("LX01") if str(visit) in line)
        assert str(signed.shift_id) in json.dumps(hub_visit)
        assert_converged(county)
    finally:
        county.close()


def test_a_visit_stamped_in_the_future_gets_a_fill_stamp_after_it(db):
    """A visit stamped by a PC whose date ran ahead: the fill's stamp sorts after the visit's old stamp
    (``stamp_after``), not at this PC's clock, so the hub takes the filled shift and the next round does not
    "repair" it back. The station's own clock does not adopt the future stamp."""
    from liaison_desk.domain.hlc import HLC

    try:
        view = deputies.create_deputy(db, SYSTEM_ADMIN, deputies.DeputyInput(name="王𠮷明", level="county",
                                                                             code="D001"))
        deputy_id = uuid.UUID(str(view.id))
        lookups.add_account(db, SYSTEM_ADMIN, name="王𠮷明", pin="1357", deputy_id=deputy_id)
        signed = shifts.sign_in(db, "1357", code="D001", at=dt.datetime.now(dt.UTC).replace(tzinfo=None)
                                - dt.timedelta(minutes=5))
        visit = register_visit(db, SYSTEM_ADMIN, VisitInput("张三", received_by_id=deputy_id)).visit_id
        ahead = HLC(int(dt.datetime.now(dt.UTC).timestamp() * 1000) + 3 * 86_400_000, 0, "fa57c10c").encode()
        with db.session() as s:
            s.execute(update(Visit).where(Visit.id == visit).values(hlc=ahead))
            hlc_last = s.scalar(select(LocalState.value).where(LocalState.key == "hlc_last"))
            last = s.scalar(select(OutboxEntry.seq).order_by(OutboxEntry.seq.desc()).limit(1))
        with db.engine.begin() as conn:
            assert _migration_0004().fill_visit_shifts(conn) == 1
        with db.session(write=False) as s:
            shift_id, stamp = s.execute(select(Visit.shift_id, Visit.hlc).where(Visit.id == visit)).one()
            change = s.scalars(select(OutboxEntry).where(OutboxEntry.seq > last)).one()
            clock = s.scalar(select(LocalState.value).where(LocalState.key == "hlc_last"))
        assert shift_id == signed.shift_id
        assert stamp > ahead and change.hlc == stamp and json.loads(change.payload)["base"] == ahead
        assert clock is not None and hlc_last is not None and hlc_last <= clock < ahead
    finally:
        db.dispose()
