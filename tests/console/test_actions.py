"""The console's action forms in a real browser (issue 15): each action by each role that may do it, the forms
offered only in the state that allows them, bad input answered on the form (what was typed kept), refusals with
the 403 page, the 交办会's batch (confirm, all or nothing), a department's inbox, and a console action reaching
the station's own database at its next sync.

One county for the module: station AC01 (河口镇) with a case per test, departments 县水利局 and 县交通局.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from liaison_desk.domain.access import Role, Viewer
from liaison_desk.domain.timeutil import local_today
from liaison_desk.domain.workflow import EventKind
from liaison_desk.domain.workflow import Role as ActorRole
from liaison_desk.hub.console import actions as ca
from liaison_desk.hub.console import auth
from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, get_case, register_visit
from liaison_desk.services.context import SYSTEM_ADMIN, Actor
from liaison_desk.services.desk.lookups import case_timeline
from tests.console.conftest import signin

STAFF = Viewer("u-staff", "王主任", Role.COUNTY_STAFF)
WATER = Viewer("u-water", "李联络", Role.DEPARTMENT, department="县水利局")
CODE = "AC01"


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(buf, format="PNG")
    return buf.getvalue()


@dataclass
class Seeded:
    users: dict[str, tuple[str, str]]
    cases: dict[str, str]  # name → case number
    ids: dict[str, uuid.UUID]  # name → the station's case id


#: each test's own case: its state when the test begins
CASES = {
    "assign": "accepted", "batch1": "accepted", "batch2": "accepted", "batch_bad": "registered",
    "accept": "assigned", "return": "assigned", "extend": "in_progress", "reply": "in_progress",
    "inbox": "in_progress", "approve": "requested", "supervise": "in_progress", "key": "accepted",
    "reopen": "followed_up", "other": "assigned_roads", "leader": "in_progress", "waiting": "assigned",
}


@pytest.fixture(scope="module")
def seeded(console) -> Seeded:
    for d in ("县水利局", "县交通局"):
        console.add_department(d)
    db = console.seed_station(CODE, township="河口镇")
    numbers, ids = {}, {}
    for name, state in CASES.items():
        r = register_visit(db, SYSTEM_ADMIN, VisitInput("张三"), CaseInput(f"{name}：村里的事情需要县里的部门办理。"))
        assert r.case_id is not None and r.case_number is not None
        if state != "registered":
            act_on_case(db, Actor(ActorRole.STAFF, "李站长"), r.case_id, EventKind.ACCEPT)
        numbers[name], ids[name] = r.case_number, r.case_id
    console.sync(CODE)
    today = local_today()
    roads = Viewer("u-roads", "周联络", Role.DEPARTMENT, department="县交通局")
    for name, state in CASES.items():
        no = numbers[name]
        if state in ("assigned", "in_progress", "requested", "followed_up"):
            ca.assign(console.hub, STAFF, no, department="县水利局", working_days=10, today=today)
        if state == "assigned_roads":
            ca.assign(console.hub, STAFF, no, department="县交通局", working_days=10, today=today)
            ca.accept(console.hub, roads, no)
        if state in ("in_progress", "requested", "followed_up"):
            ca.accept(console.hub, WATER, no)
        if state == "requested":  # 10 working days are at least 14 days: 25 days is later, within a month
            ca.request_extension(console.hub, WATER, no, new_deadline=today + dt.timedelta(days=25),
                                 reason="需要协调资金")
        if state == "followed_up":
            ca.reply(console.hub, WATER, no, text="已清淤", reply_class="B", resolution="partly_solved",
                     letter=ca.Upload("答复函.pdf", pdf_bytes()))
    console.sync(CODE)
    act_on_case(db, Actor(ActorRole.DUTY_DEPUTY, "刘代表"), ids["reopen"], EventKind.FOLLOW_UP,
                {"satisfaction": "unsatisfied", "text": "水渠还是堵"})
    console.sync(CODE)
    users = {
        "staff": console.make_user(Role.COUNTY_STAFF, name="王主任"),
        "leader": console.make_user(Role.LEADER, name="钱领导"),
        "water": console.make_user(Role.DEPARTMENT, name="李联络", department="县水利局"),
        "roads": console.make_user(Role.DEPARTMENT, name="周联络", department="县交通局"),
    }
    return Seeded(users, numbers, ids)


def _as(page, signin, seeded: Seeded, who: str) -> None:
    signin(page, *seeded.users[who])


@pytest.fixture(scope="module")
def signed(browser, console, seeded):
    """One signed-in page per role for the module (signing in is the slow part of a browser test):
    ``signed("staff")``."""
    pages: dict[str, object] = {}
    contexts = []

    def get(who: str):
        if who not in pages:
            context = browser.new_context(base_url=console.url, viewport={"width": 1366, "height": 768},
                                          locale="zh-CN")
            context.set_default_timeout(10_000)
            contexts.append(context)
            pg = context.new_page()
            signin(pg, *seeded.users[who])
            pages[who] = pg
        return pages[who]

    yield get
    for c in contexts:
        c.close()


def _open(page, seeded: Seeded, name: str):
    response = page.goto(f"/cases/{seeded.cases[name]}")
    assert response is not None and response.status == 200
    return page.locator("#case-actions")


def _forms(page) -> list[str]:
    return page.locator("#case-actions form").evaluate_all("fs => fs.map(f => new URL(f.action).pathname.split('/').pop())")


def _audited(console, action: str, target: str) -> bool:
    rows, _total = auth.audit_page(console.hub, action=action, per_page=500)
    return any(r.target == target for r in rows)


def _station_kinds(console, seeded: Seeded, name: str) -> list[str]:
    console.sync(CODE)
    return [e.kind for e in case_timeline(console.county.stations[CODE], seeded.ids[name])]


# -- county staff --------------------------------------------------------------------------------------------------
def test_county_staff_assign_one_case_see_the_deadline_first_and_the_station_gets_the_event(
        signed, console, seeded):
    no = seeded.cases["assign"]
    page = signed("staff")
    _open(page, seeded, "assign")
    # an accepted case: 交办 and the 重点督办 mark, nothing of the department's side
    assert _forms(page) == ["assign", "key-supervision"]
    assert page.locator("#assign-department").input_value() == ""  # no department chosen for them
    assert page.locator("#assign-days").input_value() == ""
    page.locator("#assign-department").select_option("县水利局")
    page.get_by_label("县交通局").check()
    page.locator("#assign-days").fill("500")
    page.get_by_role("button", name="计算办理期限").click()
    assert page.locator("#assign-days").get_attribute("aria-invalid") == "true"
    assert "1 到 120 个工作日" in page.inner_text("#case-actions")
    assert page.locator("#assign-department").input_value() == "县水利局"  # kept
    assert page.get_by_label("县交通局").is_checked()
    page.locator("#assign-days").fill("15")
    page.get_by_role("button", name="计算办理期限").click()
    preview = page.inner_text("#assign-preview")
    assert "15 个工作日" in preview and "尚未交办" in preview
    shown = re.search(r"办理期限为 (\d{4}-\d\d-\d\d)", preview)
    assert shown is not None
    page.get_by_role("button", name="交办", exact=True).click()
    page.wait_for_url(re.compile(r"/cases/[^/]+#case-actions$"))
    assert "已交办" in page.inner_text("#action-done")
    assert page.inner_text("#case-status") == "已交办" and page.inner_text("#case-department") == "县水利局"
    assert shown.group(1) in page.inner_text("#main")  # the deadline the preview said
    page.reload()  # the message is said once (POST-redirect-GET: a reload sends nothing again)
    assert page.locator("#action-done").count() == 0
    assert _audited(console, "case_assign", no)
    # the owning station's own database has the county's 交办 after its next sync
    assert _station_kinds(console, seeded, "assign")[-1] == "assign"
    station_case = get_case(console.county.stations[CODE], seeded.ids["assign"])
    assert station_case.status == "assigned" and station_case.deadline.isoformat() == shown.group(1)


def test_county_staff_approve_an_extension(signed, console, seeded):
    page = signed("staff")
    _open(page, seeded, "approve")
    assert "decision" in _forms(page)
    asked = page.inner_text("#extension-asked")
    page.get_by_role("button", name="不同意延期").click()  # refusing needs a reason: said on the form
    assert page.locator("#dec-note").get_attribute("aria-invalid") == "true"
    page.get_by_role("button", name="同意延期", exact=True).click()
    assert "已同意延期" in page.inner_text("#action-done")
    assert asked in page.inner_text("#main") and "decision" not in _forms(page)
    assert _audited(console, "case_extension_approve", seeded.cases["approve"])


def test_county_staff_supervise_and_download_the_notice(signed, console, seeded):
    page = signed("staff")
    _open(page, seeded, "supervise")
    assert page.locator("#notice-pdf").count() == 0  # nothing to print before a 督办
    assert page.locator("#sup-level").input_value() == ""  # no level chosen for them
    page.locator("#sup-text").fill("请于一周内办结")
    page.get_by_role("button", name="督办", exact=True).click(no_wait_after=True)
    assert page.locator("#sup-level:invalid").count() == 1  # the browser asks for the level first
    page.locator("#sup-level").select_option("重点")
    page.get_by_role("button", name="督办", exact=True).click()
    assert "已督办" in page.inner_text("#action-done")
    with page.expect_download() as info:
        page.get_by_role("link", name="下载督办通知（PDF）").click()
    path = info.value.path()
    assert path is not None and Path(path).read_bytes().startswith(b"%PDF-")
    assert "督办通知" in info.value.suggested_filename
    assert _audited(console, "supervision_notice", seeded.cases["supervise"])
    assert page.locator("ol.timeline li[data-kind=supervise]").count() == 1


def test_county_staff_mark_key_supervision_on_and_off(signed, console, seeded):
    page = signed("staff")
    _open(page, seeded, "key")
    page.get_by_role("button", name="列入重点督办").click()
    assert "已列入重点督办" in page.inner_text("#action-done")
    assert page.locator("#facts-h ~ dl .badge.key").count() == 1
    page.get_by_role("button", name="移出重点督办").click()
    assert "已移出重点督办" in page.inner_text("#action-done")
    assert page.locator("ol.timeline li[data-kind=key_supervision]").count() == 2


def test_county_staff_reopen_an_unsatisfied_case(signed, console, seeded):
    page = signed("staff")
    _open(page, seeded, "reopen")
    assert _forms(page) == ["key-supervision", "reopen"]
    page.get_by_role("button", name="退回重办", exact=True).click(no_wait_after=True)  # empty reason: the browser asks
    assert page.locator("#reo-reason:invalid").count() == 1
    page.locator("#reo-reason").fill("群众回访不满意，退回重办")
    page.get_by_role("button", name="退回重办", exact=True).click()
    assert "已退回重办" in page.inner_text("#action-done")
    assert page.inner_text("#case-status") == "重新办理"
    assert "assign" in _forms(page)  # to be handed out again


# -- the department -----------------------------------------------------------------------------------------------
def test_a_department_accepts_its_case(signed, console, seeded):
    page = signed("water")
    _open(page, seeded, "accept")
    assert set(_forms(page)) == {"accept", "reply", "return", "extension"}  # its own side only: no 交办, no 督办
    page.get_by_role("button", name="接收", exact=True).click()
    assert "已接收" in page.inner_text("#action-done") and page.inner_text("#case-status") == "办理中"
    assert "accept" not in _forms(page)


def test_a_department_returns_a_case_with_its_reason(signed, seeded):
    page = signed("water")
    _open(page, seeded, "return")
    page.locator("#ret-reason").fill("   ")  # blank after trimming: the server says so on the form
    page.get_by_role("button", name="退办", exact=True).click()
    assert page.locator("#ret-reason").get_attribute("aria-invalid") == "true"
    page.locator("#ret-reason").fill("属于县交通局职责")
    page.get_by_role("button", name="退办", exact=True).click()
    # the case is no longer the department's (back at the county office): their inbox says it was returned
    page.wait_for_url(re.compile(r"/inbox$"))
    assert "已退办" in page.inner_text("#action-done") and seeded.cases["return"] in page.inner_text("#action-done")
    staff = signed("staff")
    staff.goto(f"/cases/{seeded.cases['return']}")
    assert staff.inner_text("#case-status") == "已受理" and "assign" in _forms(staff)


def test_a_department_asks_for_an_extension(signed, console, seeded):
    page = signed("water")
    _open(page, seeded, "extend")
    page.locator("#ext-date").fill((local_today() + dt.timedelta(days=400)).isoformat())
    page.locator("#ext-reason").fill("需要协调资金")
    page.get_by_role("button", name="申请延期", exact=True).click()
    assert page.locator("#ext-date").get_attribute("aria-invalid") == "true"  # more than a month: refused
    assert "延期最长" in page.inner_text("#case-actions")
    assert page.locator("#ext-reason").input_value() == "需要协调资金"
    page.locator("#ext-date").fill((local_today() + dt.timedelta(days=20)).isoformat())
    page.get_by_role("button", name="申请延期", exact=True).click()
    assert "已申请延期" in page.inner_text("#action-done") and "extension" not in _forms(page)


def test_a_department_replies_with_its_letter_and_a_bad_file_is_refused_on_the_form(signed, console, seeded,
                                                                                   tmp_path):
    page = signed("water")
    _open(page, seeded, "reply")
    assert page.locator("input[name=reply_class]:checked").count() == 0  # no class or resolution chosen for them
    assert page.locator("input[name=resolution]:checked").count() == 0
    fake = tmp_path / "答复函.pdf"
    fake.write_bytes(b"MZ\x90\x00 this is a program, not a scan")
    page.locator("#reply-text").fill("已安排清淤，本月底前完成。")
    page.get_by_label("B类：正在解决").check()
    page.get_by_label("部分解决").check()
    page.locator("#reply-letter").set_input_files(str(fake))
    page.get_by_role("button", name="提交答复").click()
    assert page.locator("#reply-letter").get_attribute("aria-invalid") == "true"
    assert "PDF、JPG 或 PNG" in page.inner_text("#case-actions")
    assert page.locator("#reply-text").input_value() == "已安排清淤，本月底前完成。"
    assert page.get_by_label("B类：正在解决").is_checked() and page.get_by_label("部分解决").is_checked()
    scan = tmp_path / "答复函.png"
    scan.write_bytes(png_bytes())
    page.locator("#reply-letter").set_input_files(str(scan))
    page.get_by_role("button", name="提交答复").click()
    assert "答复已录入" in page.inner_text("#action-done") and page.inner_text("#case-status") == "已答复"
    with page.expect_download() as info:
        page.locator("#letters a").first.click()
    path = info.value.path()
    assert path is not None and Path(path).read_bytes() == png_bytes()
    console.sync(CODE)
    last = case_timeline(console.county.stations[CODE], seeded.ids["reply"])[-1]
    assert last.kind == "reply" and last.data["reply_class"] == "B" and last.data["reply_letter"]["name"] == "答复函.png"


def test_a_departments_inbox_lists_its_cases_and_takes_a_reply(signed, console, seeded, tmp_path):
    page = signed("water")
    page.get_by_role("navigation").get_by_role("link", name="待办").click()
    assert page.url.endswith("/inbox")
    assert seeded.cases["other"] not in page.inner_text("#main")  # another department's case is not listed
    page.locator("#inbox-case").select_option(seeded.cases["inbox"])
    page.locator("#inbox-text").fill("已解决")
    page.get_by_label("A类：已解决").check()
    page.get_by_label("未解决").check()  # class A with 未解决: refused on the form, values kept
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(pdf_bytes())
    page.locator("#inbox-letter").set_input_files(str(scan))
    page.get_by_role("button", name="提交答复").click()
    assert "已解决" in page.inner_text("#inbox-error")
    assert page.locator("#inbox-case").input_value() == seeded.cases["inbox"]
    page.get_by_label("已解决", exact=True).check()
    page.locator("#inbox-letter").set_input_files(str(scan))
    page.get_by_role("button", name="提交答复").click()
    page.wait_for_url(re.compile(r"/inbox$"))
    assert seeded.cases["inbox"] in page.inner_text("#action-done")
    page.goto(f"/cases/{seeded.cases['inbox']}")
    assert page.inner_text("#case-status") == "已答复"


def test_the_inbox_lists_cases_waiting_to_be_accepted(signed, seeded):
    page = signed("water")
    response = page.goto("/inbox")
    assert response is not None and response.status == 200
    waiting = page.locator("#to-accept tr[data-case]").evaluate_all("rs => rs.map(r => r.dataset.case)")
    assert seeded.cases["waiting"] in waiting and seeded.cases["other"] not in waiting
    assert seeded.cases["leader"] not in waiting  # accepted already: not waiting
    replyable = page.locator("#inbox-case option").evaluate_all("os => os.map(o => o.value)")
    assert seeded.cases["leader"] in replyable and seeded.cases["other"] not in replyable
    page.goto("/inbox?lang=en")  # English on request
    assert "Waiting to be accepted" in page.inner_text("#to-accept-h")
    assert page.get_by_role("button", name="Send the reply").count() == 1
    page.goto("/inbox?lang=zh")


# -- refusals -------------------------------------------------------------------------------------------------------
def _csrf(page) -> str:
    page.goto("/")
    return page.locator("input[name=csrf]").first.input_value()


def test_a_department_cannot_act_on_another_departments_case(signed, console, seeded):
    page = signed("water")
    response = page.goto(f"/cases/{seeded.cases['other']}")
    assert response is not None and response.status == 403
    token = _csrf(page)
    for action in ("accept", "return", "extension", "reply"):
        answer = page.request.post(f"/cases/{seeded.cases['other']}/{action}",
                                   form={"csrf": token, "reason": "x", "new_deadline": "2099-01-01", "text": "x"})
        assert answer.status == 403, action
        assert "无权" in answer.text() or "不归你办理" in answer.text()
    # county actions are not a department's either
    answer = page.request.post(f"/cases/{seeded.cases['accept']}/supervise",
                               form={"csrf": token, "level": "一般", "text": "x"})
    assert answer.status == 403
    assert get_case(console.county.stations[CODE], seeded.ids["other"]).status == "in_progress"


def test_the_leader_sees_no_forms_and_may_not_post_one(signed, console, seeded):
    page = signed("leader")
    actions = _open(page, seeded, "leader")
    assert actions.locator("form").count() == 0
    assert "没有可做的操作" in actions.inner_text()
    token = _csrf(page)
    for path, form in (("supervise", {"level": "一般", "text": "x"}), ("key-supervision", {"on": "1"}),
                       ("assign", {"department": "县水利局", "working_days": "5"}), ("reply", {"text": "x"})):
        answer = page.request.post(f"/cases/{seeded.cases['leader']}/{path}", form={"csrf": token, **form})
        assert answer.status == 403, path
    assert page.request.get(f"/cases/{seeded.cases['leader']}/supervision-notice.pdf").status == 403
    assert page.request.get("/inbox").status == 403


def test_a_form_without_its_csrf_token_is_refused(signed, seeded):
    page = signed("staff")
    answer = page.request.post(f"/cases/{seeded.cases['leader']}/key-supervision", form={"on": "1"})
    assert answer.status == 403 and "表单已失效" in answer.text()


# -- the 交办会's batch -----------------------------------------------------------------------------------------------
def _tick(page, numbers: list[str]) -> None:
    for no in numbers:
        page.locator(f"tr[data-case='{no}'] input[type=checkbox]").check()


def test_a_batch_with_a_case_that_cannot_be_assigned_assigns_none_and_says_why(signed, console, seeded):
    good, bad = seeded.cases["batch1"], seeded.cases["batch_bad"]
    page = signed("staff")
    page.goto(f"/cases?station={CODE}")
    _tick(page, [good, bad])
    page.get_by_role("button", name="下一步：确认批量交办").click()
    assert page.locator("tr[data-case]").count() == 2
    page.locator("#b-department").select_option("县水利局")
    page.locator("#b-days").fill("10")
    page.get_by_role("button", name="确认交办这批案件").click()
    assert "都没有交办" in page.inner_text("#batch-error")
    assert "已登记" in page.inner_text(f"tr[data-case='{bad}'] td.reason")
    assert page.inner_text(f"tr[data-case='{good}'] td.reason").strip() == ""
    assert page.locator("#b-department").input_value() == "县水利局"
    page.goto(f"/cases/{good}")
    assert page.inner_text("#case-status") == "已受理"  # nothing written


def test_a_batch_after_the_assignment_meeting(signed, console, seeded):
    numbers = [seeded.cases["batch1"], seeded.cases["batch2"]]
    page = signed("staff")
    page.goto(f"/cases?station={CODE}")
    page.get_by_role("button", name="下一步：确认批量交办").click()  # nothing ticked
    assert "请先在案件列表中勾选" in page.inner_text("#batch-error")
    page.goto(f"/cases?station={CODE}")
    _tick(page, numbers)
    page.get_by_role("button", name="下一步：确认批量交办").click()
    listed = page.locator("tr[data-case]").evaluate_all("rs => rs.map(r => r.dataset.case)")
    assert sorted(listed) == sorted(numbers)
    page.locator("#b-department").select_option("县交通局")
    page.locator("#b-days").fill("20")
    page.get_by_role("button", name="重新计算期限").click()
    deadline = re.search(r"\d{4}-\d\d-\d\d", page.inner_text("#batch-deadline"))
    assert deadline is not None
    page.get_by_role("button", name="确认交办这批案件").click()
    page.wait_for_url(re.compile(r"/batch/done"))
    done = page.inner_text("#batch-done")
    assert "2 件" in done and "县交通局" in done and deadline.group(0) in done
    for no in numbers:
        page.goto(f"/cases/{no}")
        assert page.inner_text("#case-department") == "县交通局"
    assert _audited(console, "case_batch_assign", "县交通局")
    console.sync(CODE)
    for name in ("batch1", "batch2"):
        assert case_timeline(console.county.stations[CODE], seeded.ids[name])[-1].kind == "assign"


def test_the_case_page_with_forms_fits_a_1366_px_screen_at_200_percent_zoom(browser, console, seeded):
    for who, paths in (("staff", (f"/cases/{seeded.cases['leader']}", f"/cases/{seeded.cases['reopen']}")),
                       ("water", (f"/cases/{seeded.cases['leader']}", "/inbox"))):
        context = browser.new_context(base_url=console.url, viewport={"width": 683, "height": 384},
                                      device_scale_factor=2, locale="zh-CN")
        try:
            page = context.new_page()
            signin(page, *seeded.users[who])
            for path in paths:
                page.goto(path)
                assert page.locator("#case-actions form, #reply form").count() > 0, path
                assert page.evaluate("document.documentElement.scrollWidth") <= 683, (who, path)
        finally:
            context.close()


@pytest.mark.skipif(not os.environ.get("LD_SCREENSHOTS"), reason="set LD_SCREENSHOTS=dir to write screenshots")
def test_screenshots(browser, console, seeded, signin):
    out = Path(os.environ["LD_SCREENSHOTS"])
    for zoom in (1, 2):
        context = browser.new_context(base_url=console.url, viewport={"width": 1366 // zoom, "height": 768 // zoom},
                                      device_scale_factor=zoom, locale="zh-CN")
        page = context.new_page()
        suffix = "-zoom" if zoom == 2 else ""
        _as(page, signin, seeded, "staff")
        page.goto(f"/cases/{seeded.cases['approve']}#case-actions")
        page.screenshot(path=str(out / f"console-case-actions{suffix}.png"), full_page=True)
        page.goto(f"/cases?station={CODE}")
        _tick(page, [seeded.cases["batch_bad"], seeded.cases["key"]])
        page.get_by_role("button", name="下一步：确认批量交办").click()
        page.locator("#b-department").select_option("县水利局")
        page.locator("#b-days").fill("10")
        page.get_by_role("button", name="重新计算期限").click()
        page.screenshot(path=str(out / f"console-batch-confirm{suffix}.png"), full_page=True)
        context.close()
        context = browser.new_context(base_url=console.url, viewport={"width": 1366 // zoom, "height": 768 // zoom},
                                      device_scale_factor=zoom, locale="zh-CN")
        page = context.new_page()
        _as(page, signin, seeded, "water")
        page.goto("/inbox")
        page.screenshot(path=str(out / f"console-inbox{suffix}.png"), full_page=True)
        page.goto(f"/cases/{seeded.cases['leader']}#case-actions")
        page.screenshot(path=str(out / f"console-case-department{suffix}.png"), full_page=True)
        context.close()
