"""Erasing one person (PIPL Art. 47) also takes their name, phone and ID number out of the texts staff typed
into their cases' history (a note, a reply, a call's note, a follow-up comment), as synced redactions that
keep each event where it was in the history and keep the figures."""

from __future__ import annotations

import json

from sqlalchemy import select

from liaison_desk.db.models import CaseEvent, OutboxEntry
from liaison_desk.domain.timeutil import local_today
from liaison_desk.domain.workflow import CallOutcome, EventKind
from liaison_desk.services.admin.integrity import run_check
from liaison_desk.services.admin.person import erase_person
from liaison_desk.services.admin.stats import compute_stats
from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, get_case, register_visit

PHONE, ID = "13612345678", "110101199003071233"


def _history(db, case_id):
    with db.session(write=False) as s:
        return [(e.id, e.kind, e.hlc, json.dumps(e.data, ensure_ascii=False))
                for e in s.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id)
                                   .order_by(CaseEvent.hlc, CaseEvent.id))]


def test_erasure_takes_the_person_out_of_notes_replies_calls_and_follow_ups(db, admin):
    mine = register_visit(db, admin, VisitInput("郑春花", visitor_phone=PHONE, id_number=ID),
                          CaseInput("宅基地纠纷")).case_id
    other = register_visit(db, admin, VisitInput("冯大海", visitor_phone="13700001111"), CaseInput("路灯坏了")).case_id
    act_on_case(db, admin, mine, EventKind.NOTE, {"text": f"郑春花来电，手机 {PHONE}，身份证 {ID}"})
    for kind in (EventKind.ACCEPT, EventKind.START):
        act_on_case(db, admin, mine, kind)
    act_on_case(db, admin, mine, EventKind.REPLY, {"resolution": "solved", "text": "已答复郑春花：宅基地已重新丈量"})
    act_on_case(db, admin, mine, EventKind.CALL_ATTEMPT, {"outcome": CallOutcome.NO_ANSWER.value,
                                                          "callback_due": local_today().isoformat(),
                                                          "text": f"拨 {PHONE} 未接，郑春花的儿子说晚上再打"})
    act_on_case(db, admin, mine, EventKind.FOLLOW_UP, {"satisfaction": "satisfied", "text": "回访郑春花，表示满意"})
    act_on_case(db, admin, other, EventKind.NOTE, {"text": "冯大海说郑春花也有同样的问题"})
    before = _history(db, mine)
    state, stats = get_case(db, mine), compute_stats(db)

    done = erase_person(db, admin, PHONE)

    after = _history(db, mine)
    text = "".join(t for *_, t in after)
    assert PHONE not in text and ID not in text and "郑春花" not in text
    assert "宅基地已重新丈量" in text and "未接" in text and "表示满意" in text  # what happened stays
    assert [(i, k, h) for i, k, h, _ in after] == [(i, k, h) for i, k, h, _ in before]  # same place in history
    assert done.events == 4
    view = get_case(db, mine)
    assert (view.status, view.resolution, view.callback_due) == (state.status, state.resolution, state.callback_due)
    figures = compute_stats(db)
    assert {k: v for k, v in figures.items() if k != "outbox_pending"} == \
        {k: v for k, v in stats.items() if k != "outbox_pending"}
    assert not run_check(db).problems
    with db.session(write=False) as s:  # synced: an update of each event, marked as a redaction
        sent = [json.loads(p) for p in s.scalars(select(OutboxEntry.payload).where(
            OutboxEntry.entity == "case_events", OutboxEntry.op == "update"))]
    assert len(sent) == 4 and all(p["redact"] is True for p in sent)
    assert PHONE not in json.dumps(sent) and "郑春花" not in json.dumps(sent, ensure_ascii=False)
