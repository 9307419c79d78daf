"""民生实事项目票决 (livelihood-project votes): "群众提、代表定、政府办、人大督".

Candidates are collected (from the public, a department, or a case proposed as a candidate), the list is
locked by the township or county (nothing is added or removed after), the vote session is recorded (date,
place, deputies present, booths) with its paper tally entered twice (``tallies``); accepting the tally ranks
the candidates and marks the chosen ones (the configured number, each with more than the threshold share of
the ballots returned). Each chosen project then gets milestones and progress reports, and a year-end
satisfaction rating (满意/基本满意/不满意), also a paper tally entered twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...db.changes import tombstone
from ...db.database import Database
from ...db.models import Case
from ...db.models_civic import LivelihoodCandidate, LivelihoodProgress, LivelihoodVote, Tally
from ...domain.errors import DomainError
from ...domain.ids import new_id
from ...domain.tally import SATISFACTION_OPTIONS, RankedOption, TallyForm, rank_options, satisfaction_rate
from ...domain.validation import validate_date, validate_text
from ...domain.workflow import Role
from ..context import Actor, utcnow
from ..duty.record import as_uuid, year_bounds
from .tallies import TallyView, load_tally, new_tally, view_in

SOURCES = {"public": "群众提出", "department": "部门提出", "case": "由社情民意转来"}
LEVELS = {"township": "乡镇", "county": "县（区）"}
PROGRESS_KINDS = {"milestone": "节点", "report": "进展"}
MANAGE_ROLES = (Role.STAFF, Role.ADMIN)


def _err(code: str, zh: str, en: str, fld: str | None = None) -> DomainError:
    return DomainError(code, zh, field=fld, message_en=en)


@dataclass(frozen=True)
class CandidateView:
    id: str
    position: int
    title: str
    description: str
    source: str
    source_zh: str
    proposer: str
    case_number: str | None
    votes: int | None
    rank: int | None
    chosen: bool
    tied: bool
    rating_tally_id: str | None
    progress: tuple[tuple[str, dt.date, str, int | None], ...]  # (kind, date, text, percent)


@dataclass(frozen=True)
class VoteView:
    id: str
    year: int
    title: str
    level: str
    chosen_count: int
    threshold_pct: int
    locked: bool
    locked_by: str
    locked_at: dt.datetime | None
    session_date: dt.date | None
    session_place: str
    deputies_present: int | None
    status: str  # collecting | locked | counting | decided
    candidates: tuple[CandidateView, ...]
    tally: TallyView | None

    @property
    def status_zh(self) -> str:
        return {"collecting": "征集候选项目", "locked": "候选项目已确定", "counting": "计票录入中",
                "decided": "票决结果已确认"}[self.status]

    @property
    def chosen(self) -> tuple[CandidateView, ...]:
        return tuple(sorted((c for c in self.candidates if c.chosen), key=lambda c: (c.rank or 0, c.position)))


def _load(s: Session, vote_id: object) -> LivelihoodVote:
    v = s.get(LivelihoodVote, as_uuid(vote_id, "票决", "vote_id"))
    if v is None or v.deleted_hlc is not None:
        raise _err("no_vote", "找不到这次民生实事项目票决。", "No such livelihood-project vote.", "vote_id")
    return v


def _candidates(s: Session, vote_id) -> list[LivelihoodCandidate]:
    return list(s.scalars(select(LivelihoodCandidate).where(LivelihoodCandidate.vote_id == vote_id,
                                                            LivelihoodCandidate.deleted_hlc.is_(None))
                          .order_by(LivelihoodCandidate.position)))


def _view(s: Session, v: LivelihoodVote) -> VoteView:
    row = s.get(Tally, v.tally_id) if v.tally_id else None
    tally = view_in(s, row) if row is not None else None
    ranked: dict[str, RankedOption] = {}
    if tally is not None and tally.current is not None:
        ranked = {r.key: r for r in rank_options(tally.form, tally.current, v.chosen_count, v.threshold_pct)}
    cands = []
    for c in _candidates(s, v.id):
        number = s.scalar(select(Case.number).where(Case.id == c.case_id)) if c.case_id else None
        prog = tuple((p.kind, p.date, p.text, p.percent) for p in s.scalars(
            select(LivelihoodProgress).where(LivelihoodProgress.candidate_id == c.id,
                                             LivelihoodProgress.deleted_hlc.is_(None))
            .order_by(LivelihoodProgress.date, LivelihoodProgress.recorded_at)))
        r = ranked.get(str(c.id))
        cands.append(CandidateView(str(c.id), c.position, c.title, c.description, c.source,
                                   SOURCES.get(c.source, c.source), c.proposer, number, c.votes, c.rank, c.chosen,
                                   bool(r and r.tied), str(c.rating_tally_id) if c.rating_tally_id else None, prog))
    status = ("decided" if tally is not None and tally.status == "accepted" else "counting" if tally is not None
              else "locked" if v.locked_at else "collecting")
    return VoteView(str(v.id), v.year, v.title, v.level, v.chosen_count, v.threshold_pct, v.locked_at is not None,
                    v.locked_by, v.locked_at, v.session_date, v.session_place, v.deputies_present, status,
                    tuple(cands), tally)


def vote_view(db: Database, vote_id: object) -> VoteView:
    with db.session(write=False) as s:
        return _view(s, _load(s, vote_id))


def list_votes(db: Database, year: int | None = None) -> list[VoteView]:
    with db.session(write=False) as s:
        q = select(LivelihoodVote).where(LivelihoodVote.deleted_hlc.is_(None))
        if year is not None:
            year_bounds(year)
            q = q.where(LivelihoodVote.year == year)
        return [_view(s, v) for v in s.scalars(q.order_by(LivelihoodVote.year.desc(), LivelihoodVote.title))]


def _int(value: object, lo: int, hi: int, code: str, zh: str, fld: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise _err(code, f"{zh}应为 {lo} 到 {hi} 之间的整数。", f"{fld}: a whole number {lo}-{hi}.", fld)
    return value


def create_vote(db: Database, actor: Actor, year: int, title: str, chosen_count: int, *, threshold_pct: int = 50,
                level: str = "township") -> VoteView:
    """A new vote for ``year``: how many projects it chooses and the share of ballots each must pass."""
    actor.require(*MANAGE_ROLES, what="建立民生实事项目票决")
    year_bounds(year)
    title = validate_text(title, field="title", max_len=200)
    chosen_count = _int(chosen_count, 1, 50, "bad_chosen_count", "票决产生的项目数", "chosen_count")
    threshold_pct = _int(threshold_pct, 0, 99, "bad_threshold", "当选票数比例", "threshold_pct")
    if level not in LEVELS:
        raise _err("bad_level", "票决层级应为：乡镇、县（区）。", "Level must be township or county.", "level")
    with db.session() as s:
        v = LivelihoodVote(id=new_id(), station_id=db.station_id(), year=year, title=title, level=level,
                           chosen_count=chosen_count, threshold_pct=threshold_pct, locked_by="", session_place="")
        s.add(v)
        s.flush()
        return _view(s, v)


def add_candidate(db: Database, actor: Actor, vote_id: object, title: str, source: str, *, proposer: str = "",
                  description: str = "", case: str | None = None) -> VoteView:
    """Add a candidate project before the list is locked; ``source`` = public | department | case (then
    ``case`` is the case's number or id, linked to the candidate)."""
    actor.require(*MANAGE_ROLES, what="登记民生实事候选项目")
    title = validate_text(title, field="title", max_len=200)
    if source not in SOURCES:
        raise _err("bad_source", "项目来源应为：" + "、".join(SOURCES.values()) + "。", "Unknown source.", "source")
    with db.session() as s:
        v = _load(s, vote_id)
        if v.locked_at is not None:
            raise _err("vote_locked", "候选项目名单已经确定，不能再增加。", "The candidate list is locked.", "vote_id")
        case_id = None
        if source == "case":
            if not case:
                raise _err("case_missing", "由社情民意转来的项目请填写案件编号。", "Give the case number.", "case")
            row = s.scalars(select(Case).where(Case.number == case.strip(), Case.deleted_hlc.is_(None))).first()
            if row is None:
                try:
                    row = s.get(Case, as_uuid(case, "案件", "case"))
                except DomainError:
                    row = None
            if row is None or row.deleted_hlc is not None:
                raise _err("no_case", f"找不到案件“{case}”。", f"No case {case!r}.", "case")
            case_id = row.id
        elif case:
            raise _err("case_not_allowed", "只有“由社情民意转来”的项目才关联案件。", "Only a case source links a case.",
                       "case")
        cands = _candidates(s, v.id)
        if any(c.title == title for c in cands):
            raise _err("duplicate_candidate", f"候选项目“{title}”已经登记过。", "The candidate is already listed.",
                       "title")
        s.add(LivelihoodCandidate(id=new_id(), vote_id=v.id, vote=v, position=len(cands) + 1, title=title,
                                  description=(description or "").strip(), source=source,
                                  proposer=(proposer or "").strip()[:100], case_id=case_id, chosen=False))
        s.flush()
        return _view(s, v)


def remove_candidate(db: Database, actor: Actor, candidate_id: object) -> VoteView:
    """Take a candidate off the list before it is locked."""
    actor.require(*MANAGE_ROLES, what="删除民生实事候选项目")
    with db.session() as s:
        c = s.get(LivelihoodCandidate, as_uuid(candidate_id, "候选项目", "candidate_id"))
        if c is None or c.deleted_hlc is not None:
            raise _err("no_candidate", "找不到这个候选项目。", "No such candidate.", "candidate_id")
        v = _load(s, c.vote_id)
        if v.locked_at is not None:
            raise _err("vote_locked", "候选项目名单已经确定，不能再删除。", "The candidate list is locked.", "vote_id")
        tombstone(c)
        s.flush()
        return _view(s, v)


def lock_candidates(db: Database, actor: Actor, vote_id: object) -> VoteView:
    """Fix the candidate list (by the township or county): at least as many candidates as projects to choose."""
    actor.require(*MANAGE_ROLES, what="确定候选项目名单")
    with db.session() as s:
        v = _load(s, vote_id)
        if v.locked_at is not None:
            raise _err("vote_locked", "候选项目名单已经确定。", "The candidate list is already locked.", "vote_id")
        n = len(_candidates(s, v.id))
        if n < v.chosen_count:
            raise _err("too_few_candidates", f"候选项目只有 {n} 个，少于要票决产生的 {v.chosen_count} 个。",
                       "Fewer candidates than projects to choose.", "vote_id")
        v.locked_at, v.locked_by = utcnow(), (actor.name or "")[:60]
        s.flush()
        return _view(s, v)


def record_session(db: Database, actor: Actor, vote_id: object, date: dt.date | str, place: str,
                   deputies_present: int, booths: tuple[str, ...] = ()) -> VoteView:
    """The vote session (date, place, deputies present, the ballot boxes): opens its paper tally, one
    option per candidate in list order."""
    actor.require(*MANAGE_ROLES, what="登记票决会议")
    day = validate_date(date, field="date")
    place = validate_text(place, field="place", max_len=200)
    deputies_present = _int(deputies_present, 1, 100_000, "bad_present", "到会代表人数", "deputies_present")
    with db.session() as s:
        v = _load(s, vote_id)
        if v.locked_at is None:
            raise _err("vote_not_locked", "请先确定候选项目名单，再登记票决会议。", "Lock the candidate list first.",
                       "vote_id")
        if v.tally_id is not None:
            raise _err("session_recorded", "这次票决的会议已经登记过。", "The session is already recorded.", "vote_id")
        form = TallyForm(tuple((str(c.id), c.title) for c in _candidates(s, v.id)), booths)
        t = new_tally(s, db.station_id(), "vote", f"{v.year}年{v.title}", form)
        v.session_date, v.session_place, v.deputies_present, v.tally_id = day, place, deputies_present, t.id
        s.flush()
        return _view(s, v)


def _chosen(s: Session, candidate_id: object) -> LivelihoodCandidate:
    c = s.get(LivelihoodCandidate, as_uuid(candidate_id, "项目", "candidate_id"))
    if c is None or c.deleted_hlc is not None:
        raise _err("no_candidate", "找不到这个项目。", "No such project.", "candidate_id")
    if not c.chosen:
        raise _err("not_chosen", f"“{c.title}”没有经票决确定为民生实事项目。", "The project was not chosen by the vote.",
                   "candidate_id")
    return c


def add_progress(db: Database, actor: Actor, candidate_id: object, kind: str, date: dt.date | str, text: str,
                 percent: int | None = None) -> VoteView:
    """A chosen project's milestone (节点) or progress report (进展, with the share done 0–100)."""
    actor.require(Role.DUTY_DEPUTY, *MANAGE_ROLES, what="登记民生实事项目进展")
    if kind not in PROGRESS_KINDS:
        raise _err("bad_progress_kind", "类型应为“节点”或“进展”。", "Kind must be milestone or report.", "kind")
    day = validate_date(date, field="date")
    text = validate_text(text, field="text", max_len=2000)
    if percent is not None:
        percent = _int(percent, 0, 100, "bad_percent", "完成进度（%）", "percent")
    with db.session() as s:
        c = _chosen(s, candidate_id)
        s.add(LivelihoodProgress(id=new_id(), candidate_id=c.id, kind=kind, date=day, text=text, percent=percent,
                                 actor_name=(actor.name or "")[:60], recorded_at=utcnow()))
        s.flush()
        return _view(s, _load(s, c.vote_id))


def start_rating(db: Database, actor: Actor, candidate_id: object, booths: tuple[str, ...] = ()) -> TallyView:
    """Open the year-end satisfaction rating (满意/基本满意/不满意) of a chosen project: a paper tally."""
    actor.require(*MANAGE_ROLES, what="开始满意度测评")
    with db.session() as s:
        c = _chosen(s, candidate_id)
        if c.rating_tally_id is not None:
            raise _err("rating_exists", "这个项目已经开始满意度测评。", "The rating is already open.", "candidate_id")
        t = new_tally(s, db.station_id(), "rating", f"{c.title} 满意度测评",
                      TallyForm(SATISFACTION_OPTIONS, booths, single_choice=True))
        c.rating_tally_id = t.id
        s.flush()
        return view_in(s, t)


@dataclass(frozen=True)
class Rating:
    satisfied: int
    basic: int
    unsatisfied: int
    valid: int

    @property
    def rate(self) -> str:
        """满意率 (满意 + 基本满意 over valid ballots)."""
        return f"{(self.satisfied + self.basic) * 100 / self.valid:.1f}%" if self.valid else "—"


def rating_of(db: Database, tally_id: object) -> Rating | None:
    """The counts in force of an accepted satisfaction rating (None while it is open)."""
    with db.session(write=False) as s:
        view = view_in(s, load_tally(s, tally_id))
    return Rating(*satisfaction_rate(view.current)) if view.current is not None else None
