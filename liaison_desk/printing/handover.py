"""The shift handover sheet (值班交接班记录): the shift, what it received and did, and what is due next."""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from ..domain.masking import mask_phone_field, masked
from .fonts import GlyphReport, markup
from .model import PrintedPdf
from .model_docs import HandoverCase, HandoverData, HandoverShift
from .pages import BoundBookDoc, RunningHead, signature_block
from .tables import Column, scrub, small_table
from .text import Styles, make_styles, truncate_to_width

TITLE = "值班交接班记录"
WEEKDAYS = "一二三四五六日"

VISIT_COLUMNS = (Column("时间", 14, "CENTER"), Column("来访人", 20, "LEFT"), Column("村（社区）", 20, "LEFT"),
                 Column("方式", 16, "CENTER"), Column("人数", 10, "CENTER"), Column("反映事项", None, "LEFT"),
                 Column("案件编号", 36, "CENTER"))
ACTION_COLUMNS = (Column("时间", 24, "CENTER"), Column("案件编号", 36, "CENTER"), Column("办理事项", None, "LEFT"),
                  Column("经办人", 30, "CENTER"))
DUE_COLUMNS = (Column("案件编号", 36, "CENTER"), Column("反映事项", None, "LEFT"), Column("反映人", 34, "LEFT"),
               Column("状态", 15, "CENTER"), Column("提示", 40, "LEFT"))


def _day(d) -> str:
    return f"{d:%Y年%m月%d日}（星期{WEEKDAYS[d.weekday()]}）"


def _shift_line(label: str, s: HandoverShift | None) -> str:
    if s is None:
        return f"{label}：无签到记录"
    t_in = f"{s.signed_in:%H:%M}" if s.signed_in else "—"
    t_out = f"{s.signed_out:%H:%M}" if s.signed_out else "未签退"
    return f"{label}：{s.day:%m月%d日}{s.slot}　{s.deputy}　签到 {t_in}　签退 {t_out}"


def _hint(c: HandoverCase) -> str:
    bits = []
    if c.days_overdue:
        bits.append(f"已超期 {c.days_overdue} 天")
    elif c.deadline:
        bits.append(f"{c.deadline:%m-%d} 到期")
    if c.callback_due:
        bits.append(f"约定 {c.callback_due:%m-%d} 回电")
    return "；".join(bits)


def _capped(shown: int, total: int) -> str:
    return f"（共 {total} 条，仅列出前 {shown} 条，其余见值班台）" if total > shown else ""


def _short(text: str | None, styles: Styles, columns: tuple[Column, ...], width: float) -> str:
    """A matter cut to one line of its column: the sheet is a reminder, the desk has the whole text (a row of
    one line keeps an ordinary shift on one page)."""
    fixed = sum(c.width_mm or 0 for c in columns) * mm
    room = width - fixed - 6
    return truncate_to_width(scrub(text), styles.cell.fontSize, room, 1) if text else ""


def handover_flowables(d: HandoverData, styles: Styles, width: float, report: GlyphReport) -> list[Flowable]:
    """The note first — what the next deputy must read — with the signatures, then the lists (issue 14: the
    note used to come last, alone on a fourth page)."""
    window = f"{d.window_start:%m-%d %H:%M} 至 {d.window_end:%m-%d %H:%M}"
    visits = [(f"{v.occurred_at:%H:%M}", v.visitor_names, v.village, v.channel, str(v.headcount),
               _short(v.summary, styles, VISIT_COLUMNS, width), v.case_number) for v in d.visits]
    actions = [(f"{a.occurred_at:%m-%d %H:%M}", a.case_number, a.action, a.actor) for a in d.actions]
    due = [(c.number, _short(c.summary, styles, DUE_COLUMNS, width),
            " ".join(x for x in (c.visitor, mask_phone_field(c.phone) if c.phone else "") if x),
            c.status, _hint(c)) for c in d.due]
    note = d.shift.note if d.shift and d.shift.note else ""
    if note:
        written: Flowable = Paragraph(markup(scrub(note), report, "交接说明"), styles.body)
    else:  # nothing recorded: ruled lines to write the handover note on by hand
        written = Table([[""], [""]], colWidths=[width], rowHeights=styles.body.leading * 2.2)
        written.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.black)]))
    return [
        Paragraph(TITLE, styles.title),
        Paragraph(markup(f"{d.station_name}　{_day(d.today)}", report, "站名"), styles.heading),
        Spacer(1, 1 * mm),
        Paragraph("一、值班情况", styles.body),
        Paragraph(markup(_shift_line("本班", d.shift), report, "值班代表"), styles.body),
        Paragraph(markup(_shift_line("上一班", d.previous), report, "值班代表"), styles.body),
        Paragraph(f"本记录统计时段：{window}；下一值班日：{_day(d.next_duty_day)}", styles.body),
        Spacer(1, 2 * mm),
        KeepTogether([Paragraph("二、交接说明：", styles.body), written, Spacer(1, 1 * mm),
                      signature_block(styles, width, ("交班代表", "接班代表"), opinion=False)]),
        Spacer(1, 2 * mm),
        Paragraph(f"三、下一值班日前到期或约定回电的案件 {len(d.due)} 件（其中已超期 {d.overdue_total} 件，"
                  f"约定回电 {d.callbacks_total} 件），请接班代表跟进：", styles.body),
        small_table(DUE_COLUMNS, due, styles, width, report, empty="没有需要跟进的案件"),
        Spacer(1, 2 * mm),
        Paragraph(f"四、本班接待来访 {d.visits_total} 批次，登记社情民意 {d.new_cases_total} 件"
                  f"{_capped(len(d.visits), d.visits_total)}", styles.body),
        small_table(VISIT_COLUMNS, visits, styles, width, report, empty="本班没有来访登记"),
        Spacer(1, 2 * mm),
        Paragraph(f"五、本班办理事项 {d.actions_total} 项{_capped(len(d.actions), d.actions_total)}", styles.body),
        small_table(ACTION_COLUMNS, actions, styles, width, report, empty="本班没有办理记录"),
    ]


def build_handover(d: HandoverData) -> PrintedPdf:
    """The sheet as an A4 portrait PDF (several pages when many cases need following up)."""
    d = masked(d)  # ID, phone and bank-card numbers never print in full (domain.masking)
    report = GlyphReport()
    styles = make_styles(10)
    footer = f"打印时间：{d.copy.printed_at:%Y-%m-%d %H:%M}" if d.copy.printed_at else ""
    head = RunningHead(d.station_name, TITLE, f"{d.today:%Y-%m-%d}", footer, mark="补打" if d.copy.reprint else "")
    buf = io.BytesIO()
    doc = BoundBookDoc(buf, head, portrait=True, report=report)
    pages = doc.build_pdf(handover_flowables(d, styles, doc.content_width, report))
    return PrintedPdf(buf.getvalue(), pages=pages, warnings=report.warnings)
