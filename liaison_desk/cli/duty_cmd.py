"""Deputies on duty: roster generation and duty scores (roster, scores, deputies, duty-year, report-draft)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path

from ..domain.console import format_table, pad, print_table
from ..domain.errors import DomainError
from ..domain.roster import ROSTER_ROLES
from ..domain.timeutil import local_today
from ..domain.validation import validate_date
from ..domain.vocab import DEPUTY_LEVELS, SHIFT_SLOTS, label
from .i18n import Text


def _date(value: str) -> dt.date:
    return validate_date(value)


def _month(value: str) -> tuple[int, int]:
    try:
        y, m = (int(p) for p in value.replace("/", "-").split("-"))
        dt.date(y, m, 1)
    except ValueError:
        raise DomainError("bad_month", f"月份“{value}”格式不对，请写成 2026-12。", field="month",
                          message_en=f"Bad month {value!r}: write it like 2026-12.") from None
    return y, m


def _json(obj) -> None:
    def conv(o):
        if dataclasses.is_dataclass(o) and not isinstance(o, type):
            return dataclasses.asdict(o)
        if isinstance(o, dt.date | dt.datetime):
            return o.isoformat()
        return str(o)

    print(json.dumps(obj, ensure_ascii=False, indent=2, default=conv))


def add_parsers(subparsers, t: Text) -> dict:
    p = subparsers.add_parser("roster", help=t("值班表：生成、查看、替班", "duty roster: generate, show, substitute"),
                              description=t("联络站代表轮流值班表。", "The station's rotating duty roster."))
    sub = p.add_subparsers(dest="roster_command", title=t("子命令", "subcommands"), required=True)
    g = sub.add_parser("generate", help=t("按值班规则生成并保存一段时间的值班表", "generate and save a period's roster"),
                       description=t("按本站值班规则公平轮换排班（照顾请假、次数上限、年度最少接待次数），保存并说明每个班次的安排理由。",
                                     "Plan fair rotation (leave, limits, yearly minimum), save it and explain each slot."))
    g.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD", help=t("开始日期", "first day"))
    g.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD", help=t("结束日期", "last day"))
    g.add_argument("--dry-run", action="store_true", help=t("只预览，不保存", "preview only, do not save"))
    g.add_argument("--json", action="store_true", help=t("以 JSON 输出", "print JSON"))
    s = sub.add_parser("show", help=t("查看某月值班计划与实际签到", "a month's plan against actual sign-in"))
    s.add_argument("--month", required=True, metavar="YYYY-MM", help=t("月份", "month"))
    s.add_argument("--json", action="store_true", help=t("以 JSON 输出", "print JSON"))
    r = sub.add_parser("substitute", help=t("登记替班", "record a substitution"))
    r.add_argument("--date", required=True, metavar="YYYY-MM-DD", help=t("日期", "date"))
    r.add_argument("--slot", required=True, choices=list(SHIFT_SLOTS), help=t("班次：am 上午，pm 下午，full 全天", "slot"))
    r.add_argument("--from-deputy", required=True, metavar=t("代表", "DEPUTY"), help=t("原排班代表（姓名或代表证号）", "planned deputy (name or card)"))
    r.add_argument("--to-deputy", required=True, metavar=t("代表", "DEPUTY"), help=t("替班代表（姓名或代表证号）", "substitute (name or card)"))
    r.add_argument("--reason", default="", help=t("原因", "reason"))

    w = sub.add_parser("swap", help=t("登记换班", "record a swap"))
    for n in ("1", "2"):
        w.add_argument(f"--date{n}", required=True, metavar="YYYY-MM-DD", help=t(f"第 {n} 个班次的日期", f"date of slot {n}"))
        w.add_argument(f"--slot{n}", required=True, choices=list(SHIFT_SLOTS), help=t("班次", "slot"))
        w.add_argument(f"--deputy{n}", required=True, metavar=t("代表", "DEPUTY"),
                       help=t(f"第 {n} 个班次原排班代表（姓名或代表证号）", f"deputy planned on slot {n}"))
    w.add_argument("--reason", default="", help=t("原因", "reason"))
    lv = sub.add_parser("leave", help=t("登记代表请假", "record a deputy's leave"))
    lv.add_argument("--deputy", required=True, metavar=t("代表", "DEPUTY"), help=t("姓名或代表证号", "name or card"))
    lv.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD")
    lv.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help=t("结束日期（不填为一天）", "last day (default: one day)"))
    lv.add_argument("--reason", default="", help=t("原因", "reason"))
    li = sub.add_parser("limit", help=t("设置代表每月最多值班次数", "set a deputy's monthly limit"))
    li.add_argument("--deputy", required=True, metavar=t("代表", "DEPUTY"), help=t("姓名或代表证号", "name or card"))
    li.add_argument("--per-month", type=int, metavar="N",
                    help=t("每个自然月最多值班次数（不填则取消上限）", "most shifts in any calendar month (omit: no limit)"))
    pt = sub.add_parser("pattern", help=t("查看或设置值班规则", "show or set the duty pattern"),
                        description=t("不带参数时显示当前值班规则。", "Without options, shows the current pattern."))
    pt.add_argument("--weekdays", metavar="0,2,4", help=t("接待日：0 为周一……6 为周日，用逗号分隔", "reception days, 0 = Monday"))
    pt.add_argument("--slots", metavar="am,pm", help=t("班次：am 上午、pm 下午，或 full 全天", "slots: am,pm or full"))
    pt.add_argument("--per-slot", type=int, metavar="N", help=t("每班值班代表人数", "deputies per slot"))

    sc = subparsers.add_parser("scores", help=t("代表履职积分与排名", "deputies' duty scores and ranking"),
                               description=t("按积分规则从履职记录计算每位代表的年度积分、等次和排名。",
                                             "Each deputy's yearly score, grade and rank, computed from the records."))
    sc.add_argument("--year", required=True, type=int, metavar="YYYY", help=t("年度", "year"))
    sc.add_argument("--deputy", metavar=t("代表", "DEPUTY"), help=t("只看一位代表的积分明细（姓名或代表证号）", "one deputy's lines"))
    sc.add_argument("--by-group", action="store_true", help=t("按代表小组排名", "rank within each group"))
    sc.add_argument("--json", action="store_true", help=t("以 JSON 输出", "print JSON"))

    dp = subparsers.add_parser("deputies", help=t("代表名单：导入、导出、列表", "deputy list: import, export, list"))
    dsub = dp.add_subparsers(dest="deputies_command", title=t("子命令", "subcommands"), required=True)
    i = dsub.add_parser("import", help=t("从 CSV 或 Excel 导入代表名单", "import a CSV or Excel list"))
    i.add_argument("file", metavar=t("文件", "FILE"))
    i.add_argument("--dry-run", action="store_true", help=t("只检查，不保存", "check only"))
    e = dsub.add_parser("export", help=t("导出代表名单（.xlsx 或 .csv）", "export the list (.xlsx or .csv)"))
    e.add_argument("-o", "--output", required=True, metavar=t("文件", "FILE"))
    dsub.add_parser("list", help=t("列出代表", "list deputies"))

    y = subparsers.add_parser("duty-year", help=t("代表年度履职情况及最低要求是否达到", "each deputy's year and the minimums"))
    y.add_argument("--year", required=True, type=int, metavar="YYYY")
    y.add_argument("--json", action="store_true", help=t("以 JSON 输出", "print JSON"))
    rd = subparsers.add_parser("report-draft", help=t("生成代表年度述职报告初稿", "draft a deputy's report to voters"))
    rd.add_argument("--year", required=True, type=int, metavar="YYYY")
    rd.add_argument("--deputy", required=True, metavar=t("代表", "DEPUTY"), help=t("姓名或代表证号", "name or card"))
    rd.add_argument("--pdf", metavar=t("文件", "FILE"), help=t("另存为 PDF 以便打印", "also write a printable PDF"))
    rd.add_argument("--text", metavar=t("文件", "FILE"),
                    help=t("打印代表修改后的报告（UTF-8 文本文件）", "print the deputy's edited text (UTF-8 file)"))
    return {"roster": cmd_roster, "scores": cmd_scores, "deputies": cmd_deputies, "duty-year": cmd_duty_year,
            "report-draft": cmd_report_draft}


def _admin():
    from ..services.context import SYSTEM_ADMIN

    return SYSTEM_ADMIN


def _find_deputy(db, who: str) -> str:
    from ..services.duty.deputies import list_deputy_records

    found = [d for d in list_deputy_records(db) if who in (d.name, d.code, d.id)]
    if not found:
        raise DomainError("no_deputy", f"找不到代表“{who}”。", message_en=f"No deputy {who!r}.")
    if len(found) > 1:
        raise DomainError("ambiguous_deputy", f"有 {len(found)} 位代表叫“{who}”，请改用代表证号。",
                          message_en=f"{len(found)} deputies are called {who!r}: use the card number.")
    return found[0].id


def cmd_roster(args, t: Text, open_db) -> int:
    from ..services.duty import roster as R

    db = open_db(args)
    if args.roster_command == "generate":
        start, end = _date(args.date_from), _date(args.date_to)
        plan = R.preview_roster(db, start, end) if args.dry_run else R.generate_and_save(db, _admin(), start, end)
        ro = plan.roster
        if args.json:
            _json({"from": start, "to": end, "saved": plan.saved, "counts": [{"deputy_id": k, "deputy": plan.names.get(k, k), "shifts": v}
                                                                   for k, v in ro.counts.items()],
                   "warnings": list(ro.warnings), "no_account": list(plan.no_account),
                   "holidays_skipped": [{"date": d, "name": n} for d, n in plan.holidays_skipped],
                   "makeup_days": [{"date": d, "name": n} for d, n in plan.makeup_days],
                   "assignments": [{"date": a.date, "slot": a.slot, "deputy_id": a.deputy_id,
                                    "deputy": plan.names.get(a.deputy_id, a.deputy_id), "reasons": list(a.reasons)}
                                   for a in ro.assignments]})
            return 0
        for a in ro.assignments:
            slot = label(SHIFT_SLOTS, a.slot, t.lang)
            print(f"{a.date:%Y-%m-%d} {pad(slot, 4)} {plan.names.get(a.deputy_id, a.deputy_id)}：{'；'.join(a.reasons)}")
        busy = sorted(((plan.names[k], v) for k, v in ro.counts.items() if v), key=lambda kv: (-kv[1], kv[0]))
        counts = "、".join(f"{n} {v}" for n, v in busy)
        idle = len(ro.counts) - len(busy)
        print(t(f"共 {len(ro.assignments)} 个班次。各代表值班次数：{counts}" + (f"；其余 {idle} 位本期未排班" if idle else ""),
                f"{len(ro.assignments)} assignments. Shifts per deputy: {counts}" + (f"; {idle} others none" if idle else "")))
        if plan.holidays_skipped:
            days = "、".join(f"{d:%Y-%m-%d}（{n}）" for d, n in plan.holidays_skipped)
            print(t(f"节假日不排班：{days}", f"Holidays not planned: {days}"))
        if plan.makeup_days:
            days = "、".join(f"{d:%Y-%m-%d}（{n}）" for d, n in plan.makeup_days)
            print(t(f"调休上班日照常排班：{days}", f"Make-up working days planned: {days}"))
        for w in ro.warnings:
            print(t("注意：", "Warning: ") + w)
        print(t("已保存。" if plan.saved else "仅预览，未保存。", "Saved." if plan.saved else "Preview only, not saved."))
        return 0
    if args.roster_command == "show":
        y, m = _month(args.month)
        month = R.roster_month(db, y, m)
        entries = [e for es in month.days.values() for e in es]
        if args.json:
            _json({"month": args.month, "entries": [{**dataclasses.asdict(e), "status_zh": e.status_zh} for e in entries],
                   "changes": [c.text() for c in month.changes]})
            return 0
        print_table([(f"{e.date:%Y-%m-%d}", label(SHIFT_SLOTS, e.slot, t.lang), e.deputy_name,
                      (f"{e.signed_in_at:%H:%M}" if e.signed_in_at else "--:--") + "–"
                      + (f"{e.signed_out_at:%H:%M}" if e.signed_out_at else "--:--"),
                      e.status_zh if t.lang != "en" else e.status) for e in entries], gap=" ")
        for c in month.changes:
            print(t("换班/替班：", "Change: ") + c.text())
        return 0
    if args.roster_command == "swap":
        R.swap(db, _admin(), _date(args.date1), args.slot1, _find_deputy(db, args.deputy1), _date(args.date2),
               args.slot2, _find_deputy(db, args.deputy2), args.reason)
        print(t("已登记换班。", "Swap recorded."))
        return 0
    if args.roster_command == "leave":
        who = _find_deputy(db, args.deputy)
        first = _date(args.date_from)
        last = _date(args.date_to) if args.date_to else first
        R.add_unavailability(db, _admin(), who, first, last, args.reason)
        print(t("已登记请假。", "Leave recorded."))
        touched = R.planned_slots(db, max(first, local_today()), last, who)
        if touched:  # the plan still has the deputy on those slots: say so, and how to fix it
            slots = "、".join(f"{p.date:%Y-%m-%d}{label(SHIFT_SLOTS, p.slot, t.lang)}" for p in touched)
            print(t(f"注意：{touched[0].deputy_name}在请假期间已排班 {len(touched)} 次：{slots}。"
                    f"请用 roster generate 重新排这几天的班，或用 roster substitute 安排替班。",
                    f"Note: {touched[0].deputy_name} is planned {len(touched)} times during the leave: {slots}. "
                    "Re-plan those days with roster generate, or record substitutes with roster substitute."))
        return 0
    if args.roster_command == "pattern":
        return _pattern(args, t, db)
    if args.roster_command == "limit":
        R.set_monthly_limit(db, _admin(), _find_deputy(db, args.deputy), args.per_month)
        print(t(f"已设置：每月最多值班 {args.per_month} 次。" if args.per_month is not None else "已取消每月次数上限。",
                f"Monthly limit set to {args.per_month}." if args.per_month is not None else "Monthly limit removed."))
        return 0
    R.substitute(db, _admin(), _date(args.date), args.slot, _find_deputy(db, args.from_deputy),
                 _find_deputy(db, args.to_deputy), args.reason)
    print(t("已登记替班。", "Substitution recorded."))
    return 0


def _pattern(args, t: Text, db) -> int:
    from ..domain.roster import DutyPattern
    from ..services.duty import roster as R

    p = R.duty_pattern(db)
    if args.weekdays is not None or args.slots is not None or args.per_slot is not None:
        try:
            days = frozenset(int(x) for x in args.weekdays.split(",") if x.strip()) if args.weekdays else p.weekdays
        except ValueError:
            raise DomainError("bad_weekday", "接待日请写成 0,2,4 这样（0 表示周一，6 表示周日）。", field="weekdays",
                              message_en="Write reception days like 0,2,4 (0 = Monday).") from None
        slots = tuple(s.strip() for s in args.slots.split(",")) if args.slots else p.slots
        p = R.set_duty_pattern(db, _admin(), DutyPattern(days, slots, args.per_slot or p.deputies_per_slot,
                                                         p.holidays, p.extra_days))
    day_names = "、".join("周" + "一二三四五六日"[d] for d in sorted(p.weekdays))
    slot_names = "、".join(label(SHIFT_SLOTS, s, t.lang) for s in p.slots)
    print(t(f"值班规则：{day_names}接待；班次：{slot_names}；每班 {p.deputies_per_slot} 人。",
            f"Pattern: weekdays {sorted(p.weekdays)}; slots {', '.join(p.slots)}; {p.deputies_per_slot} per slot."))
    return 0


def cmd_scores(args, t: Text, open_db) -> int:
    from ..services.duty import scores as S

    db = open_db(args)
    if args.deputy:
        sc = S.deputy_year_score(db, _find_deputy(db, args.deputy), args.year)
        if args.json:
            _json(sc)
            return 0
        print(t(f"{sc.deputy_name} {sc.year}年度履职积分：{sc.total} 分（{sc.grade}）",
                f"{sc.deputy_name} {sc.year}: {sc.total} points ({sc.grade})"))
        for row in format_table([(f"{ln.category} / {ln.item}", ln.count, "→", ln.points,
                                  t("（已封顶）", "(capped)") if ln.capped else "") for ln in sc.lines], align="<><>"):
            print("  " + row)
        for c in sc.categories:
            if c.capped:
                print(t(f"  类别“{c.name}”封顶：{c.raw} → {c.points}", f"  category {c.name} capped: {c.raw} → {c.points}"))
        return 0
    groups = S.group_rankings(db, args.year) if args.by_group else {"": S.station_scores(db, args.year)}
    if args.json:
        _json({"year": args.year, "rankings": groups} if args.by_group else {"year": args.year, "ranking": groups[""]})
        return 0
    for name, rows in groups.items():
        if name:
            print(f"【{name}】")
        print_table([(r.rank, r.name, label(DEPUTY_LEVELS, r.level, t.lang), r.total, r.grade) for r in rows],
                    (t("名次", "rank"), t("姓名", "name"), t("层级", "level"), t("积分", "score"), t("等次", "grade")),
                    align="><<><")
    return 0


def cmd_deputies(args, t: Text, open_db) -> int:
    from ..services.duty import deputies as D

    db = open_db(args)
    if args.deputies_command == "import":
        res = D.import_deputies(db, _admin(), args.file, dry_run=args.dry_run)
        for e in res.errors:
            print(e.message, file=sys.stderr)
        verb = t("可导入" if args.dry_run else "已导入", "would import" if args.dry_run else "imported")
        print(t(f"{verb}：新增 {res.created} 位、更新 {res.updated} 位；有问题的行 {len(res.errors)} 行。",
                f"{verb}: {res.created} new, {res.updated} updated; {len(res.errors)} row(s) with problems."))
        return 1 if res.errors else 0
    if args.deputies_command == "export":
        n = D.export_deputies(db, args.output, actor=_admin())
        print(t(f"已导出 {n} 位代表到 {args.output}", f"Exported {n} deputies to {args.output}"))
        return 0
    rows = []
    for d in D.list_deputy_records(db):
        state = t("在任", "active") if d.active else t(f"离任（{d.active_until}）", f"left ({d.active_until})")
        rows.append((d.name, label(DEPUTY_LEVELS, d.level, t.lang), d.code or "",
                     label(ROSTER_ROLES, d.duty_role, t.lang) if d.duty_role else t("不在本站", "not here"), state))
    print_table(rows, (t("姓名", "name"), t("层级", "level"), t("代表证号", "card"), t("值班方式", "duty"),
                       t("状态", "state")))
    return 0


def cmd_duty_year(args, t: Text, open_db) -> int:
    from ..services.duty.record import station_year

    years = station_year(open_db(args), args.year)
    if args.json:
        _json([{**dataclasses.asdict(y), "minimums_met": y.minimums_met} for y in years])
        return 0
    print_table([(y.name, t("达标", "met") if y.minimums_met else t("未达标", "NOT met"),
                  "，".join(f"{m.label} {m.actual}/{m.required}{'✓' if m.met else '✗'}" for m in y.minimums))
                 for y in years])
    return 0


def cmd_report_draft(args, t: Text, open_db) -> int:
    from ..services.duty.scores import report_to_voters_draft

    db = open_db(args)
    deputy = _find_deputy(db, args.deputy)
    if args.text:
        try:
            with open(args.text, encoding="utf-8-sig") as f:
                text = f.read()
        except UnicodeDecodeError:
            raise DomainError("bad_encoding", f"文件“{args.text}”不是 UTF-8 编码的文本，请另存为 UTF-8 后再试。",
                              message_en=f"{args.text} is not UTF-8 text.") from None
    else:
        text = report_to_voters_draft(db, deputy, args.year)
    if not args.pdf:
        print(text)
        return 0
    from ..services.context import SYSTEM_ADMIN
    from ..services.printing.jobs import print_report  # logged; the same text printed again says 补打
    from .print_cmd import check_output_path, write_atomically

    target = Path(args.pdf)
    check_output_path(target)  # a folder or a device is refused before anything is built or logged
    # logged only once the file was written (owner-only, atomically): a failed write is no copy
    pdf = print_report(db, SYSTEM_ADMIN, deputy, args.year, text=text,
                       deliver=lambda built: write_atomically(target, bytes(built)))
    print(t(f"已生成述职报告：{args.pdf}（共 {pdf.pages} 页）", f"Report written to {args.pdf} ({pdf.pages} pages)"))
    for w in pdf.warnings:
        print(t("注意：", "Note: ") + w, file=sys.stderr)
    return 0
