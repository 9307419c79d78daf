"""Livelihood-project votes (``vote``) and 述职评议 (``appraisal``) from the command line (issue 18).

Counts are typed as ``--count 栏目=票数`` (repeatable): the row is 发出选票/收回选票/有效票/无效票 or an option's
name or number, with ``@投票箱`` for a booth (the total column when left out), or come from ``--counts-file``
(a JSON object of the same ``栏目: 票数`` pairs). Records are named by their id or its first characters.
Bad input is one line on standard error and exit status 2.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path

from ..domain.console import print_table
from ..domain.errors import DomainError
from ..domain.tally import resolve_field
from .i18n import Text

EXIT_OK, EXIT_USAGE = 0, 2


def _json(obj) -> None:
    def conv(o):
        if dataclasses.is_dataclass(o) and not isinstance(o, type):
            return dataclasses.asdict(o)
        if isinstance(o, dt.date | dt.datetime):
            return o.isoformat()
        return str(o)

    print(json.dumps(obj, ensure_ascii=False, indent=2, default=conv))


def _tally_actions(sub, t: Text, what: str) -> None:
    """enter / correct / diff / accept / amend: the same for a vote, a rating and an appraisal."""
    def target(p):
        p.add_argument("id", metavar="ID", help=t(f"{what}编号（可只写开头几位）", f"the {what} id (or its first characters)"))
        if what == "票决":
            p.add_argument("--rating", metavar=t("项目序号", "PROJECT"),
                           help=t("操作该项目的满意度测评（候选项目序号），不写则为票决计票", "act on that project's rating"))

    def counts(p, required: bool):
        p.add_argument("--count", action="append", default=[], metavar=t("栏目=票数", "FIELD=N"),
                       help=t("一个栏目的票数，可重复；如 有效票=38、称职=30、2@一号箱=12", "one field's count (repeat)"))
        p.add_argument("--counts-file", type=Path, metavar=t("文件", "FILE"),
                       help=t("JSON 文件：{\"栏目\": 票数, …}", "JSON file of {field: count}"))
        p.add_argument("--by", required=required, metavar=t("姓名", "NAME"), help=t("录入人姓名", "who types it"))

    e = sub.add_parser("enter", help=t("录入计票结果（两人分别录入第 1、2 次）", "enter the counts (entry 1 or 2)"),
                       description=t("两人分别录入同一张计票表：第 1 次、第 2 次由不同的人录入；两次不一致时可由第三人录入（--entry 3）。",
                                     "Two people each enter the whole tally; a third person may enter it when they differ."))
    target(e)
    e.add_argument("--entry", type=int, required=True, choices=(1, 2, 3), help=t("第几次录入", "entry number"))
    counts(e, True)
    c = sub.add_parser("correct", help=t("更正自己的录入（须说明原因）", "correct one's own entry (with a reason)"))
    target(c)
    c.add_argument("--entry", type=int, required=True, choices=(1, 2, 3), help=t("更正第几次录入", "entry number"))
    c.add_argument("--reason", required=True, help=t("原因", "reason"))
    counts(c, True)
    d = sub.add_parser("diff", help=t("逐项比对两次录入，列出每一处不一致", "compare the entries field by field"))
    target(d)
    d.add_argument("--json", action="store_true", help=t("以 JSON 输出", "print JSON"))
    a = sub.add_parser("accept", help=t("确认计票结果（两次录入一致、核对通过后）", "accept the tally"))
    target(a)
    a.add_argument("--by", required=True, metavar=t("姓名", "NAME"), help=t("确认人姓名", "who accepts"))
    m = sub.add_parser("amend", help=t("修改已确认的票数（另行记录修改人和原因）", "amend accepted counts"))
    target(m)
    m.add_argument("--reason", required=True, help=t("原因", "reason"))
    counts(m, True)


def add_parsers(subparsers, t: Text) -> dict:
    v = subparsers.add_parser(
        "vote", help=t("民生实事项目票决：候选项目、票决、计票、进展、满意度测评", "livelihood-project votes"),
        description=t("民生实事项目人大代表票决：征集候选项目（群众、部门提出或由案件转来），乡镇或县确定名单后召开票决会议，"
                      "纸质选票由两人分别录入、比对一致后确认，按得票排序产生项目；之后登记项目进展和年终满意度测评。",
                      "Candidates, the locked list, the vote with paper ballots entered twice, the chosen projects, "
                      "their progress and the year-end satisfaction rating."))
    sub = v.add_subparsers(dest="vote_command", required=True, title=t("子命令", "subcommands"))
    p = sub.add_parser("create", help=t("建立一次票决", "create a vote"))
    p.add_argument("--year", type=int, required=True, help=t("年度", "year"))
    p.add_argument("--title", required=True, help=t("名称", "title"))
    p.add_argument("--chosen", type=int, required=True, help=t("票决产生的项目数", "projects to choose"))
    p.add_argument("--threshold", type=int, default=50, help=t("当选须超过收回选票的百分比（默认 50，即过半数）",
                                                               "share of ballots to pass, percent (default 50)"))
    p.add_argument("--level", choices=("township", "county"), default="township", help=t("层级：乡镇或县", "level"))
    p.add_argument("--json", action="store_true", help=t("以 JSON 输出", "print JSON"))
    p = sub.add_parser("add-candidate", help=t("登记候选项目", "add a candidate"))
    p.add_argument("id", metavar="ID", help=t("票决编号", "vote id"))
    p.add_argument("--title", required=True, help=t("项目名称", "title"))
    p.add_argument("--source", choices=("public", "department", "case"), required=True,
                   help=t("来源：public 群众提出，department 部门提出，case 由案件转来", "source"))
    p.add_argument("--proposer", default="", help=t("提出人或单位", "proposer"))
    p.add_argument("--case", help=t("案件编号（来源为 case 时）", "case number (source case)"))
    p.add_argument("--description", default="", help=t("说明", "description"))
    p = sub.add_parser("lock", help=t("确定候选项目名单（之后不能增删）", "lock the candidate list"))
    p.add_argument("id", metavar="ID", help=t("票决编号", "vote id"))
    p.add_argument("--by", metavar=t("姓名", "NAME"), help=t("确定人", "who"))
    p = sub.add_parser("session", help=t("登记票决会议，开始计票", "record the vote session"))
    p.add_argument("id", metavar="ID", help=t("票决编号", "vote id"))
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD", help=t("日期", "date"))
    p.add_argument("--place", required=True, help=t("地点", "place"))
    p.add_argument("--present", type=int, required=True, help=t("到会代表人数", "deputies present"))
    p.add_argument("--booth", action="append", default=[], help=t("投票箱名称（可重复；不写则只有合计栏）", "booth (repeat)"))
    _tally_actions(sub, t, "票决")
    p = sub.add_parser("progress", help=t("登记项目节点或进展", "record a milestone or progress report"))
    p.add_argument("id", metavar="ID", help=t("票决编号", "vote id"))
    p.add_argument("--project", type=int, required=True, help=t("候选项目序号", "candidate number"))
    p.add_argument("--kind", choices=("milestone", "report"), required=True, help=t("milestone 节点，report 进展", "kind"))
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD", help=t("日期", "date"))
    p.add_argument("--text", required=True, help=t("内容", "text"))
    p.add_argument("--percent", type=int, help=t("完成进度（0–100）", "percent done"))
    p = sub.add_parser("rating-start", help=t("开始项目的年终满意度测评", "open a project's satisfaction rating"))
    p.add_argument("id", metavar="ID", help=t("票决编号", "vote id"))
    p.add_argument("--project", type=int, required=True, help=t("候选项目序号", "candidate number"))
    p.add_argument("--booth", action="append", default=[], help=t("投票箱名称（可重复）", "booth (repeat)"))
    p = sub.add_parser("print", help=t("打印票决结果（公文格式 PDF）", "print the result sheet (PDF)"))
    p.add_argument("id", metavar="ID", help=t("票决编号", "vote id"))
    _print_args(p, t)
    p = sub.add_parser("list", help=t("列出票决", "list votes"))
    p.add_argument("--year", type=int, help=t("年度", "year"))
    p.add_argument("--json", action="store_true", help=t("以 JSON 输出", "print JSON"))
    p = sub.add_parser("show", help=t("查看一次票决", "show a vote"))
    p.add_argument("id", metavar="ID", help=t("票决编号", "vote id"))
    p.add_argument("--json", action="store_true", help=t("以 JSON 输出", "print JSON"))

    a = subparsers.add_parser(
        "appraisal", help=t("述职评议：代表向选民述职后的评议计票", "述职评议: the voters' appraisal of a deputy"),
        description=t("代表向选民述职后，选民投票评议（称职、基本称职、不称职）；选票由两人分别录入、比对一致后确认，"
                      "按设定的标准（默认称职票 ≥ 80%）得出结果，计入代表的履职登记册和履职积分。",
                      "After a deputy's report, the voters' ballot entered twice and judged against the thresholds."))
    sub = a.add_subparsers(dest="appraisal_command", required=True, title=t("子命令", "subcommands"))
    p = sub.add_parser("create", help=t("登记一次述职评议", "record a report and open its ballot"))
    p.add_argument("--deputy", required=True, help=t("代表姓名、代表证号或编号", "deputy"))
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD", help=t("日期", "date"))
    p.add_argument("--place", required=True, help=t("地点", "place"))
    p.add_argument("--present", type=int, required=True, help=t("到会选民人数", "voters present"))
    p.add_argument("--booth", action="append", default=[], help=t("投票箱名称（可重复）", "booth (repeat)"))
    p.add_argument("--competent-pct", type=int, default=80, help=t("称职线：称职票占有效票的百分比（默认 80）",
                                                                   "competent threshold, percent"))
    p.add_argument("--basic-pct", type=int, default=60, help=t("基本称职线：称职加基本称职票的百分比（默认 60）",
                                                               "basically-competent threshold, percent"))
    p.add_argument("--json", action="store_true", help=t("以 JSON 输出", "print JSON"))
    _tally_actions(sub, t, "述职评议")
    p = sub.add_parser("print", help=t("打印述职评议结果（公文格式 PDF）", "print the result (PDF)"))
    p.add_argument("id", metavar="ID", help=t("述职评议编号", "appraisal id"))
    _print_args(p, t)
    p = sub.add_parser("list", help=t("列出述职评议", "list appraisals"))
    p.add_argument("--year", type=int, help=t("年度", "year"))
    p.add_argument("--deputy", help=t("代表", "deputy"))
    p.add_argument("--json", action="store_true", help=t("以 JSON 输出", "print JSON"))
    p = sub.add_parser("show", help=t("查看一次述职评议", "show an appraisal"))
    p.add_argument("id", metavar="ID", help=t("述职评议编号", "appraisal id"))
    p.add_argument("--json", action="store_true", help=t("以 JSON 输出", "print JSON"))
    return {"vote": cmd_vote, "appraisal": cmd_appraisal}


def _print_args(p, t: Text) -> None:
    p.add_argument("--out", type=Path, required=True, metavar=t("文件", "FILE"), help=t("保存 PDF 的路径", "PDF path"))
    p.add_argument("--number", default="", metavar=t("发文字号", "NUMBER"), help=t("发文字号，如 河口人联〔2026〕3号",
                                                                                 "document number"))
    p.add_argument("--date", metavar="YYYY-MM-DD", help=t("成文日期（默认今天）", "date (default today)"))


def _write_pdf(args, t: Text, build) -> int:
    from ..domain.validation import validate_date

    day = validate_date(args.date, field="date") if args.date else None
    pdf = build(letter_no=args.number, issued_on=day)
    args.out.write_bytes(pdf)
    print(t(f"已保存 {args.out}（{pdf.pages} 页）", f"Saved {args.out} ({pdf.pages} pages)"))
    for w in pdf.warnings:
        print(w, file=sys.stderr)
    return EXIT_OK


# -- shared ---------------------------------------------------------------------------------------------------

def _fail(t: Text, exc: DomainError) -> int:
    print(t("错误：", "Error: ") + exc.localized(t.lang).replace("\n", " "), file=sys.stderr)
    return EXIT_USAGE


def _actor(by: str | None):
    from ..domain.workflow import Role
    from ..services.context import Actor

    return Actor(Role.ADMIN, (by or "").strip() or "命令行")


def _pick(ids: list[str], text: str, what: str) -> str:
    text = (text or "").strip().lower()
    hits = [i for i in ids if i == text] or ([i for i in ids if i.startswith(text)] if len(text) >= 4 else [])
    if len(hits) != 1:
        raise DomainError("bad_id", f"{what}编号“{text}”" + ("不唯一，请多写几位。" if hits else "不存在。"),
                          field="id", message_en=f"{what} id {text!r} is " + ("ambiguous." if hits else "unknown."))
    return hits[0]


def _counts(args, form) -> dict[str, int | str]:
    pairs: list[tuple[str, object]] = []
    if args.counts_file:
        try:
            data = json.loads(args.counts_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise DomainError("bad_counts_file", f"读不了计票文件 {args.counts_file}：{exc}", field="counts_file",
                              message_en=f"Cannot read {args.counts_file}: {exc}") from None
        if not isinstance(data, dict):
            raise DomainError("bad_counts_file", "计票文件应是 JSON 对象：{\"栏目\": 票数, …}。", field="counts_file",
                              message_en="The counts file must be a JSON object.")
        pairs += list(data.items())
    for item in args.count:
        name, sep, value = item.partition("=")
        if not sep:
            raise DomainError("bad_count_arg", f"“{item}”应写成 栏目=票数，例如 有效票=38。", field="count",
                              message_en=f"{item!r}: write FIELD=N.")
        pairs.append((name, value))
    out: dict[str, int | str] = {}
    for name, value in pairs:
        out[resolve_field(form, str(name))] = value if isinstance(value, int) else str(value)
    return out


def _show_tally(view, t: Text, as_json: bool) -> None:
    rec = view.reconciliation
    if as_json:
        _json({"id": view.id, "title": view.title, "status": view.status, "acceptable": rec.acceptable,
               "entries": {str(k): v for k, v in rec.actors.items()},
               "differences": [{"field": d.field, "label": d.label, "first": d.first, "second": d.second,
                                "third": d.third} for d in rec.differences],
               "problems": [p.zh if t.lang == "zh" else p.en for p in rec.problems],
               "accepted": view.accepted, "current": view.current})
        return
    from ..services.civic.tallies import describe_refusal

    print(f"{view.title}（{t('已确认', 'accepted') if view.status == 'accepted' else t('录入中', 'open')}）")
    if view.status == "accepted":
        assert view.current is not None and view.accepted is not None
        print_table([(view.form.label(k), view.accepted[k], view.current[k]) for k in view.form.fields],
                    [t("栏目", "Field"), t("确认时", "Accepted"), t("现行", "Current")])
        for h in view.history:
            if h.kind == "amend":
                print(t(f"修改：{h.at:%Y-%m-%d %H:%M} {h.actor}：{h.reason}", f"Amended {h.at:%Y-%m-%d} by {h.actor}: {h.reason}"))
        return
    print(t("录入人：", "Entered by: ") + "，".join(f"第{n}次 {a}" for n, a in sorted(rec.actors.items())))
    print_table([(f.label, f.first, f.second, f.third, "" if f.settled is not None else t("不一致", "DIFFERS")
                  if f.differs else "") for f in rec.fields],
                [t("栏目", "Field"), t("第一次", "1st"), t("第二次", "2nd"), t("第三人", "3rd"), ""])
    print(t("可以确认。", "Ready to accept.") if rec.acceptable else describe_refusal(rec))


def _tally_command(cmd: str, args, db, tally_id: str, t: Text) -> int:
    from ..services.civic import tallies

    if cmd == "diff":
        _show_tally(tallies.tally_view(db, tally_id), t, args.json)
        return EXIT_OK
    actor = _actor(getattr(args, "by", None))
    if cmd == "accept":
        view = tallies.accept(db, actor, tally_id)
    else:
        form = tallies.tally_view(db, tally_id).form
        values = _counts(args, form)
        if cmd == "enter":
            view = tallies.enter(db, actor, tally_id, args.entry, values, entered_by=args.by)
        elif cmd == "correct":
            view = tallies.correct(db, actor, tally_id, args.entry, values, args.reason, entered_by=args.by)
        else:
            view = tallies.amend(db, actor, tally_id, values, args.reason, entered_by=args.by)
    _show_tally(view, t, False)
    return EXIT_OK


# -- vote -------------------------------------------------------------------------------------------------------

def _vote_json(v) -> dict:
    return {"id": v.id, "year": v.year, "title": v.title, "level": v.level, "status": v.status,
            "chosen_count": v.chosen_count, "threshold_pct": v.threshold_pct, "session_date": v.session_date,
            "session_place": v.session_place, "deputies_present": v.deputies_present,
            "tally_id": v.tally.id if v.tally else None,
            "candidates": [{"no": c.position, "id": c.id, "title": c.title, "source": c.source,
                            "proposer": c.proposer, "case_number": c.case_number, "votes": c.votes, "rank": c.rank,
                            "chosen": c.chosen, "tied": c.tied, "rating_tally_id": c.rating_tally_id,
                            "progress": [{"kind": k, "date": d, "text": x, "percent": p} for k, d, x, p in c.progress]}
                           for c in v.candidates]}


def _print_vote(v, t: Text) -> None:
    print(f"{v.year}年 {v.title}：{v.status_zh if t.lang == 'zh' else v.status}（{t('编号', 'id')} {v.id}）")
    if v.session_date:
        print(t(f"票决会议：{v.session_date:%Y-%m-%d} {v.session_place}，到会代表 {v.deputies_present} 人",
                f"Session: {v.session_date} {v.session_place}, {v.deputies_present} deputies present"))
    print_table([(c.position, c.title, c.source_zh, c.case_number or c.proposer, c.votes if c.votes is not None else "",
                  c.rank or "", t("当选", "chosen") if c.chosen else (t("并列待定", "tied") if c.tied else ""))
                 for c in v.candidates],
                [t("序号", "No."), t("项目", "Project"), t("来源", "Source"), t("提出", "Proposer"), t("得票", "Votes"),
                 t("名次", "Rank"), t("结果", "Result")])


def cmd_vote(args, t: Text, open_db) -> int:
    from ..services.civic import votes

    db = open_db(args)
    cmd = args.vote_command
    try:
        if cmd == "create":
            v = votes.create_vote(db, _actor(None), args.year, args.title, args.chosen, threshold_pct=args.threshold,
                                  level=args.level)
            _json(_vote_json(v)) if args.json else print(t(f"已建立票决，编号 {v.id}", f"Vote created: {v.id}"))
            return EXIT_OK
        if cmd == "list":
            rows = votes.list_votes(db, args.year)
            if args.json:
                _json([_vote_json(v) for v in rows])
            else:
                print_table([(v.id[:8], v.year, v.title, v.status_zh if t.lang == "zh" else v.status,
                              len(v.candidates), "、".join(c.title for c in v.chosen)) for v in rows],
                            [t("编号", "Id"), t("年度", "Year"), t("名称", "Title"), t("状态", "Status"),
                             t("候选", "Candidates"), t("当选项目", "Chosen")])
            return EXIT_OK
        vote_id = _pick([v.id for v in votes.list_votes(db)], args.id, "票决")
        if cmd == "show":
            v = votes.vote_view(db, vote_id)
            _json(_vote_json(v)) if args.json else _print_vote(v, t)
            return EXIT_OK
        if cmd == "print":
            from ..services.civic.sheets import vote_result_sheet

            return _write_pdf(args, t, lambda **kw: vote_result_sheet(db, vote_id, **kw))
        if cmd == "add-candidate":
            v = votes.add_candidate(db, _actor(None), vote_id, args.title, args.source, proposer=args.proposer,
                                    description=args.description, case=args.case)
        elif cmd == "lock":
            v = votes.lock_candidates(db, _actor(args.by), vote_id)
        elif cmd == "session":
            v = votes.record_session(db, _actor(None), vote_id, args.date, args.place, args.present,
                                     tuple(args.booth))
        elif cmd in ("progress", "rating-start"):
            cand = _candidate(votes.vote_view(db, vote_id), args.project)
            if cmd == "rating-start":
                view = votes.start_rating(db, _actor(None), cand, tuple(args.booth))
                print(t(f"已开始满意度测评：{view.title}", f"Rating opened: {view.title}"))
                return EXIT_OK
            v = votes.add_progress(db, _actor(None), cand, args.kind, args.date, args.text, args.percent)
        else:
            v = votes.vote_view(db, vote_id)
            if args.rating is not None:
                c = next((c for c in v.candidates if str(c.position) == args.rating), None)
                if c is None or c.rating_tally_id is None:
                    raise DomainError("no_rating", f"第 {args.rating} 个项目还没有开始满意度测评。", field="rating",
                                      message_en="That project has no satisfaction rating.")
                return _tally_command(cmd, args, db, c.rating_tally_id, t)
            if v.tally is None:
                raise DomainError("no_session", "这次票决还没有登记票决会议，没有计票表。", field="id",
                                  message_en="The vote session is not recorded yet.")
            return _tally_command(cmd, args, db, v.tally.id, t)
        _print_vote(v, t)
        return EXIT_OK
    except DomainError as exc:
        return _fail(t, exc)


def _candidate(v, number: int) -> str:
    for c in v.candidates:
        if c.position == number:
            return c.id
    raise DomainError("no_candidate", f"没有第 {number} 个候选项目。", field="project",
                      message_en=f"No candidate number {number}.")


# -- appraisal --------------------------------------------------------------------------------------------------

def _appraisal_json(a) -> dict:
    o = a.outcome
    return {"id": a.id, "deputy_id": a.deputy_id, "deputy": a.deputy_name, "year": a.year, "date": a.date,
            "place": a.place, "voters_present": a.voters_present, "competent_pct": a.competent_pct,
            "basic_pct": a.basic_pct, "status": a.tally.status, "result": a.result,
            "counts": None if o is None else {"competent": o.competent, "basically_competent": o.basic,
                                              "incompetent": o.incompetent, "valid": o.valid},
            "tally_id": a.tally.id}


def cmd_appraisal(args, t: Text, open_db) -> int:
    from ..services.civic import appraisals
    from ..services.printing.record_book import find_deputy

    db = open_db(args)
    cmd = args.appraisal_command
    try:
        if cmd == "create":
            a = appraisals.create_appraisal(db, _actor(None), find_deputy(db, args.deputy), args.date, args.place,
                                            args.present, booths=tuple(args.booth), competent_pct=args.competent_pct,
                                            basic_pct=args.basic_pct)
            _json(_appraisal_json(a)) if args.json else print(t(f"已登记述职评议，编号 {a.id}", f"Appraisal: {a.id}"))
            return EXIT_OK
        if cmd == "list":
            dep = find_deputy(db, args.deputy) if args.deputy else None
            rows = appraisals.list_appraisals(db, year=args.year, deputy_id=dep)
            if args.json:
                _json([_appraisal_json(a) for a in rows])
            else:
                print_table([(a.id[:8], f"{a.date:%Y-%m-%d}", a.deputy_name, a.place, a.voters_present,
                              a.result_zh if t.lang == "zh" else (a.result or "open")) for a in rows],
                            [t("编号", "Id"), t("日期", "Date"), t("代表", "Deputy"), t("地点", "Place"),
                             t("到会选民", "Present"), t("结果", "Result")])
            return EXIT_OK
        ap_id = _pick([a.id for a in appraisals.list_appraisals(db)], args.id, "述职评议")
        a = appraisals.appraisal_view(db, ap_id)
        if cmd == "print":
            from ..services.civic.sheets import appraisal_result_sheet

            return _write_pdf(args, t, lambda **kw: appraisal_result_sheet(db, ap_id, **kw))
        if cmd == "show":
            if args.json:
                _json(_appraisal_json(a))
            else:
                print(f"{a.deputy_name} {a.date:%Y-%m-%d} {a.place}：{a.result_zh}")
                _show_tally(a.tally, t, False)
            return EXIT_OK
        rc = _tally_command(cmd, args, db, a.tally.id, t)
        if cmd in ("accept", "amend"):
            print(t("评议结果：", "Result: ") + appraisals.appraisal_view(db, ap_id).result_zh)
        return rc
    except DomainError as exc:
        return _fail(t, exc)
