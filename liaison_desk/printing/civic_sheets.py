"""The livelihood-project vote's result sheet (民生实事项目票决结果) and the 述职评议 result, in the 公文 layout of
the assignment letter (``letters``: GB/T 9704 版心, red 版头 and rule, 2号 title, 主送, body, 落款 with room for
the seal, 版记, "— 1 —" page numbers), with the counts as tables: the result per project (ranked) and, when
the ballots went into several boxes, the count per box; and who entered and accepted the count, and every
change made to it after."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from .fonts import FONT, GlyphReport, ensure_fonts, markup, song_font
from .letters import (
    BODY_PT,
    BOTTOM,
    INNER,
    LINE,
    RED,
    TEXT_H,
    TEXT_W,
    TITLE_PT,
    TOP,
    LetterDoc,
    _Colophon,
    _d,
    _Masthead,
)
from .letters import _style as style
from .model import PrintedPdf
from .pages import numbered_canvas

TABLE_PT = 12.0  # 小四 in tables: a row of counts fits the 版心


@dataclass(frozen=True)
class SheetData:
    """One result sheet: the 版头, the title, to whom, the paragraphs, tables (header + rows) and the 落款."""

    station_name: str
    title: str
    addressee: str
    paragraphs: Sequence[str]
    tables: Sequence[tuple[str, Sequence[str], Sequence[Sequence[str]]]] = field(default_factory=tuple)
    closing: Sequence[str] = field(default_factory=tuple)  # after the tables: who counted, changes since
    letter_no: str = ""
    issued_on: dt.date | None = None
    copy_to: str = ""
    reprint: bool = False


def _table(caption: str, header: Sequence[str], rows: Sequence[Sequence[str]], report: GlyphReport) -> list[Flowable]:
    cell = style("cell", TABLE_PT, align=TA_CENTER, leading=TABLE_PT * 1.35)
    left = style("cell_l", TABLE_PT, leading=TABLE_PT * 1.35)
    data = [[Paragraph(markup(h), cell) for h in header]]
    for r in rows:
        data.append([Paragraph(markup(str(c), report, caption), left if i == 1 else cell) for i, c in enumerate(r)])
    n = len(header)
    widths = [TEXT_W * 0.09] + [TEXT_W * 0.37] + [TEXT_W * 0.54 / (n - 2)] * (n - 2) if n > 2 else [TEXT_W / n] * n
    t = Table(data, colWidths=widths, repeatRows=1, splitInRow=1)
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                           ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.93, 0.93, 0.93))]))
    out: list[Flowable] = []
    if caption:
        out.append(Paragraph(markup(caption), style("cap", align=TA_CENTER, font=song_font(caption))))
    return [*out, Spacer(1, 2 * mm), t, Spacer(1, LINE / 2)]


def _signature(d: SheetData, report: GlyphReport) -> list[Flowable]:
    date = _d(d.issued_on)
    four = 4 * BODY_PT
    date_w, name_w = stringWidth(date, FONT, BODY_PT), stringWidth(d.station_name, FONT, BODY_PT)
    return [Spacer(1, LINE),  # room for the seal over the 落款 (as the letters leave)
            Paragraph(markup(d.station_name, report, "落款"),
                      style("sig", align=TA_RIGHT, rightIndent=max(four + (date_w - name_w) / 2, 0))),
            Paragraph(date, style("date", align=TA_RIGHT, rightIndent=four))]


def sheet_flowables(d: SheetData, report: GlyphReport) -> list[Flowable]:
    out: list[Flowable] = [_Masthead(d.station_name), Spacer(1, 2 * LINE - BODY_PT)]
    if d.letter_no:
        out.append(Paragraph(markup(d.letter_no), style("no", align=TA_CENTER)))
    out += [HRFlowable(width="100%", thickness=1.2, color=RED, spaceBefore=4 * mm - 2, spaceAfter=0),
            Spacer(1, 2 * LINE - TITLE_PT),
            Paragraph(markup(d.title, report, "标题"),
                      style("title", TITLE_PT, align=TA_CENTER, font=song_font(d.title), leading=TITLE_PT * 1.4)),
            Spacer(1, LINE - BODY_PT)]
    if d.addressee:
        out.append(Paragraph(markup(f"{d.addressee}：", report, "主送机关"), style("to")))
    body = style("body", indent=2 * BODY_PT)
    out += [Paragraph(markup(p, report, "正文"), body) for p in d.paragraphs]
    for caption, header, rows in d.tables:
        out += _table(caption, header, rows, report)
    closing = [Paragraph(markup(p, report, "正文"), body) for p in d.closing]
    out.append(KeepTogether([*closing, *_signature(d, report)]))  # the 落款 never stands alone on a page
    out.append(_Colophon(d.copy_to, d.station_name, _d(d.issued_on), report))
    return out


class SheetDoc(BaseDocTemplate):
    """The letter's A4 page: 版心, page numbers "— n —", 补打 mark on a reprint."""

    def __init__(self, out: io.BytesIO, d: SheetData) -> None:
        ensure_fonts()
        super().__init__(out, pagesize=A4, leftMargin=INNER, rightMargin=A4[0] - INNER - TEXT_W, topMargin=TOP,
                         bottomMargin=BOTTOM, title=d.title, author=d.station_name, creator="LiaisonDesk")
        frame = Frame(INNER, BOTTOM, TEXT_W, TEXT_H, id="text", leftPadding=0, rightPadding=0, topPadding=0,
                      bottomPadding=0)
        self.addPageTemplates([PageTemplate("page", [frame])])
        self.reprint = d.reprint

    def decorate(self, canv: Canvas, page: int, total: int) -> None:
        """The letter's page decoration ("— n —", 补打), on this document."""
        LetterDoc.decorate(cast(LetterDoc, self), canv, page, total)


def build_sheet(d: SheetData) -> PrintedPdf:
    """The sheet as an A4 portrait PDF in 公文 form. It carries no personal data beyond names of deputies
    and of the people who counted (no phone or ID number ever reaches a SheetData)."""
    report = GlyphReport()
    buf = io.BytesIO()
    doc = SheetDoc(buf, d)
    doc.build(sheet_flowables(d, report), canvasmaker=numbered_canvas(doc.decorate))
    return PrintedPdf(buf.getvalue(), pages=doc.page, warnings=report.warnings)
