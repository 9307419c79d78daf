"""The console's administration pages in a real browser (issue 15): reference data as forms (checked like the
command line, reaching a station at its next sync), station enrollment (token shown once, the USB file, revoke
after a confirm page, a forked copy taken back), sync conflicts in words marked 已处理 (audited), each per role,
and the pages at 200 % zoom on a 1366 px screen."""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from liaison_desk.db.models import Department
from liaison_desk.domain.access import Role
from liaison_desk.domain.timeutil import utcnow
from liaison_desk.hub.console import auth
from liaison_desk.hub.schema import HubConflict, HubRecord
from tests.console.conftest import PASSWORD


@dataclass
class Accounts:
    admin: str
    staff: str
    leader: str
    township: str
    department: str
    password: str


@pytest.fixture(scope="module")
def accounts(console) -> Accounts:
    names = {r: console.make_user(r)[0] for r in Role}
    return Accounts(names[Role.COUNTY_ADMIN], names[Role.COUNTY_STAFF], names[Role.LEADER],
                    names[Role.TOWNSHIP_STAFF], names[Role.DEPARTMENT], PASSWORD)


def _status(page, path: str) -> int:
    response = page.goto(path)
    assert response is not None
    return response.status


def test_county_staff_add_a_department_a_duplicate_is_refused_and_a_station_receives_it(page, signin, console,
                                                                                         accounts):
    db = console.seed_station("AD01")
    signin(page, accounts.staff, accounts.password)
    page.goto("/reference")
    assert page.url.endswith("/reference/deputies")
    page.get_by_role("link", name="承办单位").click()
    page.get_by_text("新增承办单位").click()
    page.get_by_label("单位全称").fill("县农业农村局")
    page.get_by_label("简称").fill("农业局")
    page.get_by_role("button", name="添加").click()
    assert "已添加" in page.inner_text("#done")
    assert "县农业农村局" in page.inner_text("table.list")
    # the same name again: refused at the field, in Chinese, nothing saved
    page.get_by_text("新增承办单位").click()
    page.get_by_label("单位全称").fill("县农业农村局")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="添加").click()
    assert answer.value.status == 400
    assert "已经在名单中" in page.inner_text("#f-name-error")
    assert page.get_attribute("#f-name", "aria-invalid") == "true"
    console.sync("AD01")
    with db.session(write=False) as s:
        dep = s.scalar(select(Department).where(Department.name == "县农业农村局"))
        assert dep is not None and dep.short_name == "农业局" and dep.active
    assert any(r.action == "reference_add" and r.user_name == accounts.staff for r in auth.audit_page(console.hub)[0])


def test_a_deputy_with_a_bad_phone_is_refused_then_edited_and_deactivated(page, signin, accounts):
    signin(page, accounts.staff, accounts.password)
    page.goto("/reference/deputies")
    page.get_by_text("新增代表").click()
    page.get_by_label("姓名").fill("王建国")
    page.get_by_label("联系电话").fill("12345")
    page.get_by_role("button", name="添加").click()
    assert "电话号码" in page.inner_text("#f-phone-error")  # each input at fault says so at once
    assert "请填写代表层级" in page.inner_text("#f-level-error")
    assert page.input_value("#f-name") == "王建国"  # what was typed stays
    page.get_by_label("代表层级").select_option("county")
    page.get_by_label("联系电话").fill("13912345678")
    page.get_by_role("button", name="添加").click()
    assert "已添加" in page.inner_text("#done")
    page.get_by_role("link", name="修改：王建国").click()
    page.get_by_label("选区 / 代表团").fill("河口镇选区")
    page.get_by_role("button", name="保存").click()
    assert "已保存" in page.inner_text("#done") and "河口镇选区" in page.inner_text("table.list")
    page.get_by_role("button", name="停用：王建国").click()
    assert "已停用" in page.inner_text("#done")
    assert "已停用" in page.locator("tr.inactive").inner_text()


def test_a_county_holiday_is_added_and_removed(page, signin, accounts):
    signin(page, accounts.admin, accounts.password)
    page.goto("/reference/holidays")
    page.get_by_text("新增节假日").click()
    page.get_by_label("日期").fill("2027年2月10日")
    page.get_by_label("类型").select_option("holiday")
    page.get_by_label("名称").fill("春节")
    page.get_by_role("button", name="添加").click()
    assert "2027-02-10" in page.inner_text("table.list")
    page.get_by_role("button", name="撤销：2027-02-10").click()
    assert "已撤销" in page.inner_text("#done") and "2027-02-10" not in page.inner_text("table.list")


def test_county_admin_adds_a_station_sees_its_token_once_and_downloads_the_usb_file(page, signin, accounts):
    signin(page, accounts.admin, accounts.password)
    page.goto("/stations/manage")
    assert page.locator("nav.main a[aria-current=page]").all_inner_texts() == ["联络站登记"]
    fingerprint = page.inner_text("#fingerprint")
    assert len(fingerprint.split()) == 8
    page.get_by_text("新增联络站").click()
    page.get_by_label("联络站名称").fill("柳树湾村联络站")
    page.get_by_label("站点代码（1–8 位字母或数字）").fill("lsw01")
    page.get_by_role("button", name="新增并生成登记码").click()
    token = page.inner_text("#token").strip()
    assert len(token) > 20 and fingerprint in page.inner_text("main")
    with page.expect_download() as info:
        page.get_by_role("button", name="下载 U 盘登记文件").click()
    download = info.value
    assert download.suggested_filename == "enrollment-LSW01.json"
    body = json.loads(Path(download.path()).read_text("utf-8"))["body"]
    assert body["station_code"] == "LSW01" and body["credential"]
    page.goto("/stations/manage")  # the token is shown once: never on the list
    assert token not in page.content() and "LSW01" in page.inner_text("table.list")
    # a bad code is refused at the field
    page.get_by_text("新增联络站").click()
    page.get_by_label("联络站名称").fill("坏代码站")
    page.get_by_label("站点代码（1–8 位字母或数字）").fill("河口")
    page.get_by_role("button", name="新增并生成登记码").click()
    assert "1–8 位字母或数字" in page.inner_text("#code-error")


def test_county_admin_revokes_a_station_after_a_confirm_page_and_takes_back_a_forked_copy(page, signin, console,
                                                                                          accounts):
    console.seed_station("AD01")  # enrolled and bound: a copy of its database can be taken back
    console.hub.add_station("待撤销站", "RV01")
    signin(page, accounts.admin, accounts.password)
    page.goto("/stations/manage")
    page.get_by_role("link", name="注销：RV01").click()
    assert "确认注销" in page.inner_text("main")
    page.get_by_role("button", name="确认注销").click()
    assert "已注销" in page.inner_text("#done")
    assert "已注销" in page.locator("tr[data-station='RV01']").inner_text()
    page.get_by_role("link", name="处理数据库副本：AD01").click()
    assert "县级平台掌握的情况" in page.inner_text("main")
    page.get_by_role("button", name="生成再次登记用的登记码").click()
    assert len(page.inner_text("#token").strip()) > 20
    actions = {r.action for r in auth.audit_page(console.hub)[0]}
    assert {"station_revoke", "station_resolve_fork"} <= actions


def test_conflicts_are_listed_in_words_and_marked_handled(page, signin, console, accounts):
    number = console.seed_case("AD01", "水渠堵了，农田灌溉困难")
    water, roads = _department_id(console, "县水利局"), _department_id(console, "县交通局")
    with console.hub.tx() as s:
        case_id = s.scalar(select(HubRecord.id).where(HubRecord.entity == "cases", HubRecord.label == number))
    ident = uuid.uuid4()
    with console.hub.tx() as s:
        s.add(HubConflict(county_id=console.hub.county, id=ident, kind="field", entity="cases", entity_id=case_id,
                          field="department_id", kept_value=json.dumps(str(water)), lost_value=json.dumps(str(roads)),
                          kept_hlc=None, lost_hlc=None, change_id=None, station_code="AD01", reason="",
                          detected_at=utcnow(), seen=0))
    signin(page, accounts.staff, accounts.password)
    page.goto("/conflicts")
    card = page.locator(f"section[aria-labelledby='c-{ident}']")
    text = card.inner_text()
    assert f"案件 {number}" in text and "AD01" in text and "承办单位" in text
    assert "县水利局" in card.locator("dd.kept").inner_text() and "县交通局" in card.locator("dd.lost").inner_text()
    assert "{" not in text and "保留时间较新" in text
    card.get_by_label("怎么处理的（可不填）").fill("已与联络站核实，以县水利局为准")
    card.get_by_role("button", name=f"已处理：两处改了同一项 案件 {number}").click()
    assert "已标记为已处理" in page.inner_text("#done")
    assert page.locator(f"section[aria-labelledby='c-{ident}']").count() == 0
    page.get_by_role("link", name="也显示已处理的").click()
    handled = page.locator(f"section[aria-labelledby='c-{ident}']").inner_text()
    assert accounts.staff in handled and "以县水利局为准" in handled
    line = auth.audit_page(console.hub, action="conflict_handled")[0][0]
    assert line.user_name == accounts.staff


def _department_id(console, name: str) -> uuid.UUID:
    console.add_department(name)
    with console.hub.tx() as s:
        found = s.scalar(select(HubRecord.id).where(HubRecord.entity == "departments", HubRecord.label == name))
    assert found is not None
    return found


@pytest.mark.parametrize("role,reference,stations,conflicts", [
    ("county_admin", 200, 200, 200),
    ("county_staff", 200, 403, 200),
    ("township_staff", 403, 403, 403),
    ("leader", 403, 403, 403),
    ("department", 403, 403, 403),
])
def test_each_role_reaches_only_its_pages(page, signin, accounts, role, reference, stations, conflicts):
    name = {"county_admin": accounts.admin, "county_staff": accounts.staff, "township_staff": accounts.township,
            "leader": accounts.leader, "department": accounts.department}[role]
    signin(page, name, accounts.password)
    assert _status(page, "/reference/departments") == reference
    assert _status(page, "/stations/manage") == stations
    assert _status(page, "/conflicts") == conflicts
    nav = page.locator("nav.main").inner_text()
    assert ("基础资料" in nav) == (reference == 200) and ("联络站登记" in nav) == (stations == 200)
    if conflicts == 200:  # English through ?lang=en, the conflicts' words too
        page.goto("/conflicts?lang=en")
        assert page.inner_text("h1") == "Sync conflicts"
        page.goto("/?lang=zh")
    if stations == 403:  # a form posted anyway is refused too (the CSRF token of this session is valid)
        page.goto("/")
        csrf = page.locator("input[name=csrf]").first.get_attribute("value")
        r = page.request.post("/stations/manage", form={"csrf": csrf or "", "name": "x", "code": "ZZ9"})
        assert r.status == 403


def test_the_admin_pages_fit_a_1366_px_screen_at_200_percent_zoom(browser, console, signin, accounts):
    context = browser.new_context(base_url=console.url, viewport={"width": 683, "height": 384},
                                  device_scale_factor=2, locale="zh-CN")
    try:
        page = context.new_page()
        signin(page, accounts.admin, accounts.password)
        for path in ("/reference/deputies", "/reference/categories", "/stations/manage", "/conflicts?all=1"):
            page.goto(path)
            wide = page.evaluate("() => [...document.querySelectorAll('body, body *')]"
                                 ".filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')"
                                 ".map(e => e.tagName + '.' + e.className)")
            assert page.evaluate("document.documentElement.scrollWidth") <= 683, path
            assert wide == [], (path, wide)
    finally:
        context.close()


@pytest.mark.skipif(not os.environ.get("LD_SCREENSHOTS"), reason="set LD_SCREENSHOTS=dir to write screenshots")
def test_screenshots(browser, console, signin, accounts):
    out = Path(os.environ["LD_SCREENSHOTS"])
    context = browser.new_context(base_url=console.url, viewport={"width": 1366, "height": 768}, locale="zh-CN")
    page = context.new_page()
    signin(page, accounts.admin, accounts.password)
    for name, path in (("reference", "/reference/departments"), ("reference-deputies", "/reference/deputies"),
                       ("stations-manage", "/stations/manage"), ("conflicts", "/conflicts?all=1")):
        page.goto(path)
        page.screenshot(path=str(out / f"console-{name}.png"), full_page=True)
    page.goto("/stations/manage")
    page.get_by_text("新增联络站").click()
    page.get_by_label("联络站名称").fill("截图示例联络站")
    page.get_by_label("站点代码（1–8 位字母或数字）").fill("SHOT01")
    page.get_by_role("button", name="新增并生成登记码").click()
    page.screenshot(path=str(out / "console-station-token.png"), full_page=True)
    context.close()
