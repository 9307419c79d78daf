"""The public case status page (issue 15) in a real browser, with no sign-in: the case number and the phone's last
four digits open the case (stage, department, dates, the public summary; nothing personal); wrong digits and an
unknown case get one message; lookups are rate-limited; the receipt printed offline at the station carries a QR
code that decodes to a link that opens the case; the constituent's rating becomes a 回访 event at the station
after its next sync, once per reply; a form posted from elsewhere is refused.

One county for the module: station PB01 with its public address set, cases registered there and synced.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from liaison_desk.domain.access import Role, Viewer
from liaison_desk.domain.case_number import format_case_number, parse_case_number
from liaison_desk.domain.timeutil import local_today
from liaison_desk.domain.workflow import EventKind
from liaison_desk.domain.workflow import Role as ActorRole
from liaison_desk.hub.console import actions as ca
from liaison_desk.hub.console import auth
from liaison_desk.services.cases.actions import (
    CaseInput,
    VisitInput,
    act_on_case,
    get_case,
    register_visit,
    set_public_summary,
)
from liaison_desk.services.context import SYSTEM_ADMIN, Actor
from liaison_desk.services.desk.lookups import case_timeline
from liaison_desk.services.desk.settings import update_settings
from liaison_desk.services.printing.receipts import receipt_pdf, status_link

CODE = "PB01"
ADDRESS = "https://rd.hekou.example.cn"
STAFF = Viewer("u-staff", "王主任", Role.COUNTY_STAFF)
WATER = Viewer("u-water", "李联络", Role.DEPARTMENT, department="县水利局")
NOT_FOUND = "没有查到与这个案件编号和电话后四位相符的案件"


@dataclass
class Seeded:
    cases: dict[str, str]  # name → case number
    ids: dict[str, uuid.UUID]


PHONES = {"open": "13812345678", "replied": "13900001111", "limit": "13722223333", "link": "13655554444",
          "nophone": None, "zoom": "13577778888"}


@pytest.fixture(scope="module")
def seeded(console) -> Seeded:
    console.add_department("县水利局")
    db = console.seed_station(CODE, township="河口镇")
    update_settings(db, Actor(ActorRole.STAFF, "李站长"), public_status_url=ADDRESS + "/")
    numbers: dict[str, str] = {}
    ids: dict[str, uuid.UUID] = {}
    for name, phone in PHONES.items():
        r = register_visit(db, SYSTEM_ADMIN, VisitInput("张秀英", visitor_phone=phone),
                           CaseInput(f"{name}：张秀英家门口3组12号的水渠堵了。"))
        assert r.case_number is not None and r.case_id is not None
        act_on_case(db, Actor(ActorRole.STAFF, "李站长"), r.case_id, EventKind.ACCEPT)
        numbers[name], ids[name] = r.case_number, r.case_id
    set_public_summary(db, Actor(ActorRole.STAFF, "李站长"), ids["replied"], "水渠已清淤，恢复通水")
    console.sync(CODE)
    today = local_today()
    for name in ("open", "replied", "link", "zoom"):
        ca.assign(console.hub, STAFF, numbers[name], department="县水利局", working_days=10, today=today)
    for name in ("replied", "zoom"):
        ca.accept(console.hub, WATER, numbers[name])
        ca.reply(console.hub, WATER, numbers[name], text="已派人为张秀英家清淤", reply_class="A",
                 resolution="solved",
                 letter=ca.Upload("答复函.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"))
    console.sync(CODE)
    return Seeded(numbers, ids)


def _lookup(page, case_no: str, digits: str):
    page.goto("/status")
    page.get_by_label("案件编号").fill(case_no)
    page.get_by_label("登记电话后四位").fill(digits)
    with page.expect_navigation() as nav:
        page.get_by_role("button", name="查询").click()
    return nav.value


def test_right_digits_show_the_stage_and_nothing_personal(page, console, seeded):
    no = seeded.cases["open"]
    response = _lookup(page, no, "5678")
    assert response is not None and response.status == 200
    assert re.search(rf"/status/{no}\?t=[A-Za-z0-9_-]{{16}}$", page.url)  # the receipt's link: reload-safe
    assert page.inner_text("#stage") == "已交给承办单位，等待对方接收"
    assert page.inner_text("#department") == "县水利局"
    text = page.inner_text("main")
    assert "办理期限" in text and "登记日期" in text
    for personal in ("张秀英", "5678", "138", "3组12号", "水渠堵了"):  # no name, phone, or the matter as registered
        assert personal not in text.replace(no, "")
    assert page.get_by_role("button", name="提交评价").count() == 0  # nothing to rate before a reply
    rows, _n = auth.audit_page(console.hub, action="public_status", per_page=50)
    assert any(r.target == no for r in rows)


def test_wrong_digits_and_an_unknown_case_get_the_same_answer(page, seeded):
    no = seeded.cases["open"]
    wrong = _lookup(page, no, "0000")
    assert wrong is not None and wrong.status == 404
    said_wrong = page.inner_text("#status-error")
    assert NOT_FOUND in said_wrong
    assert page.get_by_label("案件编号").input_value() == no  # kept for another try
    # a well-formed number no station gave (the next sequence number of the same day)
    parsed = parse_case_number(no)
    unknown = format_case_number(parsed.station_code, parsed.day, parsed.seq + 50)
    missing = _lookup(page, unknown, "5678")
    assert missing is not None and missing.status == 404
    assert page.inner_text("#status-error") == said_wrong
    # a case registered without a phone cannot be opened by digits at all: the same answer again
    nophone = _lookup(page, seeded.cases["nophone"], "0000")
    assert nophone is not None and nophone.status == 404 and page.inner_text("#status-error") == said_wrong
    # a mistyped number is said to be mistyped (arithmetic on the number, nothing about any case)
    bad = _lookup(page, no[:-1] + ("1" if no[-1] != "1" else "2"), "5678")
    assert bad is not None and bad.status == 400 and "编号校验不通过" in page.inner_text("#status-error")


def test_lookups_of_one_case_are_rate_limited_with_the_wait_in_chinese(page, seeded):
    no = seeded.cases["limit"]
    page.goto("/status")
    ft = next(c["value"] for c in page.context.cookies() if c["name"] == "ld_pub")
    for _ in range(6):  # as the form sends them (its token), quicker than typing
        r = page.request.post("/status", form={"case_no": no, "digits": "1111", "ft": ft})
        assert r.status == 404 and NOT_FOUND in r.text()
    r = _lookup(page, no, "3333")  # even the right digits wait now
    assert r is not None and r.status == 429
    said = page.inner_text("#status-error")
    assert re.search(r"查询太频繁.*请 \d+ (秒|分钟)后再试", said), said
    assert "张秀英" not in page.inner_text("main")


def test_the_receipt_printed_at_the_station_links_to_the_case(page, console, seeded, tmp_path):
    zbar = shutil.which("zbarimg")
    if zbar is None:
        pytest.skip("zbarimg (zbar-tools) is not installed")
    db = console.county.stations[CODE]
    no = seeded.cases["link"]
    link = status_link(db, no)
    assert link is not None and link.startswith(f"{ADDRESS}/status/{no}?t=")
    for personal in ("张秀英", "13655554444", "4444", str(seeded.ids["link"])):
        assert personal not in link  # the number, a token: nothing personal, not even the case's id
    pdf = receipt_pdf(db, no, width="58")
    (tmp_path / "r.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "203", "-singlefile", str(tmp_path / "r.pdf"), str(tmp_path / "r")],
                   check=True)
    out = subprocess.run([zbar, "-q", "--raw", str(tmp_path / "r.png")], capture_output=True, text=True,
                         check=False).stdout.split()
    assert link in out  # the status code decodes to the link (the staff's own code is the other one)
    parts = urlsplit(link)
    response = page.goto(f"{parts.path}?{parts.query}")
    assert response is not None and response.status == 200
    assert page.inner_text("#case-no") == no and page.inner_text("#department") == "县水利局"
    # a token changed by one character opens nothing
    token = parts.query.removeprefix("t=")
    other = ("A" if token[0] != "A" else "B") + token[1:]
    response = page.goto(f"{parts.path}?t={other}")
    assert response is not None and response.status == 404
    assert "这个链接没有打开案件" in page.inner_text("#status-error")
    assert page.get_by_label("案件编号").input_value() == no


def test_the_rating_becomes_a_follow_up_at_the_station_once_per_reply(page, console, seeded):
    db = console.county.stations[CODE]
    no = seeded.cases["replied"]
    assert _lookup(page, no, "1111").status == 200
    assert page.inner_text("#stage") == "承办单位已答复，欢迎您评价办理结果"
    assert page.inner_text("#summary") == "水渠已清淤，恢复通水"  # the approved wording, not the reply's text
    assert "已派人" not in page.inner_text("main")
    assert "已解决" in page.inner_text("#result")
    page.get_by_role("button", name="提交评价").click()  # nothing chosen: said on the form
    page.wait_for_load_state()
    assert "请选择满意、基本满意或不满意" in page.inner_text("#rate-error")
    page.get_by_label("基本满意").check()
    page.get_by_label("意见（可不填）").fill("清得挺快，就是泥没运走")
    with page.expect_navigation():
        page.get_by_role("button", name="提交评价").click()
    assert "感谢您的评价" in page.inner_text("#thanks")
    assert page.get_by_role("button", name="提交评价").count() == 0  # once per reply
    assert page.inner_text("#rated") == "基本满意"
    assert "泥没运走" not in page.inner_text("main")  # the comment is the station's, not public
    # the owning station has the 回访 after its next sync, marked as the public's own, online
    console.sync(CODE)
    last = case_timeline(db, seeded.ids["replied"])[-1]
    assert last.kind == "follow_up" and last.actor_role == "hub"
    assert last.data["satisfaction"] == "basically_satisfied"
    assert last.data["source"] == "public" and last.data["channel"] == "online"
    assert "泥没运走" in last.data["text"]
    assert get_case(db, seeded.ids["replied"]).status == "followed_up"
    # a second rating sent anyway (an old tab): refused on the page, nothing written
    before = len(case_timeline(db, seeded.ids["replied"]))
    token = re.search(r"t=([A-Za-z0-9_-]{16})", page.url).group(1)
    ft = next(c["value"] for c in page.context.cookies() if c["name"] == "ld_pub")
    response = page.request.post(f"/status/{no}/rate", form={"t": token, "satisfaction": "unsatisfied", "ft": ft})
    assert response.status == 409 and "已经评价过" in response.text()
    console.sync(CODE)
    assert len(case_timeline(db, seeded.ids["replied"])) == before


def test_a_form_posted_from_elsewhere_is_refused(page, console, seeded):
    """No form token (another site's form cannot read this site's cookie): 403, nothing looked up."""
    page.goto("/status")
    response = page.request.post("/status", form={"case_no": seeded.cases["open"], "digits": "5678"})
    assert response.status == 403
    assert "表单已失效" in response.text()


def _link_path(console, seeded: Seeded, name: str) -> str:
    link = status_link(console.county.stations[CODE], seeded.cases[name])
    assert link is not None
    parts = urlsplit(link)
    return f"{parts.path}?{parts.query}"


def test_in_english_and_readable_on_a_phone_and_at_200_percent_zoom(browser, console, seeded):
    path = _link_path(console, seeded, "zoom")
    for width, height, scale in ((683, 384, 2), (360, 640, 3)):  # 1366 px at 200 %; a phone
        context = browser.new_context(base_url=console.url, viewport={"width": width, "height": height},
                                      device_scale_factor=scale, locale="zh-CN")
        try:
            page = context.new_page()
            for url in ("/status", path):
                page.goto(url)
                assert page.evaluate("document.documentElement.scrollWidth") <= width, (width, url)
            assert page.get_by_role("button", name="提交评价").is_visible()
            page.keyboard.press("Tab")  # keyboard: the skip link first, focus visible
            assert page.evaluate("document.activeElement.className") == "skip"
        finally:
            context.close()
    context = browser.new_context(base_url=console.url, locale="en-GB")
    try:
        page = context.new_page()
        page.goto(path)
        assert page.inner_text("#stage") == "The department has replied; you may rate the result"
        assert page.get_by_role("button", name="Send rating").count() == 1
    finally:
        context.close()


@pytest.mark.skipif(not os.environ.get("LD_SCREENSHOTS"), reason="set LD_SCREENSHOTS=dir to write screenshots")
def test_screenshots(browser, console, seeded):
    out = Path(os.environ["LD_SCREENSHOTS"])
    path = _link_path(console, seeded, "zoom")
    for zoom in (1, 2):
        context = browser.new_context(base_url=console.url, viewport={"width": 1366 // zoom, "height": 768 // zoom},
                                      device_scale_factor=zoom, locale="zh-CN")
        page = context.new_page()
        suffix = "-zoom" if zoom == 2 else ""
        page.goto("/status")
        page.get_by_label("案件编号").fill(seeded.cases["open"])
        page.get_by_label("登记电话后四位").fill("0000")
        page.get_by_role("button", name="查询").click()
        page.wait_for_load_state()
        page.screenshot(path=str(out / f"console-status-form{suffix}.png"), full_page=True)
        page.goto(path)
        page.screenshot(path=str(out / f"console-status-case{suffix}.png"), full_page=True)
        context.close()
    context = browser.new_context(base_url=console.url, viewport={"width": 360, "height": 640},
                                  device_scale_factor=2, locale="zh-CN")
    page = context.new_page()
    page.goto(path)
    page.screenshot(path=str(out / "console-status-phone.png"), full_page=True)
    context.close()
