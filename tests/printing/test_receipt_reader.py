"""A receipt a villager can read (issue 14, item 5): large enough type on 58 mm paper, no name broken with
one character alone, 案件编号, how to reach the station and when a reply is due, the whole matter on A5,
and plain words by the QR code."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from liaison_desk.printing import ReceiptData
from liaison_desk.printing.receipt import build_receipt
from liaison_desk.printing.text import balanced_lines

from .pdftools import pdf_text
from .test_documents import zlib_pages

MATTER = ("村口三盏路灯坏了一个多月，晚上老人出门不方便，上个月有位老人在路口摔了一跤。村里说要等镇上统一安排，"
          "镇上说要报县里，到现在也没人来修。希望尽快把路灯修好，再在路口装一面反光镜。")


def slip(**kw) -> ReceiptData:
    base = ReceiptData("柳树湾村人大代表联络站", "LX01", "LX01-261122-0007-V", dt.datetime(2026, 11, 22, 9, 31),
                       MATTER[:30], "刘德福", "王秀英", "13912345678", "柳树湾村", "道路交通", "0551-62612345",
                       "河口镇柳树湾村村委会一楼", None, None, duty_hours="每周二、周五 8:30—12:00", reply_days=15,
                       matter=MATTER)
    return dataclasses.replace(base, **kw)


def sizes(pdf: bytes) -> list[float]:
    return [float(x) for x in re.findall(rb"/F\d+\+?\d* (\d+(?:\.\d+)?) Tf", zlib_pages(pdf))]


def test_58mm_type_is_large_enough():
    used = sizes(build_receipt(slip(), width="58"))
    assert min(used) >= 8  # labels, captions
    body = max(set(used), key=used.count)
    assert body >= 9


def test_no_line_holds_one_character_alone(tmp_path):
    text = pdf_text(build_receipt(slip(), width="58", stub=True), tmp_path)
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    assert not [ln for ln in lines if len(ln) == 1], lines
    assert balanced_lines("柳树湾村人大代表联络站", 13, 130) == ["柳树湾村人大", "代表联络站"]


def test_words_staff_and_villagers_use(tmp_path):
    text = "".join(pdf_text(build_receipt(slip(), width="58"), tmp_path).split())
    assert "案件编号" in text and "回执编号" not in text and "扫码核验" not in text
    assert "联系电话：0551-62612345" in text and "接待时间：每周二、周五8:30—12:00" in text
    assert "地址：河口镇柳树湾村村委会一楼" in text and "答复期限：15个工作日内" in text
    assert "此码供联络站工作人员核对本回执" in text
    due = "".join(pdf_text(build_receipt(slip(deadline=dt.date(2026, 12, 22)), width="58"), tmp_path).split())
    assert "答复期限：2026年12月22日前" in due
    # seen on the printed sample: "…前答复" / "您" left one character alone on the slip's last line
    lines = [line.strip() for line in pdf_text(build_receipt(slip(deadline=dt.date(2026, 12, 22)), width="58"),
                                               tmp_path).splitlines() if line.strip()]
    assert "2026年12月22日前" in lines, lines


def test_the_whole_matter_prints_on_a5(tmp_path):
    text = "".join(pdf_text(build_receipt(slip(), width="a5"), tmp_path).split())
    assert MATTER.replace(" ", "") in text
