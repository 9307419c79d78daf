"""The county's reports in the console (issue 16): ``/reports`` — a period and a breakdown, the figures with
上期 and 去年同期, each total a link to ``/cases`` listing exactly its cases, the breakdown, the 通报 table
(thresholds set at the hub: ``$LIAISON_HUB_REPORT_THRESHOLDS``) and the 问题清单; ``/reports/download`` gives the
same report as PDF or ``.xlsx`` (the engine's writers), written to the audit trail as an export.

Who: roles with ``VIEW_FIGURES`` (county staff and administrators, leaders, a township's staff — their
township's cases); downloads need ``EXPORT`` too (a leader reads, does not take files). A department liaison
is refused (403): the county's figures are not theirs, as on the home page.
"""

from __future__ import annotations

import io
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from ....domain.access import Permission, Viewer, can
from ....domain.errors import DomainError
from ....domain.reports import DIMENSIONS, FIGURES, Period, Report, change, figure_value, parse_period
from .. import reports
from ..deps import Refused, console_of, lang_of, record, render, require

router = APIRouter()
#: the figures a count links to (its key is a ``reports.MEASURES`` key)
LINKED = {"cases", "assigned", "closed", "reopened", "overdue"}
FORMATS = {"pdf": "application/pdf",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


class BadInput(Exception):
    def __init__(self, field: str, zh: str, en: str) -> None:
        super().__init__(en)
        self.field, self.zh, self.en = field, zh, en


def _parse(period: str, by: str) -> tuple[Period, str | None]:
    try:
        p = parse_period(period)
    except DomainError as exc:
        raise BadInput("period", exc.message, exc.message_en or exc.message) from None
    try:
        return p, reports.check_hub_dimension(by.strip() or None)
    except DomainError as exc:
        raise BadInput("by", exc.message, exc.message_en or exc.message) from None


def _cases_url(p: Period, **filters: str) -> str:
    params = {"registered_from": p.first.isoformat(), "registered_to": p.last.isoformat(),
              **{k: v for k, v in filters.items() if v}}
    return "/cases?" + urlencode(params)


def _row_filters(by: str, key: str, label: str) -> dict[str, str] | None:
    """The queue's filters for one breakdown row (its 「（未填）」 row too, where the queue can ask for it)."""
    if not key:
        return {"unset": by} if by in ("village", "category", "department", "station") else None
    if by == "station":
        return {"station": label.split(" ", 1)[0]}
    if by == "village":
        return {"village_id": key}
    return {by: key}


def _report(console: Any, viewer: Viewer, p: Period, by: str | None) -> Report:
    return reports.county_report(console.hub, viewer, p, by=by, thresholds=reports.thresholds_from_env(),
                                 county_name=console.settings.county_name, as_of=console.now())


def _context(report: Report, lang: str) -> dict[str, Any]:
    periods = (report.period, report.period.previous(), report.period.last_year())
    figures = []
    for d in FIGURES:
        values = [figure_value(f, d.key) for f in (report.totals, report.previous, report.last_year)]
        links = [_cases_url(p, measure=d.key) if d.key in LINKED else None for p in periods]
        figures.append({"d": d, "nums": values, "links": links,
                        "changes": [change(values[0], values[1]), change(values[0], values[2])]})
    rows = []
    for r in report.breakdown:
        f = _row_filters(report.by or "", r.key, r.label)
        rows.append({"r": r, "url": _cases_url(report.period, **f) if f is not None else None})
    return {"report": report, "figures": figures, "rows": rows, "periods": periods,
            "dim_label": DIMENSIONS[report.by][1 if lang == "en" else 0] if report.by else ""}


def fmt(value: Any, kind: str) -> str:
    if value is None:
        return "—"
    if kind == "rate":
        return f"{value:.2f}%"
    if kind == "days":
        return f"{value:g}"
    return f"{value:,}"


def signed(value: Any, kind: str, lang: str = "zh") -> str:
    """A change: cases, days, or percentage points for a rate (个百分点)."""
    if value is None:
        return "—"
    text = fmt(abs(value), "days" if kind == "rate" else kind)
    unit = (" points" if lang == "en" else " 个百分点") if kind == "rate" else ""
    return ("+" if value > 0 else "−" if value < 0 else "±") + text + unit


@router.get("/reports", response_class=HTMLResponse)
async def reports_page(request: Request, viewer: Annotated[Viewer, Depends(require(Permission.VIEW_FIGURES))],
                       period: str = "", by: str = "") -> HTMLResponse:
    console = console_of(request)
    lang = lang_of(request)
    if not period.strip():  # the month so far
        period = reports.local_today(console.now()).strftime("%Y-%m")
    error: BadInput | None = None
    context: dict[str, Any] = {}
    try:
        p, dim = _parse(period, by)
    except BadInput as exc:
        error = exc
    if error is None:
        report = await run_in_threadpool(_report, console, viewer, p, dim)
        context = _context(report, lang)
        await record(request, "report_view", p.code, f"by={dim or ''}")
    return render(request, "reports.html", {
        **context, "error": error, "period": period, "by": by, "fmt": fmt, "signed": lambda v, k: signed(v, k, lang),
        "dimensions": [(k, v) for k, v in DIMENSIONS.items() if k in reports.HUB_DIMENSIONS],
        "may_export": can(viewer, Permission.EXPORT), "thresholds": reports.thresholds_from_env(),
        "download": lambda f: "/reports/download?" + urlencode({"period": period, "by": by, "format": f})},
        status=400 if error else 200)


@router.get("/reports/download")
async def download(request: Request, viewer: Annotated[Viewer, Depends(require(Permission.VIEW_FIGURES))],
                   period: str = "", by: str = "", format: str = "pdf") -> Response:
    if not can(viewer, Permission.EXPORT):
        raise Refused(403, "您的账号可以查看统计报表，但不能下载文件。如需要，请联系县级管理员。",
                      "Your account may read the reports but not download them. Ask the county administrator.")
    if format not in FORMATS:
        raise Refused(400, "文件格式只能是 PDF 或 xlsx。", "The format is PDF or xlsx.")
    try:
        p, dim = _parse(period, by)
    except BadInput as exc:
        raise Refused(400, exc.zh, exc.en) from None
    console = console_of(request)

    def make() -> tuple[Report, bytes]:
        report = _report(console, viewer, p, dim)
        if format == "pdf":
            from ....services.reports.output import report_pdf

            return report, bytes(report_pdf(report))
        from ....services.reports.workbook import report_workbook

        buf = io.BytesIO()
        report_workbook(report).save(buf)
        return report, buf.getvalue()

    report, data = await run_in_threadpool(make)
    await record(request, "report_export", p.code, f"format={format} by={dim or ''} scope={report.scope}")
    name = f"{report.title}.{format}"
    return Response(data, media_type=FORMATS[format], headers={
        "Content-Disposition": f"attachment; filename=\"report-{p.code}.{format}\"; filename*=UTF-8''{quote(name)}"})
