"""The month-end pack for the township (月末报送材料): one A4 landscape PDF holding, in this order, the figures
sheet with its charts (一、主要指标 … 问题清单 … 通报, then 每月案件数 and 办结率、满意率走势), the month's visitor
register (来访登记簿) and the ledger of open cases (未办结社情民意台账) — each section starting on a new page,
with the station and 月末报送材料 on every page and "第 X 页 共 Y 页" at the foot (the bound book's layout)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer

from ..domain.masking import masked
from ..domain.reports import Report
from .charts import MonthPoint, cases_chart, rates_chart
from .fonts import GlyphReport
from .ledger import ledger_flowables
from .model import PrintedPdf, RegisterData
from .model_docs import LedgerData
from .pages import BoundBookDoc, RunningHead
from .register import register_flowables
from .report_sheet import report_flowables
from .text import make_styles

TITLE = "月末报送材料"
SECTIONS = ("统计表", "统计图", "来访登记簿", "未办结社情民意台账")
CHART_HEIGHT = 72 * mm


@dataclass(frozen=True)
class MonthPackData:
    report: Report  # the month's report (its 问题清单 and 通报 table included)
    months: Sequence[MonthPoint]  # the charts' months, oldest first
    register: RegisterData  # the month's visits
    ledger: LedgerData  # every case open at the cut-off
    printed_at_text: str = ""  # 打印时间 at the foot of every page


def month_pack_flowables(data: MonthPackData, width: float, glyphs: GlyphReport) -> list[Flowable]:
    styles = make_styles(10)
    out: list[Flowable] = list(report_flowables(data.report, glyphs))
    out += [CondPageBreak(2 * CHART_HEIGHT + 20 * mm), Paragraph("统计图", styles.heading), Spacer(1, 2 * mm),
            cases_chart(data.months, width, CHART_HEIGHT, font_size=9), Spacer(1, 6 * mm),
            rates_chart(data.months, width, CHART_HEIGHT, font_size=9), PageBreak()]
    out += register_flowables(masked(data.register), styles, width, glyphs)
    out.append(PageBreak())
    out += ledger_flowables(masked(data.ledger), styles, width, glyphs)
    return out


def build_month_pack(data: MonthPackData) -> PrintedPdf:
    """The pack as one PDF (phone, ID and bank-card numbers masked as in every printed register or ledger)."""
    glyphs = GlyphReport()
    buf = io.BytesIO()
    head = RunningHead(data.report.scope, TITLE, data.report.period.label(), data.printed_at_text)
    doc = BoundBookDoc(buf, head, report=glyphs, binding_guide=False)
    pages = doc.build_pdf(month_pack_flowables(data, doc.content_width, glyphs))
    return PrintedPdf(buf.getvalue(), pages=pages, warnings=glyphs.warnings)
