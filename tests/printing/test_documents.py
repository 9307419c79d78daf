"""The bound-book documents built from plain data: ledger, letters, public notice, record book, handover."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest

from liaison_desk.printing.handover import build_handover
from liaison_desk.printing.ledger import build_ledger
from liaison_desk.printing.letters import build_letter
from liaison_desk.printing.model_docs import (
    Copy,
    HandoverAction,
    HandoverCase,
    HandoverData,
    HandoverShift,
    HandoverVisit,
    LedgerData,
    LedgerRow,
    LetterData,
    NoticeData,
    NoticeRow,
    RecordBookData,
    RecordSection,
    ScoreLine,
    ScoreSummary,
)
from liaison_desk.printing.notice import build_notice
from liaison_desk.printing.pages import BLANK_BELOW
from liaison_desk.printing.record_book import SECTIONS, build_record_book, numeral
from liaison_desk.printing.tables import anonymise_name, scrub

from .corpus import paragraphs
from .pdftools import page_sizes, pdf_pages_text, png_size, qpdf_check, render_png

STATION = "柳树湾村人大代表联络站"
WHEN = dt.datetime(2026, 11, 22, 10, 31)
FULL_PHONE = "13912345678"
ID_NUMBER = "11010519491231002X"


def flat(pages: list[str]) -> str:
    return "".join("".join(p.split()) for p in pages)


def ledger(n: int, *, reprint: bool = False) -> LedgerData:
    texts = paragraphs(40, 4)
    rows = [LedgerRow(number=f"LX01-2601{(i % 28) + 1:02d}-{i + 1:04d}-K", registered_at=dt.datetime(2026, 1, 5, 9) +
                      dt.timedelta(hours=7 * i), visitor_names=["王秀英", "张𠮷明", "李䶮"][i % 3],
                      village="柳树湾村", category="农田水利", summary=texts[i % 40][:60], triage="黄",
                      department="县水利局" if i % 2 else None, deadline=dt.date(2026, 3, 1) if i % 2 else None,
                      status="已交办" if i % 2 else "已办结", resolution=None if i % 2 else "已解决",
                      satisfaction=None if i % 2 else "满意") for i in range(n)]
    return LedgerData(STATION, "全部案件", rows, township="河口镇", copy=Copy(WHEN, reprint))


def test_ledger_pages_header_blank_and_signatures(tmp_path):
    pdf = build_ledger(ledger(200))
    qpdf_check(pdf, tmp_path)
    pages = pdf_pages_text(pdf, tmp_path)
    assert len(pages) == pdf.pages >= 5
    for i, page in enumerate(pages, start=1):
        assert f"第{i}页共{len(pages)}页" in "".join(page.split())
        assert "社情民意台账" in page and STATION in page
        if i < len(pages):
            assert "案件编号" in page and "反映事项" in page and "承办单位" in page
    text = flat(pages)
    assert text.count(BLANK_BELOW) == 1 and text.index(BLANK_BELOW) > text.index("LX01-260104-0200-K")
    assert "本台账共登记社情民意200件，其中已办结100件。" in text
    assert "县人大常委会检查人（签字）" in text and "张𠮷明" in text and "李䶮" in text
    assert "补打" not in text and "打印时间：2026-11-2210:31" in text
    assert pdf.warnings == ()


def test_ledger_reprint_is_marked_on_every_page_and_output_is_deterministic(tmp_path):
    again = build_ledger(ledger(60, reprint=True))
    assert again == build_ledger(ledger(60, reprint=True))
    pages = pdf_pages_text(again, tmp_path)
    assert all("补打" in p for p in pages)
    assert again != build_ledger(ledger(60))


def test_ledger_with_no_cases_still_prints_a_closed_page(tmp_path):
    pdf = build_ledger(LedgerData(STATION, "状态：已交办", []))
    (page,) = pdf_pages_text(pdf, tmp_path)
    assert "所选范围内没有案件" in page and BLANK_BELOW in page


def test_free_text_is_scrubbed_of_phone_and_id_numbers(tmp_path):
    rows = list(ledger(3).rows)
    rows[0] = LedgerRow(**{**rows[0].__dict__, "summary": f"请回电{FULL_PHONE}，身份证{ID_NUMBER}。"})
    text = flat(pdf_pages_text(build_ledger(LedgerData(STATION, "全部案件", rows)), tmp_path))
    assert FULL_PHONE not in text and ID_NUMBER not in text
    assert "139****5678" in text and "110105********002X" in text
    assert scrub("LX01-261122-0007-K 电话 0551-62612345") == "LX01-261122-0007-K 电话 0551-****2345"  # landlines too


def letter(kind: str = "assignment", **kw) -> LetterData:
    base = LetterData(
        kind=kind, station_name=STATION, station_phone="0551-62612345", letter_no="河口人联交〔2026〕12号",
        department="县水利局", case_number="LX01-261001-0007-K", registered_at=dt.datetime(2026, 10, 1, 9, 30),
        visitor_names="王秀英", visitor_phone=FULL_PHONE, village="柳树湾村", category="农田水利",
        triage="黄色：乡镇研究办理", urgency="紧急", content="村东头的灌溉渠道年久失修，春灌时放不下水。" * 3,
        deadline=dt.date(2026, 10, 22), assigned_at=dt.datetime(2026, 10, 2, 10, 0), status="已交办",
        issued_on=dt.date(2026, 11, 2), copy=Copy(WHEN), copy_to="河口镇人大主席团")
    return replace(base, **kw)


def test_assignment_letter_text_and_masking(tmp_path):
    pdf = build_letter(letter())
    qpdf_check(pdf, tmp_path)
    text = flat(pdf_pages_text(pdf, tmp_path))
    assert "关于交办社情民意事项的函" in text and "县水利局：" in text
    assert "请于2026年10月22日前办结" in text and "办理情况回执" in text
    assert FULL_PHONE not in text and "139****5678" in text
    assert "村东头的灌溉渠道年久失修" in text and "0551-62612345" in text  # the station's own number is public


def test_letters_are_in_official_document_form(tmp_path):
    """GB/T 9704-2012: red 版头 and separator, 发文字号 河口人联交〔2026〕12号 above the title, 主送机关, 3号 body,
    落款 with room for the seal (no "（盖章）" text), 版记 on the last page, "— N —" page numbers, no running
    header or print time, and plain words for the department (regression: none of this was there)."""
    pdf = build_letter(letter())
    pages = ["".join(p.split()) for p in pdf_pages_text(pdf, tmp_path)]
    first, last = pages[0], pages[-1]
    assert first.startswith(STATION) and first.index("河口人联交〔2026〕12号") < first.index("关于交办社情民意事项的函")
    assert "第" not in first.split("关于")[0] and "（盖章）" not in "".join(pages[:-1])  # the seal needs room, not words
    assert all(f"—{i}—" in p for i, p in enumerate(pages, start=1)) and "页共" not in "".join(pages)
    assert "打印时间" not in "".join(pages) and "分办颜色" not in "".join(pages) and "状态为" not in "".join(pages)
    assert "抄送：河口镇人大主席团。" in last and f"{STATION}2026年11月2日印发" in last
    assert "附件：办理情况回执" in "".join(pages) and "沿此线剪下" in last
    content = zlib_pages(pdf)
    assert re.search(rb"(?<![\d.])\.9 0 0 rg", content) and re.search(rb"(?<![\d.])\.9 0 0 RG", content)  # red
    sizes = set(re.findall(rb"/F\d+\+?\d* (\d+(?:\.\d+)?) Tf", content))
    assert b"16" in sizes  # 3号 body


def zlib_pages(pdf: bytes) -> bytes:
    """Every decompressed stream of the PDF, concatenated (page content: colours and font sizes)."""
    import zlib

    out = b""
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            out += zlib.decompressobj().decompress(m.group(1))
        except zlib.error:
            continue
    return out


def test_supervision_notice_counts_days_late_and_lists_earlier_rounds(tmp_path):
    sup = [(dt.datetime(2026, 10, 25, 9), "请加快办理进度。"), (dt.datetime(2026, 11, 1, 9), "已超期，请三日内答复。")]
    pdf = build_letter(letter("supervision", supervisions=sup, letter_no="河口人联督〔2026〕3号"))
    text = flat(pdf_pages_text(pdf, tmp_path))
    assert "关于督办社情民意事项的通知" in text and "现已超过办理期限11天" in text and "现予第2次督办" in text
    assert "督办意见：已超期，请三日内答复。" in text and "此前已督办：10月25日，请加快办理进度。" in text
    assert "督办情况回执" in text and "河口人联督〔2026〕3号" in text
    with pytest.raises(ValueError):
        build_letter(letter("poster"))


def test_letter_reprint_and_determinism(tmp_path):
    first, again = build_letter(letter()), build_letter(letter(copy=Copy(WHEN, reprint=True)))
    assert first == build_letter(letter()) and first != again
    assert "补打" in pdf_pages_text(again, tmp_path)[0] and "补打" not in pdf_pages_text(first, tmp_path)[0]


def notice(n: int) -> NoticeData:
    rows = [NoticeRow(dt.date(2026, 10, 1 + i % 28), "柳树湾村", "道路交通", f"村口道路破损，王秀英（{FULL_PHONE}）反映第{i}次。",
                      "县交通运输局", "已办结" if i % 4 else "已交办", "已解决" if i % 4 else None,
                      "满意" if i % 4 else None) for i in range(n)]
    closed = sum(1 for r in rows if r.status == "已办结")
    return NoticeData(STATION, dt.date(2026, 10, 1), dt.date(2026, 10, 31), rows, total=n + 1, closed=closed,
                      withdrawn=1, rated=closed, satisfied=closed - 1, station_phone="0551-62612345",
                      issued_on=dt.date(2026, 11, 2), copy=Copy(WHEN))


def test_public_notice_rates_and_no_personal_data(tmp_path):
    data = notice(40)
    assert data.closure_rate == 75.0 and data.satisfaction_rate == pytest.approx(96.67)
    pdf = build_notice(data)
    qpdf_check(pdf, tmp_path)
    text = flat(pdf_pages_text(pdf, tmp_path))
    assert "社情民意办理情况公示" in text and "75.0%" in text and "96.7%" in text and "办结率" in text
    assert FULL_PHONE not in text and "139****5678" not in text and "王秀英" not in text
    assert "不公示反映人姓名、联系方式和反映的具体内容" in text
    assert anonymise_name("王秀英、欧阳明") == "王某某、欧某某" and anonymise_name("李四") == "李某"


def test_public_notice_counts_what_it_lists(tmp_path):
    """Regression: the box said 受理件数 41 over a list of 40 rows (a withdrawn case counted, not listed)."""
    text = flat(pdf_pages_text(build_notice(notice(40)), tmp_path))
    assert "本站共收集群众意见建议40件（另有1件已由反映人撤回）" in text and "40件75.0%" in text


def test_public_notice_is_one_wall_sheet_without_the_free_text(tmp_path):
    """Regression: 8 pages at ~9 pt, rows such as "…一户危房…老人独居" that identify a household, no 公示期
    and no phone for objections. Now: one A4 sheet, large type, each case only as village + category +
    result (cases that read the same counted together), the 公示期 and the objection phone."""
    rows = [NoticeRow(dt.date(2026, 10, 1 + i % 28), ["柳树湾村", "东风村", "红旗村"][i % 3],
                      ["住房安全", "社会救助", "道路交通", "农田水利"][i % 4],
                      "西头一户危房，老人独居，困难家庭申请临时救助。", None, "已办结" if i % 5 else "办理中",
                      "已解决" if i % 5 else None, None) for i in range(200)]
    pdf = build_notice(NoticeData(STATION, dt.date(2026, 10, 1), dt.date(2026, 10, 31), rows, total=200,
                                  closed=160, station_phone="0551-62612345", issued_on=dt.date(2026, 11, 2)))
    assert pdf.pages == 1
    text = flat(pdf_pages_text(pdf, tmp_path))
    assert "危房" not in text and "独居" not in text and "临时救助" not in text
    assert "柳树湾村，住房安全，已办结（已解决）" in text and "公示期：2026年11月2日至2026年11月8日（7天）" in text
    assert "电话：0551-62612345" in text
    used = [float(x) for x in re.findall(rb"/F\d+\+?\d* (\d+(?:\.\d+)?) Tf", zlib_pages(pdf))]
    assert min(used) >= 12  # large type for a wall


def test_public_notice_rates_when_nothing_was_rated():
    empty = NoticeData(STATION, dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    assert empty.closure_rate is None and empty.satisfaction_rate is None
    assert build_notice(empty).pages == 1


def book(score: ScoreSummary | None = None, rows: int = 12) -> RecordBookData:
    sections = [RecordSection("shifts", [(f"2026-{m:02d}-10", "上午", "08:10", "12:30", str(m % 4), None)
                                         for m in range(1, 13)]),
                RecordSection("receptions", [("2026-03-10", "王秀英", "2", "柳树湾村", "路灯不亮。", "LX01-260310-0001-K")
                                             for _ in range(rows)]),
                RecordSection("household_visits", [("2026-04-02", "柳树湾村", "走访困难户", "12"),
                                                   ("2026-05-02", "东风村", "走访独居老人", "9")]),
                RecordSection("cases", []),
                RecordSection("trainings", [("2026-06-01", "代表履职培训", "县人大", "学习监督法")])]
    return RecordBookData(STATION, 2026, "刘德福", "县人大代表", "柳树湾选区", "农业", "第一代表小组（组长）",
                          FULL_PHONE, sections, score, Copy(WHEN))


def test_record_book_cover_contents_tables_and_totals(tmp_path):
    pdf = build_record_book(book(rows=80))
    qpdf_check(pdf, tmp_path)
    pages = [("".join(p.split())) for p in pdf_pages_text(pdf, tmp_path)]
    assert len(pages) == pdf.pages
    assert "人大代表履职登记册" in pages[0] and "（2026年度）" in pages[0] and "刘德福" in pages[0]
    assert "第1页" not in pages[0] and "139****5678" in pages[0] and FULL_PHONE not in "".join(pages)
    assert "目录" in pages[1]
    # the contents gives the right page for every section
    for title, _ in [(SECTIONS[k].title, k) for k in ("shifts", "receptions", "household_visits", "cases", "trainings")]:
        start = next(i for i, p in enumerate(pages[2:], start=3) if f"、{title}" in p)
        assert f"{title}{start}" in pages[1]
    text = "".join(pages)
    assert "合计12班次" in text and "合计80批次160" in text and "合计2次21" in text
    assert "本年度无记录" in text and "履职积分汇总" in text and "积分规则未设置" in text
    assert "代表小组组长（签字）" in text and "乡镇人大主席团审核人（签字）" in text
    assert build_record_book(book(rows=80)) == pdf
    assert numeral(1) == "一" and numeral(10) == "十" and numeral(11) == "十一" and numeral(23) == "二十三"


def test_record_book_prints_the_score_when_there_is_one(tmp_path):
    score = ScoreSummary(82, "好", [ScoreLine("进站值班接待", 12, 16, "联系服务群众", True),
                                    ScoreLine("提出建议", 2, 10, "建言献策")], note="分类得分：联系服务群众 16 分。")
    text = flat(pdf_pages_text(build_record_book(book(score)), tmp_path))
    assert "进站值班接待1216（封顶）" in text and "履职积分82分，等次：好。" in text
    assert "积分规则未设置" not in text


def handover() -> HandoverData:
    shift = HandoverShift("下午", "刘德福", dt.date(2026, 11, 20), dt.datetime(2026, 11, 20, 14, 5), None, "打印机缺纸，已报修。")
    due = [HandoverCase(f"LX01-2610{i + 1:02d}-0001-K", "村口路灯不亮", "已交办", "王秀英", FULL_PHONE,
                        dt.date(2026, 11, 1), dt.date(2026, 11, 21) if i == 0 else None, 19) for i in range(30)]
    return HandoverData(STATION, dt.date(2026, 11, 20), dt.date(2026, 11, 23), dt.datetime(2026, 11, 20, 14, 5),
                        dt.datetime(2026, 11, 20, 17, 0), shift, None,
                        [HandoverVisit(dt.datetime(2026, 11, 20, 14, 30), "张𠮷明", "东风村", "来站接待", 2,
                                       "LX01-261120-0003-K", "自来水水压低")],
                        visits_total=1, new_cases_total=1,
                        actions=[HandoverAction(dt.datetime(2026, 11, 20, 15, 0), "LX01-261101-0002-K", "回访", "刘德福")],
                        actions_total=1, due=due, overdue_total=30, callbacks_total=1, copy=Copy(WHEN))


def test_handover_sheet(tmp_path):
    pdf = build_handover(handover())
    qpdf_check(pdf, tmp_path)
    text = flat(pdf_pages_text(pdf, tmp_path))
    assert "值班交接班记录" in text and "2026年11月20日（星期五）" in text and "下一值班日：2026年11月23日（星期一）" in text
    assert "本班：11月20日下午刘德福签到14:05签退未签退" in text and "上一班：无签到记录" in text
    assert "张𠮷明" in text and "已超期19天；约定11-21回电" in text and "打印机缺纸，已报修。" in text
    assert FULL_PHONE not in text and "139****5678" in text
    assert "交班代表（签字）" in text and "接班代表（签字）" in text
    assert build_handover(handover()) == pdf


def test_handover_sheet_without_a_note_leaves_lines_to_write_on():
    """Regression: with no note recorded, 五、交接说明 was a bare heading with nothing to write on, and it
    could be left alone at a page foot, away from the signatures."""
    from dataclasses import replace

    from reportlab.platypus import KeepTogether, Table

    from liaison_desk.printing.fonts import GlyphReport
    from liaison_desk.printing.handover import handover_flowables
    from liaison_desk.printing.text import make_styles

    d = handover()
    blank = replace(d, shift=replace(d.shift, note=""))
    flows = handover_flowables(blank, make_styles(10), 500, GlyphReport())
    last = next(f for f in flows if isinstance(f, KeepTogether) and "交接说明" in f._content[0].text)
    parts = last._content
    assert "交接说明" in parts[0].text and isinstance(parts[1], Table) and len(parts[1]._cellvalues) == 2


def test_an_ordinary_shift_fits_one_page_with_the_note_first(tmp_path):
    """Regression: the sheet ran to 4 pages with the handover note alone on the last. An ordinary shift — eight
    visits, five actions, ten cases to follow, a note — is one page, and the note comes before the lists."""
    d = handover()
    long = "村东头灌溉渠道年久失修，春灌时放不下水，村民多次反映，希望水利部门尽快派人查看并安排维修资金。" * 2
    visits = [replace(d.visits[0], summary=long, occurred_at=d.visits[0].occurred_at.replace(minute=i * 5))
              for i in range(8)]
    actions = [d.actions[0]] * 5
    due = [replace(c, summary=long) for c in d.due[:10]]
    note = "打印机缺纸，已报修。王秀英反映的路灯问题已电话联系住建局，对方答应下周派人查看，请接班代表周二回电确认。"
    shift = replace(d.shift, note=note)
    ordinary = replace(d, shift=shift, visits=visits, visits_total=8, actions=actions, actions_total=5, due=due,
                       overdue_total=10)
    pdf = build_handover(ordinary)
    pages = pdf_pages_text(pdf, tmp_path)
    assert pdf.pages == 1, len(pages)
    text = flat(pages)
    assert text.index("交接说明") < text.index("本班接待来访") and text.index("交接说明") < text.index("到期或约定回电")
    assert "请接班代表周二回电确认" in text and "交班代表（签字）" in text


@pytest.mark.parametrize("build,expect", [
    (lambda: build_ledger(ledger(30)), (841.89, 595.28)),
    (lambda: build_notice(notice(10)), (595.28, 841.89)),  # one portrait sheet for the wall
    (lambda: build_letter(letter()), (595.28, 841.89)),
    (lambda: build_record_book(book()), (595.28, 841.89)),
    (lambda: build_handover(handover()), (595.28, 841.89)),
])
def test_page_sizes_and_rendering(build, expect, tmp_path):
    pdf = build()
    sizes = page_sizes(pdf, tmp_path)
    assert sizes and all(s == pytest.approx(expect, abs=0.01) for s in sizes)
    (png,) = render_png(pdf, tmp_path, 40, first=1, last=1)
    assert png_size(png) == (round(expect[0] / 72 * 40), round(expect[1] / 72 * 40))
