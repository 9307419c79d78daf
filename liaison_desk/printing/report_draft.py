"""The deputy's annual report to voters (向选民述职报告), printed from its (edited) text: A4 portrait, a title,
body paragraphs with a two-character first-line indent, the signature lines to the right, page numbers."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer

from ..domain.masking import masked
from .fonts import GlyphReport, draw_string, ensure_fonts, markup
from .model import PrintedPdf
from .pages import PAGE_LABEL, draw_mark, numbered_canvas
from .text import make_styles

MARGIN = 25 * mm  # the report is read aloud and handed out: generous margins, large type
BODY_PT = 14
MAX_CHARS = 20_000


@dataclass(frozen=True)
class ReportDraftData:
    """The report as text: the first non-empty line is the title; "报告人：" and a date line at the end sign it."""

    text: str
    station_name: str = ""
    printed_at: dt.datetime | None = None
    reprint: bool = False  # the same text printed again: boxed 补打 at the top right of every page


def _is_signature(line: str) -> bool:
    return line.startswith("报告人") or (line.endswith("日") and "年" in line and len(line) <= 20)


def build_report_draft(data: ReportDraftData) -> PrintedPdf:
    """The report as a PDF; rare characters missing from the fonts print as □ and are listed in ``warnings``."""
    data = masked(data)  # ID, phone and bank-card numbers never print in full (domain.masking)
    text = (data.text or "").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ValueError("the report is empty")
    if len(text) > MAX_CHARS:
        raise ValueError("the report is too long")
    ensure_fonts()
    report = GlyphReport()
    styles = make_styles(BODY_PT)
    body = ParagraphStyle("report_body", parent=styles.body, firstLineIndent=BODY_PT * 2, spaceAfter=BODY_PT * 0.3,
                          leading=BODY_PT * 1.7)
    plain = ParagraphStyle("report_plain", parent=body, firstLineIndent=0)
    sign = ParagraphStyle("report_sign", parent=plain, alignment=TA_RIGHT)
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    title, rest = lines[0].strip(), lines[1:]
    story: list = [Paragraph(markup(title, report, "标题"), styles.title), Spacer(1, 4 * mm)]
    for raw in rest:
        line = raw.strip()
        if not line:
            story.append(Spacer(1, BODY_PT * 0.4))
        elif _is_signature(line):
            story.append(Paragraph(markup(line, report, "署名"), sign))
        elif line.endswith("：") and len(line) <= 12:  # the salutation (各位选民：) is not indented
            story.append(Paragraph(markup(line, report, "称呼"), plain))
        else:
            story.append(Paragraph(markup(line, report, "正文"), body))
    w, h = A4
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                          bottomMargin=MARGIN, title=title, author=data.station_name, creator="LiaisonDesk")
    frame = Frame(MARGIN, MARGIN, w - 2 * MARGIN, h - 2 * MARGIN, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0)
    doc.addPageTemplates([PageTemplate("report", [frame])])

    def decorate(canv, page: int, total: int) -> None:
        canv.saveState()
        draw_string(canv, w / 2, MARGIN / 2, PAGE_LABEL.format(page=page, total=total), 9, align="center")
        if data.reprint:
            draw_mark(canv, w - MARGIN, h - MARGIN / 2 - 2 * mm)
        if data.printed_at:
            draw_string(canv, MARGIN, MARGIN / 2, f"打印时间：{data.printed_at:%Y-%m-%d %H:%M}", 8)
        canv.restoreState()

    doc.build(story, canvasmaker=numbered_canvas(decorate))
    return PrintedPdf(buf.getvalue(), pages=doc.page, warnings=report.warnings)
