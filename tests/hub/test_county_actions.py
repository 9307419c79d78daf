"""The county's actions on cases (issue 15) through ``hub.console.actions``: each action as the right role,
refused for the wrong role, another department, the wrong state and bad input (a Chinese message, the form
field named, nothing written); the working-day deadline over a county holiday; a batch all-or-nothing; the
events reaching the owning station by sync (HTTP and USB) and showing in its timeline; the 督办通知 PDF; the
答复函's type and size."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import subprocess

import pytest
from PIL import Image
from sqlalchemy import func, select

from liaison_desk.domain.access import Role, Viewer
from liaison_desk.domain.case_number import format_case_number
from liaison_desk.domain.county_rules import CountyRules
from liaison_desk.domain.errors import DomainError, PermissionDenied, ValidationError, WorkflowError
from liaison_desk.domain.timeutil import local_today
from liaison_desk.domain.workflow import EventKind, Status
from liaison_desk.domain.workflow import Role as ActorRole
from liaison_desk.hub import county as hc
from liaison_desk.hub.console import actions as ca
from liaison_desk.hub.console.files_schema import HubCaseFile
from liaison_desk.hub.schema import HubRecord
from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, get_case, register_visit
from liaison_desk.services.context import SYSTEM_ADMIN, Actor
from liaison_desk.services.desk.lookups import case_timeline

STAFF = Viewer("u-staff", "王主任", Role.COUNTY_STAFF)
ADMIN = Viewer("u-admin", "赵管理", Role.COUNTY_ADMIN)
WATER = Viewer("u-water", "李联络", Role.DEPARTMENT, department="县水利局")
ROADS = Viewer("u-roads", "周联络", Role.DEPARTMENT, department="县交通局")
LEADER = Viewer("u-lead", "钱领导", Role.LEADER)
TOWNSHIP = Viewer("u-town", "孙干事", Role.TOWNSHIP_STAFF, township="河口镇")
RULES = CountyRules()
MONDAY = dt.date(2026, 12, 7)


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(buf, format="PNG")
    return buf.getvalue()


def jpg_bytes() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(buf, format="JPEG")
    return buf.getvalue()


def letter() -> ca.Upload:
    return ca.Upload("C:\\扫描\\答复函.pdf", pdf_bytes())


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One county for the module (a station costs seconds to make): station LX01, the county's departments,
    and a second station's worth of cases for the refusal-only tests. Each test takes cases of its own."""
    from liaison_desk.hub.database import make_engine
    from tests.sync.harness import County

    tmp = tmp_path_factory.mktemp("county-actions")
    c = County(tmp, lambda: make_engine(f"sqlite:///{tmp / 'hub.sqlite3'}"))
    try:
        db = c.add_station("LX01")
        for name in ("县水利局", "县交通局", "县电力公司"):
            hc.add_reference(c.hub, "departments", {"name": name})
        yield c, db
    finally:
        c.close()


def new_cases(county, db, n: int = 3) -> list:
    """``n`` new cases at LX01, accepted at the station and synced to the hub."""
    cases = []
    for text in ("村里灌溉水渠堵了", "路灯坏了三盏", "桥面有裂缝")[:n]:
        r = register_visit(db, SYSTEM_ADMIN, VisitInput("张三", visitor_phone="13812345678"), CaseInput(text))
        assert r.case_id is not None
        act_on_case(db, Actor(ActorRole.STAFF, "李站长"), r.case_id, EventKind.ACCEPT)
        cases.append(r)
    county.sync("LX01")
    return cases


@pytest.fixture
def setup(shared):
    county, db = shared
    return county, db, new_cases(county, db)


@pytest.fixture(scope="module")
def refusals(shared):
    """For tests that only check refusals (nothing is written): a case accepted and one assigned to 县水利局."""
    county, db = shared
    accepted, other = new_cases(county, db, 2)
    ca.assign(county.hub, STAFF, other.case_number, department="县水利局", working_days=10, today=MONDAY, rules=RULES)
    return county, accepted.case_number, other.case_number


def events_at_hub(county) -> int:
    with county.hub.tx() as s:
        return s.scalar(select(func.count()).select_from(HubRecord).where(HubRecord.entity == "case_events")) or 0


def files_at_hub(county) -> int:
    with county.hub.tx() as s:
        return s.scalar(select(func.count()).select_from(HubCaseFile)) or 0


def assigned(county, case, viewer=STAFF, department="县水利局"):
    return ca.assign(county.hub, viewer, case.case_number, department=department, working_days=10, today=MONDAY,
                     rules=RULES)[0]


# -- 交办 ---------------------------------------------------------------------------------------------------
def test_assignment_reaches_the_station_with_its_working_day_deadline_over_a_county_holiday(setup):
    county, db, cases = setup
    # 12-08 (Tue) declared a local holiday at the county: 3 working days from Monday 12-07 end on Friday 12-11
    hc.add_reference(county.hub, "holidays", {"date": "2026-12-08", "kind": "holiday", "name": "县庆"})
    acted = ca.assign(county.hub, STAFF, cases[0].case_number, department="县水利局", working_days=3,
                      co_departments=["县交通局"], note="交办会议定", today=MONDAY, rules=RULES)
    assert acted[0].state.status is Status.ASSIGNED and acted[0].state.deadline == dt.date(2026, 12, 11)
    assert len(acted[0].state.co_department_ids) == 1
    rep = county.sync("LX01")
    assert rep.agreed, rep.notes
    view = get_case(db, cases[0].case_id)
    assert view.status == "assigned" and view.department == "县水利局" and view.deadline == dt.date(2026, 12, 11)
    last = case_timeline(db, cases[0].case_id)[-1]
    assert last.kind == "assign" and last.data["co_departments"] == ["县交通局"]
    assert last.actor_name == "王主任（县人大工作人员）"


def test_a_batch_is_all_or_nothing_and_names_each_refused_case(setup):
    county, _db, cases = setup
    act_on_case(_db, Actor(ActorRole.STAFF, "李站长"), cases[2].case_id, EventKind.WITHDRAW, {"text": "群众撤回"})
    county.sync("LX01")
    before = events_at_hub(county)
    numbers = [c.case_number for c in cases] + ["LX01-20200101-0001-X"]
    with pytest.raises(ca.BatchRefused) as refused:
        ca.assign(county.hub, STAFF, numbers, department="县交通局", working_days=10, today=MONDAY, rules=RULES)
    assert set(refused.value.refusals) == {cases[2].case_number, "LX01-20200101-0001-X"}
    assert "已撤回" in refused.value.refusals[cases[2].case_number].message
    assert cases[2].case_number in refused.value.message and refused.value.field == "case_nos"
    assert events_at_hub(county) == before  # nothing written, not even for the two good cases
    done = ca.assign(county.hub, STAFF, numbers[:2], department="县交通局", working_days=10, today=MONDAY, rules=RULES)
    assert [a.state.status for a in done] == [Status.ASSIGNED, Status.ASSIGNED]
    assert events_at_hub(county) == before + 2


BAD_ASSIGNMENTS = [
    ({"department": "县林业局"}, "department", "没有名为"),
    ({"department": ""}, "department", "请选择承办单位"),
    ({"working_days": "十"}, "working_days", "工作日"),
    ({"working_days": 0}, "working_days", "工作日"),
    ({"working_days": 121}, "working_days", "工作日"),
    ({"co_departments": ["县水利局"]}, "co_departments", "会办单位不能与主办单位相同"),
    ({"co_departments": ["县林业局"]}, "co_departments", "没有名为"),
]


def test_bad_assignment_input_is_refused_at_its_field_and_nothing_is_written(refusals):
    county, accepted, _assigned = refusals
    before = events_at_hub(county)
    for kwargs, field, words in BAD_ASSIGNMENTS:
        values = {"department": "县水利局", "working_days": 10, **kwargs}
        with pytest.raises(ValidationError) as err:
            ca.assign(county.hub, STAFF, accepted, today=MONDAY, rules=RULES, **values)
        assert err.value.field == field and words in err.value.message, kwargs
    with pytest.raises(ValidationError) as err:
        ca.assign(county.hub, STAFF, [], department="县水利局", working_days=5, rules=RULES)
    assert err.value.field == "case_nos"
    for viewer in (WATER, LEADER, TOWNSHIP):  # only the county office assigns
        with pytest.raises(PermissionDenied) as denied:
            ca.assign(county.hub, viewer, accepted, department="县水利局", working_days=5, rules=RULES)
        assert "不能办理" in denied.value.message
    assert events_at_hub(county) == before


# -- the department -----------------------------------------------------------------------------------------
def test_the_department_accepts_its_case_and_another_department_cannot_touch_it(setup):
    county, db, cases = setup
    assigned(county, cases[0])
    before = events_at_hub(county)
    for act in (lambda: ca.accept(county.hub, ROADS, cases[0].case_number),
                lambda: ca.return_case(county.hub, ROADS, cases[0].case_number, reason="不归我们", rules=RULES),
                lambda: ca.reply(county.hub, ROADS, cases[0].case_number, text="x", reply_class="A",
                                 resolution="solved", letter=letter(), rules=RULES)):
        with pytest.raises(DomainError) as err:
            act()
        assert err.value.code == "case_not_found" and "不归你办理" in err.value.message
    assert events_at_hub(county) == before
    with pytest.raises(PermissionDenied):
        ca.accept(county.hub, LEADER, cases[0].case_number)
    acted = ca.accept(county.hub, WATER, cases[0].case_number)
    assert acted.state.status is Status.IN_PROGRESS
    with pytest.raises(WorkflowError):  # accepted already
        ca.accept(county.hub, WATER, cases[0].case_number)
    county.sync("LX01")
    assert get_case(db, cases[0].case_id).status == "in_progress"


def test_return_needs_a_reason_within_the_window_then_the_county_reassigns(setup):
    county, db, cases = setup
    assigned(county, cases[0])
    with pytest.raises(ValidationError) as err:
        ca.return_case(county.hub, WATER, cases[0].case_number, reason="  ", today=MONDAY, rules=RULES)
    assert err.value.field == "reason"
    # the window counts from the assignment (made now): a month later is well past 7 working days, even over
    # the Spring Festival
    late = local_today() + dt.timedelta(days=30)
    with pytest.raises(WorkflowError) as err:
        ca.return_case(county.hub, WATER, cases[0].case_number, reason="不属于水利职责", today=late, rules=RULES)
    assert err.value.code == "return_too_late" and "7 个工作日" in err.value.message
    # a county that allows 30 working days lets it through
    acted = ca.return_case(county.hub, WATER, cases[0].case_number, reason="路灯归供电公司管", today=late,
                           rules=CountyRules(return_window_days=30))
    assert acted.state.status is Status.ACCEPTED and acted.state.department_id is None
    assert acted.state.return_count == 1
    county.sync("LX01")
    view = get_case(db, cases[0].case_id)
    assert view.status == "accepted" and view.department is None
    returned = case_timeline(db, cases[0].case_id)[-1]
    assert returned.kind == "return" and returned.data["text"] == "路灯归供电公司管"
    again = ca.assign(county.hub, STAFF, cases[0].case_number, department="县电力公司", working_days=5,
                      today=MONDAY, rules=RULES)[0]
    assert again.state.status is Status.ASSIGNED
    county.sync("LX01")
    assert get_case(db, cases[0].case_id).department == "县电力公司"


def test_an_extension_moves_the_deadline_only_when_approved_and_only_once(setup):
    county, db, cases = setup
    first = assigned(county, cases[0])
    deadline = first.state.deadline
    assert deadline is not None
    with pytest.raises(ValidationError) as err:  # more than a month
        ca.request_extension(county.hub, WATER, cases[0].case_number, new_deadline=deadline + dt.timedelta(days=40),
                             reason="需要协调资金", rules=RULES)
    assert err.value.field == "new_deadline" and "1 个月" in err.value.message
    with pytest.raises(ValidationError) as err:  # not later
        ca.request_extension(county.hub, WATER, cases[0].case_number, new_deadline=deadline, reason="x", rules=RULES)
    assert err.value.field == "new_deadline"
    with pytest.raises(ValidationError) as err:
        ca.request_extension(county.hub, WATER, cases[0].case_number, new_deadline="明天", reason="x", rules=RULES)
    assert err.value.field == "new_deadline"
    wanted = deadline + dt.timedelta(days=20)
    asked = ca.request_extension(county.hub, WATER, cases[0].case_number, new_deadline=wanted.isoformat(),
                                 reason="需要协调资金", rules=RULES)
    assert asked.state.deadline == deadline and asked.state.extension_requested == wanted
    with pytest.raises(WorkflowError) as err:  # one pending at a time
        ca.request_extension(county.hub, WATER, cases[0].case_number, new_deadline=wanted, reason="再申请",
                             rules=RULES)
    assert err.value.code == "extension_pending"
    with pytest.raises(PermissionDenied):  # the department does not approve its own request
        ca.decide_extension(county.hub, WATER, cases[0].case_number, approve=True)
    with pytest.raises(ValidationError) as err:  # a refusal says why
        ca.decide_extension(county.hub, STAFF, cases[0].case_number, approve=False)
    assert err.value.field == "note"
    ok = ca.decide_extension(county.hub, STAFF, cases[0].case_number, approve=True)
    assert ok.state.deadline == wanted and ok.state.extension_requested is None and ok.state.extension_count == 1
    with pytest.raises(WorkflowError) as err:
        ca.request_extension(county.hub, WATER, cases[0].case_number, new_deadline=wanted + dt.timedelta(days=5),
                             reason="还要延", rules=RULES)
    assert err.value.code == "too_many_extensions"
    county.sync("LX01")
    assert get_case(db, cases[0].case_id).deadline == wanted
    kinds = [e.kind for e in case_timeline(db, cases[0].case_id)]
    assert kinds[-2:] == ["extension_request", "extension_approve"]


def test_a_refused_extension_leaves_the_deadline(setup):
    county, _db, cases = setup
    first = assigned(county, cases[0])
    assert first.state.deadline is not None
    ca.request_extension(county.hub, WATER, cases[0].case_number,
                         new_deadline=first.state.deadline + dt.timedelta(days=10), reason="材料未到", rules=RULES)
    no = ca.decide_extension(county.hub, STAFF, cases[0].case_number, approve=False, note="期限内可以完成")
    assert no.state.deadline == first.state.deadline and no.state.extension_requested is None
    with pytest.raises(WorkflowError) as err:  # nothing left to decide
        ca.decide_extension(county.hub, STAFF, cases[0].case_number, approve=True)
    assert err.value.code == "no_extension_request"


# -- 答复 ---------------------------------------------------------------------------------------------------
def test_a_reply_keeps_its_letter_and_the_station_shows_that_a_reply_letter_exists(setup):
    county, db, cases = setup
    assigned(county, cases[0])
    ca.accept(county.hub, WATER, cases[0].case_number)
    acted = ca.reply(county.hub, WATER, cases[0].case_number, text="已清淤，恢复灌溉", reply_class="A",
                     resolution="solved", letter=letter(), rules=RULES)
    assert acted.state.status is Status.REPLIED and acted.state.reply_class == "A"
    with county.hub.tx() as s:
        row = s.scalars(select(HubCaseFile).where(HubCaseFile.case_id == acted.case_id)).one()
    assert row.name == "答复函.pdf" and row.mime == "application/pdf" and row.size == len(pdf_bytes())
    got = ca.case_file(county.hub, STAFF, str(row.id))
    assert got.content == pdf_bytes()
    with pytest.raises(DomainError):  # another department cannot read it
        ca.case_file(county.hub, ROADS, str(row.id))
    county.sync("LX01")
    view = get_case(db, cases[0].case_id)
    assert view.status == "replied" and view.resolution == "solved"
    last = case_timeline(db, cases[0].case_id)[-1]
    assert last.kind == "reply" and last.data["reply_class"] == "A"
    assert last.data["reply_letter"] == {"id": str(row.id), "name": "答复函.pdf", "sha256": row.sha256,
                                         "size": row.size}


def test_county_staff_record_a_paper_reply_and_a_png_or_jpg_scan_is_taken(setup):
    county, _db, cases = setup
    assigned(county, cases[0])
    assigned(county, cases[1])
    ca.accept(county.hub, WATER, cases[0].case_number)
    ca.accept(county.hub, WATER, cases[1].case_number)
    a = ca.reply(county.hub, STAFF, cases[0].case_number, text="资金已列入明年计划", reply_class="C",
                 resolution="unsolved", letter=ca.Upload("scan.png", png_bytes()), rules=RULES)
    b = ca.reply(county.hub, ADMIN, cases[1].case_number, text="已解释", reply_class="D", resolution="explained",
                 letter=ca.Upload("scan.pdf", jpg_bytes()), rules=RULES)  # the name says pdf; the content is JPEG
    assert a.state.reply_class == "C" and b.state.reply_class == "D"
    with county.hub.tx() as s:
        mimes = s.scalars(select(HubCaseFile.mime).where(HubCaseFile.case_id.in_([a.case_id, b.case_id])))
        assert sorted(mimes) == ["image/jpeg", "image/png"]


BAD_LETTERS = [
    (ca.Upload("答复函.pdf", b"MZ\x90\x00 this is a program"), "file_type"),
    (ca.Upload("答复函.pdf", b"<html>not a letter</html>"), "file_type"),
    (ca.Upload("答复函.pdf", b""), "missing_letter"),
    (ca.Upload("答复函.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n"), "file_broken"),  # cut short
    (ca.Upload("scan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50), "file_broken"),
    (ca.Upload("scan.jpg", jpg_bytes()[:60]), "file_broken"),
    (ca.Upload("big.pdf", b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024) + b"\n%%EOF"), "file_too_large"),
    (None, "missing_letter"),
]
BAD_REPLIES = [
    ({"reply_class": ""}, "reply_class"),
    ({"reply_class": "E"}, "reply_class"),
    ({"resolution": ""}, "resolution"),  # never assumed
    ({"resolution": "fixed"}, "resolution"),
    ({"reply_class": "A", "resolution": "unsolved"}, "resolution"),
    ({"reply_class": "B", "resolution": "solved"}, "resolution"),
    ({"text": ""}, "text"),
]


def test_a_bad_reply_or_letter_is_refused_at_its_field_and_nothing_is_kept(refusals):
    county, accepted, assigned_no = refusals
    before, files = events_at_hub(county), files_at_hub(county)
    for upload, code in BAD_LETTERS:
        with pytest.raises(ValidationError) as err:
            ca.reply(county.hub, WATER, assigned_no, text="已处理", reply_class="A", resolution="solved",
                     letter=upload, rules=CountyRules(max_file_bytes=1024 * 1024))
        assert err.value.code == code and err.value.field == "letter", upload
        assert any("\u4e00" <= c <= "\u9fff" for c in err.value.message)
    for values, field in BAD_REPLIES:
        form = {"text": "已处理", "reply_class": "A", "resolution": "solved", **values}
        with pytest.raises(ValidationError) as err:
            ca.reply(county.hub, WATER, assigned_no, letter=letter(), rules=RULES, **form)
        assert err.value.field == field, values
    with pytest.raises(WorkflowError):  # a case not assigned yet: refused before its letter is kept
        ca.reply(county.hub, STAFF, accepted, text="已处理", reply_class="A", resolution="solved", letter=letter(),
                 rules=RULES)
    with pytest.raises(PermissionDenied):
        ca.reply(county.hub, LEADER, assigned_no, text="x", reply_class="A", resolution="solved", letter=letter(),
                 rules=RULES)
    assert events_at_hub(county) == before and files_at_hub(county) == files


# -- 督办, 重点督办, 退回重办 ------------------------------------------------------------------------------
def test_supervision_with_a_level_and_its_notice_printed_by_the_desks_letter_builder(setup, tmp_path):
    county, db, cases = setup
    assigned(county, cases[0])
    with pytest.raises(WorkflowError):  # nothing to print before a 督办
        ca.supervision_notice_pdf(county.hub, STAFF, cases[0].case_number, rules=RULES)
    with pytest.raises(ValidationError) as err:
        ca.supervise(county.hub, STAFF, cases[0].case_number, text="请加快", level="特别", rules=RULES)
    assert err.value.field == "level" and "一般、重点、挂牌" in err.value.message
    with pytest.raises(PermissionDenied):
        ca.supervise(county.hub, WATER, cases[0].case_number, text="请加快", level="一般", rules=RULES)
    ca.supervise(county.hub, STAFF, cases[0].case_number, text="请尽快疏通水渠", level="一般", rules=RULES)
    acted = ca.supervise(county.hub, STAFF, cases[0].case_number, text="群众反映强烈，请本周内办结", level="重点",
                         rules=RULES)
    assert acted.state.escalation_level == 2 and acted.state.supervision_level == "重点"
    pdf = ca.supervision_notice_pdf(county.hub, STAFF, cases[0].case_number, issued_on=MONDAY, rules=RULES)
    assert pdf.startswith(b"%PDF")
    out = tmp_path / "notice.pdf"
    out.write_bytes(pdf)
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    assert cases[0].case_number in flat and "县水利局" in flat and "关于督办社情民意事项的通知" in flat
    assert "重点督办（第2次）" in flat and "县人大常委会代表工作委员会" in flat
    assert "13812345678" not in flat  # the visitor's phone never prints in full
    # the department it is addressed to may print it too; it sees no visitor's name
    dept = ca.supervision_notice_pdf(county.hub, WATER, cases[0].case_number, issued_on=MONDAY, rules=RULES)
    (tmp_path / "dept.pdf").write_bytes(dept)
    dept_text = subprocess.run(["pdftotext", str(tmp_path / "dept.pdf"), "-"], capture_output=True, text=True,
                               check=True).stdout
    assert "张三" in flat and "张三" not in dept_text
    county.sync("LX01")
    assert get_case(db, cases[0].case_id).escalation_level == 2


def test_the_key_supervision_mark_goes_on_and_off_and_reaches_the_station(setup):
    county, db, cases = setup
    assigned(county, cases[0])
    with pytest.raises(PermissionDenied):
        ca.mark_key_supervision(county.hub, WATER, cases[0].case_number, on=True)
    assert ca.mark_key_supervision(county.hub, STAFF, cases[0].case_number, on="on").state.key_supervision
    with pytest.raises(WorkflowError):
        ca.mark_key_supervision(county.hub, STAFF, cases[0].case_number, on=True)
    with pytest.raises(ValidationError) as err:
        ca.mark_key_supervision(county.hub, STAFF, cases[0].case_number, on="maybe")
    assert err.value.field == "on"
    assert not ca.mark_key_supervision(county.hub, STAFF, cases[0].case_number, on=False).state.key_supervision
    county.sync("LX01")
    marks = [e.data["on"] for e in case_timeline(db, cases[0].case_id) if e.kind == "key_supervision"]
    assert marks == [True, False]


def test_an_unsatisfied_case_is_sent_back_to_be_handled_again(setup):
    county, db, cases = setup
    assigned(county, cases[0])
    ca.accept(county.hub, WATER, cases[0].case_number)
    ca.reply(county.hub, WATER, cases[0].case_number, text="已处理", reply_class="B", resolution="partly_solved",
             letter=letter(), rules=RULES)
    with pytest.raises(WorkflowError):  # no follow-up yet: nobody has said they are not satisfied
        ca.reopen(county.hub, STAFF, cases[0].case_number, reason="群众不满意")
    county.sync("LX01")
    act_on_case(db, Actor(ActorRole.DUTY_DEPUTY, "刘代表"), cases[0].case_id, EventKind.FOLLOW_UP,
                {"satisfaction": "unsatisfied", "text": "水渠还是堵"})
    county.sync("LX01")
    with pytest.raises(ValidationError) as err:
        ca.reopen(county.hub, STAFF, cases[0].case_number, reason="")
    assert err.value.field == "reason"
    with pytest.raises(PermissionDenied):
        ca.reopen(county.hub, WATER, cases[0].case_number, reason="x")
    back = ca.reopen(county.hub, STAFF, cases[0].case_number, reason="群众回访不满意，退回重办")
    assert back.state.status is Status.REOPENED and back.state.reopen_count == 1
    county.sync("LX01")
    assert get_case(db, cases[0].case_id).status == "reopened"
    again = ca.assign(county.hub, STAFF, cases[0].case_number, department="县水利局", working_days=5,
                      today=MONDAY, rules=RULES)[0]
    assert again.state.status is Status.ASSIGNED


def test_a_case_number_that_is_not_there_or_mistyped_is_one_chinese_sentence(refusals):
    county, _accepted, _assigned = refusals
    with pytest.raises(DomainError) as err:
        ca.supervise(county.hub, STAFF, "LX01-20200101-0001-X", text="x", level="一般", rules=RULES)
    assert err.value.field == "case_no"
    with pytest.raises(DomainError) as err:
        ca.supervise(county.hub, STAFF, format_case_number("LX09", MONDAY, 1), text="x", level="一般", rules=RULES)
    assert err.value.code == "case_not_found" and err.value.field == "case_no" and "没有" in err.value.message
    with pytest.raises(DomainError) as err:
        ca.accept(county.hub, ADMIN, "")
    assert err.value.field == "case_no"


def test_county_events_reach_a_station_by_usb_bundle_too(setup, tmp_path):
    from liaison_desk.hub import bundles as hub_bundles
    from liaison_desk.services.sync.bundle import export_bundle, import_bundle

    county, db, cases = setup
    assigned(county, cases[0])
    ca.mark_key_supervision(county.hub, STAFF, cases[0].case_number, on=True)
    out = tmp_path / "to-hub.bundle"
    export_bundle(db, out)
    text, _summary = hub_bundles.import_bundle(county.hub, out.read_text("utf-8"))
    answer = tmp_path / "to-station.answer"
    answer.write_text(text, encoding="utf-8")
    import_bundle(db, answer)
    assert get_case(db, cases[0].case_id).status == "assigned"
    assert [e.kind for e in case_timeline(db, cases[0].case_id)][-2:] == ["assign", "key_supervision"]


def test_a_station_writing_the_same_case_at_once_merges_by_the_sync_rules(setup):
    """The station adds a note while the county assigns: both events stay, the fold orders them, no anomaly."""
    county, db, cases = setup
    assigned(county, cases[0])
    act_on_case(db, Actor(ActorRole.STAFF, "李站长"), cases[0].case_id, EventKind.NOTE, {"text": "群众又来电催问"})
    county.sync("LX01")
    county.sync("LX01")
    kinds = [e.kind for e in case_timeline(db, cases[0].case_id)]
    assert sorted(kinds[-2:]) == ["assign", "note"]
    with county.hub.tx() as s:
        case = s.scalar(select(HubRecord).where(HubRecord.entity == "cases",
                                                HubRecord.label == cases[0].case_number))
        state = hc.fold(hc._case_events(s, county.hub, case.id))
    assert state.status is Status.ASSIGNED and not state.anomalies
    assert json.loads(case.fields)["number"] == cases[0].case_number


def test_the_hub_command_line_assigns_returns_and_extends(setup, capsys):
    from liaison_desk.hub.cli import main as hub_main

    county, db, cases = setup
    url = str(county.engine.url)
    a, b = cases[0].case_number, cases[1].case_number
    assert hub_main(["--db", url, "assign", a, b, "--department", "县水利局", "--days", "10", "--co", "县交通局"]) == 0
    assert "已交办 2 件给县水利局" in capsys.readouterr().out
    assert hub_main(["--db", url, "return-case", a, "--reason", "不属于水利职责"]) == 0
    assert hub_main(["--db", url, "extend", b, "--request", "2099-01-01", "--reason", "等资金"]) == 1
    assert "延期最长 1 个月" in capsys.readouterr().err  # one Chinese line, no traceback
    county.sync("LX01")
    assert get_case(db, cases[0].case_id).status == "accepted"  # returned: waits for the county
    due = get_case(db, cases[1].case_id).deadline
    assert due is not None
    later = (due + dt.timedelta(days=7)).isoformat()
    assert hub_main(["--db", url, "extend", b, "--request", later, "--reason", "等资金"]) == 0
    assert hub_main(["--db", url, "extend", b, "--approve"]) == 0
    assert hub_main(["--db", url, "reopen-case", b, "--reason", "x"]) == 1  # not followed up yet
    assert "不能" in capsys.readouterr().err
    assert hub_main(["--db", url, "supervise", b, "--text", "请加快", "--how", "特别"]) == 1
    assert "督办方式应为：一般、重点、挂牌" in capsys.readouterr().err
    assert hub_main(["--db", url, "supervise", b, "--text", "请加快", "--how", "重点"]) == 0
    assert hub_main(["--db", url, "reply", b, "--text", "已清淤", "--resolution", "solved", "--class", "A"]) == 0
    county.sync("LX01")
    assert get_case(db, cases[1].case_id).deadline == dt.date.fromisoformat(later)
    timeline = case_timeline(db, cases[1].case_id)
    assert timeline[-2].data["supervision_level"] == "重点" and timeline[-1].data["reply_class"] == "A"


@pytest.mark.postgres
def test_the_actions_on_postgresql(pg_county, admin):
    """The production database: the 答复函's bytes (bytea), the notice's count of the year's 督办, sync."""
    db = pg_county.add_station("LX01")
    hc.add_reference(pg_county.hub, "departments", {"name": "县水利局"})
    r = register_visit(db, admin, VisitInput("张三"), CaseInput("村里灌溉水渠堵了"))
    act_on_case(db, Actor(ActorRole.STAFF, "李站长"), r.case_id, EventKind.ACCEPT)
    pg_county.sync("LX01")
    ca.assign(pg_county.hub, STAFF, [r.case_number], department="县水利局", working_days=5, today=MONDAY, rules=RULES)
    ca.supervise(pg_county.hub, STAFF, r.case_number, text="请加快", level="挂牌", rules=RULES)
    assert ca.supervision_notice_pdf(pg_county.hub, STAFF, r.case_number, rules=RULES).startswith(b"%PDF")
    ca.accept(pg_county.hub, WATER, r.case_number)
    acted = ca.reply(pg_county.hub, WATER, r.case_number, text="已清淤", reply_class="A", resolution="solved",
                     letter=ca.Upload("scan.png", png_bytes()), rules=RULES)
    assert acted.state.reply_class == "A"
    with pg_county.hub.tx() as s:
        letter_id = str(s.scalars(select(HubCaseFile.id).where(HubCaseFile.case_id == acted.case_id)).one())
    assert ca.case_file(pg_county.hub, STAFF, letter_id).content == png_bytes()
    pg_county.sync("LX01")
    assert get_case(db, r.case_id).status == "replied"
    assert case_timeline(db, r.case_id)[-1].data["reply_letter"]["id"] == letter_id

