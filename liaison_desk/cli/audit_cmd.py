"""The audit trail from the command line: ``audit verify`` walks the chain, ``audit list`` shows it (issue 17)."""

from __future__ import annotations

import datetime as dt

from ..domain.console import print_table
from .i18n import Text

EXIT_OK, EXIT_ERROR, EXIT_CHECK_FAILED = 0, 1, 3  # as in cli/main.py


def add_parsers(subparsers, t: Text) -> dict:
    p = subparsers.add_parser(
        "audit", help=t("审计日志：核验或查阅", "the audit trail: verify or list"),
        description=t("审计日志记录谁查看、搜索、打印或导出了个人信息，以及每一项管理操作；记录只增不改，逐条以哈希相连。",
                      "The audit trail records who viewed, searched, printed or exported personal data, and every "
                      "administrative action; append-only, each entry chained to the one before by its hash."))
    sub = p.add_subparsers(dest="audit_command", required=True, title=t("操作", "actions"))
    sub.add_parser("verify", help=t("核验审计日志是否被改动或删除", "check that no entry was edited or deleted"),
                   description=t("逐条核验审计日志；发现被改动或缺失的记录时列出并以状态 3 退出。",
                                 "Walk the chain; an edited or missing entry is named and the exit status is 3."))
    s = sub.add_parser("list", help=t("查阅审计日志（管理员）", "list the audit trail (administrator)"),
                       description=t("按时间顺序列出审计日志；查阅本身也记入日志。",
                                     "List the entries, oldest first; the reading itself is logged."))
    s.add_argument("--since", metavar=t("日期", "DATE"), help=t("只列出此日期（YYYY-MM-DD）以来的记录", "only entries "
                   "from this date (YYYY-MM-DD)"))
    s.add_argument("--limit", type=int, default=1000, metavar="N", help=t("最多列出多少条（默认 1000）",
                                                                           "at most N entries (default 1000)"))
    return {"audit": cmd_audit}


def cmd_audit(args, t: Text, open_db) -> int:
    from ..services.admin import audit
    from ..services.context import SYSTEM_ADMIN

    if args.audit_command == "list":
        since = None
        if args.since:
            try:
                since = dt.date.fromisoformat(args.since)
            except ValueError:
                print(t(f"日期“{args.since}”应写成 YYYY-MM-DD。", f"Write the date {args.since!r} as YYYY-MM-DD."))
                return EXIT_ERROR
        rows = audit.list_entries(open_db(args), SYSTEM_ADMIN, since=since, limit=max(1, args.limit))
        if not rows:
            print(t("没有审计记录。", "No audit entries."))
            return EXIT_OK
        print_table([(r.seq, f"{r.at:%Y-%m-%d %H:%M:%S}" + ("" if r.clock_checked else t(" (时间未确认)", " (unchecked)")),
                      r.actor_name, r.action_label if t.lang == "zh" else r.action, r.target, r.detail)
                     for r in rows],
                    [t("序号", "No."), t("时间", "Time"), t("操作人", "Who"), t("操作", "Action"), t("对象", "Target"),
                     t("说明", "Detail")])
        return EXIT_OK
    check = audit.verify(open_db(args))
    if check.ok:
        print(t(f"审计日志完好：共 {check.entries} 条，逐条相连，没有改动或缺失。",
                f"The audit trail is intact: {check.entries} entries, each chained, none edited or missing."))
        return EXIT_OK
    for p in check.problems:
        print(p.message if t.lang == "zh" else p.message_en)
    print(t(f"审计日志核验未通过：{len(check.problems)} 处问题（共 {check.entries} 条）。",
            f"The audit trail failed verification: {len(check.problems)} problem(s) in {check.entries} entries."))
    return EXIT_CHECK_FAILED
