"""Issue 19, item 1: re-adding a removed record (same natural key, same UUIDv5 id) is a new version.

It writes a change with a fresh stamp like any edit, travels to the hub and to the other replicas, and the
next round's repair never deletes it again."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

from liaison_desk.db.models import DeputyGroupMember, OutboxEntry
from liaison_desk.db.models_desk import Holiday
from liaison_desk.domain.workflow import Role
from liaison_desk.services.context import Actor
from liaison_desk.services.desk.workdays import holiday_id, list_overrides, remove_override, set_override
from liaison_desk.services.duty.deputies import (
    DeputyInput,
    create_deputy,
    remove_group_member,
    set_group_member,
)
from liaison_desk.sync.merge import merge
from liaison_desk.sync.protocol import new_change
from tests.sync.harness import Invariants, assert_converged, pending

ADMIN = Actor(Role.ADMIN, "管理员")
DAY = dt.date(2026, 10, 9)


def _hub_row(county, code: str, entity: str) -> list[str]:
    return [line for line in county.hub_export(code) if f'"{entity}"' in line]


def test_holiday_removed_and_set_again_survives_sync(county):
    db = county.add_station("LX01")
    inv = Invariants(county)
    set_override(db, ADMIN, DAY, "holiday", "国庆")
    county.quiet()
    assert remove_override(db, ADMIN, DAY)
    county.quiet()
    assert list_overrides(db) == []
    set_override(db, ADMIN, DAY, "holiday", "国庆")
    assert pending(db), "re-adding writes a change like any edit"
    for _ in range(3):
        report = county.sync("LX01")
        assert report.repaired == 0, report.notes
    assert [r.date for r in list_overrides(db)] == [DAY], "the re-added override was undone"
    hub = [line for line in county.hub_export("LX01") if '"holidays"' in line]
    assert hub and '"deleted_hlc":null' in hub[0].replace(" ", ""), hub
    inv.quiet_and_converged()


def test_holiday_readd_with_new_values(county):
    """Re-added with other values: the new values are kept at the station and at the hub."""
    db = county.add_station("LX01")
    set_override(db, ADMIN, DAY, "holiday", "国庆")
    county.quiet()
    remove_override(db, ADMIN, DAY)
    county.quiet()
    set_override(db, ADMIN, DAY, "workday", "调休")
    county.quiet()
    with db.session(write=False) as s:
        row = s.get(Holiday, holiday_id(db.station_id(), DAY))
        assert row is not None and row.deleted_hlc is None and row.kind == "workday"
    assert_converged(county)


def test_group_membership_removed_and_added_again(county):
    db = county.add_station("LX01")
    dep = create_deputy(db, ADMIN, DeputyInput("王代表", "county"))
    set_group_member(db, ADMIN, "一组", dep.id, "member")
    county.quiet()
    remove_group_member(db, ADMIN, "一组", dep.id)
    county.quiet()
    set_group_member(db, ADMIN, "一组", dep.id, "leader")
    county.quiet()
    county.quiet()
    with db.session(write=False) as s:
        members = s.execute(select(DeputyGroupMember.role, DeputyGroupMember.deleted_hlc)).all()
    assert [tuple(m) for m in members] == [("leader", None)]
    assert_converged(county)


def test_repair_keeps_a_row_revived_without_a_change(county):
    """A row brought back by an older release (tombstone cleared, no change written): the digest cache must
    not say "agree", and repair must not delete it again; it is sent as a new version instead."""
    db = county.add_station("LX01")
    set_override(db, ADMIN, DAY, "holiday", "国庆")
    county.quiet()
    remove_override(db, ADMIN, DAY)
    county.quiet()
    with db.session() as s:  # what the old code did: clear the tombstone, no outbox row
        from liaison_desk.db.changes import APPLYING_REMOTE

        s.info[APPLYING_REMOTE] = True
        s.get(Holiday, holiday_id(db.station_id(), DAY)).deleted_hlc = None
    with db.session() as s:  # and its digest cache, as that release kept it (format 2)
        from liaison_desk.db.database import get_local, set_local
        from liaison_desk.services.sync import state

        doc = json.loads(get_local(s, state.DIGEST))
        doc["format"] = 2
        set_local(s, state.DIGEST, json.dumps(doc))
    county.quiet()
    county.quiet()
    assert [r.date for r in list_overrides(db)] == [DAY]
    assert_converged(county)


def test_revive_merge_is_order_free():
    """delete@1, re-add@2, delete@3 give one result in every arrival order."""
    import itertools

    from liaison_desk.sync.merge import RecordState

    origin = "00000000-0000-0000-0000-000000000001"
    ident = "00000000-0000-0000-0000-0000000000aa"

    def stamp(n: int) -> str:
        from liaison_desk.domain.hlc import HLC

        return HLC(1_700_000_000_000 + n, 0, "s1").encode()

    base = RecordState({"kind": "holiday"}, stamp(0), stamp(0), origin)
    changes = [new_change("holidays", ident, "delete", {}, stamp(1), origin, base=stamp(0)),
               new_change("holidays", ident, "insert", {"kind": "workday"}, stamp(2), origin, base=stamp(1)),
               new_change("holidays", ident, "delete", {}, stamp(3), origin, base=stamp(2))]
    results = set()
    for order in itertools.permutations(changes):
        st = base
        for ch in order:
            st = merge(st, ch, "editable").state
        results.add((st.deleted_hlc, st.fields["kind"]))
    assert results == {(stamp(3), "workday")}
    # without the last deletion the record is alive whatever the order
    results = set()
    for order in itertools.permutations(changes[:2]):
        st = base
        for ch in order:
            st = merge(st, ch, "editable").state
        results.add((st.deleted_hlc, st.fields["kind"]))
    assert results == {(None, "workday")}


def test_revive_writes_an_outbox_change(db, admin):
    set_override(db, admin, DAY, "holiday", "国庆")
    remove_override(db, admin, DAY)
    with db.session(write=False) as s:
        before = len(s.scalars(select(OutboxEntry.seq)).all())
    set_override(db, admin, DAY, "holiday", "国庆")
    with db.session(write=False) as s:
        rows = s.execute(select(OutboxEntry.op, OutboxEntry.hlc).order_by(OutboxEntry.seq)).all()
        row = s.get(Holiday, holiday_id(db.station_id(), DAY))
    assert len(rows) == before + 1
    assert rows[-1].op == "insert" and rows[-1].hlc == row.hlc and row.deleted_hlc is None


def test_readd_of_a_visit_stamped_in_the_future_is_stamped_after_it(db, admin):
    """A visit whose stamp came from a PC whose date ran ahead, brought back without a change: the re-add the
    repair logs must sort after that stamp (``stamp_after``), not at this PC's clock, or the hub keeps the
    older-looking copy and the next round "repairs" again."""
    from liaison_desk.db.models import Visit
    from liaison_desk.domain.hlc import HLC
    from liaison_desk.services.cases.actions import VisitInput, register_visit
    from liaison_desk.services.sync.verify import _readd

    visit_id = register_visit(db, admin, VisitInput("张三")).visit_id
    ahead = HLC(int(dt.datetime.now(dt.UTC).timestamp() * 1000) + 3 * 86_400_000, 5, "fa57c10c").encode()
    tomb = HLC(int(dt.datetime.now(dt.UTC).timestamp() * 1000) + 86_400_000, 0, "fa57c10c").encode()
    with db.session() as s:
        s.execute(Visit.__table__.update().where(Visit.__table__.c.id == visit_id).values(hlc=ahead))
    with db.session(write=False) as s:
        row = s.execute(select(Visit.__table__).where(Visit.__table__.c.id == visit_id)).one()
        last = s.scalar(select(OutboxEntry.seq).order_by(OutboxEntry.seq.desc()).limit(1))
    assert _readd(db, Visit, [(row, tomb)]) == 1
    with db.session(write=False) as s:
        new_hlc = s.scalar(select(Visit.hlc).where(Visit.id == visit_id))
        change = s.scalars(select(OutboxEntry).where(OutboxEntry.seq > last)).one()
    assert new_hlc > ahead and change.hlc == new_hlc and change.op == "insert"
    assert json.loads(change.payload)["base"] == tomb
