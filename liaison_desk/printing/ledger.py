"""The case ledger (社情民意台账): an A4 bound book of cases, filtered like the case list, one row per case."""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from ..domain.masking import masked
from .fonts import GlyphReport, markup
from .model import PrintedPdf
from .model_docs import Copy, LedgerData, LedgerRow
from .pages import BoundBookDoc, RunningHead, blank_below, closing_block
from .tables import Cells, Column, long_table, scrub
from .text import Styles, make_styles

TITLE = "社情民意台账"
SIGNERS = ("联络站负责人", "乡镇（街道）人大检查人", "县人大常委会检查人")
REPRINT = "补打"

# Widths fit the usual value at 9 pt with its padding: a case number with a 4-symbol station code, a date.
COLUMNS = (
    Column("序号", 11, "CENTER"),
    Column("案件编号", 36, "CENTER"),
    Column("登记日期", 21, "CENTER"),
    Column("反映人", 18, "LEFT"),
    Column("村（社区）", 19, "LEFT"),
    Column("类别", 17, "LEFT"),
    Column("反映事项", None, "LEFT"),
    Column("分办", 9, "CENTER"),
    Column("承办单位", 24, "LEFT"),
    Column("办理期限", 19, "CENTER"),
    Column("状态", 15, "CENTER"),
    Column("办理结果", 21, "CENTER"),
)


def _row(n: int, r: LedgerRow, cell: Cells) -> list:
    result = "\n".join(x for x in (r.resolution, r.satisfaction) if x)
    return [
        str(n),
        cell(1, r.number),  # a string unless an 8-symbol station code makes it too long for the column
        f"{r.registered_at:%Y-%m-%d}",
        cell(3, r.visitor_names),
        cell(4, r.village),
        cell(5, r.category),
        cell(6, scrub(r.summary)),
        r.triage,
        cell(8, r.department),
        f"{r.deadline:%Y-%m-%d}" if r.deadline else [],
        cell(10, r.status),
        cell(11, result),
    ]


def _summary(data: LedgerData) -> str:
    closed = sum(1 for r in data.rows if r.status == "已办结")
    return f"本台账共登记社情民意 {len(data.rows)} 件，其中已办结 {closed} 件。"


def ledger_flowables(data: LedgerData, styles: Styles, width: float, report: GlyphReport) -> list[Flowable]:
    rows = data.rows
    where = f"{data.township} " if data.township and data.township not in data.station_name else ""
    return [
        Paragraph(TITLE, styles.title),
        Paragraph(markup(f"{where}{data.station_name}", report, "站名"), styles.heading),
        Paragraph(markup(data.filter_text), styles.cell_center),
        Spacer(1, 4 * mm),
        long_table(COLUMNS, len(rows), lambda i, cell: _row(i + 1, rows[i], cell), styles, width, report,
                   empty="所选范围内没有案件"),
        Spacer(1, 1.5 * mm),
        blank_below(styles),
        closing_block(styles, width, _summary(data), SIGNERS),
    ]


def footer(copy: Copy) -> str:
    return f"打印时间：{copy.printed_at:%Y-%m-%d %H:%M}" if copy.printed_at else ""


def build_ledger(data: LedgerData, *, duplex: bool = False) -> PrintedPdf:
    """The ledger as a PDF (A4 landscape, bound on the left, 第 X 页 共 Y 页, signature lines)."""
    data = masked(data)  # ID, phone and bank-card numbers never print in full (domain.masking)
    report = GlyphReport()
    styles = make_styles(10)
    head = RunningHead(data.station_name, TITLE, data.filter_text[:40], footer(data.copy),
                       mark=REPRINT if data.copy.reprint else "")
    buf = io.BytesIO()
    doc = BoundBookDoc(buf, head, duplex=duplex, report=report)
    pages = doc.build_pdf(ledger_flowables(data, styles, doc.content_width, report))
    return PrintedPdf(buf.getvalue(), pages=pages, warnings=report.warnings)
