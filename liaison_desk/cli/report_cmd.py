"""The ``report`` subcommand: a period's figures as JSON, PDF or Excel, and the ledger of open cases as Excel."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..domain.errors import ValidationError
from .i18n import Text

EXIT_OK, EXIT_USAGE = 0, 2
FORMATS = ("xlsx", "pdf", "json")


def add_parsers(subparsers, t: Text) -> dict:
    p = subparsers.add_parser(
        "report", help=t("统计报表（JSON、PDF 或 Excel）", "period report (JSON, PDF or Excel)"),
        description=t("生成一个统计期间的报表：收集、交办、办结、办结率、按期办结率、解决率、满意率、办结天数等指标，"
                      "与上期和去年同期比较，可按类别、村（社区）等分组，另附问题清单和办理情况通报。"
                      "期间按登记日期计，口径见 docs/REPORTS.md。",
                      "Make a period's report: cases collected, assigned and closed, the closure, on-time, "
                      "resolution and satisfaction rates, days to close, compared with the previous period and "
                      "the same period last year, broken down as asked, with the problem list and the notice "
                      "table. Periods count cases by registration date; definitions in docs/REPORTS.md."))
    p.add_argument("--period", metavar=t("期间", "PERIOD"),
                   help=t("统计期间：月份 2026-11、季度 2026Q3、半年 2026H1、年度 2026，或日期范围 2026-01-05..2026-02-10",
                          "month 2026-11, quarter 2026Q3, half 2026H1, year 2026 or range 2026-01-05..2026-02-10"))
    p.add_argument("--by", choices=["station", "township", "village", "category", "department", "deputy", "triage"],
                   help=t("分组方式：station 联络站、township 乡镇、village 村（社区）、category 问题类别、"
                          "department 承办单位、deputy 接待代表、triage 分办颜色",
                          "breakdown: station, township, village, category, department, deputy or triage"))
    p.add_argument("--format", choices=FORMATS,
                   help=t("输出格式 xlsx、pdf 或 json（默认按输出文件的扩展名，否则 json）",
                          "xlsx, pdf or json (default: from the output file's extension, else json)"))
    p.add_argument("--thresholds", metavar=t("标准", "RULES"),
                   help=t("通报标准，例如“回复率<92,满意率<85”（默认即此）",
                          "notice thresholds, e.g. reply_rate<92,satisfaction_rate<85 (the default)"))
    p.add_argument("--ledger", action="store_true",
                   help=t("改为导出未办结案件台账（Excel，每件一行）", "export the ledger of open cases (Excel) instead"))
    p.add_argument("-o", "--output", required=True, metavar=t("文件", "FILE"),
                   help=t("输出文件（json 可用 - 表示标准输出）", "output file (- for stdout, json only)"))
    return {"report": cmd_report}


def _usage(t: Text, zh: str, en: str) -> int:
    print(t("错误：", "Error: ") + t(zh, en), file=sys.stderr)
    return EXIT_USAGE


def cmd_report(args, t: Text, open_db) -> int:
    from ..domain.reports import parse_period, parse_thresholds
    from .print_cmd import check_output_path, open_output

    out = None if args.output == "-" else Path(args.output)
    fmt = args.format or (out.suffix.lower().lstrip(".") if out and out.suffix.lower() in (".xlsx", ".pdf") else "json")
    if args.ledger:
        if fmt != "xlsx":
            return _usage(t, "未办结案件台账只能导出为 xlsx 文件。", "The ledger is exported as xlsx only.")
    elif not args.period:
        return _usage(t, "请用 --period 指定统计期间，例如 --period 2026-11。", "Give the period, e.g. --period 2026-11.")
    if out is None and fmt != "json":
        return _usage(t, f"{fmt} 格式不能写到标准输出，请用 -o 指定文件名。", f"{fmt} cannot go to stdout: give a file name.")
    try:
        period = None if args.ledger else parse_period(args.period)
        thresholds = parse_thresholds(args.thresholds)
    except ValidationError as exc:  # a usage error: one line, exit 2, nothing opened
        print(t("错误：", "Error: ") + exc.localized(t.lang), file=sys.stderr)
        return EXIT_USAGE
    if out is not None:
        check_output_path(out)  # a folder or a device is refused before anything is read
    db = open_db(args)
    if args.ledger:
        from ..services.context import SYSTEM_ADMIN
        from ..services.reports.ledger import export_open_ledger

        assert out is not None
        with open_output(out) as fh:
            n = export_open_ledger(db, fh, actor=SYSTEM_ADMIN)
        print(t(f"已导出未办结案件台账 {n} 件到 {out}", f"Exported the ledger of {n} open cases to {out}"),
              file=sys.stderr)
        return EXIT_OK
    from ..services.reports.station import station_report

    assert period is not None
    report = station_report(db, period, by=args.by, thresholds=thresholds)
    if fmt == "json":
        from ..domain.reports import report_to_json

        text = json.dumps(report_to_json(report), ensure_ascii=False, indent=2)
        if out is None:
            print(text)
            return EXIT_OK
        with open_output(out, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text + "\n")
    elif fmt == "pdf":
        from ..services.reports.output import report_pdf

        pdf = report_pdf(report)
        assert out is not None
        with open_output(out) as fh:
            fh.write(pdf)
        for warning in pdf.warnings:
            print(t("提示：", "Note: ") + warning, file=sys.stderr)
    else:
        from ..services.reports.workbook import report_workbook

        assert out is not None
        with open_output(out) as fh:
            report_workbook(report).save(fh)
    print(t(f"已生成 {report.title}（{fmt}）：{out}", f"Wrote {report.period.code} report ({fmt}) to {out}"),
          file=sys.stderr)
    return EXIT_OK
