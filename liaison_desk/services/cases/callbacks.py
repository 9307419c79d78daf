"""回访回电: whom to call today. Promised call-backs (约定回电) due today, overdue or due soon, and cases replied to
and due a 回访, with the visitor's name and full number; and what a call gave, recorded from the list: the
villager's answer (a 回访 with that satisfaction) or 没联系上 (a 回电 event that moves the call-back to the next
working day, or to a chosen date). Nothing here chooses an answer for the user."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import aliased

from ...db.database import Database
from ...db.models import Case, CaseEvent, Village, Visit
from ...domain.timeutil import local_today, to_local
from ...domain.workflow import CallOutcome, EventKind, Satisfaction, Status
from ..admin import audit
from ..context import Actor
from ..desk.settings import get_settings
from .actions import CaseActed, act_on_case
from .listing import is_open

CALL_BACK = "callback"  # 约定回电: somebody promised to call the villager back
FOLLOW_UP = "follow_up"  # 待回访: the case was replied to; ask the villager whether they are satisfied
LIST_LIMIT = 300


@dataclass(frozen=True)
class CallbackRow:
    """One call to make. ``visitor_phone`` is the full number: for the screen, never for paper."""

    case_id: uuid.UUID
    number: str
    summary: str
    status: str
    kind: str  # CALL_BACK | FOLLOW_UP
    visitor_name: str | None
    visitor_phone: str | None
    village: str | None
    promised: str  # the note of the last 约定回电 ("" when none was written)
    reply: str  # the department's reply, to tell the villager at a 回访 ("" when none)
    due: dt.date
    days_overdue: int  # calendar days past ``due`` (0 when due today or later)
    attempts: int  # calls that did not get through since the last promise or reply
    last_outcome: str | None  # the last call's outcome (a CallOutcome value), None when never called


@dataclass(frozen=True)
class CallbackList:
    rows: tuple[CallbackRow, ...]
    today: dt.date
    overdue: int
    due_today: int
    due_soon: int


def _visitor(names: str | None) -> str | None:
    return names.replace("，", "、").split("、")[0].strip() if names else None


def _history(session, case_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, tuple[str, str, int, str | None]]:
    """Per case: the last promise's note, the last reply's text, unreached calls since either, the last outcome.
    Events in stamp order (good enough for a note on a list; the case page shows the causal order)."""
    kinds = (EventKind.PROMISE_CALLBACK.value, EventKind.REPLY.value, EventKind.CALL_ATTEMPT.value)
    rows = session.execute(select(CaseEvent.case_id, CaseEvent.kind, CaseEvent.data)
                           .where(CaseEvent.case_id.in_(list(case_ids)), CaseEvent.kind.in_(kinds),
                                  CaseEvent.deleted_hlc.is_(None))
                           .order_by(CaseEvent.hlc, CaseEvent.id))
    out: dict[uuid.UUID, tuple[str, str, int, str | None]] = {}
    for case_id, kind, data in rows:
        promised, reply, attempts, last = out.get(case_id, ("", "", 0, None))
        data = data or {}
        if kind == EventKind.PROMISE_CALLBACK.value:
            promised, attempts = str(data.get("text") or ""), 0
        elif kind == EventKind.REPLY.value:
            reply, attempts = str(data.get("text") or ""), 0
        else:
            last = str(data.get("outcome") or "") or None
            attempts = 0 if last == CallOutcome.REACHED.value else attempts + 1
        out[case_id] = (promised, reply, attempts, last)
    return out


def callback_worklist(db: Database, *, today: dt.date | None = None, limit: int = LIST_LIMIT,
                      actor: Actor | None = None) -> CallbackList:
    """Open cases with a call-back due by ``today`` + the desk's "due soon" days, and replied cases due a 回访
    (unless their call-back was moved beyond that), the longest overdue first. ``actor``: who is shown the
    list (its full phone numbers): logged in the audit trail, rows counted (issue 17)."""
    today = today or local_today()
    soon = today + dt.timedelta(days=get_settings(db).due_soon_days)
    vil, vis = aliased(Village), aliased(Visit)
    q = (select(Case.id, Case.number, Case.summary, Case.status, Case.callback_due, Case.replied_at,
                Case.registered_at, vis.visitor_names, vis.visitor_phone, vil.name)
         .outerjoin(vil, vil.id == Case.village_id)
         .outerjoin(vis, vis.id == Case.visit_id)
         .where(Case.deleted_hlc.is_(None), is_open(),
                or_(Case.callback_due <= soon,
                    (Case.status == Status.REPLIED.value) & Case.callback_due.is_(None)))
         .order_by(Case.callback_due, Case.replied_at, Case.registered_at)
         .limit(limit))
    with db.session(write=False) as s:
        found = s.execute(q).all()
        history = _history(s, [r[0] for r in found])
    rows = []
    for r in found:
        due = r[4] or (to_local(r[5]).date() if r[5] else to_local(r[6]).date())
        promised, reply, attempts, last = history.get(r[0], ("", "", 0, None))
        rows.append(CallbackRow(r[0], r[1], r[2], r[3], FOLLOW_UP if r[3] == Status.REPLIED.value else CALL_BACK,
                                _visitor(r[7]), r[8], r[9], promised, reply, due, max((today - due).days, 0),
                                attempts, last))
    rows.sort(key=lambda row: (row.due, row.number))
    audit.record_list(db, actor, "回访回电", len(rows), "（含完整电话）")
    return CallbackList(tuple(rows), today, sum(1 for x in rows if x.due < today),
                        sum(1 for x in rows if x.due == today), sum(1 for x in rows if x.due > today))


def record_call(db: Database, actor: Actor, case_id: uuid.UUID, outcome: CallOutcome | str, *,
                callback_due: dt.date | None = None, text: str = "") -> CaseActed:
    """A call made: ``reached`` keeps no promise; any other outcome (没联系上) moves the call-back to
    ``callback_due``, or to the next working day. The status stays; nothing counts as the villager's answer."""
    data = {"outcome": CallOutcome(outcome).value, "text": text,
            "callback_due": callback_due.isoformat() if callback_due else None}
    return act_on_case(db, actor, case_id, EventKind.CALL_ATTEMPT, data)


def record_answer(db: Database, actor: Actor, case_id: uuid.UUID, satisfaction: Satisfaction | str, *,
                  text: str = "") -> CaseActed:
    """The villager's answer on the phone: a 回访 with the satisfaction they gave (chosen by the user's key)."""
    data = {"satisfaction": Satisfaction(satisfaction).value, "text": text or "电话回访"}
    return act_on_case(db, actor, case_id, EventKind.FOLLOW_UP, data)
