"""Bound-book pages: the canvas that knows the page total, binding margins, running header and footer."""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph

from liaison_desk.printing.pages import BINDING, OUTER, BoundBookDoc, RunningHead, signature_block
from liaison_desk.printing.text import make_styles

from .pdftools import pdf_pages_text


def _doc(pages: int, **kw) -> tuple[bytes, BoundBookDoc]:
    styles = make_styles(10)
    buf = io.BytesIO()
    doc = BoundBookDoc(buf, RunningHead("柳树湾村人大代表联络站", "案件台账", "2026年", "打印时间：2026-11-22"), **kw)
    flows: list[Flowable] = []
    for i in range(pages):
        flows += [Paragraph(f"第{i + 1}张的正文。", styles.body)] + ([PageBreak()] if i < pages - 1 else [])
    flows.append(signature_block(styles, doc.content_width, ["乡镇人大检查人", "县人大常委会检查人"]))
    count = doc.build_pdf(flows)
    assert count == pages
    return buf.getvalue(), doc


def test_every_page_says_page_x_of_y(tmp_path):
    pdf, _ = _doc(7)
    pages = pdf_pages_text(pdf, tmp_path)
    assert len(pages) == 7
    for i, text in enumerate(pages, start=1):
        flat = "".join(text.split())
        assert f"第{i}页共7页" in flat and "柳树湾村人大代表联络站" in flat and "案件台账" in flat
        assert f"第{i}张的正文" in flat
    assert "县人大常委会检查人（签字）" in "".join(pages[-1].split())


def test_binding_margin_is_on_the_left_unless_mirrored():
    _, simplex = _doc(2)
    assert simplex.binding_on_left(1) and simplex.binding_on_left(2)
    assert simplex.pageTemplates[0].frames[0]._x1 == BINDING
    _, duplex = _doc(3, duplex=True)
    assert duplex.binding_on_left(1) and not duplex.binding_on_left(2) and duplex.binding_on_left(3)
    odd, even = (t.frames[0]._x1 for t in duplex.pageTemplates)
    assert (odd, even) == (BINDING, OUTER) and 25 * mm <= BINDING


def test_portrait_is_available_for_other_books():
    _, doc = _doc(1, portrait=True)
    assert doc.pagesize[0] < doc.pagesize[1]
