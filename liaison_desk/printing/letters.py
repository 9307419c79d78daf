"""The assignment letter (交办函) and the supervision notice (督办通知) sent to a department for one case."""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from ..domain.masking import mask_phone_field, masked
from .fonts import GlyphReport, markup
from .model import PrintedPdf
from .model_docs import LetterData
from .pages import BoundBookDoc, RunningHead
from .tables import key_value_table, scrub
from .text import Styles, make_styles

TITLES = {"assignment": "社情民意交办函", "supervision": "社情民意督办通知"}
REPLY_DAYS = 5  # working days a department has to report progress on a supervision notice


def _d(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "（未定）"


def _body(d: LetterData) -> list[str]:
    seen = _d(d.registered_at)
    if d.kind == "assignment":
        return [f"现将{seen}群众来联络站反映的社情民意（编号 {d.case_number}）交由你单位办理。",
                (f"请于 {_d(d.deadline)} 前办结，并将办理结果填写下方回执，书面反馈本联络站。"
                 "办理结果将向群众反馈并回访；群众不满意的，将重新交办，直至群众满意。")]
    issued = d.issued_on
    late = (issued - d.deadline).days if issued and d.deadline and issued > d.deadline else 0
    state = f"现已超过办理期限 {late} 天，尚未办结" if late else f"目前办理状态为“{d.status}”，尚未办结"
    level = max(len(d.supervisions), 1)  # the desk records the 督办 first, then prints its notice
    first = f"编号 {d.case_number} 的社情民意已于 {_d(d.assigned_at)} 交由你单位办理，办理期限为 {_d(d.deadline)}，{state}。"
    second = (f"现予第 {level} 次督办。请高度重视，加快办理，自收到本通知之日起 {REPLY_DAYS} 个工作日内将办理进展"
              "书面反馈本联络站（回执附后）。")
    return [first, second]


def _particulars(d: LetterData) -> list[tuple[str, str | None]]:
    person = d.visitor_names or "—"
    if d.visitor_phone:
        person += f"（联系电话 {mask_phone_field(d.visitor_phone)}，请经联络站联系）"
    return [("案件编号", d.case_number), ("登记时间", f"{d.registered_at:%Y-%m-%d %H:%M}"),
            ("反映人", person), ("村（社区）", d.village or "—"), ("类别", d.category or "—"),
            ("分办颜色", d.triage), ("紧急程度", d.urgency), ("办理期限", _d(d.deadline)),
            ("反映内容", scrub(d.content))]


def _signature(d: LetterData, styles: Styles, report: GlyphReport) -> Flowable:
    right = ParagraphStyle("right", parent=styles.body, alignment=TA_RIGHT)
    lines = [Paragraph(markup(f"{d.station_name}（盖章）", report, "站名"), right),
             Paragraph(_d(d.issued_on), right)]
    if d.station_phone:
        lines.insert(1, Paragraph(f"联系电话：{markup(d.station_phone)}", right))
    return KeepTogether([Spacer(1, 8 * mm), *lines])


def _reply_slip(d: LetterData, styles: Styles, width: float) -> Flowable:
    """The part the department cuts off, fills in and sends back."""
    title = "办理情况回执" if d.kind == "assignment" else "督办情况回执"
    fs = styles.body.fontSize
    rows = [[f"案件编号：{d.case_number}", f"承办单位：{d.department}"],
            ["办理结果：", ""], ["", ""], ["", ""],
            ["承办人（签字）：", "联系电话："], ["单位（盖章）", "日期：　　　　年　　月　　日"]]
    t = Table(rows, colWidths=[width / 2, width / 2], rowHeights=fs * 2.4)
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), styles.body.fontName, fs), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                           ("LINEBELOW", (0, 1), (-1, 3), 0.5, colors.black), ("SPAN", (0, 2), (-1, 2)),
                           ("SPAN", (0, 3), (-1, 3)), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return KeepTogether([Spacer(1, 8 * mm), HRFlowable(width="100%", thickness=0.6, dash=(4, 3), color=colors.black),
                         Paragraph("（沿此线剪下，由承办单位填写后交回联络站）", styles.small),
                         Paragraph(title, styles.heading), t])


def letter_flowables(d: LetterData, styles: Styles, width: float, report: GlyphReport) -> list[Flowable]:
    no_style = ParagraphStyle("no", parent=styles.body, alignment=TA_RIGHT)
    indent = ParagraphStyle("indent", parent=styles.body, firstLineIndent=2 * styles.body.fontSize,
                            leading=styles.body.fontSize * 1.8, spaceAfter=2)
    out: list[Flowable] = [Paragraph(TITLES[d.kind], styles.title), Paragraph(markup(d.letter_no), no_style),
                           Spacer(1, 4 * mm), Paragraph(markup(f"{d.department}：", report, "承办单位"), styles.body),
                           Spacer(1, 2 * mm)]
    out += [Paragraph(markup(p, report, "正文"), indent) for p in _body(d)]
    out += [Spacer(1, 3 * mm), key_value_table(_particulars(d), styles, width, report, label_mm=24, pairs_per_row=2,
                                               wide=("反映人", "反映内容"))]
    if d.kind == "supervision" and d.supervisions:
        *earlier, (when, text) = d.supervisions
        out += [Spacer(1, 3 * mm), Paragraph(markup(f"督办意见（{when:%Y-%m-%d}）：{scrub(text)}", report, "督办"),
                                             styles.body)]
        if earlier:
            out.append(Paragraph("此前督办情况：", styles.body))
            out += [Paragraph(markup(f"{i}. {w:%Y-%m-%d}　{scrub(t)}", report, "督办"), styles.body)
                    for i, (w, t) in enumerate(earlier, start=1)]
    out += [_signature(d, styles, report), _reply_slip(d, styles, width)]
    return out


def build_letter(d: LetterData) -> PrintedPdf:
    """The letter as an A4 portrait PDF; a reprint is marked 补打 on every page."""
    d = masked(d)  # ID, phone and bank-card numbers never print in full (domain.masking)
    if d.kind not in TITLES:
        raise ValueError(f"unknown letter kind {d.kind!r}")
    report = GlyphReport()
    styles = make_styles(11)
    footer = f"打印时间：{d.copy.printed_at:%Y-%m-%d %H:%M}" if d.copy.printed_at else ""
    head = RunningHead(d.station_name, TITLES[d.kind], d.case_number, footer, mark="补打" if d.copy.reprint else "")
    buf = io.BytesIO()
    doc = BoundBookDoc(buf, head, portrait=True, report=report, binding_guide=False)
    pages = doc.build_pdf(letter_flowables(d, styles, doc.content_width, report))
    return PrintedPdf(buf.getvalue(), pages=pages, warnings=report.warnings)
