"""The monthly roster sheet (值班表) posted on the station wall: an A4 landscape calendar of who is on duty."""

from __future__ import annotations

import calendar
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer, Table, TableStyle

from ..domain.masking import PUBLIC, masked
from .fonts import FONT, GlyphReport, draw_string, ensure_fonts, markup, string_width
from .model import PrintedPdf
from .pages import draw_mark, numbered_canvas
from .text import make_styles

TITLE = "人大代表进站值班表"
WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
MARGIN = 12 * mm
GREY = colors.Color(0.93, 0.93, 0.93)


@dataclass(frozen=True)
class RosterDay:
    """One calendar cell: the date and, per slot, the names on duty (empty: no reception that day)."""

    date: dt.date
    slots: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (slot label, names)
    note: str = ""  # 节假日, 调休上班…


@dataclass(frozen=True)
class RosterSheetData:
    station_name: str
    year: int
    month: int
    days: tuple[RosterDay, ...]  # every date of the month, in order
    township: str = ""
    fixed: tuple[str, ...] = ()  # 固定在站代表
    hours: str = ""  # "上午 8:30—12:00，下午 14:30—17:30"
    changes: tuple[str, ...] = ()  # swaps and substitutions already known
    phone: str | None = field(default=None, metadata=PUBLIC)  # the station's own number, printed in full
    printed_at: dt.datetime | None = None
    notes: tuple[str, ...] = field(default=("值班代表请按时到岗签到；如需换班、替班，请提前告知联络站并登记。",))
    reprint: bool = False  # a second copy of the same month: boxed 补打 at the top right corner
    edition: int = 1  # the month's plan changed since it was first printed: 第 N 版 under the title


NAME_PT = 15  # names read from a step away: the sheet hangs on a wall
SIZES = (NAME_PT, 14, 13, 12, 11, 10, 9, 8)  # a crowded month steps down until it fits on one page


def _slot_lines(slot: str, names: tuple[str, ...], size: float, width: float) -> list[str]:
    """"上午：张三、李四" on one line when it fits; else one name a line under the first, never a name cut in two."""
    head = f"{slot}："
    one = head + ("、".join(names) if names else "（待定）")
    if len(names) <= 1 or string_width(one, size) <= width:
        return [one]
    pad = "\u3000" * len(head)
    return [head + names[0] + "、", *(pad + n + ("、" if i < len(names) - 1 else "") for i, n in enumerate(names[1:], 1))]


def _cell(day: RosterDay | None, style: ParagraphStyle, report: GlyphReport, width: float) -> list:
    if day is None:
        return []
    size = style.fontSize
    head = f"<font size={size * 1.35:.0f}><b>{day.date.day}</b></font>"
    if day.note:
        head += f"  <font size={size * 0.75:.0f}>{markup(day.note, report, '备注')}</font>"
    lines = [head]
    for slot, names in day.slots:
        lines += [markup(line, report, "值班代表") for line in _slot_lines(slot, names, size, width)]
    return [Paragraph("<br/>".join(lines), style)]


def roster_table(data: RosterSheetData, styles, width: float, height: float, report: GlyphReport) -> Table:
    first_weekday, _ = calendar.monthrange(data.year, data.month)
    by_date = {d.date: d for d in data.days}
    cells: list[list] = []
    week: list = [None] * first_weekday
    for day in data.days:
        week.append(day)
        if len(week) == 7:
            cells.append(week)
            week = []
    if week:
        cells.append(week + [None] * (7 - len(week)))
    header = [Paragraph(w, styles.header_cell) for w in WEEKDAYS]
    inner = width / 7 - 6
    row_h = max(18 * mm, (height - 9 * mm) / max(len(cells), 1))
    # Rows share the page, but never cut a cell short: the type steps down until the month fits on the page;
    # only a month too crowded even at the smallest size grows a row onto a second page.
    for size in SIZES:
        style = ParagraphStyle("roster_cell", parent=styles.cell, fontSize=size, leading=size * 1.3)
        body = [[_cell(d, style, report, inner) for d in row] for row in cells]
        heights = [max(row_h, max((c[0].wrap(inner, 1000)[1] + 6 for c in row if c), default=0)) for row in body]
        if sum(heights) + 9 * mm <= height:
            break
    table = Table([header, *body], colWidths=[width / 7] * 7, rowHeights=[9 * mm, *heights], repeatRows=1)
    cmds: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.85, 0.85, 0.85)),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 1), (-1, -1), 2),
    ]
    for r, row in enumerate(cells, start=1):
        for c, d in enumerate(row):
            if d is None or not by_date[d.date].slots:  # no reception: greyed, so duty days stand out
                cmds.append(("BACKGROUND", (c, r), (c, r), GREY))
    table.setStyle(TableStyle(cmds))
    return table


def build_roster_sheet(data: RosterSheetData) -> PrintedPdf:
    """The month's roster as a one-page A4 landscape PDF (a long month of many deputies may take two)."""
    data = masked(data)  # ID, phone and bank-card numbers never print in full (domain.masking)
    if not data.days or any(d.date.year != data.year or d.date.month != data.month for d in data.days):
        raise ValueError("days must be the dates of the sheet's month")
    ensure_fonts()
    report = GlyphReport()
    styles = make_styles(14)
    size = landscape(A4)
    buf = io.BytesIO()
    w, h = size
    doc = BaseDocTemplate(buf, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                          bottomMargin=MARGIN + 4 * mm, title=f"{data.year}年{data.month}月{TITLE}",
                          author=data.station_name, creator="LiaisonDesk")
    frame = Frame(MARGIN, MARGIN + 4 * mm, w - 2 * MARGIN, h - 2 * MARGIN - 4 * mm, leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("sheet", [frame])])
    where = f"{data.township} " if data.township and data.township not in data.station_name else ""
    top: list = [
        Paragraph(markup(f"{where}{data.station_name}", report, "站名"), styles.heading),
        Paragraph(f"{data.year}年{data.month}月 {TITLE}" + (f"（第{data.edition}版）" if data.edition > 1 else ""),
                  styles.title),
    ]
    info = []
    if data.fixed:
        info.append("固定在站代表：" + "、".join(data.fixed))
    if data.hours:
        info.append("接待时间：" + data.hours)
    if data.phone:
        info.append("联系电话：" + data.phone)
    if info:
        top.append(Paragraph(markup("　　".join(info), report, "说明"), styles.body))
    top.append(Spacer(1, 2 * mm))
    bottom: list[Paragraph] = []
    if data.changes:
        bottom.append(Paragraph(markup("换班、替班：" + "；".join(data.changes), report, "换班"), styles.small))
    for note in data.notes:
        bottom.append(Paragraph(markup(note, report, "说明"), styles.small))
    used = sum(p.wrap(frame.width, h)[1] for p in (*top, *bottom)) + 6 * mm
    table = roster_table(data, styles, frame.width, frame.height - used, report)

    def decorate(canv, page: int, total: int) -> None:
        canv.saveState()
        if data.reprint:
            draw_mark(canv, w - MARGIN, h - MARGIN + 2 * mm)
        if data.printed_at:
            draw_string(canv, MARGIN, MARGIN - 2 * mm, f"打印时间：{data.printed_at:%Y-%m-%d %H:%M}", 8)
        if total > 1:
            draw_string(canv, w / 2, MARGIN - 2 * mm, f"第 {page} 页 共 {total} 页", 8, align="center")
        canv.restoreState()

    doc.build([*top, table, Spacer(1, 2 * mm), *bottom], canvasmaker=numbered_canvas(decorate))
    return PrintedPdf(buf.getvalue(), pages=doc.page, warnings=report.warnings)


def month_days(year: int, month: int) -> Sequence[dt.date]:
    return [dt.date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)]
