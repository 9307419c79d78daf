"""Case search from the command line (search TEXT), the same search as the desk's case list."""

from __future__ import annotations

import json

from ..domain.console import print_table
from .i18n import Text

EXIT_OK = 0  # as in cli/main.py: 1 is an error (a refused query, no database), 2 a usage error


def add_parsers(subparsers, t: Text) -> dict:
    p = subparsers.add_parser(
        "search", help=t("搜索案件（全文，支持单字和词语）", "search cases (full text, Chinese words or single characters)"),
        description=t("在案件内容、来访人姓名、案件编号和村（社区）名中搜索，与值班台案件列表的搜索相同。"
                      "多个词用空格隔开时，须全部出现。",
                      "Search case content, visitor names, case numbers and villages, as the desk's case list "
                      "does. Several words separated by spaces must all occur."))
    p.add_argument("text", metavar=t("文字", "TEXT"), help=t("要搜索的文字，例如 灌溉 或 路灯", "what to look for, e.g. 灌溉 or 路灯"))
    p.add_argument("--json", action="store_true", help=t("以 JSON 输出（每行一个案件）", "print JSON lines, one case each"))
    p.add_argument("--limit", type=int, default=50, metavar="N", help=t("最多显示多少件（默认 50）", "at most N cases (default 50)"))
    return {"search": cmd_search}


def cmd_search(args, t: Text, open_db) -> int:
    from ..domain.workflow import STATUS_LABELS, Status
    from ..services.cases.search import count_matches, search_cases
    from ..services.context import SYSTEM_ADMIN

    db = open_db(args)
    rows = search_cases(db, args.text, limit=args.limit, actor=SYSTEM_ADMIN)
    if args.json:
        for r in rows:
            print(json.dumps({"id": str(r.id), "number": r.number, "registered_at": r.registered_at.isoformat(),
                              "summary": r.summary, "category": r.category, "village": r.village,
                              "triage": r.triage, "status": r.status, "department": r.department,
                              "deadline": r.deadline.isoformat() if r.deadline else None},
                             ensure_ascii=False))
        return EXIT_OK
    if not rows:
        print(t(f"没有找到包含“{args.text}”的案件。", f"No case contains “{args.text}”."))
        return EXIT_OK  # finding nothing is an answer, not an error
    total = count_matches(db, args.text, cap=10_000)
    shown = t(f"找到 {total if total < 10_000 else '10000 以上'} 件，显示最新的 {len(rows)} 件：",
              f"{total if total < 10_000 else 'over 10000'} found, newest {len(rows)} shown:")
    print(shown)
    print_table([(r.number, f"{r.registered_at:%Y-%m-%d}",
                  STATUS_LABELS[Status(r.status)][0 if t.lang == "zh" else 1] if r.status in set(Status) else r.status,
                  r.village or "", r.summary) for r in rows])
    return EXIT_OK
