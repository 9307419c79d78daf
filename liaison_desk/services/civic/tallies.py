"""Paper tallies entered twice (双人录入), stored: entries, corrections, acceptance and amendments as
append-only ``tally_entries`` rows; the rules are ``domain.tally``'s.

When a tally is accepted or amended, what it decides is written on its subject in the same transaction: the
candidates' votes, rank and chosen flag of a livelihood-project vote, the verdict of a 述职评议.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...db.database import Database
from ...db.models_civic import LivelihoodCandidate, LivelihoodVote, Tally, TallyEntry, VoterAppraisal
from ...domain.errors import DomainError
from ...domain.ids import new_id
from ...domain.tally import (
    CORRECTION,
    ENTRY,
    Amendment,
    EntryRecord,
    Reconciliation,
    TallyForm,
    appraise,
    check_amendment,
    check_new_record,
    current_counts,
    rank_options,
    reconcile,
)
from ...domain.workflow import Role
from ..context import Actor, utcnow
from ..duty.record import as_uuid

ACCEPT, AMEND = "accept", "amend"
KINDS = {"vote": "民生实事项目票决", "rating": "满意度测评", "appraisal": "述职评议"}
ENTER_ROLES = (Role.DUTY_DEPUTY, Role.STAFF, Role.ADMIN)
ACCEPT_ROLES = (Role.STAFF, Role.ADMIN)


def form_of(t: Tally) -> TallyForm:
    return TallyForm(tuple((str(k), str(v)) for k, v in t.options), tuple(t.booths), t.single_choice)


def new_tally(s: Session, station_id: uuid.UUID | None, kind: str, title: str, form: TallyForm) -> Tally:
    """A new, empty tally in session ``s`` (its subject points at it)."""
    if station_id is None:
        raise DomainError("no_station", "本机还没有建立联络站。", message_en="No station is set up on this desk.")
    t = Tally(id=new_id(), station_id=station_id, kind=kind, title=title[:200],
              options=[list(o) for o in form.options], booths=list(form.booths), single_choice=form.single_choice,
              status="open")
    s.add(t)
    s.flush()  # before the subject that points at it (the unit of work orders by relationships only)
    return t


@dataclass(frozen=True)
class HistoryLine:
    seq: int
    kind: str  # entry | correction | accept | amend
    slot: int
    actor: str
    reason: str
    at: dt.datetime
    values: Mapping[str, int]

    @property
    def kind_zh(self) -> str:
        if self.kind == ENTRY:
            return "第三人录入" if self.slot == 3 else f"第{'一二'[self.slot - 1]}次录入"
        return {CORRECTION: f"更正第 {self.slot} 次录入", ACCEPT: "确认计票结果", AMEND: "修改已确认的票数"}[self.kind]


@dataclass(frozen=True)
class TallyView:
    """A tally as the desk shows it: the entries compared (every difference), and once accepted the
    accepted counts, the amendments since and the counts in force."""

    id: str
    kind: str
    title: str
    form: TallyForm
    status: str  # open | accepted
    reconciliation: Reconciliation
    accepted: Mapping[str, int] | None
    current: Mapping[str, int] | None
    history: tuple[HistoryLine, ...]

    @property
    def accepted_by(self) -> str:
        return next((h.actor for h in self.history if h.kind == ACCEPT), "")


def _rows(s: Session, tally_id: uuid.UUID) -> list[TallyEntry]:
    return list(s.scalars(select(TallyEntry).where(TallyEntry.tally_id == tally_id, TallyEntry.deleted_hlc.is_(None))
                          .order_by(TallyEntry.seq)))


def _entry_records(rows: Sequence[TallyEntry]) -> list[EntryRecord]:
    return [EntryRecord(r.kind, r.slot, r.actor_name, {k: int(v) for k, v in r.values.items()}, r.reason)
            for r in rows if r.kind in (ENTRY, CORRECTION)]


def _counts(rows: Sequence[TallyEntry]) -> tuple[dict[str, int] | None, dict[str, int] | None]:
    accepted = next(({k: int(v) for k, v in r.values.items()} for r in rows if r.kind == ACCEPT), None)
    if accepted is None:
        return None, None
    amends = [Amendment(r.actor_name, r.reason, {k: int(v) for k, v in r.values.items()})
              for r in rows if r.kind == AMEND]
    return accepted, current_counts(accepted, amends)


def load_tally(s: Session, tally_id: object) -> Tally:
    t = s.get(Tally, as_uuid(tally_id, "计票表", "tally_id"))
    if t is None or t.deleted_hlc is not None:
        raise DomainError("no_tally", "找不到这张计票表。", field="tally_id", message_en="No such tally.")
    return t


def view_in(s: Session, t: Tally) -> TallyView:
    form = form_of(t)
    rows = _rows(s, t.id)
    accepted, current = _counts(rows)
    history = tuple(HistoryLine(r.seq, r.kind, r.slot, r.actor_name, r.reason, r.recorded_at,
                                {k: int(v) for k, v in r.values.items()}) for r in rows)
    return TallyView(str(t.id), t.kind, t.title, form, "accepted" if accepted is not None else "open",
                     reconcile(form, _entry_records(rows)), accepted, current, history)


def tally_view(db: Database, tally_id: object) -> TallyView:
    with db.session(write=False) as s:
        return view_in(s, load_tally(s, tally_id))


def _append(s: Session, t: Tally, kind: str, slot: int, values: Mapping[str, int], actor: str, reason: str) -> None:
    seq = (s.scalar(select(func.max(TallyEntry.seq)).where(TallyEntry.tally_id == t.id)) or 0) + 1
    s.add(TallyEntry(id=new_id(), tally_id=t.id, tally=t, seq=seq, kind=kind, slot=slot, values=dict(values),
                     actor_name=actor[:60], reason=reason[:200], recorded_at=utcnow()))


def _who(actor: Actor, entered_by: str | None) -> str:
    return (entered_by or actor.name or "").strip()


def enter(db: Database, actor: Actor, tally_id: object, slot: int, values: Mapping[str, object], *,
          entered_by: str | None = None) -> TallyView:
    """Entry ``slot`` (1, 2, or 3 for the third person) of the whole tally, typed by ``entered_by`` (the
    signed-in person when not given). Refused once the tally is accepted (amend it instead)."""
    actor.require(*ENTER_ROLES, what="录入计票结果")
    with db.session() as s:
        t = load_tally(s, tally_id)
        rows = _rows(s, t.id)
        _refuse_if_accepted(rows)
        rec = check_new_record(form_of(t), _entry_records(rows),
                               EntryRecord(ENTRY, slot, _who(actor, entered_by), values))  # type: ignore[arg-type]
        _append(s, t, ENTRY, rec.slot, rec.values, rec.actor, "")
        s.flush()
        return view_in(s, t)


def correct(db: Database, actor: Actor, tally_id: object, slot: int, values: Mapping[str, object], reason: str, *,
            entered_by: str | None = None) -> TallyView:
    """A correction of some fields of one's own entry ``slot``, with the reason (before acceptance)."""
    actor.require(*ENTER_ROLES, what="更正计票录入")
    with db.session() as s:
        t = load_tally(s, tally_id)
        rows = _rows(s, t.id)
        _refuse_if_accepted(rows)
        rec = check_new_record(form_of(t), _entry_records(rows),
                               EntryRecord(CORRECTION, slot, _who(actor, entered_by), values, reason))  # type: ignore[arg-type]
        _append(s, t, CORRECTION, rec.slot, rec.values, rec.actor, rec.reason)
        s.flush()
        return view_in(s, t)


def _refuse_if_accepted(rows: Sequence[TallyEntry]) -> None:
    if any(r.kind == ACCEPT for r in rows):
        raise DomainError("tally_accepted", "计票结果已经确认，不能再录入；确需改动请用“修改已确认的票数”并说明原因。",
                          field="tally_id", message_en="The tally is accepted; amend it with a reason instead.")


def describe_refusal(rec: Reconciliation) -> str:
    """Why a tally cannot be accepted yet, in one Chinese sentence."""
    if rec.missing_slots:
        return "还需要" + "、".join(f"第 {n} 次录入" for n in rec.missing_slots) + "（两人分别录入）。"
    if rec.differences:
        diffs = "；".join(f"{d.label}：{d.first} / {d.second}" + (f" / {d.third}" if d.third is not None else "")
                         for d in rec.differences[:6])
        more = f"等 {len(rec.differences)} 处" if len(rec.differences) > 6 else f"共 {len(rec.differences)} 处"
        return f"两次录入不一致（{more}）：{diffs}。请对照选票，由录入人更正或第三人录入。"
    if rec.problems:
        return "核对不通过：" + rec.problems[0].zh
    return "还有栏目没有录入。"


def accept(db: Database, actor: Actor, tally_id: object) -> TallyView:
    """Accept a tally whose entries agree field by field and whose check totals hold (staff and
    administrators); what it decides is written on its subject."""
    actor.require(*ACCEPT_ROLES, what="确认计票结果")
    with db.session() as s:
        t = load_tally(s, tally_id)
        rows = _rows(s, t.id)
        _refuse_if_accepted(rows)
        rec = reconcile(form_of(t), _entry_records(rows))
        if not rec.acceptable:
            raise DomainError("tally_not_acceptable", "不能确认：" + describe_refusal(rec), field="tally_id",
                              message_en="The tally cannot be accepted: the entries are missing, differ, or fail "
                                         "a check.")
        _append(s, t, ACCEPT, 0, rec.settled, actor.name or "", "")
        t.status = "accepted"
        _decide(s, t, form_of(t), dict(rec.settled))
        s.flush()
        return view_in(s, t)


def amend(db: Database, actor: Actor, tally_id: object, values: Mapping[str, object], reason: str, *,
          entered_by: str | None = None) -> TallyView:
    """Change accepted counts: a new amendment record with who and why (the accepted counts stay on
    record); the check totals must still hold. Staff and administrators."""
    actor.require(*ACCEPT_ROLES, what="修改已确认的票数")
    with db.session() as s:
        t = load_tally(s, tally_id)
        rows = _rows(s, t.id)
        _accepted, current = _counts(rows)
        if current is None:
            raise DomainError("tally_open", "计票结果还没有确认；确认前请由录入人更正自己的录入。", field="tally_id",
                              message_en="The tally is not accepted yet; correct the entries instead.")
        form = form_of(t)
        am = check_amendment(form, current, Amendment(_who(actor, entered_by), reason, values))  # type: ignore[arg-type]
        _append(s, t, AMEND, 0, am.values, am.actor, am.reason)
        _decide(s, t, form, {**current, **am.values})
        s.flush()
        return view_in(s, t)


def _decide(s: Session, t: Tally, form: TallyForm, counts: dict[str, int]) -> None:
    """Write what the counts decide on the tally's subject."""
    if t.kind == "vote":
        vote = s.scalars(select(LivelihoodVote).where(LivelihoodVote.tally_id == t.id)).first()
        if vote is None:
            return
        ranked = {r.key: r for r in rank_options(form, counts, vote.chosen_count, vote.threshold_pct)}
        for c in s.scalars(select(LivelihoodCandidate).where(LivelihoodCandidate.vote_id == vote.id,
                                                             LivelihoodCandidate.deleted_hlc.is_(None))):
            r = ranked.get(str(c.id))
            if r is not None:
                c.votes, c.rank, c.chosen = r.votes, r.rank, r.chosen
    elif t.kind == "appraisal":
        ap = s.scalars(select(VoterAppraisal).where(VoterAppraisal.tally_id == t.id)).first()
        if ap is not None:
            ap.result = appraise(counts, ap.competent_pct, ap.basic_pct).result
