"""The public notice (公示) for the village notice board: a period's cases and outcomes, with closure and
satisfaction rates. No name, phone number or case number is printed: a notice board is public."""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from ..domain.masking import masked
from .fonts import GlyphReport, markup
from .model import PrintedPdf
from .model_docs import NoticeData, NoticeRow
from .pages import BoundBookDoc, RunningHead, blank_below
from .tables import Cells, Column, long_table, scrub
from .text import Styles, make_styles

TITLE = "社情民意办理情况公示"
OBJECTION_DAYS = 7

COLUMNS = (
    Column("序号", 12, "CENTER"),
    Column("登记日期", 24, "CENTER"),
    Column("村（社区）", 26, "LEFT"),
    Column("类别", 22, "LEFT"),
    Column("反映事项", None, "LEFT"),
    Column("承办单位", 32, "LEFT"),
    Column("办理情况", 22, "CENTER"),
    Column("办理结果", 22, "CENTER"),
    Column("群众评价", 20, "CENTER"),
)


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v:.2f}%"


def _row(n: int, r: NoticeRow, cell: Cells) -> list:
    return [str(n), f"{r.registered_on:%Y-%m-%d}", cell(2, r.village), cell(3, r.category), cell(4, scrub(r.summary)),
            cell(5, r.department or "联络站直接办理"), cell(6, r.status), cell(7, r.resolution),
            cell(8, r.satisfaction or "—")]


def _figures(d: NoticeData, styles: Styles, width: float) -> Table:
    """The rates in a box above the table: what the village reads first."""
    big = ParagraphStyle("fig", parent=styles.heading, spaceAfter=0)
    small = styles.cell_center
    listed = d.total - d.withdrawn  # the rows below, and what the closure rate is taken over
    cells = [[Paragraph(str(listed), big), Paragraph(str(d.closed), big), Paragraph(_pct(d.closure_rate), big),
              Paragraph(str(d.rated), big), Paragraph(_pct(d.satisfaction_rate), big)],
             [Paragraph("受理件数", small), Paragraph("已办结", small), Paragraph("办结率", small),
              Paragraph("已回访评价", small), Paragraph("满意率（含基本满意）", small)]]
    t = Table(cells, colWidths=[width / 5] * 5)
    t.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                           ("LINEAFTER", (0, 0), (-2, -1), 0.4, colors.Color(0.6, 0.6, 0.6)),
                           ("TOPPADDING", (0, 0), (-1, 0), 5), ("BOTTOMPADDING", (0, -1), (-1, -1), 6)]))
    return t


def notice_flowables(d: NoticeData, styles: Styles, width: float, report: GlyphReport) -> list[Flowable]:
    rows = d.rows
    intro = (f"现将本联络站 {d.date_from:%Y年%m月%d日} 至 {d.date_to:%Y年%m月%d日} 收集的群众意见建议及办理情况"
             "公示如下（为保护个人信息，不公示反映人姓名和联系方式）：")
    end = f"如对公示内容有异议，请于公示之日起 {OBJECTION_DAYS} 日内向联络站反映。"
    if d.station_phone:
        end += f"联系电话：{d.station_phone}。"
    right = ParagraphStyle("right", parent=styles.body, alignment=TA_RIGHT)
    signed = [Paragraph(markup(d.station_name, report, "站名"), right)]
    if d.issued_on:
        signed.append(Paragraph(f"{d.issued_on:%Y年%m月%d日}", right))
    return [
        Paragraph(TITLE, styles.title),
        Paragraph(markup(intro, report, "说明"), styles.body),
        Spacer(1, 3 * mm),
        _figures(d, styles, width),
        *([Spacer(1, 1.5 * mm), Paragraph(f"另有 {d.withdrawn} 件已由反映人撤回，未列入下表，也不计入办结率。",
                                           styles.small)] if d.withdrawn else []),
        Spacer(1, 4 * mm),
        long_table(COLUMNS, len(rows), lambda i, cell: _row(i + 1, rows[i], cell), styles, width, report,
                   empty="本期没有收集到群众意见建议"),
        Spacer(1, 1.5 * mm),
        blank_below(styles),
        KeepTogether([Spacer(1, 4 * mm), Paragraph(markup(end), styles.body), Spacer(1, 6 * mm), *signed]),
    ]


def build_notice(d: NoticeData) -> PrintedPdf:
    """The notice as an A4 landscape PDF in large type (11 pt cells), for posting."""
    d = masked(d)  # ID, phone and bank-card numbers never print in full (domain.masking)
    report = GlyphReport()
    styles = make_styles(12)
    period = f"{d.date_from:%Y-%m-%d} 至 {d.date_to:%Y-%m-%d}"
    footer = f"打印时间：{d.copy.printed_at:%Y-%m-%d %H:%M}" if d.copy.printed_at else ""
    head = RunningHead(d.station_name, "公示", period, footer, mark="补打" if d.copy.reprint else "")
    buf = io.BytesIO()
    doc = BoundBookDoc(buf, head, report=report, binding_guide=False)
    pages = doc.build_pdf(notice_flowables(d, styles, doc.content_width, report))
    return PrintedPdf(buf.getvalue(), pages=pages, warnings=report.warnings)
