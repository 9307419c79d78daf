"""The period report as a PDF (社情民意办理情况统计): A4 landscape, a 公文-style head (the station's name in
red Song type over a red rule, the title in Song type, the period and cut-off under it), then 一、主要指标 with
the comparison columns (上期, 去年同期 and the changes), 二、分组统计, 三、问题清单 and 四、办理情况通报 (rows
below a threshold shaded), page numbers "— 1 —" at the foot."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Literal

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, HRFlowable, PageTemplate, Paragraph, Spacer
from reportlab.platypus.tables import TableStyle

from ..domain.masking import mask_text
from ..domain.reports import DIMENSIONS, FIGURES, Figures, Report, change, figure_value
from .fonts import GlyphReport, draw_string, ensure_fonts, markup, song_font
from .model import PrintedPdf
from .pages import numbered_canvas
from .tables import Column, small_table
from .text import make_styles

PAGE = landscape(A4)
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 20 * mm, 18 * mm, 18 * mm
WIDTH = PAGE[0] - 2 * MARGIN_X
RED = colors.Color(0.9, 0.0, 0.0)
FLAG = colors.Color(0.96, 0.8, 0.8)
NUMBERS_SHOWN = 6  # case numbers printed per problem; the count is always whole ("等 N 件")


def fmt(value: float | int | None, kind: str) -> str:
    """A figure as printed: rates with two decimals and %, days with one decimal, counts whole; — for none."""
    if value is None:
        return "—"
    if kind == "rate":
        return f"{value:.2f}%"
    if kind == "days":
        return f"{value:.1f}" if isinstance(value, float) else str(value)
    return f"{int(value):,}"


def fmt_change(value: float | None, kind: str) -> str:
    """A change with its sign: rates in percentage points (个百分点), others as numbers."""
    if value is None:
        return "—"
    sign = "+" if value > 0 else ""
    if kind == "rate":
        return f"{sign}{value:.2f}个百分点"
    if kind == "days":  # the mean has a decimal, the percentile is whole days
        return f"{sign}{round(value, 1):g}"
    return f"{sign}{int(value):,}"


def _style(name: str, size: float, *, font: str | None = None, align: Literal[0, 1, 2, 4] = TA_LEFT,
           color: colors.Color = colors.black) -> ParagraphStyle:
    base = make_styles(size).body
    return ParagraphStyle(name, parent=base, fontName=font or base.fontName, fontSize=size, leading=size * 1.45,
                          alignment=align, textColor=color)


def _v(f: Figures | None, key: str) -> float | int | None:
    return None if f is None else figure_value(f, key)


def _head(report: Report, glyphs: GlyphReport) -> list[Flowable]:
    p = report.period
    title = report.title
    masthead = report.scope
    sub = (f"统计期间：{p.label()}（{p.first:%Y-%m-%d} 至 {p.last:%Y-%m-%d}，按登记日期计）　"
           f"数据截至：{report.as_of:%Y-%m-%d %H:%M}")
    return [
        Paragraph(markup(masthead, glyphs, "联络站"),
                  _style("masthead", 26, font=song_font(masthead), align=TA_CENTER, color=RED)),
        HRFlowable(width="100%", thickness=1.2, color=RED, spaceBefore=2 * mm, spaceAfter=5 * mm),
        Paragraph(markup(title, glyphs, "标题"), _style("title", 20, font=song_font(title), align=TA_CENTER)),
        Spacer(1, 2 * mm),
        Paragraph(markup(sub, glyphs, "期间"), _style("sub", 11, align=TA_CENTER)),
        Spacer(1, 4 * mm),
    ]


def _heading(text: str) -> Paragraph:
    return Paragraph(text, _style("h", 14))


def report_flowables(report: Report, glyphs: GlyphReport) -> list[Flowable]:
    styles = make_styles(10.5)
    p, prev, ly = report.period, report.period.previous(), report.period.last_year()
    out = _head(report, glyphs)

    out.append(_heading("一、主要指标"))
    cols = [Column("指标", 45), Column(f"本期\n{p.label()}", None, "RIGHT"),
            Column(f"上期\n{prev.label()}", None, "RIGHT"), Column("比上期增减", None, "RIGHT"),
            Column(f"去年同期\n{ly.label()}", None, "RIGHT"), Column("比去年同期增减", None, "RIGHT")]
    rows = []
    for d in FIGURES:
        now, before, last = _v(report.totals, d.key), _v(report.previous, d.key), _v(report.last_year, d.key)
        rows.append([d.zh, fmt(now, d.kind), fmt(before, d.kind), fmt_change(change(now, before), d.kind),
                     fmt(last, d.kind), fmt_change(change(now, last), d.kind)])
    out += [small_table(cols, rows, styles, WIDTH, glyphs), Spacer(1, 5 * mm)]

    n = 2
    if report.by is not None:
        dim = DIMENSIONS[report.by][0]
        out.append(_heading(f"{'一二三四五'[n - 1]}、按{dim}统计"))
        n += 1
        shown = [d for d in FIGURES if report.by in ("station", "township", "village", "deputy")
                 or d.key not in ("visits", "people")]
        cols = [Column(dim, 38)] + [Column(d.zh, None, "RIGHT") for d in shown]
        body = [[r.label] + [fmt(_v(r.figures, d.key), d.kind) for d in shown] for r in report.breakdown]
        total = ["合计"] + [fmt(_v(report.totals, d.key), d.kind) for d in shown]
        out += [small_table(cols, body, make_styles(8.5), WIDTH, glyphs, total=total), Spacer(1, 5 * mm)]

    out.append(_heading(f"{'一二三四五'[n - 1]}、问题清单（群众反映最多的问题）"))
    n += 1
    cols = [Column("序号", 11, "CENTER"), Column("类别", 22), Column("村（社区）", 24), Column("问题", 72),
            Column("件数", 13, "RIGHT"), Column("办理情况", 44), Column("案件编号", None)]
    body = []
    for i, q in enumerate(report.problems, start=1):
        first = q.numbers[:NUMBERS_SHOWN]  # two a line: a case number is never broken inside
        numbers = "\n".join("、".join(first[j:j + 2]) for j in range(0, len(first), 2))
        if q.count > NUMBERS_SHOWN:
            numbers += f" 等 {q.count} 件"
        body.append([str(i), q.category, q.village, mask_text(q.title), str(q.count), q.state, numbers])
    out += [small_table(cols, body, make_styles(9), WIDTH, glyphs, empty="（本期没有反映两次以上的问题）"),
            Spacer(1, 5 * mm)]

    out.append(_heading(f"{'一二三四五'[n - 1]}、办理情况通报"))
    standard = "；".join(t.label() for t in report.thresholds) or "未设标准"
    out.append(Paragraph(markup(f"通报标准：{standard}。低于标准的以底色标出。", glyphs), _style("note", 10.5)))
    out.append(Spacer(1, 2 * mm))
    kinds = {"department": "承办单位", "station": "联络站"}
    label = {t.metric: t.label() for t in report.thresholds}
    cols = [Column("类型", 22, "CENTER"), Column("名称", 60), Column("交办", 18, "RIGHT"),
            Column("应答复", 18, "RIGHT"), Column("回复率", 22, "RIGHT"), Column("按期办结率", 24, "RIGHT"),
            Column("办结率", 22, "RIGHT"), Column("满意率", 22, "RIGHT"), Column("低于标准", None)]
    body = [[kinds.get(r.kind, r.kind), r.name, fmt(r.figures.assigned, "count"), fmt(r.figures.counts.due, "count"),
             fmt(r.figures.reply_rate, "rate"), fmt(r.figures.on_time_rate, "rate"),
             fmt(r.figures.closure_rate, "rate"), fmt(r.figures.satisfaction_rate, "rate"),
             "；".join(label[m] for m in r.below)] for r in report.notices]
    table = small_table(cols, body, make_styles(9.5), WIDTH, glyphs, empty="（本期没有交办的案件）")
    flagged = [i for i, r in enumerate(report.notices, start=1) if r.below]
    if flagged:
        table.setStyle(TableStyle([("BACKGROUND", (0, i), (-1, i), FLAG) for i in flagged]))
    out += [table, Spacer(1, 4 * mm)]
    out.append(Paragraph("说明：各项指标的口径见《统计口径说明》：按登记日期计入期间，"
                         "办理状态为数据截至时的状态；满意率只计回访时群众作出的评价。", _style("foot", 9)))
    return out


def _decorate(canv: Canvas, page: int, total: int) -> None:
    canv.saveState()
    draw_string(canv, PAGE[0] / 2, MARGIN_BOTTOM - 10 * mm, f"— {page} —", 12, align="center")
    canv.restoreState()


def build_report_pdf(report: Report) -> PrintedPdf:
    """The report as an A4 landscape PDF; rare characters no font has print as □ and are listed in warnings."""
    ensure_fonts()
    glyphs = GlyphReport()
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=PAGE, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
                          bottomMargin=MARGIN_BOTTOM, title=report.title, author=report.scope, creator="LiaisonDesk")
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, WIDTH, PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM, leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("report", [frame])])
    doc.build(report_flowables(report, glyphs), canvasmaker=numbered_canvas(_decorate))
    return PrintedPdf(buf.getvalue(), pages=doc.page, warnings=glyphs.warnings)


__all__: Sequence[str] = ["build_report_pdf", "fmt", "fmt_change"]
