"""The console's case pages in a real browser (issue 15): home tiles that are their lists, the one queue per role,
Chinese two-character search, the case page (personal data only for roles that may see it, another township's
or department's case refused), station health, audit lines, and /cases at 200 % zoom on a 1366 px screen.

One county for the module: stations HK01 (河口镇) and XX01 (山西乡), four cases —

- ``water``  HK01 灌溉, accepted, assigned to 县水利局 30 days ago with 3 working days: overdue;
- ``lamp``   HK01 路灯, accepted, assigned to 县交通局, marked 重点督办;
- ``school`` XX01 斑马线, registered only;
- ``field``  XX01 灌溉, accepted, not assigned.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from liaison_desk.domain.access import Role, Viewer
from liaison_desk.domain.timeutil import local_today
from liaison_desk.domain.workflow import EventKind
from liaison_desk.domain.workflow import Role as ActorRole
from liaison_desk.hub.console import actions as ca
from liaison_desk.hub.console import auth
from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, register_visit
from liaison_desk.services.context import SYSTEM_ADMIN, Actor

STAFF = Viewer("u-staff", "王主任", Role.COUNTY_STAFF)


@dataclass(frozen=True)
class Seeded:
    water: str
    lamp: str
    school: str
    field: str
    users: dict[str, tuple[str, str]]


def _case(console, code: str, township: str, text: str, *, accept: bool, visitor: str = "张三",
          phone: str | None = None) -> str:
    db = console.seed_station(code, township=township)
    r = register_visit(db, SYSTEM_ADMIN, VisitInput(visitor, visitor_phone=phone), CaseInput(text))
    assert r.case_id is not None and r.case_number is not None
    if accept:
        act_on_case(db, Actor(ActorRole.STAFF, "李站长"), r.case_id, EventKind.ACCEPT)
    return r.case_number


@pytest.fixture(scope="module")
def seeded(console) -> Seeded:
    for d in ("县水利局", "县交通局"):
        console.add_department(d)
    water = _case(console, "HK01", "河口镇", "村里灌溉水渠堵了两个月，庄稼等水。", accept=True, visitor="张秀英",
                  phone="13812345678")
    lamp = _case(console, "HK01", "河口镇", "村口路灯坏了三盏，晚上看不见路。", accept=True)
    school = _case(console, "XX01", "山西乡", "学校门口没有斑马线，孩子过马路危险。", accept=False)
    field = _case(console, "XX01", "山西乡", "农田灌溉用水不够，希望修一口井。", accept=True)
    console.sync("HK01")
    console.sync("XX01")
    today = local_today()
    ca.assign(console.hub, STAFF, water, department="县水利局", working_days=3, today=today - dt.timedelta(days=30))
    ca.assign(console.hub, STAFF, lamp, department="县交通局", working_days=15, today=today)
    ca.mark_key_supervision(console.hub, STAFF, lamp, on=True)
    users = {
        "staff": console.make_user(Role.COUNTY_STAFF),
        "township": console.make_user(Role.TOWNSHIP_STAFF, township="河口镇"),
        "leader": console.make_user(Role.LEADER),
        "water": console.make_user(Role.DEPARTMENT, department="县水利局"),
    }
    return Seeded(water, lamp, school, field, users)


def _as(page, signin, seeded: Seeded, who: str) -> None:
    signin(page, *seeded.users[who])


def listed(page) -> list[str]:
    """The case numbers the queue shows, in order."""
    return page.locator("table.cases tbody tr[data-case]").evaluate_all("rows => rows.map(r => r.dataset.case)")


def _audit(console, action: str) -> list[auth.AuditRow]:
    rows, _total = auth.audit_page(console.hub, action=action, per_page=500)
    return rows


# -- the queue per role ------------------------------------------------------------------------------------------
def test_county_staff_see_every_station_and_search_finds_two_character_words(page, signin, console, seeded):
    _as(page, signin, seeded, "staff")
    page.goto("/cases")
    assert set(listed(page)) == {seeded.water, seeded.lamp, seeded.school, seeded.field}

    page.goto("/cases?q=灌溉")
    assert set(listed(page)) == {seeded.water, seeded.field}  # the numbers are listed, links to each case
    assert page.get_by_role("link", name=seeded.water).get_attribute("href") == f"/cases/{seeded.water}"
    page.get_by_label("搜索（内容、摘要、村、案件编号）").fill("路灯")
    page.get_by_role("button", name="查找").click()
    page.wait_for_url(re.compile(r"q=%E8%B7%AF%E7%81%AF"))  # a GET form: the address is the search
    assert listed(page) == [seeded.lamp]
    page.go_back()
    page.wait_for_url(re.compile(r"q=%E7%81%8C%E6%BA%89"))
    assert set(listed(page)) == {seeded.water, seeded.field}

    # a filter by township and the overdue row says so in words
    page.goto("/cases?township=河口镇&sort=deadline")
    assert listed(page) == [seeded.water, seeded.lamp]
    row = page.locator(f"tr[data-case='{seeded.water}']")
    assert "overdue" in (row.get_attribute("class") or "")
    assert re.search(r"已超期 \d+ 天", row.inner_text())

    searches = [r for r in _audit(console, "case_search") if r.user_name == seeded.users["staff"][0]]
    details = [r.detail for r in searches]
    assert any("q=灌溉" in d and d.endswith("→ 2") for d in details), details
    assert any("township=河口镇" in d and d.endswith("→ 2") for d in details), details


def test_township_staff_see_their_township_only_and_are_refused_another(page, signin, seeded):
    _as(page, signin, seeded, "township")
    page.goto("/cases")
    assert set(listed(page)) == {seeded.water, seeded.lamp}
    page.goto("/cases?q=灌溉")
    assert listed(page) == [seeded.water]
    response = page.goto(f"/cases/{seeded.field}")
    assert response is not None and response.status == 403
    assert "无权查看案件" in page.inner_text("main")
    assert "农田灌溉" not in page.content()
    response = page.goto(f"/cases/{seeded.water}")
    assert response is not None and response.status == 200
    assert page.inner_text("#visitor-phone") == "13812345678"  # township staff may see personal data


def test_a_department_sees_its_own_cases_its_inbox_counts_and_not_another_departments_case(page, signin, console,
                                                                                         seeded):
    _as(page, signin, seeded, "water")
    tiles = {a.get_attribute("data-tile"): int(a.locator(".n").inner_text().replace(",", ""))
             for a in page.locator(".tiles a").all()}
    assert tiles["to_accept"] == 1 and tiles["overdue"] == 1 and tiles["red_or_key"] == 0
    page.locator(".tiles a[data-tile='to_accept']").click()
    page.wait_for_url(re.compile(r"/cases\?status=assigned"))
    assert listed(page) == [seeded.water]
    page.goto("/cases")
    assert listed(page) == [seeded.water]
    assert page.locator("#f-department option").all_inner_texts() == ["全部", "县水利局"]
    response = page.goto(f"/cases/{seeded.lamp}")
    assert response is not None and response.status == 403
    assert "路灯" not in page.inner_text("main")
    response = page.goto("/stations")
    assert response is not None and response.status == 403
    refused = [r for r in _audit(console, "case_refused") if r.user_name == seeded.users["water"][0]]
    assert [r.target for r in refused] == [seeded.lamp]


def test_the_leader_reads_figures_each_tile_equals_its_list_and_sees_no_phone(page, signin, seeded):
    _as(page, signin, seeded, "leader")
    page.goto("/")
    links = page.locator(".tiles a")
    assert links.count() == 7
    tiles = [(a.get_attribute("data-tile"), int(a.locator(".n").inner_text().replace(",", "")), a.get_attribute("href"))
             for a in links.all()]
    counts = {name: n for name, n, _href in tiles}
    assert counts == {"open": 4, "overdue": 1, "due_soon": 0, "accepted_unassigned": 1, "red_or_key": 1,
                      "replied_unfollowed": 0, "unsatisfied": 0}
    for name, n, href in tiles:
        assert href == f"/cases?tile={name}"
        page.goto(href)
        assert len(listed(page)) == n, name
        assert page.inner_text("#result-count").startswith(f"共 {n} 件")
    page.goto(f"/cases/{seeded.water}")
    main = page.inner_text("main")
    assert "13812345678" not in page.content() and "张秀英" not in page.content()
    assert page.locator("#visitor-phone").count() == 0
    assert "不显示来访群众的姓名和电话" in main


def test_the_case_page_tells_the_case_and_its_timeline_in_words(page, signin, console, seeded):
    _as(page, signin, seeded, "staff")
    page.goto(f"/cases/{seeded.water}")
    assert page.inner_text("#case-no") == seeded.water
    main = page.inner_text("main")
    for words in ("HK01", "村里灌溉水渠堵了两个月", "已交办", "县水利局", "超期"):
        assert words in main, words
    assert page.inner_text("#visitor-name") == "张秀英" and page.inner_text("#visitor-phone") == "13812345678"
    kinds = page.locator("ol.timeline > li").evaluate_all("li => li.map(x => x.dataset.kind)")
    assert kinds == ["register", "accept", "assign"]
    assign = page.locator("ol.timeline > li[data-kind='assign']").inner_text()
    assert "县人大" in assign and "交办" in assign and "承办单位：县水利局" in assign and "办理时限（工作日）：3" in assign
    assert "联络站" in page.locator("ol.timeline > li[data-kind='register']").inner_text()
    assert page.locator("#case-actions").count() == 1  # the actions builder's block
    views = [r for r in _audit(console, "case_view") if r.user_name == seeded.users["staff"][0]]
    assert views and views[0].target == seeded.water and views[0].detail == "personal data shown"
    assert all("13812345678" not in (r.detail + r.target) for r in _audit(console, "case_view"))

    response = page.goto("/cases/HK01-2099-9999")
    assert response is not None and response.status == 404
    assert "没有编号为" in page.inner_text("main")


def test_bad_filters_get_a_message_on_the_form_not_an_error(page, signin, seeded):
    _as(page, signin, seeded, "staff")
    response = page.goto("/cases?deadline_from=2026-13-40&q=灌溉")
    assert response is not None and response.status == 400
    assert "不是有效日期" in page.inner_text("#form-error")
    assert page.get_by_label("办理期限从").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("搜索（内容、摘要、村、案件编号）").input_value() == "灌溉"  # what was typed is kept
    assert listed(page) == []  # no list that looks filtered but is not
    for bad in ("/cases?status=nonsense", "/cases?page=abc", "/cases?sort=x", "/cases?tile=x",
                "/cases?deadline_from=2026-12-31&deadline_to=2026-01-01"):
        response = page.goto(bad)
        assert response is not None and response.status == 400, bad
        assert page.locator("#form-error").count() == 1, bad
    response = page.goto("/cases?page=99")  # past the end: the last page
    assert response is not None and response.status == 200 and len(listed(page)) == 4


def test_the_queue_fits_a_1366_px_screen_at_200_percent_zoom(browser, console, seeded, signin):
    context = browser.new_context(base_url=console.url, viewport={"width": 683, "height": 384},
                                  device_scale_factor=2, locale="zh-CN")
    try:
        page = context.new_page()
        _as(page, signin, seeded, "staff")
        for path in ("/cases", f"/cases/{seeded.water}", "/stations", "/"):
            page.goto(path)
            wide = page.evaluate("() => [...document.querySelectorAll('body, body *')]"
                                 ".filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')"
                                 ".map(e => e.tagName + '.' + e.className)")
            assert page.evaluate("document.documentElement.scrollWidth") <= 683, path
            assert wide == [], (path, wide)
    finally:
        context.close()


# -- station health --------------------------------------------------------------------------------------------
def test_station_health_marks_silent_stations_worst_first(page, signin, console, seeded):
    console.seed_station("NV02", township="河口镇")  # enrolled, never synced
    _as(page, signin, seeded, "staff")
    page.goto("/stations")
    order = page.locator("tbody tr[data-station]").evaluate_all("rows => rows.map(r => r.dataset.station)")
    assert order[0] == "NV02" and set(order) >= {"HK01", "XX01", "NV02"}
    first = page.locator("tr[data-station='NV02']")
    assert "从未同步" in first.inner_text() and "silent" in (first.get_attribute("class") or "")
    hk = page.locator("tr[data-station='HK01']")
    assert "正常" in hk.inner_text() and ("刚刚" in hk.inner_text() or "分钟前" in hk.inner_text())
    # the county's 交办 and mark wait at the hub for HK01 until its next sync
    assert int(hk.locator("td").nth(3).inner_text()) >= 3
    console.clock.advance(days=5)  # five days on, every station is silent beyond 3 days, not beyond 7
    _as(page, signin, seeded, "staff")  # (the session has expired meanwhile)
    page.goto("/stations")
    assert "5 天前" in page.locator("tr[data-station='HK01']").inner_text()
    assert "失联 5 天" in page.locator("tr[data-station='HK01']").inner_text()
    page.goto("/stations?silent=7")
    assert "正常" in page.locator("tr[data-station='HK01']").inner_text()
    response = page.goto("/stations?silent=abc")
    assert response is not None and response.status == 400
    assert "0 到 365" in page.inner_text("#form-error")


def test_township_staff_see_their_townships_stations(page, signin, seeded):
    _as(page, signin, seeded, "township")
    page.goto("/stations")
    codes = set(page.locator("tbody tr[data-station]").evaluate_all("rows => rows.map(r => r.dataset.station)"))
    assert "HK01" in codes and "XX01" not in codes


@pytest.mark.skipif(not os.environ.get("LD_SCREENSHOTS"), reason="set LD_SCREENSHOTS=dir to write screenshots")
def test_screenshots(browser, console, seeded, signin):
    out = Path(os.environ["LD_SCREENSHOTS"])
    for zoom in (1, 2):
        context = browser.new_context(base_url=console.url, viewport={"width": 1366 // zoom, "height": 768 // zoom},
                                      device_scale_factor=zoom, locale="zh-CN")
        page = context.new_page()
        _as(page, signin, seeded, "staff")
        suffix = "-zoom" if zoom == 2 else ""
        for name, path in (("cases-home", "/"), ("cases", "/cases?q=灌溉"), ("case", f"/cases/{seeded.water}"),
                           ("stations", "/stations")):
            page.goto(path)
            page.screenshot(path=str(out / f"console-{name}{suffix}.png"), full_page=True)
        context.close()
