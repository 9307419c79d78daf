"""The fast table path: cells pre-broken under the 禁则, string cells drawn in one text object, and the page
foot: no repeated header with a sliver of a row under rows that already filled the page."""

from __future__ import annotations

import datetime as dt
import itertools
import random

from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, TableStyle

from liaison_desk.printing import RegisterData, RegisterRow
from liaison_desk.printing.fasttable import MAX_LINES, FastTable, break_lines, text_width
from liaison_desk.printing.fonts import FONT, ensure_fonts
from liaison_desk.printing.register import build_register
from liaison_desk.printing.text import CHINESE_CANNOT_END, CHINESE_CANNOT_START, install_line_rules

from .corpus import paragraphs
from .pdftools import pdf_pages_text


def test_pre_broken_cells_keep_the_chinese_line_rules():
    ensure_fonts()
    install_line_rules()
    checked = 0
    for text in paragraphs(300, seed=11):
        for room in (60.0, 97.5, 150.0):
            out = break_lines(text[:90], FONT, 9, room, max_lines=1000)
            assert out is not None
            lines = out.split("\n")
            assert "".join(lines).replace(" ", "") == text[:90].replace(" ", "")  # nothing lost
            for a, b in itertools.pairwise(lines):
                assert b[0] not in CHINESE_CANNOT_START, (a, b)
                assert a[-1] not in CHINESE_CANNOT_END, (a, b)
            assert all(text_width(line, FONT, 9) <= room + 0.01 for line in lines)
            checked += len(lines)
    assert checked > 3000


def test_a_cell_of_too_many_lines_is_left_to_a_paragraph():
    ensure_fonts()
    long = "".join(paragraphs(5, seed=3))
    assert break_lines(long, FONT, 9, 60.0) is None
    assert break_lines("短", FONT, 9, 60.0) == "短"
    assert len(break_lines(long[:60], FONT, 9, 60.0).split("\n")) <= MAX_LINES


def test_a_string_cell_split_across_pages_is_divided_by_lines():
    ensure_fonts()
    lines = [f"第{i}行" for i in range(10)]
    t = FastTable([["表头"], ["\n".join(lines)]], colWidths=[100])
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, 9, 11), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    top, rest = t._splitCell("\n".join(lines), t._cellStyles[1][0], 120, 50, 100)
    assert top.split("\n") + rest.split("\n") == lines and 0 < len(top.split("\n")) < 10


def test_fast_table_draws_the_same_text(tmp_path):
    ensure_fonts()
    out = tmp_path / "t.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=A4)
    t = FastTable([["序号", "村（社区）"], ["1", "柳树湾村\n（二组）"], ["2", "LX01-260105-0020"]],
                  colWidths=[60, 120])
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, 9, 11), ("ALIGN", (1, 0), (1, -1), "CENTER")]))
    doc.build([t])
    text = pdf_pages_text(out.read_bytes(), tmp_path)[0]
    for s in ("序号", "村（社区）", "柳树湾村", "（二组）", "LX01-260105-0020"):
        assert s in text


def _varied_register(n: int) -> RegisterData:
    rng = random.Random(1)
    paras = paragraphs(200, seed=4)
    t0 = dt.datetime(2026, 1, 1, 8, 0)
    rows = [RegisterRow(t0 + dt.timedelta(hours=i), rng.choice(["王秀英", "李建国", "张伟、刘芳"]), 2, "13812345678",
                        "杨家岗村", rng.choice(["来站", "网上（小程序）"]), rng.choice(paras)[: rng.randint(20, 120)],
                        "城乡建设", f"LX01-2601{i % 28 + 1:02d}-{i:04d}", "王代表") for i in range(n)]
    return RegisterData("某某镇人大代表联络站", dt.date(2026, 1, 1), dt.date(2026, 12, 31), rows)


def test_no_page_ends_with_a_second_header_and_a_sliver_of_a_row(tmp_path):
    """Regression: after the rows that filled a page, ReportLab split the next row into what was left of
    the page, printing the header again with one line of that row at the foot of the page."""
    pdf = build_register(_varied_register(120))
    pages = pdf_pages_text(pdf, tmp_path)
    assert len(pages) >= 8
    for i, page in enumerate(pages[:-1], start=1):
        assert page.count("序号") == 1, f"page {i} has the header {page.count('序号')} times"
