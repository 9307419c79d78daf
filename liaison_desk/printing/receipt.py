"""The receipt slip (回执): 80 mm and 58 mm thermal paper (page as tall as its content) or an A5 sheet."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.graphics.barcode.qr import QrCode
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch, mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, HRFlowable, Paragraph, Spacer, Table, TableStyle

from ..domain.masking import mask_phone_field, masked
from .fonts import GlyphReport, draw_string, ensure_fonts, markup
from .model import PrintedPdf, ReceiptData
from .payload import receipt_payload, verify_receipt_payload  # noqa: F401  (verify is part of this API)
from .text import Styles, balanced_lines, make_styles, text_width, truncate_to_width

THERMAL_DPI = 203
DOT = inch / THERMAL_DPI  # one printer dot: QR modules are whole dots, so no module prints a dot thinner


@dataclass(frozen=True)
class SlipFormat:
    """A paper format: page width (for thermal paper, the printable width: the page *is* what the head
    can reach), side margin, base font size, QR module size and whether the page height fits the content."""

    name: str
    width: float
    margin: float
    base: float
    module: float
    fit_height: bool
    summary_lines: int


FORMATS = {
    # 80 mm rolls: 72 mm printable (576 dots at 203 dpi). 58 mm rolls: 48 mm (384 dots).
    "80": SlipFormat("80", 72 * mm, 2.5 * mm, 10.0, 6 * DOT, True, 4),
    # 58 mm: body 10 pt, labels 8.5 pt — read by villagers at arm's length (9 and 8 pt at the least)
    "58": SlipFormat("58", 48 * mm, 1.5 * mm, 10.0, 5 * DOT, True, 4),
    "a5": SlipFormat("a5", A5[0], 16 * mm, 11.0, 0.8 * mm, False, 30),  # the whole matter, as far as it fits
}
TOP, BOTTOM = 3 * mm, 10 * mm
A5_MARGIN = 12 * mm  # thermal: the cutter sits ~10 mm above the head, keep the last line clear
NOTE = "请妥善保管本回执，凭案件编号查询办理进展。"
QR_CAPTION = "此码供联络站工作人员核对本回执，无需扫码"
STATUS_CAPTION = "手机扫码查询办理进度"


class SlipQr(QrCode):
    """ReportLab's QR flowable sized to whole modules (``module`` points each, quiet zone of 4)."""

    def __init__(self, value: str, module: float):
        super().__init__(value, qrLevel="M", qrBorder=4)
        self.qr.make()
        self.width = self.height = (self.qr.getModuleCount() + 8) * module
        self.hAlign = "CENTER"

    def draw(self):  # ReportLab's draw overlaps rows by 5 %; with whole-dot modules that only blurs them
        n, size = self.qr.getModuleCount(), self.width / (self.qr.getModuleCount() + 8)
        for r, row in enumerate(self.qr.modules):
            c = 0
            while c < n:
                if row[c]:
                    start = c
                    while c < n and row[c]:
                        c += 1
                    self.canv.rect((start + 4) * size, self.height - (r + 5) * size, (c - start) * size, size,
                                   stroke=0, fill=1)
                else:
                    c += 1


def _number_style(number: str, styles: Styles, room: float) -> ParagraphStyle:
    """The case number large, but always on one line: read aloud over the phone, a wrapped number is
    misread."""
    size = min(styles.number.fontSize, room / max(text_width(number, 1.0), 1.0) * 0.98)
    return ParagraphStyle("case_number", parent=styles.number, fontSize=size, leading=size * 1.2)


def _label_width(styles: Styles) -> float:
    return text_width("村（社区）：", styles.body.fontSize) + 2


def _stacked(styles: Styles, room: float) -> bool:
    """Labels above values when beside them the value would keep fewer than eight characters a line
    (58 mm paper in large print)."""
    return room - _label_width(styles) < 8 * styles.body.fontSize


def _fields(d: ReceiptData, styles: Styles, fmt: SlipFormat, room: float, lines: int) -> list[tuple[str, str]]:
    size = styles.body.fontSize
    value_room = room - size if _stacked(styles, room) else room - _label_width(styles)
    matter = (d.matter or d.summary or "") if fmt.name == "a5" else (d.summary or "")
    summary = truncate_to_width(matter, size, value_room, lines)
    rows = [("登记时间", f"{d.registered_at:%Y年%m月%d日 %H:%M}")]
    if d.visitor_name:
        rows.append(("来访人", d.visitor_name))
    if d.visitor_phone:
        rows.append(("联系电话", mask_phone_field(d.visitor_phone)))  # never in full on paper
    if d.village:
        rows.append(("村（社区）", d.village))
    if d.duty_deputy:
        rows.append(("接待代表", d.duty_deputy))
    if d.category:
        rows.append(("类别", d.category))
    rows.append(("反映事项", summary or "（见登记记录）"))
    if d.deadline:
        rows.append(("答复期限", f"{d.deadline.year}年{d.deadline.month}月{d.deadline.day}日前"))  # short: no lone 您
    elif d.reply_days:
        rows.append(("答复期限", f"{d.reply_days}个工作日内"))
    return rows


def _field_block(rows: list[tuple[str, str]], styles: Styles, room: float, report: GlyphReport,
                 *, boxed: bool) -> Flowable:
    """Label and value side by side; on a narrow slip in large print the label goes above its value, so the
    value keeps at least eight characters a line."""
    s = styles.body
    label_w = _label_width(styles)
    value_room = room - label_w
    if _stacked(styles, room):
        out = []
        for label, value in rows:
            out.append(Paragraph(f"{label}：", styles.small))
            out.append(Paragraph(markup(value, report, label), ParagraphStyle("v", parent=s, leftIndent=s.fontSize)))
        return _Stack(out)
    data = [[Paragraph(f"{label}：", s), Paragraph(markup(value, report, label), s)] for label, value in rows]
    t = Table(data, colWidths=[label_w, value_room], hAlign="LEFT")
    cmds: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]
    if boxed:
        cmds += [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("LEFTPADDING", (0, 0), (-1, -1), 4),
                 ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
        t = Table(data, colWidths=[label_w + 8, value_room - 8], hAlign="LEFT")
    t.setStyle(TableStyle(cmds))
    return t


class _Stack(Flowable):
    """Several paragraphs as one flowable (stacked labels and values)."""

    def __init__(self, parts: Sequence[Flowable]):
        super().__init__()
        self.parts = list(parts)

    def wrap(self, aw, ah):
        self._sizes = [p.wrap(aw, ah) for p in self.parts]
        self.width, self.height = aw, sum(h for _, h in self._sizes)
        return self.width, self.height

    def draw(self):
        y = self.height
        for p, (w, h) in zip(self.parts, self._sizes, strict=True):
            y -= h
            x = (self.width - w) / 2 if getattr(p, "hAlign", "LEFT") == "CENTER" else 0
            p.drawOn(self.canv, x, y)


def _enquiry(d: ReceiptData, styles: Styles, report: GlyphReport) -> list[Flowable]:
    """When and how to ask about progress; the phone number on a line of its own, so it never breaks."""
    out: list[Flowable] = [Paragraph("想问办得怎么样了，请凭案件编号来站或打电话查询。", styles.body)]
    if d.station_phone:
        out.append(Paragraph(f"联系电话：{markup(d.station_phone)}", styles.body))
    if d.duty_hours:
        out.append(Paragraph(markup(f"接待时间：{d.duty_hours}", report, "接待时间"), styles.body))
    if d.station_address:
        out.append(Paragraph(f"地址：{markup(d.station_address, report, '地址')}", styles.body))
    if d.status_url:  # the address in words: a phone without a camera, or a QR code the printer smudged
        out.append(Paragraph(f"网上查询：打开 {markup(d.status_address + '/status')} ，输入案件编号和登记电话后四位；"
                             "或扫描二维码。", styles.body))
    return out


def _status_qr(d: ReceiptData, fmt: SlipFormat, styles: Styles) -> list[Flowable]:
    """The public status page's QR code and its caption (nothing when the county has no public address)."""
    if not d.status_url:
        return []
    return [SlipQr(d.status_url, fmt.module),
            Paragraph(STATUS_CAPTION, ParagraphStyle("sq", parent=styles.body, alignment=TA_CENTER)),
            Spacer(1, 1.5 * mm)]


class ReprintMark(Flowable):
    """A boxed “补打”, centred: the same mark the A4 documents carry at their top corner."""

    TEXT = "补打"

    def __init__(self, size: float):
        super().__init__()
        self.size = size
        self.text_w = text_width(self.TEXT, size)
        self.box_w, self.box_h = self.text_w + size * 1.2, size * 1.6

    def wrap(self, availWidth, availHeight):
        self.avail = availWidth
        return availWidth, self.box_h + 2 * mm

    def draw(self):
        x = (self.avail - self.box_w) / 2
        c = self.canv
        c.setLineWidth(0.9)
        c.rect(x, 1 * mm, self.box_w, self.box_h, stroke=1, fill=0)
        draw_string(c, self.avail / 2, 1 * mm + self.size * 0.45, self.TEXT, self.size, align="center")


def slip_flowables(d: ReceiptData, fmt: SlipFormat, styles: Styles, report: GlyphReport, *, stub: bool,
                   reprint: bool, summary_lines: int | None = None) -> list[Flowable]:
    """One copy of the slip: the constituent's (回执) or the station's stub (存根)."""
    room = fmt.width - 2 * fmt.margin
    centred = ParagraphStyle("c", parent=styles.body, alignment=TA_CENTER)
    title = "来访登记回执存根" if stub else "来访登记回执"
    name = balanced_lines(d.station_name, styles.heading.fontSize, room)  # never a lone 站 on a line
    out: list[Flowable] = [
        Paragraph("<br/>".join(markup(line, report, "站名") for line in name), styles.heading),
        Paragraph("<br/>".join(balanced_lines(title + ("（联络站留存）" if stub else ""), styles.body.fontSize, room)),
                  centred),
    ]
    if reprint:
        out.append(ReprintMark(styles.heading.fontSize))
    out += [Spacer(1, 1.5 * mm), Paragraph("案件编号", ParagraphStyle("l", parent=styles.small, alignment=TA_CENTER)),
            Paragraph(d.case_number, _number_style(d.case_number, styles, room)), Spacer(1, 2 * mm),
            _field_block(_fields(d, styles, fmt, room, summary_lines or fmt.summary_lines), styles, room, report, boxed=fmt.name == "a5"),
            Spacer(1, 2 * mm), HRFlowable(width="100%", thickness=0.6, dash=(2, 2), color=colors.black),
            Spacer(1, 1.5 * mm)]
    if stub:
        for who in ("接待代表", "来访人"):
            out += [Spacer(1, 4 * mm), Paragraph(f"{who}（签字）：", styles.body),
                    HRFlowable(width="100%", thickness=0.5, color=colors.black, spaceBefore=5 * mm)]
    else:
        qr = SlipQr(receipt_payload(d.case_number, d.station_code, d.registered_at), fmt.module)
        caption = Paragraph(QR_CAPTION, ParagraphStyle("q", parent=styles.small, alignment=TA_CENTER))
        if fmt.fit_height:  # a narrow slip: the code under the text
            out += [*_enquiry(d, styles, report), Spacer(1, 1.5 * mm), *_status_qr(d, fmt, styles), qr, caption]
        else:  # a sheet: the code beside the text, so large print still fits on one A5 page
            codes = [*_status_qr(d, fmt, styles), qr, caption]
            code_w = max(qr.width, *(c.width for c in codes if isinstance(c, SlipQr)))
            side = Table([[_Stack(_enquiry(d, styles, report)), _Stack(codes)]],
                         colWidths=[room - code_w - 4 * mm, code_w + 4 * mm], hAlign="LEFT")
            side.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                      ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
            out.append(side)
        out += [Spacer(1, 1 * mm), Paragraph(NOTE, styles.small)]
    if reprint and d.printed_at:
        out.append(Paragraph(f"补打时间：{d.printed_at:%Y-%m-%d %H:%M}", styles.small))
    return out


def _height(flowables: list[Flowable], width: float) -> float:
    """What a frame of ``width`` needs to hold them, spacing as ``Frame`` does it."""
    total = 0.0
    for i, f in enumerate(flowables):
        total += f.wrap(width, 10_000)[1] + f.getSpaceAfter() + (f.getSpaceBefore() if i else 0)
    return total + 1  # a point of slack against rounding in the frame's own sums


def _draw_page(canv: Canvas, flowables: list[Flowable], fmt: SlipFormat, page_h: float, top: float) -> None:
    room = fmt.width - 2 * fmt.margin
    canv.setPageSize((fmt.width, page_h))
    frame = Frame(fmt.margin, 0, room, page_h - top, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0, showBoundary=0)
    rest = list(flowables)
    frame.addFromList(rest, canv)
    if rest:  # never drop part of a receipt silently
        raise ValueError("receipt content does not fit its page")
    canv.showPage()


def build_receipt(d: ReceiptData, *, width: str = "80", large: bool = False, stub: bool = False,
                  reprint: bool = False, printable_mm: float | None = None) -> PrintedPdf:
    """The slip as a PDF: one page for the constituent, and a second (the stub) when ``stub`` is set.

    Phone numbers are masked here; ``reprint`` marks every copy 补打 (with the time, when known).
    ``printable_mm``: a thermal slip laid out for the width the roll printer really prints (its driver's
    printable area, say 64 mm on an 80 mm roll) instead of the usual 72 / 48 mm, so it is printed at 100 %.
    """
    d = masked(d)  # ID, phone and bank-card numbers never print in full (domain.masking)
    fmt = FORMATS[width]
    if printable_mm is not None and fmt.fit_height:
        fmt = dataclasses.replace(fmt, width=max(32.0, min(float(printable_mm), 104.0)) * mm)
    ensure_fonts()
    styles = make_styles(fmt.base, large=large)
    report = GlyphReport()
    room = fmt.width - 2 * fmt.margin
    copies = [False, True] if stub else [False]
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=(fmt.width, A5[1]), pageCompression=1)
    canv.setTitle(f"来访登记回执 {d.case_number}")
    canv.setAuthor(d.station_name)
    canv.setCreator("LiaisonDesk")
    for is_stub in copies:
        if fmt.fit_height:
            flows = slip_flowables(d, fmt, styles, report, stub=is_stub, reprint=reprint)
            _draw_page(canv, flows, fmt, TOP + _height(flows, room) + BOTTOM, TOP)
            continue
        # A fixed sheet: shorten the matter (large print can need it) until the slip fits on one page; when
        # even one line of it does not (very long names and places), step the type down, 9 pt at the least.
        sheet = styles
        for base in (fmt.base, fmt.base - 1, fmt.base - 2):
            sheet = styles if base == fmt.base else make_styles(base, large=large)
            fits = False
            for lines in range(fmt.summary_lines, 0, -1):
                flows = slip_flowables(d, fmt, sheet, GlyphReport(), stub=is_stub, reprint=reprint,
                                       summary_lines=lines)
                fits = _height(flows, room) <= A5[1] - 2 * A5_MARGIN
                if fits:
                    break
            if fits:
                break
        flows = slip_flowables(d, fmt, sheet, report, stub=is_stub, reprint=reprint, summary_lines=lines)
        _draw_page(canv, flows, fmt, A5[1], A5_MARGIN)
    canv.save()
    return PrintedPdf(buf.getvalue(), pages=len(copies), warnings=report.warnings)
