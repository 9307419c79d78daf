"""Bound-book pages: a canvas that knows the page total, margins for binding, running header and footer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from .fonts import GlyphReport, draw_string, ensure_fonts, markup
from .progress import check
from .text import Styles

PAGE_LABEL = "第 {page} 页 共 {total} 页"
BLANK_BELOW = "（以下空白）"

# Binding: a fixed wide margin on the left of every page. Station printers are simplex, and a register
# printed on one side and bound (stapled, sewn or in a clip binder) on its left edge needs the room on
# the left of every sheet; margins that alternate sides only make sense for duplex printing, and a
# manually-turned duplex job that goes wrong puts the binding under the text. ``duplex=True`` mirrors them.
BINDING = 25 * mm
OUTER = 12 * mm
TOP = 20 * mm
BOTTOM = 17 * mm

Decorate = Callable[[Canvas, int, int], None]


class NumberedCanvas(Canvas):
    """Holds every page until ``save()`` so each can be stamped with its number *and the total*, in one
    pass; ``decorate(canvas, page, total)`` draws whatever needs the total (header, footer)."""

    decorate: Decorate | None = None

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self._held: list[dict] = []

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))  # the page's content stream and state, not yet a PDF page
        self._startPage()  # type: ignore[attr-defined]  # Canvas's own page reset, not in ReportLab's stubs

    def save(self) -> None:
        total = len(self._held)
        for number, state in enumerate(self._held, start=1):
            self.__dict__.update(state)
            if self.decorate is not None:
                self.decorate(self, number, total)
            Canvas.showPage(self)
        self._held = []
        Canvas.save(self)


def numbered_canvas(decorate: Decorate) -> type[NumberedCanvas]:
    """A canvas class (what ``build(canvasmaker=...)`` wants) that calls ``decorate`` on every page."""
    return type("DecoratedCanvas", (NumberedCanvas,), {"decorate": staticmethod(decorate)})


REPRINT_MARK = "补打"


def draw_mark(canv: Canvas, right: float, y: float, mark: str = REPRINT_MARK) -> None:
    """The boxed 补打 of a second copy, its box ending at ``right``, text baseline at ``y``: the same mark on
    every document (bound books, the wall roster, the 述职 report)."""
    canv.saveState()
    canv.setFillColor(colors.black)
    canv.setStrokeColor(colors.black)
    wd = draw_string(canv, right - 2 * mm, y, mark, 11, align="right")
    canv.setLineWidth(0.8)
    canv.rect(right - wd - 4 * mm, y - 1.8 * mm, wd + 4 * mm, 6.2 * mm, stroke=1, fill=0)
    canv.restoreState()


@dataclass(frozen=True)
class RunningHead:
    """What the header and footer of every page say."""

    station: str
    title: str
    subtitle: str = ""  # the date range, say
    footer_left: str = ""  # when it was printed
    mark: str = ""  # "补打" on a second copy: printed in a box at the outer top corner of every page


class BoundBookDoc(BaseDocTemplate):
    """A4 pages (landscape by default: a register's eleven columns need the width) for a bound book, with the
    station and title on top of every page and "第 X 页 共 Y 页" at the bottom."""

    def __init__(self, out, head: RunningHead, *, portrait: bool = False, duplex: bool = False,
                 report: GlyphReport | None = None, binding_guide: bool = True, **kw):
        ensure_fonts()
        size = A4 if portrait else landscape(A4)
        super().__init__(out, pagesize=size, leftMargin=BINDING, rightMargin=OUTER, topMargin=TOP,
                         bottomMargin=BOTTOM, title=head.title, author=head.station, subject=head.subtitle,
                         creator="LiaisonDesk", **kw)
        self.head = head
        self.binding_guide = binding_guide  # off for sheets that are posted or sent, not bound
        self.mirrored = duplex  # not "duplex": BaseDocTemplate uses that name for a viewer preference
        self.report = report or GlyphReport()
        w, h = size
        fw, fh = w - BINDING - OUTER, h - TOP - BOTTOM
        odd = Frame(BINDING, BOTTOM, fw, fh, id="odd", leftPadding=0, rightPadding=0, topPadding=0,
                    bottomPadding=0)
        if duplex:
            even = Frame(OUTER, BOTTOM, fw, fh, id="even", leftPadding=0, rightPadding=0, topPadding=0,
                         bottomPadding=0)
            self.addPageTemplates([PageTemplate("odd", [odd], autoNextPageTemplate="even"),
                                   PageTemplate("even", [even], autoNextPageTemplate="odd")])
        else:
            self.addPageTemplates([PageTemplate("page", [odd])])

    @property
    def content_width(self) -> float:
        return self.pagesize[0] - BINDING - OUTER

    def binding_on_left(self, page: int) -> bool:
        return not self.mirrored or page % 2 == 1

    def decorate(self, canv: Canvas, page: int, total: int) -> None:
        """Header, footer and binding guide of one page (run at save time, when the total is known)."""
        w, h = self.pagesize
        left = BINDING if self.binding_on_left(page) else OUTER
        right = w - (OUTER if self.binding_on_left(page) else BINDING)
        r = self.report
        canv.saveState()
        canv.setFillColor(colors.black)
        y = h - TOP + 6 * mm
        draw_string(canv, left, y, self.head.station, 9, report=r, where="站名")
        draw_string(canv, (left + right) / 2, y, self.head.title, 11, align="center", report=r, where="标题")
        if self.head.subtitle:
            draw_string(canv, right, y, self.head.subtitle, 9, align="right", report=r, where="标题")
        canv.setLineWidth(0.6)
        canv.line(left, y - 2.2 * mm, right, y - 2.2 * mm)
        if self.head.mark:
            draw_mark(canv, right, h - TOP + 12.5 * mm, self.head.mark)
        fy = BOTTOM - 9 * mm
        draw_string(canv, (left + right) / 2, fy, PAGE_LABEL.format(page=page, total=total), 9, align="center")
        if self.head.footer_left:
            draw_string(canv, left, fy, self.head.footer_left, 8)
        if self.binding_guide:
            self._binding_guide(canv, page)
        canv.restoreState()

    def _binding_guide(self, canv: Canvas, page: int) -> None:
        """A dashed 装订线 in the binding margin, where the holes or staples go (never through text)."""
        w, h = self.pagesize
        x = BINDING * 0.55 if self.binding_on_left(page) else w - BINDING * 0.55
        canv.setStrokeColor(colors.Color(0.55, 0.55, 0.55))
        canv.setFillColor(colors.Color(0.45, 0.45, 0.45))
        canv.setLineWidth(0.4)
        canv.setDash(3, 3)
        mid = h / 2
        canv.line(x, BOTTOM, x, mid - 16 * mm)
        canv.line(x, mid + 16 * mm, x, h - TOP)
        canv.setDash()
        for i, ch in enumerate("装订线"):
            draw_string(canv, x, mid + 8 * mm - i * 8 * mm - 3, ch, 9, align="center")

    def afterPage(self) -> None:
        check()  # a cancelled build stops at the end of the page it is on

    def build_pdf(self, flowables: list[Flowable]) -> int:
        """Lay out ``flowables``; returns the number of pages."""
        self.build(flowables, canvasmaker=numbered_canvas(self.decorate))
        return self.page


def blank_below(styles: Styles) -> Paragraph:
    """"（以下空白）" under the last row: nothing can be added to a checked page afterwards."""
    return Paragraph(BLANK_BELOW, styles.cell_center)


def signature_block(styles: Styles, width: float, signers: Sequence[str], *, opinion: bool = True) -> Table:
    """Signature and date lines to be filled in by hand — one row per signer (e.g. 乡镇人大检查人), each
    with a line to sign on and 　　年　月　日 blanks — and, above them, two ruled lines for 检查意见."""
    s = styles.body
    fs = s.fontSize
    label_w = max(stringWidth(f"{who}（签字）：", s.fontName, fs) for who in signers) + 4
    blank = [label_w, 42 * mm, stringWidth("日期：", s.fontName, fs) + 10, 16 * mm, fs + 3, 10 * mm, fs + 3,
             10 * mm, fs + 3]
    rows: list[list] = []
    if opinion:
        rows += [["检查意见："] + [""] * 8, [""] * 9]
    rows += [[f"{who}（签字）：", "", "日期：", "", "年", "", "月", "", "日"] for who in signers]
    t = Table(rows, colWidths=blank, rowHeights=s.leading * 2.3, hAlign="LEFT")
    cmds: list[tuple[Any, ...]] = [("FONT", (0, 0), (-1, -1), s.fontName, fs), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("ALIGN", (4, 0), (-1, -1), "CENTER"),
            ("LEFTPADDING", (2, 0), (2, -1), 8)]
    first = 2 if opinion else 0
    for col in (1, 3, 5, 7):  # the blanks to write on
        cmds.append(("LINEBELOW", (col, first), (col, -1), 0.5, colors.black))
    if opinion:
        cmds += [("LINEBELOW", (0, 0), (-1, 1), 0.5, colors.black)]
    t.setStyle(TableStyle(cmds))
    return t


def closing_block(styles: Styles, width: float, summary: str, signers: Sequence[str]) -> KeepTogether:
    """The register's last words — a summary line and the signature block — kept on one page."""
    return KeepTogether([Spacer(1, 3 * mm), Paragraph(markup(summary), styles.body), Spacer(1, 2 * mm),
                         signature_block(styles, width, signers)])
