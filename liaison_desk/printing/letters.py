"""The assignment letter (交办函) and the supervision notice (督办通知) sent to a department for one case, in the
form of an official document (GB/T 9704-2012, 党政机关公文格式):

- A4, 版心 156 × 225 mm, 天头 37 mm, 订口 28 mm; body 3号 (16 pt) on 22 lines a page;
- 版头: the station's name (发文机关标志) in red Song type, centred; two lines below, the 发文字号
  (河口人联交〔2026〕12号); 4 mm below it a red line as wide as the 版心;
- title (2号 Song), 主送机关 flush left, body paragraphs indented two characters, 附件说明, then the 落款 —
  the station's name centred over the 成文日期, the date four characters in from the right — with room above
  them for the seal, and a 附注 with the station's phone;
- the reply slip (回执) as the 附件 on its own page, with a cut line; the 版记 (抄送, 印发机关 and 印发日期
  between rules) at the foot of the last page; page numbers "— 1 —" under the 版心 (odd pages right, even
  pages left); no running header.

Fonts: GB/T 9704 asks for 小标宋 (title, 版头) and 仿宋 (body). Neither exists as an open TrueType face that
ReportLab can embed; the nearest shipped here are AR PL SungtiL GB (宋体, title and 版头) and LXGW WenKai
(楷体, the body — 楷 is the standard's face for second-level headings, and it carries rare name characters).
"""

from __future__ import annotations

import io
from typing import Any, Literal

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ..domain.masking import mask_phone_field, masked
from .fonts import FONT, GlyphReport, draw_string, ensure_fonts, markup, song_font
from .model import PrintedPdf
from .model_docs import LetterData
from .pages import draw_mark, numbered_canvas
from .text import make_styles

TITLES = {"assignment": "关于交办社情民意事项的函", "supervision": "关于督办社情民意事项的通知"}
REPLY_DAYS = 5  # working days a department has to report progress on a supervision notice

TEXT_W, TEXT_H = 156 * mm, 225 * mm  # 版心
TOP, INNER = 37 * mm, 28 * mm  # 天头, 订口
BOTTOM = A4[1] - TOP - TEXT_H
BODY_PT = 16.0  # 3号
LINE = TEXT_H / 22  # 22 lines a page
PAGE_PT = 14.0  # 4号: page numbers and the 版记
TITLE_PT = 22.0  # 2号
RED = colors.Color(0.9, 0.0, 0.0)


def _d(day: Any) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "（未定）"


def _style(name: str, size: float = BODY_PT, *, align: Literal[0, 1, 2, 4] = TA_LEFT, indent: float = 0, font: str = FONT,
           **kw: Any) -> ParagraphStyle:
    base = make_styles(size).body  # the Chinese line-breaking rules
    kw.setdefault("leading", LINE if size == BODY_PT else size * 1.5)
    return ParagraphStyle(name, parent=base, fontName=font, fontSize=size, alignment=align, firstLineIndent=indent,
                          **kw)


class _Masthead(Flowable):
    """发文机关标志: the station's name, red Song type, centred, as large as fits the 版心 (at most 小初)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.font = song_font(text)
        self.size = min(36.0, TEXT_W / max(stringWidth(text, self.font, 1), 1))

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return aw, self.size * 1.1

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setFillColor(RED)
        c.setFont(self.font, self.size)
        c.drawCentredString(TEXT_W / 2, self.size * 0.15, self.text)
        c.restoreState()


class _Colophon(Flowable):
    """版记 at the foot of the last page: 抄送 and 印发机关/印发日期 between rules (outer ones thicker)."""

    def __init__(self, copy_to: str, issuer: str, date: str, report: GlyphReport) -> None:
        super().__init__()
        self.rows = ([f"抄送：{copy_to}。"] if copy_to else []) + [(issuer, f"{date}印发")]
        self.row_h = PAGE_PT * 2.0
        self.report = report

    def _height(self) -> float:
        return self.row_h * len(self.rows)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.room = max(ah, self._height())
        return aw, self.room

    def draw(self) -> None:
        c = self.canv
        h = self._height()
        y0 = 0.0  # the block sits at the bottom of the space it took (the rest of the page)
        c.saveState()
        c.setStrokeColor(colors.black)
        for i, row in enumerate(self.rows):
            top = y0 + h - i * self.row_h
            c.setLineWidth(1.0 if i == 0 else 0.7)  # 0.35 mm outer rules, 0.25 mm between
            c.line(0, top, TEXT_W, top)
            base = top - self.row_h + PAGE_PT * 0.6
            if isinstance(row, str):
                draw_string(c, PAGE_PT, base, row, PAGE_PT, report=self.report, where="抄送")
            else:
                draw_string(c, PAGE_PT, base, row[0], PAGE_PT, report=self.report, where="印发机关")
                draw_string(c, TEXT_W - PAGE_PT, base, row[1], PAGE_PT, align="right")
        c.setLineWidth(1.0)
        c.line(0, y0, TEXT_W, y0)
        c.restoreState()


def _body(d: LetterData) -> list[str]:
    """The letter's paragraphs in plain words (no internal codes: what the department needs to act)."""
    person = d.visitor_names or "群众"
    if d.visitor_phone:
        person += f"（联系电话{mask_phone_field(d.visitor_phone)}，请经{d.sender}联系）"
    where = f"{d.village}" if d.village else ""
    facts = (f"反映人：{person}。" + (f"所在村（社区）：{where}。" if where else "") +
             (f"问题类别：{d.category}。" if d.category else "") + f"案件编号：{d.case_number}。")
    urgent = "此事较为紧急，请优先办理。" if d.urgency and "急" in d.urgency and "不" not in d.urgency else ""
    if d.kind == "assignment":
        return [f"{_d(d.registered_at)}，群众来{d.sender}反映以下问题，现转交你单位办理。",
                f"反映事项：{d.content}", facts,
                (f"请于{_d(d.deadline)}前办结，并将办理结果填写所附回执反馈{d.sender}。{urgent}"
                 f"{d.sender}将把办理结果告知反映人并回访；反映人不满意的，将再次转交办理。")]
    issued = d.issued_on
    late = (issued - d.deadline).days if issued and d.deadline and issued > d.deadline else 0
    state = f"现已超过办理期限{late}天，尚未办结" if late else "目前尚未办结"
    level = max(len(d.supervisions), 1)  # the desk records the 督办 first, then prints its notice
    out = [f"{d.sender}于{_d(d.assigned_at)}转交你单位办理的群众反映事项，办理期限为{_d(d.deadline)}，{state}。",
           f"反映事项：{d.content}", facts]
    if d.supervisions:
        *earlier, (_, text) = d.supervisions
        if earlier:
            out.append("此前已督办：" + "；".join(f"{w.month}月{w.day}日，{t}" for w, t in earlier) + "。")
        if text:
            out.append(f"督办意见：{text}")
    how = f"{d.supervision_level}督办（第{level}次）" if d.supervision_level else f"第{level}次督办"
    out.append(f"现予{how}。请高度重视，加快办理，自收到本通知之日起{REPLY_DAYS}个工作日内将办理进展"
               f"书面反馈{d.sender}（回执附后）。{urgent}")
    return out


def _signature(d: LetterData, report: GlyphReport) -> list[Flowable]:
    """落款: the station's name centred over the date, the date four characters in from the right, with
    three empty lines above for the seal (which covers both, its top within one line of the body)."""
    date = _d(d.issued_on)
    four = 4 * BODY_PT
    date_w = stringWidth(date, FONT, BODY_PT)
    name_w = stringWidth(d.station_name, FONT, BODY_PT)
    name_right = max(four + (date_w - name_w) / 2, 0)
    parts: list[Flowable] = [Spacer(1, LINE),
                             Paragraph(markup(d.station_name, report, "落款"),
                                       _style("sig", align=TA_RIGHT, rightIndent=name_right)),
                             Paragraph(date, _style("date", align=TA_RIGHT, rightIndent=four))]
    if d.station_phone:
        parts += [Paragraph(markup(f"（联系人：{d.station_name}值班室，联系电话：{d.station_phone}）", report, "附注"),
                            _style("note", indent=2 * BODY_PT))]
    return parts


def _reply_slip(d: LetterData) -> list[Flowable]:
    """The 附件: the reply form the department fills in, cuts off and sends back."""
    title = "办理情况回执" if d.kind == "assignment" else "督办情况回执"
    fs = BODY_PT
    rows = [[f"案件编号：{d.case_number}", ""], [f"承办单位：{d.department}", ""],
            ["办理结果：", ""], ["", ""], ["", ""], ["", ""],
            ["承办人（签字）：", "联系电话："], ["单位（盖章）", "日期：　　　年　　月　　日"]]
    t = Table(rows, colWidths=[TEXT_W / 2, TEXT_W / 2], rowHeights=LINE)
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, fs), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                           ("SPAN", (0, 0), (-1, 0)), ("SPAN", (0, 1), (-1, 1)),
                           *[("SPAN", (0, r), (-1, r)) for r in (3, 4, 5)],
                           ("LINEBELOW", (0, 2), (-1, 5), 0.5, colors.black), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return [PageBreak(), Paragraph("附件", _style("att")),
            Paragraph(title, _style("att_title", TITLE_PT, align=TA_CENTER, font=song_font(title))),
            Spacer(1, LINE / 2),
            HRFlowable(width="100%", thickness=0.6, dash=(4, 3), color=colors.black, spaceAfter=2),
            Paragraph(f"（沿此线剪下，由承办单位填写后交回{d.return_to}）", _style("cut", 10.5, align=TA_CENTER)),
            t]


def letter_flowables(d: LetterData, report: GlyphReport) -> list[Flowable]:
    title = TITLES[d.kind]
    out: list[Flowable] = [
        _Masthead(d.station_name),
        Spacer(1, 2 * LINE - BODY_PT),  # 空二行
        Paragraph(markup(d.letter_no), _style("no", align=TA_CENTER)),
        HRFlowable(width="100%", thickness=1.2, color=RED, spaceBefore=4 * mm - 2, spaceAfter=0),
        Spacer(1, 2 * LINE - TITLE_PT),  # two lines under the red line
        Paragraph(title, _style("title", TITLE_PT, align=TA_CENTER, font=song_font(title), leading=TITLE_PT * 1.4)),
        Spacer(1, LINE - BODY_PT),
        Paragraph(markup(f"{d.department}：", report, "主送机关"), _style("to")),
    ]
    para = _style("body", indent=2 * BODY_PT)
    *paragraphs, last = [Paragraph(markup(p, report, "正文"), para) for p in _body(d)]
    out += paragraphs
    # the 落款 never stands on a page of its own (GB/T 9704: no "此页无正文"): the last paragraph goes with it
    out.append(KeepTogether([last, Spacer(1, LINE - BODY_PT),
                             Paragraph("附件：" + ("办理情况回执" if d.kind == "assignment" else "督办情况回执"), para),
                             *_signature(d, report)]))
    out += _reply_slip(d)
    out.append(_Colophon(d.copy_to, d.station_name, _d(d.issued_on), report))
    return out


class LetterDoc(BaseDocTemplate):
    """A4 with the 版心 of GB/T 9704 and its page numbers; a 补打 copy is marked at the top right."""

    def __init__(self, out: io.BytesIO, d: LetterData) -> None:
        ensure_fonts()
        super().__init__(out, pagesize=A4, leftMargin=INNER, rightMargin=A4[0] - INNER - TEXT_W, topMargin=TOP,
                         bottomMargin=BOTTOM, title=TITLES[d.kind], author=d.station_name, creator="LiaisonDesk")
        frame = Frame(INNER, BOTTOM, TEXT_W, TEXT_H, id="text", leftPadding=0, rightPadding=0, topPadding=0,
                      bottomPadding=0)
        self.addPageTemplates([PageTemplate("page", [frame])])
        self.reprint = d.copy.reprint

    def decorate(self, canv: Canvas, page: int, total: int) -> None:
        label = f"— {page} —"
        y = BOTTOM - 7 * mm - PAGE_PT * 0.8
        canv.saveState()
        canv.setFillColor(colors.black)
        if page % 2:  # odd pages: right, one character in; even pages: left
            draw_string(canv, INNER + TEXT_W - PAGE_PT, y, label, PAGE_PT, align="right")
        else:
            draw_string(canv, INNER + PAGE_PT, y, label, PAGE_PT)
        if self.reprint:
            draw_mark(canv, A4[0] - 12 * mm, A4[1] - 14 * mm)
        canv.restoreState()


def build_letter(d: LetterData) -> PrintedPdf:
    """The letter as an A4 portrait PDF in 公文 form; a reprint is marked 补打 on every page."""
    d = masked(d)  # ID, phone and bank-card numbers never print in full (domain.masking)
    if d.kind not in TITLES:
        raise ValueError(f"unknown letter kind {d.kind!r}")
    report = GlyphReport()
    buf = io.BytesIO()
    doc = LetterDoc(buf, d)
    doc.build(letter_flowables(d, report), canvasmaker=numbered_canvas(doc.decorate))
    return PrintedPdf(buf.getvalue(), pages=doc.page, warnings=report.warnings)
