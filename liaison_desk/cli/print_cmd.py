"""The ``print`` subcommand: each printed document as a PDF file, written atomically, and recorded in the
print log (a second copy of the same document is marked 补打)."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from ..domain.errors import DomainError
from .i18n import Text

EXIT_OK = 0


def _output(p: argparse.ArgumentParser, t: Text) -> None:
    p.add_argument("-o", "--output", required=True, metavar=t("文件", "FILE"),
                   help=t("输出的 PDF 文件（- 表示标准输出）", "PDF file to write (- for stdout)"))


def _range(p: argparse.ArgumentParser, t: Text, *, required: bool) -> None:
    p.add_argument("--from", dest="date_from", required=required, metavar="YYYY-MM-DD",
                   help=t("开始日期（含）", "first day (included)"))
    p.add_argument("--to", dest="date_to", required=required, metavar="YYYY-MM-DD",
                   help=t("结束日期（含）", "last day (included)"))


def add_print_parser(subparsers, t: Text) -> argparse.ArgumentParser:
    """``print receipt|register|ledger|record-book|notice|letter|handover|roster … -o FILE``."""
    p = subparsers.add_parser(
        "print", help=t("打印回执、登记簿、台账、履职登记册、函件、公示、交接班记录（生成 PDF 文件）",
                        "print receipts, registers, ledgers, record books, letters, notices, handover sheets (PDF)"),
        description=t("生成可直接打印的 PDF 文件。每次打印都记入打印记录；同一文书再次打印时标明“补打”。",
                      "Make a PDF ready to print. Every print is logged; a second copy is marked 补打 (reprint)."))
    sub = p.add_subparsers(dest="print_what", title=t("打印内容", "documents"), metavar=t("内容", "WHAT"))
    sub.required = True

    r = sub.add_parser("receipt", help=t("案件回执", "a case's receipt slip"),
                       description=t("打印交给来访群众的回执（电话号码隐去中间四位，不印身份证号）。",
                                     "Print the slip given to the constituent (phone masked, no ID number)."))
    r.add_argument("case_number", metavar=t("案件编号", "CASE_NO"), help=t("例如 LX01-261122-0007-K", "e.g. LX01-261122-0007-K"))
    _output(r, t)
    r.add_argument("--width", choices=["58", "80", "a5"], default="80",
                   help=t("纸张：58 或 80 毫米热敏纸，或 A5 纸（默认 80）", "paper: 58 or 80 mm thermal roll, or A5 (default 80)"))
    r.add_argument("--large", action="store_true", help=t("大字版（方便老年人阅读）", "large print for elderly readers"))
    r.add_argument("--stub", action="store_true", help=t("同时打印联络站留存的存根", "also print the station's stub copy"))
    r.add_argument("--reprint", action="store_true", default=None,
                   help=t("标明“补打”（再次打印时会自动标明）", "mark 补打 (done anyway for a second copy)"))

    g = sub.add_parser("register", help=t("来访登记簿", "the visitor register"),
                       description=t("打印指定日期范围内的来访登记簿（A4 横向，左侧装订，带页码和签字栏）。",
                                     "Print the visitor register for a date range (A4 landscape, bound on the "
                                     "left, numbered pages, signature lines)."))
    _range(g, t, required=True)
    _output(g, t)

    led = sub.add_parser("ledger", help=t("社情民意台账", "the case ledger"),
                         description=t("打印社情民意台账，筛选方式与值班台的案件列表相同（A4 横向，装订，带签字栏）。",
                                       "Print the case ledger, filtered like the desk's case list (A4 landscape)."))
    led.add_argument("--status", metavar=t("状态", "STATUS"),
                     help=t("只打印该状态的案件，例如 assigned（已交办）、closed（已办结）",
                            "only cases in this status, e.g. assigned, closed"))
    led.add_argument("--open", dest="open_only", action="store_true", help=t("只打印未办结的案件", "open cases only"))
    led.add_argument("--overdue", action="store_true", help=t("只打印已超期的未办结案件", "overdue open cases only"))
    led.add_argument("--triage", choices=["red", "yellow", "blue", "green"],
                     help=t("只打印该分办颜色的案件（red 红、yellow 黄、blue 蓝、green 绿）", "only this triage colour"))
    led.add_argument("--search", metavar=t("词语", "TEXT"),
                     help=t("只打印内容、来访人或编号含有这些词语的案件", "only cases matching this search text"))
    _range(led, t, required=False)
    _output(led, t)

    b = sub.add_parser("record-book", help=t("人大代表履职登记册", "a deputy's duty record book"),
                       description=t("打印一位代表一个年度的履职登记册：封面、目录、各类履职登记表及合计、履职积分汇总。",
                                     "Print one deputy's record book for a year: cover, contents, duty tables "
                                     "with totals, score summary."))
    b.add_argument("--deputy", required=True, metavar=t("姓名或编号", "NAME_OR_ID"),
                   help=t("代表姓名、代表编号（如 D003）或内部编号", "deputy's name, card code (e.g. D003) or id"))
    b.add_argument("--year", required=True, type=int, metavar="YYYY", help=t("年度", "year"))
    _output(b, t)

    n = sub.add_parser("notice", help=t("社情民意办理情况公示", "the public notice"),
                       description=t("打印张贴用的公示：期间内收集的社情民意及办理情况、办结率和满意率（不印姓名和电话）。",
                                     "Print the notice for the village board: the period's cases and outcomes with "
                                     "closure and satisfaction rates (no names or phone numbers)."))
    _range(n, t, required=True)
    _output(n, t)

    le = sub.add_parser("letter", help=t("交办函或督办通知", "assignment letter or supervision notice"),
                        description=t("打印发给承办单位的交办函；加 --kind supervision 打印督办通知。",
                                      "Print the assignment letter to the department; --kind supervision prints "
                                      "the supervision notice."))
    le.add_argument("case_number", metavar=t("案件编号", "CASE_NO"), help=t("例如 LX01-261122-0007-K", "e.g. LX01-261122-0007-K"))
    le.add_argument("--kind", choices=["assignment", "supervision"], default="assignment",
                    help=t("assignment 交办函（默认），supervision 督办通知", "assignment (default) or supervision"))
    _output(le, t)

    h = sub.add_parser("handover", help=t("值班交接班记录", "the shift handover sheet"),
                       description=t("打印当前值班（或指定时刻）的交接班记录：本班接待和办理情况、下一值班日前到期的案件。",
                                     "Print the handover sheet of the current shift (or at a given time)."))
    h.add_argument("--at", metavar=t("日期时间", "DATETIME"),
                   help=t("按该时刻（本地时间，如 2026-11-20 17:00）统计，默认现在",
                          "read at this local time (e.g. 2026-11-20 17:00); default now"))
    _output(h, t)

    ro = sub.add_parser("roster", help=t("月度值班表", "the monthly duty roster"),
                        description=t("打印一个月的值班表。", "Print one month's duty roster."))
    ro.add_argument("--month", required=True, metavar="YYYY-MM", help=t("月份，例如 2026-12", "month, e.g. 2026-12"))
    _output(ro, t)
    return p


def add_parsers(subparsers, t: Text) -> dict:
    add_print_parser(subparsers, t)
    return {"print": run_print}


def _refuse(zh: str, en: str) -> DomainError:
    return DomainError("bad_output", zh, field="output", message_en=en)


def check_output_path(path: Path) -> None:
    """Refuse, before anything is built, an output that is not a regular file: a directory, a device
    (``/dev/null``, a printer port), a pipe; or a folder that does not exist. Personal data written there
    would replace the device node with a file anyone can read, or fail after the print was logged."""
    try:
        st = path.stat()  # follows a symbolic link: a link to /dev/null is a device too
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _refuse(f"无法使用输出位置“{path}”：{exc.strerror or exc}。",
                      f"Cannot use the output {path}: {exc.strerror or exc}.") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise _refuse(f"“{path}”是一个文件夹，请在后面写上文件名，例如 {path / '回执.pdf'}。",
                      f"{path} is a folder: give a file name, e.g. {path / 'receipt.pdf'}.")
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise _refuse(f"“{path}”不是普通文件（是设备或管道），不能写入；请指定一个 PDF 文件名。",
                      f"{path} is not a regular file (a device or a pipe): give a PDF file name.")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise _refuse(f"文件夹“{parent}”不存在，请先建立它或换一个位置。",
                      f"The folder {parent} does not exist: create it or choose another place.")


@contextlib.contextmanager
def open_output(path: Path, mode: str = "wb", **kw: Any) -> Iterator[IO[Any]]:
    """A file to write ``path`` through: created beside it readable by its owner only (0600: printouts and
    exports carry personal data), flushed to disk, then renamed over the target — a power cut or a full USB
    stick leaves either the old file or the new one, never half a file under the final name. Refuses
    anything but a regular file (``check_output_path``)."""
    check_output_path(path)
    tmp = path.with_name(path.name + ".part")
    tmp.unlink(missing_ok=True)  # a .part left by a crash: created anew below, never written through
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(tmp, flags, 0o600)
    try:
        with os.fdopen(fd, mode, **kw) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        check_output_path(path)  # the target may have changed while writing
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through ``open_output`` (regular files only, owner-only, atomic)."""
    with open_output(path) as fh:
        fh.write(data)


def parse_month(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*", text or "")
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise DomainError("bad_month", f"月份“{text}”无效，请写成 YYYY-MM，例如 2026-12。", field="month",
                          message_en=f"Month {text!r} is not valid: use YYYY-MM, e.g. 2026-12.")
    return int(m.group(1)), int(m.group(2))


def parse_local_datetime(text: str) -> dt.datetime:
    """``2026-11-20 17:00`` (station time) as naive UTC."""
    from ..domain.timeutil import to_utc

    m = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?\s*", text or "")
    try:
        if not m:
            raise ValueError(text)
        y, mo, d, hh, mm = (int(x) if x else 0 for x in m.groups())
        local = dt.datetime(y, mo, d, hh, mm) if m.group(4) else dt.datetime(y, mo, d, 23, 59)
    except ValueError:
        raise DomainError("bad_datetime", f"时间“{text}”无效，请写成 YYYY-MM-DD HH:MM。", field="at",
                          message_en=f"Time {text!r} is not valid: use YYYY-MM-DD HH:MM.") from None
    return to_utc(local)


def _dates(args: argparse.Namespace) -> tuple[dt.date | None, dt.date | None]:
    from ..domain.validation import validate_date

    a = validate_date(args.date_from, field="date_from") if args.date_from else None
    b = validate_date(args.date_to, field="date_to") if args.date_to else None
    return a, b


def _period(args: argparse.Namespace) -> tuple[dt.date, dt.date]:
    """Both dates, which the document needs."""
    a, b = _dates(args)
    if a is None or b is None:
        raise DomainError("bad_date_range", "请填写起止日期。", message_en="Both dates are required.")
    return a, b


def _make(args: argparse.Namespace, t: Text, open_db: Callable, deliver: Callable[[bytes], None]) -> tuple[bytes, str]:
    """The PDF and what it is called, for the document asked for, handed to ``deliver`` before the print is
    logged; input is checked before the database opens."""
    from ..services.context import SYSTEM_ADMIN as actor
    from ..services.printing import jobs

    what = args.print_what
    if what == "receipt":
        pdf = jobs.print_receipt(open_db(args), actor, args.case_number, width=args.width, large=args.large,
                                 stub=args.stub, reprint=args.reprint, deliver=deliver)
        return pdf, t("回执", "receipt")
    if what == "register":
        a, b = _period(args)
        return jobs.print_register(open_db(args), actor, a, b, deliver=deliver), t("来访登记簿", "visitor register")
    if what == "ledger":
        from ..services.cases.listing import CaseFilter
        from ..services.printing.docs import LedgerFilter

        since, until = _dates(args)
        f = LedgerFilter(CaseFilter(status=args.status, open_only=args.open_only, overdue=args.overdue,
                                    triage=args.triage, text=args.search), since, until)
        return jobs.print_ledger(open_db(args), actor, f, deliver=deliver), t("社情民意台账", "case ledger")
    if what == "record-book":
        return jobs.print_record_book(open_db(args), actor, args.deputy, args.year, deliver=deliver), t("履职登记册", "record book")
    if what == "notice":
        a, b = _period(args)
        return jobs.print_notice(open_db(args), actor, a, b, deliver=deliver), t("公示", "public notice")
    if what == "letter":
        name = t("督办通知", "supervision notice") if args.kind == "supervision" else t("交办函", "assignment letter")
        return jobs.print_letter(open_db(args), actor, args.case_number, args.kind, deliver=deliver), name
    if what == "handover":
        at = parse_local_datetime(args.at) if args.at else None
        return jobs.print_handover(open_db(args), actor, at=at, deliver=deliver), t("交接班记录", "handover sheet")
    if what == "roster":
        year, month = parse_month(args.month)
        return jobs.print_roster(open_db(args), actor, year, month, deliver=deliver), t("值班表", "duty roster")
    raise DomainError("bad_document", f"未知的打印内容：{what}")


def run_print(args: argparse.Namespace, t: Text, open_db: Callable[[argparse.Namespace], object]) -> int:
    """Run one ``print`` subcommand; DomainError and OSError propagate to the caller's handler (one readable
    line, exit 1). The output is checked before anything is built, and the print is logged only once the
    file was written (or the bytes went to standard output)."""
    out = None if args.output == "-" else Path(args.output)
    if out is not None:
        check_output_path(out)

    def deliver(pdf: bytes) -> None:
        if out is None:
            sys.stdout.buffer.write(pdf)
            sys.stdout.buffer.flush()
        else:
            write_atomically(out, pdf)

    pdf, what = _make(args, t, open_db, deliver)
    for line in getattr(pdf, "warnings", ()):
        print(t("提示：", "Note: ") + line, file=sys.stderr)
    if out is not None:
        pages = getattr(pdf, "pages", 0)
        print(t(f"已生成{what}：{out}（共 {pages} 页）", f"Wrote the {what} to {out} ({pages} page(s))."),
              file=sys.stderr)
    return EXIT_OK
