"""A person's data on request (person export / person erase, PIPL Art. 44–47) and the retention rule
(retention), from the command line. Whoever runs the command line at the station PC acts as its
administrator, as for every other command."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .i18n import Text

EXIT_OK, EXIT_ERROR = 0, 1  # as in cli/main.py


def add_parsers(subparsers, t: Text) -> dict:
    p = subparsers.add_parser(
        "person", help=t("查阅或删除某个人的个人信息（按本人申请）", "export or erase one person's data (on their request)"),
        description=t("按本人申请（个人信息保护法第四十四至四十七条）：导出本站关于某人的全部记录，或删除其个人信息"
                      "（姓名改为“某某”，电话、身份证号清除，案件文字中的姓名和号码去掉），删除会同步到县级平台。"
                      "案件的类别、状态、日期等统计数字保留。",
                      "On a person's request (PIPL Art. 44-47): export everything this station holds about them, "
                      "or erase their personal fields (name becomes 某某, phone and ID number cleared, names and "
                      "numbers taken out of case texts); the erasure is synced to the hub. Categories, statuses "
                      "and dates stay for the statistics."))
    sub = p.add_subparsers(dest="person_command", title=t("操作", "actions"), required=True)
    for name, zh, en in (("export", "导出某人的全部记录（JSON 文件，仅本账户可读）",
                          "write everything about one person to a JSON file readable by you only"),
                         ("erase", "删除某人的个人信息（须加 --confirm）", "erase one person's personal fields (needs --confirm)")):
        s = sub.add_parser(name, help=t(zh, en), description=t(zh, en))
        s.add_argument("--phone", required=True, metavar=t("电话", "PHONE"), help=t("本人登记时留的电话号码", "the phone number they gave"))
        s.add_argument("--name", metavar=t("姓名", "NAME"),
                       help=t("姓名（一家人共用一个电话时用来区分）", "their name (when a family shares one phone)"))
        if name == "export":
            s.add_argument("-o", "--output", required=True, metavar=t("文件", "FILE"),
                           help=t("输出文件：.json（默认格式）或 .csv（可用表格软件打开）",
                                  "the file to write: .json, or .csv for a spreadsheet"))
        else:
            s.add_argument("--confirm", action="store_true",
                           help=t("确认删除（不加时只显示将删除什么）", "really erase (without it: only show what would be erased)"))

    r = subparsers.add_parser(
        "retention", help=t("按保存期限清除过期的个人信息", "remove personal fields past the retention period"),
        description=t("案件办结或撤回超过保存期限（默认 3 年）后，清除来访人的姓名、电话、身份证号及案件文字中的姓名和号码；"
                      "类别、状态、日期等统计数字保留，清除会同步到县级平台。值班台每天启动时也会自动运行一次。",
                      "Once a case has been closed or withdrawn for longer than the retention period (default 3 "
                      "years), remove the visitor's name, phone, ID number and the names and numbers in its texts; "
                      "categories, statuses and dates stay; the removal is synced to the hub. The desk also runs "
                      "this once a day when it starts."))
    r.add_argument("--dry-run", action="store_true", help=t("只统计，不改动", "count only, change nothing"))
    r.add_argument("--years", type=int, metavar="N",
                   help=t("把保存期限设为 N 年（1–30）并保存", "set the retention period to N years (1-30) and keep it"))
    return {"person": cmd_person, "retention": cmd_retention}


def _counts(t: Text, c, *, would: bool) -> str:
    verb = t("将清除" if would else "已清除", "would clear" if would else "cleared")
    line = t(f"{verb}：案件 {c.cases} 件，来访登记 {c.visits} 条，来访群众 {c.constituents} 人。",
             f"{verb}: {c.cases} cases, {c.visits} visits, {c.constituents} people.")
    if c.others:
        line += t(f"另有 {c.others} 条记录属于其他联络站或县级平台，须由其删除。",
                  f" {c.others} records belong to another station or the hub and must be erased there.")
    return line


def cmd_person(args, t: Text, open_db) -> int:
    from ..services.admin.person import erase_person, export_person
    from ..services.context import SYSTEM_ADMIN
    from .print_cmd import check_output_path, open_output

    if args.person_command == "export":
        out = Path(args.output)
        check_output_path(out)  # a folder or a device is refused before anything is read
        found = export_person(open_db(args), SYSTEM_ADMIN, args.phone, args.name)
        if out.suffix.lower() == ".csv":  # one line per field: opens in a spreadsheet (BOM: Excel reads UTF-8)
            with open_output(out, "w", encoding="utf-8-sig", newline="") as fh:  # owner-only (0600)
                write_csv(found.as_json(), fh, t)
        else:
            with open_output(out, "w", encoding="utf-8", newline="\n") as fh:  # owner-only (0600)
                json.dump(found.as_json(), fh, ensure_ascii=False, indent=1, sort_keys=True)
                fh.write("\n")
        print(t(f"已导出 {found.total} 条记录到 {out}（仅本账户可读）。",
                f"Exported {found.total} records to {out} (readable by you only)."))
        return EXIT_OK
    done = erase_person(open_db(args), SYSTEM_ADMIN, args.phone, args.name, dry_run=not args.confirm)
    print(_counts(t, done, would=done.dry_run))
    if done.dry_run:
        print(t("没有改动任何数据。确认删除请加 --confirm。", "Nothing was changed. Add --confirm to erase."),
              file=sys.stderr)
    else:
        print(t("删除会在下次同步时传到县级平台。", "The erasure reaches the hub at the next sync."))
    return EXIT_OK


def write_csv(body: dict, fh, t: Text) -> None:
    """The export as a table: record type, record id, field, value (a value that is not text as JSON)."""
    import csv

    w = csv.writer(fh)
    w.writerow([t("记录类型", "type"), t("记录编号", "id"), t("字段", "field"), t("内容", "value")])
    for kind in ("constituents", "visits", "cases", "case_events"):
        for record in body[kind]:
            for name, value in record.items():
                if name != "id":
                    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                    w.writerow([kind, record["id"], name, text])


def cmd_retention(args, t: Text, open_db) -> int:
    from ..services.admin.retention import retention_years, run_retention, set_retention_years
    from ..services.context import SYSTEM_ADMIN

    db = open_db(args)
    if args.years is not None:
        set_retention_years(db, SYSTEM_ADMIN, args.years)
    years = retention_years(db)
    done = run_retention(db, SYSTEM_ADMIN, dry_run=args.dry_run, full=True)
    when = f"{done.cutoff:%Y-%m-%d}" if done.cutoff else ""
    print(t(f"保存期限 {years} 年：{when} 以前办结或撤回的案件。", f"Retention {years} years: cases ended before {when}."))
    print(_counts(t, done, would=done.dry_run))
    if done.dry_run:
        print(t("这是试运行，没有改动任何数据。", "Dry run: nothing was changed."))
    return EXIT_OK
