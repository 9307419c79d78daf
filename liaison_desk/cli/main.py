"""The ``liaison-desk`` command line: set-up, demo data, statistics, integrity check, export."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .. import __version__, paths
from ..domain.console import stdout_closed_by_reader
from ..domain.errors import DomainError
from . import (
    audit_cmd,
    backup_cmd,
    cipher_cmd,
    civic_cmd,
    duty_cmd,
    person_cmd,
    print_cmd,
    report_cmd,
    search_cmd,
    sync_cmd,
)
from .i18n import Text, detect_language, install_argparse_language

log = logging.getLogger(__name__)

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_CHECK_FAILED = 0, 1, 2, 3

# Feature modules add their own subcommands: each has ``add_parsers(subparsers, t) -> {name: handler}`` and a
# handler is ``handler(args, t, open_db) -> exit code`` (``open_db(args)`` opens the station database, never
# creating one). Listing them here keeps imports explicit for PyInstaller.
FEATURES = (print_cmd, duty_cmd, search_cmd, sync_cmd, backup_cmd, audit_cmd, person_cmd, cipher_cmd, report_cmd,
            civic_cmd)
FEATURE_COMMANDS: dict[str, Callable[..., int]] = {}


def build_parser(lang: str) -> argparse.ArgumentParser:
    install_argparse_language(lang)
    t = Text(lang)
    p = argparse.ArgumentParser(
        prog="liaison-desk",
        description=t("联络站值班台：人大代表联络站的离线值班登记系统。不带子命令时打开值班台窗口。",
                      "LiaisonDesk: the offline duty desk of a deputy liaison station. "
                      "Without a subcommand it opens the desk window."),
    )
    p.add_argument("--version", action="version", version=f"liaison-desk {__version__}",
                   help=t("显示程序版本并退出", "show the program's version and exit"))
    p.add_argument("--data-dir", metavar=t("目录", "DIR"),
                   help=t("数据目录（默认为本机用户数据目录，也可用环境变量 LIAISON_DESK_DATA_DIR 指定）",
                          "data directory (default: the user data dir, or $LIAISON_DESK_DATA_DIR)"))
    p.add_argument("--lang", choices=["zh", "en"], help=t("界面语言（zh 中文，en 英文）", "language (zh, en)"))
    sub = p.add_subparsers(dest="command", title=t("子命令", "subcommands"))

    s = sub.add_parser("init", help=t("首次设置本联络站（无需图形界面）", "first-run set-up without the GUI"),
                       description=t("首次设置本联络站，并建立第一个管理员账号。", "Set up this station and its first administrator."))
    s.add_argument("--station-name", required=True, metavar=t("名称", "NAME"), help=t("联络站名称", "station name"))
    s.add_argument("--station-code", required=True, metavar=t("代码", "CODE"),
                   help=t("站点代码（2–8 位字母或数字，用于案件编号）", "station code (2-8 letters/digits, used in case numbers)"))
    s.add_argument("--township", default="", metavar=t("乡镇", "TOWNSHIP"), help=t("所在乡镇（街道）", "township"))
    s.add_argument("--kind", choices=["station", "point"], default="station",
                   help=t("station 联络站，point 联络点", "station or point"))
    s.add_argument("--admin-pin", metavar="PIN",
                   help=t("管理员密码（4–12 位数字；不填则自动生成并显示一次）", "administrator PIN (4-12 digits; generated when omitted)"))

    s = sub.add_parser("demo", help=t("生成演示（培训）数据", "fill with demo (training) data"),
                       description=t("在新的（空的）数据目录中建立培训用的示范联络站和逼真的演示数据；该数据库标记为培训库，永不同步。"
                                     "正式联络站（用 init 建立的）不接受演示数据。",
                                     "Set up a training station with realistic demo data in a new (empty) data "
                                     "directory; it is marked as training and never synced. A real station (made "
                                     "by init) refuses demo data."))
    s.add_argument("--visits", type=int, default=2000, metavar="N", help=t("来访登记条数（默认 2000）", "number of visits (default 2000)"))
    s.add_argument("--seed", type=int, default=1, metavar="S", help=t("随机种子（相同种子生成相同数据）", "random seed"))

    s = sub.add_parser("stats", help=t("统计数据", "statistics"), description=t("各类记录数、案件状态、办结率和满意率。", "Counts, case statuses, closure and satisfaction rates."))
    s.add_argument("--json", action="store_true", help=t("以 JSON 输出", "print JSON"))

    sub.add_parser("check", help=t("检查数据完整性", "integrity check"),
                   description=t("检查数据库文件和业务数据是否完整一致；发现问题时以非零状态退出并列出问题。",
                                 "Check the file and the domain data; exit non-zero with a report on problems."))

    s = sub.add_parser("reset-pin", help=t("重置账号密码", "reset an account's PIN"),
                       description=t("为代表、工作人员或管理员的账号设置新密码，并解除连续输错后的等待。"
                                     "不填 --pin 时自动生成 6 位密码并显示一次。",
                                     "Set a new PIN for a deputy's, staff member's or administrator's account and "
                                     "clear its wrong-PIN wait. Without --pin a 6-digit PIN is generated and shown once."))
    s.add_argument("login", metavar=t("登录名", "LOGIN"),
                   help=t("账号的登录名（代表一般为代表证号）", "the account's login (a deputy's is usually the card code)"))
    s.add_argument("--pin", metavar="PIN", help=t("新密码（4–12 位数字）", "the new PIN (4-12 digits)"))

    s = sub.add_parser("export", help=t("导出全部记录", "export every record"),
                       description=t("导出全部记录，每行一个 JSON 对象。", "Export every record, one JSON object per line."))
    s.add_argument("--format", choices=["jsonl"], default="jsonl", help=t("导出格式", "format"))
    s.add_argument("-o", "--output", required=True, metavar=t("文件", "FILE"), help=t("输出文件（- 表示标准输出）", "output file (- for stdout)"))

    for feature in FEATURES:
        for name, handler in feature.add_parsers(sub, t).items():
            FEATURE_COMMANDS[name] = handler
    return p


# What of a command line may be written to the log: an allow-list, so that a new option holding a PIN, a
# token, a phone, an ID number or a name is withheld until someone decides it is harmless. Withheld values
# are logged as ``name=…`` (that the option was given is useful; its value is not needed).
LOGGED_VALUES = frozenset({
    "command", "print_what", "lang", "data_dir", "kind", "station_code", "format", "json", "visits", "seed",
    "output", "file", "hub", "limit", "all", "resolve", "width", "large", "stub", "reprint", "dry_run",
    "month", "year", "date", "date_from", "date_to", "slot", "slot1", "slot2", "date1", "date2", "per_month",
    "weekdays", "slots", "per_slot", "by_group", "status", "open_only", "overdue", "triage", "case_number",
    "at", "pdf", "to", "usb_dir", "keep", "force", "since", "period", "by", "thresholds", "ledger",
})


def describe_command(args: argparse.Namespace) -> str:
    """The command line as the log may keep it: the subcommand(s) and allow-listed option values; any other
    value given (``--admin-pin``, ``--pin``, ``--token``, search text, a login, a reason, a name) shows as
    ``name=…``. The desk without a subcommand is ``desk``."""
    parts = [str(args.command or "desk")]
    for name, value in vars(args).items():
        if name == "command" or value is None or value is False or value == "":
            continue
        if name.endswith("_command") or name == "print_what":
            parts.append(str(value))
        elif name in LOGGED_VALUES:
            parts.append(f"{name}={value}" if value is not True else name)
        else:
            parts.append(f"{name}=…")
    return " ".join(parts)


def _open(args, *, create: bool = False):
    """The station database; only ``init`` and ``demo`` may create one (a mistyped --data-dir must not)."""
    from ..services.context import open_station_database

    data = paths.data_dir(args.data_dir)
    if not create and not paths.database_path(data).exists():
        raise DomainError("no_database", f"目录 {data} 中还没有联络站数据库。请检查 --data-dir，或先运行 init。",
                          message_en=f"There is no station database in {data}. Check --data-dir, or run init first.")
    return open_station_database(data)  # refuses a damaged or read-only file (integrity.DatabaseFileProblem)


def cmd_init(args, t: Text) -> int:
    from ..services.admin.setup import init_station

    db = _open(args, create=True)
    res = init_station(db, name=args.station_name, code=args.station_code, township=args.township,
                       kind=args.kind, admin_pin=args.admin_pin)
    print(t(f"已设置联络站：{res.station.name}（代码 {res.station.code}）",
            f"Station set up: {res.station.name} (code {res.station.code})"))
    print(t(f"管理员账号：{res.admin_login}", f"Administrator login: {res.admin_login}"))
    if res.admin_pin:
        print(t(f"管理员密码：{res.admin_pin}（请记下，此密码只显示这一次）",
                f"Administrator PIN: {res.admin_pin} (write it down: it is shown only once)"))
    if res.recovery_code:
        cipher_cmd.show_recovery_code(res.recovery_code, t)
    return EXIT_OK


def cmd_demo(args, t: Text) -> int:
    from ..services.admin.demo import generate_demo

    db = _open(args, create=True)
    res = generate_demo(db, visits=args.visits, seed=args.seed,
                        progress=lambda msg: print(msg, file=sys.stderr))
    print(t(f"已生成演示数据：{res.visits} 条来访、{res.cases} 件案件、{res.deputies} 名代表、{res.shifts} 个值班班次"
            f"（共 {res.rows} 行，用时 {res.seconds:.1f} 秒）",
            f"Demo data: {res.visits} visits, {res.cases} cases, {res.deputies} deputies, {res.shifts} shifts "
            f"({res.rows} rows in {res.seconds:.1f} s)"))
    return EXIT_OK


def cmd_stats(args, t: Text) -> int:
    from ..services.admin.stats import compute_stats, format_stats

    stats = compute_stats(_open(args))
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2, sort_keys=True))
    else:
        print(format_stats(stats, t.lang))
    return EXIT_OK


def cmd_check(args, t: Text) -> int:
    from ..services.admin.integrity import DatabaseFileProblem, classify_error, run_check

    path = paths.database_path(paths.data_dir(args.data_dir))
    try:
        report = run_check(_open(args))
    except DatabaseFileProblem as exc:
        return _file_problem(exc.problem, t)
    except Exception as exc:
        problem = classify_error(exc, path)
        if problem is None:
            raise
        log.warning("check: the database cannot be opened: %s", exc)
        return _file_problem(problem, t)
    for line in report.warnings[:50]:
        print(t("提示：", "Note: ") + line)
    if report.ok:
        print(t(f"检查通过：{report.cases_checked} 件案件、{report.rows_checked} 条记录均一致。",
                f"All good: {report.cases_checked} cases and {report.rows_checked} records are consistent."))
        return EXIT_OK
    print(t(f"发现 {len(report.problems)} 个问题：", f"{len(report.problems)} problem(s) found:"))
    for line in report.problems[:200]:
        print(f"  - {line}")
    if len(report.problems) > 200:
        print(t(f"  ……另有 {len(report.problems) - 200} 个", f"  … and {len(report.problems) - 200} more"))
    return EXIT_CHECK_FAILED


def _file_problem(problem, t: Text) -> int:
    """``check``'s answer when the file itself is the problem: damage exits 3 (checked, not sound), a
    read-only folder or a busy file 1 (could not check)."""
    print(t("检查未通过：", "Check failed: ") + problem.localized(t.lang) if problem.damaged
          else t("错误：", "Error: ") + problem.localized(t.lang), file=sys.stdout if problem.damaged else sys.stderr)
    return EXIT_CHECK_FAILED if problem.damaged else EXIT_ERROR


def cmd_reset_pin(args, t: Text) -> int:
    from ..services.context import SYSTEM_ADMIN
    from ..services.desk.accounts import reset_pin

    done = reset_pin(_open(args), SYSTEM_ADMIN, args.login, args.pin)
    print(t(f"已重置 {done.display_name}（{done.login}）的密码，连续输错的等待也已解除。",
            f"The PIN of {done.display_name} ({done.login}) was reset and its wrong-PIN wait cleared."))
    if args.pin is None:
        print(t(f"新密码：{done.pin}（请转告本人，此密码只显示这一次）",
                f"New PIN: {done.pin} (tell its owner: it is shown only once)"))
    return EXIT_OK


def cmd_export(args, t: Text) -> int:
    from ..services.admin.export import export_jsonl
    from ..services.context import SYSTEM_ADMIN
    from .print_cmd import check_output_path, open_output

    if args.output != "-":
        check_output_path(Path(args.output))  # a folder or a device is refused before anything is read
    db = _open(args)
    if args.output == "-":
        count = export_jsonl(db, sys.stdout, actor=SYSTEM_ADMIN)
    else:
        out = Path(args.output)
        # owner-only (0600), written beside the target and renamed: never half an export, never a device
        with open_output(out, "w", encoding="utf-8", newline="\n") as fh:
            count = export_jsonl(db, fh, actor=SYSTEM_ADMIN)
        print(t(f"已导出 {count} 条记录到 {out}", f"Exported {count} records to {out}"), file=sys.stderr)
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace, Text], int]] = {
    "init": cmd_init, "demo": cmd_demo, "stats": cmd_stats, "check": cmd_check, "export": cmd_export,
    "reset-pin": cmd_reset_pin,
}


def run_command(args: argparse.Namespace, lang: str) -> int:
    """Run a subcommand; every failure becomes a readable message and an exit code, the traceback goes to the log."""
    t = Text(lang)
    try:
        if args.command in FEATURE_COMMANDS:
            rc = FEATURE_COMMANDS[args.command](args, t, _open)
        else:
            rc = COMMANDS[args.command](args, t)
        sys.stdout.flush()  # a reader gone away (`| head`) shows here, not in the interpreter's last flush
        return rc
    except BrokenPipeError:  # the reader has what it wanted: stop quietly, as `cat` does
        log.info("%s: standard output closed by its reader", args.command)
        return stdout_closed_by_reader()
    except DomainError as exc:
        log.info("refused: %s (%s)", exc.code, exc.message)
        print(t("错误：", "Error: ") + exc.localized(lang), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(t("已中断。", "Interrupted."), file=sys.stderr)
        return 130
    except OSError as exc:
        log.exception("file error")
        print(t(f"错误：文件操作失败：{exc.strerror or exc}（{exc.filename or ''}）",
                f"Error: file operation failed: {exc.strerror or exc} ({exc.filename or ''})"), file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # the user never sees a traceback; the log file keeps it
        from ..services.admin.integrity import classify_error

        problem = classify_error(exc, paths.database_path(paths.data_dir(args.data_dir)))
        if problem is not None:  # a damaged, foreign, read-only or busy database file: say which
            log.warning("%s: database file problem %s: %s", args.command, problem.code, exc)
            print(t("错误：", "Error: ") + problem.localized(lang), file=sys.stderr)
            return EXIT_ERROR
        log.exception("unexpected error in %s", args.command)
        print(t("错误：程序遇到意外问题，详细信息已写入日志文件。", "Error: unexpected problem; details are in the log file."),
              file=sys.stderr)
        return EXIT_ERROR


def parse(argv: Sequence[str]) -> tuple[argparse.Namespace, str]:
    lang = detect_language(argv)
    args = build_parser(lang).parse_args(argv)
    return args, (args.lang or lang)
