"""The visitor register: header on every page, 第 X 页 共 Y 页, masking, long cells, 以下空白, signatures."""

from __future__ import annotations

import datetime as dt
import random
import time

import pytest

from liaison_desk.printing import RegisterData, RegisterRow
from liaison_desk.printing.pages import BLANK_BELOW
from liaison_desk.printing.register import build_register

from .corpus import paragraphs
from .pdftools import page_sizes, pdf_pages_text, png_size, render_png

START = dt.datetime(2026, 1, 5, 8, 30)


def rows(n: int, seed: int = 3) -> list[RegisterRow]:
    rng = random.Random(seed)
    texts = paragraphs(50, seed)
    out = []
    for i in range(n):
        case = rng.random() < 0.8
        out.append(RegisterRow(
            occurred_at=START + dt.timedelta(minutes=37 * i), visitor_names=rng.choice(["王秀英", "李䶮", "张𠮷明"]),
            headcount=rng.choice([1, 1, 2, 3]), visitor_phone=f"139{i:08d}" if i % 10 else None,
            village=rng.choice(["东风村", "柳树湾村", "和平社区"]),
            channel=rng.choice(["来站接待", "电话", "网上（小程序）"]), matter=texts[i % 50][:40] if case else "",
            category="农田水利" if case else None, case_number=f"LX01-260105-{i + 1:04d}-K" if case else None,
            received_by="刘德福"))
    return out


def register(n: int, **kw) -> RegisterData:
    return RegisterData("柳树湾村人大代表联络站", dt.date(2026, 1, 1), dt.date(2026, 12, 31), rows(n, **kw),
                        township="河口镇", printed_at=dt.datetime(2026, 11, 22, 10, 31))


def test_every_page_has_the_header_and_page_x_of_y(tmp_path):
    pdf = build_register(register(300))
    pages = pdf_pages_text(pdf, tmp_path)
    assert len(pages) == pdf.pages >= 10
    for i, page in enumerate(pages, start=1):
        assert f"第{i}页共{len(pages)}页" in "".join(page.split())  # pdftotext may drop the spaces
        assert "柳树湾村人大代表联络站" in page and "来访登记簿" in page
        if i < len(pages):  # the last page may hold only the closing block
            assert "序号" in page and "反映事项" in page and "案件编号" in page  # repeated header row
    text = "".join(pages)
    assert text.count(BLANK_BELOW) == 1
    assert text.index(BLANK_BELOW) > text.index("LX01-260105-0240-K")  # after the last row
    assert "本期共登记来访 300 批次" in text
    assert "乡镇（街道）人大检查人（签字）" in text and "县人大常委会检查人（签字）" in text


def test_phones_are_masked_and_rare_names_print(tmp_path):
    data = register(60)
    pdf = build_register(data)
    text = "".join(pdf_pages_text(pdf, tmp_path))
    for r in data.rows:
        if r.visitor_phone:
            assert r.visitor_phone not in text
    assert "139****0001" in text and "张𠮷明" in text and "李䶮" in text
    assert pdf.warnings == ()


def test_same_data_same_bytes():
    assert build_register(register(120)) == build_register(register(120))


def test_a_cell_longer_than_a_page_splits_inside_the_row(tmp_path):
    long = "".join(paragraphs(40, seed=9))  # ~3,000 characters in one cell: taller than a page
    data = register(30)
    data = RegisterData(data.station_name, data.date_from, data.date_to,
                        [*data.rows[:10], RegisterRow(occurred_at=START, visitor_names="赵长青", matter=long),
                         *data.rows[10:]])
    pdf = build_register(data)  # never a LayoutError
    pages = pdf_pages_text(pdf, tmp_path)
    assert pdf.pages == len(pages) >= 4
    flat = "".join(p.replace("\n", "") for p in pages)
    assert long[-30:] in flat and long[:30] in flat  # all of it printed, across pages
    assert all("序号" in p for p in pages[:-1])


def test_an_empty_period_still_prints_a_closed_page(tmp_path):
    pdf = build_register(RegisterData("柳树湾村人大代表联络站", dt.date(2026, 2, 1), dt.date(2026, 2, 28), []))
    (page,) = pdf_pages_text(pdf, tmp_path)
    assert "本期无来访登记" in page and BLANK_BELOW in page and "第1页共1页" in "".join(page.split())


def test_render_pages_landscape_a4(tmp_path):
    pdf = build_register(register(40))
    sizes = page_sizes(pdf, tmp_path)
    assert len(sizes) == pdf.pages and all(s == pytest.approx((841.89, 595.28), abs=0.01) for s in sizes)
    pngs = render_png(pdf, tmp_path, 50)
    assert len(pngs) == pdf.pages
    assert all(png_size(p) == (585, 414) for p in pngs)  # 297 × 210 mm at 50 dpi


def test_mirrored_margins_for_duplex(tmp_path):
    pdf = build_register(register(60), duplex=True)
    assert pdf.pages >= 3 and pdf != build_register(register(60))


@pytest.mark.slow
def test_hundred_thousand_rows_build_in_linear_time():
    data = register(100_000)
    t = time.perf_counter()
    pdf = build_register(data)
    seconds = time.perf_counter() - t
    assert pdf.pages > 5000 and pdf.startswith(b"%PDF")
    print(f"100,000 rows: {pdf.pages} pages in {seconds:.1f} s ({pdf.pages / seconds:.0f} pages/s), "
          f"{len(pdf) / 2**20:.1f} MiB")
