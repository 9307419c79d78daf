"""Ownership at the hub (issue 17, items 4, 5, 7), over real rounds on loopback: a station may not issue
another station's case numbers; station-made natural keys (a holiday override) are scoped by station; one
change that cannot be applied is quarantined while the rest of the round goes on."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select

from liaison_desk.db.models_desk import Holiday
from liaison_desk.db.models_sync import SyncConflict, SyncDeferred
from liaison_desk.domain.ids import natural_id
from liaison_desk.domain.workflow import EventKind, Role
from liaison_desk.hub import county as hc
from liaison_desk.hub import records as hub_records
from liaison_desk.services.cases import actions
from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, get_case, register_visit
from liaison_desk.services.context import Actor
from liaison_desk.services.desk.workdays import list_overrides, remove_override, set_override
from liaison_desk.services.sync.bundle import import_bundle
from liaison_desk.services.sync.rounds import list_conflicts, resolve_conflict
from tests.sync.harness import conflict_count, pending
from tests.sync.test_bundles import carry

STAFF = Actor(Role.STAFF, "李干事")


def _hub_conflicts(county, kind=None):
    return [c for c in hc.conflicts(county.hub) if kind is None or c["kind"] == kind]


# -- 4. case numbers carry the pushing station's code ---------------------------------------------------------
def test_a_station_cannot_issue_another_stations_case_number(county, admin, monkeypatch):
    a = county.add_station("LX01")
    b = county.add_station("LX02")
    county.quiet()
    real_next = actions.next_case_number
    # station B numbers a case with LX01's code (a forged enrollment, an edited database)
    monkeypatch.setattr(actions, "next_case_number", lambda s, code, day: real_next(s, "LX01", day))
    fake = register_visit(b, admin, VisitInput("冒名"), CaseInput("冒用别站编号"))
    monkeypatch.setattr(actions, "next_case_number", real_next)
    act_on_case(b, STAFF, fake.case_id, EventKind.ACCEPT)  # and an event on that case
    assert fake.case_number.startswith("LX01-")
    report = county.sync("LX02")
    assert report.rejected >= 2, "the case and its event are refused, item by item"
    refused = {c["entity"]: c for c in _hub_conflicts(county, "foreign_number")}
    assert set(refused) == {"cases", "case_events"}
    assert "LX01" in refused["cases"]["reason"] and "LX02" in refused["cases"]["reason"]
    # the real case arrives later with the same number: it is not the loser, and replies reach it
    dep = hc.add_reference(county.hub, "departments", {"name": "县水利局"})
    county.sync("LX01")
    real = register_visit(a, admin, VisitInput("张三"), CaseInput("水渠堵了"))
    assert real.case_number == fake.case_number
    act_on_case(a, STAFF, real.case_id, EventKind.ACCEPT)
    act_on_case(a, STAFF, real.case_id, EventKind.ASSIGN, {"department_id": dep, "deadline": "2026-12-31"})
    county.sync("LX01")
    assert not _hub_conflicts(county, "number_clash")
    hc.act_on_case(county.hub, real.case_number, EventKind.REPLY, {"text": "已疏通", "resolution": "solved"}, "水利局")
    county.sync("LX01")
    assert get_case(a, real.case_id).status == "replied"
    # the impostor's refused records are not sent again round after round
    before = conflict_count(b)
    for _ in range(3):
        county.sync("LX02")
    assert conflict_count(b) == before
    assert not pending(b)


# -- 5. holiday overrides are scoped by station --------------------------------------------------------------
def test_two_stations_override_the_same_date_and_both_sync_clean(county, admin):
    a = county.add_station("LX01")
    b = county.add_station("LX02")
    county.quiet()
    day = dt.date(2026, 12, 24)
    set_override(a, admin, day, "holiday", "平安夜")
    set_override(b, admin, day, "workday", "调休")
    for _ in range(3):
        for code in ("LX01", "LX02"):
            report = county.sync(code)
            assert report.agreed and not report.rejected, (code, report.notes)
    assert conflict_count(a) == conflict_count(b) == 0
    assert [h.kind for h in list_overrides(a)] == ["holiday"]
    assert [h.kind for h in list_overrides(b)] == ["workday"]
    # and B's change and removal keep working on its own row
    set_override(b, admin, day, "holiday", "放假")
    assert remove_override(b, admin, day)
    for code in ("LX01", "LX02", "LX01", "LX02"):
        assert county.sync(code).agreed
    assert not list_overrides(b) and [h.kind for h in list_overrides(a)] == ["holiday"]


def test_an_old_date_only_holiday_id_keeps_working_and_heals(county, admin):
    """Rows made by the previous release carry UUIDv5(date): the first station's stays as it is; the second
    station's, which the hub refused, is given its station-scoped id and synced, without a conflict per round."""
    a = county.add_station("LX01")
    b = county.add_station("LX02")
    county.quiet()
    day = dt.date(2026, 12, 24)
    for db in (a, b):
        with db.session() as s:
            s.add(Holiday(id=natural_id("holiday", day), date=day, kind="holiday", name="旧版"))
    for _ in range(3):
        county.sync("LX01")
        county.sync("LX02")
    assert county.sync("LX01").agreed and county.sync("LX02").agreed
    assert conflict_count(b) <= 1  # at most the one refusal of the old row, never one per round
    with b.session(write=False) as s:
        ids = list(s.scalars(select(Holiday.id)))
    with a.session(write=False) as s:
        assert list(s.scalars(select(Holiday.id))) == [natural_id("holiday", day)]
    assert len(ids) == 1
    assert set_override(a, admin, day, "workday", "改").kind == "workday"
    assert remove_override(b, admin, day)
    for code in ("LX01", "LX02", "LX01", "LX02"):
        assert county.sync(code).agreed


# -- 7. an unappliable change is quarantined ---------------------------------------------------------------
def _unknown_reply(county, case_id, scope):
    """A reply of a kind this station's version does not know (a newer hub, a county tool's bug)."""
    fields = {"case_id": str(case_id), "kind": "escalate_to_province", "occurred_at": "2026-12-01T08:00:00",
              "actor_role": "hub", "actor_id": None, "actor_name": "县水利局", "data": {}, "follows_id": None}
    with county.hub.tx() as s:
        return hc.commit_hub_change(county.hub, s, "case_events", str(uuid.uuid4()), "insert", fields, scope=scope)


def _station_uuid(db):
    return db.station_id()


def test_an_unappliable_change_at_the_station_is_quarantined_and_the_round_goes_on(county, admin):
    a = county.add_station("LX01")
    r = register_visit(a, admin, VisitInput("张三"), CaseInput("水渠堵了"))
    county.quiet()
    bad = _unknown_reply(county, r.case_id, _station_uuid(a))
    hc.add_reference(county.hub, "departments", {"name": "县水利局"})  # after it in the same page
    for _ in range(3):
        report = county.sync("LX01")
        assert report.deferred <= 1
    from liaison_desk.db.models import Department

    with a.session(write=False) as s:
        assert s.scalar(select(Department.name)) == "县水利局", "the rest of the page was applied"
        held = s.scalars(select(SyncDeferred)).all()
        assert [str(h.change_id) for h in held] == [bad.change_id]
        quarantined = s.scalars(select(SyncConflict).where(SyncConflict.kind == "quarantined")).all()
    assert len(quarantined) == 1, "one conflict, not one per round"
    shown = [c for c in list_conflicts(a) if c.kind == "quarantined"]
    assert shown and "无法" in shown[0].reason
    # the case itself still works and syncs
    act_on_case(a, STAFF, r.case_id, EventKind.ACCEPT)
    county.sync("LX01")
    assert not pending(a)


def test_an_unappliable_change_in_a_usb_answer_is_quarantined(county, admin, tmp_path):
    a = county.add_station("LX01")
    r = register_visit(a, admin, VisitInput("张三"), CaseInput("水渠堵了"))
    county.quiet()
    _unknown_reply(county, r.case_id, _station_uuid(a))
    hc.add_reference(county.hub, "departments", {"name": "县交通局"})
    register_visit(a, admin, VisitInput("李四"), CaseInput("路灯不亮"))
    _out, answer = carry(county, a, tmp_path, "one")
    result = import_bundle(a, answer)
    assert result.acknowledged > 0 and not pending(a)
    from liaison_desk.db.models import Department

    with a.session(write=False) as s:
        assert s.scalar(select(Department.name)) == "县交通局"
    assert [c for c in list_conflicts(a) if c.kind == "quarantined"]


def test_an_unappliable_change_at_the_hub_is_quarantined_and_the_rest_accepted(county, admin, monkeypatch):
    a = county.add_station("LX01")
    county.quiet()
    r1 = register_visit(a, admin, VisitInput("张三"), CaseInput("水渠堵了"))
    r2 = register_visit(a, admin, VisitInput("李四"), CaseInput("路灯不亮"))
    real_merge = hub_records.merge_into
    broken = {str(r1.case_id)}

    def merge_into(cache, ch, owner, scope):
        if ch.entity_id in broken:
            raise ValueError("cannot apply this one")
        return real_merge(cache, ch, owner, scope)

    monkeypatch.setattr(hub_records, "merge_into", merge_into)
    report = county.sync("LX01")
    assert report.rejected == 1
    held = _hub_conflicts(county, "quarantined")
    assert len(held) == 1 and held[0]["station"] == "LX01" and "无法" in held[0]["reason"]
    assert [h["entity_id"] for h in held] == [str(r1.case_id)]
    lines = county.hub_export("LX01")
    assert any(str(r2.case_id) in line for line in lines), "the rest of the push was taken"
    refusals = [c for c in list_conflicts(a) if c.kind == "rejected"]
    assert len(refusals) == 1
    for _ in range(2):  # not sent again, round after round, while the refusal stands
        county.sync("LX01")
    assert len(_hub_conflicts(county, "quarantined")) == 1
    # the hub is fixed; staff mark the refusal handled: the next round sends the case again, and it is taken
    monkeypatch.undo()
    resolve_conflict(a, admin, refusals[0].id)
    report = county.sync("LX01")
    assert report.agreed and not report.rejected
    assert any(str(r1.case_id) in line for line in county.hub_export("LX01"))


def test_a_quarantined_change_goes_in_once_this_station_can_apply_it(county, admin, monkeypatch):
    from liaison_desk.db.models import Department
    from liaison_desk.services.sync import apply

    a = county.add_station("LX01")
    county.quiet()
    first = hc.add_reference(county.hub, "departments", {"name": "县水利局"})
    hc.add_reference(county.hub, "departments", {"name": "县交通局"})
    real_write = apply.write_state

    def write_state(s, model, ident, state, exists):
        if str(ident) == first:
            raise TypeError("a value this version cannot read")
        return real_write(s, model, ident, state, exists)

    monkeypatch.setattr(apply, "write_state", write_state)
    report = county.sync("LX01")
    assert report.deferred == 1 and not report.agreed
    with a.session(write=False) as s:
        assert list(s.scalars(select(Department.name))) == ["县交通局"]
    assert len([c for c in list_conflicts(a) if c.kind == "quarantined"]) == 1
    monkeypatch.undo()  # an upgrade: the change is retried after the next round and goes in
    report = county.sync("LX01")
    assert county.sync("LX01").agreed
    with a.session(write=False) as s:
        assert sorted(s.scalars(select(Department.name))) == ["县交通局", "县水利局"]
        assert s.scalar(select(SyncDeferred.change_id)) is None
    assert not [c for c in list_conflicts(a) if c.kind == "quarantined"], "its quarantine is over"


def test_a_reply_by_number_reaches_the_numbers_own_station_when_an_impostor_was_taken_before(county, admin,
                                                                                               monkeypatch):
    """Data an earlier release took: the impostor's case is at the hub with the real case's number. A reply
    by number goes to the case of the station the number belongs to, not to the impostor, and is not refused
    as ambiguous."""
    a = county.add_station("LX01")
    b = county.add_station("LX02")
    dep = hc.add_reference(county.hub, "departments", {"name": "县水利局"})
    county.quiet()
    real = register_visit(a, admin, VisitInput("张三"), CaseInput("水渠堵了"))
    act_on_case(a, STAFF, real.case_id, EventKind.ACCEPT)
    act_on_case(a, STAFF, real.case_id, EventKind.ASSIGN, {"department_id": dep, "deadline": "2026-12-31"})
    county.sync("LX01")
    real_next = actions.next_case_number
    monkeypatch.setattr(actions, "next_case_number", lambda s, code, day: real_next(s, "LX01", day))
    fake = register_visit(b, admin, VisitInput("冒名"), CaseInput("冒用别站编号"))
    monkeypatch.setattr(actions, "next_case_number", real_next)
    act_on_case(b, STAFF, fake.case_id, EventKind.ACCEPT)
    act_on_case(b, STAFF, fake.case_id, EventKind.ASSIGN, {"department_id": dep, "deadline": "2026-12-31"})
    assert fake.case_number == real.case_number
    monkeypatch.setattr(hub_records, "foreign_number", lambda ref, ch: False)  # as the earlier release did
    county.sync("LX02")
    monkeypatch.undo()
    hc.act_on_case(county.hub, real.case_number, EventKind.REPLY, {"text": "已疏通", "resolution": "solved"}, "水利局")
    county.sync("LX01")
    county.sync("LX02")
    assert get_case(a, real.case_id).status == "replied"
    assert get_case(b, fake.case_id).status != "replied"


def test_an_unappliable_change_in_a_usb_bundle_at_the_hub_is_quarantined(county, admin, tmp_path, monkeypatch):
    a = county.add_station("LX01")
    county.quiet()
    r1 = register_visit(a, admin, VisitInput("张三"), CaseInput("水渠堵了"))
    r2 = register_visit(a, admin, VisitInput("李四"), CaseInput("路灯不亮"))
    real_merge = hub_records.merge_into

    def merge_into(cache, ch, owner, scope):
        if ch.entity_id == str(r1.case_id):
            raise KeyError("cannot apply this one")
        return real_merge(cache, ch, owner, scope)

    monkeypatch.setattr(hub_records, "merge_into", merge_into)
    _out, answer = carry(county, a, tmp_path, "one")  # the hub imports the station's bundle
    result = import_bundle(a, answer)
    assert result.rejected == 1 and result.acknowledged > 0 and not pending(a)
    assert [c["entity_id"] for c in _hub_conflicts(county, "quarantined")] == [str(r1.case_id)]
    assert any(str(r2.case_id) in line for line in county.hub_export("LX01"))
