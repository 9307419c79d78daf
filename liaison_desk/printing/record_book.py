"""The deputy duty record book (人大代表履职登记册): one deputy, one year — cover, contents, one table per
kind of duty with its totals, the score summary, and the check signatures."""

from __future__ import annotations

import contextvars
import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from ..domain.masking import mask_phone_field, masked
from .fasttable import FastTable
from .fonts import GlyphReport, markup
from .model import PrintedPdf
from .model_docs import RecordBookData, ScoreSummary
from .pages import OUTER, TOP, BoundBookDoc, RunningHead, draw_mark, signature_block
from .tables import Column, small_table
from .text import Styles, make_styles

TITLE = "人大代表履职登记册"
SIGNERS = ("代表本人", "代表小组组长", "乡镇人大主席团审核人")
SCORE_TITLE = "履职积分汇总"
NUMERALS = "一二三四五六七八九十"


def numeral(n: int) -> str:
    """1 → 一, 11 → 十一, 20 → 二十 (section numbers up to 99)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else NUMERALS[tens - 1] + "十")
    return head + (NUMERALS[ones - 1] if ones else "")


@dataclass(frozen=True)
class Section:
    title: str
    unit: str  # what the total counts: 次, 件, 批次
    columns: tuple[Column, ...]
    summed: tuple[int, ...] = ()  # columns added up in the totals row


_ACTIVITY = (Column("日期", 24, "CENTER"), Column("活动名称", 52, "LEFT"), Column("地点", 30, "LEFT"),
             Column("内容摘要", None, "LEFT"))

# Order of the book; the service fills each section's rows in the order of its columns.
SECTIONS: dict[str, Section] = {
    "shifts": Section("进站值班", "班次", (Column("日期", 26, "CENTER"), Column("班次", 18, "CENTER"),
                                          Column("签到", 20, "CENTER"), Column("签退", 20, "CENTER"),
                                          Column("接待来访（批次）", 30, "CENTER"), Column("交班说明", None, "LEFT")),
                      summed=(4,)),
    "receptions": Section("接待选民", "批次", (Column("日期", 22, "CENTER"), Column("来访人", 22, "LEFT"),
                                               Column("人数", 11, "CENTER"), Column("村（社区）", 22, "LEFT"),
                                               Column("反映事项", None, "LEFT"), Column("案件编号", 36, "CENTER")),
                          summed=(2,)),
    "household_visits": Section("走访选民", "次", (Column("日期", 24, "CENTER"), Column("走访地点", 34, "LEFT"),
                                                  Column("走访内容", None, "LEFT"), Column("走访户数", 20, "CENTER")),
                                summed=(3,)),
    "cases": Section("跟踪办理社情民意", "件", (Column("案件编号", 36, "CENTER"), Column("登记日期", 22, "CENTER"),
                                               Column("反映事项", None, "LEFT"), Column("承办单位", 26, "LEFT"),
                                               Column("状态", 16, "CENTER"), Column("结果", 18, "CENTER"))),
    "activities": Section("参加联络站活动", "次", _ACTIVITY),
    "inspections": Section("视察调研", "次", _ACTIVITY),
    "trainings": Section("学习培训", "次", _ACTIVITY),
    "meetings": Section("参加会议", "次", _ACTIVITY),
    "suggestions": Section("提出建议", "件", _ACTIVITY),
    "reports": Section("向选民述职", "次", _ACTIVITY),
    # 述职评议 (issue 18): the voters' ballot after a report, as accepted (with amendments) and judged
    "appraisals": Section("选民评议", "次", (Column("日期", 24, "CENTER"), Column("地点", None, "LEFT"),
                                              Column("到会选民", 20, "CENTER"), Column("称职", 16, "CENTER"),
                                              Column("基本称职", 20, "CENTER"), Column("不称职", 18, "CENTER"),
                                              Column("称职票比例", 24, "CENTER"), Column("评议结果", 24, "CENTER"))),
}


def _number(value: str | None) -> float:
    try:
        return float(value or 0)
    except ValueError:
        return 0.0


def _total(section: Section, rows: Sequence[Sequence[str | None]]) -> list[str | None]:
    out: list[str | None] = [None] * len(section.columns)
    out[0] = "合计"
    out[1] = f"{len(rows)} {section.unit}"
    for i in section.summed:
        s = sum(_number(r[i]) for r in rows)
        out[i] = f"{s:g}"
    return out


# Set during the first of the two builds, which only finds where sections start: tables are laid out (that
# decides the pages) but not drawn, and the file is not written — drawing was half of a build's time.
_LAYOUT_ONLY: contextvars.ContextVar[bool] = contextvars.ContextVar("record_book_layout_only", default=False)


class _BookTable(FastTable):
    """A table that skips drawing during the layout-only pass (``Table.split`` makes more of its class)."""

    def draw(self):
        if not _LAYOUT_ONLY.get():
            super().draw()


class _LayoutCanvas(Canvas):
    """The layout-only pass's canvas: pages are counted, nothing is kept or written."""

    def showPage(self) -> None:
        self._startPage()  # type: ignore[attr-defined]  # Canvas's own page reset, not in ReportLab's stubs

    def save(self):
        pass


class _Anchor(Flowable):
    """Zero-size marker: the document notes the page a section starts on (for the contents)."""

    def __init__(self, key: str):
        super().__init__()
        self.key = key

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        pass


class RecordBookDoc(BoundBookDoc):
    """A portrait bound book whose first page, the cover, carries no running header."""

    def __init__(self, out, head: RunningHead, **kw):
        super().__init__(out, head, portrait=True, **kw)
        self.starts: dict[str, int] = {}

    def build_pdf(self, flowables: list[Flowable]) -> int:
        if not _LAYOUT_ONLY.get():
            return super().build_pdf(flowables)
        self.build(flowables, canvasmaker=_LayoutCanvas)
        return self.page

    def afterFlowable(self, flowable):
        if isinstance(flowable, _Anchor):
            self.starts.setdefault(flowable.key, self.page)

    def decorate(self, canv: Canvas, page: int, total: int) -> None:
        if _LAYOUT_ONLY.get():
            return
        if page == 1:
            self._binding_guide(canv, page)
            if self.head.mark:  # the cover has no running head, but a 补打 copy says so on every page
                draw_mark(canv, self.pagesize[0] - OUTER, self.pagesize[1] - TOP + 12.5 * mm, self.head.mark)
            return
        super().decorate(canv, page, total)


def _cover(d: RecordBookData, styles: Styles, width: float, report: GlyphReport) -> list[Flowable]:
    big = styles.title.__class__("cover", parent=styles.title, fontSize=30, leading=40)
    year = styles.title.__class__("year", parent=styles.heading, fontSize=20, leading=28)
    info = [("代表姓名", d.deputy_name), ("代表层级", d.level), ("选区", d.constituency or "—"),
            ("所在小组", d.group or "—"), ("进站联络站", d.station_name),
            ("联系电话", mask_phone_field(d.deputy_phone) if d.deputy_phone else "—")]
    rows = [[Paragraph(label, styles.body), Paragraph(markup(value, report, label), styles.body)] for label, value in info]
    t = Table(rows, colWidths=[30 * mm, 80 * mm], rowHeights=11 * mm)
    t.setStyle(TableStyle([("LINEBELOW", (1, 0), (1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                           ("FONTSIZE", (0, 0), (-1, -1), 13)]))
    return [Spacer(1, 45 * mm), Paragraph(TITLE, big), Spacer(1, 8 * mm), Paragraph(f"（{d.year} 年度）", year),
            Spacer(1, 40 * mm), t, Spacer(1, 30 * mm),
            Paragraph("一人一册　如实登记　年终考评依据", styles.heading), PageBreak()]


def _contents(keys: Sequence[str], starts: dict[str, int], styles: Styles, width: float) -> list[Flowable]:
    rows = []
    for i, key in enumerate(keys):
        title = SECTIONS[key].title if key in SECTIONS else SCORE_TITLE
        rows.append([f"{numeral(i + 1)}、{title}", f"{starts.get(key, 0) or '—'}"])
    t = Table(rows, colWidths=[width - 30 * mm, 30 * mm], rowHeights=10 * mm)
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), styles.body.fontName, 12),
                           ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.Color(0.6, 0.6, 0.6), None, (1, 2)),
                           ("ALIGN", (1, 0), (1, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    return [Paragraph("目　录", styles.title), Spacer(1, 6 * mm), t, PageBreak()]


def _score_page(score: ScoreSummary | None, styles: Styles, width: float, report: GlyphReport) -> list[Flowable]:
    if score is None:
        return [Paragraph("本年度履职积分尚未计算（积分规则未设置）。由乡镇人大按当地积分办法核定后填写：", styles.body),
                Spacer(1, 3 * mm),
                small_table((Column("积分合计", None, "CENTER"), Column("等次", None, "CENTER"),
                             Column("核定人", None, "CENTER")), [("", "", "")], styles, width, report)]
    cols = (Column("类别", 34, "LEFT"), Column("积分项目", None, "LEFT"), Column("次数", 22, "CENTER"),
            Column("积分", 24, "CENTER"))
    rows = [(ln.category or None, ln.item, "" if ln.count is None else str(ln.count),
             f"{ln.points:g}" + ("（封顶）" if ln.capped else "")) for ln in score.lines]
    total = ["合计", None, None, f"{score.total:g}"]
    out: list[Flowable] = [small_table(cols, rows, styles, width, report, total=total)]
    grade = f"履职积分 {score.total:g} 分" + (f"，等次：{score.grade}" if score.grade else "") + "。"
    out += [Spacer(1, 3 * mm), Paragraph(markup(grade), styles.body)]
    if score.note:
        out.append(Paragraph(markup(score.note, report, "积分说明"), styles.small))
    return out


def record_book_flowables(d: RecordBookData, styles: Styles, width: float, report: GlyphReport,
                          starts: dict[str, int]) -> list[Flowable]:
    by_key = {s.key: s for s in d.sections}
    keys = [k for k in SECTIONS if k in by_key] + ["score"]
    out = _cover(d, styles, width, report) + _contents(keys, starts, styles, width)
    for i, key in enumerate(keys):
        heading = f"{numeral(i + 1)}、"
        if key == "score":
            out += [_Anchor(key), Paragraph(heading + SCORE_TITLE, styles.heading), Spacer(1, 2 * mm),
                    *_score_page(d.score, styles, width, report),
                    Spacer(1, 6 * mm), signature_block(styles, width, SIGNERS, opinion=True)]
            continue
        sec, rows = SECTIONS[key], by_key[key].rows
        out += [_Anchor(key), Paragraph(heading + sec.title, styles.heading), Spacer(1, 2 * mm),
                small_table(sec.columns, rows, styles, width, report, total=_total(sec, rows) if rows else None,
                            empty="本年度无记录", table_class=_BookTable),
                PageBreak()]
    return out


def _build(d: RecordBookData, starts: dict[str, int]) -> tuple[bytes, int, dict[str, int], GlyphReport]:
    report = GlyphReport()
    styles = make_styles(10)
    footer = f"打印时间：{d.copy.printed_at:%Y-%m-%d %H:%M}" if d.copy.printed_at else ""
    head = RunningHead(d.station_name, TITLE, f"{d.deputy_name}　{d.year} 年度", footer,
                       mark="补打" if d.copy.reprint else "")
    buf = io.BytesIO()
    doc = RecordBookDoc(buf, head, report=report)
    pages = doc.build_pdf(record_book_flowables(d, styles, doc.content_width, report, starts))
    return buf.getvalue(), pages, doc.starts, report


def build_record_book(d: RecordBookData) -> PrintedPdf:
    """The book as an A4 portrait PDF. Built twice: a layout-only pass finds the page each section starts
    on, the second prints the contents with them (the contents page has a fixed size, so nothing moves; if
    something ever did, a third pass uses the numbers the second one found)."""
    d = masked(d)  # ID, phone and bank-card numbers never print in full (domain.masking)
    token = _LAYOUT_ONLY.set(True)
    try:
        _, _, starts, _ = _build(d, {})
    finally:
        _LAYOUT_ONLY.reset(token)
    data, pages, again, report = _build(d, starts)
    if again != starts:
        data, pages, again, report = _build(d, again)
    return PrintedPdf(data, pages=pages, warnings=report.warnings)
