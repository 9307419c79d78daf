"""The printed results (issue 18): a livelihood-project vote's result sheet and a 述职评议's result, in the
公文 layout (``printing.civic_sheets``). Only an accepted count is printed, with its amendments applied and
named; every figure comes from the tally in force."""

from __future__ import annotations

import datetime as dt

from ...db.database import Database
from ...db.models import Station
from ...domain.errors import DomainError
from ...domain.tally import TOTAL, field_key
from ...domain.timeutil import local_today, to_local
from ...printing import PrintedPdf
from ...printing.civic_sheets import SheetData, build_sheet
from .appraisals import appraisal_view
from .tallies import TallyView
from .votes import LEVELS, vote_view


def _station(db: Database) -> Station:
    with db.session(write=False) as s:
        st = s.get(Station, db.station_id()) if db.station_id() else None
        if st is None:
            raise DomainError("no_station", "本机还没有设置联络站，请先完成初始化。",
                              message_en="This installation has no station yet: run init first.")
        s.expunge(st)
        return st


def _day(when: dt.date | dt.datetime) -> str:
    """2026年3月2日: no leading zeros (GB/T 9704)."""
    return f"{when.year}年{when.month}月{when.day}日"


def _pct(n: int, of: int) -> str:
    return f"{n * 100 / of:.1f}%" if of else "—"


def _counted(t: TallyView) -> list[str]:
    """Who entered and accepted the count, and every change made to it since (who, when, why)."""
    rec = t.reconciliation
    names = "、".join(rec.actors[n] for n in sorted(rec.actors))
    accepted = next((h for h in t.history if h.kind == "accept"), None)
    out = [f"以上票数由{names}分别录入，逐项核对一致"
           + (f"，{accepted.actor}于{_day(to_local(accepted.at))}确认。" if accepted else "。")]
    for h in t.history:
        if h.kind == "amend":
            changed = "，".join(f"{t.form.label(k)}改为{v}" for k, v in h.values.items())
            out.append(f"确认后更正：{_day(to_local(h.at))}，{h.actor}（{h.reason}）：{changed}。")
    return out


def _booth_table(t: TallyView, counts: dict[str, int]) -> tuple[str, list[str], list[list[str]]] | None:
    if not t.form.booths:
        return None
    rows = []
    for n, col in enumerate(t.form.columns, 1):
        rows.append([str(n) if col != TOTAL else "", t.form.column_label(col),
                     *(str(counts[field_key(r, col)]) for r in ("issued", "cast", "valid", "invalid"))])
    return "分箱计票情况", ["序号", "投票箱", "发出选票", "收回选票", "有效票", "无效票"], rows


def vote_result_sheet(db: Database, vote_id: object, *, letter_no: str = "", issued_on: dt.date | None = None,
                      reprint: bool = False) -> PrintedPdf:
    """民生实事项目票决结果: the session, the ballots, every project ranked with its votes and share, the chosen
    ones, and (with several boxes) the count per box."""
    v = vote_view(db, vote_id)
    if v.tally is None or v.tally.current is None:
        raise DomainError("tally_not_accepted", "票决计票结果还没有确认，不能打印结果。", field="vote_id",
                          message_en="The vote's count is not accepted yet.")
    st = _station(db)
    c = dict(v.tally.current)
    issued, cast = c[field_key("issued", TOTAL)], c[field_key("cast", TOTAL)]
    valid, invalid = c[field_key("valid", TOTAL)], c[field_key("invalid", TOTAL)]
    chosen = v.chosen
    when = _day(v.session_date) if v.session_date else ""
    paras = [(f"{when}，在{v.session_place}召开民生实事项目人大代表票决会议，到会代表{v.deputies_present}人，"
             f"对已确定的{len(v.candidates)}个{v.year}年民生实事候选项目进行票决。"),
             f"共发出选票{issued}张，收回{cast}张，其中有效票{valid}张、无效票{invalid}张。"
             f"按照得票多少排序、得票超过收回选票{v.threshold_pct}%方可当选的规则，票决产生民生实事项目{len(chosen)}个"
             + ("：" + "、".join(f"“{x.title}”" for x in chosen) + "。" if chosen else "。")]
    if any(x.tied for x in v.candidates):
        paras.append("得票相同、名额不足的项目（表中“并列待定”）需再次票决确定。")
    rows = []
    for x in sorted(v.candidates, key=lambda x: (x.rank or 999, x.position)):
        result = "当选" if x.chosen else ("并列待定" if x.tied else "未当选")
        votes = x.votes if x.votes is not None else c.get(field_key(f"o:{x.id}", TOTAL), 0)
        rows.append([str(x.rank or ""), x.title + (f"（{x.source_zh}）" if x.source != "public" else ""), str(votes),
                     _pct(votes, cast), result])
    tables = [("票决结果", ["名次", "项目名称", "得票", "得票率", "结果"], rows)]
    booth = _booth_table(v.tally, c)
    if booth:
        tables.append(booth)
    to = f"{st.township}人大主席团" if v.level == "township" and st.township else f"{LEVELS[v.level]}人大"
    return build_sheet(SheetData(st.name, f"{v.year}年{v.title}票决结果", to, paras, tables,
                                 _counted(v.tally), letter_no, issued_on or local_today(), "", reprint))


def appraisal_result_sheet(db: Database, appraisal_id: object, *, letter_no: str = "",
                           issued_on: dt.date | None = None, reprint: bool = False) -> PrintedPdf:
    """述职评议结果: the report (date, place, voters present), the ballot and the verdict against the
    thresholds."""
    a = appraisal_view(db, appraisal_id)
    if a.outcome is None or a.tally.current is None:
        raise DomainError("tally_not_accepted", "评议计票结果还没有确认，不能打印结果。", field="appraisal_id",
                          message_en="The appraisal's count is not accepted yet.")
    st = _station(db)
    c = dict(a.tally.current)
    o = a.outcome
    issued, cast = c[field_key("issued", TOTAL)], c[field_key("cast", TOTAL)]
    paras = [(f"{_day(a.date)}，{a.deputy_name}代表在{a.place}向选民述职，"
             f"到会选民{a.voters_present}人。述职后，到会选民以无记名投票方式进行评议。"),
             (f"共发出评议票{issued}张，收回{cast}张，其中有效票{o.valid}张、无效票{c[field_key('invalid', TOTAL)]}张。"
             f"按照称职票达到有效票{a.competent_pct}%为称职、称职与基本称职票合计达到{a.basic_pct}%为基本称职的标准，"
             f"评议结果为：{o.result_zh}。")]
    rows = [["1", "称职", str(o.competent), o.pct(o.competent), ""],
            ["2", "基本称职", str(o.basic), o.pct(o.basic), ""],
            ["3", "不称职", str(o.incompetent), o.pct(o.incompetent), ""],
            ["", "合计（有效票）", str(o.valid), o.pct(o.valid) if o.valid else "—", o.result_zh]]
    tables = [("评议票统计", ["序号", "评议意见", "票数", "占有效票", "评议结果"], rows)]
    booth = _booth_table(a.tally, c)
    if booth:
        tables.append(booth)
    to = f"{st.township}人大主席团" if st.township else "县人大常委会代表工作委员会"
    return build_sheet(SheetData(st.name, f"{a.deputy_name}代表{a.year}年述职评议结果", to, paras, tables,
                                 _counted(a.tally), letter_no, issued_on or local_today(), "", reprint))
