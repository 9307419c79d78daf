"""The visitor register (来访登记簿): an A4 bound book of visits, header repeated on every page, masked phones."""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from ..domain.masking import mask_phone_field, masked
from .fasttable import break_lines, text_width
from .fonts import FONT, GlyphReport, markup, runs
from .longtable import PagedTable
from .model import PrintedPdf, RegisterData, RegisterRow
from .pages import BoundBookDoc, RunningHead, blank_below, closing_block
from .tables import LINE_COMMANDS, Column, cell_commands
from .text import Styles, make_styles

TITLE = "来访登记簿"
SIGNERS = ("联络站负责人", "乡镇（街道）人大检查人", "县人大常委会检查人")
PAD = 3.0  # points of padding left and right in every cell

# (heading, width in mm or None for "the rest", align). Widths fit the longest usual value at 9 pt in the
# bundled font (whose digits are wide): a case number is 31.7 mm, a masked landline 22.7 mm.
COLUMNS: tuple[tuple[str, float | None, str], ...] = (
    ("序号", 13, "CENTER"),
    ("来访时间", 21, "CENTER"),
    ("来访人", 24, "LEFT"),
    ("人数", 9, "CENTER"),
    ("联系电话", 24, "CENTER"),
    ("村（社区）", 21, "LEFT"),
    ("来访方式", 18, "CENTER"),
    ("反映事项", None, "LEFT"),
    ("类别", 17, "LEFT"),
    ("案件编号", 35, "CENTER"),
    ("接待代表", 17, "CENTER"),
)


def column_widths(total: float) -> list[float]:
    fixed = sum(w * mm for _, w, _ in COLUMNS if w)
    return [w * mm if w else total - fixed for _, w, _ in COLUMNS]


class _Cells:
    """Turns values into table cells: a plain string, broken into lines under the Chinese rules, when every
    glyph is in the bundled font (strings cost a fraction of a Paragraph); a Paragraph otherwise — so a rare
    character gets its fallback font or a visible □, and a very long cell can split across pages."""

    def __init__(self, styles: Styles, widths: Sequence[float], report: GlyphReport):
        self.size = styles.cell.fontSize
        self.styles = [styles.cell_center if a == "CENTER" else styles.cell for _, _, a in COLUMNS]
        self.room = [w - 2 * PAD for w in widths]
        self.report = report
        self._plain: dict[tuple[int, str], str | None] = {}

    def __call__(self, col: int, text: str | None, where: str) -> str | list | Paragraph:
        if not text:
            return []  # an empty list draws nothing; "" would still cost a text object per cell
        key = (col, text)
        plain = self._plain.get(key)
        if plain is None and key not in self._plain:  # None is also a cached answer: "needs a Paragraph"
            plain = self._as_string(col, text)
            if len(self._plain) < 50_000:
                self._plain[key] = plain
        if plain is not None:
            return plain
        return Paragraph(markup(text, self.report, where), self.styles[col])

    def _as_string(self, col: int, text: str) -> str | None:
        r = runs(text)
        if "\n" in text or not (len(r) == 1 and r[0][1] == FONT and r[0][0] == text):
            return None
        room = self.room[col]
        paren = text.find("（")
        if paren > 0 and text_width(text, FONT, self.size) > room and \
                text_width(text[:paren], FONT, self.size) <= room:
            text = text[:paren] + "\n" + text[paren:]  # 网上 / （小程序）, not 网上（小 / 程序）
        return break_lines(text, FONT, self.size, room)


def _row(n: int, v: RegisterRow, cell: _Cells) -> list:
    when = v.occurred_at
    return [
        str(n),
        f"{when:%Y-%m-%d}\n{when:%H:%M}",
        cell(2, v.visitor_names, "来访人"),
        str(v.headcount),
        cell(4, mask_phone_field(v.visitor_phone) if v.visitor_phone else None, "联系电话"),
        cell(5, v.village, "村（社区）"),
        cell(6, v.channel, "来访方式"),
        cell(7, v.matter, "反映事项"),
        cell(8, v.category, "类别"),
        cell(9, v.case_number, "案件编号"),
        cell(10, v.received_by, "接待代表"),
    ]


def register_table(rows: Sequence[RegisterRow], styles: Styles, width: float, report: GlyphReport) -> PagedTable:
    """The register's table: header repeated on every page; a row taller than what is left of a page moves
    on, one taller than a whole page splits inside the row (``splitInRow``), so a long cell never fails the
    build. Rows are turned into cells a page at a time (``PagedTable``), so memory and time stay linear."""
    widths = column_widths(width)
    cell = _Cells(styles, widths, report)
    header = [Paragraph(h, styles.header_cell) for h, _, _ in COLUMNS]
    if rows:
        count, make_row = len(rows), (lambda i: _row(i + 1, rows[i], cell))
    else:
        empty = ["", "", "", "", "", "", "", Paragraph("本期无来访登记", styles.cell), "", "", ""]
        count, make_row = 1, (lambda i: empty)
    cell_cmds = cell_commands([Column(heading, None, align) for heading, _, align in COLUMNS], styles)
    line_cmds = list(LINE_COMMANDS)
    return PagedTable(header, count, make_row, widths, cell_cmds, line_cmds)


def _summary(rows: Sequence[RegisterRow]) -> str:
    people = sum(max(r.headcount, 1) for r in rows)
    cases = sum(1 for r in rows if r.case_number)
    return f"本期共登记来访 {len(rows)} 批次、{people} 人次，其中登记为案件 {cases} 件。"


def register_flowables(data: RegisterData, styles: Styles, width: float, report: GlyphReport) -> list[Flowable]:
    period = f"{data.date_from:%Y年%m月%d日} 至 {data.date_to:%Y年%m月%d日}"
    where = f"{data.township} " if data.township and data.township not in data.station_name else ""
    return [
        Paragraph(TITLE, styles.title),
        Paragraph(markup(f"{where}{data.station_name}", report, "站名"), styles.heading),
        Paragraph(f"登记期间：{period}", styles.cell_center),
        Spacer(1, 4 * mm),
        register_table(data.rows, styles, width, report),
        Spacer(1, 1.5 * mm),
        blank_below(styles),
        closing_block(styles, width, _summary(data.rows), SIGNERS),
    ]


def build_register(data: RegisterData, *, duplex: bool = False, reprint: bool = False) -> PrintedPdf:
    """The register as a PDF. Phone numbers are masked here (138****5678); there is no ID number column.
    ``reprint`` marks every page 补打 (a second copy of the same period)."""
    data = masked(data)  # ID, phone and bank-card numbers never print in full (domain.masking)
    if data.date_to < data.date_from:
        raise ValueError("date_to before date_from")  # the service turns bad input into a DomainError first
    report = GlyphReport()
    styles = make_styles(10)
    period = f"{data.date_from:%Y-%m-%d} 至 {data.date_to:%Y-%m-%d}"
    footer = f"打印时间：{data.printed_at:%Y-%m-%d %H:%M}" if data.printed_at else ""
    buf = io.BytesIO()
    head = RunningHead(data.station_name, TITLE, period, footer, mark="补打" if reprint else "")
    doc = BoundBookDoc(buf, head, duplex=duplex, report=report)
    pages = doc.build_pdf(register_flowables(data, styles, doc.content_width, report))
    return PrintedPdf(buf.getvalue(), pages=pages, warnings=report.warnings)
