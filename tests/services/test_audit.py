"""The audit trail (issue 17): who viewed, searched, printed or exported personal data, and every admin action;
append-only, hash-chained per station; ``verify`` names an edited or missing entry."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from liaison_desk.db.models import OutboxEntry
from liaison_desk.db.models_audit import AuditEntry
from liaison_desk.domain.audit import GENESIS, describe_search, entry_hash
from liaison_desk.domain.errors import DomainError, PermissionDenied
from liaison_desk.domain.workflow import Role
from liaison_desk.services.admin import audit
from liaison_desk.services.admin.export import export_jsonl
from liaison_desk.services.cases.actions import CaseInput, VisitInput, get_case, register_visit
from liaison_desk.services.cases.search import search_cases
from liaison_desk.services.context import Actor
from liaison_desk.services.desk import clock
from liaison_desk.services.desk.accounts import reset_pin
from liaison_desk.services.desk.settings import update_settings
from liaison_desk.services.printing.log import record_print

PHONE = "13812345678"


def entries(db) -> list[AuditEntry]:
    with db.session(write=False) as s:
        return list(s.scalars(select(AuditEntry).order_by(AuditEntry.seq)))


def walk_in(db, actor):
    visit = VisitInput(visitor_names="张秀英", visitor_phone=PHONE, village="柳树湾村", headcount=1)
    return register_visit(db, actor, visit, CaseInput(content="村东头灌溉渠堵塞，春灌放不下水。", triage="blue"))


def tamper(db, statement: str, *params) -> None:
    """Someone with the file edits it by hand: plain SQL, no ORM, no change capture."""
    with db.engine.begin() as conn:
        conn.exec_driver_sql(statement, params)


def test_entries_are_numbered_and_chained(db, staff_actor, admin):
    audit.record(db, staff_actor, "export", "全部记录", "JSONL")
    audit.record(db, admin, "admin_settings", "设置", "idle_minutes")
    audit.record(db, staff_actor, "export", "全部记录", "JSONL")  # not a view: every export counts
    rows = entries(db)
    assert [r.seq for r in rows] == [1, 2, 3]
    assert rows[0].prev_hash == GENESIS
    assert [r.prev_hash for r in rows[1:]] == [r.hash for r in rows[:-1]]
    for r in rows:
        assert r.hash == entry_hash({k: getattr(r, k) for k in ("id", "station_id", "seq", "at", "clock_checked",
                                     "actor_id", "actor_name", "actor_role", "action", "target", "detail",
                                     "prev_hash")})
    assert (rows[1].actor_name, rows[1].actor_role) == (admin.name, "admin")
    assert audit.verify(db).ok and audit.verify(db).entries == 3


def test_entries_travel_in_the_outbox_and_cannot_be_changed(db, staff_actor):
    audit.record(db, staff_actor, "export", "全部记录")
    with db.session(write=False) as s:
        logged = s.scalars(select(OutboxEntry).where(OutboxEntry.entity == "audit_entries")).all()
    assert [o.op for o in logged] == ["insert"]
    with pytest.raises(DomainError), db.session() as s:
        s.scalars(select(AuditEntry)).one().detail = "改过"
    with pytest.raises(DomainError), db.session() as s:
        s.delete(s.scalars(select(AuditEntry)).one())


def test_an_edited_detail_is_named(db, staff_actor):
    for n in range(4):
        audit.record(db, staff_actor, "export", f"第{n}次")
    tamper(db, "UPDATE audit_entries SET detail = '无' WHERE seq = 3")
    check = audit.verify(db)
    assert not check.ok
    assert (check.problems[0].kind, check.problems[0].seq) == ("edited", 3)
    assert "第 3 条" in check.problems[0].message


def test_an_edited_and_rehashed_entry_is_named_from_the_outbox(db, staff_actor):
    for n in range(3):
        audit.record(db, staff_actor, "export", f"第{n}次")
    row = next(r for r in entries(db) if r.seq == 2)
    fields = {k: getattr(row, k) for k in ("id", "station_id", "seq", "at", "clock_checked", "actor_id",
                                           "actor_name", "actor_role", "action", "target", "detail", "prev_hash")}
    forged = entry_hash({**fields, "detail": "无"})
    tamper(db, "UPDATE audit_entries SET detail = '无', hash = ? WHERE seq = 2", forged)
    kinds = [(p.kind, p.seq) for p in audit.verify(db).problems]
    assert ("edited", 2) in kinds and ("relinked", 3) in kinds


def test_a_deleted_entry_is_a_gap(db, staff_actor):
    for n in range(5):
        audit.record(db, staff_actor, "export", f"第{n}次")
    tamper(db, "DELETE FROM audit_entries WHERE seq = 3")
    check = audit.verify(db)
    assert [(p.kind, p.seq, p.last) for p in check.problems] == [("missing", 3, 3)]
    assert "第 3 条审计记录缺失" in check.problems[0].message


def test_the_last_entries_deleted_are_found_from_the_outbox(db, staff_actor):
    for n in range(5):
        audit.record(db, staff_actor, "export", f"第{n}次")
    tamper(db, "DELETE FROM audit_entries WHERE seq >= 4")
    assert [(p.kind, p.seq, p.last) for p in audit.verify(db).problems] == [("missing", 4, 5)]


def test_views_are_logged_once_per_visit_of_the_page(db, staff_actor, deputy_actor):
    res = walk_in(db, deputy_actor)
    get_case(db, res.case_id, staff_actor.role)  # no actor given (tests, scripts): nothing logged
    assert entries(db) == []
    get_case(db, res.case_id, staff_actor.role, actor=staff_actor)
    get_case(db, res.case_id, staff_actor.role, actor=staff_actor)  # the page reloads after an action
    get_case(db, res.case_id, deputy_actor.role, actor=deputy_actor)
    rows = entries(db)
    assert [(r.action, r.target, r.actor_name) for r in rows] == [
        ("view_case", res.case_number, staff_actor.name), ("view_case", res.case_number, deputy_actor.name)]
    assert PHONE not in rows[0].detail


def test_searches_never_keep_what_was_searched_for(db, staff_actor, deputy_actor):
    walk_in(db, deputy_actor)
    search_cases(db, PHONE[-4:] + " 灌溉", actor=staff_actor)
    audit.record_search(db, staff_actor, PHONE)
    audit.record_search(db, staff_actor, "110101199003077777")
    audit.record_search(db, staff_actor, "张秀英")
    rows = entries(db)
    assert [r.detail for r in rows] == ["按文字搜索（6 个字）", "按电话搜索", "按身份证号搜索", "按文字搜索（3 个字）"]
    for r in rows:
        assert PHONE not in r.detail + r.target and "张秀英" not in r.detail + r.target
    assert describe_search("138-1234-5678") == "按电话搜索"


def test_prints_exports_and_admin_actions_are_logged(db, admin, staff_actor):
    record_print(db, staff_actor, "receipt", "LX01-261122-0001-5", pages=1)
    export_jsonl(db, io.StringIO(), actor=admin)
    update_settings(db, admin, idle_minutes=10)
    reset_pin(db, admin, "admin", "13579")
    actions = [(r.action, r.actor_name) for r in entries(db)]
    assert actions == [("print", staff_actor.name), ("export", admin.name), ("admin_settings", admin.name),
                       ("admin_pin", admin.name)]
    assert "13579" not in "".join(r.detail for r in entries(db))
    assert audit.verify(db).ok


def test_a_refused_admin_action_leaves_no_entry(db, staff_actor):
    with pytest.raises(DomainError):
        reset_pin(db, staff_actor, "admin", "13579")
    assert entries(db) == []


def test_an_unconfirmed_clock_does_not_stop_a_view_but_is_marked(db, staff_actor, monkeypatch):
    def refuse(_db):
        raise clock.ClockUnconfirmed("clock_unconfirmed", "日期不对")

    monkeypatch.setattr(clock, "now", refuse)
    audit.record(db, staff_actor, "export", "全部记录")
    assert [r.clock_checked for r in entries(db)] == [False]
    assert audit.verify(db).ok


def test_only_an_administrator_lists_the_trail_and_the_reading_is_logged(db, admin, staff_actor):
    audit.record(db, staff_actor, "export", "全部记录")
    with pytest.raises(PermissionDenied):
        audit.list_entries(db, staff_actor)
    rows = audit.list_entries(db, admin)
    assert [r.action for r in rows] == ["export"]
    assert [r.action for r in entries(db)] == ["export", "admin_audit"]


def test_nothing_is_logged_before_the_station_exists(empty_db):
    audit.record(empty_db, Actor(Role.ADMIN, "x"), "export")
    assert audit.verify(empty_db).ok and audit.verify(empty_db).entries == 0


def test_a_returning_visitor_shown_at_registration_is_logged_without_the_phone(db, staff_actor, deputy_actor):
    from liaison_desk.services.cases.visitors import find_visitor

    walk_in(db, deputy_actor)
    assert find_visitor(db, "13900000000", actor=staff_actor) == []  # nobody shown: nothing logged
    assert find_visitor(db, PHONE, actor=staff_actor)
    rows = entries(db)
    assert [(r.action, r.detail, r.actor_name) for r in rows] == [("search", "登记时按电话查到以前的来访人",
                                                                   staff_actor.name)]
    assert PHONE not in rows[0].detail + rows[0].target
