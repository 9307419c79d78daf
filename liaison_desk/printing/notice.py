"""The public notice (公示) for the village notice board: one A4 sheet in large type, read standing in front
of a wall. It gives the period, the figures (件数, 办结率, 满意率), one line per kind of matter in public
wording — village, category and outcome, counted — and the 公示期 with a phone for objections.

Nothing a constituent wrote is printed (the free text can name a household: "…一户危房…老人独居"): each
case is shown only by its village, category and result (``NoticeRow.public_line``), and cases that read the
same are counted together. No name, phone number or case number is printed: a notice board is public."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ..domain.masking import masked
from .fonts import FONT, GlyphReport, ensure_fonts, markup
from .model import PrintedPdf
from .model_docs import NoticeData, NoticeRow
from .pages import draw_mark, numbered_canvas
from .text import make_styles

TITLE = "社情民意办理情况公示"
OBJECTION_DAYS = 7
MARGIN = 15 * mm
SIZES = (16.0, 15.0, 14.0, 13.0, 12.0)  # the item lines step down until the sheet holds them; never below 12 pt
BODY_PT = 16.0


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v:.1f}%"


def public_line(r: NoticeRow) -> str:
    """A case as the public may read it: village, category, outcome — never the text of the matter."""
    outcome = r.status + (f"（{r.resolution}）" if r.resolution else "")
    return "，".join(x for x in (r.village or "本站", r.category or "其他事项", outcome) if x)


def _grouped(rows: Sequence[NoticeRow]) -> list[tuple[str, int]]:
    """Cases that read the same in public wording, counted together; most frequent first."""
    counts = Counter(r.public_summary or public_line(r) for r in rows)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _date(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _style(name: str, size: float, align=TA_LEFT, **kw) -> ParagraphStyle:
    return ParagraphStyle(name, parent=make_styles(size).body, fontName=FONT, fontSize=size,
                          leading=size * 1.4, alignment=align, **kw)


def _figures(d: NoticeData, width: float) -> Table:
    """The figures in a box: what the village reads first."""
    big, small = _style("fig", 26, TA_CENTER), _style("figl", 13, TA_CENTER)
    listed = d.total - d.withdrawn  # the lines below, and what the closure rate is taken over
    cells = [[Paragraph(f"{listed}件", big), Paragraph(_pct(d.closure_rate), big), Paragraph(_pct(d.satisfaction_rate), big)],
             [Paragraph("收集群众意见建议", small), Paragraph(f"办结率（已办结{d.closed}件）", small),
              Paragraph(f"满意率（回访{d.rated}件）", small)]]
    t = Table(cells, colWidths=[width / 3] * 3)
    t.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, colors.black),
                           ("LINEAFTER", (0, 0), (-2, -1), 0.6, colors.Color(0.5, 0.5, 0.5)),
                           ("TOPPADDING", (0, 0), (-1, 0), 8), ("BOTTOMPADDING", (0, -1), (-1, -1), 8)]))
    return t


def _items(groups: list[tuple[str, int]], size: float, width: float, report: GlyphReport,
           limit: int | None = None) -> list[Flowable]:
    style = _style("item", size)
    shown = groups if limit is None else groups[:limit]
    out: list[Flowable] = [Paragraph(markup(f"{i}. {text}" + (f"，共{n}件" if n > 1 else ""), report, "公示事项"), style)
                           for i, (text, n) in enumerate(shown, start=1)]
    rest = sum(n for _, n in groups[len(shown):])
    if rest:
        out.append(Paragraph(f"另有{rest}件，详见联络站社情民意台账（可到站查阅）。", style))
    if not groups:
        out.append(Paragraph("本期没有收集到群众意见建议。", style))
    return out


def notice_flowables(d: NoticeData, width: float, report: GlyphReport, size: float,
                     limit: int | None = None) -> list[Flowable]:
    body = _style("body", BODY_PT, firstLineIndent=2 * BODY_PT)
    start = d.issued_on
    period = (f"公示期：{_date(start)}至{_date(start + dt.timedelta(days=OBJECTION_DAYS - 1))}"
              f"（{OBJECTION_DAYS}天）。" if start else f"公示期：自张贴之日起{OBJECTION_DAYS}天。")
    ask = f"对公示内容有异议的，请在公示期内向联络站反映，电话：{d.station_phone}。" if d.station_phone else \
        "对公示内容有异议的，请在公示期内到联络站反映。"
    out: list[Flowable] = [
        Paragraph(TITLE, _style("title", 30, TA_CENTER, spaceAfter=6)),
        Paragraph(markup(d.station_name, report, "站名"), _style("station", 18, TA_CENTER, spaceAfter=8)),
        Paragraph(markup(f"{_date(d.date_from)}至{_date(d.date_to)}，本站共收集群众意见建议{d.total - d.withdrawn}件"
                         f"{f'（另有{d.withdrawn}件已由反映人撤回）' if d.withdrawn else ''}，办理情况公示如下。"
                         "为保护个人信息，不公示反映人姓名、联系方式和反映的具体内容。", report, "说明"), body),
        Spacer(1, 4 * mm), _figures(d, width), Spacer(1, 5 * mm),
        Paragraph("办理情况", _style("h", 18, spaceAfter=4)),
        *_items(_grouped(d.rows), size, width, report, limit),
        Spacer(1, 5 * mm),
        Paragraph(period + ask, body),
        Spacer(1, 6 * mm),
        Paragraph(markup(d.station_name, report, "站名"), _style("sig", BODY_PT, TA_RIGHT)),
    ]
    if d.issued_on:
        out.append(Paragraph(_date(d.issued_on), _style("date", BODY_PT, TA_RIGHT)))
    return out


def _fits(flows: list[Flowable], width: float, height: float) -> bool:
    total = 0.0
    for i, f in enumerate(flows):
        total += f.wrap(width, height)[1] + f.getSpaceAfter() + (f.getSpaceBefore() if i else 0)
    return total <= height - 2


def build_notice(d: NoticeData) -> PrintedPdf:
    """The notice as one A4 portrait sheet in large type, for the wall: the item lines step down from 16 pt
    to 12 pt until they fit, then the rarest are counted in one closing line."""
    d = masked(d)  # ID, phone and bank-card numbers never print in full (domain.masking)
    ensure_fonts()
    report = GlyphReport()
    width, height = A4[0] - 2 * MARGIN, A4[1] - 2 * MARGIN
    groups = _grouped(d.rows)
    flows: list[Flowable] = []
    for size in SIZES:
        flows = notice_flowables(d, width, report, size)
        if _fits(flows, width, height):
            break
    else:
        limit = len(groups)
        while limit > 0:
            limit -= 1
            flows = notice_flowables(d, width, report, SIZES[-1], limit)
            if _fits(flows, width, height):
                break
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                          bottomMargin=MARGIN, title=TITLE, author=d.station_name, creator="LiaisonDesk")
    doc.addPageTemplates([PageTemplate("sheet", [Frame(MARGIN, MARGIN, width, height, leftPadding=0, rightPadding=0,
                                                       topPadding=0, bottomPadding=0)])])

    def decorate(canv, page: int, total: int) -> None:
        if d.copy.reprint:
            draw_mark(canv, A4[0] - 8 * mm, A4[1] - 9 * mm)

    doc.build(flows, canvasmaker=numbered_canvas(decorate))
    return PrintedPdf(buf.getvalue(), pages=doc.page, warnings=report.warnings)
