"""Excel workbooks as offices exchange them: the period report (figures, breakdown, 问题清单, 通报; openpyxl)
and the ledger of open cases (streamed by ``xlsx_stream``: 100,000 rows in seconds and bounded memory).

Every sheet has a title row, Chinese headers, a frozen header row, column widths that fit Chinese (a wide
character counts two), dates stored as dates, numbers as numbers, a totals row, and A4 landscape print setup
with the title and header rows repeated on every page. Text that starts like a formula (= + - @, or a tab or
carriage return) is stored as text with Excel's quote prefix, so it can never run as a formula.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ...domain.masking import mask_text
from ...domain.reports import DIMENSIONS, FIGURES, Figures, Report, change, figure_value
from .xlsx_stream import S_BOLD, S_HEADER, S_TITLE, SheetStream, StreamColumn

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
PCT_FORMAT = '0.00"%"'  # rates are stored as percentages (94.26), shown with a % sign, never rescaled
MAX_WIDTH = 60
BOLD = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")
FLAG_FILL = PatternFill("solid", fgColor="F4CCCC")  # a 通报 row below its threshold
WRAP = Alignment(wrap_text=True, vertical="top")


def text_width(value: Any) -> int:
    """Display width in Excel's character units: East-Asian wide and full-width characters count two."""
    if value is None:
        return 0
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, float):
        return len(f"{value:.2f}")
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in str(value))


def safe_text(value: str) -> tuple[str, bool]:
    """(text, needs the quote prefix): a value that would start a formula is kept as the text it is."""
    return value, value.startswith(FORMULA_START)


@dataclass(frozen=True)
class Col:
    header: str
    kind: str = "text"  # text | int | rate | float | date | datetime
    max_width: int = MAX_WIDTH


def _fit(widths: list[int], row: Sequence[Any]) -> None:
    for i, v in enumerate(row):
        widths[i] = max(widths[i], text_width(v))


def _set_cell(cell: Any, value: Any, col: Col) -> None:
    """One value into a (normal or write-only) cell with its type and format."""
    if isinstance(value, str):
        text, quote = safe_text(value)
        cell.value = text
        cell.data_type = "s"  # openpyxl takes a leading = for a formula: a string stays a string
        if quote:
            cell.quotePrefix = True
        if col.kind == "text" and len(text) > 30:
            cell.alignment = WRAP
        return
    cell.value = value
    if value is None:
        return
    if col.kind == "date":
        cell.number_format = DATE_FORMAT
    elif col.kind == "datetime":
        cell.number_format = DATETIME_FORMAT
    elif col.kind == "rate":
        cell.number_format = PCT_FORMAT
    elif col.kind == "float":
        cell.number_format = "0.0"


def _print_setup(ws: Any, header_row: int, ncols: int) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"1:{header_row}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"


def write_table(ws: Worksheet, title: str, subtitle: str, cols: Sequence[Col], rows: Iterable[Sequence[Any]],
                *, totals: Sequence[Any] | None = None,
                flag: Callable[[int], bool] | None = None) -> None:
    """A titled table on a normal worksheet: title, subtitle, header (frozen), rows, an optional totals row."""
    ws.append([title])
    ws["A1"].font = TITLE_FONT
    ws.append([subtitle])
    ws.append([c.header for c in cols])
    header_row = 3
    widths = [text_width(c.header) for c in cols]
    for cell in ws[header_row]:
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    r = header_row
    for n, row in enumerate(rows):
        r += 1
        _fit(widths, row)
        for i, (value, col) in enumerate(zip(row, cols, strict=True), start=1):
            cell = ws.cell(row=r, column=i)
            _set_cell(cell, value, col)
            if flag is not None and flag(n):
                cell.fill = FLAG_FILL
    if totals is not None:
        r += 1
        _fit(widths, totals)
        for i, (value, col) in enumerate(zip(totals, cols, strict=True), start=1):
            cell = ws.cell(row=r, column=i)
            _set_cell(cell, value, col)
            cell.font = BOLD
    for i, (w, col) in enumerate(zip(widths, cols, strict=True), start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(max(w, 4), col.max_width) + 2
    ws.freeze_panes = f"A{header_row + 1}"
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(cols))
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(cols))
    _print_setup(ws, header_row, len(cols))


def _value(f: Figures | None, key: str) -> float | int | None:
    return None if f is None else figure_value(f, key)


def _kind(key: str) -> str:
    k = next(d.kind for d in FIGURES if d.key == key)
    return "int" if key == "p90_days" else {"count": "int", "rate": "rate", "days": "float"}[k]


def report_workbook(report: Report) -> Workbook:
    """The report as a workbook: 统计表 (figures with 上期 and 去年同期), 分组统计, 问题清单, 通报."""
    wb = Workbook()
    p = report.period
    subtitle = (f"统计期间：{p.label()}（{p.first.isoformat()} 至 {p.last.isoformat()}，按登记日期）　"
                f"数据截至：{report.as_of:%Y-%m-%d %H:%M}")
    prev, ly = p.previous(), p.last_year()
    ws = wb.active
    assert ws is not None
    ws.title = "统计表"
    cols = [Col("指标", max_width=20), Col(f"本期（{p.label()}）", "float"), Col(f"上期（{prev.label()}）", "float"),
            Col("比上期增减", "float"), Col(f"去年同期（{ly.label()}）", "float"), Col("比去年同期增减", "float")]
    rows = []
    for d in FIGURES:
        now = _value(report.totals, d.key)
        rows.append([d.zh, now, _value(report.previous, d.key), change(now, _value(report.previous, d.key)),
                     _value(report.last_year, d.key), change(now, _value(report.last_year, d.key))])
    write_table(ws, report.title, subtitle, cols, rows)
    for r, d in enumerate(FIGURES, start=4):  # per-row formats: a rate row shows %, a count row whole numbers
        for c in range(2, 7):
            whole = d.kind == "count" or d.key == "p90_days"  # the percentile is a whole number of days
            ws.cell(row=r, column=c).number_format = "0" if whole else {"rate": PCT_FORMAT, "days": "0.0"}[d.kind]

    if report.by is not None:
        ws = wb.create_sheet("分组统计")
        dim = DIMENSIONS[report.by][0]
        cols = [Col(dim, max_width=30)] + [Col(d.zh, _kind(d.key)) for d in FIGURES]
        body = [[r.label] + [_value(r.figures, d.key) for d in FIGURES] for r in report.breakdown]
        totals = ["合计"] + [_value(report.totals, d.key) for d in FIGURES]
        write_table(ws, f"{report.title}（按{dim}）", subtitle, cols, body, totals=totals)

    ws = wb.create_sheet("问题清单")
    cols = [Col("序号", "int"), Col("问题类别", max_width=16), Col("村（社区）", max_width=16),
            Col("问题", max_width=50), Col("件数", "int"), Col("已办结", "int"), Col("未办结", "int"),
            Col("超期", "int"), Col("办理情况", max_width=30), Col("案件编号", max_width=60)]
    body = [[i, q.category, q.village, mask_text(q.title), q.count, q.closed, q.open, q.overdue, q.state,
             "、".join(q.numbers)] for i, q in enumerate(report.problems, start=1)]
    totals = ["合计", None, None, None, sum(q.count for q in report.problems),
              sum(q.closed for q in report.problems), sum(q.open for q in report.problems),
              sum(q.overdue for q in report.problems), None, None]
    write_table(ws, f"{report.scope}{p.label()}问题清单", subtitle, cols, body, totals=totals)

    ws = wb.create_sheet("通报")
    names = {"department": "承办单位", "station": "联络站"}
    cols = [Col("类型"), Col("名称", max_width=30), Col("交办（件）", "int"), Col("应答复（件）", "int"),
            Col("回复率", "rate"), Col("按期办结率", "rate"), Col("办结率", "rate"), Col("满意率", "rate"),
            Col("低于标准", max_width=40)]
    notices = list(report.notices)
    label = {t.metric: t.label() for t in report.thresholds}
    body = [[names.get(n.kind, n.kind), n.name, n.figures.assigned, n.figures.counts.due, n.figures.reply_rate,
             n.figures.on_time_rate, n.figures.closure_rate, n.figures.satisfaction_rate,
             "；".join(label[m] for m in n.below) or None] for n in notices]
    standard = "；".join(t.label() for t in report.thresholds) or "（未设标准）"
    write_table(ws, f"{report.scope}{p.label()}办理情况通报", f"{subtitle}　通报标准：{standard}", cols, body,
                flag=lambda i: bool(notices[i].below))
    for w in wb.worksheets:
        w.sheet_view.zoomScale = 100
    return wb


def save_workbook(wb: Workbook, out: IO[bytes] | Path) -> None:
    wb.save(out)  # openpyxl accepts a binary file object as well as a path


# -- the ledger of open cases, streamed ------------------------------------------------------------------------

LEDGER_COLUMNS = (
    Col("序号", "int"), Col("案件编号", max_width=24), Col("登记时间", "datetime"), Col("反映人", max_width=16),
    Col("村（社区）", max_width=16), Col("问题类别", max_width=12), Col("反映事项", max_width=50),
    Col("分办", max_width=6), Col("承办单位", max_width=24), Col("办理期限", "date"), Col("超期天数", "int"),
    Col("状态", max_width=10),
)
SAMPLE_ROWS = 2000  # rows read before writing: column widths must be known before the first row goes out
WRAP_OVER = 30  # text longer than this wraps (vertical top), as on the report's sheets


def write_ledger(out: IO[bytes] | Path, title: str, subtitle: str, rows: Iterator[Sequence[Any]]) -> int:
    """The ledger streamed into an ``.xlsx`` (``xlsx_stream``: rows go to disk as they come, memory stays flat):
    title, subtitle, header (frozen, repeated on every printed page), one row per case — without its 序号:
    numbered here — and a totals row. Returns the number of rows."""
    cols = LEDGER_COLUMNS
    sample: list[Sequence[Any]] = []
    for row in rows:
        sample.append(row)
        if len(sample) >= SAMPLE_ROWS:
            break
    widths = [text_width(c.header) for c in cols]
    for i, row in enumerate(sample, start=1):
        _fit(widths, [i, *row])
    columns = [StreamColumn(min(max(w, 4), col.max_width) + 2, WRAP_OVER if col.kind == "text" else None)
               for w, col in zip(widths, cols, strict=True)]
    sheet = SheetStream(out, "台账", columns, frozen_rows=3, title_rows=3, footer="&C第 &P 页 共 &N 页")
    sheet.append([title], style=S_TITLE)
    sheet.append([subtitle])
    sheet.append([c.header for c in cols], style=S_HEADER)
    n = 0
    append = sheet.append
    for chunk in (sample, rows):
        for row in chunk:
            if len(row) != len(cols) - 1:
                raise ValueError(f"a ledger row has {len(row)} values, not {len(cols) - 1}")
            n += 1
            append((n, *row))
    sheet.append(["合计", f"共 {n} 件"], style=S_BOLD)
    sheet.close()
    return n
