"""/reports in a real browser (issue 16, county side): the figures of the month across stations, every total
a link to exactly its cases, downloads as PDF and xlsx (audited exports) for roles that may export, a
township's own figures, a department refused, 200 % zoom on a 1366 px screen, the screenshot."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from liaison_desk.domain.access import Role
from liaison_desk.domain.timeutil import local_today
from liaison_desk.hub.console import auth
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.context import SYSTEM_ADMIN

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(scope="module")
def users(console) -> dict[str, tuple[str, str]]:
    for code, township, texts in (("HK01", "河口镇", ["村里灌溉水渠堵了", "村口路灯坏了三盏", "灌溉水渠又堵了"]),
                                  ("XX01", "山西乡", ["学校门口没有斑马线"])):
        db = console.seed_station(code, township=township)
        for text in texts:
            register_visit(db, SYSTEM_ADMIN, VisitInput("张三"), CaseInput(text))
        console.sync(code)
    return {"leader": console.make_user(Role.LEADER), "staff": console.make_user(Role.COUNTY_STAFF),
            "township": console.make_user(Role.TOWNSHIP_STAFF, township="山西乡"),
            "department": console.make_user(Role.DEPARTMENT)}


def _cases_total(page) -> int:
    m = re.search(r"共\s*([\d,]+)\s*件", page.locator("#result-count").inner_text())
    assert m, page.locator("#result-count").inner_text()
    return int(m.group(1).replace(",", ""))


def test_a_leader_reads_the_figures_and_each_total_lists_its_cases_but_takes_no_file(page, signin, users):
    signin(page, *users["leader"])
    page.goto("/reports?by=station")
    row = page.locator("tr[data-figure='cases']")
    assert row.locator("td").first.inner_text() == "4"
    row.locator("td a").first.click()
    page.wait_for_url(re.compile(r"/cases\?"))
    assert _cases_total(page) == 4 and "收集" in page.locator("h1").inner_text()
    page.goto("/reports?by=station")
    page.locator("table.breakdown a", has_text="3").click()  # HK01's three
    page.wait_for_url(re.compile(r"station=HK01"))
    assert _cases_total(page) == 3
    page.goto("/reports")
    assert page.get_by_role("link", name="下载 PDF").count() == 0
    assert page.goto(f"/reports/download?period={local_today():%Y-%m}&format=pdf").status == 403


def test_county_staff_download_pdf_and_xlsx_audited(page, signin, users, console, tmp_path):
    signin(page, *users["staff"])
    page.goto("/reports?by=township")
    with page.expect_download() as pdf:
        page.get_by_role("link", name="下载 PDF").click()
    assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")
    with page.expect_download() as xlsx:
        page.get_by_role("link", name="下载 Excel").click()
    target = tmp_path / "r.xlsx"
    xlsx.value.save_as(target)
    assert "统计表" in load_workbook(target).sheetnames
    rows, total = auth.audit_page(console.hub, action="report_export", user=users["staff"][0])
    assert total == 2 and {r.detail.split()[0] for r in rows} == {"format=pdf", "format=xlsx"}


def test_a_township_sees_its_own_and_a_department_is_refused(page, signin, users, browser, console):
    signin(page, *users["township"])
    page.goto("/reports")
    assert page.locator("tr[data-figure='cases'] td").first.inner_text() == "1"
    assert page.goto("/reports?period=2026-13").status == 400
    assert "统计期间" in page.locator("#form-error").inner_text()
    other = browser.new_context(base_url=console.url, viewport={"width": 1366, "height": 768}, locale="zh-CN")
    try:
        p2 = other.new_page()
        signin(p2, *users["department"])
        assert p2.goto("/reports").status == 403
    finally:
        other.close()


def test_reports_fit_a_1366_px_screen_at_200_percent_zoom_and_the_screenshot(browser, console, users, signin):
    context = browser.new_context(base_url=console.url, viewport={"width": 683, "height": 384},
                                  device_scale_factor=2, locale="zh-CN")
    try:
        page = context.new_page()
        signin(page, *users["staff"])
        page.goto("/reports?by=station")
        assert page.evaluate("document.documentElement.scrollWidth") <= 683
    finally:
        context.close()
    context = browser.new_context(base_url=console.url, viewport={"width": 1366, "height": 768}, locale="zh-CN")
    try:
        page = context.new_page()
        signin(page, *users["staff"])
        page.goto("/reports?by=station")
        page.screenshot(path=str(SHOTS / "console-reports.png"))
    finally:
        context.close()
