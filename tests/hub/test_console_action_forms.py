"""Which action forms the console offers (``hub.console.action_forms.offered``), without a browser: each role in
each state of one case walked through 交办 → 接收 → 延期 → 督办 → 答复 → 回访 → 退回重办, so a form is offered
exactly when the action would be accepted; the deadline a limit gives; the batch's rows; a department's inbox."""

from __future__ import annotations

import datetime as dt

import pytest

from liaison_desk.domain.access import Role, Viewer
from liaison_desk.domain.county_rules import CountyRules
from liaison_desk.domain.errors import DomainError, ValidationError
from liaison_desk.domain.workflow import EventKind
from liaison_desk.domain.workflow import Role as ActorRole
from liaison_desk.hub import county as hc
from liaison_desk.hub.console import action_forms as af
from liaison_desk.hub.console import actions as ca
from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, register_visit
from liaison_desk.services.context import SYSTEM_ADMIN, Actor

STAFF = Viewer("u-staff", "王主任", Role.COUNTY_STAFF)
WATER = Viewer("u-water", "李联络", Role.DEPARTMENT, department="县水利局")
ROADS = Viewer("u-roads", "周联络", Role.DEPARTMENT, department="县交通局")
LEADER = Viewer("u-lead", "钱领导", Role.LEADER)
TOWNSHIP = Viewer("u-town", "孙干事", Role.TOWNSHIP_STAFF, township="河口镇")
RULES = CountyRules()
MONDAY = dt.date(2026, 12, 7)
FLAGS = ("assign", "accept", "return_case", "request_extension", "decide_extension", "reply", "supervise",
         "notice_pdf", "key_mark", "reopen")


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    from liaison_desk.hub.database import make_engine
    from tests.sync.harness import County

    tmp = tmp_path_factory.mktemp("action-forms")
    c = County(tmp, lambda: make_engine(f"sqlite:///{tmp / 'hub.sqlite3'}"))
    try:
        db = c.add_station("LX01")
        for name in ("县水利局", "县交通局"):
            hc.add_reference(c.hub, "departments", {"name": name})
        yield c, db
    finally:
        c.close()


def offered(county, viewer: Viewer, no: str) -> set[str]:
    o = af.offered(county.hub, viewer, no, RULES)
    return {f for f in FLAGS if getattr(o, f)}


def test_each_role_is_offered_only_what_the_case_state_allows(county):
    c, db = county
    r = register_visit(db, SYSTEM_ADMIN, VisitInput("张三"), CaseInput("村里灌溉水渠堵了"))
    assert r.case_id is not None and r.case_number is not None
    no = r.case_number
    c.sync("LX01")
    assert offered(c, STAFF, no) == {"key_mark"}  # registered: not yet accepted at the station, nothing to hand out
    act_on_case(db, Actor(ActorRole.STAFF, "李站长"), r.case_id, EventKind.ACCEPT)
    c.sync("LX01")
    assert offered(c, STAFF, no) == {"assign", "key_mark"}
    assert offered(c, LEADER, no) == set()  # read-only
    with pytest.raises(DomainError):  # another township's station (LX01 names none): not theirs to see
        offered(c, TOWNSHIP, no)

    ca.assign(c.hub, STAFF, no, department="县水利局", working_days=10, today=MONDAY, rules=RULES)
    assert offered(c, WATER, no) == {"accept", "return_case", "request_extension", "reply"}
    assert offered(c, STAFF, no) == {"assign", "reply", "supervise", "key_mark"}  # reassign, or a paper reply
    with pytest.raises(DomainError):  # another department does not even see the case
        offered(c, ROADS, no)

    ca.accept(c.hub, WATER, no)
    assert offered(c, WATER, no) == {"return_case", "request_extension", "reply"}
    ca.request_extension(c.hub, WATER, no, new_deadline=MONDAY + dt.timedelta(days=25), reason="资金", rules=RULES)
    assert "request_extension" not in offered(c, WATER, no)  # one request waits at a time
    assert "decide_extension" in offered(c, STAFF, no)
    ca.decide_extension(c.hub, STAFF, no, approve=True)
    assert "request_extension" not in offered(c, WATER, no)  # the one extension allowed is used
    assert "decide_extension" not in offered(c, STAFF, no)

    assert "notice_pdf" not in offered(c, STAFF, no)
    ca.supervise(c.hub, STAFF, no, text="请尽快办理", level="一般", rules=RULES)
    assert "notice_pdf" in offered(c, STAFF, no) and "notice_pdf" in offered(c, WATER, no)

    ca.reply(c.hub, WATER, no, text="已清淤", reply_class="B", resolution="partly_solved",
             letter=ca.Upload("答复函.pdf", b"%PDF-1.4\n%%EOF\n"), rules=RULES)
    # replied: nothing more for the department but the notice (reprinted while the case is open)
    assert offered(c, WATER, no) == {"notice_pdf"}
    assert offered(c, STAFF, no) == {"key_mark", "notice_pdf"}  # not 退回重办 before the follow-up says so

    c.sync("LX01")
    act_on_case(db, Actor(ActorRole.DUTY_DEPUTY, "刘代表"), r.case_id, EventKind.FOLLOW_UP,
                {"satisfaction": "unsatisfied", "text": "水渠还是堵"})
    c.sync("LX01")
    assert offered(c, STAFF, no) == {"key_mark", "reopen", "notice_pdf"}
    ca.reopen(c.hub, STAFF, no, reason="群众不满意")
    assert offered(c, STAFF, no) - {"notice_pdf"} == {"assign", "key_mark"}


def test_the_deadline_a_limit_gives_is_checked_as_the_assignment_checks_it(county):
    c, _db = county
    n, deadline = af.deadline_for(c.hub, "5", MONDAY, RULES)
    assert n == 5 and deadline == dt.date(2026, 12, 14)  # Monday + 5 working days: the next Monday
    for bad in ("0", "abc", str(RULES.max_working_days + 1)):
        with pytest.raises(ValidationError) as err:
            af.deadline_for(c.hub, bad, MONDAY, RULES)
        assert err.value.field == "working_days"


def test_the_batch_rows_and_the_inbox_are_the_viewers_own(county):
    c, db = county
    numbers = []
    for text in ("路灯坏了", "桥面有裂缝"):
        r = register_visit(db, SYSTEM_ADMIN, VisitInput("张三"), CaseInput(text))
        assert r.case_id is not None and r.case_number is not None
        act_on_case(db, Actor(ActorRole.STAFF, "李站长"), r.case_id, EventKind.ACCEPT)
        numbers.append(r.case_number)
    c.sync("LX01")
    water, roads = (ca.assign(c.hub, STAFF, no, department=d, working_days=10, today=MONDAY, rules=RULES)[0]
                    for no, d in zip(numbers, ("县水利局", "县交通局"), strict=True))
    rows, unknown = af.batch_rows(c.hub, STAFF, [str(water.case_id), str(roads.case_id), "not-an-id"])
    assert [r.case_no for r in rows] == numbers and unknown == ["not-an-id"]
    rows, unknown = af.batch_rows(c.hub, WATER, [str(water.case_id), str(roads.case_id)])
    assert [r.case_no for r in rows] == [numbers[0]] and unknown == [str(roads.case_id)]
    box = af.inbox(c.hub, WATER, MONDAY)
    waiting = [r.case_no for r in box.to_accept.rows]
    assert numbers[0] in waiting and numbers[1] not in waiting
    assert numbers[0] in [r.case_no for r in box.replyable]
