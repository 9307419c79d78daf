"""The ``print`` subcommand: a receipt slip or the visitor register as a PDF file, written atomically."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from .i18n import Text

EXIT_OK = 0


def add_print_parser(subparsers, t: Text) -> argparse.ArgumentParser:
    """``print receipt CASE_NO -o FILE [--width 58|80|a5] [--large] [--stub] [--reprint]`` and
    ``print register --from YYYY-MM-DD --to YYYY-MM-DD -o FILE``."""
    p = subparsers.add_parser(
        "print", help=t("打印回执或来访登记簿（生成 PDF 文件）", "print a receipt or the visitor register (PDF)"),
        description=t("生成可直接打印的 PDF 文件：群众回执（热敏小票 58/80 毫米或 A5），或来访登记簿（A4 装订）。",
                      "Make a PDF ready to print: a receipt slip (58/80 mm thermal or A5) or the visitor "
                      "register (A4, for binding)."))
    sub = p.add_subparsers(dest="print_what", title=t("打印内容", "documents"), metavar=t("内容", "WHAT"))
    sub.required = True

    r = sub.add_parser("receipt", help=t("案件回执", "a case's receipt slip"),
                       description=t("打印交给来访群众的回执（电话号码隐去中间四位，不印身份证号）。",
                                     "Print the slip given to the constituent (phone masked, no ID number)."))
    r.add_argument("case_number", metavar=t("案件编号", "CASE_NO"), help=t("例如 LX01-261122-0007-K", "e.g. LX01-261122-0007-K"))
    r.add_argument("-o", "--output", required=True, metavar=t("文件", "FILE"),
                   help=t("输出的 PDF 文件（- 表示标准输出）", "PDF file to write (- for stdout)"))
    r.add_argument("--width", choices=["58", "80", "a5"], default="80",
                   help=t("纸张：58 或 80 毫米热敏纸，或 A5 纸（默认 80）", "paper: 58 or 80 mm thermal roll, or A5 (default 80)"))
    r.add_argument("--large", action="store_true", help=t("大字版（方便老年人阅读）", "large print for elderly readers"))
    r.add_argument("--stub", action="store_true", help=t("同时打印联络站留存的存根", "also print the station's stub copy"))
    r.add_argument("--reprint", action="store_true", help=t("补打（回执上标明“补打”）", "reprint: the slip is marked 补打"))

    g = sub.add_parser("register", help=t("来访登记簿", "the visitor register"),
                       description=t("打印指定日期范围内的来访登记簿（A4 横向，左侧装订，带页码和签字栏）。",
                                     "Print the visitor register for a date range (A4 landscape, bound on the "
                                     "left, numbered pages, signature lines)."))
    g.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD",
                   help=t("开始日期（含）", "first day (included)"))
    g.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD",
                   help=t("结束日期（含）", "last day (included)"))
    g.add_argument("-o", "--output", required=True, metavar=t("文件", "FILE"),
                   help=t("输出的 PDF 文件（- 表示标准输出）", "PDF file to write (- for stdout)"))
    return p


def add_parsers(subparsers, t: Text) -> dict:
    add_print_parser(subparsers, t)
    return {"print": run_print}


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside the target, flush to disk, then rename over it: a power cut or a full USB stick leaves
    either the old file or the new one, never half a PDF under the final name."""
    tmp = path.with_name(path.name + ".part")
    try:
        with tmp.open("wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def run_print(args: argparse.Namespace, t: Text, open_db: Callable[[argparse.Namespace], object]) -> int:
    """Run ``print receipt`` or ``print register``; DomainError and OSError propagate to the caller's
    handler (one readable line, exit 1)."""
    from ..domain.validation import validate_date
    from ..services.printing import receipt_pdf, visitor_register_pdf

    if args.print_what == "receipt":
        db = open_db(args)
        pdf = receipt_pdf(db, args.case_number, width=args.width, large=args.large, stub=args.stub,
                          reprint=args.reprint)
        what = t("回执", "receipt")
    else:
        date_from = validate_date(args.date_from, field="date_from")
        date_to = validate_date(args.date_to, field="date_to")
        db = open_db(args)
        pdf = visitor_register_pdf(db, date_from, date_to)
        what = t("来访登记簿", "visitor register")
    for line in getattr(pdf, "warnings", ()):
        print(t("提示：", "Note: ") + line, file=sys.stderr)
    if args.output == "-":
        sys.stdout.buffer.write(pdf)
        sys.stdout.buffer.flush()
        return EXIT_OK
    out = Path(args.output)
    write_atomically(out, pdf)
    pages = getattr(pdf, "pages", 0)
    print(t(f"已生成{what}：{out}（共 {pages} 页）", f"Wrote the {what} to {out} ({pages} page(s))."), file=sys.stderr)
    return EXIT_OK
